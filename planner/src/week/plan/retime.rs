//! From a plan back to the engine's terms: the solution it describes (to check it, to start
//! rebalancing from it) and the re-timing of one day after a manual move.

use super::make::day_plan;
use super::*;
use crate::engine::{Problem, Route, RouteItem, Solution};
use crate::week::build::{Demand, Instance};
use crate::week::timing::{on_day, time_route};

/// The routes a plan describes. Fails if a day or a stop matches nothing in the scenario.
pub fn solution_of(plan: &Plan, inst: &Instance<'_>) -> Result<Solution, PlanError> {
    let mut routes: Vec<Route> = (0..inst.crews.len())
        .map(|v| Route {
            vehicle: v,
            items: vec![],
        })
        .collect();
    for day in &plan.days {
        let v = vehicle_of(inst, day)?;
        if !routes[v].items.is_empty() {
            return Err(PlanError::Mismatch(format!(
                "two tours for the crew {} on {}",
                day.crew.join("+"),
                day.date
            )));
        }
        routes[v].items = items_of(inst, day)?;
    }
    Ok(Solution {
        routes,
        unassigned: vec![],
    })
}

/// The potential route of the day's crew.
pub fn vehicle_of(inst: &Instance<'_>, day: &DayPlan) -> Result<usize, PlanError> {
    let s = inst.scenario;
    let ids = |c: &crate::week::build::Crew| {
        [
            s.workers[c.workers[0]].id.clone(),
            s.workers[c.workers[1]].id.clone(),
        ]
    };
    inst.crews
        .iter()
        .position(|c| {
            c.day == day.day && {
                let w = ids(c);
                (w[0] == day.crew[0] && w[1] == day.crew[1])
                    || (w[0] == day.crew[1] && w[1] == day.crew[0])
            }
        })
        .ok_or_else(|| {
            PlanError::Mismatch(format!(
                "no crew {} available on {}",
                day.crew.join("+"),
                day.date
            ))
        })
}

/// The route items of a day: its jobs (an escort once, at its pickup) and lunch.
pub fn items_of(inst: &Instance<'_>, day: &DayPlan) -> Result<Vec<RouteItem>, PlanError> {
    let mut items = Vec::new();
    for stop in &day.stops {
        let item = match stop.kind {
            StopKind::Lunch => RouteItem::Lunch,
            StopKind::Permanence | StopKind::Visit => RouteItem::Job(job_of(inst, day.day, stop)?),
            StopKind::Escort if stop.leg == Some(Leg::Pickup) => {
                RouteItem::Job(job_of(inst, day.day, stop)?)
            }
            _ => continue,
        };
        items.push(item);
    }
    Ok(items)
}

fn job_of(inst: &Instance<'_>, day: usize, stop: &PlanStop) -> Result<usize, PlanError> {
    let s = inst.scenario;
    let id = stop.id.as_deref().unwrap_or("");
    inst.demands
        .iter()
        .position(|d| match (*d, stop.kind) {
            (Demand::Permanence { permanence, day: d }, StopKind::Permanence) => {
                s.permanences[permanence].id == id && d == day
            }
            (
                Demand::Visit {
                    person, occurrence, ..
                },
                StopKind::Visit,
            ) => s.people[person].id == id && Some(occurrence) == stop.occurrence,
            (Demand::Escort { escort, .. }, StopKind::Escort) => s.escorts[escort].id == id,
            _ => false,
        })
        .ok_or_else(|| {
            PlanError::Mismatch(format!(
                "stop {id} ({:?}) is not a request of the scenario for these weeks",
                stop.kind
            ))
        })
}

/// Re-times day `index` of the plan (after its stops were reordered or moved), keeping the
/// `locked` flags. Hours and totals are not updated: call [`super::refresh`] after the last move.
pub fn retime_day(
    plan: &mut Plan,
    inst: &Instance<'_>,
    problem: &Problem,
    index: usize,
) -> Result<(), PlanError> {
    let day = plan
        .days
        .get(index)
        .ok_or_else(|| PlanError::Mismatch(format!("no day {index} in the plan")))?;
    let route = Route {
        vehicle: vehicle_of(inst, day)?,
        items: items_of(inst, day)?,
    };
    let locked: Vec<(Option<String>, Option<usize>)> = day
        .stops
        .iter()
        .filter(|s| s.locked)
        .map(|s| (s.id.clone(), s.occurrence))
        .collect();
    // A visit that may happen on several days is timed on this day only: late if it must be,
    // never moved to the next day's window.
    let shift = problem.vehicles[route.vehicle].shift;
    let mut on_this_day = problem.clone();
    for item in &route.items {
        if let RouteItem::Job(j) = item {
            for stop in &mut on_this_day.jobs[*j].stops {
                stop.windows = on_day(&stop.windows, shift);
            }
        }
    }
    let mut fresh = day_plan(inst, problem, &route, &time_route(&on_this_day, &route));
    for s in &mut fresh.stops {
        s.locked = s.id.is_some() && locked.contains(&(s.id.clone(), s.occurrence));
    }
    plan.days[index] = fresh;
    Ok(())
}

/// Pins the jobs of the plan's `locked` stops to their day's crew, so that rebalancing
/// (`engine::solve` started from [`solution_of`]) keeps them where the user put them.
pub fn pin_locked(
    plan: &Plan,
    inst: &Instance<'_>,
    problem: &mut Problem,
) -> Result<usize, PlanError> {
    let mut pinned = 0;
    for day in &plan.days {
        let vehicle = vehicle_of(inst, day)?;
        for stop in day.stops.iter().filter(|s| s.locked) {
            let job = job_of(inst, day.day, stop)?;
            problem.jobs[job].pin = Some(crate::engine::Pin {
                vehicle,
                position: None,
            });
            pinned += 1;
        }
    }
    Ok(pinned)
}
