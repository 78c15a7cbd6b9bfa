//! 2-opt within a route: with `u` before `v`, reverse the visits after `u` up to `v`, so that
//! `u` is followed by `v`. O(length of the reversed part): travel times may be asymmetric and
//! the windows change order.

use super::{Move, boundable, into, movable, out_of, route_delta};
use crate::engine::checks;
use crate::engine::instance::{Instance, Node};
use crate::engine::route::Route;
use crate::engine::segment::Segment;
use crate::engine::state::State;
use crate::units::Cost;

/// The move, if it improves.
pub(crate) fn evaluate(inst: &Instance, state: &State, u: Node, v: Node) -> Option<(Move, Cost)> {
    let (r, i) = (
        state.route_of[u as usize] as usize,
        state.index_of[u as usize] as usize,
    );
    let (rv, j) = (
        state.route_of[v as usize] as usize,
        state.index_of[v as usize] as usize,
    );
    let route = &state.routes[r];
    if r != rv || j < i + 2 || j + 1 >= route.len() {
        return None;
    }
    let reversed = &route.visits[i + 1..=j];
    if inst.rules.has_positions
        && !reversed
            .iter()
            .all(|&x| !inst.is_job(x) || movable(inst, x))
    {
        return None;
    }
    if inst.arc_bound
        && route.lunch_at.is_none()
        && boundable(state, route)
        && arc_change(inst, state, route, i, j) >= Cost(0)
    {
        return None;
    }
    let seg = reversed_route(inst, state, route, i, j);
    let (delta, usage) = route_delta(inst, state, r, &seg, route.jobs)?;
    let mut delta = delta;
    if inst.rules.has_groups {
        delta += checks::groups_delta(inst, state, &[usage])?;
    }
    (delta < Cost(0)).then_some((Move::TwoOpt { u, v }, delta))
}

/// Change of arc costs (routes without a lunch).
fn arc_change(inst: &Instance, state: &State, route: &Route, i: usize, j: usize) -> Cost {
    let arc = |a: usize, b: usize| inst.arc(out_of(state, route, a), into(state, route, b));
    let mut delta = arc(i, j) + arc(i + 1, j + 1) - arc(i, i + 1) - arc(j, j + 1);
    for k in i + 1..j {
        delta += arc(k + 1, k) - arc(k, k + 1);
    }
    delta
}

/// The route with visits `i + 1..=j` reversed.
fn reversed_route(inst: &Instance, state: &State, route: &Route, i: usize, j: usize) -> Segment {
    let m = &inst.problem.matrix;
    let mut seg = route.fwd(i);
    for k in (i + 1..=j).rev() {
        seg = seg.then(&state.seg[route.visits[k] as usize], m);
    }
    seg.then(&route.bwd(j + 1), m)
}

pub(crate) fn apply(inst: &Instance, state: &mut State, u: Node, v: Node) {
    let r = state.route_of[u as usize] as usize;
    let (i, j) = (
        state.index_of[u as usize] as usize,
        state.index_of[v as usize] as usize,
    );
    let mut visits = state.routes[r].visits.clone();
    visits[i + 1..=j].reverse();
    state.set_visits(inst, r, &visits);
}
