//! The problem as the search sees it: node segments, vehicle ends, neighbour lists and the
//! static part of the cross-route rules, computed once per solve.
//!
//! Nodes are numbered: jobs `0..jobs`, then each vehicle's lunch, start and end.

use super::problem::{Job, Problem, TimeWindow};
use super::rules::Rules;
use super::segment::Segment;
use crate::units::{Cost, Distance, Duration, Load};

pub(crate) type Node = u32;

/// A job's windows are fixed to one per stop ("variant") while it sits in a route; more
/// combinations than this are not all tried.
const MAX_VARIANTS: usize = 32;

pub(crate) struct Instance<'p> {
    pub problem: &'p Problem,
    pub jobs: usize,
    pub vehicles: usize,
    /// Per job: one segment per usable choice of windows (empty: the job cannot be served).
    pub variants: Vec<Vec<Segment>>,
    pub lunch: Vec<Option<Segment>>,
    pub start: Vec<Segment>,
    pub end: Vec<Segment>,
    pub max_duration: Vec<Duration>,
    /// Vehicles with the same profile are interchangeable when empty.
    pub profile: Vec<usize>,
    /// Vehicles with the same end id end at the same place within the same shift.
    pub end_id: Vec<usize>,
    /// Objective value of each arc (distance and travel weights), row = from.
    arcs: Vec<i64>,
    /// Granular neighbourhood: the closest jobs to each job (time windows considered).
    pub neighbours: Vec<Vec<Node>>,
    /// Every other job by increasing arc cost, for string removals.
    pub adjacency: Vec<Vec<Node>>,
    /// Cost of the arcs between the first vehicle's start and each job, both ways.
    pub depot_cost: Vec<Cost>,
    pub rules: Rules,
    /// 1 for every job (uniform ejection weights).
    pub ones: Vec<u32>,
    /// Whether each job fits alone on some allowed vehicle (else no search can place it).
    pub fits_alone: Vec<bool>,
    pub has_breaks: bool,
    pub has_optional: bool,
    /// Mean size of a job (at least 1 in total): the unit that prices overload alike across
    /// problems.
    pub mean_size: f64,
    /// Whether the change of arc costs bounds a move's cost change from below (no duration
    /// cost, balance or preferences), so moves can be discarded before their schedule is
    /// evaluated.
    pub arc_bound: bool,
    /// Cost of one time unit of travel, for mixing waiting times into proximity.
    pub cost_per_time: f64,
}

