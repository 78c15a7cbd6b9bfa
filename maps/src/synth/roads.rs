//! The steps of [`super::synthesize`]: which communes are joined, how important each road is,
//! and the drawing of roads and streets.

use super::{Profile, SplitMix, SynthOptions, speed_kmh, winding_factor};
use crate::graph::{Deciseconds, Edge, GraphMeta, RoadClass, RoadGraph};
use crate::snap::Projection;
use crate::units::{LatLon, Meters};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::f64::consts::{PI, TAU};

/// Spacing of the shape points drawn along a road.
const SHAPE_SPACING_M: f64 = 800.0;
/// Shares of the roads, busiest first, that become secondary and tertiary.
const SECONDARY_SHARE: f64 = 0.20;
const TERTIARY_SHARE: f64 = 0.33;

/// Pairs `(a, b)`, `a < b`, of the Gabriel graph of `points`.
pub(super) fn gabriel(points: &[LatLon]) -> Vec<(u32, u32)> {
    let projection = Projection::around(points);
    let xy: Vec<[f64; 2]> = points.iter().map(|&p| projection.to_xy(p)).collect();
    let mut links = Vec::new();
    for a in 0..xy.len() {
        for b in a + 1..xy.len() {
            let mid = [(xy[a][0] + xy[b][0]) / 2.0, (xy[a][1] + xy[b][1]) / 2.0];
            let radius2 = dist2(xy[a], xy[b]) / 4.0;
            let empty = (0..xy.len()).all(|k| k == a || k == b || dist2(xy[k], mid) >= radius2);
            if empty {
                links.push((a as u32, b as u32));
            }
        }
    }
    links
}

fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// Road class of each link by the gravity-model traffic it carries (see the module notes).
pub(super) fn classify(
    points: &[LatLon],
    populations: &[u32],
    links: &[(u32, u32)],
) -> Vec<RoadClass> {
    let n = points.len();
    let length = |&(a, b): &(u32, u32)| {
        let (pa, pb) = (points[a as usize], points[b as usize]);
        pa.haversine_m(pb) * winding_factor(midpoint(pa, pb))
    };
    let lengths: Vec<f64> = links.iter().map(length).collect();
    let mut adjacency = vec![Vec::new(); n];
    for (k, &(a, b)) in links.iter().enumerate() {
        adjacency[a as usize].push((b, k));
        adjacency[b as usize].push((a, k));
    }
    let mut traffic = vec![0.0f64; links.len()];
    for source in 0..n {
        let (dist, via) = shortest(&adjacency, &lengths, source);
        for target in source + 1..n {
            let volume = f64::from(populations[source]) * f64::from(populations[target])
                / (dist[target] / 1000.0).max(1.0).powi(2);
            let mut v = target;
            while let Some(k) = via[v] {
                traffic[k] += volume;
                let (a, b) = links[k];
                v = if a as usize == v {
                    b as usize
                } else {
                    a as usize
                };
            }
        }
    }
    let mut busiest: Vec<usize> = (0..links.len()).collect();
    busiest.sort_by(|&x, &y| traffic[y].total_cmp(&traffic[x]).then(x.cmp(&y)));
    let secondary = (links.len() as f64 * SECONDARY_SHARE).round() as usize;
    let tertiary = secondary + (links.len() as f64 * TERTIARY_SHARE).round() as usize;
    let mut classes = vec![RoadClass::Unclassified; links.len()];
    for (place, &k) in busiest.iter().enumerate() {
        if place < secondary {
            classes[k] = RoadClass::Secondary;
        } else if place < tertiary {
            classes[k] = RoadClass::Tertiary;
        }
    }
    classes
}

