//! The search: build (or load) a solution, then ruin and recreate with string removals
//! (SISR), polish with the local search, and accept by simulated annealing; while required
//! jobs are left out, prefer fewer of them, then the ones missing less often (absence
//! counters, as in SISR's fleet minimisation).

use super::config::{Progress, SolveResult, SolverConfig, Tuning};
use super::convert;
use super::cost::cost;
use super::instance::Instance;
use super::local_search::LocalSearch;
use super::operators::lunch::place_lunch;
use super::problem::{Problem, Requirement};
use super::reasons::reasons;
use super::recreate::{Recreate, reinsert};
use super::rng::Rng;
use super::ruin::{remove_route, remove_strings};
use super::state::State;
use super::stop::SearchStatus;
use std::sync::Arc;
use std::time::Instant;

/// Cycle length when the stop rule gives no iteration limit.
const DEFAULT_CYCLE: u64 = 30_000;
/// Share of iterations that empty a whole route and place its jobs elsewhere.
const ROUTE_REMOVAL: f64 = 0.05;
/// Progress is reported at least this often (iterations) even without improvement.
const HEARTBEAT: u64 = 1_000;

/// Solves `problem`; see [`SolverConfig`]. Deterministic for a given seed and inputs, up to
/// where the stop rule ends it.
pub fn solve(
    problem: &Problem,
    config: &SolverConfig,
    on_progress: &mut dyn FnMut(&Progress),
) -> SolveResult {
    let clock = Instant::now();
    let inst = Instance::new(problem, config.tuning.granularity);
    let mut search = Search::new(&inst, config);
    search.report(clock, on_progress, true);
    loop {
        let status = SearchStatus {
            iteration: search.iteration,
            elapsed: clock.elapsed(),
            since_improvement: search.since_improvement,
        };
        if config.stop.should_stop(&status) {
            break;
        }
        let improved = search.step();
        if improved || search.iteration.is_multiple_of(HEARTBEAT) {
            search.report(clock, on_progress, improved);
        }
    }
    search.finish(clock)
}

struct Search<'a> {
    inst: &'a Instance<'a>,
    tuning: Tuning,
    rng: Rng,
    current: State,
    candidate: State,
    best: State,
    absences: Vec<u32>,
    ls: LocalSearch,
    iteration: u64,
    since_improvement: u64,
    cycle: u64,
}

