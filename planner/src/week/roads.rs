//! The one place the week meets the road map: travel times between the week's places and the
//! drawn path between two of them.
//!
//! Until the road network (`maps::network`) is part of this build, travel is estimated from
//! straight-line distances (×1.3 for detours, 60 km/h) and every plan says so in its `map`
//! field; nothing else in the week depends on where the times come from.

use super::model::MapChoice;
use super::travel::TravelTimes;
use super::validate::MapBounds;
use maps::LatLon;

/// Why the map cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RoadsError {
    #[error(
        "map {0:?}: road map files are not supported by this build yet; use map = \"embedded\""
    )]
    Unsupported(String),
}

/// Travel times and paths for a scenario.
#[derive(Clone, Debug)]
pub enum Roads {
    /// Straight lines ×1.3 at 60 km/h.
    Estimate,
}

impl Roads {
    /// The map a scenario asks for (`dir` is the scenario's folder, for relative paths).
    pub fn open(choice: &MapChoice, dir: &std::path::Path) -> Result<Roads, RoadsError> {
        match choice {
            MapChoice::Embedded => Ok(Roads::Estimate),
            MapChoice::File(p) => Err(RoadsError::Unsupported(dir.join(p).display().to_string())),
        }
    }

    /// What plans record as their map.
    pub fn name(&self) -> String {
        match self {
            Roads::Estimate => {
                "estimation à vol d'oiseau ×1,3 à 60 km/h (pas de carte routière)".into()
            }
        }
    }

    /// The area covered (places outside are refused by validation).
    pub fn bounds(&self) -> MapBounds {
        MapBounds::cantal()
    }

    pub fn travel(&self, points: &[LatLon]) -> TravelTimes {
        match self {
            Roads::Estimate => TravelTimes::crow_flies(points),
        }
    }

    /// The road from `a` to `b` as points (None: draw a straight line).
    pub fn path(&self, a: LatLon, b: LatLon) -> Option<Vec<LatLon>> {
        match self {
            Roads::Estimate => Some(vec![a, b]),
        }
    }
}
