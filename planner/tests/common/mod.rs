//! Test helpers: random problems with every engine feature, and a brute-force solver that
//! enumerates every solution of a tiny problem and keeps the best one the checker accepts.

#![allow(dead_code)]

use planner::check::{ViolationKind, check};
use planner::engine::{
    Break, GroupRule, Job, Matrix, Objective, Pin, PinPosition, Problem, Relation, Requirement,
    Route, RouteItem, Solution, Stop, TimeWindow, Unassigned, Vehicle, VehicleGroup,
};
use planner::units::{Cost, Distance, Duration, Load};

/// A small deterministic generator (tests must not depend on `rand`'s stream stability).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Which features a random problem uses.
#[derive(Clone, Copy, Debug, Default)]
pub struct Features {
    pub breaks: bool,
    pub groups: bool,
    pub relations: bool,
    pub multi_stop: bool,
    pub pins: bool,
    pub optional: bool,
    pub preferred: bool,
    pub allowed: bool,
    pub multi_window: bool,
    pub fixed_costs: bool,
}

impl Features {
    pub fn all() -> Features {
        Features {
            breaks: true,
            groups: true,
            relations: true,
            multi_stop: true,
            pins: true,
            optional: true,
            preferred: true,
            allowed: true,
            multi_window: true,
            fixed_costs: true,
        }
    }
}

const DAY: i64 = 2000;

/// Random problem: `jobs` jobs, `vehicles` vehicles spread over a few days.
pub fn random_problem(seed: u64, jobs: usize, vehicles: usize, f: Features) -> Problem {
    let mut g = Lcg::new(seed);
    let locations = jobs * 2 + 2;
    let points: Vec<(i64, i64)> = (0..locations)
        .map(|_| (g.range(0, 100), g.range(0, 100)))
        .collect();
    let mut durations = Vec::new();
    let mut distances = Vec::new();
    for a in 0..locations {
        for b in 0..locations {
            let (p, q) = (points[a], points[b]);
            let d = (((p.0 - q.0).pow(2) + (p.1 - q.1).pow(2)) as f64).sqrt();
            let skew = if a != b && g.chance(10) {
                g.range(0, 15)
            } else {
                0
            };
            durations.push(Duration(d.ceil() as i64 + skew));
            distances.push(Distance(d.round() as i64));
        }
    }
    let days = (vehicles as i64).clamp(1, 3);
    let vehicles_list: Vec<Vehicle> = (0..vehicles)
        .map(|v| {
            let day = v as i64 % days;
            Vehicle {
                label: format!("v{v}"),
                start: 0,
                end: if v % 2 == 0 { 0 } else { 1 },
                shift: TimeWindow::new(Duration(day * DAY), Duration(day * DAY + 700)),
                max_duration: g.chance(30).then_some(Duration(550)),
                capacity: Load(g.range(4, 10)),
                fixed_cost: Cost(if f.fixed_costs { g.range(0, 50) } else { 0 }),
                lunch: f.breaks.then(|| Break {
                    window: TimeWindow::new(Duration(day * DAY + 250), Duration(day * DAY + 400)),
                    duration: Duration(30),
                }),
                day: day as i32,
            }
        })
        .collect();
    let job_list: Vec<Job> = (0..jobs)
        .map(|j| random_job(&mut g, j, vehicles, days, &f))
        .collect();
    let mut problem = Problem {
        matrix: Matrix::new(locations, durations, distances),
        jobs: job_list,
        vehicles: vehicles_list,
        groups: Vec::new(),
        relations: Vec::new(),
        objective: Objective {
            distance_weight: 1,
            travel_weight: g.range(0, 1),
            duration_weight: g.range(0, 1),
        },
    };
    if f.groups {
        add_groups(&mut g, &mut problem, days);
    }
    if f.relations && jobs >= 2 {
        for _ in 0..(jobs / 3).max(1) {
            let a = g.below(jobs as u64) as usize;
            let b = g.below(jobs as u64) as usize;
            if a != b {
                let min_gap = g.range(-1, 1) as i32;
                problem.relations.push(Relation {
                    first: a,
                    second: b,
                    min_gap,
                    max_gap: min_gap + g.range(0, 2) as i32,
                });
            }
        }
    }
    problem
}

fn random_job(g: &mut Lcg, j: usize, vehicles: usize, days: i64, f: &Features) -> Job {
    let n_stops = if f.multi_stop && g.chance(20) {
        g.range(2, 3) as usize
    } else {
        1
    };
    let stops = (0..n_stops)
        .map(|s| {
            let day = g.range(0, days - 1);
            let mut windows = Vec::new();
            if g.chance(75) {
                let count = if f.multi_window && g.chance(30) { 2 } else { 1 };
                for _ in 0..count {
                    let d = if count > 1 { g.range(0, days - 1) } else { day };
                    let open = d * DAY + g.range(0, 500);
                    windows.push(TimeWindow::new(
                        Duration(open),
                        Duration(open + g.range(30, 300)),
                    ));
                }
                windows.sort_by_key(|w| w.open);
            }
            Stop {
                location: 2 + 2 * j + s.min(1),
                service: Duration(g.range(5, 40)),
                windows,
            }
        })
        .collect();
    let requirement = if f.optional && g.chance(40) {
        Requirement::Optional {
            penalty: Cost(g.range(20, 400)),
        }
    } else {
        Requirement::Required
    };
    let pick = |g: &mut Lcg| -> Vec<usize> { (0..vehicles).filter(|_| g.chance(60)).collect() };
    let allowed_vehicles = (f.allowed && g.chance(25)).then(|| pick(g));
    let preferred = (f.preferred && g.chance(25)).then(|| (pick(g), Cost(g.range(5, 80))));
    let pin = (f.pins && g.chance(10)).then(|| Pin {
        vehicle: g.below(vehicles as u64) as usize,
        position: match g.below(3) {
            0 => Some(PinPosition::First),
            1 => Some(PinPosition::Last),
            _ => None,
        },
    });
    Job {
        label: format!("j{j}"),
        stops,
        size: Load(g.range(1, 3)),
        requirement,
        allowed_vehicles,
        preferred,
        pin,
    }
}

