//! The roads drawn under the map view: each road of the map graph once (a two-way road is two
//! edges sharing one shape), as a polyline of (longitude, latitude), with its rank.

use maps::graph::{RoadClass, RoadGraph};
use planner::week::model::MapChoice;
use std::collections::HashSet;
use std::path::Path;

/// How important a road is: main roads are always drawn, streets only when zoomed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    Main,
    Minor,
    Street,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Road {
    pub rank: Rank,
    /// (longitude, latitude) points.
    pub line: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoadMap {
    pub roads: Vec<Road>,
    /// The network is the synthetic Cantal one (invented roads).
    pub synthetic: bool,
}

impl RoadMap {
    /// The road graph of the scenario's map (`None` if it cannot be read: the view then shows
    /// places and routes without roads, and says so).
    pub fn load(choice: &MapChoice, dir: &Path) -> Option<RoadMap> {
        let net = match choice {
            MapChoice::Embedded => maps::synth::cantal().ok()?,
            MapChoice::File(f) => maps::RoadNetwork::load(&dir.join(f)).ok()?,
        };
        Some(RoadMap::from_graph(net.graph()))
    }

    pub fn from_graph(g: &RoadGraph) -> RoadMap {
        let mut seen = HashSet::new();
        let mut roads = Vec::new();
        for e in &g.edges {
            let ends = (e.from.min(e.to), e.from.max(e.to));
            if !seen.insert((ends, e.shape_start, e.shape_len)) {
                continue;
            }
            let line = g
                .edge_polyline(e)
                .into_iter()
                .map(|p| (p.lon, p.lat))
                .collect();
            roads.push(Road {
                rank: rank(e.class),
                line,
            });
        }
        roads.sort_by_key(|r| std::cmp::Reverse(r.rank));
        RoadMap {
            roads,
            synthetic: g.meta.synthetic,
        }
    }
}

fn rank(c: RoadClass) -> Rank {
    use RoadClass::*;
    match c {
        Motorway | MotorwayLink | Trunk | TrunkLink | Primary | PrimaryLink | Secondary
        | SecondaryLink => Rank::Main,
        Tertiary | TertiaryLink | Unclassified => Rank::Minor,
        _ => Rank::Street,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_map_gives_each_road_once() {
        let m = RoadMap::load(&MapChoice::Embedded, Path::new(".")).expect("embedded map");
        assert!(m.synthetic);
        let net = maps::synth::cantal().expect("map");
        // All roads of the synthetic map are two-way: half as many roads as edges.
        assert_eq!(m.roads.len() * 2, net.graph().edge_count());
        assert!(m.roads.iter().any(|r| r.rank == Rank::Main));
        assert!(m.roads.iter().all(|r| r.line.len() >= 2));
    }
}
