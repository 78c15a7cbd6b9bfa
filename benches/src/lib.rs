//! Benchmark harnesses for tournee: the Solomon VRPTW harness and its instance reader, and a
//! synthetic week at the weekly planner's sizes.

pub mod generated;
pub mod solomon;
pub mod week;
