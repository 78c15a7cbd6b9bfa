//! Rebalancing a planned week after a referral, a person leaving, an absence or a
//! cancellation, moving as few announced visits as possible: every moved visit is a phone call
//! to someone who was expecting the team.
//!
//! [`rebalance`] takes the plan (which carries its scenario), a [`Change`] and the road map,
//! and returns the new plan with a [`Diff`] that says what changed and why. The objective, in
//! this order:
//! 1. every hard rule of the weekly plan (`week::build`); visits before
//!    [`RebalanceOptions::from`] and locked visits stay exactly where they are;
//! 2. the requests to place are placed — the referral (within 48 h when urgent), the visits of
//!    a crew that lost a worker, a cancelled visit on another day — by priority;
//! 3. the fewest announced visits changed: a visit changes when its day or pair changes or its
//!    time moves by more than the tolerance (30 min by default);
//! 4. then the least drive time.
//!
//! How: every announced visit is first held in place (pinned to its crew, window narrowed to
//! its time ± tolerance) and the optimiser (`engine::solve`, warm-started from the plan) only
//! places the new requests. If they do not all fit, held visits are freed by iterative
//! deepening — every set of 1, then 2, … of the visits most likely to make room, each a small
//! solve — then, as a last resort, all of them at once (each still drawn back to its own
//! crew) — and the best plan is kept. Each result goes through the engine's independent
//! checker and the week's checker. When a request still does not fit, further attempts
//! compute why and what would make it fit (hours missing per worker, a lower-priority visit to
//! postpone, a slot beyond 48 h).

mod change;
mod current;
mod diff;
mod edit;
mod explain;
mod finish;
mod prepare;
mod score;
mod search;
mod setup;

pub use change::{Absent, Cancel, Change, DaySpec, Referral};
pub use current::{Key, Placement, placements};
pub use diff::{At, ChangeKind, Diff, Item, Moved, Placed};
pub use explain::{NotPlaced, Slot, Suggestion, WorkerTime};
pub use score::{Movement, Score, changes, movement};

use crate::units::Duration;
use crate::week::diag::Diagnostics;
use crate::week::model::Scenario;
use crate::week::plan::{Plan, PlanError};
use crate::week::roads::{Roads, RoadsError};
use crate::week::text::Text;
use crate::week::{Horizon, Lang};
use chrono::NaiveDate;

/// How to rebalance.
#[derive(Clone, Debug, PartialEq)]
pub struct RebalanceOptions {
    pub seed: u64,
    /// A visit moved by at most this much, same day and pair, is not a change.
    pub tolerance: Duration,
    /// First day that may change (today, during the week); earlier days are kept as they are.
    /// `None`: the first day of the plan.
    pub from: Option<NaiveDate>,
    /// Postpone announced visits (never escorts, never of higher priority than the requests to
    /// place) to the next week when the requests do not fit otherwise; always on for urgent
    /// referrals. Off, the rebalance only suggests which visit to postpone.
    pub make_room: bool,
    /// Most held visits freed at once.
    pub max_freed: usize,
    /// Held visits considered for freeing (the most likely to make room).
    pub pool: usize,
    /// Optimiser iterations per job free to move in an attempt.
    pub effort: u64,
    /// Wall-clock guard: no new set of freed visits is tried after this.
    pub budget: std::time::Duration,
}

impl Default for RebalanceOptions {
    fn default() -> RebalanceOptions {
        RebalanceOptions {
            seed: 1,
            tolerance: Duration(30 * 60),
            from: None,
            make_room: false,
            max_freed: 3,
            pool: 10,
            effort: 60,
            budget: std::time::Duration::from_secs(2),
        }
    }
}

/// The rebalanced plan and what changed.
#[derive(Clone, Debug)]
pub struct Rebalanced {
    pub plan: Plan,
    pub diff: Diff,
    /// The scenario after the change (the one inside `plan`).
    pub scenario: Scenario,
}

/// Why the rebalance could not be done. All but `Internal` are the user's input to fix.
#[derive(Debug, thiserror::Error)]
pub enum RebalanceError {
    #[error("{0}")]
    Plan(#[from] PlanError),
    #[error("{0}")]
    Referral(Diagnostics),
    #[error("unknown person or escort id {0}")]
    UnknownId(String),
    #[error("unknown worker {0}")]
    UnknownWorker(String),
    #[error("day {day} is not in the planned weeks {weeks}")]
    DayOutside { day: String, weeks: String },
    #[error("day {day} is before {from}, the first day that may change")]
    DayPast { day: NaiveDate, from: NaiveDate },
    #[error("{id} has no visit on {date} in the plan")]
    NotPlanned { id: String, date: NaiveDate },
    #[error("the planned weeks are over ({weeks}); make a new plan")]
    Over { weeks: String },
    #[error("the plan breaks rules, check it with `tournee plan --check`: {}", .0.join("; "))]
    PlanBroken(Vec<String>),
    #[error("{0}")]
    Roads(#[from] RoadsError),
    #[error("internal error, please report it: {0}")]
    Internal(String),
}

impl RebalanceError {
    /// True when the user can fix it (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            RebalanceError::Roads(e) => e.is_bad_input(),
            RebalanceError::Plan(PlanError::Io { .. }) => true,
            RebalanceError::Internal(_) => false,
            _ => true,
        }
    }

