use super::*;
use crate::places::Gazetteer;
use crate::snap::Snapped;
use crate::store;
use crate::units::Meters;
use proptest::prelude::*;
use std::sync::OnceLock;

fn network(profile: Profile) -> RoadNetwork {
    let options = SynthOptions {
        profile,
        ..SynthOptions::default()
    };
    RoadNetwork::from_graph(synthesize(Gazetteer::cantal().communes(), &options))
}

fn car() -> &'static RoadNetwork {
    static NET: OnceLock<RoadNetwork> = OnceLock::new();
    NET.get_or_init(|| network(Profile::car()))
}

fn place(net: &RoadNetwork, name: &str) -> Snapped {
    let c = Gazetteer::cantal().resolve(name).unwrap();
    net.snap(name, c.centre()).unwrap()
}

/// Minutes and kilometres by road.
fn drive(net: &RoadNetwork, from: &str, to: &str) -> (f64, f64) {
    let m = net.matrix(&[place(net, from), place(net, to)]);
    (
        f64::from(m.duration(0, 1).0) / 60.0,
        f64::from(m.distance(0, 1).0) / 1000.0,
    )
}

#[test]
fn travel_times_are_plausible() {
    // Real drives: Mauriac → Ydes 22 min (D922, 17 km); Mauriac → Riom-ès-Montagnes about
    // 40 min; Aurillac → Saint-Flour about 1 h 10; Mauriac → Salers about 25 min.
    let cases = [
        ("Mauriac", "Ydes", 20.0..=25.0),
        ("Mauriac", "Riom-ès-Montagnes", 35.0..=45.0),
        ("Aurillac", "Saint-Flour", 55.0..=85.0),
        ("Mauriac", "Salers", 20.0..=32.0),
    ];
    for (from, to, bounds) in cases {
        let (minutes, km) = drive(car(), from, to);
        assert!(bounds.contains(&minutes), "{from} → {to}: {minutes:.1} min");
        let (back, _) = drive(car(), to, from);
        assert!(
            (back - minutes).abs() < 0.05,
            "two-way roads: {back} vs {minutes}"
        );
        let straight = Gazetteer::cantal()
            .resolve(from)
            .unwrap()
            .centre()
            .haversine_m(Gazetteer::cantal().resolve(to).unwrap().centre())
            / 1000.0;
        assert!(
            (1.2 * straight..2.0 * straight).contains(&km),
            "{from} → {to}: {km} km"
        );
    }
}

#[test]
fn camping_car_is_slower() {
    let van = network(Profile::camping_car());
    let (car_min, car_km) = drive(car(), "Mauriac", "Riom-ès-Montagnes");
    let (van_min, van_km) = drive(&van, "Mauriac", "Riom-ès-Montagnes");
    assert!(van_min > car_min * 1.05, "{van_min} vs {car_min}");
    assert!((van_km - car_km).abs() < 5.0);
    assert_eq!(van.graph().meta.profile, "camping-car");
}

#[test]
fn labelled_synthetic_deterministic_and_connected() {
    let g = car().graph();
    assert!(g.meta.synthetic);
    assert!(g.meta.source.contains("synthetic"));
    let car_options = SynthOptions {
        profile: Profile::car(),
        ..SynthOptions::default()
    };
    assert_eq!(synthesize(Gazetteer::cantal().communes(), &car_options), *g);
    let other = SynthOptions {
        seed: 16,
        ..SynthOptions::default()
    };
    assert_ne!(
        synthesize(Gazetteer::cantal().communes(), &other).shape_points,
        g.shape_points
    );
    // Every commune centre is a junction, and every one reaches every other.
    let centres: Vec<Snapped> = Gazetteer::cantal()
        .communes()
        .iter()
        .map(|c| car().snap(&c.insee_code, c.centre()).unwrap())
        .collect();
    assert!(centres.iter().all(|s| s.distance == Meters(0)));
    let m = car().matrix(&centres);
    assert!(m.durations.iter().all(|&d| d != crate::units::Seconds::MAX));
}

#[test]
fn a_home_near_the_village_snaps_onto_a_street_or_road() {
    // 300 m east of the centre of Vebret, where a residential street or a road passes nearby.
    let c = Gazetteer::cantal().resolve("Vebret").unwrap().centre();
    let home = crate::units::LatLon::new(c.lat, c.lon + 300.0 / 78_600.0);
    let s = car().snap("home-1", home).unwrap();
    assert!(s.distance < Meters(300), "{:?}", s.distance);
}

#[test]
fn shipped_file_is_what_the_documented_command_makes() {
    let file = synthesize_file(Gazetteer::cantal().communes(), &SynthOptions::default());
    let bytes = store::encode(&file).unwrap();
    assert!(
        bytes == CANTAL_SYNTH_GRAPH,
        "fixtures/maps/cantal-synth.graph is stale: run `cargo run -- map synth -o fixtures/maps/cantal-synth.graph`"
    );
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
    let shipped = cantal().unwrap();
    assert_eq!(shipped.graph().meta.profile, "camping-car");
    assert_eq!(shipped.graph(), &file.graph);
}

fn arb_point() -> impl Strategy<Value = crate::units::LatLon> {
    (44.65f64..45.45, 2.15f64..3.3).prop_map(|(lat, lon)| crate::units::LatLon::new(lat, lon))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, rng_seed: proptest::test_runner::RngSeed::Fixed(4), ..ProptestConfig::default() })]

    /// Snapped anywhere in Cantal, mid-road: the hierarchy's table equals Dijkstra's, and a
    /// path's duration and distance equal the table's.
    #[test]
    fn tables_agree_with_dijkstra_on_snapped_points(points in proptest::collection::vec(arb_point(), 2..8)) {
        let net = car();
        let snapped: Vec<Snapped> = points
            .iter()
            .map(|&p| net.snap_within("p", p, Meters(100_000)).unwrap())
            .collect();
        let table = net.table(&snapped, &snapped);
        prop_assert_eq!(&table, &net.reference_table(&snapped, &snapped));
        for (i, s) in snapped.iter().enumerate() {
            for (j, t) in snapped.iter().enumerate() {
                let path = net.path(s, t).unwrap();
                prop_assert_eq!((path.duration, path.distance), (table.duration(i, j), table.distance(i, j)));
                prop_assert_eq!(path.geometry.first(), Some(&s.on_road));
                prop_assert_eq!(path.geometry.last(), Some(&t.on_road));
            }
        }
    }
}
