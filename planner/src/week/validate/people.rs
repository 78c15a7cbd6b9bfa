//! People visited at home: place, frequency, windows, venue, worker and skill.

use super::Ctx;
use super::entries::{date, weekday};
use crate::tr;
use crate::units::Duration;
use crate::week::model::*;
use crate::week::scenario::PersonEntry;
use crate::week::terms::{self, DayParts, WindowError};

pub(super) fn people(
    cx: &mut Ctx<'_>,
    list: &[PersonEntry],
    team: &Team,
    workers: &[Worker],
) -> Vec<Person> {
    list.iter()
        .enumerate()
        .filter_map(|(i, p)| person(cx, i, p, team, workers))
        .collect()
}

pub(super) fn check_priority(cx: &mut Ctx<'_>, path: &str, priority: u8) {
    if !(1..=5).contains(&priority) {
        cx.err(
            "S019",
            path,
            tr!(
                "priorité invalide : {priority}",
                "invalid priority: {priority}"
            ),
            tr!(
                "mettez de 1 (peut attendre) à 5 (urgent)",
                "use 1 (can wait) to 5 (urgent)"
            ),
        );
    }
}

fn person(
    cx: &mut Ctx<'_>,
    i: usize,
    p: &PersonEntry,
    team: &Team,
    workers: &[Worker],
) -> Option<Person> {
    let path = format!("people[{i}]");
    let home = cx.location(&path, p.commune.as_deref(), p.lat, p.lon, None);
    check_visit_length(cx, &path, p.visit_minutes);
    let frequency = frequency(cx, &path, &p.frequency);
    let last_visit = match &p.last_visit {
        Some(toml::Value::Integer(n)) if (-3650..0).contains(n) => {
            Some(LastVisit::DaysBefore(n.unsigned_abs() as u32))
        }
        Some(v) => Some(LastVisit::Date(date(cx, &format!("{path}.last_visit"), v)?)),
        None => None,
    };
    let visit = Duration(i64::from(p.visit_minutes) * 60);
    let windows = windows(cx, &path, p, team, visit);
    let venue = venue(cx, &path, p);
    let meeting_point = match &p.meeting_point {
        Some(m) => cx.place(&format!("{path}.meeting_point"), m),
        None => None,
    };
    refs(cx, &path, p, workers);
    let priority = p.priority.unwrap_or(3);
    check_priority(cx, &format!("{path}.priority"), priority);
    let frequency = frequency?;
    let max_gap_days = p.max_gap_days.unwrap_or(frequency.default_max_gap());
    check_max_gap(cx, &path, max_gap_days, frequency);
    Some(Person {
        id: p.id.clone(),
        pseudonym: p.pseudonym.clone().unwrap_or_else(|| p.id.clone()),
        home: home?,
        address: p.address.clone(),
        visit,
        frequency,
        last_visit,
        max_gap_days,
        windows: windows?,
        venue: venue?,
        meeting_point,
        preferred_worker: p.preferred_worker.clone(),
        skill: p.skill.clone(),
        priority,
        referrer: p.referrer.clone(),
    })
}

/// S019: a visit lasts 15 minutes to 8 hours.
fn check_visit_length(cx: &mut Ctx<'_>, path: &str, minutes: u32) {
    if !(15..=480).contains(&minutes) {
        cx.err(
            "S019",
            &format!("{path}.visit_minutes"),
            tr!(
                "durée de visite invalide : {} min",
                "invalid visit length: {} min",
                minutes
            ),
            tr!(
                "mettez entre 15 et 480 minutes (60 à 120 d'habitude)",
                "use 15 to 480 minutes (usually 60 to 120)"
            ),
        );
    }
}

/// The visit frequency, or S019 when the word is not one of them.
fn frequency(cx: &mut Ctx<'_>, path: &str, text: &str) -> Option<Frequency> {
    let frequency = terms::frequency(text);
    if frequency.is_none() {
        cx.err(
            "S019",
            &format!("{path}.frequency"),
            tr!("fréquence inconnue « {} »", "unknown frequency \"{}\"", text),
            tr!(
                "hebdomadaire, bihebdomadaire, quinzaine ou mensuel (weekly, twice-weekly, fortnightly, monthly)",
                "weekly, twice-weekly, fortnightly or monthly (hebdomadaire, bihebdomadaire, quinzaine, mensuel)"
            ),
        );
    }
    frequency
}

/// Where the visit takes place (home by default); S019 for an unknown word, S018 for a
/// meeting point asked for but not given.
fn venue(cx: &mut Ctx<'_>, path: &str, p: &PersonEntry) -> Option<Venue> {
    let venue = match &p.venue {
        None => Some(Venue::Home),
        Some(v) => {
            let venue = terms::venue(v);
            if venue.is_none() {
                cx.err(
                    "S019",
                    &format!("{path}.venue"),
                    tr!("lieu de visite inconnu « {v} »", "unknown venue \"{v}\""),
                    tr!(
                        "domicile, camping-car ou point-de-rencontre (home, camper, meeting-point)",
                        "home, camper or meeting-point (domicile, camping-car, point-de-rencontre)"
                    ),
                );
            }
            venue
        }
    };
    if venue == Some(Venue::MeetingPoint) && p.meeting_point.is_none() {
        cx.err(
            "S018",
            &format!("{path}.venue"),
            tr!(
                "point de rencontre demandé mais non donné",
                "meeting point asked for but not given"
            ),
            tr!(
                "ajoutez meeting_point = {{ commune = \"…\", label = \"…\" }}",
                "add meeting_point = {{ commune = \"…\", label = \"…\" }}"
            ),
        );
    }
    venue
}

