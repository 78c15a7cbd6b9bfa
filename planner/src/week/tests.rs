//! Scenario → problem → solution → plan → checker, on the embedded default and on hand-made
//! breakages of its plan (each rule of the checker caught).

use super::build::Instance;
use super::calendar::Horizon;
use super::check::{Violation, check};
use super::plan::{Plan, PlanMeta, StopKind, make_plan};
use super::travel::TravelTimes;
use super::validate::{MapBounds, validate};
use super::*;

pub(crate) const DEFAULT: &str = include_str!("../../../fixtures/mauriac/scenario.toml");

pub(crate) fn default_scenario() -> Scenario {
    validate(DEFAULT, "scenario.toml", MapBounds::cantal()).unwrap()
}

pub(crate) fn crow(points: &[maps::LatLon]) -> TravelTimes {
    TravelTimes::crow_flies(points)
}

/// Plans with the baseline construction on crow-flies travel times.
pub(crate) fn plan_of(s: &Scenario, h: Horizon) -> Plan {
    let inst = Instance::new(s, h);
    let problem = inst.problem(&crow(&inst.points()));
    let sol = greedy::construct(&problem);
    make_plan(
        &inst,
        &problem,
        &sol,
        PlanMeta {
            seed: 1,
            map: "crow".into(),
            cost: 0,
        },
    )
}

fn violations(s: &Scenario, plan: &Plan) -> Vec<Violation> {
    check(s, plan, &crow)
}

fn rules(s: &Scenario, plan: &Plan) -> Vec<&'static str> {
    let mut r: Vec<_> = violations(s, plan).into_iter().map(|v| v.rule).collect();
    r.dedup();
    r
}

fn w49() -> Horizon {
    Horizon::parse_week("2026-W49", 1).unwrap()
}

#[test]
fn default_week_plan_passes_the_checker() {
    let s = default_scenario();
    let plan = plan_of(&s, w49());
    let v = violations(&s, &plan);
    assert!(
        v.is_empty(),
        "{:#?}",
        v.iter().map(|v| v.render(Lang::En)).collect::<Vec<_>>()
    );
    // Ydes on Monday morning, Mauriac on Friday morning.
    let monday = plan.days.iter().find(|d| d.day == 0).unwrap();
    assert!(
        monday
            .stops
            .iter()
            .any(|x| x.id.as_deref() == Some("P-YDES") && x.start < 12 * 3600)
    );
    let friday = plan.days.iter().find(|d| d.day == 4).unwrap();
    assert!(
        friday
            .stops
            .iter()
            .any(|x| x.id.as_deref() == Some("P-MAURIAC"))
    );
    // Chaudes-Aigues is declined as outside the territory.
    let b07 = plan.unplanned.iter().find(|u| u.id == "B07").unwrap();
    assert_eq!(b07.reasons[0].code, "U01");
    // Reloads to the same bytes.
    let json = plan.to_json();
    assert_eq!(Plan::from_json(&json, "p").unwrap().to_json(), json);
}

/// Applies `edit` to the default plan and expects `rule` among the violations.
fn broken(rule: &str, edit: impl FnOnce(&mut Plan)) {
    let s = default_scenario();
    let mut plan = plan_of(&s, w49());
    edit(&mut plan);
    let found = rules(&s, &plan);
    assert!(found.contains(&rule), "{rule} not in {found:?}");
}

fn stop_mut<'a>(plan: &'a mut Plan, kind: StopKind, id: Option<&str>) -> &'a mut plan::PlanStop {
    plan.days
        .iter_mut()
        .flat_map(|d| d.stops.iter_mut())
        .find(|x| x.kind == kind && (id.is_none() || x.id.as_deref() == id))
        .unwrap()
}

#[test]
fn r01_day_without_return() {
    broken("R01", |p| {
        p.days[0].stops.pop();
    });
}

#[test]
fn r02_drive_shorter_than_the_map() {
    broken("R02", |p| stop_mut(p, StopKind::Drive, None).drive_s -= 300);
}

#[test]
fn r03_leaving_before_the_working_day() {
    broken("R03", |p| p.days[0].stops[0].start = 6 * 3600);
}

#[test]
fn r04_visit_outside_windows() {
    broken("R04", |p| {
        let x = stop_mut(p, StopKind::Visit, Some("B01"));
        x.start = 17 * 3600 + 1800;
        x.end = x.start + 5400;
    });
}

