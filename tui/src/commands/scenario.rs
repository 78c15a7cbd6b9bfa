//! `tournee scenario …`: generate a synthetic scenario, or check a scenario file.

use crate::Lang;
use crate::exit::BadInput;
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
            if workers < 2 {
                return Err(BadInput("--workers: at least 2 (tours are in pairs)".into()).into());
            }
            let text = generate(GenerateOptions {
                people,
                workers,
                weeks,
                seed,
            });
            match output {
                Some(path) => {
                    write_atomic(&path, text.as_bytes(), Privacy::Private, Backup::Keep)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                    eprintln!("{}", path.display());
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        ScenarioCommand::Check { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| BadInput(format!("{}: {e}", file.display())))?;
            validate(&text, &file.display().to_string(), MapBounds::cantal())
                .map_err(|d| BadInput(d.render(super::plan::lang_of(lang))))?;
            println!("{}: OK", file.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}
