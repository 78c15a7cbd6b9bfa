//! End-to-end: `tournee tui` driven in tmux as a user would drive it — open a plan written by
//! `tournee plan`, move a visit from Monday to Tuesday, see both days re-timed on screen, save,
//! quit — then the saved plan, its `.bak` and `tournee plan --check`. And a panic: the terminal
//! is given back before the one-line message.
//!
//! tmux is required (CI installs it); without it these tests fail and say so. Each test uses
//! its own tmux server (`tmux -L`), and the screen is polled until the expected text shows.

use planner::week::edit::{Edit, StopRef};
use planner::week::model::MapChoice;
use planner::week::plan::{Plan, StopKind};
use planner::week::roads::Roads;
use planner::week::text::hhmm;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tui::app::Session;
use tui::app::columns::{columns, items};

const TOURNEE: &str = env!("CARGO_BIN_EXE_tournee");

/// A tmux server of our own, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        let v = Command::new("tmux").arg("-V").output();
        assert!(
            v.as_ref().is_ok_and(|o| o.status.success()),
            "tmux is required for the terminal UI end-to-end tests (CI installs it): {v:?}"
        );
        Tmux {
            socket: format!("tournee-e2e-{name}-{}", std::process::id()),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// Starts `command` in a detached 120×40 session, in `dir`.
    fn start(&self, dir: &Path, command: &str) {
        let o = self.run(&[
            "new-session",
            "-d",
            "-s",
            "ui",
            "-x",
            "120",
            "-y",
            "40",
            "-c",
            dir.to_str().expect("utf-8 path"),
            command,
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let o = self.run(&["send-keys", "-t", "ui", k]);
            assert!(
                o.status.success(),
                "send-keys {k}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "ui"]).stdout).into_owned()
    }

    /// The screen and the lines scrolled above it.
    fn history(&self) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["capture-pane", "-p", "-S", "-", "-t", "ui"])
                .stdout,
        )
        .into_owned()
    }

    fn format(&self, what: &str) -> String {
        let o = self.run(&["display-message", "-p", "-t", "ui", what]);
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// Polls the screen until `test` holds (10 s at most).
    fn wait(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if test(&s) {
                return s;
            }
            assert!(
                Instant::now() < end,
                "waited for {what}; the screen shows:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn gone(&self) -> bool {
        !self.run(&["has-session", "-t", "ui"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// The default Mauriac week, with camille and dominique at 0.8 FTE so that a visit can move to
/// Tuesday without going over anyone's hours; planned by `tournee plan` into `dir`.
fn planned(dir: &Path) -> PathBuf {
    let text =
        include_str!("../fixtures/mauriac/scenario.toml").replace("fte = 0.5\n", "fte = 0.8\n");
    std::fs::write(dir.join("scenario.toml"), text).expect("scenario");
    let o = Command::new(TOURNEE)
        .args(["plan", "scenario.toml", "--week", "2026-W49", "--out", "."])
        .current_dir(dir)
        .output()
        .expect("tournee plan");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join("plan.json")
}

/// The Monday visit that can go to Tuesday without breaking a rule: its place in Monday's
/// list, and the plan the UI must save (the same edit made through the library).
fn candidate(plan: &Plan) -> (usize, StopRef, Plan) {
    // The same map as `tournee plan` and the UI use (the embedded synthetic one).
    let roads = || Roads::open(&MapChoice::Embedded, Path::new(".")).expect("map");
    let open = || Session::new(plan.clone(), roads()).expect("session");
    let s = open();
    let cols = columns(&s);
    let monday = cols
        .iter()
        .position(|c| c.date == plan.first_day)
        .expect("Monday");
    let tuesday = &cols[monday + 1];
    assert_eq!(
        tuesday.date,
        plan.first_day + chrono::Days::new(1),
        "Tuesday follows"
    );
    for (k, r) in items(&s, &cols[monday]).into_iter().enumerate() {
        if r.kind != StopKind::Visit {
            continue;
        }
        let mut s = open();
        let crew = match tuesday.tour {
            Some(t) => s.plan.days[t].crew.clone(),
            None => s.crew_for(tuesday.date, &r).expect("a crew on Tuesday"),
        };
        let position = s.best_position(&r, tuesday.date, &crew).expect("position");
        let edit = Edit::Move {
            stop: r.clone(),
            date: tuesday.date,
            crew,
            position,
        };
        s.apply(&edit).expect("move");
        if s.violations.is_empty() {
            return (k, r, s.plan);
        }
    }
    panic!("no Monday visit can go to Tuesday in this plan");
}

fn start_of(plan: &Plan, r: &StopRef) -> (chrono::NaiveDate, i64) {
    plan.days
        .iter()
        .find_map(|d| {
            d.stops
                .iter()
                .find(|s| r.matches(s))
                .map(|s| (d.date, s.start))
        })
        .expect("planned")
}

#[test]
fn move_a_visit_to_tuesday_save_and_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = planned(dir.path());
    let before = std::fs::read_to_string(&path).expect("plan");
    let plan = Plan::load(&path).expect("plan");
    let (k, visit, expected) = candidate(&plan);
    let was = start_of(&plan, &visit);
    let now = start_of(&expected, &visit);
    assert_ne!(was, now);
    let monday_back = |p: &Plan| hhmm(p.days[0].stops.last().expect("return").end);

    let tmux = Tmux::new("move");
    tmux.start(
        dir.path(),
        &format!("env LANG=C.UTF-8 {TOURNEE} tui plan.json"),
    );
    tmux.wait("the week", |s| {
        s.contains("lun. 30/11") && s.contains("Non planifié")
    });
    let down: Vec<&str> = vec!["Down"; k];
    tmux.keys(&down);
    tmux.keys(&["S-Right"]);
    let line = format!("{} ● {}", hhmm(now.1), visit.id);
    let back = format!("{} retour", monday_back(&expected));
    let screen = tmux.wait("the visit on Tuesday", |s| {
        s.contains(&line) && s.contains(&back)
    });
    assert!(screen.contains("● modifié"), "{screen}");
    assert_ne!(
        monday_back(&plan),
        monday_back(&expected),
        "Monday re-timed"
    );
    tmux.keys(&["s"]);
    tmux.wait("saved", |s| s.contains("enregistré dans"));
    tmux.keys(&["q"]);
    let end = Instant::now() + Duration::from_secs(10);
    while !tmux.gone() {
        assert!(Instant::now() < end, "still running:\n{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(50));
    }

    let saved = Plan::load(&path).expect("saved plan");
    assert_eq!(
        start_of(&saved, &visit),
        now,
        "the visit on Tuesday at its new time"
    );
    assert_eq!(saved.to_json(), expected.to_json());
    let bak = std::fs::read_to_string(dir.path().join("plan.json.bak")).expect("bak");
    assert_eq!(bak, before, "the previous plan kept");
    assert!(
        !dir.path().join(".plan.json.journal").exists(),
        "journal gone once saved"
    );
    let check = Command::new(TOURNEE)
        .args(["plan", "--check", "plan.json"])
        .current_dir(dir.path())
        .output()
        .expect("check");
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

/// Waits until the tmux session has ended.
fn wait_gone(tmux: &Tmux) {
    let end = Instant::now() + Duration::from_secs(10);
    while !tmux.gone() {
        assert!(Instant::now() < end, "still running:\n{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn edits_survive_a_killed_ui_and_are_recovered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = planned(dir.path());
    let before = std::fs::read(&path).expect("plan");
    let plan = Plan::load(&path).expect("plan");
    let (k, visit, expected) = candidate(&plan);
    let now = start_of(&expected, &visit);
    let journal = dir.path().join(".plan.json.journal");

    let tmux = Tmux::new("journal");
    tmux.start(
        dir.path(),
        &format!("exec env LANG=C.UTF-8 {TOURNEE} tui plan.json"),
    );
    tmux.wait("the week", |s| s.contains("lun. 30/11"));
    tmux.keys(&vec!["Down"; k]);
    tmux.keys(&["S-Right"]);
    let line = format!("{} ● {}", hhmm(now.1), visit.id);
    tmux.wait("the visit on Tuesday", |s| s.contains(&line));
    // Each edit reaches the journal at once (fsynced), before any save.
    let end = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&journal).is_ok_and(|t| t.lines().count() >= 2) {
        assert!(Instant::now() < end, "no journal line");
        std::thread::sleep(Duration::from_millis(50));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&journal)
            .expect("journal")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&journal).expect("journal");
    assert!(
        !text.contains("Mme") && !text.contains("Saignes"),
        "ids only: {text}"
    );
    // SIGKILL: no handler runs, nothing is saved, the terminal is not even restored.
    let pid = tmux.format("#{pane_pid}");
    let kill = Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .expect("kill");
    assert!(kill.success());
    wait_gone(&tmux);
    assert_eq!(
        std::fs::read(&path).expect("plan"),
        before,
        "plan untouched"
    );

    let again = Tmux::new("journal2");
    again.start(
        dir.path(),
        &format!("env LANG=C.UTF-8 {TOURNEE} tui plan.json"),
    );
    again.wait("the offer to recover", |s| {
        s.contains("Modifications retrouvées")
    });
    again.keys(&["r"]);
    again.wait("the visit back on Tuesday", |s| {
        s.contains(&line) && s.contains("récupérée")
    });
    again.keys(&["s"]);
    again.wait("saved", |s| s.contains("enregistré dans"));
    again.keys(&["q"]);
    wait_gone(&again);
    let saved = Plan::load(&path).expect("saved");
    assert_eq!(saved.to_json(), expected.to_json());
    assert_eq!(
        std::fs::read(dir.path().join("plan.json.bak")).expect("bak"),
        before
    );
    assert!(!journal.exists(), "journal gone once saved");
}

#[test]
fn a_panic_gives_the_terminal_back_before_its_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    planned(dir.path());
    let tmux = Tmux::new("panic");
    // The shell prints the exit status: tmux's own record of it (`pane_dead_status`) is
    // sometimes left empty when the pane's end is seen before the process is reaped.
    tmux.start(
        dir.path(),
        &format!(
            "sh -c 'env LANG=C.UTF-8 TOURNEE_TEST_PANIC_KEY=1 {TOURNEE} tui plan.json; echo status=$?'"
        ),
    );
    tmux.run(&["set-option", "-t", "ui", "remain-on-exit", "on"]);
    tmux.wait("the week", |s| s.contains("lun. 30/11"));
    assert_eq!(tmux.format("#{alternate_on}"), "1");
    tmux.keys(&["F12"]);
    let end = Instant::now() + Duration::from_secs(10);
    while tmux.format("#{pane_dead}") != "1" {
        assert!(Instant::now() < end, "still running:\n{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(tmux.history().contains("status=101"), "{}", tmux.history());
    assert_eq!(tmux.format("#{alternate_on}"), "0", "alternate screen left");
    let screen = tmux.history();
    let lines: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        lines[0].starts_with("erreur interne / internal error"),
        "{screen}"
    );
    assert!(!screen.contains("Non planifié"), "the UI is gone: {screen}");
    assert!(!screen.contains("panicked at"), "no backtrace: {screen}");
}

#[test]
fn a_missing_or_bad_plan_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bad.json"), "{ not a plan").expect("write");
    for (file, says) in [
        ("missing.json", "ce plan n'existe pas"),
        ("bad.json", "[P001]"),
    ] {
        let o = Command::new(TOURNEE)
            .args(["tui", file])
            .current_dir(dir.path())
            .output()
            .expect("tournee tui");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{err}");
    }
}
