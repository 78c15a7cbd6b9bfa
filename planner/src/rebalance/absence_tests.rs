//! Absences, cancellations and departures: the crew of a day rebuilt or its visits moved,
//! never a crew of one; a cancelled visit placed again elsewhere or explained; a person who
//! leaves taken out of the plan and of the scenario.

use super::tests::{SMALL, plan_of, run, stop_of, week};
use super::*;
use crate::week::pipeline::DEFAULT_SCENARIO;

#[test]
fn an_absent_worker_is_replaced_or_their_visits_move() {
    let plan = plan_of(DEFAULT_SCENARIO, 1);
    for worker in ["camille", "dominique", "sacha"] {
        for day in ["lundi", "jeudi", "vendredi"] {
            let change = Change {
                absent: vec![Absent {
                    worker: worker.into(),
                    day: DaySpec::parse(day).unwrap(),
                }],
                ..Change::default()
            };
            let out = run(&plan, &change);
            let d = DaySpec::parse(day).unwrap().resolve(&week()).unwrap();
            for tour in &out.plan.days {
                assert_ne!(tour.crew[0], tour.crew[1]);
                assert!(!(tour.day == d && tour.crew.contains(&worker.to_string())));
            }
            // Visits of the absent worker's tour are placed again or explained.
            let before = placements(&plan);
            let after = placements(&out.plan);
            for (k, p) in before.iter().filter(|(k, p)| k.is_personal() && p.day == d) {
                if p.crew.contains(&worker.to_string()) {
                    let explained = out.diff.not_planned.iter().any(|n| n.id == k.id());
                    assert!(after.contains_key(k) || explained, "{k:?}");
                }
            }
            assert!(
                out.scenario
                    .worker(worker)
                    .unwrap()
                    .absences
                    .iter()
                    .any(|a| a.from == week().date(d))
            );
        }
    }
}

/// `SMALL` with a third full-time worker and a Friday permanence: whoever holds it, the
/// worker left and the third one form a pair with hours to spare.
fn three_workers() -> String {
    format!(
        "{SMALL}\n[[workers]]\nid = \"cleo\"\nfte = 1.0\ndays = [\"lundi\", \"mardi\", \"mercredi\", \"jeudi\", \"vendredi\"]\n\n[[permanences]]\nid = \"P-MAURIAC\"\nsite = {{ commune = \"Mauriac\" }}\nday = \"vendredi\"\nstart = \"09:00\"\nend = \"12:00\"\n"
    )
}

/// Seconds `worker` may still work in the plan's first week.
fn hours_left(plan: &Plan, worker: &str) -> i64 {
    plan.workers
        .iter()
        .filter(|w| w.id == worker)
        .map(|w| w.cap_s - w.planned_s)
        .sum()
}

#[test]
fn an_absence_recrews_the_day_when_a_pair_is_free() {
    // The default week cannot serve here: its optimised plan uses nearly every hour of the
    // team, so no pair has the hours to take over a day (the rebalance then says so).
    let plan = plan_of(&three_workers(), 1);
    let friday = plan.days.iter().find(|d| d.day == 4).unwrap();
    let gone = friday.crew[0].clone();
    let tour = friday.stops.last().unwrap().end - friday.stops[0].start;
    let free = ["ana", "bea", "cleo"]
        .into_iter()
        .find(|w| !friday.crew.contains(&w.to_string()))
        .unwrap();
    assert!(hours_left(&plan, free) >= tour, "no pair is free on Friday");
    let change = Change {
        absent: vec![Absent {
            worker: gone.clone(),
            day: DaySpec::Weekday(chrono::Weekday::Fri),
        }],
        ..Change::default()
    };
    let out = run(&plan, &change);
    let fri = out
        .plan
        .days
        .iter()
        .find(|d| d.day == 4)
        .expect("Friday still has a tour");
    assert!(!fri.crew.contains(&gone));
    assert!(
        fri.stops
            .iter()
            .any(|s| s.id.as_deref() == Some("P-MAURIAC"))
    );
    assert!(
        out.diff
            .permanences
            .iter()
            .any(|m| m.change == ChangeKind::Crew)
    );
}

#[test]
fn a_cancelled_visit_is_planned_again_on_another_day_or_explained() {
    let plan = plan_of(SMALL, 1);
    let (day, _) = stop_of(&plan, "P1").unwrap();
    let change = Change {
        cancel: vec![Cancel {
            id: "P1".into(),
            day: DaySpec::Date(day.date),
        }],
        ..Change::default()
    };
    let out = run(&plan, &change);
    let m = out.diff.changed.iter().find(|m| m.item.id == "P1").unwrap();
    assert_eq!(m.change, ChangeKind::Cancelled);
    match &m.after {
        Some(a) => assert_ne!(a.date, day.date),
        None => assert!(out.diff.not_planned.iter().any(|n| n.id == "P1")),
    }
}

#[test]
fn a_person_who_leaves_is_taken_out_of_plan_and_scenario() {
    let plan = plan_of(SMALL, 1);
    let change = Change {
        remove: vec!["P3".into()],
        ..Change::default()
    };
    let out = run(&plan, &change);
    assert!(stop_of(&out.plan, "P3").is_none());
    assert!(out.scenario.person("P3").is_none());
    assert_eq!(out.diff.changed_visits, 0);
    assert!(out.diff.removed.iter().all(|r| r.item.id == "P3") && !out.diff.removed.is_empty());
}
