//! The PBF reader: blobs are read in order from one buffered file handle and decoded in
//! parallel batches (zlib and protobuf are where the time goes), results merged in file order so
//! the import is deterministic.
//!
//! Pass 1 decodes every blob, keeps drivable ways and notes which blobs hold nodes; pass 2
//! decodes only those blobs and keeps the coordinates of the nodes the ways use, found by
//! binary search in a sorted id vector (8 bytes per needed node, nothing per other node).

use super::{Input, NodeCoords, PassProgress, WaySet, WayStats, corrupt, judge_way};
use crate::error::MapError;
use crate::profile::Profile;
use osmpbf::{Blob, BlobDecode, BlobReader, PrimitiveBlock};
use rayon::prelude::*;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Blobs decoded per parallel batch: enough to keep both cores busy, few enough to bound memory.
const BATCH: usize = 32;

/// Features a reader must understand; anything else in `required_features` is refused.
const SUPPORTED_FEATURES: [&str; 2] = ["OsmSchema-V0.6", "DenseNodes"];

/// Counts the bytes the blob reader consumed, to tell a complete file from a truncated one.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Result of pass 1.
pub struct WayPass {
    pub ways: WaySet,
    pub stats: WayStats,
    /// For each blob in file order: whether it holds nodes (pass 2 reads only those).
    pub node_blobs: Vec<bool>,
}

struct BlobWays {
    ways: WaySet,
    stats: WayStats,
    has_nodes: bool,
}

/// Pass 1: the drivable ways.
pub fn read_ways(
    input: Input<'_>,
    profile: &Profile,
    progress: PassProgress<'_>,
) -> Result<WayPass, MapError> {
    let mut pass = WayPass {
        ways: WaySet::default(),
        stats: WayStats::default(),
        node_blobs: Vec::new(),
    };
    let path = input.path();
    let decode = |index: usize, blob: &Blob| decode_ways(path, index, blob, profile);
    for_each_blob(
        input,
        |_| true,
        decode,
        progress,
        |_, found: BlobWays| {
            pass.ways.append(&found.ways);
            pass.stats.add(&found.stats);
            pass.node_blobs.push(found.has_nodes);
        },
    )?;
    Ok(pass)
}

/// Pass 2: fills the coordinates of `coords.ids` from the blobs marked in `node_blobs`.
pub fn read_nodes(
    input: Input<'_>,
    node_blobs: &[bool],
    coords: &mut NodeCoords,
    progress: PassProgress<'_>,
) -> Result<(), MapError> {
    let ids = std::mem::take(&mut coords.ids);
    let wanted = |i: usize| node_blobs.get(i).copied().unwrap_or(false);
    let path = input.path();
    let decode = |_: usize, blob: &Blob| decode_nodes(path, blob, &ids);
    let pos = &mut coords.pos;
    let result = for_each_blob(
        input,
        wanted,
        decode,
        progress,
        |_, found: Vec<(u32, [i32; 2])>| {
            for (i, p) in found {
                pos[i as usize] = p;
            }
        },
    );
    coords.ids = ids;
    result
}

