//! One module per subcommand; each exposes its clap arguments and a `run` function.

pub mod coverage;
pub mod map;
pub mod plan;
pub mod purge;
pub mod rebalance;
pub mod scenario;
pub mod tui;
