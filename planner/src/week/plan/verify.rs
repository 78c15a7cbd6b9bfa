//! A plan read from disk is checked against its own scenario before anything uses it: the
//! weeks, days, crews, ids and numbers it holds must make sense, or the user gets one line per
//! problem (code, line, field, fix) and nothing runs. A plan edited by hand can still break the
//! week's rules (`tournee plan --check` lists those, R01–R15); it cannot name a person, a
//! worker or a day the scenario does not have.
//!
//! Codes: P001 not JSON · P002 wrong type or missing field · P003 other schema version ·
//! P004 weeks · P005 a day outside the weeks or its date · P006 crew · P007 unknown id ·
//! P008 a number out of range · P009 (the scenario inside the plan, reported with its S codes).

use super::locate::JsonMap;
use super::{Plan, PlanStop, StopKind};
use crate::tr;
use crate::week::calendar::DAY;
use crate::week::diag::{Diagnostic, Diagnostics};
use crate::week::model::Scenario;
use crate::week::text::Text;
use chrono::{Datelike, Weekday};

/// Most weeks a plan (or `tournee plan --weeks`) may cover.
pub const MAX_WEEKS: usize = 12;
/// Longest drive between two stops, in metres (further than any road of France).
const MAX_DRIVE_M: i64 = 2_000_000;

struct Found<'a> {
    file: &'a str,
    map: JsonMap<'a>,
    out: Vec<Diagnostic>,
}

impl Found<'_> {
    fn add(&mut self, code: &str, field: String, cause: Text, fix: Text) {
        let (line, column) = self.map.position(&field).unzip();
        self.out.push(Diagnostic {
            code: code.into(),
            file: self.file.into(),
            line,
            column,
            field,
            cause,
            fix,
        });
    }
}

fn remake() -> Text {
    tr!(
        "corrigez-le à la main, ou refaites le plan avec `tournee plan`",
        "fix it by hand, or make the plan again with `tournee plan`"
    )
}

/// Every problem of `plan` (read from `text`, named `file`) against `scenario`.
pub fn verify(plan: &Plan, scenario: &Scenario, text: &str, file: &str) -> Diagnostics {
    let mut f = Found {
        file,
        map: JsonMap::new(text),
        out: Vec::new(),
    };
    weeks(plan, &mut f);
    for (d, day) in plan.days.iter().enumerate() {
        days(plan, d, &mut f);
        crew(scenario, &day.crew, d, &mut f);
        for (i, stop) in day.stops.iter().enumerate() {
            stop_ids(scenario, stop, &format!("days[{d}].stops[{i}]"), &mut f);
            numbers(plan, stop, &format!("days[{d}].stops[{i}]"), &mut f);
        }
    }
    for (i, u) in plan.unplanned.iter().enumerate() {
        let known = match u.kind.as_str() {
            "visit" => scenario.people.iter().any(|p| p.id == u.id),
            "escort" => scenario.escorts.iter().any(|e| e.id == u.id),
            "permanence" => scenario.permanences.iter().any(|p| p.id == u.id),
            _ => false,
        };
        if !known {
            let (kind, id) = (&u.kind, &u.id);
            f.add(
                "P007",
                format!("unplanned[{i}].id"),
                tr!(
                    "« {kind} {id} » : inconnu du scénario du plan",
                    "\"{kind} {id}\": not in the plan's scenario"
                ),
                remake(),
            );
        }
    }
    for (i, w) in plan.workers.iter().enumerate() {
        if !scenario.workers.iter().any(|x| x.id == w.id) {
            let id = &w.id;
            f.add(
                "P006",
                format!("workers[{i}].id"),
                tr!(
                    "intervenant·e inconnu·e « {id} »",
                    "unknown worker \"{id}\""
                ),
                remake(),
            );
        }
    }
    Diagnostics(f.out)
}

/// The weeks: at least one, at most [`MAX_WEEKS`], consecutive from `first_day`, a Monday.
fn weeks(plan: &Plan, f: &mut Found<'_>) {
    let n = plan.weeks.len();
    if n == 0 || n > MAX_WEEKS {
        f.add(
            "P004",
            "weeks".into(),
            tr!(
                "{n} semaine(s) : un plan couvre de 1 à {MAX_WEEKS} semaines",
                "{n} week(s): a plan covers 1 to {MAX_WEEKS} weeks"
            ),
            remake(),
        );
        return;
    }
    let first = plan.first_day;
    if first.weekday() != Weekday::Mon {
        f.add(
            "P004",
            "first_day".into(),
            tr!("{first} n'est pas un lundi", "{first} is not a Monday"),
            tr!(
                "mettez le lundi de la première semaine",
                "give the Monday of the first week"
            ),
        );
        return;
    }
    let horizon = plan.horizon();
    for (i, (got, want)) in plan.weeks.iter().zip(horizon.week_labels()).enumerate() {
        if *got != want {
            f.add(
                "P004",
                format!("weeks[{i}]"),
                tr!(
                    "semaine « {got} » : la semaine {} du plan est {want} (premier jour {first})",
                    "week \"{got}\": week {} of the plan is {want} (first day {first})",
                    i + 1
                ),
                remake(),
            );
        }
    }
}

