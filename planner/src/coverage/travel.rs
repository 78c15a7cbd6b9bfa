//! Road travel times and distances from places (communes, people) to sites.
//!
//! The study only needs one rectangle of times: every demand point to every site. [`TravelTimes`]
//! is that one question, so the study runs on any router; [`GraphTravel`] answers it on a
//! [`RoadGraph`] with one backward Dijkstra per site (a few hundred sites at most).

use super::{CoverageError, Place};
use maps::{LatLon, MapError, Meters, NodeId, RoadGraph, Seconds};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Travel from each of `points` places to each of `sites` places, row-major
/// (`[point * sites + site]`); unreachable pairs hold `Seconds::MAX` and `Meters::MAX`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reach {
    pub points: usize,
    pub sites: usize,
    pub durations: Vec<Seconds>,
    pub distances: Vec<Meters>,
}

impl Reach {
    pub fn new(
        points: usize,
        sites: usize,
        durations: Vec<Seconds>,
        distances: Vec<Meters>,
    ) -> Reach {
        assert_eq!(
            durations.len(),
            points * sites,
            "durations must be points × sites"
        );
        assert_eq!(
            distances.len(),
            points * sites,
            "distances must be points × sites"
        );
        Reach {
            points,
            sites,
            durations,
            distances,
        }
    }

    #[inline]
    pub fn time(&self, point: usize, site: usize) -> Seconds {
        self.durations[point * self.sites + site]
    }

    #[inline]
    pub fn distance(&self, point: usize, site: usize) -> Meters {
        self.distances[point * self.sites + site]
    }

    /// The same study restricted to some sites (columns), in the given order.
    pub fn select_sites(&self, sites: &[usize]) -> Reach {
        let mut durations = Vec::with_capacity(self.points * sites.len());
        let mut distances = Vec::with_capacity(self.points * sites.len());
        for p in 0..self.points {
            for &s in sites {
                durations.push(self.time(p, s));
                distances.push(self.distance(p, s));
            }
        }
        Reach::new(self.points, sites.len(), durations, distances)
    }
}

/// Something that knows road travel from places to sites.
pub trait TravelTimes {
    /// Travel from each of `points` to each of `sites`, by road.
    fn reach(&self, points: &[Place], sites: &[Place]) -> Result<Reach, CoverageError>;
}

/// How far a place may be from the nearest road junction of the graph.
pub const SNAP_LIMIT_M: f64 = 3_000.0;

/// Travel times on a road graph: snaps each place to its nearest junction, then runs one
/// backward Dijkstra per site (shortest time, ties broken by shorter distance).
pub struct GraphTravel<'a> {
    graph: &'a RoadGraph,
    /// Incoming edges of node `v`: `in_edges[in_first[v]..in_first[v + 1]]` (edge indices).
    in_first: Vec<u32>,
    in_edges: Vec<u32>,
}

impl<'a> GraphTravel<'a> {
    pub fn new(graph: &'a RoadGraph) -> GraphTravel<'a> {
        let n = graph.node_count();
        let mut in_first = vec![0u32; n + 1];
        for e in &graph.edges {
            in_first[e.to as usize + 1] += 1;
        }
        for v in 0..n {
            in_first[v + 1] += in_first[v];
        }
        let mut fill = in_first.clone();
        let mut in_edges = vec![0u32; graph.edge_count()];
        for (i, e) in graph.edges.iter().enumerate() {
            let slot = &mut fill[e.to as usize];
            in_edges[*slot as usize] = i as u32;
            *slot += 1;
        }
        GraphTravel {
            graph,
            in_first,
            in_edges,
        }
    }

    /// The nearest junction to a place, or an error naming the place by its id.
    pub fn snap(&self, place: &Place) -> Result<NodeId, MapError> {
        let mut best: Option<(f64, NodeId)> = None;
        for (i, &node) in self.graph.nodes.iter().enumerate() {
            let d = place.at.haversine_m(node);
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, i as NodeId));
            }
        }
        match best {
            Some((d, node)) if d <= SNAP_LIMIT_M => Ok(node),
            other => Err(cannot_snap(place, other.map_or(f64::INFINITY, |b| b.0))),
        }
    }

    /// Time (deciseconds) and distance from every node to `target`.
    fn backward(&self, target: NodeId) -> Vec<(u64, u64)> {
        let mut best = vec![(u64::MAX, u64::MAX); self.graph.node_count()];
        let mut heap = BinaryHeap::new();
        best[target as usize] = (0, 0);
        heap.push(Reverse((0u64, 0u64, target)));
        while let Some(Reverse((t, d, v))) = heap.pop() {
            if (t, d) > best[v as usize] {
                continue;
            }
            let (a, b) = (self.in_first[v as usize], self.in_first[v as usize + 1]);
            for &ei in &self.in_edges[a as usize..b as usize] {
                let e = &self.graph.edges[ei as usize];
                let next = (t + u64::from(e.time.0), d + u64::from(e.distance.0));
                if next < best[e.from as usize] {
                    best[e.from as usize] = next;
                    heap.push(Reverse((next.0, next.1, e.from)));
                }
            }
        }
        best
    }
}

