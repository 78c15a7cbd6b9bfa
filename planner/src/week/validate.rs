//! Scenario file → domain model, collecting every problem first (each with a stable code,
//! position, cause and fix; see [`super::diag`]). Nothing is planned from a file with errors.
//!
//! Codes (stable; listed in README, "Codes d'erreur"):
//! S001 malformed TOML · S002 unknown field or section · S003 missing field or wrong type ·
//! S004 invalid time · S005 an end before its start · S006 duplicate id · S007 a visit longer
//! than every window · S008 unknown commune · S009 a place outside the map · S010 bad FTE
//! (share out of range, or sum 0) · S011 no pair available for a permanence · S012 a frequency
//! impossible in the horizon · S013 unknown preferred worker · S014 unknown skill · S015 unknown
//! day · S016 invalid date · S017 unknown person · S018 meeting point missing · S019 invalid
//! value · S020 place given twice or not at all · S021 fewer than two workers.

mod entries;
mod horizon;
mod people;

use super::diag::{Diagnostic, Diagnostics, Locator};
use super::model::{Location, Scenario};
use super::scenario::{PlaceEntry, ScenarioFile};
use super::text::Text;
use crate::tr;
use maps::LatLon;
use maps::places::Gazetteer;
use serde::de::DeserializeOwned;

pub use horizon::check_horizon;

/// The area the road map covers; places outside cannot be reached.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapBounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl MapBounds {
    /// The communes of Cantal with a margin of about 10 km: what the embedded map covers.
    pub fn cantal() -> MapBounds {
        let communes = Gazetteer::cantal().communes();
        let mut b = MapBounds {
            south: f64::MAX,
            west: f64::MAX,
            north: f64::MIN,
            east: f64::MIN,
        };
        for c in communes {
            b.south = b.south.min(c.lat);
            b.north = b.north.max(c.lat);
            b.west = b.west.min(c.lon);
            b.east = b.east.max(c.lon);
        }
        b.grow(0.1)
    }

    pub fn grow(self, deg: f64) -> MapBounds {
        MapBounds {
            south: self.south - deg,
            west: self.west - deg,
            north: self.north + deg,
            east: self.east + deg,
        }
    }

    pub fn contains(&self, p: LatLon) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lon)
    }
}

/// Reads and checks a scenario: syntax, fields, then meaning. All problems at once.
pub fn validate(text: &str, file: &str, bounds: MapBounds) -> Result<Scenario, Diagnostics> {
    let mut cx = Ctx::new(text, file, bounds);
    let parsed = parse_file(&mut cx);
    let scenario = parsed.and_then(|f| entries::build(&mut cx, &f));
    match scenario {
        Some(s) if cx.out.is_empty() => Ok(s),
        _ => Err(Diagnostics(cx.out)),
    }
}

