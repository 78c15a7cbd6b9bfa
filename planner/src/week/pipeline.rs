//! Scenario to written plan, the steps `tournee plan` runs, usable from tests and benchmarks:
//! translate, optimise, make the plan, check it.

use super::build::Instance;
use super::calendar::Horizon;
use super::check::{Violation, check};
use super::model::Scenario;
use super::plan::{Plan, PlanMeta, make_plan};
use super::roads::Roads;
use super::solve::{Progress, SolveOptions, optimise};

/// The embedded default scenario (the Mauriac team), so `tournee plan` works anywhere.
pub const DEFAULT_SCENARIO: &str = include_str!("../../../fixtures/mauriac/scenario.toml");

/// A plan and what the independent checker says of it.
pub struct Planned {
    pub plan: Plan,
    pub violations: Vec<Violation>,
}

/// Plans the weeks of a validated scenario.
pub fn plan_weeks(
    s: &Scenario,
    horizon: Horizon,
    roads: &Roads,
    opts: &SolveOptions,
    on_progress: &mut dyn FnMut(&Progress),
) -> Planned {
    let inst = Instance::new(s, horizon);
    let problem = inst.problem(&roads.travel(&inst.points()));
    let (solution, cost) = optimise(&problem, opts, on_progress);
    let plan = make_plan(
        &inst,
        &problem,
        &solution,
        PlanMeta {
            seed: opts.seed,
            map: roads.name(),
            cost: cost.0,
        },
    );
    let violations = check(s, &plan, &|p| roads.travel(p));
    Planned { plan, violations }
}
