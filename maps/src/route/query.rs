//! Point-to-point query: an upward search from the source seeds, one from the target seeds,
//! the best meeting node, and the two halves unpacked into original edges.

use super::search::{NO_PRED, UNREACHED, Workspace};
use super::{Cost, Router, Seed};
use crate::graph::EdgeId;

/// A fastest path found by a router.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub cost: Cost,
    /// The original edges, in driving order (empty when a source seed is a target seed).
    pub edges: Vec<EdgeId>,
    /// Which source seed the path starts from, and which target seed it ends at.
    pub source: usize,
    pub target: usize,
}

impl Router {
    /// The fastest path from any source seed to any target seed, seeds' costs included.
    pub fn route(&self, sources: &[Seed], targets: &[Seed]) -> Option<Route> {
        let n = self.node_count();
        let (mut fw, mut bw) = (Workspace::new(n), Workspace::new(n));
        fw.upward(&self.up, &self.down, self.rank_seeds(sources), |_, _| {});
        let mut best = (UNREACHED, NO_PRED);
        bw.upward(&self.down, &self.up, self.rank_seeds(targets), |v, d| {
            let f = fw.dist[v as usize];
            if f != UNREACHED && f.saturating_add(d) < best.0 {
                best = (f.saturating_add(d), v);
            }
        });
        let (total, meet) = best;
        if total == UNREACHED {
            return None;
        }
        let mut halves = Vec::new();
        let mut v = meet;
        while fw.pred[v as usize] != NO_PRED {
            let (p, a) = (fw.pred[v as usize], fw.arc[v as usize] as usize);
            halves.push((p, v, self.up.via[a]));
            v = p;
        }
        let source = seed_index(sources, &self.rank, v, fw.dist[v as usize])?;
        let mut edges = Vec::new();
        for &(a, b, via) in halves.iter().rev() {
            self.unpack(a, b, via, &mut edges);
        }
        let mut v = meet;
        while bw.pred[v as usize] != NO_PRED {
            let (p, a) = (bw.pred[v as usize], bw.arc[v as usize] as usize);
            self.unpack(v, p, self.down.via[a], &mut edges);
            v = p;
        }
        let target = seed_index(targets, &self.rank, v, bw.dist[v as usize])?;
        Some(Route {
            cost: Cost(total),
            edges,
            source,
            target,
        })
    }

    /// Seeds in rank space; seeds naming no node of this graph are left out.
    pub(crate) fn rank_seeds<'a>(
        &'a self,
        seeds: &'a [Seed],
    ) -> impl Iterator<Item = (u32, u64)> + 'a {
        seeds
            .iter()
            .filter(|s| s.cost.is_finite())
            .filter_map(|s| self.rank.get(s.node as usize).map(|&r| (r, s.cost.0)))
    }
}

/// The seed a search chain started from: the one at that node with that cost.
fn seed_index(seeds: &[Seed], rank: &[u32], at: u32, cost: u64) -> Option<usize> {
    seeds
        .iter()
        .position(|s| rank.get(s.node as usize) == Some(&at) && s.cost.0 == cost)
}
