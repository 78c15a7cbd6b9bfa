use super::*;
use crate::graph::RoadClass;

/// Nodes 1..=n on a line of longitude 2.0, 0.001° (≈111 m) apart.
fn coords(n: i64) -> NodeCoords {
    let mut c = NodeCoords::new((1..=n).collect());
    for i in 0..n as usize {
        c.pos[i] = [450_000_000 + 10_000 * i as i32, 20_000_000];
    }
    c
}

fn attrs(class: RoadClass, fwd: f32, bwd: f32) -> WayAttrs {
    WayAttrs {
        class,
        forward_kmh: fwd,
        backward_kmh: bwd,
    }
}

const TWO_WAY: (f32, f32) = (36.0, 36.0);
const ONE_WAY: (f32, f32) = (36.0, 0.0);

fn graph(ways: &[(&[i64], (f32, f32))], n: i64) -> RoadGraph {
    let mut set = WaySet::default();
    for (refs, (f, b)) in ways {
        set.push(refs.iter().copied(), attrs(RoadClass::Residential, *f, *b));
    }
    build_graph(&set, &coords(n), GraphMeta::default())
}

#[test]
fn ways_joined_end_to_end_become_one_road() {
    let g = graph(&[(&[1, 2, 3], TWO_WAY), (&[3, 4, 5], TWO_WAY)], 5);
    assert_eq!(g.node_count(), 2);
    assert_eq!(g.edge_count(), 2);
    let e = g.edges[0];
    assert_eq!(e.shape_len, 3);
    assert_eq!(g.edges[1].shape_start, e.shape_start);
    assert_ne!(g.edges[0].shape_reversed, g.edges[1].shape_reversed);
    // 4 × 111.2 m at 10 m/s, summed then rounded once.
    assert!((443..=446).contains(&e.distance.0), "{:?}", e.distance);
    assert_eq!(
        e.time.0,
        (f64::from(e.distance.0) / 10.0 * 10.0).round() as u32
    );
    let line = g.edge_polyline(&g.edges[1]);
    assert_eq!(line.len(), 5);
    assert!(line.windows(2).all(|w| w[0].haversine_m(w[1]) < 120.0));
}

#[test]
fn junctions_split_and_patterns_block_contraction() {
    // A T junction at 3; and a one-way continuing a two-way road at 5.
    let g = graph(
        &[
            (&[1, 2, 3, 4, 5], TWO_WAY),
            (&[3, 6], TWO_WAY),
            (&[5, 7], ONE_WAY),
        ],
        7,
    );
    // Junctions: 1, 3, 5, 6, 7.
    assert_eq!(g.node_count(), 5);
    assert_eq!(g.edge_count(), 2 + 2 + 2 + 1);
    let lone: Vec<_> = g
        .edges
        .iter()
        .filter(|e| !g.out_edges(e.to).iter().any(|r| r.to == e.from))
        .collect();
    assert_eq!(lone.len(), 1);
    assert_eq!(lone[0].shape_len, 0);
}

#[test]
fn oneway_keeps_direction_and_reverse_oneway_flips() {
    let g = graph(&[(&[1, 2, 3], ONE_WAY)], 3);
    assert_eq!(g.edge_count(), 1);
    let e = g.edges[0];
    assert!(g.nodes[e.from as usize].lat < g.nodes[e.to as usize].lat);
    let g = graph(&[(&[1, 2, 3], (0.0, 36.0))], 3);
    let e = g.edges[0];
    assert!(g.nodes[e.from as usize].lat > g.nodes[e.to as usize].lat);
    assert!(e.shape_reversed);
    let line = g.edge_polyline(&e);
    assert!(line[0].lat > line[1].lat && line[1].lat > line[2].lat);
}

#[test]
fn cul_de_sac_roundabout_is_a_loop_on_its_junction() {
    // Entry 1-2, one-way ring 2-3-4-5-2.
    let g = graph(&[(&[1, 2], TWO_WAY), (&[2, 3, 4, 5, 2], ONE_WAY)], 5);
    assert_eq!(g.node_count(), 2);
    let loops: Vec<_> = g.edges.iter().filter(|e| e.from == e.to).collect();
    assert_eq!(loops.len(), 1);
    assert_eq!(loops[0].shape_len, 3);
    let (g, comps) = keep_largest_scc(g);
    assert_eq!(comps.count, 1);
    assert_eq!(g.edge_count(), 3);
    let km = km_by_class(&g);
    // The nodes lie on a line: entry 1 step, ring 2→3→4→5→2 is 6 steps of 111.2 m.
    assert!(
        (km[RoadClass::Residential as usize] - 0.1112 * 7.0).abs() < 0.01,
        "{km:?}"
    );
}

#[test]
fn isolated_ring_and_ring_split_in_two_ways() {
    let g = graph(&[(&[1, 2, 3, 1], TWO_WAY)], 3);
    assert_eq!((g.node_count(), g.edge_count()), (1, 2));
    // The same ring drawn as two ways joined at both ends: both joints are bends.
    let g = graph(&[(&[1, 2, 3], TWO_WAY), (&[3, 4, 1], TWO_WAY)], 4);
    assert_eq!((g.node_count(), g.edge_count()), (1, 2));
    assert_eq!(g.edges[0].shape_len, 3);
}

#[test]
fn missing_nodes_break_ways() {
    let mut c = coords(5);
    c.pos[2] = NodeCoords::MISSING; // node 3
    let mut set = WaySet::default();
    set.push([1, 2, 3, 4, 5], attrs(RoadClass::Primary, 36.0, 36.0));
    let g = build_graph(&set, &c, GraphMeta::default());
    assert_eq!((g.node_count(), g.edge_count()), (4, 4));
}

