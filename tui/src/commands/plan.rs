//! `tournee plan`: plan the week(s) of a scenario, write `plan.json` and its exports, print the
//! week; `tournee plan --check plan.json` checks a plan (possibly edited by hand) rule by rule.

use crate::Lang;
use crate::exit::{BadInput, bad_arg, unreadable};
use maps::atomic::{Backup, Privacy, write_atomic};
use planner::tr;
use planner::week::export::{self, Disclosure};
use planner::week::pipeline::{DEFAULT_SCENARIO, PlanningError, map_choice, plan_weeks};
use planner::week::plan::Plan;
use planner::week::roads::{Roads, RoadsError};
use planner::week::solve::SolveOptions;
use planner::week::{self as wk, Horizon, MapBounds, Scenario, check_horizon, report, validate};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    /// Scenario file (TOML); without one, the embedded example of the Mauriac team.
    pub scenario: Option<PathBuf>,
    /// First ISO week to plan, e.g. 2026-W49 (default: next week).
    #[arg(long)]
    pub week: Option<String>,
    /// Number of weeks.
    #[arg(long, default_value_t = 1)]
    pub weeks: u32,
    /// Folder for the files written (default: next to the scenario, or the current folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Seed of the optimiser: the same seed and inputs give the same plan.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Time allowed to optimise, in seconds.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub budget: f64,
    /// Put pseudonyms in full and addresses in the exports.
    #[arg(long)]
    pub with_addresses: bool,
    /// Exact positions in plan.geojson (rounded to about 500 m otherwise).
    #[arg(long)]
    pub precise: bool,
    /// Check this plan file instead of planning: ETAs and every rule broken.
    #[arg(long, value_name = "PLAN")]
    pub check: Option<PathBuf>,
}

pub fn lang_of(lang: Lang) -> wk::Lang {
    match lang {
        Lang::Fr => wk::Lang::Fr,
        Lang::En => wk::Lang::En,
    }
}

fn say<'a>(lang: Lang, fr: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::Fr { fr } else { en }
}

