//! End-to-end: `tournee map import` and `tournee map info` run as a user would run them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tournee(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tournee"))
        .args(args)
        .output()
        .expect("run tournee")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/maps")
        .join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("test setup")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_then_info_on_andorra() {
    let dir = tempfile::tempdir().expect("test setup");
    let out = dir.path().join("andorre.graph");
    let o = tournee(&[
        "map",
        "import",
        s(&fixture("andorra.osm.pbf")),
        "-o",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let line = stdout(&o);
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(
        line.contains("nœuds") && line.contains("profil camping-car"),
        "{line}"
    );
    assert!(out.exists());

    let o = tournee(&["map", "info", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Profil: camping-car"), "{text}");
    assert!(text.contains("Écartés à l'import"), "{text}");
    assert!(!text.contains("SYNTHÉTIQUE"), "{text}");

    let o = tournee(&[
        "--lang",
        "en",
        "map",
        "info",
        s(&fixture("andorra.osm.pbf")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Strongly connected components: "), "{text}");
    assert!(text.contains("secondary"), "{text}");
    assert!(!text.contains("Warning"), "{text}");
}

#[test]
fn import_car_around_a_point_with_dimensions() {
    let dir = tempfile::tempdir().expect("test setup");
    let (all, near) = (dir.path().join("all.graph"), dir.path().join("near.graph"));
    let input = fixture("andorra.osm.pbf");
    let o = tournee(&[
        "--lang",
        "en",
        "map",
        "import",
        s(&input),
        "-o",
        s(&all),
        "--profile",
        "car",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("profile car"));
    let args = [
        "map",
        "import",
        s(&input),
        "-o",
        s(&near),
        "--profile",
        "camping-car",
        "--around",
        "42.5063,1.5218",
        "--radius",
        "3km",
        "--max-height",
        "2.5",
        "--max-weight",
        "3",
        "--max-width",
        "2",
    ];
    let o = tournee(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let size = |p: &Path| std::fs::metadata(p).expect("test setup").len();
    assert!(size(&near) < size(&all) / 2);
    // The same input gives the same file, byte for byte.
    let again = dir.path().join("again.graph");
    let o = tournee(&[
        "map",
        "import",
        s(&input),
        "-o",
        s(&again),
        "--profile",
        "car",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = |p: &Path| std::fs::read(p).expect("test setup");
    assert!(bytes(&all) == bytes(&again));
}

#[test]
fn low_bridge_xml_imports_for_both_profiles() {
    let dir = tempfile::tempdir().expect("test setup");
    for profile in ["car", "camping-car"] {
        let out = dir.path().join(format!("{profile}.graph"));
        let o = tournee(&[
            "map",
            "import",
            s(&fixture("low-bridge.osm")),
            "-o",
            s(&out),
            "--profile",
            profile,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let cc = stdout(&tournee(&[
        "map",
        "info",
        s(&dir.path().join("camping-car.graph")),
    ]));
    assert!(cc.contains("camping-car"), "{cc}");
}

/// Runs an import that must fail on bad input: exit code 2, one line, no output file.
fn refused(input: &Path, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("test setup");
    let out = dir.path().join("out.graph");
    let mut args = vec!["map", "import", s(input), "-o", s(&out)];
    args.extend_from_slice(extra);
    let o = tournee(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("erreur: "), "{err}");
    assert!(stdout(&o).is_empty());
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("test setup").collect();
    assert!(left.is_empty(), "left {left:?}");
    err
}

fn damaged(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("test setup");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("test setup");
    (dir, path)
}

#[test]
fn truncated_pbf_is_refused() {
    let bytes = std::fs::read(fixture("andorra.osm.pbf")).expect("test setup");
    let (_d, p) = damaged("cut.osm.pbf", &bytes[..bytes.len() * 2 / 3]);
    let err = refused(&p, &[]);
    assert!(
        err.contains("cut.osm.pbf") && err.contains("pas un fichier OpenStreetMap valide"),
        "{err}"
    );
}

#[test]
fn corrupt_pbf_is_refused() {
    let mut bytes = std::fs::read(fixture("andorra.osm.pbf")).expect("test setup");
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 16] {
        *b ^= 0x5a;
    }
    let (_d, p) = damaged("bad.osm.pbf", &bytes);
    let err = refused(&p, &[]);
    assert!(err.contains("bad.osm.pbf"), "{err}");
}

#[test]
fn empty_file_is_refused() {
    let (_d, p) = damaged("empty.osm.pbf", b"");
    assert!(refused(&p, &[]).contains("empty"));
}

#[test]
fn file_without_roads_is_refused() {
    let xml = "<osm version='0.6'><node id='1' lat='45.2' lon='2.3'/><node id='2' lat='45.21' lon='2.3'/>\
               <way id='3'><nd ref='1'/><nd ref='2'/><tag k='highway' v='footway'/></way></osm>";
    let (_d, p) = damaged("chemins.osm", xml.as_bytes());
    let err = refused(&p, &[]);
    assert!(err.contains("aucune route praticable"), "{err}");
    // `map info` describes it, with a warning instead of an error.
    let o = tournee(&["map", "info", s(&p)]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("Attention: aucune route"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn unknown_place_is_refused() {
    let err = refused(&fixture("andorra.osm.pbf"), &["--around", "Atlantis"]);
    assert!(err.contains("Atlantis"), "{err}");
}

#[test]
fn zero_radius_is_refused() {
    let err = refused(
        &fixture("andorra.osm.pbf"),
        &["--around", "Mauriac", "--radius", "0km"],
    );
    assert!(err.contains("radius"), "{err}");
    let err = refused(
        &fixture("andorra.osm.pbf"),
        &["--around", "Mauriac", "--radius", "-3"],
    );
    assert!(err.contains("radius"), "{err}");
}

#[test]
fn info_on_bad_files_exits_2() {
    let (_d, p) = damaged("x.graph", b"TOURNEEG\x01\x00\x00\x00garbage");
    let o = tournee(&["map", "info", s(&p)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1);
    let o = tournee(&["map", "info", "/no/such/file.osm.pbf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("fichier introuvable"), "{}", stderr(&o));
}
