//! The reach of a site: a travel time ("30min", "1h") or a road distance ("25km").
//!
//! Other mobile teams speak of "about 30 km around the town"; the team itself thinks in driving
//! minutes. Both are road measures here: 25 km means 25 km of road, not as the crow flies.

use super::{CoverageError, Lang};
use crate::tr;
use crate::week::text::Text;
use maps::{Meters, Seconds};
use std::fmt;
use std::str::FromStr;

/// What a radius measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    Time,
    Distance,
}

/// A coverage radius: road travel time in seconds or road distance in metres.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Radius {
    pub measure: Measure,
    /// Seconds for [`Measure::Time`], metres for [`Measure::Distance`].
    pub value: u32,
}

/// Longer than any trip the team would make in a day.
const MAX_SECONDS: u32 = 12 * 3600;
const MAX_METRES: u32 = 1_000_000;

impl Radius {
    pub fn minutes(m: u32) -> Radius {
        Radius {
            measure: Measure::Time,
            value: m * 60,
        }
    }

    pub fn km(km: u32) -> Radius {
        Radius {
            measure: Measure::Distance,
            value: km * 1000,
        }
    }

    /// True when a trip of `time` and `distance` is within the radius (unreachable never is).
    pub fn covers(self, time: Seconds, distance: Meters) -> bool {
        match self.measure {
            Measure::Time => time != Seconds::MAX && time.0 <= self.value,
            Measure::Distance => distance != Meters::MAX && distance.0 <= self.value,
        }
    }

    /// Short label: "30 min", "1 h 30", "25 km".
    pub fn label(self, lang: Lang) -> String {
        match self.measure {
            Measure::Time => minutes_label(self.value, lang),
            Measure::Distance => km_label(self.value, lang),
        }
    }

    /// Parses a comma-separated list: "15min,30min,45min".
    pub fn parse_list(text: &str) -> Result<Vec<Radius>, CoverageError> {
        let mut out: Vec<Radius> = Vec::new();
        for part in text.split(',').filter(|p| !p.trim().is_empty()) {
            let r: Radius = part.parse()?;
            if !out.contains(&r) {
                out.push(r);
            }
        }
        if out.is_empty() {
            return Err(bad(
                text,
                tr!(
                    "donnez une durée ou une distance, par exemple 30min ou 25km",
                    "give a time or a distance, e.g. 30min or 25km"
                ),
            ));
        }
        Ok(out)
    }
}

/// "45 min", "1 h", "1 h 30"; seconds are rounded up to the minute, so that a trip shown as
/// "30 min" is always within a 30 minute radius.
pub fn minutes_label(seconds: u32, lang: Lang) -> String {
    let m = seconds.div_ceil(60);
    let _ = lang;
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// "25 km", "12.5 km" (English) or "12,5 km" (French).
pub fn km_label(metres: u32, lang: Lang) -> String {
    if metres.is_multiple_of(1000) {
        return format!("{} km", metres / 1000);
    }
    format!("{} km", super::decimal(f64::from(metres) / 1000.0, 1, lang))
}

impl fmt::Display for Radius {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(Lang::En))
    }
}

fn bad(value: &str, hint: Text) -> CoverageError {
    CoverageError::BadRadius {
        value: value.trim().to_string(),
        hint,
    }
}

/// "12,5 km" → ("12.5", "km"): spaces gone, a decimal comma read as a point, lower case.
pub(crate) fn number_and_unit(text: &str) -> (String, String) {
    let compact: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let split = compact
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(compact.len());
    let (number, unit) = compact.split_at(split);
    (number.to_string(), unit.to_string())
}

impl FromStr for Radius {
    type Err = CoverageError;

