//! `tournee map …`: import OpenStreetMap data, describe a map, compute travel-time matrices.

mod import;
mod info;

use crate::Lang;
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum MapCommand {
    /// Importe un fichier OpenStreetMap en graphe routier / import an OpenStreetMap file (.osm.pbf, .osm, .osm.gz) into a road graph.
    Import(import::ImportArgs),
    /// Décrit une carte / describe a map file (.osm.pbf, .osm, .osm.gz or .graph).
    Info(info::InfoArgs),
}

pub fn run(cmd: MapCommand, lang: Lang) -> anyhow::Result<ExitCode> {
    match cmd {
        MapCommand::Import(args) => import::run(args, lang),
        MapCommand::Info(args) => info::run(args, lang),
    }
}

/// A number with `decimals` digits, with a decimal comma in French.
pub(crate) fn num(x: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{x:.decimals$}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}
