//! Scenario to written plan, the steps `tournee plan` runs, usable from tests and benchmarks:
//! translate, optimise, make the plan, check it.

use super::build::{Instance, PlaceKind};
use super::calendar::Horizon;
use super::check::{Violation, check};
use super::model::{MapChoice, Scenario};
use super::plan::{Plan, PlanMeta, make_plan};
use super::roads::{Roads, RoadsError};
use super::solve::{Progress, SolveOptions, optimise};
use super::text::{Lang, Text};
use crate::tr;

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

/// Why no plan was made.
#[derive(Debug, thiserror::Error)]
pub enum PlanningError {
    #[error(transparent)]
    Roads(#[from] RoadsError),
    /// A permanence cannot be held (e.g. its site is too far from the base for its start time).
    #[error("{}", .0.en)]
    PermanenceNotHeld(Text),
}

impl PlanningError {
    /// True when the user can fix it (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            PlanningError::Roads(e) => e.is_bad_input(),
            PlanningError::PermanenceNotHeld(_) => true,
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        match self {
            PlanningError::Roads(e) => e.text().get(lang).to_string(),
            PlanningError::PermanenceNotHeld(t) => t.get(lang).to_string(),
        }
    }
}

/// Plans the weeks of a validated scenario.
pub fn plan_weeks(
    s: &Scenario,
    horizon: Horizon,
    roads: &Roads,
    opts: &SolveOptions,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<Planned, PlanningError> {
    let inst = Instance::new(s, horizon);
    let travel = roads.travel_named(&inst.points(), &place_names(&inst))?;
    let problem = inst.problem(&travel);
    let (solution, cost) = optimise(&problem, opts, on_progress);
    let meta = PlanMeta {
        seed: opts.seed,
        map: roads.name(),
        cost: cost.0,
    };
    let plan = make_plan(&inst, &problem, &solution, meta);
    if let Some(u) = plan.unplanned.iter().find(|u| u.kind == "permanence") {
        let fr: Vec<&str> = u.reasons.iter().map(|r| r.text.fr.as_str()).collect();
        let en: Vec<&str> = u.reasons.iter().map(|r| r.text.en.as_str()).collect();
        let (fr, en) = (fr.join(" ; "), en.join("; "));
        return Err(PlanningError::PermanenceNotHeld(tr!(
            "la permanence {} ({}) ne peut pas être tenue : {fr} — vérifiez son heure de début (trajet depuis la base, installation), les jours et blocs des intervenants",
            "permanence {} ({}) cannot be held: {en} — check its start time (drive from the base, set-up), the workers' days and blocks",
            u.id,
            u.commune
        )));
    }
    let violations = check(s, &plan, &|p| roads.travel(p));
    Ok(Planned { plan, violations })
}
