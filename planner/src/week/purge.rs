//! The right to erasure: a person taken out of a scenario text and out of a plan, leaving no
//! trace of them (their visits, their escorts, their requests not planned) and the rest as it
//! was: the scenario text keeps its comments and layout (`toml_edit`), the days they were
//! visited on are re-timed without them, hours and totals follow.

use super::build::Instance;
use super::model::Scenario;
use super::plan::{Plan, PlanError, StopKind, refresh, retime_day};
use super::roads::Roads;
use super::validate::validate;
use toml_edit::{DocumentMut, Item, Value};

/// What was taken out of a scenario text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Removed {
    /// `[[people]]` tables with the id (1 normally; 0 if the person is not in this text).
    pub people: usize,
    /// Ids of the escorts of the person, taken out with them.
    pub escorts: Vec<String>,
}

/// Why a file could not be purged.
#[derive(Debug, thiserror::Error)]
pub enum PurgeError {
    #[error("not a TOML file ({0})")]
    Toml(String),
    #[error(transparent)]
    Plan(#[from] PlanError),
}

/// Takes the person `id` (and the escorts that name them) out of a scenario or referral text,
/// keeping everything else as written.
pub fn purge_text(text: &str, id: &str) -> Result<(String, Removed), PurgeError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| PurgeError::Toml(e.message().to_string()))?;
    let people = retain(
        &mut doc,
        "people",
        |t| field(t, "id") != Some(id),
        &mut |_| {},
    );
    let mut escorts = Vec::new();
    retain(
        &mut doc,
        "escorts",
        |t| field(t, "person") != Some(id),
        &mut |t| escorts.push(field(t, "id").unwrap_or("").to_string()),
    );
    Ok((doc.to_string(), Removed { people, escorts }))
}

fn field<'t>(t: &'t dyn toml_edit::TableLike, key: &str) -> Option<&'t str> {
    t.get(key).and_then(Item::as_str)
}

/// Keeps the tables of the array `key` for which `keep` holds (as `[[key]]` or an inline
/// array); calls `gone` on each removed one; returns how many were removed.
fn retain(
    doc: &mut DocumentMut,
    key: &str,
    keep: impl Fn(&dyn toml_edit::TableLike) -> bool,
    gone: &mut dyn FnMut(&dyn toml_edit::TableLike),
) -> usize {
    let Some(item) = doc.get_mut(key) else {
        return 0;
    };
    let mut n = 0;
    if let Some(tables) = item.as_array_of_tables_mut() {
        let before = tables.len();
        for t in tables.iter().filter(|t| !keep(*t)) {
            gone(t);
        }
        tables.retain(|t| keep(t));
        n = before - tables.len();
    } else if let Some(array) = item.as_array_mut() {
        let before = array.len();
        for v in array.iter() {
            if let Value::InlineTable(t) = v
                && !keep(t)
            {
                gone(t);
            }
        }
        array.retain(|v| !matches!(v, Value::InlineTable(t) if !keep(t)));
        n = before - array.len();
    }
    n
}

/// What a plan lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanPurge {
    pub removed: Removed,
    /// Stops taken out of tours (visits and escort legs).
    pub stops: usize,
    /// Requests not planned taken out of the list.
    pub unplanned: usize,
    /// Days re-timed, and days dropped for having no visit left.
    pub retimed: usize,
    pub dropped_days: usize,
}

impl PlanPurge {
    pub fn changed(&self) -> bool {
        self.removed.people > 0 || self.stops > 0 || self.unplanned > 0
    }
}

/// Takes the person `id` out of a plan: out of the scenario inside it, out of its tours (the
/// days they were on re-timed on `roads`, a day left without any visit dropped), out of the
/// requests not planned; hours and totals recomputed. The plan's `cost` is left as it was
/// written (the objective of the search that made it).
pub fn purge_plan(plan: &mut Plan, id: &str, roads: &Roads) -> Result<PlanPurge, PurgeError> {
    let (text, removed) = purge_text(&plan.scenario, id)?;
    let gone = |kind: StopKind, sid: Option<&str>| match kind {
        StopKind::Visit => sid == Some(id),
        StopKind::Escort => sid.is_some_and(|e| removed.escorts.iter().any(|x| x == e)),
        _ => false,
    };
    let mut out = PlanPurge::default();
    let mut touched = Vec::new();
    for day in &mut plan.days {
        let before = day.stops.len();
        day.stops.retain(|s| !gone(s.kind, s.id.as_deref()));
        if day.stops.len() != before {
            out.stops += before - day.stops.len();
            touched.push((day.date, day.crew.clone()));
        }
    }
    let before = plan.unplanned.len();
    plan.unplanned.retain(|u| {
        let kind = match u.kind.as_str() {
            "visit" => StopKind::Visit,
            "escort" => StopKind::Escort,
            _ => StopKind::Permanence,
        };
        !gone(kind, Some(&u.id))
    });
    out.unplanned = before - plan.unplanned.len();
    out.removed = removed;
    if !out.changed() {
        return Ok(out);
    }
    plan.scenario = text;
    let scenario = purged_scenario(plan, roads)?;
    let inst = Instance::new(&scenario, plan.horizon());
    let has_job = |d: &super::plan::DayPlan| {
        d.stops.iter().any(|s| {
            matches!(
                s.kind,
                StopKind::Visit | StopKind::Permanence | StopKind::Escort
            )
        })
    };
    let days_before = plan.days.len();
    plan.days.retain(has_job);
    out.dropped_days = days_before - plan.days.len();
    let problem = inst.problem(&roads.travel(&inst.points()));
    for i in 0..plan.days.len() {
        let d = &plan.days[i];
        if touched.contains(&(d.date, d.crew.clone())) {
            retime_day(plan, &inst, &problem, i)?;
            out.retimed += 1;
        }
    }
    refresh(plan, &inst);
    Ok(out)
}

fn purged_scenario(plan: &Plan, roads: &Roads) -> Result<Scenario, PurgeError> {
    validate(&plan.scenario, &plan.scenario_file, roads.bounds()).map_err(|diags| {
        PurgeError::Plan(PlanError::Scenario {
            path: plan.scenario_file.clone(),
            diags,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"# équipe
[team]
base = { commune = "Mauriac" }

# la première
[[people]]
id = "B01"
address = "chez B01"

[[people]]
id = "B02" # elle
notes = "secret"

[[escorts]]
id = "E1"
person = "B02"

[[escorts]]
id = "E2"
person = "B01"
"#;

    #[test]
    fn a_person_and_their_escorts_leave_the_rest_as_written() {
        let (text, removed) = purge_text(TEXT, "B02").expect("purge");
        assert_eq!(removed.people, 1);
        assert_eq!(removed.escorts, vec!["E1".to_string()]);
        assert!(!text.contains("B02") && !text.contains("secret") && !text.contains("E1"));
        assert!(text.starts_with("# équipe\n[team]\nbase = { commune = \"Mauriac\" }\n"));
        assert!(text.contains("# la première\n[[people]]\nid = \"B01\"\naddress = \"chez B01\""));
        assert!(text.contains("id = \"E2\"\nperson = \"B01\""));
        let (same, none) = purge_text(TEXT, "B99").expect("purge");
        assert_eq!((same.as_str(), none), (TEXT, Removed::default()));
        let inline = "people = [{ id = \"B01\" }, { id = \"B02\" }]\n";
        let (text, removed) = purge_text(inline, "B01").expect("purge");
        assert_eq!(removed.people, 1);
        assert!(!text.contains("B01") && text.contains("B02"), "{text}");
        assert!(purge_text("[team", "B01").is_err());
    }
}
