//! Undo and redo: whole plans kept before each edit (a week's plan is a few hundred kilobytes
//! at most, and re-applying edits backwards would need an inverse for each). Each state has a
//! number, so "unsaved changes" is simply "not the state last saved".

use planner::week::edit::Pins;
use planner::week::plan::Plan;

/// A state of the plan with its locks.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub plan: Plan,
    pub pins: Pins,
    version: u64,
}

/// How many edits can be undone.
const DEPTH: usize = 200;

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// Number of the current state, and of the state in the file.
    current: u64,
    saved: Option<u64>,
    next: u64,
}

impl History {
    /// `saved`: whether the state we start from is the one in the file.
    pub fn new(saved: bool) -> History {
        History {
            saved: saved.then_some(0),
            next: 1,
            ..History::default()
        }
    }

    /// Records the state before an edit.
    pub fn push(&mut self, plan: &Plan, pins: &Pins) {
        self.undo.push(Snapshot {
            plan: plan.clone(),
            pins: pins.clone(),
            version: self.current,
        });
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.current = self.next;
        self.next += 1;
    }

    /// The state to go back to; `now` is the current one, kept for redo.
    pub fn undo(&mut self, plan: &Plan, pins: &Pins) -> Option<Snapshot> {
        let back = self.undo.pop()?;
        self.redo.push(Snapshot {
            plan: plan.clone(),
            pins: pins.clone(),
            version: self.current,
        });
        self.current = back.version;
        Some(back)
    }

    pub fn redo(&mut self, plan: &Plan, pins: &Pins) -> Option<Snapshot> {
        let next = self.redo.pop()?;
        self.undo.push(Snapshot {
            plan: plan.clone(),
            pins: pins.clone(),
            version: self.current,
        });
        self.current = next.version;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn mark_saved(&mut self) {
        self.saved = Some(self.current);
    }

    /// The plan differs from the file (or there is no file yet).
    pub fn unsaved(&self) -> bool {
        self.saved != Some(self.current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use planner::week::pipeline::DEFAULT_SCENARIO;

    fn plan(cost: i64) -> Plan {
        let mut p: Plan = serde_json::from_str(&minimal()).expect("plan");
        p.cost = cost;
        p
    }

    fn minimal() -> String {
        serde_json::json!({
            "schema_version": 1, "generator": "t", "scenario_file": "s",
            "scenario": DEFAULT_SCENARIO, "weeks": ["2026-W49"], "first_day": "2026-11-30",
            "seed": 1, "map": "m", "cost": 0, "days": [], "unplanned": [], "workers": [],
            "totals": {"drive_s": 0, "distance_m": 0, "permanence_s": 0, "outreach_s": 0,
              "permanence_share_pct": 0.0, "visits_planned": 0, "visits_due": 0,
              "escorts_planned": 0, "escorts_asked": 0}
        })
        .to_string()
    }

    #[test]
    fn undo_redo_and_the_saved_state() {
        let pins = Pins::default();
        let mut h = History::new(true);
        assert!(!h.unsaved() && !h.can_undo());
        h.push(&plan(0), &pins);
        assert!(h.unsaved());
        h.push(&plan(1), &pins);
        let back = h.undo(&plan(2), &pins).expect("undo");
        assert_eq!(back.plan.cost, 1);
        let back = h.undo(&plan(1), &pins).expect("undo");
        assert_eq!(back.plan.cost, 0);
        assert!(!h.unsaved(), "back to the file's state");
        assert!(h.undo(&plan(0), &pins).is_none());
        let again = h.redo(&plan(0), &pins).expect("redo");
        assert_eq!(again.plan.cost, 1);
        assert!(h.unsaved());
        h.mark_saved();
        assert!(!h.unsaved());
        // A new edit after an undo forgets the redo.
        h.undo(&plan(1), &pins);
        h.push(&plan(0), &pins);
        assert!(!h.can_redo());
        assert!(h.unsaved());
    }

    #[test]
    fn a_plan_never_saved_is_unsaved() {
        assert!(History::new(false).unsaved());
    }
}
