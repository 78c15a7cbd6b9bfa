//! Reading OpenStreetMap files: PBF (`.osm.pbf`) and XML (`.osm`, `.osm.gz`).
//!
//! Both readers produce the same two things: the drivable ways (pass 1: node references and the
//! speeds the profile gives them, everything else dropped at once) and the coordinates of the
//! nodes those ways use (pass 2). Nothing else of the file is kept in memory.

pub mod pbf;
pub mod tags;
pub mod xml;

use crate::error::MapError;
use crate::graph::RoadClass;
use crate::profile::Profile;
use crate::units::LatLon;
use std::io::Read;
use std::path::Path;
use tags::{Exclusion, RawTags, RoadTags};

/// What kind of file a path holds, told from its first bytes (the extension only breaks ties).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pbf,
    Xml,
    XmlGz,
    Graph,
}

/// Where OpenStreetMap bytes come from: a file (read as a stream, twice for PBF, never held
/// whole in memory), or bytes already in memory (what the fuzz targets and some tests give).
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    File(&'a Path),
    /// `name` only names the data in messages.
    Bytes {
        name: &'a Path,
        data: &'a [u8],
    },
}

impl<'a> Input<'a> {
    /// The path used in messages.
    pub fn path(&self) -> &'a Path {
        match *self {
            Input::File(p) => p,
            Input::Bytes { name, .. } => name,
        }
    }

    /// A fresh reader from the first byte, and the length in bytes.
    pub fn open(&self) -> Result<(Box<dyn Read + Send + 'a>, u64), MapError> {
        match *self {
            Input::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
                let len = file.metadata().map_err(|e| io_error(path, e))?.len();
                Ok((Box::new(file), len))
            }
            Input::Bytes { data, .. } => Ok((Box::new(data), data.len() as u64)),
        }
    }
}

/// Detects the format of `path`: empty files and unknown contents are errors.
pub fn detect(path: &Path) -> Result<Format, MapError> {
    detect_input(Input::File(path))
}

/// Detects the format of any input, from its first bytes (the name only breaks ties).
pub fn detect_input(input: Input<'_>) -> Result<Format, MapError> {
    let path = input.path();
    let mut head = [0u8; 64];
    let (mut file, _) = input.open()?;
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(io_error(path, e)),
        }
    }
    let head = &head[..n];
    if head.is_empty() {
        return Err(MapError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    if head.starts_with(b"TOURNEEG") {
        return Ok(Format::Graph);
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Ok(Format::XmlGz);
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return Ok(Format::Xml);
    }
    // A PBF starts with the 4-byte length of a BlobHeader whose first field is the type string.
    if head.len() >= 6 && head[..2] == [0, 0] && head[4] == 0x0a {
        return Ok(Format::Pbf);
    }
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".pbf") {
        return Err(MapError::Corrupt {
            path: path.to_path_buf(),
            detail: "the file does not start with a PBF header".into(),
        });
    }
    Err(MapError::UnknownFormat {
        path: path.to_path_buf(),
    })
}

pub(crate) fn io_error(path: &Path, source: std::io::Error) -> MapError {
    if source.kind() == std::io::ErrorKind::NotFound {
        return MapError::NotFound {
            path: path.to_path_buf(),
        };
    }
    MapError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub(crate) fn corrupt(path: &Path, detail: impl std::fmt::Display) -> MapError {
    MapError::Corrupt {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    }
}

/// A drivable way: class and speeds (km/h, 0 where that direction is closed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WayAttrs {
    pub class: RoadClass,
    pub forward_kmh: f32,
    pub backward_kmh: f32,
}

/// What pass 1 saw, for the import report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WayStats {
    /// Ways with a `highway` class a car may drive, before access and size checks.
    pub road_ways: u64,
    /// Of those, left out: by [`Exclusion`] (area, access, dimensions, impassable).
    pub excluded: [u64; 4],
}

impl WayStats {
    pub fn add(&mut self, other: &WayStats) {
        self.road_ways += other.road_ways;
        for (a, b) in self.excluded.iter_mut().zip(other.excluded) {
            *a += b;
        }
    }

