//! The plan being edited and everything needed to edit it: the scenario it carries, the week's
//! problem (built once, with the travel times between the week's places), the locks, and what
//! the week checker says of the plan after each change.

use maps::LatLon;
use planner::engine::Problem;
use planner::week::build::Instance;
use planner::week::check::{Violation, check};
use planner::week::edit::{self, Edit, EditError, Pins, StopRef};
use planner::week::plan::{Plan, PlanError, solution_of};
use planner::week::roads::Roads;
use planner::week::travel::TravelTimes;
use planner::week::{Horizon, Scenario};
use std::borrow::Cow;
use std::collections::HashMap;

pub struct Session {
    pub scenario: Scenario,
    pub horizon: Horizon,
    pub roads: Roads,
    base: Problem,
    /// The week's places, and travel between them (asked of the map once).
    points: Vec<LatLon>,
    travel: TravelTimes,
    index: HashMap<(u64, u64), usize>,
    /// Days some crew can go out.
    pub crew_dates: Vec<chrono::NaiveDate>,
    pub pins: Pins,
    pub plan: Plan,
    pub violations: Vec<Violation>,
}

/// What is derived from the plan's scenario and weeks: rebuilt when a referral adds someone
/// (and when undo or redo crosses that edit).
struct Derived {
    scenario: Scenario,
    horizon: Horizon,
    base: Problem,
    points: Vec<LatLon>,
    travel: TravelTimes,
    index: HashMap<(u64, u64), usize>,
    crew_dates: Vec<chrono::NaiveDate>,
}

impl Derived {
    /// The plan's scenario validated again, every stop matched to a request.
    fn of(plan: &Plan, roads: &Roads) -> Result<Derived, PlanError> {
        let scenario = plan.scenario(roads.bounds())?;
        let horizon = plan.horizon();
        let inst = Instance::new(&scenario, horizon);
        solution_of(plan, &inst)?;
        let points = inst.points();
        let travel = roads.travel(&points);
        let base = inst.problem(&travel);
        let index = points
            .iter()
            .enumerate()
            .map(|(i, p)| (key(*p), i))
            .collect();
        let mut crew_dates: Vec<_> = inst.crews.iter().map(|c| horizon.date(c.day)).collect();
        crew_dates.dedup();
        drop(inst);
        Ok(Derived {
            scenario,
            horizon,
            base,
            points,
            travel,
            index,
            crew_dates,
        })
    }
}

impl Session {
    /// Opens a plan: its scenario validated again, every stop matched to a request.
    pub fn new(plan: Plan, roads: Roads) -> Result<Session, PlanError> {
        let d = Derived::of(&plan, &roads)?;
        let mut s = Session {
            crew_dates: d.crew_dates,
            pins: Pins::from_plan(&plan),
            scenario: d.scenario,
            horizon: d.horizon,
            roads,
            base: d.base,
            points: d.points,
            travel: d.travel,
            index: d.index,
            plan,
            violations: vec![],
        };
        s.recheck();
        Ok(s)
    }

    /// Takes what the scenario and weeks give.
    fn set(&mut self, d: Derived) {
        self.scenario = d.scenario;
        self.horizon = d.horizon;
        self.base = d.base;
        self.points = d.points;
        self.travel = d.travel;
        self.index = d.index;
        self.crew_dates = d.crew_dates;
    }

    /// Whether `plan` carries another scenario or other weeks than the plan being edited.
    fn other_scenario(&self, plan: &Plan) -> bool {
        plan.scenario != self.plan.scenario
            || plan.first_day != self.plan.first_day
            || plan.weeks != self.plan.weeks
    }

    pub fn inst(&self) -> Instance<'_> {
        Instance::new(&self.scenario, self.horizon)
    }

    /// The week's problem without locks (what re-optimising starts from).
    pub fn base(&self) -> &Problem {
        &self.base
    }

    /// The problem with the locks held.
    pub fn problem(&self) -> Cow<'_, Problem> {
        self.pins.problem(&self.base, &self.inst(), &self.plan)
    }

    /// Applies an edit and checks the plan again; on error nothing changes.
    pub fn apply(&mut self, e: &Edit) -> Result<(), EditError> {
        let inst = Instance::new(&self.scenario, self.horizon);
        edit::apply(&mut self.plan, &mut self.pins, &inst, &self.base, e)?;
        drop(inst);
        self.recheck();
        Ok(())
    }

    /// Puts back a plan and its locks (undo, redo); the scenario is read again when it
    /// differs (a referral added or taken back). On error nothing changes.
    pub fn restore(&mut self, plan: &Plan, pins: &Pins) -> Result<(), PlanError> {
        if self.other_scenario(plan) {
            let d = Derived::of(plan, &self.roads)?;
            self.set(d);
        }
        self.plan = plan.clone();
        self.pins = pins.clone();
        self.recheck();
        Ok(())
    }

    /// Takes a plan made by the rebalancer (its scenario may hold new people), with the locks
    /// it carries. On error nothing changes.
    pub fn replace(&mut self, plan: Plan) -> Result<(), PlanError> {
        let pins = Pins::from_plan(&plan);
        self.restore(&plan, &pins)
    }

    /// The best place for `r` in the tour of `crew` on `date`.
    pub fn best_position(
        &self,
        r: &StopRef,
        date: chrono::NaiveDate,
        crew: &[String; 2],
    ) -> Result<usize, EditError> {
        let inst = self.inst();
        let problem = self.pins.problem(&self.base, &inst, &self.plan);
        edit::best_position(&self.plan, &inst, &problem, r, &(date, crew.clone()))
    }

    /// A crew for a new tour on `date` that may do `r`.
    pub fn crew_for(&self, date: chrono::NaiveDate, r: &StopRef) -> Option<[String; 2]> {
        edit::crew_for(&self.inst(), &self.base, date, r)
    }

    /// Runs the week checker again.
    pub fn recheck(&mut self) {
        self.violations = check(&self.scenario, &self.plan, &|p| self.travel_for(p));
    }

    /// Travel between any of the week's places, from the table asked of the map once.
    fn travel_for(&self, points: &[LatLon]) -> TravelTimes {
        let ix: Option<Vec<usize>> = points
            .iter()
            .map(|p| self.index.get(&key(*p)).copied())
            .collect();
        let Some(ix) = ix else {
            return self.roads.travel(points);
        };
        let n = self.points.len();
        TravelTimes::from_fn(points.len(), |i, j| {
            let k = ix[i] * n + ix[j];
            Some((self.travel.seconds[k]?, self.travel.meters[k]?))
        })
    }

    /// Broken rules about a subject (a stop's id or a worker) on a date (or any date).
    pub fn violations_of<'a>(
        &'a self,
        date: Option<chrono::NaiveDate>,
        subject: &'a str,
    ) -> impl Iterator<Item = &'a Violation> + 'a {
        self.violations.iter().filter(move |v| {
            v.subject.as_deref() == Some(subject) && (date.is_none() || v.date == date)
        })
    }
}

fn key(p: LatLon) -> (u64, u64) {
    (p.lat.to_bits(), p.lon.to_bits())
}
