//! A plain cheapest-insertion construction: jobs by decreasing penalty (required first), each
//! put where it adds least cost among all feasible places, lunch re-placed at best each time.
//!
//! It is the week's own baseline: it gives `tournee plan` a complete, rule-abiding plan on its
//! own, and a starting solution the optimiser (`engine::solve`) improves on.

use super::timing::time_route;
use crate::engine::{
    GroupRule, Problem, Requirement, Route, RouteItem, Solution, Unassigned, UnassignedReason,
};
use crate::units::{Cost, Duration};

/// Builds a solution by cheapest insertion.
pub fn construct(problem: &Problem) -> Solution {
    let mut routes: Vec<Route> = (0..problem.vehicles.len())
        .map(|v| Route {
            vehicle: v,
            items: vec![],
        })
        .collect();
    let left = insert_all(
        problem,
        &mut routes,
        (0..problem.jobs.len()).collect(),
        &mut |_| 1000,
    );
    finish(problem, routes, left)
}

/// Inserts `jobs` (most important first, ties in the given order) where each costs least;
/// returns those left out. `noise` scales each insertion cost (in thousandths) to vary
/// constructions from one try to the next.
pub fn insert_all(
    problem: &Problem,
    routes: &mut [Route],
    mut jobs: Vec<usize>,
    noise: &mut dyn FnMut(usize) -> i64,
) -> Vec<usize> {
    jobs.sort_by_key(|&j| std::cmp::Reverse(weight(problem, j)));
    let mut left = Vec::new();
    for j in jobs {
        match best_insertion(problem, routes, j, noise) {
            Some((v, items)) => routes[v].items = items,
            None => left.push(j),
        }
    }
    left
}

/// A solution from routes, with the reasons of each job left out.
pub fn finish(problem: &Problem, routes: Vec<Route>, mut left: Vec<usize>) -> Solution {
    left.sort_unstable();
    let unassigned = left
        .into_iter()
        .map(|job| Unassigned {
            job,
            reasons: diagnose(problem, &routes, job),
        })
        .collect();
    Solution { routes, unassigned }
}

/// Why a job does not fit: no vehicle, windows, full routes, a group limit or a day gap.
pub fn diagnose(p: &Problem, routes: &[Route], j: usize) -> Vec<UnassignedReason> {
    let allowed: Vec<usize> = p.jobs[j]
        .allowed_vehicles
        .clone()
        .unwrap_or_else(|| (0..p.vehicles.len()).collect());
    if allowed.is_empty() {
        return vec![UnassignedReason::NoAllowedVehicle];
    }
    let alone = |v: usize| {
        candidates(
            p,
            &Route {
                vehicle: v,
                items: vec![],
            },
            j,
        )
        .into_iter()
        .any(|items| route_cost(p, &Route { vehicle: v, items }).is_some())
    };
    if !allowed.iter().any(|&v| alone(v)) {
        return vec![UnassignedReason::WindowsUnreachable];
    }
    let mut reasons = Vec::new();
    for &v in &allowed {
        for items in candidates(p, &routes[v], j) {
            let trial = Route { vehicle: v, items };
            if route_cost(p, &trial).is_some() {
                reasons.extend(blocking(p, routes, &trial));
            }
        }
    }
    if reasons.is_empty() {
        reasons.push(UnassignedReason::RoutesFull);
    }
    reasons.sort_by_key(|r| format!("{r:?}"));
    reasons.dedup();
    reasons
}

/// Whether every route keeps its own rules and all shared rules hold.
pub fn feasible(p: &Problem, routes: &[Route]) -> bool {
    routes.iter().all(|r| route_cost(p, r).is_some())
        && routes
            .iter()
            .filter(|r| !r.items.is_empty())
            .all(|r| blocking(p, routes, r).is_empty() && relations_ok(p, routes, r))
}

/// The shared rules a feasible-alone route change would break.
fn blocking(p: &Problem, routes: &[Route], trial: &Route) -> Vec<UnassignedReason> {
    let mut out = Vec::new();
    let items = |v: usize| {
        if v == trial.vehicle {
            &trial.items
        } else {
            &routes[v].items
        }
    };
    for g in p
        .groups
        .iter()
        .filter(|g| g.vehicles.contains(&trial.vehicle))
    {
        let broken = match g.rule {
            GroupRule::MaxUsed(k) => {
                g.vehicles.iter().filter(|&&v| !items(v).is_empty()).count() > k
            }
            GroupRule::DurationBudget { limit, .. } => {
                let used: Duration = g
                    .vehicles
                    .iter()
                    .filter(|&&v| !items(v).is_empty())
                    .map(|&v| {
                        time_route(
                            p,
                            &Route {
                                vehicle: v,
                                items: items(v).clone(),
                            },
                        )
                        .duration()
                    })
                    .sum();
                used > limit
            }
        };
        if broken {
            out.push(UnassignedReason::GroupLimit(g.label.clone()));
        }
    }
    if out.is_empty() && !relations_ok(p, routes, trial) {
        let j = trial.items.iter().find_map(|i| match i {
            RouteItem::Job(j) => p
                .relations
                .iter()
                .find(|r| r.first == *j || r.second == *j)
                .map(|r| if r.first == *j { r.second } else { r.first }),
            _ => None,
        });
        out.push(UnassignedReason::Relation(j.unwrap_or(0)));
    }
    out
}

fn weight(p: &Problem, j: usize) -> i64 {
    match p.jobs[j].requirement {
        Requirement::Required => i64::MAX,
        Requirement::Optional { penalty } => penalty.0,
    }
}

