//! What each job of the week becomes for one attempt of the rebalance: held where it was
//! (pinned to its crew, window narrowed to its time ± tolerance), freed (any crew and time,
//! drawn back to its crew), to place (the referral, visits of an absent crew, a cancelled
//! visit) or out of play (requests the plan already left out).

use super::current::{Current, Key};
use crate::engine::{
    GroupRule, JobId, Pin, Problem, Requirement, Route, RouteItem, Solution, TimeWindow, VehicleId,
};
use crate::units::{Cost, Duration};
use crate::week::build::{Demand, Instance};
use crate::week::calendar::absolute;

/// Cost of taking a freed or displaced visit away from its crew (or day): more than any
/// amount of driving in a week, far less than leaving a visit out.
pub(crate) const STAY: Cost = Cost(1_000_000_000_000 / 10);
/// How much more a job to place weighs than its priority alone (2⁵: more than a visit of any
/// priority), so that the optimiser postpones a freed visit of no higher priority for it.
const PLACE_FIRST: i64 = 32;
/// What leaving a permanence out costs once its crew is gone (it must be held if it can).
pub(crate) const PERMANENCE: Cost = Cost(1_000_000_000_000_000);

/// The part a job plays in the rebalance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Not planned before and not asked for now: stays as it was.
    Out,
    /// Planned, its crew still out that day. `fixed`: locked, or before the first day that
    /// may change — never freed, kept to the minute.
    Held {
        vehicle: VehicleId,
        start: Duration,
        fixed: bool,
    },
    /// Planned with a crew that no longer exists (an absence): to place again.
    Displaced {
        day: usize,
        start: Duration,
        locked: bool,
    },
    /// Called off on that day: to place on another day if possible.
    Cancelled { day: usize },
    /// From the referral.
    New,
}

impl Role {
    /// A job the rebalance tries to place.
    pub fn to_place(&self) -> bool {
        matches!(
            self,
            Role::Displaced { .. } | Role::Cancelled { .. } | Role::New
        )
    }

    /// A job worth moving announced visits for: the referral, the visits of a crew gone. A
    /// visit the person cancelled is placed again only where it disturbs no one else.
    pub fn worth_moving_others(&self) -> bool {
        matches!(self, Role::Displaced { .. } | Role::New)
    }
}

/// Everything an attempt needs, computed once per rebalance.
pub(crate) struct Setup<'a> {
    pub inst: &'a Instance<'a>,
    pub base: Problem,
    pub current: Current,
    pub roles: Vec<Role>,
    pub keys: Vec<Key>,
    /// First day of the horizon that may change (`--from`).
    pub from_day: usize,
    pub tolerance: Duration,
    pub urgent: bool,
    pub make_room: bool,
    /// Highest priority among the jobs to place (visits of no higher priority may be
    /// postponed with make_room).
    pub top_priority: u8,
}

/// One attempt: which held jobs are freed, and how the jobs to place are treated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Variant {
    pub freed: Vec<JobId>,
    /// Whole tours handed to another pair the same day, same times (from, to).
    pub recrew: Vec<(VehicleId, VehicleId)>,
    /// Displaced jobs kept to their day and time (only the crew changes).
    pub slot: bool,
    /// Weekly hours not limited (to measure the hours missing).
    pub relax_hours: bool,
    /// Held jobs taken out of the week (to test a postponement).
    pub postponed: Vec<JobId>,
    /// A job to place restricted to these vehicles (to measure what one crew lacks).
    pub only: Option<(JobId, Vec<VehicleId>)>,
    /// Ignore the 48 h of an urgent referral (to say when it would fit instead).
    pub not_urgent: bool,
}

impl Variant {
    /// The vehicle a held job's tour is on in this variant.
    pub fn crew_of(&self, vehicle: VehicleId) -> VehicleId {
        self.recrew
            .iter()
            .find(|(from, _)| *from == vehicle)
            .map_or(vehicle, |(_, to)| *to)
    }
}

