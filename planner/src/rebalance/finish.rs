//! The rebalance from start to end: check the inputs, edit the scenario, read the old plan in
//! the new week's terms, search, keep the best plan both checkers accept, explain what is left
//! out, and say what changed.

use super::current::{self, Current, Key, placements};
use super::diff::{self, Diff, Sides};
use super::edit::{self, Edited};
use super::explain::{NotPlaced, explain};
use super::search::{self, Outcome, Reference};
use super::setup::{Role, Setup, engine_start};
use super::{Change, RebalanceError, RebalanceOptions, Rebalanced, first_open_day};
use crate::tr;
use crate::week::build::{Instance, PlaceKind};
use crate::week::check::Violation;
use crate::week::model::Scenario;
use crate::week::plan::{Plan, PlanMeta, Reason};
use crate::week::roads::Roads;
use crate::week::{Horizon, check};
use chrono::NaiveDate;
use std::collections::BTreeMap;

pub(super) fn run(
    plan: &Plan,
    change: &Change,
    roads: &Roads,
    opts: &RebalanceOptions,
) -> Result<Rebalanced, RebalanceError> {
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
    let mut setup = Setup {
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
    };
    setup.top_priority = (0..setup.roles.len())
        .filter(|&j| setup.roles[j].to_place())
        .map(|j| setup.priority(j))
        .max()
        .unwrap_or(0);
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
    let outcomes = search::search(&setup, &refs, opts);
    let best = pick(&setup, &outcomes, &edited.scenario, roads)?;
    let not_planned = not_planned(&setup, best, &refs, opts, &edited);
    let new_plan = polish(&setup, best, plan);
    let diff = describe(&setup, plan, &new_plan, change, &edited, not_planned);
    Ok(Rebalanced {
        plan: new_plan,
        diff,
        scenario: edited.scenario,
    })
}

fn render(v: &[Violation]) -> Vec<String> {
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

/// The best outcome the week's checker accepts (a permanence that could not be held again
/// is the one rule it may break, and the diff says so).
fn pick<'o>(
    setup: &Setup<'_>,
    outcomes: &'o [Outcome],
    s: &Scenario,
    roads: &Roads,
) -> Result<&'o Outcome, RebalanceError> {
    let mut last = Vec::new();
    for o in outcomes {
        let dropped: Vec<&str> = (0..setup.roles.len())
            .filter(|&j| setup.roles[j].to_place() && !o.served(j) && !setup.keys[j].is_personal())
            .map(|j| setup.keys[j].id())
            .collect();
        let v: Vec<Violation> = check::check(s, &o.plan, &|p| roads.travel(p))
            .into_iter()
            .filter(|v| {
                !(v.rule == "R05" && v.subject.as_deref().is_some_and(|x| dropped.contains(&x)))
            })
            .collect();
        if v.is_empty() {
            return Ok(o);
        }
        last = v;
    }
    Err(RebalanceError::Internal(format!(
        "no rebalanced plan passes the checker: {}",
        render(&last).join("; ")
    )))
}

fn not_planned(
    setup: &Setup<'_>,
    best: &Outcome,
    refs: &Reference<'_>,
    opts: &RebalanceOptions,
    edited: &Edited,
) -> Vec<NotPlaced> {
    let mut out: Vec<NotPlaced> = best
        .plan
        .unplanned
        .iter()
        .filter(|u| edited.new_people.contains(&u.id) || edited.new_escorts.contains(&u.id))
        .filter(|u| u.reasons.iter().any(|r| r.code == "U01" || r.code == "U11"))
        .map(|u| NotPlaced {
            kind: u.kind.clone(),
            id: u.id.clone(),
            occurrence: u.occurrence,
            reasons: u.reasons.clone(),
            suggestions: Vec::new(),
        })
        .collect();
    for j in (0..setup.roles.len()).filter(|&j| setup.roles[j].to_place() && !best.served(j)) {
        if let (Role::Cancelled { day }, Key::Escort { id }) = (&setup.roles[j], &setup.keys[j]) {
            out.push(NotPlaced {
                kind: "escort".into(),
                id: id.clone(),
                occurrence: None,
                reasons: vec![cancelled_reason(setup, *day)],
                suggestions: Vec::new(),
            });
            continue;
        }
        out.push(explain(setup, best, refs, opts, j));
    }
    out
}

fn cancelled_reason(setup: &Setup<'_>, day: usize) -> Reason {
    let (fr, en) = diff::day_words(setup.inst.horizon.date(day));
    Reason {
        code: "U12".into(),
        text: tr!("annulé {fr}", "cancelled {en}"),
    }
}

/// The new plan as written: the locks kept, the reasons of requests left out as before, the
/// cancelled and postponed ones said, the week's objective as its cost.
fn polish(setup: &Setup<'_>, best: &Outcome, old: &Plan) -> Plan {
    let mut plan = best.plan.clone();
    plan.cost = crate::engine::cost(&setup.base, &best.solution).total.0;
    let locked: Vec<(Option<String>, Option<usize>, usize)> = old
        .days
        .iter()
        .flat_map(|d| {
            d.stops
                .iter()
                .filter(|x| x.locked)
                .map(|x| (x.id.clone(), x.occurrence, d.day))
        })
        .collect();
    for d in &mut plan.days {
        for x in &mut d.stops {
            x.locked = x.id.is_some() && locked.contains(&(x.id.clone(), x.occurrence, d.day));
        }
    }
    let postponed_for: Vec<String> = (0..setup.roles.len())
        .filter(|&j| setup.roles[j].to_place() && best.served(j))
        .map(|j| setup.keys[j].id().to_string())
        .collect();
    for u in &mut plan.unplanned {
        let key = match u.kind.as_str() {
            "visit" => Key::Visit {
                id: u.id.clone(),
                occurrence: u.occurrence.unwrap_or(0),
            },
            "escort" => Key::Escort { id: u.id.clone() },
            _ => continue,
        };
        let Some(j) = setup.keys.iter().position(|k| *k == key) else {
            continue;
        };
        match &setup.roles[j] {
            Role::Out => {
                if let Some(before) = old
                    .unplanned
                    .iter()
                    .find(|o| o.kind == u.kind && o.id == u.id && o.occurrence == u.occurrence)
                {
                    *u = before.clone();
                }
            }
            Role::Cancelled { day } => u.reasons.insert(0, cancelled_reason(setup, *day)),
            Role::Held { .. } => {
                let ids = postponed_for.join(", ");
                u.reasons = vec![Reason {
                    code: "U13".into(),
                    text: tr!(
                        "reporté pour faire de la place à {ids}",
                        "postponed to make room for {ids}"
                    ),
                }];
            }
            _ => {}
        }
    }
    plan
}

fn describe(
    setup: &Setup<'_>,
    old: &Plan,
    new: &Plan,
    change: &Change,
    edited: &Edited,
    not_planned: Vec<NotPlaced>,
) -> Diff {
    let pick = |f: &dyn Fn(&Role) -> bool| -> Vec<Key> {
        (0..setup.roles.len())
            .filter(|&j| f(&setup.roles[j]))
            .map(|j| setup.keys[j].clone())
            .collect()
    };
    let added = pick(&|r| *r == Role::New);
    let cancelled = pick(&|r| matches!(r, Role::Cancelled { .. }));
    let postponed = pick(&|r| matches!(r, Role::Held { .. }));
    let _ = edited;
    diff::build(
        &Sides {
            old,
            new,
            tolerance_s: setup.tolerance.0,
            removed: &change.remove,
            added: &added,
            cancelled: &cancelled,
            postponed: &postponed,
        },
        not_planned,
    )
}
