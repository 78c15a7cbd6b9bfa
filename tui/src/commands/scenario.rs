//! `tournee scenario …`: generate a synthetic scenario, or check a scenario file.

use crate::Lang;
use crate::exit::{BadInput, bad_arg};
use clap::Subcommand;
use maps::atomic::{Backup, Privacy, write_atomic};
use planner::tr;
use planner::week::generate::{Area, GenerateOptions, TeamKind, Variant, generate_variant};
use planner::week::{MapBounds, validate};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum ScenarioCommand {
    /// Write a synthetic scenario (invented people in the arrondissement of Mauriac, or over
    /// the whole department with --area cantal).
    Generate {
        #[arg(long, default_value_t = 30)]
        people: usize,
        /// Workers of a generated team (default 3).
        #[arg(long)]
        workers: Option<usize>,
        /// Where people live: the arrondissement of Mauriac, or the whole of Cantal.
        #[arg(long, value_enum, default_value_t = AreaArg::Mauriac)]
        area: AreaArg,
        /// The team: generated (--workers), or the Mauriac team of the embedded example
        /// (three workers, 1.25 FTE, its permanences).
        #[arg(long, value_enum, default_value_t = TeamArg::Generated)]
        team: TeamArg,
        #[arg(long, default_value_t = 1)]
        weeks: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (standard output if absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Check a scenario file and list every problem.
    Check { file: PathBuf },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AreaArg {
    Mauriac,
    Cantal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TeamArg {
    Generated,
    Mauriac,
}

pub fn run(cmd: ScenarioCommand, lang: Lang) -> anyhow::Result<ExitCode> {
    match cmd {
        ScenarioCommand::Generate {
            people,
            workers,
            area,
            team,
            weeks,
            seed,
            output,
        } => {
            if team == TeamArg::Mauriac && workers.is_some() {
                return Err(bad_arg(
                    "A006",
                    "--workers",
                    tr!(
                        "--workers avec --team mauriac",
                        "--workers with --team mauriac"
                    ),
                    tr!(
                        "retirez --workers : --team mauriac a déjà ses trois intervenants",
                        "leave --workers out: --team mauriac has its own three workers"
                    ),
                ));
            }
            let workers = workers.unwrap_or(3);
            check_generate(people, workers, weeks)?;
            let variant = Variant {
                area: match area {
                    AreaArg::Mauriac => Area::Mauriac,
                    AreaArg::Cantal => Area::Cantal,
                },
                team: match team {
                    TeamArg::Generated => TeamKind::Generated,
                    TeamArg::Mauriac => TeamKind::Mauriac,
                },
            };
            let options = GenerateOptions {
                people,
                workers,
                weeks,
                seed,
            };
            let text = generate_variant(options, variant);
            match output {
                Some(path) => {
                    write_atomic(&path, text.as_bytes(), Privacy::Private, Backup::Keep)
                        .map_err(|e| crate::exit::write_error(&path, &e))?;
                    eprintln!("{}", path.display());
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        ScenarioCommand::Check { file } => {
            let text = super::plan::read_input(&file)?;
            validate(&text, &file.display().to_string(), MapBounds::cantal())
                .map_err(|d| BadInput::said(d.render(super::plan::lang_of(lang))))?;
            println!("{}: OK", file.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}
/// The generator's sizes: a pair at least, a week at least, a team's worth of people.
fn check_generate(people: usize, workers: usize, weeks: u32) -> anyhow::Result<()> {
    if !(2..=100).contains(&workers) {
        return Err(bad_arg(
            "A006",
            "--workers",
            tr!("{workers} intervenant(s)", "{workers} worker(s)"),
            tr!(
                "de 2 à 100 (les tournées se font en binôme)",
                "2 to 100 (tours are in pairs)"
            ),
        ));
    }
    if people > 5000 {
        return Err(bad_arg(
            "A006",
            "--people",
            tr!("{people}", "{people}"),
            tr!("de 0 à 5000", "0 to 5000"),
        ));
    }
    let max = planner::week::plan::MAX_WEEKS as u32;
    if weeks == 0 || weeks > max {
        return Err(bad_arg(
            "A002",
            "--weeks",
            tr!("{weeks} semaine(s)", "{weeks} week(s)"),
            tr!("de 1 à {max}", "1 to {max}"),
        ));
    }
    Ok(())
}
