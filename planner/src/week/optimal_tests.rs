//! Quality: on small weeks (≤ 8 jobs, 2–3 working days), the plan found has the cost of the
//! optimum found by exhaustive search — every subset of jobs on every crew of every day, in
//! every order with lunch at every place.

use super::build::Instance;
use super::calendar::Horizon;
use super::greedy::route_cost;
use super::solve::{SolveOptions, objective, optimise};
use super::timing::time_route;
use super::travel::TravelTimes;
use super::validate::{MapBounds, validate};
use crate::engine::{GroupRule, Problem, Requirement, Route, RouteItem, Solution};
use crate::units::{Cost, Duration};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

const COMMUNES: [&str; 10] = [
    "Mauriac",
    "Le Vigean",
    "Ally",
    "Drugeac",
    "Salins",
    "Sourniac",
    "Jaleyrac",
    "Chalvignac",
    "Méallet",
    "Arches",
];

/// A small week: 3 workers on `days` weekdays, `people` people near Mauriac.
fn small_scenario(seed: u64, people: usize, days: usize) -> String {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let week = ["lundi", "mardi", "jeudi"][..days]
        .iter()
        .map(|d| format!("\"{d}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut t = String::from(
        "[team]\nbase = { commune = \"Mauriac\" }\nterritory = { arrondissement = \"15002\" }\n",
    );
    for (id, fte) in [("a", 0.5), ("b", 0.4), ("c", 0.3)] {
        t += &format!("\n[[workers]]\nid = \"{id}\"\nfte = {fte}\ndays = [{week}]\n");
    }
    for i in 0..people {
        let c = COMMUNES[rng.random_range(0..COMMUNES.len())];
        let freq = ["hebdomadaire", "quinzaine"][rng.random_range(0..2)];
        let window = ["après-midi", "13:30-16:00", "14:00-18:00", "matin"][rng.random_range(0..4)];
        t += &format!(
            "\n[[people]]\nid = \"B{i:02}\"\ncommune = \"{c}\"\nvisit_minutes = {}\nfrequency = \"{freq}\"\nlast_visit = -{}\nwindows = {{ tous = \"{window}\" }}\npriority = {}\n",
            [60, 90, 120][rng.random_range(0..3)],
            rng.random_range(5..12),
            rng.random_range(1..6),
        );
    }
    t
}

/// Every feasible order (lunch placed anywhere) of `jobs` on vehicle `v`, keeping those not
/// dominated in (route cost, duration) — the balance of hours grows with duration.
fn routes_for(p: &Problem, v: usize, jobs: &[usize]) -> Vec<(Cost, Duration, Vec<RouteItem>)> {
    let mut out: Vec<(Cost, Duration, Vec<RouteItem>)> = Vec::new();
    let mut perm = jobs.to_vec();
    permutations(&mut perm, 0, &mut |order| {
        for l in 0..=order.len() {
            let mut items: Vec<RouteItem> = order.iter().map(|&j| RouteItem::Job(j)).collect();
            if p.vehicles[v].lunch.is_some() {
                items.insert(l, RouteItem::Lunch);
            } else if l > 0 {
                break;
            }
            let r = Route { vehicle: v, items };
            if let Some(c) = route_cost(p, &r) {
                let d = time_route(p, &r).duration();
                if !out.iter().any(|(c2, d2, _)| *c2 <= c && *d2 <= d) {
                    out.retain(|(c2, d2, _)| !(c <= *c2 && d <= *d2));
                    out.push((c, d, r.items));
                }
            }
        }
    });
    out
}

fn permutations(v: &mut Vec<usize>, k: usize, f: &mut dyn FnMut(&[usize])) {
    if k == v.len() {
        f(v);
        return;
    }
    for i in k..v.len() {
        v.swap(k, i);
        permutations(v, k + 1, f);
        v.swap(k, i);
    }
}

/// The least objective over all solutions (one crew a day at most: one camping-car).
fn optimum(p: &Problem) -> Cost {
    let n = p.jobs.len();
    assert!(n <= 8);
    let days: Vec<i32> = {
        let mut d: Vec<i32> = p.vehicles.iter().map(|v| v.day).collect();
        d.sort();
        d.dedup();
        d
    };
    // options[day] = (vehicle, mask, items) for every crew of that day and every subset.
    let mut options: Vec<Vec<(usize, u32, Vec<RouteItem>)>> = Vec::new();
    for &day in &days {
        let mut opts = Vec::new();
        for v in (0..p.vehicles.len()).filter(|&v| p.vehicles[v].day == day) {
            for mask in 1u32..(1 << n) {
                let jobs: Vec<usize> = (0..n).filter(|j| mask & (1 << j) != 0).collect();
                if jobs.iter().all(|&j| {
                    p.jobs[j]
                        .allowed_vehicles
                        .as_ref()
                        .is_none_or(|a| a.contains(&v))
                }) {
                    opts.extend(
                        routes_for(p, v, &jobs)
                            .into_iter()
                            .map(|(_, _, items)| (v, mask, items)),
                    );
                }
            }
        }
        options.push(opts);
    }
    let mut best = Cost(i64::MAX);
    let mut chosen: Vec<Route> = Vec::new();
    search(p, &options, 0, 0, &mut chosen, &mut best);
    best
}

fn search(
    p: &Problem,
    options: &[Vec<(usize, u32, Vec<RouteItem>)>],
    day: usize,
    used: u32,
    chosen: &mut Vec<Route>,
    best: &mut Cost,
) {
    if day == options.len() {
        if let Some(c) = evaluate(p, chosen) {
            *best = (*best).min(c);
        }
        return;
    }
    search(p, options, day + 1, used, chosen, best);
    for (v, mask, items) in &options[day] {
        if used & mask == 0 {
            chosen.push(Route {
                vehicle: *v,
                items: items.clone(),
            });
            search(p, options, day + 1, used | mask, chosen, best);
            chosen.pop();
        }
    }
}

/// The objective of the chosen routes, if they keep every shared rule and serve every
/// required job.
fn evaluate(p: &Problem, chosen: &[Route]) -> Option<Cost> {
    let mut routes: Vec<Route> = (0..p.vehicles.len())
        .map(|v| Route {
            vehicle: v,
            items: vec![],
        })
        .collect();
    for r in chosen {
        routes[r.vehicle] = r.clone();
    }
    let day_of = |j: usize| {
        chosen
            .iter()
            .find(|r| r.items.contains(&RouteItem::Job(j)))
            .map(|r| p.vehicles[r.vehicle].day)
    };
    for (j, job) in p.jobs.iter().enumerate() {
        if job.requirement == Requirement::Required && day_of(j).is_none() {
            return None;
        }
    }
    for rel in &p.relations {
        if let (Some(a), Some(b)) = (day_of(rel.first), day_of(rel.second))
            && !(rel.min_gap..=rel.max_gap).contains(&(b - a))
        {
            return None;
        }
    }
    for g in &p.groups {
        let used: Vec<&Route> = g
            .vehicles
            .iter()
            .map(|&v| &routes[v])
            .filter(|r| !r.items.is_empty())
            .collect();
        let ok = match g.rule {
            GroupRule::MaxUsed(k) => used.len() <= k,
            GroupRule::DurationBudget { limit, .. } => {
                used.iter()
                    .map(|r| time_route(p, r).duration())
                    .sum::<Duration>()
                    <= limit
            }
        };
        if !ok {
            return None;
        }
    }
    Some(objective(
        p,
        &Solution {
            routes,
            unassigned: vec![],
        },
    ))
}

fn check_one(seed: u64, people: usize, days: usize) {
    let text = small_scenario(seed, people, days);
    let s = validate(&text, "small.toml", MapBounds::cantal())
        .unwrap_or_else(|d| panic!("{}", d.render(super::Lang::En)));
    let inst = Instance::new(&s, Horizon::parse_week("2026-W49", 1).unwrap());
    let p = inst.problem(&TravelTimes::crow_flies(&inst.points()));
    let best = optimum(&p);
    let (found, cost) = optimise(
        &p,
        &SolveOptions::new(seed, std::time::Duration::from_secs(30)),
        &mut |_| {},
    );
    assert_eq!(cost, objective(&p, &found));
    assert_eq!(
        cost,
        best,
        "seed {seed}: {} jobs, found {cost:?}, optimum {best:?}",
        p.jobs.len()
    );
}

#[test]
fn small_weeks_are_solved_to_optimality() {
    for seed in 1..=6 {
        check_one(seed, 6, 2);
    }
    for seed in 7..=9 {
        check_one(seed, 5, 3);
    }
}
