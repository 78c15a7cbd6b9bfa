//! The actions that change the plan: each becomes an [`Edit`] (ids only), applied to the
//! session, pushed on the undo history and written to the journal. Also saving, the
//! re-optimisation's start and end, and replaying a journal.

use super::apply::io_text;
use super::columns::{self, Column, columns};
use super::i18n::short_date;
use super::journal::Step;
use super::{App, Focus, Level};
use planner::tr;
use planner::week::edit::{Edit, EditError, StopRef, locate};
use planner::week::plan::StopKind;
use planner::week::text::hhmm;

impl App {
    /// The selected column and stop of the week.
    pub fn selected(&self) -> Option<(Column, StopRef)> {
        let cols = columns(&self.session);
        let col = cols.get(self.cursor.column)?.clone();
        let r = columns::items(&self.session, &col)
            .get(self.cursor.item)?
            .clone();
        Some((col, r))
    }

    /// Applies an edit, keeps the state before it for undo, journals it.
    pub(super) fn commit(&mut self, e: &Edit, journal: bool) -> Result<(), EditError> {
        let before = (self.session.plan.clone(), self.session.pins.clone());
        self.session.apply(e)?;
        self.history.push(&before.0, &before.1);
        if journal && let Err(err) = self.journal.record(&Step::Edit(e.clone())) {
            self.say(io_text(&err), Level::Warning);
        }
        Ok(())
    }

    /// Edits are refused while the optimiser works on a copy of the plan.
    pub(super) fn busy(&mut self) -> bool {
        if self.job.is_some() {
            self.say(
                tr!(
                    "optimisation en cours : attendez-la ou Échap pour l'annuler",
                    "optimising: wait for it or press Esc to cancel"
                ),
                Level::Warning,
            );
        }
        self.job.is_some()
    }

    fn edit(&mut self, e: Edit) -> bool {
        if self.busy() {
            return false;
        }
        match self.commit(&e, true) {
            Ok(()) => true,
            Err(err) => {
                self.say(err.text(), Level::Error);
                false
            }
        }
    }

    /// The selected stop to the tour `by` columns away, at its best place there.
    pub(super) fn move_day(&mut self, by: i8) {
        let Some((_, r)) = self.selected_in_days() else {
            return;
        };
        let cols = columns(&self.session);
        let to = self.cursor.column as isize + isize::from(by);
        let Some(col) = usize::try_from(to).ok().and_then(|i| cols.get(i)) else {
            return;
        };
        let crew = match col.tour {
            Some(t) => self.session.plan.days[t].crew.clone(),
            None => match self.session.crew_for(col.date, &r) {
                Some(c) => c,
                None => {
                    let d = short_date(col.date, self.lang);
                    self.say(
                        tr!("aucun binôme ne travaille le {d}", "no crew works on {d}"),
                        Level::Error,
                    );
                    return;
                }
            },
        };
        self.move_to(r, col.date, crew, None);
    }

    /// The selected stop one place earlier or later in its tour.
    pub(super) fn move_in_route(&mut self, by: i8) {
        let Some((col, r)) = self.selected_in_days() else {
            return;
        };
        let Some(t) = col.tour else { return };
        let n = columns::items(&self.session, &col).len();
        let to = self.cursor.item as isize + isize::from(by);
        if to < 0 || to as usize >= n {
            return;
        }
        let crew = self.session.plan.days[t].crew.clone();
        self.move_to(r, col.date, crew, Some(to as usize));
    }

    /// Moves `r` (at `position`, or its best place) and follows it with the cursor.
    fn move_to(
        &mut self,
        r: StopRef,
        date: chrono::NaiveDate,
        crew: [String; 2],
        position: Option<usize>,
    ) {
        let position = match position {
            Some(p) => p,
            None => match self.session.best_position(&r, date, &crew) {
                Ok(p) => p,
                Err(e) => return self.say(e.text(), Level::Error),
            },
        };
        let e = Edit::Move {
            stop: r.clone(),
            date,
            crew: crew.clone(),
            position,
        };
        if !self.edit(e) {
            return;
        }
        let cols = columns(&self.session);
        if let Some(c) = columns::find(&cols, &self.session, date, Some(&crew)) {
            self.cursor.column = c;
        }
        self.cursor.item = position;
        self.cursor.focus = Focus::Days;
        self.clamp();
        self.report_stop(&r);
    }

    fn selected_in_days(&mut self) -> Option<(Column, StopRef)> {
        if self.cursor.focus != Focus::Days {
            return None;
        }
        self.selected()
    }

    pub(super) fn toggle_lock(&mut self) {
        let Some((_, r)) = self.selected_in_days() else {
            return;
        };
        if r.kind == StopKind::Lunch {
            return self.say(
                tr!("le déjeuner ne se verrouille pas", "lunch cannot be locked"),
                Level::Warning,
            );
        }
        let locked = self.session.pins.announced(&r).is_none();
        if self.edit(Edit::Lock {
            stop: r.clone(),
            locked,
        }) {
            let id = &r.id;
            self.info(if locked {
                tr!(
                    "{id} verrouillée : elle garde son jour et son heure",
                    "{id} locked: it keeps its day and time"
                )
            } else {
                tr!("{id} déverrouillée", "{id} unlocked")
            });
        }
    }

