//! OSM tag values → what a vehicle may do on a way.
//!
//! Mappers write the same fact many ways (`oneway=yes|true|1`, `maxheight=3.5|3.5 m|11'6"`,
//! `maxspeed=FR:rural|80|50 mph`); this module turns them into numbers once, in pass 1 of the
//! import, so the profiles and the graph builder never look at strings. Anything unparseable
//! reads as "no information", as OSRM does: a typo in a tag must not delete a road.

use crate::graph::RoadClass;

/// The tags of a way that matter for driving, as written (borrowed from the reader's buffers).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawTags<'a> {
    pub highway: Option<&'a str>,
    pub area: Option<&'a str>,
    pub access: [Option<&'a str>; AccessKey::COUNT],
    pub oneway: Option<&'a str>,
    pub junction: Option<&'a str>,
    pub maxspeed: Option<&'a str>,
    pub maxspeed_forward: Option<&'a str>,
    pub maxspeed_backward: Option<&'a str>,
    pub maxspeed_advisory: Option<&'a str>,
    pub source_maxspeed: Option<&'a str>,
    pub maxheight: Option<&'a str>,
    pub maxheight_physical: Option<&'a str>,
    pub maxweight: Option<&'a str>,
    pub maxwidth: Option<&'a str>,
    pub maxwidth_physical: Option<&'a str>,
    pub service: Option<&'a str>,
    pub surface: Option<&'a str>,
    pub smoothness: Option<&'a str>,
    pub impassable: Option<&'a str>,
    pub status: Option<&'a str>,
}

impl<'a> RawTags<'a> {
    /// Records one tag; keys that do not matter are ignored.
    pub fn set(&mut self, key: &'a str, value: &'a str) {
        let slot = match key {
            "highway" => &mut self.highway,
            "area" => &mut self.area,
            "oneway" => &mut self.oneway,
            "junction" => &mut self.junction,
            "maxspeed" => &mut self.maxspeed,
            "maxspeed:forward" => &mut self.maxspeed_forward,
            "maxspeed:backward" => &mut self.maxspeed_backward,
            "maxspeed:advisory" => &mut self.maxspeed_advisory,
            "source:maxspeed" | "maxspeed:type" => &mut self.source_maxspeed,
            "maxheight" => &mut self.maxheight,
            "maxheight:physical" => &mut self.maxheight_physical,
            "maxweight" => &mut self.maxweight,
            "maxwidth" => &mut self.maxwidth,
            "maxwidth:physical" => &mut self.maxwidth_physical,
            "service" => &mut self.service,
            "surface" => &mut self.surface,
            "smoothness" => &mut self.smoothness,
            "impassable" => &mut self.impassable,
            "status" => &mut self.status,
            _ => match AccessKey::from_key(key) {
                Some(k) => &mut self.access[k as usize],
                None => return,
            },
        };
        *slot = Some(value);
    }

    pub fn from_pairs<I: IntoIterator<Item = (&'a str, &'a str)>>(pairs: I) -> RawTags<'a> {
        let mut tags = RawTags::default();
        for (k, v) in pairs {
            tags.set(k, v);
        }
        tags
    }
}

/// Access keys from the most specific to the most general: the first one present decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessKey {
    Motorhome = 0,
    Motorcar = 1,
    MotorVehicle = 2,
    Vehicle = 3,
    Access = 4,
}

impl AccessKey {
    pub const COUNT: usize = 5;

    fn from_key(key: &str) -> Option<AccessKey> {
        Some(match key {
            "motorhome" => AccessKey::Motorhome,
            "motorcar" => AccessKey::Motorcar,
            "motor_vehicle" => AccessKey::MotorVehicle,
            "vehicle" => AccessKey::Vehicle,
            "access" => AccessKey::Access,
            _ => return None,
        })
    }
}

