//! A referral from the form added to the plan by the rebalancer (`planner::rebalance`, as
//! `tournee rebalance --add` does): announced visits moved as little as possible, locked stops
//! kept where they are (the plan carries its locks). The result is one edit — undone and
//! redone whole, journalled as the referral file's name and replayed through the rebalancer on
//! recovery. The rebalancer's own account of what changed is shown in a box and summed up in
//! the status line. It runs on this thread: well under a second on a week.

use super::columns::{self, columns};
use super::journal::{ReferralStep, Step, fingerprint};
use super::{App, Focus, Level, Mode};
use planner::rebalance::{Change, Diff, RebalanceOptions, Referral, rebalance};
use planner::tr;
use planner::week::Lang;
use planner::week::edit::{EditError, StopRef};
use planner::week::plan::StopKind;
use planner::week::referral::Referral as FormReferral;
use planner::week::text::Text;
use std::path::Path;

/// What the rebalancer did with a referral.
pub(super) enum Added {
    /// Planned (some occurrences may be left out, listed in the diff): the plan changed.
    Planned(Diff),
    /// Nothing of it found a place: the plan is unchanged, the diff says why.
    NotPlanned(Diff),
}

impl App {
    /// A valid referral from the form: written next to the plan, then added to it.
    pub(super) fn submit_referral(&mut self, referral: &FormReferral) {
        let Some((file, text)) = self.keep_referral(referral) else {
            return;
        };
        let n = self.session.violations.len();
        if n > 0 {
            // The rebalancer starts from a plan that keeps every rule.
            return self.say(
                tr!(
                    "orientation écrite dans {file}, pas ajoutée : le plan enfreint {n} règle(s) — corrigez-le (u pour annuler), enregistrez, puis tournee rebalance --add {file}",
                    "referral written to {file}, not added: the plan breaks {n} rule(s) — fix it (u to undo), save, then tournee rebalance --add {file}"
                ),
                Level::Warning,
            );
        }
        let step = ReferralStep {
            fingerprint: fingerprint(text.as_bytes()),
            file,
            from: self.today.max(self.session.plan.first_day),
            seed: self.session.plan.seed,
        };
        match self.add_referral(&step, &text, true) {
            Ok(added) => self.show(&step.file, &added),
            Err(why) => {
                let f = &step.file;
                self.say(
                    Text::new(
                        format!("orientation écrite dans {f}, pas ajoutée : {}", why.fr),
                        format!("referral written to {f}, not added: {}", why.en),
                    ),
                    Level::Error,
                );
            }
        }
    }

    /// Runs the rebalancer on the referral `text`; when it places something, its plan becomes
    /// the session's as one edit (journalled if asked).
    pub(super) fn add_referral(
        &mut self,
        step: &ReferralStep,
        text: &str,
        journal: bool,
    ) -> Result<Added, Text> {
        let referral = Referral::parse(text, &step.file)
            .map_err(|d| Text::new(d.render(Lang::Fr), d.render(Lang::En)))?;
        let change = Change {
            urgent: referral.urgent,
            referral: Some(referral),
            ..Change::default()
        };
        let options = RebalanceOptions {
            seed: step.seed,
            from: Some(step.from),
            ..RebalanceOptions::default()
        };
        let done = rebalance(&self.session.plan, &change, &self.session.roads, &options)
            .map_err(|e| Text::new(e.text(Lang::Fr), e.text(Lang::En)))?;
        if done.diff.added.is_empty() {
            return Ok(Added::NotPlanned(done.diff));
        }
        let before = (self.session.plan.clone(), self.session.pins.clone());
        self.session
            .replace(done.plan)
            .map_err(|e| EditError::Plan(e).text())?;
        self.history.push(&before.0, &before.1);
        if journal {
            self.record(Step::Referral(step.clone()));
        }
        self.clamp();
        Ok(Added::Planned(done.diff))
    }

    /// A referral of the journal, from its file next to the plan, if that file is unchanged.
    pub(super) fn replay_referral(&mut self, step: &ReferralStep) -> bool {
        if Path::new(&step.file).file_name() != Some(step.file.as_ref()) {
            return false;
        }
        let path = self.store.path.with_file_name(&step.file);
        let Ok(text) = std::fs::read_to_string(path) else {
            return false;
        };
        fingerprint(text.as_bytes()) == step.fingerprint
            && matches!(self.add_referral(step, &text, false), Ok(Added::Planned(_)))
    }

    /// The rebalancer's account in a box, summed up in the status line; the cursor on the
    /// first visit added.
    fn show(&mut self, file: &str, added: &Added) {
        let (diff, level) = match added {
            Added::Planned(d) if d.not_planned.is_empty() => (d, Level::Info),
            Added::Planned(d) | Added::NotPlanned(d) => (d, Level::Warning),
        };
        let text = Text::new(diff.render(Lang::Fr), diff.render(Lang::En));
        let status = match added {
            Added::Planned(d) => planned_line(d),
            Added::NotPlanned(d) => not_planned_line(d, file),
        };
        if let Added::Planned(d) = added {
            self.follow(d);
        }
        self.say(status, level);
        self.mode = Mode::Message(Box::new(text));
    }

    /// Puts the cursor on the first visit the referral added.
    fn follow(&mut self, diff: &Diff) {
        let Some(first) = diff.added.first() else {
            return;
        };
        let cols = columns(&self.session);
        let Some(c) = columns::find(&cols, &self.session, first.at.date, Some(&first.at.crew))
        else {
            return;
        };
        let kind = match first.item.kind.as_str() {
            "escort" => StopKind::Escort,
            _ => StopKind::Visit,
        };
        let r = StopRef {
            kind,
            id: first.item.id.clone(),
            occurrence: first.item.occurrence,
        };
        self.cursor.column = c;
        self.cursor.focus = Focus::Days;
        if let Some(i) = columns::items(&self.session, &cols[c])
            .iter()
            .position(|x| *x == r)
        {
            self.cursor.item = i;
        }
        self.clamp();
    }
}

/// The diff's line `i` (0: the summary), in both languages.
fn line(diff: &Diff, i: usize) -> Text {
    let pick = |lang| {
        diff.render(lang)
            .lines()
            .nth(i)
            .unwrap_or_default()
            .to_string()
    };
    Text::new(pick(Lang::Fr), pick(Lang::En))
}

/// "B17 ajoutée mardi 1/12 à 14:00 (Ydes), camille + dominique. 2 visites annoncées changent
/// (prévenir les personnes) — u pour annuler".
fn planned_line(diff: &Diff) -> Text {
    let first = line(diff, 1);
    let moved = match diff.changed_visits {
        0 => tr!(
            "Aucune visite annoncée ne change",
            "No announced visit changes"
        ),
        1 => tr!(
            "1 visite annoncée change (prévenir la personne)",
            "1 announced visit changes (call the person)"
        ),
        n => tr!(
            "{n} visites annoncées changent (prévenir les personnes)",
            "{n} announced visits change (call the people)"
        ),
    };
    Text::new(
        format!("{} {} — u pour annuler.", first.fr, moved.fr),
        format!("{} {} — u to undo.", first.en, moved.en),
    )
}

/// "B17 non planifiée : hors du territoire [U01]. Plan inchangé, orientation gardée dans …".
fn not_planned_line(diff: &Diff, file: &str) -> Text {
    let why = line(diff, 1);
    Text::new(
        format!("{} Plan inchangé ; orientation gardée dans {file}.", why.fr),
        format!("{} Plan unchanged; referral kept in {file}.", why.en),
    )
}