    /// The message in the user's language, with its code and how to fix it.
    pub fn text(&self, lang: Lang) -> String {
        let words = self
            .words()
            .map_or_else(|| self.to_string(), |t| t.get(lang).to_string());
        match self.code() {
            Some(code) => format!("[{code}] {words}"),
            None => words,
        }
    }

    /// The stable code of a change that does not fit the plan (C001–C007); the referral's,
    /// the plan's and the map's own errors carry theirs (S…, P…, M…).
    pub fn code(&self) -> Option<&'static str> {
        Some(match self {
            RebalanceError::UnknownId(_) => "C001",
            RebalanceError::UnknownWorker(_) => "C002",
            RebalanceError::DayOutside { .. } => "C003",
            RebalanceError::DayPast { .. } => "C004",
            RebalanceError::NotPlanned { .. } => "C005",
            RebalanceError::Over { .. } => "C006",
            RebalanceError::PlanBroken(_) => "C007",
            _ => return None,
        })
    }

    fn words(&self) -> Option<Text> {
        use crate::tr;
        Some(match self {
            RebalanceError::Referral(d) => Text::new(d.render(Lang::Fr), d.render(Lang::En)),
            RebalanceError::UnknownId(id) => tr!(
                "{id} n'est ni une personne ni un accompagnement du plan — vérifiez le code (B01…, E1…)",
                "{id} is neither a person nor an escort of the plan — check the code (B01…, E1…)"
            ),
            RebalanceError::UnknownWorker(w) => tr!(
                "intervenant inconnu « {w} » — donnez l'identifiant du scénario (par exemple camille)",
                "unknown worker \"{w}\" — give the id from the scenario (e.g. camille)"
            ),
            RebalanceError::DayOutside { day, weeks } => tr!(
                "le jour {day} n'est pas dans les semaines du plan ({weeks}) — donnez un jour (mardi) ou une date de ces semaines",
                "day {day} is not in the plan's weeks ({weeks}) — give a weekday (tuesday) or a date in them"
            ),
            RebalanceError::DayPast { day, from } => tr!(
                "le {day} est avant le {from}, premier jour modifiable — changez --on ou --from",
                "{day} is before {from}, the first day that may change — change --on or --from"
            ),
            RebalanceError::NotPlanned { id, date } => tr!(
                "{id} n'a pas de passage le {date} dans le plan — vérifiez le jour",
                "{id} has no visit on {date} in the plan — check the day"
            ),
            RebalanceError::Over { weeks } => tr!(
                "les semaines du plan sont passées ({weeks}) — faites un nouveau plan avec tournee plan",
                "the plan's weeks are over ({weeks}) — make a new plan with tournee plan"
            ),
            _ => return None,
        })
    }
}

/// Rebalances `plan` after `change`, on the road map `roads` (the one the plan was made on).
///
/// Deterministic for the same inputs and options, unless [`RebalanceOptions::budget`] cuts
/// the search (it is a guard far above what the default week needs). The returned plan passes
/// the engine's independent checker and the week's checker (`week::check`); a permanence
/// whose crew is gone and that no other pair can hold is reported in the diff and is the only
/// rule the new plan may break (R05).
pub fn rebalance(
    plan: &Plan,
    change: &Change,
    roads: &Roads,
    options: &RebalanceOptions,
) -> Result<Rebalanced, RebalanceError> {
    finish::run(plan, change, roads, options)
}

/// The first day that may change: `from` clamped to the plan's weeks.
pub fn first_open_day(h: &Horizon, from: Option<NaiveDate>) -> Result<usize, RebalanceError> {
    let Some(from) = from else { return Ok(0) };
    let offset = h.offset_of(from);
    if offset >= h.days() as i64 {
        return Err(RebalanceError::Over {
            weeks: h.week_labels().join(", "),
        });
    }
    Ok(offset.max(0) as usize)
}

#[cfg(test)]
mod absence_tests;
#[cfg(test)]
mod exhaustive_tests;
#[cfg(test)]
mod lock_tests;
#[cfg(test)]
mod tests;
