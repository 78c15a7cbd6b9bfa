//! Search on top of the cheapest-insertion construction: many constructions with the job order
//! and the insertion costs shaken by a seeded random generator, each followed by moving whole
//! days between crews (the same stops done by another pair of the same day, freeing a worker
//! whose hours are needed elsewhere, then re-inserting what was left out). The best by the
//! objective is kept. The number of tries is fixed, so a seed gives the same plan on any
//! machine; the time budget only cuts the search short on a slow one.

use super::greedy::{Ctx, empty_routes, feasible, finish, insert_all, route_cost, shared_rules};
use super::solve::{Progress, objective};
use crate::engine::{Problem, Route, RouteItem, Solution, Unassigned};
use crate::units::Cost;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::time::Instant;

/// Routes and the jobs left out (reasons are worked out once, at the end).
#[derive(Clone)]
struct Draft {
    routes: Vec<Route>,
    left: Vec<usize>,
    cost: Cost,
}

impl Draft {
    fn new(p: &Problem, routes: Vec<Route>, left: Vec<usize>) -> Draft {
        let cost = objective(p, &as_solution(&routes, &left));
        Draft { routes, left, cost }
    }
}

fn as_solution(routes: &[Route], left: &[usize]) -> Solution {
    let unassigned = left
        .iter()
        .map(|&job| Unassigned {
            job,
            reasons: vec![],
        })
        .collect();
    Solution {
        routes: routes.to_vec(),
        unassigned,
    }
}

/// The best solution found in `tries` constructions (fewer if `deadline` passes first).
pub fn search(
    p: &Problem,
    seed: u64,
    tries: usize,
    deadline: Instant,
    on_progress: &mut dyn FnMut(&Progress),
) -> Solution {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let cx = &Ctx::new(p);
    let first = build(cx, (0..p.jobs.len()).collect(), &mut |_| 1000);
    let mut best = swaps(cx, first, deadline);
    for t in 0..tries {
        if Instant::now() >= deadline {
            break;
        }
        let mut order: Vec<usize> = (0..p.jobs.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.random_range(0..=i));
        }
        let draft = build(cx, order, &mut |_| 1000 + rng.random_range(0..800));
        let draft = if draft.cost < best.cost + Cost(best.cost.0 / 10) {
            swaps(cx, draft, deadline)
        } else {
            draft
        };
        if draft.cost < best.cost {
            best = draft;
        }
        on_progress(&Progress {
            fraction: (t + 1) as f64 / tries as f64,
            best: best.cost,
        });
    }
    let mut routes = best.routes;
    for r in &mut routes {
        r.items.shrink_to_fit();
    }
    finish(cx, routes, best.left)
}

fn build(cx: &Ctx<'_>, order: Vec<usize>, noise: &mut dyn FnMut(usize) -> i64) -> Draft {
    let p = cx.p;
    let mut routes = empty_routes(p);
    let left = insert_all(cx, &mut routes, order, noise);
    Draft::new(p, routes, left)
}

/// Whole days moved to other crews, stops moved between days and reordered, while that
/// lowers the objective.
fn swaps(cx: &Ctx<'_>, mut best: Draft, deadline: Instant) -> Draft {
    let p = cx.p;
    let mut improved = true;
    while improved && Instant::now() < deadline {
        improved = false;
        let polished = polish(cx, &best);
        if polished.cost < best.cost {
            best = polished;
        }
        if let Some(moved) = relocate(cx, &best, deadline)
            && moved.cost < best.cost
        {
            (best, improved) = (moved, true);
            continue;
        }
        for r in 0..best.routes.len() {
            if best.routes[r].items.is_empty() {
                continue;
            }
            for v in alternatives(p, &best.routes, r) {
                if Instant::now() >= deadline {
                    return best;
                }
                let Some(trial) = swapped(cx, &best, r, v) else {
                    continue;
                };
                if trial.cost < best.cost {
                    (best, improved) = (trial, true);
                    break;
                }
            }
        }
    }
    best
}

/// Unused vehicles of the same day.
fn alternatives(p: &Problem, routes: &[Route], r: usize) -> Vec<usize> {
    let day = p.vehicles[routes[r].vehicle].day;
    (0..p.vehicles.len())
        .filter(|&v| v != r && p.vehicles[v].day == day && routes[v].items.is_empty())
        .collect()
}

