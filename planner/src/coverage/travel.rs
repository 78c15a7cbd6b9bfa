//! Road travel times and distances from places (communes, people) to sites.
//!
//! The study only needs one rectangle of times: every demand point to every site. [`TravelTimes`]
//! is that one question, so the study runs on any router (and tests can hand it a table);
//! [`RoadNetwork`] answers it with its contraction hierarchy.

use super::{CoverageError, Place};
use maps::{LatLon, Meters, RoadNetwork, Seconds};

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

impl TravelTimes for RoadNetwork {
    /// Snaps every place onto the nearest road, as far as the weekly planner allows (1 km on a
    /// real map, 8 km on the synthetic one whose roads only join commune centres; the error
    /// names the place by its id), then one many-to-many table with the contraction hierarchy.
    fn reach(&self, points: &[Place], sites: &[Place]) -> Result<Reach, CoverageError> {
        let limit = crate::week::roads::snap_limit(self.graph().meta.synthetic);
        let snap = |p: &Place| self.snap_within(&p.id, p.at, limit);
        let sources = points.iter().map(snap).collect::<Result<Vec<_>, _>>()?;
        let targets = sites.iter().map(snap).collect::<Result<Vec<_>, _>>()?;
        let m = self.table(&sources, &targets);
        Ok(Reach::new(m.rows, m.cols, m.durations, m.distances))
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
    use maps::{Deciseconds, Edge, GraphMeta, RoadClass, RoadGraph};

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

    /// The hand-made graph as a routable network.
    pub fn line_network() -> RoadNetwork {
        RoadNetwork::from_graph(line_graph())
    }

    #[test]
    fn times_follow_one_way_roads() {
        let travel = line_network();
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
        let far = place("P07", 1, LatLon::new(46.0, 2.0));
        let e = line_network()
            .reach(&[far], &[node_place("A", 0, 0)])
            .unwrap_err()
            .to_string();
        assert!(e.contains("P07"), "{e}");
    }
}
