//! Times the engine on synthetic weeks at the weekly planner's sizes and checks every result:
//! `cargo run --release -p tournee-benches --example week -- [SECONDS]`.

use planner::check::check;
use planner::engine::{SolverConfig, StopRule, solve};
use std::time::Duration;
use tournee_benches::week::{WeekSize, week};

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    let sizes = [
        WeekSize {
            days: 5,
            workers: 3,
            places: 40,
            visits: 15,
        },
        WeekSize {
            days: 5,
            workers: 4,
            places: 120,
            visits: 100,
        },
        WeekSize {
            days: 10,
            workers: 6,
            places: 300,
            visits: 300,
        },
        WeekSize {
            days: 20,
            workers: 8,
            places: 600,
            visits: 600,
        },
    ];
    for size in sizes {
        let problem = week(size, 1);
        let config = SolverConfig {
            seed: 1,
            stop: StopRule::time(Duration::from_secs_f64(seconds)),
            ..SolverConfig::default()
        };
        let mut first = None;
        let mut missing = Vec::new();
        let result = solve(&problem, &config, &mut |p| {
            if first.is_none() && p.best.is_some() {
                first = Some((p.elapsed, p.best_cost));
            }
            if missing.last().is_none_or(|&(_, m)| m != p.best_missing) {
                missing.push((p.elapsed.as_millis(), p.best_missing));
            }
        });
        println!("  required left out over time (ms, count): {missing:?}");
        let report = check(&problem, &result.solution);
        for u in &result.solution.unassigned {
            if problem.jobs[u.job].requirement == planner::engine::Requirement::Required {
                println!("  required job {} left out: {:?}", u.job, u.reasons);
            }
        }
        let served = problem.jobs.len() - result.solution.unassigned.len();
        println!(
            "{} jobs, {} vehicles, {} groups: {} iterations in {:.1} s, served {served}, cost {} (first {:?}), checker: {}",
            problem.jobs.len(),
            problem.vehicles.len(),
            problem.groups.len(),
            result.iterations,
            result.elapsed.as_secs_f64(),
            result.cost.total.0,
            first.map(|f| (f.0.as_millis(), f.1.0)),
            if report.is_feasible() {
                "ok".to_string()
            } else {
                format!("{:?}", &report.violations[..report.violations.len().min(3)])
            }
        );
    }
}
