//! Travel times between the places of a week, as the builder takes them: a square matrix of
//! seconds and metres. It comes from the road network (`maps`) in `tournee plan`; tests give
//! hand-made ones. This is the one place where the week meets the map.

use crate::engine::Matrix;
use crate::units::{Distance, Duration};
use maps::LatLon;

/// Travel from row to column; `None` where no road joins them.
#[derive(Clone, Debug, PartialEq)]
pub struct TravelTimes {
    pub size: usize,
    pub seconds: Vec<Option<u32>>,
    pub meters: Vec<Option<u32>>,
}

/// What the engine is given for a pair of places no road joins: longer than any horizon, so
/// no route ever uses it, yet small enough that sums never overflow.
pub const UNREACHABLE: Duration = Duration(1_000_000_000);

impl TravelTimes {
    pub fn from_fn(size: usize, f: impl Fn(usize, usize) -> Option<(u32, u32)>) -> TravelTimes {
        let mut seconds = Vec::with_capacity(size * size);
        let mut meters = Vec::with_capacity(size * size);
        for i in 0..size {
            for j in 0..size {
                let v = if i == j { Some((0, 0)) } else { f(i, j) };
                seconds.push(v.map(|x| x.0));
                meters.push(v.map(|x| x.1));
            }
        }
        TravelTimes {
            size,
            seconds,
            meters,
        }
    }

    /// A rough estimate from straight-line distances (×1.3 for the roads' detours, 60 km/h):
    /// for tests and for checking the order of magnitude of a map, never for real plans.
    pub fn crow_flies(points: &[LatLon]) -> TravelTimes {
        TravelTimes::from_fn(points.len(), |i, j| {
            let m = points[i].haversine_m(points[j]) * 1.3;
            Some(((m / (60_000.0 / 3600.0)).round() as u32, m.round() as u32))
        })
    }

    pub fn get(&self, from: usize, to: usize) -> Option<(Duration, Distance)> {
        let k = from * self.size + to;
        Some((
            Duration(i64::from(self.seconds[k]?)),
            Distance(i64::from(self.meters[k]?)),
        ))
    }

    /// The engine's matrix; unreachable pairs get [`UNREACHABLE`].
    pub fn to_matrix(&self) -> Matrix {
        let durations = self
            .seconds
            .iter()
            .map(|s| s.map_or(UNREACHABLE, |s| Duration(i64::from(s))))
            .collect();
        let distances = self
            .meters
            .iter()
            .map(|m| m.map_or(Distance(UNREACHABLE.0), |m| Distance(i64::from(m))))
            .collect();
        Matrix::new(self.size, durations, distances)
    }
}