    pub(super) fn unplan(&mut self) {
        let Some((_, r)) = self.selected_in_days() else {
            return;
        };
        if self.edit(Edit::Unplan { stop: r.clone() }) {
            self.clamp();
            let id = &r.id;
            self.info(tr!(
                "{id} retirée du plan (liste « non planifié ») — u pour annuler",
                "{id} taken out of the plan (\"not planned\" list) — u to undo"
            ));
        }
    }

    /// From the week: to the list of requests not planned. In the list: the selected request
    /// into the selected tour (or day), at its best place.
    pub(super) fn place(&mut self) {
        if self.cursor.focus != Focus::Unplanned {
            if !self.session.plan.unplanned.is_empty() {
                self.cursor.focus = Focus::Unplanned;
                self.info(tr!(
                    "↑↓ choisir la demande, ←→ le jour, Entrée pour la planifier, Échap pour revenir",
                    "↑↓ choose the request, ←→ the day, Enter to plan it, Esc to go back"
                ));
            }
            return;
        }
        let Some(u) = self
            .session
            .plan
            .unplanned
            .get(self.cursor.unplanned)
            .cloned()
        else {
            return;
        };
        let r = StopRef::of_unplanned(&u);
        if planner::week::edit::job_of_ref(&self.session.inst(), &r, None).is_none() {
            let why = u
                .reasons
                .first()
                .map(|x| x.text.clone())
                .unwrap_or_default();
            return self.say(why, Level::Warning);
        }
        let cols = columns(&self.session);
        let Some(col) = cols.get(self.cursor.column).cloned() else {
            return;
        };
        let crew = match col.tour {
            Some(t) => Some(self.session.plan.days[t].crew.clone()),
            None => self.session.crew_for(col.date, &r),
        };
        match crew {
            Some(crew) => self.move_to(r, col.date, crew, None),
            None => {
                let d = short_date(col.date, self.lang);
                self.say(
                    tr!("aucun binôme ne travaille le {d}", "no crew works on {d}"),
                    Level::Error,
                );
            }
        }
    }

    pub(super) fn undo(&mut self) {
        if self.busy() {
            return;
        }
        if self.undo_quiet() {
            self.record(Step::Undo);
            self.info(tr!("modification annulée", "edit undone"));
        } else if !self.history.can_undo() {
            self.info(tr!("rien à annuler", "nothing to undo"));
        }
    }

    pub(super) fn redo(&mut self) {
        if self.busy() {
            return;
        }
        if self.redo_quiet() {
            self.record(Step::Redo);
            self.info(tr!("modification rétablie", "edit redone"));
        } else if !self.history.can_redo() {
            self.info(tr!("rien à rétablir", "nothing to redo"));
        }
    }

    pub(super) fn undo_quiet(&mut self) -> bool {
        let Some(s) = self.history.undo(&self.session.plan, &self.session.pins) else {
            return false;
        };
        if let Err(e) = self.session.restore(&s.plan, &s.pins) {
            // The history goes back to where the plan still is.
            self.history.redo(&s.plan, &s.pins);
            self.say(EditError::Plan(e).text(), Level::Error);
            return false;
        }
        self.clamp();
        true
    }

    pub(super) fn redo_quiet(&mut self) -> bool {
        let Some(s) = self.history.redo(&self.session.plan, &self.session.pins) else {
            return false;
        };
        if let Err(e) = self.session.restore(&s.plan, &s.pins) {
            self.history.undo(&s.plan, &s.pins);
            self.say(EditError::Plan(e).text(), Level::Error);
            return false;
        }
        self.clamp();
        true
    }

    pub(super) fn record(&mut self, step: Step) {
        if let Err(e) = self.journal.record(&step) {
            self.say(io_text(&e), Level::Warning);
        }
    }

    /// Says where a stop now is and what breaks there.
    fn report_stop(&mut self, r: &StopRef) {
        let Some((d, i)) = locate(&self.session.plan, r) else {
            return;
        };
        let day = &self.session.plan.days[d];
        let stop = &day.stops[i];
        let (id, date) = (r.id.clone(), day.date);
        let when = format!(
            "{} {}–{}",
            short_date(date, self.lang),
            hhmm(stop.start),
            hhmm(stop.end)
        );
        let broken: Vec<String> = self
            .session
            .violations_of(Some(date), &id)
            .map(|v| v.render(self.lang))
            .collect();
        let total = self.session.violations.len();
        if let Some(first) = broken.first() {
            let n = broken.len();
            self.say(
                tr!(
                    "{id} : {when} — {n} règle(s) enfreinte(s) : {first}",
                    "{id}: {when} — {n} rule(s) broken: {first}"
                ),
                Level::Warning,
            );
        } else if total > 0 {
            self.say(
                tr!(
                    "{id} : {when} — ailleurs {total} règle(s) enfreinte(s)",
                    "{id}: {when} — {total} rule(s) broken elsewhere"
                ),
                Level::Warning,
            );
        } else {
            self.info(tr!(
                "{id} : {when} — aucune règle enfreinte",
                "{id}: {when} — no rule broken"
            ));
        }
    }
}
