//! Shared by the UI tests: the app on a copy of the fixture plan, keys, and screens as text.

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use planner::week::Lang;
use planner::week::model::MapChoice;
use planner::week::plan::Plan;
use planner::week::roads::Roads;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::text::Span;
use std::path::{Path, PathBuf};
use tui::app::{App, Event, Session, Store};

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/plan-w49.json");

/// A copy of the fixture in `dir`, as `plan.json`.
pub fn plan_in(dir: &Path) -> PathBuf {
    let path = dir.join("plan.json");
    std::fs::copy(FIXTURE, &path).expect("copy fixture");
    path
}

/// The app on `path`, in `lang`.
pub fn open(path: &Path, lang: Lang) -> App {
    let plan = Plan::load(path).expect("fixture plan");
    // The map `tournee plan` made the fixture with: the embedded synthetic one.
    let roads = Roads::open(&MapChoice::Embedded, Path::new(".")).expect("map");
    let session = Session::new(plan, roads).expect("session");
    let store = Store {
        path: path.to_path_buf(),
        from_file: true,
    };
    App::new(session, store, lang)
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn shift(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::SHIFT))
}

pub fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

pub fn press(app: &mut App, events: &[Event]) {
    for e in events {
        app.handle(*e);
    }
}

/// From the fixture week's start, moves B11 (third item on Monday) after B01: past the end of
/// its window (14:00–16:30), so the plan breaks a rule.
pub fn break_b11_window(app: &mut App) {
    press(
        app,
        &[
            key(KeyCode::Down),
            key(KeyCode::Down),
            shift(KeyCode::Down),
            shift(KeyCode::Down),
        ],
    );
}

/// The screen as text, one line per row (wide characters counted once).
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        let mut line = String::new();
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += Span::raw(sym).width().max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The app drawn at `w`×`h`.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| f.render_widget(app, f.area())).expect("draw");
    text(t.backend().buffer())
}
