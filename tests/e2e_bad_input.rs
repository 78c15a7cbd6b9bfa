//! End-to-end: bad input of every kind, each tried on the real `tournee` binary. Every case
//! must end with exit code 2, exactly one line on stderr per problem (each with its code), no
//! panic and no backtrace (even with RUST_BACKTRACE=1), and no file written.
//!
//! The README's table "Que se passe-t-il si… / What happens when…" is made from these cases
//! and the messages they get: the test fails if the table is not up to date, and
//! `TOURNEE_UPDATE_README=1 cargo test --test e2e_bad_input` writes it again.

use std::path::Path;
use std::process::Command;

const SCENARIO: &str = include_str!("../fixtures/mauriac/scenario.toml");
const PLAN: &str = include_str!("../tui/tests/fixtures/plan-w49.json");

/// A small valid scenario, for messages that fit on a line.
const MINI: &str = r#"[team]
base = { commune = "Mauriac" }

[[workers]]
id = "a"
fte = 0.5
days = ["lundi", "mardi", "jeudi", "vendredi"]

[[workers]]
id = "b"
fte = 0.5
days = ["lundi", "mardi", "jeudi", "vendredi"]

[[people]]
id = "B01"
commune = "Vebret"
visit_minutes = 60
frequency = "hebdomadaire"
windows = { tous = "après-midi" }
"#;

struct Case {
    /// What is tried, as the README says it.
    what: &'static str,
    /// Files put in the (empty) working folder first.
    files: fn() -> Vec<(&'static str, Vec<u8>)>,
    args: &'static [&'static str],
    /// Problems expected, hence lines on stderr.
    problems: usize,
    /// The code every line must carry.
    code: &'static str,
}

fn mini(old: &str, new: &str) -> Vec<(&'static str, Vec<u8>)> {
    assert!(MINI.contains(old), "{old}");
    vec![("s.toml", MINI.replacen(old, new, 1).into_bytes())]
}

fn plan_with(edit: fn(&mut serde_json::Value)) -> Vec<(&'static str, Vec<u8>)> {
    let mut v: serde_json::Value = serde_json::from_str(PLAN).expect("fixture plan");
    edit(&mut v);
    let text = serde_json::to_string_pretty(&v).expect("json");
    vec![("plan.json", text.into_bytes())]
}

fn andorra() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/maps/andorra.osm.pbf"))
        .expect("fixture map")
}

const CHECK: &[&str] = &["scenario", "check", "s.toml"];
const PLAN_S: &[&str] = &["plan", "s.toml", "--week", "2026-W49"];
const CHECK_PLAN: &[&str] = &["plan", "--check", "plan.json"];
const REBALANCE_ADD: &[&str] = &["rebalance", "--plan", "plan.json", "--add", "r.toml"];