impl<'a> Search<'a> {
    fn new(inst: &'a Instance<'a>, config: &SolverConfig) -> Search<'a> {
        let mut rng = Rng::new(config.seed);
        let mut ls = LocalSearch::new(inst);
        let mut start = match &config.initial {
            Some(solution) => convert::import(inst, solution),
            None => State::empty(inst),
        };
        let pool = start.unassigned.clone();
        reinsert(inst, &mut start, &mut rng, &pool, Recreate::default());
        if config.tuning.local_search {
            ls.touch(&mut start, 0..inst.vehicles);
            ls.run(inst, &mut start, &mut rng);
        }
        let cycle = match config.tuning.cycle_iterations {
            0 => config.stop.iteration_limit().unwrap_or(DEFAULT_CYCLE),
            n => n,
        };
        Search {
            inst,
            tuning: config.tuning.clone(),
            rng,
            candidate: start.clone(),
            best: start.clone(),
            current: start,
            absences: vec![0; inst.jobs],
            ls,
            iteration: 0,
            since_improvement: 0,
            cycle: cycle.max(1),
        }
    }

    /// One ruin-and-recreate iteration; true when the best solution improved.
    fn step(&mut self) -> bool {
        let inst = self.inst;
        self.iteration += 1;
        if self.iteration.is_multiple_of(self.cycle) {
            self.current.clone_from(&self.best);
        }
        self.candidate.clone_from(&self.current);
        let (removed, closed) = if self.rng.chance(ROUTE_REMOVAL) {
            remove_route(inst, &mut self.candidate, &mut self.rng)
        } else {
            let removed = remove_strings(
                inst,
                &mut self.candidate,
                &mut self.rng,
                self.tuning.ruin_average,
                self.tuning.ruin_max_string,
            );
            (removed, None)
        };
        let how = Recreate {
            blink_rate: self.tuning.blink_rate,
            absences: (self.current.missing > 0).then_some(&self.absences[..]),
            force: inst.has_optional && self.rng.chance(0.1),
            closed,
        };
        reinsert(inst, &mut self.candidate, &mut self.rng, &removed, how);
        let touched: Vec<usize> = (0..self.candidate.routes.len())
            .filter(|&r| self.candidate.routes[r].visits != self.current.routes[r].visits)
            .collect();
        if inst.has_breaks {
            for &r in &touched {
                place_lunch(inst, &mut self.candidate, r);
            }
        }
        if self.tuning.local_search {
            self.ls.touch(&mut self.candidate, touched.into_iter());
            self.ls.run(inst, &mut self.candidate, &mut self.rng);
        }
        for &j in &self.candidate.unassigned {
            if inst.problem.jobs[j as usize].requirement == Requirement::Required {
                self.absences[j as usize] += 1;
            }
        }
        if self.candidate.score() < self.best.score() {
            self.best.clone_from(&self.candidate);
            std::mem::swap(&mut self.current, &mut self.candidate);
            self.since_improvement = 0;
            return true;
        }
        if self.accept() {
            std::mem::swap(&mut self.current, &mut self.candidate);
        }
        self.since_improvement += 1;
        false
    }

    fn accept(&mut self) -> bool {
        let (cand, cur) = (&self.candidate, &self.current);
        if cand.missing != cur.missing {
            return cand.missing < cur.missing;
        }
        if cand.missing > 0 && self.repairing() {
            let weight = |s: &State| -> u64 {
                s.unassigned
                    .iter()
                    .map(|&j| u64::from(self.absences[j as usize]))
                    .sum()
            };
            let (wc, wu) = (weight(cand), weight(cur));
            if wc != wu {
                return wc < wu;
            }
        }
        let t = self.temperature();
        let threshold = cur.cost().0 as f64 - t * self.rng.unit().max(1e-12).ln();
        (cand.cost().0 as f64) < threshold
    }

    /// While required jobs are missing, phases that favour the jobs missing most often (to
    /// fit them all) alternate with shorter ones that lower the cost of what fits.
    fn repairing(&self) -> bool {
        let period = 50 + 20 * self.inst.jobs as u64;
        self.iteration % (period + period / 2) < period
    }

    /// Geometric cooling within a cycle, scaled by the mean arc cost of the best solution.
    fn temperature(&self) -> f64 {
        let arcs = self.inst.jobs + self.best.routes.iter().filter(|r| r.is_used()).count();
        let scale = self.best.cost().0.max(1) as f64 / arcs.max(1) as f64;
        let progress = (self.iteration % self.cycle) as f64 / self.cycle as f64;
        let (t0, t1) = (self.tuning.start_temperature, self.tuning.end_temperature);
        scale * t0 * (t1 / t0).powf(progress)
    }

    fn report(&self, clock: Instant, on_progress: &mut dyn FnMut(&Progress), with_best: bool) {
        let best = with_best.then(|| Arc::new(convert::export(self.inst, &self.best)));
        on_progress(&Progress {
            iteration: self.iteration,
            elapsed: clock.elapsed(),
            best_cost: self.best.cost(),
            best_missing: self.best.missing,
            best,
        });
    }

    fn finish(self, clock: Instant) -> SolveResult {
        let inst = self.inst;
        let mut solution = convert::export(inst, &self.best);
        for u in &mut solution.unassigned {
            u.reasons = reasons(inst, &self.best, u.job as u32);
        }
        let breakdown = cost(inst.problem, &solution);
        SolveResult {
            solution,
            cost: breakdown,
            iterations: self.iteration,
            elapsed: clock.elapsed(),
        }
    }
}

/// Solves with the default tuning and an iteration budget (for tests and small problems).
pub fn solve_iterations(problem: &Problem, seed: u64, iterations: u64) -> SolveResult {
    let config = SolverConfig {
        seed,
        stop: super::stop::StopRule::iterations(iterations),
        ..SolverConfig::default()
    };
    solve(problem, &config, &mut |_| {})
}
