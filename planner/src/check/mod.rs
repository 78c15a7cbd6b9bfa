//! Independent solution checker: recomputes every rule and the objective from the problem and
//! the solution alone, by plain simulation, sharing no code with the search's evaluation.
//!
//! Schedule semantics (as documented in `engine::timeline`): service starts when the crew is
//! there and a window is open (earliest such window); a lunch is taken on the drive between
//! its located neighbours (drive until its window opens, take it, drive on); the route leaves
//! as late as it can without coming back later than when leaving at the start of the shift.

use crate::engine::{
    CostBreakdown, GroupRule, PinPosition, Problem, Requirement, RouteItem, Solution,
};
use crate::units::{Cost, Duration, Load};

mod schedule;
use schedule::schedule;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    UnknownVehicle,
    VehicleTwice,
    UnknownJob,
    JobRepeated,
    RequiredMissing,
    /// The `unassigned` list disagrees with the routes.
    UnassignedMismatch,
    NotAllowed,
    PinnedElsewhere,
    PinPosition,
    Capacity,
    LateService,
    LateLunch,
    LateReturn,
    MaxDuration,
    LunchMissing,
    LunchRepeated,
    /// A lunch on an empty route or on a vehicle without a break.
    LunchUnexpected,
    GroupMaxUsed,
    GroupBudget,
    Relation,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub kind: ViolationKind,
    /// Vehicle of the route concerned, if any.
    pub vehicle: Option<usize>,
    /// Index of the item in the route, if any.
    pub item: Option<usize>,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    pub violations: Vec<Violation>,
    pub cost: CostBreakdown,
}

impl CheckReport {
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }
    pub fn has(&self, kind: ViolationKind) -> bool {
        self.violations.iter().any(|v| v.kind == kind)
    }
}

struct Report {
    violations: Vec<Violation>,
}

impl Report {
    fn add(
        &mut self,
        kind: ViolationKind,
        vehicle: Option<usize>,
        item: Option<usize>,
        detail: String,
    ) {
        self.violations.push(Violation {
            kind,
            vehicle,
            item,
            detail,
        });
    }
}

/// Checks `solution` against every rule of `problem` and recomputes its cost.
pub fn check(problem: &Problem, solution: &Solution) -> CheckReport {
    let mut report = Report {
        violations: Vec::new(),
    };
    let mut cost = CostBreakdown::default();
    let mut vehicle_of: Vec<Option<usize>> = vec![None; problem.jobs.len()];
    let mut seen_vehicle = vec![false; problem.vehicles.len()];
    let mut route_duration = vec![None; problem.vehicles.len()];
    for route in &solution.routes {
        let v = route.vehicle;
        if v >= problem.vehicles.len() {
            report.add(
                ViolationKind::UnknownVehicle,
                Some(v),
                None,
                format!("no vehicle {v}"),
            );
            continue;
        }
        if std::mem::replace(&mut seen_vehicle[v], true) {
            report.add(
                ViolationKind::VehicleTwice,
                Some(v),
                None,
                "two routes".into(),
            );
            continue;
        }
        let jobs = route_jobs(problem, v, &route.items, &mut vehicle_of, &mut report);
        check_lunches(problem, v, &route.items, jobs.is_empty(), &mut report);
        if jobs.is_empty() {
            continue;
        }
        check_route_rules(problem, v, &route.items, &jobs, &mut report);
        let run = schedule(problem, v, &route.items, &mut report);
        cost.distance += run.distance;
        cost.travel += run.travel;
        cost.duration += run.duration;
        cost.fixed += problem.vehicles[v].fixed_cost;
        route_duration[v] = Some(run.duration);
        for &j in &jobs {
            if let Some((preferred, penalty)) = &problem.jobs[j].preferred
                && !preferred.contains(&v)
            {
                cost.preferences += *penalty;
            }
        }
    }
    check_coverage(problem, solution, &vehicle_of, &mut cost, &mut report);
    check_groups(problem, &route_duration, &mut cost, &mut report);
    check_relations(problem, &vehicle_of, &mut report);
    let o = &problem.objective;
    cost.total = cost.fixed
        + Cost(o.distance_weight * cost.distance.0)
        + Cost(o.travel_weight * cost.travel.0)
        + Cost(o.duration_weight * cost.duration.0)
        + cost.unassigned
        + cost.preferences
        + cost.balance;
    CheckReport {
        violations: report.violations,
        cost,
    }
}

