//! What happened to the week, as the team says it: a partner refers someone (a referral file),
//! a person leaves, a worker is absent on a day, a visit is cancelled on a day.

use crate::tr;
use crate::week::Horizon;
use crate::week::diag::{Diagnostic, Diagnostics, Locator};
use crate::week::terms;
use crate::week::text::Text;
use chrono::{NaiveDate, Weekday};
use std::ops::Range;

/// Everything to absorb in one rebalance (any combination; an empty change re-checks the plan).
#[derive(Clone, Debug, Default)]
pub struct Change {
    /// New people and/or escorts to plan.
    pub referral: Option<Referral>,
    /// Person ids (all their visits and escorts) or escort ids leaving the plan.
    pub remove: Vec<String>,
    pub absent: Vec<Absent>,
    pub cancel: Vec<Cancel>,
    /// Plan the referral within 48 h of the start (see [`super::RebalanceOptions::from`]);
    /// also set by `urgent = true` in the referral file.
    pub urgent: bool,
}

/// A worker who will not work that day (illness, training…): their crews that day are gone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Absent {
    pub worker: String,
    pub day: DaySpec,
}

/// A visit (person id) or escort (escort id) called off on that day by the person; it stays
/// due, so the rebalance tries to plan it on another day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cancel {
    pub id: String,
    pub day: DaySpec,
}

/// A day as the user writes it: a weekday of the first planned week, or a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaySpec {
    Weekday(Weekday),
    Date(NaiveDate),
}

impl DaySpec {
    /// "mardi", "tue", "2026-12-01".
    pub fn parse(text: &str) -> Option<DaySpec> {
        if let Some(w) = terms::weekday(text) {
            return Some(DaySpec::Weekday(w));
        }
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .map(DaySpec::Date)
    }

    /// Index of the day in the horizon, if it is in it.
    pub fn resolve(&self, h: &Horizon) -> Option<usize> {
        match *self {
            DaySpec::Weekday(w) => Some(w.num_days_from_monday() as usize),
            DaySpec::Date(d) => h.day_of(d),
        }
    }
}

impl std::fmt::Display for DaySpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DaySpec::Weekday(w) => write!(f, "{}", terms::day_name(*w, true)),
            DaySpec::Date(d) => write!(f, "{d}"),
        }
    }
}

/// A referral file: one or more `[[people]]` and/or `[[escorts]]` entries, in the scenario's
/// format, plus two optional top-level keys, `referrer` (who refers: "France Services") and
/// `urgent` (true: within 48 h). Checked in the context of the plan's scenario by the
/// rebalance, which reports problems at this file's lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Referral {
    pub file: String,
    pub text: String,
    pub referrer: Option<String>,
    pub urgent: bool,
    /// Byte offset where the entries start (the top-level keys come before).
    pub(crate) body_start: usize,
    /// Whether each `[[people]]` entry, in order, sets `referrer` and `priority`.
    pub(crate) people_fields: Vec<(bool, bool)>,
}

/// The top-level keys a referral file may have besides its entries.
const ROOT_KEYS: [&str; 4] = ["referrer", "urgent", "people", "escorts"];

impl Referral {
    /// Reads a referral file: TOML syntax and top-level keys only (entries are checked with
    /// the scenario by the rebalance). Errors carry the file, line, field, code and fix.
    pub fn parse(text: &str, file: &str) -> Result<Referral, Diagnostics> {
        let doc = toml_edit::Document::parse(text.to_string())
            .map_err(|e| Diagnostics(vec![syntax(text, file, &e)]))?;
        let loc = Locator::new(text);
        let mut out = Vec::new();
        let mut bad = |code: &str, field: &str, (cause, fix): (Text, Text)| {
            let pos = loc.position(field);
            out.push(Diagnostic {
                code: code.into(),
                file: file.into(),
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
                field: field.into(),
                cause,
                fix,
            });
        };
        let root = doc.as_table();
        for (key, _) in root.iter().filter(|(k, _)| !ROOT_KEYS.contains(k)) {
            bad("S002", key, unknown_key(key));
        }
        let referrer = root.get("referrer").map(|i| i.as_str());
        if let Some(None) = referrer {
            bad("S003", "referrer", not_a("referrer"));
        }
        let urgent = root.get("urgent").map(|i| i.as_bool());
        if let Some(None) = urgent {
            bad("S003", "urgent", not_a("urgent"));
        }
        let entries = entries(root);
        for (key, _) in entries.kinds.iter().filter(|k| !k.1) {
            bad("S003", key, not_a(key));
        }
        if entries.count == 0 && entries.kinds.iter().all(|k| k.1) {
            bad("S003", "", not_a(""));
        }
        if !out.is_empty() {
            return Err(Diagnostics(out));
        }
        Ok(Referral {
            file: file.to_string(),
            text: text.to_string(),
            referrer: referrer.flatten().map(str::to_string),
            urgent: urgent.flatten().unwrap_or(false),
            body_start: line_start(text, entries.start.unwrap_or_else(|| first_header(text))),
            people_fields: entries.people_fields,
        })
    }

    /// The entries, with the top-level keys blanked out (same number of lines).
    pub(crate) fn body_keeping_lines(&self) -> String {
        let head = &self.text[..self.body_start];
        let mut out = "\n".repeat(head.matches('\n').count());
        out.push_str(&self.text[self.body_start..]);
        out
    }
}

