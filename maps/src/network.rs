//! [`RoadNetwork`]: the road graph with its router and snap index, the one thing the planner and
//! the command line route on. Points are snapped first ([`RoadNetwork::snap`]); tables and paths
//! then start and end mid-road, where the people are, not at the nearest junction.

use crate::error::MapError;
use crate::graph::{Edge, EdgeId, RoadGraph};
use crate::route::{Cost, Router, Seed, dijkstra};
use crate::snap::{DEFAULT_SNAP_LIMIT, SnapIndex, Snapped, cut};
use crate::store::{self, GraphFile};
use crate::units::{LatLon, Meters, Seconds};
use std::path::Path as FilePath;

/// A road graph ready to route on.
pub struct RoadNetwork {
    graph: RoadGraph,
    router: Router,
    snap: SnapIndex,
}

impl std::fmt::Debug for RoadNetwork {
    /// Sizes and origin only: a whole road graph is no use in a debug print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoadNetwork")
            .field("meta", &self.graph.meta)
            .field("nodes", &self.graph.node_count())
            .field("edges", &self.graph.edge_count())
            .field("router_arcs", &self.router.arc_count())
            .finish_non_exhaustive()
    }
}

/// Travel times and distances between points, row-major: `durations[i * cols + j]` from
/// source `i` to target `j`. `Seconds::MAX` / `Meters::MAX` mark an unreachable pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TravelMatrix {
    pub rows: usize,
    pub cols: usize,
    pub durations: Vec<Seconds>,
    pub distances: Vec<Meters>,
}

impl TravelMatrix {
    fn from_costs(rows: usize, cols: usize, costs: &[Cost]) -> TravelMatrix {
        let pick =
            |c: &Cost, finite: fn(Cost) -> u32| if c.is_finite() { finite(*c) } else { u32::MAX };
        TravelMatrix {
            rows,
            cols,
            durations: costs
                .iter()
                .map(|c| Seconds(pick(c, |c| c.time().to_seconds().0)))
                .collect(),
            distances: costs
                .iter()
                .map(|c| Meters(pick(c, |c| c.distance().0)))
                .collect(),
        }
    }

    pub fn duration(&self, from: usize, to: usize) -> Seconds {
        self.durations[from * self.cols + to]
    }

    pub fn distance(&self, from: usize, to: usize) -> Meters {
        self.distances[from * self.cols + to]
    }

    pub fn is_reachable(&self, from: usize, to: usize) -> bool {
        self.duration(from, to) != Seconds::MAX
    }
}

/// A drivable path between two snapped points.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub duration: Seconds,
    pub distance: Meters,
    /// From the source's point on the road to the target's, along the roads.
    pub geometry: Vec<LatLon>,
}

impl RoadNetwork {
    /// Builds the router: tens of milliseconds for a valley network like Andorra's, longer for a
    /// region (that is why `map import` stores it in the graph file).
    pub fn from_graph(graph: RoadGraph) -> RoadNetwork {
        let router = Router::build(&graph);
        RoadNetwork::assemble(graph, router)
    }

    /// Uses the router stored in the file, or builds one if the file has none.
    pub fn from_file(file: GraphFile) -> Result<RoadNetwork, MapError> {
        if file.router.is_empty() {
            return Ok(RoadNetwork::from_graph(file.graph));
        }
        let router = Router::from_bytes(&file.router)?;
        if !router.fits(&file.graph) {
            return Err(MapError::BadRouter {
                detail: "was built for another graph".into(),
            });
        }
        Ok(RoadNetwork::assemble(file.graph, router))
    }

    /// Loads a graph file written by `tournee map import` or `tournee map synth`.
    pub fn load(path: &FilePath) -> Result<RoadNetwork, MapError> {
        let file = store::load(path)?;
        RoadNetwork::from_file(file).map_err(|e| name_file(e, path))
    }

