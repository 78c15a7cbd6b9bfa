//! [`App::apply`]: what each action does, by mode. Plain state changes, so tests drive the UI
//! by actions and look at the state (the views only draw it). Edits are in `edits.rs`.

use super::columns::{self, columns};
use super::form::ReferralForm;
use super::keys::action;
use super::run::Event;
use super::{Action, App, Focus, Level, Mode, View};
use planner::tr;
use planner::week::referral::next_id;

impl App {
    /// Handles one event; returns whether the screen must be drawn again.
    pub fn handle(&mut self, event: Event) -> bool {
        match event {
            Event::Key(key) => match action(&self.mode, key) {
                Some(a) => {
                    self.apply(a);
                    true
                }
                None => false,
            },
            Event::Resize(..) => true,
            Event::Tick => self.tick(),
        }
    }

    pub fn apply(&mut self, a: Action) {
        match self.mode {
            Mode::Normal => self.normal(a),
            Mode::Help | Mode::Message(_) => self.mode = Mode::Normal,
            Mode::ConfirmQuit => self.confirm_quit(a),
            Mode::Recover(_) => self.recover(a),
            Mode::Form(_) => self.form(a),
        }
    }

    fn normal(&mut self, a: Action) {
        use Action::*;
        match a {
            Quit => self.ask_quit(),
            Help => self.mode = Mode::Help,
            Cancel => self.cancel(),
            NextView | PrevView => self.cycle_view(if a == NextView { 1 } else { 3 }),
            Show(v) => self.view = v,
            Left | Right | Up | Down | PageUp | PageDown => self.navigate(a),
            MoveDay(d) => self.move_day(d),
            MoveInRoute(d) => self.move_in_route(d),
            Lock => self.toggle_lock(),
            Unplan => self.unplan(),
            Place => self.place(),
            Undo => self.undo(),
            Redo => self.redo(),
            Save => {
                self.save();
            }
            Optimise => self.optimise(),
            Details => self.details = !self.details,
            Referral => {
                let id = next_id(&self.session.scenario);
                self.mode = Mode::Form(Box::new(ReferralForm::new(&id)));
            }
            Zoom(z) => self.cursor.zoom = (self.cursor.zoom + z).clamp(0, 4),
            _ => {}
        }
    }

    fn cycle_view(&mut self, by: usize) {
        let i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
        self.view = View::ALL[(i + by) % View::ALL.len()];
    }

    fn cancel(&mut self) {
        if let Some(job) = &self.job {
            job.cancel();
            self.info(tr!(
                "annulation de l'optimisation…",
                "cancelling the optimisation…"
            ));
        } else if self.cursor.focus == Focus::Unplanned {
            self.cursor.focus = Focus::Days;
        } else {
            self.status = None;
        }
    }

    pub(super) fn ask_quit(&mut self) {
        if let Some(job) = &self.job {
            job.cancel();
        }
        if self.unsaved() {
            self.mode = Mode::ConfirmQuit;
        } else {
            self.quit = true;
        }
    }