#[test]
fn largest_component_is_kept_and_drops_counted() {
    // A two-way road 1-2-3 (strongly connected) and a one-way 4→5 (two singletons).
    let g = graph(&[(&[1, 2, 3], TWO_WAY), (&[4, 5], ONE_WAY)], 5);
    let c = components(&g);
    assert_eq!(
        c,
        Components {
            count: 3,
            largest: 2
        }
    );
    let (kept, _) = keep_largest_scc(g);
    assert_eq!(kept.node_count(), 2);
    assert_eq!(kept.edge_count(), 2);
    assert_eq!(kept.meta.dropped_nodes, 2);
    assert_eq!(kept.meta.dropped_edges, 1);
    assert_eq!(kept.shape_points.len(), 1);
    for e in &kept.edges {
        assert_eq!(kept.edge_polyline(e).len(), 3);
    }
}

#[test]
fn equal_length_one_way_roads_are_not_mistaken_for_two_way_twins() {
    // 5→15 straight, and 15→10→5 back along the same line (10 lies between): equal lengths.
    let mut c = NodeCoords::new((1..=16).collect());
    for i in 0..16 {
        c.pos[i] = [
            450_000_000 + 10_000 * (i / 4) as i32,
            20_000_000 + 10_000 * (i % 4) as i32,
        ];
    }
    let mut set = WaySet::default();
    set.push([1, 15], attrs(RoadClass::Tertiary, 36.0, 36.0));
    set.push([1, 5, 15, 10, 5], attrs(RoadClass::Tertiary, 36.0, 0.0));
    let g = build_graph(&set, &c, GraphMeta::default());
    let d = |a: usize, b: usize| to_latlon(c.pos[a - 1]).haversine_m(to_latlon(c.pos[b - 1]));
    let ways = d(1, 15) + d(1, 5) + d(5, 15) + d(15, 10) + d(10, 5);
    let km: f64 = km_by_class(&g).iter().sum();
    assert!((km * 1000.0 - ways).abs() < 3.0, "{km} km vs {ways} m");
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    /// Nodes 1..=16 on a 4×4 grid ≈ 111 m apart.
    fn grid() -> NodeCoords {
        let mut c = NodeCoords::new((1..=16).collect());
        for i in 0..16 {
            c.pos[i] = [
                450_000_000 + 10_000 * (i / 4) as i32,
                20_000_000 + 10_000 * (i % 4) as i32,
            ];
        }
        c
    }

    fn key(p: LatLon, q: LatLon) -> [u64; 4] {
        [
            p.lat.to_bits(),
            p.lon.to_bits(),
            q.lat.to_bits(),
            q.lon.to_bits(),
        ]
    }

    fn ways() -> impl Strategy<Value = Vec<(Vec<i64>, u8)>> {
        let way = (prop::collection::vec(1i64..=16, 2..6), 0u8..3);
        prop::collection::vec(way, 1..6)
    }

    proptest! {
        // A fixed seed: the same cases on every run and every machine.
        #![proptest_config(ProptestConfig {
            cases: 400,
            rng_seed: prop::test_runner::RngSeed::Fixed(20_240_611),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Every directed segment a way allows is driven by exactly the edges of the graph, no
        /// more (no wrong-way driving, no invented road) and no less (nothing lost), and road
        /// lengths add up to the ways' lengths.
        #[test]
        fn graph_covers_exactly_the_allowed_segments(ways in ways()) {
            // Kilometres count a road drawn twice (two overlapping ways) ambiguously: keep each
            // undirected segment in one way only.
            let mut seen = HashSet::new();
            for (refs, _) in &ways {
                for w in refs.windows(2).filter(|w| w[0] != w[1]) {
                    prop_assume!(seen.insert((w[0].min(w[1]), w[0].max(w[1]))));
                }
            }
            let coords = grid();
            let mut set = WaySet::default();
            let (mut allowed, mut length) = (HashSet::new(), 0.0);
            for (refs, kind) in &ways {
                let (f, b) = match kind { 0 => (36.0, 36.0), 1 => (36.0, 0.0), _ => (0.0, 36.0) };
                set.push(refs.iter().copied(), attrs(RoadClass::Tertiary, f, b));
                for w in refs.windows(2).filter(|w| w[0] != w[1]) {
                    let (p, q) = (to_latlon(coords.pos[w[0] as usize - 1]), to_latlon(coords.pos[w[1] as usize - 1]));
                    if f > 0.0 { allowed.insert(key(p, q)); }
                    if b > 0.0 { allowed.insert(key(q, p)); }
                    length += p.haversine_m(q);
                }
            }
            let g = build_graph(&set, &coords, GraphMeta::default());
            let mut driven = HashSet::new();
            for e in &g.edges {
                for s in g.edge_polyline(e).windows(2) {
                    prop_assert!(allowed.contains(&key(s[0], s[1])), "segment not allowed");
                    driven.insert(key(s[0], s[1]));
                }
            }
            prop_assert_eq!(&driven, &allowed);
            let roads_m: f64 = km_by_class(&g).iter().sum::<f64>() * 1000.0;
            prop_assert!((roads_m - length).abs() <= 0.5 * g.edge_count() as f64 + 1.0,
                "roads {} m, ways {} m", roads_m, length);
            for v in 0..g.node_count() as u32 {
                prop_assert!(g.out_edges(v).iter().all(|e| e.from == v));
            }
        }
    }
}
