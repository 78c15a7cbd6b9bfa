//! The scenario and the road map of a coverage study: `--scenario FILE` (or the embedded
//! example), `--map FILE` (or the scenario's map, or the synthetic map of Cantal).

use crate::Lang;
use crate::commands::plan::lang_of;
use crate::exit::BadInput;
use anyhow::Context;
use maps::RoadNetwork;
use planner::coverage as cov;
use planner::week::model::MapChoice;
use planner::week::pipeline::{DEFAULT_SCENARIO, map_choice};
use planner::week::roads::Roads;
use planner::week::{Scenario, validate};
use std::path::{Path, PathBuf};

/// `--scenario` without a file, or with this word: the embedded example of the Mauriac team.
pub const EMBEDDED: &str = "default";

/// A scenario's text, the name it is reported under and the folder its map path is relative to.
pub struct Source {
    pub text: String,
    pub name: String,
    pub dir: PathBuf,
}

/// Reads `--scenario`: a file, or the embedded example for "default" (a file of that name is
/// written `./default`).
pub fn read(arg: &str) -> anyhow::Result<Source> {
    if arg == EMBEDDED {
        return Ok(Source {
            text: DEFAULT_SCENARIO.to_string(),
            name: "scenario.toml (intégré / embedded)".to_string(),
            dir: PathBuf::from("."),
        });
    }
    let path = Path::new(arg);
    let text = std::fs::read_to_string(path).map_err(|e| {
        let (p, fr) = (path.display(), planner::week::text::io_error_fr(&e));
        BadInput(planner::week::text::Text::new(
            format!("--scenario {p}: {fr} ; donnez un fichier de scénario (TOML), ou `--scenario default` pour l'exemple intégré"),
            format!("--scenario {p}: {e}; give a scenario file (TOML), or `--scenario default` for the embedded example"),
        ))
    })?;
    Ok(Source {
        text,
        name: path.display().to_string(),
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
    })
}

/// The road map and the one line saying where travel times come from.
pub struct Map {
    pub roads: Roads,
    pub note: String,
}

/// The road map: `--map`, else the scenario's own `map`, else the synthetic map of Cantal
/// built into tournee.
pub fn map(map: Option<&Path>, scenario: Option<&Source>, lang: cov::Lang) -> anyhow::Result<Map> {
    let file = match (map, scenario.map(|s| (map_choice(&s.text), &s.dir))) {
        (Some(path), _) => Some(path.to_path_buf()),
        (None, Some((MapChoice::File(p), dir))) => Some(dir.join(p)),
        _ => None,
    };
    let (network, name) = match file {
        Some(path) => {
            let network = RoadNetwork::load(&path).map_err(crate::exit::map_error)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (network, name)
        }
        None => (
            maps::synth::cantal().context("the built-in map of Cantal cannot be read")?,
            "cantal-synth.graph".to_string(),
        ),
    };
    let synthetic = network.graph().meta.synthetic;
    Ok(Map {
        roads: Roads::from_network(network, &name),
        note: map_note(&name, synthetic, lang),
    })
}

/// Validates the scenario against the map's area; every problem at once (exit 2).
pub fn validated(source: &Source, roads: &Roads, lang: Lang) -> anyhow::Result<Scenario> {
    validate(&source.text, &source.name, roads.bounds())
        .map_err(|d| BadInput::said(d.render(lang_of(lang))).into())
}

/// One line saying where the travel times come from.
fn map_note(name: &str, synthetic: bool, lang: cov::Lang) -> String {
    let mut note = format!(
        "{} {name}",
        lang.pick("Temps de route sur la carte", "Road times on the map")
    );
    if synthetic {
        note.push_str(lang.pick(
            " (réseau synthétique entre centres de communes, pas une vraie carte routière)",
            " (synthetic network between commune centres, not a real road map)",
        ));
    }
    note
}
