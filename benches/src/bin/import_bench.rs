//! Import benchmark: imports an OSM file N times in this process and prints the median wall
//! time and the peak resident memory (`VmHWM`).
//!
//! ```sh
//! cargo build --release -p tournee-benches --bin import_bench
//! taskset -c 0 env RAYON_NUM_THREADS=1 target/release/import_bench fixtures/maps/andorra.osm.pbf --runs 9
//! ```
//! Run one file per process: the peak memory is the whole process's.

use anyhow::{Context, bail};
use clap::Parser;
use maps::{ImportOptions, ImportProgress, Profile};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
struct Args {
    /// OSM file to import (.osm.pbf, .osm, .osm.gz).
    input: PathBuf,
    /// Number of imports; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// car or camping-car.
    #[arg(long, default_value = "car")]
    profile: String,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let opts = ImportOptions {
        profile: Profile::by_name(&args.profile)?,
        around: None,
    };
    let mut times = Vec::with_capacity(args.runs);
    let mut last = None;
    let mut stages = Vec::new();
    for _ in 0..args.runs {
        let start = Instant::now();
        stages.clear();
        let mut on_progress = |p: ImportProgress| {
            if stages.last().map(|(s, _)| *s) != Some(p.stage) {
                stages.push((p.stage, start.elapsed().as_secs_f64()));
            }
        };
        let (graph, report) = maps::import(&args.input, &opts, &mut on_progress)?;
        times.push(start.elapsed().as_secs_f64());
        last = Some((graph.node_count(), graph.edge_count(), report.ways_kept));
    }
    let starts: Vec<String> = stages
        .iter()
        .map(|(s, t)| format!("{s:?} from {t:.3} s"))
        .collect();
    println!("last run: {}", starts.join(", "));
    times.sort_by(f64::total_cmp);
    let (nodes, edges, ways) = last.context("no run")?;
    let threads = rayon_threads();
    println!(
        "{}: {} runs, {threads} thread(s), median {:.3} s (min {:.3}, max {:.3}); peak RSS {} MB; {ways} ways, {nodes} nodes, {edges} edges",
        args.input.display(),
        args.runs,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        peak_rss_kb()? / 1024,
    );
    Ok(())
}

fn rayon_threads() -> String {
    std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| {
        std::thread::available_parallelism()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into())
    })
}

/// Peak resident set size of this process in kB, from `/proc/self/status`.
fn peak_rss_kb() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .context("no VmHWM in /proc/self/status")?;
    let kb = line
        .split_whitespace()
        .nth(1)
        .context("bad VmHWM line")?
        .parse()?;
    Ok(kb)
}