fn cannot_snap(place: &Place, distance_m: f64) -> MapError {
    MapError::CannotSnap {
        id: place.id.clone(),
        lat: place.at.lat,
        lon: place.at.lon,
        distance_m,
        limit_m: SNAP_LIMIT_M,
    }
}

impl TravelTimes for GraphTravel<'_> {
    fn reach(&self, points: &[Place], sites: &[Place]) -> Result<Reach, CoverageError> {
        let point_nodes = points
            .iter()
            .map(|p| self.snap(p))
            .collect::<Result<Vec<_>, _>>()?;
        let mut durations = vec![Seconds::MAX; points.len() * sites.len()];
        let mut distances = vec![Meters::MAX; points.len() * sites.len()];
        for (s, site) in sites.iter().enumerate() {
            let tree = self.backward(self.snap(site)?);
            for (p, &node) in point_nodes.iter().enumerate() {
                let (t, d) = tree[node as usize];
                if t != u64::MAX {
                    let secs = maps::Deciseconds(u32::try_from(t).unwrap_or(u32::MAX - 5));
                    durations[p * sites.len() + s] = secs.to_seconds();
                    distances[p * sites.len() + s] =
                        Meters(u32::try_from(d).unwrap_or(u32::MAX - 1));
                }
            }
        }
        Ok(Reach::new(points.len(), sites.len(), durations, distances))
    }
}

/// A place at a position, for tests and small tools.
pub fn place(id: &str, population: u32, at: LatLon) -> Place {
    Place {
        id: id.to_string(),
        name: id.to_string(),
        population,
        at,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use maps::{Deciseconds, Edge, GraphMeta, RoadClass};

    /// A hand-made road: A —10 min, 8 km— B —20 min, 15 km— C, plus a one-way D → A (5 min).
    /// Nodes are 0.1° of longitude apart on the 45th parallel.
    pub fn line_graph() -> RoadGraph {
        let nodes = (0..4)
            .map(|i| LatLon::new(45.0, 2.0 + 0.1 * f64::from(i)))
            .collect();
        let edge = |from, to, minutes: u32, km: u32| Edge {
            from,
            to,
            time: Deciseconds(minutes * 600),
            distance: Meters(km * 1000),
            class: RoadClass::Secondary,
            shape_start: 0,
            shape_len: 0,
            shape_reversed: false,
        };
        let edges = vec![
            edge(0, 1, 10, 8),
            edge(1, 0, 10, 8),
            edge(1, 2, 20, 15),
            edge(2, 1, 20, 15),
            edge(3, 0, 5, 4),
        ];
        RoadGraph::from_edges(GraphMeta::default(), nodes, edges, vec![])
    }

    pub fn node_place(id: &str, node: u32, population: u32) -> Place {
        place(
            id,
            population,
            LatLon::new(45.0, 2.0 + 0.1 * f64::from(node)),
        )
    }

    #[test]
    fn backward_times_follow_one_way_roads() {
        let g = line_graph();
        let travel = GraphTravel::new(&g);
        let points: Vec<Place> = (0..4).map(|i| node_place(&format!("p{i}"), i, 1)).collect();
        let sites = vec![node_place("A", 0, 0), node_place("D", 3, 0)];
        let r = travel.reach(&points, &sites).unwrap();
        let minutes = |p, s| r.time(p, s).0 / 60;
        assert_eq!(
            (minutes(0, 0), minutes(1, 0), minutes(2, 0), minutes(3, 0)),
            (0, 10, 30, 5)
        );
        assert_eq!(r.distance(2, 0), Meters(23_000));
        // D can be left but not reached: only D itself gets there.
        assert_eq!(r.time(0, 1), Seconds::MAX);
        assert_eq!(r.time(3, 1), Seconds(0));
    }

    #[test]
    fn far_places_do_not_snap() {
        let g = line_graph();
        let far = place("P07", 1, LatLon::new(46.0, 2.0));
        let e = GraphTravel::new(&g).snap(&far).unwrap_err().to_string();
        assert!(e.contains("P07") && e.contains("nearest road"), "{e}");
    }
}
