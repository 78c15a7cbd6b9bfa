//! The plan before the change, read in the terms of the week after it: where each request was
//! (day, crew, time, lock), and which engine job and vehicle it is now — a crew may no longer
//! exist (an absence), a request may be gone (a person who left).

use super::RebalanceError;
use crate::engine::{RouteItem, VehicleId};
use crate::week::build::{Demand, Instance};
use crate::week::plan::{DayPlan, Leg, Plan, PlanStop, StopKind};
use std::collections::BTreeMap;

/// What a request is, across plans (engine job ids change when people are added or removed).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Permanence { id: String, day: usize },
    Visit { id: String, occurrence: usize },
    Escort { id: String },
}

impl Key {
    /// The key of a plan stop (escorts: their pickup only); `None` for drives, lunch, base.
    pub fn of_stop(day: usize, stop: &PlanStop) -> Option<Key> {
        let id = stop.id.clone()?;
        match stop.kind {
            StopKind::Permanence => Some(Key::Permanence { id, day }),
            StopKind::Visit => Some(Key::Visit {
                id,
                occurrence: stop.occurrence.unwrap_or(0),
            }),
            StopKind::Escort if stop.leg == Some(Leg::Pickup) => Some(Key::Escort { id }),
            _ => None,
        }
    }

    pub fn of_demand(inst: &Instance<'_>, d: &Demand) -> Key {
        let s = inst.scenario;
        match *d {
            Demand::Permanence { permanence, day } => Key::Permanence {
                id: s.permanences[permanence].id.clone(),
                day,
            },
            Demand::Visit {
                person, occurrence, ..
            } => Key::Visit {
                id: s.people[person].id.clone(),
                occurrence,
            },
            Demand::Escort { escort, .. } => Key::Escort {
                id: s.escorts[escort].id.clone(),
            },
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Key::Permanence { id, .. } | Key::Visit { id, .. } | Key::Escort { id } => id,
        }
    }

    /// A person's first visit of the plan.
    pub fn is_first_visit(&self) -> bool {
        matches!(self, Key::Visit { occurrence: 0, .. })
    }

    /// A visit or an escort: someone expects the team.
    pub fn is_personal(&self) -> bool {
        !matches!(self, Key::Permanence { .. })
    }
}

/// Where a request was in a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// Day of the horizon.
    pub day: usize,
    /// Worker ids, sorted (a crew is a pair, not an order).
    pub crew: [String; 2],
    /// Start of the visit (escorts: of the pickup), seconds since local midnight.
    pub start: i64,
    pub commune: Option<String>,
    pub locked: bool,
}

pub fn sorted(crew: &[String; 2]) -> [String; 2] {
    let mut c = crew.clone();
    c.sort();
    c
}

/// Every request a plan places, by key.
pub fn placements(plan: &Plan) -> BTreeMap<Key, Placement> {
    let mut out = BTreeMap::new();
    for day in &plan.days {
        for stop in &day.stops {
            if let Some(key) = Key::of_stop(day.day, stop) {
                out.insert(
                    key,
                    Placement {
                        day: day.day,
                        crew: sorted(&day.crew),
                        start: stop.start,
                        commune: stop.commune.clone(),
                        locked: stop.locked,
                    },
                );
            }
        }
    }
    out
}

/// The old plan in the new instance's terms.
#[derive(Clone, Debug)]
pub(crate) struct Current {
    /// Per job of the new instance: where it was, if it was planned.
    pub placed: Vec<Option<Placement>>,
    /// Per job: the vehicle of its old crew, if that crew still exists.
    pub vehicle: Vec<Option<VehicleId>>,
    /// Per vehicle: the old route's items (jobs of the new instance and lunch), in order.
    pub routes: Vec<Vec<RouteItem>>,
}

/// Reads `plan` against `inst`. Stops of requests that are gone are skipped when their id is in
/// `removed`; any other unknown stop means the plan does not match its scenario.
pub(crate) fn current(
    plan: &Plan,
    inst: &Instance<'_>,
    removed: &[String],
) -> Result<Current, RebalanceError> {
    let jobs: BTreeMap<Key, usize> = inst
        .demands
        .iter()
        .enumerate()
        .map(|(j, d)| (Key::of_demand(inst, d), j))
        .collect();
    let mut cur = Current {
        placed: vec![None; inst.demands.len()],
        vehicle: vec![None; inst.demands.len()],
        routes: vec![Vec::new(); inst.crews.len()],
    };
    for day in &plan.days {
        let v = vehicle_of(inst, day);
        for stop in &day.stops {
            let item = match stop.kind {
                StopKind::Lunch => RouteItem::Lunch,
                _ => match Key::of_stop(day.day, stop) {
                    None => continue,
                    Some(key) => match jobs.get(&key) {
                        Some(&j) => RouteItem::Job(j),
                        None if removed.iter().any(|r| r == key.id()) => continue,
                        None => return Err(mismatch(day, &key)),
                    },
                },
            };
            if let RouteItem::Job(j) = item {
                cur.placed[j] = placements_of(day, stop);
                cur.vehicle[j] = v;
            }
            if let Some(v) = v {
                cur.routes[v].push(item);
            }
        }
    }
    Ok(cur)
}

fn placements_of(day: &DayPlan, stop: &PlanStop) -> Option<Placement> {
    Some(Placement {
        day: day.day,
        crew: sorted(&day.crew),
        start: stop.start,
        commune: stop.commune.clone(),
        locked: stop.locked,
    })
}

fn mismatch(day: &DayPlan, key: &Key) -> RebalanceError {
    RebalanceError::Plan(crate::week::plan::PlanError::Mismatch(format!(
        "stop {} on {} is not a request of the scenario",
        key.id(),
        day.date
    )))
}

/// The vehicle of the day's crew in `inst`, if that pair still works that day.
pub(crate) fn vehicle_of(inst: &Instance<'_>, day: &DayPlan) -> Option<VehicleId> {
    let s = inst.scenario;
    let want = sorted(&day.crew);
    inst.crews.iter().position(|c| {
        c.day == day.day
            && sorted(&[
                s.workers[c.workers[0]].id.clone(),
                s.workers[c.workers[1]].id.clone(),
            ]) == want
    })
}
