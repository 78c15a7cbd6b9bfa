//! The importer on a real OpenStreetMap extract (Andorra, 2013).

use maps::build::keep_largest_scc;
use maps::import::{ImportOptions, import, read_graph};
use maps::osm::tags::{Oneway, RawTags, RoadTags};
use maps::{LatLon, Profile, RoadGraph};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

fn andorra() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/andorra.osm.pbf")
}

/// Centres of the seven parishes (town halls / main squares, WGS84).
const PARISHES: [(&str, f64, f64); 7] = [
    ("Andorra la Vella", 42.5063, 1.5218),
    ("Escaldes-Engordany", 42.5089, 1.5381),
    ("Encamp", 42.5361, 1.5828),
    ("Canillo", 42.5664, 1.5989),
    ("La Massana", 42.5448, 1.5155),
    ("Ordino", 42.5559, 1.5332),
    ("Sant Julià de Lòria", 42.4653, 1.4911),
];

fn nearest(g: &RoadGraph, p: LatLon) -> (usize, f64) {
    g.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (i, n.haversine_m(p)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("test setup")
}

#[test]
fn one_large_component_holds_every_parish_centre() {
    let opts = ImportOptions::default();
    let (all, _) = read_graph(&andorra(), &opts, &mut |_| {}).expect("test setup");
    let (kept, comps) = keep_largest_scc(all.clone());
    assert!(comps.count > 1, "Andorra has some one-way dead ends");
    assert!(
        kept.node_count() * 10 >= all.node_count() * 9,
        "largest component {} of {} nodes",
        kept.node_count(),
        all.node_count()
    );
    let kept_nodes: HashSet<(u64, u64)> = kept
        .nodes
        .iter()
        .map(|p| (p.lat.to_bits(), p.lon.to_bits()))
        .collect();
    for (name, lat, lon) in PARISHES {
        let (i, d) = nearest(&all, LatLon::new(lat, lon));
        assert!(d < 400.0, "{name}: nearest junction {d:.0} m away");
        let p = all.nodes[i];
        assert!(
            kept_nodes.contains(&(p.lat.to_bits(), p.lon.to_bits())),
            "{name}: its nearest junction is outside the largest component"
        );
    }
}

/// Every directed segment of every one-way way, read independently of the importer with the
/// osmpbf element reader.
fn oneway_segments(path: &Path) -> (HashSet<[u64; 4]>, HashSet<[u64; 4]>) {
    let reader = osmpbf::ElementReader::from_path(path).expect("test setup");
    let mut nodes = HashMap::new();
    let mut ways: Vec<(Vec<i64>, Oneway)> = Vec::new();
    reader
        .for_each(|el| match el {
            osmpbf::Element::DenseNode(n) => {
                nodes.insert(n.id(), [n.decimicro_lat(), n.decimicro_lon()]);
            }
            osmpbf::Element::Way(w) => {
                let pairs: Vec<(String, String)> = w
                    .tags()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                let raw = RawTags::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                if let Some(t) = RoadTags::parse(&raw)
                    && Profile::car().exclusion(&t).is_none()
                {
                    ways.push((w.refs().collect(), t.oneway));
                }
            }
            _ => {}
        })
        .expect("test setup");
    let key = |a: [i32; 2], b: [i32; 2]| {
        let f = |v: i32| (f64::from(v) * 1e-7).to_bits();
        [f(a[0]), f(a[1]), f(b[0]), f(b[1])]
    };
    let (mut forbidden, mut allowed) = (HashSet::new(), HashSet::new());
    for (refs, oneway) in ways {
        for w in refs.windows(2) {
            let (Some(&a), Some(&b)) = (nodes.get(&w[0]), nodes.get(&w[1])) else {
                continue;
            };
            match oneway {
                Oneway::Forward => {
                    forbidden.insert(key(b, a));
                    allowed.insert(key(a, b));
                }
                Oneway::Backward => {
                    forbidden.insert(key(a, b));
                    allowed.insert(key(b, a));
                }
                _ => {
                    allowed.insert(key(a, b));
                    allowed.insert(key(b, a));
                }
            }
        }
    }
    (forbidden, allowed)
}

#[test]
fn no_edge_drives_a_one_way_street_backwards() {
    let (g, _) = import(&andorra(), &ImportOptions::default(), &mut |_| {}).expect("test setup");
    let (forbidden, allowed) = oneway_segments(&andorra());
    assert!(forbidden.len() > 100, "Andorra has one-way streets");
    let (mut checked, mut oneway_driven) = (0, 0);
    for e in &g.edges {
        let line = g.edge_polyline(e);
        for s in line.windows(2) {
            let k = [
                s[0].lat.to_bits(),
                s[0].lon.to_bits(),
                s[1].lat.to_bits(),
                s[1].lon.to_bits(),
            ];
            assert!(
                allowed.contains(&k),
                "edge segment {s:?} is not on any drivable way"
            );
            // A segment both forbidden and allowed lies on two overlapping ways; none in Andorra.
            assert!(
                !forbidden.contains(&k),
                "edge {e:?} drives a one-way street backwards at {s:?}"
            );
            checked += 1;
        }
        let rev = [
            line[1].lat.to_bits(),
            line[1].lon.to_bits(),
            line[0].lat.to_bits(),
            line[0].lon.to_bits(),
        ];
        oneway_driven += usize::from(forbidden.contains(&rev));
    }
    assert!(checked > 10_000, "{checked}");
    assert!(
        oneway_driven > 0,
        "one-way streets are in the graph, in their direction"
    );
}