    /// Reads a graph file held in memory (the map embedded in the binary); `name` names it in errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<RoadNetwork, MapError> {
        let path = FilePath::new(name);
        let file = store::decode(bytes, path)?;
        RoadNetwork::from_file(file).map_err(|e| name_file(e, path))
    }

    /// The graph file holding this network, router included.
    pub fn to_file(&self) -> GraphFile {
        GraphFile {
            graph: self.graph.clone(),
            router: self.router.to_bytes(),
        }
    }

    fn assemble(graph: RoadGraph, router: Router) -> RoadNetwork {
        let snap = SnapIndex::build(&graph);
        RoadNetwork {
            graph,
            router,
            snap,
        }
    }

    pub fn graph(&self) -> &RoadGraph {
        &self.graph
    }

    pub fn router(&self) -> &Router {
        &self.router
    }

    /// Snaps a point, refusing it beyond 1 km from any road; `id` (a pseudonym) names it in the error.
    pub fn snap(&self, id: &str, p: LatLon) -> Result<Snapped, MapError> {
        self.snap_within(id, p, DEFAULT_SNAP_LIMIT)
    }

    pub fn snap_within(&self, id: &str, p: LatLon, limit: Meters) -> Result<Snapped, MapError> {
        self.snap.snap(&self.graph, id, p, limit)
    }

    /// Every pair of points, both ways; the diagonal is zero.
    pub fn matrix(&self, points: &[Snapped]) -> TravelMatrix {
        let mut m = self.table(points, points);
        for i in 0..points.len() {
            m.durations[i * m.cols + i] = Seconds::ZERO;
            m.distances[i * m.cols + i] = Meters::ZERO;
        }
        m
    }

    /// From each source to each target, with the contraction hierarchy.
    pub fn table(&self, sources: &[Snapped], targets: &[Snapped]) -> TravelMatrix {
        let from: Vec<Vec<Seed>> = sources.iter().map(|s| self.source_seeds(s)).collect();
        let to: Vec<Vec<Seed>> = targets.iter().map(|t| self.target_seeds(t)).collect();
        let costs = self.router.table(&from, &to);
        self.finish_table(sources, targets, costs)
    }

    /// The same table with plain Dijkstra on the graph: slow, no preprocessing; the reference
    /// the hierarchy is tested against.
    pub fn reference_table(&self, sources: &[Snapped], targets: &[Snapped]) -> TravelMatrix {
        let from: Vec<Vec<Seed>> = sources.iter().map(|s| self.source_seeds(s)).collect();
        let to: Vec<Vec<Seed>> = targets.iter().map(|t| self.target_seeds(t)).collect();
        let costs = dijkstra::table(&self.graph, &from, &to);
        self.finish_table(sources, targets, costs)
    }

    fn finish_table(
        &self,
        sources: &[Snapped],
        targets: &[Snapped],
        mut costs: Vec<Cost>,
    ) -> TravelMatrix {
        let cols = targets.len();
        for (i, s) in sources.iter().enumerate() {
            for (j, t) in targets.iter().enumerate() {
                if let Some(direct) = self.along_edge(s, t) {
                    let cell = &mut costs[i * cols + j];
                    *cell = (*cell).min(direct);
                }
            }
        }
        TravelMatrix::from_costs(sources.len(), cols, &costs)
    }

    /// The fastest path with its geometry, `None` if the target cannot be reached.
    pub fn path(&self, from: &Snapped, to: &Snapped) -> Option<Path> {
        let route = self
            .router
            .route(&self.source_seeds(from), &self.target_seeds(to));
        let direct = self.along_edge(from, to);
        let via_network = route.as_ref().map_or(Cost::INFINITE, |r| r.cost);
        let (cost, geometry) = match direct {
            Some(d) if d <= via_network => (d, self.along_edge_geometry(from, to)),
            _ => {
                let r = route?;
                (
                    r.cost,
                    self.route_geometry(from, to, r.source, &r.edges, r.target),
                )
            }
        };
        Some(Path {
            duration: cost.time().to_seconds(),
            distance: cost.distance(),
            geometry,
        })
    }

    fn edge(&self, id: EdgeId) -> Option<&Edge> {
        self.graph.edges.get(id as usize)
    }

    /// The directions a snapped point's road can be driven in, with the point's fraction
    /// along each: the snapped edge itself, then its twin.
    fn directions(&self, s: &Snapped) -> Vec<(EdgeId, &Edge, f64)> {
        let forward = self.edge(s.edge).map(|e| (s.edge, e, s.fraction));
        let backward = s
            .twin
            .and_then(|t| Some((t, self.edge(t)?, 1.0 - s.fraction)));
        forward.into_iter().chain(backward).collect()
    }

    /// A source reaches the end of its edge with the rest of the edge's cost, in each direction.
    fn source_seeds(&self, s: &Snapped) -> Vec<Seed> {
        let seeds = self.directions(s).into_iter().map(|(_, e, f)| Seed {
            node: e.to,
            cost: split(e, f).1,
        });
        seeds.collect()
    }

    /// A target is reached from the start of its edge, in each direction.
    fn target_seeds(&self, t: &Snapped) -> Vec<Seed> {
        let seeds = self.directions(t).into_iter().map(|(_, e, f)| Seed {
            node: e.from,
            cost: split(e, f).0,
        });
        seeds.collect()
    }

    /// Cost of driving straight along the road from `s` to `t` when both lie on it and the
    /// road may be driven that way.
    fn along_edge(&self, s: &Snapped, t: &Snapped) -> Option<Cost> {
        self.along_edge_direction(s, t).map(|(c, _)| c)
    }

    fn along_edge_direction(&self, s: &Snapped, t: &Snapped) -> Option<(Cost, usize)> {
        if s.edge != t.edge {
            return None;
        }
        let (ds, dt) = (self.directions(s), self.directions(t));
        ds.iter()
            .zip(&dt)
            .enumerate()
            .filter(|(_, ((_, _, fs), (_, _, ft)))| fs <= ft)
            .map(|(k, ((_, e, fs), (_, _, ft)))| (difference(split(e, *ft).0, split(e, *fs).0), k))
            .min()
    }

    fn along_edge_geometry(&self, s: &Snapped, t: &Snapped) -> Vec<LatLon> {
        let Some((_, k)) = self.along_edge_direction(s, t) else {
            return vec![s.on_road, t.on_road];
        };
        let (ds, dt) = (self.directions(s), self.directions(t));
        let (e, fs, ft) = (ds[k].1, ds[k].2, dt[k].2);
        let line = cut(self.snap.projection(), &self.graph.edge_polyline(e), fs, ft);
        anchored(line, s, t)
    }

    fn route_geometry(
        &self,
        s: &Snapped,
        t: &Snapped,
        source: usize,
        edges: &[EdgeId],
        target: usize,
    ) -> Vec<LatLon> {
        let projection = self.snap.projection();
        let mut line = Vec::new();
        if let Some(&(_, e, f)) = self.directions(s).get(source) {
            line.extend(cut(projection, &self.graph.edge_polyline(e), f, 1.0));
        }
        for e in edges.iter().filter_map(|&id| self.edge(id)) {
            line.extend(self.graph.edge_polyline(e));
        }
        if let Some(&(_, e, f)) = self.directions(t).get(target) {
            line.extend(cut(projection, &self.graph.edge_polyline(e), 0.0, f));
        }
        anchored(line, s, t)
    }
}

