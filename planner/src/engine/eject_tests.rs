//! The ejection search against a brute force that tries every set of at most `most` jobs to
//! push out of every route and every place for the job, judged by the independent checker.

use super::{best_ejection, lighter_ejection};
use crate::check::{CheckReport, ViolationKind, check};
use crate::engine::convert;
use crate::engine::instance::{Instance, Node};
use crate::engine::problem::{Problem, RouteItem, Solution, Unassigned};
use crate::engine::rng::Rng;
use crate::engine::search::solve_iterations;
use crate::engine::tests::common::{Features, Lcg, random_problem};
use crate::units::Cost;

/// `solution` without `job`, which joins the unassigned list.
fn without(solution: &Solution, job: usize) -> Solution {
    let mut out = solution.clone();
    for route in &mut out.routes {
        route.items.retain(|i| *i != RouteItem::Job(job));
    }
    out.unassigned.push(Unassigned {
        job,
        reasons: Vec::new(),
    });
    out
}

/// A random problem of 14 jobs and 3 vehicles, a solution of it, failure counters of 1 to 5
/// drawn from a generator seeded with `seed + salt`, and that generator for further draws.
fn random_case(seed: u64, salt: u64) -> (Problem, Solution, Vec<u32>, Lcg) {
    let problem = random_problem(seed, 14, 3, Features::default());
    let solved = solve_iterations(&problem, seed, 300).solution;
    let mut g = Lcg::new(seed + salt);
    let failures: Vec<u32> = (0..problem.jobs.len())
        .map(|_| g.range(1, 5) as u32)
        .collect();
    (problem, solved, failures, g)
}

/// The jobs of `problem` that `solution` places.
fn assigned(problem: &Problem, solution: &Solution) -> Vec<usize> {
    let placed = |j: &usize| !solution.unassigned.iter().any(|u| u.job == *j);
    (0..problem.jobs.len()).filter(placed).collect()
}

/// Whether `report` finds nothing wrong but required jobs left out.
fn only_missing(report: &CheckReport) -> bool {
    (report.violations.iter()).all(|x| x.kind == ViolationKind::RequiredMissing)
}

/// Every subset of `0..n` with 1 to `most` members.
fn subsets(n: usize, most: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut stack = vec![(0usize, Vec::new())];
    while let Some((from, chosen)) = stack.pop() {
        if !chosen.is_empty() {
            out.push(chosen.clone());
        }
        if chosen.len() < most {
            for i in from..n {
                let mut next = chosen.clone();
                next.push(i);
                stack.push((i + 1, next));
            }
        }
    }
    out
}

/// The least (sum of failures, jobs pushed out, change of cost) over every way of fitting `v`.
fn brute_force(
    problem: &Problem,
    base: &Solution,
    v: usize,
    failures: &[u32],
    most: usize,
) -> Option<(u64, usize, Cost)> {
    let base_cost = check(problem, base).cost.total;
    let mut best = None;
    for (r, route) in base.routes.iter().enumerate() {
        let jobs: Vec<usize> = route
            .items
            .iter()
            .filter_map(|i| match i {
                RouteItem::Job(j) => Some(*j),
                _ => None,
            })
            .collect();
        for out in subsets(jobs.len(), most) {
            let kept: Vec<usize> = (0..jobs.len())
                .filter(|i| !out.contains(i))
                .map(|i| jobs[i])
                .collect();
            for at in 0..=kept.len() {
                let mut items: Vec<RouteItem> = kept.iter().map(|&j| RouteItem::Job(j)).collect();
                items.insert(at, RouteItem::Job(v));
                let mut candidate = base.clone();
                candidate.routes[r].items = items;
                candidate.unassigned.retain(|u| u.job != v);
                for &i in &out {
                    candidate.unassigned.push(Unassigned {
                        job: jobs[i],
                        reasons: Vec::new(),
                    });
                }
                let report = check(problem, &candidate);
                if !only_missing(&report) {
                    continue;
                }
                let psum = out.iter().map(|&i| u64::from(failures[jobs[i]])).sum();
                let key = (psum, out.len(), report.cost.total - base_cost);
                if best.is_none_or(|b| key < b) {
                    best = Some(key);
                }
            }
        }
    }
    best
}

#[test]
fn ejection_search_finds_what_brute_force_finds() {
    let mut compared = 0;
    for seed in 0..40 {
        let (problem, solved, failures, _) = random_case(seed, 1000);
        let inst = Instance::new(&problem, 10);
        for v in assigned(&problem, &solved) {
            let base = without(&solved, v);
            if !only_missing(&check(&problem, &base)) {
                continue;
            }
            let state = convert::import(&inst, &base);
            for most in 1..=3 {
                let mut rng = Rng::new(seed);
                let found = best_ejection(
                    &inst,
                    &state,
                    v as Node,
                    &failures,
                    &mut rng,
                    (most, usize::MAX),
                )
                .map(|e| e.key);
                let expected = brute_force(&problem, &base, v, &failures, most);
                assert_eq!(found, expected, "seed {seed}, job {v}, at most {most} out");
                compared += usize::from(expected.is_some());
            }
        }
    }
    assert!(
        compared > 100,
        "only {compared} comparisons with an ejection"
    );
}

/// The bounded search finds the same set as the full one whenever that set is lighter than the
/// bound, and nothing otherwise.
#[test]
fn lighter_ejection_is_the_best_one_below_its_bound() {
    let (mut lighter, mut none) = (0, 0);
    for seed in 0..30 {
        let (problem, solved, failures, mut g) = random_case(seed, 2000);
        let inst = Instance::new(&problem, 10);
        for v in assigned(&problem, &solved) {
            let state = convert::import(&inst, &without(&solved, v));
            let limits = (3, usize::MAX);
            let than = (g.range(1, 9) as u64, g.range(1, 4) as usize);
            let full = best_ejection(
                &inst,
                &state,
                v as Node,
                &failures,
                &mut Rng::new(seed),
                limits,
            )
            .map(|e| (e.key, e.route, e.before, e.ejected))
            .filter(|(key, ..)| (key.0, key.1) < than);
            let bounded = lighter_ejection(
                &inst,
                &state,
                (v as Node, &failures),
                &mut Rng::new(seed),
                limits,
                than,
            )
            .map(|e| (e.key, e.route, e.before, e.ejected));
            assert_eq!(bounded, full, "seed {seed}, job {v}, lighter than {than:?}");
            if full.is_some() {
                lighter += 1;
            } else {
                none += 1;
            }
        }
    }
    assert!(
        lighter > 30 && none > 30,
        "{lighter} lighter, {none} without"
    );
}
