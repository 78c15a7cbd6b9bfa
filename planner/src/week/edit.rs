//! Hand edits of a plan, as the team makes them in the terminal UI: move a stop to another day
//! or to another place in its route, lock or unlock it, take it out of the plan, or replace the
//! routes by those of a re-optimisation.
//!
//! An edit is a small value that names stops by id only ([`StopRef`]: kind, id, occurrence),
//! never by name or address, so the UI can journal it next to the plan and replay it after a
//! crash: the same edits on the same plan give the same plan. Applying an edit re-times the
//! days it touches ([`retime_day`]) and refreshes hours and totals; it never refuses a move
//! because it breaks a rule — the week checker reports what breaks, on the stop.
//!
//! Locked stops keep their time: [`Pins`] narrows the windows of their jobs to the time
//! announced, so re-timing a day or re-optimising the week keeps them where they are.

mod pins;
mod place;
#[cfg(test)]
mod tests;

use super::build::Instance;
use super::plan::make::unassigned;
use super::plan::{
    DayPlan, Leg, Plan, PlanError, PlanStop, Reason, StopKind, retime_day, solution_of,
};
use super::solve::objective;
use super::text::Text;
use crate::engine::{Problem, UnassignedReason};
use crate::tr;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use pins::Pins;
pub use place::{best_position, crew_for, item_spans, job_of_ref};

/// Code of the reason given to a request the team took out of the plan by hand.
pub const BY_HAND: &str = "U12";

/// A job of the plan (or its lunch break), by id only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopRef {
    pub kind: StopKind,
    /// Permanence, person or escort id (empty for lunch).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Which visit of the person in the horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<usize>,
}

impl StopRef {
    /// The job (or lunch) a stop belongs to; `None` for departures, drives and returns.
    pub fn of(stop: &PlanStop) -> Option<StopRef> {
        match stop.kind {
            StopKind::Departure | StopKind::Drive | StopKind::Return => None,
            StopKind::Lunch => Some(StopRef::lunch()),
            kind => Some(StopRef {
                kind,
                id: stop.id.clone().unwrap_or_default(),
                occurrence: stop.occurrence,
            }),
        }
    }

    pub fn lunch() -> StopRef {
        StopRef {
            kind: StopKind::Lunch,
            id: String::new(),
            occurrence: None,
        }
    }

    /// The request of an entry of the unplanned list.
    pub fn of_unplanned(u: &super::plan::Unplanned) -> StopRef {
        let kind = match u.kind.as_str() {
            "escort" => StopKind::Escort,
            "permanence" => StopKind::Permanence,
            _ => StopKind::Visit,
        };
        StopRef {
            kind,
            id: u.id.clone(),
            occurrence: u.occurrence,
        }
    }

    pub fn matches(&self, stop: &PlanStop) -> bool {
        stop.kind == self.kind
            && stop.id.as_deref().unwrap_or("") == self.id
            && stop.occurrence == self.occurrence
    }

    fn rank(&self) -> (u8, &str, Option<usize>) {
        let k = match self.kind {
            StopKind::Permanence => 0,
            StopKind::Visit => 1,
            StopKind::Escort => 2,
            StopKind::Lunch => 3,
            StopKind::Departure | StopKind::Drive | StopKind::Return => 4,
        };
        (k, &self.id, self.occurrence)
    }
}

impl PartialOrd for StopRef {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for StopRef {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

/// One tour of a re-optimised plan: its crew and the order of its jobs and lunch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRoute {
    pub date: NaiveDate,
    pub crew: [String; 2],
    pub items: Vec<StopRef>,
}

/// A request a re-optimisation left out, with the optimiser's reasons (ids only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub stop: StopRef,
    pub reasons: Vec<UnassignedReason>,
}

/// One change to a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Puts a job (planned or not) in the tour of `crew` on `date`, before the route item at
    /// `position` (jobs and lunch counted, an escort once); the tour is created if needed.
    /// Lunch and permanences and escorts keep their date.
    Move {
        stop: StopRef,
        date: NaiveDate,
        crew: [String; 2],
        position: usize,
    },
    Lock {
        stop: StopRef,
        locked: bool,
    },
    /// Takes a visit or escort out of the plan (reason [`BY_HAND`]).
    Unplan {
        stop: StopRef,
    },
    /// Replaces every tour (the result of a re-optimisation).
    Routes {
        days: Vec<DayRoute>,
        left: Vec<LeftOut>,
    },
}

/// Why an edit cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{0} is not in the plan")]
    NotFound(String),
    #[error("{0} is locked: unlock it first")]
    Locked(String),
    #[error("{0} keeps its date (permanence, escort or lunch)")]
    FixedDate(String),
    #[error("permanences stay in the plan")]
    Permanence,
    #[error("no crew {crew} on {date}")]
    NoCrew { date: NaiveDate, crew: String },
    #[error(transparent)]
    Plan(#[from] PlanError),
}

impl EditError {
    /// The message for the team, in both languages.
    pub fn text(&self) -> Text {
        match self {
            EditError::NotFound(id) => {
                tr!("{id} n'est pas dans le plan", "{id} is not in the plan")
            }
            EditError::Locked(id) => tr!(
                "{id} est verrouillée : déverrouillez-la d'abord",
                "{id} is locked: unlock it first"
            ),
            EditError::FixedDate(id) => tr!(
                "{id} garde sa date (permanence, accompagnement ou déjeuner)",
                "{id} keeps its date (drop-in, escort or lunch)"
            ),
            EditError::Permanence => tr!(
                "les permanences restent au plan",
                "drop-ins stay in the plan"
            ),
            EditError::NoCrew { date, crew } => {
                tr!("pas de binôme {crew} le {date}", "no crew {crew} on {date}")
            }
            EditError::Plan(e) => Text::new(e.to_string(), e.to_string()),
        }
    }
}

