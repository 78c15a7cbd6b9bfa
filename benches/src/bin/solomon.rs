//! Solomon VRPTW harness: solves each instance with at most VEHICLES routes, checks the result
//! with exact distances, and compares with the best-known distances.
//!
//! `cargo run --release --bin solomon -- --budget 1 fixtures/benchmarks/solomon100/*.vrptw`

use anyhow::{Context, Result};
use clap::Parser;
use planner::engine::{RouteItem, Solution, SolverConfig, StopRule, solve};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tournee_benches::solomon::{self, Instance};

#[derive(Parser, Debug)]
#[command(about = "Solve Solomon VRPTW instances and compare with the best-known distances")]
struct Args {
    /// Seconds per instance.
    #[arg(long, default_value_t = 1.0)]
    budget: f64,
    /// Stop after this many iterations instead (deterministic runs).
    #[arg(long)]
    iterations: Option<u64>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write DIR/NAME.sol for each instance.
    #[arg(long)]
    solutions: Option<PathBuf>,
    /// Instances solved in parallel (each search uses one thread).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Instance files (LKH-3 CVRPTW format).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

struct Outcome {
    name: String,
    limit: usize,
    used: usize,
    distance: f64,
    best_known: Option<f64>,
    seconds: f64,
    problems: Vec<String>,
    routes: Vec<Vec<usize>>,
}

fn main() {
    let args = Args::parse();
    match run(&args) {
        Ok(all_feasible) => std::process::exit(if all_feasible { 0 } else { 1 }),
        Err(e) => {
            eprintln!("solomon: {e:#}");
            std::process::exit(2);
        }
    }
}

fn run(args: &Args) -> Result<bool> {
    if !(args.budget > 0.0 && args.budget.is_finite()) {
        anyhow::bail!(
            "--budget {}: give a positive number of seconds",
            args.budget
        );
    }
    let mut instances = Vec::new();
    for path in &args.files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let instance = solomon::parse(&text).map_err(|e| {
            anyhow::anyhow!("{}, {e}; expected the LKH-3 CVRPTW format", path.display())
        })?;
        let best = best_known(path)?;
        instances.push((instance, best));
    }
    if let Some(dir) = &args.solutions {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let outcomes = solve_all(args, &instances);
    if let Some(dir) = &args.solutions {
        for o in &outcomes {
            write_solution(dir, o)?;
        }
    }
    print_table(&outcomes);
    Ok(outcomes.iter().all(|o| o.problems.is_empty()))
}

/// Best-known (vehicles, distance) by instance name from `best_known.csv` beside the file.
fn best_known(path: &Path) -> Result<BTreeMap<String, f64>> {
    let csv = path.with_file_name("best_known.csv");
    let Ok(text) = std::fs::read_to_string(&csv) else {
        return Ok(BTreeMap::new());
    };
    let mut out = BTreeMap::new();
    for (k, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() < 3 {
            continue;
        }
        let d: f64 = fields[2].parse().with_context(|| {
            format!(
                "{}, line {}: best_known_distance is not a number",
                csv.display(),
                k + 1
            )
        })?;
        out.insert(fields[0].to_string(), d);
    }
    Ok(out)
}

fn solve_all(args: &Args, instances: &[(Instance, BTreeMap<String, f64>)]) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..instances.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..args.threads.max(1) {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some((instance, best)) = instances.get(k) else {
                        break;
                    };
                    let outcome = solve_one(args, instance, best.get(&instance.name).copied());
                    eprintln!(
                        "{:<8} {:>10.3} {:>6.2}s {}",
                        outcome.name,
                        outcome.distance,
                        outcome.seconds,
                        if outcome.problems.is_empty() {
                            "ok"
                        } else {
                            "INFEASIBLE"
                        }
                    );
                    if let Ok(mut r) = results.lock() {
                        r[k] = Some(outcome);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

fn solve_one(args: &Args, instance: &Instance, best_known: Option<f64>) -> Outcome {
    let problem = instance.to_problem();
    let stop = match args.iterations {
        Some(n) => StopRule::iterations(n),
        None => StopRule::time(Duration::from_secs_f64(args.budget)),
    };
    let config = SolverConfig {
        seed: args.seed,
        stop,
        ..SolverConfig::default()
    };
    let result = solve(&problem, &config, &mut |_| {});
    let routes = customer_routes(&result.solution);
    let (distance, problems) = match instance.check(&routes) {
        Ok(d) => (d, Vec::new()),
        Err(p) => (f64::NAN, p),
    };
    Outcome {
        name: instance.name.clone(),
        limit: instance.vehicles,
        used: routes.len(),
        distance,
        best_known,
        seconds: result.elapsed.as_secs_f64(),
        problems,
        routes,
    }
}

/// Non-empty routes as customer numbers (job `j` is customer `j + 1`).
fn customer_routes(solution: &Solution) -> Vec<Vec<usize>> {
    solution
        .routes
        .iter()
        .map(|r| {
            r.items
                .iter()
                .filter_map(|i| match i {
                    RouteItem::Job(j) => Some(j + 1),
                    RouteItem::Lunch => None,
                })
                .collect::<Vec<usize>>()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

fn write_solution(dir: &Path, o: &Outcome) -> Result<()> {
    let mut text = String::new();
    for (k, route) in o.routes.iter().enumerate() {
        let list: Vec<String> = route.iter().map(usize::to_string).collect();
        text.push_str(&format!("Route #{}: {}\n", k + 1, list.join(" ")));
    }
    text.push_str(&format!("Cost {:.3}\n", o.distance));
    let path = dir.join(format!("{}.sol", o.name));
    maps::atomic::write_atomic(
        &path,
        text.as_bytes(),
        maps::atomic::Privacy::Public,
        maps::atomic::Backup::None,
    )
    .with_context(|| format!("cannot write {}", path.display()))
}

fn print_table(outcomes: &[Outcome]) {
    println!(
        "{:<8} {:>8} {:>11} {:>11} {:>7} {:>7}  feasible",
        "instance", "vehicles", "distance", "best-known", "gap %", "time s"
    );
    let mut gaps = Vec::new();
    for o in outcomes {
        let gap = o
            .best_known
            .filter(|_| o.problems.is_empty())
            .map(|b| 100.0 * (o.distance - b) / b);
        gaps.extend(gap);
        let show = |x: Option<f64>, p: usize| x.map_or("-".to_string(), |v| format!("{v:.p$}"));
        println!(
            "{:<8} {:>8} {:>11.3} {:>11} {:>7} {:>7.2}  {}",
            o.name,
            format!("{}/{}", o.used, o.limit),
            o.distance,
            show(o.best_known, 3),
            show(gap, 2),
            o.seconds,
            if o.problems.is_empty() {
                "yes".to_string()
            } else {
                format!("NO: {}", o.problems.join("; "))
            }
        );
    }
    let feasible = outcomes.iter().filter(|o| o.problems.is_empty()).count();
    let mean = gaps.iter().sum::<f64>() / gaps.len().max(1) as f64;
    let max = gaps.iter().copied().fold(f64::NAN, f64::max);
    println!(
        "feasible {feasible}/{}  mean gap {mean:.2} %  max gap {max:.2} %  (over {} instances with a best-known value)",
        outcomes.len(),
        gaps.len()
    );
}
