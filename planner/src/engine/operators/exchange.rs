//! Exchange of two strings of consecutive jobs (`n` from `u`, `m` from `v`), or move of the
//! first string after `v` when `m == 0`: relocate, or-opt and swaps are special cases
//! ([`super::relocate`], [`super::swap`]). Between routes: O(n + m); within a route: O(route).

use super::{boundable, into, movable, out_of, route_delta, slot_ok};
use crate::engine::checks::{self, day_of};
use crate::engine::instance::{Instance, Node};
use crate::engine::route::Route;
use crate::engine::segment::Segment;
use crate::engine::state::State;
use crate::units::Cost;

/// Change of the objective, or `None` when the move is invalid or infeasible, or (with a
/// `limit`) surely not below it.
pub(crate) fn evaluate(
    inst: &Instance,
    state: &State,
    u: Node,
    n: usize,
    v: Node,
    m: usize,
    limit: Option<Cost>,
) -> Option<Cost> {
    let (ra, i) = (
        state.route_of[u as usize] as usize,
        state.index_of[u as usize] as usize,
    );
    let (rb, j) = (
        state.route_of[v as usize] as usize,
        state.index_of[v as usize] as usize,
    );
    let (a, b) = (&state.routes[ra], &state.routes[rb]);
    if !string_ok(inst, a, i, n) || (m > 0 && !string_ok(inst, b, j, m)) {
        return None;
    }
    if m == 0 && j + 1 >= b.len() {
        return None;
    }
    let bounded = limit.is_some()
        && inst.arc_bound
        && a.lunch_at.is_none()
        && b.lunch_at.is_none()
        && boundable(state, a)
        && boundable(state, b);
    if ra == rb {
        let ranges = intra_ranges(a.len(), i, n, j, m)?;
        if bounded && limit.is_some_and(|l| arc_change(inst, state, a, &ranges) >= l) {
            return None;
        }
        intra(inst, state, ra, &ranges, (i, n, j, m))
    } else {
        if bounded
            && (m > 0 || a.jobs > n)
            && limit.is_some_and(|l| inter_arc_change(inst, state, (a, i, n), (b, j, m)) >= l)
        {
            return None;
        }
        inter(inst, state, (ra, i, n), (rb, j, m))
    }
}

/// Change of arc costs when strings move between routes.
#[inline]
fn inter_arc_change(
    inst: &Instance,
    state: &State,
    (a, i, n): (&Route, usize, usize),
    (b, j, m): (&Route, usize, usize),
) -> Cost {
    let c = |x: u32, y: u32| inst.arc(x, y);
    let (pa, na) = (out_of(state, a, i - 1), into(state, a, i + n));
    let (uf, ul) = (into(state, a, i), out_of(state, a, i + n - 1));
    if m == 0 {
        let (vb, nb) = (out_of(state, b, j), into(state, b, j + 1));
        return c(pa, na) - c(pa, uf) - c(ul, na) + c(vb, uf) + c(ul, nb) - c(vb, nb);
    }
    let (pb, nb) = (out_of(state, b, j - 1), into(state, b, j + m));
    let (vf, vl) = (into(state, b, j), out_of(state, b, j + m - 1));
    c(pa, vf) + c(vl, na) - c(pa, uf) - c(ul, na) + c(pb, uf) + c(ul, nb) - c(pb, vf) - c(vl, nb)
}

/// Change of arc costs when a route is reordered as `ranges`.
#[inline]
fn arc_change(inst: &Instance, state: &State, route: &Route, ranges: &[(usize, usize); 5]) -> Cost {
    let mut delta = Cost(0);
    let mut prev: Option<usize> = None;
    for &(s, e) in ranges.iter().filter(|(s, e)| s <= e) {
        if let Some(p) = prev {
            delta += inst.arc(out_of(state, route, p), into(state, route, s));
        }
        prev = Some(e);
        if e + 1 < route.len() {
            delta -= inst.arc(out_of(state, route, e), into(state, route, e + 1));
        }
    }
    delta
}

