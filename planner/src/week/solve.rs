//! The one place the week asks for a solution: today the week's own cheapest-insertion
//! construction ([`super::greedy`]); the optimiser (`engine::solve`) plugs in here.

use super::greedy::route_cost;
use super::improve::search;
use crate::engine::{GroupRule, Problem, Requirement, RouteItem, Solution};
use crate::units::Cost;
use crate::week::timing::time_route;

/// How long and with which seed to optimise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SolveOptions {
    pub seed: u64,
    /// Time allowed (the default week needs well under a second).
    pub budget: std::time::Duration,
    /// Constructions tried: a fixed number, so the same seed gives the same plan anywhere.
    pub tries: usize,
}

impl SolveOptions {
    pub fn new(seed: u64, budget: std::time::Duration) -> SolveOptions {
        SolveOptions {
            seed,
            budget,
            tries: 200,
        }
    }
}

/// Reported while optimising (for a progress bar).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// 0 to 1.
    pub fraction: f64,
    pub best: Cost,
}

/// The best solution found within the budget, and its cost.
pub fn optimise(
    problem: &Problem,
    opts: &SolveOptions,
    on_progress: &mut dyn FnMut(&Progress),
) -> (Solution, Cost) {
    let deadline = std::time::Instant::now() + opts.budget;
    let solution = search(problem, opts.seed, opts.tries, deadline, on_progress);
    let cost = objective(problem, &solution);
    (solution, cost)
}

/// The objective of a solution, as documented in `week::build` (routes, penalties of jobs left
/// out, continuity, balance of hours).
pub fn objective(problem: &Problem, solution: &Solution) -> Cost {
    let mut total = Cost::ZERO;
    let mut served = vec![false; problem.jobs.len()];
    let mut length = vec![crate::units::Duration::ZERO; problem.vehicles.len()];
    for r in solution.routes.iter().filter(|r| !r.items.is_empty()) {
        total += route_cost(problem, r).unwrap_or(Cost(i64::MAX / 8));
        length[r.vehicle] = time_route(problem, r).duration();
        for item in &r.items {
            if let RouteItem::Job(j) = item {
                served[*j] = true;
                if let Some((vs, c)) = &problem.jobs[*j].preferred
                    && !vs.contains(&r.vehicle)
                {
                    total += *c;
                }
            }
        }
    }
    for (j, job) in problem.jobs.iter().enumerate() {
        if let (false, Requirement::Optional { penalty }) = (served[j], job.requirement) {
            total += penalty;
        }
    }
    for g in &problem.groups {
        if let GroupRule::DurationBudget {
            limit,
            balance_weight,
        } = g.rule
        {
            let used: i128 = g.vehicles.iter().map(|&v| length[v].0 as i128).sum();
            total += Cost((balance_weight as i128 * used * used / limit.0.max(1) as i128) as i64);
        }
    }
    total
}
