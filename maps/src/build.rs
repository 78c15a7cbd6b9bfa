//! Ways and node positions → the road graph.
//!
//! 1. Ways are cut at split nodes (shared by several ways, or a way's end) into *pieces*.
//! 2. Chains of pieces through nodes that only join two compatible pieces (same class, same
//!    one-way pattern) are contracted into one *road*, whose inner nodes become shape points.
//!    A chain may close on itself (a roundabout at the end of a cul-de-sac, an isolated ring):
//!    it becomes a loop edge on its one junction.
//! 3. Each road gives one edge per drivable direction; both share one run of shape points.
//!    Times are summed in f64 over the segments and rounded once to deciseconds.
//!
//! [`keep_largest_scc`] then keeps the largest strongly connected component, so that every
//! kept node can reach every other one (a matrix with holes is useless to the planner).

use crate::graph::{Deciseconds, Edge, GraphMeta, RoadGraph};
use crate::osm::{NodeCoords, WayAttrs, WaySet, to_latlon};
use crate::units::{LatLon, Meters};
use petgraph::graph::{DiGraph, NodeIndex};

/// A way section between two split nodes; `nodes` indexes [`NodeCoords`].
struct Piece {
    start: usize,
    end: usize,
    attrs: WayAttrs,
    /// Seconds along the node order and against it; `None` where that direction is closed.
    forward_s: Option<f64>,
    backward_s: Option<f64>,
    length_m: f64,
}

/// The pieces, their node lists flat in `nodes`.
struct Pieces {
    nodes: Vec<u32>,
    list: Vec<Piece>,
}

impl Pieces {
    fn first(&self, p: usize) -> u32 {
        self.nodes[self.list[p].start]
    }
    fn last(&self, p: usize) -> u32 {
        self.nodes[self.list[p].end - 1]
    }
}

/// Builds the graph of all drivable ways (no component filtering yet).
pub fn build_graph(ways: &WaySet, coords: &NodeCoords, meta: GraphMeta) -> RoadGraph {
    let runs = resolve_runs(ways, coords);
    let split = split_nodes(&runs, coords.ids.len());
    let pieces = cut_pieces(&runs, &split, ways, coords);
    let roads = contract(&pieces, coords.ids.len());
    emit(&pieces, &roads, coords, meta)
}

/// Runs of consecutive nodes present in the file: a way is broken where a node is missing
/// (the extract cut it) and repeated consecutive nodes are dropped.
struct Runs {
    nodes: Vec<u32>,
    /// `(start, end, way)` into `nodes`.
    spans: Vec<(usize, usize, usize)>,
}

fn resolve_runs(ways: &WaySet, coords: &NodeCoords) -> Runs {
    let mut runs = Runs {
        nodes: Vec::with_capacity(ways.refs.len()),
        spans: Vec::with_capacity(ways.len()),
    };
    for w in 0..ways.len() {
        let mut start = runs.nodes.len();
        for id in ways.way(w) {
            let present = coords
                .index(*id)
                .filter(|&i| coords.pos[i] != NodeCoords::MISSING);
            match present {
                Some(i) if runs.nodes.len() > start && runs.nodes.last() == Some(&(i as u32)) => {}
                Some(i) => runs.nodes.push(i as u32),
                None => {
                    close_run(&mut runs, start, w);
                    start = runs.nodes.len();
                }
            }
        }
        close_run(&mut runs, start, w);
    }
    runs
}

fn close_run(runs: &mut Runs, start: usize, way: usize) {
    if runs.nodes.len() - start >= 2 {
        runs.spans.push((start, runs.nodes.len(), way));
    } else {
        runs.nodes.truncate(start);
    }
}

/// Nodes where pieces start and end: used more than once, or a run's end.
fn split_nodes(runs: &Runs, node_count: usize) -> Vec<bool> {
    let mut uses = vec![0u8; node_count];
    for &n in &runs.nodes {
        let u = &mut uses[n as usize];
        *u = u.saturating_add(1);
    }
    let mut split: Vec<bool> = uses.iter().map(|&u| u >= 2).collect();
    for &(s, e, _) in &runs.spans {
        split[runs.nodes[s] as usize] = true;
        split[runs.nodes[e - 1] as usize] = true;
    }
    split
}

