//! A **synthetic** road network for Cantal, shipped because the real one cannot be bundled
//! offline. It is not a map: its roads are invented between the real centres of the communes,
//! sized so that travel times come out plausible (Mauriac → Ydes about 22 min, as on the real
//! D922). Every graph it makes says so (`GraphMeta::synthetic`), and `tournee map info` shows it.
//! Users who need real roads import an OpenStreetMap extract instead.
//!
//! How it is made, deterministically from the commune list and a seed:
//! 1. **Junctions** at the centres of all communes (the centroids of `cantal-communes.csv`).
//! 2. **Which communes a road joins**: the Gabriel graph of the centres (two communes are joined
//!    when no other centre lies in the circle whose diameter joins them). It is connected, never
//!    crosses itself, and joins each village to its natural neighbours without long jumps over
//!    others — roughly how the departmental roads between villages look.
//! 3. **Road class**: a gravity model. Every pair of communes exchanges traffic in proportion to
//!    the product of their populations over the square of their distance; it is sent along the
//!    shortest roads, and the busiest fifth of the roads become `secondary` (the D roads between
//!    towns, 70 km/h by car), the next third `tertiary`, the rest `unclassified` (lanes between
//!    hamlets). Main roads thus link the towns through the villages on the way, as real ones do.
//! 4. **Length**: straight line times a winding factor by terrain ([`winding_factor`]): 1.5 in
//!    the mountains of the Cantal volcano, 1.4 on its slopes, 1.3 on the plateaus and valleys
//!    around. Time is length over the class speed of the profile ([`speed_kmh`]).
//! 5. **Shape**: each road is drawn as a gentle meander with a point every ~800 m (seeded by the
//!    two communes and the seed), so a position near the road snaps along it, not to a junction.
//! 6. **Streets**: a few residential dead ends of a few hundred metres around each centre, in
//!    the directions the roads leave free, so a person placed "in Vebret" snaps within limits.
//!
//! All roads are two-way. What it cannot know: real road layout, bridges, gorges, one-way
//! streets, the villages' real shape. Homes more than 1 km from these invented roads do not snap
//! by default; use a real map, or a wider snap limit with this one.

mod roads;
#[cfg(test)]
mod tests;

use crate::error::MapError;
use crate::graph::{GraphMeta, RoadClass, RoadGraph};
use crate::network::RoadNetwork;
use crate::places::Commune;
use crate::profile::Profile;
use crate::route::Router;
use crate::store::GraphFile;
use crate::units::LatLon;

/// The shipped synthetic map of Cantal, made by `tournee map synth -o fixtures/maps/cantal-synth.graph`
/// (camping-car profile, seed [`DEFAULT_SEED`]); a test checks it still matches that command.
pub const CANTAL_SYNTH_GRAPH: &[u8] = include_bytes!("../../../fixtures/maps/cantal-synth.graph");

/// The shipped synthetic map, ready to route on: the default when no real map was imported.
pub fn cantal() -> Result<RoadNetwork, MapError> {
    RoadNetwork::from_bytes(CANTAL_SYNTH_GRAPH, "cantal-synth.graph")
}

/// The seed of the shipped map (Cantal's département number).
pub const DEFAULT_SEED: u64 = 15;

/// The speed limit the synthetic roads are taken to be signed at, per class, in km/h.
///
/// French rural roads are limited to 80 km/h (90 on some departmental roads since 2019), village
/// streets to 50 or 30. The synthetic network has no tags, so it gives each class a notional
/// limit and reads it exactly as an imported OSM way with that `maxspeed` would be read by the
/// profile ([`Profile::signed_speed_kmh`]): one speed logic for real and synthetic maps. The
/// figures are chosen so the car keeps the averages of winding rural roads (secondary 72 km/h,
/// tertiary 56, unclassified 48, village streets 24), which put Mauriac → Ydes at about 23 min
/// (the real drive is about 22 min).
pub fn synthetic_limit_kmh(class: RoadClass) -> f64 {
    use RoadClass::*;
    match class {
        Motorway | MotorwayLink => 130.0,
        Trunk | TrunkLink | Primary | PrimaryLink | Secondary | SecondaryLink => 90.0,
        Tertiary | TertiaryLink => 70.0,
        Unclassified => 60.0,
        Residential | LivingStreet | Service => 30.0,
    }
}

/// Average driving speed on a synthetic road of `class` for `profile`, in km/h.
pub fn speed_kmh(profile: &Profile, class: RoadClass) -> f64 {
    profile.signed_speed_kmh(class, synthetic_limit_kmh(class))
}

/// The top of the Cantal volcano (between the Puy Mary and the Plomb du Cantal): the terrain
/// gets steeper, and the roads more winding, the closer they pass to it.
const VOLCANO: LatLon = LatLon::new(45.08, 2.72);

/// Road length over straight-line distance, by the terrain at the road's midpoint.
pub fn winding_factor(midpoint: LatLon) -> f64 {
    let km = midpoint.haversine_m(VOLCANO) / 1000.0;
    if km < 15.0 {
        1.5
    } else if km < 30.0 {
        1.4
    } else {
        1.3
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SynthOptions {
    pub seed: u64,
    pub profile: Profile,
    /// File name of the commune list, recorded in the graph's metadata.
    pub source: String,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            seed: DEFAULT_SEED,
            profile: Profile::camping_car(),
            source: "cantal-communes.csv".into(),
        }
    }
}

/// Generates the synthetic network between `communes` (nodes `0..communes.len()` are their
/// centres, in order).
pub fn synthesize(communes: &[Commune], options: &SynthOptions) -> RoadGraph {
    let centres: Vec<LatLon> = communes.iter().map(Commune::centre).collect();
    let links = roads::gabriel(&centres);
    let populations: Vec<u32> = communes.iter().map(|c| c.population).collect();
    let classes = roads::classify(&centres, &populations, &links);
    let mut builder = roads::Builder::new(centres, options);
    for (&(a, b), &class) in links.iter().zip(&classes) {
        builder.road(a, b, class);
    }
    for (i, c) in communes.iter().enumerate() {
        builder.streets(i as u32, c.population);
    }
    let meta = GraphMeta {
        profile: options.profile.name.into(),
        source: format!("synthetic from {}, seed {}", options.source, options.seed),
        synthetic: true,
        dropped_nodes: 0,
        dropped_edges: 0,
    };
    builder.finish(meta)
}

/// The graph file of [`synthesize`], with its router.
pub fn synthesize_file(communes: &[Commune], options: &SynthOptions) -> GraphFile {
    let graph = synthesize(communes, options);
    GraphFile {
        router: Router::build(&graph).to_bytes(),
        graph,
    }
}

/// A small deterministic generator (SplitMix64): the shipped file must not change when a
/// dependency's random number generator does.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}
