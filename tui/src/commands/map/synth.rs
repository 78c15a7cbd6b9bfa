//! `tournee map synth`: the synthetic road network between the communes of Cantal (a stand-in
//! for the real roads, labelled as such), as shipped in `fixtures/maps/cantal-synth.graph`.

use crate::Lang;
use crate::exit::{BadInput, map_error};
use maps::Profile;
use maps::places::Gazetteer;
use maps::synth::{DEFAULT_SEED, SynthOptions, synthesize_file};
use planner::tr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct SynthArgs {
    /// Communes as CSV insee_code,name,arrondissement,population,lat,lon; the communes of
    /// Cantal built into tournee by default.
    #[arg(long)]
    pub communes: Option<PathBuf>,
    /// Seed of the road drawing: the same seed gives the same file, byte for byte.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Vehicle the travel times are for.
    #[arg(long, default_value = "camping-car", value_parser = ["car", "camping-car"])]
    pub profile: String,
    /// The graph file to write.
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: SynthArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let (gazetteer, source) = match &args.communes {
        None => (
            Gazetteer::cantal().clone(),
            "cantal-communes.csv".to_string(),
        ),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| crate::exit::unreadable(path, &e))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            (
                Gazetteer::parse(&text, &path.display().to_string()).map_err(map_error)?,
                name,
            )
        }
    };
    if gazetteer.communes().len() < 2 {
        return Err(BadInput(tr!(
            "{source}: il faut au moins deux communes à relier par des routes",
            "{source}: needs at least two communes to join by roads"
        ))
        .into());
    }
    let options = SynthOptions {
        seed: args.seed,
        profile: Profile::by_name(&args.profile).map_err(map_error)?,
        source,
    };
    let file = synthesize_file(gazetteer.communes(), &options);
    maps::store::save(&args.output, &file).map_err(map_error)?;
    let (nodes, edges) = (file.graph.node_count(), file.graph.edge_count());
    match lang {
        Lang::Fr => println!(
            "{}: réseau SYNTHÉTIQUE (pas une vraie carte), {nodes} carrefours, {edges} tronçons, profil {}",
            args.output.display(),
            args.profile
        ),
        Lang::En => println!(
            "{}: SYNTHETIC network (not a real map), {nodes} junctions, {edges} road edges, {} profile",
            args.output.display(),
            args.profile
        ),
    }
    Ok(ExitCode::SUCCESS)
}
