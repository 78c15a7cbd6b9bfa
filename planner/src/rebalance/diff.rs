//! What the rebalance changed, for a person to read in ten seconds (French by default) and as
//! JSON for the terminal UI (`tournee rebalance --json`). Ids, days, times and communes only:
//! no names, no addresses.

use super::current::{Key, Placement, placements};
use super::explain::{NotPlaced, kind_of, suggestion_text};
use super::score::{Movement, movement};
use crate::tr;
use crate::week::Lang;
use crate::week::calendar::Horizon;
use crate::week::plan::Plan;
use crate::week::terms::day_name;
use crate::week::text::{Text, duration_text, hhmm};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where and when a request takes place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct At {
    pub date: NaiveDate,
    /// "HH:MM" (escorts: when the person is picked up).
    pub start: String,
    pub crew: [String; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
}

/// A request of the plan: "visit", "escort" or "permanence", its id and occurrence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    pub kind: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<usize>,
}

/// A request placed (added) or taken off (removed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Placed {
    #[serde(flatten)]
    pub item: Item,
    pub at: At,
}

/// How an announced request changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Same day and time (within the tolerance), another pair.
    Crew,
    /// Same day, time moved by more than the tolerance.
    Time,
    /// Another day.
    Day,
    /// Moved by less than the tolerance (not counted as a change).
    Shift,
    /// Cancelled on its day (`--cancel`); `after` is where it was planned again, if anywhere.
    Cancelled,
    /// Taken out of the week to make room (`--make-room`, `--urgent`).
    Postponed,
    /// Its crew is gone and it found no other place this week.
    Dropped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Moved {
    #[serde(flatten)]
    pub item: Item,
    pub change: ChangeKind,
    pub before: At,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<At>,
}

/// The whole difference between the plan before and after the rebalance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    /// A request moved by at most this much (same day and pair) is not a change.
    pub tolerance_s: i64,
    /// New requests planned (the referral).
    pub added: Vec<Placed>,
    /// Requests to place that found no place, with reasons and what would make them fit.
    pub not_planned: Vec<NotPlaced>,
    /// Announced visits and escorts that changed: each is a phone call to make.
    pub changed: Vec<Moved>,
    /// Announced visits moved by less than the tolerance.
    pub shifted: Vec<Moved>,
    /// Visits and escorts of the people who left (`--remove`).
    pub removed: Vec<Placed>,
    /// Permanences held by another pair (or not held: `after` empty).
    pub permanences: Vec<Moved>,
    /// `changed.len()`.
    pub changed_visits: usize,
    pub drive_before_s: i64,
    pub drive_after_s: i64,
}

/// "mardi 1/12", "Tuesday 1/12".
pub fn day_words(d: NaiveDate) -> (String, String) {
    let short = format!("{}/{}", d.day(), d.month());
    (
        format!("{} {short}", day_name(d.weekday(), true)),
        format!("{} {short}", day_name(d.weekday(), false)),
    )
}

fn at(h: &Horizon, p: &Placement) -> At {
    At {
        date: h.date(p.day),
        start: hhmm(p.start),
        crew: p.crew.clone(),
        commune: p.commune.clone(),
    }
}

fn item(key: &Key) -> Item {
    let (kind, occurrence) = kind_of(key);
    Item {
        kind: kind.into(),
        id: key.id().into(),
        occurrence,
    }
}

/// What the diff is built from.
pub(crate) struct Sides<'a> {
    pub old: &'a Plan,
    pub new: &'a Plan,
    pub tolerance_s: i64,
    /// Ids of the people and escorts that left.
    pub removed: &'a [String],
    /// Keys of the requests added by the referral.
    pub added: &'a [Key],
    /// Keys cancelled, and postponed to make room.
    pub cancelled: &'a [Key],
    pub postponed: &'a [Key],
}

pub(crate) fn build(sides: &Sides<'_>, not_planned: Vec<NotPlaced>) -> Diff {
    let h = sides.old.horizon();
    let (before, after) = (placements(sides.old), placements(sides.new));
    let mut d = Diff {
        tolerance_s: sides.tolerance_s,
        added: Vec::new(),
        not_planned,
        changed: Vec::new(),
        shifted: Vec::new(),
        removed: Vec::new(),
        permanences: Vec::new(),
        changed_visits: 0,
        drive_before_s: sides.old.totals.drive_s,
        drive_after_s: sides.new.totals.drive_s,
    };
    for key in sides.added {
        if let Some(p) = after.get(key) {
            d.added.push(Placed {
                item: item(key),
                at: at(&h, p),
            });
        }
    }
    for (key, old) in &before {
        if sides.removed.iter().any(|r| r == key.id()) {
            d.removed.push(Placed {
                item: item(key),
                at: at(&h, old),
            });
            continue;
        }
        compare(sides, &mut d, &h, key, old, after.get(key));
    }
    d.changed_visits = d.changed.len();
    d
}

