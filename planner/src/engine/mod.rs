//! The general optimiser: vehicle routing with time windows and a few cross-route rules.
//!
//! [`solve`] runs the search; [`cost`] and [`timeline`] recompute the objective and the
//! schedule of any solution. The model is in [`problem`].

mod checks;
mod config;
mod convert;
mod cost;
mod eject;
mod fleet;
mod insert;
mod instance;
mod late_drop;
mod local_search;
mod operators;
#[doc(hidden)]
pub mod probe;
pub mod problem;
mod reasons;
mod recreate;
mod rng;
mod route;
mod ruin;
mod rules;
mod search;
pub mod segment;
mod state;
pub mod stop;
#[cfg(test)]
mod tests;
mod timeline;

pub use config::{Progress, SolveResult, SolverConfig, Tuning};
pub use cost::{CostBreakdown, cost};
pub use problem::*;
pub use search::{solve, solve_iterations};
pub use stop::{Cancel, MaxIterations, NoImprovement, SearchStatus, StopRule, TimeBudget};
pub use timeline::{ItemTime, StopTime, Timeline, timeline};
