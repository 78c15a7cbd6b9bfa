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

/// A problem with the indexes the search needs: the groups of each vehicle, the day-gap
/// relations of each job.
pub struct Ctx<'p> {
    pub p: &'p Problem,
    groups_of: Vec<Vec<usize>>,
    relations_of: Vec<Vec<usize>>,
}

impl<'p> Ctx<'p> {
    pub fn new(p: &'p Problem) -> Ctx<'p> {
        let mut groups_of = vec![Vec::new(); p.vehicles.len()];
        for (g, group) in p.groups.iter().enumerate() {
            for &v in &group.vehicles {
                groups_of[v].push(g);
            }
        }
        let mut relations_of = vec![Vec::new(); p.jobs.len()];
        for (r, rel) in p.relations.iter().enumerate() {
            relations_of[rel.first].push(r);
            relations_of[rel.second].push(r);
        }
        Ctx {
            p,
            groups_of,
            relations_of,
        }
    }
}

/// Builds a solution by cheapest insertion.
pub fn construct(problem: &Problem) -> Solution {
    let cx = Ctx::new(problem);
    let mut routes = empty_routes(problem);
    let left = insert_all(
        &cx,
        &mut routes,
        (0..problem.jobs.len()).collect(),
        &mut |_| 1000,
    );
    finish(&cx, routes, left)
}

pub fn empty_routes(p: &Problem) -> Vec<Route> {
    (0..p.vehicles.len())
        .map(|v| Route {
            vehicle: v,
            items: vec![],
        })
        .collect()
}

/// Inserts `jobs` (most important first, ties in the given order) where each costs least;
/// returns those left out. `noise` scales each insertion cost (in thousandths) to vary
/// constructions from one try to the next.
pub fn insert_all(
    cx: &Ctx<'_>,
    routes: &mut [Route],
    mut jobs: Vec<usize>,
    noise: &mut dyn FnMut(usize) -> i64,
) -> Vec<usize> {
    jobs.sort_by_key(|&j| std::cmp::Reverse(weight(cx.p, j)));
    let mut left = Vec::new();
    for j in jobs {
        match best_insertion(cx, routes, j, noise) {
            Some((v, items)) => routes[v].items = items,
            None => left.push(j),
        }
    }
    left
}

/// A solution from routes, with the reasons of each job left out.
pub fn finish(cx: &Ctx<'_>, routes: Vec<Route>, mut left: Vec<usize>) -> Solution {
    left.sort_unstable();
    let unassigned = left
        .into_iter()
        .map(|job| Unassigned {
            job,
            reasons: diagnose(cx, &routes, job),
        })
        .collect();
    Solution { routes, unassigned }
}

fn allowed(p: &Problem, j: usize) -> Vec<usize> {
    p.jobs[j]
        .allowed_vehicles
        .clone()
        .unwrap_or_else(|| (0..p.vehicles.len()).collect())
}

/// Why a job does not fit: no vehicle, windows, full routes, a group limit or a day gap.
pub fn diagnose(cx: &Ctx<'_>, routes: &[Route], j: usize) -> Vec<UnassignedReason> {
    let p = cx.p;
    let allowed = allowed(p, j);
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
        // One feasible-alone placement per route is enough to know what blocks it.
        let fits = candidates(p, &routes[v], j)
            .into_iter()
            .map(|items| Route { vehicle: v, items })
            .find(|t| route_cost(p, t).is_some());
        if let Some(trial) = fits {
            reasons.extend(blocking(cx, routes, &trial));
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
pub fn feasible(cx: &Ctx<'_>, routes: &[Route]) -> bool {
    routes.iter().all(|r| route_cost(cx.p, r).is_some())
        && routes
            .iter()
            .filter(|r| !r.items.is_empty())
            .all(|r| blocking(cx, routes, r).is_empty())
}

/// What a route spends of its crew's weekly hours: its duration less the lunch break (lunch
/// is not work; the engine's `DurationBudget` counts the same way).
fn length(p: &Problem, v: usize, items: &[RouteItem]) -> Duration {
    if items.is_empty() {
        Duration::ZERO
    } else {
        let pause = p.vehicles[v].lunch.map_or(Duration::ZERO, |b| b.duration);
        time_route(
            p,
            &Route {
                vehicle: v,
                items: items.to_vec(),
            },
        )
        .duration()
            - pause
    }
}

/// The shared rules a feasible-alone route change would break.
fn blocking(cx: &Ctx<'_>, routes: &[Route], trial: &Route) -> Vec<UnassignedReason> {
    let p = cx.p;
    let items = |v: usize| {
        if v == trial.vehicle {
            &trial.items
        } else {
            &routes[v].items
        }
    };
    let mut out = Vec::new();
    for &g in &cx.groups_of[trial.vehicle] {
        let group = &p.groups[g];
        let broken = match group.rule {
            GroupRule::MaxUsed(k) => {
                group
                    .vehicles
                    .iter()
                    .filter(|&&v| !items(v).is_empty())
                    .count()
                    > k
            }
            GroupRule::DurationBudget { limit, .. } => {
                group
                    .vehicles
                    .iter()
                    .map(|&v| length(p, v, items(v)))
                    .sum::<Duration>()
                    > limit
            }
        };
        if broken {
            out.push(UnassignedReason::GroupLimit(group.label.clone()));
        }
    }
    if out.is_empty()
        && let Some(other) = broken_relation(cx, routes, trial)
    {
        out.push(UnassignedReason::Relation(other));
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
    cx: &Ctx<'_>,
    routes: &[Route],
    j: usize,
    noise: &mut dyn FnMut(usize) -> i64,
) -> Option<(usize, Vec<RouteItem>)> {
    let p = cx.p;
    let mut best: Option<(Cost, usize, Vec<RouteItem>)> = None;
    for v in allowed(p, j) {
        let before = route_cost(p, &routes[v]).unwrap_or(Cost::ZERO);
        let scale = noise(v);
        for items in candidates(p, &routes[v], j) {
            let trial = Route { vehicle: v, items };
            let Some(after) = route_cost(p, &trial) else {
                continue;
            };
            let delta = Cost((after - before + preference(p, j, v)).0 / 1000 * scale);
            if best.as_ref().is_some_and(|b| b.0 <= delta) {
                continue;
            }
            if let Some(balance) = shared_rules(cx, routes, &trial) {
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
pub(crate) fn shared_rules(cx: &Ctx<'_>, routes: &[Route], trial: &Route) -> Option<Cost> {
    let p = cx.p;
    let mut balance = Cost::ZERO;
    let (mine, before_len) = (
        length(p, trial.vehicle, &trial.items),
        length(p, trial.vehicle, &routes[trial.vehicle].items),
    );
    for &g in &cx.groups_of[trial.vehicle] {
        let group = &p.groups[g];
        match group.rule {
            GroupRule::MaxUsed(k) => {
                let used = |v: usize| {
                    if v == trial.vehicle {
                        !trial.items.is_empty()
                    } else {
                        !routes[v].items.is_empty()
                    }
                };
                if group.vehicles.iter().filter(|&&v| used(v)).count() > k {
                    return None;
                }
            }
            GroupRule::DurationBudget {
                limit,
                balance_weight,
            } => {
                let others: Duration = group
                    .vehicles
                    .iter()
                    .filter(|&&v| v != trial.vehicle)
                    .map(|&v| length(p, v, &routes[v].items))
                    .sum();
                let (before, after) = (others + before_len, others + mine);
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
    broken_relation(cx, routes, trial)
        .is_none()
        .then_some(balance)
}

/// A job whose day gap with one of the trial route's jobs would be broken.
fn broken_relation(cx: &Ctx<'_>, routes: &[Route], trial: &Route) -> Option<usize> {
    let p = cx.p;
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
    for item in &trial.items {
        let RouteItem::Job(j) = *item else { continue };
        for &r in &cx.relations_of[j] {
            let rel = &p.relations[r];
            if let (Some(a), Some(b)) = (day_of(rel.first), day_of(rel.second))
                && !(rel.min_gap..=rel.max_gap).contains(&(b - a))
            {
                return Some(if rel.first == j {
                    rel.second
                } else {
                    rel.first
                });
            }
        }
    }
    None
}
