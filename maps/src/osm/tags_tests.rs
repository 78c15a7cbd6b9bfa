use super::*;

fn road(pairs: &[(&'static str, &'static str)]) -> Option<RoadTags> {
    RoadTags::parse(&RawTags::from_pairs(pairs.iter().copied()))
}

const CAR: [AccessKey; 4] = [
    AccessKey::Motorcar,
    AccessKey::MotorVehicle,
    AccessKey::Vehicle,
    AccessKey::Access,
];

#[test]
fn highway_classes() {
    for c in RoadClass::ALL {
        assert_eq!(road(&[("highway", c.osm_tag())]).unwrap().class, c);
    }
    for v in [
        "track",
        "path",
        "footway",
        "cycleway",
        "construction",
        "proposed",
        "steps",
        "pedestrian",
        "bridleway",
    ] {
        assert!(road(&[("highway", v)]).is_none(), "{v}");
    }
    assert!(road(&[("name", "Rue")]).is_none());
    assert!(
        road(&[("highway", "service"), ("area", "yes")])
            .unwrap()
            .area
    );
    assert!(
        !road(&[("highway", "service"), ("area", "no")])
            .unwrap()
            .area
    );
}

#[test]
fn oneway_values_and_implications() {
    let o = |pairs: &[(&'static str, &'static str)]| road(pairs).unwrap().oneway;
    assert_eq!(o(&[("highway", "primary")]), Oneway::No);
    for v in ["yes", "true", "1"] {
        assert_eq!(o(&[("highway", "primary"), ("oneway", v)]), Oneway::Forward);
    }
    for v in ["-1", "reverse"] {
        assert_eq!(
            o(&[("highway", "primary"), ("oneway", v)]),
            Oneway::Backward
        );
    }
    assert_eq!(o(&[("highway", "primary"), ("oneway", "no")]), Oneway::No);
    assert_eq!(
        o(&[("highway", "primary"), ("oneway", "reversible")]),
        Oneway::Reversible
    );
    assert_eq!(
        o(&[("highway", "tertiary"), ("junction", "roundabout")]),
        Oneway::Forward
    );
    assert_eq!(
        o(&[("highway", "tertiary"), ("junction", "circular")]),
        Oneway::Forward
    );
    assert_eq!(o(&[("highway", "motorway")]), Oneway::Forward);
    assert_eq!(o(&[("highway", "motorway_link")]), Oneway::Forward);
    assert_eq!(o(&[("highway", "trunk_link")]), Oneway::No);
    // An explicit tag beats the implication.
    assert_eq!(o(&[("highway", "motorway"), ("oneway", "no")]), Oneway::No);
    assert_eq!(
        o(&[
            ("highway", "residential"),
            ("junction", "roundabout"),
            ("oneway", "-1")
        ]),
        Oneway::Backward
    );
    // Garbage falls back on the implied rule.
    assert_eq!(
        o(&[("highway", "motorway"), ("oneway", "perhaps")]),
        Oneway::Forward
    );
}

#[test]
fn maxspeed_forms() {
    let k = |v: &str| match parse_maxspeed(v) {
        Some(Maxspeed::Kmh(x)) => Some((x * 100.0).round() / 100.0),
        _ => None,
    };
    assert_eq!(k("50"), Some(50.0));
    assert_eq!(k(" 90 "), Some(90.0));
    assert_eq!(k("50 km/h"), Some(50.0));
    assert_eq!(k("50km/h"), Some(50.0));
    assert_eq!(k("50 mph"), Some(80.47));
    assert_eq!(k("FR:urban"), Some(50.0));
    assert_eq!(k("fr:rural"), Some(80.0));
    assert_eq!(k("FR:zone30"), Some(30.0));
    assert_eq!(k("FR:motorway"), Some(130.0));
    assert_eq!(k("DE:rural"), Some(100.0));
    assert_eq!(k("IT:urban"), Some(50.0));
    assert_eq!(k("IT:rural"), Some(90.0));
    assert_eq!(k("RU:zone20"), Some(20.0));
    assert_eq!(k("walk"), Some(WALK_KMH));
    assert_eq!(k("50;70"), Some(50.0));
    assert_eq!(k("70;50"), Some(50.0));
    assert_eq!(k("70;FR:zone30"), Some(30.0));
    assert_eq!(parse_maxspeed("none"), Some(Maxspeed::Unlimited));
    for bad in [
        "",
        "fast",
        "signals",
        "variable",
        "-30",
        "0",
        "50 furlongs",
        "FR:",
        "x:y",
    ] {
        assert_eq!(k(bad), None, "{bad:?}");
    }
}

