//! A synthetic week shaped like the weekly planner's problems, for timing the engine at the
//! sizes the team needs: vehicles = (day, pair of workers) with a lunch, one camping-car per
//! day, a worker in at most one pair per day, weekly hours per worker with balance, daily
//! permanences (required, narrow window, that day only), optional home visits with priorities,
//! allowed and preferred vehicles, escorts with several stops, and day-gap relations.

use planner::engine::{
    Break, GroupRule, Job, Matrix, Objective, Pin, Problem, Relation, Requirement, Stop,
    TimeWindow, Vehicle, VehicleGroup,
};
use planner::units::{Cost, Distance, Duration, Load};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Sizes of a synthetic week.
#[derive(Clone, Copy, Debug)]
pub struct WeekSize {
    pub days: usize,
    pub workers: usize,
    pub places: usize,
    pub visits: usize,
}

/// A week of `size.days` days, crews = every pair of `size.workers` workers.
pub fn week(size: WeekSize, seed: u64) -> Problem {
    let mut g = Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let matrix = road_matrix(&mut g, size.places);
    let pairs: Vec<(usize, usize)> = (0..size.workers)
        .flat_map(|a| (a + 1..size.workers).map(move |b| (a, b)))
        .collect();
    let mut vehicles = Vec::new();
    for day in 0..size.days {
        for &(a, b) in &pairs {
            vehicles.push(crew(day, a, b));
        }
    }
    let groups = groups(size, &pairs);
    let mut jobs = Vec::new();
    for day in 0..size.days {
        jobs.push(permanence(&mut g, day, size, pairs.len()));
    }
    let mut relations = Vec::new();
    while jobs.len() < size.visits {
        let job = visit(&mut g, size, pairs.len());
        jobs.push(job);
        if g.below(10) == 0 && jobs.len() < size.visits {
            // Twice a week, on days that do not follow each other.
            let twin = visit(&mut g, size, pairs.len());
            relations.push(Relation {
                first: jobs.len() - 1,
                second: jobs.len(),
                min_gap: 2,
                max_gap: 4,
            });
            jobs.push(twin);
        }
    }
    Problem {
        matrix,
        jobs,
        vehicles,
        groups,
        relations,
        objective: Objective {
            distance_weight: 1,
            travel_weight: 0,
            duration_weight: 1,
        },
    }
}

/// Rural roads: places in a 60 km square, road distance 1.3 × straight, 60 km/h average,
/// a little asymmetry (one-way streets, slopes).
fn road_matrix(g: &mut Lcg, places: usize) -> Matrix {
    let points: Vec<(f64, f64)> = (0..places)
        .map(|_| (g.below(60_000) as f64, g.below(60_000) as f64))
        .collect();
    let mut durations = Vec::with_capacity(places * places);
    let mut distances = Vec::with_capacity(places * places);
    for a in &points {
        for b in &points {
            let metres = 1.3 * ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            let skew = 1.0 + g.below(8) as f64 / 100.0;
            distances.push(Distance((metres * skew) as i64));
            durations.push(Duration((metres * skew / 16.7) as i64));
        }
    }
    Matrix::new(places, durations, distances)
}

fn crew(day: usize, a: usize, b: usize) -> Vehicle {
    let base = day as i64 * DAY;
    Vehicle {
        label: format!("d{day} w{a}+w{b}"),
        start: 0,
        end: 0,
        shift: TimeWindow::new(Duration(base + 8 * HOUR), Duration(base + 18 * HOUR)),
        max_duration: Some(Duration(9 * HOUR)),
        capacity: Load(2),
        fixed_cost: Cost(5_000),
        lunch: Some(Break {
            window: TimeWindow::new(
                Duration(base + 11 * HOUR + 45 * 60),
                Duration(base + 14 * HOUR),
            ),
            duration: Duration(45 * 60),
        }),
        day: day as i32,
    }
}

fn groups(size: WeekSize, pairs: &[(usize, usize)]) -> Vec<VehicleGroup> {
    let per_day = pairs.len();
    let mut groups = Vec::new();
    for day in 0..size.days {
        groups.push(VehicleGroup {
            label: format!("camping-car d{day}"),
            vehicles: (0..per_day).map(|p| day * per_day + p).collect(),
            rule: GroupRule::MaxUsed(1),
        });
        for w in 0..size.workers {
            let mine = (0..per_day).filter(|&p| pairs[p].0 == w || pairs[p].1 == w);
            groups.push(VehicleGroup {
                label: format!("w{w} d{day}"),
                vehicles: mine.map(|p| day * per_day + p).collect(),
                rule: GroupRule::MaxUsed(1),
            });
        }
    }
    // Weekly hours: one budget per worker and (five-day) week.
    for w in 0..size.workers {
        for first in (0..size.days).step_by(5) {
            let mine = (first * per_day..(first + 5).min(size.days) * per_day).filter(|v| {
                let p = pairs[v % per_day];
                p.0 == w || p.1 == w
            });
            groups.push(VehicleGroup {
                label: format!("w{w} week{}", first / 5),
                vehicles: mine.collect(),
                rule: GroupRule::DurationBudget {
                    limit: Duration(35 * HOUR),
                    balance_weight: 1,
                },
            });
        }
    }
    groups
}

fn permanence(g: &mut Lcg, day: usize, size: WeekSize, pairs: usize) -> Job {
    let base = day as i64 * DAY;
    let open = base + 9 * HOUR + g.below(2) as i64 * HOUR;
    let place = 1 + g.below(size.places as u64 - 1) as usize;
    let mut job = Job::single(
        format!("permanence d{day}"),
        place,
        Duration(2 * HOUR + 30 * 60),
        vec![TimeWindow::new(Duration(open), Duration(open + 15 * 60))],
        Load(0),
    );
    job.allowed_vehicles = Some((day * pairs..(day + 1) * pairs).collect());
    job
}

fn visit(g: &mut Lcg, size: WeekSize, pairs: usize) -> Job {
    let stops = if g.below(15) == 0 {
        2 + g.below(3) as usize
    } else {
        1
    };
    let days: Vec<usize> = (0..size.days).filter(|_| g.below(3) == 0).collect();
    let windows: Vec<TimeWindow> = days
        .iter()
        .map(|&d| {
            let open = d as i64 * DAY + (9 + g.below(6) as i64) * HOUR;
            TimeWindow::new(Duration(open), Duration(open + 2 * HOUR))
        })
        .collect();
    let job_stops = (0..stops)
        .map(|s| Stop {
            location: 1 + g.below(size.places as u64 - 1) as usize,
            service: Duration((20 + g.below(40) as i64) * 60),
            windows: if s == 0 { windows.clone() } else { Vec::new() },
        })
        .collect();
    let priority = 1 + g.below(3) as i64;
    let allowed: Vec<usize> = days
        .iter()
        .flat_map(|&d| d * pairs..(d + 1) * pairs)
        .collect();
    let preferred: Vec<usize> = allowed.iter().copied().filter(|v| v % pairs == 0).collect();
    Job {
        label: "visit".into(),
        stops: job_stops,
        size: Load(if stops > 1 { 1 } else { 0 }),
        requirement: Requirement::Optional {
            penalty: Cost(20_000 * priority),
        },
        allowed_vehicles: Some(allowed),
        preferred: Some((preferred, Cost(2_000))),
        pin: None::<Pin>,
    }
}
