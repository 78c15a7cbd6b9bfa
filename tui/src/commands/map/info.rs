//! `tournee map info FILE`: what a map holds, and whether it looks usable.

use super::num;
use crate::Lang;
use crate::exit::map_error;
use clap::Args;
use maps::info::{Hint, MapInfo};
use maps::osm::Format;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// The file to describe: .osm.pbf, .osm, .osm.gz or .graph.
    pub file: PathBuf,
}

pub fn run(args: InfoArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let info = maps::info(&args.file).map_err(map_error)?;
    print!("{}", render(&info, lang));
    Ok(ExitCode::SUCCESS)
}

/// Picks the French or English label.
fn t(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

pub fn render(info: &MapInfo, lang: Lang) -> String {
    let mut lines = Vec::new();
    render_identity(info, lang, &mut lines);
    render_roads(info, lang, &mut lines);
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// What the file is: a loud warning for synthetic maps, format, profile.
fn render_identity(info: &MapInfo, lang: Lang, out: &mut Vec<String>) {
    let mut line = |s: String| out.push(s);
    if info.synthetic {
        line(t(lang,
            "!!! CARTE SYNTHÉTIQUE : réseau généré entre les centres des communes, PAS de vraies routes !!!",
            "!!! SYNTHETIC MAP: a network generated between commune centres, NOT real roads !!!",
        ).to_string());
    }
    let format = match info.format {
        Format::Pbf => "OpenStreetMap PBF",
        Format::Xml => "OpenStreetMap XML",
        Format::XmlGz => "OpenStreetMap XML (gzip)",
        Format::Graph => t(lang, "graphe tournee", "tournee graph"),
    };
    line(format!(
        "{}: {} ({format})",
        t(lang, "Fichier", "File"),
        info.file
    ));
    let profile = match &info.profile {
        Some(p) => p.clone(),
        None => t(
            lang,
            "— (fichier OSM, lu avec le profil car)",
            "— (OSM file, read with the car profile)",
        )
        .to_string(),
    };
    line(format!("{}: {profile}", t(lang, "Profil", "Profile")));
}

/// What the roads are: extent, size, kilometres per class, connectivity, warnings.
fn render_roads(info: &MapInfo, lang: Lang, out: &mut Vec<String>) {
    let mut line = |s: String| out.push(s);
    if let Some(b) = info.bbox {
        line(format!(
            "{}: {:.5},{:.5} → {:.5},{:.5}",
            t(lang, "Emprise (lat,lon)", "Bounding box (lat,lon)"),
            b.min.lat,
            b.min.lon,
            b.max.lat,
            b.max.lon
        ));
    }
    line(format!(
        "{}: {}   {}: {}",
        t(lang, "Nœuds", "Nodes"),
        info.nodes,
        t(lang, "Arcs", "Edges"),
        info.edges
    ));
    line(format!(
        "{}: {} km",
        t(lang, "Routes", "Roads"),
        num(info.km_total(), 1, lang)
    ));
    for (class, km) in &info.km_by_class {
        line(format!(
            "  {:<15} {:>10} km",
            class.osm_tag(),
            num(*km, 1, lang)
        ));
    }
    if let Some(c) = info.components {
        let share = 100.0 * c.largest as f64 / info.nodes.max(1) as f64;
        line(format!(
            "{}: {} ({}: {} {}, {} %)",
            t(
                lang,
                "Composantes fortement connexes",
                "Strongly connected components"
            ),
            c.count,
            t(lang, "la plus grande", "largest"),
            c.largest,
            t(lang, "nœuds", "nodes"),
            num(share, 1, lang)
        ));
    }
    if info.format == Format::Graph {
        line(format!(
            "{}: {} {}, {} {}",
            t(
                lang,
                "Écartés à l'import (hors de la plus grande composante)",
                "Dropped at import (outside the largest component)"
            ),
            info.dropped_nodes,
            t(lang, "nœuds", "nodes"),
            info.dropped_edges,
            t(lang, "arcs", "edges"),
        ));
    }
    for hint in &info.hints {
        line(format!(
            "{}: {}",
            t(lang, "Attention", "Warning"),
            hint_text(*hint, lang)
        ));
    }
}

fn hint_text(hint: Hint, lang: Lang) -> String {
    match hint {
        Hint::NoRoads => t(lang,
            "aucune route praticable trouvée ; est-ce bien un extrait OpenStreetMap avec des routes (highway=*) ?",
            "no drivable road found; is this an OpenStreetMap extract with highway=* roads?",
        ).to_string(),
        Hint::SmallLargestComponent { share } => match lang {
            Lang::Fr => format!("la plus grande composante ne garde que {} % des nœuds : données coupées ou abîmées ?", num(share * 100.0, 1, lang)),
            Lang::En => format!("the largest component keeps only {} % of the nodes: cut or damaged data?", num(share * 100.0, 1, lang)),
        },
        Hint::ManyDropped { share } => match lang {
            Lang::Fr => format!("l'import a écarté {} % des nœuds : vérifiez le fichier source et le rayon", num(share * 100.0, 1, lang)),
            Lang::En => format!("the import dropped {} % of the nodes: check the source file and the radius", num(share * 100.0, 1, lang)),
        },
        Hint::AbsurdBoundingBox => t(lang,
            "emprise invraisemblable (coordonnées nulles, hors du globe ou sur un continent entier)",
            "implausible bounding box (zero coordinates, off the globe or a whole continent)",
        ).to_string(),
        Hint::Synthetic => t(lang,
            "carte SYNTHÉTIQUE : les temps de trajet sont approximatifs ; importez un vrai extrait OpenStreetMap (tournee map import)",
            "SYNTHETIC map: travel times are rough estimates; import a real OpenStreetMap extract (tournee map import)",
        ).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn low_bridge() -> MapInfo {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/low-bridge.osm");
        maps::info(&path).unwrap()
    }

    #[test]
    fn report_in_french_and_english() {
        insta::assert_snapshot!("info_low_bridge_fr", render(&low_bridge(), Lang::Fr));
        insta::assert_snapshot!("info_low_bridge_en", render(&low_bridge(), Lang::En));
    }

    #[test]
    fn synthetic_maps_and_warnings_are_loud() {
        let mut info = low_bridge();
        info.synthetic = true;
        info.format = Format::Graph;
        info.profile = Some("car".into());
        info.components = None;
        info.hints = vec![Hint::Synthetic, Hint::ManyDropped { share: 0.75 }];
        insta::assert_snapshot!("info_synthetic_fr", render(&info, Lang::Fr));
        let en = render(&info, Lang::En);
        assert!(en.starts_with("!!! SYNTHETIC MAP"), "{en}");
    }
}
