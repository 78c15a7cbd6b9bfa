//! The hierarchy against hand-made graphs and, by property test, against plain Dijkstra.

use super::{Cost, Router, Seed, dijkstra};
use crate::graph::{Deciseconds, Edge, GraphMeta, RoadClass, RoadGraph};
use crate::units::{LatLon, Meters};
use proptest::prelude::*;

fn edge(from: u32, to: u32, time: u32, distance: u32) -> Edge {
    Edge {
        from,
        to,
        time: Deciseconds(time),
        distance: Meters(distance),
        class: RoadClass::Residential,
        shape_start: 0,
        shape_len: 0,
        shape_reversed: false,
    }
}

pub(crate) fn graph(n: usize, edges: &[(u32, u32, u32, u32)]) -> RoadGraph {
    let edges = edges.iter().map(|&(a, b, t, d)| edge(a, b, t, d)).collect();
    RoadGraph::from_edges(
        GraphMeta::default(),
        vec![LatLon::default(); n],
        edges,
        vec![],
    )
}

fn at(node: u32) -> Vec<Seed> {
    vec![Seed {
        node,
        cost: Cost::ZERO,
    }]
}

/// Checks that `edges` is a path from one of `sources` to one of `targets` costing `cost`.
fn assert_real_path(g: &RoadGraph, r: &super::Route, sources: &[Seed], targets: &[Seed]) {
    let mut at = sources[r.source].node;
    let mut total = sources[r.source].cost;
    for &e in &r.edges {
        let e = &g.edges[e as usize];
        assert_eq!(e.from, at, "edges do not chain");
        total = total.plus(Cost::of_edge(e));
        at = e.to;
    }
    assert_eq!(at, targets[r.target].node);
    assert_eq!(total.plus(targets[r.target].cost), r.cost);
}

/// Four junctions round a block, one side one-way: 0 → 1 → 2 → 3 → 0 two-way except 1 → 2.
fn block() -> RoadGraph {
    graph(
        5,
        &[
            (0, 1, 100, 100),
            (1, 0, 100, 100),
            (1, 2, 100, 100), // one-way
            (2, 3, 100, 100),
            (3, 2, 100, 100),
            (3, 0, 100, 100),
            (0, 3, 100, 100),
            (3, 4, 50, 60), // a dead end, one-way in and out by two edges
            (4, 3, 50, 60),
        ],
    )
}

#[test]
fn one_way_street_is_driven_the_long_way_back() {
    let g = block();
    let router = Router::build(&g);
    let there = router.route(&at(1), &at(2)).unwrap();
    assert_eq!(there.cost, Cost::new(Deciseconds(100), Meters(100)));
    let back = router.route(&at(2), &at(1)).unwrap();
    assert_eq!(back.cost, Cost::new(Deciseconds(300), Meters(300)));
    assert_real_path(&g, &back, &at(2), &at(1));
    let dead_end = router.route(&at(4), &at(1)).unwrap();
    assert_eq!(dead_end.cost.time(), Deciseconds(250));
    assert_real_path(&g, &dead_end, &at(4), &at(1));
}

#[test]
fn ties_on_time_are_broken_by_distance() {
    // Two equally fast ways from 0 to 3; the shorter one must be reported.
    let g = graph(
        4,
        &[
            (0, 1, 10, 500),
            (1, 3, 10, 500),
            (0, 2, 10, 300),
            (2, 3, 10, 300),
        ],
    );
    let router = Router::build(&g);
    let r = router.route(&at(0), &at(3)).unwrap();
    assert_eq!(r.cost, Cost::new(Deciseconds(20), Meters(600)));
}

#[test]
fn parallel_edges_and_loops_keep_the_fastest() {
    let g = graph(
        2,
        &[(0, 1, 50, 10), (0, 1, 20, 90), (0, 0, 1, 1), (1, 0, 5, 5)],
    );
    let router = Router::build(&g);
    let r = router.route(&at(0), &at(1)).unwrap();
    assert_eq!(r.cost, Cost::new(Deciseconds(20), Meters(90)));
    assert_real_path(&g, &r, &at(0), &at(1));
}

