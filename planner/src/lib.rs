//! `planner`: the scenario model, the optimiser, rebalancing and coverage.

pub mod coverage;
pub mod engine;
pub mod units;
