//! Travel-time table benchmark: graph-file load, router build, snapping and a 100 × 100 table.
//!
//! ```sh
//! cargo run --release -p tournee-benches --bin matrix_bench                    # shipped synthetic map
//! cargo run --release -p tournee-benches --bin matrix_bench -- map.graph       # any graph file
//! cargo run --release -p tournee-benches --bin matrix_bench -- --grid 150      # 22 500-node grid stand-in
//! ```
//! Prints medians; release builds only (the numbers of a debug build mean nothing).

use anyhow::Context;
use clap::Parser;
use maps::graph::{Deciseconds, Edge, GraphMeta, RoadClass, RoadGraph};
use maps::store::{self, GraphFile};
use maps::{LatLon, Meters, RoadNetwork, Router, Snapped};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// A .graph file; the shipped synthetic map of Cantal if absent.
    map: Option<PathBuf>,
    /// Benchmark a random road grid of N × N junctions instead (a size stand-in, not a map).
    #[arg(long)]
    grid: Option<usize>,
    /// Points in the table (it is points × points).
    #[arg(long, default_value_t = 100)]
    points: usize,
    /// Timed repetitions of each step.
    #[arg(long, default_value_t = 30)]
    runs: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let (name, bytes) = match (&args.map, args.grid) {
        (_, Some(n)) => (format!("grid {n}×{n}"), grid_file(n)?),
        (Some(path), None) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            (path.display().to_string(), bytes)
        }
        (None, None) => (
            "cantal-synth.graph".into(),
            maps::synth::CANTAL_SYNTH_GRAPH.to_vec(),
        ),
    };
    let file = store::decode(&bytes, std::path::Path::new(&name))?;
    let graph = &file.graph;
    println!(
        "map {name}: {} nodes, {} edges, file {} bytes",
        graph.node_count(),
        graph.edge_count(),
        bytes.len()
    );

    let build = median(args.runs.min(5), || Router::build(graph));
    let router = Router::build(graph);
    let router_bytes = router.to_bytes();
    println!(
        "router build        {:>10.2} ms  ({} arcs, {} bytes)",
        ms(build),
        router.arc_count(),
        router_bytes.len()
    );

    let file = GraphFile {
        router: router_bytes,
        graph: file.graph.clone(),
    };
    let bytes = store::encode(&file)?;
    let decode = median(args.runs, || {
        store::decode(&bytes, std::path::Path::new(&name))
    });
    let router_load = median(args.runs, || Router::from_bytes(&file.router));
    let load = median(args.runs, || RoadNetwork::from_bytes(&bytes, &name));
    println!("file decode         {:>10.2} ms", ms(decode));
    println!("router from bytes   {:>10.2} ms", ms(router_load));
    println!(
        "full load           {:>10.2} ms  (decode + router + snap index)",
        ms(load)
    );

    let network = RoadNetwork::from_bytes(&bytes, &name)?;
    let positions = sample_positions(network.graph(), args.points);
    let snap = median(args.runs, || {
        positions
            .iter()
            .map(|&p| network.snap_within("p", p, Meters(100_000)))
            .collect::<Vec<_>>()
    });
    let points: Vec<Snapped> = positions
        .iter()
        .map(|&p| network.snap_within("p", p, Meters(100_000)))
        .collect::<Result<_, _>>()?;
    println!("snap {} points      {:>10.3} ms", points.len(), ms(snap));
    let table = median(args.runs, || network.matrix(&points));
    println!("table {0}×{0}        {1:>10.3} ms", points.len(), ms(table));
    let m = network.matrix(&points);
    let reachable: Vec<u64> = m
        .durations
        .iter()
        .filter(|d| d.0 != u32::MAX)
        .map(|d| u64::from(d.0))
        .collect();
    let mean = reachable.iter().sum::<u64>() / reachable.len().max(1) as u64;
    println!(
        "  {} of {} pairs reachable, mean {mean} s",
        reachable.len(),
        m.durations.len()
    );
    let path = median(args.runs, || {
        network.path(&points[0], &points[points.len() - 1])
    });
    println!("one path + geometry {:>10.3} ms", ms(path));
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median wall time of `runs` calls (results kept alive so the work is not optimised away).
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            let out = f();
            let t = start.elapsed();
            drop(std::hint::black_box(out));
            t
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A tiny deterministic generator, so every run benchmarks the same points.
struct Lcg(u64);

impl Lcg {
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Positions a little off random roads, spread over the whole map.
fn sample_positions(graph: &RoadGraph, count: usize) -> Vec<LatLon> {
    let mut rng = Lcg(2024);
    (0..count)
        .map(|_| {
            let e = &graph.edges[(rng.unit() * graph.edge_count() as f64) as usize];
            let (a, b) = (graph.nodes[e.from as usize], graph.nodes[e.to as usize]);
            let t = rng.unit();
            let jitter = 0.0005 * (rng.unit() - 0.5);
            LatLon::new(
                a.lat + t * (b.lat - a.lat) + jitter,
                a.lon + t * (b.lon - a.lon),
            )
        })
        .collect()
}

/// An `n × n` grid of junctions 300 m apart: most blocks two-way, one road in ten one-way,
/// one in twenty missing, speeds by a random class.
fn grid_file(n: usize) -> anyhow::Result<Vec<u8>> {
    let mut rng = Lcg(7);
    let id = |r: usize, c: usize| (r * n + c) as u32;
    let nodes = (0..n * n)
        .map(|k| {
            LatLon::new(
                42.5 + (k / n) as f64 * 0.0027,
                1.5 + (k % n) as f64 * 0.0037,
            )
        })
        .collect();
    let mut edges = Vec::new();
    for r in 0..n {
        for c in 0..n {
            for (r2, c2) in [(r, c + 1), (r + 1, c)] {
                if r2 >= n || c2 >= n || rng.unit() < 0.05 {
                    continue;
                }
                let k = (rng.unit() * 3.0) as usize;
                let class = [
                    RoadClass::Secondary,
                    RoadClass::Tertiary,
                    RoadClass::Residential,
                ][k];
                let kmh = [70.0, 50.0, 30.0][k];
                let road = |from, to| Edge {
                    from,
                    to,
                    time: Deciseconds((300.0 * 36.0 / kmh) as u32),
                    distance: Meters(300),
                    class,
                    shape_start: 0,
                    shape_len: 0,
                    shape_reversed: false,
                };
                edges.push(road(id(r, c), id(r2, c2)));
                if rng.unit() > 0.1 {
                    edges.push(road(id(r2, c2), id(r, c)));
                }
            }
        }
    }
    let meta = GraphMeta {
        profile: "car".into(),
        source: "grid".into(),
        synthetic: true,
        ..GraphMeta::default()
    };
    let graph = RoadGraph::from_edges(meta, nodes, edges, vec![]);
    let router = Router::build(&graph).to_bytes();
    Ok(store::encode(&GraphFile { graph, router })?)
}
