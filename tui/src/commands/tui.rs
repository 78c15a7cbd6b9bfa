//! `tournee tui [PLAN]`: the terminal UI on a plan file (default `plan.json` here; without one,
//! next week of the embedded example planned in memory). Every problem with the input is found
//! before the terminal is taken over, so it ends as one plain line (exit 2).

use super::plan::lang_of;
use crate::Lang;
use crate::exit::BadInput;
use ::tui::app::run::terminal_events;
use ::tui::app::{App, Event, Session, Store, journal, run as run_app};
use anyhow::Context;
use crossterm::event::KeyCode;
use planner::tr;
use planner::week::plan::Plan;
use planner::week::roads::Roads;
use planner::week::solve::SolveOptions;
use planner::week::text::Text;
use planner::week::{Horizon, MapBounds, pipeline, validate};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct TuiArgs {
    /// Plan file written by `tournee plan` (default: plan.json in the current folder; without
    /// one, next week of the embedded example is planned in memory).
    pub plan: Option<PathBuf>,
}

/// Set by the end-to-end tests only: F12 then panics, to check the terminal is restored.
const PANIC_TEST_ENV: &str = "TOURNEE_TEST_PANIC_KEY";

pub fn run(args: TuiArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut app = open(args, lang)?;
    // ratatui's panic hook restores the terminal, then calls ours (one line, exit 101).
    let mut terminal = ratatui::try_init().context("cannot use this terminal")?;
    let panic_key = std::env::var_os(PANIC_TEST_ENV).is_some();
    let events = terminal_events(Duration::from_millis(100)).inspect(move |e| {
        if panic_key && matches!(e, Event::Key(k) if k.code == KeyCode::F(12)) {
            panic!("panic asked for by {PANIC_TEST_ENV}");
        }
    });
    let result = run_app(&mut terminal, &mut app, events);
    ratatui::restore();
    result.context("terminal")?;
    Ok(ExitCode::SUCCESS)
}

/// The app on the plan asked for, with the journal of a crashed session offered back.
pub fn open(args: TuiArgs, lang: Lang) -> anyhow::Result<App> {
    let asked = args.plan.is_some();
    let path = args.plan.unwrap_or_else(|| PathBuf::from("plan.json"));
    let (plan, notice) = if path.exists() {
        (super::plan::open_plan(&path, lang)?.0, None)
    } else if asked {
        let p = path.display();
        return Err(BadInput(tr!(
            "{p}: ce plan n'existe pas ; faites-en un avec `tournee plan`",
            "{p}: no such plan file; make one with `tournee plan`"
        ))
        .into());
    } else {
        let (plan, notice) = plan_in_memory()?;
        (plan, Some(notice))
    };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let scenario = plan
        .scenario(MapBounds::cantal())
        .map_err(|e| BadInput(plan_text(&e)))?;
    let roads = Roads::open(&scenario.team.map, &dir).map_err(super::plan::roads_error)?;
    let session = Session::new(plan, roads).map_err(|e| {
        let (p, t) = (path.display(), plan_text(&e));
        BadInput(Text::new(
            format!("{p}: {}", t.fr),
            format!("{p}: {}", t.en),
        ))
    })?;
    let store = Store {
        path: path.clone(),
        from_file: notice.is_none(),
    };
    let mut app = App::new(session, store, lang_of(lang));
    if let Some(n) = notice {
        app.info(n);
    }
    let jpath = journal::path_for(&path);
    if let Ok(Some(found)) = journal::read(&jpath)
        && !found.steps.is_empty()
        && journal::newer_than(&jpath, &path)
    {
        app.offer_recovery(found);
    }
    Ok(app)
}

/// Next week of the embedded example, as `tournee plan` would make it.
fn plan_in_memory() -> anyhow::Result<(Plan, Text)> {
    let scenario = validate(
        pipeline::DEFAULT_SCENARIO,
        "scenario.toml (intégré / embedded)",
        MapBounds::cantal(),
    )
    .map_err(|d| BadInput::said(d.to_string()))?;
    let horizon = Horizon::next_week(Horizon::today(), 1);
    let roads =
        Roads::open(&scenario.team.map, Path::new(".")).map_err(super::plan::roads_error)?;
    let opts = SolveOptions::new(1, Duration::from_secs(1));
    let planned =
        pipeline::plan_weeks(&scenario, horizon, &roads, &opts, &mut |_| {}).map_err(|e| {
            BadInput(Text::new(
                e.text(planner::week::Lang::Fr),
                e.text(planner::week::Lang::En),
            ))
        })?;
    let week = planned.plan.weeks.join(", ");
    let notice = tr!(
        "pas de plan.json ici : semaine {week} de l'exemple intégré planifiée en mémoire (s pour l'enregistrer ici)",
        "no plan.json here: week {week} of the embedded example planned in memory (s to save it here)"
    );
    Ok((planned.plan, notice))
}

/// A plan's error in both languages.
fn plan_text(e: &planner::week::plan::PlanError) -> Text {
    use planner::week::Lang as L;
    Text::new(e.render(L::Fr), e.render(L::En))
}
