//! Keys → actions → state, on the fixture week: Monday (camille+dominique) holds P-YDES, lunch,
//! B11, B02, B01; Tuesday lunch and B15; Thursday E1 and B15; Friday P-MAURIAC.

mod common;

use common::*;
use crossterm::event::KeyCode;
use planner::week::Lang;
use planner::week::edit::{StopRef, locate};
use planner::week::plan::{Plan, StopKind};
use planner::week::reoptimise::ReoptOptions;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::time::Duration;
use tui::app::journal::{self, Step};
use tui::app::{App, Focus, Mode, run};

fn visit(id: &str) -> StopRef {
    StopRef {
        kind: StopKind::Visit,
        id: id.into(),
        occurrence: Some(0),
    }
}

fn fixture() -> Plan {
    Plan::load(Path::new(FIXTURE)).expect("fixture")
}

/// (date, start, end) of a visit.
fn when(app: &App, id: &str) -> (chrono::NaiveDate, i64, i64) {
    let plan = &app.session.plan;
    let (d, i) = locate(plan, &visit(id)).expect("planned");
    let s = &plan.days[d].stops[i];
    (plan.days[d].date, s.start, s.end)
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.fr.clone())
        .unwrap_or_default()
}

fn setup() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = open(&plan_in(dir.path()), Lang::Fr);
    (dir, app)
}

/// B11 (third item on Monday) to Tuesday with ⇧→.
fn move_b11(app: &mut App) {
    press(app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(app.selected().expect("selection").1, visit("B11"));
    press(app, &[shift(KeyCode::Right)]);
}

#[test]
fn a_visit_moved_to_tuesday_is_timed_there_and_monday_is_re_timed() {
    let (_dir, mut app) = setup();
    let before = fixture();
    let monday_back = before.days[0].stops.last().expect("return").end;
    move_b11(&mut app);
    let (date, start, end) = when(&app, "B11");
    assert_eq!(date.to_string(), "2026-12-01");
    // Its window is 14:00–16:30, its visit an hour: after B15 and before B04, or last.
    assert!((14 * 3600..=15 * 3600 + 1800).contains(&start), "{start}");
    assert_eq!(end - start, 3600);
    let plan = &app.session.plan;
    assert!(plan.days[0].stops.last().expect("return").end < monday_back);
    let back = |p: &planner::week::plan::Plan| p.days[1].stops.last().expect("return").end;
    assert!(back(plan) > back(&before), "Tuesday re-timed with B11");
    assert_eq!(app.selected().expect("selection").1, visit("B11"));
    assert_eq!(app.cursor.column, 1);
    assert!(app.unsaved());
    // Whoever goes over their weekly hours, the checker says so, on the week; nothing else.
    let over = plan
        .workers
        .iter()
        .filter(|w| w.planned_s > w.cap_s)
        .count();
    let rules: Vec<&str> = app.session.violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, vec!["R11"; over]);
    assert!(status(&app).contains("B11"), "{}", status(&app));
}

#[test]
fn undo_and_redo_walk_back_and_forth() {
    let (_dir, mut app) = setup();
    move_b11(&mut app);
    let moved = app.session.plan.to_json();
    press(&mut app, &[ch('u')]);
    assert_eq!(app.session.plan.to_json(), fixture().to_json());
    assert!(!app.unsaved(), "back to the file's state");
    press(&mut app, &[ch('r')]);
    assert_eq!(app.session.plan.to_json(), moved);
    press(&mut app, &[ch('r')]);
    assert!(status(&app).contains("rien à rétablir"));
    press(&mut app, &[ch('u'), ch('u')]);
    assert!(status(&app).contains("rien à annuler"));
}

#[test]
fn a_visit_moved_later_in_its_day_and_back() {
    let (_dir, mut app) = setup();
    press(
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Down), shift(KeyCode::Down)],
    );
    let order: Vec<String> =
        tui::app::columns::items(&app.session, &tui::app::columns::columns(&app.session)[0])
            .into_iter()
            .map(|r| r.id)
            .collect();
    assert_eq!(order, ["P-YDES", "", "B02", "B11", "B01"]);
    assert_eq!(app.cursor.item, 3);
    press(&mut app, &[ch('K')]);
    assert_eq!(app.session.plan.to_json(), fixture().to_json());
}

