//! Entry points for the benchmarks (`benches/`): the search's hot paths without exposing its
//! internals. Not part of the planner's API.

use super::config::SolverConfig;
use super::instance::{Instance, Node};
use super::operators::{exchange, two_opt_star};
use super::problem::Problem;
use super::search::Search;
use super::state::State;

/// A running search, one iteration at a time.
pub struct Stepper<'a>(Search<'a>);

impl Stepper<'_> {
    /// One iteration; true when the best solution improved.
    pub fn step(&mut self) -> bool {
        self.0.step()
    }
}

/// Runs `f` on a search of `problem` set up with `config` (construction done).
pub fn with_stepper<R>(
    problem: &Problem,
    config: &SolverConfig,
    f: impl FnOnce(&mut Stepper) -> R,
) -> R {
    let inst = Instance::new(problem, config.tuning.granularity);
    let mut stepper = Stepper(Search::new(&inst, config));
    f(&mut stepper)
}

/// A solution to evaluate moves on.
pub struct Moves<'a> {
    inst: &'a Instance<'a>,
    state: State,
}

impl Moves<'_> {
    /// Evaluates relocate, swap and 2-opt* between every job and each of its neighbours, as
    /// the local search does (without applying any); returns how many are feasible.
    pub fn evaluate_all(&self) -> usize {
        let (inst, state) = (self.inst, &self.state);
        let mut feasible = 0;
        for u in 0..inst.jobs as Node {
            if !state.is_assigned(u) {
                continue;
            }
            for &v in &inst.neighbours[u as usize] {
                if !state.is_assigned(v) {
                    continue;
                }
                feasible +=
                    usize::from(exchange::evaluate(inst, state, u, 1, v, 0, None).is_some());
                feasible +=
                    usize::from(exchange::evaluate(inst, state, u, 1, v, 1, None).is_some());
                feasible += usize::from(two_opt_star::delta(inst, state, u, v, None).is_some());
            }
        }
        feasible
    }
}

/// Runs `f` on the solution a short search of `problem` finds.
pub fn with_moves<R>(problem: &Problem, config: &SolverConfig, f: impl FnOnce(&Moves) -> R) -> R {
    let inst = Instance::new(problem, config.tuning.granularity);
    let mut search = Search::new(&inst, config);
    for _ in 0..100 {
        search.step();
    }
    let moves = Moves {
        inst: &inst,
        state: search.best_state().clone(),
    };
    f(&moves)
}
