//! Where a job goes: the route items of a tour, the best place for a job in a tour (PyVRP's
//! "evaluate without mutating, then apply"), taking a job out, putting it in, re-timing.

use super::{
    DayKey, DayRoute, EditError, LeftOut, StopRef, find_day, placeholder, plan_key, retime,
    same_crew,
};
use crate::engine::{Problem, Route, RouteItem, Solution, Unassigned};
use crate::week::build::{Demand, Instance};
use crate::week::greedy::route_cost;
use crate::week::plan::{DayPlan, Leg, Plan, PlanMeta, PlanStop, StopKind, make_plan};
use crate::week::solve::objective;
use crate::week::timing::time_route;
use std::ops::Range;

/// The route items of a tour, in order: each job (an escort's three legs together) or lunch,
/// with the range of its stops in `day.stops`.
pub fn item_spans(day: &DayPlan) -> Vec<(StopRef, Range<usize>)> {
    let mut out: Vec<(StopRef, Range<usize>)> = Vec::new();
    for (i, s) in day.stops.iter().enumerate() {
        let Some(r) = StopRef::of(s) else { continue };
        let follows = s.kind == StopKind::Escort && s.leg != Some(Leg::Pickup);
        match out.last_mut() {
            Some((last, span)) if follows && *last == r => span.end = i + 1,
            _ => out.push((r, i..i + 1)),
        }
    }
    out
}

/// The job of the week a reference names; `day` (of the horizon) tells which permanence when
/// it is held several times (`None`: the first one).
pub fn job_of_ref(inst: &Instance<'_>, r: &StopRef, day: Option<usize>) -> Option<usize> {
    let s = inst.scenario;
    inst.demands.iter().position(|d| match (*d, r.kind) {
        (Demand::Permanence { permanence, day: d }, StopKind::Permanence) => {
            s.permanences[permanence].id == r.id && day.is_none_or(|x| x == d)
        }
        (
            Demand::Visit {
                person, occurrence, ..
            },
            StopKind::Visit,
        ) => s.people[person].id == r.id && Some(occurrence) == r.occurrence,
        (Demand::Escort { escort, .. }, StopKind::Escort) => s.escorts[escort].id == r.id,
        _ => false,
    })
}

/// The potential route (vehicle) of a crew on a date.
pub(crate) fn vehicle(inst: &Instance<'_>, key: &DayKey) -> Result<usize, EditError> {
    let s = inst.scenario;
    let day = inst.horizon.day_of(key.0);
    inst.crews
        .iter()
        .position(|c| {
            Some(c.day) == day
                && same_crew(
                    &[
                        s.workers[c.workers[0]].id.clone(),
                        s.workers[c.workers[1]].id.clone(),
                    ],
                    &key.1,
                )
        })
        .ok_or_else(|| EditError::NoCrew {
            date: key.0,
            crew: key.1.join("+"),
        })
}

/// The route items of a tour, without `skip` (the job being moved).
fn items(inst: &Instance<'_>, day: &DayPlan, skip: &StopRef) -> Result<Vec<RouteItem>, EditError> {
    let mut out = Vec::new();
    for (r, _) in item_spans(day).into_iter().filter(|(r, _)| r != skip) {
        out.push(item(inst, &r, day.day)?);
    }
    Ok(out)
}

fn item(inst: &Instance<'_>, r: &StopRef, day: usize) -> Result<RouteItem, EditError> {
    if r.kind == StopKind::Lunch {
        return Ok(RouteItem::Lunch);
    }
    job_of_ref(inst, r, Some(day))
        .map(RouteItem::Job)
        .ok_or_else(|| EditError::NotFound(r.id.clone()))
}

/// The place in the tour of `key` where `r` costs least (a place that keeps the tour's own
/// rules first, then the fewest late stops and the shortest day), counted in route items.
pub fn best_position(
    plan: &Plan,
    inst: &Instance<'_>,
    problem: &Problem,
    r: &StopRef,
    key: &(chrono::NaiveDate, [String; 2]),
) -> Result<usize, EditError> {
    let v = vehicle(inst, key)?;
    let day = inst.horizon.day_of(key.0).unwrap_or(0);
    let current = match find_day(&plan.days, key) {
        Some(d) => items(inst, &plan.days[d], r)?,
        None if inst.crews[v].lunch => vec![RouteItem::Lunch],
        None => vec![],
    };
    let it = item(inst, r, day)?;
    let score = |p: usize| {
        let mut trial = current.clone();
        trial.insert(p, it);
        let route = Route {
            vehicle: v,
            items: trial,
        };
        match route_cost(problem, &route) {
            Some(c) => (0, c.0, 0),
            None => {
                let t = time_route(problem, &route);
                let late = t.items.iter().flatten().filter(|s| !s.on_time).count();
                (1, late as i64, t.duration().0)
            }
        }
    };
    Ok((0..=current.len()).min_by_key(|&p| score(p)).unwrap_or(0))
}

