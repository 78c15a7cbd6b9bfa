//! Rules across days: pairs and availability, one crew a day, skills, hours, day length,
//! permanences held, frequencies and gaps.

use super::{Violation, v};
use crate::tr;
use crate::week::calendar::Horizon;
use crate::week::model::*;
use crate::week::plan::{DayPlan, Plan, StopKind, make::day_length, make::work_length};
use crate::week::text::duration_text;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

pub(super) fn check_week(s: &Scenario, plan: &Plan, out: &mut Vec<Violation>) {
    let h = plan.horizon();
    for day in &plan.days {
        pair(s, day, out);
        skills(s, day, out);
        day_hours(s, day, out);
    }
    crews_per_day(s, plan, out);
    weekly_hours(s, plan, &h, out);
    permanences_held(s, plan, &h, out);
    gaps(s, plan, &h, out);
}

/// R08: two different known workers, both working that date, no block during the tour.
fn pair(s: &Scenario, day: &DayPlan, out: &mut Vec<Violation>) {
    let date = Some(day.date);
    if day.crew[0] == day.crew[1] {
        out.push(v(
            "R08",
            date,
            Some(&day.crew[0]),
            tr!(
                "un binôme doit compter deux personnes différentes",
                "a pair must be two different people"
            ),
        ));
    }
    let (dep, back) = (
        day.stops.first().map_or(0, |x| x.start),
        day.stops.last().map_or(0, |x| x.end),
    );
    for id in &day.crew {
        let Some(w) = s.worker(id) else {
            out.push(v(
                "R08",
                date,
                Some(id),
                tr!("intervenant inconnu", "unknown worker"),
            ));
            continue;
        };
        if !w.works_on(day.date) {
            out.push(v(
                "R08",
                date,
                Some(id),
                tr!(
                    "ne travaille pas ce jour-là (jour non travaillé ou absence)",
                    "does not work that day (day off or absence)"
                ),
            ));
        }
        for b in w.blocks_on(day.date.weekday()) {
            if b.start.0 < back && dep < b.end.0 {
                out.push(v(
                    "R08",
                    date,
                    Some(id),
                    tr!(
                        "en tournée pendant « {} »",
                        "on tour during \"{}\"",
                        b.reason
                    ),
                ));
            }
        }
    }
}

/// R10: a visit needing a skill has a worker with it.
fn skills(s: &Scenario, day: &DayPlan, out: &mut Vec<Violation>) {
    for stop in &day.stops {
        let person = match stop.kind {
            StopKind::Visit => stop.id.as_deref().and_then(|id| s.person(id)),
            StopKind::Escort => stop
                .id
                .as_deref()
                .and_then(|id| s.escorts.iter().find(|e| e.id == id))
                .map(|e| &s.people[e.person]),
            _ => None,
        };
        let Some(skill) = person.and_then(|p| p.skill.as_ref()) else {
            continue;
        };
        let has = day
            .crew
            .iter()
            .filter_map(|id| s.worker(id))
            .any(|w| w.skills.contains(skill));
        if !has {
            out.push(v(
                "R10",
                Some(day.date),
                stop.id.as_deref(),
                tr!(
                    "demande la compétence « {skill} » que le binôme n'a pas",
                    "needs the skill \"{skill}\" the pair does not have"
                ),
            ));
        }
    }
}

/// R12: tour plus the blocks of that day within the maximum day.
fn day_hours(s: &Scenario, day: &DayPlan, out: &mut Vec<Violation>) {
    for id in &day.crew {
        let Some(w) = s.worker(id) else { continue };
        let blocks: i64 = w
            .blocks_on(day.date.weekday())
            .map(|b| (b.end - b.start).0)
            .sum();
        let total = day_length(day) + blocks;
        if total > s.team.max_day.0 {
            out.push(v(
                "R12",
                Some(day.date),
                Some(id),
                tr!(
                    "journée de {} (max {})",
                    "day of {} (max {})",
                    duration_text(total),
                    duration_text(s.team.max_day.0)
                ),
            ));
        }
    }
}

