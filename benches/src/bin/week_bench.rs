//! Benchmarks of the weekly planner (release builds only).
//!
//! `week_bench default [--runs N]`: the embedded Mauriac week end to end — validation, map,
//! translation, optimisation, plan, checker, exports rendered — median wall time of N runs.
//! `week_bench generated [--people 150] [--workers 8] [--weeks 4] [--seed 1] [--budgets 5,30,120]`:
//! a generated scenario planned with each time budget; time, objective, visits planned.

use clap::{Parser, Subcommand};
use planner::week::export::{self, Disclosure};
use planner::week::generate::{GenerateOptions, generate};
use planner::week::pipeline::{DEFAULT_SCENARIO, plan_weeks};
use planner::week::roads::Roads;
use planner::week::solve::SolveOptions;
use planner::week::{Horizon, MapBounds, check_horizon, validate};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    Default {
        #[arg(long, default_value_t = 10)]
        runs: usize,
    },
    Generated {
        #[arg(long, default_value_t = 150)]
        people: usize,
        #[arg(long, default_value_t = 8)]
        workers: usize,
        #[arg(long, default_value_t = 4)]
        weeks: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value = "5,30,120", value_delimiter = ',')]
        budgets: Vec<f64>,
    },
}

fn main() -> anyhow::Result<()> {
    match Args::parse().cmd {
        Cmd::Default { runs } => default_week(runs),
        Cmd::Generated {
            people,
            workers,
            weeks,
            seed,
            budgets,
        } => generated(
            GenerateOptions {
                people,
                workers,
                weeks,
                seed,
            },
            &budgets,
        ),
    }
}

fn default_week(runs: usize) -> anyhow::Result<()> {
    let mut times = Vec::new();
    let mut last = String::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let s = validate(DEFAULT_SCENARIO, "scenario.toml", MapBounds::cantal())
            .map_err(|d| anyhow::anyhow!("{d}"))?;
        let h = Horizon::parse_week("2026-W49", 1)?;
        anyhow::ensure!(check_horizon(&s, &h).is_empty());
        let roads = Roads::open(&s.team.map, std::path::Path::new("."))?;
        let planned = plan_weeks(
            &s,
            h,
            &roads,
            &SolveOptions::new(1, Duration::from_secs(1)),
            &mut |_| {},
        )?;
        anyhow::ensure!(planned.violations.is_empty(), "plan breaks rules");
        let d = Disclosure::default();
        let sizes = planned.plan.to_json().len()
            + export::geojson::render(&planned.plan, &s, d, &|a, b| roads.path(a, b)).len()
            + export::csv::render(&planned.plan, &s, d).len()
            + s.workers
                .iter()
                .map(|w| export::ics::render(&planned.plan, &s, &w.id, d).len())
                .sum::<usize>();
        times.push(t.elapsed());
        let x = &planned.plan.totals;
        last = format!(
            "cost {} · visits {}/{} · escorts {}/{} · {} bytes written",
            planned.plan.cost,
            x.visits_planned,
            x.visits_due,
            x.escorts_planned,
            x.escorts_asked,
            sizes
        );
    }
    times.sort();
    println!(
        "default week (2026-W49), {} runs: median {:.1} ms, min {:.1} ms, max {:.1} ms — {last}",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    Ok(())
}

fn generated(o: GenerateOptions, budgets: &[f64]) -> anyhow::Result<()> {
    let text = generate(o);
    let s = validate(&text, "generated.toml", MapBounds::cantal())
        .map_err(|d| anyhow::anyhow!("{d}"))?;
    let h = Horizon::parse_week("2026-W49", o.weeks)?;
    let roads = Roads::open(&s.team.map, std::path::Path::new("."))?;
    println!(
        "generated: {} people, {} workers, {} weeks, seed {}",
        o.people, o.workers, o.weeks, o.seed
    );
    for &b in budgets {
        let opts = SolveOptions {
            tries: usize::MAX,
            iterations: u64::MAX,
            ..SolveOptions::new(o.seed, Duration::from_secs_f64(b))
        };
        let t = Instant::now();
        let planned = plan_weeks(&s, h, &roads, &opts, &mut |_| {})?;
        for v in &planned.violations {
            println!("  violation: {}", v.render(planner::week::Lang::En));
        }
        let x = &planned.plan.totals;
        println!(
            "budget {b:>5} s: {:>7.1} s wall · cost {} · visits {}/{} · escorts {}/{} · drive {} h {:02} · checker {} violation(s)",
            t.elapsed().as_secs_f64(),
            planned.plan.cost,
            x.visits_planned,
            x.visits_due,
            x.escorts_planned,
            x.escorts_asked,
            x.drive_s / 3600,
            x.drive_s % 3600 / 60,
            planned.violations.len()
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
