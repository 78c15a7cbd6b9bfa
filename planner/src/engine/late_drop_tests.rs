//! The drops after a failed squeeze against a brute force that judges each route alone, with
//! each of its jobs out in turn, by the independent checker.

use super::{apply, lightest_drops};
use crate::check::{ViolationKind, check};
use crate::engine::convert;
use crate::engine::instance::{Instance, Node};
use crate::engine::problem::{Problem, RouteItem, Solution, TimeWindow, Unassigned};
use crate::engine::search::solve_iterations;
use crate::engine::state::{LunchPlace, State};
use crate::engine::tests::common::{Features, Lcg, random_problem};
use crate::units::Duration;

/// Whether the checker finds nothing wrong in `solution` but required jobs left out.
fn sound(problem: &Problem, solution: &Solution) -> bool {
    let report = check(problem, solution);
    (report.violations.iter()).all(|x| x.kind == ViolationKind::RequiredMissing)
}

/// `solution` with route `r` alone, less `out`; every other job unassigned.
fn alone(problem: &Problem, solution: &Solution, r: usize, out: Option<usize>) -> Solution {
    let mut only = solution.clone();
    for (i, route) in only.routes.iter_mut().enumerate() {
        if i != r {
            route.items.clear();
        }
    }
    only.routes[r]
        .items
        .retain(|item| Some(*item) != out.map(RouteItem::Job));
    let placed: Vec<usize> = (only.routes[r].items.iter())
        .filter_map(|item| match item {
            RouteItem::Job(j) => Some(*j),
            _ => None,
        })
        .collect();
    only.unassigned = (0..problem.jobs.len())
        .filter(|j| !placed.contains(j))
        .map(|job| Unassigned {
            job,
            reasons: Vec::new(),
        })
        .collect();
    only
}

/// The least failure counter of a job (not `keep`) whose removal makes route `r` sound.
fn lightest_by_checker(
    problem: &Problem,
    solution: &Solution,
    r: usize,
    keep: usize,
    failures: &[u32],
) -> Option<u64> {
    (solution.routes[r].items.iter())
        .filter_map(|item| match item {
            RouteItem::Job(j) if *j != keep => Some(*j),
            _ => None,
        })
        .filter(|&j| sound(problem, &alone(problem, solution, r, Some(j))))
        .map(|j| u64::from(failures[j]))
        .min()
}

/// The weight the drops should have: each late route's lightest job, if all have one.
fn expected(
    problem: &Problem,
    solution: &Solution,
    keep: usize,
    failures: &[u32],
    most: usize,
) -> Option<(u64, usize)> {
    let late: Vec<usize> = (0..solution.routes.len())
        .filter(|&r| !sound(problem, &alone(problem, solution, r, None)))
        .collect();
    if late.len() > most {
        return None;
    }
    let mut sum = 0;
    for &r in &late {
        sum += lightest_by_checker(problem, solution, r, keep, failures)?;
    }
    Some((sum, late.len()))
}

/// A solved plan with `moves` jobs moved to random places, and the last of them: routes a
/// little late, as a squeeze leaves them.
fn nearly_sound(inst: &Instance, seed: u64, moves: usize, g: &mut Lcg) -> (State, Node) {
    let solved = solve_iterations(inst.problem, seed, 300).solution;
    let mut state = convert::import(inst, &solved);
    let mut job = 0;
    for _ in 0..moves {
        job = g.below(inst.jobs as u64) as Node;
        state.remove_job(inst, job);
        let r = g.below(state.routes.len() as u64) as usize;
        let after = g.below(state.routes[r].len() as u64 - 1) as usize;
        state.insert_job(inst, job, r, after, 0, LunchPlace::Stay);
    }
    (state, job)
}

/// Shifts cut to 350–550 time units, so that routes of a few jobs are late by a few.
fn short_shifts(mut problem: Problem, seed: u64) -> Problem {
    let mut g = Lcg::new(seed + 100);
    for vehicle in &mut problem.vehicles {
        let start = vehicle.shift.open;
        vehicle.shift = TimeWindow::new(start, start + Duration(g.range(350, 550)));
    }
    problem
}

#[test]
fn drops_match_a_brute_force_and_leave_the_routes_sound() {
    let (mut compared, mut dropped) = (0, 0);
    for seed in 0..80 {
        let problem = short_shifts(random_problem(seed, 12, 4, Features::default()), seed);
        let inst = Instance::new(&problem, 10);
        assert!(inst.is_plain());
        let mut g = Lcg::new(seed + 500);
        let failures: Vec<u32> = (0..problem.jobs.len())
            .map(|_| g.range(1, 5) as u32)
            .collect();
        let (state, keep) = nearly_sound(&inst, seed, 1 + (seed % 3) as usize, &mut g);
        let solution = convert::export(&inst, &state);
        for most in 1..=3 {
            let found = lightest_drops(&inst, &state, keep, &failures, most);
            let want = expected(&problem, &solution, keep as usize, &failures, most);
            assert_eq!(
                found.as_ref().map(|d| d.weight),
                want,
                "seed {seed}, keep {keep}, at most {most}"
            );
            compared += 1;
            let Some(drops) = found else { continue };
            assert!(!drops.jobs.contains(&keep));
            let mut after = state.clone();
            apply(&inst, &mut after, &drops);
            assert!(after.is_feasible(), "seed {seed}: routes still late");
            assert!(sound(&problem, &convert::export(&inst, &after)));
            dropped += usize::from(!drops.jobs.is_empty());
        }
    }
    assert!(
        dropped > 25,
        "only {dropped} of {compared} cases dropped a job"
    );
}
