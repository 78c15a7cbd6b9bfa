//! Swap the string of `n` jobs from `u` with the string of `m` jobs from `v` (1-1 swap,
//! and the 2-1, 2-2 string exchanges).

use super::{Move, exchange};
use crate::engine::instance::{Instance, Node};
use crate::engine::state::State;
use crate::units::Cost;

/// The swap, if it improves.
pub(crate) fn evaluate(
    inst: &Instance,
    state: &State,
    u: Node,
    n: usize,
    v: Node,
    m: usize,
) -> Option<(Move, Cost)> {
    let delta = exchange::evaluate(inst, state, u, n, v, m)?;
    let mv = Move::Exchange {
        u,
        n: n as u8,
        v,
        m: m as u8,
    };
    (delta < Cost(0)).then_some((mv, delta))
}
