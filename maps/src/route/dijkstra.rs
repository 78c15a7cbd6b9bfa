//! Plain Dijkstra on the road graph itself: the reference the contraction hierarchy is
//! tested against, and a fallback that needs no preprocessing.

use super::query::Route;
use super::{Cost, Seed};
use crate::graph::{EdgeId, NodeId, RoadGraph};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

const NONE: u32 = u32::MAX;

/// Fastest paths from a set of seeds to every node.
pub struct Tree {
    pub cost: Vec<Cost>,
    /// Edge each node was reached by (`u32::MAX` for seeds and unreached nodes).
    arrived_by: Vec<EdgeId>,
    /// Index of the seed each reached node's path starts from.
    seed_of: Vec<u32>,
}

/// Runs Dijkstra from the seeds over the whole graph.
pub fn tree(graph: &RoadGraph, seeds: &[Seed]) -> Tree {
    let n = graph.node_count();
    let mut t = Tree {
        cost: vec![Cost::INFINITE; n],
        arrived_by: vec![NONE; n],
        seed_of: vec![NONE; n],
    };
    let mut heap = BinaryHeap::new();
    for (i, s) in seeds.iter().enumerate() {
        let Some(slot) = t.cost.get_mut(s.node as usize) else {
            continue;
        };
        if s.cost < *slot {
            *slot = s.cost;
            t.seed_of[s.node as usize] = i as u32;
            heap.push(Reverse((s.cost, s.node)));
        }
    }
    while let Some(Reverse((c, v))) = heap.pop() {
        if c > t.cost[v as usize] {
            continue;
        }
        let first = graph.first_out[v as usize] as usize;
        for (k, e) in graph.out_edges(v).iter().enumerate() {
            let nc = c.plus(Cost::of_edge(e));
            if nc < t.cost[e.to as usize] {
                t.cost[e.to as usize] = nc;
                t.arrived_by[e.to as usize] = (first + k) as EdgeId;
                t.seed_of[e.to as usize] = t.seed_of[v as usize];
                heap.push(Reverse((nc, e.to)));
            }
        }
    }
    t
}

impl Tree {
    /// The edges of the tree path to `node`, in driving order.
    pub fn edges_to(&self, graph: &RoadGraph, node: NodeId) -> Vec<EdgeId> {
        let mut edges = Vec::new();
        let mut v = node;
        while let Some(&e) = self.arrived_by.get(v as usize).filter(|&&e| e != NONE) {
            edges.push(e);
            v = graph.edges[e as usize].from;
        }
        edges.reverse();
        edges
    }

    /// The fastest path to any of the target seeds.
    pub fn route_to(&self, graph: &RoadGraph, targets: &[Seed]) -> Option<Route> {
        let (target, cost) = targets
            .iter()
            .enumerate()
            .filter_map(|(j, s)| Some((j, self.cost.get(s.node as usize)?.plus(s.cost))))
            .filter(|(_, c)| c.is_finite())
            .min_by_key(|&(j, c)| (c, j))?;
        let node = targets[target].node;
        Some(Route {
            cost,
            edges: self.edges_to(graph, node),
            source: self.seed_of[node as usize] as usize,
            target,
        })
    }
}

/// Fastest-path costs from every source to every target, row-major, one search per source.
pub fn table(graph: &RoadGraph, sources: &[Vec<Seed>], targets: &[Vec<Seed>]) -> Vec<Cost> {
    let mut out = Vec::with_capacity(sources.len() * targets.len());
    for s in sources {
        let t = tree(graph, s);
        for seeds in targets {
            let best = seeds
                .iter()
                .filter_map(|g| Some(t.cost.get(g.node as usize)?.plus(g.cost)))
                .min()
                .unwrap_or(Cost::INFINITE);
            out.push(best);
        }
    }
    out
}
