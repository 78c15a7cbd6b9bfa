//! Solomon VRPTW harness: solves each instance with at most VEHICLES routes, checks the result
//! with exact distances, and compares with the best-known distances.
//!
//! `cargo run --release --bin solomon -- --budget 1 fixtures/benchmarks/solomon100/*.vrptw`
//!
//! Whether R104 and R112 fit into their 9 vehicles within a budget varies with the seed (the
//! route minimisation is a random walk); `benches/time_to_fleet.sh` measures it over seeds, and
//! `benches/README.md` gives the figures.

use anyhow::{Context, Result};
use clap::Parser;
use planner::engine::{RouteItem, Solution, SolverConfig, StopRule, Tuning, solve};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tournee_benches::solomon::{self, Instance};

#[derive(Parser, Debug)]
#[command(about = "Solve Solomon VRPTW instances and compare with the best-known distances")]
struct Args {
    /// Seconds per instance.
    #[arg(long, default_value_t = 1.0)]
    budget: f64,
    /// Count the budget in CPU time of the solving thread instead of wall-clock time (fair
    /// measurements on a shared machine; 10 ms resolution).
    #[arg(long)]
    cpu: bool,
    /// Print every improvement of the best solution (time, iteration, missing, cost).
    #[arg(long)]
    trace: bool,
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
    /// Tuning override KEY=VALUE (repeatable), e.g. `--set local_search=false`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
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
    iterations: u64,
    problems: Vec<String>,
    routes: Vec<Vec<usize>>,
}

fn main() {
    let args = Args::parse();
    match run(args) {
        Ok(all_feasible) => std::process::exit(if all_feasible { 0 } else { 1 }),
        Err(e) => {
            eprintln!("solomon: {e:#}");
            std::process::exit(2);
        }
    }
}

/// The parsed arguments with the tuning overrides applied.
struct Run {
    args: Args,
    tuning: Tuning,
}

impl std::ops::Deref for Run {
    type Target = Args;
    fn deref(&self) -> &Args {
        &self.args
    }
}

fn tuning(overrides: &[String]) -> Result<Tuning> {
    let mut t = Tuning::default();
    for o in overrides {
        let (key, value) = o
            .split_once('=')
            .with_context(|| format!("--set {o:?}: expected KEY=VALUE"))?;
        let bad = || format!("--set {key}: bad value {value:?}");
        match key {
            "granularity" => t.granularity = value.parse().with_context(bad)?,
            "ruin_average" => t.ruin_average = value.parse().with_context(bad)?,
            "ruin_max_string" => t.ruin_max_string = value.parse().with_context(bad)?,
            "blink_rate" => t.blink_rate = value.parse().with_context(bad)?,
            "start_temperature" => t.start_temperature = value.parse().with_context(bad)?,
            "end_temperature" => t.end_temperature = value.parse().with_context(bad)?,
            "cycle_iterations" => t.cycle_iterations = value.parse().with_context(bad)?,
            "ejection_chain" => t.ejection_chain = value.parse().with_context(bad)?,
            "regret_share" => t.regret_share = value.parse().with_context(bad)?,
            "repair_from" => t.repair_from = value.parse().with_context(bad)?,
            "repair_steps" => t.repair_steps = value.parse().with_context(bad)?,
            "record_band" => t.record_band = value.parse().with_context(bad)?,
            "polish_gap" => t.polish_gap = value.parse().with_context(bad)?,
            "cycle_growth" => t.cycle_growth = value.parse().with_context(bad)?,
            "local_search" => t.local_search = value.parse().with_context(bad)?,
            "missing_penalty" => t.missing_penalty = value.parse().with_context(bad)?,
            "fleet_phase" => t.fleet_phase = value.parse().with_context(bad)?,
            "shake_moves" => t.shake_moves = value.parse().with_context(bad)?,
            "max_ejected" => t.max_ejected = value.parse().with_context(bad)?,
            "ejection_budget" => t.ejection_budget = value.parse().with_context(bad)?,
            "squeeze_granularity" => t.squeeze_granularity = value.parse().with_context(bad)?,
            "restart_phases" => t.restart_phases = value.parse().with_context(bad)?,
            "late_drops" => t.late_drops = value.parse().with_context(bad)?,
            "feasible_share" => t.feasible_share = value.parse().with_context(bad)?,
            _ => anyhow::bail!("--set {key}: unknown tuning key"),
        }
    }
    Ok(t)
}

