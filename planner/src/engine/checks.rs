//! Cross-route rules evaluated against the working solution, in O(1) per route or per moved
//! job: vehicle groups (used count, duration budget and its balance cost), day-gap relations,
//! allowed and preferred vehicles, position pins.

use super::instance::{Instance, Node};
use super::problem::PinPosition;
use super::route::Route;
use super::state::{NOWHERE, State};
use crate::units::{Cost, Duration};

/// A route's usage before and after a move.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Usage {
    pub vehicle: usize,
    pub used_before: bool,
    pub used_after: bool,
    pub duration_before: Duration,
    pub duration_after: Duration,
}

/// Change of balance cost when routes change as given, or `None` when a group limit breaks.
pub(crate) fn groups_delta(inst: &Instance, state: &State, changes: &[Usage]) -> Option<Cost> {
    let rules = &inst.rules;
    if changes
        .iter()
        .all(|c| c.used_before == c.used_after && !rules.has_budget[c.vehicle])
    {
        return Some(Cost(0));
    }
    let mut delta = Cost(0);
    // At most a handful of groups per vehicle: a linear scan beats any map.
    let mut seen: [u32; 32] = [u32::MAX; 32];
    let mut n_seen = 0;
    for (k, change) in changes.iter().enumerate() {
        for &g in &rules.vehicle_groups[change.vehicle] {
            if seen[..n_seen].contains(&g) {
                continue;
            }
            let (mut used, mut duration) = (0i64, Duration(0));
            for c in &changes[k..] {
                if rules.vehicle_groups[c.vehicle].contains(&g) {
                    used += i64::from(c.used_after) - i64::from(c.used_before);
                    duration += rules.work(c.vehicle, c.used_after, c.duration_after)
                        - rules.work(c.vehicle, c.used_before, c.duration_before);
                }
            }
            let gi = g as usize;
            let (u0, d0) = (state.groups.used[gi], state.groups.duration[gi]);
            let (u1, d1) = (u0 + used, d0 + duration);
            if (u1 > u0 || d1 > d0) && !rules.group_holds(gi, u1, d1) {
                return None;
            }
            delta += rules.balance(gi, d1) - rules.balance(gi, d0);
            if n_seen < seen.len() {
                seen[n_seen] = g;
                n_seen += 1;
            }
        }
    }
    Some(delta)
}

/// Day of the vehicle serving `job`, if served.
#[inline]
pub(crate) fn day_of(inst: &Instance, state: &State, job: usize) -> Option<i32> {
    let r = state.route_of[job];
    (r != NOWHERE).then(|| inst.rules.day[r as usize])
}

/// Whether `job` served on `day` keeps its relations, the other jobs' days given by `day_fn`.
pub(crate) fn relations_ok(
    inst: &Instance,
    job: usize,
    day: Option<i32>,
    day_fn: &dyn Fn(usize) -> Option<i32>,
) -> bool {
    let rules = &inst.rules;
    rules.relations_of[job].iter().all(|&r| {
        let rel = &rules.relations[r as usize];
        let (a, b) = (rel.first, rel.second);
        let da = if a == job { day } else { day_fn(a) };
        let db = if b == job { day } else { day_fn(b) };
        rules.relation_holds(r as usize, da, db)
    })
}

/// Whether `job` may go to `vehicle` and at what preference cost change, relations checked
/// against the current days of the other jobs.
#[inline]
pub(crate) fn single_job_move(
    inst: &Instance,
    state: &State,
    job: usize,
    from: Option<usize>,
    to: Option<usize>,
) -> Option<Cost> {
    let rules = &inst.rules;
    if !rules.flagged[job] {
        return Some(Cost(0));
    }
    if let Some(v) = to
        && !rules.allows(job, v)
    {
        return None;
    }
    let day = to.map(|v| rules.day[v]);
    if from.map(|v| rules.day[v]) != day
        && !relations_ok(inst, job, day, &|o| day_of(inst, state, o))
    {
        return None;
    }
    let before = from.map_or(Cost(0), |v| rules.preference(job, v));
    let after = to.map_or(Cost(0), |v| rules.preference(job, v));
    Some(after - before)
}

/// Checks the flagged jobs of `visits[from..=to]` of `route` moving to `vehicle`, where
/// `other_day` gives the day of any job after the move. Returns the preference change.
pub(crate) fn slice_move(
    inst: &Instance,
    route: &Route,
    from: usize,
    to: usize,
    vehicle: usize,
    other_day: &dyn Fn(usize) -> Option<i32>,
) -> Option<Cost> {
    if route.flagged_in(from, to) == 0 || route.vehicle == vehicle {
        return Some(Cost(0));
    }
    let rules = &inst.rules;
    let mut delta = Cost(0);
    let day = Some(rules.day[vehicle]);
    for &node in &route.visits[from..=to] {
        let job = node as usize;
        if !inst.is_job(node) || !rules.flagged[job] {
            continue;
        }
        if !rules.allows(job, vehicle) || !relations_ok(inst, job, day, other_day) {
            return None;
        }
        delta += rules.preference(job, vehicle) - rules.preference(job, route.vehicle);
    }
    Some(delta)
}

/// Whether inserting `job` after `visits[after]` respects the position pins.
#[inline]
pub(crate) fn position_ok(inst: &Instance, route: &Route, after: usize, job: Node) -> bool {
    if !inst.rules.has_positions {
        return true;
    }
    if route.pinned_first.is_some_and(|p| after < p)
        || route.pinned_last.is_some_and(|p| after >= p)
    {
        return false;
    }
    match inst.rules.position[job as usize] {
        Some(PinPosition::First) => route.pinned_first.is_none() && route.jobs_in(0, after) == 0,
        Some(PinPosition::Last) => {
            route.pinned_last.is_none() && route.jobs_in(after + 1, route.len() - 1) == 0
        }
        None => true,
    }
}

/// Whether a route made of `visits[..=cut]` of `head` then jobs from elsewhere keeps the
/// pins of `head`: its last-pinned job must stay last.
#[inline]
pub(crate) fn keeps_last_pin(head: &Route, cut: usize, tail_has_jobs: bool) -> bool {
    !tail_has_jobs || head.pinned_last.is_none_or(|p| p > cut)
}

/// Whether an unused vehicle may start a route: none of its groups is at its vehicle limit.
#[inline]
pub(crate) fn may_open(inst: &Instance, state: &State, vehicle: usize) -> bool {
    let rules = &inst.rules;
    rules.vehicle_groups[vehicle].iter().all(|&g| {
        let g = g as usize;
        rules.group_holds(g, state.groups.used[g] + 1, state.groups.duration[g])
    })
}
