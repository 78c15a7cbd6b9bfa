//! `tournee coverage`: who lives within reach of the permanence sites, by road; what changes
//! with the radius or the sites; which sites would reach the most people.

use crate::Lang;
use crate::exit::BadInput;
use maps::atomic::{Backup, Privacy, write_atomic};
use maps::places::Gazetteer;
use planner::coverage::people::{self, PersonPoint};
use planner::coverage::study::{self, Request, Study};
use planner::coverage::territory::resolve_sites;
use planner::coverage::{self as cov, CoverageError, Place, Radius, Territory};
use planner::tr;
use planner::week::Scenario;
use planner::week::text::Text;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod radius;
mod scenario;
mod text;

#[derive(clap::Args, Debug)]
pub struct CoverageArgs {
    /// Permanence sites, comma-separated commune names; repeat the option to compare several
    /// choices side by side (default: the communes of the scenario's permanences with
    /// --scenario, else Mauriac,Ydes).
    #[arg(long = "sites", value_name = "COMMUNES")]
    pub sites: Vec<String>,
    /// Radius of reach by road: a time (30min, 1h) or a distance (25km); several,
    /// comma-separated, are compared in one table (default 30min).
    #[arg(long, value_name = "RADII")]
    pub radius: Option<String>,
    /// Choose the K sites that reach the most people within the radius (exact, and greedy
    /// for comparison).
    #[arg(long, value_name = "K")]
    pub choose: Option<usize>,
    /// Candidate sites for --choose: "all" (every commune of the territory) or commune names.
    #[arg(long, default_value = "all", value_name = "all|COMMUNES")]
    pub candidates: String,
    /// Territory studied: an arrondissement of Cantal (Mauriac, Aurillac, Saint-Flour) or
    /// "cantal" for the whole department.
    #[arg(long, default_value = "Mauriac")]
    pub territory: String,
    /// Road map (.graph file written by `tournee map import`); by default the synthetic map of
    /// Cantal built into tournee.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Folder for the CSV files and pictures (created if missing).
    #[arg(long, default_value = "couverture", value_name = "DIR")]
    pub out: PathBuf,
    /// Seconds the exact site choice may take per radius before it settles for the best found.
    #[arg(long, default_value_t = 60.0, hide = true)]
    pub solver_time_limit: f64,
    /// People of a scenario, by pseudonym code only: within reach of the sites, out of reach,
    /// or outside the scenario's territory. Without a file, or "default": the embedded example.
    #[arg(
        long,
        value_name = "FILE",
        num_args = 0..=1,
        default_missing_value = scenario::EMBEDDED
    )]
    pub scenario: Option<String>,
    /// Plan the week for each territory radius around the base (straight line, as the
    /// scenario's radius_km): people inside, hours needed, driving, who no longer fits in the
    /// team's hours. Uses --scenario (default: the embedded example).
    #[arg(long)]
    pub radius_study: bool,
    /// Radius study: smallest radius (default 15km).
    #[arg(long, value_name = "KM")]
    pub from: Option<String>,
    /// Radius study: largest radius (default 60km).
    #[arg(long, value_name = "KM")]
    pub to: Option<String>,
    /// Radius study: step between radii (default 5km).
    #[arg(long, value_name = "KM")]
    pub step: Option<String>,
    /// Radius study: seconds each weekly plan may take (default 10, a ceiling: the plan stops
    /// after a fixed amount of work first, so a seed gives the same study).
    #[arg(long, value_name = "SECONDS")]
    pub budget: Option<f64>,
    /// Radius study: seed of the weekly planner (default 1).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Radius study: the ISO week planned, e.g. 2026-W49 (default: next week).
    #[arg(long, value_name = "WEEK")]
    pub week: Option<String>,
}

fn cov_lang(lang: Lang) -> cov::Lang {
    match lang {
        Lang::Fr => cov::Lang::Fr,
        Lang::En => cov::Lang::En,
    }
}

