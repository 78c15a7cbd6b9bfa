//! Routing on imported OpenStreetMap data: the importer and the router together.

#![allow(clippy::unwrap_used)] // test helpers: a failure is a test failure

use maps::{ImportOptions, LatLon, Profile, RoadNetwork, import};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/maps")
        .join(name)
}

fn network(file: &str, profile: Profile) -> RoadNetwork {
    let options = ImportOptions {
        profile,
        ..ImportOptions::default()
    };
    let (graph, _) = import(&fixture(file), &options, &mut |_| {}).unwrap();
    RoadNetwork::from_graph(graph)
}

fn drive(net: &RoadNetwork, from: LatLon, to: LatLon) -> maps::Path {
    let a = net.snap("from", from).unwrap();
    let b = net.snap("to", to).unwrap();
    net.path(&a, &b).unwrap()
}

/// The low bridge (2.9 m) on the direct road: the car passes under it, the 3.1 m camping-car
/// takes the longer detour to the north.
#[test]
fn camping_car_takes_the_detour_around_the_low_bridge() {
    let (west, east) = (LatLon::new(45.2, 2.2955), LatLon::new(45.2, 2.3245));
    let car = drive(&network("low-bridge.osm", Profile::car()), west, east);
    let van = drive(
        &network("low-bridge.osm", Profile::camping_car()),
        west,
        east,
    );
    let northmost = |p: &maps::Path| p.geometry.iter().map(|q| q.lat).fold(f64::MIN, f64::max);
    assert!(
        northmost(&car) < 45.2001,
        "the car stays on the direct road"
    );
    assert!(
        northmost(&van) > 45.209,
        "the camping-car goes round by the plateau"
    );
    assert!(
        van.distance.0 > car.distance.0 + 500,
        "{:?} vs {:?}",
        van.distance,
        car.distance
    );
    assert!(van.duration > car.duration);
}

/// Andorra la Vella → Encamp along the main valley road (CG-2, primary, about 9 km): the time
/// must match the roads taken — an average between 30 and 70 km/h — and the distance must be
/// more than the straight line but not a detour.
#[test]
fn andorra_la_vella_to_encamp_is_plausible() {
    let net = network("andorra.osm.pbf", Profile::car());
    let (vella, encamp) = (LatLon::new(42.5078, 1.5211), LatLon::new(42.5345, 1.5804));
    let path = drive(&net, vella, encamp);
    let straight_km = vella.haversine_m(encamp) / 1000.0;
    let km = f64::from(path.distance.0) / 1000.0;
    let kmh = km / (f64::from(path.duration.0) / 3600.0);
    assert!(
        (straight_km..straight_km * 1.6).contains(&km),
        "{km} km vs {straight_km} km"
    );
    assert!((30.0..70.0).contains(&kmh), "{kmh} km/h over {km} km");
    let back = drive(&net, encamp, vella);
    let ratio = f64::from(back.duration.0) / f64::from(path.duration.0);
    assert!(
        (0.8..1.25).contains(&ratio),
        "there and back differ too much: {ratio}"
    );
}
