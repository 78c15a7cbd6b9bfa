//! Local search moves. Each operator evaluates a move without touching the solution
//! (`evaluate`, O(1) from the route caches for moves between routes) and applies it after.

pub(crate) mod exchange;
pub(crate) mod lunch;
pub(crate) mod relocate;
pub(crate) mod swap;
pub(crate) mod to_empty;
pub(crate) mod two_opt;
pub(crate) mod two_opt_star;

use super::checks::Usage;
use super::instance::{Instance, Node};
use super::segment::Segment;
use super::state::State;
use crate::units::{Cost, Duration};

/// A move found improving, ready to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Move {
    /// Exchange the string of `n` nodes from `u` with the string of `m` nodes from `v`; with
    /// `m == 0`, move the first string after `v`.
    Exchange { u: Node, n: u8, v: Node, m: u8 },
    /// Swap the route ends after `u` and after `v` (`v` may be a start depot).
    TwoOptStar { u: Node, v: Node },
    /// Reverse the visits after `u` up to `v` (same route).
    TwoOpt { u: Node, v: Node },
    /// Move `u` alone to the empty route `route`.
    ToEmpty {
        u: Node,
        route: usize,
        lunch_first: bool,
    },
}

impl Move {
    pub fn apply(&self, inst: &Instance, state: &mut State) {
        match *self {
            Move::Exchange { u, n, v, m } => exchange::apply(inst, state, u, n, v, m),
            Move::TwoOptStar { u, v } => two_opt_star::apply(inst, state, u, v),
            Move::TwoOpt { u, v } => two_opt::apply(inst, state, u, v),
            Move::ToEmpty {
                u,
                route,
                lunch_first,
            } => to_empty::apply(inst, state, u, route, lunch_first),
        }
    }

    /// The two nodes the move is about.
    pub fn nodes(&self) -> (Node, Node) {
        match *self {
            Move::Exchange { u, v, .. } | Move::TwoOptStar { u, v } | Move::TwoOpt { u, v } => {
                (u, v)
            }
            Move::ToEmpty { u, .. } => (u, u),
        }
    }

    /// Routes the move changes.
    pub fn routes(&self, state: &State) -> [usize; 2] {
        let r = |x: Node| state.route_of[x as usize] as usize;
        match *self {
            Move::Exchange { u, v, .. } | Move::TwoOptStar { u, v } | Move::TwoOpt { u, v } => {
                [r(u), r(v)]
            }
            Move::ToEmpty { u, route, .. } => [r(u), route],
        }
    }
}

/// Change of route `r`'s cost when its schedule becomes `seg` with `jobs` jobs; `None` when
/// the new schedule is late, too long or overloaded.
#[inline]
pub(crate) fn route_delta(
    inst: &Instance,
    state: &State,
    r: usize,
    seg: &Segment,
    jobs: usize,
) -> Option<(Cost, Usage)> {
    let route = &state.routes[r];
    let mut usage = Usage {
        vehicle: route.vehicle,
        used_before: route.is_used(),
        used_after: jobs > 0,
        duration_before: route.duration,
        duration_after: Duration(0),
    };
    let before = state.penalty.of(route);
    if jobs == 0 {
        return Some((-before, usage));
    }
    let (cost, warp, excess) = inst.route_cost(route.vehicle, seg);
    let after = state.penalty.value(cost, warp, excess)?;
    usage.duration_after = seg.core.duration;
    Some((after - before, usage))
}

/// Whether new content between `visits[before]` and `visits[after]` of route `r` keeps the
/// route's first- and last-pinned jobs in place.
#[inline]
pub(crate) fn slot_ok(
    inst: &Instance,
    state: &State,
    r: usize,
    before: usize,
    after: usize,
) -> bool {
    if !inst.rules.has_positions {
        return true;
    }
    let route = &state.routes[r];
    route.pinned_first.is_none_or(|p| p <= before) && route.pinned_last.is_none_or(|p| p >= after)
}

/// Whether a node may be moved by the local search (a job not pinned to a position).
#[inline]
pub(crate) fn movable(inst: &Instance, node: Node) -> bool {
    // Most problems pin nothing: the flag spares a load per visit on the hottest path.
    inst.is_job(node) && (!inst.rules.has_positions || inst.rules.position[node as usize].is_none())
}

/// Location where the crew leaves visit `k` of `route`.
#[inline(always)]
pub(crate) fn out_of(state: &State, route: &super::route::Route, k: usize) -> u32 {
    state.seg[route.visits[k] as usize].last
}

/// Location where the crew arrives at visit `k` of `route`.
#[inline(always)]
pub(crate) fn into(state: &State, route: &super::route::Route, k: usize) -> u32 {
    state.seg[route.visits[k] as usize].first
}

/// Whether arc changes bound the move's cost change on this route: it is feasible now (or the
/// search is strict), so the move cannot gain by reducing lateness or overload.
#[inline(always)]
pub(crate) fn boundable(state: &State, route: &super::route::Route) -> bool {
    state.penalty.strict || route.is_feasible()
}
