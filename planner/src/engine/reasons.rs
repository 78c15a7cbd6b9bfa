//! Why a job is left out, found by trying it: alone on an empty route of each allowed vehicle
//! (windows, capacity), then in the current routes, noting which rule stops each place.

use super::checks::{self, day_of};
use super::instance::{Instance, Node};
use super::problem::{Requirement, UnassignedReason};
use super::segment::Segment;
use super::state::State;
use crate::units::{Duration, Load};

pub(crate) fn reasons(inst: &Instance, state: &State, job: Node) -> Vec<UnassignedReason> {
    let j = job as usize;
    let allowed: Vec<usize> = (0..inst.vehicles)
        .filter(|&v| inst.rules.allows(j, v))
        .collect();
    if allowed.is_empty() {
        return vec![UnassignedReason::NoAllowedVehicle];
    }
    let size = inst.problem.jobs[j].size;
    let roomy: Vec<usize> = allowed
        .iter()
        .copied()
        .filter(|&v| size <= inst.problem.vehicles[v].capacity)
        .collect();
    if roomy.is_empty() {
        return vec![UnassignedReason::Capacity];
    }
    let fitting: Vec<usize> = roomy
        .into_iter()
        .filter(|&v| inst.fits_alone_on(j, v))
        .collect();
    if fitting.is_empty() {
        return vec![UnassignedReason::WindowsUnreachable];
    }
    let mut out: Vec<UnassignedReason> = Vec::new();
    let mut add = |r: UnassignedReason| {
        if !out.contains(&r) {
            out.push(r);
        }
    };
    let mut placeable = false;
    for &v in &fitting {
        match blocker(inst, state, j, v) {
            None => placeable = true,
            Some(reason) => add(reason),
        }
    }
    if placeable {
        match inst.problem.jobs[j].requirement {
            Requirement::Optional { .. } => add(UnassignedReason::NotWorthIt),
            Requirement::Required => add(UnassignedReason::RoutesFull),
        }
    }
    if out.is_empty() {
        out.push(UnassignedReason::RoutesFull);
    }
    out
}

/// What stops the job from going on `v`'s route as it is now; `None` if a place exists.
fn blocker(inst: &Instance, state: &State, j: usize, v: usize) -> Option<UnassignedReason> {
    let rules = &inst.rules;
    let day = Some(rules.day[v]);
    if let Some(&r) = rules.relations_of[j].iter().find(|&&r| {
        let rel = &rules.relations[r as usize];
        let (a, b) = (rel.first, rel.second);
        let da = if a == j { day } else { day_of(inst, state, a) };
        let db = if b == j { day } else { day_of(inst, state, b) };
        !rules.relation_holds(r as usize, da, db)
    }) {
        let rel = &rules.relations[r as usize];
        let other = if rel.first == j {
            rel.second
        } else {
            rel.first
        };
        return Some(UnassignedReason::Relation(other));
    }
    let route = &state.routes[v];
    let m = &inst.problem.matrix;
    if route.load() + inst.problem.jobs[j].size > inst.problem.vehicles[v].capacity {
        return Some(UnassignedReason::RoutesFull);
    }
    let mut group_block: Option<usize> = None;
    let places: Vec<Segment> = if route.is_used() {
        (0..route.len() - 1)
            .filter(|&after| checks::position_ok(inst, route, after, j as Node))
            .flat_map(|after| {
                inst.variants[j]
                    .iter()
                    .map(move |seg| route.fwd(after).then(seg, m).then(&route.bwd(after + 1), m))
            })
            .collect()
    } else {
        let (s, e) = (&inst.start[v], &inst.end[v]);
        let lunch = inst.lunch[v].unwrap_or(Segment::EMPTY);
        inst.variants[j]
            .iter()
            .flat_map(|seg| {
                [
                    s.then(seg, m).then(&lunch, m).then(e, m),
                    s.then(&lunch, m).then(seg, m).then(e, m),
                ]
            })
            .collect()
    };
    for full in &places {
        let (_, warp, excess) = inst.route_cost(v, full);
        if warp > Duration(0) || excess > Load(0) {
            continue;
        }
        match group_blocking(
            inst,
            state,
            v,
            route.is_used(),
            route.duration,
            full.core.duration,
        ) {
            None => return None,
            Some(g) => group_block = Some(g),
        }
    }
    if let Some(g) = group_block {
        return Some(UnassignedReason::GroupLimit(rules.group_labels[g].clone()));
    }
    if inst.problem.jobs[j].pin.is_some() {
        return Some(UnassignedReason::Pinned);
    }
    Some(UnassignedReason::RoutesFull)
}

/// The first group whose rule the new route schedule breaks.
fn group_blocking(
    inst: &Instance,
    state: &State,
    v: usize,
    used: bool,
    before: Duration,
    after: Duration,
) -> Option<usize> {
    inst.rules.vehicle_groups[v]
        .iter()
        .map(|&g| g as usize)
        .find(|&g| {
            let used_now = state.groups.used[g] + i64::from(!used);
            let rules = &inst.rules;
            let spent =
                state.groups.duration[g] + rules.work(v, true, after) - rules.work(v, used, before);
            !inst.rules.group_holds(g, used_now, spent)
        })
}
