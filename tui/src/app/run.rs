//! The main loop, generic over the backend: events in, frames out. The real terminal feeds it
//! crossterm events with a tick when nothing happens (so the optimiser's progress shows);
//! tests feed it a list of events and read the `TestBackend`.

use super::App;
use crossterm::event::{self, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Resize(u16, u16),
    /// Nothing happened for a while.
    Tick,
}

/// Draws, then handles events until the app quits or the events end.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: impl IntoIterator<Item = Event>,
) -> Result<(), B::Error> {
    terminal.draw(|f| f.render_widget(&*app, f.area()))?;
    for event in events {
        let redraw = app.handle(event);
        if app.quit {
            break;
        }
        if redraw {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
        }
    }
    Ok(())
}

/// The terminal's events, with a [`Event::Tick`] after `tick` without any; ends if the
/// terminal cannot be read.
pub fn terminal_events(tick: Duration) -> impl Iterator<Item = Event> {
    std::iter::from_fn(move || {
        loop {
            match event::poll(tick) {
                Ok(false) => return Some(Event::Tick),
                Ok(true) => match event::read() {
                    Ok(event::Event::Key(k)) => return Some(Event::Key(k)),
                    Ok(event::Event::Resize(w, h)) => return Some(Event::Resize(w, h)),
                    Ok(_) => continue,
                    Err(_) => return None,
                },
                Err(_) => return None,
            }
        }
    })
}
