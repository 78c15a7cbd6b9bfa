//! The contraction hierarchy: every node gets a rank (its place in the contraction order), and
//! the graph is stored as two upward adjacencies in rank space, so that a query is two small
//! upward searches that meet at the highest node of the fastest path.
//!
//! Nodes are renumbered by rank: the nodes a query touches are then close in memory. A
//! shortcut remembers the node it bypasses, so a path can be unpacked into the original edges
//! for its geometry; an original arc remembers its edge in the [`RoadGraph`].

use super::Cost;
use super::contract::contract;
use crate::error::MapError;
use crate::graph::{EdgeId, RoadGraph};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Set in [`Adjacency::via`] for a shortcut: the low bits are then the bypassed node's rank.
/// Without it, `via` is the original edge's index in the graph.
pub(crate) const SHORTCUT: u32 = 1 << 31;

/// Arcs grouped by node (compressed sparse rows), in rank space.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Adjacency {
    pub first: Vec<u32>,
    pub head: Vec<u32>,
    /// [`Cost`] of each arc.
    pub cost: Vec<u64>,
    pub via: Vec<u32>,
}

impl Adjacency {
    pub fn range(&self, v: u32) -> Range<usize> {
        self.first[v as usize] as usize..self.first[v as usize + 1] as usize
    }

    /// Builds the rows from per-node lists of `(head, cost, via)`.
    pub fn from_lists(lists: Vec<Vec<(u32, u64, u32)>>) -> Adjacency {
        let mut adj = Adjacency {
            first: Vec::with_capacity(lists.len() + 1),
            ..Adjacency::default()
        };
        adj.first.push(0);
        for list in lists {
            for (head, cost, via) in list {
                adj.head.push(head);
                adj.cost.push(cost);
                adj.via.push(via);
            }
            adj.first.push(adj.head.len() as u32);
        }
        adj
    }

    fn find(&self, v: u32, head: u32) -> Option<usize> {
        self.range(v).find(|&a| self.head[a] == head)
    }
}

/// Fastest-path router on one [`RoadGraph`]: build it once ([`Router::build`], at import),
/// store it in the graph file ([`Router::to_bytes`]) and load it in milliseconds.
#[derive(Clone, Debug, PartialEq)]
pub struct Router {
    /// Rank of each graph node.
    pub(crate) rank: Vec<u32>,
    /// At each node, arcs to higher nodes in driving direction.
    pub(crate) up: Adjacency,
    /// At each node, arcs arriving from higher nodes (head = the higher node).
    pub(crate) down: Adjacency,
    /// Edge count of the graph it was built for, to refuse pairing it with another graph.
    edge_count: u32,
}

impl Router {
    /// Contracts the graph. Deterministic: the same graph gives the same bytes.
    pub fn build(graph: &RoadGraph) -> Router {
        let c = contract(graph);
        Router {
            rank: c.rank,
            up: c.up,
            down: c.down,
            edge_count: graph.edge_count() as u32,
        }
    }

    pub fn node_count(&self) -> usize {
        self.rank.len()
    }

    /// Arcs of the hierarchy (original edges kept plus shortcuts), both directions.
    pub fn arc_count(&self) -> usize {
        self.up.head.len() + self.down.head.len()
    }

    /// Checks that the router was built for `graph`.
    pub fn fits(&self, graph: &RoadGraph) -> bool {
        self.rank.len() == graph.node_count() && self.edge_count as usize == graph.edge_count()
    }

    /// Appends the original edges of arc `from → to` (ranks, driving direction) to `out`.
    pub(crate) fn unpack(&self, from: u32, to: u32, via: u32, out: &mut Vec<EdgeId>) {
        let mut stack = vec![(from, to, via)];
        while let Some((a, b, via)) = stack.pop() {
            if via & SHORTCUT == 0 {
                out.push(via);
                continue;
            }
            let m = via & !SHORTCUT;
            // Both halves were m's arcs when m was contracted, and m's arcs never change after.
            let (Some(first), Some(second)) = (self.down.find(m, a), self.up.find(m, b)) else {
                continue;
            };
            stack.push((m, b, self.up.via[second]));
            stack.push((a, m, self.down.via[first]));
        }
    }

