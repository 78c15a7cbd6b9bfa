//! What the caller gives the solver and gets back.

use super::cost::CostBreakdown;
use super::problem::Solution;
use super::stop::StopRule;
use crate::units::Cost;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct SolverConfig {
    pub seed: u64,
    pub stop: StopRule,
    /// A plan to start from (rebalancing): its jobs stay where they are unless moving them
    /// improves the objective. Jobs that break a rule there are re-placed.
    pub initial: Option<Solution>,
    pub tuning: Tuning,
}

impl Default for SolverConfig {
    fn default() -> SolverConfig {
        SolverConfig {
            seed: 0,
            stop: StopRule::iterations(20_000),
            initial: None,
            tuning: Tuning::default(),
        }
    }
}

/// Search parameters; the defaults are tuned on the Solomon instances.
#[derive(Clone, Debug)]
pub struct Tuning {
    /// Closest jobs considered by the local search around each job.
    pub granularity: usize,
    /// Average number of jobs removed per iteration.
    pub ruin_average: f64,
    /// Longest string of jobs removed from one route.
    pub ruin_max_string: usize,
    /// Probability of skipping a position while reinserting.
    pub blink_rate: f64,
    /// Simulated annealing temperatures, as fractions of the mean cost of an arc.
    pub start_temperature: f64,
    pub end_temperature: f64,
    /// Iterations of one cooling cycle (each cycle restarts from the best solution); 0 means
    /// the iteration limit of the stop rule if any, else a default.
    pub cycle_iterations: u64,
    /// Run the local search after each reinsertion.
    pub local_search: bool,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            granularity: 40,
            ruin_average: 10.0,
            ruin_max_string: 10,
            blink_rate: 0.01,
            start_temperature: 0.5,
            end_temperature: 0.01,
            cycle_iterations: 0,
            local_search: true,
        }
    }
}

/// Reported to the caller during the search.
#[derive(Clone, Debug)]
pub struct Progress {
    pub iteration: u64,
    pub elapsed: std::time::Duration,
    pub best_cost: Cost,
    /// Required jobs the best solution leaves out.
    pub best_missing: usize,
    /// The best solution, when it just improved (reasons of unassigned jobs left empty).
    pub best: Option<Arc<Solution>>,
}

#[derive(Clone, Debug)]
pub struct SolveResult {
    pub solution: Solution,
    pub cost: CostBreakdown,
    pub iterations: u64,
    pub elapsed: std::time::Duration,
}
