//! The upward search both hierarchy queries are made of: a Dijkstra that only climbs to
//! higher-ranked nodes, with stall-on-demand.

use super::ch::Adjacency;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

pub(crate) const UNREACHED: u64 = u64::MAX;
pub(crate) const NO_PRED: u32 = u32::MAX;

/// Distances and predecessors of one search, sized for the whole graph once and reset by
/// undoing only what the last search touched, so a table of 100 × 100 searches does not
/// clear a million entries 200 times.
pub(crate) struct Workspace {
    pub dist: Vec<u64>,
    /// Node the best path to each node came from (`NO_PRED` for a seed).
    pub pred: Vec<u32>,
    /// Arc (index in the searched adjacency) the best path arrived by.
    pub arc: Vec<u32>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Workspace {
    pub fn new(n: usize) -> Workspace {
        Workspace {
            dist: vec![UNREACHED; n],
            pred: vec![NO_PRED; n],
            arc: vec![NO_PRED; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.touched {
            self.dist[v as usize] = UNREACHED;
            self.pred[v as usize] = NO_PRED;
        }
        self.touched.clear();
        self.heap.clear();
    }

    fn improve(&mut self, v: u32, d: u64, pred: u32, arc: u32) {
        let slot = &mut self.dist[v as usize];
        if d < *slot {
            if *slot == UNREACHED {
                self.touched.push(v);
            }
            *slot = d;
            self.pred[v as usize] = pred;
            self.arc[v as usize] = arc;
            self.heap.push(Reverse((d, v)));
        }
    }

    /// Settles every node reachable upwards in `graph` from the seeds (`(rank, cost)`), and
    /// calls `visit(rank, dist)` for each settled node whose distance is exact.
    ///
    /// `stall` holds, at each node, the arcs that come down into it from higher nodes in the
    /// search direction: if a higher node already offers a strictly shorter way in, the node's
    /// distance is not optimal, and neither it nor what lies above it is worth expanding.
    pub fn upward(
        &mut self,
        graph: &Adjacency,
        stall: &Adjacency,
        seeds: impl IntoIterator<Item = (u32, u64)>,
        mut visit: impl FnMut(u32, u64),
    ) {
        self.reset();
        for (v, d) in seeds {
            self.improve(v, d, NO_PRED, NO_PRED);
        }
        while let Some(Reverse((d, v))) = self.heap.pop() {
            if d > self.dist[v as usize] {
                continue;
            }
            if self.stalled(stall, v, d) {
                continue;
            }
            visit(v, d);
            for a in graph.range(v) {
                let w = graph.head[a];
                self.improve(w, d.saturating_add(graph.cost[a]), v, a as u32);
            }
        }
    }

    fn stalled(&self, stall: &Adjacency, v: u32, d: u64) -> bool {
        stall.range(v).any(|a| {
            let above = self.dist[stall.head[a] as usize];
            above != UNREACHED && above.saturating_add(stall.cost[a]) < d
        })
    }
}
