//! Re-optimising a plan the team has edited: everything moves but the locked stops (held to
//! their tour and announced time by [`Pins`]) and the requests taken out by hand (which stay
//! out). The result is an [`Edit::Routes`], ids only, so the UI can journal, undo and redo it
//! like any other edit; it is offered only when it beats the plan as it stands by the week's
//! objective and keeps every rule the week's own feasibility test knows.
//!
//! The search is the optimiser's ([`engine::solve`]), started from the plan as it stands, with
//! a time budget, an iteration limit and a cancel flag another thread may set.

use super::build::{Demand, Instance};
use super::edit::{BY_HAND, DayRoute, Edit, EditError, LeftOut, Pins, StopRef, job_of_ref};
use super::plan::{Plan, StopKind, solution_of};
use super::solve::objective;
use crate::engine::{self, Problem, RouteItem, Solution, SolverConfig, StopRule};
use crate::units::Cost;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How hard to search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReoptOptions {
    pub seed: u64,
    pub budget: Duration,
    pub iterations: u64,
}

impl Default for ReoptOptions {
    fn default() -> ReoptOptions {
        ReoptOptions {
            seed: 1,
            budget: Duration::from_secs(10),
            iterations: 20_000,
        }
    }
}

/// Reported while searching.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReoptProgress {
    /// 0 to 1: the larger of the time and the iterations used.
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
    cancel: &Arc<AtomicBool>,
    on_progress: &mut dyn FnMut(&ReoptProgress),
) -> Result<Outcome, EditError> {
    let problem = held(plan, pins, inst, base);
    let start = solution_of(plan, inst)?;
    let current = objective(&problem, &start);
    if cancel.load(Ordering::Relaxed) {
        return Ok(Outcome::Cancelled);
    }
    let config = SolverConfig {
        seed: opts.seed,
        stop: StopRule::time(opts.budget)
            .or(StopRule::iterations(opts.iterations))
            .or(StopRule::cancel(cancel.clone())),
        initial: Some(start),
        ..SolverConfig::default()
    };
    let budget = opts.budget.as_secs_f64().max(1e-3);
    let result = engine::solve(&problem, &config, &mut |p| {
        let by_time = p.elapsed.as_secs_f64() / budget;
        let by_count = p.iteration as f64 / opts.iterations.max(1) as f64;
        on_progress(&ReoptProgress {
            fraction: by_time.max(by_count).min(1.0),
            current,
            best: current.min(p.best_cost),
        });
    });
    if cancel.load(Ordering::Relaxed) {
        return Ok(Outcome::Cancelled);
    }
    let solution = result.solution;
    let cost = objective(&problem, &solution);
    let sound =
        keeps_locks(&problem, &solution) && crate::check::check(&problem, &solution).is_feasible();
    if cost < current && sound {
        return Ok(Outcome::Better {
            edit: routes_edit(inst, &solution),
            cost,
            was: current,
        });
    }
    Ok(Outcome::NoBetter)
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
            iterations: 2_000,
        };
        let mut seen = 0;
        let outcome = reoptimise(
            &plan,
            &pins,
            &inst,
            &base,
            &opts,
            &Arc::new(AtomicBool::new(false)),
            &mut |p| {
                seen += 1;
                assert!(p.best <= p.current);
                assert!((0.0..=1.0).contains(&p.fraction));
            },
        )
        .unwrap();
        assert!(seen >= 2, "progress reported");
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
        let stop = Arc::new(AtomicBool::new(true));
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
