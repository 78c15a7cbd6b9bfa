//! A solution of the engine → the plan: times, drives, hours, totals, reasons.

use super::*;
use crate::engine::{Problem, Route, RouteItem, Solution, UnassignedReason};
use crate::tr;
use crate::week::build::{DeclineReason, Declined, Demand, Instance, PlaceKind};
use crate::week::calendar::split;
use crate::week::timing::{RouteTimes, time_route};

/// What the plan records besides the solution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanMeta {
    pub seed: u64,
    pub map: String,
    pub cost: i64,
}

pub fn make_plan(
    inst: &Instance<'_>,
    problem: &Problem,
    solution: &Solution,
    meta: PlanMeta,
) -> Plan {
    let s = inst.scenario;
    let mut routes: Vec<&Route> = solution
        .routes
        .iter()
        .filter(|r| !r.items.is_empty())
        .collect();
    routes.sort_by_key(|r| (inst.crews[r.vehicle].day, r.vehicle));
    let days: Vec<DayPlan> = routes
        .iter()
        .map(|r| day_plan(inst, problem, r, &time_route(problem, r)))
        .collect();
    let mut unplanned: Vec<Unplanned> = inst.declined.iter().map(|d| declined(inst, d)).collect();
    let served: std::collections::BTreeSet<usize> = routes
        .iter()
        .flat_map(|r| r.items.iter())
        .filter_map(|i| match i {
            RouteItem::Job(j) => Some(*j),
            RouteItem::Lunch => None,
        })
        .collect();
    for j in (0..inst.demands.len()).filter(|j| !served.contains(j)) {
        let reasons = solution
            .unassigned
            .iter()
            .find(|u| u.job == j)
            .map(|u| u.reasons.clone())
            .unwrap_or_default();
        unplanned.push(unassigned(inst, j, &reasons));
    }
    let workers = hours(inst, &days);
    let totals = totals(&days, &unplanned);
    Plan {
        schema_version: SCHEMA_VERSION,
        generator: format!("tournee {}", env!("CARGO_PKG_VERSION")),
        scenario_file: s.file_name.clone(),
        scenario: s.source.clone(),
        weeks: inst.horizon.week_labels(),
        first_day: inst.horizon.first_day,
        seed: meta.seed,
        map: meta.map,
        cost: meta.cost,
        days,
        unplanned,
        workers,
        totals,
    }
}

fn stop(kind: StopKind, at: i64) -> PlanStop {
    PlanStop {
        kind,
        id: None,
        occurrence: None,
        leg: None,
        commune: None,
        arrival: at,
        start: at,
        end: at,
        drive_s: 0,
        drive_m: 0,
        locked: false,
    }
}

/// The commune shown for a location id.
fn commune(inst: &Instance<'_>, location: usize) -> String {
    let s = inst.scenario;
    match inst.places[location].kind {
        PlaceKind::Base => s.team.base.commune.clone(),
        PlaceKind::Permanence(i) => s.permanences[i].site.commune.clone(),
        PlaceKind::Person(i) => s.people[i].visit_location().commune.clone(),
        PlaceKind::Destination(i) => s.escorts[i].destination.commune.clone(),
    }
}

