//! The graph file: what `tournee map import` writes and every other command loads.
//!
//! Layout: a fixed header (magic, format version, body length, CRC-32 of the body), then the
//! body in postcard encoding: the [`RoadGraph`] and an opaque router section (the contraction
//! hierarchy, built at import so later commands do not pay for it). A file from another
//! version, a truncated file or a flipped bit is refused with a message saying to re-import.

use crate::atomic::{Backup, Privacy, write_atomic};
use crate::error::MapError;
use crate::graph::RoadGraph;
use serde::{Deserialize, Serialize};
use std::path::Path;

const MAGIC: &[u8; 8] = b"TOURNEEG";
/// Bump when the body layout changes; older files are then refused, not misread.
pub const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 8 + 4;

/// Everything a graph file holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphFile {
    pub graph: RoadGraph,
    /// Serialized router (see `route`); empty when none was stored.
    pub router: Vec<u8>,
}

/// Encodes a graph file in memory (used for the embedded default map too).
pub fn encode(file: &GraphFile) -> Result<Vec<u8>, MapError> {
    let body = postcard::to_stdvec(file).map_err(|e| MapError::InvalidArgument {
        what: "graph",
        value: String::new(),
        hint: format!("cannot encode: {e}"),
    })?;
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Decodes a graph file; `path` only names the file in errors.
pub fn decode(bytes: &[u8], path: &Path) -> Result<GraphFile, MapError> {
    let bad = |detail: String| MapError::BadGraphFile {
        path: path.to_path_buf(),
        detail,
    };
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(bad("is not a tournee graph file".into()));
    }
    let version = u32::from_le_bytes(array(&bytes[8..12]));
    if version != FORMAT_VERSION {
        return Err(bad(format!(
            "has format version {version}, this tournee reads version {FORMAT_VERSION}"
        )));
    }
    let len = u64::from_le_bytes(array(&bytes[12..20]));
    let crc = u32::from_le_bytes(array(&bytes[20..24]));
    let body = &bytes[HEADER_LEN..];
    if body.len() as u64 != len {
        return Err(bad(format!("is truncated ({} of {len} bytes)", body.len())));
    }
    if crc32fast::hash(body) != crc {
        return Err(bad("is damaged (checksum mismatch)".into()));
    }
    postcard::from_bytes(body).map_err(|e| bad(format!("cannot be decoded ({e})")))
}

/// Writes a graph file atomically.
pub fn save(path: &Path, file: &GraphFile) -> Result<(), MapError> {
    let bytes = encode(file)?;
    write_atomic(path, &bytes, Privacy::Public, Backup::None).map_err(|source| MapError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a graph file.
pub fn load(path: &Path) -> Result<GraphFile, MapError> {
    let bytes = std::fs::read(path).map_err(|source| MapError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if bytes.is_empty() {
        return Err(MapError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    decode(&bytes, path)
}

fn array<const N: usize>(s: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(s);
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::GraphMeta;
    use crate::units::LatLon;

    fn sample() -> GraphFile {
        GraphFile {
            graph: RoadGraph::from_edges(
                GraphMeta {
                    profile: "car".into(),
                    ..GraphMeta::default()
                },
                vec![LatLon::new(45.0, 2.0)],
                vec![],
                vec![],
            ),
            router: vec![1, 2, 3],
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.graph");
        save(&path, &sample()).unwrap();
        assert_eq!(load(&path).unwrap(), sample());
    }

    #[test]
    fn refuses_truncated_damaged_and_foreign_files() {
        let bytes = encode(&sample()).unwrap();
        let p = Path::new("x.graph");
        let cut = decode(&bytes[..bytes.len() - 1], p)
            .unwrap_err()
            .to_string();
        assert!(cut.contains("truncated"), "{cut}");
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(
            decode(&flipped, p)
                .unwrap_err()
                .to_string()
                .contains("checksum")
        );
        assert!(decode(b"hello world, not a graph", p).is_err());
        let mut old = bytes;
        old[8] = 0;
        assert!(decode(&old, p).unwrap_err().to_string().contains("version"));
    }
}
