//! `tournee scenario …`: generate a synthetic scenario, or check a scenario file.

use crate::Lang;
use crate::exit::{BadInput, bad_arg};
use clap::Subcommand;
use maps::atomic::{Backup, Privacy, write_atomic};
use planner::week::generate::{GenerateOptions, generate};
use planner::week::{MapBounds, validate};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum ScenarioCommand {
    /// Write a synthetic scenario (invented people in the arrondissement of Mauriac).
    Generate {
        #[arg(long, default_value_t = 30)]
        people: usize,
        #[arg(long, default_value_t = 3)]
        workers: usize,
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

pub fn run(cmd: ScenarioCommand, lang: Lang) -> anyhow::Result<ExitCode> {
    match cmd {
        ScenarioCommand::Generate {
            people,
            workers,
            weeks,
            seed,
            output,
        } => {
            check_generate(people, workers, weeks)?;
            let text = generate(GenerateOptions {
                people,
                workers,
                weeks,
                seed,
            });
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
                .map_err(|d| BadInput(d.render(super::plan::lang_of(lang))))?;
            println!("{}: OK", file.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The generator's sizes: a pair at least, a week at least, a team's worth of people.
fn check_generate(people: usize, workers: usize, weeks: u32) -> anyhow::Result<()> {
    if workers < 2 || workers > 100 {
        return Err(bad_arg(
            "A006",
            "--workers",
            format!("{workers} worker(s)"),
            "2 to 100 (tours are in pairs)",
        ));
    }
    if people > 5000 {
        return Err(bad_arg("A006", "--people", people, "0 to 5000"));
    }
    let max = planner::week::plan::MAX_WEEKS as u32;
    if weeks == 0 || weeks > max {
        return Err(bad_arg(
            "A002",
            "--weeks",
            format!("{weeks} week(s)"),
            &format!("1 to {max}"),
        ));
    }
    Ok(())
}