/// Shared state while validating: the source, where things are, what was found.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub file: String,
    pub loc: Locator<'a>,
    pub bounds: MapBounds,
    pub out: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, file: &str, bounds: MapBounds) -> Ctx<'a> {
        Ctx {
            text,
            file: file.to_string(),
            loc: Locator::new(text),
            bounds,
            out: Vec::new(),
        }
    }

    pub fn err(&mut self, code: &str, field: &str, cause: Text, fix: Text) {
        let pos = self.loc.position(field);
        self.out.push(Diagnostic {
            code: code.to_string(),
            file: self.file.clone(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            field: field.to_string(),
            cause,
            fix,
        });
    }

    fn err_at(&mut self, code: &str, span: Option<std::ops::Range<usize>>, cause: Text, fix: Text) {
        let pos = span.map(|s| self.loc.line_col(s.start));
        self.out.push(Diagnostic {
            code: code.to_string(),
            file: self.file.clone(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            field: String::new(),
            cause,
            fix,
        });
    }

    /// A commune name or coordinates → a location (S008, S009, S020).
    pub fn place(&mut self, path: &str, p: &PlaceEntry) -> Option<Location> {
        self.location(path, p.commune.as_deref(), p.lat, p.lon, p.label.clone())
    }

    pub fn location(
        &mut self,
        path: &str,
        commune: Option<&str>,
        lat: Option<f64>,
        lon: Option<f64>,
        label: Option<String>,
    ) -> Option<Location> {
        let g = Gazetteer::cantal();
        match (commune, lat, lon) {
            (Some(name), None, None) => match g.find(name) {
                Some(c) => Some(Location {
                    point: c.centre(),
                    commune: c.name.clone(),
                    label,
                }),
                None => {
                    let close = g.suggest(name, 3).join(", ");
                    let (fr, en) = if close.is_empty() {
                        (
                            "vérifiez l'orthographe ou donnez lat/lon".to_string(),
                            "check the spelling or give lat/lon".to_string(),
                        )
                    } else {
                        (
                            format!("vouliez-vous dire {close} ?"),
                            format!("did you mean {close}?"),
                        )
                    };
                    self.err(
                        "S008",
                        &format!("{path}.commune"),
                        tr!("commune inconnue « {name} »", "unknown commune \"{name}\""),
                        Text::new(fr, en),
                    );
                    None
                }
            },
            (None, Some(lat), Some(lon)) => {
                let point = LatLon::new(lat, lon);
                if !self.bounds.contains(point) {
                    self.err(
                        "S009",
                        &format!("{path}.lat"),
                        // The coordinates stay out of the message: they may be someone's home.
                        Text::new("le point est hors de la carte", "the point is outside the map"),
                        tr!("vérifiez les coordonnées (latitude d'abord) ou utilisez une carte qui le couvre",
                            "check the coordinates (latitude first) or use a map that covers it"),
                    );
                    return None;
                }
                Some(Location {
                    point,
                    commune: nearest_commune(point),
                    label,
                })
            }
            _ => {
                self.err(
                    "S020",
                    path,
                    tr!("lieu mal indiqué : donnez soit `commune`, soit `lat` et `lon`",
                        "place badly given: give either `commune`, or `lat` and `lon`"),
                    tr!("gardez `commune = \"Vebret\"` ou `lat = 45.35` et `lon = 2.51`, pas les deux",
                        "keep `commune = \"Vebret\"` or `lat = 45.35` and `lon = 2.51`, not both"),
                );
                None
            }
        }
    }
}

/// Name of the commune whose centre is closest (what exports show instead of an address).
pub fn nearest_commune(p: LatLon) -> String {
    Gazetteer::cantal()
        .communes()
        .iter()
        .map(|c| (c.centre().haversine_m(p), &c.name))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

const SECTIONS: [&str; 5] = ["team", "workers", "permanences", "people", "escorts"];

/// Syntax (S001), then each section and entry on its own so that every entry's problem is
/// reported, not only the first (S002, S003).
fn parse_file(cx: &mut Ctx<'_>) -> Option<ScenarioFile> {
    let (_, errors) = toml::de::DeTable::parse_recoverable(cx.text);
    for e in &errors {
        cx.err_at(
            "S001",
            e.span(),
            tr!(
                "TOML mal formé : {}",
                "malformed TOML: {}",
                e.message().trim()
            ),
            tr!(
                "corrigez la syntaxe à cet endroit (guillemets, crochets, `=`)",
                "fix the syntax there (quotes, brackets, `=`)"
            ),
        );
    }
    if !errors.is_empty() {
        return None;
    }
    let table: toml::Table = match toml::from_str(cx.text) {
        Ok(t) => t,
        Err(e) => {
            cx.err_at(
                "S001",
                e.span(),
                tr!("TOML mal formé : {}", "malformed TOML: {}", e.message()),
                tr!("corrigez la syntaxe", "fix the syntax"),
            );
            return None;
        }
    };
    for key in table.keys().filter(|k| !SECTIONS.contains(&k.as_str())) {
        cx.err(
            "S002",
            key,
            tr!("section inconnue « {key} »", "unknown section \"{key}\""),
            tr!(
                "sections possibles : team, workers, permanences, people, escorts",
                "possible sections: team, workers, permanences, people, escorts"
            ),
        );
    }
    let team = match table.get("team") {
        Some(v) => entry(cx, "team", v),
        None => {
            cx.err(
                "S003",
                "team",
                tr!("section [team] manquante", "missing [team] section"),
                tr!(
                    "ajoutez [team] avec au moins `base`",
                    "add [team] with at least `base`"
                ),
            );
            None
        }
    };
    let file = ScenarioFile {
        team: team.unwrap_or_default(),
        workers: list(cx, &table, "workers"),
        permanences: list(cx, &table, "permanences"),
        people: list(cx, &table, "people"),
        escorts: list(cx, &table, "escorts"),
    };
    cx.out.is_empty().then_some(file)
}

fn list<T: DeserializeOwned>(cx: &mut Ctx<'_>, table: &toml::Table, key: &str) -> Vec<T> {
    match table.get(key) {
        None => Vec::new(),
        Some(toml::Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| entry(cx, &format!("{key}[{i}]"), v))
            .collect(),
        Some(_) => {
            cx.err(
                "S003",
                key,
                tr!("« {key} » doit être une liste", "\"{key}\" must be a list"),
                tr!(
                    "écrivez chaque élément sous [[{key}]]",
                    "write each entry under [[{key}]]"
                ),
            );
            Vec::new()
        }
    }
}

fn entry<T: DeserializeOwned>(cx: &mut Ctx<'_>, path: &str, value: &toml::Value) -> Option<T> {
    match value.clone().try_into::<T>() {
        Ok(t) => Some(t),
        Err(e) => {
            serde_problem(cx, path, e.message());
            None
        }
    }
}

/// Turns a serde message into a located diagnostic.
fn serde_problem(cx: &mut Ctx<'_>, path: &str, msg: &str) {
    let quoted = msg.split('`').nth(1).unwrap_or("").to_string();
    if msg.starts_with("unknown field") {
        let field = cx
            .loc
            .find_key(path, &quoted)
            .unwrap_or_else(|| format!("{path}.{quoted}"));
        let expected = msg
            .split_once("expected")
            .map(|x| x.1.trim())
            .unwrap_or("")
            .replace('`', "");
        cx.err(
            "S002",
            &field,
            tr!("champ inconnu « {quoted} »", "unknown field \"{quoted}\""),
            tr!(
                "champs possibles : {expected}",
                "possible fields: {expected}"
            ),
        );
    } else if msg.starts_with("missing field") {
        cx.err(
            "S003",
            path,
            tr!(
                "champ obligatoire « {quoted} » manquant",
                "missing required field \"{quoted}\""
            ),
            tr!(
                "ajoutez `{quoted} = …` (voir l'exemple du README)",
                "add `{quoted} = …` (see the README example)"
            ),
        );
    } else {
        cx.err(
            "S003",
            path,
            tr!(
                "valeur de type incorrect : {msg}",
                "wrong type of value: {msg}"
            ),
            tr!(
                "vérifiez les guillemets et les nombres (voir l'exemple du README)",
                "check quotes and numbers (see the README example)"
            ),
        );
    }
}

#[cfg(test)]
mod tests;