pub(super) fn day_plan(
    inst: &Instance<'_>,
    problem: &Problem,
    route: &Route,
    t: &RouteTimes,
) -> DayPlan {
    let crew = &inst.crews[route.vehicle];
    let s = inst.scenario;
    let clock = |x: crate::units::Duration| split(x).1.0;
    let mut stops = vec![PlanStop {
        commune: Some(s.team.base.commune.clone()),
        ..stop(StopKind::Departure, clock(t.departure))
    }];
    let mut last_end = clock(t.departure);
    for (item, times) in route.items.iter().zip(&t.items) {
        for (k, st) in times.iter().enumerate() {
            if st.travel.0 > 0 || st.distance.0 > 0 {
                let leave = clock(st.arrival) - st.travel.0;
                stops.push(PlanStop {
                    drive_s: st.travel.0,
                    drive_m: st.distance.0,
                    end: clock(st.arrival),
                    ..stop(StopKind::Drive, leave)
                });
            }
            let mut line = PlanStop {
                commune: Some(commune(inst, st.location)),
                arrival: clock(st.arrival),
                start: clock(st.start),
                end: clock(st.end),
                ..stop(StopKind::Lunch, 0)
            };
            match item {
                RouteItem::Lunch => line.commune = None,
                RouteItem::Job(j) => describe(inst, &mut line, *j, k, problem.jobs[*j].stops.len()),
            }
            last_end = line.end;
            stops.push(line);
        }
    }
    if t.return_travel.0 > 0 || t.return_distance.0 > 0 {
        stops.push(PlanStop {
            drive_s: t.return_travel.0,
            drive_m: t.return_distance.0,
            end: clock(t.back),
            ..stop(StopKind::Drive, last_end)
        });
    }
    stops.push(PlanStop {
        commune: Some(s.team.base.commune.clone()),
        ..stop(StopKind::Return, clock(t.back))
    });
    DayPlan {
        date: inst.horizon.date(crew.day),
        day: crew.day,
        crew: [
            s.workers[crew.workers[0]].id.clone(),
            s.workers[crew.workers[1]].id.clone(),
        ],
        stops,
    }
}

/// Fills kind, id, occurrence and leg of a job's stop.
fn describe(inst: &Instance<'_>, line: &mut PlanStop, job: usize, k: usize, n: usize) {
    let s = inst.scenario;
    match inst.demands[job] {
        Demand::Permanence { permanence, .. } => {
            line.kind = StopKind::Permanence;
            line.id = Some(s.permanences[permanence].id.clone());
        }
        Demand::Visit {
            person, occurrence, ..
        } => {
            line.kind = StopKind::Visit;
            line.id = Some(s.people[person].id.clone());
            line.occurrence = Some(occurrence);
        }
        Demand::Escort { escort, .. } => {
            line.kind = StopKind::Escort;
            line.id = Some(s.escorts[escort].id.clone());
            line.leg = Some(match k {
                0 => Leg::Pickup,
                1 => Leg::Appointment,
                _ if k + 1 == n => Leg::Dropoff,
                _ => Leg::Appointment,
            });
        }
    }
}

fn reason(code: &str, text: Text) -> Reason {
    Reason {
        code: code.to_string(),
        text,
    }
}

fn declined(inst: &Instance<'_>, d: &Declined) -> Unplanned {
    let s = inst.scenario;
    let territory = s.team.territory.describe();
    let (kind, id, person, why) = match *d {
        Declined::Person { person, reason } => {
            ("visit", s.people[person].id.clone(), person, reason)
        }
        Declined::Escort { escort, reason } => (
            "escort",
            s.escorts[escort].id.clone(),
            s.escorts[escort].person,
            reason,
        ),
    };
    let commune = s.people[person].home.commune.clone();
    let r = match why {
        DeclineReason::OutsideTerritory => reason(
            "U01",
            Text::new(
                format!(
                    "habite à {commune}, hors du territoire ({}) : non planifié, à orienter par téléphone vers un partenaire local",
                    territory.fr
                ),
                format!(
                    "lives in {commune}, outside the territory ({}): not planned, refer by phone to a local partner",
                    territory.en
                ),
            ),
        ),
        DeclineReason::NotInHorizon => reason(
            "U11",
            tr!(
                "le rendez-vous n'est pas dans les semaines planifiées",
                "the appointment is not in the planned weeks"
            ),
        ),
    };
    Unplanned {
        kind: kind.into(),
        id,
        occurrence: None,
        commune,
        due: None,
        reasons: vec![r],
    }
}

