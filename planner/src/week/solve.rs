//! The one place the week asks for a solution: the week's own construction and crew-swapping
//! search ([`super::improve`]) gives a start, which the optimiser ([`engine::solve`]: ruin and
//! recreate, local search, annealing) improves on. Both stop after a fixed amount of work, so
//! a seed gives the same plan on any machine; the time budget only cuts a slow machine short.

use super::improve::search;
use crate::engine::{self, Problem, Solution, SolverConfig, StopRule};
use crate::units::Cost;
use std::time::{Duration, Instant};

/// How long and with which seed to optimise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SolveOptions {
    pub seed: u64,
    /// Time allowed in all (the default week needs well under a second).
    pub budget: Duration,
    /// Constructions tried by the week's own search.
    pub tries: usize,
    /// Iterations of the optimiser after it; `u64::MAX` for none (the clock alone stops it).
    /// With a limit the optimiser cools over it in one cycle, so an unreachable one would
    /// leave it searching hot until the clock runs out.
    pub iterations: u64,
}

impl SolveOptions {
    pub fn new(seed: u64, budget: Duration) -> SolveOptions {
        SolveOptions {
            seed,
            budget,
            tries: 30,
            iterations: 3_000,
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

/// The clock, and the iteration limit unless there is none.
fn stop_rule(opts: &SolveOptions, start: Instant) -> StopRule {
    let clock = StopRule::time(opts.budget.saturating_sub(start.elapsed()));
    match opts.iterations {
        u64::MAX => clock,
        n => StopRule::iterations(n).or(clock),
    }
}

/// The best solution found within the budget, and its cost.
pub fn optimise(
    problem: &Problem,
    opts: &SolveOptions,
    on_progress: &mut dyn FnMut(&Progress),
) -> (Solution, Cost) {
    let start = Instant::now();
    let deadline = start + opts.budget / 4;
    let initial = search(problem, opts.seed, opts.tries, deadline, &mut |p| {
        on_progress(&Progress {
            fraction: p.fraction * 0.2,
            best: p.best,
        });
    });
    let config = SolverConfig {
        seed: opts.seed,
        stop: stop_rule(opts, start),
        initial: Some(initial.clone()),
        ..SolverConfig::default()
    };
    let iterations = opts.iterations.max(1) as f64;
    let result = engine::solve(problem, &config, &mut |p| {
        on_progress(&Progress {
            fraction: 0.2 + 0.8 * (p.iteration as f64 / iterations).min(1.0),
            best: p.best_cost,
        });
    });
    let (a, b) = (
        objective(problem, &initial),
        objective(problem, &result.solution),
    );
    if a < b {
        (initial, a)
    } else {
        (result.solution, b)
    }
}

/// The objective of a solution (the optimiser's, see `week::build` for its terms); a solution
/// missing a required job (a permanence) costs more than any other.
pub fn objective(problem: &Problem, solution: &Solution) -> Cost {
    let c = engine::cost(problem, solution);
    if c.missing_required > 0 {
        return Cost(Cost::MAX.0 / 2 + c.missing_required as i64);
    }
    c.total
}

#[cfg(test)]
mod stop_tests {
    use super::*;

    #[test]
    fn an_unlimited_iteration_count_leaves_the_clock_alone_to_stop() {
        let mut opts = SolveOptions::new(1, Duration::from_secs(5));
        let start = Instant::now();
        assert_eq!(stop_rule(&opts, start).iteration_limit(), Some(3_000));
        opts.iterations = u64::MAX;
        assert_eq!(stop_rule(&opts, start).iteration_limit(), None);
    }
}