/// Options that belong to the other mode are refused in one line rather than ignored.
fn check_mode(args: &CoverageArgs) -> Result<(), BadInput> {
    let study_only = [
        ("--from", args.from.is_some()),
        ("--to", args.to.is_some()),
        ("--step", args.step.is_some()),
        ("--budget", args.budget.is_some()),
        ("--seed", args.seed.is_some()),
        ("--week", args.week.is_some()),
    ];
    let sites_only = [
        ("--sites", !args.sites.is_empty()),
        ("--radius", args.radius.is_some()),
        ("--choose", args.choose.is_some()),
    ];
    let (given, hint) = if args.radius_study {
        (
            sites_only.iter().find(|o| o.1),
            tr!(
                "cette option sert à l'étude des sites ; lancez celle-ci sans --radius-study",
                "it belongs to the site study; run that without --radius-study"
            ),
        )
    } else {
        (
            study_only.iter().find(|o| o.1),
            tr!(
                "cette option sert à l'étude des rayons ; ajoutez --radius-study",
                "it belongs to the radius study; add --radius-study"
            ),
        )
    };
    match given {
        Some((name, _)) => Err(BadInput(Text::new(
            format!("{name}: {}", hint.fr),
            format!("{name}: {}", hint.en),
        ))),
        None => Ok(()),
    }
}

fn bad(e: CoverageError) -> anyhow::Error {
    if e.is_bad_input() {
        BadInput(e.text()).into()
    } else {
        anyhow::Error::new(e)
    }
}

/// A folder for the outputs that cannot be created.
pub fn cannot_create(out: &Path, e: &std::io::Error) -> Text {
    let out = out.display();
    tr!(
        "impossible de créer le dossier {out} : {e}",
        "cannot create the folder {out}: {e}"
    )
}

pub fn run(args: CoverageArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    check_mode(&args)?;
    let c = cov_lang(lang);
    let source = match (&args.scenario, args.radius_study) {
        (Some(arg), _) => Some(scenario::read(arg)?),
        (None, true) => Some(scenario::read(scenario::EMBEDDED)?),
        (None, false) => None,
    };
    let map = scenario::map(args.map.as_deref(), source.as_ref(), c)?;
    let scenario = match &source {
        Some(src) => Some(scenario::validated(src, &map.roads, lang)?),
        None => None,
    };
    if args.radius_study {
        let Some(s) = &scenario else {
            anyhow::bail!("internal: the radius study has no scenario");
        };
        return radius::run(&args, s, &map, lang);
    }
    let gazetteer = Gazetteer::cantal();
    let request = build_request(&args, gazetteer, scenario.as_ref()).map_err(bad)?;
    let Some(network) = map.roads.network() else {
        anyhow::bail!("internal: the coverage study needs a road network");
    };
    let mut study = study::run(network, request).map_err(bad)?;
    if let Some(choice) = study.choices.first() {
        let label = format!(
            "{} {} ({}){}{}",
            c.pick("meilleurs", "best"),
            choice.k,
            choice.radius.label(c),
            c.colon(),
            cov::SiteSet::names(&choice.exact_sites)
        );
        study::add_choice_as_set(&mut study, network, label).map_err(bad)?;
    }
    let mut report = text::report(&study, &map.note, c);
    let written = write_outputs(&study, &args.out, &map.note, c)?;
    report.push_str(&format!(
        "\n{} {}{}{}\n",
        c.pick("Fichiers écrits dans", "Files written to"),
        args.out.display(),
        c.colon(),
        written.join(", ")
    ));
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), report.as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn build_request(
    args: &CoverageArgs,
    gazetteer: &Gazetteer,
    scenario: Option<&Scenario>,
) -> Result<Request, CoverageError> {
    let radii = Radius::parse_list(args.radius.as_deref().unwrap_or("30min"))?;
    let territory = Territory::named(gazetteer, &args.territory)?;
    let site_sets = match (args.sites.is_empty(), scenario) {
        (true, Some(s)) if !s.permanences.is_empty() => {
            vec![people::permanence_sites(s, gazetteer)?]
        }
        (true, _) => vec![resolve_sites(gazetteer, &["Mauriac", "Ydes"])?],
        (false, _) => args
            .sites
            .iter()
            .map(|l| resolve_sites(gazetteer, &l.split(',').collect::<Vec<_>>()))
            .collect::<Result<Vec<_>, _>>()?,
    };
    let choose = match args.choose {
        None => None,
        Some(k) => Some((k, candidates(args, gazetteer, &territory)?)),
    };
    let people: Vec<PersonPoint> = scenario.map(people::people).unwrap_or_default();
    Ok(Request {
        territory,
        site_sets,
        radii,
        choose,
        people,
        people_territory: scenario.map(people::territory_text),
        solver_time_limit_s: args.solver_time_limit,
    })
}

