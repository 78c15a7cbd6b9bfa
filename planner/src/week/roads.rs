//! The one place the week meets the road map: travel times between the week's places and the
//! drawn path between two of them.
//!
//! The map is the synthetic Cantal network compiled into the binary (roads between commune
//! centres, plainly not a real road map — every plan says so in its `map` field) or a `.graph`
//! file made by `tournee map import`. Points are snapped to the nearest road first.

use super::model::MapChoice;
use super::travel::TravelTimes;
use super::validate::MapBounds;
use maps::network::RoadNetwork;
use maps::snap::Snapped;
use maps::{LatLon, MapError, Meters};

/// How far a place may be from the nearest road of the synthetic map, whose roads only join
/// commune centres (a farm 3 km from the village centre is normal there).
const SYNTHETIC_SNAP_LIMIT: Meters = Meters(8_000);
/// The same for a real road map.
const REAL_SNAP_LIMIT: Meters = Meters(1_000);

/// How far from the nearest road a place may be on a map (synthetic or real).
pub fn snap_limit(synthetic: bool) -> Meters {
    if synthetic {
        SYNTHETIC_SNAP_LIMIT
    } else {
        REAL_SNAP_LIMIT
    }
}

/// Why the map cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RoadsError {
    #[error("{0}")]
    Map(#[from] MapError),
}

impl RoadsError {
    /// The message in French and English.
    pub fn text(&self) -> super::text::Text {
        match self {
            RoadsError::Map(e) => super::map_text::text(e),
        }
    }

    /// True when the user can fix it (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            RoadsError::Map(e) => e.is_bad_input(),
        }
    }
}

/// Travel times and paths for a scenario.
#[derive(Debug)]
pub enum Roads {
    Network {
        net: Box<RoadNetwork>,
        name: String,
        synthetic: bool,
    },
    /// Straight lines ×1.3 at 60 km/h: for tests only.
    Estimate,
}

impl Roads {
    /// The map a scenario asks for (`dir` is the scenario's folder, for relative paths).
    pub fn open(choice: &MapChoice, dir: &std::path::Path) -> Result<Roads, RoadsError> {
        let (net, file) = match choice {
            MapChoice::Embedded => (maps::synth::cantal()?, "cantal-synth.graph".to_string()),
            MapChoice::File(p) => {
                let path = dir.join(p);
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (RoadNetwork::load(&path)?, name)
            }
        };
        Ok(Roads::from_network(net, &file))
    }

    /// A map already loaded (`file` is its file name, for plans and reports).
    pub fn from_network(net: RoadNetwork, file: &str) -> Roads {
        let synthetic = net.graph().meta.synthetic;
        let name = if synthetic {
            format!(
                "{file} (carte synthétique entre centres de communes, pas une vraie carte routière)"
            )
        } else {
            file.to_string()
        };
        Roads::Network {
            net: Box::new(net),
            name,
            synthetic,
        }
    }

    /// The road network, if travel comes from one.
    pub fn network(&self) -> Option<&RoadNetwork> {
        match self {
            Roads::Network { net, .. } => Some(net),
            Roads::Estimate => None,
        }
    }

    /// What plans record as their map.
    pub fn name(&self) -> String {
        match self {
            Roads::Network { name, .. } => name.clone(),
            Roads::Estimate => "estimation à vol d'oiseau ×1,3 à 60 km/h (tests)".into(),
        }
    }

    /// The area covered (places outside are refused by validation).
    pub fn bounds(&self) -> MapBounds {
        match self {
            Roads::Network { net, .. } => {
                let nodes = &net.graph().nodes;
                let mut b = MapBounds {
                    south: f64::MAX,
                    west: f64::MAX,
                    north: f64::MIN,
                    east: f64::MIN,
                };
                for n in nodes {
                    (b.south, b.north) = (b.south.min(n.lat), b.north.max(n.lat));
                    (b.west, b.east) = (b.west.min(n.lon), b.east.max(n.lon));
                }
                if nodes.is_empty() {
                    MapBounds::cantal()
                } else {
                    b.grow(0.05)
                }
            }
            Roads::Estimate => MapBounds::cantal(),
        }
    }

    fn snap(
        &self,
        net: &RoadNetwork,
        synthetic: bool,
        id: &str,
        p: LatLon,
    ) -> Result<Snapped, MapError> {
        net.snap_within(id, p, snap_limit(synthetic))
    }

    /// Travel between every pair of `points`; `names` (pseudonym codes) name a point in errors.
    pub fn travel_named(
        &self,
        points: &[LatLon],
        names: &[String],
    ) -> Result<TravelTimes, RoadsError> {
        let (net, synthetic) = match self {
            Roads::Network { net, synthetic, .. } => (net, *synthetic),
            Roads::Estimate => return Ok(TravelTimes::crow_flies(points)),
        };
        let snapped = points
            .iter()
            .enumerate()
            .map(|(i, p)| self.snap(net, synthetic, names.get(i).map_or("?", String::as_str), *p))
            .collect::<Result<Vec<_>, _>>()?;
        let m = net.matrix(&snapped);
        Ok(TravelTimes::from_fn(points.len(), |i, j| {
            m.is_reachable(i, j)
                .then(|| (m.duration(i, j).0, m.distance(i, j).0))
        }))
    }

    /// Travel between every pair of points; a point that cannot be snapped is unreachable.
    pub fn travel(&self, points: &[LatLon]) -> TravelTimes {
        let names: Vec<String> = (0..points.len()).map(|i| format!("#{i}")).collect();
        self.travel_named(points, &names)
            .unwrap_or_else(|_| TravelTimes::from_fn(points.len(), |_, _| None))
    }

    /// The road from `a` to `b` as points (None: draw a straight line).
    pub fn path(&self, a: LatLon, b: LatLon) -> Option<Vec<LatLon>> {
        match self {
            Roads::Network { net, synthetic, .. } => {
                let (sa, sb) = (
                    self.snap(net, *synthetic, "a", a).ok()?,
                    self.snap(net, *synthetic, "b", b).ok()?,
                );
                let mut line = vec![a];
                line.extend(net.path(&sa, &sb)?.geometry);
                line.push(b);
                Some(line)
            }
            Roads::Estimate => Some(vec![a, b]),
        }
    }
}