#[test]
fn unreachable_and_seeded_queries() {
    let g = graph(4, &[(0, 1, 10, 10), (2, 3, 10, 10)]);
    let router = Router::build(&g);
    assert!(router.route(&at(0), &at(3)).is_none());
    assert!(router.route(&at(1), &at(0)).is_none());
    let table = router.table(&[at(0), at(2)], &[at(1), at(3)]);
    let ten = Cost::new(Deciseconds(10), Meters(10));
    assert_eq!(table, vec![ten, Cost::INFINITE, Cost::INFINITE, ten]);
    // Seeds carry their own cost; the cheaper total wins.
    let sources = [
        Seed {
            node: 0,
            cost: Cost::new(Deciseconds(100), Meters(1)),
        },
        Seed {
            node: 1,
            cost: Cost::new(Deciseconds(5), Meters(1)),
        },
    ];
    let r = router.route(&sources, &at(1)).unwrap();
    assert_eq!(
        (r.source, r.cost.time(), r.edges.len()),
        (1, Deciseconds(5), 0)
    );
}

#[test]
fn bytes_round_trip_and_damage_is_refused() {
    let g = block();
    let router = Router::build(&g);
    let bytes = router.to_bytes();
    assert_eq!(Router::from_bytes(&bytes).unwrap(), router);
    assert!(Router::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Router::from_bytes(&[]).is_err());
    // Version, then edge count, then the rank permutation: a repeated rank is refused.
    let mut damaged = bytes.clone();
    damaged[3] = damaged[4];
    assert!(Router::from_bytes(&damaged).is_err());
}

#[test]
fn empty_graph() {
    let g = graph(0, &[]);
    let router = Router::build(&g);
    assert_eq!(Router::from_bytes(&router.to_bytes()).unwrap(), router);
    assert!(router.table(&[], &[]).is_empty());
}

fn arb_graph() -> impl Strategy<Value = RoadGraph> {
    (1usize..40).prop_flat_map(|n| {
        let e = (0..n as u32, 0..n as u32, 0u32..60, 0u32..500);
        proptest::collection::vec(e, 0..n * 4).prop_map(move |edges| {
            // Each random edge is one-way; one in two also gets its reverse (a two-way road).
            let mut all = edges.clone();
            for (k, &(a, b, t, d)) in edges.iter().enumerate() {
                if k % 2 == 0 {
                    all.push((b, a, t, d));
                }
            }
            graph(n, &all)
        })
    })
}

fn arb_seeds(n: usize) -> impl Strategy<Value = Vec<Seed>> {
    let seed = (0..n as u32, 0u32..30, 0u32..300).prop_map(|(node, t, d)| Seed {
        node,
        cost: Cost::new(Deciseconds(t), Meters(d)),
    });
    proptest::collection::vec(seed, 1..3)
}

fn arb_case() -> impl Strategy<Value = (RoadGraph, Vec<Vec<Seed>>, Vec<Vec<Seed>>)> {
    arb_graph().prop_flat_map(|g| {
        let n = g.node_count();
        let points = || proptest::collection::vec(arb_seeds(n), 1..6);
        (Just(g), points(), points())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, rng_seed: proptest::test_runner::RngSeed::Fixed(2), ..ProptestConfig::default() })]

    #[test]
    fn hierarchy_agrees_with_dijkstra((g, sources, targets) in arb_case()) {
        let router = Router::build(&g);
        let expected = dijkstra::table(&g, &sources, &targets);
        prop_assert_eq!(router.table(&sources, &targets), expected.clone());
        for (i, s) in sources.iter().enumerate() {
            for (j, t) in targets.iter().enumerate() {
                let want = expected[i * targets.len() + j];
                match router.route(s, t) {
                    None => prop_assert!(!want.is_finite()),
                    Some(r) => {
                        prop_assert_eq!(r.cost, want);
                        assert_real_path(&g, &r, s, t);
                    }
                }
                let reference = dijkstra::tree(&g, s).route_to(&g, t);
                prop_assert_eq!(reference.map(|r| r.cost), Some(want).filter(|c| c.is_finite()));
            }
        }
        prop_assert_eq!(Router::from_bytes(&router.to_bytes()).unwrap(), router);
    }
}