/// The fixture plan and a referral of person `id` in `commune`, with `extra` lines.
fn referral_of(id: &str, commune: &str, extra: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut files = plan_with(|_| {});
    let text = format!(
        "referrer = \"gendarmerie\"\n\n[[people]]\nid = \"{id}\"\ncommune = \"{commune}\"\nvisit_minutes = 60\nfrequency = \"hebdomadaire\"\nwindows = {{ tous = \"après-midi\" }}\n{extra}\n"
    );
    files.push(("r.toml", text.into_bytes()));
    files
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            what: "TOML mal formé / malformed TOML",
            files: || vec![("s.toml", b"[team\nbase = 1\n".to_vec())],
            args: CHECK,
            problems: 1,
            code: "S001",
        },
        Case {
            what: "champ inconnu / unknown field",
            files: || {
                mini(
                    "fte = 0.5\ndays = [\"lundi\", \"mardi\", \"jeudi\", \"vendredi\"]\n\n[[workers]]\nid = \"b\"",
                    "fte = 0.5\ndays = [\"lundi\", \"mardi\", \"jeudi\", \"vendredi\"]\n\n[[workers]]\nid = \"b\"\nfull_time = true",
                )
            },
            args: CHECK,
            problems: 1,
            code: "S002",
        },
        Case {
            what: "champ obligatoire manquant / missing field",
            files: || mini("visit_minutes = 60\n", ""),
            args: CHECK,
            problems: 1,
            code: "S003",
        },
        Case {
            what: "heure 25:00 / time 25:00",
            files: || mini("tous = \"après-midi\"", "tous = \"14:00-25:00\""),
            args: CHECK,
            problems: 1,
            code: "S004",
        },
        Case {
            what: "créneau qui finit avant de commencer / window ending before it starts",
            files: || mini("tous = \"après-midi\"", "lundi = \"17:00-14:00\""),
            args: CHECK,
            problems: 1,
            code: "S005",
        },
        Case {
            what: "identifiants en double / duplicate ids",
            files: || mini("id = \"b\"", "id = \"a\""),
            args: CHECK,
            problems: 1,
            code: "S006",
        },
        Case {
            what: "visite plus longue que tout créneau / a visit longer than every window",
            files: || mini("visit_minutes = 60", "visit_minutes = 400"),
            args: CHECK,
            problems: 1,
            code: "S007",
        },
        Case {
            what: "commune inconnue / unknown commune",
            files: || mini("commune = \"Vebret\"", "commune = \"Vebet\""),
            args: CHECK,
            problems: 1,
            code: "S008",
        },
        Case {
            what: "personne hors de la carte / a person outside the map",
            files: || mini("commune = \"Vebret\"", "lat = 48.8566\nlon = 2.3522"),
            args: CHECK,
            problems: 1,
            code: "S009",
        },
        Case {
            what: "somme des ETP nulle / FTE sum 0",
            files: || vec![("s.toml", MINI.replace("fte = 0.5", "fte = 0").into_bytes())],
            args: CHECK,
            problems: 1,
            code: "S010",
        },
        Case {
            what: "aucun binôme un jour de permanence / no pair available on a permanence day",
            files: || {
                vec![("s.toml", format!("{MINI}\n[[permanences]]\nid = \"P1\"\nsite = {{ commune = \"Ydes\" }}\nday = \"mercredi\"\nstart = \"09:00\"\nend = \"12:00\"\n").into_bytes())]
            },
            args: PLAN_S,
            problems: 1,
            code: "S011",
        },
        Case {
            what: "fréquence impossible sur la période / a frequency impossible in the horizon",
            files: || {
                mini(
                    "frequency = \"hebdomadaire\"\nwindows = { tous = \"après-midi\" }",
                    "frequency = \"bihebdomadaire\"\nwindows = { lundi = \"après-midi\" }",
                )
            },
            args: PLAN_S,
            problems: 1,
            code: "S012",
        },
        Case {
            what: "accompagnement d'une personne inconnue / an escort of an unknown person",
            files: || {
                vec![("s.toml", format!("{MINI}\n[[escorts]]\nid = \"E1\"\nperson = \"B09\"\ndestination = {{ commune = \"Mauriac\" }}\nday = \"jeudi\"\nappointment = \"14:30\"\nminutes_there = 60\n").into_bytes())]
            },
            args: CHECK,
            problems: 1,
            code: "S017",
        },
        Case {
            what: "moins de deux intervenants / fewer than two workers",
            files: || {
                mini(
                    "[[workers]]\nid = \"b\"\nfte = 0.5\ndays = [\"lundi\", \"mardi\", \"jeudi\", \"vendredi\"]\n",
                    "",
                )
            },
            args: CHECK,
            problems: 1,
            code: "S021",
        },
        Case {
            what: "trois erreurs dans un fichier / three problems in one file",
            files: || {
                vec![(
                    "s.toml",
                    SCENARIO
                        .replace("commune = \"Vebret\"", "commune = \"Vebet\"")
                        .replace(
                            "start = \"09:00\"\nend = \"12:00\"",
                            "start = \"09:00\"\nend = \"25:00\"",
                        )
                        .into_bytes(),
                )]
            },
            args: CHECK,
            problems: 3,
            code: "S0",
        },
        Case {
            what: "fichier de scénario absent / scenario file missing",
            files: Vec::new,
            args: PLAN_S,
            problems: 1,
            code: "A005",
        },
        Case {
            what: "semaine 2026-W54 / --week 2026-W54",
            files: Vec::new,
            args: &["plan", "--week", "2026-W54"],
            problems: 1,
            code: "A001",
        },
        Case {
            what: "--weeks 0",
            files: Vec::new,
            args: &["plan", "--week", "2026-W49", "--weeks", "0"],
            problems: 1,
            code: "A002",
        },
        Case {
            what: "--budget 0",
            files: Vec::new,
            args: &["plan", "--week", "2026-W49", "--budget", "0"],
            problems: 1,
            code: "A003",
        },
        Case {
            what: "--out qui est un fichier / --out that is a file",
            files: || vec![("out", b"x".to_vec())],
            args: &["plan", "--week", "2026-W49", "--out", "out"],
            problems: 1,
            code: "A004",
        },
        Case {
            what: "option inconnue / unknown option",
            files: Vec::new,
            args: &["plan", "--wek", "2026-W49"],
            problems: 1,
            code: "A000",
        },
        Case {
            what: "option obligatoire absente / a required option left out",
            files: Vec::new,
            args: &["rebalance", "--absent", "camille", "--on", "mardi"],
            problems: 1,
            code: "A000",
        },
        Case {
            what: "plan.json qui n'est pas du JSON / plan.json that is not JSON",
            files: || vec![("plan.json", PLAN.as_bytes()[..PLAN.len() / 2].to_vec())],
            args: CHECK_PLAN,
            problems: 1,
            code: "P001",
        },
        Case {
            what: "plan.json : mauvais type au fond du fichier / a wrong type deep inside",
            files: || plan_with(|v| v["days"][1]["stops"][2]["start"] = "14h".into()),
            args: CHECK_PLAN,
            problems: 1,
            code: "P002",
        },
        Case {
            what: "plan d'une version plus ancienne / a plan from an older schema version",
            files: || plan_with(|v| v["schema_version"] = 0.into()),
            args: CHECK_PLAN,
            problems: 1,
            code: "P003",
        },
        Case {
            what: "plan.json : jour hors des semaines / a day outside the plan's weeks",
            files: || plan_with(|v| v["days"][0]["day"] = 9.into()),
            args: CHECK_PLAN,
            problems: 1,
            code: "P005",
        },
        Case {
            what: "plan.json : intervenant inconnu / an unknown worker",
            files: || plan_with(|v| v["days"][0]["crew"][1] = "zoe".into()),
            args: CHECK_PLAN,
            problems: 1,
            code: "P006",
        },
        Case {
            what: "plan.json : personne inconnue / a plan.json referring to an unknown person",
            files: || plan_with(|v| v["days"][0]["stops"][5]["id"] = "B99".into()),
            args: CHECK_PLAN,
            problems: 1,
            code: "P007",
        },
        Case {
            what: "plan.json : heure hors limites / a time out of range",
            files: || plan_with(|v| v["days"][0]["stops"][2]["end"] = 90_000.into()),
            args: CHECK_PLAN,
            problems: 1,
            code: "P008",
        },
        Case {
            what: "scénario invalide dans le plan / an invalid scenario inside the plan",
            files: || {
                plan_with(|v| {
                    let s = v["scenario"]
                        .as_str()
                        .expect("text")
                        .replace("commune = \"Vebret\"", "commune = \"Vebet\"");
                    v["scenario"] = s.into();
                })
            },
            args: CHECK_PLAN,
            problems: 1,
            code: "S008",
        },
        Case {
            what: "tui sur un plan invalide / tui on a bad plan",
            files: || plan_with(|v| v["days"][0]["crew"][0] = "zoe".into()),
            args: &["tui", "plan.json"],
            problems: 1,
            code: "P006",
        },
        Case {
            what: "PBF vide / an empty PBF",
            files: || vec![("empty.osm.pbf", Vec::new())],
            args: &["map", "import", "empty.osm.pbf", "-o", "m.graph"],
            problems: 1,
            code: "M003",
        },
        Case {
            what: "PBF tronqué / a truncated PBF",
            files: || vec![("cut.osm.pbf", andorra()[..200_000].to_vec())],
            args: &["map", "import", "cut.osm.pbf", "-o", "m.graph"],
            problems: 1,
            code: "M004",
        },
        Case {
            what: "XML OSM cassé / broken OSM XML",
            files: || vec![("broken.osm", b"<osm><node id='1' lat='45.2'".to_vec())],
            args: &["map", "import", "broken.osm", "-o", "m.graph"],
            problems: 1,
            code: "M004",
        },
        Case {
            what: "fichier de points : latitude invalide / points CSV with a bad latitude",
            files: || {
                vec![(
                    "points.csv",
                    b"id,lat,lon\nA,45.2,2.3\nB,145.2,2.3\n".to_vec(),
                )]
            },
            args: &[
                "map",
                "matrix",
                "--map",
                "../fixtures/maps/cantal-synth.graph",
                "--points",
                "points.csv",
            ],
            problems: 1,
            code: "M012",
        },
        Case {
            what: "effacer une personne inconnue / purge an unknown id",
            files: || vec![("s.toml", MINI.as_bytes().to_vec())],
            args: &["purge", "B42"],
            problems: 1,
            code: "A007",
        },
        Case {
            what: "orientation : champ inconnu / a referral with an unknown field",
            files: || referral_of("B40", "Vebret", "window = { tous = \"après-midi\" }"),
            args: REBALANCE_ADD,
            problems: 1,
            code: "S002",
        },
        Case {
            what: "orientation : personne déjà dans le plan / a referral of someone already planned",
            files: || referral_of("B02", "Vebret", ""),
            args: REBALANCE_ADD,
            problems: 1,
            code: "S006",
        },
        Case {
            what: "orientation : commune inconnue / a referral in an unknown commune",
            files: || referral_of("B40", "Vebet", ""),
            args: REBALANCE_ADD,
            problems: 1,
            code: "S008",
        },
        Case {
            what: "absence d'un intervenant inconnu / an absent worker who does not exist",
            files: || plan_with(|_| {}),
            args: &[
                "rebalance",
                "--plan",
                "plan.json",
                "--absent",
                "zoe",
                "--on",
                "mardi",
            ],
            problems: 1,
            code: "C002",
        },
        Case {
            what: "absence sans jour / an absence without --on",
            files: || plan_with(|_| {}),
            args: &["rebalance", "--plan", "plan.json", "--absent", "camille"],
            problems: 1,
            code: "A009",
        },
        Case {
            what: "annulation d'une personne inconnue / cancelling an unknown person",
            files: || plan_with(|_| {}),
            args: &[
                "rebalance",
                "--plan",
                "plan.json",
                "--cancel",
                "B99",
                "--on",
                "mardi",
            ],
            problems: 1,
            code: "C001",
        },
        Case {
            what: "annulation un jour sans visite / cancelling on a day without a visit",
            files: || plan_with(|_| {}),
            args: &[
                "rebalance",
                "--plan",
                "plan.json",
                "--cancel",
                "B02",
                "--on",
                "dimanche",
            ],
            problems: 1,
            code: "C005",
        },
        Case {
            what: "tolérance illisible / an unreadable --tolerance",
            files: || plan_with(|_| {}),
            args: &[
                "rebalance",
                "--plan",
                "plan.json",
                "--remove",
                "B02",
                "--tolerance",
                "3x",
            ],
            problems: 1,
            code: "A010",
        },
    ]
}

