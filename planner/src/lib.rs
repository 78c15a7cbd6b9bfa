//! `planner`: the scenario model, the optimiser, rebalancing and coverage.

pub mod engine;
pub mod units;
pub mod week;
