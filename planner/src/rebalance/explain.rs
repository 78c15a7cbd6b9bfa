//! Why a request could not be placed, in plain words, and what would make it fit — each
//! suggestion computed by another attempt (hours not limited, one visit postponed, the 48 h
//! lifted), never guessed.

use super::RebalanceOptions;
use super::current::{Key, placements};
use super::score::{Movement, movement};
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
    /// With this much more time for these workers in the week (and these announced visits
    /// moved, or postponed to the next week), it fits at `slot`.
    Hours {
        missing: Vec<WorkerTime>,
        slot: Slot,
        moving: Vec<String>,
        postponing: Vec<String>,
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
    let hours = hours_missing(setup, refs, opts, j);
    let full = reasons.iter().any(|r| r.code == "U02" || r.code == "U07");
    if hours.is_some() || full {
        reasons.insert(0, team_hours(setup, &best.plan, j));
    }
    suggestions.extend(hours);
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

/// With weekly hours not limited, the crew that lacks least (moving the fewest visits of its
/// tour): how much each of its workers lacks, and where the request would go.
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
    let mut best: Option<((usize, i64), Suggestion)> = None;
    for v in vehicles {
        let Some(s) = hours_on(setup, refs, opts, j, v) else {
            continue;
        };
        let Suggestion::Hours {
            missing,
            moving,
            postponing,
            ..
        } = &s
        else {
            continue;
        };
        let key = (
            moving.len() + 2 * postponing.len(),
            missing.iter().map(|m| m.seconds).sum::<i64>(),
        );
        if !missing.is_empty() && best.as_ref().is_none_or(|b| key < b.0) {
            best = Some((key, s));
        }
    }
    best.map(|b| b.1)
}

/// `j` on vehicle `v` with hours not limited: with every visit held, else with the visits of
/// `v`'s tour free to move, else with those of no higher priority (escorts apart) postponed.
fn hours_on(
    setup: &Setup<'_>,
    refs: &Reference<'_>,
    opts: &RebalanceOptions,
    j: JobId,
    v: VehicleId,
) -> Option<Suggestion> {
    let tour: Vec<JobId> = (0..setup.roles.len())
        .filter(|&k| setup.keys[k].is_personal())
        .filter(
            |&k| matches!(setup.roles[k], Role::Held { vehicle, fixed: false, .. } if vehicle == v),
        )
        .collect();
    let yielding: Vec<JobId> = tour
        .iter()
        .copied()
        .filter(|&k| {
            setup.priority(k) <= setup.priority(j) && !matches!(setup.keys[k], Key::Escort { .. })
        })
        .collect();
    let base = Variant {
        relax_hours: true,
        only: Some((j, vec![v])),
        ..Variant::default()
    };
    let mut tries = vec![base.clone()];
    if !tour.is_empty() {
        tries.push(Variant {
            freed: tour,
            ..base.clone()
        });
    }
    if !yielding.is_empty() {
        tries.push(Variant {
            postponed: yielding,
            ..base
        });
    }
    let (o, slot) = tries.into_iter().find_map(|var| {
        let o = attempt(setup, var, refs, opts)?;
        let slot = slot_of(setup, &o, j)?;
        Some((o, slot))
    })?;
    Some(hours_of(setup, refs, &o, slot, v))
}

/// What the crew of `v` lacks in `o`, and the announced visits `o` moves or postpones.
fn hours_of(
    setup: &Setup<'_>,
    refs: &Reference<'_>,
    o: &Outcome,
    slot: Slot,
    v: VehicleId,
) -> Suggestion {
    let h = &setup.inst.horizon;
    let week = h.week_labels()[h.week_of(setup.day_of(v))].clone();
    let missing = o
        .plan
        .workers
        .iter()
        .filter(|w| w.week == week && slot.crew.contains(&w.id) && w.planned_s > w.cap_s)
        .map(|w| WorkerTime {
            worker: w.id.clone(),
            seconds: w.planned_s - w.cap_s,
        })
        .collect();
    let after = placements(&o.plan);
    let (mut moving, mut postponing) = (Vec::new(), Vec::new());
    // Requests to place (a crew gone, a cancellation) change anyway: not worth saying.
    let forced: Vec<&super::current::Key> = (0..setup.roles.len())
        .filter(|&k| setup.roles[k].to_place())
        .map(|k| &setup.keys[k])
        .collect();
    for (k, p) in refs.announced.iter().filter(|(k, _)| !forced.contains(k)) {
        match movement(p, after.get(k), setup.tolerance.0) {
            Movement::Gone => postponing.push(k.id().to_string()),
            m if m.changed() => moving.push(k.id().to_string()),
            _ => {}
        }
    }
    Suggestion::Hours {
        missing,
        slot,
        moving,
        postponing,
    }
}

/// Held visits of lower (then equal) priority whose postponement to next week lets `j` in.
fn postponements(
    setup: &Setup<'_>,
    refs: &Reference<'_>,
    opts: &RebalanceOptions,
    j: JobId,
) -> Vec<Suggestion> {
    let mine = setup.priority(j);
    let ranked = pool(setup, usize::MAX);
    // Escorts keep their appointment: never suggested for postponing.
    let ranked: Vec<JobId> = ranked
        .into_iter()
        .filter(|&c| !matches!(setup.keys[c], Key::Escort { .. }))
        .collect();
    let mut candidates: Vec<JobId> = ranked
        .into_iter()
        .filter(|&c| setup.priority(c) <= mine)
        .collect();
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
        Suggestion::Hours {
            missing,
            slot,
            moving,
            postponing,
        } => hours_text(missing, slot, moving, postponing, what),
        Suggestion::Later { slot } => {
            let (sfr, sen) = at(slot);
            tr!(
                "hors des 48 h, {what} passerait {sfr}",
                "beyond the 48 h, {what} would fit {sen}"
            )
        }
    }
}

/// "mardi 1/12 à 14:00 (camille + dominique)".
fn at(slot: &Slot) -> (String, String) {
    let (fr, en) = super::diff::day_words(slot.date);
    let t = crate::week::text::hhmm(slot.start);
    let crew = slot.crew.join(" + ");
    (
        format!("{fr} à {t} ({crew})"),
        format!("{en} at {t} ({crew})"),
    )
}

fn hours_text(
    missing: &[WorkerTime],
    slot: &Slot,
    moving: &[String],
    postponing: &[String],
    what: &str,
) -> Text {
    let list = |word: &str| {
        let items: Vec<String> = missing
            .iter()
            .map(|m| format!("{} {word} {}", duration_text(m.seconds), m.worker))
            .collect();
        items.join(", ")
    };
    let (lfr, len, (sfr, sen)) = (list("à"), list("for"), at(slot));
    let (mut mfr, mut men) = (String::new(), String::new());
    if !moving.is_empty() {
        mfr.push_str(&format!(", en déplaçant {}", moving.join(", ")));
        men.push_str(&format!(", moving {}", moving.join(", ")));
    }
    if !postponing.is_empty() {
        let ids = postponing.join(", ");
        mfr.push_str(&format!(", en reportant {ids} à la semaine suivante"));
        men.push_str(&format!(", postponing {ids} to the next week"));
    }
    tr!(
        "il manque {lfr} dans la semaine pour placer {what} {sfr}{mfr}",
        "{what} would fit {sen} with {len} more in the week{men}"
    )
}
