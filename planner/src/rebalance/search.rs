//! The search for the plan that changes least: first every announced visit held in place
//! (same crew, time ± tolerance); if the requests to place do not all fit, free the fewest
//! held visits — iterative deepening over sets of 1, 2, … freed visits among those that could
//! make room — each set one small warm-started solve of the optimiser; if still not, every
//! announced visit freed at once, each drawn back to its own crew. Every attempt is
//! checked by the engine's independent checker and scored on the plan it gives.

use super::RebalanceOptions;
use super::current::{Key, Placement, placements};
use super::score::{Score, changes};
use super::setup::{Role, Setup, Variant};
use crate::engine::{self, JobId, RouteItem, Solution, SolverConfig, StopRule, Tuning, VehicleId};
use crate::week::plan::{Plan, PlanMeta, make_plan};
use std::collections::BTreeMap;
use std::time::Instant;

/// One attempt that gave a sound plan.
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub solution: Solution,
    pub plan: Plan,
    pub score: Score,
}

impl Outcome {
    pub fn served(&self, j: JobId) -> bool {
        self.solution
            .routes
            .iter()
            .any(|r| r.items.contains(&RouteItem::Job(j)))
    }
}

/// What an attempt compares against.
pub(crate) struct Reference<'a> {
    /// The visits announced in the old plan (personal ones, without the people who left).
    pub announced: &'a BTreeMap<Key, Placement>,
    pub meta: PlanMeta,
}

/// Solves one variant; `None` if the engine's result breaks a rule of its problem (a held
/// visit that could not be kept, for instance).
pub(crate) fn attempt(
    setup: &Setup<'_>,
    var: Variant,
    refs: &Reference<'_>,
    opts: &RebalanceOptions,
) -> Option<Outcome> {
    let problem = setup.problem(&var);
    let free = var.freed.len()
        + (0..setup.roles.len())
            .filter(|&j| setup.roles[j].to_place())
            .count();
    let config = SolverConfig {
        seed: opts.seed,
        stop: StopRule::iterations(opts.effort * free.max(1) as u64)
            .or(StopRule::no_improvement(opts.effort / 2)),
        initial: Some(setup.initial(&var)),
        tuning: tuning(),
    };
    let result = engine::solve(&problem, &config, &mut |_| {});
    let report = crate::check::check(&problem, &result.solution);
    if !report.is_feasible() {
        return None;
    }
    let plan = make_plan(setup.inst, &problem, &result.solution, refs.meta.clone());
    let score = score(setup, &result.solution, &plan, refs);
    Some(Outcome {
        solution: result.solution,
        plan,
        score,
    })
}

/// Small ruins: most jobs are pinned, only a few may move. Half of the reinsertions by
/// regret: making room is a chain (the request takes a freed visit's place, which takes
/// another's, which opens a tour), and only the most constrained job placed first finds it
/// every time; a random order finds it by luck, about four attempts in five.
fn tuning() -> Tuning {
    Tuning {
        ruin_average: 3.0,
        ruin_max_string: 4,
        regret_share: 0.5,
        ..Tuning::default()
    }
}

fn score(setup: &Setup<'_>, solution: &Solution, plan: &Plan, refs: &Reference<'_>) -> Score {
    let mut served = vec![false; setup.roles.len()];
    for r in &solution.routes {
        for item in &r.items {
            if let RouteItem::Job(j) = item {
                served[*j] = true;
            }
        }
    }
    let out = |which: &dyn Fn(&Role) -> bool| -> i64 {
        (0..served.len())
            .filter(|&j| !served[j] && which(&setup.roles[j]))
            .map(|j| setup.penalty(j).0)
            .sum()
    };
    let (changed, severity) = changes(refs.announced, &placements(plan), setup.tolerance.0);
    Score {
        penalty: out(&|r| r.worth_moving_others()),
        changed,
        postponed: out(&|r| matches!(r, Role::Held { .. })),
        cancelled_out: out(&|r| matches!(r, Role::Cancelled { .. })),
        severity,
        drive_s: plan.totals.drive_s,
    }
}

/// Units considered at each level of freeing (1, 2, 3 and more at once).
const DEEP_WIDTH: [usize; 3] = [usize::MAX, 12, 8];

