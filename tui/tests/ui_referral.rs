//! The referral form (`n`) wired to the rebalancer, on the fixture week: a valid referral is
//! written next to the plan and added to it as one edit (undo, redo, journal, locks kept); one
//! that cannot be planned leaves the plan as it was and says why.

mod common;

use common::*;
use crossterm::event::KeyCode;
use planner::week::Lang;
use planner::week::edit::{StopRef, locate};
use planner::week::plan::{Plan, StopKind};
use planner::week::referral::Referral;
use std::time::Instant;
use tui::app::journal::{self, Step};
use tui::app::{App, Mode};

fn visit(id: &str) -> StopRef {
    StopRef {
        kind: StopKind::Visit,
        id: id.into(),
        occurrence: Some(0),
    }
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.fr.clone())
        .unwrap_or_default()
}

/// The app on a copy of the fixture, "today" its first day (the rebalance's `from`).
fn setup() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = open(&plan_in(dir.path()), Lang::Fr);
    app.today = app.session.plan.first_day;
    (dir, app)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, &[ch(c)]);
    }
}

/// `n`, a pseudonym, a commune, the visit's minutes, urgent or not, Enter.
fn refer(app: &mut App, pseudonym: &str, commune: &str, minutes: &str, urgent: bool) {
    press(app, &[ch('n')]);
    assert!(matches!(app.mode, Mode::Form(_)));
    typed(app, pseudonym);
    press(app, &[key(KeyCode::Tab)]);
    typed(app, commune);
    let erase = key(KeyCode::Backspace);
    press(app, &[key(KeyCode::Tab), key(KeyCode::Tab), erase, erase]);
    typed(app, minutes);
    if urgent {
        // From the length to the last field, "urgent (48 h)".
        for _ in 0..10 {
            press(app, &[key(KeyCode::Tab)]);
        }
        press(app, &[erase, erase, erase]);
        typed(app, "oui");
    }
    let start = Instant::now();
    press(app, &[key(KeyCode::Enter)]);
    // Not a test of speed (the rebalance bench is): printed so the figure can be seen.
    eprintln!("referral submitted in {:?}", start.elapsed());
}

fn planned(plan: &Plan, id: &str) -> bool {
    locate(plan, &visit(id)).is_some()
}

#[test]
fn a_valid_referral_is_written_and_planned_as_one_undoable_edit() {
    let (dir, mut app) = setup();
    let before = app.session.plan.clone();
    assert!(app.session.violations.is_empty());
    refer(&mut app, "Mme Lune", "Saignes", "20", false);
    let path = dir.path().join("referral-B17.toml");
    let r = Referral::from_toml(&std::fs::read_to_string(&path).expect("referral")).expect("toml");
    assert_eq!(r.people[0].id, "B17");
    assert_eq!(r.people[0].commune.as_deref(), Some("Saignes"));
    assert_eq!(r.people[0].visit_minutes, 20);

    assert!(planned(&app.session.plan, "B17"), "{}", status(&app));
    assert!(app.session.scenario.people.iter().any(|p| p.id == "B17"));
    assert!(
        app.session.violations.is_empty(),
        "{:?}",
        app.session.violations
    );
    assert!(app.unsaved());
    let s = status(&app);
    assert!(
        s.starts_with("B17 ajoutée lundi 30/11 à 13:30 (Saignes)"),
        "{s}"
    );
    assert!(s.contains("Aucune visite annoncée ne change"), "{s}");
    let Mode::Message(text) = &app.mode else {
        panic!("the rebalancer's account is shown: {:?}", app.mode);
    };
    assert!(text.fr.contains("ajouté : B17"), "{}", text.fr);
    assert!(text.en.contains("added: B17"), "{}", text.en);
    assert_eq!(app.selected().expect("selection").1, visit("B17"));
    insta::assert_snapshot!("referral_added_80x24", screen(&app, 80, 24));
    let with = app.session.plan.clone();

    press(&mut app, &[key(KeyCode::Esc), ch('u')]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.session.plan, before);
    assert!(!app.session.scenario.people.iter().any(|p| p.id == "B17"));
    assert!(!app.unsaved());
    press(&mut app, &[ch('r')]);
    assert_eq!(app.session.plan, with);
    assert!(app.session.violations.is_empty());
    // The new visit can be edited like any other.
    press(&mut app, &[ch('l')]);
    assert!(app.session.pins.announced(&visit("B17")).is_some());
}

#[test]
fn a_referral_in_the_journal_is_replayed_through_the_rebalancer() {
    let (dir, mut first) = setup();
    let path = dir.path().join("plan.json");
    refer(&mut first, "Mme Lune", "Saignes", "20", false);
    press(&mut first, &[key(KeyCode::Esc), ch('l')]);
    let expected = (first.session.plan.to_json(), first.session.pins.clone());
    drop(first); // the UI dies without saving
    let jpath = journal::path_for(&path);
    let text = std::fs::read_to_string(&jpath).expect("journal");
    assert!(text.contains("referral-B17.toml"), "{text}");
    assert!(
        !text.contains("Lune") && !text.contains("Saignes"),
        "{text}"
    );
    let found = journal::read(&jpath).expect("read").expect("journal");
    assert!(matches!(found.steps[0], Step::Referral(_)), "{found:?}");

    let mut second = open(&path, Lang::Fr);
    second.offer_recovery(found.clone());
    press(&mut second, &[ch('r')]);
    assert_eq!(
        (second.session.plan.to_json(), second.session.pins.clone()),
        expected,
        "{}",
        status(&second)
    );
    drop(second);

    // A referral file changed since is not replayed: said, and the plan left as it was.
    std::fs::write(dir.path().join("referral-B17.toml"), "[[people]]\n").expect("write");
    let mut third = open(&path, Lang::Fr);
    third.offer_recovery(found);
    press(&mut third, &[ch('r')]);
    assert!(!planned(&third.session.plan, "B17"));
    assert!(
        status(&third).contains("ne s'appliquent plus"),
        "{}",
        status(&third)
    );
}

