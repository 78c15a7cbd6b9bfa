//! Fitting a job into a full route by pushing others out (Nagata & Bräysy's insertion-ejection),
//! the cheapest set by the sum of the pushed-out jobs' failure counters. Single ejections are
//! swept exhaustively in O(route²) with cached segments; larger sets by a depth-first walk that
//! grows the schedule in O(1) steps and prunes as soon as the kept part is late, overloaded or
//! worse than the best found.

use super::checks::{self, Usage};
use super::instance::{Instance, Node};
use super::operators::movable;
use super::rng::Rng;
use super::route::Route;
use super::segment::Segment;
use super::state::State;
use crate::units::{Cost, Duration};

#[derive(Clone, Debug)]
pub(crate) struct Ejection {
    route: usize,
    /// `v` goes right before `visits[before]`.
    before: usize,
    variant: usize,
    ejected: Vec<usize>,
    key: (u64, usize, Cost),
}

/// The cheapest way to fit `v` into a used route by pushing out at most `most` jobs
/// (a depth-first walk of at most `budget` nodes per route):
/// least sum of `failures` of the jobs pushed out, then fewest, then least cost.
pub(crate) fn best_ejection(
    inst: &Instance,
    state: &State,
    v: Node,
    failures: &[u32],
    rng: &mut Rng,
    (most, budget): (usize, usize),
) -> Option<Ejection> {
    let mut order: Vec<usize> = (0..state.routes.len())
        .filter(|&r| {
            state.routes[r].is_used() && inst.rules.allows(v as usize, state.routes[r].vehicle)
        })
        .collect();
    keep_near_routes(inst, state, v, &mut order);
    rng.shuffle(&mut order);
    let mut best: Option<Ejection> = None;
    for r in order {
        let route = &state.routes[r];
        let Some(rule) =
            checks::single_job_move(inst, state, v as usize, None, Some(route.vehicle))
        else {
            continue;
        };
        for (variant, vseg) in inst.variants[v as usize].iter().enumerate() {
            let mut walk = Walk {
                inst,
                state,
                route,
                r,
                v,
                vseg,
                variant,
                rule,
                failures,
                chosen: Vec::with_capacity(most),
                most,
                budget,
                best: best.take(),
            };
            walk.sweep_single();
            // Two or more jobs pushed out cost at least 2 and lose ties to one.
            if most > 1 && walk.bound() > 2 {
                walk.visit(1, state.seg[route.visits[0] as usize], None, 0);
            }
            best = walk.best;
        }
    }
    best
}

/// Beyond this many routes, the search keeps to those holding one of the `NEAR_JOBS` jobs
/// closest to the job to fit. A step then costs what it costs on a small fleet, and the job
/// goes where it belongs rather than wherever the cheapest jobs to push out happen to be: on
/// the generated M400 (24 routes) the fleet fits in 4.1 s instead of 9.4 (median of seeds
/// 1–6), N400 (38) in 0.85 s instead of 1.3. On Solomon's fleets (at most 19 routes) the
/// same restriction fits R104 and R112 more often but RC106 less, so they search every route.
pub(crate) const NEAR_ROUTES_FROM: usize = 20;
pub(crate) const NEAR_JOBS: usize = 20;

/// Keeps in `routes` those that hold one of the jobs closest to `v`, when there are more than
/// [`NEAR_ROUTES_FROM`] and at least one does.
pub(crate) fn keep_near_routes(inst: &Instance, state: &State, v: Node, routes: &mut Vec<usize>) {
    if routes.len() <= NEAR_ROUTES_FROM {
        return;
    }
    let mut near = vec![false; state.routes.len()];
    for &u in inst.neighbours[v as usize].iter().take(NEAR_JOBS) {
        if state.is_assigned(u) {
            near[state.route_of[u as usize] as usize] = true;
        }
    }
    if routes.iter().any(|&r| near[r]) {
        routes.retain(|&r| near[r]);
    }
}

/// Depth-first walk over one route: at each visit keep it or eject it, and insert `v` at one
/// gap; the kept prefix must stay on time and within capacity.
struct Walk<'a> {
    inst: &'a Instance<'a>,
    state: &'a State,
    route: &'a Route,
    r: usize,
    v: Node,
    vseg: &'a Segment,
    variant: usize,
    rule: Cost,
    failures: &'a [u32],
    chosen: Vec<usize>,
    most: usize,
    budget: usize,
    best: Option<Ejection>,
}

