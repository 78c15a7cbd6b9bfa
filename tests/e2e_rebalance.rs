//! End-to-end: `tournee rebalance` run as a user would, on plans made by `tournee plan`: a
//! referral added, a worker absent, a visit cancelled, a person leaving, an urgent referral,
//! bad inputs; the new plan passes `tournee plan --check`, the previous one is kept as .bak,
//! both 0600.

use planner::week::plan::{Plan, StopKind};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const WEEK: &str = "2030-W10";

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

/// The default week planned in a fresh folder; returns the folder and plan.json.
fn planned(scenario: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut args = vec!["plan", "--week", WEEK, "--out", s(dir.path())];
    let file = dir.path().join("scenario.toml");
    if let Some(text) = scenario {
        std::fs::write(&file, text).expect("write scenario");
        args.insert(1, s(&file));
    }
    let o = tournee(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = dir.path().join("plan.json");
    (dir, plan)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

/// `tournee plan --check` accepts the plan.
fn checked(plan: &Path) {
    let o = tournee(&["plan", "--check", s(plan)]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

const SMALL: &str = r#"
[team]
base = { commune = "Mauriac" }
campers = 1

[[workers]]
id = "ana"
fte = 1.0
days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]

[[workers]]
id = "bea"
fte = 1.0
days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]

[[people]]
id = "P1"
commune = "Vebret"
visit_minutes = 60
frequency = "hebdomadaire"
last_visit = -7
windows = { lundi = "14:00-17:00", mercredi = "14:00-17:00" }

[[people]]
id = "P2"
commune = "Le Vigean"
visit_minutes = 60
frequency = "hebdomadaire"
last_visit = -7
windows = { mardi = "après-midi" }
"#;

const REFERRAL: &str = r#"# Orientation de France Services
referrer = "France Services"

[[people]]
id = "P9"
pseudonym = "Mme Test"
commune = "Sauvat"
visit_minutes = 60
frequency = "hebdomadaire"
windows = { jeudi = "après-midi" }
"#;

#[test]
fn a_referral_is_added_with_no_change_and_the_old_plan_kept() {
    let (dir, plan) = planned(Some(SMALL));
    let before = std::fs::read(&plan).expect("plan");
    let referral = write(dir.path(), "p9.toml", REFERRAL);
    let o = tournee(&["rebalance", "--plan", s(&plan), "--add", s(&referral)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("P9 ajoutée jeudi 7/3"), "{out}");
    assert!(out.contains("aucune visite annoncée ne change"), "{out}");
    assert!(
        !out.contains("Mme Test"),
        "pseudonyms stay out of the diff: {out}"
    );
    // The previous plan is kept byte for byte; both files are private.
    let bak = dir.path().join("plan.json.bak");
    assert_eq!(std::fs::read(&bak).expect("bak"), before);
    for f in [&plan, &bak] {
        let mode = std::fs::metadata(f).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", f.display());
    }
    let new = Plan::load(&plan).expect("new plan");
    assert!(new.scenario.contains("id = \"P9\""));
    assert!(
        new.days
            .iter()
            .any(|d| d.stops.iter().any(|x| x.id.as_deref() == Some("P9")))
    );
    checked(&plan);
}

#[test]
fn same_inputs_same_plan_and_json_diff() {
    let (dir, plan) = planned(Some(SMALL));
    let referral = write(dir.path(), "p9.toml", REFERRAL);
    let run = |out: &str| {
        let o = tournee(&[
            "rebalance",
            "--plan",
            s(&plan),
            "--add",
            s(&referral),
            "-o",
            out,
            "--json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        o
    };
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    let o = run(s(&a));
    run(s(&b));
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    assert!(!dir.path().join("a.json.bak").exists());
    let d = json(&o);
    assert_eq!(d["added"][0]["id"], "P9");
    assert_eq!(d["changed_visits"], 0);
    assert_eq!(d["tolerance_s"], 1800);
}

#[test]
fn an_absent_worker_never_leaves_a_crew_of_one() {
    let (dir, plan) = planned(None);
    // Camille on Monday: the permanence goes to another pair. Sacha on Thursday: the escort
    // needs camille (skill) and dominique has no hours left — it is explained, not forced.
    for (worker, day, date) in [
        ("camille", "lundi", "2030-03-04"),
        ("sacha", "jeudi", "2030-03-07"),
    ] {
        let out = dir.path().join(format!("{worker}.json"));
        let o = tournee(&[
            "rebalance",
            "--plan",
            s(&plan),
            "--absent",
            worker,
            "--on",
            day,
            "-o",
            s(&out),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let new = Plan::load(&out).expect("plan");
        for d in &new.days {
            assert_ne!(d.crew[0], d.crew[1]);
            assert!(
                !(d.date.to_string() == date && d.crew.iter().any(|c| c == worker)),
                "{}",
                stdout(&o)
            );
        }
        assert!(new.scenario.contains("absence signalée (rééquilibrage)"));
        if worker == "camille" {
            let held = new.days.iter().any(|d| {
                d.date.to_string() == date && d.stops.iter().any(|x| x.kind == StopKind::Permanence)
            });
            assert!(held, "{}", stdout(&o));
        } else {
            assert!(
                stdout(&o).contains("E1") && stdout(&o).contains("non planifié"),
                "{}",
                stdout(&o)
            );
        }
        checked(&out);
    }
}

#[test]
fn a_cancelled_visit_and_a_person_leaving() {
    let (dir, plan) = planned(None);
    let cancelled = dir.path().join("cancel.json");
    let o = tournee(&[
        "rebalance",
        "--plan",
        s(&plan),
        "--cancel",
        "B15",
        "--on",
        "mardi",
        "-o",
        s(&cancelled),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = json(&o);
    let b15 = d["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .find(|m| m["id"] == "B15")
        .expect("B15 in the diff")
        .clone();
    assert_eq!(b15["change"], "cancelled");
    assert_eq!(b15["before"]["date"], "2030-03-05");
    let new = Plan::load(&cancelled).expect("plan");
    assert!(
        !new.days
            .iter()
            .any(|d| d.day == 1 && d.stops.iter().any(|x| x.id.as_deref() == Some("B15")))
    );
    checked(&cancelled);

    let left = dir.path().join("left.json");
    let o = tournee(&[
        "--lang",
        "en",
        "rebalance",
        "--plan",
        s(&plan),
        "--remove",
        "B15",
        "-o",
        s(&left),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("B15 taken off the plan"),
        "{}",
        stdout(&o)
    );
    let new = Plan::load(&left).expect("plan");
    assert!(!new.scenario.contains("\"B15\""));
    assert!(
        !new.days
            .iter()
            .any(|d| d.stops.iter().any(|x| x.id.as_deref() == Some("B15")))
    );
    checked(&left);
}

#[test]
fn an_urgent_referral_within_48_hours_or_reasons() {
    let (dir, plan) = planned(Some(SMALL));
    let urgent = "referrer = \"115 / SIAO\"\nurgent = true\n\n[[people]]\nid = \"U1\"\ncommune = \"Ydes\"\nvisit_minutes = 60\nfrequency = \"hebdomadaire\"\nwindows = { tous = \"après-midi\" }\n";
    let referral = write(dir.path(), "u1.toml", urgent);
    let o = tournee(&[
        "rebalance",
        "--plan",
        s(&plan),
        "--add",
        s(&referral),
        "--from",
        "2030-03-06",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = json(&o);
    let date = d["added"][0]["at"]["date"]
        .as_str()
        .expect("added")
        .to_string();
    assert!(date == "2030-03-06" || date == "2030-03-07", "{date}");
    let new = Plan::load(&plan).expect("plan");
    assert!(new.scenario.contains("priority = 5"));
    // Monday and Tuesday are before --from: untouched.
    let old = Plan::load(&dir.path().join("plan.json.bak")).expect("bak");
    for day in old.days.iter().filter(|d| d.day < 2) {
        assert!(new.days.contains(day));
    }
}

#[test]
fn an_impossible_referral_says_why_in_plain_words() {
    let (dir, plan) = planned(None);
    let heavy = "[[people]]\nid = \"B40\"\ncommune = \"Vebret\"\nvisit_minutes = 240\nfrequency = \"hebdomadaire\"\nwindows = { mardi = \"après-midi\" }\nskill = \"vif\"\n";
    let referral = write(dir.path(), "b40.toml", heavy);
    let o = tournee(&[
        "rebalance",
        "--plan",
        s(&plan),
        "--add",
        s(&referral),
        "-o",
        s(&dir.path().join("x.json")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("B40") && out.contains("non planifiée"),
        "{out}"
    );
    assert!(
        out.contains("l'équipe a ") && out.contains("de libres sur"),
        "{out}"
    );
    assert!(out.contains("→ pour la placer"), "{out}");
}

#[test]
fn bad_inputs_get_one_clear_line_and_exit_2() {
    let (dir, plan) = planned(Some(SMALL));
    let bad_referral = write(
        dir.path(),
        "bad.toml",
        "referrer = \"mairie\"\n[[people]]\nid = \"P1\"\ncommune = \"Vebrett\"\nvisit_minutes = 60\nfrequency = \"hebdomadaire\"\n",
    );
    let syntax = write(
        dir.path(),
        "syntax.toml",
        "[[people]]\nid = \"P8\ncommune = \"Vebret\"\n",
    );
    let missing = dir.path().join("missing.toml");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--remove", "ZZ9"], "ZZ9"),
        (vec!["--cancel", "ZZ9", "--on", "mardi"], "ZZ9"),
        (vec!["--absent", "zoe", "--on", "mardi"], "zoe"),
        (vec!["--absent", "ana", "--on", "2031-01-06"], "2031-01-06"),
        (vec!["--absent", "ana"], "--on"),
        (vec!["--absent", "ana", "--on", "mardo"], "mardo"),
        (vec!["--cancel", "P2", "--on", "lundi"], "P2"),
        (vec!["--add", s(&bad_referral)], "bad.toml:4:"),
        (vec!["--add", s(&syntax)], "syntax.toml:2:"),
        (vec!["--add", s(&missing)], "missing.toml"),
        (vec!["--tolerance", "soon"], "--tolerance"),
    ];
    let before = std::fs::read(&plan).expect("plan");
    for (extra, needle) in cases {
        let mut args = vec!["rebalance", "--plan", s(&plan)];
        args.extend(extra.iter().copied());
        let o = tournee(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with("erreur: ") && err.contains(needle),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{err}"
        );
    }
    // Nothing was written.
    assert_eq!(std::fs::read(&plan).expect("plan"), before);
    assert!(!dir.path().join("plan.json.bak").exists());
    let o = tournee(&[
        "rebalance",
        "--plan",
        s(&dir.path().join("nope.json")),
        "--remove",
        "P1",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let referral_lines = tournee(&["rebalance", "--plan", s(&plan), "--add", s(&bad_referral)]);
    let err = stderr(&referral_lines);
    assert!(
        err.contains("[S008]") && err.contains("[S006]") && err.contains("people[0]"),
        "{err}"
    );
}