fn days(plan: &Plan, d: usize, f: &mut Found<'_>) {
    let day = &plan.days[d];
    let horizon = plan.horizon();
    let (index, date) = (day.day, day.date);
    if index >= horizon.days() || horizon.day_of(date) != Some(index) {
        let last = horizon.date(horizon.days().saturating_sub(1));
        let first = horizon.first_day;
        f.add(
            "P005",
            format!("days[{d}].date"),
            tr!(
                "jour {index} daté du {date} : hors des semaines du plan ({first} → {last}) ou ne correspondant pas au jour",
                "day {index} dated {date}: outside the plan's weeks ({first} → {last}) or not that day"
            ),
            tr!(
                "le jour 0 est le {first} ; date et numéro doivent aller ensemble",
                "day 0 is {first}; the date and the number must agree"
            ),
        );
    }
}

fn crew(scenario: &Scenario, crew: &[String; 2], d: usize, f: &mut Found<'_>) {
    for (k, id) in crew.iter().enumerate() {
        if !scenario.workers.iter().any(|w| &w.id == id) {
            let known: Vec<&str> = scenario.workers.iter().map(|w| w.id.as_str()).collect();
            let known = known.join(", ");
            f.add(
                "P006",
                format!("days[{d}].crew[{k}]"),
                tr!(
                    "intervenant·e inconnu·e « {id} »",
                    "unknown worker \"{id}\""
                ),
                tr!(
                    "intervenants du scénario : {known}",
                    "the scenario's workers: {known}"
                ),
            );
        }
    }
    if crew[0] == crew[1] {
        let id = &crew[0];
        f.add(
            "P006",
            format!("days[{d}].crew[1]"),
            tr!(
                "binôme de « {id} » avec lui/elle-même",
                "\"{id}\" paired with themself"
            ),
            tr!(
                "un binôme compte deux intervenants",
                "a crew is two workers"
            ),
        );
    }
}

fn stop_ids(scenario: &Scenario, stop: &PlanStop, at: &str, f: &mut Found<'_>) {
    let (what, known): (Text, Vec<&str>) = match stop.kind {
        StopKind::Visit => (
            tr!("personne", "person"),
            scenario.people.iter().map(|p| p.id.as_str()).collect(),
        ),
        StopKind::Permanence => (
            tr!("permanence", "permanence"),
            scenario.permanences.iter().map(|p| p.id.as_str()).collect(),
        ),
        StopKind::Escort => (
            tr!("accompagnement", "escort"),
            scenario.escorts.iter().map(|e| e.id.as_str()).collect(),
        ),
        _ => return,
    };
    let id = stop.id.as_deref().unwrap_or("");
    if !known.contains(&id) {
        let (fr, en) = (&what.fr, &what.en);
        f.add(
            "P007",
            format!("{at}.id"),
            tr!(
                "{fr} « {id} » inconnue du scénario du plan (effacée, ou mal recopiée ?)",
                "{en} \"{id}\" is not in the plan's scenario (erased, or mistyped?)"
            ),
            tr!(
                "corrigez l'identifiant ou retirez l'étape (tournee tui, x)",
                "fix the id or take the stop out (tournee tui, x)"
            ),
        );
    }
}

/// Times within the day, drives not negative nor absurd.
fn numbers(plan: &Plan, stop: &PlanStop, at: &str, f: &mut Found<'_>) {
    let days = plan.horizon().days();
    if let Some(o) = stop.occurrence.filter(|o| *o >= days) {
        f.add(
            "P008",
            format!("{at}.occurrence"),
            tr!(
                "visite n° {o} : hors limites (moins de {days} visites dans les semaines du plan)",
                "visit number {o}: out of range (fewer than {days} visits in the plan's weeks)"
            ),
            remake(),
        );
    }
    let range = |field: &str, v: i64, max: i64, f: &mut Found<'_>| {
        if !(0..=max).contains(&v) {
            f.add(
                "P008",
                format!("{at}.{field}"),
                tr!(
                    "{field} = {v} hors limites (0 à {max})",
                    "{field} = {v} out of range (0 to {max})"
                ),
                tr!(
                    "les heures sont en secondes depuis minuit (9 h = 32400)",
                    "times are seconds since midnight (9:00 = 32400)"
                ),
            );
        }
    };
    range("arrival", stop.arrival, DAY, f);
    range("start", stop.start, DAY, f);
    range("end", stop.end, DAY, f);
    range("drive_s", stop.drive_s, DAY, f);
    range("drive_m", stop.drive_m, MAX_DRIVE_M, f);
}
