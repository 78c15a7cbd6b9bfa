//! The weekly domain model: a scenario after validation, typed and resolved (places as
//! coordinates, times as seconds since local midnight, days as weekdays). Built only by
//! [`super::validate::validate`], so everything here is already known to be consistent.

use crate::units::Duration;
use chrono::{NaiveDate, Weekday};
use maps::LatLon;
use std::collections::BTreeSet;

pub use super::territory::Territory;

/// A validated scenario, with the text it came from (embedded in every plan so that a plan
/// alone is enough to reload, check and rebalance it).
#[derive(Clone, Debug)]
pub struct Scenario {
    pub source: String,
    pub file_name: String,
    pub team: Team,
    pub workers: Vec<Worker>,
    pub permanences: Vec<Permanence>,
    pub people: Vec<Person>,
    pub escorts: Vec<Escort>,
}

/// A resolved place. `commune` is the commune given, or the one whose centre is nearest.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    pub point: LatLon,
    pub commune: String,
    pub label: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum MapChoice {
    /// The synthetic Cantal map compiled into the binary.
    Embedded,
    /// A `.graph` file made by `tournee map import` (relative to the scenario file).
    File(String),
}

#[derive(Clone, Debug)]
pub struct Team {
    pub name: String,
    pub base: Location,
    pub territory: Territory,
    pub hours_per_fte: f64,
    pub max_day: Duration,
    /// Earliest departure and latest return, since local midnight.
    pub day_start: Duration,
    pub day_end: Duration,
    pub lunch: Lunch,
    pub campers: usize,
    pub map: MapChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lunch {
    pub earliest: Duration,
    pub latest: Duration,
    pub length: Duration,
}

#[derive(Clone, Debug)]
pub struct Worker {
    pub id: String,
    pub name: String,
    pub fte: f64,
    pub days: BTreeSet<WeekdayKey>,
    pub skills: BTreeSet<String>,
    pub blocks: Vec<Block>,
    pub absences: Vec<Absence>,
}

/// `chrono::Weekday` ordered Monday first, usable in sets.
pub type WeekdayKey = u32;

pub fn key(day: Weekday) -> WeekdayKey {
    day.num_days_from_monday()
}

/// Weekly time spent elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub day: Weekday,
    pub start: Duration,
    pub end: Duration,
    pub reason: String,
    pub in_fte: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Absence {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

impl Worker {
    /// Works that date at all (weekday worked, not absent).
    pub fn works_on(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        self.days.contains(&key(date.weekday()))
            && !self.absences.iter().any(|a| a.from <= date && date <= a.to)
    }

    /// Blocks on that weekday.
    pub fn blocks_on(&self, day: Weekday) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.day == day)
    }
}

#[derive(Clone, Debug)]
pub struct Permanence {
    pub id: String,
    pub site: Location,
    pub day: Weekday,
    pub start: Duration,
    pub end: Duration,
    pub setup: Duration,
    pub packup: Duration,
}

impl Permanence {
    /// From arrival (set-up starts) to departure (packed up).
    pub fn service(&self) -> Duration {
        self.setup + (self.end - self.start) + self.packup
    }
    pub fn arrival(&self) -> Duration {
        self.start - self.setup
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Frequency {
    Weekly,
    TwiceWeekly,
    Fortnightly,
    Monthly,
}

impl Frequency {
    /// Days between two visits on schedule (twice a week: 3.5, kept in half days).
    pub fn period_half_days(self) -> i64 {
        match self {
            Frequency::Weekly => 14,
            Frequency::TwiceWeekly => 7,
            Frequency::Fortnightly => 28,
            Frequency::Monthly => 56,
        }
    }
    /// Fewest days between two visits (twice a week: non-consecutive days).
    pub fn min_gap(self) -> i64 {
        match self {
            Frequency::Weekly => 3,
            Frequency::TwiceWeekly => 2,
            Frequency::Fortnightly => 7,
            Frequency::Monthly => 14,
        }
    }
    /// Most days between two visits when the file does not say.
    pub fn default_max_gap(self) -> u32 {
        match self {
            Frequency::Weekly => 10,
            Frequency::TwiceWeekly => 5,
            Frequency::Fortnightly => 18,
            Frequency::Monthly => 35,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::TwiceWeekly => "twice-weekly",
            Frequency::Fortnightly => "fortnightly",
            Frequency::Monthly => "monthly",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Venue {
    /// At the person's home.
    Home,
    /// In the camping-car parked near the home.
    Camper,
    /// At a meeting point agreed with the person (never the marked vehicle at their door).
    MeetingPoint,
}

impl Venue {
    pub fn code(self) -> &'static str {
        match self {
            Venue::Home => "home",
            Venue::Camper => "camper",
            Venue::MeetingPoint => "meeting-point",
        }
    }
}

/// Time windows for the whole visit (not only its start), per weekday, Monday first.
pub type WeekWindows = [Vec<(Duration, Duration)>; 7];

#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub pseudonym: String,
    pub home: Location,
    pub address: Option<String>,
    pub visit: Duration,
    pub frequency: Frequency,
    pub last_visit: Option<LastVisit>,
    pub max_gap_days: u32,
    pub windows: WeekWindows,
    pub venue: Venue,
    pub meeting_point: Option<Location>,
    pub preferred_worker: Option<String>,
    pub skill: Option<String>,
    pub priority: u8,
    pub referrer: Option<String>,
}

/// When the person was last visited: a date, or a number of days before the first planned day
/// (the embedded example uses the latter so that it stays current whatever the date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LastVisit {
    Date(NaiveDate),
    DaysBefore(u32),
}

impl Person {
    /// The date of the last visit for a horizon starting on `first_day`.
    pub fn last_visit_date(&self, first_day: NaiveDate) -> Option<NaiveDate> {
        match self.last_visit? {
            LastVisit::Date(d) => Some(d),
            LastVisit::DaysBefore(n) => Some(first_day - chrono::Days::new(u64::from(n))),
        }
    }

    /// Where the visit takes place.
    pub fn visit_location(&self) -> &Location {
        match (self.venue, &self.meeting_point) {
            (Venue::MeetingPoint, Some(m)) => m,
            _ => &self.home,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EscortDay {
    Date(NaiveDate),
    /// That weekday of the first planned week.
    Weekday(Weekday),
}

#[derive(Clone, Debug)]
pub struct Escort {
    pub id: String,
    /// Index into [`Scenario::people`].
    pub person: usize,
    pub destination: Location,
    pub day: EscortDay,
    pub appointment: Duration,
    pub minutes_there: Duration,
    pub return_home: bool,
    pub seats: u32,
    pub priority: u8,
}

/// How long before the appointment the crew may arrive.
pub const ESCORT_EARLY: Duration = Duration(20 * 60);
/// Time to fetch the person at home / see them back in.
pub const ESCORT_HANDOVER: Duration = Duration(10 * 60);

impl Scenario {
    pub fn worker(&self, id: &str) -> Option<&Worker> {
        self.workers.iter().find(|w| w.id == id)
    }
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }
}