/// A crew for a new tour on `date` that may do `r`: one with the skill and the person's
/// preferred worker if possible.
pub fn crew_for(
    inst: &Instance<'_>,
    problem: &Problem,
    date: chrono::NaiveDate,
    r: &StopRef,
) -> Option<[String; 2]> {
    let day = inst.horizon.day_of(date)?;
    let job = job_of_ref(inst, r, Some(day));
    let on_day: Vec<usize> = (0..inst.crews.len())
        .filter(|&v| inst.crews[v].day == day)
        .collect();
    let allowed = |v: &usize| {
        job.is_none_or(|j| {
            problem.jobs[j]
                .allowed_vehicles
                .as_ref()
                .is_none_or(|a| a.contains(v))
        })
    };
    let preferred = |v: &usize| {
        job.and_then(|j| problem.jobs[j].preferred.as_ref())
            .is_some_and(|(p, _)| p.contains(v))
    };
    let v = on_day
        .iter()
        .copied()
        .filter(allowed)
        .find(preferred)
        .or_else(|| on_day.iter().copied().find(allowed))
        .or_else(|| on_day.first().copied())?;
    let s = inst.scenario;
    let w = inst.crews[v].workers;
    Some([s.workers[w[0]].id.clone(), s.workers[w[1]].id.clone()])
}

/// Takes a job out of its tour (or out of the unplanned list); returns its stops. Lunch is
/// taken from the tour `lunch_of` only.
pub(crate) fn take(
    plan: &mut Plan,
    r: &StopRef,
    lunch_of: Option<&DayKey>,
) -> Result<Vec<PlanStop>, EditError> {
    let d = match (r.kind, lunch_of) {
        (StopKind::Lunch, Some(key)) => find_day(&plan.days, key),
        (StopKind::Lunch, None) => None,
        _ => super::locate(plan, r).map(|(d, _)| d),
    };
    if let Some(d) = d {
        let day = &mut plan.days[d];
        if day.stops.iter().any(|s| r.matches(s) && s.locked) {
            return Err(EditError::Locked(r.id.clone()));
        }
        let (taken, kept) = std::mem::take(&mut day.stops)
            .into_iter()
            .partition(|s| r.matches(s));
        day.stops = kept;
        return Ok(taken);
    }
    let u = plan
        .unplanned
        .iter()
        .position(|u| StopRef::of_unplanned(u) == *r && r.kind != StopKind::Lunch)
        .ok_or_else(|| EditError::NotFound(r.id.clone()))?;
    plan.unplanned.remove(u);
    Ok(vec![placeholder(r)])
}

/// Re-times the tours of `keys`, dropping those left without a job.
pub(crate) fn settle(
    plan: &mut Plan,
    inst: &Instance<'_>,
    problem: &Problem,
    keys: &[DayKey],
) -> Result<(), EditError> {
    for key in keys {
        let Some(d) = find_day(&plan.days, key) else {
            continue;
        };
        let has_job = plan.days[d].stops.iter().any(|s| {
            matches!(
                s.kind,
                StopKind::Permanence | StopKind::Visit | StopKind::Escort
            )
        });
        if has_job {
            retime(plan, inst, problem, d)?;
        } else {
            plan.days.remove(d);
        }
    }
    Ok(())
}

/// The tour of `key`, created (empty but for lunch) if the crew has none that day.
fn ensure_day(plan: &mut Plan, inst: &Instance<'_>, key: &DayKey) -> Result<usize, EditError> {
    if let Some(d) = find_day(&plan.days, key) {
        return Ok(d);
    }
    let v = vehicle(inst, key)?;
    let crew = &inst.crews[v];
    let mark = |kind| {
        placeholder(&StopRef {
            kind,
            id: String::new(),
            occurrence: None,
        })
    };
    let mut stops = vec![mark(StopKind::Departure)];
    if crew.lunch {
        stops.push(mark(StopKind::Lunch));
    }
    stops.push(mark(StopKind::Return));
    let order = |p: &DayPlan| {
        let k = plan_key(std::slice::from_ref(p), 0);
        (p.day, vehicle(inst, &k).unwrap_or(usize::MAX))
    };
    let at = plan
        .days
        .iter()
        .position(|p| order(p) > (crew.day, v))
        .unwrap_or(plan.days.len());
    plan.days.insert(
        at,
        DayPlan {
            date: key.0,
            day: crew.day,
            crew: key.1.clone(),
            stops,
        },
    );
    Ok(at)
}

