//! End-to-end: privacy of the people planned.
//!
//! - The built `tournee` imports no function that opens a network connection (its ELF dynamic
//!   symbol table is read), and `Cargo.lock` holds no network client crate.
//! - Every command is run on a scenario whose `address` and `notes` fields hold unique marker
//!   strings: no marker in any stdout, stderr or exported file, except addresses in the
//!   exports of `--with-addresses`; notes never.
//! - Exports round people's positions to about 500 m unless `--precise`; every file written
//!   is 0600.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TOURNEE: &str = env!("CARGO_BIN_EXE_tournee");

/// Functions that reach the network: name resolution, and sockets that are not a local pair.
const NETWORK: &[&str] = &[
    "socket",
    "connect",
    "bind",
    "listen",
    "accept",
    "accept4",
    "sendto",
    "recvfrom",
    "getaddrinfo",
    "freeaddrinfo",
    "getnameinfo",
    "gethostbyname",
    "gethostbyname_r",
    "gethostbyname2",
    "gethostbyaddr",
    "res_query",
    "res_search",
    "res_init",
    "__res_query",
];

#[test]
fn the_binary_imports_no_network_function() {
    use object::{Object, ObjectSymbol};
    let bytes = std::fs::read(TOURNEE).expect("binary");
    let file = object::File::parse(&*bytes).expect("an ELF file");
    let imported: Vec<String> = file
        .dynamic_symbols()
        .filter(|s| s.is_undefined())
        .filter_map(|s| {
            s.name()
                .ok()
                .map(|n| n.split('@').next().unwrap_or(n).to_string())
        })
        .collect();
    assert!(
        imported.len() > 10,
        "the dynamic symbol table was read: {imported:?}"
    );
    assert!(
        imported.iter().any(|n| n == "open" || n == "open64"),
        "{imported:?}"
    );
    let found: Vec<&String> = imported
        .iter()
        .filter(|n| NETWORK.contains(&n.as_str()))
        .collect();
    assert!(found.is_empty(), "network functions imported: {found:?}");
}

#[test]
fn no_network_client_crate_in_the_lock_file() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"))
        .expect("Cargo.lock");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"'))
        .collect();
    assert!(names.len() > 50 && names.contains(&"serde"), "{names:?}");
    let clients = [
        "reqwest",
        "hyper",
        "hyper-util",
        "h2",
        "h3",
        "ureq",
        "curl",
        "curl-sys",
        "isahc",
        "surf",
        "attohttpc",
        "minreq",
        "http-req",
        "ehttp",
        "tokio",
        "async-std",
        "socket2",
        "rustls",
        "native-tls",
        "openssl",
        "openssl-sys",
        "tungstenite",
        "quinn",
        "hickory-resolver",
        "trust-dns-resolver",
        "ssh2",
        "lettre",
        "sentry",
    ];
    let found: Vec<&&str> = names.iter().filter(|n| clients.contains(n)).collect();
    assert!(found.is_empty(), "network crates in Cargo.lock: {found:?}");
}