impl Setup<'_> {
    /// `top_priority` from the roles.
    pub fn with_top_priority(mut self) -> Self {
        self.top_priority = (0..self.roles.len())
            .filter(|&j| self.roles[j].to_place())
            .map(|j| self.priority(j))
            .max()
            .unwrap_or(0);
        self
    }

    /// Priority of a job (permanences above all).
    pub fn priority(&self, j: JobId) -> u8 {
        let s = self.inst.scenario;
        match self.inst.demands[j] {
            Demand::Visit { person, .. } => s.people[person].priority,
            Demand::Escort { escort, .. } => s.escorts[escort].priority,
            Demand::Permanence { .. } => u8::MAX,
        }
    }

    /// What leaving the job out costs in the week's objective.
    pub fn penalty(&self, j: JobId) -> Cost {
        match self.base.jobs[j].requirement {
            Requirement::Optional { penalty } => penalty,
            Requirement::Required => PERMANENCE,
        }
    }

    /// The penalty of a job to place, for the optimiser: above any visit it may postpone
    /// (`make_room`), so that placing it comes first, as in the rebalance's objective.
    fn urgent_penalty(&self, j: JobId) -> Cost {
        Cost(self.penalty(j).0.saturating_mul(PLACE_FIRST))
    }

    pub fn day_of(&self, v: VehicleId) -> usize {
        self.inst.crews[v].day
    }

    /// Vehicles of the base problem allowed for `j` on days that may change.
    fn open_vehicles(&self, j: JobId) -> Vec<VehicleId> {
        let all: Vec<VehicleId> = match &self.base.jobs[j].allowed_vehicles {
            Some(vs) => vs.clone(),
            None => (0..self.base.vehicles.len()).collect(),
        };
        all.into_iter()
            .filter(|&v| self.day_of(v) >= self.from_day)
            .collect()
    }

    /// The vehicles a job to place may take in this variant.
    pub fn allowed(&self, j: JobId, var: &Variant) -> Vec<VehicleId> {
        let open = self.open_vehicles(j);
        let all = match &self.roles[j] {
            Role::Displaced { day, locked, .. } if var.slot || *locked => open
                .into_iter()
                .filter(|&v| self.day_of(v) == *day)
                .collect(),
            Role::Cancelled { day } => open
                .into_iter()
                .filter(|&v| self.day_of(v) != *day)
                .collect(),
            // Urgent: the person's first visit within 48 h (escorts keep their own day).
            Role::New if self.keys[j].is_first_visit() => open
                .into_iter()
                .filter(|&v| !self.urgent || var.not_urgent || self.day_of(v) <= self.from_day + 1)
                .collect(),
            _ => open,
        };
        match &var.only {
            Some((job, vs)) if *job == j => all.into_iter().filter(|v| vs.contains(v)).collect(),
            _ => all,
        }
    }

    /// The engine problem of one attempt.
    pub fn problem(&self, var: &Variant) -> Problem {
        let mut p = self.base.clone();
        for j in 0..p.jobs.len() {
            if var.postponed.contains(&j) {
                out_of_play(&mut p, j);
                continue;
            }
            match self.roles[j].clone() {
                Role::Out => out_of_play(&mut p, j),
                Role::Held {
                    vehicle,
                    start,
                    fixed,
                } if fixed || !var.freed.contains(&j) => {
                    let tol = if fixed {
                        Duration::ZERO
                    } else {
                        self.tolerance
                    };
                    hold(&mut p, j, var.crew_of(vehicle), start, tol);
                }
                Role::Held { vehicle, .. } => self.free(&mut p, j, var.crew_of(vehicle)),
                Role::Displaced { day, start, locked } => {
                    self.displace(&mut p, j, var, day, start, locked)
                }
                Role::Cancelled { .. } => {
                    p.jobs[j].allowed_vehicles = Some(self.allowed(j, var));
                    p.jobs[j].requirement = Requirement::Optional {
                        penalty: self.penalty(j),
                    };
                }
                Role::New => {
                    p.jobs[j].allowed_vehicles = Some(self.allowed(j, var));
                    p.jobs[j].requirement = Requirement::Optional {
                        penalty: self.urgent_penalty(j),
                    };
                }
            }
        }
        if var.relax_hours {
            for g in &mut p.groups {
                if let GroupRule::DurationBudget { limit, .. } = &mut g.rule {
                    *limit = Duration::MAX;
                }
            }
        }
        p
    }

    /// A freed job: any crew on the days that may change, drawn back to its own.
    fn free(&self, p: &mut Problem, j: JobId, vehicle: VehicleId) {
        let job = &mut p.jobs[j];
        job.allowed_vehicles = Some(self.open_vehicles(j));
        job.preferred = Some((vec![vehicle], STAY));
        let escort = matches!(self.keys[j], Key::Escort { .. });
        let yields = self.priority(j) <= self.top_priority && !escort;
        job.requirement = if self.make_room && yields {
            Requirement::Optional {
                penalty: self.penalty(j),
            }
        } else {
            Requirement::Required
        };
    }

    fn displace(
        &self,
        p: &mut Problem,
        j: JobId,
        var: &Variant,
        day: usize,
        start: Duration,
        locked: bool,
    ) {
        let allowed = self.allowed(j, var);
        let same_day: Vec<VehicleId> = allowed
            .iter()
            .copied()
            .filter(|&v| self.day_of(v) == day)
            .collect();
        let job = &mut p.jobs[j];
        job.requirement = Requirement::Optional {
            penalty: self.urgent_penalty(j),
        };
        job.allowed_vehicles = Some(allowed);
        if var.slot || locked {
            let tol = if locked {
                Duration::ZERO
            } else {
                self.tolerance
            };
            narrow(&mut job.stops[0].windows, start, tol);
            job.preferred = None;
        } else {
            job.preferred = Some((same_day, STAY));
        }
    }

    /// The old routes of the held jobs, as the search's starting point.
    pub fn initial(&self, var: &Variant) -> Solution {
        let routes = (0..self.base.vehicles.len())
            .map(|v| {
                let from = var
                    .recrew
                    .iter()
                    .find(|(_, to)| *to == v)
                    .map_or(v, |(from, _)| *from);
                if from == v && var.recrew.iter().any(|(f, _)| *f == v) {
                    return Route {
                        vehicle: v,
                        items: Vec::new(),
                    };
                }
                let items: Vec<RouteItem> = self.current.routes[from]
                    .iter()
                    .copied()
                    .filter(|item| match item {
                        RouteItem::Job(j) => {
                            matches!(self.roles[*j], Role::Held { .. })
                                && !var.postponed.contains(j)
                        }
                        RouteItem::Lunch => true,
                    })
                    .collect();
                let used = items.iter().any(|i| matches!(i, RouteItem::Job(_)));
                Route {
                    vehicle: v,
                    items: if used { items } else { Vec::new() },
                }
            })
            .collect();
        Solution {
            routes,
            unassigned: Vec::new(),
        }
    }

    /// The day a job to place may take, for choosing which held jobs to free.
    pub fn days_to_place(&self) -> Vec<usize> {
        let free = Variant::default();
        let mut days: Vec<usize> = (0..self.roles.len())
            .filter(|&j| self.roles[j].to_place())
            .flat_map(|j| self.allowed(j, &free))
            .map(|v| self.day_of(v))
            .collect();
        days.sort_unstable();
        days.dedup();
        days
    }
}

