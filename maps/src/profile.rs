//! Vehicle profiles: which roads a vehicle may use and how fast it drives them.
//!
//! `car` follows OSRM's `car.lua` (v5.x) so that our travel times can be checked against OSRM's
//! on the same points: the same default speed per class, the same reading of `maxspeed` (posted
//! limit × 0.8, replacing the class default), the same surface caps and access keys. OSRM also
//! adds turn and traffic-signal penalties, which we do not model: our times come out a few per
//! cent shorter on routes through towns.
//!
//! `camping-car` is the team's vehicle: a 3.5 t coachbuilt motorhome, 3.1 m high, 2.3 m wide.
//! It may not pass under lower bridges or on weight- or width-limited roads, and it is slower
//! than a car on the narrow, winding departmental roads of Cantal (see [`CAMPING_CAR_FACTOR`]).

use crate::error::MapError;
use crate::graph::RoadClass;
use crate::osm::tags::{AccessKey, Exclusion, Maxspeed, Oneway, RoadTags};

/// Default speed per class in km/h, in [`RoadClass::ALL`] order, when no `maxspeed` is tagged.
/// These are OSRM car.lua's `speeds.highway` figures (motorway 90, motorway_link 45, trunk 85,
/// trunk_link 40, primary 65, primary_link 30, secondary 55, secondary_link 25, tertiary 40,
/// tertiary_link 20, unclassified 25, residential 25, living_street 10, service 15): averages
/// that already include slowing for bends, junctions and villages.
pub const OSRM_CAR_KMH: [f64; 14] = [
    90.0, 45.0, 85.0, 40.0, 65.0, 30.0, 55.0, 25.0, 40.0, 20.0, 25.0, 25.0, 10.0, 15.0,
];

/// OSRM's `speed_reduction`: a tagged limit is driven at 80 % of its value on average.
pub const MAXSPEED_FACTOR: f64 = 0.8;

/// OSRM's speed for minor service roads (`parking_aisle`, `driveway`, `alley`, …): 5 km/h.
pub const MINOR_SERVICE_KMH: f64 = 5.0;

/// Share of the car speed a loaded motorhome keeps, per class in [`RoadClass::ALL`] order.
///
/// Engineering estimates, not measurements: fast multi-lane roads barely differ (0.95 on trunk
/// and primary, 1.0 on motorway where the cap below acts instead); secondary roads 0.9; the
/// tertiary (0.85), unclassified (0.8) and service (0.8) roads of rural Cantal are 4–5 m wide and
/// winding, so a 2.3 m wide vehicle with a high centre of gravity slows for every bend and
/// oncoming car; residential streets 0.9 (village streets, parked cars); links 0.9 (tight ramps).
pub const CAMPING_CAR_FACTOR: [f64; 14] = [
    1.0, 0.9, 0.95, 0.9, 0.95, 0.9, 0.9, 0.9, 0.85, 0.9, 0.8, 0.9, 1.0, 0.8,
];

/// Cruising limit of the motorhome in km/h, applied to posted limits before the 0.8 reduction:
/// 110 is the French limit on motorways for vehicles over 3.5 t and the usual cruising speed of a
/// loaded motorhome (fuel use and crosswind), so a 130 motorway is driven like a 110 one.
pub const CAMPING_CAR_CAP_KMH: f64 = 110.0;

/// Slowest speed we ever assign, so that no edge gets an infinite time.
const MIN_KMH: f64 = 1.0;

/// The physical size of the vehicle, compared with `maxheight`, `maxweight` and `maxwidth`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vehicle {
    pub height_m: f64,
    pub weight_t: f64,
    pub width_m: f64,
}

/// A vehicle profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// `"car"` or `"camping-car"`: stored in [`crate::GraphMeta::profile`].
    pub name: &'static str,
    pub vehicle: Vehicle,
    /// Default speed per class when no limit is tagged.
    pub default_kmh: [f64; 14],
    /// Share of the (capped, reduced) posted limit actually driven, per class.
    pub class_factor: [f64; 14],
    /// Posted limits above this are read as this.
    pub cap_kmh: f64,
    /// Access keys read, most specific first.
    pub access_keys: &'static [AccessKey],
}

const CAR_ACCESS: &[AccessKey] = &[
    AccessKey::Motorcar,
    AccessKey::MotorVehicle,
    AccessKey::Vehicle,
    AccessKey::Access,
];
const CAMPING_CAR_ACCESS: &[AccessKey] = &[
    AccessKey::Motorhome,
    AccessKey::Motorcar,
    AccessKey::MotorVehicle,
    AccessKey::Vehicle,
    AccessKey::Access,
];

