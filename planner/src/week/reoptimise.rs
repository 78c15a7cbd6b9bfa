//! Re-optimising a plan the team has edited: everything moves but the locked stops (held to
//! their tour and announced time by [`Pins`]) and the requests taken out by hand (which stay
//! out). The result is an [`Edit::Routes`], ids only, so the UI can journal, undo and redo it
//! like any other edit; it is offered only when it beats the plan as it stands.
//!
//! The search is the week's own ([`optimise`]), run in short rounds so that a cancel flag set
//! by another thread stops it within one round. When the optimiser (`engine::solve`, with a
//! cancel stop rule and a starting solution) is merged, it replaces the rounds here and nothing
//! else changes for the callers.

use super::build::{Demand, Instance};
use super::edit::{BY_HAND, DayRoute, Edit, EditError, LeftOut, Pins, StopRef, job_of_ref};
use super::plan::{Plan, StopKind, solution_of};
use super::solve::{SolveOptions, objective, optimise};
use crate::engine::{Problem, RouteItem, Solution};
use crate::units::Cost;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Constructions tried per round (between two looks at the cancel flag).
const ROUND: usize = 10;

/// How hard to search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReoptOptions {
    pub seed: u64,
    pub budget: Duration,
    /// Constructions tried in all.
    pub tries: usize,
}

impl Default for ReoptOptions {
    fn default() -> ReoptOptions {
        ReoptOptions {
            seed: 1,
            budget: Duration::from_secs(10),
            tries: 200,
        }
    }
}

/// Reported after each round.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReoptProgress {
    /// 0 to 1.
    pub fraction: f64,
    /// Objective of the plan as it stands, and of the best found so far.
    pub current: Cost,
    pub best: Cost,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Better routes, as an edit to apply.
    Better {
        edit: Edit,
        cost: Cost,
        was: Cost,
    },
    /// Nothing better than the plan as it stands.
    NoBetter,
    Cancelled,
}

/// Searches better routes for the unlocked part of `plan`.
pub fn reoptimise(
    plan: &Plan,
    pins: &Pins,
    inst: &Instance<'_>,
    base: &Problem,
    opts: &ReoptOptions,
    cancel: &AtomicBool,
    on_progress: &mut dyn FnMut(&ReoptProgress),
) -> Result<Outcome, EditError> {
    let problem = held(plan, pins, inst, base);
    let current = objective(&problem, &solution_of(plan, inst)?);
    let deadline = Instant::now() + opts.budget;
    let rounds = opts.tries.div_ceil(ROUND).max(1);
    let mut best: Option<(Solution, Cost)> = None;
    for k in 0..rounds {
        let left = deadline.saturating_duration_since(Instant::now());
        if cancel.load(Ordering::Relaxed) {
            return Ok(Outcome::Cancelled);
        }
        if left.is_zero() {
            break;
        }
        let round = SolveOptions {
            seed: opts.seed.wrapping_add(k as u64),
            budget: left,
            tries: ROUND,
        };
        let (solution, cost) = optimise(&problem, &round, &mut |_| {});
        if best.as_ref().is_none_or(|b| cost < b.1) {
            best = Some((solution, cost));
        }
        let found = best.as_ref().map_or(current, |b| b.1);
        on_progress(&ReoptProgress {
            fraction: (k + 1) as f64 / rounds as f64,
            current,
            best: found.min(current),
        });
    }
    if cancel.load(Ordering::Relaxed) {
        return Ok(Outcome::Cancelled);
    }
    match best {
        Some((solution, cost)) if cost < current && keeps_locks(&problem, &solution) => {
            Ok(Outcome::Better {
                edit: routes_edit(inst, &solution),
                cost,
                was: current,
            })
        }
        _ => Ok(Outcome::NoBetter),
    }
}

/// The problem with locks pinned and the requests taken out by hand kept out.
fn held(plan: &Plan, pins: &Pins, inst: &Instance<'_>, base: &Problem) -> Problem {
    let mut p = pins.problem(base, inst, plan).into_owned();
    for u in &plan.unplanned {
        if !u.reasons.iter().any(|r| r.code == BY_HAND) {
            continue;
        }
        if let Some(j) = job_of_ref(inst, &StopRef::of_unplanned(u), None) {
            p.jobs[j].allowed_vehicles = Some(vec![]);
        }
    }
    p
}

/// Every required job (permanences, locked stops) is served, on a vehicle it may use.
fn keeps_locks(p: &Problem, s: &Solution) -> bool {
    let mut on = vec![None; p.jobs.len()];
    for r in &s.routes {
        for item in &r.items {
            if let RouteItem::Job(j) = item {
                on[*j] = Some(r.vehicle);
            }
        }
    }
    p.jobs.iter().zip(&on).all(|(job, v)| {
        let allowed = |v: &usize| job.allowed_vehicles.as_ref().is_none_or(|a| a.contains(v));
        match job.requirement {
            crate::engine::Requirement::Required => v.as_ref().is_some_and(allowed),
            crate::engine::Requirement::Optional { .. } => v.as_ref().is_none_or(allowed),
        }
    })
}