/// Dijkstra on the link graph: distance to each point and the link it is reached by.
fn shortest(
    adjacency: &[Vec<(u32, usize)>],
    lengths: &[f64],
    source: usize,
) -> (Vec<f64>, Vec<Option<usize>>) {
    let mut dist = vec![f64::INFINITY; adjacency.len()];
    let mut via = vec![None; adjacency.len()];
    let mut heap = BinaryHeap::new();
    dist[source] = 0.0;
    // Whole millimetres as keys: f64 is not `Ord`, and ties then break by point index.
    heap.push(Reverse((0u64, source)));
    while let Some(Reverse((_, v))) = heap.pop() {
        for &(w, k) in &adjacency[v] {
            let d = dist[v] + lengths[k];
            if d < dist[w as usize] {
                dist[w as usize] = d;
                via[w as usize] = Some(k);
                heap.push(Reverse(((d * 1000.0) as u64, w as usize)));
            }
        }
    }
    (dist, via)
}

fn midpoint(a: LatLon, b: LatLon) -> LatLon {
    LatLon::new((a.lat + b.lat) / 2.0, (a.lon + b.lon) / 2.0)
}

/// Collects nodes, edges and shape points.
pub(super) struct Builder {
    projection: Projection,
    nodes: Vec<LatLon>,
    edges: Vec<Edge>,
    shape: Vec<LatLon>,
    /// Directions (radians) in which roads leave each commune centre.
    leaving: Vec<Vec<f64>>,
    seed: u64,
    profile: Profile,
}

impl Builder {
    pub fn new(centres: Vec<LatLon>, options: &SynthOptions) -> Builder {
        Builder {
            projection: Projection::around(&centres),
            leaving: vec![Vec::new(); centres.len()],
            nodes: centres,
            edges: Vec::new(),
            shape: Vec::new(),
            seed: options.seed,
            profile: options.profile.clone(),
        }
    }

    fn rng(&self, a: u32, b: u32) -> SplitMix {
        let mut rng = SplitMix::new(self.seed ^ ((u64::from(a) << 32) | u64::from(b)));
        rng.next_u64();
        rng
    }

    /// A two-way road between commune centres `a` and `b`.
    pub fn road(&mut self, a: u32, b: u32, class: RoadClass) {
        let (pa, pb) = (self.nodes[a as usize], self.nodes[b as usize]);
        let (xa, xb) = (self.projection.to_xy(pa), self.projection.to_xy(pb));
        let winding = winding_factor(midpoint(pa, pb));
        let length = dist2(xa, xb).sqrt() * winding;
        let inner = meander(xa, xb, winding, &mut self.rng(a, b));
        self.leaving[a as usize].push(angle(xa, inner.first().copied().unwrap_or(xb)));
        self.leaving[b as usize].push(angle(xb, inner.last().copied().unwrap_or(xa)));
        self.add_two_way(a, b, &inner, length, class);
    }

    /// Residential dead ends around a commune centre, more for larger communes.
    pub fn streets(&mut self, centre: u32, population: u32) {
        let count = 2 + [300, 1000, 3000]
            .iter()
            .filter(|&&p| population >= p)
            .count();
        let mut rng = self.rng(centre, u32::MAX);
        let phase = rng.unit() * TAU;
        let c = self.projection.to_xy(self.nodes[centre as usize]);
        for _ in 0..count {
            let free = (0..12).map(|k| phase + f64::from(k) * TAU / 12.0);
            let taken = &self.leaving[centre as usize];
            let theta = free
                .map(|t| {
                    (
                        taken.iter().map(|&u| angular_gap(t, u)).fold(PI, f64::min),
                        t,
                    )
                })
                .fold((-1.0, 0.0), |best, x| if x.0 > best.0 { x } else { best })
                .1;
            let length = 250.0 + 250.0 * rng.unit() + if population >= 3000 { 300.0 } else { 0.0 };
            let bend = (rng.unit() - 0.5) * 0.2 * length;
            let (dx, dy) = (theta.cos(), theta.sin());
            let end = [c[0] + length * dx, c[1] + length * dy];
            let mid = [
                c[0] + length / 2.0 * dx - bend * dy,
                c[1] + length / 2.0 * dy + bend * dx,
            ];
            self.leaving[centre as usize].push(theta);
            let node = self.nodes.len() as u32;
            self.nodes.push(round(self.projection.to_latlon(end)));
            let drawn = (dist2(c, mid).sqrt() + dist2(mid, end).sqrt()).max(1.0);
            self.add_two_way(centre, node, &[mid], drawn, RoadClass::Residential);
        }
    }