fn unknown_key(key: &str) -> (Text, Text) {
    (
        tr!("champ inconnu « {key} »", "unknown field \"{key}\""),
        tr!(
            "une orientation contient referrer, urgent, des [[people]] et des [[escorts]]",
            "a referral holds referrer, urgent, [[people]] and [[escorts]]"
        ),
    )
}

/// Cause and fix for a top-level key of the wrong type ("" = no entry at all).
fn not_a(key: &str) -> (Text, Text) {
    match key {
        "referrer" => (
            tr!("referrer doit être un texte", "referrer must be a string"),
            tr!(
                "par exemple referrer = \"France Services\"",
                "for example referrer = \"France Services\""
            ),
        ),
        "urgent" => (
            tr!(
                "urgent doit valoir true ou false",
                "urgent must be true or false"
            ),
            tr!("écrivez urgent = true", "write urgent = true"),
        ),
        "" => (
            tr!(
                "aucune personne ni accompagnement dans l'orientation",
                "no person and no escort in the referral"
            ),
            tr!(
                "ajoutez une entrée [[people]] (et/ou [[escorts]]) comme dans le scénario",
                "add a [[people]] (and/or [[escorts]]) entry as in the scenario"
            ),
        ),
        _ => (
            tr!(
                "« {key} » doit être une liste d'entrées [[{key}]]",
                "\"{key}\" must be a list of [[{key}]] entries"
            ),
            tr!(
                "écrivez chaque entrée sous un en-tête [[{key}]]",
                "write each entry under a [[{key}]] header"
            ),
        ),
    }
}

struct Entries {
    kinds: Vec<(&'static str, bool)>,
    count: usize,
    start: Option<usize>,
    people_fields: Vec<(bool, bool)>,
}

fn entries(root: &toml_edit::Table) -> Entries {
    let mut e = Entries {
        kinds: Vec::new(),
        count: 0,
        start: None,
        people_fields: Vec::new(),
    };
    for key in ["people", "escorts"] {
        let Some(item) = root.get(key) else { continue };
        let Some(list) = item.as_array_of_tables() else {
            e.kinds.push((key, false));
            continue;
        };
        e.kinds.push((key, true));
        e.count += list.len();
        let span: Option<Range<usize>> = list.iter().filter_map(|t| t.span()).next();
        if let Some(s) = span {
            e.start = Some(e.start.map_or(s.start, |x: usize| x.min(s.start)));
        }
        if key == "people" {
            e.people_fields = list
                .iter()
                .map(|t| (t.contains_key("referrer"), t.contains_key("priority")))
                .collect();
        }
    }
    e
}

/// The first line opening a table (when the parser gives no position).
fn first_header(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// The start of the line holding byte `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

fn syntax(text: &str, file: &str, e: &toml_edit::TomlError) -> Diagnostic {
    let pos = e.span().map(|s| Locator::new(text).line_col(s.start));
    let msg = e.message().trim().to_string();
    Diagnostic {
        code: "S001".into(),
        file: file.into(),
        line: pos.map(|p| p.0),
        column: pos.map(|p| p.1),
        field: String::new(),
        cause: tr!("TOML mal formé : {msg}", "malformed TOML: {msg}"),
        fix: tr!(
            "corrigez la syntaxe à cet endroit (guillemets, crochets, virgules)",
            "fix the syntax there (quotes, brackets, commas)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "referrer = \"France Services\"\nurgent = true\n\n[[people]]\nid = \"B20\"\ncommune = \"Vebret\"\nvisit_minutes = 60\nfrequency = \"hebdomadaire\"\n";

    #[test]
    fn reads_top_level_keys_and_keeps_entry_lines() {
        let r = Referral::parse(GOOD, "b20.toml").unwrap();
        assert!(r.urgent);
        assert_eq!(r.referrer.as_deref(), Some("France Services"));
        assert_eq!(r.people_fields, vec![(false, false)]);
        let body = r.body_keeping_lines();
        assert_eq!(body.lines().count(), GOOD.lines().count());
        assert_eq!(body.lines().nth(3), Some("[[people]]"));
        assert!(!body.contains("urgent"));
    }

    #[test]
    fn reports_syntax_and_unknown_keys_with_lines() {
        let e = Referral::parse("[[people]]\nid = \"B20\n", "r.toml").unwrap_err();
        assert_eq!(e.codes(), vec!["S001"]);
        assert_eq!(e.0[0].line, Some(2));
        let e = Referral::parse("urgnet = true\n[[people]]\nid = \"B20\"\n", "r.toml").unwrap_err();
        assert_eq!(e.codes(), vec!["S002"]);
        assert_eq!(e.0[0].line, Some(1));
        let e = Referral::parse("urgent = \"oui\"\n", "r.toml").unwrap_err();
        assert_eq!(e.codes(), vec!["S003", "S003"]);
    }

    #[test]
    fn days_are_weekdays_or_dates() {
        let h = Horizon::parse_week("2026-W49", 1).unwrap();
        assert_eq!(DaySpec::parse("mardi").unwrap().resolve(&h), Some(1));
        assert_eq!(DaySpec::parse("2026-12-03").unwrap().resolve(&h), Some(3));
        assert_eq!(DaySpec::parse("2026-12-13").unwrap().resolve(&h), None);
        assert!(DaySpec::parse("mardo").is_none());
    }
}