#[test]
fn maxspeed_directions_and_fallback_keys() {
    let t = road(&[
        ("highway", "primary"),
        ("maxspeed", "70"),
        ("maxspeed:backward", "50"),
    ])
    .unwrap();
    assert_eq!(t.maxspeed_forward, Some(Maxspeed::Kmh(70.0)));
    assert_eq!(t.maxspeed_backward, Some(Maxspeed::Kmh(50.0)));
    let t = road(&[("highway", "secondary"), ("source:maxspeed", "FR:rural")]).unwrap();
    assert_eq!(t.maxspeed_forward, Some(Maxspeed::Kmh(80.0)));
    let t = road(&[("highway", "secondary"), ("maxspeed:type", "FR:urban")]).unwrap();
    assert_eq!(t.maxspeed_forward, Some(Maxspeed::Kmh(50.0)));
    let t = road(&[
        ("highway", "secondary"),
        ("maxspeed", "80"),
        ("maxspeed:advisory", "40"),
    ])
    .unwrap();
    assert_eq!(t.maxspeed_backward, Some(Maxspeed::Kmh(40.0)));
    let t = road(&[("highway", "secondary"), ("maxspeed", "unknown")]).unwrap();
    assert_eq!(t.maxspeed_forward, None);
}

#[test]
fn lengths() {
    let l = |v: &str| parse_length_m(v).map(|x| (x * 1000.0).round() / 1000.0);
    assert_eq!(l("3.5"), Some(3.5));
    assert_eq!(l("3,5"), Some(3.5));
    assert_eq!(l("3.5 m"), Some(3.5));
    assert_eq!(l("3.5m"), Some(3.5));
    assert_eq!(l("290 cm"), Some(2.9));
    assert_eq!(l("11'6\""), Some(3.505));
    assert_eq!(l("11' 6\""), Some(3.505));
    assert_eq!(l("11'"), Some(3.353));
    assert_eq!(l("12 ft"), Some(3.658));
    for none in [
        "default",
        "none",
        "below_default",
        "no_sign",
        "no_indications",
        "",
        "tall",
        "0",
    ] {
        assert_eq!(l(none), None, "{none:?}");
    }
}

#[test]
fn weights() {
    let w = |v: &str| parse_weight_t(v).map(|x| (x * 1000.0).round() / 1000.0);
    assert_eq!(w("3.5"), Some(3.5));
    assert_eq!(w("3.5 t"), Some(3.5));
    assert_eq!(w("3.5t"), Some(3.5));
    assert_eq!(w("7500 kg"), Some(7.5));
    assert_eq!(w("10 st"), Some(9.072));
    assert_eq!(w("none"), None);
    assert_eq!(w("heavy"), None);
    let t = road(&[
        ("highway", "unclassified"),
        ("maxheight", "default"),
        ("maxheight:physical", "2.9"),
        ("maxweight", "7500 kg"),
        ("maxwidth", "2 m"),
    ])
    .unwrap();
    assert_eq!(t.max_height_m, Some(2.9));
    assert_eq!(t.max_weight_t, Some(7.5));
    assert_eq!(t.max_width_m, Some(2.0));
}

#[test]
fn access_most_specific_wins() {
    let allows = |pairs: &[(&'static str, &'static str)]| road(pairs).unwrap().allows(&CAR);
    assert!(allows(&[("highway", "residential")]));
    for v in [
        "no",
        "private",
        "agricultural",
        "forestry",
        "psv",
        "emergency",
    ] {
        assert!(!allows(&[("highway", "residential"), ("access", v)]), "{v}");
        assert!(
            !allows(&[("highway", "residential"), ("motor_vehicle", v)]),
            "{v}"
        );
        assert!(
            !allows(&[("highway", "residential"), ("motorcar", v)]),
            "{v}"
        );
        assert!(
            !allows(&[("highway", "residential"), ("vehicle", v)]),
            "{v}"
        );
    }
    for v in ["yes", "permissive", "destination", "designated"] {
        assert!(allows(&[("highway", "residential"), ("access", v)]), "{v}");
    }
    assert!(allows(&[
        ("highway", "residential"),
        ("access", "no"),
        ("motor_vehicle", "destination"),
    ]));
    assert!(!allows(&[
        ("highway", "residential"),
        ("access", "yes"),
        ("motorcar", "no"),
    ]));
    assert!(allows(&[
        ("highway", "residential"),
        ("vehicle", "no"),
        ("motorcar", "yes"),
    ]));
    // An unknown value says nothing: the general key decides.
    assert!(!allows(&[
        ("highway", "residential"),
        ("access", "no"),
        ("motorcar", "sometimes"),
    ]));
    // `motorhome` is only read by profiles that ask for it.
    let t = road(&[("highway", "residential"), ("motorhome", "no")]).unwrap();
    assert!(t.allows(&CAR));
    assert!(!t.allows(&[AccessKey::Motorhome, AccessKey::Motorcar]));
}

#[test]
fn impassable_service_and_surface() {
    assert!(
        road(&[("highway", "service"), ("service", "emergency_access")])
            .unwrap()
            .impassable
    );
    assert!(
        road(&[("highway", "primary"), ("impassable", "yes")])
            .unwrap()
            .impassable
    );
    assert!(
        road(&[("highway", "service"), ("service", "parking_aisle")])
            .unwrap()
            .minor_service
    );
    assert!(!road(&[("highway", "service")]).unwrap().minor_service);
    assert_eq!(surface_cap_kmh(Some("gravel"), None), Some(40.0));
    assert_eq!(surface_cap_kmh(Some("asphalt"), None), None);
    assert_eq!(
        surface_cap_kmh(Some("gravel"), Some("very_bad")),
        Some(20.0)
    );
    assert_eq!(surface_cap_kmh(None, Some("impassable")), Some(0.0));
}
