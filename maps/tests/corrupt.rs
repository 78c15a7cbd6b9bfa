//! Damaged input never panics: truncated, bit-flipped, empty and foreign files all give a
//! `MapError` that names the file.

use maps::MapError;
use maps::import::{ImportOptions, import};
use std::path::{Path, PathBuf};

fn fixture() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/andorra.osm.pbf"))
        .expect("test setup")
}

fn try_import(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), MapError> {
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, bytes).expect("test setup");
    import(&path, &ImportOptions::default(), &mut |_| {}).map(|_| ())
}

#[test]
fn truncated_copies_are_refused() {
    let dir = tempfile::tempdir().expect("test setup");
    let bytes = fixture();
    let cuts = (1..40)
        .map(|k| bytes.len() * k / 40 + 3)
        .chain([1, 3, 5, 20, bytes.len() - 1]);
    for cut in cuts {
        let err = try_import(dir.path(), "cut.osm.pbf", &bytes[..cut]).expect_err("must fail");
        assert!(
            matches!(err, MapError::Corrupt { .. }),
            "cut at {cut}: {err}"
        );
        assert!(err.to_string().contains("cut.osm.pbf"));
        assert!(err.is_bad_input());
    }
}

#[test]
fn bit_flipped_copies_never_panic() {
    let dir = tempfile::tempdir().expect("test setup");
    let bytes = fixture();
    let mut refused = 0;
    let positions: Vec<usize> = (0..150)
        .map(|k| (k * 7919 + k * k * 31) % bytes.len())
        .collect();
    for (k, &pos) in positions.iter().enumerate() {
        let mut copy = bytes.clone();
        copy[pos] ^= 1 << (k % 8);
        if let Err(e) = try_import(dir.path(), "flip.osm.pbf", &copy) {
            assert!(e.is_bad_input(), "{e}");
            refused += 1;
        }
    }
    // Flips in compressed data are caught by zlib's checksum; a few may land in unused fields.
    assert!(
        refused * 10 >= positions.len() * 9,
        "only {refused} of {} refused",
        positions.len()
    );
}

#[test]
fn empty_garbage_and_roadless_files_are_refused() {
    let dir = tempfile::tempdir().expect("test setup");
    let err = try_import(dir.path(), "empty.osm.pbf", b"").expect_err("must fail");
    assert!(matches!(err, MapError::EmptyFile { .. }), "{err}");
    let err = try_import(dir.path(), "noise.osm.pbf", &[0x5a; 4096]).expect_err("must fail");
    assert!(matches!(err, MapError::Corrupt { .. }), "{err}");
    let err =
        try_import(dir.path(), "noise.bin", b"hello, these are not roads").expect_err("must fail");
    assert!(matches!(err, MapError::UnknownFormat { .. }), "{err}");
    let mut fake = vec![0, 0, 0, 13, 0x0a];
    fake.extend_from_slice(&[0xff; 64]);
    let err = try_import(dir.path(), "fake.osm.pbf", &fake).expect_err("must fail");
    assert!(matches!(err, MapError::Corrupt { .. }), "{err}");
    let xml = "<osm><node id='1' lat='45' lon='2'/><way id='2'><nd ref='1'/><tag k='highway' v='footway'/></way></osm>";
    let err = try_import(dir.path(), "paths.osm", xml.as_bytes()).expect_err("must fail");
    assert!(matches!(err, MapError::NoRoads { .. }), "{err}");
    let err = try_import(dir.path(), "broken.osm", b"<osm><node id='1'").expect_err("must fail");
    assert!(matches!(err, MapError::Corrupt { .. }), "{err}");
}

#[test]
fn gzipped_xml_reads_like_plain_xml() {
    use std::io::Write;
    let xml = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/low-bridge.osm"),
    )
    .expect("test setup");
    let dir = tempfile::tempdir().expect("test setup");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&xml).expect("test setup");
    let gz = gz.finish().expect("test setup");
    let plain = dir.path().join("a.osm");
    let zipped = dir.path().join("a.osm.gz");
    std::fs::write(&plain, &xml).expect("test setup");
    std::fs::write(&zipped, &gz).expect("test setup");
    let a = import(&plain, &ImportOptions::default(), &mut |_| {})
        .expect("test setup")
        .0;
    let b = import(&zipped, &ImportOptions::default(), &mut |_| {})
        .expect("test setup")
        .0;
    assert_eq!(a.edges, b.edges);
    assert_eq!(a.nodes, b.nodes);
    // A truncated gzip stream is refused too.
    let err = try_import(dir.path(), "cut.osm.gz", &gz[..gz.len() / 2]).expect_err("must fail");
    assert!(err.is_bad_input(), "{err}");
}
