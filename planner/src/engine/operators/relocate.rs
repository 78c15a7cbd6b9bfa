//! Relocate and or-opt: move the string of `n` jobs starting at `u` next to `v`, after it or
//! before it (the granular neighbourhood says `u` and `v` are close, in either order).

use super::{Move, exchange};
use crate::engine::instance::{Instance, Node};
use crate::engine::state::State;
use crate::units::Cost;

/// The better of "after `v`" and "before `v`", if it improves.
pub(crate) fn evaluate(
    inst: &Instance,
    state: &State,
    u: Node,
    n: usize,
    v: Node,
) -> Option<(Move, Cost)> {
    let mut best: Option<(Move, Cost)> = None;
    let (rv, jv) = (
        state.route_of[v as usize] as usize,
        state.index_of[v as usize] as usize,
    );
    let before = state.routes[rv].visits[jv - 1];
    for target in [v, before] {
        if target == u {
            continue;
        }
        if let Some(delta) = exchange::evaluate(inst, state, u, n, target, 0)
            && delta < best.map_or(Cost(0), |b| b.1)
        {
            let mv = Move::Exchange {
                u,
                n: n as u8,
                v: target,
                m: 0,
            };
            best = Some((mv, delta));
        }
    }
    best
}
