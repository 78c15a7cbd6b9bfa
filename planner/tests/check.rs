//! The checker against hand-made solutions, each breaking one rule.

use planner::check::{ViolationKind, check};
use planner::engine::{
    Break, GroupRule, Job, Matrix, Objective, Pin, PinPosition, Problem, Relation, Requirement,
    Route, RouteItem, Solution, TimeWindow, Unassigned, Vehicle, VehicleGroup,
};
use planner::units::{Cost, Distance, Duration, Load};

/// Four places on a line, 10 apart (travel time = distance); the depot is place 0.
fn line() -> Matrix {
    let n = 4;
    let mut d = Vec::new();
    for a in 0..n as i64 {
        for b in 0..n as i64 {
            d.push((a - b).abs() * 10);
        }
    }
    Matrix::new(
        n,
        d.iter().map(|&x| Duration(x)).collect(),
        d.iter().map(|&x| Distance(x)).collect(),
    )
}

fn w(open: i64, close: i64) -> TimeWindow {
    TimeWindow::new(Duration(open), Duration(close))
}

fn vehicle(day: i32) -> Vehicle {
    Vehicle {
        label: format!("v{day}"),
        start: 0,
        end: 0,
        shift: w(0, 200),
        max_duration: None,
        capacity: Load(3),
        fixed_cost: Cost(0),
        lunch: None,
        day,
    }
}

/// Jobs at places 1, 2, 3: 5 minutes each, one seat each.
fn problem() -> Problem {
    Problem {
        matrix: line(),
        jobs: (1..4)
            .map(|p| Job::single(format!("j{p}"), p, Duration(5), vec![w(0, 100)], Load(1)))
            .collect(),
        vehicles: vec![vehicle(0), vehicle(1)],
        groups: Vec::new(),
        relations: Vec::new(),
        objective: Objective::default(),
    }
}

fn route(vehicle: usize, items: &[RouteItem]) -> Route {
    Route {
        vehicle,
        items: items.to_vec(),
    }
}

fn jobs(vehicle: usize, list: &[usize]) -> Route {
    route(
        vehicle,
        &list.iter().map(|&j| RouteItem::Job(j)).collect::<Vec<_>>(),
    )
}

fn solution(routes: Vec<Route>) -> Solution {
    Solution {
        routes,
        unassigned: Vec::new(),
    }
}

fn kinds(problem: &Problem, s: &Solution) -> Vec<ViolationKind> {
    check(problem, s)
        .violations
        .into_iter()
        .map(|v| v.kind)
        .collect()
}

#[test]
fn a_good_solution_passes_and_costs_its_distance() {
    let p = problem();
    let s = solution(vec![jobs(0, &[0, 1, 2]), jobs(1, &[])]);
    let report = check(&p, &s);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert_eq!(report.cost.distance, Distance(60));
    assert_eq!(report.cost.total, Cost(60));
    assert_eq!(report.cost.duration, Duration(75));
}

#[test]
fn late_service_is_caught() {
    let mut p = problem();
    p.jobs[2].stops[0].windows = vec![w(0, 20)];
    let s = solution(vec![jobs(0, &[0, 1, 2])]);
    let report = check(&p, &s);
    assert!(report.has(ViolationKind::LateService));
    assert_eq!(report.violations[0].item, Some(2));
}

#[test]
fn late_return_is_caught() {
    let mut p = problem();
    p.vehicles[0].shift = w(0, 50);
    assert!(kinds(&p, &solution(vec![jobs(0, &[0, 1, 2])])).contains(&ViolationKind::LateReturn));
}

#[test]
fn over_capacity_is_caught() {
    let mut p = problem();
    p.jobs[1].size = Load(2);
    assert!(kinds(&p, &solution(vec![jobs(0, &[0, 1, 2])])).contains(&ViolationKind::Capacity));
}

#[test]
fn missing_and_repeated_jobs_are_caught() {
    let p = problem();
    let missing = kinds(&p, &solution(vec![jobs(0, &[0, 1])]));
    assert!(missing.contains(&ViolationKind::RequiredMissing));
    assert!(missing.contains(&ViolationKind::UnassignedMismatch));
    let twice = kinds(&p, &solution(vec![jobs(0, &[0, 1, 2]), jobs(1, &[1])]));
    assert!(twice.contains(&ViolationKind::JobRepeated));
    let listed = Solution {
        routes: vec![jobs(0, &[0, 1])],
        unassigned: vec![Unassigned {
            job: 2,
            reasons: Vec::new(),
        }],
    };
    assert_eq!(kinds(&p, &listed), vec![ViolationKind::RequiredMissing]);
}

#[test]
fn unknown_and_doubled_vehicles_are_caught() {
    let p = problem();
    let s = solution(vec![jobs(0, &[0]), jobs(0, &[1]), jobs(7, &[2])]);
    let k = kinds(&p, &s);
    assert!(k.contains(&ViolationKind::VehicleTwice));
    assert!(k.contains(&ViolationKind::UnknownVehicle));
}

