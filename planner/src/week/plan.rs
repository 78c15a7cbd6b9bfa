//! The plan written by `tournee plan` as `plan.json`, and read back by `tournee plan --check`,
//! `tournee rebalance` and the terminal UI.
//!
//! A plan carries the scenario text it was made from, so the plan alone is enough to check,
//! re-time or rebalance it. It holds no timestamps and no hash-map order: the same scenario,
//! weeks, map and seed give the same bytes. Times are seconds since local midnight (Europe/Paris
//! wall clock) on the day's date.

mod locate;
pub mod make;
mod retime;
mod verify;

use super::calendar::Horizon;
use super::diag::Diagnostic;
use super::diag::Diagnostics;
use super::model::Scenario;
use super::text::{Lang, Text};
use super::validate::{MapBounds, validate};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use locate::JsonMap;
pub use make::{PlanMeta, make_plan, refresh, unassigned_reasons};
pub use retime::{pin_locked, retime_day, solution_of};
pub use verify::{MAX_WEEKS, verify};

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
    /// Seconds of work on tour: from leaving the base to coming back, less the lunch break.
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
    /// Not JSON (P001), or a field of the wrong type or missing (P002).
    #[error("{}", .diag.render(Lang::En))]
    Format { path: String, diag: Box<Diagnostic> },
    /// Written by another version of tournee (P003).
    #[error("{}", version_text(path, *found).get(Lang::En))]
    Version { path: String, found: u32 },
    #[error("the plan does not match its scenario: {0}")]
    Mismatch(String),
    /// The scenario inside the plan is invalid: one line per problem, with its S code.
    #[error("{}", scenario_lines(path, diags, Lang::En))]
    Scenario { path: String, diags: Diagnostics },
    /// The plan names days, workers or people its scenario does not have (P004–P008).
    #[error("{}", .diags.render(Lang::En))]
    Invalid { path: String, diags: Diagnostics },
}

fn version_text(path: &str, found: u32) -> Text {
    if found < SCHEMA_VERSION {
        crate::tr!(
            "{path}: [P003] schema_version: plan au format {found}, d'une version plus ancienne de tournee (celle-ci lit le format {SCHEMA_VERSION}) — correction : refaites le plan avec `tournee plan` et le même scénario",
            "{path}: [P003] schema_version: plan in format {found}, from an older tournee (this one reads format {SCHEMA_VERSION}) — fix: make the plan again with `tournee plan` and the same scenario"
        )
    } else {
        crate::tr!(
            "{path}: [P003] schema_version: plan au format {found}, d'une version plus récente de tournee (celle-ci lit le format {SCHEMA_VERSION}) — correction : mettez tournee à jour",
            "{path}: [P003] schema_version: plan in format {found}, from a newer tournee (this one reads format {SCHEMA_VERSION}) — fix: update tournee"
        )
    }
}

fn scenario_lines(path: &str, diags: &Diagnostics, lang: Lang) -> String {
    let lines: Vec<String> = diags
        .0
        .iter()
        .map(|d| match lang {
            Lang::Fr => format!("{} (scénario contenu dans le plan {path})", d.render(lang)),
            Lang::En => format!("{} (scenario inside the plan {path})", d.render(lang)),
        })
        .collect();
    lines.join("\n")
}

impl PlanError {
    /// The message, one line per problem, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            PlanError::Format { diag, .. } => diag.render(lang),
            PlanError::Version { path, found } => version_text(path, *found).get(lang).into(),
            PlanError::Scenario { path, diags } => scenario_lines(path, diags, lang),
            PlanError::Invalid { diags, .. } => diags.render(lang),
            PlanError::Io { path, source } => match lang {
                Lang::Fr => format!(
                    "impossible de lire {path} : {} — correction : vérifiez le chemin du plan (fait par `tournee plan`)",
                    super::text::io_error_fr(source)
                ),
                Lang::En => self.to_string(),
            },
            PlanError::Mismatch(detail) => crate::tr!(
                "le plan ne correspond pas à son scénario : {detail}",
                "the plan does not match its scenario: {detail}"
            )
            .get(lang)
            .into(),
        }
    }
}

/// A serde_json error as a P001/P002 problem with its line, column and field.
fn format_problem(text: &str, path: &str, e: &serde_json::Error) -> Box<Diagnostic> {
    let syntax = !matches!(e.classify(), serde_json::error::Category::Data);
    let field = if syntax {
        String::new()
    } else {
        JsonMap::new(text)
            .path_at(e.line(), e.column())
            .unwrap_or("")
            .to_string()
    };
    // serde's message ends with "at line L column C": the place is said once, in front.
    let detail = e.to_string();
    let detail = detail
        .rsplit_once(" at line ")
        .map_or(detail.as_str(), |(d, _)| d)
        .to_string();
    let (code, cause, fix) = if syntax {
        (
            "P001",
            crate::tr!(
                "pas du JSON lisible : {detail}",
                "not readable JSON: {detail}"
            ),
            crate::tr!(
                "rétablissez la ponctuation (ou reprenez plan.json.bak)",
                "restore the punctuation (or go back to plan.json.bak)"
            ),
        )
    } else {
        (
            "P002",
            crate::tr!("valeur invalide : {detail}", "invalid value: {detail}"),
            crate::tr!(
                "corrigez la valeur, ou refaites le plan avec `tournee plan`",
                "correct the value, or make the plan again with `tournee plan`"
            ),
        )
    };
    Box::new(Diagnostic {
        code: code.into(),
        file: path.into(),
        line: (e.line() > 0).then_some(e.line()),
        column: (e.line() > 0).then_some(e.column()),
        field,
        cause,
        fix,
    })
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
            diag: format_problem(text, path, &e),
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

    /// Reads a plan file, validates the scenario inside it, and checks the plan against it
    /// ([`verify`]): what every command that reads a plan calls first.
    pub fn open(path: &Path, bounds: MapBounds) -> Result<(Plan, Scenario), PlanError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| PlanError::Io {
            path: name.clone(),
            source,
        })?;
        let plan = Plan::from_json(&text, &name)?;
        let scenario = plan.scenario(bounds).map_err(|e| match e {
            PlanError::Scenario { diags, .. } => PlanError::Scenario {
                path: name.clone(),
                diags,
            },
            other => other,
        })?;
        let diags = verify(&plan, &scenario, &text, &name);
        if !diags.0.is_empty() {
            return Err(PlanError::Invalid { path: name, diags });
        }
        Ok((plan, scenario))
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
