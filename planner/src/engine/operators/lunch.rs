//! Put the lunch of a route where the route is cheapest (or, on an infeasible route, least
//! late). O(route) with the caches.

use crate::engine::instance::{Instance, Node};
use crate::engine::segment::Segment;
use crate::engine::state::State;
use crate::units::{Cost, Duration};

/// Moves the lunch of route `r` to its best place; true if it moved.
pub(crate) fn place_lunch(inst: &Instance, state: &mut State, r: usize) -> bool {
    let Some(best) = best_place(inst, state, r) else {
        return false;
    };
    let route = &state.routes[r];
    let Some(l) = route.lunch_at else {
        return false;
    };
    let mut visits: Vec<Node> = route.visits.clone();
    let lunch = visits.remove(l);
    let at = if best < l { best + 1 } else { best };
    visits.insert(at, lunch);
    state.set_visits(inst, r, &visits);
    true
}

/// Index after which the lunch should go (in the current numbering), if better than now.
pub(crate) fn best_place(inst: &Instance, state: &State, r: usize) -> Option<usize> {
    let route = &state.routes[r];
    let l = route.lunch_at?;
    let mx = &inst.problem.matrix;
    let lunch = state.seg[route.visits[l] as usize];
    let key = |seg: &Segment| {
        let (cost, warp, excess) = inst.route_cost(route.vehicle, seg);
        (warp + Duration(excess.0), cost)
    };
    let mut best: (Duration, Cost) = key(&route.fwd[route.len() - 1]);
    let mut found = None;
    // Before the current place: prefix, lunch, the visits in between, suffix.
    let mut middle = Segment::EMPTY;
    for k in (0..l.saturating_sub(1)).rev() {
        middle = state.seg[route.visits[k + 1] as usize].then(&middle, mx);
        let seg = route.fwd[k]
            .then(&lunch, mx)
            .then(&middle, mx)
            .then(&route.bwd[l + 1], mx);
        if key(&seg) < best {
            (best, found) = (key(&seg), Some(k));
        }
    }
    // After it.
    let mut middle = Segment::EMPTY;
    for k in l + 1..route.len() - 1 {
        middle = middle.then(&state.seg[route.visits[k] as usize], mx);
        let seg = route.fwd[l - 1]
            .then(&middle, mx)
            .then(&lunch, mx)
            .then(&route.bwd[k + 1], mx);
        if key(&seg) < best {
            (best, found) = (key(&seg), Some(k));
        }
    }
    found
}