/// A solution as an edit naming jobs by id.
pub fn routes_edit(inst: &Instance<'_>, solution: &Solution) -> Edit {
    let s = inst.scenario;
    let mut routes: Vec<_> = solution
        .routes
        .iter()
        .filter(|r| !r.items.is_empty())
        .collect();
    routes.sort_by_key(|r| (inst.crews[r.vehicle].day, r.vehicle));
    let days = routes
        .iter()
        .map(|r| {
            let c = &inst.crews[r.vehicle];
            DayRoute {
                date: inst.horizon.date(c.day),
                crew: [
                    s.workers[c.workers[0]].id.clone(),
                    s.workers[c.workers[1]].id.clone(),
                ],
                items: r
                    .items
                    .iter()
                    .map(|i| match i {
                        RouteItem::Lunch => StopRef::lunch(),
                        RouteItem::Job(j) => job_ref(inst, *j),
                    })
                    .collect(),
            }
        })
        .collect();
    let left = solution
        .unassigned
        .iter()
        .map(|u| LeftOut {
            stop: job_ref(inst, u.job),
            reasons: u.reasons.clone(),
        })
        .collect();
    Edit::Routes { days, left }
}

/// The reference of a job of the week.
pub fn job_ref(inst: &Instance<'_>, job: usize) -> StopRef {
    let s = inst.scenario;
    match inst.demands[job] {
        Demand::Permanence { permanence, .. } => StopRef {
            kind: StopKind::Permanence,
            id: s.permanences[permanence].id.clone(),
            occurrence: None,
        },
        Demand::Visit {
            person, occurrence, ..
        } => StopRef {
            kind: StopKind::Visit,
            id: s.people[person].id.clone(),
            occurrence: Some(occurrence),
        },
        Demand::Escort { escort, .. } => StopRef {
            kind: StopKind::Escort,
            id: s.escorts[escort].id.clone(),
            occurrence: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::week::calendar::Horizon;
    use crate::week::check::check;
    use crate::week::edit::{apply, locate};
    use crate::week::tests::{crow, default_scenario, plan_of};

    fn visit(id: &str) -> StopRef {
        StopRef {
            kind: StopKind::Visit,
            id: id.into(),
            occurrence: Some(0),
        }
    }

    #[test]
    fn a_locked_visit_stays_and_a_removed_one_stays_out() {
        let s = default_scenario();
        let h = Horizon::parse_week("2026-W49", 1).unwrap();
        let inst = Instance::new(&s, h);
        let base = inst.problem(&crow(&inst.points()));
        let mut plan = plan_of(&s, h);
        let mut pins = Pins::default();
        let lock = Edit::Lock {
            stop: visit("B02"),
            locked: true,
        };
        apply(&mut plan, &mut pins, &inst, &base, &lock).unwrap();
        let out = Edit::Unplan { stop: visit("B01") };
        apply(&mut plan, &mut pins, &inst, &base, &out).unwrap();
        let (d, i) = locate(&plan, &visit("B02")).unwrap();
        let (date, at) = (plan.days[d].date, plan.days[d].stops[i].start);
        let opts = ReoptOptions {
            seed: 3,
            budget: Duration::from_secs(60),
            tries: 40,
        };
        let mut seen = 0;
        let outcome = reoptimise(
            &plan,
            &pins,
            &inst,
            &base,
            &opts,
            &AtomicBool::new(false),
            &mut |p| {
                seen += 1;
                assert!(p.best <= p.current);
            },
        )
        .unwrap();
        assert_eq!(seen, 4);
        let Outcome::Better { edit, cost, was } = outcome else {
            panic!("the baseline construction can be improved: {outcome:?}");
        };
        assert!(cost < was);
        apply(&mut plan, &mut pins, &inst, &base, &edit).unwrap();
        let (d, i) = locate(&plan, &visit("B02")).unwrap();
        assert_eq!((plan.days[d].date, plan.days[d].stops[i].start), (date, at));
        assert!(plan.days[d].stops[i].locked);
        assert!(locate(&plan, &visit("B01")).is_none());
        let b01 = plan.unplanned.iter().find(|u| u.id == "B01").unwrap();
        assert_eq!(b01.reasons[0].code, BY_HAND);
        let v = check(&s, &plan, &crow);
        assert!(v.is_empty(), "{v:?}");
        assert_eq!(plan.cost, cost.0);
    }

    #[test]
    fn a_cancelled_search_changes_nothing() {
        let s = default_scenario();
        let h = Horizon::parse_week("2026-W49", 1).unwrap();
        let inst = Instance::new(&s, h);
        let base = inst.problem(&crow(&inst.points()));
        let plan = plan_of(&s, h);
        let stop = AtomicBool::new(true);
        let outcome = reoptimise(
            &plan,
            &Pins::default(),
            &inst,
            &base,
            &ReoptOptions::default(),
            &stop,
            &mut |_| panic!("no round once cancelled"),
        )
        .unwrap();
        assert_eq!(outcome, Outcome::Cancelled);
    }
}
