//! Between the public [`Solution`] and the working [`State`]: export the best solution, and
//! load a warm start, dropping what breaks a rule so the search starts feasible.

use super::checks;
use super::instance::{Instance, Node};
use super::operators::lunch::place_lunch;
use super::problem::{GroupRule, Route, RouteItem, Solution, Unassigned};
use super::state::{LunchPlace, State};
use crate::units::{Duration, Load};

/// The state as a public solution (reasons of unassigned jobs left empty).
pub(crate) fn export(inst: &Instance, state: &State) -> Solution {
    let routes = state
        .routes
        .iter()
        .map(|r| Route {
            vehicle: r.vehicle,
            items: r.visits[1..r.visits.len() - 1]
                .iter()
                .map(|&n| {
                    if inst.is_job(n) {
                        RouteItem::Job(n as usize)
                    } else {
                        RouteItem::Lunch
                    }
                })
                .collect(),
        })
        .collect();
    let mut unassigned: Vec<Unassigned> = state
        .unassigned
        .iter()
        .map(|&j| Unassigned {
            job: j as usize,
            reasons: Vec::new(),
        })
        .collect();
    unassigned.sort_by_key(|u| u.job);
    Solution { routes, unassigned }
}

/// Loads `solution` as a starting point. Jobs that break a rule where they are (late, over
/// capacity, wrong vehicle, pin, relation, group) are left out for the search to place.
pub(crate) fn import(inst: &Instance, solution: &Solution) -> State {
    let mut state = State::empty(inst);
    let mut seen = vec![false; inst.jobs];
    let mut taken = vec![false; inst.vehicles];
    for route in &solution.routes {
        let v = route.vehicle;
        if v >= inst.vehicles || taken[v] {
            continue;
        }
        taken[v] = true;
        let mut jobs: Vec<Node> = Vec::new();
        for item in &route.items {
            if let RouteItem::Job(j) = *item
                && j < inst.jobs
                && !seen[j]
                && !inst.variants[j].is_empty()
                && inst.rules.allows(j, v)
            {
                seen[j] = true;
                jobs.push(j as Node);
            }
        }
        load_route(inst, &mut state, v, &jobs);
    }
    drop_broken_relations(inst, &mut state);
    drop_group_excess(inst, &mut state);
    state
}

/// Places `jobs` in order on route `v`, each with the windows that finish it earliest, then
/// drops jobs until the route is feasible.
fn load_route(inst: &Instance, state: &mut State, v: usize, jobs: &[Node]) {
    let m = &inst.problem.matrix;
    let mut prefix = inst.start[v];
    for (k, &job) in jobs.iter().enumerate() {
        let j = job as usize;
        let best = (0..inst.variants[j].len()).min_by_key(|&w| {
            let s = prefix.then(&inst.variants[j][w], m);
            (s.core.time_warp, s.core.earliest + s.core.duration)
        });
        let w = best.unwrap_or(0);
        prefix = prefix.then(&inst.variants[j][w], m);
        state.insert_job(inst, job, v, k, w, LunchPlace::Stay);
    }
    let mut lunch_tried = false;
    loop {
        let route = &state.routes[v];
        let infeasible = route.warp > Duration(0)
            || route.excess > Load(0)
            || (inst.rules.has_positions && !positions_hold(state, v));
        if !infeasible {
            break;
        }
        if !lunch_tried && route.lunch_at.is_some() {
            lunch_tried = true;
            place_lunch(inst, state, v);
            continue;
        }
        let worst = worst_job(inst, state, v);
        state.remove_job(inst, worst);
        lunch_tried = false;
    }
    if state.routes[v].is_used() {
        place_lunch(inst, state, v);
    }
}

fn positions_hold(state: &State, v: usize) -> bool {
    let route = &state.routes[v];
    route
        .pinned_first
        .is_none_or(|p| route.jobs_in(0, p - 1) == 0)
        && route
            .pinned_last
            .is_none_or(|p| route.jobs_in(p + 1, route.len() - 1) == 0)
}

/// The job whose removal leaves the least lateness and overload (the last one on ties).
fn worst_job(inst: &Instance, state: &State, v: usize) -> Node {
    let route = &state.routes[v];
    let m = &inst.problem.matrix;
    let mut best = (Duration::MAX, Load::MAX, 0u32);
    for i in 1..route.len() - 1 {
        let node = route.visits[i];
        if !inst.is_job(node) {
            continue;
        }
        let seg = route.fwd[i - 1].then(&route.bwd[i + 1], m);
        let (_, warp, excess) = inst.route_cost(v, &seg);
        let pinned = inst.rules.position[node as usize].is_some();
        let key = (warp, excess, u32::from(!pinned));
        if key <= best {
            best = key;
            best.2 = node;
        }
    }
    best.2
}

fn drop_broken_relations(inst: &Instance, state: &mut State) {
    for r in 0..inst.rules.relations.len() {
        let rel = inst.rules.relations[r];
        let (a, b) = (
            checks::day_of(inst, state, rel.first),
            checks::day_of(inst, state, rel.second),
        );
        if !inst.rules.relation_holds(r, a, b) {
            state.remove_job(inst, rel.second as Node);
        }
    }
}

/// Empties the smallest routes of groups over their count, and trims the longest routes of
/// groups over their duration budget.
fn drop_group_excess(inst: &Instance, state: &mut State) {
    for (g, rule) in inst.rules.groups.iter().enumerate() {
        let members: Vec<usize> = (0..inst.vehicles)
            .filter(|&v| inst.rules.vehicle_groups[v].contains(&(g as u32)))
            .collect();
        while !inst
            .rules
            .group_holds(g, state.groups.used[g], state.groups.duration[g])
        {
            let used = members
                .iter()
                .copied()
                .filter(|&v| state.routes[v].is_used());
            let target = match rule {
                GroupRule::MaxUsed(_) => used.min_by_key(|&v| state.routes[v].jobs),
                GroupRule::DurationBudget { .. } => used.max_by_key(|&v| state.routes[v].duration),
            };
            let Some(v) = target else { break };
            let job = state.routes[v]
                .visits
                .iter()
                .rev()
                .copied()
                .find(|&n| inst.is_job(n));
            match job {
                Some(j) => state.remove_job(inst, j),
                None => break,
            }
        }
    }
}
