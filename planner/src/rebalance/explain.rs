//! Why a request could not be placed, in plain words, and what would make it fit — each
//! suggestion computed by another attempt (hours not limited, one visit postponed, the 48 h
//! lifted), never guessed.

use super::RebalanceOptions;
use super::current::{Key, placements};
use super::search::{Outcome, Reference, attempt, pool};
use super::setup::{Role, Setup, Variant};
use crate::engine::{JobId, VehicleId};
use crate::tr;
use crate::week::plan::{Plan, Reason, unassigned_reasons};
use crate::week::text::{Text, duration_text};
use chrono::NaiveDate;
use serde::Serialize;

/// Most vehicles tried one by one to measure the hours missing.
const MAX_VEHICLES: usize = 40;
/// Most postponements tried, and kept.
const MAX_POSTPONE_TRIES: usize = 12;
const MAX_POSTPONE_KEPT: usize = 3;

/// A time and crew for a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub date: NaiveDate,
    /// Seconds since local midnight.
    pub start: i64,
    pub crew: [String; 2],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkerTime {
    pub worker: String,
    pub seconds: i64,
}

/// What would let the request in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Suggestion {
    /// Postponing this visit (of lower priority) to next week lets the request in at `slot`.
    Postpone {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        occurrence: Option<usize>,
        date: NaiveDate,
        priority: u8,
        slot: Slot,
    },
    /// With this much more time for these workers in the week, it fits at `slot`.
    Hours {
        missing: Vec<WorkerTime>,
        slot: Slot,
    },
    /// Past the 48 h asked for an urgent referral, it fits at `slot`.
    Later { slot: Slot },
}

/// A request the rebalance could not place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotPlaced {
    /// "visit", "escort" or "permanence".
    pub kind: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<usize>,
    pub reasons: Vec<Reason>,
    pub suggestions: Vec<Suggestion>,
}

pub(crate) fn kind_of(key: &Key) -> (&'static str, Option<usize>) {
    match key {
        Key::Permanence { .. } => ("permanence", None),
        Key::Visit { occurrence, .. } => ("visit", Some(*occurrence)),
        Key::Escort { .. } => ("escort", None),
    }
}

/// Explains job `j`, left out of `best`.
pub(crate) fn explain(
    setup: &Setup<'_>,
    best: &Outcome,
    refs: &Reference<'_>,
    opts: &RebalanceOptions,
    j: JobId,
) -> NotPlaced {
    let engine_reasons = best
        .solution
        .unassigned
        .iter()
        .find(|u| u.job == j)
        .map(|u| u.reasons.clone())
        .unwrap_or_default();
    let mut reasons = unassigned_reasons(setup.inst, j, &engine_reasons);
    let mut suggestions = Vec::new();
    if let Some(hours) = hours_missing(setup, refs, opts, j) {
        reasons.insert(0, team_hours(setup, &best.plan, j));
        suggestions.push(hours);
    }
    suggestions.extend(postponements(setup, refs, opts, j));
    if setup.urgent && setup.roles[j] == Role::New {
        let var = Variant {
            not_urgent: true,
            ..Variant::default()
        };
        if let Some(slot) = attempt(setup, var, refs, opts).and_then(|o| slot_of(setup, &o, j)) {
            suggestions.push(Suggestion::Later { slot });
        }
    }
    let key = &setup.keys[j];
    let (kind, occurrence) = kind_of(key);
    NotPlaced {
        kind: kind.to_string(),
        id: key.id().to_string(),
        occurrence,
        reasons,
        suggestions,
    }
}

/// Where job `j` is in an outcome's plan.
pub(crate) fn slot_of(setup: &Setup<'_>, o: &Outcome, j: JobId) -> Option<Slot> {
    if !o.served(j) {
        return None;
    }
    let p = placements(&o.plan).get(&setup.keys[j])?.clone();
    Some(Slot {
        date: setup.inst.horizon.date(p.day),
        start: p.start,
        crew: p.crew,
    })
}

/// "The team has 1 h 31 free out of 40 h 45 this week (camille 38 min, …)", for the weeks
/// the request may take.
fn team_hours(setup: &Setup<'_>, plan: &Plan, j: JobId) -> Reason {
    let h = &setup.inst.horizon;
    let (first, last) = setup.inst.demands[j].days();
    let weeks: Vec<String> = (h.week_of(first)..=h.week_of(last))
        .filter_map(|w| h.week_labels().get(w).cloned())
        .collect();
    let rows: Vec<_> = plan
        .workers
        .iter()
        .filter(|w| weeks.contains(&w.week))
        .collect();
    let free: i64 = rows.iter().map(|w| (w.cap_s - w.planned_s).max(0)).sum();
    let cap: i64 = rows.iter().map(|w| w.cap_s).sum();
    let each: Vec<String> = rows
        .iter()
        .map(|w| format!("{} {}", w.id, duration_text((w.cap_s - w.planned_s).max(0))))
        .collect();
    let (free, cap, each) = (duration_text(free), duration_text(cap), each.join(", "));
    Reason {
        code: "U02".into(),
        text: tr!(
            "l'équipe a {free} de libres sur {cap} ({each})",
            "the team has {free} free out of {cap} ({each})"
        ),
    }
}