/// The Mauriac scenario with a marker address and marker notes for every person.
fn marked() -> String {
    let mut out = String::new();
    for line in include_str!("../fixtures/mauriac/scenario.toml").lines() {
        if line.starts_with("address =") || line.starts_with("notes =") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if let Some(id) = line
            .strip_prefix("id = \"B")
            .and_then(|r| r.strip_suffix('"'))
        {
            out.push_str(&format!("address = \"ADDRMARK{id} rue cachée\"\n"));
            out.push_str(&format!(
                "notes = \"NOTEMARK{id} fuit un conjoint violent\"\n"
            ));
        }
    }
    out
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(TOURNEE)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run tournee")
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("listing").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn is_export(p: &Path) -> bool {
    let n = p.file_name().unwrap_or_default().to_string_lossy();
    [".csv", ".geojson", ".ics", ".svg"]
        .iter()
        .any(|e| n.ends_with(e))
}

/// Which markers a text holds.
fn markers(text: &str) -> (bool, bool) {
    (text.contains("ADDRMARK"), text.contains("NOTEMARK"))
}

#[test]
fn no_address_or_note_in_any_output_or_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("s.toml"), marked()).expect("scenario");
    std::fs::write(
        d.join("bad.toml"),
        marked().replace("commune = \"Vebret\"", "commune = \"Vebet\""),
    )
    .expect("scenario");
    std::fs::write(
        d.join("points.csv"),
        "id,lat,lon\nB03,45.2412,2.2841\nbase,45.2187,2.3324\n",
    )
    .expect("points");
    let runs: Vec<Vec<&str>> = vec![
        vec!["scenario", "check", "s.toml"],
        vec!["scenario", "check", "bad.toml"],
        vec!["plan", "bad.toml", "--week", "2026-W49"],
        vec!["plan", "s.toml", "--week", "2026-W49", "--out", "plain"],
        vec![
            "--lang", "en", "plan", "s.toml", "--week", "2026-W49", "--out", "plain",
        ],
        vec!["plan", "--check", "plain/plan.json"],
        vec![
            "plan",
            "s.toml",
            "--week",
            "2026-W49",
            "--out",
            "open",
            "--with-addresses",
            "--precise",
        ],
        vec![
            "map",
            "matrix",
            "--map",
            "fixtures-graph",
            "--points",
            "points.csv",
            "-o",
            "plain/matrix.csv",
        ],
        vec![
            "coverage",
            "--sites",
            "Mauriac,Ydes",
            "--out",
            "plain/couverture",
        ],
        vec!["purge", "B05", "--dir", "plain"],
    ];
    let graph = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/cantal-synth.graph");
    std::fs::copy(graph, d.join("fixtures-graph")).expect("graph");
    let codes = [0, 2, 2, 0, 0, 0, 0, 0, 0, 0];
    for (args, code) in runs.iter().zip(codes) {
        let o = run(d, args);
        assert_eq!(
            o.status.code(),
            Some(code),
            "tournee {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&o.stderr)
        );
        let out = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(
            markers(&out),
            (false, false),
            "tournee {}:\n{out}",
            args.join(" ")
        );
    }
    let exports: Vec<PathBuf> = files(d).into_iter().filter(|p| is_export(p)).collect();
    assert!(exports.len() >= 10, "{exports:?}");
    for f in &exports {
        let text = std::fs::read_to_string(f).expect("export");
        let opted_in = f.starts_with(d.join("open"));
        let (address, note) = markers(&text);
        assert!(!note, "a note in {}", f.display());
        assert!(!address || opted_in, "an address in {}", f.display());
    }
    // The plan itself holds the scenario, notes included (a private file, never an export).
    let plan = std::fs::read_to_string(d.join("open/plan.json")).expect("plan");
    assert_eq!(markers(&plan), (true, true));
    // --with-addresses puts them in, as asked.
    let csv = std::fs::read_to_string(d.join("open/plan.csv")).expect("csv");
    assert!(csv.contains("ADDRMARK"), "{csv}");
    // Every file written holds people's data or sits beside them: 0600, except the public
    // coverage tables and pictures (no person in them).
    #[cfg(unix)]
    for f in files(d) {
        use std::os::unix::fs::PermissionsExt;
        let n = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let ours = f.parent() != Some(d) && !f.starts_with(d.join("plain/couverture"));
        if ours {
            let mode = std::fs::metadata(&f).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{n}");
        }
    }
}

/// B01, visited on Monday, given a home at 45.35871, 2.51234 (in Vebret): exact only with
/// --precise.
#[test]
fn home_positions_are_rounded_unless_precise() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let text = marked().replacen("commune = \"Vebret\"", "lat = 45.35871\nlon = 2.51234", 1);
    std::fs::write(d.join("s.toml"), text).expect("scenario");
    let point = |folder: &str, extra: &[&str]| -> [f64; 2] {
        let mut args = vec!["plan", "s.toml", "--week", "2026-W49", "--out", folder];
        args.extend_from_slice(extra);
        let o = run(d, &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(d.join(folder).join("plan.geojson")).expect("geojson");
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        let f = v["features"]
            .as_array()
            .expect("features")
            .iter()
            .find(|f| f["properties"]["id"] == "B01")
            .unwrap_or_else(|| panic!("B01 is not visited this week: {text}"));
        let c = &f["geometry"]["coordinates"];
        [c[1].as_f64().expect("lat"), c[0].as_f64().expect("lon")]
    };
    let rough = point("plain", &[]);
    let exact = point("precise", &["--precise"]);
    assert_eq!(exact, [45.35871, 2.51234]);
    assert_ne!(rough, exact);
    let metres = (rough[0] - exact[0]).abs() * 111_000.0 + (rough[1] - exact[1]).abs() * 78_000.0;
    assert!(metres < 700.0, "rounded, not moved away: {metres} m");
    let plain = std::fs::read_to_string(d.join("plain/plan.geojson")).expect("geojson");
    assert!(
        !plain.contains("45.35871") && !plain.contains("2.51234"),
        "{plain}"
    );
}