    fn add_two_way(&mut self, a: u32, b: u32, inner: &[[f64; 2]], length_m: f64, class: RoadClass) {
        let shape_start = self.shape.len() as u32;
        let shape_len = inner.len() as u32;
        self.shape
            .extend(inner.iter().map(|&p| round(self.projection.to_latlon(p))));
        let distance = length_m.round() as u32;
        // Metres over km/h, in tenths of a second: 3.6 s per metre at 1 km/h, times ten.
        let time = (f64::from(distance) * 36.0 / speed_kmh(&self.profile, class)).round();
        for (from, to, shape_reversed) in [(a, b, false), (b, a, true)] {
            self.edges.push(Edge {
                from,
                to,
                time: Deciseconds(time as u32),
                distance: Meters(distance),
                class,
                shape_start,
                shape_len,
                shape_reversed,
            });
        }
    }

    pub fn finish(self, meta: GraphMeta) -> RoadGraph {
        RoadGraph::from_edges(meta, self.nodes, self.edges, self.shape)
    }
}

/// Inner points of a meander from `a` to `b` whose drawn length is about `winding` times the
/// straight line (less for short roads, whose bends are kept within an eighth of their length).
fn meander(a: [f64; 2], b: [f64; 2], winding: f64, rng: &mut SplitMix) -> Vec<[f64; 2]> {
    let chord = dist2(a, b).sqrt();
    let count = (chord / SHAPE_SPACING_M).floor() as usize;
    if count == 0 {
        return Vec::new();
    }
    let waves = (chord / 2500.0).round().max(1.0);
    let phase = rng.unit() * TAU;
    let jitter: Vec<f64> = (0..count).map(|_| rng.unit() - 0.5).collect();
    let (ux, uy) = ((b[0] - a[0]) / chord, (b[1] - a[1]) / chord);
    let points = |amplitude: f64| -> Vec<[f64; 2]> {
        (0..count)
            .map(|i| {
                let t = (i + 1) as f64 / (count + 1) as f64;
                let wave = 0.8 * (TAU * waves * t + phase).sin() + 0.4 * jitter[i];
                let off = amplitude * (PI * t).sin() * wave;
                [
                    a[0] + t * chord * ux - off * uy,
                    a[1] + t * chord * uy + off * ux,
                ]
            })
            .collect()
    };
    let drawn = |amplitude: f64| {
        let inner = points(amplitude);
        let line: Vec<[f64; 2]> = std::iter::once(a)
            .chain(inner)
            .chain(std::iter::once(b))
            .collect();
        line.windows(2)
            .map(|w| dist2(w[0], w[1]).sqrt())
            .sum::<f64>()
            / chord
    };
    let (mut low, mut high) = (0.0, chord / 8.0);
    for _ in 0..40 {
        let mid = (low + high) / 2.0;
        if drawn(mid) < winding {
            low = mid
        } else {
            high = mid
        }
    }
    points(low)
}

fn angle(from: [f64; 2], to: [f64; 2]) -> f64 {
    (to[1] - from[1]).atan2(to[0] - from[0])
}

/// Smallest angle between two directions, in `[0, π]`.
fn angular_gap(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(TAU);
    d.min(TAU - d)
}

/// Rounds to a millionth of a degree (about 10 cm): keeps the shipped file identical across
/// machines whose last bit of floating-point trigonometry differs.
fn round(p: LatLon) -> LatLon {
    LatLon::new((p.lat * 1e6).round() / 1e6, (p.lon * 1e6).round() / 1e6)
}
