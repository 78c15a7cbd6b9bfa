//! The objective of a solution, term by term.

use super::problem::{GroupRule, Problem, Requirement, RouteItem, Solution};
use super::timeline::timeline;
use crate::units::{Cost, Distance, Duration};
use serde::{Deserialize, Serialize};

/// The objective split into its terms (see [`super::problem::Objective`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostBreakdown {
    /// Travel time of the used routes (weighted by `travel_weight` in `total`).
    pub travel: Duration,
    pub distance: Distance,
    /// Sum of the used routes' durations, waiting included.
    pub duration: Duration,
    pub fixed: Cost,
    /// Penalties of the optional jobs left out.
    pub unassigned: Cost,
    /// Required jobs left out (not in `total`: a solution missing one is infeasible).
    pub missing_required: usize,
    pub preferences: Cost,
    pub balance: Cost,
    pub total: Cost,
}

/// Recomputes the objective of `solution` from its routes (the `unassigned` list is not
/// trusted: a job is left out when no route serves it).
pub fn cost(problem: &Problem, solution: &Solution) -> CostBreakdown {
    let mut out = CostBreakdown::default();
    let mut served = vec![false; problem.jobs.len()];
    let mut group_duration = vec![Duration(0); problem.groups.len()];
    for route in &solution.routes {
        let jobs: Vec<usize> = route
            .items
            .iter()
            .filter_map(|i| match i {
                RouteItem::Job(j) if *j < problem.jobs.len() => Some(*j),
                _ => None,
            })
            .collect();
        if jobs.is_empty() || route.vehicle >= problem.vehicles.len() {
            continue;
        }
        let t = timeline(problem, route);
        out.travel += t.travel;
        out.distance += t.distance;
        out.duration += t.duration();
        out.fixed += problem.vehicles[route.vehicle].fixed_cost;
        for (g, group) in problem.groups.iter().enumerate() {
            if group.vehicles.contains(&route.vehicle) {
                // Work: the route less its break (lunch is not work).
                let pause = problem.vehicles[route.vehicle]
                    .lunch
                    .map_or(Duration(0), |b| b.duration);
                group_duration[g] += t.duration() - pause;
            }
        }
        for j in jobs {
            served[j] = true;
            if let Some((preferred, penalty)) = &problem.jobs[j].preferred
                && !preferred.contains(&route.vehicle)
            {
                out.preferences += *penalty;
            }
        }
    }
    for (job, served) in problem.jobs.iter().zip(&served) {
        match (job.requirement, served) {
            (_, true) => {}
            (Requirement::Required, false) => out.missing_required += 1,
            (Requirement::Optional { penalty }, false) => out.unassigned += penalty,
        }
    }
    for (g, group) in problem.groups.iter().enumerate() {
        if let GroupRule::DurationBudget {
            limit,
            balance_weight,
        } = group.rule
            && balance_weight > 0
            && limit.0 > 0
        {
            let used = i128::from(group_duration[g].0);
            let v = i128::from(balance_weight) * used * used / i128::from(limit.0);
            out.balance += Cost(v.min(i128::from(Cost::MAX.0)) as i64);
        }
    }
    let o = &problem.objective;
    out.total = out.fixed
        + Cost(o.distance_weight * out.distance.0)
        + Cost(o.travel_weight * out.travel.0)
        + Cost(o.duration_weight * out.duration.0)
        + out.unassigned
        + out.preferences
        + out.balance;
    out
}
