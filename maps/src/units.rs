//! Integer units carried in types, so a duration is never added to a distance by mistake.
//!
//! Travel times leave this crate in whole seconds and distances in whole metres: that is the
//! resolution the planner works at, and integers keep plans byte-identical across machines.

use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Sub};

macro_rules! unit {
    ($(#[$m:meta])* $name:ident, $suffix:literal) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            pub const ZERO: $name = $name(0);
            pub const MAX: $name = $name(u32::MAX);
            /// Adds, saturating at `MAX` (used as "unreachable").
            pub fn saturating_add(self, other: $name) -> $name {
                $name(self.0.saturating_add(other.0))
            }
        }
        impl Add for $name {
            type Output = $name;
            fn add(self, other: $name) -> $name {
                $name(self.0 + other.0)
            }
        }
        impl AddAssign for $name {
            fn add_assign(&mut self, other: $name) {
                self.0 += other.0;
            }
        }
        impl Sub for $name {
            type Output = $name;
            fn sub(self, other: $name) -> $name {
                $name(self.0 - other.0)
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{} {}", self.0, $suffix)
            }
        }
    };
}

unit!(
    /// A duration in whole seconds.
    Seconds,
    "s"
);
unit!(
    /// A distance in whole metres.
    Meters,
    "m"
);

/// A WGS84 position in degrees.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub const fn new(lat: f64, lon: f64) -> Self {
        LatLon { lat, lon }
    }

    /// Great-circle distance in metres (haversine, mean Earth radius).
    ///
    /// Good to a few metres at the scale of a region, which is all snapping and
    /// radius filters need.
    pub fn haversine_m(self, other: LatLon) -> f64 {
        const R: f64 = 6_371_008.8;
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * R * a.sqrt().asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_mauriac_ydes() {
        // Mauriac and Ydes commune centres are about 15 km apart as the crow flies.
        let mauriac = LatLon::new(45.2187, 2.3324);
        let ydes = LatLon::new(45.3467, 2.4372);
        let d = mauriac.haversine_m(ydes);
        assert!((15_000.0..18_000.0).contains(&d), "{d}");
    }

    #[test]
    fn units_add_and_saturate() {
        assert_eq!(Seconds(3) + Seconds(4), Seconds(7));
        assert_eq!(Meters::MAX.saturating_add(Meters(1)), Meters::MAX);
    }
}