/// Jobs of a route, recording which vehicle serves each and reporting unknown or repeated
/// jobs.
fn route_jobs(
    problem: &Problem,
    v: usize,
    items: &[RouteItem],
    vehicle_of: &mut [Option<usize>],
    report: &mut Report,
) -> Vec<usize> {
    let mut jobs = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let RouteItem::Job(j) = *item else { continue };
        if j >= problem.jobs.len() {
            report.add(
                ViolationKind::UnknownJob,
                Some(v),
                Some(k),
                format!("no job {j}"),
            );
            continue;
        }
        if let Some(other) = vehicle_of[j] {
            let detail = format!("job {j} also on vehicle {other}");
            report.add(ViolationKind::JobRepeated, Some(v), Some(k), detail);
            continue;
        }
        vehicle_of[j] = Some(v);
        jobs.push(j);
    }
    jobs
}

fn check_lunches(
    problem: &Problem,
    v: usize,
    items: &[RouteItem],
    empty: bool,
    report: &mut Report,
) {
    let lunches: Vec<usize> = (0..items.len())
        .filter(|&k| items[k] == RouteItem::Lunch)
        .collect();
    let wanted = problem.vehicles[v].lunch.is_some() && !empty;
    match (wanted, lunches.len()) {
        (true, 0) => report.add(
            ViolationKind::LunchMissing,
            Some(v),
            None,
            "no lunch".into(),
        ),
        (true, 1) | (false, 0) => {}
        (true, _) => {
            let detail = format!("{} lunches", lunches.len());
            report.add(
                ViolationKind::LunchRepeated,
                Some(v),
                Some(lunches[1]),
                detail,
            );
        }
        (false, _) => {
            let detail = "lunch on an empty route or a vehicle without a break".to_string();
            report.add(
                ViolationKind::LunchUnexpected,
                Some(v),
                Some(lunches[0]),
                detail,
            );
        }
    }
}

/// Allowed vehicles, pins and capacity.
fn check_route_rules(
    problem: &Problem,
    v: usize,
    items: &[RouteItem],
    jobs: &[usize],
    report: &mut Report,
) {
    let job_items: Vec<(usize, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(k, i)| match i {
            RouteItem::Job(j) if *j < problem.jobs.len() => Some((k, *j)),
            _ => None,
        })
        .collect();
    for (rank, &(k, j)) in job_items.iter().enumerate() {
        let job = &problem.jobs[j];
        if job
            .allowed_vehicles
            .as_ref()
            .is_some_and(|a| !a.contains(&v))
        {
            report.add(
                ViolationKind::NotAllowed,
                Some(v),
                Some(k),
                format!("job {j}"),
            );
        }
        let Some(pin) = job.pin else { continue };
        if pin.vehicle != v {
            let detail = format!("job {j} pinned to vehicle {}", pin.vehicle);
            report.add(ViolationKind::PinnedElsewhere, Some(v), Some(k), detail);
        }
        let misplaced = match pin.position {
            Some(PinPosition::First) => rank != 0,
            Some(PinPosition::Last) => rank + 1 != job_items.len(),
            None => false,
        };
        if misplaced {
            report.add(
                ViolationKind::PinPosition,
                Some(v),
                Some(k),
                format!("job {j}"),
            );
        }
    }
    let load: Load = jobs.iter().map(|&j| problem.jobs[j].size).sum();
    let capacity = problem.vehicles[v].capacity;
    if load > capacity {
        let detail = format!("load {} > capacity {}", load.0, capacity.0);
        report.add(ViolationKind::Capacity, Some(v), None, detail);
    }
}

