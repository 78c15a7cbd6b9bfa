//! Locked stops as constraints: the time announced to the person and the tour it is in.
//!
//! A lock is a promise made to someone ("Thursday at three"), so a locked job keeps its tour
//! and its start time whatever else moves: the problem the days are re-timed and re-optimised
//! with has, for each locked job, one window at the announced time, one allowed vehicle and
//! the job required. The announced time is the stop's start when it was locked (when a plan is
//! opened: its start in the file).

use super::place::{item_spans, job_of_ref, vehicle};
use super::{StopRef, plan_key};
use crate::engine::{Problem, Requirement, TimeWindow};
use crate::units::Duration;
use crate::week::build::Instance;
use crate::week::calendar::absolute;
use crate::week::plan::Plan;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Locked jobs and the start time announced for each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pins(BTreeMap<StopRef, i64>);

impl Pins {
    /// The locks of a plan as it is, each at its current start.
    pub fn from_plan(plan: &Plan) -> Pins {
        let mut pins = Pins::default();
        for day in &plan.days {
            for (r, span) in item_spans(day) {
                let first = &day.stops[span.start];
                if first.locked {
                    pins.pin(r, first.start);
                }
            }
        }
        pins
    }

    pub fn pin(&mut self, r: StopRef, start: i64) {
        self.0.insert(r, start);
    }

    pub fn unpin(&mut self, r: &StopRef) {
        self.0.remove(r);
    }

    /// The time announced for a locked job (seconds since midnight).
    pub fn announced(&self, r: &StopRef) -> Option<i64> {
        self.0.get(r).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `base` with every locked job of `plan` held to its tour and announced time.
    pub fn problem<'p>(
        &self,
        base: &'p Problem,
        inst: &Instance<'_>,
        plan: &Plan,
    ) -> Cow<'p, Problem> {
        if self.0.is_empty() {
            return Cow::Borrowed(base);
        }
        let mut p = base.clone();
        for (d, day) in plan.days.iter().enumerate() {
            let Ok(v) = vehicle(inst, &plan_key(&plan.days, d)) else {
                continue;
            };
            for (r, _) in item_spans(day) {
                let (Some(start), Some(j)) =
                    (self.announced(&r), job_of_ref(inst, &r, Some(day.day)))
                else {
                    continue;
                };
                let job = &mut p.jobs[j];
                let at = absolute(day.day, Duration(start));
                if let Some(first) = job.stops.first_mut() {
                    first.windows = vec![TimeWindow::new(at, at)];
                }
                job.allowed_vehicles = Some(vec![v]);
                job.requirement = Requirement::Required;
            }
        }
        Cow::Owned(p)
    }
}