#[inline]
fn string_ok(inst: &Instance, route: &Route, i: usize, n: usize) -> bool {
    i >= 1 && i + n < route.len() && route.visits[i..i + n].iter().all(|&x| movable(inst, x))
}

/// Segment of `n` visits from index `i`.
#[inline]
fn string(inst: &Instance, state: &State, route: &Route, i: usize, n: usize) -> Segment {
    if n == 1 {
        state.seg[route.visits[i] as usize]
    } else {
        route.between(i, i + n - 1, &state.seg, inst)
    }
}

fn inter(
    inst: &Instance,
    state: &State,
    (ra, i, n): (usize, usize, usize),
    (rb, j, m): (usize, usize, usize),
) -> Option<Cost> {
    let mx = &inst.problem.matrix;
    let (a, b) = (&state.routes[ra], &state.routes[rb]);
    let ustr = string(inst, state, a, i, n);
    let vstr = if m > 0 {
        string(inst, state, b, j, m)
    } else {
        Segment::EMPTY
    };
    let cap_b = inst.problem.vehicles[b.vehicle].capacity;
    if b.load() + ustr.load - vstr.load > cap_b {
        return None;
    }
    let (b_before, b_after) = if m == 0 { (j, j + 1) } else { (j - 1, j + m) };
    let new_b = b.fwd(b_before).then(&ustr, mx).then(&b.bwd(b_after), mx);
    let (db, ub) = route_delta(inst, state, rb, &new_b, b.jobs + n - m)?;
    let new_a = if m == 0 {
        a.fwd(i - 1).then(&a.bwd(i + n), mx)
    } else {
        a.fwd(i - 1).then(&vstr, mx).then(&a.bwd(i + n), mx)
    };
    let (da, ua) = route_delta(inst, state, ra, &new_a, a.jobs + m - n)?;
    let mut delta = da + db;
    if inst.rules.has_groups {
        delta += checks::groups_delta(inst, state, &[ua, ub])?;
    }
    if inst.rules.has_positions
        && (!slot_ok(inst, state, rb, b_before, b_after)
            || (m > 0 && !slot_ok(inst, state, ra, i - 1, i + n)))
    {
        return None;
    }
    if inst.rules.has_job_rules {
        delta += job_rules(inst, state, (ra, i, n), (rb, j, m))?;
    }
    Some(delta)
}

/// Allowed vehicles, preferences and relations of the jobs that change route.
fn job_rules(
    inst: &Instance,
    state: &State,
    (ra, i, n): (usize, usize, usize),
    (rb, j, m): (usize, usize, usize),
) -> Option<Cost> {
    let (a, b) = (&state.routes[ra], &state.routes[rb]);
    if a.flagged_in(i, i + n - 1) == 0 && (m == 0 || b.flagged_in(j, j + m - 1) == 0) {
        return Some(Cost(0));
    }
    let (da, db) = (inst.rules.day[a.vehicle], inst.rules.day[b.vehicle]);
    let day = |o: usize| -> Option<i32> {
        let (r, k) = (state.route_of[o] as usize, state.index_of[o] as usize);
        if r == ra && (i..i + n).contains(&k) {
            Some(db)
        } else if r == rb && m > 0 && (j..j + m).contains(&k) {
            Some(da)
        } else {
            day_of(inst, state, o)
        }
    };
    let mut delta = checks::slice_move(inst, a, i, i + n - 1, b.vehicle, &day)?;
    if m > 0 {
        delta += checks::slice_move(inst, b, j, j + m - 1, a.vehicle, &day)?;
    }
    Some(delta)
}