/// Every job served once or listed as unassigned; penalties of optional jobs left out.
fn check_coverage(
    problem: &Problem,
    solution: &Solution,
    vehicle_of: &[Option<usize>],
    cost: &mut CostBreakdown,
    report: &mut Report,
) {
    let mut listed = vec![false; problem.jobs.len()];
    for u in &solution.unassigned {
        if u.job >= problem.jobs.len() {
            report.add(
                ViolationKind::UnknownJob,
                None,
                None,
                format!("unassigned job {}", u.job),
            );
            continue;
        }
        if vehicle_of[u.job].is_some() || std::mem::replace(&mut listed[u.job], true) {
            let detail = format!("job {} listed as unassigned wrongly or twice", u.job);
            report.add(ViolationKind::UnassignedMismatch, None, None, detail);
        }
    }
    for (j, job) in problem.jobs.iter().enumerate() {
        if vehicle_of[j].is_some() {
            continue;
        }
        if !listed[j] {
            let detail = format!("job {j} neither served nor listed as unassigned");
            report.add(ViolationKind::UnassignedMismatch, None, None, detail);
        }
        match job.requirement {
            Requirement::Required => {
                cost.missing_required += 1;
                report.add(
                    ViolationKind::RequiredMissing,
                    None,
                    None,
                    format!("job {j}"),
                );
            }
            Requirement::Optional { penalty } => cost.unassigned += penalty,
        }
    }
}

fn check_groups(
    problem: &Problem,
    route_duration: &[Option<Duration>],
    cost: &mut CostBreakdown,
    report: &mut Report,
) {
    for group in &problem.groups {
        let mut members: Vec<usize> = group.vehicles.clone();
        members.sort_unstable();
        members.dedup();
        // A used route's work: its duration less its break (a break is not work).
        let used: Vec<Duration> = members
            .iter()
            .filter_map(|&v| {
                let pause = problem
                    .vehicles
                    .get(v)?
                    .lunch
                    .map_or(Duration(0), |b| b.duration);
                Some(route_duration.get(v).copied().flatten()? - pause)
            })
            .collect();
        match group.rule {
            GroupRule::MaxUsed(k) if used.len() > k => {
                let detail = format!(
                    "group {}: {} vehicles used, at most {k}",
                    group.label,
                    used.len()
                );
                report.add(ViolationKind::GroupMaxUsed, None, None, detail);
            }
            GroupRule::MaxUsed(_) => {}
            GroupRule::DurationBudget {
                limit,
                balance_weight,
            } => {
                let total: Duration = used.iter().copied().sum();
                if total > limit {
                    let detail = format!("group {}: {} > budget {}", group.label, total.0, limit.0);
                    report.add(ViolationKind::GroupBudget, None, None, detail);
                }
                if balance_weight > 0 && limit.0 > 0 {
                    let b = i128::from(balance_weight) * i128::from(total.0).pow(2)
                        / i128::from(limit.0);
                    cost.balance += Cost(b.min(i128::from(i64::MAX / 4)) as i64);
                }
            }
        }
    }
}

fn check_relations(problem: &Problem, vehicle_of: &[Option<usize>], report: &mut Report) {
    for rel in &problem.relations {
        let day = |j: usize| {
            vehicle_of
                .get(j)
                .copied()
                .flatten()
                .map(|v| problem.vehicles[v].day)
        };
        if let (Some(a), Some(b)) = (day(rel.first), day(rel.second)) {
            let gap = b - a;
            if gap < rel.min_gap || gap > rel.max_gap {
                let detail = format!(
                    "jobs {} and {}: gap {gap} outside {}..={}",
                    rel.first, rel.second, rel.min_gap, rel.max_gap
                );
                report.add(ViolationKind::Relation, None, None, detail);
            }
        }
    }
}