/// With weekly hours not limited, the crew that lacks least: how much each of its workers
/// lacks, and where the request would go.
fn hours_missing(
    setup: &Setup<'_>,
    refs: &Reference<'_>,
    opts: &RebalanceOptions,
    j: JobId,
) -> Option<Suggestion> {
    let vehicles: Vec<VehicleId> = setup
        .allowed(j, &Variant::default())
        .into_iter()
        .take(MAX_VEHICLES)
        .collect();
    let mut best: Option<(i64, Vec<WorkerTime>, Slot)> = None;
    for v in vehicles {
        let var = Variant {
            relax_hours: true,
            only: Some((j, vec![v])),
            ..Variant::default()
        };
        let Some(o) = attempt(setup, var, refs, opts) else {
            continue;
        };
        let Some(slot) = slot_of(setup, &o, j) else {
            continue;
        };
        let week =
            setup.inst.horizon.week_labels()[setup.inst.horizon.week_of(setup.day_of(v))].clone();
        let missing: Vec<WorkerTime> = o
            .plan
            .workers
            .iter()
            .filter(|w| w.week == week && slot.crew.contains(&w.id) && w.planned_s > w.cap_s)
            .map(|w| WorkerTime {
                worker: w.id.clone(),
                seconds: w.planned_s - w.cap_s,
            })
            .collect();
        let total: i64 = missing.iter().map(|m| m.seconds).sum();
        if !missing.is_empty() && best.as_ref().is_none_or(|b| total < b.0) {
            best = Some((total, missing, slot));
        }
    }
    best.map(|(_, missing, slot)| Suggestion::Hours { missing, slot })
}

/// Held visits of lower priority whose postponement to next week lets `j` in.
fn postponements(
    setup: &Setup<'_>,
    refs: &Reference<'_>,
    opts: &RebalanceOptions,
    j: JobId,
) -> Vec<Suggestion> {
    let mine = setup.priority(j);
    let ranked = pool(setup, usize::MAX);
    let lower: Vec<JobId> = ranked
        .iter()
        .copied()
        .filter(|&c| setup.priority(c) < mine)
        .collect();
    let mut candidates = if lower.is_empty() {
        ranked
            .into_iter()
            .filter(|&c| setup.priority(c) <= mine)
            .collect()
    } else {
        lower
    };
    candidates.sort_by_key(|&c| setup.priority(c));
    let mut out = Vec::new();
    for c in candidates.into_iter().take(MAX_POSTPONE_TRIES) {
        let var = Variant {
            postponed: vec![c],
            ..Variant::default()
        };
        let Some(slot) = attempt(setup, var, refs, opts).and_then(|o| slot_of(setup, &o, j)) else {
            continue;
        };
        let day = setup.current.placed[c].as_ref().map_or(0, |p| p.day);
        out.push(Suggestion::Postpone {
            id: setup.keys[c].id().to_string(),
            occurrence: kind_of(&setup.keys[c]).1,
            date: setup.inst.horizon.date(day),
            priority: setup.priority(c),
            slot,
        });
        if out.len() == MAX_POSTPONE_KEPT {
            break;
        }
    }
    out
}

/// Text of a suggestion (ids, days and times only).
pub fn suggestion_text(s: &Suggestion, what: &str) -> Text {
    let at = |slot: &Slot| {
        let (fr, en) = super::diff::day_words(slot.date);
        let t = crate::week::text::hhmm(slot.start);
        let crew = slot.crew.join(" + ");
        (
            format!("{fr} à {t} ({crew})"),
            format!("{en} at {t} ({crew})"),
        )
    };
    match s {
        Suggestion::Postpone {
            id,
            date,
            priority,
            slot,
            ..
        } => {
            let (dfr, den) = super::diff::day_words(*date);
            let (sfr, sen) = at(slot);
            tr!(
                "reporter {id} (priorité {priority}, {dfr}) à la semaine suivante : {what} passerait {sfr}",
                "postpone {id} (priority {priority}, {den}) to the next week: {what} would fit {sen}"
            )
        }
        Suggestion::Hours { missing, slot } => {
            let list = |word: &str| {
                let items: Vec<String> = missing
                    .iter()
                    .map(|m| format!("{} {word} {}", duration_text(m.seconds), m.worker))
                    .collect();
                items.join(", ")
            };
            let (lfr, len, (sfr, sen)) = (list("à"), list("for"), at(slot));
            tr!(
                "il manque {lfr} dans la semaine pour placer {what} {sfr}",
                "{what} would fit {sen} with {len} more in the week"
            )
        }
        Suggestion::Later { slot } => {
            let (sfr, sen) = at(slot);
            tr!(
                "hors des 48 h, {what} passerait {sfr}",
                "beyond the 48 h, {what} would fit {sen}"
            )
        }
    }
}
