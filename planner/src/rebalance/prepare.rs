//! Before the search: the inputs checked (workers, days, ids, the old plan itself), the
//! scenario edited, the old plan read in the new week's terms and each job given its role.

use super::current::{self, Current, Key, placements};
use super::edit::{self, Edited};
use super::search::Reference;
use super::setup::{Role, Setup, engine_start};
use super::{Change, RebalanceError, RebalanceOptions, first_open_day};
use crate::week::build::{Instance, PlaceKind};
use crate::week::check::Violation;
use crate::week::model::Scenario;
use crate::week::plan::{Plan, PlanMeta};
use crate::week::roads::Roads;
use crate::week::{Horizon, check};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Everything an attempt, the checks and the explanations need.
pub(crate) struct Context<'a> {
    pub setup: Setup<'a>,
    pub refs: Reference<'a>,
    pub edited: &'a Edited,
    pub roads: &'a Roads,
    pub opts: &'a RebalanceOptions,
}

/// Checks the inputs, edits the scenario, reads the old plan in the new week's terms, and
/// runs `f` with the result.
pub(crate) fn within<R>(
    plan: &Plan,
    change: &Change,
    roads: &Roads,
    opts: &RebalanceOptions,
    f: impl FnOnce(&Context<'_>) -> Result<R, RebalanceError>,
) -> Result<R, RebalanceError> {
    let old = plan.scenario(roads.bounds())?;
    let h = plan.horizon();
    let from_day = first_open_day(&h, opts.from)?;
    let absent = absences(&old, change, &h, from_day)?;
    let cancels = cancels(plan, &old, change, &h, from_day)?;
    let broken = check::check(&old, plan, &|p| roads.travel(p));
    if !broken.is_empty() {
        return Err(RebalanceError::PlanBroken(render(&broken)));
    }
    let edited = edit::edit(&old, change, &absent, &h, roads.bounds())?;
    let inst = Instance::new(&edited.scenario, h);
    let travel = roads.travel_named(&inst.points(), &place_names(&inst))?;
    let current = current::current(plan, &inst, &change.remove)?;
    let keys: Vec<Key> = inst
        .demands
        .iter()
        .map(|d| Key::of_demand(&inst, d))
        .collect();
    let roles = roles(&keys, &current, &edited, &cancels, from_day);
    let urgent = change.urgent || change.referral.as_ref().is_some_and(|r| r.urgent);
    let setup = Setup {
        inst: &inst,
        base: inst.problem(&travel),
        current,
        roles,
        keys,
        from_day,
        tolerance: opts.tolerance,
        urgent,
        make_room: opts.make_room || urgent,
        top_priority: 0,
    }
    .with_top_priority();
    let announced: BTreeMap<Key, current::Placement> = placements(plan)
        .into_iter()
        .filter(|(k, _)| k.is_personal() && !change.remove.iter().any(|r| r == k.id()))
        .collect();
    let refs = Reference {
        announced: &announced,
        meta: PlanMeta {
            seed: opts.seed,
            map: roads.name(),
            cost: 0,
        },
    };
    f(&Context {
        setup,
        refs,
        edited: &edited,
        roads,
        opts,
    })
}

pub(crate) fn render(v: &[Violation]) -> Vec<String> {
    v.iter().map(|v| v.render(crate::week::Lang::En)).collect()
}

/// Workers and dates of the absences, checked.
fn absences(
    s: &Scenario,
    change: &Change,
    h: &Horizon,
    from_day: usize,
) -> Result<Vec<(String, NaiveDate)>, RebalanceError> {
    let mut out = Vec::new();
    for a in &change.absent {
        if s.worker(&a.worker).is_none() {
            return Err(RebalanceError::UnknownWorker(a.worker.clone()));
        }
        let day = open_day(h, &a.day, from_day)?;
        out.push((a.worker.clone(), h.date(day)));
    }
    Ok(out)
}

/// A day of the horizon not before `from_day`.
fn open_day(h: &Horizon, day: &super::DaySpec, from_day: usize) -> Result<usize, RebalanceError> {
    let d = day.resolve(h).ok_or_else(|| RebalanceError::DayOutside {
        day: day.to_string(),
        weeks: h.week_labels().join(", "),
    })?;
    if d < from_day {
        return Err(RebalanceError::DayPast {
            day: h.date(d),
            from: h.date(from_day),
        });
    }
    Ok(d)
}

/// Ids and days of the cancelled visits, each checked against the plan.
fn cancels(
    plan: &Plan,
    s: &Scenario,
    change: &Change,
    h: &Horizon,
    from_day: usize,
) -> Result<Vec<(String, usize)>, RebalanceError> {
    let mut out = Vec::new();
    for c in &change.cancel {
        if s.person(&c.id).is_none() && !s.escorts.iter().any(|e| e.id == c.id) {
            return Err(RebalanceError::UnknownId(c.id.clone()));
        }
        let day = open_day(h, &c.day, from_day)?;
        let there = plan.days.iter().filter(|d| d.day == day).any(|d| {
            d.stops
                .iter()
                .filter_map(|x| Key::of_stop(d.day, x))
                .any(|k| k.is_personal() && k.id() == c.id)
        });
        if !there {
            return Err(RebalanceError::NotPlanned {
                id: c.id.clone(),
                date: h.date(day),
            });
        }
        out.push((c.id.clone(), day));
    }
    Ok(out)
}

/// Names of the places for map errors: pseudonym codes and ids only.
fn place_names(inst: &Instance<'_>) -> Vec<String> {
    let s = inst.scenario;
    inst.places
        .iter()
        .map(|p| match p.kind {
            PlaceKind::Base => "base".to_string(),
            PlaceKind::Permanence(i) => s.permanences[i].id.clone(),
            PlaceKind::Person(i) => s.people[i].id.clone(),
            PlaceKind::Destination(i) => format!("{} (rendez-vous)", s.escorts[i].id),
        })
        .collect()
}

fn roles(
    keys: &[Key],
    current: &Current,
    edited: &Edited,
    cancels: &[(String, usize)],
    from_day: usize,
) -> Vec<Role> {
    (0..keys.len())
        .map(|j| {
            let new = match &keys[j] {
                Key::Visit { id, .. } => edited.new_people.contains(id),
                Key::Escort { id } => edited.new_escorts.contains(id),
                Key::Permanence { .. } => false,
            };
            let Some(p) = current.placed[j].as_ref().filter(|_| !new) else {
                return if new { Role::New } else { Role::Out };
            };
            let start = engine_start(p.day, p.start);
            if cancels
                .iter()
                .any(|(id, d)| id == keys[j].id() && *d == p.day)
            {
                return Role::Cancelled { day: p.day };
            }
            match current.vehicle[j] {
                Some(vehicle) => Role::Held {
                    vehicle,
                    start,
                    fixed: p.locked || p.day < from_day,
                },
                None => Role::Displaced {
                    day: p.day,
                    start,
                    locked: p.locked,
                },
            }
        })
        .collect()
}
