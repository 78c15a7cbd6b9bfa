//! Rules within one day: structure, drives, base, windows, permanences, escorts, lunch.

use super::{Violation, v};
use crate::tr;
use crate::week::model::*;
use crate::week::plan::{DayPlan, Leg, Plan, PlanStop, StopKind};
use crate::week::text::{Text, hhmm};
use crate::week::travel::TravelTimes;
use chrono::Datelike;
use maps::LatLon;

/// The distinct points of the plan, and for each day the point index of each stop.
pub(super) struct Places {
    pub points: Vec<LatLon>,
    pub of_day: Vec<Vec<Option<usize>>>,
}

/// Where each stop is, from the scenario alone (`None` for drives and lunch).
pub(super) fn places(s: &Scenario, plan: &Plan, out: &mut Vec<Violation>) -> Places {
    let mut points: Vec<LatLon> = vec![s.team.base.point];
    let mut index = |p: LatLon| match points.iter().position(|q| *q == p) {
        Some(i) => i,
        None => {
            points.push(p);
            points.len() - 1
        }
    };
    let mut of_day = Vec::new();
    for day in &plan.days {
        let mut idx = Vec::new();
        for stop in &day.stops {
            let point = match stop_point(s, stop) {
                Ok(p) => p,
                Err(()) => {
                    let id = stop.id.as_deref().unwrap_or("?");
                    out.push(v(
                        "R15",
                        Some(day.date),
                        Some(id),
                        tr!(
                            "étape inconnue du scénario ({:?})",
                            "stop unknown to the scenario ({:?})",
                            stop.kind
                        ),
                    ));
                    None
                }
            };
            idx.push(point.map(&mut index));
        }
        of_day.push(idx);
    }
    Places { points, of_day }
}

fn stop_point(s: &Scenario, stop: &PlanStop) -> Result<Option<LatLon>, ()> {
    let id = stop.id.as_deref().unwrap_or("");
    Ok(Some(match stop.kind {
        StopKind::Departure | StopKind::Return => s.team.base.point,
        StopKind::Drive | StopKind::Lunch => return Ok(None),
        StopKind::Permanence => {
            s.permanences
                .iter()
                .find(|p| p.id == id)
                .ok_or(())?
                .site
                .point
        }
        StopKind::Visit => s.person(id).ok_or(())?.visit_location().point,
        StopKind::Escort => {
            let e = s.escorts.iter().find(|e| e.id == id).ok_or(())?;
            match stop.leg {
                Some(Leg::Appointment) => e.destination.point,
                _ => s.people[e.person].visit_location().point,
            }
        }
    }))
}

pub(super) fn check_day(
    s: &Scenario,
    day: &DayPlan,
    at: &[Option<usize>],
    times: &TravelTimes,
    out: &mut Vec<Violation>,
) {
    let date = Some(day.date);
    let (first, last) = (day.stops.first(), day.stops.last());
    if first.map(|x| x.kind) != Some(StopKind::Departure)
        || last.map(|x| x.kind) != Some(StopKind::Return)
    {
        out.push(v(
            "R01",
            date,
            None,
            tr!(
                "la journée doit commencer par le départ de la base et finir par le retour",
                "the day must start with leaving the base and end with the return"
            ),
        ));
        return;
    }
    order_and_drives(day, at, times, out);
    let (dep, back) = (day.stops[0].start, day.stops[day.stops.len() - 1].end);
    if dep < s.team.day_start.0 || back > s.team.day_end.0 {
        out.push(v(
            "R03",
            date,
            None,
            tr!(
                "tournée {}–{} hors de la journée de travail ({}–{})",
                "tour {}–{} outside the working day ({}–{})",
                hhmm(dep),
                hhmm(back),
                hhmm(s.team.day_start.0),
                hhmm(s.team.day_end.0)
            ),
        ));
    }
    for stop in &day.stops {
        stop_rules(s, day, stop, out);
    }
    escorts_back_to_back(day, out);
    lunch(s, day, out);
}