/// Route `r`'s stops given to vehicle `v` (those `v` may serve; the others, and the jobs left
/// out, are inserted again).
fn swapped(cx: &Ctx<'_>, d: &Draft, r: usize, v: usize) -> Option<Draft> {
    let p = cx.p;
    let mut routes = d.routes.clone();
    let mut left = left_for_day(p, d, p.vehicles[v].day);
    let mut others: Vec<usize> = d
        .left
        .iter()
        .copied()
        .filter(|x| !left.contains(x))
        .collect();
    for item in std::mem::take(&mut routes[r].items) {
        match item {
            RouteItem::Job(j)
                if p.jobs[j]
                    .allowed_vehicles
                    .as_ref()
                    .is_some_and(|a| !a.contains(&v)) =>
            {
                left.push(j)
            }
            RouteItem::Lunch if p.vehicles[v].lunch.is_none() => {}
            item => routes[v].items.push(item),
        }
    }
    if !routes[v]
        .items
        .iter()
        .any(|i| matches!(i, RouteItem::Job(_)))
    {
        routes[v].items.clear();
    } else if p.vehicles[v].lunch.is_some() && !routes[v].items.contains(&RouteItem::Lunch) {
        routes[v].items.push(RouteItem::Lunch);
    }
    if !feasible(cx, &routes) {
        return None;
    }
    let mut left = insert_all(cx, &mut routes, left, &mut |_| 1000);
    left.append(&mut others);
    Some(Draft::new(p, routes, left))
}

/// Longest route reordered exhaustively.
const POLISH_MAX: usize = 6;

/// Each route in its best order (lunch included), for routes of up to [`POLISH_MAX`] jobs.
fn polish(cx: &Ctx<'_>, d: &Draft) -> Draft {
    let p = cx.p;
    let mut routes = d.routes.clone();
    for r in 0..routes.len() {
        let jobs: Vec<usize> = routes[r]
            .items
            .iter()
            .filter_map(|i| match i {
                RouteItem::Job(j) => Some(*j),
                RouteItem::Lunch => None,
            })
            .collect();
        if jobs.is_empty() || jobs.len() > POLISH_MAX {
            continue;
        }
        let score = |routes: &[Route], trial: &Route| -> Option<Cost> {
            Some(route_cost(p, trial)? + shared_rules(cx, routes, trial)?)
        };
        let mut best_items = routes[r].items.clone();
        let Some(mut best) = score(&routes, &routes[r]) else {
            continue;
        };
        let lunch = p.vehicles[routes[r].vehicle].lunch.is_some();
        let mut order = jobs.clone();
        permute(&mut order, 0, &mut |o| {
            for l in 0..=o.len() {
                let mut items: Vec<RouteItem> = o.iter().map(|&j| RouteItem::Job(j)).collect();
                if lunch {
                    items.insert(l, RouteItem::Lunch);
                } else if l > 0 {
                    break;
                }
                let trial = Route {
                    vehicle: routes[r].vehicle,
                    items,
                };
                if let Some(c) = score(&routes, &trial)
                    && c < best
                {
                    (best, best_items) = (c, trial.items);
                }
            }
        });
        routes[r].items = best_items;
    }
    Draft::new(p, routes, d.left.clone())
}

fn permute(v: &mut Vec<usize>, k: usize, f: &mut dyn FnMut(&[usize])) {
    if k == v.len() {
        f(v);
        return;
    }
    for i in k..v.len() {
        v.swap(k, i);
        permute(v, k + 1, f);
        v.swap(k, i);
    }
}

/// The jobs left out that could go on a day of route `r` (those worth trying again when it
/// changes).
fn left_for_day(p: &Problem, d: &Draft, day: i32) -> Vec<usize> {
    d.left
        .iter()
        .copied()
        .filter(|&j| {
            p.jobs[j]
                .allowed_vehicles
                .as_ref()
                .is_none_or(|a| a.iter().any(|&v| p.vehicles[v].day == day))
        })
        .collect()
}

/// The first move of one served job to its best place elsewhere that lowers the objective
/// (with the jobs left out on that day tried again in the room it frees).
fn relocate(cx: &Ctx<'_>, d: &Draft, deadline: Instant) -> Option<Draft> {
    let p = cx.p;
    for r in 0..d.routes.len() {
        for (k, item) in d.routes[r].items.iter().enumerate() {
            let RouteItem::Job(j) = *item else { continue };
            if Instant::now() >= deadline {
                return None;
            }
            let mut routes = d.routes.clone();
            routes[r].items.remove(k);
            if !routes[r]
                .items
                .iter()
                .any(|i| matches!(i, RouteItem::Job(_)))
            {
                routes[r].items.clear();
            }
            let mut left = insert_all(cx, &mut routes, vec![j], &mut |_| 1000);
            let again = left_for_day(p, d, p.vehicles[d.routes[r].vehicle].day);
            let mut others: Vec<usize> = d
                .left
                .iter()
                .copied()
                .filter(|x| !again.contains(x))
                .collect();
            left.extend(again);
            let mut left = insert_all(cx, &mut routes, left, &mut |_| 1000);
            left.append(&mut others);
            let trial = Draft::new(p, routes, left);
            if trial.cost < d.cost && feasible(cx, &trial.routes) {
                return Some(trial);
            }
        }
    }
    None
}
