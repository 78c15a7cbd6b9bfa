//! Errors of the `maps` crate. Each names what went wrong and where, in one line, so the
//! command line can print it as is and exit with code 2 (bad input) or 1 (our fault).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("cannot read {path}: {source} [M001]")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: [M002] no such file — fix: check the path")]
    NotFound { path: PathBuf },
    #[error("{path}: [M003] the file is empty — fix: download or export it again")]
    EmptyFile { path: PathBuf },
    #[error(
        "{path}: [M004] not a valid OpenStreetMap file ({detail}) — fix: download it again, or check it is a .osm.pbf, .osm or .osm.gz file"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path}: [M005] unknown file type — fix: give a .osm.pbf, .osm, .osm.gz or .graph file"
    )]
    UnknownFormat { path: PathBuf },
    #[error("{path}: [M006] no drivable road found{hint}")]
    NoRoads { path: PathBuf, hint: String },
    #[error("{path}: [M007] graph file {detail} — fix: import it again with `tournee map import`")]
    BadGraphFile { path: PathBuf, detail: String },
    #[error(
        "[M008] unknown place {name:?}: not a commune of {list} — fix: give a commune name or LAT,LON"
    )]
    UnknownPlace {
        name: String,
        list: String,
        /// The closest names, already in `list` (for messages in other languages).
        suggestions: Vec<String>,
    },
    #[error("[M009] invalid {what} {value:?} — fix: {hint}")]
    InvalidArgument {
        what: &'static str,
        value: String,
        hint: String,
    },
    #[error(
        "[M010] point {id:?} is {distance_m:.0} m from the nearest road (limit {limit_m:.0} m) — fix: check its coordinates or use a map that covers it"
    )]
    /// The coordinates stay out of the message: they may be someone's home.
    CannotSnap {
        id: String,
        lat: f64,
        lon: f64,
        distance_m: f64,
        limit_m: f64,
    },
    #[error("[M011] router section {detail} — fix: import the map again with `tournee map import`")]
    BadRouter { detail: String },
    #[error(
        "{path}:{line}: [M012] {detail} — fix: one point per line, id,lat,lon in WGS84 degrees"
    )]
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
