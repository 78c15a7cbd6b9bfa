//! Node contraction: removes nodes one at a time, least important first, adding a shortcut
//! between two neighbours whenever the removed node lay on their only fastest connection.
//!
//! Importance is the classic lazy-updated priority: twice the edge difference (shortcuts added
//! minus arcs removed: keeps the hierarchy sparse), the same difference counted in original
//! edges (avoids shortcuts over long chains, and halved the build time on a road grid), plus
//! contracted neighbours and level (spread the contraction evenly over the map, which keeps the
//! upward search spaces small). A shortcut is
//! skipped only when a local "witness" search proves another path at most as costly; a search
//! cut short by its limit adds a possibly useless shortcut, never a wrong one.

use super::Cost;
use super::ch::{Adjacency, SHORTCUT};
use crate::graph::RoadGraph;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Nodes a witness search may settle. Larger finds more witnesses (fewer shortcuts) but
/// costs build time; the simulations that rank nodes use a smaller budget.
const WITNESS_SETTLE_LIMIT: usize = 500;
const SIMULATION_SETTLE_LIMIT: usize = 60;

#[derive(Clone, Copy, Debug)]
struct Arc {
    node: u32,
    cost: u64,
    via: u32,
    /// Original edges the arc stands for: a shortcut over long chains makes deep unpacking
    /// and, counted in the priority, a worse hierarchy.
    hops: u32,
}

pub(crate) struct Contracted {
    pub rank: Vec<u32>,
    pub up: Adjacency,
    pub down: Adjacency,
}

struct Contractor {
    out: Vec<Vec<Arc>>,
    inc: Vec<Vec<Arc>>,
    contracted: Vec<bool>,
    deleted_neighbours: Vec<i64>,
    level: Vec<i64>,
    witness: Witness,
    /// Arcs of each node at its contraction: those that stay in the hierarchy.
    final_out: Vec<Vec<Arc>>,
    final_inc: Vec<Vec<Arc>>,
}

pub(crate) fn contract(graph: &RoadGraph) -> Contracted {
    let n = graph.node_count();
    let mut c = Contractor {
        out: vec![Vec::new(); n],
        inc: vec![Vec::new(); n],
        contracted: vec![false; n],
        deleted_neighbours: vec![0; n],
        level: vec![0; n],
        witness: Witness::new(n),
        final_out: vec![Vec::new(); n],
        final_inc: vec![Vec::new(); n],
    };
    for (id, e) in graph.edges.iter().enumerate() {
        if e.from != e.to {
            let arc = Arc {
                node: e.to,
                cost: Cost::of_edge(e).0,
                via: id as u32,
                hops: 1,
            };
            c.add_arc(e.from, arc);
        }
    }
    let mut priority: Vec<i64> = (0..n as u32).map(|v| c.priority(v)).collect();
    let mut queue: BinaryHeap<Reverse<(i64, u32)>> = (0..n as u32)
        .map(|v| Reverse((priority[v as usize], v)))
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse((p, v))) = queue.pop() {
        if c.contracted[v as usize] || p != priority[v as usize] {
            continue;
        }
        let fresh = c.priority(v);
        if let Some(Reverse((next, _))) = queue.peek()
            && fresh > *next
        {
            priority[v as usize] = fresh;
            queue.push(Reverse((fresh, v)));
            continue;
        }
        for x in c.contract_node(v) {
            priority[x as usize] = c.priority(x);
            queue.push(Reverse((priority[x as usize], x)));
        }
        order.push(v);
    }
    c.into_hierarchy(&order)
}

impl Contractor {
    /// Adds `from → arc.node`, keeping only the cheapest arc between two nodes (the first on ties).
    fn add_arc(&mut self, from: u32, arc: Arc) {
        let out = &mut self.out[from as usize];
        match out.iter_mut().find(|a| a.node == arc.node) {
            Some(a) if a.cost <= arc.cost => return,
            Some(a) => *a = arc,
            None => out.push(arc),
        }
        let back = Arc { node: from, ..arc };
        let inc = &mut self.inc[arc.node as usize];
        match inc.iter_mut().find(|a| a.node == from) {
            Some(a) => *a = back,
            None => inc.push(back),
        }
    }

    /// Shortcuts `(u, arc u → w)` that contracting `v` needs.
    fn shortcuts(&mut self, v: u32, limit: usize) -> Vec<(u32, Arc)> {
        let mut needed = Vec::new();
        for i in 0..self.inc[v as usize].len() {
            let into = self.inc[v as usize][i];
            let outs = &self.out[v as usize];
            let Some(max) = outs
                .iter()
                .filter(|o| o.node != into.node)
                .map(|o| into.cost.saturating_add(o.cost))
                .max()
            else {
                continue;
            };
            self.witness
                .search(&self.out, into.node, v, max, limit, outs);
            for o in &self.out[v as usize] {
                let cost = into.cost.saturating_add(o.cost);
                if o.node != into.node && self.witness.dist(o.node) > cost {
                    let hops = into.hops + o.hops;
                    let via = v | SHORTCUT;
                    needed.push((
                        into.node,
                        Arc {
                            node: o.node,
                            cost,
                            via,
                            hops,
                        },
                    ));
                }
            }
        }
        needed
    }

