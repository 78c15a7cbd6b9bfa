//! `maps`: OpenStreetMap → road graph → travel times.
//!
//! The planner only sees [`units`] and travel matrices; OSM types never leave this crate.

pub mod atomic;
pub mod build;
pub mod error;
pub mod graph;
pub mod import;
pub mod info;
pub mod osm;
pub mod places;
pub mod profile;
pub mod store;
pub mod units;

pub use error::MapError;
pub use graph::{Deciseconds, Edge, GraphMeta, NodeId, RoadClass, RoadGraph};
pub use import::{Area, ImportOptions, ImportProgress, ImportReport, ImportStage, import};
pub use info::{MapInfo, info};
pub use profile::{Profile, Vehicle};
pub use units::{LatLon, Meters, Seconds};