    /// The router section of the graph file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let stored = Stored {
            version: STORED_VERSION,
            edge_count: self.edge_count,
            rank: self.rank.clone(),
            up: StoredAdjacency::from(&self.up),
            down: StoredAdjacency::from(&self.down),
        };
        // Encoding plain vectors of integers into a Vec cannot fail.
        postcard::to_stdvec(&stored).unwrap_or_default()
    }

    /// Reads and checks the router section: a damaged section is refused, never trusted.
    pub fn from_bytes(bytes: &[u8]) -> Result<Router, MapError> {
        let bad = |detail: String| MapError::BadRouter { detail };
        let stored: Stored =
            postcard::from_bytes(bytes).map_err(|e| bad(format!("cannot be decoded ({e})")))?;
        if stored.version != STORED_VERSION {
            return Err(bad(format!("has version {}", stored.version)));
        }
        let n = stored.rank.len();
        check_permutation(&stored.rank).map_err(bad)?;
        let up = stored
            .up
            .into_adjacency(n, stored.edge_count)
            .map_err(bad)?;
        let down = stored
            .down
            .into_adjacency(n, stored.edge_count)
            .map_err(bad)?;
        Ok(Router {
            rank: stored.rank,
            up,
            down,
            edge_count: stored.edge_count,
        })
    }
}

const STORED_VERSION: u32 = 1;

/// On disk, costs are split into time and distance: both are small numbers that postcard's
/// variable-length integers store in two or three bytes, where the packed `u64` would take nine.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    edge_count: u32,
    rank: Vec<u32>,
    up: StoredAdjacency,
    down: StoredAdjacency,
}

#[derive(Serialize, Deserialize)]
struct StoredAdjacency {
    first: Vec<u32>,
    head: Vec<u32>,
    time: Vec<u32>,
    distance: Vec<u32>,
    via: Vec<u32>,
}

impl From<&Adjacency> for StoredAdjacency {
    fn from(a: &Adjacency) -> Self {
        let costs = a.cost.iter().map(|&c| Cost(c));
        StoredAdjacency {
            first: a.first.clone(),
            head: a.head.clone(),
            time: costs.clone().map(|c| c.time().0).collect(),
            distance: costs.map(|c| c.distance().0).collect(),
            via: a.via.clone(),
        }
    }
}

impl StoredAdjacency {
    fn into_adjacency(self, n: usize, edge_count: u32) -> Result<Adjacency, String> {
        let m = self.head.len();
        let lengths_agree = self.first.len() == n + 1
            && [self.time.len(), self.distance.len(), self.via.len()] == [m, m, m];
        if !lengths_agree || self.first.first() != Some(&0) || self.first[n] as usize != m {
            return Err("has inconsistent lengths".into());
        }
        if self.first.windows(2).any(|w| w[0] > w[1]) {
            return Err("has unordered rows".into());
        }
        for v in 0..n {
            for a in self.first[v] as usize..self.first[v + 1] as usize {
                let via = self.via[a];
                let via_ok = if via & SHORTCUT != 0 {
                    ((via & !SHORTCUT) as usize) < v
                } else {
                    via < edge_count
                };
                if (self.head[a] as usize) <= v || self.head[a] as usize >= n || !via_ok {
                    return Err(format!("has an invalid arc at node {v}"));
                }
            }
        }
        let cost = self
            .time
            .iter()
            .zip(&self.distance)
            .map(|(&t, &d)| (u64::from(t) << 32) | u64::from(d))
            .collect();
        Ok(Adjacency {
            first: self.first,
            head: self.head,
            cost,
            via: self.via,
        })
    }
}

fn check_permutation(rank: &[u32]) -> Result<(), String> {
    let mut seen = vec![false; rank.len()];
    for &r in rank {
        match seen.get_mut(r as usize) {
            Some(s) if !*s => *s = true,
            _ => return Err("has an invalid node order".into()),
        }
    }
    Ok(())
}
