//! Snapping: from a position (a home, a meeting point) to the nearest point on a road.
//!
//! The index holds road *segments* (consecutive points of each edge's polyline), not nodes:
//! a farm halfway along a 2 km road is 50 m from the road but 1 km from either junction, and
//! routing from the junction would add minutes that do not exist. Distances use a local
//! equirectangular projection (x = R·cos φ₀·λ, y = R·φ), exact enough at the scale of a
//! département (well under 1 % over 100 km) and linear in latitude and longitude, so a point
//! part-way along a projected segment is the same fraction of the way in degrees.

use crate::error::MapError;
use crate::graph::{Edge, EdgeId, RoadGraph};
use crate::units::{LatLon, Meters};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Line};

const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// The default distance beyond which a point is refused: further than 1 km from any road,
/// the coordinates are more likely wrong than the person truly that far off the network.
pub const DEFAULT_SNAP_LIMIT: Meters = Meters(1_000);

/// A position placed on the road network.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapped {
    /// The position given.
    pub input: LatLon,
    /// The nearest point on a road.
    pub on_road: LatLon,
    /// From `input` to `on_road`.
    pub distance: Meters,
    /// The edge the point lies on (for a two-way road, the direction with the smaller id).
    pub(crate) edge: EdgeId,
    /// The other direction of the same road, if it is two-way.
    pub(crate) twin: Option<EdgeId>,
    /// How far along `edge` the point lies, by length: 0 at `from`, 1 at `to`.
    pub(crate) fraction: f64,
}

impl Snapped {
    pub fn edge(&self) -> EdgeId {
        self.edge
    }

    pub fn twin(&self) -> Option<EdgeId> {
        self.twin
    }

    pub fn fraction(&self) -> f64 {
        self.fraction
    }
}

/// Local equirectangular projection to metres around a reference latitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    cos_lat0: f64,
}

impl Projection {
    /// Centred on the mean latitude of `points` (the equator if there are none).
    pub fn around(points: &[LatLon]) -> Projection {
        let mean = points.iter().map(|p| p.lat).sum::<f64>() / points.len().max(1) as f64;
        Projection {
            cos_lat0: mean.to_radians().cos(),
        }
    }

    pub fn to_xy(&self, p: LatLon) -> [f64; 2] {
        [
            EARTH_RADIUS_M * self.cos_lat0 * p.lon.to_radians(),
            EARTH_RADIUS_M * p.lat.to_radians(),
        ]
    }

    /// The inverse of [`Projection::to_xy`].
    pub fn to_latlon(&self, [x, y]: [f64; 2]) -> LatLon {
        LatLon::new(
            (y / EARTH_RADIUS_M).to_degrees(),
            (x / (EARTH_RADIUS_M * self.cos_lat0)).to_degrees(),
        )
    }

    pub fn distance(&self, a: LatLon, b: LatLon) -> f64 {
        let ([ax, ay], [bx, by]) = (self.to_xy(a), self.to_xy(b));
        (ax - bx).hypot(ay - by)
    }

    /// Length of a polyline in metres.
    pub fn length(&self, line: &[LatLon]) -> f64 {
        line.windows(2).map(|w| self.distance(w[0], w[1])).sum()
    }
}

type Segment = GeomWithData<Line<[f64; 2]>, (EdgeId, u32)>;

/// R-tree over the segments of every road, each two-way road indexed once.
pub(crate) struct SnapIndex {
    projection: Projection,
    tree: RTree<Segment>,
    /// The reverse direction of each edge's road, `u32::MAX` for one-way edges.
    twin: Vec<EdgeId>,
}

const NO_TWIN: EdgeId = EdgeId::MAX;

impl SnapIndex {
    pub fn build(graph: &RoadGraph) -> SnapIndex {
        let projection = Projection::around(&graph.nodes);
        let twin = twins(graph);
        let mut segments = Vec::new();
        for (id, e) in graph.edges.iter().enumerate() {
            if twin[id] < id as EdgeId {
                continue;
            }
            let line = graph.edge_polyline(e);
            for (k, w) in line.windows(2).enumerate() {
                let seg = Line::new(projection.to_xy(w[0]), projection.to_xy(w[1]));
                segments.push(Segment::new(seg, (id as EdgeId, k as u32)));
            }
        }
        SnapIndex {
            projection,
            tree: RTree::bulk_load(segments),
            twin,
        }
    }

    pub fn projection(&self) -> Projection {
        self.projection
    }

