//! Team, workers, permanences and escorts: from file entries to the model.

use super::Ctx;
use super::people;
use crate::tr;
use crate::units::Duration;
use crate::week::model::*;
use crate::week::scenario::*;
use crate::week::terms::{self, DayParts};
use crate::week::territory::Territory;
use std::collections::{BTreeSet, HashSet};

/// Every entry, in file order; `None` if any of them has a problem.
pub(super) fn build(cx: &mut Ctx<'_>, f: &ScenarioFile) -> Option<Scenario> {
    let team = team(cx, &f.team);
    let workers = workers(cx, &f.workers, team.as_ref());
    let permanences: Vec<_> = f
        .permanences
        .iter()
        .enumerate()
        .filter_map(|(i, p)| permanence(cx, i, p))
        .collect();
    unique(
        cx,
        "permanences",
        f.permanences.iter().map(|p| p.id.as_str()),
    );
    let team = team?;
    let people = people::people(cx, &f.people, &team, &workers);
    unique(cx, "people", f.people.iter().map(|p| p.id.as_str()));
    let escorts: Vec<_> = f
        .escorts
        .iter()
        .enumerate()
        .filter_map(|(i, e)| escort(cx, i, e, &f.people))
        .collect();
    unique(cx, "escorts", f.escorts.iter().map(|e| e.id.as_str()));
    if !cx.out.is_empty() {
        return None;
    }
    Some(Scenario {
        source: cx.text.to_string(),
        file_name: cx.file.clone(),
        team,
        workers,
        permanences,
        people,
        escorts,
    })
}

/// S006 for each id seen before in the same list.
fn unique<'a>(cx: &mut Ctx<'_>, list: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            cx.err(
                "S006",
                &format!("{list}[{i}].id"),
                tr!("identifiant « {id} » en double", "duplicate id \"{id}\""),
                tr!(
                    "donnez un identifiant différent à chaque entrée de {list}",
                    "give each entry of {list} its own id"
                ),
            );
        }
    }
}

pub(super) fn time(cx: &mut Ctx<'_>, path: &str, text: &str) -> Option<Duration> {
    let t = terms::time(text);
    if t.is_none() {
        cx.err(
            "S004",
            path,
            tr!("heure invalide « {text} »", "invalid time \"{text}\""),
            tr!(
                "écrivez HH:MM entre 00:00 et 24:00, par ex. 14:30",
                "write HH:MM between 00:00 and 24:00, e.g. 14:30"
            ),
        );
    }
    t
}

pub(super) fn ordered(cx: &mut Ctx<'_>, path: &str, start: Duration, end: Duration) -> bool {
    if end <= start {
        cx.err(
            "S005",
            path,
            tr!("la fin est avant le début", "the end is before the start"),
            tr!(
                "mettez une heure de fin après l'heure de début",
                "put an end time after the start time"
            ),
        );
        return false;
    }
    true
}

pub(super) fn weekday(cx: &mut Ctx<'_>, path: &str, text: &str) -> Option<chrono::Weekday> {
    let d = terms::weekday(text);
    if d.is_none() {
        cx.err(
            "S015",
            path,
            tr!("jour inconnu « {text} »", "unknown day \"{text}\""),
            tr!(
                "écrivez lundi…dimanche (ou Monday…Sunday, lun, mon…)",
                "write Monday…Sunday (or lundi…dimanche, mon, lun…)"
            ),
        );
    }
    d
}

fn invalid(cx: &mut Ctx<'_>, path: &str, what: &str, fix_fr: &str, fix_en: &str) {
    cx.err(
        "S019",
        path,
        tr!("valeur invalide : {what}", "invalid value: {what}"),
        crate::week::text::Text::new(fix_fr, fix_en),
    );
}

