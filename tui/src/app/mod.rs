//! The terminal UI's state ([`App`]) apart from its drawing (`views/`): keys become
//! [`Action`]s (`keys.rs`), [`App::apply`] makes the change (`apply.rs`, `edits.rs`), the views
//! draw the state. Slow work (re-optimising) runs on a worker thread (`worker.rs`); a referral
//! is added by the rebalancer on this thread (`referral.rs`: well under a second a week).

mod apply;
pub mod columns;
mod edits;
pub mod form;
pub mod history;
pub mod i18n;
pub mod journal;
pub mod keys;
mod optimise;
mod persist;
mod referral;
pub mod roadmap;
pub mod run;
pub mod session;
pub mod views;
pub mod worker;

pub use keys::Action;
pub use run::{Event, run};
pub use session::Session;

use form::ReferralForm;
use history::History;
use journal::{Found, Journal};
use planner::week::Lang;
use planner::week::reoptimise::ReoptOptions;
use planner::week::text::Text;
use roadmap::RoadMap;
use std::path::PathBuf;
use worker::Job;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Week,
    Map,
    People,
    Staff,
}

impl View {
    pub const ALL: [View; 4] = [View::Week, View::Map, View::People, View::Staff];
}

/// What the keys do at the moment.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    Normal,
    Help,
    ConfirmQuit,
    /// A journal of unsaved edits was found at start.
    Recover(Box<Found>),
    Form(Box<ReferralForm>),
    /// What the rebalancer did with a referral, until a key is pressed.
    Message(Box<Text>),
}

/// Where the selection is in the week.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Days,
    Unplanned,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Column of the week (see [`columns::columns`]).
    pub column: usize,
    /// Route item (job or lunch) in the column's tour.
    pub item: usize,
    pub focus: Focus,
    pub unplanned: usize,
    pub person: usize,
    /// Week shown in the staff view.
    pub week: usize,
    pub zoom: i8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// The message of the status line.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub text: Text,
    pub level: Level,
}

/// Where the plan is saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    pub path: PathBuf,
    /// The plan came from that file (not planned in memory).
    pub from_file: bool,
}

pub struct App {
    pub session: Session,
    pub history: History,
    pub store: Store,
    pub journal: Journal,
    pub view: View,
    pub mode: Mode,
    pub lang: Lang,
    /// Show addresses (never notes).
    pub details: bool,
    pub cursor: Cursor,
    pub status: Option<Status>,
    pub job: Option<Job>,
    pub reopt: ReoptOptions,
    pub roads: Option<RoadMap>,
    /// Days before this one are not changed by a referral (the rebalance's `from`).
    pub today: chrono::NaiveDate,
    pub quit: bool,
}

impl App {
    pub fn new(session: Session, store: Store, lang: Lang) -> App {
        let base = journal::fingerprint(session.plan.to_json().as_bytes());
        let journal = Journal::new(journal::path_for(&store.path), base);
        let dir = store.path.parent().map(PathBuf::from).unwrap_or_default();
        let roads = RoadMap::load(&session.scenario.team.map, &dir);
        let reopt = ReoptOptions {
            seed: session.plan.seed,
            ..ReoptOptions::default()
        };
        App {
            session,
            history: History::new(true),
            store,
            journal,
            view: View::Week,
            mode: Mode::Normal,
            lang,
            details: false,
            cursor: Cursor::default(),
            status: None,
            job: None,
            reopt,
            roads,
            today: planner::week::Horizon::today(),
            quit: false,
        }
    }

    /// Asks, before anything else, whether to replay the edits of a journal found at start.
    pub fn offer_recovery(&mut self, found: Found) {
        self.mode = Mode::Recover(Box::new(found));
    }

    /// Whether the journal belongs to the plan opened.
    pub fn journal_matches(&self, found: &Found) -> bool {
        found.base == journal::fingerprint(self.session.plan.to_json().as_bytes())
    }

    pub fn say(&mut self, text: Text, level: Level) {
        self.status = Some(Status { text, level });
    }

    pub fn info(&mut self, text: Text) {
        self.say(text, Level::Info);
    }

    pub fn unsaved(&self) -> bool {
        self.history.unsaved()
    }
}