/// Speeds of a way for one profile, km/h; `None` where the direction may not be driven.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WaySpeeds {
    pub forward_kmh: Option<f64>,
    pub backward_kmh: Option<f64>,
}

impl Profile {
    pub const NAMES: [&'static str; 2] = ["car", "camping-car"];

    /// OSRM's car: its speeds, and its default vehicle size (2.0 m high, 2 t, 1.9 m wide).
    pub fn car() -> Profile {
        Profile {
            name: "car",
            vehicle: Vehicle {
                height_m: 2.0,
                weight_t: 2.0,
                width_m: 1.9,
            },
            default_kmh: OSRM_CAR_KMH,
            class_factor: [1.0; 14],
            cap_kmh: f64::INFINITY,
            access_keys: CAR_ACCESS,
        }
    }

    /// The team's motorhome: 3.1 m high, 3.5 t, 2.3 m wide (override with `with_vehicle`).
    pub fn camping_car() -> Profile {
        let cap = CAMPING_CAR_CAP_KMH * MAXSPEED_FACTOR;
        let mut default_kmh = OSRM_CAR_KMH;
        for (speed, factor) in default_kmh.iter_mut().zip(CAMPING_CAR_FACTOR) {
            *speed = (*speed * factor).min(cap);
        }
        Profile {
            name: "camping-car",
            vehicle: Vehicle {
                height_m: 3.1,
                weight_t: 3.5,
                width_m: 2.3,
            },
            default_kmh,
            class_factor: CAMPING_CAR_FACTOR,
            cap_kmh: CAMPING_CAR_CAP_KMH,
            access_keys: CAMPING_CAR_ACCESS,
        }
    }

    /// `"car"` or `"camping-car"` (also `camping_car`, `motorhome`).
    pub fn by_name(name: &str) -> Result<Profile, MapError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "car" | "voiture" => Ok(Profile::car()),
            "camping-car" | "camping_car" | "campingcar" | "motorhome" => {
                Ok(Profile::camping_car())
            }
            _ => Err(MapError::InvalidArgument {
                what: "profile",
                value: name.to_string(),
                hint: "expected car or camping-car".into(),
            }),
        }
    }

    pub fn with_vehicle(mut self, vehicle: Vehicle) -> Profile {
        self.vehicle = vehicle;
        self
    }

    /// Whether the vehicle may use the way at all, and if not, why.
    pub fn exclusion(&self, tags: &RoadTags) -> Option<Exclusion> {
        if tags.area {
            return Some(Exclusion::Area);
        }
        if tags.impassable || tags.oneway == Oneway::Reversible || tags.surface_cap_kmh == Some(0.0)
        {
            return Some(Exclusion::Impassable);
        }
        if !tags.allows(self.access_keys) {
            return Some(Exclusion::Access);
        }
        let below = |limit: Option<f64>, size: f64| limit.is_some_and(|l| l < size);
        if below(tags.max_height_m, self.vehicle.height_m)
            || below(tags.max_weight_t, self.vehicle.weight_t)
            || below(tags.max_width_m, self.vehicle.width_m)
        {
            return Some(Exclusion::Dimensions);
        }
        None
    }

    /// Speeds in each direction, or why the way is not used.
    pub fn speeds(&self, tags: &RoadTags) -> Result<WaySpeeds, Exclusion> {
        if let Some(why) = self.exclusion(tags) {
            return Err(why);
        }
        let forward = matches!(tags.oneway, Oneway::No | Oneway::Forward);
        let backward = matches!(tags.oneway, Oneway::No | Oneway::Backward);
        Ok(WaySpeeds {
            forward_kmh: forward.then(|| self.speed(tags, tags.maxspeed_forward)),
            backward_kmh: backward.then(|| self.speed(tags, tags.maxspeed_backward)),
        })
    }

    /// Speed driven on a way of `class` signed at `limit_kmh`, with no other speed tag: the posted
    /// limit capped for the vehicle, × 0.8 (OSRM's reading), × the profile's class factor.
    pub fn signed_speed_kmh(&self, class: RoadClass, limit_kmh: f64) -> f64 {
        let i = class as usize;
        (limit_kmh.min(self.cap_kmh) * MAXSPEED_FACTOR * self.class_factor[i]).max(MIN_KMH)
    }

    /// OSRM's rule: a tagged limit replaces the class default (× 0.8); surface caps apply last.
    fn speed(&self, tags: &RoadTags, limit: Option<Maxspeed>) -> f64 {
        let i = tags.class as usize;
        let base = if tags.minor_service {
            MINOR_SERVICE_KMH
        } else {
            match limit {
                Some(Maxspeed::Kmh(l)) => self.signed_speed_kmh(tags.class, l),
                Some(Maxspeed::Unlimited) | None => self.default_kmh[i],
            }
        };
        let capped = tags.surface_cap_kmh.map_or(base, |c| base.min(c));
        capped.max(MIN_KMH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::RoadClass;
    use crate::osm::tags::RawTags;

    fn tags(pairs: &[(&'static str, &'static str)]) -> RoadTags {
        RoadTags::parse(&RawTags::from_pairs(pairs.iter().copied())).unwrap()
    }

    fn fwd(p: &Profile, pairs: &[(&'static str, &'static str)]) -> f64 {
        p.speeds(&tags(pairs)).unwrap().forward_kmh.unwrap()
    }

    #[test]
    fn car_matches_osrm_figures() {
        let car = Profile::car();
        assert_eq!(fwd(&car, &[("highway", "primary")]), 65.0);
        assert_eq!(fwd(&car, &[("highway", "residential")]), 25.0);
        assert_eq!(fwd(&car, &[("highway", "motorway_link")]), 45.0);
        assert_eq!(
            fwd(&car, &[("highway", "primary"), ("maxspeed", "90")]),
            72.0
        );
        assert_eq!(
            fwd(&car, &[("highway", "residential"), ("maxspeed", "50")]),
            40.0
        );
        assert_eq!(
            fwd(&car, &[("highway", "motorway"), ("maxspeed", "130")]),
            104.0
        );
        assert_eq!(
            fwd(&car, &[("highway", "motorway"), ("maxspeed", "none")]),
            90.0
        );
        assert_eq!(
            fwd(
                &car,
                &[("highway", "service"), ("service", "parking_aisle")]
            ),
            5.0
        );
        assert_eq!(
            fwd(&car, &[("highway", "primary"), ("surface", "gravel")]),
            40.0
        );
    }

    #[test]
    fn camping_car_is_slower_on_small_roads_and_capped() {
        let (car, cc) = (Profile::car(), Profile::camping_car());
        for c in RoadClass::ALL {
            let t = [("highway", c.osm_tag())];
            assert!(fwd(&cc, &t) <= fwd(&car, &t), "{c:?}");
        }
        assert!(
            fwd(&cc, &[("highway", "unclassified")]) < fwd(&car, &[("highway", "unclassified")])
        );
        assert_eq!(
            fwd(&cc, &[("highway", "motorway"), ("maxspeed", "130")]),
            88.0
        );
        assert_eq!(cc.name, "camping-car");
    }

    #[test]
    fn dimensions_exclude_only_the_bigger_vehicle() {
        let (car, cc) = (Profile::car(), Profile::camping_car());
        let low = tags(&[("highway", "primary"), ("maxheight", "2.9")]);
        assert_eq!(car.exclusion(&low), None);
        assert_eq!(cc.exclusion(&low), Some(Exclusion::Dimensions));
        let exact = tags(&[("highway", "primary"), ("maxheight", "3.1")]);
        assert_eq!(cc.exclusion(&exact), None);
        let heavy = tags(&[("highway", "primary"), ("maxweight", "3")]);
        assert_eq!(cc.exclusion(&heavy), Some(Exclusion::Dimensions));
        let narrow = tags(&[("highway", "primary"), ("maxwidth", "2.2")]);
        assert_eq!(cc.exclusion(&narrow), Some(Exclusion::Dimensions));
        let small = cc.clone().with_vehicle(Vehicle {
            height_m: 2.5,
            weight_t: 2.0,
            width_m: 2.0,
        });
        assert_eq!(small.exclusion(&low), None);
    }

    #[test]
    fn oneway_and_access() {
        let car = Profile::car();
        let s = car
            .speeds(&tags(&[("highway", "primary"), ("oneway", "-1")]))
            .unwrap();
        assert_eq!((s.forward_kmh, s.backward_kmh.is_some()), (None, true));
        let motorhome_no = tags(&[("highway", "residential"), ("motorhome", "no")]);
        assert!(car.speeds(&motorhome_no).is_ok());
        assert_eq!(
            Profile::camping_car().speeds(&motorhome_no),
            Err(Exclusion::Access)
        );
        assert_eq!(
            car.speeds(&tags(&[("highway", "primary"), ("oneway", "reversible")])),
            Err(Exclusion::Impassable)
        );
        assert!(Profile::by_name("bus").is_err());
        assert_eq!(Profile::by_name("Camping-Car").unwrap().name, "camping-car");
    }
}