fn team(cx: &mut Ctx<'_>, t: &TeamSection) -> Option<Team> {
    let base = cx.place("team.base", &t.base);
    let day_start = time(
        cx,
        "team.day_start",
        t.day_start.as_deref().unwrap_or("08:00"),
    );
    let day_end = time(cx, "team.day_end", t.day_end.as_deref().unwrap_or("18:30"));
    if let (Some(a), Some(b)) = (day_start, day_end) {
        ordered(cx, "team.day_end", a, b);
    }
    let lunch = lunch(cx, t.lunch.as_ref());
    let hours = t.hours_per_fte.unwrap_or(35.0);
    if !(1.0..=48.0).contains(&hours) {
        invalid(
            cx,
            "team.hours_per_fte",
            &format!("{hours} h"),
            "mettez entre 1 et 48 (35 en France)",
            "use 1 to 48 (35 in France)",
        );
    }
    let max_day = t.max_day_hours.unwrap_or(10.0);
    if !(1.0..=24.0).contains(&max_day) {
        invalid(
            cx,
            "team.max_day_hours",
            &format!("{max_day} h"),
            "mettez entre 1 et 24 (10 par la loi)",
            "use 1 to 24 (10 by law)",
        );
    }
    let campers = t.campers.unwrap_or(1);
    if campers == 0 {
        invalid(
            cx,
            "team.campers",
            "0",
            "il faut au moins un camping-car",
            "at least one camping-car is needed",
        );
    }
    let map = match t.map.as_deref() {
        None | Some("embedded") | Some("intégrée") | Some("") => MapChoice::Embedded,
        Some(path) => MapChoice::File(path.to_string()),
    };
    let base = base?;
    let territory = territory(cx, t.territory.as_ref(), &base)?;
    Some(Team {
        name: t
            .name
            .clone()
            .unwrap_or_else(|| "Accueil de jour itinérant".into()),
        base,
        territory,
        hours_per_fte: hours,
        max_day: Duration((max_day * 3600.0).round() as i64),
        day_start: day_start?,
        day_end: day_end?,
        lunch: lunch?,
        campers: campers as usize,
        map,
    })
}

fn lunch(cx: &mut Ctx<'_>, l: Option<&LunchEntry>) -> Option<Lunch> {
    let Some(l) = l else {
        return Some(Lunch {
            earliest: Duration(11 * 3600 + 45 * 60),
            latest: Duration(14 * 3600),
            length: Duration(45 * 60),
        });
    };
    let a = time(cx, "team.lunch.earliest", &l.earliest);
    let b = time(cx, "team.lunch.latest", &l.latest);
    if let (Some(a), Some(b)) = (a, b) {
        ordered(cx, "team.lunch.latest", a, b);
    }
    if !(15..=120).contains(&l.minutes) {
        invalid(
            cx,
            "team.lunch.minutes",
            &format!("{} min", l.minutes),
            "mettez entre 15 et 120 minutes (45 à 60 d'habitude)",
            "use 15 to 120 minutes (usually 45 to 60)",
        );
    }
    Some(Lunch {
        earliest: a?,
        latest: b?,
        length: Duration(i64::from(l.minutes) * 60),
    })
}

fn territory(cx: &mut Ctx<'_>, t: Option<&TerritoryEntry>, base: &Location) -> Option<Territory> {
    let radius = |km| Territory::Radius {
        centre: base.point,
        km,
    };
    match t {
        None => Some(radius(30.0)),
        Some(TerritoryEntry {
            arrondissement: Some(a),
            radius_km: None,
        }) => {
            let found = Territory::arrondissement(a);
            if found.is_none() {
                invalid(
                    cx,
                    "team.territory.arrondissement",
                    a,
                    "arrondissements du Cantal : 15001 Aurillac, 15002 Mauriac, 15003 Saint-Flour",
                    "arrondissements of Cantal: 15001 Aurillac, 15002 Mauriac, 15003 Saint-Flour",
                );
            }
            found
        }
        Some(TerritoryEntry {
            arrondissement: None,
            radius_km: Some(km),
        }) if *km > 0.0 => Some(radius(*km)),
        Some(_) => {
            invalid(
                cx,
                "team.territory",
                "territory",
                "donnez `arrondissement = \"15002\"` ou `radius_km = 30`, un seul des deux",
                "give `arrondissement = \"15002\"` or `radius_km = 30`, only one",
            );
            None
        }
    }
}

