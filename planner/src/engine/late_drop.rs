//! The other way out of a failed squeeze. The squeeze leaves the new job in and the routes late
//! or overloaded, often only slightly and on one or two routes; pushing one job out of each of
//! them may repair the routes for a lower sum of failure counters than the insertion-ejection
//! on the routes as they were before ([`super::eject`]). The pool then keeps the one of the
//! two that pushes out the jobs that were easiest to place, as Nagata & Bräysy rank
//! ejections. On R104 and R112 (9 vehicles), the fleet fitted within 1 s in 259 of 480 runs
//! (seeds 1–240) against 233, within 2 s in 371 against 348 (benches/README.md).

use super::instance::{Instance, Node};
use super::operators::movable;
use super::route::Route;
use super::state::State;
use crate::units::Cost;

/// Jobs to push out of the late routes, one per route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Drops {
    /// Sum of the failure counters of the jobs, and how many (the ejections' order).
    pub weight: (u64, usize),
    pub jobs: Vec<Node>,
}

/// For every late or overloaded route of `state`, the job (never `keep`) whose removal makes
/// it feasible with the fewest failures, then the cheapest route left. None when some such
/// route needs more than one job out, or when more than `most` routes are late.
pub(crate) fn lightest_drops(
    inst: &Instance,
    state: &State,
    keep: Node,
    failures: &[u32],
    most: usize,
) -> Option<Drops> {
    let mut drops = Drops {
        weight: (0, 0),
        jobs: Vec::new(),
    };
    for route in state.routes.iter().filter(|r| !r.is_feasible()) {
        if drops.jobs.len() == most {
            return None;
        }
        let (failed, job) = lightest_in(inst, route, keep, failures)?;
        drops.weight.0 += failed;
        drops.jobs.push(job);
    }
    drops.weight.1 = drops.jobs.len();
    Some(drops)
}

/// The job of `route` whose removal leaves it feasible: fewest failures, then least cost.
fn lightest_in(
    inst: &Instance,
    route: &Route,
    keep: Node,
    failures: &[u32],
) -> Option<(u64, Node)> {
    let m = &inst.problem.matrix;
    let mut best: Option<(u64, Cost, Node)> = None;
    for i in 1..route.len() - 1 {
        let job = route.visits[i];
        if job == keep || !inst.is_job(job) || !movable(inst, job) {
            continue;
        }
        let rest = route.fwd(i - 1).then(&route.bwd(i + 1), m);
        let (cost, warp, excess) = inst.route_cost(route.vehicle, &rest);
        let key = (u64::from(failures[job as usize]), cost, job);
        let feasible = warp.0 == 0 && excess.0 == 0;
        if feasible && best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
            best = Some(key);
        }
    }
    best.map(|(failed, _, job)| (failed, job))
}

/// Takes the jobs out into the pool.
pub(crate) fn apply(inst: &Instance, state: &mut State, drops: &Drops) {
    for &job in &drops.jobs {
        state.remove_job(inst, job);
    }
}

#[cfg(test)]
#[path = "late_drop_tests.rs"]
mod tests;
