//! Fastest paths on a [`RoadGraph`](crate::graph::RoadGraph): a contraction hierarchy
//! ([`Router`]) for point-to-point queries and many-to-many tables, and a plain Dijkstra
//! ([`dijkstra`]) that the tests hold the hierarchy to and that serves as a fallback.
//!
//! Both minimise the same [`Cost`]: travel time first, then distance among equally fast paths.
//! Breaking ties by distance inside the weight (instead of unpacking whichever fastest path the
//! search happened to find) makes the reported distance a property of the pair, not of the
//! algorithm: the hierarchy and Dijkstra agree on it exactly, and a table needs no unpacking.

pub mod ch;
mod contract;
pub mod dijkstra;
pub mod many_to_many;
pub mod query;
mod search;

pub use ch::Router;
pub use query::Route;

use crate::graph::{Deciseconds, Edge};
use crate::units::Meters;

/// Time and distance of a path, packed in one `u64` so that comparing costs compares time first,
/// then distance: travel time in deciseconds in the high 32 bits, metres in the low 32.
///
/// Adding two costs adds both parts exactly as long as a path is shorter than 4 million km,
/// which no road path on Earth reaches (all the roads of France add up to about 1 million km).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cost(pub(crate) u64);

impl Cost {
    pub const ZERO: Cost = Cost(0);
    /// No path.
    pub const INFINITE: Cost = Cost(u64::MAX);

    pub fn new(time: Deciseconds, distance: Meters) -> Cost {
        Cost((u64::from(time.0) << 32) | u64::from(distance.0))
    }

    /// The cost of driving a whole edge.
    pub fn of_edge(e: &Edge) -> Cost {
        Cost::new(e.time, e.distance)
    }

    pub fn time(self) -> Deciseconds {
        Deciseconds((self.0 >> 32) as u32)
    }

    pub fn distance(self) -> Meters {
        Meters(self.0 as u32)
    }

    pub fn is_finite(self) -> bool {
        self != Cost::INFINITE
    }

    /// Sum of two costs; infinite if either is.
    pub fn plus(self, other: Cost) -> Cost {
        if self.is_finite() && other.is_finite() {
            Cost(self.0.saturating_add(other.0))
        } else {
            Cost::INFINITE
        }
    }
}

/// Where a search starts or ends: a node reached with an initial cost (the part of an edge
/// between a snapped point and the node).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seed {
    pub node: crate::graph::NodeId,
    pub cost: Cost,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_orders_by_time_then_distance() {
        let fast_long = Cost::new(Deciseconds(10), Meters(900));
        let slow_short = Cost::new(Deciseconds(11), Meters(1));
        let fast_short = Cost::new(Deciseconds(10), Meters(800));
        assert!(fast_long < slow_short);
        assert!(fast_short < fast_long);
        let sum = fast_long.plus(slow_short);
        assert_eq!(sum.time(), Deciseconds(21));
        assert_eq!(sum.distance(), Meters(901));
        assert_eq!(sum.plus(Cost::INFINITE), Cost::INFINITE);
    }
}

#[cfg(test)]
mod ch_tests;