    fn confirm_quit(&mut self, a: Action) {
        match a {
            Action::SaveAndQuit => {
                self.mode = Mode::Normal;
                if self.save() {
                    self.quit = true;
                }
            }
            Action::QuitWithoutSaving => {
                // The edits are given up on purpose: the journal goes too.
                let base = self.journal_base();
                if let Err(e) = self.journal.clear(base) {
                    self.say(io_text(&e), Level::Warning);
                }
                self.quit = true;
            }
            Action::Cancel => self.mode = Mode::Normal,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn recover(&mut self, a: Action) {
        let Mode::Recover(found) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        match a {
            Action::Recover => self.replay(&found),
            Action::Discard => {
                let base = self.journal_base();
                if let Err(e) = self.journal.clear(base) {
                    self.say(io_text(&e), Level::Warning);
                } else {
                    self.info(tr!(
                        "modifications non enregistrées abandonnées",
                        "unsaved edits discarded"
                    ));
                }
            }
            Action::Quit => self.quit = true,
            _ => self.mode = Mode::Recover(found),
        }
    }

    fn form(&mut self, a: Action) {
        // The form stays open while the optimiser works on the plan the referral would change.
        if a == Action::Submit && self.busy() {
            return;
        }
        let Mode::Form(form) = &mut self.mode else {
            return;
        };
        match a {
            Action::Cancel => self.mode = Mode::Normal,
            Action::Input(c) => form.input(c),
            Action::Erase => form.erase(),
            Action::NextField => form.next(),
            Action::PrevField => form.prev(),
            Action::Submit => {
                if let Some(referral) = form.submit(&self.session.plan) {
                    self.mode = Mode::Normal;
                    self.submit_referral(&referral);
                }
            }
            Action::Quit => self.ask_quit(),
            _ => {}
        }
    }

    /// Arrows and pages, by view.
    fn navigate(&mut self, a: Action) {
        use Action::*;
        let step = |a: Action, page: usize| -> isize {
            match a {
                Left | Up => -1,
                Right | Down => 1,
                PageUp => -(page as isize),
                PageDown => page as isize,
                _ => 0,
            }
        };
        match self.view {
            View::Week => self.navigate_week(a),
            View::Map => {
                if matches!(a, Left | Right) {
                    self.step_tour(step(a, 1));
                }
            }
            View::People => {
                let n = self.session.scenario.people.len();
                self.cursor.person = add(self.cursor.person, step(a, 10), n);
            }
            View::Staff => {
                if matches!(a, Left | Right) {
                    let n = self.session.plan.weeks.len();
                    self.cursor.week = add(self.cursor.week, step(a, 1), n);
                }
            }
        }
    }

    fn navigate_week(&mut self, a: Action) {
        use Action::*;
        let cols = columns(&self.session);
        let listed = !self.session.plan.unplanned.is_empty();
        let c = &mut self.cursor;
        match (c.focus, a) {
            (Focus::Days, Right) if c.column + 1 >= cols.len() && listed => {
                c.focus = Focus::Unplanned;
            }
            (Focus::Days, Left | Right | PageUp | PageDown) => {
                let by = match a {
                    Left => -1,
                    Right => 1,
                    PageUp => -5,
                    _ => 5,
                };
                c.column = add(c.column, by, cols.len());
            }
            (Focus::Days, Up) => c.item = c.item.saturating_sub(1),
            (Focus::Days, Down) => c.item += 1,
            // In the list, ←→ choose the day the request will go to.
            (Focus::Unplanned, Left) => c.column = c.column.saturating_sub(1),
            (Focus::Unplanned, Right) => c.column = add(c.column, 1, cols.len()),
            (Focus::Unplanned, Up | Down | PageUp | PageDown) => {
                let by = match a {
                    Up => -1,
                    Down => 1,
                    PageUp => -10,
                    _ => 10,
                };
                c.unplanned = add(c.unplanned, by, self.session.plan.unplanned.len());
            }
            _ => {}
        }
        self.clamp();
    }

    /// The map view: the previous or next tour.
    fn step_tour(&mut self, by: isize) {
        let cols = columns(&self.session);
        let mut i = self.cursor.column as isize;
        loop {
            i += by;
            if i < 0 || i >= cols.len() as isize {
                return;
            }
            if cols[i as usize].tour.is_some() {
                self.cursor.column = i as usize;
                return;
            }
        }
    }

    /// Keeps the cursor on something that exists after the plan changed.
    pub(super) fn clamp(&mut self) {
        let cols = columns(&self.session);
        let c = &mut self.cursor;
        c.column = c.column.min(cols.len().saturating_sub(1));
        let n = cols
            .get(c.column)
            .map_or(0, |col| columns::items(&self.session, col).len());
        c.item = c.item.min(n.saturating_sub(1));
        c.unplanned = c
            .unplanned
            .min(self.session.plan.unplanned.len().saturating_sub(1));
        if self.session.plan.unplanned.is_empty() {
            c.focus = Focus::Days;
        }
        c.person = c
            .person
            .min(self.session.scenario.people.len().saturating_sub(1));
    }
}

/// `i + by`, kept in `0..n`.
fn add(i: usize, by: isize, n: usize) -> usize {
    (i as isize + by).clamp(0, n.saturating_sub(1) as isize) as usize
}

pub(super) fn io_text(e: &std::io::Error) -> planner::week::text::Text {
    tr!("erreur d'écriture : {e}", "write error: {e}")
}
