//! Once every required job fits, a candidate whose reinsertion left some out gets them
//! squeezed back before it is judged (`Tuning::repair_from`): with tight fleets of 200 and 400
//! customers, most candidates would otherwise be worthless.

use super::Search;
use crate::engine::fleet::squeeze;
use crate::engine::instance::Node;
use crate::engine::problem::Requirement;

impl Search<'_> {
    /// Squeezes the required jobs the reinsertion left out back into the candidate, one by
    /// one; each squeeze that fails is undone from a copy kept in step with the candidate.
    pub(super) fn repair_candidate(&mut self) {
        let inst = self.inst;
        self.scratch.clone_from(&self.candidate);
        let missing: Vec<Node> = self
            .candidate
            .unassigned
            .iter()
            .copied()
            .filter(|&j| inst.problem.jobs[j as usize].requirement == Requirement::Required)
            .collect();
        for job in missing {
            let before = self.candidate.changed.len();
            if squeeze(
                inst,
                &mut self.candidate,
                &self.scratch,
                &mut self.rng,
                &mut self.ls,
                job,
                self.fleet.squeeze_near(),
            ) {
                let changed = self.candidate.changed.clone();
                self.scratch.sync_from(&self.candidate, &changed);
            }
            debug_assert!(self.candidate.changed.len() >= before);
        }
        self.repaired.0 += 1;
        self.repaired.1 += u64::from(self.candidate.missing == 0);
    }
}
