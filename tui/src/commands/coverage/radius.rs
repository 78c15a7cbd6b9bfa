//! `tournee coverage --radius-study`: the week planned for each territory radius around the
//! base, with the team's hours and with the caps lifted; a table, `radius-study.csv` and
//! `radius-study.svg`.

use super::CoverageArgs;
use super::scenario::Map;
use crate::Lang;
use crate::commands::plan::lang_of;
use crate::exit::BadInput;
use maps::atomic::{Backup, Privacy, write_atomic};
use planner::coverage::chart::wrap;
use planner::coverage::radius::km_label;
use planner::coverage::radius_study::{self, RadiusStudy, StudyRange};
use planner::coverage::{self as cov, decimal};
use planner::tr;
use planner::week::solve::SolveOptions;
use planner::week::text::duration_text;
use planner::week::{Diagnostics, Horizon, Scenario, check_horizon};
use std::fmt::Write;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Time allowed to each weekly plan by default: a ceiling the fixed amount of work stays well
/// under, so the same seed gives the same study.
pub const DEFAULT_BUDGET_S: f64 = 10.0;

/// The week studied: `--week`, or next week.
fn horizon(args: &CoverageArgs, s: &Scenario, lang: Lang) -> anyhow::Result<Horizon> {
    let h = match &args.week {
        Some(w) => Horizon::parse_week(w, 1).map_err(|_| super::super::plan::bad_week(w))?,
        None => Horizon::next_week(Horizon::today(), 1),
    };
    let problems = check_horizon(s, &h);
    if !problems.is_empty() {
        return Err(BadInput::said(Diagnostics(problems).render(lang_of(lang))).into());
    }
    Ok(h)
}

pub fn run(
    args: &CoverageArgs,
    scenario: &Scenario,
    map: &Map,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let range = StudyRange::parse(
        args.from.as_deref(),
        args.to.as_deref(),
        args.step.as_deref(),
    )
    .map_err(super::bad)?;
    let budget = args.budget.unwrap_or(DEFAULT_BUDGET_S);
    if !(budget.is_finite() && budget > 0.0) {
        return Err(BadInput(tr!(
            "--budget {budget} invalide : donnez les secondes que chaque plan de semaine peut prendre, par exemple --budget 10",
            "invalid --budget {budget}: give the seconds each weekly plan may take, e.g. --budget 10"
        ))
        .into());
    }
    let h = horizon(args, scenario, lang)?;
    let opts = SolveOptions::new(
        args.seed.unwrap_or(1),
        std::time::Duration::from_secs_f64(budget),
    );
    let bar = progress_bar(2 * range.radii().len() as u64);
    let study = radius_study::run(scenario, &map.roads, h, &range, &opts, &mut |done, _| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    })
    .map_err(super::bad)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let c = super::cov_lang(lang);
    let mut out = report(&study, scenario, &map.note, c);
    let written = write_files(&study, &args.out, c)?;
    let _ = writeln!(
        out,
        "\n{} {}{}{}",
        c.pick("Fichiers écrits dans", "Files written to"),
        args.out.display(),
        c.colon(),
        written.join(", ")
    );
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(total: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} semaines {bar:30} {pos}/{len}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn write_files(
    study: &RadiusStudy,
    out: &std::path::Path,
    lang: cov::Lang,
) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(out).map_err(|e| BadInput(super::cannot_create(out, &e)))?;
    let files = [
        ("radius-study.csv", radius_study::csv::render(study, lang)),
        (
            "radius-study.svg",
            radius_study::chart::render(study, lang).into_bytes(),
        ),
    ];
    let mut names = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        // Counts only, no person: an ordinary file.
        write_atomic(&path, &bytes, Privacy::Public, Backup::None)
            .map_err(|e| crate::exit::write_error(&path, &e))?;
        names.push(name.to_string());
    }
    Ok(names)
}

/// Pads to `width` characters (accents count as one).
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.chars().count())))
}

fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.chars().count())))
}

