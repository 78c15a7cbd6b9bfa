//! End-to-end: `tournee map synth` and `tournee map matrix`, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tournee(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tournee"))
        .args(args)
        .output()
        .expect("run tournee")
}

fn shipped_map() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/cantal-synth.graph")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a test input");
    path
}

/// Rows `(from, to, duration_s, distance_m)` of a matrix CSV.
fn rows(csv: &str) -> Vec<(String, String, String, String)> {
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("from,to,duration_s,distance_m"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].into(), f[1].into(), f[2].into(), f[3].into())
        })
        .collect()
}

#[test]
fn synth_regenerates_the_shipped_map_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cantal-synth.graph");
    let o = tournee(&["map", "synth", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("SYNTHÉTIQUE"));
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(shipped_map()).unwrap(),
        "fixtures/maps/cantal-synth.graph differs from `tournee map synth -o …`: regenerate it"
    );
}

const POINTS: &str =
    "id,lat,lon\nmauriac,45.21856,2.31685\nydes,45.34334,2.45009\nhome-3,45.2200,2.3200\n";

#[test]
fn matrix_on_the_synthetic_map() {
    let dir = tempfile::tempdir().unwrap();
    let points = write(dir.path(), "points.csv", POINTS);
    let out = dir.path().join("matrix.csv");
    let map = shipped_map();
    let args = [
        "map",
        "matrix",
        "--map",
        map.to_str().unwrap(),
        "--points",
        points.to_str().unwrap(),
    ];
    let o = tournee(
        &[
            &args[..],
            &["--profile", "camping-car", "-o", out.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&out).unwrap();
    let table = rows(&written);
    assert_eq!(table.len(), 9);
    for (from, to, d, m) in &table {
        if from == to {
            assert_eq!((d.as_str(), m.as_str()), ("0", "0"));
        }
    }
    let cell = |a: &str, b: &str| {
        let r = table.iter().find(|r| r.0 == a && r.1 == b).unwrap();
        (r.2.parse::<u32>().unwrap(), r.3.parse::<u32>().unwrap())
    };
    let (secs, metres) = cell("mauriac", "ydes");
    // The real drive is about 22 min by car; the camping-car is slower on the small roads.
    assert!((1300..=1800).contains(&secs), "{secs} s");
    assert!((17_000..30_000).contains(&metres), "{metres} m");
    assert_eq!(cell("ydes", "mauriac"), (secs, metres));
    // A home 400 m from the centre of Mauriac is under two minutes away, not a detour.
    assert!(cell("mauriac", "home-3").0 < 120);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Without -o, the same table on standard output.
    let o = tournee(&args);
    assert!(o.status.success());
    assert_eq!(String::from_utf8(o.stdout).unwrap(), written);
}

#[test]
fn points_off_the_map_are_all_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,lat,lon\nok,45.21856,2.31685\nparis,48.85,2.35\nfield-7,45.2,2.3\n";
    let points = write(dir.path(), "points.csv", text);
    let map = shipped_map();
    let o = tournee(&[
        "--lang",
        "en",
        "map",
        "matrix",
        "--map",
        map.to_str().unwrap(),
        "--points",
        points.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("2 point(s)") && err.contains("\"paris\"") && err.contains("\"field-7\""),
        "{err}"
    );
    assert!(!err.contains("\"ok\""), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn malformed_points_name_the_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let map = shipped_map();
    let cases = [
        (
            "id,lat,lon\na,45.2,2.3\nb,45.2x,2.3\n",
            ":3: [M012] field lat",
        ),
        ("id,lat,lon\na,45.2\n", ":2: [M012] has 2 fields"),
        ("name,latitude,longitude\na,45.2,2.3\n", ":1: [M012] header"),
        (
            "id,lat,lon\na,45.2,2.3\na,45.3,2.3\n",
            ":3: [M012] id \"a\" is already used on line 2",
        ),
    ];
    for (text, expected) in cases {
        let points = write(dir.path(), "bad.csv", text);
        let o = tournee(&[
            "map",
            "matrix",
            "--map",
            map.to_str().unwrap(),
            "--points",
            points.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        let err = stderr(&o);
        assert!(err.contains("bad.csv") && err.contains(expected), "{err}");
        assert_eq!(err.lines().count(), 1);
    }
}

#[test]
fn wrong_map_inputs_are_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let points = write(dir.path(), "points.csv", POINTS);
    let not_a_graph = write(dir.path(), "notes.graph", "hello");
    let pbf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/andorra.osm.pbf");
    let map = shipped_map();
    let cases: [(&[&str], &str); 3] = [
        (
            &["--map", not_a_graph.to_str().unwrap()],
            "type de fichier inconnu",
        ),
        // An OSM file is imported on the fly; these points are in Cantal, not in Andorra.
        (&["--map", pbf.to_str().unwrap()], "\"ydes\" (310.9 km)"),
        (
            &["--map", map.to_str().unwrap(), "--profile", "car"],
            "faite pour le profil « camping-car »",
        ),
    ];
    for (args, expected) in cases {
        let o = tournee(
            &[
                &["map", "matrix", "--points", points.to_str().unwrap()][..],
                args,
            ]
            .concat(),
        );
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(expected), "{}", stderr(&o));
    }
}

#[test]
fn synth_from_another_commune_list() {
    let dir = tempfile::tempdir().unwrap();
    let communes = write(
        dir.path(),
        "three.csv",
        "insee_code,name,arrondissement,population,lat,lon\n\
         15120,Mauriac,Mauriac,3449,45.21856,2.31685\n\
         15265,Ydes,Mauriac,1641,45.34334,2.45009\n\
         15261,Le Vigean,Mauriac,787,45.2234,2.36661\n",
    );
    let graph = dir.path().join("three.graph");
    let o = tournee(&[
        "map",
        "synth",
        "--communes",
        communes.to_str().unwrap(),
        "--seed",
        "7",
        "--profile",
        "camping-car",
        "-o",
        graph.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let points = write(dir.path(), "points.csv", POINTS);
    let o = tournee(&[
        "map",
        "matrix",
        "--map",
        graph.to_str().unwrap(),
        "--points",
        points.to_str().unwrap(),
        "--profile",
        "camping-car",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rows(&String::from_utf8(o.stdout).unwrap()).len(), 9);

    let broken = write(
        dir.path(),
        "broken.csv",
        "insee_code,name,arrondissement,population,lat,lon\n1,A,M,many,45,2\n",
    );
    let o = tournee(&[
        "map",
        "synth",
        "--communes",
        broken.to_str().unwrap(),
        "-o",
        graph.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.csv:2:"), "{}", stderr(&o));
}