/// S012: the longest gap between visits cannot be shorter than the frequency's own.
fn check_max_gap(cx: &mut Ctx<'_>, path: &str, max_gap_days: u32, frequency: Frequency) {
    if i64::from(max_gap_days) < frequency.min_gap() {
        cx.err(
            "S012",
            &format!("{path}.max_gap_days"),
            tr!(
                "écart maximal de {max_gap_days} j impossible pour une visite {}",
                "a maximum gap of {max_gap_days} days is impossible for a {} visit",
                frequency.code()
            ),
            tr!(
                "mettez au moins {} jours",
                "use at least {} days",
                frequency.min_gap()
            ),
        );
    }
}

/// S013 unknown preferred worker, S014 a skill no worker has.
fn refs(cx: &mut Ctx<'_>, path: &str, p: &PersonEntry, workers: &[Worker]) {
    if let Some(w) = &p.preferred_worker
        && !workers.iter().any(|x| &x.id == w)
    {
        let ids: Vec<&str> = workers.iter().map(|w| w.id.as_str()).collect();
        let ids = ids.join(", ");
        cx.err(
            "S013",
            &format!("{path}.preferred_worker"),
            tr!("intervenant inconnu « {w} »", "unknown worker \"{w}\""),
            tr!(
                "utilisez un id de [[workers]] : {ids}",
                "use an id from [[workers]]: {ids}"
            ),
        );
    }
    if let Some(s) = &p.skill
        && !workers.iter().any(|x| x.skills.contains(s))
    {
        cx.err(
            "S014",
            &format!("{path}.skill"),
            tr!(
                "compétence « {s} » qu'aucun intervenant n'a",
                "skill \"{s}\" that no worker has"
            ),
            tr!(
                "ajoutez-la aux `skills` d'un intervenant ou corrigez le nom",
                "add it to a worker's `skills` or fix the name"
            ),
        );
    }
}

/// Windows per weekday; none given = the whole working day, every day.
fn windows(
    cx: &mut Ctx<'_>,
    path: &str,
    p: &PersonEntry,
    team: &Team,
    visit: Duration,
) -> Option<WeekWindows> {
    let parts = DayParts {
        day_start: team.day_start,
        day_end: team.day_end,
    };
    let mut week: WeekWindows = Default::default();
    let mut given = [false; 7];
    let mut ok = true;
    for (key, value) in &p.windows {
        let field = format!("{path}.windows.{key}");
        let list = match window_list(cx, &field, value, &parts) {
            Some(l) => l,
            None => {
                ok = false;
                continue;
            }
        };
        if terms::day_group(key).is_some() && terms::weekday(key).is_none() {
            for d in terms::day_group(key).unwrap_or_default() {
                if !given[d.num_days_from_monday() as usize] {
                    week[d.num_days_from_monday() as usize] = list.clone();
                }
            }
        } else if let Some(d) = weekday(cx, &field, key) {
            let i = d.num_days_from_monday() as usize;
            week[i] = list;
            given[i] = true;
        } else {
            ok = false;
        }
    }
    if p.windows.is_empty() {
        week = std::array::from_fn(|_| vec![(team.day_start, team.day_end)]);
    }
    if !ok {
        return None;
    }
    let fits = week.iter().flatten().any(|(a, b)| *b - *a >= visit);
    if !fits {
        cx.err(
            "S007",
            &format!("{path}.visit_minutes"),
            tr!(
                "la visite ({} min) est plus longue que tous ses créneaux",
                "the visit ({} min) is longer than every window",
                visit.0 / 60
            ),
            tr!(
                "raccourcissez la visite ou élargissez un créneau",
                "shorten the visit or widen a window"
            ),
        );
        return None;
    }
    Some(week)
}

fn window_list(
    cx: &mut Ctx<'_>,
    field: &str,
    value: &toml::Value,
    parts: &DayParts,
) -> Option<Vec<(Duration, Duration)>> {
    let texts: Vec<&str> = match value {
        toml::Value::String(s) => vec![s.as_str()],
        toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    };
    if texts.is_empty() {
        cx.err(
            "S019",
            field,
            tr!("créneau illisible", "unreadable window"),
            tr!(
                "écrivez \"après-midi\", \"matin\", \"14:00-17:00\" ou une liste de ceux-ci",
                "write \"afternoon\", \"morning\", \"14:00-17:00\" or a list of those"
            ),
        );
        return None;
    }
    let mut out = Vec::new();
    for t in texts {
        match terms::window(t, parts) {
            Ok(w) => out.push(w),
            Err(WindowError::BadTime(bad)) => {
                cx.err(
                    "S004",
                    field,
                    tr!(
                        "heure invalide « {bad} » dans le créneau « {t} »",
                        "invalid time \"{bad}\" in window \"{t}\""
                    ),
                    tr!(
                        "écrivez HH:MM entre 00:00 et 24:00, par ex. 14:00-17:00",
                        "write HH:MM between 00:00 and 24:00, e.g. 14:00-17:00"
                    ),
                );
                return None;
            }
            Err(WindowError::EndsBeforeStart) => {
                cx.err(
                    "S005",
                    field,
                    tr!(
                        "le créneau « {t} » finit avant de commencer",
                        "window \"{t}\" ends before it starts"
                    ),
                    tr!(
                        "mettez l'heure de début avant l'heure de fin",
                        "put the start before the end"
                    ),
                );
                return None;
            }
            Err(WindowError::Unknown) => {
                cx.err(
                    "S019",
                    field,
                    tr!("créneau inconnu « {t} »", "unknown window \"{t}\""),
                    tr!(
                        "écrivez \"après-midi\", \"matin\", \"journée\" ou \"14:00-17:00\"",
                        "write \"afternoon\", \"morning\", \"all day\" or \"14:00-17:00\""
                    ),
                );
                return None;
            }
        }
    }
    Some(out)
}
