use super::*;
use crate::graph::{Deciseconds, GraphMeta, RoadClass};

const A: LatLon = LatLon::new(45.0, 2.0);
const B: LatLon = LatLon::new(45.0, 2.0127); // ~1 km east of A
const C: LatLon = LatLon::new(45.009, 2.0127); // ~1 km north of B
const FAR: LatLon = LatLon::new(45.2, 2.3);

fn edge(from: u32, to: u32, time: u32, shape: (u32, u32, bool)) -> Edge {
    Edge {
        from,
        to,
        time: Deciseconds(time),
        distance: Meters(1000),
        class: RoadClass::Residential,
        shape_start: shape.0,
        shape_len: shape.1,
        shape_reversed: shape.2,
    }
}

/// A triangle: A ⇄ B (bent through one shape point), B → C one-way, C ⇄ A; and a separate
/// two-way road D ⇄ E far away that nothing connects to.
fn triangle() -> RoadNetwork {
    let mid = LatLon::new(45.0, 2.00635);
    let d = LatLon::new(45.2, 2.3);
    let e = LatLon::new(45.2, 2.31);
    let edges = vec![
        edge(0, 1, 720, (0, 1, false)),
        edge(1, 0, 720, (0, 1, true)),
        edge(1, 2, 600, (0, 0, false)),
        edge(2, 0, 900, (0, 0, false)),
        edge(0, 2, 900, (0, 0, false)),
        edge(3, 4, 500, (0, 0, false)),
        edge(4, 3, 500, (0, 0, false)),
    ];
    let graph = RoadGraph::from_edges(GraphMeta::default(), vec![A, B, C, d, e], edges, vec![mid]);
    RoadNetwork::from_graph(graph)
}

fn between(a: LatLon, b: LatLon, f: f64) -> LatLon {
    LatLon::new(a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon))
}

#[test]
fn snaps_onto_the_middle_of_a_segment_not_a_node() {
    let net = triangle();
    // 50 m north of the point 30 % of the way from A to B.
    let p = between(A, B, 0.3);
    let north = LatLon::new(p.lat + 50.0 / 111_195.0, p.lon);
    let s = net.snap("p1", north).unwrap();
    assert!((49..=51).contains(&s.distance.0), "{:?}", s.distance);
    assert!(s.on_road.haversine_m(p) < 2.0);
    assert!((s.fraction() - 0.3).abs() < 0.01 || (s.fraction() - 0.7).abs() < 0.01);
    assert!(s.twin().is_some(), "A–B is two-way");
}

#[test]
fn refuses_a_far_point_and_names_it() {
    let net = triangle();
    let far = LatLon::new(45.05, 2.0);
    let err = net.snap("visit-17", far).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("visit-17") && text.contains("limit 1000 m"),
        "{text}"
    );
    assert!(matches!(err, MapError::CannotSnap { .. }));
    // A wider limit accepts it.
    assert!(net.snap_within("visit-17", far, Meters(10_000)).is_ok());
}

#[test]
fn two_points_on_one_road_are_seconds_apart() {
    let net = triangle();
    let s = net.snap("a", between(A, B, 0.30)).unwrap();
    let t = net.snap("b", between(A, B, 0.40)).unwrap();
    let m = net.matrix(&[s.clone(), t.clone()]);
    // A tenth of a 72 s road, both ways: the road is two-way.
    assert_eq!(m.duration(0, 1), Seconds(7));
    assert_eq!(m.duration(1, 0), Seconds(7));
    assert_eq!(m.distance(0, 1), Meters(100));
    let path = net.path(&s, &t).unwrap();
    assert_eq!((path.duration, path.distance), (Seconds(7), Meters(100)));
    assert_eq!(path.geometry.first(), Some(&s.on_road));
    assert_eq!(path.geometry.last(), Some(&t.on_road));
}

#[test]
fn one_way_road_mid_edge() {
    let net = triangle();
    let s = net.snap("a", between(B, C, 0.25)).unwrap();
    let t = net.snap("b", between(B, C, 0.75)).unwrap();
    assert_eq!(s.twin(), None);
    let m = net.matrix(&[s.clone(), t.clone()]);
    assert_eq!(m.duration(0, 1), Seconds(30));
    // Backwards: on to C (15 s), C → A (90 s), A → B (72 s), then a quarter of B → C (15 s).
    assert_eq!(m.duration(1, 0), Seconds(192));
    let back = net.path(&t, &s).unwrap();
    assert_eq!(back.duration, Seconds(192));
    assert_eq!(back.geometry.first(), Some(&t.on_road));
    assert_eq!(back.geometry.last(), Some(&s.on_road));
    assert!(back.geometry.contains(&A) && back.geometry.contains(&C));
}

#[test]
fn starts_mid_edge_in_either_direction_of_a_two_way_road() {
    let net = triangle();
    // 10 % of the way from A to B, then to C: back to A (7 s) and up to C (90 s) beats
    // on to B (65 s) and up the one-way street (60 s).
    let s = net.snap("a", between(A, B, 0.1)).unwrap();
    let c = net.snap("c", C).unwrap();
    let m = net.table(std::slice::from_ref(&s), std::slice::from_ref(&c));
    assert_eq!(m.duration(0, 0), Seconds(97));
    assert_eq!(net.path(&s, &c).unwrap().duration, Seconds(97));
    assert_eq!(m, net.reference_table(&[s], &[c]));
}

#[test]
fn diagonal_is_zero_and_unreachable_is_max() {
    let net = triangle();
    let a = net.snap("a", between(A, B, 0.5)).unwrap();
    let island = net.snap("island", FAR).unwrap();
    let points = [a.clone(), island.clone(), a.clone()];
    let m = net.matrix(&points);
    assert_eq!((m.rows, m.cols), (3, 3));
    for i in 0..3 {
        assert_eq!(
            (m.duration(i, i), m.distance(i, i)),
            (Seconds::ZERO, Meters::ZERO)
        );
    }
    assert_eq!(m.duration(0, 2), Seconds::ZERO, "the same point twice");
    assert_eq!(
        (m.duration(0, 1), m.distance(0, 1)),
        (Seconds::MAX, Meters::MAX)
    );
    assert!(!m.is_reachable(1, 0));
    assert!(net.path(&a, &island).is_none());
    assert_eq!(m, net.reference_table(&points, &points));
}