/// R01 times in order; R02 the drives between two places add up to the map's drive, and the
/// crew arrives no earlier than those drives and any lunch taken on the way allow.
fn order_and_drives(
    day: &DayPlan,
    at: &[Option<usize>],
    times: &TravelTimes,
    out: &mut Vec<Violation>,
) {
    let date = Some(day.date);
    let mut clock = day.stops[0].start;
    // When the crew left the last place, what it drove since, and the time that took (drives
    // and lunches on the way).
    let (mut left, mut place) = (clock, at[0]);
    let (mut driven_s, mut driven_m, mut busy) = (0, 0, 0);
    for (k, stop) in day.stops.iter().enumerate().skip(1) {
        let id = stop.id.as_deref();
        if stop.start < clock || stop.end < stop.start || stop.start < stop.arrival {
            out.push(v(
                "R01",
                date,
                id,
                tr!(
                    "horaires en désordre à {}",
                    "times out of order at {}",
                    hhmm(stop.start)
                ),
            ));
        }
        clock = clock.max(stop.end);
        match (stop.kind, at[k]) {
            (StopKind::Drive, _) => {
                (driven_s, driven_m, busy) = (
                    driven_s + stop.drive_s,
                    driven_m + stop.drive_m,
                    busy + stop.drive_s,
                );
            }
            (StopKind::Lunch, _) => busy += stop.end - stop.start,
            (_, Some(here)) => {
                let need = place
                    .and_then(|p| times.get(p, here))
                    .map(|(d, m)| (d.0, m.0));
                let drove = Drove {
                    seconds: driven_s,
                    metres: driven_m,
                    ready: left + busy,
                };
                if let Some(problem) = drive_problem(need, &drove, stop.arrival) {
                    out.push(v("R02", date, id, problem));
                }
                (place, left, driven_s, driven_m, busy) = (Some(here), clock, 0, 0, 0);
            }
            (_, None) => {}
        }
    }
}

/// What the plan drove between two places, and when the crew could be there at the earliest.
struct Drove {
    seconds: i64,
    metres: i64,
    ready: i64,
}

/// R02's problem with a drive, if any: no road on the map (`need` is `None`), a drive that
/// is not the map's, or an arrival before the drive (and any lunch on the way) is over.
fn drive_problem(need: Option<(i64, i64)>, drove: &Drove, arrival: i64) -> Option<Text> {
    match need {
        None => Some(tr!(
            "aucune route vers cette étape sur la carte",
            "no road to this stop on the map"
        )),
        Some((secs, metres)) if (drove.seconds, drove.metres) != (secs, metres) => Some(tr!(
            "trajet de {} s / {} m, la carte dit {} s / {} m",
            "drive of {} s / {} m, the map says {} s / {} m",
            drove.seconds,
            drove.metres,
            secs,
            metres
        )),
        Some(_) if arrival < drove.ready => Some(tr!(
            "arrivée à {} avant la fin du trajet ({})",
            "arrival at {} before the drive ends ({})",
            hhmm(arrival),
            hhmm(drove.ready)
        )),
        Some(_) => None,
    }
}

/// R04 windows, R05 permanence hours, R06 appointment time, R14 territory.
fn stop_rules(s: &Scenario, day: &DayPlan, stop: &PlanStop, out: &mut Vec<Violation>) {
    let id = stop.id.as_deref().unwrap_or("");
    match stop.kind {
        StopKind::Visit => visit_rules(s, day, stop, id, out),
        StopKind::Permanence => permanence_rules(s, day, stop, id, out),
        StopKind::Escort if stop.leg == Some(Leg::Appointment) => {
            appointment_rules(s, day, stop, id, out)
        }
        _ => {}
    }
}

/// R04: a visit within the person's windows of the day, as long as planned; R14: within the
/// territory.
fn visit_rules(s: &Scenario, day: &DayPlan, stop: &PlanStop, id: &str, out: &mut Vec<Violation>) {
    let Some(p) = s.person(id) else { return };
    let date = Some(day.date);
    let wd = day.date.weekday().num_days_from_monday() as usize;
    let inside = p.windows[wd]
        .iter()
        .any(|(a, b)| a.0 <= stop.start && stop.start + p.visit.0 <= b.0);
    if !inside {
        out.push(v(
            "R04",
            date,
            Some(id),
            tr!(
                "visite à {} hors de ses créneaux du jour",
                "visit at {} outside the person's windows that day",
                hhmm(stop.start)
            ),
        ));
    }
    if stop.end - stop.start < p.visit.0 {
        out.push(v(
            "R04",
            date,
            Some(id),
            tr!(
                "visite plus courte que prévu ({} min)",
                "visit shorter than planned ({} min)",
                p.visit.0 / 60
            ),
        ));
    }
    if !s.team.territory.contains(p.home.point) {
        out.push(v(
            "R14",
            date,
            Some(id),
            tr!(
                "personne hors du territoire visitée",
                "person outside the territory visited"
            ),
        ));
    }
}