fn best_insertion(
    p: &Problem,
    routes: &[Route],
    j: usize,
    noise: &mut dyn FnMut(usize) -> i64,
) -> Option<(usize, Vec<RouteItem>)> {
    let allowed: Vec<usize> = p.jobs[j]
        .allowed_vehicles
        .clone()
        .unwrap_or_else(|| (0..p.vehicles.len()).collect());
    let mut best: Option<(Cost, usize, Vec<RouteItem>)> = None;
    for v in allowed {
        let before = route_cost(p, &routes[v]).unwrap_or(Cost::ZERO);
        let scale = noise(v);
        for items in candidates(p, &routes[v], j) {
            let trial = Route { vehicle: v, items };
            let Some(after) = route_cost(p, &trial) else {
                continue;
            };
            let delta = after - before + preference(p, j, v);
            let delta = Cost(delta.0 / 1000 * scale);
            if best.as_ref().is_some_and(|b| b.0 <= delta) {
                continue;
            }
            if let Some(balance) = shared_rules(p, routes, &trial) {
                let delta = delta + Cost(balance.0 / 1000 * scale);
                if best.as_ref().is_none_or(|b| delta < b.0) {
                    best = Some((delta, v, trial.items));
                }
            }
        }
    }
    best.map(|(_, v, items)| (v, items))
}

fn preference(p: &Problem, j: usize, v: usize) -> Cost {
    match &p.jobs[j].preferred {
        Some((vs, cost)) if !vs.contains(&v) => *cost,
        _ => Cost::ZERO,
    }
}

/// The route with job `j` at every position, and lunch at every position around it.
fn candidates(p: &Problem, route: &Route, j: usize) -> Vec<Vec<RouteItem>> {
    let jobs: Vec<RouteItem> = route
        .items
        .iter()
        .copied()
        .filter(|i| *i != RouteItem::Lunch)
        .collect();
    let lunch = p.vehicles[route.vehicle].lunch.is_some();
    let mut out = Vec::new();
    for pos in 0..=jobs.len() {
        let mut with = jobs.clone();
        with.insert(pos, RouteItem::Job(j));
        if !lunch {
            out.push(with);
            continue;
        }
        for l in 0..=with.len() {
            let mut full = with.clone();
            full.insert(l, RouteItem::Lunch);
            out.push(full);
        }
    }
    out
}

/// Cost of one route, or `None` if it breaks a rule of its own (windows, shift, length, size).
pub fn route_cost(p: &Problem, route: &Route) -> Option<Cost> {
    if route.items.is_empty() {
        return Some(Cost::ZERO);
    }
    let v = &p.vehicles[route.vehicle];
    let t = time_route(p, route);
    let late = t.items.iter().flatten().any(|s| !s.on_time);
    let too_long = v.max_duration.is_some_and(|m| t.duration() > m);
    let seats: i64 = route
        .items
        .iter()
        .filter_map(|i| match i {
            RouteItem::Job(j) => Some(p.jobs[*j].size.0),
            RouteItem::Lunch => None,
        })
        .max()
        .unwrap_or(0);
    if late
        || too_long
        || t.departure < v.shift.open
        || t.back > v.shift.close
        || seats > v.capacity.0
    {
        return None;
    }
    let o = &p.objective;
    Some(
        v.fixed_cost
            + Cost(
                o.travel_weight * t.travel().0
                    + o.duration_weight * t.duration().0
                    + o.distance_weight * t.distance().0,
            ),
    )
}

/// Groups (camping-cars per day, weekly hours) and day gaps, with `trial` replacing its route:
/// `None` if one is broken, else the change in balance cost.
pub(crate) fn shared_rules(p: &Problem, routes: &[Route], trial: &Route) -> Option<Cost> {
    let items = |v: usize| {
        if v == trial.vehicle {
            &trial.items
        } else {
            &routes[v].items
        }
    };
    let mut balance = Cost::ZERO;
    for g in &p.groups {
        if !g.vehicles.contains(&trial.vehicle) {
            continue;
        }
        match g.rule {
            GroupRule::MaxUsed(k) => {
                if g.vehicles.iter().filter(|&&v| !items(v).is_empty()).count() > k {
                    return None;
                }
            }
            GroupRule::DurationBudget {
                limit,
                balance_weight,
            } => {
                let length = |v: usize, items: &Vec<RouteItem>| {
                    if items.is_empty() {
                        Duration::ZERO
                    } else {
                        time_route(
                            p,
                            &Route {
                                vehicle: v,
                                items: items.clone(),
                            },
                        )
                        .duration()
                    }
                };
                let others: Duration = g
                    .vehicles
                    .iter()
                    .filter(|&&v| v != trial.vehicle)
                    .map(|&v| length(v, &routes[v].items))
                    .sum();
                let before = others + length(trial.vehicle, &routes[trial.vehicle].items);
                let after = others + length(trial.vehicle, &trial.items);
                if after > limit {
                    return None;
                }
                let sq = |x: Duration| {
                    balance_weight as i128 * (x.0 as i128) * (x.0 as i128)
                        / (limit.0.max(1) as i128)
                };
                balance += Cost((sq(after) - sq(before)) as i64);
            }
        }
    }
    relations_ok(p, routes, trial).then_some(balance)
}

fn relations_ok(p: &Problem, routes: &[Route], trial: &Route) -> bool {
    let day_of = |j: usize| -> Option<i32> {
        if trial.items.contains(&RouteItem::Job(j)) {
            return Some(p.vehicles[trial.vehicle].day);
        }
        routes
            .iter()
            .filter(|r| r.vehicle != trial.vehicle)
            .find(|r| r.items.contains(&RouteItem::Job(j)))
            .map(|r| p.vehicles[r.vehicle].day)
    };
    p.relations
        .iter()
        .all(|r| match (day_of(r.first), day_of(r.second)) {
            (Some(a), Some(b)) => (r.min_gap..=r.max_gap).contains(&(b - a)),
            _ => true,
        })
}
