//! Scenario to written plan, the steps `tournee plan` runs, usable from tests and benchmarks:
//! translate, optimise, make the plan, check it.

use super::build::{Instance, PlaceKind};
use super::calendar::Horizon;
use super::check::{Violation, check};
use super::model::{MapChoice, Scenario};
use super::plan::{Plan, PlanMeta, make_plan};
use super::roads::{Roads, RoadsError};
use super::solve::{Progress, SolveOptions, optimise};

/// The embedded default scenario (the Mauriac team), so `tournee plan` works anywhere.
pub const DEFAULT_SCENARIO: &str = include_str!("../../../fixtures/mauriac/scenario.toml");

/// A plan and what the independent checker says of it.
pub struct Planned {
    pub plan: Plan,
    pub violations: Vec<Violation>,
}

/// The map a scenario text asks for, read before validation (validation needs the map's area).
pub fn map_choice(text: &str) -> MapChoice {
    let table: Option<toml::Table> = toml::from_str(text).ok();
    let map = table
        .as_ref()
        .and_then(|t| t.get("team")?.get("map")?.as_str().map(str::to_string));
    match map.as_deref() {
        None | Some("embedded") | Some("intégrée") | Some("") => MapChoice::Embedded,
        Some(p) => MapChoice::File(p.to_string()),
    }
}

/// Names of the instance's places for map errors (pseudonym codes and ids only).
fn place_names(inst: &Instance<'_>) -> Vec<String> {
    let s = inst.scenario;
    inst.places
        .iter()
        .map(|p| match p.kind {
            PlaceKind::Base => "base".to_string(),
            PlaceKind::Permanence(i) => s.permanences[i].id.clone(),
            PlaceKind::Person(i) => s.people[i].id.clone(),
            PlaceKind::Destination(i) => format!("{} (rendez-vous)", s.escorts[i].id),
        })
        .collect()
}

/// Plans the weeks of a validated scenario.
pub fn plan_weeks(
    s: &Scenario,
    horizon: Horizon,
    roads: &Roads,
    opts: &SolveOptions,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<Planned, RoadsError> {
    let inst = Instance::new(s, horizon);
    let travel = roads.travel_named(&inst.points(), &place_names(&inst))?;
    let problem = inst.problem(&travel);
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
    Ok(Planned { plan, violations })
}
