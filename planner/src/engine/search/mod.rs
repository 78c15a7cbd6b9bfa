//! The search: build (or load) a solution, then ruin and recreate with string removals
//! (SISR), polish with the local search, and accept by simulated annealing; while required
//! jobs are left out, prefer fewer of them, then the ones missing less often (absence
//! counters, as in SISR's fleet minimisation), alternate with the ejection pool
//! ([`super::fleet`]), and start afresh when that stalls ([`restart`]).

use super::config::{Progress, SolveResult, SolverConfig, Tuning};
use super::convert;
use super::cost::cost;
use super::fleet::Fleet;
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

mod accept;
mod cycle;
mod repair;
mod restart;

use cycle::Schedule;
use restart::construct;

/// Share of iterations that empty a whole route and place its jobs elsewhere.
const ROUTE_REMOVAL: f64 = 0.05;
/// Progress is reported at least this often (iterations) even without improvement.
const HEARTBEAT: u64 = 1_000;

/// Ejection-pool steps without fewer missing jobs before ruin and recreate takes over for a
/// while.
fn ejection_phase(inst: &Instance, tuning: &Tuning) -> u64 {
    100 + tuning.fleet_phase * inst.jobs as u64
}

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

pub(crate) struct Search<'a> {
    inst: &'a Instance<'a>,
    tuning: Tuning,
    rng: Rng,
    current: State,
    candidate: State,
    best: State,
    absences: Vec<u32>,
    ls: LocalSearch,
    fleet: Fleet,
    /// The ejection pool that repairs candidates once every required job fits.
    repair_pool: Fleet,
    /// Ejection-pool steps left in this phase, and ruin-and-recreate iterations before the
    /// ejection pool resumes (while required jobs are missing).
    ejection_left: u64,
    recreate_left: u64,
    iteration: u64,
    since_improvement: u64,
    /// The current cooling cycle: first iteration and length.
    cycle_start: u64,
    cycle: u64,
    /// The cycles once every required job fits, and whether the best solution still leaves
    /// required jobs out (then the first complete one starts a new cycle).
    distance_cycle: Schedule,
    was_missing: bool,
    /// How the cycles follow one another now.
    schedule: Schedule,
    /// Whether the candidate equals the current solution (between iterations).
    in_sync: bool,
    stats: [u64; 4],
    /// Whether candidates that leave required jobs out are repaired (large problems where
    /// every job is required), and how many repairs were tried and made the candidate whole.
    repairs: bool,
    repaired: (u64, u64),
    /// Prices of a unit of lateness and overload (when priced), and the feasible candidates
    /// in the current adaptation window.
    price: (f64, f64),
    window: u32,
    feasible_seen: u32,
    /// Routes where the current solution differs from the best (all of them if the flag).
    diverged: Vec<usize>,
    diverged_flag: Vec<bool>,
    diverged_all: bool,
    /// The best solution of the tries before this one, when better than this try's.
    record: Option<State>,
    /// Ejection-pool phases in a row without fewer missing jobs before starting afresh
    /// (0: never), how many so far, and the missing jobs when the phase began.
    restarts: u32,
    stalled: u32,
    phase_missing: usize,
    /// Constructions started so far (the first included).
    tries: u32,
}

