//! The road graph every other part of `maps` shares: built by the importer (or the synthetic
//! network generator), stored in the graph file, routed on by the router, snapped to by the
//! snapper.
//!
//! It is a plain directed graph in flat vectors (no pointers, cheap to save and load): junction
//! nodes only, each road between two junctions one edge per drivable direction, its intermediate
//! points kept as shape points so maps and GeoJSON can draw the real road.

use crate::units::{LatLon, Meters};
use serde::{Deserialize, Serialize};

/// Index of a node in [`RoadGraph::nodes`].
pub type NodeId = u32;
/// Index of an edge in [`RoadGraph::edges`].
pub type EdgeId = u32;

/// Travel time in tenths of a second: edge weights keep sub-second precision so that the sum
/// along a path is not biased by rounding every short edge; matrices leave in [`crate::units::Seconds`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Deciseconds(pub u32);

impl Deciseconds {
    /// Rounds to the nearest whole second.
    pub fn to_seconds(self) -> crate::units::Seconds {
        crate::units::Seconds(self.0.saturating_add(5) / 10)
    }
}

/// OSM `highway` classes the vehicle may drive, from fastest to slowest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum RoadClass {
    Motorway = 0,
    MotorwayLink = 1,
    Trunk = 2,
    TrunkLink = 3,
    Primary = 4,
    PrimaryLink = 5,
    Secondary = 6,
    SecondaryLink = 7,
    Tertiary = 8,
    TertiaryLink = 9,
    Unclassified = 10,
    Residential = 11,
    LivingStreet = 12,
    Service = 13,
}

impl RoadClass {
    pub const ALL: [RoadClass; 14] = [
        RoadClass::Motorway,
        RoadClass::MotorwayLink,
        RoadClass::Trunk,
        RoadClass::TrunkLink,
        RoadClass::Primary,
        RoadClass::PrimaryLink,
        RoadClass::Secondary,
        RoadClass::SecondaryLink,
        RoadClass::Tertiary,
        RoadClass::TertiaryLink,
        RoadClass::Unclassified,
        RoadClass::Residential,
        RoadClass::LivingStreet,
        RoadClass::Service,
    ];

    /// The OSM `highway=*` value, e.g. `"motorway_link"`.
    pub fn osm_tag(self) -> &'static str {
        match self {
            RoadClass::Motorway => "motorway",
            RoadClass::MotorwayLink => "motorway_link",
            RoadClass::Trunk => "trunk",
            RoadClass::TrunkLink => "trunk_link",
            RoadClass::Primary => "primary",
            RoadClass::PrimaryLink => "primary_link",
            RoadClass::Secondary => "secondary",
            RoadClass::SecondaryLink => "secondary_link",
            RoadClass::Tertiary => "tertiary",
            RoadClass::TertiaryLink => "tertiary_link",
            RoadClass::Unclassified => "unclassified",
            RoadClass::Residential => "residential",
            RoadClass::LivingStreet => "living_street",
            RoadClass::Service => "service",
        }
    }

    /// Parses an OSM `highway=*` value; `None` for anything the vehicle may not drive
    /// (track, path, footway, cycleway, construction, …).
    pub fn from_osm_tag(value: &str) -> Option<RoadClass> {
        RoadClass::ALL.into_iter().find(|c| c.osm_tag() == value)
    }

    pub fn from_u8(v: u8) -> Option<RoadClass> {
        RoadClass::ALL.get(usize::from(v)).copied()
    }
}

/// One drivable direction of the road between two junctions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub from: NodeId,
    pub to: NodeId,
    /// Travel time for the graph's profile.
    pub time: Deciseconds,
    pub distance: Meters,
    pub class: RoadClass,
    /// The road's intermediate points (both junctions excluded), in driving order when
    /// `shape_reversed` is false: `shape_points[shape_start .. shape_start + shape_len]`.
    /// The two directions of a two-way road share one run of points.
    pub shape_start: u32,
    pub shape_len: u32,
    pub shape_reversed: bool,
}

/// Where a graph came from and what the import dropped, shown by `tournee map info`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphMeta {
    /// `"car"` or `"camping-car"`.
    pub profile: String,
    /// File name of the source (no directories: paths can name people's folders).
    pub source: String,
    /// True for the generated network between commune centres, which is not a real road map.
    pub synthetic: bool,
    /// Nodes and edges dropped because they were outside the largest strongly connected component.
    pub dropped_nodes: u64,
    pub dropped_edges: u64,
}

/// The directed road graph: junction nodes, edges sorted by `from`, shared shape points.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoadGraph {
    pub meta: GraphMeta,
    pub nodes: Vec<LatLon>,
    /// Sorted by `from`, so `first_out` gives each node's outgoing edges.
    pub edges: Vec<Edge>,
    /// `edges[first_out[v] as usize .. first_out[v + 1] as usize]` leave node `v`; length `nodes.len() + 1`.
    pub first_out: Vec<u32>,
    pub shape_points: Vec<LatLon>,
}

impl RoadGraph {
    /// Builds the graph from unsorted edges: sorts them by `from` and fills `first_out`.
    pub fn from_edges(
        meta: GraphMeta,
        nodes: Vec<LatLon>,
        mut edges: Vec<Edge>,
        shape_points: Vec<LatLon>,
    ) -> RoadGraph {
        edges.sort_by_key(|e| (e.from, e.to, e.time));
        let mut first_out = vec![0u32; nodes.len() + 1];
        for e in &edges {
            first_out[e.from as usize + 1] += 1;
        }
        for v in 0..nodes.len() {
            first_out[v + 1] += first_out[v];
        }
        RoadGraph {
            meta,
            nodes,
            edges,
            first_out,
            shape_points,
        }
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Edges leaving `v`.
    pub fn out_edges(&self, v: NodeId) -> &[Edge] {
        let (a, b) = (self.first_out[v as usize], self.first_out[v as usize + 1]);
        &self.edges[a as usize..b as usize]
    }

    /// The full polyline of an edge in driving order: `from`, its shape points, `to`.
    pub fn edge_polyline(&self, e: &Edge) -> Vec<LatLon> {
        let start = e.shape_start as usize;
        let inner = &self.shape_points[start..start + e.shape_len as usize];
        let mut line = Vec::with_capacity(inner.len() + 2);
        line.push(self.nodes[e.from as usize]);
        if e.shape_reversed {
            line.extend(inner.iter().rev().copied());
        } else {
            line.extend(inner.iter().copied());
        }
        line.push(self.nodes[e.to as usize]);
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: NodeId, to: NodeId) -> Edge {
        Edge {
            from,
            to,
            time: Deciseconds(10),
            distance: Meters(10),
            class: RoadClass::Residential,
            shape_start: 0,
            shape_len: 0,
            shape_reversed: false,
        }
    }

    #[test]
    fn from_edges_builds_adjacency() {
        let nodes = vec![LatLon::default(); 3];
        let g = RoadGraph::from_edges(
            GraphMeta::default(),
            nodes,
            vec![edge(2, 0), edge(0, 1), edge(1, 2)],
            vec![],
        );
        assert_eq!(g.first_out, vec![0, 1, 2, 3]);
        assert_eq!(g.out_edges(2)[0].to, 0);
    }

    #[test]
    fn road_class_tags_round_trip() {
        for c in RoadClass::ALL {
            assert_eq!(RoadClass::from_osm_tag(c.osm_tag()), Some(c));
            assert_eq!(RoadClass::from_u8(c as u8), Some(c));
        }
        assert_eq!(RoadClass::from_osm_tag("track"), None);
    }
}