#[test]
fn r05_permanence_moved_or_dropped() {
    broken("R05", |p| {
        stop_mut(p, StopKind::Permanence, Some("P-YDES")).start += 1800
    });
    broken("R05", |p| {
        for d in &mut p.days {
            d.stops.retain(|x| x.id.as_deref() != Some("P-MAURIAC"));
        }
    });
}

#[test]
fn r06_late_for_the_appointment() {
    broken("R06", |p| {
        let x = p
            .days
            .iter_mut()
            .flat_map(|d| d.stops.iter_mut())
            .find(|x| x.leg == Some(plan::Leg::Appointment))
            .unwrap();
        x.start += 3600;
        x.end += 3600;
    });
}

#[test]
fn r07_visit_too_soon_after_the_last() {
    broken("R07", |p| {
        // B01 was visited 4 days before Monday; move its visit onto a day 1 after: copy the
        // Monday visit to Tuesday's date (a second visit the next day).
        let mut extra = p.days[0].clone();
        extra.date = extra.date.succ_opt().unwrap();
        extra.day += 1;
        p.days.insert(1, extra);
    });
}

#[test]
fn r08_worker_not_working_that_day() {
    broken("R08", |p| p.days[0].crew[1] = p.days[0].crew[0].clone());
    broken("R08", |p| {
        let d = p.days.iter_mut().find(|d| d.day == 0).unwrap();
        d.date = d.date + chrono::Days::new(2); // Wednesday: partnership day
        d.day = 2;
    });
}

#[test]
fn r09_two_crews_one_camper() {
    broken("R09", |p| {
        let mut twin = p.days[0].clone();
        twin.crew = ["sacha".into(), "dominique".into()];
        p.days.insert(1, twin);
    });
}

#[test]
fn r10_missing_skill() {
    broken("R10", |p| {
        let d = p
            .days
            .iter_mut()
            .find(|d| d.stops.iter().any(|x| x.id.as_deref() == Some("B02")))
            .unwrap();
        d.crew = ["dominique".into(), "sacha".into()];
    });
}

#[test]
fn r11_r12_too_many_hours() {
    broken("R11", |p| {
        for d in &mut p.days {
            d.stops.last_mut().unwrap().end = 18 * 3600 + 1800;
            d.stops.last_mut().unwrap().start = 18 * 3600 + 1800;
            d.stops[0].start = 8 * 3600;
        }
    });
    broken("R12", |p| {
        let last = p.days[0].stops.len() - 1;
        p.days[0].stops[0].start = 0;
        p.days[0].stops[last].end = 18 * 3600;
    });
}

#[test]
fn r13_lunch_outside_its_window() {
    broken("R13", |p| {
        let x = stop_mut(p, StopKind::Lunch, None);
        x.start = 15 * 3600;
        x.end = x.start + 2700;
    });
    broken("R13", |p| {
        p.days[0].stops.retain(|x| x.kind != StopKind::Lunch)
    });
}

#[test]
fn r14_visiting_outside_the_territory() {
    broken("R14", |p| {
        stop_mut(p, StopKind::Visit, None).id = Some("B07".into())
    });
}

#[test]
fn r15_unknown_stop() {
    broken("R15", |p| {
        stop_mut(p, StopKind::Visit, None).id = Some("Z99".into())
    });
}

fn searched_plan(s: &Scenario, h: Horizon) -> Plan {
    let roads = roads::Roads::Estimate;
    let opts = solve::SolveOptions::new(1, std::time::Duration::from_secs(30));
    let planned = pipeline::plan_weeks(s, h, &roads, &opts, &mut |_| {}).unwrap();
    assert!(planned.violations.is_empty(), "{:?}", planned.violations);
    planned.plan
}

#[test]
fn calendars_are_right_across_the_end_of_summer_time() {
    // Weeks 43 and 44 of 2026: summer time ends on Sunday 25 October.
    let s = default_scenario();
    let plan = searched_plan(&s, Horizon::parse_week("2026-W43", 2).unwrap());
    let all: String = s
        .workers
        .iter()
        .map(|w| export::ics::render(&plan, &s, &w.id, export::Disclosure::default()))
        .collect();
    // The Ydes permanence starts at 08:45 Paris time both Mondays: 06:45 UTC in summer time,
    // 07:45 UTC in winter time.
    assert!(all.contains("DTSTART:20261019T064500Z"), "{all}");
    assert!(all.contains("DTSTART:20261026T074500Z"), "{all}");
    assert!(all.contains("BEGIN:VCALENDAR\r\n") && all.contains("END:VEVENT\r\n"));
    assert!(!all.contains("Mme Iris"));
}

