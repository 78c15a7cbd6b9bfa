//! 2-opt*: exchange the ends of two routes, after `u` in one and after `v` in the other, so
//! that `u` is followed by what followed `v` (and the reverse). Evaluated in O(1) when both
//! vehicles end at the same place and time; otherwise the moved end is rebuilt.

use super::{Move, route_delta};
use crate::engine::checks::{self, day_of};
use crate::engine::instance::{Instance, Node};
use crate::engine::route::Route;
use crate::engine::segment::Segment;
use crate::engine::state::State;
use crate::units::Cost;

/// The move, if it improves. `v` may be a start depot (the whole route moves).
pub(crate) fn evaluate(inst: &Instance, state: &State, u: Node, v: Node) -> Option<(Move, Cost)> {
    let (ra, i) = (
        state.route_of[u as usize] as usize,
        state.index_of[u as usize] as usize,
    );
    let (rb, j) = (
        state.route_of[v as usize] as usize,
        state.index_of[v as usize] as usize,
    );
    if ra == rb || !inst.is_job(u) {
        return None;
    }
    let (a, b) = (&state.routes[ra], &state.routes[rb]);
    if j + 1 >= b.len() || i + 1 >= a.len() {
        return None;
    }
    let cap = |r: &Route| inst.problem.vehicles[r.vehicle].capacity;
    let (load_a, load_b) = (a.fwd[i].load, b.fwd[j].load);
    let (rest_a, rest_b) = (a.bwd[0].load - load_a, b.bwd[0].load - load_b);
    if load_a + rest_b > cap(a) || load_b + rest_a > cap(b) {
        return None;
    }
    let jobs_a = (a.jobs_in(0, i) + b.jobs_in(j + 1, b.len() - 1)) as usize;
    let jobs_b = (b.jobs_in(0, j) + a.jobs_in(i + 1, a.len() - 1)) as usize;
    if (inst.has_breaks && !lunches_ok(inst, a, i, b, j, jobs_a, jobs_b))
        || !checks::keeps_last_pin(a, i, jobs_a > a.jobs_in(0, i) as usize)
        || !checks::keeps_last_pin(b, j, jobs_b > b.jobs_in(0, j) as usize)
    {
        return None;
    }
    let new_a = a.fwd[i].then(
        &tail(inst, state, b, j + 1, a.vehicle),
        &inst.problem.matrix,
    );
    let (da, ua) = route_delta(inst, state, ra, &new_a, jobs_a)?;
    let new_b = b.fwd[j].then(
        &tail(inst, state, a, i + 1, b.vehicle),
        &inst.problem.matrix,
    );
    let (db, ub) = route_delta(inst, state, rb, &new_b, jobs_b)?;
    let mut delta = da + db;
    if inst.rules.has_groups {
        delta += checks::groups_delta(inst, state, &[ua, ub])?;
    }
    if inst.rules.has_job_rules {
        delta += job_rules(inst, state, (ra, i), (rb, j))?;
    }
    (delta < Cost(0)).then_some((Move::TwoOptStar { u, v }, delta))
}

/// `visits[from..]` of `route` ending at `vehicle`'s end instead of its own.
fn tail(inst: &Instance, state: &State, route: &Route, from: usize, vehicle: usize) -> Segment {
    if inst.end[route.vehicle] == inst.end[vehicle] {
        return route.bwd[from];
    }
    let last = route.len() - 2;
    let end = &inst.end[vehicle];
    if from > last {
        return *end;
    }
    route
        .between(from, last, &state.seg, inst)
        .then(end, &inst.problem.matrix)
}

/// Each new route with jobs must hold exactly one lunch when its vehicle has one (a lunch
/// that changes route must be the same break), none otherwise.
fn lunches_ok(
    inst: &Instance,
    a: &Route,
    i: usize,
    b: &Route,
    j: usize,
    ja: usize,
    jb: usize,
) -> bool {
    let (a_keeps, a_gives) = (
        a.lunch_at.is_some_and(|l| l <= i),
        a.lunch_at.is_some_and(|l| l > i),
    );
    let (b_keeps, b_gives) = (
        b.lunch_at.is_some_and(|l| l <= j),
        b.lunch_at.is_some_and(|l| l > j),
    );
    let same = inst.lunch[a.vehicle] == inst.lunch[b.vehicle];
    let fine = |jobs: usize, has: bool, keeps: bool, gets: bool| {
        jobs == 0 || (has && (keeps ^ gets) && (keeps || same)) || (!has && !keeps && !gets)
    };
    fine(ja, inst.lunch[a.vehicle].is_some(), a_keeps, b_gives)
        && fine(jb, inst.lunch[b.vehicle].is_some(), b_keeps, a_gives)
}

fn job_rules(
    inst: &Instance,
    state: &State,
    (ra, i): (usize, usize),
    (rb, j): (usize, usize),
) -> Option<Cost> {
    let (a, b) = (&state.routes[ra], &state.routes[rb]);
    let (la, lb) = (a.len() - 2, b.len() - 2);
    if a.flagged_in(i + 1, la) == 0 && b.flagged_in(j + 1, lb) == 0 {
        return Some(Cost(0));
    }
    let (da, db) = (inst.rules.day[a.vehicle], inst.rules.day[b.vehicle]);
    let day = |o: usize| -> Option<i32> {
        let (r, k) = (state.route_of[o] as usize, state.index_of[o] as usize);
        if r == ra && k > i {
            Some(db)
        } else if r == rb && k > j {
            Some(da)
        } else {
            day_of(inst, state, o)
        }
    };
    let mut delta = Cost(0);
    if i < la {
        delta += checks::slice_move(inst, a, i + 1, la, b.vehicle, &day)?;
    }
    if j < lb {
        delta += checks::slice_move(inst, b, j + 1, lb, a.vehicle, &day)?;
    }
    Some(delta)
}

pub(crate) fn apply(inst: &Instance, state: &mut State, u: Node, v: Node) {
    let (ra, i) = (
        state.route_of[u as usize] as usize,
        state.index_of[u as usize] as usize,
    );
    let (rb, j) = (
        state.route_of[v as usize] as usize,
        state.index_of[v as usize] as usize,
    );
    let (a, b) = (&state.routes[ra].visits, &state.routes[rb].visits);
    let (end_a, end_b) = (a[a.len() - 1], b[b.len() - 1]);
    let new_a: Vec<Node> = [&a[..=i], &b[j + 1..b.len() - 1], &[end_a]].concat();
    let new_b: Vec<Node> = [&b[..=j], &a[i + 1..a.len() - 1], &[end_b]].concat();
    state.set_visits(inst, ra, &new_a);
    state.set_visits(inst, rb, &new_b);
}
