//! The plan written by `tournee plan` as `plan.json`, and read back by `tournee plan --check`,
//! `tournee rebalance` and the terminal UI.
//!
//! A plan carries the scenario text it was made from, so the plan alone is enough to check,
//! re-time or rebalance it. It holds no timestamps and no hash-map order: the same scenario,
//! weeks, map and seed give the same bytes. Times are seconds since local midnight (Europe/Paris
//! wall clock) on the day's date.

pub mod make;
mod retime;

use super::calendar::Horizon;
use super::diag::Diagnostics;
use super::model::Scenario;
use super::text::Text;
use super::validate::{MapBounds, validate};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use make::{PlanMeta, make_plan, refresh, unassigned_reasons};
pub use retime::{pin_locked, retime_day, solution_of};

/// Bump when the layout changes in a way older readers would misread.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema_version: u32,
    /// "tournee 0.1.0".
    pub generator: String,
    /// Name of the scenario file ("scenario.toml", or "(embedded)").
    pub scenario_file: String,
    /// The whole scenario text (it holds addresses and notes: the plan is a private file).
    pub scenario: String,
    /// ISO weeks planned, e.g. ["2026-W49"].
    pub weeks: Vec<String>,
    /// Monday of the first week.
    pub first_day: NaiveDate,
    pub seed: u64,
    /// The road map used ("cantal-synth (synthetic)" or a file name).
    pub map: String,
    /// The objective's value (lower is better; see `week::build`).
    pub cost: i64,
    /// Days with a tour, in date order.
    pub days: Vec<DayPlan>,
    pub unplanned: Vec<Unplanned>,
    /// Per worker and week.
    pub workers: Vec<WorkerHours>,
    pub totals: Totals,
}

/// One crew's day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayPlan {
    pub date: NaiveDate,
    /// Index of the day in the horizon (0 = Monday of the first week).
    pub day: usize,
    /// Worker ids.
    pub crew: [String; 2],
    pub stops: Vec<PlanStop>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StopKind {
    Departure,
    Drive,
    Permanence,
    Visit,
    Escort,
    Lunch,
    Return,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Leg {
    Pickup,
    Appointment,
    Dropoff,
}

/// One line of a day: leaving the base, a drive, a stop, lunch, the return.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanStop {
    pub kind: StopKind,
    /// Permanence, person or escort id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Which visit of the person in the horizon (0 = first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leg: Option<Leg>,
    /// Commune of the place (never an address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    /// Arrival, start and end, seconds since local midnight (equal for departure/return).
    pub arrival: i64,
    pub start: i64,
    pub end: i64,
    /// For drives: seconds and metres.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub drive_s: i64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub drive_m: i64,
    /// Kept in place by rebalancing (set by the user in the UI).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
}

fn is_zero(x: &i64) -> bool {
    *x == 0
}

/// A request not planned, with its reasons.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unplanned {
    /// "visit", "escort" or "permanence".
    pub kind: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<usize>,
    pub commune: String,
    /// When the visit was due on schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable code, e.g. "U01" (outside the territory).
    pub code: String,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkerHours {
    pub id: String,
    pub week: String,
    pub fte: f64,
    /// Seconds on tour (from leaving the base to coming back, lunch included).
    pub planned_s: i64,
    /// FTE share × hours per FTE, less blocks counted in the FTE.
    pub cap_s: i64,
    pub days: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub drive_s: i64,
    pub distance_m: i64,
    /// Time at permanences (set-up and pack-up included).
    pub permanence_s: i64,
    /// Time at home visits and escorts.
    pub outreach_s: i64,
    /// permanence_s / (permanence_s + outreach_s), in percent, one decimal.
    pub permanence_share_pct: f64,
    pub visits_planned: usize,
    /// Visits planned plus those left out (requests declined outside the territory excluded).
    pub visits_due: usize,
    pub escorts_planned: usize,
    pub escorts_asked: usize,
}

/// Why a plan file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a tournee plan ({detail}); make it again with `tournee plan`")]
    Format { path: String, detail: String },
    #[error(
        "{path}: plan schema version {found}, this tournee reads version {SCHEMA_VERSION}; make it again with `tournee plan`"
    )]
    Version { path: String, found: u32 },
    #[error("the plan does not match its scenario: {0}")]
    Mismatch(String),
    #[error("{path}: the scenario inside the plan is invalid:\n{diags}")]
    Scenario { path: String, diags: Diagnostics },
}

impl Plan {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn from_json(text: &str, path: &str) -> Result<Plan, PlanError> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: u32,
        }
        let format = |e: serde_json::Error| PlanError::Format {
            path: path.to_string(),
            detail: e.to_string(),
        };
        let v: Version = serde_json::from_str(text).map_err(format)?;
        if v.schema_version != SCHEMA_VERSION {
            return Err(PlanError::Version {
                path: path.to_string(),
                found: v.schema_version,
            });
        }
        serde_json::from_str(text).map_err(format)
    }

    pub fn load(path: &Path) -> Result<Plan, PlanError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| PlanError::Io {
            path: name.clone(),
            source,
        })?;
        Plan::from_json(&text, &name)
    }

    /// The scenario the plan was made from, validated again.
    pub fn scenario(&self, bounds: MapBounds) -> Result<Scenario, PlanError> {
        validate(&self.scenario, &self.scenario_file, bounds).map_err(|diags| PlanError::Scenario {
            path: self.scenario_file.clone(),
            diags,
        })
    }

    pub fn horizon(&self) -> Horizon {
        Horizon::new(self.first_day, self.weeks.len() as u32)
    }
}
