//! `planner`: the scenario model, the optimiser, rebalancing and coverage.

pub mod check;
pub mod coverage;
pub mod engine;
pub mod rebalance;
pub mod units;
pub mod week;

// Lets unit tests share the integration tests' helpers, which name the crate.
#[cfg(test)]
extern crate self as planner;