fn workers(cx: &mut Ctx<'_>, list: &[WorkerEntry], team: Option<&Team>) -> Vec<Worker> {
    if list.len() < 2 {
        cx.err(
            "S021",
            "workers",
            tr!(
                "il faut au moins deux intervenants (on sort toujours en binôme)",
                "at least two workers are needed (tours are always in pairs)"
            ),
            tr!("ajoutez des entrées [[workers]]", "add [[workers]] entries"),
        );
    }
    unique(cx, "workers", list.iter().map(|w| w.id.as_str()));
    let total: f64 = list.iter().map(|w| w.fte).sum();
    if !list.is_empty() && total <= 0.0 {
        cx.err(
            "S010",
            "workers",
            tr!("la somme des ETP est 0", "the FTE shares add up to 0"),
            tr!(
                "donnez à chacun sa part d'ETP, par ex. fte = 0.5",
                "give each worker their FTE share, e.g. fte = 0.5"
            ),
        );
    }
    let (start, end) = team
        .map(|t| (t.day_start, t.day_end))
        .unwrap_or((Duration(8 * 3600), Duration(18 * 3600)));
    let parts = DayParts {
        day_start: start,
        day_end: end,
    };
    list.iter()
        .enumerate()
        .filter_map(|(i, w)| worker(cx, i, w, &parts))
        .collect()
}

fn worker(cx: &mut Ctx<'_>, i: usize, w: &WorkerEntry, parts: &DayParts) -> Option<Worker> {
    let path = format!("workers[{i}]");
    if !(0.0..=1.5).contains(&w.fte) || w.fte.is_nan() {
        cx.err(
            "S010",
            &format!("{path}.fte"),
            tr!("part d'ETP invalide : {}", "invalid FTE share: {}", w.fte),
            tr!(
                "mettez un nombre entre 0 et 1 (0.5 = mi-temps)",
                "use a number from 0 to 1 (0.5 = half time)"
            ),
        );
    }
    let mut days = BTreeSet::new();
    for (j, d) in w.days.iter().enumerate() {
        if let Some(d) = weekday(cx, &format!("{path}.days[{j}]"), d) {
            days.insert(key(d));
        }
    }
    let blocks = w
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(j, b)| block(cx, &format!("{path}.blocks[{j}]"), b, parts))
        .collect();
    let absences = w
        .absences
        .iter()
        .enumerate()
        .filter_map(|(j, a)| absence(cx, &format!("{path}.absences[{j}]"), a))
        .collect();
    Some(Worker {
        id: w.id.clone(),
        name: w.name.clone().unwrap_or_else(|| w.id.clone()),
        fte: w.fte,
        days,
        skills: w.skills.iter().cloned().collect(),
        blocks,
        absences,
    })
}

fn block(cx: &mut Ctx<'_>, path: &str, b: &BlockEntry, parts: &DayParts) -> Option<Block> {
    let day = weekday(cx, &format!("{path}.day"), &b.day);
    let start = match &b.start {
        Some(s) => time(cx, &format!("{path}.start"), s),
        None => Some(parts.day_start),
    };
    let end = match &b.end {
        Some(s) => time(cx, &format!("{path}.end"), s),
        None => Some(parts.day_end),
    };
    let (start, end) = (start?, end?);
    ordered(cx, &format!("{path}.end"), start, end).then_some(())?;
    Some(Block {
        day: day?,
        start,
        end,
        reason: b.reason.clone(),
        in_fte: b.in_fte.unwrap_or(true),
    })
}

