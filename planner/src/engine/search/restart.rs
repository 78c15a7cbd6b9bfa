//! Starting afresh when fitting every required job into the fleet stalls. The ejection pool
//! either fits a tight fleet early or its walk is trapped (R104: 7 seeds of 16 within 1.4 s,
//! 8 not within 10 s), so several short tries from new constructions beat one long one. The
//! best solution of the earlier tries is kept aside.

use super::Search;
use crate::engine::config::Tuning;
use crate::engine::fleet::Fleet;
use crate::engine::instance::{Instance, Node};
use crate::engine::local_search::LocalSearch;
use crate::engine::recreate::{Recreate, reinsert};
use crate::engine::rng::Rng;
use crate::engine::state::State;

impl Search<'_> {
    /// Counts the ejection-pool phases that ended with as many required jobs missing as they
    /// began with; true when there have been too many in a row.
    pub(super) fn stalled_too_long(&mut self) -> bool {
        if self.best.missing < self.phase_missing {
            self.stalled = 0;
        } else {
            self.stalled += 1;
        }
        self.phase_missing = self.best.missing;
        self.restarts > 0 && self.stalled >= self.restarts
    }

    /// Keeps the best solution so far aside and starts again from a new construction.
    pub(super) fn start_afresh(&mut self) {
        if self.best_state().score() == self.best.score() {
            self.record = Some(self.best.clone());
        }
        let fresh = construct(
            self.inst,
            State::empty(self.inst),
            &mut self.rng,
            &mut self.ls,
            &self.tuning,
        );
        self.current.clone_from(&fresh);
        self.candidate.clone_from(&fresh);
        self.best = fresh;
        self.in_sync = true;
        self.clear_diverged();
        self.absences.fill(0);
        self.fleet = Fleet::new(self.inst, &self.tuning);
        (self.stalled, self.phase_missing) = (0, usize::MAX);
        self.tries += 1;
    }
}

/// Places the jobs `start` leaves out, then polishes the result with the local search.
pub(super) fn construct(
    inst: &Instance,
    mut start: State,
    rng: &mut Rng,
    ls: &mut LocalSearch,
    tuning: &Tuning,
) -> State {
    let pool = start.unassigned.clone();
    reinsert(inst, &mut start, rng, &pool, Recreate::default());
    if tuning.local_search {
        ls.run(inst, &mut start, rng, 0..inst.jobs as Node);
    }
    start
}
