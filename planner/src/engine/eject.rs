//! Fitting a job into a full route by pushing others out (Nagata & Bräysy's insertion-ejection),
//! the cheapest set by the sum of the pushed-out jobs' failure counters, then the fewest jobs,
//! then the least cost. Single ejections are swept exhaustively in O(route²) with cached
//! segments on every route first; larger sets then by a depth-first walk that grows the
//! schedule in O(1) steps and prunes as soon as the kept part is late, overloaded or cannot
//! beat the best found, or when the rest must lose one more job and none is cheap enough.
//! The walk is exact within its node budget (`eject_tests.rs` checks it against brute force).

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
    limits: (usize, usize),
) -> Option<Ejection> {
    search(inst, state, (v, failures), rng, limits, None)
}

/// [`best_ejection`] among the sets lighter than `than` (sum of failure counters, then
/// count), `None` if there is none. The bound prunes from the start: the ejection pool asks
/// this after a squeeze whose late routes can each lose one job of that weight, and the
/// search then skips every set at least as heavy (identical choices, less work).
pub(crate) fn lighter_ejection(
    inst: &Instance,
    state: &State,
    (v, failures): (Node, &[u32]),
    rng: &mut Rng,
    limits: (usize, usize),
    than: (u64, usize),
) -> Option<Ejection> {
    // The search starts from a stand-in for a set of that weight that no real set of the same
    // weight beats on cost; it pushes out nothing, which no set the search finds does.
    let bound = Ejection {
        route: 0,
        before: 0,
        variant: 0,
        ejected: Vec::new(),
        key: (than.0, than.1, Cost(i64::MIN)),
    };
    search(inst, state, (v, failures), rng, limits, Some(bound)).filter(|e| !e.ejected.is_empty())
}

fn search(
    inst: &Instance,
    state: &State,
    (v, failures): (Node, &[u32]),
    rng: &mut Rng,
    (most, budget): (usize, usize),
    mut best: Option<Ejection>,
) -> Option<Ejection> {
    let mut order: Vec<usize> = (0..state.routes.len())
        .filter(|&r| {
            state.routes[r].is_used() && inst.rules.allows(v as usize, state.routes[r].vehicle)
        })
        .collect();
    keep_near_routes(inst, state, v, &mut order);
    rng.shuffle(&mut order);
    // The rule cost of `v` on each route, computed once for both passes below.
    let routes: Vec<(usize, Cost)> = order
        .iter()
        .filter_map(|&r| {
            let vehicle = state.routes[r].vehicle;
            Some((
                r,
                checks::single_job_move(inst, state, v as usize, None, Some(vehicle))?,
            ))
        })
        .collect();
    // Single ejections everywhere first: they are cheap, and the bound they set prunes the
    // deeper walks on every route, not only on the routes after the one that set it. The
    // walks' buffers pass from one to the next.
    let (mut chosen, mut least_after) = (Vec::with_capacity(most), Vec::new());
    for deep in [false, true] {
        if deep && (most < 2 || !may_beat(best.as_ref(), 2, 2)) {
            // Two or more jobs pushed out cost at least 2 and lose ties to one.
            break;
        }
        for &(r, rule) in &routes {
            let route = &state.routes[r];
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
                    chosen: std::mem::take(&mut chosen),
                    least_after: std::mem::take(&mut least_after),
                    most,
                    budget,
                    best: best.take(),
                };
                if !deep {
                    walk.sweep_single();
                } else if may_beat(walk.best.as_ref(), 2, 2) {
                    walk.fill_least_after();
                    walk.visit(1, state.seg[route.visits[0] as usize], None, 0);
                }
                (best, chosen, least_after) = (walk.best, walk.chosen, walk.least_after);
            }
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

/// Whether pushing out `count` jobs whose failures sum to `psum` (or more of either) may still
/// match or beat `best`: ties on the sum go to fewer jobs, then to the lower cost.
fn may_beat(best: Option<&Ejection>, psum: u64, count: usize) -> bool {
    best.is_none_or(|b| (psum, count) <= (b.key.0, b.key.1))
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
    /// Least failure counter among the movable visits from each index on (deep walks only).
    least_after: Vec<u64>,
    most: usize,
    budget: usize,
    best: Option<Ejection>,
}

impl Walk<'_> {
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
            if !movable(self.inst, node) || !may_beat(self.best.as_ref(), p, 1) {
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

    /// Prepares the bound for a deep walk: a set that must push out one more job from index
    /// `i` on costs at least `least_after[i]` more.
    fn fill_least_after(&mut self) {
        let visits = &self.route.visits;
        self.least_after.clear();
        self.least_after.resize(visits.len() + 1, u64::MAX);
        for i in (1..visits.len().saturating_sub(1)).rev() {
            let node = visits[i];
            let p = if movable(self.inst, node) {
                u64::from(self.failures[node as usize])
            } else {
                u64::MAX
            };
            self.least_after[i] = p.min(self.least_after[i + 1]);
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
            // The rest does not fit as it is: one more must go. If none can, only keeping is
            // left, and that is `full` again at every step.
            let more = self.chosen.len() + 1;
            let least = psum.saturating_add(self.least_after[i]);
            if more > self.most || !may_beat(self.best.as_ref(), least, more) {
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
        if may_beat(self.best.as_ref(), p, self.chosen.len() + 1) {
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

#[cfg(test)]
#[path = "eject_tests.rs"]
mod tests;