/// R05: a permanence held on its day, from its arrival to the end of its packing up.
fn permanence_rules(
    s: &Scenario,
    day: &DayPlan,
    stop: &PlanStop,
    id: &str,
    out: &mut Vec<Violation>,
) {
    let Some(p) = s.permanences.iter().find(|p| p.id == id) else {
        return;
    };
    if stop.start != p.arrival().0 || stop.end < (p.end + p.packup).0 || day.date.weekday() != p.day
    {
        out.push(v(
            "R05",
            Some(day.date),
            Some(id),
            tr!(
                "permanence tenue {}–{} au lieu de {}–{}",
                "permanence held {}–{} instead of {}–{}",
                hhmm(stop.start),
                hhmm(stop.end),
                hhmm(p.arrival().0),
                hhmm((p.end + p.packup).0)
            ),
        ));
    }
}

/// R06: at the appointment in time (at most [`ESCORT_EARLY`] before it), for as long as it
/// lasts.
fn appointment_rules(
    s: &Scenario,
    day: &DayPlan,
    stop: &PlanStop,
    id: &str,
    out: &mut Vec<Violation>,
) {
    let Some(e) = s.escorts.iter().find(|e| e.id == id) else {
        return;
    };
    if stop.start > e.appointment.0
        || stop.start < (e.appointment - ESCORT_EARLY).0
        || stop.end - stop.start < e.minutes_there.0
    {
        out.push(v(
            "R06",
            Some(day.date),
            Some(id),
            tr!(
                "arrivée au rendez-vous à {} pour {}",
                "arrival at the appointment at {} for {}",
                hhmm(stop.start),
                hhmm(e.appointment.0)
            ),
        ));
    }
}

/// R06: an escort's legs follow each other with only drives between them.
fn escorts_back_to_back(day: &DayPlan, out: &mut Vec<Violation>) {
    let real: Vec<&PlanStop> = day
        .stops
        .iter()
        .filter(|s| s.kind != StopKind::Drive)
        .collect();
    for (k, stop) in real.iter().enumerate() {
        if stop.kind != StopKind::Escort || stop.leg != Some(Leg::Pickup) {
            continue;
        }
        let next = real.get(k + 1);
        if !next.is_some_and(|n| {
            n.kind == StopKind::Escort && n.id == stop.id && n.leg == Some(Leg::Appointment)
        }) {
            out.push(v(
                "R06",
                Some(day.date),
                stop.id.as_deref(),
                tr!(
                    "la personne n'est pas conduite directement au rendez-vous",
                    "the person is not driven straight to the appointment"
                ),
            ));
        }
    }
}

/// R13: one lunch, in its window, long enough (when the day spans the lunch hours).
fn lunch(s: &Scenario, day: &DayPlan, out: &mut Vec<Violation>) {
    let l = s.team.lunch;
    let lunches: Vec<&PlanStop> = day
        .stops
        .iter()
        .filter(|x| x.kind == StopKind::Lunch)
        .collect();
    let (dep, back) = (day.stops[0].start, day.stops[day.stops.len() - 1].end);
    let spans = dep <= l.latest.0 && back >= (l.earliest + l.length).0;
    let date = Some(day.date);
    match lunches.as_slice() {
        [] if spans => out.push(v(
            "R13",
            date,
            None,
            tr!("pas de pause déjeuner", "no lunch break"),
        )),
        [] => {}
        [one] => {
            if one.start < l.earliest.0
                || one.start > l.latest.0
                || one.end - one.start < l.length.0
            {
                out.push(v(
                    "R13",
                    date,
                    None,
                    tr!(
                        "déjeuner à {} ({} min) hors de sa plage {}–{}",
                        "lunch at {} ({} min) outside its window {}–{}",
                        hhmm(one.start),
                        (one.end - one.start) / 60,
                        hhmm(l.earliest.0),
                        hhmm(l.latest.0)
                    ),
                ));
            }
        }
        _ => out.push(v(
            "R13",
            date,
            None,
            tr!("plusieurs pauses déjeuner", "several lunch breaks"),
        )),
    }
}
