//! `import`: an OpenStreetMap file → the road graph of one vehicle profile.
//!
//! Pass 1 keeps the drivable ways, pass 2 the positions of their nodes, then the graph is built
//! and only its largest strongly connected component kept. With an area (`--around`), ways with
//! no node within the radius are dropped right after pass 2, before any graph work.

use crate::build::{self, Components};
use crate::error::MapError;
use crate::graph::{GraphMeta, RoadGraph};
use crate::osm::{self, Format, Input, NodeCoords, WaySet, WayStats, pbf, to_latlon, xml};
use crate::profile::Profile;
use crate::units::LatLon;
use std::path::Path;
use std::time::{Duration, Instant};

/// A disc to keep: roads with at least one node inside are imported whole.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub centre: LatLon,
    pub radius_m: f64,
}

/// How to import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    pub profile: Profile,
    pub around: Option<Area>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            profile: Profile::car(),
            around: None,
        }
    }
}

/// Where the import is, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStage {
    /// Pass 1; `done`/`total` in bytes of the file.
    Ways,
    /// Pass 2; `done`/`total` in bytes of the file.
    Nodes,
    /// Cutting, contracting, keeping the largest component; no byte counts.
    Graph,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportProgress {
    pub stage: ImportStage,
    pub done: u64,
    pub total: u64,
}

/// What the import read, kept and dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    pub format: Format,
    pub ways: WayStats,
    /// Ways used for the graph (after the area filter).
    pub ways_kept: usize,
    /// Node references the file does not resolve (ways cut at the extract's border).
    pub missing_nodes: usize,
    /// Graph size before the component filter.
    pub nodes_before: usize,
    pub edges_before: usize,
    /// Strongly connected components before the filter (zero until computed).
    pub components: Components,
    pub elapsed: Duration,
}

/// Imports `input` (.osm.pbf, .osm or .osm.gz) for `opts.profile`.
pub fn import(
    input: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<(RoadGraph, ImportReport), MapError> {
    import_input(Input::File(input), opts, progress)
}

/// Imports OpenStreetMap data already in memory (`name` only names it in messages): the same
/// reading, checks and graph as [`import`], for the fuzz targets and tests.
pub fn import_bytes(
    data: &[u8],
    name: &str,
    opts: &ImportOptions,
) -> Result<(RoadGraph, ImportReport), MapError> {
    let input = Input::Bytes {
        name: Path::new(name),
        data,
    };
    import_input(input, opts, &mut |_| {})
}

fn import_input(
    input: Input<'_>,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<(RoadGraph, ImportReport), MapError> {
    let started = Instant::now();
    let (graph, mut report) = read_input(input, opts, progress)?;
    progress(ImportProgress {
        stage: ImportStage::Graph,
        done: 0,
        total: 0,
    });
    let (graph, components) = build::keep_largest_scc(graph);
    report.components = components;
    report.elapsed = started.elapsed();
    Ok((graph, report))
}

/// Reads and builds the graph without dropping any component (what `map info` describes).
pub fn read_graph(
    input: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<(RoadGraph, ImportReport), MapError> {
    read_input(Input::File(input), opts, progress)
}

fn read_input(
    input: Input<'_>,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<(RoadGraph, ImportReport), MapError> {
    let started = Instant::now();
    let format = osm::detect_input(input)?;
    let (ways, stats, coords) = read(input, format, &opts.profile, progress)?;
    let ways = match opts.around {
        Some(area) => within(&ways, &coords, area),
        None => ways,
    };
    if ways.is_empty() {
        return Err(no_roads(input.path(), &stats, opts.around));
    }
    progress(ImportProgress {
        stage: ImportStage::Graph,
        done: 0,
        total: 0,
    });
    let meta = GraphMeta {
        profile: opts.profile.name.to_string(),
        source: file_name(input.path()),
        ..GraphMeta::default()
    };
    let graph = build::build_graph(&ways, &coords, meta);
    if graph.edge_count() == 0 {
        return Err(no_roads(input.path(), &stats, opts.around));
    }
    let report = ImportReport {
        format,
        ways: stats,
        ways_kept: ways.len(),
        missing_nodes: coords.missing(),
        nodes_before: graph.node_count(),
        edges_before: graph.edge_count(),
        components: Components::default(),
        elapsed: started.elapsed(),
    };
    Ok((graph, report))
}

type Read = (WaySet, WayStats, NodeCoords);

fn read(
    input: Input<'_>,
    format: Format,
    profile: &Profile,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<Read, MapError> {
    match format {
        Format::Pbf => {
            let mut on_ways = |done, total| {
                progress(ImportProgress {
                    stage: ImportStage::Ways,
                    done,
                    total,
                })
            };
            let pass = pbf::read_ways(input, profile, &mut on_ways)?;
            let mut coords = NodeCoords::new(pass.ways.node_ids());
            let mut on_nodes = |done, total| {
                progress(ImportProgress {
                    stage: ImportStage::Nodes,
                    done,
                    total,
                })
            };
            pbf::read_nodes(input, &pass.node_blobs, &mut coords, &mut on_nodes)?;
            Ok((pass.ways, pass.stats, coords))
        }
        Format::Xml | Format::XmlGz => {
            let mut on_read = |done, total| {
                progress(ImportProgress {
                    stage: ImportStage::Ways,
                    done,
                    total,
                })
            };
            let data = xml::read(input, format == Format::XmlGz, profile, &mut on_read)?;
            let coords = data.coords();
            Ok((data.ways, data.stats, coords))
        }
        Format::Graph => Err(MapError::InvalidArgument {
            what: "input",
            value: file_name(input.path()),
            hint: "this is already a tournee graph file; import a .osm.pbf, .osm or .osm.gz file"
                .into(),
        }),
    }
}

/// The ways with at least one node in the area.
fn within(ways: &WaySet, coords: &NodeCoords, area: Area) -> WaySet {
    let inside: Vec<bool> = coords
        .pos
        .iter()
        .map(|&p| {
            p != NodeCoords::MISSING && to_latlon(p).haversine_m(area.centre) <= area.radius_m
        })
        .collect();
    ways.retain(|w| {
        ways.way(w)
            .iter()
            .any(|id| coords.index(*id).is_some_and(|i| inside[i]))
    })
}

fn no_roads(input: &Path, stats: &WayStats, around: Option<Area>) -> MapError {
    let excluded: u64 = stats.excluded.iter().sum();
    let hint = if let Some(a) = around.filter(|_| stats.road_ways > excluded) {
        format!(
            " within {:.1} km of {:.5},{:.5}; check --around and --radius, or use an extract covering that place",
            a.radius_m / 1000.0,
            a.centre.lat,
            a.centre.lon
        )
    } else if stats.road_ways > 0 {
        format!(
            " ({} roads, all closed to this vehicle by access tags or size limits)",
            stats.road_ways
        )
    } else {
        "; is it an OpenStreetMap extract with highway=* roads?".into()
    };
    MapError::NoRoads {
        path: input.to_path_buf(),
        hint,
    }
}

/// The file name alone: folders can name people.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
