//! The scenario file (TOML) as the user writes it: plain strings and numbers, parsed and checked
//! later by [`super::validate()`], which turns it into the domain model ([`super::model`]).
//!
//! Kept apart from the model (as reinterpretcat/vrp keeps its "pragmatic" format apart from its
//! core) so that the file can stay forgiving — French or English day names, "après-midi",
//! a commune name or coordinates — while the model stays strict and typed. Times, days,
//! frequencies and dates are strings here on purpose: validation then reports a bad one with
//! its exact field and position instead of a generic type error.
//!
//! Every field is documented in `README.md` ("Fichier de scénario / Scenario file").

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub team: TeamSection,
    #[serde(default)]
    pub workers: Vec<WorkerEntry>,
    #[serde(default)]
    pub permanences: Vec<PermanenceEntry>,
    #[serde(default)]
    pub people: Vec<PersonEntry>,
    #[serde(default)]
    pub escorts: Vec<EscortEntry>,
}

/// A place: a commune name (resolved with the embedded gazetteer) or coordinates.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// What the place is ("cabinet médical", "parking de la salle des fêtes"); shown in plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// `[team]`: the base, the territory and the working rules shared by all workers.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where the camping-car is kept; every tour leaves from and returns to it.
    pub base: PlaceEntry,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<TerritoryEntry>,
    /// Weekly hours of one full-time equivalent (35 in France).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_fte: Option<f64>,
    /// Longest working day, in hours (10 by law).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_day_hours: Option<f64>,
    /// Earliest departure from the base, "HH:MM".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_start: Option<String>,
    /// Latest return to the base, "HH:MM".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lunch: Option<LunchEntry>,
    /// Number of camping-cars (crews out on the same day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campers: Option<u32>,
    /// Road map: "embedded" (default) or the path of a `.graph` file made by `tournee map import`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<String>,
}

/// The territory: an arrondissement of the embedded polygons, or a radius around the base.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TerritoryEntry {
    /// INSEE code ("15002") or name ("Mauriac") of a Cantal arrondissement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrondissement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius_km: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LunchEntry {
    /// Lunch starts no earlier than this ("11:45").
    pub earliest: String,
    /// … and no later than this ("14:00").
    pub latest: String,
    /// 45 to 60 minutes.
    pub minutes: u32,
}

/// `[[workers]]`: one social worker, under a pseudonym.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerEntry {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Share of a full-time post (0.5 = half time).
    pub fte: f64,
    /// Days worked ("lundi", "mon", "Tuesday" …).
    pub days: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<BlockEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absences: Vec<AbsenceEntry>,
}

/// A weekly time when the worker works elsewhere (partnership day, team meeting).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BlockEntry {
    pub day: String,
    /// Defaults to the start of the working day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Defaults to the end of the working day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub reason: String,
    /// Whether these hours come out of the worker's FTE (true by default); false for time
    /// funded apart (e.g. the women's-rights day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_fte: Option<bool>,
}

/// Whole days away (leave, training), inclusive.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AbsenceEntry {
    pub from: toml::Value,
    pub to: toml::Value,
    pub reason: String,
}

/// `[[permanences]]`: a fixed weekly morning at a site, always held by a pair.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PermanenceEntry {
    pub id: String,
    pub site: PlaceEntry,
    pub day: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub setup_minutes: u32,
    #[serde(default)]
    pub packup_minutes: u32,
}

/// `[[people]]`: someone visited at home ("aller-vers"), under a pseudonym code.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    /// Pseudonym code, e.g. "B07": the only identifier printed in logs and exports.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Never exported unless `--with-addresses`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    pub visit_minutes: u32,
    /// "hebdomadaire"/"weekly", "bihebdomadaire"/"twice-weekly", "quinzaine"/"fortnightly",
    /// "mensuel"/"monthly".
    pub frequency: String,
    /// Date of the last visit (`2026-11-20`), or a negative number of days before the first
    /// planned day (`-6`); none for a first visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_visit: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_gap_days: Option<u32>,
    /// Day → "après-midi", "matin", "journée", "14:00-17:00" or a list of those; the key
    /// "tous"/"all" applies to every day not listed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub windows: BTreeMap<String, toml::Value>,
    /// "domicile"/"home", "camping-car"/"camper", "point-de-rencontre"/"meeting-point".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_point: Option<PlaceEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_worker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
    /// 1 (can wait) to 5 (urgent); 3 by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    /// Free text for the team; never printed, logged or exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `[[escorts]]`: drive someone to an appointment (doctor, gendarmerie, shelter).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EscortEntry {
    pub id: String,
    /// The person's id in `[[people]]`; picked up at their venue.
    pub person: String,
    pub destination: PlaceEntry,
    /// A date ("2026-12-03") or a weekday of the first planned week ("jeudi").
    pub day: toml::Value,
    /// Time of the appointment: the crew arrives at most 20 minutes before, never after.
    pub appointment: String,
    pub minutes_there: u32,
    /// Drive the person back home afterwards (true by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_home: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
}
