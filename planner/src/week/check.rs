//! The independent week checker: recomputes every rule from the scenario and the plan alone
//! (plus travel times from the map), without the builder or the engine, so a bug in either
//! cannot hide itself. Every plan produced in tests goes through it; `tournee plan --check`
//! runs it on a plan file.
//!
//! Rules (codes stable): R01 structure of a day (departure first, return last, times in order)
//! · R02 drive times and distances consistent with the map · R03 leave from and come back to
//! the base within the working day · R04 a visit inside the person's windows · R05 permanence
//! held at its hours · R06 escort legs back to back, appointment on time · R07 frequency and
//! gaps between visits · R08 a pair of two different workers who work that day, free of blocks
//! · R09 a worker in one crew a day, camping-cars per day · R10 skill · R11 weekly hours ≤ cap
//! · R12 day ≤ maximum hours · R13 lunch in its window · R14 territory · R15 unknown stop.

mod days;
mod week;

use super::model::Scenario;
use super::plan::Plan;
use super::text::{Lang, Text};
use super::travel::TravelTimes;
use chrono::NaiveDate;
use maps::LatLon;

/// One broken rule, with the day and stop it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub rule: &'static str,
    pub date: Option<NaiveDate>,
    /// Person, permanence or escort id (or worker id for hours).
    pub subject: Option<String>,
    pub text: Text,
}

impl Violation {
    pub fn render(&self, lang: Lang) -> String {
        let date = self.date.map(|d| format!(" {d}")).unwrap_or_default();
        let who = self
            .subject
            .as_ref()
            .map(|s| format!(" {s}"))
            .unwrap_or_default();
        format!("[{}]{date}{who}: {}", self.rule, self.text.get(lang))
    }
}

/// Travel times for any list of points (the same map the plan was made with).
pub type TravelSource<'a> = dyn Fn(&[LatLon]) -> TravelTimes + 'a;

/// Every rule the plan breaks (empty when it is sound).
pub fn check(scenario: &Scenario, plan: &Plan, travel: &TravelSource<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    let places = days::places(scenario, plan, &mut out);
    let times = travel(&places.points);
    for (d, day) in plan.days.iter().enumerate() {
        days::check_day(scenario, day, &places.of_day[d], &times, &mut out);
    }
    week::check_week(scenario, plan, &mut out);
    out
}

/// A violation, built tersely by the rule modules.
pub(crate) fn v(
    rule: &'static str,
    date: Option<NaiveDate>,
    subject: Option<&str>,
    text: Text,
) -> Violation {
    Violation {
        rule,
        date,
        subject: subject.map(str::to_string),
        text,
    }
}
