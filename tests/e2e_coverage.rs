//! End-to-end: `tournee coverage` as a user runs it, on a road graph written for the test.
//!
//! The graph links every commune centre of Cantal to its four nearest neighbours, roads 1.3 ×
//! the straight line at 60 km/h (one road, Ydes → Sauvat, one-way): enough for exact checks
//! on the real commune list without depending on the shipped map.

use maps::places::Gazetteer;
use maps::store::{GraphFile, save};
use maps::{Deciseconds, Edge, GraphMeta, LatLon, Meters, RoadClass, RoadGraph};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn test_graph() -> RoadGraph {
    let communes = Gazetteer::cantal().communes();
    let nodes: Vec<LatLon> = communes.iter().map(|c| c.centre()).collect();
    let mut edges = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (i, a) in nodes.iter().enumerate() {
        let mut near: Vec<(u64, usize)> = nodes
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(j, b)| (a.haversine_m(*b) as u64, j))
            .collect();
        near.sort();
        for &(d, j) in near.iter().take(4) {
            let key = (i.min(j), i.max(j));
            if !seen.insert(key) {
                continue;
            }
            let metres = (d as f64 * 1.3) as u32;
            let time = Deciseconds((f64::from(metres) / (60_000.0 / 36_000.0)) as u32);
            for (from, to) in [(key.0, key.1), (key.1, key.0)] {
                edges.push(Edge {
                    from: from as u32,
                    to: to as u32,
                    time,
                    distance: Meters(metres),
                    class: RoadClass::Secondary,
                    shape_start: 0,
                    shape_len: 0,
                    shape_reversed: false,
                });
            }
        }
    }
    let meta = GraphMeta {
        profile: "car".into(),
        source: "test".into(),
        synthetic: true,
        ..GraphMeta::default()
    };
    RoadGraph::from_edges(meta, nodes, edges, vec![])
}

fn write_graph(dir: &Path) -> PathBuf {
    let path = dir.join("test.graph");
    save(
        &path,
        &GraphFile {
            graph: test_graph(),
            router: vec![],
        },
    )
    .expect("write the test graph");
    path
}

fn tournee(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tournee"))
        .args(args)
        .output()
        .expect("run tournee")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn default_study_prints_the_table_and_writes_files() {
    let dir = tempfile::tempdir().unwrap();
    let map = write_graph(dir.path());
    let out = dir.path().join("out");
    let o = tournee(&[
        "coverage",
        "--map",
        map.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Étude de couverture — Arrondissement de Mauriac : 55 communes"),
        "{text}"
    );
    assert!(text.contains("Mauriac, Ydes"), "{text}");
    assert!(
        text.contains("Communes hors de portée (30 min, Mauriac, Ydes)"),
        "{text}"
    );
    for f in ["communes.csv", "summary.csv", "map-1.svg", "chart.svg"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let communes = std::fs::read_to_string(out.join("communes.csv")).unwrap();
    assert_eq!(communes.lines().count(), 56);
    // Mauriac is a site: zero minutes to itself.
    assert!(
        communes.contains("\"Mauriac, Ydes\",15120,Mauriac,3449,Mauriac,0.0,0.0,oui"),
        "{communes}"
    );
}

#[test]
fn runs_on_the_built_in_synthetic_map_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = tournee(&["coverage", "--out", out.to_str().unwrap(), "--choose", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("cantal-synth.graph (réseau synthétique"),
        "{text}"
    );
    assert!(text.contains("optimum prouvé"), "{text}");
    assert!(out.join("map-1.svg").is_file());
}

#[test]
fn compares_radii_sites_and_chooses_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let map = write_graph(dir.path());
    let out = dir.path().join("out");
    let o = tournee(&[
        "--lang",
        "en",
        "coverage",
        "--map",
        map.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--radius",
        "15min,30min,25km",
        "--sites",
        "Mauriac,Ydes",
        "--sites",
        "Mauriac,Ydes,Riom-ès-Montagnes,Pleaux,Saint-Martin-Valmeroux",
        "--choose",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Coverage study"), "{text}");
    assert!(text.contains("15 min") && text.contains("25 km"), "{text}");
    assert!(
        text.contains("exact:") && text.contains("greedy:"),
        "{text}"
    );
    assert!(text.contains("proven optimal"), "{text}");
    // Three site sets (two given, the chosen one): three maps.
    for f in ["map-1.svg", "map-2.svg", "map-3.svg", "choices.csv"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 1 + 3 * 3, "{summary}");
    // Five sites cover at least as many people as two, at every radius.
    let covered: Vec<u64> = summary
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').nth(4).unwrap().parse().unwrap())
        .collect();
    for r in 0..3 {
        assert!(covered[3 + r] >= covered[r], "{summary}");
        assert!(covered[6 + r] >= covered[r], "{summary}");
    }
}

#[test]
fn chooses_five_sites_for_the_whole_department() {
    let dir = tempfile::tempdir().unwrap();
    let map = write_graph(dir.path());
    let out = dir.path().join("out");
    let o = tournee(&[
        "--lang",
        "en",
        "coverage",
        "--map",
        map.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--territory",
        "cantal",
        "--choose",
        "5",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Coverage study — Cantal: 246 communes"),
        "{text}"
    );
    assert!(text.contains("among 246 candidates"), "{text}");
    assert!(text.contains("see communes.csv"), "{text}");
    let choices = std::fs::read_to_string(out.join("choices.csv")).unwrap();
    let covered: Vec<u64> = choices
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').nth(2).unwrap().parse().unwrap())
        .collect();
    assert!(covered[0] >= covered[1], "exact below greedy: {choices}");
}

#[test]
fn candidates_can_be_listed() {
    let dir = tempfile::tempdir().unwrap();
    let map = write_graph(dir.path());
    let out = dir.path().join("out");
    let o = tournee(&[
        "coverage",
        "--map",
        map.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--choose",
        "1",
        "--candidates",
        "Ydes,Mauriac",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Choix de 1 site (30 min, parmi 2 candidats)"),
        "{text}"
    );
    let first_choices = std::fs::read_to_string(out.join("choices.csv")).unwrap();
    // The choice of one site among two is the better of the two studied one by one.
    let o = tournee(&[
        "coverage",
        "--map",
        map.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--sites",
        "Ydes",
        "--sites",
        "Mauriac",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let best = summary
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().parse::<u64>().unwrap())
        .max()
        .unwrap();
    // The second study made no choice: the first one's file is gone, not left to mislead.
    assert!(!out.join("choices.csv").exists());
    let choices = first_choices;
    let exact: u64 = choices
        .lines()
        .nth(1)
        .unwrap()
        .rsplit(',')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(exact, best, "{choices}\n{summary}");
}

#[test]
fn bad_input_gets_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let map = write_graph(dir.path());
    let map = map.to_str().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["--radius", "0min"], "reaches nobody"),
        (&["--sites", "Mauriack,Ydes"], "did you mean Mauriac"),
        (&["--sites", "Riom es montagne"], "Riom-ès-Montagnes"),
        (&["--territory", "Lozère"], "unknown territory"),
        (&["--choose", "0"], "cannot choose 0 sites"),
        (&["--radius", "30"], "the unit is missing"),
        (
            &["--choose", "3", "--candidates", "Ydes,Mauriac"],
            "cannot choose 3 sites among 2",
        ),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["coverage", "--map", map, "--out", out];
        args.extend_from_slice(extra);
        let o = tournee(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{extra:?}: {err}");
        assert!(err.contains(expected), "{extra:?}: {err}");
    }
}
