//! Cheapest feasible insertion of a job into the current routes.

use super::checks::{self, Usage};
use super::instance::{Instance, Node};
use super::rng::Rng;
use super::route::Route;
use super::segment::Segment;
use super::state::{LunchPlace, State};
use crate::units::Cost;

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
    rng: &'a mut Rng,
    rate: f64,
    /// `ln(1 - rate)`, computed once: a draw then costs one logarithm instead of two.
    log_keep: f64,
    closed: Option<usize>,
    /// Positions left before the next skipped one (drawn geometrically, one draw per skip).
    until: u64,
}

impl<'a> Blink<'a> {
    pub fn new(rng: &'a mut Rng, rate: f64, closed: Option<usize>) -> Blink<'a> {
        let mut blink = Blink {
            rng,
            rate,
            log_keep: (1.0 - rate).ln(),
            closed,
            until: u64::MAX,
        };
        blink.draw();
        blink
    }

    pub fn rng(&mut self) -> &mut Rng {
        self.rng
    }

    fn draw(&mut self) {
        self.until = if self.rate <= 0.0 {
            u64::MAX
        } else if self.rate >= 1.0 {
            0
        } else {
            let u = self.rng.unit().max(1e-300);
            (u.ln() / self.log_keep).floor().min(1e18) as u64
        };
    }

    #[inline]
    fn skip(&mut self) -> bool {
        if self.until > 0 {
            self.until -= 1;
            return false;
        }
        self.draw();
        true
    }
}

/// The cheapest feasible insertion of `job` over all routes, if any.
pub(crate) fn best_insertion(
    inst: &Instance,
    state: &State,
    job: Node,
    blink: &mut Blink,
) -> Option<Insertion> {
    scan(inst, state, job, blink, false).0
}

/// The cheapest insertion and the cost of the cheapest one on another route (for regret).
pub(crate) fn best_two(
    inst: &Instance,
    state: &State,
    job: Node,
    blink: &mut Blink,
) -> (Option<Insertion>, Option<Cost>) {
    scan(inst, state, job, blink, true)
}

fn scan(
    inst: &Instance,
    state: &State,
    job: Node,
    blink: &mut Blink,
    two: bool,
) -> (Option<Insertion>, Option<Cost>) {
    let j = job as usize;
    let size = inst.problem.jobs[j].size;
    let mut best: Option<Insertion> = None;
    let mut second: Option<Cost> = None;
    let mut empty_profiles: Vec<(usize, bool, Cost)> = Vec::new();
    for (r, route) in state.routes.iter().enumerate() {
        let v = route.vehicle;
        if blink.closed == Some(r)
            || !inst.rules.allows(j, v)
            || route.load() + size > inst.problem.vehicles[v].capacity
        {
            continue;
        }
        let Some(rule_cost) = checks::single_job_move(inst, state, j, None, Some(v)) else {
            continue;
        };
        if !route.is_used() {
            if inst.rules.has_groups && !checks::may_open(inst, state, v) {
                continue;
            }
            // Identical empty vehicles give identical insertions: try one of each kind.
            let profile = (inst.profile[v], inst.rules.allows(j, v), rule_cost);
            if empty_profiles.contains(&profile) {
                continue;
            }
            empty_profiles.push(profile);
        }
        let bound = if two { second } else { best.map(|b| b.delta) };
        let found = if route.is_used() {
            best_in_used(inst, state, route, job, rule_cost, blink, bound)
        } else {
            best_in_empty(inst, state, route, job, rule_cost)
        };
        let Some(ins) = found else { continue };
        match best {
            Some(b) if ins.delta >= b.delta => {
                second = Some(second.map_or(ins.delta, |s| s.min(ins.delta)));
            }
            _ => {
                second = best.map(|b| b.delta).or(second);
                best = Some(Insertion { route: r, ..ins });
            }
        }
    }
    (best, second)
}

/// Route cost change and group feasibility of a new route schedule.
#[inline]
fn evaluate(inst: &Instance, state: &State, route: &Route, seg: &Segment) -> Option<Cost> {
    let (cost, warp, excess) = inst.route_cost(route.vehicle, seg);
    let mut delta = state.penalty.value(cost, warp, excess)? - state.penalty.of(route);
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
    bound: Option<Cost>,
) -> Option<Insertion> {
    let m = &inst.problem.matrix;
    let mut best: Option<Insertion> = None;
    let strict = state.penalty.strict;
    let prune = !inst.rules.has_groups && (strict || route.is_feasible());
    for (variant, seg) in inst.variants[job as usize].iter().enumerate() {
        if !fits_shift(inst, route.vehicle, seg) {
            continue;
        }
        let own = inst.arc_weights(seg.distance, seg.travel) + rule_cost;
        for after in 0..route.len() - 1 {
            if blink.skip() || !checks::position_ok(inst, route, after, job) {
                continue;
            }
            if prune && let Some(b) = best.map(|b| b.delta).or(bound) {
                let (p, n) = (
                    route.fwd(after).last as usize,
                    route.bwd(after + 1).first as usize,
                );
                if own + inst.detour(p, seg, n) >= b {
                    continue;
                }
            }
            let mut keep = |delta: Cost, lunch: LunchPlace| {
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
            let fwd = route.fwd(after);
            let with_job = fwd.then(seg, m);
            if strict && with_job.core.time_warp > fwd.core.time_warp {
                // Later positions only get later (even with the lunch moved after the job).
                let base = route.fwd_no_lunch(after).unwrap_or(fwd);
                if base.core.earliest + base.core.duration > seg.core.latest {
                    break;
                }
            } else {
                let full = with_job.then(&route.bwd(after + 1), m);
                if let Some(delta) = evaluate(inst, state, route, &full) {
                    keep(delta, LunchPlace::Stay);
                }
            }
            if route.lunch_at.is_some() {
                for (delta, place) in with_lunch_next(inst, state, route, after, seg) {
                    keep(delta, place);
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
    let none = Segment::EMPTY;
    let fwd = route.fwd_no_lunch(after).unwrap_or(none);
    let bwd = route.bwd_no_lunch(after + 1).unwrap_or(none);
    let before = fwd.then(&lunch, m).then(seg, m).then(&bwd, m);
    let behind = fwd.then(seg, m).then(&lunch, m).then(&bwd, m);
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