#[test]
fn a_locked_visit_stays_put() {
    let (_dir, mut app) = setup();
    press(
        &mut app,
        &[
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Down),
            ch('l'),
        ],
    );
    let b02 = visit("B02");
    let at = when(&app, "B02");
    assert_eq!(app.session.pins.announced(&b02), Some(at.1));
    let (d, i) = locate(&app.session.plan, &b02).expect("B02");
    assert!(app.session.plan.days[d].stops[i].locked);
    let locked = app.session.plan.clone();
    press(&mut app, &[ch('>')]);
    assert_eq!(app.session.plan, locked, "refused");
    assert!(status(&app).contains("verrouillée"), "{}", status(&app));
    press(&mut app, &[ch('x')]);
    assert_eq!(app.session.plan, locked, "refused");
    press(&mut app, &[ch('l')]);
    assert!(app.session.pins.is_empty());
    assert_eq!(app.session.plan.to_json(), fixture().to_json());
}

#[test]
fn an_unplanned_visit_goes_to_the_list_and_back_to_the_day_chosen() {
    let (_dir, mut app) = setup();
    let due = app.session.plan.totals.visits_due;
    let planned = app.session.plan.totals.visits_planned;
    press(&mut app, &[key(KeyCode::Down); 4]);
    press(&mut app, &[ch('x')]);
    assert!(locate(&app.session.plan, &visit("B01")).is_none());
    let last = app
        .session
        .plan
        .unplanned
        .last()
        .expect("B01 listed")
        .clone();
    assert_eq!(
        (last.id.as_str(), last.reasons[0].code.as_str()),
        ("B01", "U12")
    );
    assert_eq!(app.session.plan.totals.visits_planned, planned - 1);
    assert_eq!(app.session.plan.totals.visits_due, due);
    // To the list, the last entry, Tuesday as the day, Enter.
    press(&mut app, &[ch('a')]);
    assert_eq!(app.cursor.focus, Focus::Unplanned);
    press(
        &mut app,
        &[
            key(KeyCode::PageDown),
            key(KeyCode::Right),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(app.cursor.focus, Focus::Days);
    assert_eq!(when(&app, "B01").0.to_string(), "2026-12-01");
    assert!(!app.session.plan.unplanned.iter().any(|u| u.id == "B01"));
    // Chaudes-Aigues is outside the territory: it cannot be planned, and the screen says why.
    press(
        &mut app,
        &[ch('a'), key(KeyCode::PageUp), key(KeyCode::Enter)],
    );
    assert!(
        status(&app).contains("hors du territoire"),
        "{}",
        status(&app)
    );
}

#[test]
fn saving_writes_the_plan_keeps_the_previous_one_and_drops_the_journal() {
    let (dir, mut app) = setup();
    move_b11(&mut app);
    let jpath = journal::path_for(&dir.path().join("plan.json"));
    assert!(jpath.exists(), "the move is journalled");
    press(&mut app, &[ch('s')]);
    assert!(!app.unsaved());
    assert!(!jpath.exists());
    let saved = Plan::load(&dir.path().join("plan.json")).expect("saved");
    assert_eq!(saved, app.session.plan);
    let bak = std::fs::read_to_string(dir.path().join("plan.json.bak")).expect("bak");
    assert_eq!(bak, std::fs::read_to_string(FIXTURE).expect("fixture"));
    assert!(status(&app).contains("plan.json.bak"), "{}", status(&app));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("plan.json"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn quitting_asks_about_unsaved_changes() {
    let (dir, mut app) = setup();
    press(&mut app, &[ch('q')]);
    assert!(app.quit, "nothing to save: quits at once");
    let (_d2, mut app) = setup();
    move_b11(&mut app);
    press(&mut app, &[ch('q')]);
    assert_eq!(app.mode, Mode::ConfirmQuit);
    assert!(!app.quit);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, &[ch('q'), ch('n')]);
    assert!(app.quit);
    assert!(
        !journal::path_for(&_d2.path().join("plan.json")).exists(),
        "edits given up"
    );
    assert_eq!(
        std::fs::read_to_string(_d2.path().join("plan.json")).expect("plan"),
        std::fs::read_to_string(FIXTURE).expect("fixture")
    );
    drop(dir);
    let (d3, mut app) = setup();
    move_b11(&mut app);
    press(&mut app, &[ch('q'), ch('s')]);
    assert!(app.quit);
    let saved = Plan::load(&d3.path().join("plan.json")).expect("saved");
    assert_eq!(
        when(&app, "B11").0,
        locate(&saved, &visit("B11"))
            .map(|(d, _)| saved.days[d].date)
            .expect("B11")
    );
}

#[test]
fn a_journal_left_by_a_crash_is_replayed_or_discarded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = plan_in(dir.path());
    let mut first = open(&path, Lang::Fr);
    move_b11(&mut first);
    press(
        &mut first,
        &[
            key(KeyCode::Left),
            key(KeyCode::Down),
            ch('l'),
            ch('u'),
            ch('r'),
        ],
    );
    let expected = (first.session.plan.to_json(), first.session.pins.clone());
    drop(first); // the UI dies without saving
    let jpath = journal::path_for(&path);
    let text = std::fs::read_to_string(&jpath).expect("journal");
    for private in ["Mme", "Saignes", "Salomé", "lieu-dit"] {
        assert!(!text.contains(private), "ids only in the journal: {text}");
    }
    let found = journal::read(&jpath).expect("read").expect("journal found");
    assert_eq!(found.steps.len(), 4);
    assert!(matches!(found.steps[2], Step::Undo));
    assert!(journal::newer_than(&jpath, &path));

    let mut second = open(&path, Lang::Fr);
    assert!(second.journal_matches(&found));
    second.offer_recovery(found.clone());
    insta::assert_snapshot!("recover_80x24", screen(&second, 80, 24));
    press(&mut second, &[ch('r')]);
    assert_eq!(second.mode, Mode::Normal);
    assert_eq!(
        (second.session.plan.to_json(), second.session.pins.clone()),
        expected
    );
    assert!(second.unsaved());
    // The journal goes on: one more step, still readable.
    press(&mut second, &[ch('u')]);
    let again = journal::read(&jpath).expect("read").expect("journal");
    assert_eq!(again.steps.len(), 5);
    drop(second);

    let mut third = open(&path, Lang::Fr);
    third.offer_recovery(journal::read(&jpath).expect("read").expect("journal"));
    press(&mut third, &[ch('a')]);
    assert!(!jpath.exists());
    assert_eq!(third.session.plan.to_json(), fixture().to_json());
}

#[test]
fn re_optimising_keeps_the_locks_and_can_be_cancelled() {
    let (_dir, mut app) = setup();
    press(
        &mut app,
        &[
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Down),
            ch('l'),
        ],
    );
    let b02 = when(&app, "B02");
    press(&mut app, &[ch('o')]);
    assert!(app.job.is_some());
    let before = app.session.plan.clone();
    press(&mut app, &[ch('x')]);
    assert_eq!(app.session.plan, before, "no edit while optimising");
    assert!(status(&app).contains("optimisation en cours"));
    app.wait_for_optimiser(Duration::from_secs(120));
    assert!(app.job.is_none());
    assert_eq!(when(&app, "B02"), b02, "the lock holds");
    let s = status(&app);
    assert!(
        s.contains("ré-optimisé") || s.contains("pas de meilleur plan"),
        "{s}"
    );
    assert!(app.session.violations.is_empty());

    app.reopt = ReoptOptions {
        seed: 1,
        budget: Duration::from_secs(600),
        iterations: u64::MAX,
    };
    let before = app.session.plan.clone();
    press(&mut app, &[ch('o'), key(KeyCode::Esc)]);
    app.wait_for_optimiser(Duration::from_secs(60));
    assert!(app.job.is_none(), "cancelled within a round");
    assert!(status(&app).contains("annulée"), "{}", status(&app));
    assert_eq!(app.session.plan, before);
}

#[test]
fn the_loop_survives_resizing_and_quits() {
    let (_dir, mut app) = setup();
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    run(&mut term, &mut app, [key(KeyCode::Down)]).expect("run");
    assert!(text(term.backend().buffer()).contains("lun. 30/11"));
    for (w, h) in [(160, 48), (40, 10), (80, 24)] {
        term.backend_mut().resize(w, h);
        run(&mut term, &mut app, [tui::app::Event::Resize(w, h)]).expect("run");
        let screen = text(term.backend().buffer());
        assert_eq!(term.backend().buffer().area.width, w);
        assert_eq!(screen.contains("Fenêtre trop petite"), w < 60, "{screen}");
    }
    run(&mut term, &mut app, [ch('q'), ch('x')]).expect("run");
    assert!(app.quit);
}
