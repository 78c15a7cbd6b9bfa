//! Errors of the `maps` crate. Each names what went wrong and where, in one line, so the
//! command line can print it as is and exit with code 2 (bad input) or 1 (our fault).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no such file; check the path")]
    NotFound { path: PathBuf },
    #[error("{path}: the file is empty")]
    EmptyFile { path: PathBuf },
    #[error(
        "{path}: not a valid OpenStreetMap file ({detail}); re-download it or check it is a .osm.pbf, .osm or .osm.gz file"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: unknown file type; expected .osm.pbf, .osm, .osm.gz or .graph")]
    UnknownFormat { path: PathBuf },
    #[error("{path}: no drivable road found{hint}")]
    NoRoads { path: PathBuf, hint: String },
    #[error("{path}: graph file {detail}; re-import it with `tournee map import`")]
    BadGraphFile { path: PathBuf, detail: String },
    #[error("unknown place {name:?}: not a commune of {list}; give a commune name or LAT,LON")]
    UnknownPlace { name: String, list: String },
    #[error("invalid {what} {value:?}: {hint}")]
    InvalidArgument {
        what: &'static str,
        value: String,
        hint: String,
    },
    #[error(
        "point {id:?} is {distance_m:.0} m from the nearest road (limit {limit_m:.0} m); check its coordinates or use a map that covers it"
    )]
    /// The coordinates stay out of the message: they may be someone's home.
    CannotSnap {
        id: String,
        lat: f64,
        lon: f64,
        distance_m: f64,
        limit_m: f64,
    },
    #[error("router section {detail}; re-import the map with `tournee map import`")]
    BadRouter { detail: String },
    #[error("{path}, line {line}: {detail}")]
    BadPointsFile {
        path: PathBuf,
        line: usize,
        detail: String,
    },
}

impl MapError {
    /// True when the user can fix it (exit code 2); false for faults of the program or the machine.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, MapError::Io { .. })
    }
}
