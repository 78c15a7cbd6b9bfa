//! Shared helpers of the benchmark harnesses.

use maps::places::Gazetteer;
use maps::{Deciseconds, Edge, GraphMeta, LatLon, Meters, RoadClass, RoadGraph};
use std::path::Path;

/// The road map of Cantal for benchmarks: the shipped synthetic map when present, otherwise a
/// stand-in linking each commune centre to its four nearest neighbours (1.3 × the straight
/// line, 60 km/h).
pub fn cantal_map() -> RoadGraph {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/cantal-synth.graph");
    if let Ok(file) = maps::store::load(&shipped) {
        return file.graph;
    }
    let nodes: Vec<LatLon> = Gazetteer::cantal()
        .communes()
        .iter()
        .map(|c| c.centre())
        .collect();
    let mut edges = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (i, a) in nodes.iter().enumerate() {
        let mut near: Vec<(u64, usize)> = nodes
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(j, b)| (a.haversine_m(*b) as u64, j))
            .collect();
        near.sort_unstable();
        for &(d, j) in near.iter().take(4) {
            if !seen.insert((i.min(j), i.max(j))) {
                continue;
            }
            let metres = (d as f64 * 1.3) as u32;
            let time = Deciseconds((f64::from(metres) * 0.6) as u32);
            for (from, to) in [(i, j), (j, i)] {
                edges.push(Edge {
                    from: from as u32,
                    to: to as u32,
                    time,
                    distance: Meters(metres),
                    class: RoadClass::Secondary,
                    shape_start: 0,
                    shape_len: 0,
                    shape_reversed: false,
                });
            }
        }
    }
    RoadGraph::from_edges(GraphMeta::default(), nodes, edges, vec![])
}