pub(super) fn date(cx: &mut Ctx<'_>, path: &str, v: &toml::Value) -> Option<chrono::NaiveDate> {
    let d = terms::date(v);
    if d.is_none() {
        cx.err(
            "S016",
            path,
            tr!("date invalide : {v}", "invalid date: {v}"),
            tr!(
                "écrivez AAAA-MM-JJ, par ex. 2026-11-20",
                "write YYYY-MM-DD, e.g. 2026-11-20"
            ),
        );
    }
    d
}

fn absence(cx: &mut Ctx<'_>, path: &str, a: &AbsenceEntry) -> Option<Absence> {
    let from = date(cx, &format!("{path}.from"), &a.from);
    let to = date(cx, &format!("{path}.to"), &a.to);
    let (from, to) = (from?, to?);
    if to < from {
        cx.err(
            "S005",
            &format!("{path}.to"),
            tr!(
                "l'absence finit avant de commencer",
                "the absence ends before it starts"
            ),
            tr!(
                "mettez `to` le même jour ou après `from`",
                "put `to` on or after `from`"
            ),
        );
        return None;
    }
    Some(Absence {
        from,
        to,
        reason: a.reason.clone(),
    })
}

fn permanence(cx: &mut Ctx<'_>, i: usize, p: &PermanenceEntry) -> Option<Permanence> {
    let path = format!("permanences[{i}]");
    let site = cx.place(&format!("{path}.site"), &p.site);
    let day = weekday(cx, &format!("{path}.day"), &p.day);
    let start = time(cx, &format!("{path}.start"), &p.start);
    let end = time(cx, &format!("{path}.end"), &p.end);
    let (start, end) = (start?, end?);
    ordered(cx, &format!("{path}.end"), start, end).then_some(())?;
    let setup = Duration(i64::from(p.setup_minutes) * 60);
    if setup > start {
        invalid(
            cx,
            &format!("{path}.setup_minutes"),
            &format!("{} min", p.setup_minutes),
            "l'installation commencerait avant minuit",
            "set-up would start before midnight",
        );
        return None;
    }
    Some(Permanence {
        id: p.id.clone(),
        site: site?,
        day: day?,
        start,
        end,
        setup,
        packup: Duration(i64::from(p.packup_minutes) * 60),
    })
}

fn escort(cx: &mut Ctx<'_>, i: usize, e: &EscortEntry, people: &[PersonEntry]) -> Option<Escort> {
    let path = format!("escorts[{i}]");
    let person = people.iter().position(|p| p.id == e.person);
    if person.is_none() {
        cx.err(
            "S017",
            &format!("{path}.person"),
            tr!(
                "personne inconnue « {} »",
                "unknown person \"{}\"",
                e.person
            ),
            tr!(
                "utilisez l'id d'une entrée [[people]]",
                "use the id of a [[people]] entry"
            ),
        );
    }
    let destination = cx.place(&format!("{path}.destination"), &e.destination);
    let day = match &e.day {
        toml::Value::String(s) if terms::weekday(s).is_some() => {
            terms::weekday(s).map(EscortDay::Weekday)
        }
        v => date(cx, &format!("{path}.day"), v).map(EscortDay::Date),
    };
    let appointment = time(cx, &format!("{path}.appointment"), &e.appointment);
    let seats = e.seats.unwrap_or(1);
    if !(1..=3).contains(&seats) {
        invalid(
            cx,
            &format!("{path}.seats"),
            &seats.to_string(),
            "le camping-car a 3 places passagers au plus",
            "the camping-car has at most 3 passenger seats",
        );
    }
    let priority = e.priority.unwrap_or(4);
    people::check_priority(cx, &format!("{path}.priority"), priority);
    Some(Escort {
        id: e.id.clone(),
        person: person?,
        destination: destination?,
        day: day?,
        appointment: appointment?,
        minutes_there: Duration(i64::from(e.minutes_there) * 60),
        return_home: e.return_home.unwrap_or(true),
        seats,
        priority,
    })
}
