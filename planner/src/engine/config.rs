//! What the caller gives the solver and gets back.

use super::cost::CostBreakdown;
use super::problem::Solution;
use super::stop::StopRule;
use crate::units::Cost;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct SolverConfig {
    pub seed: u64,
    pub stop: StopRule,
    /// A plan to start from (rebalancing): its jobs stay where they are unless moving them
    /// improves the objective. Jobs that break a rule there are re-placed.
    pub initial: Option<Solution>,
    pub tuning: Tuning,
}

impl Default for SolverConfig {
    fn default() -> SolverConfig {
        SolverConfig {
            seed: 0,
            stop: StopRule::iterations(20_000),
            initial: None,
            tuning: Tuning::default(),
        }
    }
}

/// Search parameters; the defaults are tuned on the Solomon instances.
#[derive(Clone, Debug)]
pub struct Tuning {
    /// Closest jobs considered by the local search around each job.
    pub granularity: usize,
    /// Average number of jobs removed per iteration.
    pub ruin_average: f64,
    /// Longest string of jobs removed from one route.
    pub ruin_max_string: usize,
    /// Probability of skipping a position while reinserting.
    pub blink_rate: f64,
    /// Simulated annealing temperatures, as fractions of the mean cost of an arc.
    pub start_temperature: f64,
    pub end_temperature: f64,
    /// Iterations of the first cooling cycle (each cycle restarts from the best solution);
    /// 0 means the iteration limit of the stop rule if any (one cycle), else the defaults
    /// of `search::cycle`: while required jobs are left out, cycles that start short and
    /// double; once they all fit, 60 per job, equal up to 100 jobs and doubling up to a
    /// ceiling beyond.
    pub cycle_iterations: u64,
    /// Each cycle lasts this many times the previous one, when `cycle_iterations` is given.
    pub cycle_growth: f64,
    /// Run the local search after a reinsertion...
    pub local_search: bool,
    /// ...when the result is within this fraction of the best cost.
    pub polish_gap: f64,
    /// Once every required job has been placed, the search may leave one out for this many
    /// mean arc costs (0 forbids it).
    pub missing_penalty: f64,
    /// Once every required job has been placed, lateness and overload are priced instead of
    /// forbidden, the prices adapting so that about this share of candidates is feasible
    /// (0 keeps them forbidden).
    pub feasible_share: f64,
    /// On problems of at least this many jobs, once every required job has been placed,
    /// repair the candidates a reinsertion leaves incomplete before judging them
    /// (`repair_steps`; `usize::MAX`: never). With tight fleets of 200 and 400 customers the
    /// walk otherwise drifts among solutions that leave one out: on Gehring & Homberger's
    /// RC1_4_1 (36 vehicles), 99.9 % of candidates did, and the best did not improve from
    /// 0.5 s to 6 s. On Solomon's 100 it costs more iterations than it saves (R110, R112,
    /// R211, RC202, RC101, RC105, R109, RC106 × seeds 1–4 at 5 s: 1.54 % against 1.03 %), so
    /// smaller problems go without. Problems with optional jobs go without too: on generated
    /// four-week plans (about 400 visits) it made 5 of 6 plans worse.
    pub repair_from: usize,
    /// Ejection-pool steps ([`super::fleet`]) a repair may take: the left-out job goes in,
    /// pushing out lighter ones if it must, which go back in at the next step. Two put more
    /// candidates back whole than the squeeze alone did, at a cost the search recovers: on
    /// 26 Gehring & Homberger instances of 200 and 400 customers with their best-known
    /// fleets (`fixtures/benchmarks/homberger/`), mean gap 5.0 % against 6.8 % with the
    /// squeeze at 1 s and 2.4 % against 3.3 % at 5 s (seeds 1–4); 1 and 5 steps did less
    /// (5.7 and 5.4 % at 1 s, seeds 1–2, against 5.0 %). See benches/README.md.
    pub repair_steps: usize,
    /// Once every required job has been placed, a job that fits nowhere during a
    /// reinsertion may push out another, up to this many in a chain (0: never).
    pub ejection_chain: usize,
    /// Share of reinsertions done by regret instead of in a chosen order (packs tight
    /// fleets better, costs more).
    pub regret_share: f64,
    /// Accept by record-to-record travel instead of annealing: any candidate within this
    /// fraction above the best (0: annealing).
    pub record_band: f64,
    /// Ejection-pool steps without fewer missing jobs before ruin and recreate takes over for
    /// a while, per job (plus 100); ruin and recreate then runs half as long.
    pub fleet_phase: u64,
    /// Random moves that shake the routes after each ejection of the pool.
    pub shake_moves: usize,
    /// Largest number of jobs the pool pushes out to fit one.
    pub max_ejected: usize,
    /// Search nodes per route allowed for finding the jobs to push out. Only routes of some
    /// 30 jobs or more reach it: on Solomon's R2, RC2 and C2 (routes of 25 to 50), 80 000
    /// instead of 20 000 fitted the fleet in all 81 runs at 1 s (seeds 1–3) against 79, for
    /// a mean gap 0.07 % higher at 5 s (seeds 1–5); routes of about 10 never reach it.
    pub ejection_budget: usize,
    /// Closest jobs the squeeze's repair examines around each job, at least as many as jobs
    /// per vehicle: the squeeze is most of an ejection-pool step, and a narrower one lets the
    /// pool try more often.
    pub squeeze_granularity: usize,
    /// Ejection-pool phases in a row that leave as many required jobs out before the search
    /// starts again from a new construction (0: never). Fitting a tight fleet either happens
    /// early or the walk is trapped; several short tries beat one long one. A search that
    /// starts from a given plan, or with optional jobs, never starts again: it would throw
    /// away the plan, or what it has gained on the optional jobs.
    pub restart_phases: u32,
    /// When a squeeze leaves routes late, the ejection pool may push one job out of each late
    /// route instead, if those jobs failed less often than the ones the insertion-ejection
    /// would push out (plain routing problems only; [`super::late_drop`]). On Solomon's 56
    /// (seeds 1–3) the mean gap at 5 s went from 0.43 to 0.38 %, at 1 s from 1.02 to 1.14 %.
    pub late_drops: bool,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            granularity: 40,
            ruin_average: 10.0,
            ruin_max_string: 10,
            blink_rate: 0.01,
            start_temperature: 5.0,
            end_temperature: 0.1,
            cycle_iterations: 0,
            cycle_growth: 1.0,
            local_search: true,
            polish_gap: 0.02,
            missing_penalty: 10.0,
            feasible_share: 0.0,
            record_band: 0.0,
            repair_from: 150,
            repair_steps: 2,
            ejection_chain: 0,
            regret_share: 0.0,
            fleet_phase: 10,
            shake_moves: 30,
            max_ejected: 3,
            ejection_budget: 80_000,
            squeeze_granularity: 20,
            restart_phases: 4,
            late_drops: true,
        }
    }
}

/// Reported to the caller during the search.
#[derive(Clone, Debug)]
pub struct Progress {
    pub iteration: u64,
    pub elapsed: std::time::Duration,
    pub best_cost: Cost,
    /// Required jobs the best solution leaves out.
    pub best_missing: usize,
    /// The best solution, when it just improved (reasons of unassigned jobs left empty).
    pub best: Option<Arc<Solution>>,
}

#[derive(Clone, Debug)]
pub struct SolveResult {
    pub solution: Solution,
    pub cost: CostBreakdown,
    pub iterations: u64,
    pub elapsed: std::time::Duration,
}
