//! `tournee map matrix`: travel times and distances between points, for checking a map or
//! feeding another tool.

use crate::Lang;
use crate::exit::{BadInput, map_error};
use maps::atomic::{Backup, Privacy, write_atomic};
use maps::points::{Point, read_points};
use maps::{ImportOptions, MapError, Profile, RoadNetwork, Snapped};
use planner::tr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct MatrixArgs {
    /// The map: a .graph file made by `tournee map import` or `tournee map synth`, or an
    /// OpenStreetMap file (.osm.pbf, .osm, .osm.gz) imported on the fly.
    #[arg(long)]
    pub map: PathBuf,
    /// Points as CSV with the header id,lat,lon (ids are pseudonyms, never names).
    #[arg(long)]
    pub points: PathBuf,
    /// Vehicle: used to import an OpenStreetMap file; for a .graph file, must be the one it was
    /// built for.
    #[arg(long, value_parser = ["car", "camping-car"])]
    pub profile: Option<String>,
    /// Write the table to this file instead of the standard output. Rows are
    /// from,to,duration_s,distance_m for every ordered pair; empty cells mean unreachable.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: MatrixArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let network = load_map(&args.map, args.profile.as_deref())?;
    let points = read_points(&args.points).map_err(map_error)?;
    let snapped = snap_all(&network, &points, lang)?;
    let table = network.matrix(&snapped);
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["from", "to", "duration_s", "distance_m"])?;
    for (i, from) in points.iter().enumerate() {
        for (j, to) in points.iter().enumerate() {
            let (duration, distance) = if table.is_reachable(i, j) {
                (
                    table.duration(i, j).0.to_string(),
                    table.distance(i, j).0.to_string(),
                )
            } else {
                (String::new(), String::new())
            };
            out.write_record([from.id.as_str(), &to.id, &duration, &distance])?;
        }
    }
    let bytes = out.into_inner()?;
    match &args.output {
        // Point ids can be tied to people: the table is private.
        Some(path) => write_atomic(path, &bytes, Privacy::Private, Backup::None)
            .map_err(|e| crate::exit::write_error(path, &e))?,
        None => std::io::Write::write_all(&mut std::io::stdout().lock(), &bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A `.graph` file is loaded as is (its profile must match `--profile` when given); an OSM
/// file is imported on the fly with `--profile` (camping-car by default, like `map import`).
fn load_map(path: &Path, profile: Option<&str>) -> anyhow::Result<RoadNetwork> {
    if maps::osm::detect(path).map_err(map_error)? != maps::osm::Format::Graph {
        let profile = Profile::by_name(profile.unwrap_or("camping-car")).map_err(map_error)?;
        let options = ImportOptions {
            profile,
            ..ImportOptions::default()
        };
        let (graph, _) = maps::import(path, &options, &mut |_| {}).map_err(map_error)?;
        return Ok(RoadNetwork::from_graph(graph));
    }
    let network = RoadNetwork::load(path).map_err(map_error)?;
    if let Some(profile) = profile
        && profile != network.graph().meta.profile
    {
        let (p, built) = (path.display(), &network.graph().meta.profile);
        return Err(BadInput(tr!(
            "{p}: la carte a été faite pour le profil « {built} », pas « {profile} » ; prenez une carte faite avec --profile {profile}",
            "{p}: the map was built for the {built:?} profile, not {profile:?}; use a map built with --profile {profile}"
        ))
        .into());
    }
    Ok(network)
}

/// Snaps every point; all that cannot be snapped are reported together, by id.
fn snap_all(network: &RoadNetwork, points: &[Point], lang: Lang) -> anyhow::Result<Vec<Snapped>> {
    let mut snapped = Vec::with_capacity(points.len());
    let mut refused = Vec::new();
    for p in points {
        match network.snap(&p.id, p.at) {
            Ok(s) => snapped.push(s),
            Err(MapError::CannotSnap { id, distance_m, .. }) => {
                refused.push(format!("{id:?} ({:.1} km)", distance_m / 1000.0));
            }
            Err(e) => return Err(map_error(e)),
        }
    }
    if refused.is_empty() {
        return Ok(snapped);
    }
    let message = match lang {
        Lang::Fr => format!(
            "{} point(s) à plus de 1 km de toute route de la carte : {}; vérifiez leurs coordonnées ou prenez une carte qui les couvre",
            refused.len(),
            refused.join(", ")
        ),
        Lang::En => format!(
            "{} point(s) more than 1 km from any road of the map: {}; check their coordinates or use a map that covers them",
            refused.len(),
            refused.join(", ")
        ),
    };
    Err(BadInput::said(message).into())
}