pub fn run(args: PlanArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.check {
        return check_file(path, lang);
    }
    check_args(&args)?;
    let (text, name, dir) = match &args.scenario {
        Some(p) => {
            let text = read_input(p)?;
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            (text, p.display().to_string(), dir)
        }
        None => (
            DEFAULT_SCENARIO.to_string(),
            "scenario.toml (intégré / embedded)".to_string(),
            PathBuf::from("."),
        ),
    };
    let horizon = match &args.week {
        Some(w) => Horizon::parse_week(w, args.weeks).map_err(|_| bad_week(w))?,
        None => Horizon::next_week(Horizon::today(), args.weeks),
    };
    let roads = open_roads(&map_choice(&text), &dir)?;
    let scenario = load(&text, &name, &horizon, roads.bounds(), lang)?;
    let opts = SolveOptions::new(args.seed, std::time::Duration::from_secs_f64(args.budget));
    let bar = progress_bar();
    let planned = plan_weeks(&scenario, horizon, &roads, &opts, &mut |p| {
        if let Some(b) = &bar {
            b.set_position((p.fraction * 100.0) as u64);
        }
    })
    .map_err(|e| planning_error(e, lang))?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !planned.violations.is_empty() {
        let lines: Vec<String> = planned
            .violations
            .iter()
            .map(|v| v.render(lang_of(lang)))
            .collect();
        anyhow::bail!(
            "internal: the plan breaks rules, please report it: {}",
            lines.join("; ")
        );
    }
    let out = args.out.clone().unwrap_or_else(|| {
        if args.scenario.is_some() {
            dir.clone()
        } else {
            PathBuf::from(".")
        }
    });
    let disclosure = Disclosure {
        with_addresses: args.with_addresses,
        precise: args.precise,
    };
    let written = write_files(&planned.plan, &scenario, &roads, &out, disclosure)?;
    print!(
        "{}",
        report::render(&planned.plan, &scenario, lang_of(lang))
    );
    println!(
        "{} {} : {}",
        say(lang, "Fichiers écrits dans", "Files written in"),
        out.display(),
        written.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

/// `--week` that names no ISO week (A001).
pub fn bad_week(w: &str) -> anyhow::Error {
    bad_arg(
        "A001",
        "--week",
        tr!(
            "« {w} » n'est pas une semaine ISO",
            "{w:?} is not an ISO week"
        ),
        tr!(
            "donnez une semaine ISO qui existe, par exemple 2026-W49 (semaines 1 à 52, ou 53 certaines années)",
            "give an existing ISO week such as 2026-W49 (weeks 1 to 52, or 53 in some years)"
        ),
    )
}

/// Longest optimisation a user may ask for, in seconds.
const MAX_BUDGET_S: f64 = 3600.0;

/// The options checked before any work.
fn check_args(args: &PlanArgs) -> anyhow::Result<()> {
    let max = planner::week::plan::MAX_WEEKS as u32;
    if args.weeks == 0 || args.weeks > max {
        return Err(bad_arg(
            "A002",
            "--weeks",
            tr!("{} semaine(s)", "{} week(s)", args.weeks),
            tr!("planifiez de 1 à {max} semaines", "plan 1 to {max} weeks"),
        ));
    }
    if !(args.budget.is_finite() && args.budget > 0.0 && args.budget <= MAX_BUDGET_S) {
        return Err(bad_arg(
            "A003",
            "--budget",
            tr!("{} s", "{} s", args.budget),
            tr!(
                "donnez des secondes, plus de 0 et au plus {MAX_BUDGET_S}",
                "give seconds, more than 0 and at most {MAX_BUDGET_S}"
            ),
        ));
    }
    if let Some(out) = &args.out {
        check_out_dir(out)?;
    }
    Ok(())
}

/// `--out` must be a folder, or a path where one can be created.
pub fn check_out_dir(out: &Path) -> anyhow::Result<()> {
    if out.exists() && !out.is_dir() {
        return Err(bad_arg(
            "A004",
            "--out",
            tr!(
                "{} est un fichier, pas un dossier",
                "{} is a file, not a folder",
                out.display()
            ),
            tr!(
                "donnez un dossier (il est créé s'il manque)",
                "give a folder (it is created if missing)"
            ),
        ));
    }
    Ok(())
}

/// An input file's text; a missing or unreadable file is bad input (A005).
pub fn read_input(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        bad_arg(
            "A005",
            &path.display().to_string(),
            tr!(
                "pas du texte UTF-8 (octet {})",
                "not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ),
            tr!(
                "enregistrez le fichier en texte UTF-8",
                "save the file as UTF-8 text"
            ),
        )
    })
}

fn planning_error(e: PlanningError, lang: Lang) -> anyhow::Error {
    if e.is_bad_input() {
        BadInput::said(e.text(lang_of(lang))).into()
    } else {
        anyhow::Error::new(e)
    }
}

pub fn roads_error(e: RoadsError) -> anyhow::Error {
    match e {
        RoadsError::Map(m) => crate::exit::map_error(m),
    }
}

fn open_roads(choice: &wk::model::MapChoice, dir: &Path) -> anyhow::Result<Roads> {
    Roads::open(choice, dir).map_err(roads_error)
}

/// Validates the scenario and its fit with the weeks; all problems in one error (exit 2).
fn load(
    text: &str,
    name: &str,
    horizon: &Horizon,
    bounds: MapBounds,
    lang: Lang,
) -> anyhow::Result<Scenario> {
    let scenario =
        validate(text, name, bounds).map_err(|d| BadInput::said(d.render(lang_of(lang))))?;
    let problems = check_horizon(&scenario, horizon);
    if !problems.is_empty() {
        let d = wk::Diagnostics(problems);
        return Err(BadInput::said(d.render(lang_of(lang))).into());
    }
    Ok(scenario)
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(100);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} optimisation {bar:30} {percent} %")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// plan.json (with its .bak), plan.geojson, plan.csv, one .ics per worker — all 0600.
fn write_files(
    plan: &Plan,
    s: &Scenario,
    roads: &Roads,
    out: &Path,
    d: Disclosure,
) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(out).map_err(|e| {
        bad_arg(
            "A004",
            "--out",
            tr!(
                "impossible de créer le dossier {} ({e})",
                "cannot create the folder {} ({e})",
                out.display()
            ),
            tr!(
                "donnez un dossier où vous pouvez écrire",
                "give a folder you may write to"
            ),
        )
    })?;
    let mut files = vec![
        ("plan.json".to_string(), plan.to_json(), Backup::Keep),
        (
            "plan.geojson".to_string(),
            export::geojson::render(plan, s, d, &|a, b| roads.path(a, b)),
            Backup::None,
        ),
        (
            "plan.csv".to_string(),
            export::csv::render(plan, s, d),
            Backup::None,
        ),
    ];
    for w in &s.workers {
        files.push((
            format!("{}.ics", file_safe(&w.id)),
            export::ics::render(plan, s, &w.id, d),
            Backup::None,
        ));
    }
    for (name, body, backup) in &files {
        let path = out.join(name);
        write_atomic(&path, body.as_bytes(), Privacy::Private, *backup)
            .map_err(|e| crate::exit::write_error(&path, &e))?;
    }
    Ok(files.into_iter().map(|f| f.0).collect())
}

/// `--check`: prints the plan with its times, then every rule broken; exit 1 if any.
fn check_file(path: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    let (plan, scenario) = open_plan(path, lang)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let roads = Roads::open(&scenario.team.map, &dir).map_err(roads_error)?;
    let violations = wk::check::check(&scenario, &plan, &|p| roads.travel(p));
    print!("{}", report::render(&plan, &scenario, lang_of(lang)));
    if violations.is_empty() {
        println!(
            "{}",
            say(
                lang,
                "Plan conforme : aucune règle enfreinte.",
                "Plan sound: no rule broken."
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} ({}) :",
        say(lang, "Règles enfreintes", "Rules broken"),
        violations.len()
    );
    for v in &violations {
        println!("  {}", v.render(lang_of(lang)));
    }
    Ok(ExitCode::from(1))
}

/// Reads a plan file and checks it against its scenario: bad input (exit 2) unless the file
/// cannot be read at all.
pub fn open_plan(path: &Path, lang: Lang) -> anyhow::Result<(Plan, Scenario)> {
    use planner::week::plan::PlanError;
    Plan::open(path, MapBounds::cantal()).map_err(|e| match e {
        PlanError::Io { ref source, .. } if source.kind() != std::io::ErrorKind::NotFound => {
            anyhow::Error::new(e)
        }
        other => BadInput::said(other.render(lang_of(lang))).into(),
    })
}

/// A worker id as a file name: letters, digits, `-` and `_` kept, anything else `_`.
pub fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