impl<'a> Search<'a> {
    pub(crate) fn new(inst: &'a Instance<'a>, config: &SolverConfig) -> Search<'a> {
        let mut rng = Rng::new(config.seed);
        let mut ls = LocalSearch::new(inst);
        let start = match &config.initial {
            Some(solution) => convert::import(inst, solution),
            None => State::empty(inst),
        };
        let start = construct(inst, start, &mut rng, &mut ls, &config.tuning);
        let limit = config.stop.iteration_limit();
        let (fleet_cycle, distance_cycle) = Schedule::for_search(inst.jobs, limit, &config.tuning);
        let was_missing = start.missing > 0;
        let schedule = if was_missing {
            fleet_cycle
        } else {
            distance_cycle
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
            fleet: Fleet::new(inst, &config.tuning),
            repair_pool: repair::pool(inst, &config.tuning),
            ejection_left: ejection_phase(inst, &config.tuning),
            recreate_left: 0,
            iteration: 0,
            since_improvement: 0,
            cycle_start: 0,
            cycle: schedule.first,
            distance_cycle,
            was_missing,
            schedule,
            in_sync: true,
            stats: [0; 4],
            repairs: inst.jobs >= config.tuning.repair_from && !inst.has_optional,
            repaired: (0, 0),
            price: (1.0, 1.0),
            window: 0,
            feasible_seen: 0,
            diverged: Vec::new(),
            diverged_flag: vec![false; inst.vehicles],
            diverged_all: false,
            record: None,
            // A plan to rebalance must not be thrown away, nor the placement of optional
            // jobs, which is the whole objective of a week's plan.
            restarts: if config.initial.is_some() || inst.has_optional {
                0
            } else {
                config.tuning.restart_phases
            },
            stalled: 0,
            phase_missing: usize::MAX,
            tries: 1,
        }
    }

    /// Constructions started so far, the first included.
    #[cfg(test)]
    pub(crate) fn tries(&self) -> u32 {
        self.tries
    }

    /// Repairs tried, and those that made the candidate whole.
    #[cfg(test)]
    pub(crate) fn repaired(&self) -> (u64, u64) {
        self.repaired
    }

    /// The solution the walk is at.
    #[cfg(test)]
    pub(crate) fn current_state(&self) -> &State {
        &self.current
    }

    /// Length of the current cooling cycle.
    #[cfg(test)]
    pub(crate) fn cycle(&self) -> u64 {
        self.cycle
    }

    pub(crate) fn best_state(&self) -> &State {
        match &self.record {
            Some(record) if record.score() < self.best.score() => record,
            _ => &self.best,
        }
    }

    /// One iteration; true when the best solution improved. After a restart, the new try's
    /// progress counts only once it beats the earlier tries, so that a stop on no
    /// improvement still means what it says.
    pub(crate) fn step(&mut self) -> bool {
        let since = self.since_improvement;
        let improved = self.advance();
        let leads = (self.record.as_ref()).is_none_or(|r| self.best.score() < r.score());
        if improved && !leads {
            self.since_improvement = since + 1;
            return false;
        }
        improved
    }

    fn advance(&mut self) -> bool {
        self.iteration += 1;
        if self.best.missing == 0 {
            if std::mem::take(&mut self.was_missing) {
                // The first complete solution: cool down afresh for the distance, instead of
                // wherever the cycle run during route minimisation has got to.
                self.cycle_start = self.iteration;
                self.cycle = self.distance_cycle.first_from(self.iteration);
                self.schedule = self.distance_cycle;
            }
            self.adapt_penalty();
            return self.ruin_and_recreate();
        }
        if self.ejection_left > 0 {
            self.ejection_left -= 1;
            if self.ejection_left == 0 {
                self.recreate_left = ejection_phase(self.inst, &self.tuning) / 2;
                self.restart_from_best();
            }
            return self.fleet_step();
        }
        if self.recreate_left > 0 {
            self.recreate_left -= 1;
        } else {
            if self.stalled_too_long() {
                self.start_afresh();
            }
            self.ejection_left = ejection_phase(self.inst, &self.tuning);
            self.restart_from_best();
        }
        self.ruin_and_recreate()
    }

    /// An ejection-pool step on the current solution (required jobs left out).
    fn fleet_step(&mut self) -> bool {
        if self.in_sync {
            // The current solution changed outside the ejection pool since its last step.
            self.fleet.invalidate();
        }
        let active = self
            .fleet
            .step(self.inst, &mut self.current, &mut self.rng, &mut self.ls);
        self.in_sync = false;
        self.diverged_all = true;
        if !active {
            self.ejection_left = 0;
        }
        if self.current.score() < self.best.score() {
            if self.current.missing < self.best.missing {
                self.ejection_left = self
                    .ejection_left
                    .max(ejection_phase(self.inst, &self.tuning));
            }
            self.sync_best();
            self.since_improvement = 0;
            return true;
        }
        self.since_improvement += 1;
        false
    }

    /// One ruin-and-recreate iteration; true when the best solution improved.
    fn ruin_and_recreate(&mut self) -> bool {
        let inst = self.inst;
        if self.iteration >= self.cycle_start + self.cycle {
            self.cycle_start = self.iteration;
            self.cycle = self.schedule.next(self.cycle);
            self.restart_from_best();
        }
        if !self.in_sync {
            self.candidate.clone_from(&self.current);
            self.in_sync = true;
        }
        self.candidate.clear_changed();
        self.candidate.touched.clear();
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
            absences: (self.current.missing > 0 || self.tuning.record_band < 0.0)
                .then_some(&self.absences[..]),
            force: inst.has_optional && self.rng.chance(0.1),
            closed,
            regret: self.rng.chance(self.tuning.regret_share),
            chain: if self.best.missing == 0 {
                self.tuning.ejection_chain
            } else {
                0
            },
        };
        reinsert(inst, &mut self.candidate, &mut self.rng, &removed, how);
        if self.best.missing == 0 && self.candidate.missing > 0 && self.repairs {
            self.repair_candidate();
        }
        if inst.has_breaks {
            for r in self.candidate.changed.clone() {
                place_lunch(inst, &mut self.candidate, r);
            }
        }
        if self.tuning.local_search && self.worth_polishing() {
            let seeds = std::mem::take(&mut self.candidate.touched);
            self.ls
                .run(inst, &mut self.candidate, &mut self.rng, seeds.into_iter());
        }
        for &j in &self.candidate.unassigned {
            if inst.problem.jobs[j as usize].requirement == Requirement::Required {
                self.absences[j as usize] += 1;
            }
        }
        self.settle()
    }

    /// Whether the candidate is close enough to the best solution for the local search to
    /// be worth its time.
    fn worth_polishing(&self) -> bool {
        // Both sides count their missing jobs alike: while the best leaves some out too,
        // comparing a candidate's penalty with a best without one would never polish.
        let penalty = self.missing_penalty();
        let best = self.best.cost().0 as f64 + penalty * self.best.missing as f64;
        let cand = self.candidate.penalised().0 as f64 + penalty * self.candidate.missing as f64;
        cand <= best * (1.0 + self.tuning.polish_gap)
    }

    /// Keeps or undoes the candidate; true when it is the new best.
    fn settle(&mut self) -> bool {
        let changed = std::mem::take(&mut self.candidate.changed);
        self.stats[0] += 1;
        self.stats[1] += u64::from(self.candidate.missing > 0);
        let feasible = self.candidate.is_feasible();
        self.feasible_seen += u32::from(feasible);
        let improved = feasible && self.candidate.score() < self.best.score();
        if improved || self.accept() {
            self.stats[2] += 1;
            self.stats[3] += u64::from(self.candidate.missing > 0);
            self.current.sync_from(&self.candidate, &changed);
            self.mark_diverged(&changed);
        } else {
            self.candidate.sync_from(&self.current, &changed);
        }
        self.candidate.changed = changed;
        if improved {
            self.sync_best();
            self.since_improvement = 0;
        } else {
            self.since_improvement += 1;
        }
        improved
    }

    fn mark_diverged(&mut self, routes: &[usize]) {
        for &r in routes {
            if !self.diverged_flag[r] {
                self.diverged_flag[r] = true;
                self.diverged.push(r);
            }
        }
    }

    /// Copies the current solution into the best one.
    fn sync_best(&mut self) {
        if self.diverged_all {
            self.best.clone_from(&self.current);
        } else {
            self.best.sync_from(&self.current, &self.diverged);
        }
        self.clear_diverged();
    }

    fn clear_diverged(&mut self) {
        for &r in &self.diverged {
            self.diverged_flag[r] = false;
        }
        self.diverged.clear();
        self.diverged_all = false;
    }

    /// Continues from the best solution.
    fn restart_from_best(&mut self) {
        if self.diverged_all || !self.in_sync {
            self.current.clone_from(&self.best);
            self.candidate.clone_from(&self.best);
            self.in_sync = true;
        } else {
            self.current.sync_from(&self.best, &self.diverged);
            self.candidate.sync_from(&self.best, &self.diverged);
        }
        self.clear_diverged();
    }

    fn report(&self, clock: Instant, on_progress: &mut dyn FnMut(&Progress), with_best: bool) {
        let leader = self.best_state();
        let best = with_best.then(|| Arc::new(convert::export(self.inst, leader)));
        on_progress(&Progress {
            iteration: self.iteration,
            elapsed: clock.elapsed(),
            best_cost: leader.cost(),
            best_missing: leader.missing,
            best,
        });
    }

    fn finish(self, clock: Instant) -> SolveResult {
        if std::env::var("TOURNEE_DEBUG").is_ok() {
            eprintln!(
                "stats {:?} tries {} repaired {:?}",
                self.stats, self.tries, self.repaired
            );
        }
        let inst = self.inst;
        let best = self.best_state();
        let mut solution = convert::export(inst, best);
        for u in &mut solution.unassigned {
            u.reasons = reasons(inst, best, u.job as u32);
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