fn compare(
    sides: &Sides<'_>,
    d: &mut Diff,
    h: &Horizon,
    key: &Key,
    old: &Placement,
    new: Option<&Placement>,
) {
    let m = movement(old, new, sides.tolerance_s);
    let kind = if sides.cancelled.contains(key) {
        ChangeKind::Cancelled
    } else {
        match m {
            Movement::Same => return,
            Movement::Shifted(_) => ChangeKind::Shift,
            Movement::Crew => ChangeKind::Crew,
            Movement::Time(_) => ChangeKind::Time,
            Movement::Day => ChangeKind::Day,
            Movement::Gone if sides.postponed.contains(key) => ChangeKind::Postponed,
            Movement::Gone => ChangeKind::Dropped,
        }
    };
    let moved = Moved {
        item: item(key),
        change: kind,
        before: at(h, old),
        after: new.map(|p| at(h, p)),
    };
    match (key.is_personal(), kind) {
        (false, _) => d.permanences.push(moved),
        (true, ChangeKind::Shift) => d.shifted.push(moved),
        (true, _) => d.changed.push(moved),
    }
}

impl Diff {
    /// The diff in a few lines: the summary first, then each request, then the drive.
    pub fn render(&self, lang: Lang) -> String {
        let mut lines = vec![self.summary().get(lang).to_string()];
        lines.extend(
            self.added
                .iter()
                .map(|a| added_line(a).get(lang).to_string()),
        );
        lines.extend(
            self.not_planned
                .iter()
                .map(|n| not_planned_line(self, n).get(lang).to_string()),
        );
        for m in self.changed.iter().chain(&self.permanences) {
            if let Some(t) = moved_line(m) {
                lines.push(t.get(lang).to_string());
            }
        }
        lines.extend(self.removed_lines().iter().map(|t| t.get(lang).to_string()));
        if !self.shifted.is_empty() {
            lines.push(self.shifted_line().get(lang).to_string());
        }
        lines.push(self.drive_line().get(lang).to_string());
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }

    /// One line: what was added or not, how many visits changed, the drive.
    pub fn summary(&self) -> Text {
        let added: Vec<String> = self.added.iter().map(|a| a.item.id.clone()).collect();
        let missing: Vec<String> = self.not_planned.iter().map(|n| n.id.clone()).collect();
        let mut fr = Vec::new();
        let mut en = Vec::new();
        if !added.is_empty() {
            fr.push(format!("ajouté : {}", added.join(", ")));
            en.push(format!("added: {}", added.join(", ")));
        }
        if !missing.is_empty() {
            fr.push(format!("non planifié : {}", missing.join(", ")));
            en.push(format!("not planned: {}", missing.join(", ")));
        }
        let n = self.changed_visits;
        fr.push(match n {
            0 => "aucune visite annoncée ne change".to_string(),
            1 => "1 visite annoncée change (prévenir la personne)".to_string(),
            _ => format!("{n} visites annoncées changent (prévenir les personnes)"),
        });
        en.push(match n {
            0 => "no announced visit changes".to_string(),
            1 => "1 announced visit changes (call the person)".to_string(),
            _ => format!("{n} announced visits change (call the people)"),
        });
        Text::new(fr.join(" ; ") + ".", en.join("; ") + ".")
    }

    fn removed_lines(&self) -> Vec<Text> {
        let mut by_id: BTreeMap<&str, Vec<&Placed>> = BTreeMap::new();
        for r in &self.removed {
            by_id.entry(r.item.id.as_str()).or_default().push(r);
        }
        by_id
            .into_iter()
            .map(|(id, list)| {
                let n = list.len();
                tr!(
                    "{id} retiré du plan ({n} passage(s) annulé(s)).",
                    "{id} taken off the plan ({n} visit(s) cancelled)."
                )
            })
            .collect()
    }

    fn shifted_line(&self) -> Text {
        let n = self.shifted.len();
        let ids: Vec<&str> = self.shifted.iter().map(|m| m.item.id.as_str()).collect();
        let (ids, tol) = (ids.join(", "), duration_text(self.tolerance_s));
        if n == 1 {
            tr!(
                "1 autre visite décalée de moins de {tol} ({ids}).",
                "1 other visit moved by less than {tol} ({ids})."
            )
        } else {
            tr!(
                "{n} autres visites décalées de moins de {tol} ({ids}).",
                "{n} other visits moved by less than {tol} ({ids})."
            )
        }
    }