#[test]
fn lunch_must_be_there_exactly_once_on_used_routes_only() {
    let mut p = problem();
    p.vehicles[0].lunch = Some(Break {
        window: w(0, 150),
        duration: Duration(30),
    });
    let none = solution(vec![jobs(0, &[0, 1, 2])]);
    assert!(kinds(&p, &none).contains(&ViolationKind::LunchMissing));
    let j = RouteItem::Job;
    let twice = solution(vec![route(
        0,
        &[j(0), RouteItem::Lunch, j(1), RouteItem::Lunch, j(2)],
    )]);
    assert!(kinds(&p, &twice).contains(&ViolationKind::LunchRepeated));
    let once = solution(vec![route(0, &[j(0), RouteItem::Lunch, j(1), j(2)])]);
    assert!(check(&p, &once).is_feasible());
    assert_eq!(check(&p, &once).cost.duration, Duration(105));
    let empty = solution(vec![route(0, &[RouteItem::Lunch]), jobs(1, &[0, 1, 2])]);
    assert!(kinds(&p, &empty).contains(&ViolationKind::LunchUnexpected));
}

#[test]
fn late_lunch_is_caught() {
    let mut p = problem();
    p.vehicles[0].lunch = Some(Break {
        window: w(0, 10),
        duration: Duration(30),
    });
    let j = RouteItem::Job;
    let late = solution(vec![route(0, &[j(0), j(1), RouteItem::Lunch, j(2)])]);
    assert!(kinds(&p, &late).contains(&ViolationKind::LateLunch));
}

#[test]
fn group_limits_are_caught() {
    let mut p = problem();
    p.groups.push(VehicleGroup {
        label: "one car".into(),
        vehicles: vec![0, 1],
        rule: GroupRule::MaxUsed(1),
    });
    let two = solution(vec![jobs(0, &[0]), jobs(1, &[1, 2])]);
    assert!(kinds(&p, &two).contains(&ViolationKind::GroupMaxUsed));
    p.groups[0].rule = GroupRule::DurationBudget {
        limit: Duration(50),
        balance_weight: 1,
    };
    let report = check(&p, &solution(vec![jobs(0, &[0, 1, 2])]));
    assert!(report.has(ViolationKind::GroupBudget));
    // Balance cost: 1 × 75² / 50.
    assert_eq!(report.cost.balance, Cost(112));
}

#[test]
fn broken_relation_is_caught() {
    let mut p = problem();
    p.relations.push(Relation {
        first: 0,
        second: 1,
        min_gap: 1,
        max_gap: 2,
    });
    let same_day = solution(vec![jobs(0, &[0, 1, 2])]);
    assert!(kinds(&p, &same_day).contains(&ViolationKind::Relation));
    let next_day = solution(vec![jobs(0, &[0, 2]), jobs(1, &[1])]);
    assert!(check(&p, &next_day).is_feasible());
}

#[test]
fn broken_pins_are_caught() {
    let mut p = problem();
    p.jobs[0].pin = Some(Pin {
        vehicle: 1,
        position: None,
    });
    p.jobs[2].pin = Some(Pin {
        vehicle: 0,
        position: Some(PinPosition::First),
    });
    let k = kinds(&p, &solution(vec![jobs(0, &[0, 1, 2])]));
    assert!(k.contains(&ViolationKind::PinnedElsewhere));
    assert!(k.contains(&ViolationKind::PinPosition));
    let good = solution(vec![jobs(0, &[2, 1]), jobs(1, &[0])]);
    assert!(
        check(&p, &good).is_feasible(),
        "{:?}",
        check(&p, &good).violations
    );
}

#[test]
fn not_allowed_vehicle_and_max_duration_are_caught() {
    let mut p = problem();
    p.jobs[1].allowed_vehicles = Some(vec![1]);
    p.vehicles[0].max_duration = Some(Duration(40));
    let k = kinds(&p, &solution(vec![jobs(0, &[0, 1, 2])]));
    assert!(k.contains(&ViolationKind::NotAllowed));
    assert!(k.contains(&ViolationKind::MaxDuration));
}

#[test]
fn optional_jobs_cost_their_penalty_and_preferences_count() {
    let mut p = problem();
    p.jobs[2].requirement = Requirement::Optional { penalty: Cost(500) };
    p.jobs[0].preferred = Some((vec![1], Cost(7)));
    let s = Solution {
        routes: vec![jobs(0, &[0, 1])],
        unassigned: vec![Unassigned {
            job: 2,
            reasons: Vec::new(),
        }],
    };
    let report = check(&p, &s);
    assert!(report.is_feasible());
    assert_eq!(report.cost.unassigned, Cost(500));
    assert_eq!(report.cost.preferences, Cost(7));
    assert_eq!(report.cost.total, Cost(40 + 500 + 7));
}

#[test]
fn waiting_is_allowed_and_departure_is_as_late_as_useful() {
    let mut p = problem();
    p.jobs[0].stops[0].windows = vec![w(50, 60)];
    let report = check(&p, &solution(vec![jobs(0, &[0]), jobs(1, &[1, 2])]));
    assert!(report.is_feasible(), "{:?}", report.violations);
    // Leave at 40, serve 50..55, back at 65 (25); the other route takes 30 + 10 + 30 = 70.
    assert_eq!(report.cost.duration, Duration(25 + 70));
}