#[test]
fn exports_are_discreet_unless_asked() {
    let s = default_scenario();
    let plan = searched_plan(&s, w49());
    let straight = |a: maps::LatLon, b: maps::LatLon| Some(vec![a, b]);
    let plain = export::Disclosure::default();
    let full = export::Disclosure {
        with_addresses: true,
        precise: true,
    };
    let b01 = s.person("B01").unwrap().home.point;
    let exact = format!("{}", b01.lat);
    let gj = export::geojson::render(&plan, &s, plain, &straight);
    assert!(
        !gj.contains(&exact) && !gj.contains("pseudonym") && !gj.contains("Mme "),
        "{gj}"
    );
    let gj = export::geojson::render(&plan, &s, full, &straight);
    assert!(gj.contains(&exact) && gj.contains("Mme Iris") && gj.contains("lieu-dit isolé"));
    let csv = export::csv::render(&plan, &s, plain);
    assert!(!csv.contains("adresse") && !csv.contains("lieu-dit") && !csv.contains("Mme "));
    assert!(export::csv::render(&plan, &s, full).contains("lieu-dit isolé"));
    for text in [gj.as_str(), csv.as_str()] {
        assert!(!text.contains("auto-stop"), "notes are never exported");
    }
}

#[test]
fn a_day_is_re_timed_after_a_manual_move() {
    let s = default_scenario();
    let mut plan = searched_plan(&s, w49());
    let inst = Instance::new(&s, w49());
    let problem = inst.problem(&crow(&inst.points()));
    // Reverse the visits of the busiest day, as a user dragging stops in the UI would.
    let d = (0..plan.days.len())
        .max_by_key(|&d| {
            plan.days[d]
                .stops
                .iter()
                .filter(|x| x.kind == StopKind::Visit)
                .count()
        })
        .unwrap();
    let visits: Vec<plan::PlanStop> = plan.days[d]
        .stops
        .iter()
        .filter(|x| x.kind == StopKind::Visit)
        .cloned()
        .collect();
    assert!(visits.len() >= 2);
    let mut reversed = visits.clone();
    reversed.reverse();
    for (x, new) in plan.days[d]
        .stops
        .iter_mut()
        .filter(|x| x.kind == StopKind::Visit)
        .zip(&reversed)
    {
        *x = new.clone();
    }
    plan.days[d].stops[1].locked = false;
    plan::retime_day(&mut plan, &inst, &problem, d).unwrap();
    let order: Vec<_> = plan.days[d]
        .stops
        .iter()
        .filter(|x| x.kind == StopKind::Visit)
        .map(|x| x.id.clone())
        .collect();
    assert_eq!(
        order,
        reversed.iter().map(|x| x.id.clone()).collect::<Vec<_>>()
    );
    // The checker recomputes: the new times are consistent with the map (windows may now be
    // missed, and are then reported, never hidden).
    let v = violations(&s, &plan);
    assert!(
        v.iter()
            .all(|v| matches!(v.rule, "R04" | "R03" | "R11" | "R12" | "R13")),
        "{v:?}"
    );
    let before = plan.workers.clone();
    plan::refresh(&mut plan, &inst);
    assert_eq!(plan.workers.len(), before.len());
    // Locked stops are pinned to their crew for rebalancing.
    let mut p2 = problem.clone();
    plan.days[d]
        .stops
        .iter_mut()
        .find(|x| x.kind == StopKind::Visit)
        .unwrap()
        .locked = true;
    assert_eq!(plan::pin_locked(&plan, &inst, &mut p2).unwrap(), 1);
    assert_eq!(p2.jobs.iter().filter(|j| j.pin.is_some()).count(), 1);
    // The solution read back from the plan is the one re-timed.
    let sol = plan::solution_of(&plan, &inst).unwrap();
    assert_eq!(
        sol.routes.iter().filter(|r| !r.items.is_empty()).count(),
        plan.days.len()
    );
}

