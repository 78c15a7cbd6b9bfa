//! The hand-made low-bridge map: the camping-car must not be routed under a 2.9 m bridge.

use maps::import::{ImportOptions, import};
use maps::{LatLon, Profile, RoadGraph};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/low-bridge.osm")
}

const UNDER_BRIDGE: (LatLon, LatLon) = (LatLon::new(45.2, 2.308), LatLon::new(45.2, 2.309));

fn near(a: LatLon, b: LatLon) -> bool {
    a.haversine_m(b) < 0.5
}

/// Edges whose drawn line goes under the bridge, in either direction.
fn under_bridge(g: &RoadGraph) -> usize {
    g.edges
        .iter()
        .filter(|e| {
            g.edge_polyline(e).windows(2).any(|s| {
                let (a, b) = UNDER_BRIDGE;
                (near(s[0], a) && near(s[1], b)) || (near(s[0], b) && near(s[1], a))
            })
        })
        .count()
}

fn graph(profile: Profile) -> RoadGraph {
    let opts = ImportOptions {
        profile,
        around: None,
    };
    import(&fixture(), &opts, &mut |_| {})
        .expect("test setup")
        .0
}

#[test]
fn car_drives_under_the_bridge_camping_car_does_not() {
    let car = graph(Profile::car());
    let cc = graph(Profile::camping_car());
    assert_eq!(under_bridge(&car), 2, "both directions of the main road");
    assert_eq!(under_bridge(&cc), 0);
    assert_eq!(car.meta.profile, "car");
    assert_eq!(cc.meta.profile, "camping-car");
    // The villages at both ends are still in the camping-car graph, joined by the detour.
    for end in [LatLon::new(45.2, 2.295), LatLon::new(45.2, 2.325)] {
        assert!(cc.nodes.iter().any(|n| near(*n, end)), "{end:?}");
    }
    let detour = cc
        .edges
        .iter()
        .filter(|e| e.class == maps::RoadClass::Secondary)
        .count();
    assert_eq!(detour, 2);
}

#[test]
fn a_smaller_van_may_pass() {
    let van = Profile::camping_car().with_vehicle(maps::Vehicle {
        height_m: 2.8,
        weight_t: 3.5,
        width_m: 2.3,
    });
    assert_eq!(under_bridge(&graph(van)), 2);
}
