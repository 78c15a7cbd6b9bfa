//! The weekly plan of an itinerant day-centre team: the scenario file, its validation, the
//! calendar and territory, the translation into the optimiser's [`crate::engine::Problem`],
//! the plan written by `tournee plan`, an independent checker, reports and exports.
//!
//! Planning: [`validate()`] (+ [`check_horizon`]) → [`roads::Roads::open`] →
//! [`pipeline::plan_weeks`] (which runs [`build::Instance`], [`solve::optimise`],
//! [`plan::make_plan`] and [`check::check`]).
//!
//! Working on a plan (rebalancing, the terminal UI): [`plan::Plan::load`] →
//! [`plan::Plan::scenario`] (the scenario embedded in the plan, validated again) and
//! [`plan::Plan::horizon`] → `Roads::open(&pipeline::map_choice(&plan.scenario), dir)` →
//! `Instance::new(&scenario, horizon)` and `instance.problem(&roads.travel(&instance.points()))`
//! → [`plan::solution_of`] (the engine's view of the plan: a start for `engine::solve` with the
//! `locked` stops pinned by [`plan::pin_locked`]) · after a manual move, [`plan::retime_day`] then [`plan::refresh`] ·
//! [`check::check`] for every rule broken · [`report::render`] to show it.

pub mod build;
pub mod calendar;
pub mod check;
pub mod diag;
pub mod edit;
pub mod export;
pub mod generate;
pub mod greedy;
pub mod improve;
pub mod map_text;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod purge;
pub mod referral;
pub mod reoptimise;
pub mod report;
pub mod roads;
pub mod scenario;
pub mod solve;
pub mod terms;
pub mod territory;
pub mod text;
pub mod timing;
pub mod travel;
pub mod validate;

pub use calendar::Horizon;
pub use diag::{Diagnostic, Diagnostics};
pub use model::Scenario;
pub use text::{Lang, Text};
pub use validate::{MapBounds, check_horizon, validate};

#[cfg(test)]
mod optimal_tests;
#[cfg(test)]
pub(crate) mod tests;