    /// Snaps `p`, refusing it (naming it by `id`) when the road is further than `limit`.
    pub fn snap(
        &self,
        graph: &RoadGraph,
        id: &str,
        p: LatLon,
        limit: Meters,
    ) -> Result<Snapped, MapError> {
        let xy = self.projection.to_xy(p);
        let refuse = |distance_m: f64| MapError::CannotSnap {
            id: id.to_string(),
            lat: p.lat,
            lon: p.lon,
            distance_m,
            limit_m: f64::from(limit.0),
        };
        let Some(nearest) = self.tree.nearest_neighbor(xy) else {
            return Err(refuse(f64::INFINITY));
        };
        let (edge, k) = nearest.data;
        let [a, b] = [nearest.geom().from, nearest.geom().to];
        let t = segment_parameter(a, b, xy);
        let q = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
        let distance = (q[0] - xy[0]).hypot(q[1] - xy[1]);
        if distance.is_nan() || distance > f64::from(limit.0) {
            return Err(refuse(distance));
        }
        let e = &graph.edges[edge as usize];
        let line = graph.edge_polyline(e);
        let (s0, s1) = (line[k as usize], line[k as usize + 1]);
        let total = self.projection.length(&line);
        let before =
            self.projection.length(&line[..=k as usize]) + t * self.projection.distance(s0, s1);
        let fraction = if total > 0.0 {
            (before / total).clamp(0.0, 1.0)
        } else {
            0.0
        };
        Ok(Snapped {
            input: p,
            on_road: LatLon::new(
                s0.lat + t * (s1.lat - s0.lat),
                s0.lon + t * (s1.lon - s0.lon),
            ),
            distance: Meters(distance.round() as u32),
            edge,
            twin: Some(self.twin[edge as usize]).filter(|&t| t != NO_TWIN),
            fraction,
        })
    }
}

/// Where the foot of the perpendicular from `p` falls on segment `a b`, clamped to it (0..=1).
fn segment_parameter(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return 0.0;
    }
    (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
}

/// Pairs the two directions of each two-way road: an edge `v → u` for `u → v` that draws the
/// same line (same shape points, reversed), preferring equal length when parallel roads join
/// the same two junctions.
fn twins(graph: &RoadGraph) -> Vec<EdgeId> {
    let mut twin = vec![NO_TWIN; graph.edge_count()];
    for (id, e) in graph.edges.iter().enumerate() {
        if twin[id] != NO_TWIN {
            continue;
        }
        let first = graph.first_out[e.to as usize] as usize;
        let candidates = graph.out_edges(e.to).iter().enumerate().filter(|(k, r)| {
            let rid = first + k;
            rid != id && twin[rid] == NO_TWIN && r.to == e.from && same_line_reversed(e, r)
        });
        let best = candidates.min_by_key(|(k, r)| (r.distance != e.distance, *k));
        if let Some((k, _)) = best {
            twin[id] = (first + k) as EdgeId;
            twin[first + k] = id as EdgeId;
        }
    }
    twin
}

fn same_line_reversed(a: &Edge, b: &Edge) -> bool {
    a.shape_len == b.shape_len
        && (a.shape_len == 0
            || (a.shape_start == b.shape_start && a.shape_reversed != b.shape_reversed))
}

/// The part of `line` between fractions `f0 <= f1` of its length.
pub(crate) fn cut(projection: Projection, line: &[LatLon], f0: f64, f1: f64) -> Vec<LatLon> {
    let lengths: Vec<f64> = line
        .windows(2)
        .map(|w| projection.distance(w[0], w[1]))
        .collect();
    let total: f64 = lengths.iter().sum();
    let (l0, l1) = (f0.clamp(0.0, 1.0) * total, f1.clamp(0.0, 1.0) * total);
    let mut out = Vec::new();
    let mut at = 0.0;
    for (k, &len) in lengths.iter().enumerate() {
        let (a, b) = (line[k], line[k + 1]);
        let point = |l: f64| {
            let t = if len > 0.0 {
                ((l - at) / len).clamp(0.0, 1.0)
            } else {
                0.0
            };
            LatLon::new(a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon))
        };
        if out.is_empty() && l0 <= at + len {
            out.push(point(l0));
        }
        if !out.is_empty() {
            if l1 <= at + len {
                out.push(point(l1));
                return out;
            }
            out.push(b);
        }
        at += len;
    }
    if out.is_empty() {
        out.extend(line.last().copied());
    }
    out
}
