//! `tournee map import INPUT -o OUTPUT.graph`: OpenStreetMap → graph file.

use super::num;
use crate::Lang;
use crate::exit::{BadInput, map_error};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use maps::import::{Area, ImportOptions, ImportProgress, ImportReport, ImportStage};
use maps::osm::tags::Exclusion;
use maps::places::Gazetteer;
use maps::store::{self, GraphFile};
use maps::{LatLon, Profile, RoadGraph, Vehicle};
use planner::tr;
use planner::week::text::Text;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// OpenStreetMap file: .osm.pbf (regional extract), .osm or .osm.gz (e.g. saved by JOSM).
    pub input: PathBuf,
    /// Graph file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Vehicle profile: camping-car (the team's vehicle, default) or car.
    #[arg(long, default_value = "camping-car")]
    pub profile: String,
    /// Keep only roads near a commune of Cantal (e.g. Mauriac) or a point LAT,LON.
    #[arg(long, allow_hyphen_values = true)]
    pub around: Option<String>,
    /// Radius around --around: 50km, 500m or 50 (km). Default 50km.
    #[arg(long, requires = "around", allow_hyphen_values = true)]
    pub radius: Option<String>,
    /// Vehicle height in metres (roads with a lower maxheight are not used).
    #[arg(long)]
    pub max_height: Option<f64>,
    /// Vehicle weight in tonnes (roads with a lower maxweight are not used).
    #[arg(long)]
    pub max_weight: Option<f64>,
    /// Vehicle width in metres (roads with a lower maxwidth are not used).
    #[arg(long)]
    pub max_width: Option<f64>,
}

pub fn run(args: ImportArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let opts = options(&args)?;
    check_output(&args.input, &args.output)?;
    let bar = progress_bar(lang);
    let mut on_progress = |p: ImportProgress| show(&bar, p, lang);
    let result = maps::import(&args.input, &opts, &mut on_progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let (graph, report) = result.map_err(map_error)?;
    // The contraction hierarchy is built once here, so later commands load it in milliseconds.
    let router = maps::Router::build(&graph).to_bytes();
    let file = GraphFile { graph, router };
    store::save(&args.output, &file).map_err(map_error)?;
    println!("{}", summary(&args.output, &file.graph, &report, lang));
    Ok(ExitCode::SUCCESS)
}

fn options(args: &ImportArgs) -> anyhow::Result<ImportOptions> {
    let profile = Profile::by_name(&args.profile).map_err(map_error)?;
    let v = profile.vehicle;
    let vehicle = Vehicle {
        height_m: dimension("--max-height", args.max_height, v.height_m, 10.0)?,
        weight_t: dimension("--max-weight", args.max_weight, v.weight_t, 60.0)?,
        width_m: dimension("--max-width", args.max_width, v.width_m, 5.0)?,
    };
    let around = match &args.around {
        Some(place) => Some(Area {
            centre: place_position(place)?,
            radius_m: parse_radius(args.radius.as_deref().unwrap_or("50km"))?,
        }),
        None => None,
    };
    Ok(ImportOptions {
        profile: profile.with_vehicle(vehicle),
        around,
    })
}

fn dimension(flag: &str, value: Option<f64>, default: f64, max: f64) -> anyhow::Result<f64> {
    match value {
        None => Ok(default),
        Some(v) if v > 0.0 && v <= max => Ok(v),
        Some(v) => Err(BadInput(tr!(
            "{flag} {v} invalide : donnez un nombre positif jusqu'à {max} (mètres ou tonnes)",
            "invalid {flag} {v}: give a positive number up to {max} (metres or tonnes)"
        ))
        .into()),
    }
}

/// `Mauriac`, `riom es montagnes`, `15120` (INSEE code) or `45.2187,2.3324`.
fn place_position(place: &str) -> anyhow::Result<LatLon> {
    if let Some((a, b)) = place.split_once(',')
        && let (Ok(lat), Ok(lon)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>())
    {
        if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
            return Ok(LatLon::new(lat, lon));
        }
        return Err(BadInput(tr!(
            "--around « {place} » invalide : la latitude doit être entre -90 et 90, la longitude entre -180 et 180",
            "invalid --around {place:?}: latitude must be within -90..90 and longitude within -180..180"
        ))
        .into());
    }
    let commune = Gazetteer::cantal().resolve(place).map_err(map_error)?;
    Ok(commune.centre())
}