pub(crate) fn unassigned(
    inst: &Instance<'_>,
    job: usize,
    reasons: &[UnassignedReason],
) -> Unplanned {
    let s = inst.scenario;
    let d = inst.demands[job];
    let (kind, id, occurrence, commune, due) = match d {
        Demand::Permanence { permanence, .. } => (
            "permanence",
            s.permanences[permanence].id.clone(),
            None,
            s.permanences[permanence].site.commune.clone(),
            None,
        ),
        Demand::Visit {
            person,
            occurrence,
            due,
            ..
        } => {
            let p = &s.people[person];
            let date = inst.horizon.first_day + chrono::Duration::days(due);
            (
                "visit",
                p.id.clone(),
                Some(occurrence),
                p.visit_location().commune.clone(),
                Some(date),
            )
        }
        Demand::Escort { escort, .. } => (
            "escort",
            s.escorts[escort].id.clone(),
            None,
            s.escorts[escort].destination.commune.clone(),
            None,
        ),
    };
    Unplanned {
        kind: kind.into(),
        id,
        occurrence,
        commune,
        due,
        reasons: unassigned_reasons(inst, job, reasons),
    }
}

/// The engine's reasons in plain words, with what the week knows about the job: the weekly
/// hours limits named by worker, the camping-car limits merged into one line.
pub fn unassigned_reasons(
    inst: &Instance<'_>,
    job: usize,
    reasons: &[UnassignedReason],
) -> Vec<Reason> {
    let mut workers: Vec<String> = Vec::new();
    let mut out: Vec<Reason> = Vec::new();
    for r in reasons {
        match r {
            UnassignedReason::GroupLimit(label) if label.starts_with("heures ") => {
                let who = label.split_whitespace().nth(1).unwrap_or("").to_string();
                if !workers.contains(&who) {
                    workers.push(who);
                }
            }
            r => out.push(plain(inst, job, r)),
        }
    }
    if !workers.is_empty() {
        let who = workers.join(", ");
        out.insert(
            0,
            reason(
                "U02",
                tr!(
                    "plus assez d'heures dans la semaine pour les binômes possibles ({who})",
                    "not enough hours left in the week for the possible pairs ({who})"
                ),
            ),
        );
    }
    if out.is_empty() {
        out.push(plain(inst, job, &UnassignedReason::NotWorthIt));
    }
    let mut seen = Vec::new();
    out.retain(|r| {
        let new = !seen.contains(&r.text);
        seen.push(r.text.clone());
        new
    });
    out
}

fn plain(inst: &Instance<'_>, job: usize, r: &UnassignedReason) -> Reason {
    let skill = inst.demands[job]
        .person(inst.scenario)
        .and_then(|p| inst.scenario.people[p].skill.clone());
    match r {
        UnassignedReason::NoAllowedVehicle => match skill {
            Some(sk) => reason(
                "U04",
                tr!(
                    "aucun binôme avec la compétence « {sk} » ne travaille les jours possibles",
                    "no pair with the skill \"{sk}\" works on the possible days"
                ),
            ),
            None => reason(
                "U04",
                tr!(
                    "aucun binôme ne travaille les jours où la visite est possible",
                    "no pair works on the days the visit is possible"
                ),
            ),
        },
        UnassignedReason::WindowsUnreachable => reason(
            "U03",
            tr!(
                "créneaux inatteignables : même seule dans la journée, la visite ne tient pas dans ses créneaux",
                "windows unreachable: even alone in a day, the visit does not fit its windows"
            ),
        ),
        UnassignedReason::Capacity => reason(
            "U08",
            tr!(
                "pas assez de places dans le camping-car",
                "not enough seats in the camping-car"
            ),
        ),
        UnassignedReason::RoutesFull => reason(
            "U02",
            tr!(
                "les tournées possibles n'ont plus de temps ce(s) jour(s)-là",
                "the possible tours have no time left on those days"
            ),
        ),
        UnassignedReason::GroupLimit(_) => reason(
            "U09",
            tr!(
                "le camping-car est déjà pris par une autre tournée les jours possibles",
                "the camping-car is already out on another tour on the possible days"
            ),
        ),
        UnassignedReason::Relation(other) => {
            let other = inst
                .scenario
                .people
                .get(inst.demands[*other].person(inst.scenario).unwrap_or(0))
                .map(|p| p.id.clone())
                .unwrap_or_default();
            reason(
                "U06",
                tr!(
                    "l'écart de jours avec une autre visite ({other}) ne peut pas être tenu",
                    "the gap in days with another visit ({other}) cannot be kept"
                ),
            )
        }
        UnassignedReason::Pinned => reason(
            "U10",
            tr!(
                "fixée à une tournée où elle ne tient pas",
                "pinned to a tour where it does not fit"
            ),
        ),
        UnassignedReason::NotWorthIt => reason(
            "U07",
            tr!(
                "laissée pour des visites plus prioritaires : les heures de l'équipe sont pleines",
                "left for higher-priority visits: the team's hours are full"
            ),
        ),
    }
}