/// Costs of an edge before and after the point at fraction `f` of its length. Rounding the
/// part before and taking the rest as the part after makes the two add up to the edge exactly.
fn split(e: &Edge, f: f64) -> (Cost, Cost) {
    let f = f.clamp(0.0, 1.0);
    let time = (f * f64::from(e.time.0)).round() as u32;
    let dist = (f * f64::from(e.distance.0)).round() as u32;
    let before = Cost::new(crate::Deciseconds(time), Meters(dist));
    let after = Cost::new(
        crate::Deciseconds(e.time.0 - time),
        Meters(e.distance.0 - dist),
    );
    (before, after)
}

/// `a - b` part by part, for `a` at least `b` in both.
fn difference(a: Cost, b: Cost) -> Cost {
    let time = a.time().0.saturating_sub(b.time().0);
    let dist = a.distance().0.saturating_sub(b.distance().0);
    Cost::new(crate::Deciseconds(time), Meters(dist))
}

/// Starts and ends the line exactly at the snapped points (cutting an edge at a fraction can
/// land a rounding error away from them), without repeated points.
fn anchored(mut line: Vec<LatLon>, s: &Snapped, t: &Snapped) -> Vec<LatLon> {
    if let Some(first) = line.first_mut() {
        *first = s.on_road;
    }
    if let Some(last) = line.last_mut() {
        *last = t.on_road;
    }
    line.dedup();
    line
}

fn name_file(e: MapError, path: &FilePath) -> MapError {
    match e {
        MapError::BadRouter { detail } => MapError::BadGraphFile {
            path: path.to_path_buf(),
            detail: format!("router section {detail}"),
        },
        e => e,
    }
}

#[cfg(test)]
mod tests;
