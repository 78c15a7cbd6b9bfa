//! Move a job alone to an empty vehicle (the lunch, if any, before or after it).

use super::{Move, movable, route_delta};
use crate::engine::checks;
use crate::engine::instance::{Instance, Node};
use crate::engine::state::State;
use crate::units::Cost;

/// The move of `u` to empty route `r`, if it improves.
pub(crate) fn evaluate(inst: &Instance, state: &State, u: Node, r: usize) -> Option<(Move, Cost)> {
    let ra = state.route_of[u as usize] as usize;
    let i = state.index_of[u as usize] as usize;
    let (a, target) = (&state.routes[ra], &state.routes[r]);
    if ra == r || target.is_used() || !movable(inst, u) {
        return None;
    }
    let v = target.vehicle;
    let mx = &inst.problem.matrix;
    let useg = &state.seg[u as usize];
    if useg.load > inst.problem.vehicles[v].capacity {
        return None;
    }
    let rule = checks::single_job_move(inst, state, u as usize, Some(a.vehicle), Some(v))?;
    let new_a = a.fwd[i - 1].then(&a.bwd[i + 1], mx);
    let (da, ua) = route_delta(inst, state, ra, &new_a, a.jobs - 1)?;
    let (start, end) = (&inst.start[v], &inst.end[v]);
    let mut best: Option<(Move, Cost)> = None;
    for lunch_first in [false, true] {
        let seg = match (inst.lunch[v], lunch_first) {
            (None, true) => continue,
            (None, false) => start.then(useg, mx).then(end, mx),
            (Some(l), false) => start.then(useg, mx).then(&l, mx).then(end, mx),
            (Some(l), true) => start.then(&l, mx).then(useg, mx).then(end, mx),
        };
        let Some((dr, ur)) = route_delta(inst, state, r, &seg, 1) else {
            continue;
        };
        let mut delta = da + dr + rule;
        if inst.rules.has_groups {
            let Some(g) = checks::groups_delta(inst, state, &[ua, ur]) else {
                continue;
            };
            delta += g;
        }
        if delta < best.map_or(Cost(0), |b| b.1) {
            let mv = Move::ToEmpty {
                u,
                route: r,
                lunch_first,
            };
            best = Some((mv, delta));
        }
    }
    best
}

pub(crate) fn apply(inst: &Instance, state: &mut State, u: Node, r: usize, lunch_first: bool) {
    let ra = state.route_of[u as usize] as usize;
    let mut old: Vec<Node> = state.routes[ra].visits.clone();
    old.retain(|&x| x != u);
    let v = state.routes[r].vehicle;
    let (s, e, l) = (inst.start_node(v), inst.end_node(v), inst.lunch_node(v));
    let new: Vec<Node> = match (inst.lunch[v].is_some(), lunch_first) {
        (false, _) => vec![s, u, e],
        (true, false) => vec![s, u, l, e],
        (true, true) => vec![s, l, u, e],
    };
    state.set_visits(inst, ra, &old);
    state.set_visits(inst, r, &new);
}