/// (date, crew, start, locked) of a visit.
fn at(app: &App, id: &str) -> (chrono::NaiveDate, [String; 2], i64, bool) {
    let plan = &app.session.plan;
    let (d, i) = locate(plan, &visit(id)).expect("planned");
    let s = &plan.days[d].stops[i];
    (
        plan.days[d].date,
        plan.days[d].crew.clone(),
        s.start,
        s.locked,
    )
}

#[test]
fn an_urgent_referral_makes_room_and_says_whom_to_call() {
    let (_dir, mut app) = setup();
    refer(&mut app, "Mme Lune", "Le Vigean", "45", true);
    let s = status(&app);
    assert!(s.starts_with("B17 ajoutée mardi 1/12 à 14:15"), "{s}");
    assert!(
        s.contains("1 visite annoncée change (prévenir la personne)"),
        "{s}"
    );
    let Mode::Message(text) = &app.mode else {
        panic!("the rebalancer's account is shown: {:?}", app.mode);
    };
    assert!(
        text.fr.contains("B04 (mardi 1/12 à 14:34) reportée"),
        "{}",
        text.fr
    );
    assert!(!planned(&app.session.plan, "B04"));
    assert!(app.session.violations.is_empty());
}

#[test]
fn locked_visits_keep_their_day_time_and_pair_through_referrals() {
    let (_dir, mut app) = setup();
    // B11 (Monday), and B04 and B15 (Tuesday: the visits an urgent referral would postpone,
    // the one then the other), locked.
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(app.selected().expect("selection").1, visit("B11"));
    press(&mut app, &[ch('l'), key(KeyCode::Right)]);
    assert_eq!(app.selected().expect("selection").1, visit("B04"));
    press(&mut app, &[ch('l'), key(KeyCode::Up)]);
    assert_eq!(app.selected().expect("selection").1, visit("B15"));
    press(&mut app, &[ch('l')]);
    let (b11, b04, b15) = (at(&app, "B11"), at(&app, "B04"), at(&app, "B15"));
    assert!(b11.3 && b04.3 && b15.3);
    // Urgent: placed within 48 h without touching the locked visits; what makes room is
    // an unlocked one (B15's second visit, on Thursday).
    refer(&mut app, "Mme Lune", "Le Vigean", "45", true);
    assert!(planned(&app.session.plan, "B17"), "{}", status(&app));
    assert_eq!(at(&app, "B11"), b11);
    assert_eq!(at(&app, "B04"), b04);
    assert_eq!(at(&app, "B15"), b15);
    press(&mut app, &[key(KeyCode::Esc)]);
    refer(&mut app, "M. Soleil", "Saignes", "20", false);
    assert!(planned(&app.session.plan, "B18"), "{}", status(&app));
    assert_eq!(at(&app, "B11"), b11);
    assert_eq!(at(&app, "B04"), b04);
    assert_eq!(at(&app, "B15"), b15);
    for (id, was) in [("B11", &b11), ("B04", &b04), ("B15", &b15)] {
        let announced = app.session.pins.announced(&visit(id));
        assert_eq!(
            announced,
            Some(was.2),
            "{id}: the lock is still held in the UI"
        );
    }
    assert!(app.session.violations.is_empty());
}

#[test]
fn an_out_of_territory_referral_is_not_planned_and_the_plan_is_unchanged() {
    let (dir, mut app) = setup();
    let before = app.session.plan.clone();
    refer(&mut app, "M. Soleil", "Chaudes-Aigues", "60", false);
    assert!(dir.path().join("referral-B17.toml").exists());
    assert_eq!(app.session.plan, before);
    assert!(!app.unsaved());
    let s = status(&app);
    assert!(s.starts_with("B17") && s.contains("non planifié"), "{s}");
    assert!(s.contains("U01") && s.contains("Plan inchangé"), "{s}");
    let Mode::Message(text) = &app.mode else {
        panic!("the reasons are shown: {:?}", app.mode);
    };
    assert!(text.fr.contains("non planifié : B17"), "{}", text.fr);
    insta::assert_snapshot!("referral_not_planned_80x24", screen(&app, 80, 24));
    press(&mut app, &[key(KeyCode::Esc), ch('u')]);
    assert!(status(&app).contains("rien à annuler"));
    assert_eq!(app.session.plan, before);
}

#[test]
fn a_referral_is_not_added_to_a_plan_that_breaks_rules() {
    let (dir, mut app) = setup();
    break_b11_window(&mut app);
    assert!(!app.session.violations.is_empty());
    let moved = app.session.plan.clone();
    refer(&mut app, "Mme Lune", "Saignes", "20", false);
    assert!(dir.path().join("referral-B17.toml").exists());
    assert_eq!(app.session.plan, moved);
    assert_eq!(app.mode, Mode::Normal);
    assert!(status(&app).contains("enfreint"), "{}", status(&app));
}
