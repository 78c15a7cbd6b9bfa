//! `info`: what a map file holds, and whether it looks usable, before anyone plans on it.

use crate::build::{self, Components};
use crate::error::MapError;
use crate::graph::{RoadClass, RoadGraph};
use crate::import::{self, ImportOptions};
use crate::osm::{self, Format};
use crate::store;
use crate::units::LatLon;
use std::path::Path;

/// A bounding box in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub min: LatLon,
    pub max: LatLon,
}

/// Something about the file that will likely give bad plans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hint {
    /// No drivable road at all.
    NoRoads,
    /// The largest strongly connected component holds this share of the nodes only.
    SmallLargestComponent { share: f64 },
    /// The import dropped this share of the nodes (graph files).
    ManyDropped { share: f64 },
    /// Coordinates off the globe, around (0, 0), or spanning half a continent.
    AbsurdBoundingBox,
    /// The graph is the generated network between commune centres, not real roads.
    Synthetic,
}

/// What `tournee map info` prints.
#[derive(Clone, Debug, PartialEq)]
pub struct MapInfo {
    pub file: String,
    pub format: Format,
    /// Profile of a graph file; `None` for OSM files (read with the car profile).
    pub profile: Option<String>,
    pub synthetic: bool,
    pub bbox: Option<BBox>,
    pub nodes: usize,
    pub edges: usize,
    /// Kilometres of road per class, classes with none left out.
    pub km_by_class: Vec<(RoadClass, f64)>,
    /// OSM files: components of the graph an import would build.
    pub components: Option<Components>,
    /// Graph files: what the import dropped outside the largest component.
    pub dropped_nodes: u64,
    pub dropped_edges: u64,
    pub hints: Vec<Hint>,
}

impl MapInfo {
    pub fn km_total(&self) -> f64 {
        self.km_by_class.iter().map(|(_, km)| km).sum()
    }
}

/// Describes a .osm.pbf, .osm, .osm.gz or .graph file.
pub fn info(path: &Path) -> Result<MapInfo, MapError> {
    let format = osm::detect(path)?;
    let file = import::file_name(path);
    if format == Format::Graph {
        let graph = store::load(path)?.graph;
        return Ok(describe(file, format, &graph, None));
    }
    match import::read_graph(path, &ImportOptions::default(), &mut |_| {}) {
        Ok((graph, _)) => {
            let components = build::components(&graph);
            Ok(describe(file, format, &graph, Some(components)))
        }
        Err(MapError::NoRoads { .. }) => Ok(MapInfo {
            file,
            format,
            profile: None,
            synthetic: false,
            bbox: None,
            nodes: 0,
            edges: 0,
            km_by_class: Vec::new(),
            components: None,
            dropped_nodes: 0,
            dropped_edges: 0,
            hints: vec![Hint::NoRoads],
        }),
        Err(e) => Err(e),
    }
}

fn describe(
    file: String,
    format: Format,
    graph: &RoadGraph,
    components: Option<Components>,
) -> MapInfo {
    let km = build::km_by_class(graph);
    let km_by_class = RoadClass::ALL
        .into_iter()
        .map(|c| (c, km[c as usize]))
        .filter(|(_, k)| *k > 0.0)
        .collect();
    let mut info = MapInfo {
        file,
        format,
        profile: (format == Format::Graph).then(|| graph.meta.profile.clone()),
        synthetic: graph.meta.synthetic,
        bbox: bbox(graph),
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        km_by_class,
        components,
        dropped_nodes: graph.meta.dropped_nodes,
        dropped_edges: graph.meta.dropped_edges,
        hints: Vec::new(),
    };
    info.hints = hints(&info);
    info
}

fn bbox(graph: &RoadGraph) -> Option<BBox> {
    let mut points = graph.nodes.iter().chain(&graph.shape_points);
    let first = *points.next()?;
    let mut b = BBox {
        min: first,
        max: first,
    };
    for p in points {
        b.min = LatLon::new(b.min.lat.min(p.lat), b.min.lon.min(p.lon));
        b.max = LatLon::new(b.max.lat.max(p.lat), b.max.lon.max(p.lon));
    }
    Some(b)
}

/// Share of nodes below which the largest component is suspicious: a regional extract keeps
/// well over 90 % of its junctions in one piece; less than half means broken data or a
/// profile that closes most roads.
const SMALL_SHARE: f64 = 0.5;

fn hints(info: &MapInfo) -> Vec<Hint> {
    let mut hints = Vec::new();
    if info.synthetic {
        hints.push(Hint::Synthetic);
    }
    if info.edges == 0 {
        hints.push(Hint::NoRoads);
    }
    if let Some(c) = info.components.filter(|_| info.nodes > 0) {
        let share = c.largest as f64 / info.nodes as f64;
        if share < SMALL_SHARE {
            hints.push(Hint::SmallLargestComponent { share });
        }
    }
    let total = info.nodes as f64 + info.dropped_nodes as f64;
    if info.dropped_nodes > 0 && info.dropped_nodes as f64 / total > SMALL_SHARE {
        hints.push(Hint::ManyDropped {
            share: info.dropped_nodes as f64 / total,
        });
    }
    if info.bbox.is_some_and(absurd) {
        hints.push(Hint::AbsurdBoundingBox);
    }
    hints
}

/// Off the globe, at "null island" (coordinates left at zero), or larger than a big country.
fn absurd(b: BBox) -> bool {
    let on_globe = |p: LatLon| p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0;
    let near_zero = |p: LatLon| p.lat.abs() < 0.01 && p.lon.abs() < 0.01;
    !on_globe(b.min)
        || !on_globe(b.max)
        || near_zero(b.min)
        || near_zero(b.max)
        || b.max.lat - b.min.lat > 30.0
        || b.max.lon - b.min.lon > 40.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::GraphMeta;

    #[test]
    fn hints_flag_synthetic_small_component_and_absurd_box() {
        let mut meta = GraphMeta {
            synthetic: true,
            dropped_nodes: 10,
            ..GraphMeta::default()
        };
        meta.profile = "car".into();
        let g = RoadGraph::from_edges(
            meta,
            vec![LatLon::new(0.0, 0.0), LatLon::new(45.0, 2.0)],
            vec![],
            vec![],
        );
        let info = describe("x.graph".into(), Format::Graph, &g, None);
        assert!(info.hints.contains(&Hint::Synthetic));
        assert!(info.hints.contains(&Hint::NoRoads));
        assert!(info.hints.contains(&Hint::AbsurdBoundingBox));
        assert!(
            info.hints
                .iter()
                .any(|h| matches!(h, Hint::ManyDropped { .. }))
        );
        let three = RoadGraph::from_edges(
            GraphMeta::default(),
            vec![LatLon::new(45.0, 2.0); 3],
            vec![],
            vec![],
        );
        let c = Components {
            count: 2,
            largest: 1,
        };
        let info = describe("x.osm".into(), Format::Xml, &three, Some(c));
        assert_eq!(info.profile, None);
        assert!(
            info.hints
                .iter()
                .any(|h| matches!(h, Hint::SmallLargestComponent { share } if *share < 0.34))
        );
        assert!(!info.hints.contains(&Hint::AbsurdBoundingBox));
    }
}