/// R09: a worker in at most one crew a day; at most `campers` crews a day.
fn crews_per_day(s: &Scenario, plan: &Plan, out: &mut Vec<Violation>) {
    let mut by_date: BTreeMap<NaiveDate, Vec<&DayPlan>> = BTreeMap::new();
    for d in &plan.days {
        by_date.entry(d.date).or_default().push(d);
    }
    for (date, crews) in by_date {
        if crews.len() > s.team.campers {
            out.push(v(
                "R09",
                Some(date),
                None,
                tr!(
                    "{} tournées pour {} camping-car(s)",
                    "{} tours for {} camping-car(s)",
                    crews.len(),
                    s.team.campers
                ),
            ));
        }
        for w in &s.workers {
            if crews.iter().filter(|c| c.crew.contains(&w.id)).count() > 1 {
                out.push(v(
                    "R09",
                    Some(date),
                    Some(&w.id),
                    tr!(
                        "dans deux binômes le même jour",
                        "in two pairs on the same day"
                    ),
                ));
            }
        }
    }
}

/// R11: hours per worker and ISO week within FTE share × hours, less blocks counted in the FTE;
/// a day's hours are from leaving the base to coming back, less the lunch break.
fn weekly_hours(s: &Scenario, plan: &Plan, h: &Horizon, out: &mut Vec<Violation>) {
    for week in 0..h.weeks as usize {
        for w in &s.workers {
            let used: i64 = plan
                .days
                .iter()
                .filter(|d| d.day / 7 == week && d.crew.contains(&w.id))
                .map(work_length)
                .sum();
            let blocks: i64 = (week * 7..week * 7 + 7)
                .map(|d| h.date(d))
                .filter(|&date| w.works_on(date))
                .flat_map(|date| {
                    w.blocks_on(date.weekday())
                        .filter(|b| b.in_fte)
                        .map(|b| (b.end - b.start).0)
                        .collect::<Vec<_>>()
                })
                .sum();
            let cap = ((w.fte * s.team.hours_per_fte * 3600.0).round() as i64 - blocks).max(0);
            if used > cap {
                out.push(v(
                    "R11",
                    Some(h.date(week * 7)),
                    Some(&w.id),
                    tr!(
                        "{} de tournée pour {} possibles dans la semaine",
                        "{} on tour for {} allowed in the week",
                        duration_text(used),
                        duration_text(cap)
                    ),
                ));
            }
        }
    }
}

/// R05: each permanence held on each of its days.
fn permanences_held(s: &Scenario, plan: &Plan, h: &Horizon, out: &mut Vec<Violation>) {
    for day in 0..h.days() {
        let date = h.date(day);
        for p in s.permanences.iter().filter(|p| p.day == date.weekday()) {
            let held = plan.days.iter().any(|d| {
                d.date == date
                    && d.stops
                        .iter()
                        .any(|x| x.kind == StopKind::Permanence && x.id.as_deref() == Some(&p.id))
            });
            if !held {
                out.push(v(
                    "R05",
                    Some(date),
                    Some(&p.id),
                    tr!("permanence non tenue", "permanence not held"),
                ));
            }
        }
    }
}

/// R07: days between successive visits of a person (the last visit before the horizon
/// included) at least the minimum gap, and at most the maximum gap — unless the plan reports a
/// visit of that person as not planned (the wait is then stated, with its reason), or the
/// person was already late when the horizon started.
fn gaps(s: &Scenario, plan: &Plan, h: &Horizon, out: &mut Vec<Violation>) {
    for p in &s.people {
        let mut days: Vec<(i64, NaiveDate)> = plan
            .days
            .iter()
            .filter(|d| {
                d.stops
                    .iter()
                    .any(|x| x.kind == StopKind::Visit && x.id.as_deref() == Some(&p.id))
            })
            .map(|d| (h.offset_of(d.date), d.date))
            .collect();
        days.sort();
        let last = p.last_visit_date(h.first_day).map(|d| h.offset_of(d));
        let late = last.is_some_and(|l| l + i64::from(p.max_gap_days) < 0);
        let skipped = plan
            .unplanned
            .iter()
            .any(|u| u.kind == "visit" && u.id == p.id);
        let mut prev = if late { None } else { last };
        let (m, g) = (p.frequency.min_gap(), i64::from(p.max_gap_days));
        for (off, date) in days {
            if let Some(before) = prev {
                let gap = off - before;
                if gap < m || (gap > g && !skipped) {
                    out.push(v(
                        "R07",
                        Some(date),
                        Some(&p.id),
                        tr!(
                            "{gap} jour(s) depuis la visite précédente (attendu {m} à {g})",
                            "{gap} day(s) since the previous visit (expected {m} to {g})"
                        ),
                    ));
                }
            }
            prev = Some(off);
        }
    }
}
