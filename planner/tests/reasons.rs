//! Why jobs are left out, on cases built so that each reason is the only one.

use planner::check::{ViolationKind, check};
use planner::engine::{
    GroupRule, Job, Matrix, Objective, Pin, PinPosition, Problem, Relation, Requirement,
    SolveResult, TimeWindow, UnassignedReason, Vehicle, VehicleGroup, solve_iterations,
};
use planner::units::{Cost, Distance, Duration, Load};

/// Places on a line, 10 apart; place 0 is the depot.
fn line(n: usize) -> Matrix {
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

fn vehicle(day: i32, capacity: i64) -> Vehicle {
    Vehicle {
        label: format!("v{day}"),
        start: 0,
        end: 0,
        shift: TimeWindow::new(Duration(0), Duration(500)),
        max_duration: None,
        capacity: Load(capacity),
        fixed_cost: Cost(0),
        lunch: None,
        day,
    }
}

fn job(place: usize) -> Job {
    Job::single(format!("j{place}"), place, Duration(5), vec![], Load(1))
}

fn problem(jobs: Vec<Job>, vehicles: Vec<Vehicle>) -> Problem {
    Problem {
        matrix: line(6),
        jobs,
        vehicles,
        groups: Vec::new(),
        relations: Vec::new(),
        objective: Objective::default(),
    }
}

fn solved(p: &Problem) -> SolveResult {
    let result = solve_iterations(p, 1, 200);
    let report = check(p, &result.solution);
    assert!(
        report
            .violations
            .iter()
            .all(|v| v.kind == ViolationKind::RequiredMissing),
        "{:?}",
        report.violations
    );
    result
}

fn reasons(result: &SolveResult, job: usize) -> Vec<UnassignedReason> {
    result
        .solution
        .unassigned
        .iter()
        .find(|u| u.job == job)
        .map(|u| u.reasons.clone())
        .unwrap_or_default()
}

#[test]
fn full_routes() {
    let p = problem(vec![job(1), job(2), job(3)], vec![vehicle(0, 2)]);
    let r = solved(&p);
    assert_eq!(r.solution.unassigned.len(), 1);
    let left = r.solution.unassigned[0].job;
    assert_eq!(reasons(&r, left), vec![UnassignedReason::RoutesFull]);
}

#[test]
fn group_limit() {
    let mut p = problem(
        vec![job(1), job(2), job(3)],
        vec![vehicle(0, 2), vehicle(0, 2)],
    );
    p.groups.push(VehicleGroup {
        label: "one camping-car".into(),
        vehicles: vec![0, 1],
        rule: GroupRule::MaxUsed(1),
    });
    let r = solved(&p);
    assert_eq!(r.solution.unassigned.len(), 1);
    let left = r.solution.unassigned[0].job;
    // The used vehicle is full, the other may not be used.
    assert_eq!(
        reasons(&r, left),
        vec![
            UnassignedReason::RoutesFull,
            UnassignedReason::GroupLimit("one camping-car".into())
        ]
    );
}

#[test]
fn relation() {
    // Job 1 is pinned to day 0; job 0 must come the day after but may only go on day 0.
    let mut jobs = vec![job(1), job(2)];
    jobs[1].pin = Some(Pin {
        vehicle: 0,
        position: None,
    });
    jobs[0].allowed_vehicles = Some(vec![0]);
    jobs[0].requirement = Requirement::Optional {
        penalty: Cost(1000),
    };
    let mut p = problem(jobs, vec![vehicle(0, 5), vehicle(1, 5)]);
    p.relations.push(Relation {
        first: 1,
        second: 0,
        min_gap: 1,
        max_gap: 1,
    });
    let r = solved(&p);
    assert_eq!(reasons(&r, 0), vec![UnassignedReason::Relation(1)]);
}

#[test]
fn pinned() {
    // Two jobs pinned first on the same vehicle: only one can be.
    let mut jobs = vec![job(1), job(2)];
    for j in &mut jobs {
        j.pin = Some(Pin {
            vehicle: 0,
            position: Some(PinPosition::First),
        });
    }
    let p = problem(jobs, vec![vehicle(0, 5)]);
    let r = solved(&p);
    assert_eq!(r.solution.unassigned.len(), 1);
    let left = r.solution.unassigned[0].job;
    assert_eq!(reasons(&r, left), vec![UnassignedReason::Pinned]);
}

#[test]
fn not_worth_it() {
    let mut jobs = vec![job(1), job(5)];
    jobs[1].requirement = Requirement::Optional { penalty: Cost(10) };
    let p = problem(jobs, vec![vehicle(0, 5)]);
    let r = solved(&p);
    assert_eq!(reasons(&r, 1), vec![UnassignedReason::NotWorthIt]);
    assert_eq!(r.cost.unassigned, Cost(10));
}

#[test]
fn windows_unreachable_capacity_and_no_vehicle() {
    let mut jobs = vec![job(1), job(2), job(3), job(4)];
    jobs[0].stops[0].windows = vec![TimeWindow::new(Duration(0), Duration(5))];
    jobs[1].size = Load(9);
    jobs[2].allowed_vehicles = Some(vec![]);
    let p = problem(jobs, vec![vehicle(0, 5)]);
    let r = solved(&p);
    assert_eq!(reasons(&r, 0), vec![UnassignedReason::WindowsUnreachable]);
    assert_eq!(reasons(&r, 1), vec![UnassignedReason::Capacity]);
    assert_eq!(reasons(&r, 2), vec![UnassignedReason::NoAllowedVehicle]);
    assert!(reasons(&r, 3).is_empty());
}
