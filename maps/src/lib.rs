//! `maps`: OpenStreetMap → road graph → travel times.
//!
//! The planner only sees [`units`] and travel matrices; OSM types never leave this crate.

pub mod atomic;
pub mod error;
pub mod graph;
pub mod network;
pub mod places;
pub mod points;
pub mod route;
pub mod snap;
pub mod store;
pub mod synth;
pub mod units;

pub use error::MapError;
pub use graph::{Deciseconds, Edge, EdgeId, GraphMeta, NodeId, RoadClass, RoadGraph};
pub use network::{Path, RoadNetwork, TravelMatrix};
pub use route::Router;
pub use snap::Snapped;
pub use units::{LatLon, Meters, Seconds};