impl Walk<'_> {
    fn bound(&self) -> u64 {
        self.best.as_ref().map_or(u64::MAX, |b| b.key.0)
    }

    fn alive(&self, seg: &Segment) -> bool {
        let vehicle = self.route.vehicle;
        seg.core.time_warp == Duration(0)
            && seg.load <= self.inst.problem.vehicles[vehicle].capacity
            && seg.core.duration <= self.inst.max_duration[vehicle]
    }

    /// Every single ejection with every place for `v`, in O(route²).
    fn sweep_single(&mut self) {
        let m = &self.inst.problem.matrix;
        let route = self.route;
        let last = route.len() - 1;
        for e in 1..last {
            let node = route.visits[e];
            let p = u64::from(
                self.failures
                    .get(node as usize)
                    .copied()
                    .unwrap_or(u32::MAX),
            );
            if !movable(self.inst, node) || p > self.bound() {
                continue;
            }
            self.chosen.clear();
            self.chosen.push(e);
            // `v` after `e`: the kept visits between them grow one by one.
            let mut kept = route.fwd(e - 1);
            for g in e + 1..=last {
                if g > e + 1 {
                    kept = kept.then(&self.state.seg[route.visits[g - 1] as usize], m);
                    if !self.alive(&kept) {
                        break;
                    }
                }
                self.try_full(kept.then(self.vseg, m).then(&route.bwd(g), m), g, p);
            }
            // `v` before `e`.
            let mut rest = route.bwd(e + 1);
            for g in (1..=e).rev() {
                if g < e {
                    rest = self.state.seg[route.visits[g] as usize].then(&rest, m);
                }
                self.try_full(route.fwd(g - 1).then(self.vseg, m).then(&rest, m), g, p);
            }
        }
        self.chosen.clear();
    }

    fn try_full(&mut self, full: Segment, before: usize, psum: u64) {
        if self.alive(&full) && checks::position_ok(self.inst, self.route, before - 1, self.v) {
            self.finish(full, before, psum);
        }
    }

    fn visit(&mut self, i: usize, prefix: Segment, inserted: Option<usize>, psum: u64) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let m = &self.inst.problem.matrix;
        if inserted.is_none() && checks::position_ok(self.inst, self.route, i - 1, self.v) {
            let with = prefix.then(self.vseg, m);
            if self.alive(&with) {
                self.visit(i, with, Some(i), psum);
            }
        }
        let last = self.route.len() - 1;
        if let Some(before) = inserted {
            // Keeping the rest as it is: if that fits, ejecting more would only cost more.
            let full = prefix.then(&self.route.bwd(i), m);
            if self.alive(&full) {
                self.finish(full, before, psum);
                return;
            }
        }
        if i == last {
            return;
        }
        let node = self.route.visits[i];
        let kept = prefix.then(&self.state.seg[node as usize], m);
        if self.alive(&kept) {
            self.visit(i + 1, kept, inserted, psum);
        }
        if !movable(self.inst, node) || self.chosen.len() >= self.most {
            return;
        }
        let p = psum + u64::from(self.failures[node as usize]);
        if p < self.bound() {
            self.chosen.push(i);
            self.visit(i + 1, prefix, inserted, p);
            self.chosen.pop();
        }
    }

    fn finish(&mut self, full: Segment, before: usize, psum: u64) {
        if self.chosen.is_empty() {
            return;
        }
        let (cost, warp, excess) = self.inst.route_cost(self.route.vehicle, &full);
        if warp > Duration(0) || excess.0 > 0 {
            return;
        }
        let mut delta = cost - self.route.cost + self.rule;
        if self.inst.rules.has_groups {
            let usage = Usage {
                vehicle: self.route.vehicle,
                used_before: true,
                used_after: true,
                duration_before: self.route.duration,
                duration_after: full.core.duration,
            };
            let Some(g) = checks::groups_delta(self.inst, self.state, &[usage]) else {
                return;
            };
            delta += g;
        }
        let key = (psum, self.chosen.len(), delta);
        if self.best.as_ref().is_none_or(|b| key < b.key) {
            self.best = Some(Ejection {
                route: self.r,
                before,
                variant: self.variant,
                ejected: self.chosen.clone(),
                key,
            });
        }
    }
}

impl Ejection {
    /// The job pushed out first.
    pub fn first_out(&self, state: &State) -> Option<Node> {
        let i = *self.ejected.first()?;
        Some(state.routes[self.route].visits[i])
    }

    /// Puts `v` in and the ejected jobs out.
    pub fn apply(&self, inst: &Instance, state: &mut State, v: Node) {
        let route = &state.routes[self.route];
        let out: Vec<Node> = self.ejected.iter().map(|&i| route.visits[i]).collect();
        let mut visits = Vec::with_capacity(route.len());
        for (i, &x) in route.visits.iter().enumerate() {
            if i == self.before {
                visits.push(v);
            }
            if !self.ejected.contains(&i) {
                visits.push(x);
            }
        }
        state.set_job_variant(inst, v, self.variant);
        state.set_visits(inst, self.route, &visits);
        state.take_out_of_pool(inst, v);
        for job in out {
            state.put_in_pool(inst, job);
        }
    }
}
