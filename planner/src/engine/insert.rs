//! Cheapest feasible insertion of a job into the current routes.

use super::checks::{self, Usage};
use super::instance::{Instance, Node};
use super::rng::Rng;
use super::route::Route;
use super::segment::Segment;
use super::state::{LunchPlace, State};
use crate::units::{Cost, Duration};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Insertion {
    pub route: usize,
    pub after: usize,
    pub variant: usize,
    pub lunch: LunchPlace,
    /// Change of the objective (route cost, preference, balance).
    pub delta: Cost,
}

impl Insertion {
    pub fn apply(&self, inst: &Instance, state: &mut State, job: Node) {
        state.insert_job(inst, job, self.route, self.after, self.variant, self.lunch);
    }
}

/// Skips each position with probability `rate` (SISR's blinks; 0 for a full scan), and
/// route `closed` altogether.
pub(crate) struct Blink<'a> {
    pub rng: &'a mut Rng,
    pub rate: f64,
    pub closed: Option<usize>,
}

impl Blink<'_> {
    #[inline]
    fn skip(&mut self) -> bool {
        self.rate > 0.0 && self.rng.chance(self.rate)
    }
}

/// The cheapest feasible insertion of `job` over all routes, if any.
pub(crate) fn best_insertion(
    inst: &Instance,
    state: &State,
    job: Node,
    blink: &mut Blink,
) -> Option<Insertion> {
    let j = job as usize;
    let size = inst.problem.jobs[j].size;
    let mut best: Option<Insertion> = None;
    let mut empty_profiles: Vec<(usize, bool, Cost)> = Vec::new();
    for (r, route) in state.routes.iter().enumerate() {
        let v = route.vehicle;
        if blink.closed == Some(r)
            || !inst.rules.allows(j, v)
            || route.bwd[0].load + size > inst.problem.vehicles[v].capacity
        {
            continue;
        }
        let Some(rule_cost) = checks::single_job_move(inst, state, j, None, Some(v)) else {
            continue;
        };
        if !route.is_used() {
            // Identical empty vehicles give identical insertions: try one of each kind.
            let profile = (inst.profile[v], inst.rules.allows(j, v), rule_cost);
            if empty_profiles.contains(&profile) {
                continue;
            }
            empty_profiles.push(profile);
        }
        let found = if route.is_used() {
            best_in_used(inst, state, route, job, rule_cost, blink)
        } else {
            best_in_empty(inst, state, route, job, rule_cost)
        };
        if let Some(ins) = found
            && best.is_none_or(|b| ins.delta < b.delta)
        {
            best = Some(Insertion { route: r, ..ins });
        }
    }
    best
}

/// Route cost change and group feasibility of a new route schedule.
#[inline]
fn evaluate(inst: &Instance, state: &State, route: &Route, seg: &Segment) -> Option<Cost> {
    let (cost, warp, excess) = inst.route_cost(route.vehicle, seg);
    if warp > Duration(0) || excess.0 > 0 {
        return None;
    }
    let mut delta = cost - route.cost;
    if inst.rules.has_groups && !inst.rules.vehicle_groups[route.vehicle].is_empty() {
        let usage = Usage {
            vehicle: route.vehicle,
            used_before: route.is_used(),
            used_after: true,
            duration_before: route.duration,
            duration_after: seg.core.duration,
        };
        delta += checks::groups_delta(inst, state, &[usage])?;
    }
    Some(delta)
}

/// A variant of the job worth trying on this vehicle (its windows meet the shift).
#[inline]
fn fits_shift(inst: &Instance, v: usize, seg: &Segment) -> bool {
    let shift = inst.problem.vehicles[v].shift;
    seg.core.latest >= shift.open && seg.core.earliest <= shift.close
}

fn best_in_used(
    inst: &Instance,
    state: &State,
    route: &Route,
    job: Node,
    rule_cost: Cost,
    blink: &mut Blink,
) -> Option<Insertion> {
    let m = &inst.problem.matrix;
    let mut best: Option<Insertion> = None;
    let mut keep = |delta: Cost, after: usize, variant: usize, lunch: LunchPlace| {
        let delta = delta + rule_cost;
        if best.is_none_or(|b| delta < b.delta) {
            best = Some(Insertion {
                route: 0,
                after,
                variant,
                lunch,
                delta,
            });
        }
    };
    for (variant, seg) in inst.variants[job as usize].iter().enumerate() {
        if !fits_shift(inst, route.vehicle, seg) {
            continue;
        }
        for after in 0..route.len() - 1 {
            if blink.skip() || !checks::position_ok(inst, route, after, job) {
                continue;
            }
            let fwd = &route.fwd[after];
            let with_job = fwd.then(seg, m);
            if with_job.core.time_warp > fwd.core.time_warp {
                // Later positions only get later (even with the lunch moved after the job).
                let base = route.fwd_no_lunch.get(after).unwrap_or(fwd);
                if base.core.earliest + base.core.duration > seg.core.latest {
                    break;
                }
            } else {
                let full = with_job.then(&route.bwd[after + 1], m);
                if let Some(delta) = evaluate(inst, state, route, &full) {
                    keep(delta, after, variant, LunchPlace::Stay);
                }
            }
            if route.lunch_at.is_some() {
                for (delta, place) in with_lunch_next(inst, state, route, after, seg) {
                    keep(delta, after, variant, place);
                }
            }
        }
    }
    best
}

/// Insertion after `visits[after]` with the lunch moved right before or after the job.
fn with_lunch_next(
    inst: &Instance,
    state: &State,
    route: &Route,
    after: usize,
    seg: &Segment,
) -> impl Iterator<Item = (Cost, LunchPlace)> {
    let m = &inst.problem.matrix;
    let lunch = inst.lunch[route.vehicle].unwrap_or(Segment::EMPTY);
    let (fwd, bwd) = (&route.fwd_no_lunch[after], &route.bwd_no_lunch[after + 1]);
    let before = fwd.then(&lunch, m).then(seg, m).then(bwd, m);
    let behind = fwd.then(seg, m).then(&lunch, m).then(bwd, m);
    [(before, LunchPlace::Before), (behind, LunchPlace::After)]
        .into_iter()
        .filter_map(move |(full, place)| evaluate(inst, state, route, &full).map(|d| (d, place)))
}

fn best_in_empty(
    inst: &Instance,
    state: &State,
    route: &Route,
    job: Node,
    rule_cost: Cost,
) -> Option<Insertion> {
    let m = &inst.problem.matrix;
    let v = route.vehicle;
    let (start, end) = (&inst.start[v], &inst.end[v]);
    let mut best: Option<Insertion> = None;
    for (variant, seg) in inst.variants[job as usize].iter().enumerate() {
        if !fits_shift(inst, v, seg) {
            continue;
        }
        let options: &[LunchPlace] = if inst.lunch[v].is_some() {
            &[LunchPlace::After, LunchPlace::Before]
        } else {
            &[LunchPlace::Stay]
        };
        for &lunch in options {
            let full = match (inst.lunch[v], lunch) {
                (Some(l), LunchPlace::After) => start.then(seg, m).then(&l, m).then(end, m),
                (Some(l), LunchPlace::Before) => start.then(&l, m).then(seg, m).then(end, m),
                _ => start.then(seg, m).then(end, m),
            };
            let Some(delta) = evaluate(inst, state, route, &full) else {
                continue;
            };
            let delta = delta + rule_cost;
            if best.is_none_or(|b| delta < b.delta) {
                best = Some(Insertion {
                    route: 0,
                    after: 0,
                    variant,
                    lunch,
                    delta,
                });
            }
        }
    }
    best
}
