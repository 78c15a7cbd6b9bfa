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
        (&["--radius", "0min"], "n'atteint personne"),
        (&["--sites", "Mauriack,Ydes"], "vouliez-vous dire Mauriac"),
        (&["--sites", "Riom es montagne"], "Riom-ès-Montagnes"),
        (&["--territory", "Lozère"], "territoire inconnu"),
        (&["--choose", "0"], "impossible de choisir 0 sites"),
        (&["--radius", "30"], "l'unité manque"),
        (
            &["--choose", "3", "--candidates", "Ydes,Mauriac"],
            "impossible de choisir 3 sites parmi 2",
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

/// The values of `key` in every `[[people]]` of a scenario.
fn people_values(scenario: &str, key: &str) -> Vec<String> {
    let table: toml::Table = toml::from_str(scenario).expect("scenario TOML");
    table["people"]
        .as_array()
        .expect("people")
        .iter()
        .filter_map(|p| p.get(key)?.as_str().map(str::to_string))
        .collect()
}

/// Every file of a folder, as text.
fn folder_texts(dir: &Path) -> Vec<(String, String)> {
    std::fs::read_dir(dir)
        .expect("read the output folder")
        .map(|e| {
            let path = e.expect("a folder entry").path();
            (
                path.display().to_string(),
                String::from_utf8_lossy(&std::fs::read(&path).expect("read an output"))
                    .into_owned(),
            )
        })
        .collect()
}

#[test]
fn scenario_people_by_pseudonym_code_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let map = write_graph(dir.path());
    // The embedded example, with a distinctive address and note added to B03.
    let text = planner::week::pipeline::DEFAULT_SCENARIO.replace(
        "pseudonym = \"M. Denis\"",
        "pseudonym = \"M. Denis\"\naddress = \"7 impasse des Tilleuls\"\nnotes = \"Chien méfiant, sonner deux fois\"",
    );
    let scenario = dir.path().join("equipe.toml");
    std::fs::write(&scenario, &text).unwrap();
    let out = dir.path().join("out");
    let o = tournee(&[
        "coverage",
        "--map",
        map.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--scenario",
        scenario.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    // The scenario's permanence sites are the sites by default.
    assert!(report.contains("Ydes, Mauriac │"), "{report}");
    assert!(
        report.contains("Territoire du scénario : l'arrondissement de Mauriac (15002)"),
        "{report}"
    );
    let people = std::fs::read_to_string(out.join("people.csv")).unwrap();
    let mode = std::fs::metadata(out.join("people.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let ids = people_values(&text, "id");
    assert_eq!(ids.len(), 16);
    assert_eq!(people.lines().count(), 1 + ids.len());
    for id in &ids {
        assert!(report.contains(&format!("\n{id} ")), "{id}: {report}");
        assert!(people.contains(&format!(",{id},")), "{id}: {people}");
    }
    // Chaudes-Aigues is outside the arrondissement; Ydes is met at the Saignes meeting point.
    let b07 = report.lines().find(|l| l.starts_with("B07 ")).unwrap();
    assert!(b07.ends_with("hors territoire"), "{b07}");
    assert!(people.contains("B07,domicile,non,"), "{people}");
    assert!(
        people.contains("B02,point de rencontre,oui,Ydes,"),
        "{people}"
    );
    // No display name, address or note anywhere: terminal, errors, files.
    let mut secrets = people_values(&text, "pseudonym");
    secrets.extend(people_values(&text, "address"));
    secrets.extend(people_values(&text, "notes"));
    assert!(secrets.len() > 16 + 5, "{secrets:?}");
    let mut texts = folder_texts(&out);
    texts.push(("stdout".into(), report.clone()));
    texts.push(("stderr".into(), stderr(&o)));
    for secret in &secrets {
        for (name, body) in &texts {
            assert!(!body.contains(secret.as_str()), "{secret:?} in {name}");
        }
    }
}

#[test]
fn scenario_flag_alone_takes_the_embedded_example() {
    let dir = tempfile::tempdir().unwrap();
    let map = write_graph(dir.path());
    let out = dir.path().join("out");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--lang",
            "en",
            "coverage",
            "--map",
            map.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--radius",
            "15min,30min",
        ];
        args.extend_from_slice(extra);
        let o = tournee(&args);
        assert!(o.status.success(), "{extra:?}: {}", stderr(&o));
        (
            stdout(&o),
            std::fs::read_to_string(out.join("people.csv")).unwrap(),
        )
    };
    let (alone, csv_alone) = run(&["--scenario"]);
    let (named, csv_named) = run(&["--scenario", "default", "--sites", "Mauriac"]);
    // "  Ydes, Mauriac: 15 within reach, 0 out of reach, 1 outside the territory" (15 min first).
    let counts = |report: &str, label: &str| -> Vec<usize> {
        let line = report
            .lines()
            .find(|l| l.starts_with(&format!("  {label}: ")))
            .unwrap_or_else(|| panic!("{label}: {report}"));
        line.split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().unwrap())
            .collect()
    };
    let two = counts(&alone, "Ydes, Mauriac");
    let one = counts(&named, "Mauriac");
    assert_eq!(two.iter().sum::<usize>(), 16, "{alone}");
    assert_eq!((two[2], one[2]), (1, 1), "B07 is outside the territory");
    assert!(one[0] <= two[0], "{named}");
    assert_eq!(csv_alone.lines().count(), 17);
    assert_eq!(csv_named.lines().count(), 17);
    assert!(csv_alone.starts_with(
        "sites,person,visit_place,in_territory,nearest_site,time_min,distance_km,covered 15 min,covered 30 min"
    ));
    // One site covers no more people than two that include it, at every radius.
    let within = |csv: &str, col: usize| {
        csv.lines()
            .skip(1)
            .filter(|l| l.rsplit(',').nth(col) == Some("yes"))
            .count()
    };
    for col in 0..2 {
        assert!(within(&csv_named, col) <= within(&csv_alone, col));
    }
}

/// `radius-study.csv` as rows of numbers by column name.
fn study_rows(csv: &str) -> Vec<std::collections::BTreeMap<String, f64>> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    lines
        .map(|l| {
            header
                .iter()
                .zip(l.split(','))
                .map(|(h, v)| (h.to_string(), v.parse::<f64>().expect("a number")))
                .collect()
        })
        .collect()
}

