//! Once every required job fits, a candidate whose reinsertion left some out is repaired
//! before it is judged (`Tuning::repair_from`): with tight fleets of 200 and 400 customers,
//! most candidates would otherwise be worthless. A few steps of the ejection pool
//! ([`crate::engine::fleet`]) put the jobs back: each places the job left out last, pushing
//! out lighter ones if it must.

use super::Search;
use crate::engine::config::Tuning;
use crate::engine::fleet::Fleet;
use crate::engine::instance::Instance;

/// The repairing pool. It does not shake the routes after pushing jobs out, as the pool that
/// fits the fleet does: random moves would undo what the walk has won on cost (with 30 of
/// them, 5 steps gave 5.7 % at 1 s on Gehring & Homberger's 200 and 400, against 5.4 %).
pub(super) fn pool(inst: &Instance, tuning: &Tuning) -> Fleet {
    let calm = Tuning {
        shake_moves: 0,
        ..tuning.clone()
    };
    Fleet::new(inst, &calm)
}

impl Search<'_> {
    /// At most `Tuning::repair_steps` steps of the repairing pool on the candidate, fewer
    /// once it is whole. Each step starts its own list of changed routes; the lists are
    /// merged back with the ruin's, so that the candidate is kept or undone as a whole.
    pub(super) fn repair_candidate(&mut self) {
        let inst = self.inst;
        let mut changed = self.candidate.changed.clone();
        // The pool's copy for undoing squeezes is of some earlier candidate.
        self.repair_pool.invalidate();
        for _ in 0..self.tuning.repair_steps {
            if self.candidate.missing == 0 {
                break;
            }
            let active =
                self.repair_pool
                    .step(inst, &mut self.candidate, &mut self.rng, &mut self.ls);
            changed.extend_from_slice(&self.candidate.changed);
            if !active {
                break;
            }
        }
        self.candidate.clear_changed();
        for r in changed {
            self.candidate.mark_changed(r);
        }
        self.repaired.0 += 1;
        self.repaired.1 += u64::from(self.candidate.missing == 0);
    }
}
