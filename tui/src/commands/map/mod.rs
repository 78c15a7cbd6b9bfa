//! `tournee map …`: import OpenStreetMap data, describe a map, compute travel-time matrices.

mod import;
mod info;
mod matrix;
mod synth;

use crate::Lang;
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum MapCommand {
    /// Importe un fichier OpenStreetMap en graphe routier / import an OpenStreetMap file (.osm.pbf, .osm, .osm.gz) into a road graph.
    Import(import::ImportArgs),
    /// Décrit une carte / describe a map file (.osm.pbf, .osm, .osm.gz or .graph).
    Info(info::InfoArgs),
    /// Temps et distances entre des points (CSV id,lat,lon) / travel times and distances between points on a map.
    Matrix(matrix::MatrixArgs),
    /// Génère le réseau routier synthétique du Cantal (routes inventées) / generate the synthetic road network of Cantal (invented roads, not a real map).
    Synth(synth::SynthArgs),
}

pub fn run(cmd: MapCommand, lang: Lang) -> anyhow::Result<ExitCode> {
    match cmd {
        MapCommand::Import(args) => import::run(args, lang),
        MapCommand::Info(args) => info::run(args, lang),
        MapCommand::Matrix(args) => matrix::run(args, lang),
        MapCommand::Synth(args) => synth::run(args, lang),
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
