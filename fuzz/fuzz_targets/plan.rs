//! Any bytes as a `plan.json`: `Plan::from_json` refuses what it cannot read; a plan it reads
//! goes through what `tournee plan --check` and `tournee tui` do with it (the scenario inside
//! validated again, the plan checked against it, every stop matched to a request, each day
//! re-timed, the week checker, the report and the exports), none of which may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planner::week::build::Instance;
use planner::week::export::{self, Disclosure};
use planner::week::plan::{Plan, retime_day, solution_of, verify};
use planner::week::roads::Roads;
use planner::week::{Lang, check, model::MapChoice, report};
use std::sync::OnceLock;

fn roads() -> &'static Roads {
    static ROADS: OnceLock<Roads> = OnceLock::new();
    ROADS.get_or_init(|| {
        Roads::open(&MapChoice::Embedded, std::path::Path::new(".")).expect("embedded map")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut plan) = Plan::from_json(text, "plan.json") else {
        return;
    };
    let roads = roads();
    let Ok(scenario) = plan.scenario(roads.bounds()) else {
        return;
    };
    // What `Plan::open` does for every command: a plan that names unknown days, workers or
    // people stops there.
    if !verify(&plan, &scenario, text, "plan.json").0.is_empty() {
        return;
    }
    let travel = |p: &[maps::LatLon]| roads.travel(p);
    let _ = check::check(&scenario, &plan, &travel);
    let _ = report::render(&plan, &scenario, Lang::Fr);
    let d = Disclosure::default();
    let _ = export::csv::render(&plan, &scenario, d);
    let _ = export::geojson::render(&plan, &scenario, d, &|a, b| roads.path(a, b));
    for w in &scenario.workers {
        let _ = export::ics::render(&plan, &scenario, &w.id, d);
    }
    let inst = Instance::new(&scenario, plan.horizon());
    if solution_of(&plan, &inst).is_err() {
        return;
    }
    let points = inst.points();
    let problem = inst.problem(&roads.travel(&points));
    for i in 0..plan.days.len() {
        let _ = retime_day(&mut plan, &inst, &problem, i);
    }
    let _ = check::check(&scenario, &plan, &travel);
});