fn run(args: Args) -> Result<bool> {
    let tuning = tuning(&args.set)?;
    let args = Run { args, tuning };
    let args = &args;
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

fn solve_all(args: &Run, instances: &[(Instance, BTreeMap<String, f64>)]) -> Vec<Outcome> {
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

fn solve_one(args: &Run, instance: &Instance, best_known: Option<f64>) -> Outcome {
    let problem = instance.to_problem();
    let budget = Duration::from_secs_f64(args.budget);
    let flag = Arc::new(AtomicBool::new(false));
    let stop = match (args.iterations, args.cpu) {
        (Some(n), _) => StopRule::iterations(n),
        (None, false) => StopRule::time(budget),
        (None, true) => {
            cpu_watch(flag.clone(), budget);
            StopRule::cancel(flag.clone())
        }
    };
    let config = SolverConfig {
        seed: args.seed,
        stop,
        tuning: args.tuning.clone(),
        ..SolverConfig::default()
    };
    let cpu_start = thread_cpu();
    let trace = args.trace;
    let name = instance.name.clone();
    let result = solve(&problem, &config, &mut |p| {
        if trace && p.best.is_some() {
            // The same clock as the budget, so that times to a solution hold on a busy machine.
            let at = if args.cpu {
                thread_cpu().saturating_sub(cpu_start)
            } else {
                p.elapsed
            };
            eprintln!(
                "{name} {:>8.3}s {:>8} missing {:>3} cost {:.3}",
                at.as_secs_f64(),
                p.iteration,
                p.best_missing,
                p.best_cost.0 as f64 / solomon::SCALE
            );
        }
    });
    flag.store(true, Ordering::Relaxed);
    let cpu = thread_cpu().saturating_sub(cpu_start);
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
        seconds: if args.cpu {
            cpu.as_secs_f64()
        } else {
            result.elapsed.as_secs_f64()
        },
        iterations: result.iterations,
        problems,
        routes,
    }
}

/// CPU time used by the calling thread so far (Linux; zero elsewhere).
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|s| cpu_of_stat(&s))
        .unwrap_or_default()
}

fn cpu_of_stat(stat: &str) -> Option<Duration> {
    // Fields after the command name (which may hold spaces) closing with ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Sets `flag` once the calling thread has used `budget` of CPU time.
fn cpu_watch(flag: Arc<AtomicBool>, budget: Duration) {
    let Ok(task) = std::fs::read_link("/proc/thread-self") else {
        return;
    };
    let stat = Path::new("/proc").join(task).join("stat");
    let start = std::fs::read_to_string(&stat)
        .ok()
        .and_then(|s| cpu_of_stat(&s))
        .unwrap_or_default();
    std::thread::spawn(move || {
        while !flag.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(2));
            let used = std::fs::read_to_string(&stat)
                .ok()
                .and_then(|s| cpu_of_stat(&s))
                .map(|t| t.saturating_sub(start));
            if used.is_none_or(|u| u >= budget) {
                flag.store(true, Ordering::Relaxed);
            }
        }
    });
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
        "{:<8} {:>8} {:>11} {:>11} {:>7} {:>7} {:>9}  feasible",
        "instance", "vehicles", "distance", "best-known", "gap %", "time s", "iters"
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
            "{:<8} {:>8} {:>11.3} {:>11} {:>7} {:>7.2} {:>9}  {}",
            o.name,
            format!("{}/{}", o.used, o.limit),
            o.distance,
            show(o.best_known, 3),
            show(gap, 2),
            o.seconds,
            o.iterations,
            if o.problems.is_empty() {
                "yes".to_string()
            } else {
                format!("NO: {}", o.problems.join("; "))
            }
        );
    }
    let feasible = outcomes.iter().filter(|o| o.problems.is_empty()).count();
    if gaps.is_empty() {
        println!(
            "feasible {feasible}/{}  (no best-known value to compare with)",
            outcomes.len()
        );
        return;
    }
    let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
    let max = gaps.iter().copied().fold(f64::MIN, f64::max);
    println!(
        "feasible {feasible}/{}  mean gap {mean:.2} %  max gap {max:.2} %  (over {} instances with a best-known value)",
        outcomes.len(),
        gaps.len()
    );
}
