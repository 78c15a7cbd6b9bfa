//! Granular local search (Vidal et al. 2013 style): for each job `u` in random order and each
//! of its close neighbours `v`, try the operators and apply the first improving move, until no
//! move improves. Pairs of routes unchanged since `u` was last examined are skipped.

use super::instance::{Instance, Node};
use super::operators::{Move, lunch, relocate, swap, to_empty, two_opt_star};
use super::rng::Rng;
use super::state::State;
use crate::units::Cost;

pub(crate) struct LocalSearch {
    order: Vec<Node>,
    /// When each job's neighbourhood was last examined.
    tested: Vec<u64>,
    clock: u64,
}

impl LocalSearch {
    pub fn new(inst: &Instance) -> LocalSearch {
        LocalSearch {
            order: (0..inst.jobs as Node).collect(),
            tested: vec![0; inst.jobs],
            clock: 1,
        }
    }

    /// Marks routes as changed since the last search (after a ruin and recreate).
    pub fn touch(&mut self, state: &mut State, routes: impl Iterator<Item = usize>) {
        self.clock += 1;
        for r in routes {
            state.routes[r].stamp = self.clock;
        }
    }

    /// Improves `state` to a local optimum; returns the number of moves applied.
    pub fn run(&mut self, inst: &Instance, state: &mut State, rng: &mut Rng) -> usize {
        let mut moves = 0;
        loop {
            rng.shuffle(&mut self.order);
            let mut improved = false;
            for k in 0..self.order.len() {
                let u = self.order[k];
                if !state.is_assigned(u) {
                    continue;
                }
                let since = self.tested[u as usize];
                self.tested[u as usize] = self.clock;
                while let Some(mv) = self.improve_node(inst, state, u, since) {
                    self.apply(inst, state, mv);
                    moves += 1;
                    improved = true;
                }
            }
            if !improved {
                return moves;
            }
        }
    }

    fn apply(&mut self, inst: &Instance, state: &mut State, mv: Move) {
        let routes = mv.routes(state);
        mv.apply(inst, state);
        self.clock += 1;
        for r in routes {
            if inst.has_breaks && state.routes[r].lunch_at.is_some() {
                lunch::place_lunch(inst, state, r);
            }
            state.routes[r].stamp = self.clock;
        }
    }

    /// The first improving move around `u`.
    fn improve_node(&self, inst: &Instance, state: &State, u: Node, since: u64) -> Option<Move> {
        let ru = state.route_of[u as usize] as usize;
        for &v in &inst.neighbours[u as usize] {
            if !state.is_assigned(v) {
                continue;
            }
            let rv = state.route_of[v as usize] as usize;
            if state.routes[ru].stamp <= since && state.routes[rv].stamp <= since {
                continue;
            }
            if let Some(mv) = pair_move(inst, state, u, v) {
                return Some(mv);
            }
        }
        if state.routes[ru].jobs > 1 {
            return empty_route_move(inst, state, u);
        }
        None
    }
}

/// Operators in order of cost: the first improving move wins.
fn pair_move(inst: &Instance, state: &State, u: Node, v: Node) -> Option<Move> {
    let found = relocate::evaluate(inst, state, u, 1, v)
        .or_else(|| swap::evaluate(inst, state, u, 1, v, 1))
        .or_else(|| relocate::evaluate(inst, state, u, 2, v))
        .or_else(|| relocate::evaluate(inst, state, u, 3, v))
        .or_else(|| swap::evaluate(inst, state, u, 2, v, 1))
        .or_else(|| swap::evaluate(inst, state, u, 2, v, 2))
        .or_else(|| two_opt_star::evaluate(inst, state, u, v))
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
        if !inst.rules.allows(u as usize, route.vehicle) {
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
