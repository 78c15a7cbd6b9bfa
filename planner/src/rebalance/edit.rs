//! The scenario after the change, as text: the plan carries its scenario, so a person who
//! leaves is taken out of it, an absence is written into the worker's `absences` and a
//! referral's entries are appended — comments and layout kept (toml_edit), so the next
//! rebalance, `plan --check` and the terminal UI all see the same week.

use super::RebalanceError;
use super::change::{Change, Referral};
use crate::week::diag::{Diagnostic, Diagnostics};
use crate::week::model::Scenario;
use crate::week::{Horizon, MapBounds, check_horizon, validate};
use chrono::NaiveDate;
use toml_edit::{DocumentMut, InlineTable, Item, TableLike, Value};

/// Why an absence was added (written in the scenario; never a health detail).
const ABSENCE_REASON: &str = "absence signalée (rééquilibrage)";

/// The scenario after the change.
#[derive(Debug)]
pub(crate) struct Edited {
    pub scenario: Scenario,
    /// Ids of the people and escorts added by the referral.
    pub new_people: Vec<String>,
    pub new_escorts: Vec<String>,
}

/// Applies removals, absences (`absent`: worker id and date) and the referral to the text of
/// `old`, then validates the result.
pub(crate) fn edit(
    old: &Scenario,
    change: &Change,
    absent: &[(String, NaiveDate)],
    h: &Horizon,
    bounds: MapBounds,
) -> Result<Edited, RebalanceError> {
    let mut doc: DocumentMut = old
        .source
        .parse()
        .map_err(|e| RebalanceError::Internal(format!("scenario of the plan: {e}")))?;
    for id in &change.remove {
        remove(&mut doc, old, id)?;
    }
    for (worker, date) in absent {
        add_absence(&mut doc, worker, *date)?;
    }
    let mut text = doc.to_string();
    let counts = (old.people.len(), old.escorts.len());
    let removed_people = old.people.len() - count(&doc, "people");
    let removed_escorts = old.escorts.len() - count(&doc, "escorts");
    let counts = (counts.0 - removed_people, counts.1 - removed_escorts);
    if let Some(r) = &change.referral {
        text = with_referral(&text, &old.file_name, r, counts, h, bounds, change.urgent)?;
    }
    let scenario = validate(&text, &old.file_name, bounds).map_err(|d| {
        RebalanceError::Internal(format!("edited scenario invalid: {}", d.render_en()))
    })?;
    let new_people = scenario.people[counts.0..]
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let new_escorts = scenario.escorts[counts.1..]
        .iter()
        .map(|e| e.id.clone())
        .collect();
    Ok(Edited {
        scenario,
        new_people,
        new_escorts,
    })
}

trait RenderEn {
    fn render_en(&self) -> String;
}
impl RenderEn for Diagnostics {
    fn render_en(&self) -> String {
        self.render(crate::week::Lang::En)
    }
}

fn count(doc: &DocumentMut, key: &str) -> usize {
    match doc.get(key) {
        Some(Item::ArrayOfTables(a)) => a.len(),
        Some(Item::Value(Value::Array(a))) => a.len(),
        _ => 0,
    }
}

/// The entries of `doc[key]` as tables, whatever their TOML form.
fn tables_mut<'a>(doc: &'a mut DocumentMut, key: &str) -> Vec<&'a mut dyn TableLike> {
    match doc.get_mut(key) {
        Some(Item::ArrayOfTables(a)) => a.iter_mut().map(|t| t as &mut dyn TableLike).collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter_mut()
            .filter_map(|v| v.as_inline_table_mut())
            .map(|t| t as &mut dyn TableLike)
            .collect(),
        _ => Vec::new(),
    }
}

fn str_of<'a>(t: &'a dyn TableLike, key: &str) -> Option<&'a str> {
    t.get(key).and_then(|i| i.as_str())
}

/// Keeps the entries of `doc[key]` for which `keep` holds.
fn retain(doc: &mut DocumentMut, key: &str, keep: impl Fn(&dyn TableLike) -> bool) {
    match doc.get_mut(key) {
        Some(Item::ArrayOfTables(a)) => a.retain(|t| keep(t)),
        Some(Item::Value(Value::Array(a))) => {
            a.retain(|v| v.as_inline_table().is_none_or(|t| keep(t)))
        }
        _ => {}
    }
}

/// A person (with their escorts) or an escort leaves the scenario.
fn remove(doc: &mut DocumentMut, old: &Scenario, id: &str) -> Result<(), RebalanceError> {
    if old.person(id).is_some() {
        retain(doc, "people", |t| str_of(t, "id") != Some(id));
        retain(doc, "escorts", |t| str_of(t, "person") != Some(id));
        return Ok(());
    }
    if old.escorts.iter().any(|e| e.id == id) {
        retain(doc, "escorts", |t| str_of(t, "id") != Some(id));
        return Ok(());
    }
    Err(RebalanceError::UnknownId(id.to_string()))
}