impl<'p> Instance<'p> {
    pub fn new(problem: &'p Problem, granularity: usize) -> Instance<'p> {
        let jobs = problem.jobs.len();
        let vehicles = problem.vehicles.len();
        let variants: Vec<Vec<Segment>> = problem
            .jobs
            .iter()
            .map(|job| job_variants(problem, job))
            .collect();
        let (start, end) = shift_ends(problem);
        let lunch: Vec<Option<Segment>> = problem
            .vehicles
            .iter()
            .map(|v| v.lunch.map(|b| Segment::pause(b.duration, b.window)))
            .collect();
        let has_breaks = lunch.iter().any(Option::is_some);
        let max_duration = problem
            .vehicles
            .iter()
            .map(|v| v.max_duration.unwrap_or(Duration::MAX))
            .collect();
        let profile = vehicle_profiles(problem);
        let mut instance = Instance {
            problem,
            jobs,
            vehicles,
            variants,
            lunch,
            start,
            end,
            max_duration,
            profile,
            end_id: end_ids(problem),
            arcs: arc_costs(problem),
            neighbours: Vec::new(),
            adjacency: Vec::new(),
            depot_cost: Vec::new(),
            rules: Rules::new(problem),
            fits_alone: Vec::new(),
            ones: vec![1; jobs],
            has_breaks,
            arc_bound: problem.objective.duration_weight == 0
                && problem.groups.is_empty()
                && problem.jobs.iter().all(|j| j.preferred.is_none()),
            has_optional: problem
                .jobs
                .iter()
                .any(|j| matches!(j.requirement, super::problem::Requirement::Optional { .. })),
            cost_per_time: 1.0,
            mean_size: problem.jobs.iter().map(|j| j.size.0).sum::<i64>().max(1) as f64
                / jobs.max(1) as f64,
        };
        instance.derive(granularity);
        instance
    }

    /// What is computed from the instance itself: the cost of time, proximity, the cost of
    /// a job alone on a route, the neighbour lists, and which jobs fit a route alone.
    fn derive(&mut self, granularity: usize) {
        self.cost_per_time = self.estimate_cost_per_time();
        self.adjacency = self.build_adjacency();
        self.depot_cost = (0..self.jobs)
            .map(|j| match self.problem.vehicles.first() {
                Some(v) => {
                    let l = self.job_location(j);
                    self.arc_cost(v.start, l) + self.arc_cost(l, v.end)
                }
                None => Cost(0),
            })
            .collect();
        self.neighbours = self.build_neighbours(granularity);
        self.fits_alone = (0..self.jobs)
            .map(|j| {
                (0..self.vehicles).any(|v| self.rules.allows(j, v) && self.fits_alone_on(j, v))
            })
            .collect();
    }

    #[inline]
    pub fn is_job(&self, node: Node) -> bool {
        (node as usize) < self.jobs
    }

    /// Vehicle routing with time windows and capacities only: no breaks, optional jobs,
    /// rules on vehicles or positions, nor groups.
    pub fn is_plain(&self) -> bool {
        !self.has_breaks
            && !self.has_optional
            && !self.rules.has_job_rules
            && !self.rules.has_groups
            && !self.rules.has_positions
    }

    #[inline]
    pub fn is_lunch(&self, node: Node) -> bool {
        (self.jobs..self.jobs + self.vehicles).contains(&(node as usize))
    }
    #[inline]
    pub fn lunch_node(&self, vehicle: usize) -> Node {
        (self.jobs + vehicle) as Node
    }
    #[inline]
    pub fn start_node(&self, vehicle: usize) -> Node {
        (self.jobs + self.vehicles + vehicle) as Node
    }
    #[inline]
    pub fn end_node(&self, vehicle: usize) -> Node {
        (self.jobs + 2 * self.vehicles + vehicle) as Node
    }
    pub fn nodes(&self) -> usize {
        self.jobs + 3 * self.vehicles
    }

    /// Objective value of an arc between two locations.
    #[inline]
    pub fn arc_cost(&self, from: usize, to: usize) -> Cost {
        let o = &self.problem.objective;
        let m = &self.problem.matrix;
        let travel = m.duration(from, to).0;
        Cost(
            o.distance_weight * m.distance(from, to).0
                + (o.travel_weight + o.duration_weight) * travel,
        )
    }

    /// Objective value of the arc between two locations (distance and travel weights).
    #[inline(always)]
    pub fn arc(&self, from: u32, to: u32) -> Cost {
        Cost(self.arcs[from as usize * self.problem.matrix.size() + to as usize])
    }

    /// Objective value of a distance and a travel time (without the route duration).
    #[inline(always)]
    pub fn arc_weights(&self, distance: Distance, travel: Duration) -> Cost {
        let o = &self.problem.objective;
        Cost(o.distance_weight * distance.0 + o.travel_weight * travel.0)
    }

    /// A lower bound of the cost change of putting `seg` between locations `p` and `n`,
    /// beyond the segment's own distance and travel: the detour, and the duration shrinking
    /// at most by the travel saved (when the triangle inequality fails).
    #[inline(always)]
    pub fn detour(&self, p: usize, seg: &Segment, n: usize) -> Cost {
        let (f, l) = (seg.first, seg.last);
        let arcs = self.arc(p as u32, f) + self.arc(l, n as u32) - self.arc(p as u32, n as u32);
        let weight = self.problem.objective.duration_weight;
        if weight == 0 {
            return arcs;
        }
        let m = &self.problem.matrix;
        let (p, f, l, n) = (p, f as usize, l as usize, n);
        let travel = m.duration(p, f) + m.duration(l, n) - m.duration(p, n);
        arcs + Cost((travel.min(Duration(0)) * weight).0)
    }

    /// Cost of a whole route (start and end included), and its time warp and overload.
    #[inline]
    pub fn route_cost(&self, vehicle: usize, seg: &Segment) -> (Cost, Duration, Load) {
        let v = &self.problem.vehicles[vehicle];
        let o = &self.problem.objective;
        let t = &seg.core;
        let warp = t.time_warp + (t.duration - self.max_duration[vehicle]).max(Duration(0));
        let excess = (seg.load - v.capacity).max(Load(0));
        let cost = v.fixed_cost.0
            + o.distance_weight * seg.distance.0
            + o.travel_weight * seg.travel.0
            + o.duration_weight * t.duration.0;
        (Cost(cost), warp, excess)
    }

    /// Whether job `j` alone fits an empty route of vehicle `v` (capacity, windows, shift,
    /// duration, lunch before or after it).
    pub fn fits_alone_on(&self, j: usize, v: usize) -> bool {
        let m = &self.problem.matrix;
        let (s, e) = (&self.start[v], &self.end[v]);
        let ok = |full: &Segment| {
            let (_, warp, excess) = self.route_cost(v, full);
            warp == Duration(0) && excess == Load(0)
        };
        self.variants[j].iter().any(|seg| match self.lunch[v] {
            None => ok(&s.then(seg, m).then(e, m)),
            Some(l) => {
                ok(&s.then(seg, m).then(&l, m).then(e, m))
                    || ok(&s.then(&l, m).then(seg, m).then(e, m))
            }
        })
    }

    /// First located place of a job (where string removals measure from).
    pub fn job_location(&self, job: usize) -> usize {
        self.problem.jobs[job].stops[0].location
    }

    fn estimate_cost_per_time(&self) -> f64 {
        let m = &self.problem.matrix;
        let (mut cost, mut time) = (0f64, 0f64);
        let step = (m.size() / 50).max(1);
        for a in (0..m.size()).step_by(step) {
            for b in (0..m.size()).step_by(step) {
                cost += self.arc_cost(a, b).0 as f64;
                time += m.duration(a, b).0 as f64;
            }
        }
        if time > 0.0 && cost > 0.0 {
            cost / time
        } else {
            1.0
        }
    }

    fn build_adjacency(&self) -> Vec<Vec<Node>> {
        (0..self.jobs)
            .map(|u| {
                let lu = self.job_location(u);
                let mut others: Vec<(Cost, Node)> = (0..self.jobs)
                    .filter(|&v| v != u)
                    .map(|v| {
                        let lv = self.job_location(v);
                        (self.arc_cost(lu, lv).min(self.arc_cost(lv, lu)), v as Node)
                    })
                    .collect();
                others.sort_unstable();
                others.into_iter().map(|(_, v)| v).collect()
            })
            .collect()
    }

    /// Proximity as in Vidal et al. (2013): arc cost plus penalised unavoidable waiting and
    /// lateness when `v` follows `u`, symmetrised.
    fn proximity(&self, u: usize, v: usize) -> f64 {
        let one_way = |a: usize, b: usize| -> f64 {
            let (Some(sa), Some(sb)) = (self.variants[a].first(), self.variants[b].first()) else {
                return f64::MAX / 4.0;
            };
            let (la, lb) = (sa.last as usize, sb.first as usize);
            let t = self.problem.matrix.duration(la, lb);
            let (ta, tb) = (&sa.core, &sb.core);
            let wait = (tb.earliest - t - ta.duration - ta.latest).max(Duration(0));
            let warp = (ta.earliest + ta.duration + t - tb.latest).max(Duration(0));
            self.arc_cost(la, lb).0 as f64
                + self.cost_per_time * (0.2 * wait.0 as f64 + warp.0 as f64)
        };
        one_way(u, v).min(one_way(v, u))
    }

    fn build_neighbours(&self, granularity: usize) -> Vec<Vec<Node>> {
        let k = granularity.min(self.jobs.saturating_sub(1));
        (0..self.jobs)
            .map(|u| {
                let mut near: Vec<(f64, Node)> = (0..self.jobs)
                    .filter(|&v| v != u && self.rules.may_share_route(u, v))
                    .map(|v| (self.proximity(u, v), v as Node))
                    .collect();
                near.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                near.truncate(k);
                near.into_iter().map(|(_, v)| v).collect()
            })
            .collect()
    }
}

/// The job's stops as one segment per choice of windows, dropping choices that are late
/// even when started at the best time.
fn job_variants(problem: &Problem, job: &Job) -> Vec<Segment> {
    let choices: Vec<Vec<TimeWindow>> = job
        .stops
        .iter()
        .map(|s| {
            if s.windows.is_empty() {
                vec![TimeWindow::ALWAYS]
            } else {
                s.windows
                    .iter()
                    .copied()
                    .filter(|w| w.close >= w.open)
                    .collect()
            }
        })
        .collect();
    if choices.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    let total = choices
        .iter()
        .map(Vec::len)
        .product::<usize>()
        .min(MAX_VARIANTS);
    let mut out = Vec::new();
    for combination in 0..total {
        let mut rest = combination;
        let mut seg = Segment::EMPTY;
        for (stop, windows) in job.stops.iter().zip(&choices) {
            let window = windows[rest % windows.len()];
            rest /= windows.len();
            let one = Segment::stop(stop.location, stop.service, window, Load(0));
            seg = seg.then(&one, &problem.matrix);
        }
        seg.load = job.size;
        if seg.is_located() && seg.core.time_warp == Duration(0) {
            out.push(seg);
        }
    }
    out.sort_by_key(|s| (s.core.earliest, s.core.latest));
    out.dedup();
    out
}

/// Each vehicle's first and last stop: its start and end places, open over its shift.
fn shift_ends(problem: &Problem) -> (Vec<Segment>, Vec<Segment>) {
    let shift_stop =
        |location, shift: TimeWindow| Segment::stop(location, Duration(0), shift, Load(0));
    let start = problem
        .vehicles
        .iter()
        .map(|v| shift_stop(v.start, v.shift))
        .collect();
    let end = problem
        .vehicles
        .iter()
        .map(|v| shift_stop(v.end, v.shift))
        .collect();
    (start, end)
}

/// Numbers the distinct vehicle profiles: same ends, shift, limits, costs, lunch, day and
/// groups.
fn vehicle_profiles(problem: &Problem) -> Vec<usize> {
    let groups_of = |v: usize| -> Vec<usize> {
        (0..problem.groups.len())
            .filter(|&g| problem.groups[g].vehicles.contains(&v))
            .collect()
    };
    let mut seen: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut out = Vec::with_capacity(problem.vehicles.len());
    for (v, vehicle) in problem.vehicles.iter().enumerate() {
        let groups = groups_of(v);
        let same = seen.iter().find(|(w, g)| {
            let other = &problem.vehicles[*w];
            *g == groups
                && other.start == vehicle.start
                && other.end == vehicle.end
                && other.shift == vehicle.shift
                && other.max_duration == vehicle.max_duration
                && other.capacity == vehicle.capacity
                && other.fixed_cost == vehicle.fixed_cost
                && other.lunch == vehicle.lunch
                && other.day == vehicle.day
        });
        match same {
            Some((w, _)) => out.push(out[*w]),
            None => {
                out.push(seen.len());
                seen.push((v, groups));
            }
        }
    }
    out
}

fn arc_costs(problem: &Problem) -> Vec<i64> {
    let o = &problem.objective;
    let m = &problem.matrix;
    m.legs()
        .iter()
        .map(|l| o.distance_weight * l.distance.0 + o.travel_weight * l.duration.0)
        .collect()
}

/// Numbers the distinct (end place, shift) pairs of the vehicles.
fn end_ids(problem: &Problem) -> Vec<usize> {
    let mut seen: Vec<(usize, TimeWindow)> = Vec::new();
    problem
        .vehicles
        .iter()
        .map(|v| {
            let key = (v.end, v.shift);
            match seen.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    seen.push(key);
                    seen.len() - 1
                }
            }
        })
        .collect()
}
