//! `planner`: the scenario model, the optimiser, rebalancing and coverage.