    pub fn excluded_by(&self, why: Exclusion) -> u64 {
        self.excluded[why as usize]
    }
}

/// The drivable ways in a flat layout: way `i` uses `refs[starts[i] .. starts[i + 1]]`.
#[derive(Clone, Debug, PartialEq)]
pub struct WaySet {
    pub refs: Vec<i64>,
    pub starts: Vec<usize>,
    pub attrs: Vec<WayAttrs>,
}

impl Default for WaySet {
    fn default() -> Self {
        WaySet {
            refs: Vec::new(),
            starts: vec![0],
            attrs: Vec::new(),
        }
    }
}

impl WaySet {
    pub fn len(&self) -> usize {
        self.attrs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty()
    }

    pub fn way(&self, i: usize) -> &[i64] {
        &self.refs[self.starts[i]..self.starts[i + 1]]
    }

    pub fn push(&mut self, refs: impl IntoIterator<Item = i64>, attrs: WayAttrs) {
        self.refs.extend(refs);
        self.starts.push(self.refs.len());
        self.attrs.push(attrs);
    }

    /// Appends another set (the ways of the next block), keeping file order.
    pub fn append(&mut self, other: &WaySet) {
        let base = self.refs.len();
        self.refs.extend_from_slice(&other.refs);
        self.starts
            .extend(other.starts.iter().skip(1).map(|s| s + base));
        self.attrs.extend_from_slice(&other.attrs);
    }

    /// Sorted, deduplicated ids of every node the ways use.
    pub fn node_ids(&self) -> Vec<i64> {
        let mut ids = self.refs.clone();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Keeps the ways for which `keep(i)` is true.
    pub fn retain(&self, mut keep: impl FnMut(usize) -> bool) -> WaySet {
        let mut out = WaySet::default();
        for i in 0..self.len() {
            if keep(i) {
                out.push(self.way(i).iter().copied(), self.attrs[i]);
            }
        }
        out
    }
}

/// Decides from its tags whether a way is kept, counting why not.
pub fn judge_way<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    profile: &Profile,
    stats: &mut WayStats,
) -> Option<WayAttrs> {
    let raw = RawTags::from_pairs(pairs);
    let tags = RoadTags::parse(&raw)?;
    stats.road_ways += 1;
    match profile.speeds(&tags) {
        Ok(s) => Some(WayAttrs {
            class: tags.class,
            forward_kmh: s.forward_kmh.unwrap_or(0.0) as f32,
            backward_kmh: s.backward_kmh.unwrap_or(0.0) as f32,
        }),
        Err(why) => {
            stats.excluded[why as usize] += 1;
            None
        }
    }
}

/// Node positions in 1e-7 degrees (the PBF resolution), for sorted ids.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeCoords {
    pub ids: Vec<i64>,
    /// `[lat, lon]`; [`NodeCoords::MISSING`] for nodes the file does not hold.
    pub pos: Vec<[i32; 2]>,
}

impl NodeCoords {
    pub const MISSING: [i32; 2] = [i32::MIN, i32::MIN];

    pub fn new(ids: Vec<i64>) -> NodeCoords {
        let pos = vec![NodeCoords::MISSING; ids.len()];
        NodeCoords { ids, pos }
    }

    pub fn index(&self, id: i64) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }

    pub fn latlon(&self, i: usize) -> Option<LatLon> {
        let p = self.pos[i];
        (p != NodeCoords::MISSING).then(|| to_latlon(p))
    }

    pub fn missing(&self) -> usize {
        self.pos
            .iter()
            .filter(|p| **p == NodeCoords::MISSING)
            .count()
    }
}

pub fn to_latlon(p: [i32; 2]) -> LatLon {
    LatLon::new(f64::from(p[0]) * 1e-7, f64::from(p[1]) * 1e-7)
}

/// Degrees → 1e-7 degrees; `None` outside the globe.
pub fn to_fixed(lat: f64, lon: f64) -> Option<[i32; 2]> {
    let ok = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    ok.then(|| [(lat * 1e7).round() as i32, (lon * 1e7).round() as i32])
}

/// Progress of a pass: bytes of the file read so far.
pub type PassProgress<'a> = &'a mut dyn FnMut(u64, u64);