/// Whether an access value lets a private vehicle through. `None` for values that say nothing
/// (e.g. `unknown`), so the next, more general key decides.
///
/// The closed list is OSRM's car `access_tag_blacklist` (no, private, agricultural, forestry,
/// emergency, psv, customers, delivery); `destination`, `permissive`, `designated`, `yes`, …
/// let the vehicle in.
pub fn access_value_allows(value: &str) -> Option<bool> {
    match value.trim() {
        "no" | "private" | "agricultural" | "forestry" | "emergency" | "psv" | "customers"
        | "delivery" => Some(false),
        "yes" | "permissive" | "destination" | "designated" | "official" | "discouraged" => {
            Some(true)
        }
        _ => None,
    }
}

/// Travel directions of a way relative to its node order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Oneway {
    /// Both directions.
    No,
    /// Only along the node order.
    Forward,
    /// Only against the node order (`oneway=-1`).
    Backward,
    /// Direction changes during the day (`oneway=reversible`): unusable for planning, as OSRM.
    Reversible,
}

/// Parses an explicit `oneway=*` value; `None` when absent or unknown (then the implied rule holds).
pub fn parse_oneway(value: &str) -> Option<Oneway> {
    match value.trim() {
        "yes" | "true" | "1" => Some(Oneway::Forward),
        "-1" | "reverse" => Some(Oneway::Backward),
        "no" | "false" | "0" | "alternating" => Some(Oneway::No),
        "reversible" => Some(Oneway::Reversible),
        _ => None,
    }
}

/// The way's directions: an explicit `oneway` wins; roundabouts and motorways are implied one-way.
pub fn oneway_of(tags: &RawTags<'_>, class: RoadClass) -> Oneway {
    if let Some(o) = tags.oneway.and_then(parse_oneway) {
        return o;
    }
    let roundabout = matches!(tags.junction, Some("roundabout" | "circular"));
    if roundabout || matches!(class, RoadClass::Motorway | RoadClass::MotorwayLink) {
        Oneway::Forward
    } else {
        Oneway::No
    }
}

/// A parsed `maxspeed`: a limit in km/h, or explicitly none (German motorways).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Maxspeed {
    Kmh(f64),
    Unlimited,
}

/// km/h of `maxspeed=walk`: walking pace, the speed the living-street rules ask for.
pub const WALK_KMH: f64 = 10.0;
const MPH: f64 = 1.609_344;
const KNOT: f64 = 1.852;

/// Parses `maxspeed`: `50`, `50 km/h`, `30 mph`, `FR:urban`, `walk`, `none`, `50;70` (lowest).
pub fn parse_maxspeed(value: &str) -> Option<Maxspeed> {
    let value = value.trim();
    if value.contains(';') {
        return value
            .split(';')
            .filter_map(parse_maxspeed)
            .filter_map(|m| match m {
                Maxspeed::Kmh(k) => Some(k),
                Maxspeed::Unlimited => None,
            })
            .min_by(f64::total_cmp)
            .map(Maxspeed::Kmh);
    }
    let lower = value.to_ascii_lowercase();
    match lower.as_str() {
        "none" | "unlimited" | "signals" | "variable" => {
            return (lower == "none" || lower == "unlimited").then_some(Maxspeed::Unlimited);
        }
        "walk" => return Some(Maxspeed::Kmh(WALK_KMH)),
        _ => {}
    }
    if let Some(kmh) = zone_speed(&lower) {
        return Some(Maxspeed::Kmh(kmh));
    }
    let (number, unit) = split_number(&lower)?;
    let factor = match unit {
        "" | "km/h" | "kmh" | "kph" | "km" => 1.0,
        "mph" => MPH,
        "knots" | "kn" => KNOT,
        _ => return None,
    };
    (number > 0.0).then_some(Maxspeed::Kmh(number * factor))
}

