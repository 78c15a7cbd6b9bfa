//! Snapshots of every view of `tournee tui` at 80×24 and 160×48 on the fixture week (the
//! README's screenshots come from these), and what the screen must never show.

mod common;

use common::*;
use crossterm::event::KeyCode;
use planner::week::Lang;
use tui::app::View;

fn app_on(view: View, lang: Lang) -> (tempfile::TempDir, tui::app::App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = open(&plan_in(dir.path()), lang);
    app.view = view;
    (dir, app)
}

#[test]
fn every_view_at_both_sizes() {
    for (view, name) in [
        (View::Week, "week"),
        (View::Map, "map"),
        (View::People, "people"),
        (View::Staff, "staff"),
    ] {
        let (_dir, app) = app_on(view, Lang::Fr);
        for (w, h) in [(80, 24), (160, 48)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app, w, h));
        }
    }
}

#[test]
fn the_week_in_english_after_a_move_and_with_a_broken_rule_on_the_selected_stop() {
    let (_dir, mut app) = app_on(View::Week, Lang::En);
    // B11 (third item on Monday) to Tuesday: re-timed there, no rule broken.
    press(
        &mut app,
        &[
            key(KeyCode::Down),
            key(KeyCode::Down),
            shift(KeyCode::Right),
        ],
    );
    insta::assert_snapshot!("week_moved_en_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("week_moved_en_160x48", screen(&app, 160, 48));
    // From the start again, B11 after B01 on Monday: past the end of its window, marked.
    let (_dir, mut app) = app_on(View::Week, Lang::En);
    break_b11_window(&mut app);
    assert!(!app.session.violations.is_empty());
    insta::assert_snapshot!("week_broken_rule_en_80x24", screen(&app, 80, 24));
}

#[test]
fn help_quit_and_form_boxes() {
    let (_dir, mut app) = app_on(View::Week, Lang::Fr);
    press(&mut app, &[ch('?')]);
    insta::assert_snapshot!("help_80x24", screen(&app, 80, 24));
    // Escape the help, take B11 out of the plan, then ask to quit.
    press(
        &mut app,
        &[
            ch('x'),
            key(KeyCode::Down),
            key(KeyCode::Down),
            ch('x'),
            ch('q'),
        ],
    );
    insta::assert_snapshot!("quit_80x24", screen(&app, 80, 24));
    press(&mut app, &[key(KeyCode::Esc), ch('n')]);
    for c in "Mme Lune".chars() {
        press(&mut app, &[ch(c)]);
    }
    press(&mut app, &[key(KeyCode::Tab)]);
    for c in "Nulle-Part".chars() {
        press(&mut app, &[ch(c)]);
    }
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!("form_80x24", screen(&app, 80, 24));
}

#[test]
fn addresses_only_on_request_and_notes_never() {
    let (_dir, mut app) = app_on(View::People, Lang::Fr);
    let address = "lieu-dit isolé (exemple)";
    let note = "auto-stop";
    let hidden = screen(&app, 160, 48);
    assert!(
        !hidden.contains(address) && !hidden.contains(note),
        "{hidden}"
    );
    press(&mut app, &[ch('d')]);
    let shown = screen(&app, 160, 48);
    assert!(shown.contains(address), "{shown}");
    for view in View::ALL {
        app.view = view;
        for (w, h) in [(80, 24), (160, 48)] {
            let s = screen(&app, w, h);
            for note in [
                "auto-stop",
                "violences conjugales",
                "Maladie respiratoire",
                "ordinateur",
            ] {
                assert!(!s.contains(note), "a note on screen in {view:?}: {s}");
            }
        }
    }
}

#[test]
fn any_size_draws_without_panic() {
    let (_dir, mut app) = app_on(View::Week, Lang::Fr);
    for view in View::ALL {
        app.view = view;
        for (w, h) in [
            (1, 1),
            (20, 5),
            (59, 15),
            (60, 16),
            (80, 24),
            (81, 25),
            (200, 60),
        ] {
            let s = screen(&app, w, h);
            if w < 60 || h < 16 {
                assert!(s.starts_with("Fenêtre trop petite") || w < 20, "{s}");
            }
        }
    }
}

/// The screens in README.md are these snapshots, character for character.
#[test]
fn the_readme_shows_the_snapshots() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README");
    let mut shown = 0;
    for part in readme.split("<!-- snapshot: ").skip(1) {
        let (name, rest) = part.split_once(" -->").expect("marker");
        let block = rest
            .split_once("```text\n")
            .and_then(|(_, b)| b.split_once("\n```"))
            .map(|(b, _)| b)
            .expect("text block after the marker");
        let snap = std::fs::read_to_string(format!("{root}/tui/tests/snapshots/{name}.snap"))
            .expect("snapshot file");
        let body = snap.splitn(3, "---\n").nth(2).expect("insta header");
        assert_eq!(
            block,
            body.trim_end_matches('\n'),
            "README block {name} is out of date"
        );
        shown += 1;
    }
    assert!(shown >= 5, "README screens: {shown}");
}