fn add_groups(g: &mut Lcg, problem: &mut Problem, days: i64) {
    let n = problem.vehicles.len();
    for d in 0..days {
        let members: Vec<usize> = (0..n)
            .filter(|&v| problem.vehicles[v].day == d as i32)
            .collect();
        if members.len() > 1 {
            problem.groups.push(VehicleGroup {
                label: format!("day{d}"),
                vehicles: members,
                rule: GroupRule::MaxUsed(1),
            });
        }
    }
    let members: Vec<usize> = (0..n).filter(|_| g.chance(50)).collect();
    if !members.is_empty() {
        problem.groups.push(VehicleGroup {
            label: "budget".into(),
            vehicles: members,
            rule: GroupRule::DurationBudget {
                limit: Duration(g.range(300, 1200)),
                balance_weight: g.range(0, 2),
            },
        });
    }
}

/// The best solution of a tiny problem by enumeration: fewest required jobs missing, then
/// lowest checked cost. Returns (missing, total).
pub fn brute_force(problem: &Problem) -> (usize, Cost) {
    let best = brute_force_solution(problem);
    (best.0, best.1)
}

/// Like [`brute_force`], with the best solution.
pub fn brute_force_solution(problem: &Problem) -> Best {
    let n = problem.jobs.len();
    let mut routes: Vec<Vec<usize>> = vec![Vec::new(); problem.vehicles.len()];
    let mut used = vec![false; n];
    let mut best = (usize::MAX, Cost::MAX, Solution::default());
    enumerate(problem, 0, &mut routes, &mut used, &mut best);
    best
}

pub type Best = (usize, Cost, Solution);

fn enumerate(
    problem: &Problem,
    v: usize,
    routes: &mut Vec<Vec<usize>>,
    used: &mut Vec<bool>,
    best: &mut Best,
) {
    if v == problem.vehicles.len() {
        evaluate(problem, routes, used, best);
        return;
    }
    // Route of vehicle v: every sequence of unused jobs (including the empty one).
    enumerate(problem, v + 1, routes, used, best);
    for j in 0..problem.jobs.len() {
        if used[j] {
            continue;
        }
        used[j] = true;
        routes[v].push(j);
        enumerate_extend(problem, v, routes, used, best);
        routes[v].pop();
        used[j] = false;
    }
}

fn enumerate_extend(
    problem: &Problem,
    v: usize,
    routes: &mut Vec<Vec<usize>>,
    used: &mut Vec<bool>,
    best: &mut Best,
) {
    let load: Load = routes[v].iter().map(|&j| problem.jobs[j].size).sum();
    if load > problem.vehicles[v].capacity {
        return;
    }
    enumerate(problem, v + 1, routes, used, best);
    for j in 0..problem.jobs.len() {
        if used[j] {
            continue;
        }
        used[j] = true;
        routes[v].push(j);
        enumerate_extend(problem, v, routes, used, best);
        routes[v].pop();
        used[j] = false;
    }
}

fn evaluate(problem: &Problem, routes: &[Vec<usize>], used: &[bool], best: &mut Best) {
    let unassigned: Vec<Unassigned> = (0..problem.jobs.len())
        .filter(|&j| !used[j])
        .map(|job| Unassigned {
            job,
            reasons: Vec::new(),
        })
        .collect();
    let mut solution = Solution {
        routes: routes
            .iter()
            .enumerate()
            .map(|(v, r)| Route {
                vehicle: v,
                items: r.iter().map(|&j| RouteItem::Job(j)).collect(),
            })
            .collect(),
        unassigned,
    };
    // Lunch: every position on each used route, keeping the shortest feasible one.
    for (v, jobs) in routes.iter().enumerate() {
        if problem.vehicles[v].lunch.is_none() || jobs.is_empty() {
            continue;
        }
        let mut choice: Option<(bool, Duration, usize)> = None;
        for at in 0..=jobs.len() {
            let mut items = solution.routes[v].items.clone();
            items.insert(at, RouteItem::Lunch);
            let one = Solution {
                routes: vec![Route { vehicle: v, items }],
                unassigned: Vec::new(),
            };
            let report = check(problem, &one);
            let late = report.violations.iter().any(|x| {
                matches!(
                    x.kind,
                    ViolationKind::LateService
                        | ViolationKind::LateLunch
                        | ViolationKind::LateReturn
                        | ViolationKind::MaxDuration
                )
            });
            let key = (late, report.cost.duration, at);
            if choice.is_none_or(|c| key < c) {
                choice = Some(key);
            }
        }
        if let Some((_, _, at)) = choice {
            solution.routes[v].items.insert(at, RouteItem::Lunch);
        }
    }
    let report = check(problem, &solution);
    if report
        .violations
        .iter()
        .all(|x| x.kind == ViolationKind::RequiredMissing)
    {
        let key = (report.cost.missing_required, report.cost.total);
        if key < (best.0, best.1) {
            *best = (key.0, key.1, solution);
        }
    }
}
