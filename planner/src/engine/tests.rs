//! Internal invariants: the cached segments agree with the plain timeline simulation, and the
//! running totals with a recomputation.

#[path = "../../tests/common/mod.rs"]
pub(super) mod common;

use super::config::{SolverConfig, Tuning};
use super::convert;
use super::cost::cost;
use super::instance::Instance;
use super::problem::{Route, RouteItem, Solution};
use super::search::Search;
use super::state::State;
use super::timeline::timeline;
use crate::check::ViolationKind;
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
            assert_eq!(t.distance, internal.fwd(internal.len() - 1).distance);
        }
        assert_eq!(cost(&problem, &solution).total, state.cost(), "seed {seed}");
        assert_eq!(state.recomputed_cost(&inst), state.cost());
    }
}

/// The default configuration with seed 1 and the given tuning.
fn seeded(tuning: Tuning) -> SolverConfig {
    SolverConfig {
        seed: 1,
        tuning,
        ..SolverConfig::default()
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

/// A search that cannot fit every job starts afresh after a stalled phase; the best solution
/// it reports never gets worse for it, and only beating it counts as an improvement.
#[test]
fn a_stalled_search_starts_afresh_and_keeps_its_best() {
    let problem = random_problem(3, 40, 2, Features::default());
    let inst = Instance::new(&problem, 10);
    let config = seeded(Tuning {
        restart_phases: 1,
        ..Tuning::default()
    });
    let mut search = Search::new(&inst, &config);
    let mut leader = search.best_state().score();
    assert!(
        leader.missing > 0,
        "the fleet must be too small for this test"
    );
    for _ in 0..30_000 {
        let improved = search.step();
        let now = search.best_state().score();
        assert_eq!(
            improved,
            now < leader,
            "a try's progress is not the search's"
        );
        assert!(
            now <= leader,
            "the best got worse: {now:?} after {leader:?}"
        );
        leader = now;
    }
    assert!(search.tries() > 2, "tries: {}", search.tries());
}

/// Cycle lengths a search under a clock goes through in `iterations` steps, each once.
fn cycles_seen(problem: &super::problem::Problem, iterations: u64) -> (Vec<u64>, usize) {
    let inst = Instance::new(problem, 10);
    let config = SolverConfig {
        seed: 1,
        stop: super::stop::StopRule::time(std::time::Duration::from_secs(3600)),
        ..SolverConfig::default()
    };
    let mut search = Search::new(&inst, &config);
    let mut seen = vec![search.cycle()];
    for _ in 0..iterations {
        search.step();
        if search.cycle() != *seen.last().unwrap() {
            seen.push(search.cycle());
        }
    }
    (seen, search.best_state().missing)
}

/// Under a clock, the cooling cycles double while jobs are left out (fitting a tight fleet)
/// and are all alike, 60 iterations per job, once every job fits.
#[test]
fn cooling_cycles_double_while_jobs_are_out_and_stay_equal_after() {
    let tight = random_problem(3, 40, 2, Features::default());
    let (seen, missing) = cycles_seen(&tight, 25_000);
    assert!(missing > 0, "the fleet must be too small for this test");
    assert_eq!(seen, [3_000, 6_000, 12_000, 24_000]);
    // Left out at first (the construction packs poorly), then all in: one switch.
    let (seen, missing) = cycles_seen(&random_problem(3, 20, 6, Features::default()), 10_000);
    assert_eq!(missing, 0, "every job must fit for this test");
    assert_eq!(seen, [3_000, 1_200]);
    // All in from the start.
    let (seen, missing) = cycles_seen(&random_problem(3, 20, 12, Features::default()), 10_000);
    assert_eq!(missing, 0, "every job must fit for this test");
    assert_eq!(seen, [1_200]);
}

/// Candidates that leave a required job out are repaired on large problems (here the size
/// threshold is lowered): some repairs make the candidate whole, and the costs the search
/// keeps stay those a recomputation gives. The walk's solution stays sound for the
/// independent checker: a repair changes routes over several pool steps, and a candidate
/// undone without all of them, or a squeeze undone from a stale copy, would leave jobs twice
/// or nowhere (problem 1 catches the stale copy).
#[test]
fn repaired_candidates_keep_true_costs() {
    for seed in [1, 3] {
        let problem = random_problem(seed, 20, 6, Features::default());
        let inst = Instance::new(&problem, 10);
        let config = seeded(Tuning {
            repair_from: 0,
            ..Tuning::default()
        });
        let mut search = Search::new(&inst, &config);
        for step in 0..5_000 {
            search.step();
            if step % 50 == 0 {
                assert_sound(&problem, &inst, &search, step);
            }
        }
        assert_eq!(search.best_state().missing, 0, "problem {seed} must fit");
        let (tried, whole) = search.repaired();
        assert!(
            tried > 0 && whole > 0,
            "problem {seed}: repairs tried {tried}, made whole {whole}"
        );
    }
    // Under the default threshold, a problem this small goes without.
    let problem = random_problem(3, 20, 6, Features::default());
    let inst = Instance::new(&problem, 10);
    let mut small = Search::new(&inst, &SolverConfig::default());
    for _ in 0..5_000 {
        small.step();
    }
    assert_eq!(small.repaired(), (0, 0));
}

/// The best solution's totals match a recomputation, and the walk's solution has nothing
/// wrong for the checker but required jobs left out, at the cost the search believes.
fn assert_sound(problem: &super::problem::Problem, inst: &Instance, search: &Search, step: u32) {
    let best = search.best_state();
    assert_eq!(best.recomputed_cost(inst), best.cost(), "step {step}");
    let current = search.current_state();
    let report = crate::check::check(problem, &convert::export(inst, current));
    let wrong: Vec<_> = (report.violations.iter())
        .filter(|v| v.kind != ViolationKind::RequiredMissing)
        .collect();
    assert!(wrong.is_empty(), "step {step}: {wrong:?}");
    assert_eq!(report.cost.total, current.cost(), "step {step}");
}

/// With many routes, the ejection search keeps to exactly the routes that hold one of the
/// job's closest jobs; with few, it keeps them all.
#[test]
fn ejection_keeps_to_near_routes_only_on_large_fleets() {
    use super::eject::{NEAR_JOBS, NEAR_ROUTES_FROM, keep_near_routes};
    for (vehicles, seed) in [(NEAR_ROUTES_FROM + 10, 4), (NEAR_ROUTES_FROM, 5)] {
        let problem = random_problem(seed, 120, vehicles, Features::default());
        let inst = Instance::new(&problem, 40);
        let state = convert::import(&inst, &random_solution(&problem, seed));
        let used: Vec<usize> = (0..state.routes.len())
            .filter(|&r| state.routes[r].is_used())
            .collect();
        for v in 0..problem.jobs.len() as super::instance::Node {
            let mut kept = used.clone();
            keep_near_routes(&inst, &state, v, &mut kept);
            if used.len() <= NEAR_ROUTES_FROM {
                assert_eq!(kept, used);
                continue;
            }
            let near: Vec<usize> = inst.neighbours[v as usize]
                .iter()
                .take(NEAR_JOBS)
                .filter(|&&u| state.is_assigned(u))
                .map(|&u| state.route_of[u as usize] as usize)
                .collect();
            assert!(!kept.is_empty() && kept.len() < used.len(), "job {v}");
            for r in &used {
                assert_eq!(kept.contains(r), near.contains(r), "job {v}, route {r}");
            }
        }
    }
}

/// Taking several jobs out of a route at once ([`State::remove_jobs`], one refresh) leaves
/// the same state as taking them out one at a time: routes and their caches (also against a
/// refresh from nothing), totals, the pool and the visits marked as touched.
#[test]
fn removing_jobs_together_equals_removing_them_one_by_one() {
    let mut checked = 0;
    for seed in 0..300 {
        let mut features = Features::all();
        features.breaks = seed % 3 == 0;
        features.multi_window = false;
        let problem = random_problem(seed, 30, 2, features);
        let inst = Instance::new(&problem, 10);
        let solved = super::search::solve_iterations(&problem, seed, 200).solution;
        let state = convert::import(&inst, &solved);
        let mut g = Lcg::new(seed + 7);
        let r = g.below(2) as usize;
        let jobs: Vec<_> = (state.routes[r].visits.iter().copied())
            .filter(|&v| inst.is_job(v) && g.below(3) > 0)
            .collect();
        let (mut together, mut one_by_one) = (state.clone(), state.clone());
        together.remove_jobs(&inst, r, &jobs);
        for &job in &jobs {
            one_by_one.remove_job(&inst, job);
        }
        let (a, b) = (&together.routes[r], &one_by_one.routes[r]);
        assert_eq!(a.visits, b.visits, "seed {seed}");
        let mut fresh = a.clone();
        fresh.refresh(&inst, &together.seg);
        for k in 0..a.len() {
            assert_eq!(a.fwd(k), b.fwd(k), "seed {seed}, prefix {k}");
            assert_eq!(a.bwd(k), b.bwd(k), "seed {seed}, suffix {k}");
            assert_eq!((a.fwd(k), a.bwd(k)), (fresh.fwd(k), fresh.bwd(k)));
        }
        assert_eq!(together.cost(), one_by_one.cost(), "seed {seed}");
        assert_eq!(together.recomputed_cost(&inst), together.cost());
        assert_eq!(together.unassigned, one_by_one.unassigned);
        assert_eq!(together.touched, one_by_one.touched, "seed {seed}");
        assert_eq!(together.route_of, one_by_one.route_of);
        assert_eq!(together.index_of, one_by_one.index_of);
        checked += usize::from(jobs.len() >= 2 && !features.breaks);
    }
    assert!(
        checked > 100,
        "only {checked} cases removed several jobs at once"
    );
}