/// `FR:urban`-style implicit limits. The French values are the Code de la route's (80 on rural
/// two-way roads since 2018, as OSRM's `maxspeed_table` has it); other countries fall back on
/// OSRM's `maxspeed_table_default` (urban 50, rural 90, trunk 110, motorway 130).
fn zone_speed(lower: &str) -> Option<f64> {
    let known = match lower {
        "fr:urban" => Some(50.0),
        "fr:rural" => Some(80.0),
        "fr:zone30" | "fr:zone:30" => Some(30.0),
        "fr:zone20" | "fr:zone:20" => Some(20.0),
        "fr:motorway" => Some(130.0),
        "fr:walk" | "fr:living_street" => Some(WALK_KMH),
        "de:rural" | "at:rural" => Some(100.0),
        "ch:rural" => Some(80.0),
        "ch:motorway" => Some(120.0),
        "gb:nsl_single" | "uk:nsl_single" => Some(60.0 * MPH),
        "gb:nsl_dual" | "uk:nsl_dual" | "gb:motorway" | "uk:motorway" => Some(70.0 * MPH),
        _ => None,
    };
    if known.is_some() {
        return known;
    }
    let (country, zone) = lower.split_once(':')?;
    if country.len() != 2 {
        return None;
    }
    match zone {
        "urban" => Some(50.0),
        "rural" => Some(90.0),
        "trunk" => Some(110.0),
        "motorway" => Some(130.0),
        "living_street" | "walk" => Some(WALK_KMH),
        z => z.strip_prefix("zone").and_then(|n| {
            n.trim_start_matches(':')
                .parse::<f64>()
                .ok()
                .filter(|v| *v > 0.0)
        }),
    }
}

/// Splits `"3.5 t"` into `(3.5, "t")`; accepts a decimal comma.
fn split_number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(s.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let number: f64 = s[..end].replace(',', ".").parse().ok()?;
    number.is_finite().then_some((number, s[end..].trim()))
}

/// Values of `maxheight`/`maxwidth`/`maxweight` meaning "no signed limit".
fn is_no_limit(lower: &str) -> bool {
    matches!(
        lower,
        "default"
            | "none"
            | "no"
            | "below_default"
            | "no_sign"
            | "no_indications"
            | "unsigned"
            | "unknown"
            | "fixme"
    )
}

/// Parses a height or width in metres: `3.5`, `3.5 m`, `350 cm`, `11'6"`, `11 ft`.
/// `None` for "no limit" words and anything unreadable.
pub fn parse_length_m(value: &str) -> Option<f64> {
    let lower = value.trim().to_ascii_lowercase();
    if is_no_limit(&lower) {
        return None;
    }
    if let Some(m) = parse_feet_inches(&lower) {
        return Some(m);
    }
    let (number, unit) = split_number(&lower)?;
    let metres = match unit {
        "" | "m" | "meter" | "meters" | "metre" | "metres" => number,
        "cm" => number / 100.0,
        "ft" | "feet" => number * 0.3048,
        "in" | "\"" => number * 0.0254,
        _ => return None,
    };
    (metres > 0.0).then_some(metres)
}

/// `11'6"`, `11'`, `11' 6"` → metres.
fn parse_feet_inches(s: &str) -> Option<f64> {
    let (feet, rest) = s.split_once('\'')?;
    let feet: f64 = feet.trim().parse().ok()?;
    let rest = rest.trim().trim_end_matches('"').trim();
    let inches: f64 = if rest.is_empty() {
        0.0
    } else {
        rest.parse().ok()?
    };
    let m = feet * 0.3048 + inches * 0.0254;
    (m > 0.0).then_some(m)
}

/// Parses a weight in tonnes: `3.5`, `3.5 t`, `7500 kg`, `10 st` (short tons), `8000 lbs`.
pub fn parse_weight_t(value: &str) -> Option<f64> {
    let lower = value.trim().to_ascii_lowercase();
    if is_no_limit(&lower) {
        return None;
    }
    let (number, unit) = split_number(&lower)?;
    let tonnes = match unit {
        "" | "t" | "to" | "ton" | "tons" | "tonnes" => number,
        "kg" => number / 1000.0,
        "st" => number * 0.907_185,
        "lbs" | "lb" => number * 0.000_453_592,
        _ => return None,
    };
    (tonnes > 0.0).then_some(tonnes)
}