/// A way to make room: free one held visit, or hand a whole tour to another pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Free(JobId),
    Recrew(VehicleId, VehicleId),
}

/// The variant freeing `units`, if they do not contradict each other.
fn variant_of(units: &[Unit]) -> Option<Variant> {
    let mut var = Variant::default();
    for u in units {
        match *u {
            Unit::Free(j) => var.freed.push(j),
            Unit::Recrew(from, to) => {
                if var
                    .recrew
                    .iter()
                    .any(|&(f, t)| f == from || t == to || t == from || f == to)
                {
                    return None;
                }
                var.recrew.push((from, to));
            }
        }
    }
    Some(var)
}

/// Every sound outcome found, best first.
pub(crate) fn search(
    setup: &Setup<'_>,
    refs: &Reference<'_>,
    opts: &RebalanceOptions,
) -> Vec<Outcome> {
    let clock = Instant::now();
    let mut found: Vec<Outcome> = Vec::new();
    if setup
        .roles
        .iter()
        .any(|r| matches!(r, Role::Displaced { .. }))
    {
        let slot = Variant {
            slot: true,
            ..Variant::default()
        };
        found.extend(attempt(setup, slot, refs, opts));
    }
    found.extend(attempt(setup, Variant::default(), refs, opts));
    let units = units(setup, opts.pool);
    let forced = forced_changes(setup, refs);
    for k in 1..=opts.max_freed.min(units.len()) {
        if done(setup, &found, forced + k - 1) || clock.elapsed() >= opts.budget {
            break;
        }
        // Deeper levels look at fewer, more plausible units: sets grow fast.
        let width = units
            .len()
            .min(DEEP_WIDTH[(k - 1).min(DEEP_WIDTH.len() - 1)]);
        for set in subsets(&units[..width], k) {
            if clock.elapsed() >= opts.budget {
                break;
            }
            if let Some(var) = variant_of(&set) {
                found.extend(attempt(setup, var, refs, opts));
            }
        }
    }
    if !done(setup, &found, usize::MAX) && clock.elapsed() < opts.budget {
        found.extend(attempt(setup, free_all(setup), refs, opts));
    }
    found.sort_by_key(|o| o.score);
    found
}

/// Last resort when no small set of freed visits makes room: every announced visit (and
/// permanence crew) that may move is freed at once, each still drawn back to its own crew (it costs more to move one
/// than any drive saved), so the optimiser moves only what placing the requests takes — a
/// chain longer than the deepening reaches.
fn free_all(setup: &Setup<'_>) -> Variant {
    let freed = (0..setup.roles.len())
        .filter(|&j| matches!(setup.roles[j], Role::Held { fixed: false, .. }))
        .collect();
    Variant {
        freed,
        ..Variant::default()
    }
}

/// Announced visits that change whatever is done: cancelled ones, and those of a crew gone.
fn forced_changes(setup: &Setup<'_>, refs: &Reference<'_>) -> usize {
    (0..setup.roles.len())
        .filter(|&j| {
            matches!(
                setup.roles[j],
                Role::Displaced { .. } | Role::Cancelled { .. }
            ) && refs.announced.contains_key(&setup.keys[j])
        })
        .count()
}

/// No deeper level can do better: every request placed with at most `bound` changes (a
/// plan changing c visits is found at the latest when those c visits are freed).
fn done(setup: &Setup<'_>, found: &[Outcome], bound: usize) -> bool {
    found.iter().any(|o| {
        o.score.changed <= bound
            && (0..setup.roles.len())
                .filter(|&j| setup.roles[j].worth_moving_others())
                .all(|j| o.served(j))
    })
}

/// Held visits that could make room (most plausible first: on a day the requests could
/// take, then closest to them), then whole tours that another free pair could take.
/// Interleaved, two visits for one tour, so that the deeper levels see both kinds.
pub(crate) fn units(setup: &Setup<'_>, size: usize) -> Vec<Unit> {
    let mut singles = pool(setup, size).into_iter().map(Unit::Free);
    let mut tours = recrews(setup).into_iter().take(size / 2);
    let mut out = Vec::new();
    loop {
        let before = out.len();
        out.extend(singles.by_ref().take(2));
        out.extend(tours.by_ref().take(1));
        if out.len() == before {
            return out;
        }
    }
}

