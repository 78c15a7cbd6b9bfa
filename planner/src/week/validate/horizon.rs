//! Checks that depend on the planned weeks: a pair for every permanence, a possible day for
//! every person's frequency.

use super::{Ctx, MapBounds};
use crate::tr;
use crate::week::calendar::Horizon;
use crate::week::diag::Diagnostic;
use crate::week::model::*;
use crate::week::terms::day_name;
use chrono::{Datelike, Weekday};

/// S011 and S012 for this horizon (empty when all is well).
pub fn check_horizon(s: &Scenario, h: &Horizon) -> Vec<Diagnostic> {
    let mut cx = Ctx::new(&s.source, &s.file_name, MapBounds::cantal());
    for (i, p) in s.permanences.iter().enumerate() {
        permanence_pairs(&mut cx, s, h, i, p);
    }
    for (i, p) in s.people.iter().enumerate() {
        frequency_possible(&mut cx, s, i, p);
    }
    cx.out
}

/// Workers free for the whole permanence on that date.
pub fn free_for(s: &Scenario, p: &Permanence, date: chrono::NaiveDate) -> Vec<usize> {
    let (from, to) = (p.arrival(), p.end + p.packup);
    (0..s.workers.len())
        .filter(|&w| {
            let worker = &s.workers[w];
            worker.works_on(date)
                && !worker
                    .blocks_on(p.day)
                    .any(|b| b.start < to && from < b.end)
        })
        .collect()
}

fn permanence_pairs(cx: &mut Ctx<'_>, s: &Scenario, h: &Horizon, i: usize, p: &Permanence) {
    for day in 0..h.days() {
        let date = h.date(day);
        if date.weekday() != p.day || free_for(s, p, date).len() >= 2 {
            continue;
        }
        let (fr, en) = (day_name(p.day, true), day_name(p.day, false));
        cx.err(
            "S011",
            &format!("permanences[{i}].day"),
            tr!(
                "aucun binôme disponible le {fr} {date} pour la permanence {}",
                "no pair available on {en} {date} for permanence {}",
                p.id
            ),
            tr!(
                "vérifiez les jours, blocs et absences des intervenants, ou déplacez la permanence",
                "check the workers' days, blocks and absences, or move the permanence"
            ),
        );
    }
}

/// Weekdays on which at least two workers work.
fn pair_days(s: &Scenario) -> Vec<Weekday> {
    (0..7)
        .filter(|&k| s.workers.iter().filter(|w| w.days.contains(&k)).count() >= 2)
        .filter_map(|k| Weekday::try_from(k as u8).ok())
        .collect()
}

fn frequency_possible(cx: &mut Ctx<'_>, s: &Scenario, i: usize, p: &Person) {
    let days: Vec<i64> = pair_days(s)
        .into_iter()
        .filter(|d| {
            p.windows[d.num_days_from_monday() as usize]
                .iter()
                .any(|(a, b)| *b - *a >= p.visit)
        })
        .map(|d| i64::from(d.num_days_from_monday()))
        .collect();
    let ok = match p.frequency {
        Frequency::TwiceWeekly => days
            .iter()
            .any(|a| days.iter().any(|b| b - a >= 2 && 7 - (b - a) >= 2)),
        _ => !days.is_empty(),
    };
    if !ok {
        let f = p.frequency.code();
        cx.err("S012", &format!("people[{i}].frequency"),
            tr!("fréquence « {f} » impossible : aucun jour (ou pas deux jours non consécutifs) où un binôme travaille pendant ses créneaux",
                "frequency \"{f}\" impossible: no day (or not two non-consecutive days) when a pair works within the person's windows"),
            tr!("élargissez ses créneaux à d'autres jours ou changez la fréquence", "widen the windows to other days or change the frequency"));
    }
}
