//! `tournee map …`: import OpenStreetMap data, describe a map, compute travel-time matrices.

use crate::Lang;
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum MapCommand {
    /// Describe a map file (.osm.pbf, .osm, .osm.gz or .graph).
    Info {
        /// The file to describe.
        file: PathBuf,
    },
}

pub fn run(cmd: MapCommand, _lang: Lang) -> anyhow::Result<ExitCode> {
    match cmd {
        MapCommand::Info { file } => {
            let meta = std::fs::metadata(&file)
                .map_err(|e| crate::exit::BadInput(format!("{}: {e}", file.display())))?;
            println!("{}: {} bytes", file.display(), meta.len());
            Ok(ExitCode::SUCCESS)
        }
    }
}