fn candidates(
    args: &CoverageArgs,
    gazetteer: &Gazetteer,
    territory: &Territory,
) -> Result<Vec<Place>, CoverageError> {
    if args.candidates.trim().eq_ignore_ascii_case("all") {
        return Ok(territory.communes.clone());
    }
    resolve_sites(gazetteer, &args.candidates.split(',').collect::<Vec<_>>())
}

/// Writes the CSV files, maps and chart; returns the file names.
fn write_outputs(
    study: &Study,
    out: &Path,
    note: &str,
    lang: cov::Lang,
) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(out).map_err(|e| BadInput(cannot_create(out, &e)))?;
    let mut files: Vec<(String, Vec<u8>, Privacy)> = vec![
        (
            "communes.csv".into(),
            cov::csv::communes(study, lang),
            Privacy::Public,
        ),
        (
            "summary.csv".into(),
            cov::csv::summary(study, lang),
            Privacy::Public,
        ),
    ];
    if !study.choices.is_empty() {
        files.push((
            "choices.csv".into(),
            cov::csv::choices(study, lang),
            Privacy::Public,
        ));
    }
    if !study.people.is_empty() {
        files.push((
            "people.csv".into(),
            cov::csv::people(study, lang),
            Privacy::Private,
        ));
    }
    for (i, set) in study.sets.iter().enumerate() {
        let svg = cov::svg::render(&cov::svg::MapInput {
            territory: &study.territory,
            set,
            radius: study.radii[0],
            summary: &study.summaries[i][0],
            note,
            lang,
        });
        files.push((
            format!("map-{}.svg", i + 1),
            svg.into_bytes(),
            Privacy::Public,
        ));
    }
    files.push((
        "chart.svg".into(),
        chart(study, lang).into_bytes(),
        Privacy::Public,
    ));
    remove_stale(out, &files);
    let mut names = Vec::new();
    for (name, bytes, privacy) in files {
        let path = out.join(&name);
        write_atomic(&path, &bytes, privacy, Backup::None)
            .map_err(|e| crate::exit::write_error(&path, &e))?;
        names.push(name);
    }
    Ok(names)
}

/// Removes outputs of an earlier study in the same folder that this one does not write
/// (a third map, a choice, people), so the folder never mixes two studies.
fn remove_stale(out: &Path, files: &[(String, Vec<u8>, Privacy)]) {
    let ours = |name: &str| {
        ["choices.csv", "people.csv"].contains(&name)
            || (name.starts_with("map-") && name.ends_with(".svg"))
    };
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if ours(&name) && !files.iter().any(|f| f.0 == name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Covered share against radius, from 0 to a little past the largest radius asked or the
/// farthest commune, whichever is more (at most 4 h or 240 km).
fn chart(study: &Study, lang: cov::Lang) -> String {
    let measure = study.radii[0].measure;
    let same: Vec<&Radius> = study
        .radii
        .iter()
        .filter(|r| r.measure == measure)
        .collect();
    let unit: f64 = match measure {
        cov::Measure::Time => 60.0,
        cov::Measure::Distance => 1000.0,
    };
    let largest = same
        .iter()
        .map(|r| f64::from(r.value) / unit)
        .fold(0.0, f64::max);
    let farthest = study
        .sets
        .iter()
        .flat_map(|s| s.nearest.iter())
        .filter(|n| n.site.is_some())
        .map(|n| match measure {
            cov::Measure::Time => f64::from(n.time.0),
            cov::Measure::Distance => f64::from(n.min_distance.0),
        } / unit)
        .fold(0.0, f64::max);
    let max = ((largest * 1.25).max(farthest + 1.0) / 15.0).ceil() * 15.0;
    let max = max.clamp(30.0, 240.0);
    let curves: Vec<_> = study
        .sets
        .iter()
        .map(|set| cov::chart::curve(&study.territory, set, measure, max as u32))
        .collect();
    let marks: Vec<f64> = same.iter().map(|r| f64::from(r.value) / unit).collect();
    cov::chart::render(&curves, measure, &marks, &study.territory, lang)
}
