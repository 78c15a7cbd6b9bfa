//! Internal invariants: the cached segments agree with the plain timeline simulation, and the
//! running totals with a recomputation.

#[path = "../../tests/common/mod.rs"]
mod common;

use super::convert;
use super::cost::cost;
use super::instance::Instance;
use super::problem::{Route, RouteItem, Solution};
use super::state::State;
use super::timeline::timeline;
use common::{Features, Lcg, random_problem};

/// A random solution: jobs dealt to random vehicles in random order, lunch anywhere.
fn random_solution(problem: &super::problem::Problem, seed: u64) -> Solution {
    let mut g = Lcg::new(seed);
    let mut routes: Vec<Route> = (0..problem.vehicles.len())
        .map(|vehicle| Route {
            vehicle,
            items: Vec::new(),
        })
        .collect();
    for j in 0..problem.jobs.len() {
        let v = g.below(routes.len() as u64) as usize;
        let at = g.below(routes[v].items.len() as u64 + 1) as usize;
        routes[v].items.insert(at, RouteItem::Job(j));
    }
    Solution {
        routes,
        unassigned: Vec::new(),
    }
}

#[test]
fn segments_agree_with_the_timeline() {
    for seed in 0..200 {
        let mut features = Features::all();
        features.multi_window = false;
        let problem = random_problem(seed, 12, 3, features);
        let inst = Instance::new(&problem, 10);
        let state = convert::import(&inst, &random_solution(&problem, seed));
        let solution = convert::export(&inst, &state);
        for (route, internal) in solution.routes.iter().zip(&state.routes) {
            if route.items.is_empty() {
                continue;
            }
            let t = timeline(&problem, route);
            assert_eq!(
                t.lateness,
                super::super::units::Duration(0),
                "seed {seed}: {route:?}"
            );
            assert_eq!(t.duration(), internal.duration, "seed {seed}: {route:?}");
            assert_eq!(t.distance, internal.fwd[internal.len() - 1].distance);
        }
        assert_eq!(cost(&problem, &solution).total, state.cost(), "seed {seed}");
        assert_eq!(state.recomputed_cost(&inst), state.cost());
    }
}

#[test]
fn empty_state_costs_the_penalties() {
    let problem = random_problem(1, 10, 2, Features::all());
    let inst = Instance::new(&problem, 10);
    let state = State::empty(&inst);
    let solution = convert::export(&inst, &state);
    assert_eq!(cost(&problem, &solution).total, state.cost());
}