    /// Accepts "30min", "30 mn", "1h", "1h30", "25km", "12.5 km", "800m".
    fn from_str(text: &str) -> Result<Radius, CoverageError> {
        let (number, unit) = number_and_unit(text);
        let (number, unit) = (number.as_str(), unit.as_str());
        let hint = || {
            tr!(
                "écrivez une durée ou une distance par la route avec son unité, par exemple 30min, 1h30 ou 25km",
                "write a time or a road distance with its unit, e.g. 30min, 1h30 or 25km"
            )
        };
        let value: f64 = number.parse().map_err(|_| bad(text, hint()))?;
        let radius = match unit {
            "min" | "mn" | "minutes" | "minute" => time(value * 60.0),
            "h" => time(value * 3600.0),
            u if u.starts_with('h') => {
                let extra: f64 = u[1..]
                    .trim_end_matches("min")
                    .parse()
                    .map_err(|_| bad(text, hint()))?;
                time(value * 3600.0 + extra * 60.0)
            }
            "km" => distance(value * 1000.0),
            "m" => distance(value),
            "" => {
                return Err(bad(
                    text,
                    tr!(
                        "l'unité manque : écrivez 30min ou 30km",
                        "the unit is missing: write 30min or 30km"
                    ),
                ));
            }
            _ => return Err(bad(text, hint())),
        };
        check_range(radius, text)
    }
}

fn time(seconds: f64) -> Radius {
    Radius {
        measure: Measure::Time,
        value: seconds.round().clamp(0.0, f64::from(u32::MAX)) as u32,
    }
}

fn distance(metres: f64) -> Radius {
    Radius {
        measure: Measure::Distance,
        value: metres.round().clamp(0.0, f64::from(u32::MAX)) as u32,
    }
}

fn check_range(r: Radius, text: &str) -> Result<Radius, CoverageError> {
    if r.value == 0 {
        return Err(bad(
            text,
            tr!(
                "un rayon de 0 n'atteint personne ; donnez une durée ou une distance positive, par exemple 30min",
                "a radius of 0 reaches nobody; give a positive time or distance, e.g. 30min"
            ),
        ));
    }
    let too_big = match r.measure {
        Measure::Time => r.value > MAX_SECONDS,
        Measure::Distance => r.value > MAX_METRES,
    };
    if too_big {
        return Err(bad(
            text,
            tr!(
                "trop grand ; l'étude va jusqu'à 12 h ou 1000 km",
                "too large; the study goes up to 12 h or 1000 km"
            ),
        ));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_times_and_distances() {
        assert_eq!("30min".parse::<Radius>().unwrap(), Radius::minutes(30));
        assert_eq!(" 45 MN ".parse::<Radius>().unwrap(), Radius::minutes(45));
        assert_eq!("1h".parse::<Radius>().unwrap(), Radius::minutes(60));
        assert_eq!("1h30".parse::<Radius>().unwrap(), Radius::minutes(90));
        assert_eq!("25km".parse::<Radius>().unwrap(), Radius::km(25));
        assert_eq!("12,5 km".parse::<Radius>().unwrap().value, 12_500);
        assert_eq!("800m".parse::<Radius>().unwrap().value, 800);
    }

    #[test]
    fn refuses_zero_missing_unit_and_nonsense() {
        for text in [
            "0min",
            "0km",
            "30",
            "thirty minutes",
            "30 parsecs",
            "",
            "-5km",
        ] {
            let e = text.parse::<Radius>().unwrap_err().to_string();
            assert!(e.starts_with("invalid radius"), "{text}: {e}");
        }
        assert!(
            "0min"
                .parse::<Radius>()
                .unwrap_err()
                .to_string()
                .contains("reaches nobody")
        );
    }

    #[test]
    fn lists_keep_order_and_drop_repeats() {
        let list = Radius::parse_list("15min,30min, 30 min,25km").unwrap();
        assert_eq!(
            list,
            vec![Radius::minutes(15), Radius::minutes(30), Radius::km(25)]
        );
        assert!(Radius::parse_list(" , ").is_err());
    }

    #[test]
    fn covers_inclusive_and_never_unreachable() {
        let r = Radius::minutes(30);
        assert!(r.covers(Seconds(1800), Meters(99_999)));
        assert!(!r.covers(Seconds(1801), Meters(0)));
        assert!(!Radius::km(1000).covers(Seconds(0), Meters::MAX));
    }

    #[test]
    fn labels() {
        assert_eq!(Radius::minutes(90).label(Lang::Fr), "1 h 30");
        assert_eq!(Radius::minutes(45).label(Lang::En), "45 min");
        assert_eq!(km_label(12_500, Lang::Fr), "12,5 km");
        assert_eq!(minutes_label(1801, Lang::Fr), "31 min");
        assert_eq!(minutes_label(1800, Lang::Fr), "30 min");
    }
}