    fn priority(&mut self, v: u32) -> i64 {
        let added = self.shortcuts(v, SIMULATION_SETTLE_LIMIT);
        let (out, inc) = (&self.out[v as usize], &self.inc[v as usize]);
        let edge_difference = added.len() as i64 - (inc.len() + out.len()) as i64;
        let hops_removed: u32 = out.iter().chain(inc).map(|a| a.hops).sum();
        let hops_added: u32 = added.iter().map(|(_, a)| a.hops).sum();
        let hop_difference = i64::from(hops_added) - i64::from(hops_removed);
        2 * edge_difference
            + hop_difference
            + self.deleted_neighbours[v as usize]
            + self.level[v as usize]
    }

    /// Removes `v`, adds its shortcuts; returns its neighbours, whose priority has changed.
    fn contract_node(&mut self, v: u32) -> Vec<u32> {
        let shortcuts = self.shortcuts(v, WITNESS_SETTLE_LIMIT);
        let vi = v as usize;
        self.contracted[vi] = true;
        let out = std::mem::take(&mut self.out[vi]);
        let inc = std::mem::take(&mut self.inc[vi]);
        for a in &out {
            self.inc[a.node as usize].retain(|b| b.node != v);
        }
        for a in &inc {
            self.out[a.node as usize].retain(|b| b.node != v);
        }
        for (u, arc) in shortcuts {
            self.add_arc(u, arc);
        }
        let mut neighbours: Vec<u32> = out.iter().chain(&inc).map(|a| a.node).collect();
        neighbours.sort_unstable();
        neighbours.dedup();
        let next_level = self.level[vi] + 1;
        for &x in &neighbours {
            self.deleted_neighbours[x as usize] += 1;
            let level = &mut self.level[x as usize];
            *level = (*level).max(next_level);
        }
        self.final_out[vi] = out;
        self.final_inc[vi] = inc;
        neighbours
    }

    fn into_hierarchy(self, order: &[u32]) -> Contracted {
        let n = order.len();
        let mut rank = vec![0u32; n];
        for (r, &v) in order.iter().enumerate() {
            rank[v as usize] = r as u32;
        }
        let to_rank_space = |arcs: &[Arc]| {
            let mut list: Vec<(u32, u64, u32)> = arcs
                .iter()
                .map(|a| {
                    let via = if a.via & SHORTCUT != 0 {
                        rank[(a.via & !SHORTCUT) as usize] | SHORTCUT
                    } else {
                        a.via
                    };
                    (rank[a.node as usize], a.cost, via)
                })
                .collect();
            list.sort_unstable_by_key(|&(head, _, _)| head);
            list
        };
        let up = order
            .iter()
            .map(|&v| to_rank_space(&self.final_out[v as usize]));
        let down = order
            .iter()
            .map(|&v| to_rank_space(&self.final_inc[v as usize]));
        Contracted {
            up: Adjacency::from_lists(up.collect()),
            down: Adjacency::from_lists(down.collect()),
            rank,
        }
    }
}

/// A bounded Dijkstra on the not-yet-contracted graph that avoids the node being contracted.
struct Witness {
    dist: Vec<u64>,
    /// Marks the nodes whose distance the current search must find.
    target: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Witness {
    fn new(n: usize) -> Witness {
        Witness {
            dist: vec![u64::MAX; n],
            target: vec![false; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn dist(&self, v: u32) -> u64 {
        self.dist[v as usize]
    }

    /// Distances from `source` avoiding `avoid`, until every target is settled, the distance
    /// passes `max` or `limit` nodes are settled.
    fn search(
        &mut self,
        out: &[Vec<Arc>],
        source: u32,
        avoid: u32,
        max: u64,
        limit: usize,
        targets: &[Arc],
    ) {
        for &v in &self.touched {
            self.dist[v as usize] = u64::MAX;
        }
        self.touched.clear();
        self.heap.clear();
        let mut pending = 0;
        for t in targets {
            if !std::mem::replace(&mut self.target[t.node as usize], true) {
                pending += 1;
            }
        }
        self.dist[source as usize] = 0;
        self.touched.push(source);
        self.heap.push(Reverse((0, source)));
        let mut settled = 0;
        while let Some(Reverse((d, v))) = self.heap.pop() {
            if d > self.dist[v as usize] {
                continue;
            }
            settled += 1;
            if self.target[v as usize] {
                self.target[v as usize] = false;
                pending -= 1;
            }
            if d > max || settled > limit || pending == 0 {
                break;
            }
            for a in &out[v as usize] {
                let nd = d.saturating_add(a.cost);
                let slot = &mut self.dist[a.node as usize];
                if a.node != avoid && nd < *slot {
                    if *slot == u64::MAX {
                        self.touched.push(a.node);
                    }
                    *slot = nd;
                    self.heap.push(Reverse((nd, a.node)));
                }
            }
        }
        for t in targets {
            self.target[t.node as usize] = false;
        }
    }
}