    fn drive_line(&self) -> Text {
        let delta = self.drive_after_s - self.drive_before_s;
        if delta.abs() < 30 {
            let d = duration_text(self.drive_after_s);
            return tr!("Trajet inchangé ({d}).", "Drive unchanged ({d}).");
        }
        let sign = if delta < 0 { "−" } else { "+" };
        let (d, a, b) = (
            duration_text(delta.abs()),
            duration_text(self.drive_before_s),
            duration_text(self.drive_after_s),
        );
        tr!(
            "Trajet {sign}{d} ({a} → {b}).",
            "Drive {sign}{d} ({a} → {b})."
        )
    }
}

fn when(a: &At) -> (String, String) {
    let (fr, en) = day_words(a.date);
    (
        format!("{fr} à {}", a.start),
        format!("{en} at {}", a.start),
    )
}

fn place(a: &At) -> String {
    a.commune
        .as_ref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default()
}

/// The request as a subject ("B12", "Accompagnement E1"), and the French agreement.
fn noun(i: &Item) -> (String, String, &'static str) {
    match i.kind.as_str() {
        "escort" => (
            format!("Accompagnement {}", i.id),
            format!("Escort {}", i.id),
            "",
        ),
        "permanence" => (
            format!("Permanence {}", i.id),
            format!("Permanence {}", i.id),
            "e",
        ),
        _ => (i.id.clone(), i.id.clone(), "e"),
    }
}

fn added_line(a: &Placed) -> Text {
    let (fr, en) = when(&a.at);
    let (nfr, nen, e) = noun(&a.item);
    let (crew, place) = (a.at.crew.join(" + "), place(&a.at));
    tr!(
        "{nfr} ajouté{e} {fr}{place}, {crew}.",
        "{nen} added {en}{place}, {crew}."
    )
}

fn not_planned_line(diff: &Diff, n: &NotPlaced) -> Text {
    let before = diff
        .changed
        .iter()
        .chain(&diff.permanences)
        .find(|m| m.item.id == n.id && m.item.occurrence == n.occurrence)
        .map(|m| when(&m.before));
    let (was_fr, was_en) = match before {
        Some((fr, en)) => (format!(" (prévu {fr})"), format!(" (planned {en})")),
        None => (String::new(), String::new()),
    };
    let reasons = |lang| {
        let r: Vec<String> = n
            .reasons
            .iter()
            .map(|r| format!("{} [{}]", r.text.get(lang), r.code))
            .collect();
        r.join(" ; ")
    };
    let tips = |lang| {
        let t: Vec<String> = n
            .suggestions
            .iter()
            .map(|s| suggestion_text(s, &n.id).get(lang).to_string())
            .collect();
        t
    };
    let (tfr, ten) = (tips(Lang::Fr), tips(Lang::En));
    let (nfr, nen, e) = noun(&Item {
        kind: n.kind.clone(),
        id: n.id.clone(),
        occurrence: n.occurrence,
    });
    let mut fr = format!("{nfr}{was_fr} non planifié{e} : {}.", reasons(Lang::Fr));
    let mut en = format!("{nen}{was_en} not planned: {}.", reasons(Lang::En));
    if !tfr.is_empty() {
        let it = if e.is_empty() { "le" } else { "la" };
        fr.push_str(&format!("\n  → pour {it} placer : {}.", tfr.join(" ; ou ")));
        en.push_str(&format!("\n  → to place it: {}.", ten.join("; or ")));
    }
    Text::new(fr, en)
}

fn moved_line(m: &Moved) -> Option<Text> {
    let (bfr, ben) = when(&m.before);
    let (what, wen, e) = noun(&m.item);
    let Some(after) = &m.after else {
        return match m.change {
            ChangeKind::Postponed => Some(tr!(
                "{what} ({bfr}) reporté{e} à la semaine suivante pour faire de la place.",
                "{wen} ({ben}) postponed to the next week to make room."
            )),
            // Said with its reasons among the requests not planned (cancelled, dropped).
            _ => None,
        };
    };
    let (afr, aen) = when(after);
    let crew = after.crew.join(" + ");
    let was = m.before.crew.join(" + ");
    Some(match m.change {
        ChangeKind::Cancelled => tr!(
            "{what} annulé{e} {bfr}, replanifié{e} {afr} ({crew}).",
            "{wen} cancelled {ben}, planned again {aen} ({crew})."
        ),
        ChangeKind::Crew => tr!(
            "{what} {bfr} : {crew} au lieu de {was}.",
            "{wen} {ben}: {crew} instead of {was}."
        ),
        ChangeKind::Time => tr!(
            "{what} décalé{e} : {bfr} → {} ({crew}).",
            "{wen} moved: {ben} → {} ({crew}).",
            after.start
        ),
        _ => tr!(
            "{what} déplacé{e} : {bfr} → {afr} ({crew}).",
            "{wen} moved: {ben} → {aen} ({crew})."
        ),
    })
}