#[test]
fn default_week_on_the_embedded_map() {
    let s = default_scenario();
    let roads = roads::Roads::open(&model::MapChoice::Embedded, std::path::Path::new(".")).unwrap();
    assert!(roads.name().contains("synthétique"));
    let opts = solve::SolveOptions::new(1, std::time::Duration::from_secs(30));
    let planned = pipeline::plan_weeks(&s, w49(), &roads, &opts, &mut |_| {}).unwrap();
    assert!(planned.violations.is_empty(), "{:?}", planned.violations);
    // Mauriac → Ydes is about 20–25 minutes on the synthetic roads.
    let monday = planned.plan.days.iter().find(|d| d.day == 0).unwrap();
    let first_drive = monday
        .stops
        .iter()
        .find(|x| x.kind == StopKind::Drive)
        .unwrap();
    assert!(
        (15 * 60..30 * 60).contains(&first_drive.drive_s),
        "{}",
        first_drive.drive_s
    );
    assert!(planned.plan.totals.visits_planned >= 4);
    // Routes drawn along the roads.
    let gj = export::geojson::render(&planned.plan, &s, export::Disclosure::default(), &|a, b| {
        roads.path(a, b)
    });
    assert!(gj.matches("LineString").count() == planned.plan.days.len());
}

#[test]
fn generated_weeks_on_the_embedded_map_pass_the_checker() {
    let roads = roads::Roads::open(&model::MapChoice::Embedded, std::path::Path::new(".")).unwrap();
    for seed in [2, 5] {
        let text = generate::generate(generate::GenerateOptions {
            people: 40,
            workers: 5,
            weeks: 2,
            seed,
        });
        let s = validate(&text, "gen.toml", roads.bounds()).unwrap();
        let h = Horizon::parse_week("2026-W43", 2).unwrap();
        let opts = solve::SolveOptions {
            tries: 5,
            iterations: 300,
            ..solve::SolveOptions::new(seed, std::time::Duration::from_secs(60))
        };
        let planned = pipeline::plan_weeks(&s, h, &roads, &opts, &mut |_| {}).unwrap();
        let v: Vec<String> = planned
            .violations
            .iter()
            .map(|v| v.render(Lang::En))
            .collect();
        assert!(v.is_empty(), "seed {seed}: {v:#?}");
        assert!(planned.plan.totals.visits_planned > 10);
    }
}

#[test]
fn dated_absences_and_blocks_shape_the_crews() {
    let text = DEFAULT.replace(
        "id = \"dominique\"\nname = \"Dominique\"\nfte = 0.5",
        "id = \"dominique\"\nname = \"Dominique\"\nfte = 0.5\nabsences = [{ from = 2026-11-30, to = 2026-11-30, reason = \"formation\" }]",
    );
    assert_ne!(text, DEFAULT);
    let s = validate(&text, "s.toml", MapBounds::cantal()).unwrap();
    let inst = Instance::new(&s, w49());
    let name = |c: &build::Crew| {
        (
            s.workers[c.workers[0]].id.as_str(),
            s.workers[c.workers[1]].id.as_str(),
        )
    };
    let monday: Vec<_> = inst.crews.iter().filter(|c| c.day == 0).map(name).collect();
    assert_eq!(monday, vec![("camille", "sacha")]);
    // Nobody tours on Wednesday (partnership day, the others do not work).
    assert!(inst.crews.iter().all(|c| c.day != 2));
    // Tuesday starts after the team meeting; Thursday crews with Sacha after Aurillac.
    let tuesday = inst.crews.iter().find(|c| c.day == 1).unwrap();
    assert_eq!(tuesday.shift.0, crate::units::Duration(10 * 3600 + 1800));
    let thursday_sacha = inst
        .crews
        .iter()
        .find(|c| c.day == 3 && name(c).1 == "sacha")
        .unwrap();
    assert_eq!(
        thursday_sacha.shift.0,
        crate::units::Duration(12 * 3600 + 1800)
    );
    let plan = searched_plan(&s, w49());
    assert_eq!(
        plan.days.iter().find(|d| d.day == 0).unwrap().crew,
        ["camille".to_string(), "sacha".to_string()]
    );
    // Weekly caps: FTE share × 35 h less the team meeting (the partnership day is funded apart).
    let cap = |id: &str| plan.workers.iter().find(|w| w.id == id).unwrap().cap_s;
    assert_eq!(cap("camille"), (17 * 3600 + 1800) - 5400);
    assert_eq!(cap("sacha"), 8 * 3600 + 45 * 60);
}
