//! Granular local search (Vidal et al. 2013 style): for each active job `u` and each of its
//! close neighbours `v`, try the operators and apply the first improving move. Only jobs near
//! a change are active ("don't look bits"): after a ruin and recreate, the search stays
//! around what moved instead of re-examining every route.

use super::instance::{Instance, Node};
use super::operators::{Move, lunch, relocate, swap, to_empty, two_opt, two_opt_star};
use super::rng::Rng;
use super::state::State;
use crate::units::Cost;

pub(crate) struct LocalSearch {
    queue: Vec<Node>,
    active: Vec<bool>,
    /// Only moves between routes (the squeeze's repair, as in Nagata & Bräysy).
    pub inter_only: bool,
    /// Closest neighbours examined around each job.
    pub near: usize,
}

impl LocalSearch {
    pub fn new(inst: &Instance) -> LocalSearch {
        LocalSearch {
            queue: Vec::new(),
            active: vec![false; inst.jobs],
            inter_only: false,
            near: usize::MAX,
        }
    }

    fn activate(&mut self, inst: &Instance, node: Node) {
        if inst.is_job(node) && !self.active[node as usize] {
            self.active[node as usize] = true;
            self.queue.push(node);
        }
    }

    /// Improves `state` until no move around the jobs in `seeds` (and around every job a move
    /// touches on the way) improves; returns the number of moves applied.
    pub fn run(
        &mut self,
        inst: &Instance,
        state: &mut State,
        rng: &mut Rng,
        seeds: impl Iterator<Item = Node>,
    ) -> usize {
        for s in seeds {
            self.activate(inst, s);
        }
        rng.shuffle(&mut self.queue);
        let mut moves = 0;
        // Every move lowers the objective, so the search ends; the cap guards against a
        // move whose application differs from its evaluation.
        let cap = 100 * inst.jobs + 100;
        while let Some(u) = self.queue.pop() {
            if moves >= cap {
                for x in self.queue.drain(..) {
                    self.active[x as usize] = false;
                }
                break;
            }
            self.active[u as usize] = false;
            if !state.is_assigned(u) {
                continue;
            }
            if let Some(mv) = improve_node(inst, state, u, self.inter_only, self.near) {
                self.apply(inst, state, mv);
                moves += 1;
            }
        }
        moves
    }

    /// Applies a move and wakes the jobs around the places it changed.
    fn apply(&mut self, inst: &Instance, state: &mut State, mv: Move) {
        let (u, v) = mv.nodes();
        let mut wake: Vec<Node> = Vec::with_capacity(12);
        for x in [u, v] {
            wake.extend(around(state, x));
        }
        let routes = mv.routes(state);
        mv.apply(inst, state);
        for r in routes {
            if inst.has_breaks && state.routes[r].lunch_at.is_some() {
                lunch::place_lunch(inst, state, r);
            }
        }
        for x in [u, v] {
            wake.extend(around(state, x));
        }
        for x in wake {
            self.activate(inst, x);
        }
    }
}

/// A node and its route neighbours (two on each side).
fn around(state: &State, x: Node) -> impl Iterator<Item = Node> + '_ {
    let r = state.route_of[x as usize];
    let visits: &[Node] = if r == super::state::NOWHERE {
        &[]
    } else {
        &state.routes[r as usize].visits
    };
    let at = state.index_of[x as usize] as usize;
    let lo = at.saturating_sub(2);
    let hi = (at + 3).min(visits.len());
    visits.get(lo..hi).unwrap_or(&[]).iter().copied()
}

/// The first improving move around `u`.
fn improve_node(
    inst: &Instance,
    state: &State,
    u: Node,
    inter_only: bool,
    near: usize,
) -> Option<Move> {
    for &v in inst.neighbours[u as usize].iter().take(near) {
        if !state.is_assigned(v) {
            continue;
        }
        if let Some(mv) = pair_move(inst, state, u, v, inter_only) {
            return Some(mv);
        }
    }
    let ru = state.route_of[u as usize] as usize;
    if state.routes[ru].jobs > 1 {
        return empty_route_move(inst, state, u);
    }
    None
}

/// Operators in order of cost: the first improving move wins.
fn pair_move(inst: &Instance, state: &State, u: Node, v: Node, inter_only: bool) -> Option<Move> {
    if inter_only && state.route_of[u as usize] == state.route_of[v as usize] {
        return None;
    }
    let found = relocate::evaluate(inst, state, u, 1, v)
        .or_else(|| swap::evaluate(inst, state, u, 1, v, 1))
        .or_else(|| relocate::evaluate(inst, state, u, 2, v))
        .or_else(|| relocate::evaluate(inst, state, u, 3, v))
        .or_else(|| swap::evaluate(inst, state, u, 2, v, 1))
        .or_else(|| swap::evaluate(inst, state, u, 2, v, 2))
        .or_else(|| two_opt_star::evaluate(inst, state, u, v))
        .or_else(|| two_opt::evaluate(inst, state, u, v))
        .or_else(|| {
            let rv = state.route_of[v as usize] as usize;
            let before = state.routes[rv].visits[state.index_of[v as usize] as usize - 1];
            two_opt_star::evaluate(inst, state, u, before)
        });
    found.map(|(mv, _)| mv)
}

/// Moving `u` to an empty vehicle, one of each kind.
fn empty_route_move(inst: &Instance, state: &State, u: Node) -> Option<Move> {
    let mut seen: Vec<usize> = Vec::new();
    let mut best: Option<(Move, Cost)> = None;
    for (r, route) in state.routes.iter().enumerate() {
        if route.is_used() || seen.contains(&inst.profile[route.vehicle]) {
            continue;
        }
        if !inst.rules.allows(u as usize, route.vehicle)
            || (inst.rules.has_groups && !super::checks::may_open(inst, state, route.vehicle))
        {
            continue;
        }
        if !inst.rules.flagged[u as usize] {
            seen.push(inst.profile[route.vehicle]);
        }
        if let Some((mv, delta)) = to_empty::evaluate(inst, state, u, r)
            && delta < best.map_or(Cost(0), |b| b.1)
        {
            best = Some((mv, delta));
        }
    }
    best.map(|b| b.0)
}
