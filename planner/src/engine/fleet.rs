//! Fitting every required job into a tight fleet: the ejection pool of Nagata & Bräysy (2009).
//! The most recently left-out job goes in where it fits; else it is squeezed in (local search
//! with lateness priced high, kept only if it repairs the routes); else it goes in anyway,
//! pushing out the jobs that were easiest to place so far ([`super::eject`]), which join the
//! pool, and a few random feasible moves shake the routes.

use super::config::Tuning;
use super::eject;
use super::insert::{Blink, best_insertion};
use super::instance::{Instance, Node};
use super::late_drop;
use super::local_search::LocalSearch;
use super::operators::{exchange, movable, two_opt_star};
use super::problem::Requirement;
use super::rng::Rng;
use super::state::{Penalty, State};

/// Price of lateness during a squeeze, in arc cost per unit of time (overload alike).
const SQUEEZE_PRICE: f64 = 100.0;

pub(crate) struct Fleet {
    /// How often each job failed to fit (Nagata & Bräysy's p[v]).
    failures: Vec<u32>,
    /// A copy of the solution as it was before this step, to undo a squeeze.
    backup: State,
    stale: bool,
    /// Random moves after each ejection, most jobs pushed out to fit one, and search nodes
    /// per route for finding them.
    shake_moves: usize,
    max_ejected: usize,
    ejection_budget: usize,
    /// Closest jobs the squeeze examines around each job.
    squeeze_near: usize,
    /// Whether a failed squeeze may be repaired by pushing out one job per late route.
    late_drops: bool,
}

impl Fleet {
    pub fn new(inst: &Instance, tuning: &Tuning) -> Fleet {
        Fleet {
            failures: vec![1; inst.jobs],
            backup: State::empty(inst),
            stale: true,
            shake_moves: tuning.shake_moves,
            max_ejected: tuning.max_ejected.max(1),
            ejection_budget: tuning.ejection_budget,
            // Long routes need a wider squeeze: on R211 (two routes of 50) 20 neighbours fit
            // the fleet in 4 runs of 8 within 5 s, 40 in 7.
            squeeze_near: tuning
                .squeeze_granularity
                .max(inst.jobs.div_ceil(inst.vehicles.max(1)))
                .max(1),
            // Plain routing problems only: pushing a job out of a route ignores rules on
            // vehicles, positions, groups and breaks, which the ejection search checks.
            late_drops: tuning.late_drops && inst.is_plain(),
        }
    }

    /// Required jobs the pool works on: left out, yet able to fit alone somewhere.
    fn next_job(inst: &Instance, state: &State) -> Option<Node> {
        state.unassigned.iter().rev().copied().find(|&j| {
            let job = j as usize;
            inst.problem.jobs[job].requirement == Requirement::Required && inst.fits_alone[job]
        })
    }

    /// One step: place the most recently left-out required job, ejecting others if needed.
    /// Returns false when there is nothing to do.
    pub fn step(
        &mut self,
        inst: &Instance,
        state: &mut State,
        rng: &mut Rng,
        ls: &mut LocalSearch,
    ) -> bool {
        let Some(v) = Fleet::next_job(inst, state) else {
            return false;
        };
        if self.stale {
            self.backup.clone_from(state);
            self.stale = false;
        }
        state.clear_changed();
        self.place(inst, state, rng, ls, v);
        self.backup.sync_from(state, &state.changed);
        true
    }

    /// Marks the copy kept for undoing squeezes as out of date (the state changed elsewhere).
    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    fn place(
        &mut self,
        inst: &Instance,
        state: &mut State,
        rng: &mut Rng,
        ls: &mut LocalSearch,
        v: Node,
    ) {
        let mut blink = Blink::new(rng, 0.0, None);
        if let Some(ins) = best_insertion(inst, state, v, &mut blink) {
            ins.apply(inst, state, v);
            return;
        }
        match squeeze_in(inst, state, rng, ls, v, self.squeeze_near) {
            Squeezed::Repaired => return,
            Squeezed::Late => {
                self.failures[v as usize] += 1;
                if self.drop_or_eject(inst, state, rng, v) {
                    return;
                }
            }
            Squeezed::Nowhere => self.failures[v as usize] += 1,
        }
        let found = eject::best_ejection(
            inst,
            state,
            v,
            &self.failures,
            rng,
            (self.max_ejected, self.ejection_budget),
        );
        self.eject(inst, state, rng, v, found);
    }

    /// After a squeeze that left `v` in and routes late, when each late route can lose one
    /// job: keeps the squeeze and pushes those jobs out if they are lighter than the
    /// insertion-ejection on the routes as they were (`backup`), else undoes the squeeze and
    /// applies that; true either way. Otherwise undoes the squeeze and returns false.
    fn drop_or_eject(
        &mut self,
        inst: &Instance,
        state: &mut State,
        rng: &mut Rng,
        v: Node,
    ) -> bool {
        let drops = self
            .late_drops
            .then(|| late_drop::lightest_drops(inst, state, v, &self.failures, self.max_ejected));
        let Some(drops) = drops.flatten() else {
            self.undo_squeeze(state);
            return false;
        };
        // Only an insertion-ejection strictly lighter than the drops can win: a search bounded
        // by their weight from the start skips every heavier set.
        let found = eject::lighter_ejection(
            inst,
            &self.backup,
            (v, &self.failures),
            rng,
            (self.max_ejected, self.ejection_budget),
            drops.weight,
        );
        if found.is_none() {
            late_drop::apply(inst, state, &drops);
            shake(inst, state, rng, self.shake_moves);
        } else {
            self.undo_squeeze(state);
            self.eject(inst, state, rng, v, found);
        }
        true
    }

