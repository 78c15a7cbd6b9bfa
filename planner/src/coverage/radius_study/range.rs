//! The radii of the study: `--from 15km --to 60km --step 5km`, straight-line kilometres.

use super::super::CoverageError;
use crate::tr;
use crate::week::text::Text;

/// At most this many radii (each is two weekly plans).
const MAX_RADII: u32 = 40;
/// Farther than any territory a camping-car team could cover from one base.
const MAX_METRES: u32 = 250_000;

/// From, to and step, in metres; `from ≤ to`, `step > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StudyRange {
    pub from_m: u32,
    pub to_m: u32,
    pub step_m: u32,
}

impl Default for StudyRange {
    /// 15 to 60 km by 5 km: from the team's town and its neighbours to most of Cantal.
    fn default() -> StudyRange {
        StudyRange {
            from_m: 15_000,
            to_m: 60_000,
            step_m: 5_000,
        }
    }
}

fn bad(option: &str, value: &str, hint: Text) -> CoverageError {
    CoverageError::BadStudyRange {
        option: option.to_string(),
        value: value.trim().to_string(),
        hint,
    }
}

/// "15km", "15 km", "12,5km", "800m" or a bare number of kilometres.
fn metres(option: &str, text: &str) -> Result<u32, CoverageError> {
    let (number, unit) = crate::coverage::radius::number_and_unit(text);
    let (number, unit) = (number.as_str(), unit.as_str());
    let hint = || {
        tr!(
            "écrivez des kilomètres à vol d'oiseau autour de la base, par exemple 15km",
            "write straight-line kilometres around the base, e.g. 15km"
        )
    };
    let value: f64 = number.parse().map_err(|_| bad(option, text, hint()))?;
    let factor = match unit {
        "" | "km" => 1000.0,
        "m" => 1.0,
        "min" | "mn" | "h" => {
            return Err(bad(
                option,
                text,
                tr!(
                    "l'étude des rayons mesure des kilomètres à vol d'oiseau autour de la base (comme le radius_km d'un territoire), pas un temps de trajet ; écrivez par exemple 15km",
                    "the radius study measures straight-line kilometres around the base (as a territory radius_km does), not travel time; write e.g. 15km"
                ),
            ));
        }
        _ => return Err(bad(option, text, hint())),
    };
    let m = (value * factor).round();
    if m > f64::from(MAX_METRES) {
        return Err(bad(option, text, tr!("250 km au plus", "at most 250 km")));
    }
    Ok(m as u32)
}

impl StudyRange {
    /// Reads the three options; `None` takes the default (15, 60, 5 km).
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        step: Option<&str>,
    ) -> Result<StudyRange, CoverageError> {
        let d = StudyRange::default();
        let from_m = from.map_or(Ok(d.from_m), |t| metres("--from", t))?;
        let to_m = to.map_or(Ok(d.to_m), |t| metres("--to", t))?;
        let step_m = step.map_or(Ok(d.step_m), |t| metres("--step", t))?;
        let text = |t: Option<&str>, m: u32| t.map_or(format!("{}km", m / 1000), str::to_string);
        if from_m == 0 {
            return Err(bad(
                "--from",
                &text(from, from_m),
                tr!(
                    "un rayon de 0 ne contient personne ; commencez à 5km ou plus",
                    "a radius of 0 holds nobody; start at 5km or more"
                ),
            ));
        }
        if step_m == 0 {
            return Err(bad(
                "--step",
                &text(step, step_m),
                tr!(
                    "le pas doit dépasser 0 km, par exemple --step 5km",
                    "the step must be more than 0 km, e.g. --step 5km"
                ),
            ));
        }
        if from_m > to_m {
            return Err(bad(
                "--from",
                &text(from, from_m),
                tr!(
                    "--from dépasse --to ({}) ; donnez le plus petit rayon d'abord",
                    "--from is beyond --to ({}); give the smaller radius first",
                    text(to, to_m)
                ),
            ));
        }
        let range = StudyRange {
            from_m,
            to_m,
            step_m,
        };
        if range.radii().len() as u32 > MAX_RADII {
            return Err(bad(
                "--step",
                &text(step, step_m),
                tr!(
                    "plus de 40 rayons (deux plans de semaine chacun) ; prenez un pas plus grand",
                    "more than 40 radii (two weekly plans each); take a larger step"
                ),
            ));
        }
        Ok(range)
    }

    /// From `from` by `step` up to `to`; `to` itself always included.
    pub fn radii(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut r = self.from_m;
        while r < self.to_m && self.step_m > 0 && out.len() as u32 <= MAX_RADII {
            out.push(r);
            r = r.saturating_add(self.step_m);
        }
        out.push(self.to_m);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_15_to_60_by_5() {
        let r = StudyRange::parse(None, None, None).unwrap();
        let km: Vec<u32> = r.radii().iter().map(|m| m / 1000).collect();
        assert_eq!(km, [15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    }

    #[test]
    fn parses_units_and_keeps_the_end() {
        let r = StudyRange::parse(Some("10 km"), Some("22km"), Some("5")).unwrap();
        assert_eq!(r.radii(), [10_000, 15_000, 20_000, 22_000]);
        let r = StudyRange::parse(Some("12,5km"), Some("12.5km"), Some("500m")).unwrap();
        assert_eq!(r.radii(), [12_500]);
    }

    #[test]
    fn refuses_zero_step_reversed_range_and_times() {
        let e = |f, t, s| StudyRange::parse(f, t, s).unwrap_err().to_string();
        assert!(e(None, None, Some("0km")).contains("step must be more than 0"));
        assert!(e(Some("60km"), Some("15km"), None).contains("--from is beyond --to"));
        assert!(e(None, None, Some("30min")).contains("not travel time"));
        assert!(e(Some("0"), None, None).contains("holds nobody"));
        assert!(e(None, Some("300km"), None).contains("at most 250 km"));
        assert!(e(None, None, Some("0.5km")).contains("more than 40 radii"));
        assert!(e(None, Some("fifty"), None).starts_with("invalid --to \"fifty\""));
    }
}