/// Recomputes the hours per worker and the totals after days were changed (moved stops,
/// re-timed days). The requests not planned are left as they are.
pub fn refresh(plan: &mut Plan, inst: &Instance<'_>) {
    plan.workers = hours(inst, &plan.days);
    plan.totals = totals(&plan.days, &plan.unplanned);
}

pub(crate) fn hours(inst: &Instance<'_>, days: &[DayPlan]) -> Vec<WorkerHours> {
    let (s, h) = (inst.scenario, &inst.horizon);
    let mut out = Vec::new();
    for (week, label) in h.week_labels().into_iter().enumerate() {
        for (w, worker) in s.workers.iter().enumerate() {
            let mine: Vec<&DayPlan> = days
                .iter()
                .filter(|d| h.week_of(d.day) == week && d.crew.contains(&worker.id))
                .collect();
            out.push(WorkerHours {
                id: worker.id.clone(),
                week: label.clone(),
                fte: worker.fte,
                planned_s: mine.iter().map(|d| work_length(d)).sum(),
                cap_s: crate::week::build::weekly_cap(s, h, w, week).0,
                days: mine.len(),
            });
        }
    }
    out
}

/// From leaving the base to coming back.
pub fn day_length(d: &DayPlan) -> i64 {
    match (d.stops.first(), d.stops.last()) {
        (Some(a), Some(b)) => b.end - a.start,
        _ => 0,
    }
}

/// The day's work, counted in weekly hours: from leaving the base to coming back, less the
/// lunch break (lunch is not work time).
pub fn work_length(d: &DayPlan) -> i64 {
    let lunch: i64 = d
        .stops
        .iter()
        .filter(|s| s.kind == StopKind::Lunch)
        .map(|s| s.end - s.start)
        .sum();
    day_length(d) - lunch
}

pub(crate) fn totals(days: &[DayPlan], unplanned: &[Unplanned]) -> Totals {
    let all = || days.iter().flat_map(|d| d.stops.iter());
    let sum = |k: StopKind| {
        all()
            .filter(|s| s.kind == k)
            .map(|s| s.end - s.start)
            .sum::<i64>()
    };
    let permanence_s = sum(StopKind::Permanence);
    let outreach_s = sum(StopKind::Visit) + sum(StopKind::Escort);
    let share = if permanence_s + outreach_s > 0 {
        (permanence_s * 1000 / (permanence_s + outreach_s)) as f64 / 10.0
    } else {
        0.0
    };
    let visits_planned = all().filter(|s| s.kind == StopKind::Visit).count();
    let escorts_planned = days
        .iter()
        .flat_map(|d| d.stops.iter())
        .filter(|s| s.leg == Some(Leg::Pickup))
        .count();
    // Requests declined before planning (outside the territory, outside the weeks) are not
    // counted as due: the team could not take them.
    let open = |kind: &str| {
        unplanned
            .iter()
            .filter(|u| {
                u.kind == kind && !u.reasons.iter().any(|r| r.code == "U01" || r.code == "U11")
            })
            .count()
    };
    let visits_due = visits_planned + open("visit");
    Totals {
        drive_s: all().map(|s| s.drive_s).sum(),
        distance_m: all().map(|s| s.drive_m).sum(),
        permanence_s,
        outreach_s,
        permanence_share_pct: share,
        visits_planned,
        visits_due,
        escorts_planned,
        escorts_asked: escorts_planned + open("escort"),
    }
}
