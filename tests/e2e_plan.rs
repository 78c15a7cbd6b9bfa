//! End-to-end: `tournee plan`, `tournee plan --check` and `tournee scenario` run as a user
//! would run them, on the embedded Mauriac scenario and on generated ones.

use planner::week::plan::{Plan, StopKind};
use std::path::Path;
use std::process::{Command, Output};

fn tournee(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tournee"))
        .args(args)
        .output()
        .expect("run tournee")
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

fn plan_default(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["plan", "--week", "2026-W49", "--out", s(dir)];
    args.extend_from_slice(extra);
    tournee(&args)
}

#[test]
fn default_week_end_to_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = plan_default(dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let last = out.lines().last().unwrap_or("");
    assert!(
        last.contains(s(dir.path())) && last.contains("plan.json"),
        "{last}"
    );
    let plan = Plan::load(&dir.path().join("plan.json")).expect("plan.json");
    // Ydes on Monday morning, Mauriac on Friday morning.
    let held = |day: usize, id: &str| {
        plan.days.iter().any(|d| {
            d.day == day
                && d.stops.iter().any(|x| {
                    x.kind == StopKind::Permanence
                        && x.id.as_deref() == Some(id)
                        && x.end <= 12 * 3600 + 30 * 60
                })
        })
    };
    assert!(held(0, "P-YDES"), "{out}");
    assert!(held(4, "P-MAURIAC"), "{out}");
    // Home visits in the afternoons.
    let visits: Vec<_> = plan
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .filter(|x| x.kind == StopKind::Visit)
        .collect();
    assert!(visits.len() >= 4, "{out}");
    assert!(visits.iter().all(|x| x.start >= 13 * 3600), "{out}");
    // Nobody above their FTE hours.
    assert!(
        plan.workers.iter().all(|w| w.planned_s <= w.cap_s),
        "{:?}",
        plan.workers
    );
    // Chaudes-Aigues declined as outside the territory.
    let b07 = plan
        .unplanned
        .iter()
        .find(|u| u.id == "B07")
        .expect("B07 unplanned");
    assert_eq!(b07.reasons[0].code, "U01");
    assert!(out.contains("hors du territoire"), "{out}");
    // Every file written, private.
    for name in [
        "plan.json",
        "plan.geojson",
        "plan.csv",
        "camille.ics",
        "dominique.ics",
        "sacha.ics",
    ] {
        let meta = std::fs::metadata(dir.path().join(name)).expect(name);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{name}");
        }
        assert!(meta.len() > 0, "{name}");
    }
    // No address, note or full pseudonym in the exports by default.
    for name in ["plan.geojson", "plan.csv", "camille.ics"] {
        let text = std::fs::read_to_string(dir.path().join(name)).expect(name);
        assert!(!text.contains("lieu-dit isolé"), "{name}");
        assert!(!text.contains("auto-stop"), "{name}");
    }
    // The checker passes on what was written.
    let c = tournee(&["plan", "--check", s(&dir.path().join("plan.json"))]);
    assert!(c.status.success(), "{}{}", stdout(&c), stderr(&c));
    assert!(stdout(&c).contains("Plan conforme"), "{}", stdout(&c));
}

#[test]
fn same_seed_same_bytes_and_backup_kept() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    assert!(plan_default(a.path(), &["--seed", "7"]).status.success());
    assert!(plan_default(b.path(), &["--seed", "7"]).status.success());
    let read = |d: &Path, f: &str| std::fs::read(d.join(f)).expect("file");
    for f in ["plan.json", "plan.geojson", "plan.csv", "camille.ics"] {
        assert_eq!(read(a.path(), f), read(b.path(), f), "{f}");
    }
    assert!(plan_default(a.path(), &["--seed", "7"]).status.success());
    assert!(a.path().join("plan.json.bak").exists());
}

#[test]
fn check_catches_a_plan_edited_by_hand() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(plan_default(dir.path(), &[]).status.success());
    let path = dir.path().join("plan.json");
    let mut plan = Plan::load(&path).expect("plan");
    let visit = plan
        .days
        .iter_mut()
        .flat_map(|d| d.stops.iter_mut())
        .find(|x| x.kind == StopKind::Visit)
        .expect("a visit");
    visit.start = 7 * 3600;
    std::fs::write(&path, plan.to_json()).expect("write");
    let o = tournee(&["--lang", "en", "plan", "--check", s(&path)]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("[R01]") || stdout(&o).contains("[R04]"),
        "{}",
        stdout(&o)
    );
    std::fs::write(&path, "{ not json").expect("write");
    let o = tournee(&["plan", "--check", s(&path)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn bad_scenario_is_exit_2_with_line_and_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../fixtures/mauriac/scenario.toml")
        .replace("commune = \"Vebret\"", "commune = \"Vebet\"")
        .replace("end = \"12:00\"", "end = \"25:00\"");
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).expect("write");
    let o = tournee(&["plan", s(&path), "--week", "2026-W49"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("[S008]") && err.contains("Vebret"), "{err}");
    assert!(err.contains("[S004]") && err.contains("25:00"), "{err}");
    assert!(err.contains("s.toml:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let o = tournee(&["--lang", "en", "plan", s(&path), "--week", "2026-W49"]);
    assert!(stderr(&o).contains("unknown commune"), "{}", stderr(&o));
    let o = tournee(&["plan", "--week", "2026-W99"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn english_report_and_generated_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = plan_default(dir.path(), &[]);
    assert!(stdout(&o).contains("lundi 30 novembre 2026"));
    let o = tournee(&[
        "--lang",
        "en",
        "plan",
        "--week",
        "2026-W49",
        "--out",
        s(dir.path()),
    ]);
    assert!(
        stdout(&o).contains("Monday 30 November 2026"),
        "{}",
        stdout(&o)
    );
    let generated = dir.path().join("gen.toml");
    let o = tournee(&[
        "scenario",
        "generate",
        "--people",
        "25",
        "--workers",
        "4",
        "--weeks",
        "2",
        "--seed",
        "3",
        "-o",
        s(&generated),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = tournee(&["scenario", "check", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("gen");
    let o = tournee(&[
        "plan",
        s(&generated),
        "--week",
        "2026-W49",
        "--weeks",
        "2",
        "--out",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c = tournee(&["plan", "--check", s(&out.join("plan.json"))]);
    assert!(c.status.success(), "{}", stdout(&c));
}

#[test]
fn a_permanence_that_cannot_be_held_is_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Ydes at 08:05 with 15 minutes of set-up: the crew would leave Mauriac before 08:00.
    let text = include_str!("../fixtures/mauriac/scenario.toml").replace(
        "day = \"lundi\"\nstart = \"09:00\"",
        "day = \"lundi\"\nstart = \"08:05\"",
    );
    assert!(text.contains("08:05"));
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).expect("write");
    let o = tournee(&[
        "plan",
        s(&path),
        "--week",
        "2026-W49",
        "--out",
        s(dir.path()),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("P-YDES") && stderr(&o).contains("ne peut pas être tenue"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("plan.json").exists());
}
