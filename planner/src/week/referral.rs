//! A referral: someone newly sent to the team (by a gendarmerie social worker, a hospital, the
//! CIDFF…) to add to a plan that is already made. The file `referral.toml` holds `[[people]]`
//! and/or `[[escorts]]` tables written exactly as in the scenario file, after two optional
//! top-level keys, `referrer` (who refers) and `urgent` (plan within 48 h) — the format the
//! rebalancer (`tournee rebalance`) reads. A referral is checked by the scenario's own
//! validation — every field with its code, cause and fix — with its entries appended to the
//! scenario the plan carries.
//!
//! The terminal UI builds the same structure from its form.

use super::calendar::Horizon;
use super::diag::Diagnostic;
use super::model::Scenario;
use super::plan::Plan;
use super::scenario::{EscortEntry, PersonEntry};
use super::text::Text;
use super::validate::{MapBounds, check_horizon, validate};
use crate::tr;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The contents of `referral.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Who refers ("France Services").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    /// To plan within 48 hours.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub urgent: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escorts: Vec<EscortEntry>,
}

impl Referral {
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// The entries alone, as they are appended to a scenario.
    fn entries_toml(&self) -> String {
        Referral {
            referrer: None,
            urgent: false,
            ..self.clone()
        }
        .to_toml()
    }

    /// Reads a referral file (its syntax only: [`check`] says whether it fits the plan).
    pub fn from_toml(text: &str) -> Result<Referral, Text> {
        toml::from_str(text).map_err(|e| {
            let e = e.to_string();
            tr!(
                "fichier d'orientation illisible : {e}",
                "unreadable referral file: {e}"
            )
        })
    }
}

/// The plan's scenario with the referral added, validated for the plan's weeks; or the
/// problems of the referral, with fields and lines counted in the referral
/// (`people[0].commune`, line 3 of `referral.toml`).
pub fn check(
    plan: &Plan,
    referral: &Referral,
    bounds: MapBounds,
) -> Result<Scenario, Vec<Diagnostic>> {
    let before = plan
        .scenario(bounds)
        .map(|s| s.people.len())
        .unwrap_or_default();
    let added = referral.entries_toml();
    let prefix = format!("{}\n", plan.scenario);
    let lines_before = prefix.matches('\n').count();
    let text = format!("{prefix}{added}");
    let rebase = |mut d: Diagnostic| {
        d.file = "referral.toml".into();
        d.field = rebase_field(&d.field, before);
        d.line = d.line.and_then(|l| l.checked_sub(lines_before));
        d
    };
    let s = validate(&text, &plan.scenario_file, bounds)
        .map_err(|d| d.0.into_iter().map(rebase).collect::<Vec<_>>())?;
    let late: Vec<Diagnostic> =
        check_horizon(&s, &Horizon::new(plan.first_day, plan.weeks.len() as u32))
            .into_iter()
            .filter(|d| rebase_field(&d.field, before) != d.field)
            .map(rebase)
            .collect();
    if late.is_empty() { Ok(s) } else { Err(late) }
}

/// `people[17].commune` → `people[1].commune` when 16 people came before.
fn rebase_field(field: &str, before: usize) -> String {
    let Some(rest) = field.strip_prefix("people[") else {
        return field.to_string();
    };
    let Some((n, tail)) = rest.split_once(']') else {
        return field.to_string();
    };
    match n.parse::<usize>() {
        Ok(i) if i >= before => format!("people[{}]{tail}", i - before),
        _ => field.to_string(),
    }
}

/// The form's windows, `tous=après-midi; jeudi=10:00-11:30, 14:00-17:00`, as the scenario's
/// `windows` table (several windows a day become a list). Days and times are checked by the
/// validation; only the shape is checked here.
pub fn windows_field(text: &str) -> Result<BTreeMap<String, toml::Value>, Text> {
    let mut out = BTreeMap::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((day, spans)) = part.split_once('=') else {
            return Err(tr!(
                "« {part} » : écrivez jour=créneau, par exemple jeudi=14:00-17:00",
                "\"{part}\": write day=window, for example thursday=14:00-17:00"
            ));
        };
        let spans: Vec<toml::Value> = spans
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| toml::Value::String(s.to_string()))
            .collect();
        let value = match spans.len() {
            0 => {
                return Err(tr!(
                    "« {part} » : créneau manquant",
                    "\"{part}\": window missing"
                ));
            }
            1 => spans[0].clone(),
            _ => toml::Value::Array(spans),
        };
        out.insert(day.trim().to_string(), value);
    }
    Ok(out)
}

/// The next free pseudonym code after the plan's people ("B17" after "B16").
pub fn next_id(s: &Scenario) -> String {
    let mut best: Option<(String, u32, usize)> = None;
    for p in &s.people {
        let digits = p.id.chars().rev().take_while(char::is_ascii_digit).count();
        let (stem, num) = p.id.split_at(p.id.len() - digits);
        if let Ok(n) = num.parse::<u32>()
            && best.as_ref().is_none_or(|b| n >= b.1)
        {
            best = Some((stem.to_string(), n, digits));
        }
    }
    match best {
        Some((stem, n, width)) => format!("{stem}{:0width$}", n + 1),
        None => format!("P{:02}", s.people.len() + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::week::calendar::Horizon;
    use crate::week::tests::{default_scenario, plan_of};

    fn plan() -> Plan {
        plan_of(
            &default_scenario(),
            Horizon::parse_week("2026-W49", 1).unwrap(),
        )
    }

    fn person(id: &str, commune: &str) -> PersonEntry {
        PersonEntry {
            id: id.into(),
            pseudonym: Some("Mme Test".into()),
            commune: Some(commune.into()),
            visit_minutes: 60,
            frequency: "hebdomadaire".into(),
            windows: windows_field("tous=après-midi").unwrap(),
            priority: Some(4),
            referrer: Some("CIDFF".into()),
            ..PersonEntry::default()
        }
    }

    #[test]
    fn a_sound_referral_is_the_scenario_plus_one_person() {
        let r = Referral {
            people: vec![person("B17", "Ydes")],
            ..Referral::default()
        };
        let text = r.to_toml();
        assert!(text.starts_with("[[people]]\nid = \"B17\""), "{text}");
        assert_eq!(Referral::from_toml(&text).unwrap(), r);
        let s = check(&plan(), &r, MapBounds::cantal()).unwrap();
        assert_eq!(s.people.len(), 17);
        assert_eq!(s.people[16].id, "B17");
        assert_eq!(s.people[16].home.commune, "Ydes");
    }

    #[test]
    fn problems_name_the_referral_fields() {
        let mut p = person("B02", "Ydès-les-Bains");
        p.frequency = "parfois".into();
        p.windows = windows_field("jeudi=25:00-26:00").unwrap();
        let r = Referral {
            people: vec![p],
            ..Referral::default()
        };
        let d = check(&plan(), &r, MapBounds::cantal()).unwrap_err();
        let fields: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.code.as_str(), d.field.as_str()))
            .collect();
        assert!(fields.contains(&("S006", "people[0].id")), "{fields:?}");
        assert!(
            fields.contains(&("S008", "people[0].commune")),
            "{fields:?}"
        );
        assert!(
            fields.iter().any(|f| f.1 == "people[0].frequency"),
            "{fields:?}"
        );
        assert!(
            fields.iter().any(|f| f.1.starts_with("people[0].windows")),
            "{fields:?}"
        );
        assert!(d.iter().all(|d| d.file == "referral.toml"));
        let commune = d.iter().find(|d| d.code == "S008").unwrap();
        assert_eq!(commune.line, Some(4), "line of `commune` in referral.toml");
    }

    #[test]
    fn top_level_keys_come_first_as_the_rebalancer_reads_them() {
        let r = Referral {
            referrer: Some("France Services".into()),
            urgent: true,
            people: vec![person("B17", "Vebret")],
            escorts: vec![],
        };
        let text = r.to_toml();
        assert!(
            text.starts_with("referrer = \"France Services\"\nurgent = true\n\n[[people]]"),
            "{text}"
        );
        assert_eq!(Referral::from_toml(&text).unwrap(), r);
        let s = check(&plan(), &r, MapBounds::cantal()).unwrap();
        assert_eq!(s.people[16].id, "B17");
    }

    #[test]
    fn windows_are_read_as_in_the_scenario() {
        let w = windows_field("tous=après-midi; jeudi=10:00-11:30, 14:00-17:00").unwrap();
        assert_eq!(w["tous"], toml::Value::String("après-midi".into()));
        assert_eq!(
            w["jeudi"],
            toml::Value::Array(vec!["10:00-11:30".into(), "14:00-17:00".into()])
        );
        assert!(windows_field("jeudi").is_err());
        assert!(windows_field("jeudi=").is_err());
        assert!(windows_field("").unwrap().is_empty());
    }

    #[test]
    fn the_next_code_follows_the_last() {
        assert_eq!(next_id(&default_scenario()), "B17");
    }
}