/// Writes a one-day absence into the worker's `absences`.
fn add_absence(doc: &mut DocumentMut, worker: &str, date: NaiveDate) -> Result<(), RebalanceError> {
    let day: toml_edit::Datetime = date
        .to_string()
        .parse()
        .map_err(|e| RebalanceError::Internal(format!("date {date}: {e}")))?;
    let mut entry = InlineTable::new();
    entry.insert("from", Value::from(day));
    entry.insert("to", Value::from(day));
    entry.insert("reason", Value::from(ABSENCE_REASON));
    let mut tables = tables_mut(doc, "workers");
    let table = tables
        .iter_mut()
        .find(|t| str_of(&***t, "id") == Some(worker))
        .ok_or_else(|| RebalanceError::UnknownWorker(worker.to_string()))?;
    match table.get_mut("absences") {
        None => {
            let mut list = toml_edit::Array::new();
            list.push(entry);
            table.insert("absences", Item::Value(Value::Array(list)));
        }
        Some(Item::Value(Value::Array(list))) => list.push(entry),
        Some(Item::ArrayOfTables(list)) => list.push(entry.into_table()),
        Some(_) => {
            return Err(RebalanceError::Internal(format!(
                "absences of {worker} are not a list"
            )));
        }
    }
    Ok(())
}

/// The text with the referral's entries appended, checked with the scenario; problems are
/// reported at the referral file's lines and entry indices.
fn with_referral(
    text: &str,
    file_name: &str,
    r: &Referral,
    counts: (usize, usize),
    h: &Horizon,
    bounds: MapBounds,
    urgent: bool,
) -> Result<String, RebalanceError> {
    let mut base = text.to_string();
    if !base.ends_with('\n') {
        base.push('\n');
    }
    let lines = base.matches('\n').count();
    let merged = format!("{base}{}", r.body_keeping_lines());
    let remap = |d: Diagnostic| remap(d, lines, r, counts);
    let scenario = validate(&merged, file_name, bounds)
        .map_err(|d| RebalanceError::Referral(Diagnostics(d.0.into_iter().map(remap).collect())))?;
    let about_referral: Vec<Diagnostic> = check_horizon(&scenario, h)
        .into_iter()
        .map(remap)
        .filter(|d| d.file == r.file)
        .collect();
    if !about_referral.is_empty() {
        return Err(RebalanceError::Referral(Diagnostics(about_referral)));
    }
    let header = match &r.referrer {
        Some(who) => format!("\n# Orientation ajoutée par tournee rebalance ({who})\n"),
        None => "\n# Orientation ajoutée par tournee rebalance\n".to_string(),
    };
    Ok(format!("{base}{header}{}", injected(r, urgent || r.urgent)))
}

/// The entries with `referrer` (from the top of the file) and, when urgent, `priority = 5`
/// added to each person that does not set them.
fn injected(r: &Referral, urgent: bool) -> String {
    let mut out = String::new();
    let mut person = 0;
    for line in r.text[r.body_start..].split_inclusive('\n') {
        out.push_str(line);
        if !line.trim_start().starts_with("[[people]]") {
            continue;
        }
        if !line.ends_with('\n') {
            out.push('\n');
        }
        let (has_referrer, has_priority) = r.people_fields.get(person).copied().unwrap_or_default();
        person += 1;
        if let (Some(who), false) = (&r.referrer, has_referrer) {
            out.push_str(&format!("referrer = {}\n", Value::from(who.as_str())));
        }
        if urgent && !has_priority {
            out.push_str("priority = 5\n");
        }
    }
    out
}

/// A diagnostic of the merged text, moved to the referral file where it belongs there.
fn remap(mut d: Diagnostic, lines: usize, r: &Referral, counts: (usize, usize)) -> Diagnostic {
    let mut ours = false;
    if let Some(l) = d.line
        && l > lines
    {
        d.line = Some(l - lines);
        ours = true;
    }
    for (key, n) in [("people", counts.0), ("escorts", counts.1)] {
        let prefix = format!("{key}[");
        let Some(rest) = d.field.strip_prefix(&prefix) else {
            continue;
        };
        let Some((index, tail)) = rest.split_once(']') else {
            continue;
        };
        if let Ok(i) = index.parse::<usize>()
            && i >= n
        {
            d.field = format!("{key}[{}]{tail}", i - n);
            ours = true;
        }
    }
    if ours {
        d.file = r.file.clone();
    }
    d
}