/// Reads every blob, decodes those `wanted` in parallel batches, hands results to `sink` in order.
fn for_each_blob<T: Send>(
    input: Input<'_>,
    wanted: impl Fn(usize) -> bool,
    decode: impl Fn(usize, &Blob) -> Result<T, MapError> + Sync,
    progress: PassProgress<'_>,
    mut sink: impl FnMut(usize, T),
) -> Result<(), MapError> {
    let path = input.path();
    let (file, len) = input.open()?;
    if len == 0 {
        return Err(MapError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let count = Arc::new(AtomicU64::new(0));
    let counting = Counting {
        inner: BufReader::with_capacity(1 << 20, file),
        count: Arc::clone(&count),
    };
    let mut reader = BlobReader::new(counting);
    let (mut index, mut consumed, mut done) = (0usize, 0u64, false);
    while !done {
        let mut batch = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            match reader.next() {
                None => {
                    done = true;
                    break;
                }
                Some(Err(e)) => return Err(corrupt(path, format!("block {}: {e}", index + 1))),
                Some(Ok(blob)) => {
                    consumed = count.load(Ordering::Relaxed);
                    if wanted(index) {
                        batch.push((index, blob));
                    }
                    index += 1;
                }
            }
        }
        let results: Vec<(usize, Result<T, MapError>)> = batch
            .par_iter()
            .map(|(i, blob)| (*i, decode(*i, blob)))
            .collect();
        for (i, r) in results {
            sink(i, r?);
        }
        progress(consumed, len);
    }
    if index == 0 {
        return Err(corrupt(path, "no data block found"));
    }
    if consumed != len {
        return Err(corrupt(
            path,
            format!("the file is truncated or has trailing garbage after byte {consumed} of {len}"),
        ));
    }
    Ok(())
}

fn decode_ways(
    path: &Path,
    index: usize,
    blob: &Blob,
    profile: &Profile,
) -> Result<BlobWays, MapError> {
    let mut out = BlobWays {
        ways: WaySet::default(),
        stats: WayStats::default(),
        has_nodes: false,
    };
    let block = match blob.decode() {
        Ok(BlobDecode::OsmData(block)) if index > 0 => block,
        Ok(BlobDecode::OsmHeader(header)) if index == 0 => {
            check_features(path, header.required_features())?;
            return Ok(out);
        }
        Ok(BlobDecode::Unknown(_)) if index > 0 => return Ok(out),
        Ok(_) if index == 0 => return Err(corrupt(path, "the first block is not an OSM header")),
        Ok(_) => {
            return Err(corrupt(
                path,
                format!("block {}: a second header", index + 1),
            ));
        }
        Err(e) => return Err(corrupt(path, format!("block {}: {e}", index + 1))),
    };
    collect_ways(&block, profile, &mut out);
    Ok(out)
}

fn check_features(path: &Path, required: &[String]) -> Result<(), MapError> {
    match required
        .iter()
        .find(|f| !SUPPORTED_FEATURES.contains(&f.as_str()))
    {
        Some(f) => Err(corrupt(path, format!("unsupported PBF feature {f:?}"))),
        None => Ok(()),
    }
}

fn collect_ways(block: &PrimitiveBlock, profile: &Profile, out: &mut BlobWays) {
    let table = block.raw_stringtable();
    let text = |i: u32| {
        table
            .get(i as usize)
            .and_then(|s| std::str::from_utf8(s).ok())
    };
    // Most ways are not roads: compare the key index before decoding any string.
    let highway = table.iter().position(|s| s.as_slice() == b"highway");
    for group in block.groups() {
        out.has_nodes |= group.dense_nodes().len() > 0 || group.nodes().len() > 0;
        let Some(highway) = highway else { continue };
        for way in group.ways() {
            if !way.raw_tags().any(|(k, _)| k as usize == highway) {
                continue;
            }
            let pairs = way
                .raw_tags()
                .filter_map(|(k, v)| Some((text(k)?, text(v)?)));
            if let Some(attrs) = judge_way(pairs, profile, &mut out.stats) {
                out.ways.push(way.refs(), attrs);
            }
        }
    }
}

fn decode_nodes(path: &Path, blob: &Blob, ids: &[i64]) -> Result<Vec<(u32, [i32; 2])>, MapError> {
    let block = match blob.decode() {
        Ok(BlobDecode::OsmData(block)) => block,
        Ok(_) => return Ok(Vec::new()),
        Err(e) => return Err(corrupt(path, e)),
    };
    let mut found = Vec::new();
    let mut keep = |id: i64, lat: i32, lon: i32| {
        let on_globe = lat.abs() <= 900_000_000 && lon.abs() <= 1_800_000_000;
        if let (true, Ok(i)) = (on_globe, ids.binary_search(&id)) {
            found.push((i as u32, [lat, lon]));
        }
    };
    for group in block.groups() {
        for n in group.dense_nodes() {
            keep(n.id(), n.decimicro_lat(), n.decimicro_lon());
        }
        for n in group.nodes() {
            keep(n.id(), n.decimicro_lat(), n.decimicro_lon());
        }
    }
    Ok(found)
}
