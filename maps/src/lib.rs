//! `maps`: OpenStreetMap → road graph → travel times.
//!
//! The planner only sees [`units`] and travel matrices; OSM types never leave this crate.

pub mod atomic;
pub mod build;
pub mod error;
pub mod graph;
pub mod import;
pub mod info;
pub mod network;
pub mod osm;
pub mod places;
pub mod points;
pub mod profile;
pub mod route;
pub mod snap;
pub mod store;
pub mod synth;
pub mod units;

pub use error::MapError;
pub use graph::{Deciseconds, Edge, EdgeId, GraphMeta, NodeId, RoadClass, RoadGraph};
pub use import::{Area, ImportOptions, ImportProgress, ImportReport, ImportStage, import};
pub use info::{MapInfo, info};
pub use network::{Path, RoadNetwork, TravelMatrix};
pub use profile::{Profile, Vehicle};
pub use route::Router;
pub use snap::Snapped;
pub use units::{LatLon, Meters, Seconds};