fn out_of_play(p: &mut Problem, j: JobId) {
    let job = &mut p.jobs[j];
    job.allowed_vehicles = Some(Vec::new());
    job.requirement = Requirement::Optional {
        penalty: Cost::ZERO,
    };
    job.pin = None;
    job.preferred = None;
}

fn hold(p: &mut Problem, j: JobId, vehicle: VehicleId, start: Duration, tol: Duration) {
    let job = &mut p.jobs[j];
    job.pin = Some(Pin {
        vehicle,
        position: None,
    });
    job.allowed_vehicles = Some(vec![vehicle]);
    job.requirement = Requirement::Required;
    job.preferred = None;
    narrow(&mut job.stops[0].windows, start, tol);
}

/// Windows cut to `start ± tol` (a stop without windows gets that one).
fn narrow(windows: &mut Vec<TimeWindow>, start: Duration, tol: Duration) {
    let (lo, hi) = (start - tol, start + tol);
    let cut: Vec<TimeWindow> = windows
        .iter()
        .filter(|w| w.open <= hi && w.close >= lo)
        .map(|w| TimeWindow::new(w.open.max(lo), w.close.min(hi)))
        .collect();
    *windows = if cut.is_empty() {
        vec![TimeWindow::new(lo, hi)]
    } else {
        cut
    };
}

/// A held job's start in engine time.
pub(crate) fn engine_start(day: usize, since_midnight: i64) -> Duration {
    absolute(day, Duration(since_midnight))
}