    /// Restores the routes a squeeze changed from the copy taken before this step.
    fn undo_squeeze(&self, state: &mut State) {
        state.sync_from(&self.backup, &state.changed.clone());
    }

    /// Applies the insertion-ejection found for `v`, or puts `v` last in line if none.
    fn eject(
        &mut self,
        inst: &Instance,
        state: &mut State,
        rng: &mut Rng,
        v: Node,
        found: Option<eject::Ejection>,
    ) {
        match found {
            Some(e) => {
                e.apply(inst, state, v);
                shake(inst, state, rng, self.shake_moves);
            }
            None => {
                // Nothing to push out for it: try the others first, and shake the routes so
                // that the next attempt does not face the same ones.
                if let Some(i) = state.unassigned.iter().position(|&j| j == v) {
                    state.unassigned.remove(i);
                    state.unassigned.insert(0, v);
                }
                shake(inst, state, rng, self.shake_moves);
            }
        }
    }
}

/// What a squeeze left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Squeezed {
    /// `v` is in and every route feasible.
    Repaired,
    /// `v` is in, some routes late or overloaded (the caller undoes or repairs).
    Late,
    /// Nothing changed: `v` cannot go anywhere.
    Nowhere,
}

/// Nagata & Bräysy's squeeze: put `v` where it makes the routes least late, then let the local
/// search (moves between routes, lateness and overload priced high) try to repair them,
/// looking at the `near` closest jobs of each. The caller undoes a squeeze that leaves routes
/// late.
fn squeeze_in(
    inst: &Instance,
    state: &mut State,
    rng: &mut Rng,
    ls: &mut LocalSearch,
    v: Node,
    near: usize,
) -> Squeezed {
    let saved = state.penalty;
    let scale = price_scale(inst, state);
    state.penalty = Penalty {
        strict: false,
        warp: (SQUEEZE_PRICE * inst.cost_per_time * scale.0)
            .round()
            .max(1.0) as i64,
        load: (SQUEEZE_PRICE * scale.1).round().max(1.0) as i64,
    };
    let mut blink = Blink::new(rng, 0.0, None);
    let Some(ins) = best_insertion(inst, state, v, &mut blink) else {
        state.penalty = saved;
        return Squeezed::Nowhere;
    };
    state.touched.clear();
    ins.apply(inst, state, v);
    let seeds = std::mem::take(&mut state.touched);
    ls.inter_only = true;
    ls.near = near;
    ls.run(inst, state, rng, seeds.into_iter());
    ls.inter_only = false;
    ls.near = usize::MAX;
    state.penalty = saved;
    if state.is_feasible() {
        Squeezed::Repaired
    } else {
        Squeezed::Late
    }
}

/// Cost of a unit of time and of load, relative to the routes' arcs.
fn price_scale(inst: &Instance, state: &State) -> (f64, f64) {
    let used = state.routes.iter().filter(|r| r.is_used()).count();
    let arcs = (inst.jobs - state.unassigned.len() + used).max(1) as f64;
    let arc = (state.route_costs.0 as f64 / arcs).max(1.0);
    (1.0, arc / inst.mean_size.max(1e-9))
}

/// Random feasible moves (relocate, swap, 2-opt*) between close jobs, whatever their cost.
fn shake(inst: &Instance, state: &mut State, rng: &mut Rng, moves: usize) {
    let assigned: Vec<Node> = (0..inst.jobs as Node)
        .filter(|&j| state.is_assigned(j) && movable(inst, j))
        .collect();
    if assigned.is_empty() {
        return;
    }
    let mut done = 0;
    for _ in 0..moves * 4 {
        if done == moves {
            break;
        }
        let u = assigned[rng.below(assigned.len())];
        let near = &inst.neighbours[u as usize];
        if near.is_empty() || !state.is_assigned(u) {
            continue;
        }
        let v = near[rng.below(near.len())];
        if !state.is_assigned(v) {
            continue;
        }
        let ok = match rng.below(3) {
            0 => exchange::evaluate(inst, state, u, 1, v, 0, None).map(|_| (1, 0)),
            1 => exchange::evaluate(inst, state, u, 1, v, 1, None).map(|_| (1, 1)),
            _ => two_opt_star::delta(inst, state, u, v, None).map(|_| (0, 0)),
        };
        match ok {
            Some((0, 0)) => two_opt_star::apply(inst, state, u, v),
            Some((n, m)) => exchange::apply(inst, state, u, n, v, m),
            None => continue,
        }
        done += 1;
    }
}
