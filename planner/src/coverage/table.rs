//! The coverage table: each commune's nearest site by road, and the population within a radius.

use super::{Place, Radius, Reach, Territory};
use maps::{Meters, Seconds};

/// The nearest site of one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nearest {
    /// Index of the nearest site by travel time; `None` when no site can be reached.
    pub site: Option<usize>,
    /// Travel time to that site (`Seconds::MAX` when unreachable).
    pub time: Seconds,
    /// Road distance of that trip.
    pub distance: Meters,
    /// Shortest road distance to any site (may be another site than the quickest one); what a
    /// radius in kilometres is measured against.
    pub min_distance: Meters,
}

impl Nearest {
    pub fn within(&self, radius: Radius) -> bool {
        radius.covers(self.time, self.min_distance)
    }
}

/// For each row (place) of `reach`, its nearest site; ties go to the site listed first.
pub fn nearest(reach: &Reach) -> Vec<Nearest> {
    (0..reach.points)
        .map(|p| {
            let mut best = Nearest {
                site: None,
                time: Seconds::MAX,
                distance: Meters::MAX,
                min_distance: Meters::MAX,
            };
            for s in 0..reach.sites {
                let (t, d) = (reach.time(p, s), reach.distance(p, s));
                if t != Seconds::MAX && (best.site.is_none() || t < best.time) {
                    best.site = Some(s);
                    best.time = t;
                    best.distance = d;
                }
                best.min_distance = best.min_distance.min(d);
            }
            best
        })
        .collect()
}

/// One choice of sites and the nearest of them for every commune of the territory.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteSet {
    /// How the set is shown: the site names joined, or e.g. "best 2 (30 min)".
    pub label: String,
    pub sites: Vec<Place>,
    /// Parallel to the territory's communes.
    pub nearest: Vec<Nearest>,
}

impl SiteSet {
    /// `reach` rows are the territory's communes, columns these sites.
    pub fn new(label: String, sites: Vec<Place>, reach: &Reach) -> SiteSet {
        assert_eq!(reach.sites, sites.len(), "one reach column per site");
        SiteSet {
            label,
            sites,
            nearest: nearest(reach),
        }
    }

    /// The site names joined with ", ".
    pub fn names(sites: &[Place]) -> String {
        sites
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Population and communes within `radius`, and the communes left out.
    pub fn summary(&self, territory: &Territory, radius: Radius) -> Summary {
        let mut s = Summary {
            radius,
            covered_population: 0,
            population: territory.population(),
            covered_communes: 0,
            communes: territory.communes.len(),
            uncovered: Vec::new(),
        };
        for (i, (commune, near)) in territory.communes.iter().zip(&self.nearest).enumerate() {
            if near.within(radius) {
                s.covered_population += u64::from(commune.population);
                s.covered_communes += 1;
            } else {
                s.uncovered.push(i);
            }
        }
        let pop = |i: &usize| territory.communes[*i].population;
        s.uncovered
            .sort_by(|a, b| pop(b).cmp(&pop(a)).then_with(|| a.cmp(b)));
        s
    }
}

/// How much of the territory one site set reaches within one radius.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub radius: Radius,
    pub covered_population: u64,
    pub population: u64,
    pub covered_communes: usize,
    pub communes: usize,
    /// Indices of the communes outside the radius, largest population first.
    pub uncovered: Vec<usize>,
}

impl Summary {
    /// Share of the population covered, in percent.
    pub fn share_percent(&self) -> f64 {
        if self.population == 0 {
            0.0
        } else {
            100.0 * self.covered_population as f64 / self.population as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::TravelTimes;
    use crate::coverage::travel::tests::{line_network, node_place};

    /// Communes at the four nodes of the hand-made line graph, A—B—C and D → A.
    fn territory() -> Territory {
        Territory {
            name: "test".into(),
            arrondissements: vec![],
            communes: vec![
                node_place("A", 0, 1000),
                node_place("B", 1, 300),
                node_place("C", 2, 200),
                node_place("D", 3, 50),
            ],
        }
    }

    #[test]
    fn exact_numbers_on_a_hand_made_graph() {
        let t = territory();
        let sites = vec![node_place("A", 0, 0)];
        let reach = line_network().reach(&t.communes, &sites).unwrap();
        let set = SiteSet::new("A".into(), sites, &reach);
        // B is 10 min from A, C 30 min (through B), D 5 min (one-way road D → A).
        let s = set.summary(&t, Radius::minutes(10));
        assert_eq!((s.covered_population, s.population), (1350, 1550));
        assert_eq!(s.uncovered, vec![2]);
        assert_eq!(
            set.summary(&t, Radius::minutes(30)).covered_population,
            1550
        );
        assert_eq!(set.summary(&t, Radius::minutes(9)).covered_population, 1050);
        // In kilometres: B 8 km, C 23 km, D 4 km.
        assert_eq!(set.summary(&t, Radius::km(8)).covered_population, 1350);
        assert_eq!(set.summary(&t, Radius::km(22)).uncovered, vec![2]);
        assert!((s.share_percent() - 87.096).abs() < 0.01);
    }

    #[test]
    fn unreachable_sites_cover_nobody_else() {
        let t = territory();
        // Nothing leads to D: only D's own people are covered, whatever the radius.
        let sites = vec![node_place("D", 3, 0)];
        let reach = line_network().reach(&t.communes, &sites).unwrap();
        let set = SiteSet::new("D".into(), sites, &reach);
        assert_eq!(set.nearest[0].site, None);
        assert_eq!(set.summary(&t, Radius::minutes(600)).covered_population, 50);
        assert_eq!(
            set.summary(&t, Radius::minutes(600)).uncovered,
            vec![0, 1, 2]
        );
    }

    #[test]
    fn nearest_picks_the_quickest_and_the_shortest_separately() {
        // One place, two sites: the first is quicker, the second shorter.
        let reach = Reach::new(
            1,
            2,
            vec![Seconds(600), Seconds(900)],
            vec![Meters(12_000), Meters(9_000)],
        );
        let n = nearest(&reach)[0];
        assert_eq!(
            (n.site, n.time, n.distance, n.min_distance),
            (Some(0), Seconds(600), Meters(12_000), Meters(9_000))
        );
        assert!(n.within(Radius::km(9)));
    }
}