/// Puts `stops` (one job) before route item `position` of `day`.
fn put(day: &mut DayPlan, position: usize, stops: Vec<PlanStop>) {
    let spans = item_spans(day);
    let at = match spans.get(position) {
        Some((_, span)) => span.start,
        None => day
            .stops
            .iter()
            .rposition(|s| s.kind == StopKind::Return)
            .unwrap_or(day.stops.len()),
    };
    day.stops.splice(at..at, stops);
}

pub(crate) fn move_stop(
    plan: &mut Plan,
    inst: &Instance<'_>,
    problem: &Problem,
    r: &StopRef,
    to: DayKey,
    position: usize,
) -> Result<(), EditError> {
    let from = match r.kind {
        StopKind::Lunch => find_day(&plan.days, &to).map(|d| plan_key(&plan.days, d)),
        _ => super::locate(plan, r).map(|(d, _)| plan_key(&plan.days, d)),
    };
    let fixed = matches!(
        r.kind,
        StopKind::Permanence | StopKind::Escort | StopKind::Lunch
    );
    if fixed {
        let date = match &from {
            Some(k) => Some(k.0),
            None => fixed_date(inst, r),
        };
        if date != Some(to.0) {
            return Err(EditError::FixedDate(r.id.clone()));
        }
    }
    vehicle(inst, &to)?;
    let stops = take(plan, r, Some(&to))?;
    let d = ensure_day(plan, inst, &to)?;
    put(&mut plan.days[d], position, stops);
    let mut keys: Vec<DayKey> = from.into_iter().collect();
    keys.push(to);
    settle(plan, inst, problem, &keys)
}

/// The date an unplanned escort is asked for.
fn fixed_date(inst: &Instance<'_>, r: &StopRef) -> Option<chrono::NaiveDate> {
    let j = job_of_ref(inst, r, None)?;
    match inst.demands[j] {
        Demand::Escort { day, .. } => Some(inst.horizon.date(day)),
        _ => None,
    }
}

/// Replaces every tour by `days`, keeping locks and the requests taken out by hand.
pub(crate) fn set_routes(
    plan: &mut Plan,
    inst: &Instance<'_>,
    problem: &Problem,
    days: &[DayRoute],
    left: &[LeftOut],
) -> Result<(), EditError> {
    let mut routes: Vec<Route> = (0..problem.vehicles.len())
        .map(|v| Route {
            vehicle: v,
            items: vec![],
        })
        .collect();
    for r in days {
        let key = (r.date, r.crew.clone());
        let v = vehicle(inst, &key)?;
        let day = inst.crews[v].day;
        routes[v].items = r
            .items
            .iter()
            .map(|x| item(inst, x, day))
            .collect::<Result<_, _>>()?;
    }
    let unassigned = left
        .iter()
        .filter_map(|l| {
            job_of_ref(inst, &l.stop, None).map(|job| Unassigned {
                job,
                reasons: l.reasons.clone(),
            })
        })
        .collect();
    let solution = Solution { routes, unassigned };
    let meta = PlanMeta {
        seed: plan.seed,
        map: plan.map.clone(),
        cost: objective(problem, &solution).0,
    };
    let mut fresh = make_plan(inst, problem, &solution, meta);
    keep_marks(plan, &mut fresh);
    plan.days = fresh.days;
    plan.unplanned = fresh.unplanned;
    plan.workers = fresh.workers;
    plan.totals = fresh.totals;
    plan.cost = fresh.cost;
    Ok(())
}

/// Carries the locks and the by-hand removals of `old` over to `fresh`.
fn keep_marks(old: &Plan, fresh: &mut Plan) {
    let locked: Vec<StopRef> = old
        .days
        .iter()
        .flat_map(|d| d.stops.iter())
        .filter(|s| s.locked)
        .filter_map(StopRef::of)
        .collect();
    for s in fresh.days.iter_mut().flat_map(|d| d.stops.iter_mut()) {
        s.locked = StopRef::of(s).is_some_and(|r| locked.contains(&r));
    }
    for u in &mut fresh.unplanned {
        let r = StopRef::of_unplanned(u);
        if let Some(mine) = old.unplanned.iter().find(|o| {
            StopRef::of_unplanned(o) == r && o.reasons.iter().any(|x| x.code == super::BY_HAND)
        }) {
            *u = mine.clone();
        }
    }
}
