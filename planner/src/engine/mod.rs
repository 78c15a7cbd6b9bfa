//! The general optimiser: vehicle routing with time windows and a few cross-route rules.

pub mod problem;

pub use problem::*;
