//! Benchmark harnesses for tournee: the Solomon VRPTW harness and its instance reader.

pub mod solomon;