/// Tours (with nothing fixed) and the unused pairs of the same day allowed for all their jobs.
fn recrews(setup: &Setup<'_>) -> Vec<Unit> {
    let days = setup.days_to_place();
    let n = setup.base.vehicles.len();
    let used = |v: VehicleId| {
        setup.current.routes[v]
            .iter()
            .any(|i| matches!(i, RouteItem::Job(_)))
    };
    let mut out = Vec::new();
    for from in (0..n).filter(|&v| used(v) && setup.day_of(v) >= setup.from_day) {
        let jobs: Vec<JobId> = setup.current.routes[from]
            .iter()
            .filter_map(|i| match i {
                RouteItem::Job(j) => Some(*j),
                RouteItem::Lunch => None,
            })
            .collect();
        if jobs
            .iter()
            .any(|&j| !matches!(setup.roles[j], Role::Held { fixed: false, .. }))
        {
            continue;
        }
        for to in (0..n).filter(|&v| v != from && setup.day_of(v) == setup.day_of(from) && !used(v))
        {
            let allowed = jobs.iter().all(|&j| {
                setup.base.jobs[j]
                    .allowed_vehicles
                    .as_ref()
                    .is_none_or(|vs| vs.contains(&to))
            });
            if allowed {
                let near = !days.contains(&setup.day_of(from));
                out.push((near, jobs.len(), Unit::Recrew(from, to)));
            }
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    out.into_iter().map(|x| x.2).collect()
}

/// The held visits that could make room, most plausible first: on a day the requests could
/// take, then in a tour of a worker who could take them, then closest to where they are.
pub(crate) fn pool(setup: &Setup<'_>, size: usize) -> Vec<JobId> {
    let days = setup.days_to_place();
    let free = Variant::default();
    let mut workers: Vec<usize> = (0..setup.roles.len())
        .filter(|&j| setup.roles[j].to_place())
        .flat_map(|j| setup.allowed(j, &free))
        .flat_map(|v| setup.inst.crews[v].workers)
        .collect();
    workers.sort_unstable();
    workers.dedup();
    // On a day the requests may take; else with a worker who could take them (frees hours).
    let tier = |v: VehicleId| {
        if days.contains(&setup.day_of(v)) {
            0
        } else if setup.inst.crews[v]
            .workers
            .iter()
            .any(|w| workers.contains(w))
        {
            1
        } else {
            2
        }
    };
    let m = &setup.base.matrix;
    let targets: Vec<usize> = (0..setup.roles.len())
        .filter(|&j| setup.roles[j].to_place())
        .map(|j| setup.base.jobs[j].stops[0].location)
        .collect();
    let mut held: Vec<(u8, i64, JobId)> = (0..setup.roles.len())
        .filter_map(|j| match setup.roles[j] {
            Role::Held {
                vehicle,
                fixed: false,
                ..
            } if setup.keys[j].is_personal() => {
                let here = setup.base.jobs[j].stops[0].location;
                let near = targets
                    .iter()
                    .map(|&t| m.duration(here, t).min(m.duration(t, here)).0)
                    .min()
                    .unwrap_or(0);
                Some((tier(vehicle), near, j))
            }
            _ => None,
        })
        .collect();
    held.sort_unstable();
    held.into_iter().take(size).map(|x| x.2).collect()
}

/// All subsets of `k` items, in lexicographic order of positions.
pub(crate) fn subsets<T: Copy>(items: &[T], k: usize) -> Vec<Vec<T>> {
    let n = items.len();
    if k > n {
        return Vec::new();
    }
    let mut idx: Vec<usize> = (0..k).collect();
    let mut out = Vec::new();
    loop {
        out.push(idx.iter().map(|&i| items[i]).collect());
        let Some(pos) = (0..k).rev().find(|&i| idx[i] != i + n - k) else {
            return out;
        };
        idx[pos] += 1;
        for i in pos + 1..k {
            idx[i] = idx[i - 1] + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_are_all_there_once() {
        let s = subsets(&[1, 2, 3, 4], 2);
        assert_eq!(s.len(), 6);
        assert_eq!(s[0], vec![1, 2]);
        assert_eq!(s[5], vec![3, 4]);
        assert_eq!(subsets(&[1, 2], 0), vec![Vec::<usize>::new()]);
        assert!(subsets(&[1], 2).is_empty());
    }
}