fn cut_pieces(runs: &Runs, split: &[bool], ways: &WaySet, coords: &NodeCoords) -> Pieces {
    let mut pieces = Pieces {
        nodes: Vec::with_capacity(runs.nodes.len() + runs.spans.len()),
        list: Vec::new(),
    };
    for &(s, e, way) in &runs.spans {
        let attrs = ways.attrs[way];
        let mut start = pieces.nodes.len();
        pieces.nodes.push(runs.nodes[s]);
        for &n in &runs.nodes[s + 1..e] {
            pieces.nodes.push(n);
            if split[n as usize] {
                let end = pieces.nodes.len();
                pieces
                    .list
                    .push(measure(&pieces.nodes[start..end], start, attrs, coords));
                start = end;
                pieces.nodes.push(n);
            }
        }
        // The run's last node is a split node, so the last push opened an empty piece.
        pieces.nodes.pop();
    }
    pieces
}

/// Length and travel times of a piece, summed segment by segment in f64.
fn measure(nodes: &[u32], start: usize, attrs: WayAttrs, coords: &NodeCoords) -> Piece {
    let length_m: f64 = nodes
        .windows(2)
        .map(|w| position(coords, w[0]).haversine_m(position(coords, w[1])))
        .sum();
    let time = |kmh: f32| (kmh > 0.0).then(|| length_m / (f64::from(kmh) / 3.6));
    Piece {
        start,
        end: start + nodes.len(),
        attrs,
        forward_s: time(attrs.forward_kmh),
        backward_s: time(attrs.backward_kmh),
        length_m,
    }
}

fn position(coords: &NodeCoords, n: u32) -> LatLon {
    to_latlon(coords.pos[n as usize])
}

/// A piece used in a road, possibly against its node order.
#[derive(Clone, Copy)]
struct Step {
    piece: u32,
    reversed: bool,
}

/// The pieces incident to each node (two entries for both ends of a loop piece).
struct Incidence {
    first: Vec<u32>,
    list: Vec<Step>,
}

fn incidence(pieces: &Pieces, node_count: usize) -> Incidence {
    let mut first = vec![0u32; node_count + 1];
    for p in 0..pieces.list.len() {
        first[pieces.first(p) as usize + 1] += 1;
        first[pieces.last(p) as usize + 1] += 1;
    }
    for v in 0..node_count {
        first[v + 1] += first[v];
    }
    let mut fill = first.clone();
    let mut list = vec![
        Step {
            piece: 0,
            reversed: false
        };
        first[node_count] as usize
    ];
    for p in 0..pieces.list.len() {
        // Leaving the first node along the order; leaving the last node against it.
        for (v, reversed) in [(pieces.first(p), false), (pieces.last(p), true)] {
            let slot = &mut fill[v as usize];
            list[*slot as usize] = Step {
                piece: p as u32,
                reversed,
            };
            *slot += 1;
        }
    }
    Incidence { first, list }
}

impl Incidence {
    fn at(&self, v: u32) -> &[Step] {
        &self.list[self.first[v as usize] as usize..self.first[v as usize + 1] as usize]
    }
}

/// Directions open when driving the piece as `step` says: (onward, back).
fn open(pieces: &Pieces, step: Step) -> (bool, bool) {
    let p = &pieces.list[step.piece as usize];
    let (f, b) = (p.forward_s.is_some(), p.backward_s.is_some());
    if step.reversed { (b, f) } else { (f, b) }
}

/// A node joining exactly two distinct pieces of one class and one direction pattern: it is
/// only a bend in one road, not a junction.
fn contractible(pieces: &Pieces, inc: &Incidence, v: u32) -> bool {
    let [a, b] = inc.at(v) else { return false };
    if a.piece == b.piece {
        return false;
    }
    let (pa, pb) = (
        &pieces.list[a.piece as usize],
        &pieces.list[b.piece as usize],
    );
    // `a` leaves v; driven into v it is reversed. `b` leaves v as is.
    let into_v = Step {
        piece: a.piece,
        reversed: !a.reversed,
    };
    pa.attrs.class == pb.attrs.class && open(pieces, into_v) == open(pieces, *b)
}

