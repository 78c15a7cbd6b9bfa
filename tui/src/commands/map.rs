//! `tournee map …`: import OpenStreetMap data, describe a map, compute travel-time matrices.

mod matrix;
mod synth;

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
    /// Travel times and distances between points (CSV id,lat,lon) on a map.
    Matrix(matrix::MatrixArgs),
    /// Generate the synthetic road network of Cantal (invented roads, not a real map).
    Synth(synth::SynthArgs),
}

pub fn run(cmd: MapCommand, lang: Lang) -> anyhow::Result<ExitCode> {
    match cmd {
        MapCommand::Info { file } => {
            let meta = std::fs::metadata(&file)
                .map_err(|e| crate::exit::BadInput(format!("{}: {e}", file.display())))?;
            println!("{}: {} bytes", file.display(), meta.len());
            Ok(ExitCode::SUCCESS)
        }
        MapCommand::Matrix(args) => matrix::run(args, lang),
        MapCommand::Synth(args) => synth::run(args, lang),
    }
}