/// Parses an SVG document fully; panics on malformed XML. Returns the number of elements.
fn parse_svg(text: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut depth, mut elements) = (0i32, 0);
    loop {
        match reader.read_event().expect("well-formed SVG") {
            quick_xml::events::Event::Start(e) => {
                if depth == 0 {
                    assert_eq!(e.name().into_inner(), "svg");
                }
                depth += 1;
                elements += 1;
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Empty(_) => elements += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced tags");
    elements
}

#[test]
fn radius_study_on_people_over_cantal() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("cantal.toml");
    let o = tournee(&[
        "scenario",
        "generate",
        "--people",
        "40",
        "--team",
        "mauriac",
        "--area",
        "cantal",
        "--seed",
        "1",
        "-o",
        scenario.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&scenario).unwrap();
    let out = dir.path().join("out");
    let o = tournee(&[
        "--lang",
        "en",
        "coverage",
        "--radius-study",
        "--scenario",
        scenario.to_str().unwrap(),
        "--from",
        "15km",
        "--to",
        "45km",
        "--step",
        "15km",
        "--week",
        "2026-W49",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    assert!(report.contains("Radius study of home visits"), "{report}");
    assert!(report.contains("1.25 FTE = 43 h 45"), "{report}");
    let csv = std::fs::read_to_string(out.join("radius-study.csv")).unwrap();
    let rows = study_rows(&csv);
    let radii: Vec<f64> = rows.iter().map(|r| r["radius_km"]).collect();
    assert_eq!(radii, [15.0, 30.0, 45.0]);
    // The shortest visit or escort a pair could make: a floor for each one planned.
    let minutes = |key: &str, section: &str| -> Vec<f64> {
        let t: toml::Table = toml::from_str(&text).unwrap();
        t.get(section)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.get(key)?.as_integer())
                    .map(|m| m as f64)
                    .collect()
            })
            .unwrap_or_default()
    };
    let shortest = minutes("visit_minutes", "people")
        .into_iter()
        .chain(minutes("minutes_there", "escorts"))
        .fold(f64::MAX, f64::min);
    for pair in rows.windows(2) {
        assert!(
            pair[1]["people_inside"] >= pair[0]["people_inside"],
            "{csv}"
        );
        assert!(pair[1]["requests_due"] >= pair[0]["requests_due"], "{csv}");
    }
    for r in &rows {
        let needed = r["hours_needed"];
        assert!(
            needed + 0.01 >= r["visit_hours"] + r["permanence_hours"],
            "{csv}"
        );
        assert!(
            needed >= r["planned_at_best"] * 2.0 * shortest / 60.0,
            "{csv}"
        );
        assert_eq!(r["team_hours"], 43.75);
        assert!(r["team_hours_used"] <= r["team_hours"] + 0.01, "{csv}");
        assert_eq!(
            r["planned_team"] + r["left_out_team"],
            r["requests_due"],
            "{csv}"
        );
        assert_eq!(
            r["planned_at_best"] + r["not_fitting"],
            r["requests_due"],
            "{csv}"
        );
        assert!(
            r["of_which_within_radius_by_road"] <= r["people_inside"],
            "{csv}"
        );
    }
    // People over the whole department: the widest radius holds more, and more than the
    // team's hours can serve.
    assert!(rows[2]["people_inside"] > rows[0]["people_inside"], "{csv}");
    assert!(rows[2]["hours_needed"] > 43.75, "{csv}");
    let svg = std::fs::read_to_string(out.join("radius-study.svg")).unwrap();
    assert!(parse_svg(&svg) > 30);
    assert!(
        svg.contains("1.25\u{a0}FTE\u{a0}=\u{a0}43\u{a0}h\u{a0}45"),
        "{svg}"
    );
}

#[test]
fn radius_study_is_the_same_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str| {
        let out = dir.path().join(name);
        let o = tournee(&[
            "coverage",
            "--radius-study",
            "--scenario",
            "--from",
            "20km",
            "--to",
            "20km",
            "--week",
            "2026-W49",
            "--seed",
            "4",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        (
            stdout(&o).replace(out.to_str().unwrap(), ""),
            std::fs::read(out.join("radius-study.csv")).unwrap(),
            std::fs::read(out.join("radius-study.svg")).unwrap(),
        )
    };
    let (a, b) = (run("a"), run("b"));
    assert!(a.0.contains("20 km"), "{}", a.0);
    assert!(a == b, "two runs differ");
}

#[test]
fn radius_study_bad_input_gets_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let missing = dir.path().join("nope.toml");
    let missing = missing.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (
            &["--radius-study", "--step", "0km"],
            "le pas doit dépasser 0 km",
        ),
        (
            &["--radius-study", "--from", "60km", "--to", "15km"],
            "--from dépasse --to",
        ),
        (&["--radius-study", "--scenario", missing], "nope.toml"),
        (&["--scenario", missing], "nope.toml"),
        (
            &["--radius-study", "--step", "10min"],
            "pas un temps de trajet",
        ),
        (
            &["--radius-study", "--sites", "Ydes"],
            "--sites: cette option sert à l'étude des sites",
        ),
        (
            &["--from", "10km"],
            "--from: cette option sert à l'étude des rayons",
        ),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["coverage", "--out", out];
        args.extend_from_slice(extra);
        let o = tournee(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{extra:?}: {err}");
        assert!(err.contains(expected), "{extra:?}: {err}");
    }
}
