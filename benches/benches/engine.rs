//! Criterion benchmarks of the optimiser's hot paths, on Solomon instances: evaluating moves
//! (the local search's inner loop) and one search iteration (ruin, recreate, polish, accept).
//!
//! `cargo bench -p tournee-benches --bench engine`

use criterion::{Criterion, criterion_group, criterion_main};
use planner::engine::probe::{with_moves, with_stepper};
use planner::engine::{Problem, SolverConfig, StopRule};
use std::hint::black_box;
use std::path::Path;
use tournee_benches::solomon;

fn instance(name: &str) -> Problem {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/benchmarks/solomon100")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    solomon::parse(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_problem()
}

fn config() -> SolverConfig {
    SolverConfig {
        seed: 1,
        stop: StopRule::time(std::time::Duration::from_secs(3600)),
        ..SolverConfig::default()
    }
}

fn moves(c: &mut Criterion) {
    for name in ["R101.100.19.vrptw", "RC208.100.3.vrptw"] {
        let problem = instance(name);
        c.bench_function(&format!("evaluate moves {name}"), |b| {
            with_moves(&problem, &config(), |m| {
                b.iter(|| black_box(m.evaluate_all()))
            })
        });
    }
}

fn iterations(c: &mut Criterion) {
    for name in ["R101.100.19.vrptw", "RC208.100.3.vrptw"] {
        let problem = instance(name);
        c.bench_function(&format!("search iteration {name}"), |b| {
            with_stepper(&problem, &config(), |s| b.iter(|| black_box(s.step())))
        });
    }
}

criterion_group!(benches, moves, iterations);
criterion_main!(benches);