/// Speed caps of OSRM's car profile for poor surfaces (`surface_speeds`) and `smoothness`;
/// `Some(0.0)` means impassable.
pub fn surface_cap_kmh(surface: Option<&str>, smoothness: Option<&str>) -> Option<f64> {
    let by_surface = surface.and_then(|s| {
        Some(match s {
            "cement" | "compacted" | "fine_gravel" => 80.0,
            "paving_stones" | "metal" | "bricks" => 60.0,
            "grass" | "wood" | "sett" | "grass_paver" | "gravel" | "unpaved" | "ground"
            | "dirt" | "pebblestone" | "tartan" => 40.0,
            "cobblestone" | "clay" => 30.0,
            "earth" | "stone" | "rocky" | "sand" => 20.0,
            "mud" => 10.0,
            _ => return None,
        })
    });
    let by_smoothness = smoothness.and_then(|s| {
        Some(match s {
            "intermediate" => 80.0,
            "bad" => 40.0,
            "very_bad" => 20.0,
            "horrible" => 10.0,
            "very_horrible" => 5.0,
            "impassable" => 0.0,
            _ => return None,
        })
    });
    match (by_surface, by_smoothness) {
        (Some(a), Some(b)) => Some(f64::min(a, b)),
        (a, b) => a.or(b),
    }
}

/// Why a way with a drivable `highway` class is still left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exclusion {
    /// `area=yes`: a pedestrian square or parking drawn as a polygon, not a road.
    Area,
    /// `access`/`vehicle`/`motor_vehicle`/`motorcar`/`motorhome` = no, private, …
    Access,
    /// `maxheight`, `maxweight` or `maxwidth` below the vehicle's.
    Dimensions,
    /// Impassable, reversible one-way, emergency access.
    Impassable,
}

/// A drivable way's tags, parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct RoadTags {
    pub class: RoadClass,
    pub oneway: Oneway,
    /// Posted limits in km/h for each direction, `None` when not given.
    pub maxspeed_forward: Option<Maxspeed>,
    pub maxspeed_backward: Option<Maxspeed>,
    /// `service=parking_aisle|driveway|alley|parking|drive-through`: OSRM drives these at 5 km/h.
    pub minor_service: bool,
    pub surface_cap_kmh: Option<f64>,
    pub max_height_m: Option<f64>,
    pub max_weight_t: Option<f64>,
    pub max_width_m: Option<f64>,
    /// Verdict of each access key, most specific first (`None`: key absent or silent).
    pub access: [Option<bool>; AccessKey::COUNT],
    pub area: bool,
    pub impassable: bool,
}

impl RoadTags {
    /// `None` unless `highway=*` is a class a car may drive.
    pub fn parse(raw: &RawTags<'_>) -> Option<RoadTags> {
        let class = RoadClass::from_osm_tag(raw.highway?)?;
        let speed = |v: Option<&str>| v.and_then(parse_maxspeed);
        let common = speed(raw.maxspeed_advisory)
            .or_else(|| speed(raw.maxspeed))
            .or_else(|| speed(raw.source_maxspeed));
        let min_of = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        Some(RoadTags {
            class,
            oneway: oneway_of(raw, class),
            maxspeed_forward: speed(raw.maxspeed_forward).or(common),
            maxspeed_backward: speed(raw.maxspeed_backward).or(common),
            minor_service: matches!(
                raw.service,
                Some("parking_aisle" | "driveway" | "alley" | "parking" | "drive-through")
            ),
            surface_cap_kmh: surface_cap_kmh(raw.surface, raw.smoothness),
            max_height_m: min_of(
                raw.maxheight.and_then(parse_length_m),
                raw.maxheight_physical.and_then(parse_length_m),
            ),
            max_weight_t: raw.maxweight.and_then(parse_weight_t),
            max_width_m: min_of(
                raw.maxwidth.and_then(parse_length_m),
                raw.maxwidth_physical.and_then(parse_length_m),
            ),
            access: raw.access.map(|v| v.and_then(access_value_allows)),
            area: raw.area == Some("yes"),
            impassable: raw.impassable == Some("yes")
                || raw.status == Some("impassable")
                || raw.service == Some("emergency_access"),
        })
    }

    /// Whether the first access key present among `keys` (most specific first) lets us in.
    pub fn allows(&self, keys: &[AccessKey]) -> bool {
        keys.iter()
            .find_map(|k| self.access[*k as usize])
            .unwrap_or(true)
    }
}

#[cfg(test)]
#[path = "tags_tests.rs"]
mod tests;