/// The steps of each road, from one junction to the next.
fn contract(pieces: &Pieces, node_count: usize) -> Vec<Vec<Step>> {
    let inc = incidence(pieces, node_count);
    let mut used = vec![false; pieces.list.len()];
    let mut roads = Vec::new();
    for p in 0..pieces.list.len() {
        if used[p] {
            continue;
        }
        let (a, b) = (pieces.first(p), pieces.last(p));
        let step = if !contractible(pieces, &inc, a) {
            Step {
                piece: p as u32,
                reversed: false,
            }
        } else if !contractible(pieces, &inc, b) {
            Step {
                piece: p as u32,
                reversed: true,
            }
        } else {
            continue; // inside a chain: walked from its end, or a ring (below)
        };
        roads.push(walk(pieces, &inc, &mut used, step));
    }
    // Rings of contractible nodes only (an isolated closed road): start anywhere.
    for p in 0..pieces.list.len() {
        if !used[p] {
            roads.push(walk(
                pieces,
                &inc,
                &mut used,
                Step {
                    piece: p as u32,
                    reversed: false,
                },
            ));
        }
    }
    roads
}

fn step_ends(pieces: &Pieces, s: Step) -> (u32, u32) {
    let (a, b) = (
        pieces.first(s.piece as usize),
        pieces.last(s.piece as usize),
    );
    if s.reversed { (b, a) } else { (a, b) }
}

fn walk(pieces: &Pieces, inc: &Incidence, used: &mut [bool], first: Step) -> Vec<Step> {
    let start = step_ends(pieces, first).0;
    let mut road = vec![first];
    used[first.piece as usize] = true;
    let mut at = step_ends(pieces, first).1;
    while at != start && contractible(pieces, inc, at) {
        let Some(next) = inc.at(at).iter().find(|s| !used[s.piece as usize]).copied() else {
            break;
        };
        used[next.piece as usize] = true;
        road.push(next);
        at = step_ends(pieces, next).1;
    }
    road
}

/// Turns roads into nodes, edges and shape points.
fn emit(pieces: &Pieces, roads: &[Vec<Step>], coords: &NodeCoords, meta: GraphMeta) -> RoadGraph {
    let mut id_of = vec![u32::MAX; coords.ids.len()];
    let mut nodes = Vec::new();
    let mut node_id = |n: u32, nodes: &mut Vec<LatLon>| {
        let slot = &mut id_of[n as usize];
        if *slot == u32::MAX {
            *slot = nodes.len() as u32;
            nodes.push(position(coords, n));
        }
        *slot
    };
    let (mut edges, mut shape) = (Vec::new(), Vec::new());
    for road in roads {
        let (Some(first), Some(last)) = (road.first(), road.last()) else {
            continue;
        };
        let from = node_id(step_ends(pieces, *first).0, &mut nodes);
        let to = node_id(step_ends(pieces, *last).1, &mut nodes);
        let shape_start = shape.len() as u32;
        let (mut onward, mut back, mut length) = (Some(0.0), Some(0.0), 0.0);
        for (k, step) in road.iter().enumerate() {
            let p = &pieces.list[step.piece as usize];
            let inner = &pieces.nodes[p.start + 1..p.end - 1];
            let mut points: Vec<u32> = inner.to_vec();
            if step.reversed {
                points.reverse();
            }
            if k > 0 {
                shape.push(position(coords, step_ends(pieces, *step).0));
            }
            shape.extend(points.iter().map(|&n| position(coords, n)));
            let (f, b) = if step.reversed {
                (p.backward_s, p.forward_s)
            } else {
                (p.forward_s, p.backward_s)
            };
            onward = onward.zip(f).map(|(x, y)| x + y);
            back = back.zip(b).map(|(x, y)| x + y);
            length += p.length_m;
        }
        let shape_len = shape.len() as u32 - shape_start;
        let class = pieces.list[first.piece as usize].attrs.class;
        let edge = |from, to, secs: f64, shape_reversed| Edge {
            from,
            to,
            time: to_deciseconds(secs),
            distance: Meters(length.round() as u32),
            class,
            shape_start,
            shape_len,
            shape_reversed,
        };
        if let Some(s) = onward {
            edges.push(edge(from, to, s, false));
        }
        if let Some(s) = back {
            edges.push(edge(to, from, s, true));
        }
    }
    RoadGraph::from_edges(meta, nodes, edges, shape)
}

