//! Re-optimising: the job started on a worker thread, its reports collected at each tick, its
//! result applied as one edit (undoable, journalled) when it beats the plan.

use super::worker::{Job, Report, Task};
use super::{App, Level};
use planner::tr;
use planner::week::reoptimise::Outcome;
use planner::week::text::duration_text;

impl App {
    pub(super) fn optimise(&mut self) {
        if self.busy() {
            return;
        }
        let task = Task {
            scenario: self.session.scenario.clone(),
            horizon: self.session.horizon,
            base: self.session.base().clone(),
            plan: self.session.plan.clone(),
            pins: self.session.pins.clone(),
            opts: self.reopt,
        };
        self.job = Some(Job::spawn(task));
        self.info(tr!(
            "optimisation de la partie non verrouillée — Échap pour annuler",
            "optimising the unlocked part — Esc to cancel"
        ));
    }

    /// Collects the worker's reports; true if there is something new to draw.
    pub(super) fn tick(&mut self) -> bool {
        let Some(job) = &mut self.job else {
            return false;
        };
        for report in job.poll() {
            if let Report::Done(out) = report {
                self.job = None;
                self.finish(out);
                break;
            }
        }
        true
    }

    /// Waits until the optimisation ends (tests).
    pub fn wait_for_optimiser(&mut self, timeout: std::time::Duration) {
        let end = std::time::Instant::now() + timeout;
        while let Some(job) = &mut self.job {
            let left = end.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return;
            }
            if let Some(Report::Done(out)) = job.wait(left) {
                self.job = None;
                self.finish(out);
            }
        }
    }

    fn finish(&mut self, out: Result<Outcome, String>) {
        match out {
            Ok(Outcome::Better { edit, .. }) => {
                let before = self.session.plan.totals.clone();
                match self.commit(&edit, true) {
                    Ok(()) => {
                        self.clamp();
                        let after = &self.session.plan.totals;
                        let (d0, d1) =
                            (duration_text(before.drive_s), duration_text(after.drive_s));
                        let (v0, v1) = (before.visits_planned, after.visits_planned);
                        self.info(tr!(
                            "plan ré-optimisé : route {d0} → {d1}, visites {v0} → {v1} (u pour annuler)",
                            "plan re-optimised: driving {d0} → {d1}, visits {v0} → {v1} (u to undo)"
                        ));
                    }
                    Err(e) => self.say(e.text(), Level::Error),
                }
            }
            Ok(Outcome::NoBetter) => self.info(tr!(
                "pas de meilleur plan trouvé : plan inchangé",
                "no better plan found: plan unchanged"
            )),
            Ok(Outcome::Cancelled) => self.info(tr!(
                "optimisation annulée : plan inchangé",
                "optimisation cancelled: plan unchanged"
            )),
            Err(e) => self.say(
                tr!("optimisation impossible : {e}", "cannot optimise: {e}"),
                Level::Error,
            ),
        }
    }
}