/// `50km`, `500m`, `50` (km), `2.5 km`: metres, strictly positive.
pub fn parse_radius(text: &str) -> anyhow::Result<f64> {
    let t = text.trim().to_ascii_lowercase();
    let (number, factor) = if let Some(n) = t.strip_suffix("km") {
        (n, 1000.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 1.0)
    } else {
        (t.as_str(), 1000.0)
    };
    let bad = |why: Text| {
        BadInput(Text::new(
            format!(
                "--radius « {text} » invalide : {} ; par exemple 50km, 500m ou 50",
                why.fr
            ),
            format!(
                "invalid --radius {text:?}: {}; e.g. 50km, 500m or 50",
                why.en
            ),
        ))
    };
    let value: f64 = number
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| bad(tr!("pas une distance", "not a distance")))?;
    if !value.is_finite() || value <= 0.0 {
        return Err(bad(tr!(
            "le rayon doit être plus grand que zéro",
            "the radius must be greater than zero"
        ))
        .into());
    }
    Ok(value * factor)
}

fn check_output(input: &Path, output: &Path) -> anyhow::Result<()> {
    if input == output {
        let out = output.display();
        return Err(BadInput(tr!(
            "{out}: la sortie écraserait l'entrée ; choisissez un autre fichier -o",
            "{out}: the output would overwrite the input; choose another -o file"
        ))
        .into());
    }
    let dir = output.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir.filter(|d| !d.is_dir()) {
        let (out, dir) = (output.display(), dir.display());
        return Err(BadInput(tr!(
            "{out}: le dossier {dir} n'existe pas ; créez-le ou choisissez un autre fichier -o",
            "{out}: folder {dir} does not exist; create it or choose another -o file"
        ))
        .into());
    }
    Ok(())
}

fn progress_bar(lang: Lang) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{msg:24} [{bar:30}] {bytes}/{total_bytes} ({eta})")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(stage_label(ImportStage::Ways, lang));
    Some(bar)
}

fn show(bar: &Option<ProgressBar>, p: ImportProgress, lang: Lang) {
    let Some(bar) = bar else { return };
    bar.set_message(stage_label(p.stage, lang));
    if p.total > 0 {
        bar.set_length(p.total);
        bar.set_position(p.done);
    }
}

fn stage_label(stage: ImportStage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (ImportStage::Ways, Lang::Fr) => "lecture des routes",
        (ImportStage::Nodes, Lang::Fr) => "lecture des points",
        (ImportStage::Graph, Lang::Fr) => "construction du graphe",
        (ImportStage::Ways, Lang::En) => "reading roads",
        (ImportStage::Nodes, Lang::En) => "reading nodes",
        (ImportStage::Graph, Lang::En) => "building the graph",
    }
}

fn summary(output: &Path, graph: &RoadGraph, r: &ImportReport, lang: Lang) -> String {
    let km: f64 = maps::build::km_by_class(graph).iter().sum();
    let before = r.nodes_before.max(1) as f64;
    let dropped = 100.0 * graph.meta.dropped_nodes as f64 / before;
    let closed = r.ways.excluded_by(Exclusion::Access);
    let too_small = r.ways.excluded_by(Exclusion::Dimensions);
    let secs = num(r.elapsed.as_secs_f64(), 2, lang);
    let (n, e, p) = (graph.node_count(), graph.edge_count(), &graph.meta.profile);
    match lang {
        Lang::Fr => format!(
            "{}: {n} nœuds, {e} arcs, {} km de routes, {} % écartés (hors de la plus grande composante), {closed} voies interdites, {too_small} trop basses/étroites/limitées en poids, profil {p}, {secs} s",
            output.display(),
            num(km, 1, lang),
            num(dropped, 1, lang),
        ),
        Lang::En => format!(
            "{}: {n} nodes, {e} edges, {} km of road, {} % dropped (outside the largest component), {closed} ways closed, {too_small} too low/narrow/weight-limited, profile {p}, {secs} s",
            output.display(),
            num(km, 1, lang),
            num(dropped, 1, lang),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radius_forms() {
        assert_eq!(parse_radius("50km").unwrap(), 50_000.0);
        assert_eq!(parse_radius("500m").unwrap(), 500.0);
        assert_eq!(parse_radius("50").unwrap(), 50_000.0);
        assert_eq!(parse_radius("2,5 km").unwrap(), 2_500.0);
        for bad in ["0", "0km", "-5km", "far", "", "NaN"] {
            assert!(parse_radius(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn places_and_points() {
        let p = place_position("45.2,2.33").unwrap();
        assert_eq!((p.lat, p.lon), (45.2, 2.33));
        assert!(place_position("95,2").is_err());
        assert!(place_position("Mauriac").is_ok());
        assert!(place_position("Atlantis").is_err());
    }
}