fn to_deciseconds(secs: f64) -> Deciseconds {
    Deciseconds((secs * 10.0).round().clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// Strongly connected components: how many, and the size of the largest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Components {
    pub count: usize,
    pub largest: usize,
}

fn sccs(graph: &RoadGraph) -> Vec<Vec<NodeIndex>> {
    let mut g = DiGraph::<(), ()>::with_capacity(graph.node_count(), graph.edge_count());
    for _ in 0..graph.node_count() {
        g.add_node(());
    }
    for e in &graph.edges {
        g.add_edge(
            NodeIndex::new(e.from as usize),
            NodeIndex::new(e.to as usize),
            (),
        );
    }
    petgraph::algo::tarjan_scc(&g)
}

/// Counts the strongly connected components.
pub fn components(graph: &RoadGraph) -> Components {
    let all = sccs(graph);
    Components {
        count: all.len(),
        largest: all.iter().map(Vec::len).max().unwrap_or(0),
    }
}

/// Keeps the largest strongly connected component; records what went in `meta.dropped_*`.
pub fn keep_largest_scc(graph: RoadGraph) -> (RoadGraph, Components) {
    let all = sccs(&graph);
    let stats = Components {
        count: all.len(),
        largest: all.iter().map(Vec::len).max().unwrap_or(0),
    };
    // Ties go to the component holding the lowest node id, so the result never depends on order.
    let best = all.iter().max_by_key(|c| {
        (
            c.len(),
            std::cmp::Reverse(c.iter().map(|n| n.index()).min()),
        )
    });
    let mut new_id = vec![u32::MAX; graph.node_count()];
    let mut keep: Vec<usize> = best
        .map(|c| c.iter().map(|n| n.index()).collect())
        .unwrap_or_default();
    keep.sort_unstable();
    for (i, &old) in keep.iter().enumerate() {
        new_id[old] = i as u32;
    }
    let nodes: Vec<LatLon> = keep.iter().map(|&old| graph.nodes[old]).collect();
    let mut shape = Vec::new();
    let mut moved = std::collections::HashMap::new();
    let mut edges = Vec::with_capacity(graph.edge_count());
    for e in &graph.edges {
        let (f, t) = (new_id[e.from as usize], new_id[e.to as usize]);
        if f == u32::MAX || t == u32::MAX {
            continue;
        }
        let start = *moved
            .entry((e.shape_start, e.shape_len))
            .or_insert_with(|| {
                let s = shape.len() as u32;
                let run = e.shape_start as usize..(e.shape_start + e.shape_len) as usize;
                shape.extend_from_slice(&graph.shape_points[run]);
                s
            });
        edges.push(Edge {
            from: f,
            to: t,
            shape_start: start,
            ..*e
        });
    }
    let mut meta = graph.meta.clone();
    meta.dropped_nodes += (graph.node_count() - nodes.len()) as u64;
    meta.dropped_edges += (graph.edge_count() - edges.len()) as u64;
    (RoadGraph::from_edges(meta, nodes, edges, shape), stats)
}

/// Whether `r` is the other direction of the same road as `e`: the importer gives both
/// directions one shared run of shape points, read in opposite orders.
fn is_twin(r: &Edge, e: &Edge) -> bool {
    r.to == e.from
        && r.from == e.to
        && r.class == e.class
        && r.distance == e.distance
        && r.shape_start == e.shape_start
        && r.shape_len == e.shape_len
        && (r.shape_len == 0 || r.shape_reversed != e.shape_reversed)
}

/// Kilometres of road per class, each two-way road counted once.
pub fn km_by_class(graph: &RoadGraph) -> [f64; 14] {
    let mut km = [0.0; 14];
    for e in &graph.edges {
        let twin = graph
            .out_edges(e.to)
            .iter()
            .any(|r| !std::ptr::eq(r, e) && is_twin(r, e));
        let share = if twin { 0.5 } else { 1.0 };
        km[e.class as usize] += share * f64::from(e.distance.0) / 1000.0;
    }
    km
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