/// Applies `edit` to `plan`. `base` is the week's problem without pins; locks are kept in
/// `pins`. On error the plan is unchanged.
pub fn apply(
    plan: &mut Plan,
    pins: &mut Pins,
    inst: &Instance<'_>,
    base: &Problem,
    edit: &Edit,
) -> Result<(), EditError> {
    let mut work = plan.clone();
    match edit {
        Edit::Move {
            stop,
            date,
            crew,
            position,
        } => {
            let problem = pins.problem(base, inst, &work);
            place::move_stop(
                &mut work,
                inst,
                &problem,
                stop,
                (*date, crew.clone()),
                *position,
            )?;
            refresh(&mut work, inst, &problem);
        }
        Edit::Lock { stop, locked } => set_locked(&mut work, pins, stop, *locked)?,
        Edit::Unplan { stop } => {
            let problem = pins.problem(base, inst, &work);
            unplan(&mut work, inst, &problem, stop)?;
            refresh(&mut work, inst, &problem);
        }
        Edit::Routes { days, left } => {
            let problem = pins.problem(base, inst, &work);
            place::set_routes(&mut work, inst, &problem, days, left)?;
        }
    }
    *plan = work;
    Ok(())
}

/// Hours per worker, totals and the objective, after the days changed.
pub fn refresh(plan: &mut Plan, inst: &Instance<'_>, problem: &Problem) {
    super::plan::refresh(plan, inst);
    if let Ok(solution) = solution_of(plan, inst) {
        plan.cost = objective(problem, &solution).0;
    }
}

/// Where a job is: (day index, stop index of its first stop).
pub fn locate(plan: &Plan, stop: &StopRef) -> Option<(usize, usize)> {
    plan.days.iter().enumerate().find_map(|(d, day)| {
        day.stops
            .iter()
            .position(|s| stop.matches(s))
            .map(|i| (d, i))
    })
}

fn set_locked(
    plan: &mut Plan,
    pins: &mut Pins,
    stop: &StopRef,
    locked: bool,
) -> Result<(), EditError> {
    let (d, i) = locate(plan, stop).ok_or_else(|| EditError::NotFound(stop.id.clone()))?;
    if stop.kind == StopKind::Lunch {
        return Err(EditError::NotFound(stop.id.clone()));
    }
    let start = plan.days[d].stops[i].start;
    for s in plan.days[d].stops.iter_mut().filter(|s| stop.matches(s)) {
        s.locked = locked;
    }
    if locked {
        pins.pin(stop.clone(), start);
    } else {
        pins.unpin(stop);
    }
    Ok(())
}

fn unplan(
    plan: &mut Plan,
    inst: &Instance<'_>,
    problem: &Problem,
    stop: &StopRef,
) -> Result<(), EditError> {
    match stop.kind {
        StopKind::Visit | StopKind::Escort => {}
        StopKind::Permanence => return Err(EditError::Permanence),
        _ => return Err(EditError::NotFound(stop.id.clone())),
    }
    let (d, _) = locate(plan, stop).ok_or_else(|| EditError::NotFound(stop.id.clone()))?;
    let day = plan.days[d].day;
    let job =
        job_of_ref(inst, stop, Some(day)).ok_or_else(|| EditError::NotFound(stop.id.clone()))?;
    let key = plan_key(&plan.days, d);
    place::take(plan, stop, None)?;
    place::settle(plan, inst, problem, &[key])?;
    let mut entry = unassigned(inst, job, &[]);
    entry.reasons = vec![by_hand()];
    plan.unplanned.push(entry);
    Ok(())
}

/// The reason of a request taken out by hand.
pub fn by_hand() -> Reason {
    Reason {
        code: BY_HAND.to_string(),
        text: tr!(
            "retirée du plan à la main par l'équipe",
            "taken out of the plan by hand by the team"
        ),
    }
}

/// A tour's identity: date and crew (the crew in either order).
pub(crate) type DayKey = (NaiveDate, [String; 2]);

pub(crate) fn plan_key(days: &[DayPlan], d: usize) -> DayKey {
    (days[d].date, days[d].crew.clone())
}

pub(crate) fn same_crew(a: &[String; 2], b: &[String; 2]) -> bool {
    (a[0] == b[0] && a[1] == b[1]) || (a[0] == b[1] && a[1] == b[0])
}

pub(crate) fn find_day(days: &[DayPlan], key: &DayKey) -> Option<usize> {
    days.iter()
        .position(|d| d.date == key.0 && same_crew(&d.crew, &key.1))
}

/// Re-times a day after its stops were changed.
pub(crate) fn retime(
    plan: &mut Plan,
    inst: &Instance<'_>,
    problem: &Problem,
    d: usize,
) -> Result<(), EditError> {
    retime_day(plan, inst, problem, d)?;
    Ok(())
}

/// A placeholder stop of a job, before re-timing fills it in.
pub(crate) fn placeholder(stop: &StopRef) -> PlanStop {
    PlanStop {
        kind: stop.kind,
        id: (!stop.id.is_empty()).then(|| stop.id.clone()),
        occurrence: stop.occurrence,
        leg: (stop.kind == StopKind::Escort).then_some(Leg::Pickup),
        commune: None,
        arrival: 0,
        start: 0,
        end: 0,
        drive_s: 0,
        drive_m: 0,
        locked: false,
    }
}