/// The terminal report: what was done, the table, what the columns mean.
pub fn report(study: &RadiusStudy, s: &Scenario, note: &str, lang: cov::Lang) -> String {
    let mut out = String::new();
    let team = format!(
        "{} {} = {}",
        decimal(study.team_fte, 2, lang),
        lang.pick("ETP", "FTE"),
        duration_text(study.team_s())
    );
    let _ = writeln!(
        out,
        "{} — {}{}{} {}, {} {}, {} {}",
        lang.pick(
            "Étude du rayon des visites à domicile",
            "Radius study of home visits"
        ),
        s.team.name,
        lang.colon(),
        study.people,
        lang.pick("personnes", "people"),
        lang.pick("base", "base"),
        study.base,
        lang.pick("semaine", "week"),
        study.week
    );
    let _ = writeln!(out, "{note}");
    let how = format!(
        "{} ({team}) {}",
        lang.pick(
            "Rayon à vol d'oiseau autour de la base (comme `radius_km` du scénario) ; chaque semaine est planifiée deux fois : avec les heures de l'équipe",
            "Straight-line radius around the base (as the scenario's `radius_km`); each week is planned twice: with the team's hours"
        ),
        lang.pick(
            "et sans plafond d'heures (mêmes intervenants, jours et binômes).",
            "and with the hour caps lifted (same workers, days and pairs).",
        )
    );
    for line in wrap(&how, 100) {
        let _ = writeln!(out, "{line}");
    }
    table(&mut out, study, lang);
    let _ = writeln!(out);
    let legend = lang.pick(
            "Personnes : dont le domicile est dans le rayon (entre parenthèses : aussi à moins du rayon par la route). Demandes : visites et accompagnements dus dans la semaine. Heures nécessaires et route : la semaine sans plafond d'heures (ou celle avec les heures de l'équipe si elle sert autant de demandes en moins d'heures) ; heures de travail des deux intervenants de chaque tournée, de la base à la base (hors repas), plus les réunions comptées dans l'ETP. « ≥ » : même sans plafond, des demandes ne tiennent pas (« non tenues » : jours, binômes, longueur des journées, camping-car) ; il faudrait plus que ces heures, et d'autres jours. Avec l'équipe : demandes planifiées dans les heures réelles de chacun ; hors des heures : celles laissées de côté.",
            "People: whose home is inside the radius (in brackets: also within the radius by road). Requests: visits and escorts due in the week. Hours needed and driving: the week with hour caps lifted (or the one within the team's hours if it serves as many requests in fewer hours); worker-hours of both workers of every tour, base to base (lunch break not counted), plus meetings counted in the FTE. \"≥\": even with caps lifted some requests do not fit (\"not fitting\": days, pairs, day length, camping-car); more than these hours would be needed, and other days. With the team: requests planned within each worker's real hours; beyond its hours: those left out.");
    for line in wrap(legend, 100) {
        let _ = writeln!(out, "{line}");
    }
    out
}

fn table(out: &mut String, study: &RadiusStudy, lang: cov::Lang) {
    let heads = [
        (lang.pick("Rayon", "Radius"), 7),
        (lang.pick("Personnes (route)", "People (road)"), 17),
        (lang.pick("Demandes", "Requests"), 9),
        (lang.pick("Heures nécessaires", "Hours needed"), 23),
        (lang.pick("Route", "Driving"), 8),
        (lang.pick("Non tenues", "Not fitting"), 11),
        (lang.pick("Avec l'équipe", "With the team"), 14),
        (lang.pick("Hors des heures", "Beyond its hours"), 16),
    ];
    let mut line = String::new();
    for (i, (h, w)) in heads.iter().enumerate() {
        line.push_str(&if i == 0 { pad(h, *w) } else { pad_left(h, *w) });
        line.push(' ');
    }
    let _ = writeln!(out, "\n{}", line.trim_end());
    let _ = writeln!(out, "{}", "─".repeat(line.trim_end().chars().count()));
    for row in &study.rows {
        let needed = study.needed_s(row);
        let (u, r) = (row.serving(), &row.real);
        let at_least = if u.left_out() > 0 { "≥ " } else { "" };
        let cells = [
            km_label(row.radius_m, lang),
            format!("{} ({})", row.inside, row.inside_by_road),
            u.due.to_string(),
            format!(
                "{at_least}{} ({} {})",
                duration_text(needed),
                decimal(needed as f64 / 3600.0 / study.hours_per_fte, 2, lang),
                lang.pick("ETP", "FTE")
            ),
            duration_text(u.drive_s),
            u.left_out().to_string(),
            format!("{}/{}", r.planned, r.due),
            r.left_out().to_string(),
        ];
        let mut line = String::new();
        for (i, (cell, (_, w))) in cells.iter().zip(&heads).enumerate() {
            line.push_str(&if i == 0 {
                pad(cell, *w)
            } else {
                pad_left(cell, *w)
            });
            line.push(' ');
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}
