//! Saving the plan, replaying a journal found at start, and writing a valid referral's file.

use super::apply::io_text;
use super::journal::{self, Found, Journal, Step};
use super::{App, Level};
use maps::atomic::{Backup, Privacy, backup_path, write_atomic};
use planner::tr;
use planner::week::referral::Referral;
use planner::week::text::Text;

impl App {
    /// Writes the plan (atomically, the previous one kept as `.bak`); true if it worked.
    pub(super) fn save(&mut self) -> bool {
        let json = self.session.plan.to_json();
        let path = self.store.path.clone();
        let had = path.exists();
        if let Err(e) = write_atomic(&path, json.as_bytes(), Privacy::Private, Backup::Keep) {
            let p = path.display();
            self.say(
                tr!("impossible d'écrire {p} : {e}", "cannot write {p}: {e}"),
                Level::Error,
            );
            return false;
        }
        self.history.mark_saved();
        self.store.from_file = true;
        if let Err(e) = self.journal.clear(journal::fingerprint(json.as_bytes())) {
            self.say(io_text(&e), Level::Warning);
            return true;
        }
        let p = path.display();
        let mut text = if had {
            let b = backup_path(&path);
            let b = b.display();
            tr!(
                "enregistré dans {p} (plan précédent : {b})",
                "saved to {p} (previous plan: {b})"
            )
        } else {
            tr!("enregistré dans {p}", "saved to {p}")
        };
        let n = self.session.violations.len();
        if n > 0 {
            text = Text::new(
                format!("{} — {n} règle(s) enfreinte(s)", text.fr),
                format!("{} — {n} rule(s) broken", text.en),
            );
        }
        self.say(text, if n > 0 { Level::Warning } else { Level::Info });
        true
    }

    /// Replays a journal found at start, then goes on writing it.
    pub(super) fn replay(&mut self, found: &Found) {
        let (mut done, mut failed) = (0, 0);
        for step in &found.steps {
            let ok = match step {
                Step::Edit(e) => self.commit(e, false).is_ok(),
                Step::Referral(r) => self.replay_referral(r),
                Step::Undo => self.undo_quiet(),
                Step::Redo => self.redo_quiet(),
            };
            if ok { done += 1 } else { failed += 1 }
        }
        self.clamp();
        match Journal::resume(found) {
            Ok(j) => self.journal = j,
            Err(e) => self.say(io_text(&e), Level::Warning),
        }
        if failed == 0 {
            self.info(tr!(
                "{done} modification(s) récupérée(s), pas encore enregistrées (s pour enregistrer)",
                "{done} edit(s) recovered, not saved yet (s to save)"
            ));
        } else {
            self.say(
                tr!(
                    "{done} modification(s) récupérée(s), {failed} ne s'appliquent plus à ce plan",
                    "{done} edit(s) recovered, {failed} no longer apply to this plan"
                ),
                Level::Warning,
            );
        }
    }

    pub(super) fn journal_base(&self) -> String {
        journal::fingerprint(self.session.plan.to_json().as_bytes())
    }

    /// Writes a valid referral next to the plan, in the rebalancer's format (0600, the
    /// previous file of that name kept as `.bak`); its file name and text, or `None` when it
    /// could not be written (said in the status line).
    pub(super) fn keep_referral(&mut self, referral: &Referral) -> Option<(String, String)> {
        let id = referral
            .people
            .first()
            .map(|p| p.id.clone())
            .unwrap_or_default();
        let safe: String = id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let name = format!("referral-{safe}.toml");
        let path = self.store.path.with_file_name(&name);
        let text = format!(
            "# Orientation / referral {id} — tournee (tournee tui, n)\n{}",
            referral.to_toml()
        );
        match write_atomic(&path, text.as_bytes(), Privacy::Private, Backup::Keep) {
            Ok(()) => Some((name, text)),
            Err(e) => {
                self.say(io_text(&e), Level::Error);
                None
            }
        }
    }
}