struct Outcome {
    code: Option<i32>,
    stderr: String,
    stdout: String,
    left: Vec<String>,
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listing")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn run(case: &Case) -> Outcome {
    run_in(case, "en")
}

fn run_in(case: &Case, lang: &str) -> Outcome {
    let root = tempfile::tempdir().expect("tempdir");
    // The working folder sits beside a link to the fixtures so paths in messages stay short.
    let dir = root.path().join("w");
    std::fs::create_dir(&dir).expect("dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    std::os::unix::fs::symlink(&fixtures, root.path().join("fixtures")).expect("link");
    for (name, bytes) in (case.files)() {
        std::fs::write(dir.join(name), bytes).expect("setup");
    }
    let before = listing(&dir);
    let mut args = vec!["--lang", lang];
    args.extend_from_slice(case.args);
    let o = Command::new(env!("CARGO_BIN_EXE_tournee"))
        .args(&args)
        .current_dir(&dir)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run tournee");
    let after = listing(&dir);
    Outcome {
        code: o.status.code(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        left: after.into_iter().filter(|n| !before.contains(n)).collect(),
    }
}

fn check(case: &Case, o: &Outcome) -> Result<(), String> {
    let lines: Vec<&str> = o.stderr.lines().collect();
    let fail = |why: &str| {
        Err(format!(
            "{}: {why}\nstderr:\n{}\nstdout:\n{}",
            case.what, o.stderr, o.stdout
        ))
    };
    if o.code != Some(2) {
        return fail(&format!("exit code {:?}, not 2", o.code));
    }
    if lines.len() != case.problems {
        return fail(&format!(
            "{} line(s) on stderr, {} expected",
            lines.len(),
            case.problems
        ));
    }
    if !lines.iter().all(|l| l.contains(&format!("[{}", case.code))) {
        return fail(&format!("a line without [{}…]", case.code));
    }
    let lower = o.stderr.to_lowercase();
    if lower.contains("panick") || lower.contains("backtrace") || lower.contains("rust_backtrace") {
        return fail("a panic or a backtrace");
    }
    if !o.left.is_empty() {
        return fail(&format!("files left behind: {:?}", o.left));
    }
    Ok(())
}

/// The README table, from the cases and what they printed.
fn table(rows: &[(String, String, String)]) -> String {
    let mut t = String::from(
        "| # | essai / input tried | commande / command | message (stderr, `--lang en`) |\n| --- | --- | --- | --- |\n",
    );
    for (i, (what, cmd, msg)) in rows.iter().enumerate() {
        let esc = |s: &str| s.replace('|', "\\|");
        t.push_str(&format!(
            "| {} | {} | `` {} `` | {} |\n",
            i + 1,
            esc(what),
            esc(cmd),
            esc(&msg
                .lines()
                .map(|l| format!("`` {l} ``"))
                .collect::<Vec<_>>()
                .join("<br>"))
        ));
    }
    t
}

/// The users read French: by default every message that says how to fix the input says it in
/// French, as it does in English with `--lang en`.
#[test]
fn bad_input_is_told_in_french_by_default() {
    let mut failures = Vec::new();
    for case in cases().iter().filter(|c| c.code != "A000") {
        let (en, fr) = (run_in(case, "en"), run_in(case, "fr"));
        let english = en.stderr.matches("— fix").count();
        let french = fr.stderr.matches("— correction :").count();
        if fr.stderr.contains("— fix") || french != english || fr.code != en.code {
            failures.push(format!("{}:\n{}\n{}", case.what, en.stderr, fr.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const START: &str = "<!-- bad-input-table: made by tests/e2e_bad_input.rs -->\n";
const END: &str = "<!-- bad-input-table end -->";

#[test]
fn every_bad_input_gets_one_line_per_problem_and_exit_2() {
    let cases = cases();
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    let mut rows = Vec::new();
    for case in &cases {
        let o = run(case);
        if let Err(e) = check(case, &o) {
            failures.push(e);
        }
        rows.push((
            case.what.to_string(),
            format!("tournee {}", case.args.join(" ")),
            o.stderr.trim_end().to_string(),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README");
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no bad-input table markers");
    };
    let fresh = table(&rows);
    let current = &readme[a + START.len()..b];
    if current != fresh {
        if std::env::var_os("TOURNEE_UPDATE_README").is_some() {
            let text = format!("{}{START}{fresh}{}", &readme[..a], &readme[b..]);
            std::fs::write(&readme_path, text).expect("README");
        } else {
            panic!(
                "the README table of bad inputs is out of date: run `TOURNEE_UPDATE_README=1 cargo test --test e2e_bad_input`\n{fresh}"
            );
        }
    }
}
