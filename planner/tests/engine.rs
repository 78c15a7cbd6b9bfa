//! The engine against the independent checker and a brute-force solver.

mod common;

use common::{Features, brute_force, random_problem};
use planner::check::{ViolationKind, check};
use planner::engine::{
    Problem, SolveResult, SolverConfig, StopRule, UnassignedReason, cost, solve, solve_iterations,
};
use proptest::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Everything but missing required jobs must hold, the cost must match the checker's, and
/// every job left out must say why.
fn assert_valid(problem: &Problem, result: &SolveResult) {
    let report = check(problem, &result.solution);
    let hard: Vec<_> = report
        .violations
        .iter()
        .filter(|v| v.kind != ViolationKind::RequiredMissing)
        .collect();
    assert!(hard.is_empty(), "violations: {hard:#?}");
    assert_eq!(
        report.cost, result.cost,
        "engine and checker disagree on the cost"
    );
    assert_eq!(cost(problem, &result.solution), result.cost);
    for u in &result.solution.unassigned {
        assert!(
            !u.reasons.is_empty(),
            "job {} left out without a reason",
            u.job
        );
    }
}

#[test]
fn plain_random_instances_are_solved_feasibly() {
    for seed in 0..20 {
        let problem = random_problem(seed, 30, 4, Features::default());
        let result = solve_iterations(&problem, seed, 300);
        assert_valid(&problem, &result);
    }
}

#[test]
fn same_seed_same_solution() {
    let problem = random_problem(7, 40, 5, Features::all());
    let a = solve_iterations(&problem, 3, 200);
    let b = solve_iterations(&problem, 3, 200);
    assert_eq!(a.solution, b.solution);
    assert_eq!(a.cost, b.cost);
}

#[test]
fn cancelled_search_returns_its_best_feasible_solution() {
    let problem = random_problem(11, 60, 6, Features::all());
    let flag = Arc::new(AtomicBool::new(false));
    let setter = flag.clone();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        setter.store(true, Ordering::Relaxed);
    });
    let config = SolverConfig {
        seed: 1,
        stop: StopRule::cancel(flag).or(StopRule::iterations(u64::MAX)),
        ..SolverConfig::default()
    };
    let mut best_seen = None;
    let result = solve(&problem, &config, &mut |p| {
        if p.best.is_some() {
            best_seen = Some(p.best_cost);
        }
    });
    canceller.join().unwrap();
    assert!(result.iterations < u64::MAX);
    assert_valid(&problem, &result);
    assert_eq!(Some(result.cost.total), best_seen);
}

#[test]
fn warm_start_keeps_a_good_plan() {
    let problem = random_problem(5, 25, 3, Features::all());
    let first = solve_iterations(&problem, 1, 400);
    let config = SolverConfig {
        seed: 9,
        stop: StopRule::iterations(50),
        initial: Some(first.solution.clone()),
        ..SolverConfig::default()
    };
    let again = solve(&problem, &config, &mut |_| {});
    assert_valid(&problem, &again);
    assert!(again.cost.missing_required <= first.cost.missing_required);
    assert!(
        (again.cost.missing_required, again.cost.total)
            <= (first.cost.missing_required, first.cost.total)
    );
}

#[test]
fn brute_force_optimum_on_eight_jobs() {
    let problem = random_problem(21, 8, 2, Features::default());
    let result = solve_iterations(&problem, 1, 500);
    assert_valid(&problem, &result);
    let best = brute_force(&problem);
    assert_eq!((result.cost.missing_required, result.cost.total), best);
}

#[test]
fn unknown_reason_free_left_outs() {
    let mut problem = random_problem(3, 6, 2, Features::default());
    // Job 0: nobody may serve it; job 1: too big; job 2: window before anyone can arrive.
    problem.jobs[0].allowed_vehicles = Some(vec![]);
    problem.jobs[1].size = planner::units::Load(1000);
    problem.jobs[2].stops[0].windows = vec![planner::engine::TimeWindow::new(
        planner::units::Duration(0),
        planner::units::Duration(0),
    )];
    let result = solve_iterations(&problem, 1, 100);
    assert_valid(&problem, &result);
    let reason = |j: usize| {
        result
            .solution
            .unassigned
            .iter()
            .find(|u| u.job == j)
            .map(|u| u.reasons.clone())
    };
    assert_eq!(reason(0), Some(vec![UnassignedReason::NoAllowedVehicle]));
    assert_eq!(reason(1), Some(vec![UnassignedReason::Capacity]));
    assert_eq!(reason(2), Some(vec![UnassignedReason::WindowsUnreachable]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, rng_seed: proptest::test_runner::RngSeed::Fixed(3), ..ProptestConfig::default() })]

    #[test]
    fn every_solution_passes_the_checker(seed in 0u64..10_000, jobs in 1usize..30, vehicles in 1usize..6) {
        let problem = random_problem(seed, jobs, vehicles, Features::all());
        let result = solve_iterations(&problem, seed, 150);
        assert_valid(&problem, &result);
    }

    #[test]
    fn tiny_instances_reach_the_brute_force_optimum(seed in 0u64..10_000, jobs in 1usize..6, vehicles in 1usize..3, all in any::<bool>()) {
        let features = if all { Features::all() } else { Features::default() };
        let problem = random_problem(seed, jobs, vehicles, features);
        let result = solve_iterations(&problem, seed, 1000);
        assert_valid(&problem, &result);
        let best = brute_force(&problem);
        // With required jobs that cannot all fit, the best is "fewest left out"; the cost of
        // such an infeasible plan is not optimised to the last unit.
        prop_assert_eq!(result.cost.missing_required, best.0);
        if best.0 == 0 {
            prop_assert_eq!(result.cost.total, best.1);
        }
    }
}