/// The visits of a route after an exchange within it, as inclusive index ranges.
fn intra_ranges(len: usize, i: usize, n: usize, j: usize, m: usize) -> Option<[(usize, usize); 5]> {
    const NONE: (usize, usize) = (1, 0);
    let last = len - 1;
    if m == 0 {
        if j >= i + n {
            Some([(0, i - 1), (i + n, j), (i, i + n - 1), (j + 1, last), NONE])
        } else if j + 1 < i {
            Some([(0, j), (i, i + n - 1), (j + 1, i - 1), (i + n, last), NONE])
        } else {
            None
        }
    } else if i + n <= j {
        Some([
            (0, i - 1),
            (j, j + m - 1),
            (i + n, j - 1),
            (i, i + n - 1),
            (j + m, last),
        ])
    } else if j + m <= i {
        Some([
            (0, j - 1),
            (i, i + n - 1),
            (j + m, i - 1),
            (j, j + m - 1),
            (i + n, last),
        ])
    } else {
        None
    }
}

fn intra(
    inst: &Instance,
    state: &State,
    r: usize,
    ranges: &[(usize, usize); 5],
    (i, n, j, m): (usize, usize, usize, usize),
) -> Option<Cost> {
    let route = &state.routes[r];
    if inst.rules.has_positions {
        let u_slot = if m == 0 { (j, j + 1) } else { (j - 1, j + m) };
        if !slot_ok(inst, state, r, u_slot.0, u_slot.1)
            || (m > 0 && !slot_ok(inst, state, r, i - 1, i + n))
        {
            return None;
        }
    }
    let seg = fold_ranges(inst, state, route, ranges);
    let (delta, usage) = route_delta(inst, state, r, &seg, route.jobs)?;
    let mut delta = delta;
    if inst.rules.has_groups {
        delta += checks::groups_delta(inst, state, &[usage])?;
    }
    Some(delta)
}

/// Segment of the route visiting `ranges` in order: cached prefix and suffix, the middle
/// rebuilt.
fn fold_ranges(
    inst: &Instance,
    state: &State,
    route: &Route,
    ranges: &[(usize, usize)],
) -> Segment {
    let mx = &inst.problem.matrix;
    // The first range holds the route's start, the last non-empty one its end.
    let end = ranges.iter().rposition(|(s, e)| s <= e).unwrap_or(0);
    let (first, last) = (ranges[0], ranges[end]);
    let mut seg = route.fwd(first.1);
    for &(s, e) in ranges
        .get(1..end)
        .unwrap_or(&[])
        .iter()
        .filter(|(s, e)| s <= e)
    {
        seg = seg.then(&route.between(s, e, &state.seg, inst), mx);
    }
    seg.then(&route.bwd(last.0), mx)
}

pub(crate) fn apply(inst: &Instance, state: &mut State, u: Node, n: u8, v: Node, m: u8) {
    let (n, m) = (n as usize, m as usize);
    let (ra, i) = (
        state.route_of[u as usize] as usize,
        state.index_of[u as usize] as usize,
    );
    let (rb, j) = (
        state.route_of[v as usize] as usize,
        state.index_of[v as usize] as usize,
    );
    if ra == rb {
        let visits = &state.routes[ra].visits;
        let Some(ranges) = intra_ranges(visits.len(), i, n, j, m) else {
            return;
        };
        let new: Vec<Node> = ranges
            .iter()
            .filter(|(s, e)| s <= e)
            .flat_map(|&(s, e)| visits[s..=e].iter().copied())
            .collect();
        state.set_visits(inst, ra, &new);
        return;
    }
    let (a, b) = (&state.routes[ra].visits, &state.routes[rb].visits);
    let ustr = &a[i..i + n];
    let vstr = &b[j..j + m];
    let new_a: Vec<Node> = [&a[..i], vstr, &a[i + n..]].concat();
    let new_b: Vec<Node> = if m == 0 {
        [&b[..=j], ustr, &b[j + 1..]].concat()
    } else {
        [&b[..j], ustr, &b[j + m..]].concat()
    };
    state.set_visits(inst, ra, &new_a);
    state.set_visits(inst, rb, &new_b);
}
