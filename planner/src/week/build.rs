//! Scenario + horizon + travel times → the optimiser's [`Problem`], keeping the way back from
//! every engine id (job, vehicle, location) to what it means in the week.
//!
//! # The objective (what "best" means)
//!
//! In order of importance, each level outweighing everything below it in practice:
//! 1. the hard rules: pairs, availability, windows, day ≤ 10 h, weekly hours ≤ FTE share ×
//!    hours per FTE, lunch, gaps between visits, skills, one camping-car per day;
//! 2. the permanences are held (required jobs);
//! 3. the visits due are planned, by priority: leaving out a visit costs
//!    [`VISIT_PENALTY`] × 2^(priority − 1), doubled when the visit is already late (its maximum
//!    gap ends before the week starts) and for escorts — one planned visit outweighs any
//!    amount of driving, and a visit of priority p weighs as much as two of priority p − 1;
//! 4. the least drive time ([`TRAVEL_WEIGHT`] per second), plus a little for idle time
//!    ([`DURATION_WEIGHT`] per second of route) so routes do not wait for nothing;
//! 5. hours balanced against FTE shares: [`BALANCE_WEIGHT`] × used² / cap per worker and week
//!    (the engine's `DurationBudget`), least when everyone works in proportion to their share;
//! 6. continuity: [`CONTINUITY`] when a visit with a preferred worker goes to another crew.

pub mod crews;
mod demand;

use super::calendar::{Horizon, absolute};
use super::model::{Scenario, Venue};
use super::travel::TravelTimes;
use crate::engine::{Break, Job, Objective, Problem, Requirement, Stop, TimeWindow, Vehicle};
use crate::units::{Cost, Load};
use maps::LatLon;

pub use crews::{Crew, weekly_cap};
pub use demand::{DeclineReason, Declined, Demand};

/// Cost of leaving out a priority-1 visit (see the module doc).
pub const VISIT_PENALTY: Cost = Cost(100_000_000_000);
/// Cost of one second of driving.
pub const TRAVEL_WEIGHT: i64 = 1_000;
/// Cost of one second of route (waiting included).
pub const DURATION_WEIGHT: i64 = 10;
/// Weight of the balance of hours against FTE shares.
pub const BALANCE_WEIGHT: i64 = 100;
/// Cost of a visit by a crew without the person's preferred worker (one minute of driving).
pub const CONTINUITY: Cost = Cost(60_000);

/// What a location of the matrix is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Base,
    Permanence(usize),
    /// Where a person is met (home, camper nearby or meeting point).
    Person(usize),
    /// An escort's appointment place.
    Destination(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub point: LatLon,
    pub kind: PlaceKind,
}

/// The week in the engine's terms, with the meaning of every id.
#[derive(Clone, Debug)]
pub struct Instance<'s> {
    pub scenario: &'s Scenario,
    pub horizon: Horizon,
    /// Location id → place.
    pub places: Vec<Place>,
    /// Job id → what it is.
    pub demands: Vec<Demand>,
    /// Vehicle id → crew and day.
    pub crews: Vec<Crew>,
    /// Requests not planned before any optimisation (outside the territory, …).
    pub declined: Vec<Declined>,
}

impl<'s> Instance<'s> {
    pub fn new(scenario: &'s Scenario, horizon: Horizon) -> Instance<'s> {
        let (demands, declined) = demand::demands(scenario, &horizon);
        Instance {
            scenario,
            horizon,
            places: places(scenario),
            demands,
            crews: crews::crews(scenario, &horizon),
            declined,
        }
    }

    /// The points to ask the map about, in location-id order.
    pub fn points(&self) -> Vec<LatLon> {
        self.places.iter().map(|p| p.point).collect()
    }

    /// Location id of a place.
    pub fn location(&self, kind: PlaceKind) -> usize {
        self.places.iter().position(|p| p.kind == kind).unwrap_or(0)
    }

    /// The problem for the engine, given travel times between [`Instance::points`].
    pub fn problem(&self, travel: &TravelTimes) -> Problem {
        let vehicles = self.vehicles();
        let jobs = self.demands.iter().map(|d| self.job(d)).collect();
        Problem {
            matrix: travel.to_matrix(),
            jobs,
            vehicles,
            groups: crews::groups(self),
            relations: demand::relations(&self.demands, self.scenario),
            objective: Objective {
                distance_weight: 0,
                travel_weight: TRAVEL_WEIGHT,
                duration_weight: DURATION_WEIGHT,
            },
        }
    }

    fn vehicles(&self) -> Vec<Vehicle> {
        let team = &self.scenario.team;
        self.crews
            .iter()
            .map(|c| Vehicle {
                label: c.label(self.scenario, &self.horizon),
                start: 0,
                end: 0,
                shift: TimeWindow::new(absolute(c.day, c.shift.0), absolute(c.day, c.shift.1)),
                max_duration: Some(c.max_duration),
                capacity: Load(3),
                fixed_cost: Cost::ZERO,
                lunch: c.lunch.then_some(Break {
                    window: TimeWindow::new(
                        absolute(c.day, team.lunch.earliest),
                        absolute(c.day, team.lunch.latest),
                    ),
                    duration: team.lunch.length,
                }),
                day: c.day as i32,
            })
            .collect()
    }

    fn job(&self, d: &Demand) -> Job {
        let s = self.scenario;
        let (label, stops, size, requirement) = match *d {
            Demand::Permanence { permanence, day } => {
                let p = &s.permanences[permanence];
                let at = absolute(day, p.arrival());
                let stop = Stop {
                    location: self.location(PlaceKind::Permanence(permanence)),
                    service: p.service(),
                    windows: vec![TimeWindow::new(at, at)],
                };
                (p.id.clone(), vec![stop], Load(0), Requirement::Required)
            }
            Demand::Visit { person, .. } => {
                let p = &s.people[person];
                let stop = Stop {
                    location: self.location(PlaceKind::Person(person)),
                    service: p.visit,
                    windows: demand::visit_windows(p, d),
                };
                (
                    p.id.clone(),
                    vec![stop],
                    Load(0),
                    Requirement::Optional {
                        penalty: demand::penalty(s, d),
                    },
                )
            }
            Demand::Escort { escort, .. } => {
                let e = &s.escorts[escort];
                let stops = demand::escort_stops(self, escort, d);
                (
                    e.id.clone(),
                    stops,
                    Load(i64::from(e.seats)),
                    Requirement::Optional {
                        penalty: demand::penalty(s, d),
                    },
                )
            }
        };
        let allowed = self.allowed(d);
        Job {
            label,
            stops,
            size,
            requirement,
            preferred: self.preferred(d, &allowed),
            allowed_vehicles: Some(allowed),
            pin: None,
        }
    }

    /// Vehicles on the job's days whose crew has the skill it needs.
    pub fn allowed(&self, d: &Demand) -> Vec<usize> {
        let (first, last) = d.days();
        let skill = d
            .person(self.scenario)
            .and_then(|p| self.scenario.people[p].skill.as_ref());
        (0..self.crews.len())
            .filter(|&v| (first..=last).contains(&self.crews[v].day))
            .filter(|&v| match skill {
                Some(sk) => self.crews[v]
                    .workers
                    .iter()
                    .any(|&w| self.scenario.workers[w].skills.contains(sk)),
                None => true,
            })
            .filter(|&v| match d {
                Demand::Visit { person, .. } => {
                    let wd = self.horizon.date(self.crews[v].day);
                    !demand::day_windows(&self.scenario.people[*person], wd).is_empty()
                }
                _ => true,
            })
            .collect()
    }

    fn preferred(&self, d: &Demand, allowed: &[usize]) -> Option<(Vec<usize>, Cost)> {
        let p = &self.scenario.people[d.person(self.scenario)?];
        let w = self
            .scenario
            .workers
            .iter()
            .position(|w| Some(&w.id) == p.preferred_worker.as_ref())?;
        let with: Vec<usize> = allowed
            .iter()
            .copied()
            .filter(|&v| self.crews[v].workers.contains(&w))
            .collect();
        Some((with, CONTINUITY))
    }
}

/// Base, permanence sites, where each person is met, escort destinations.
fn places(s: &Scenario) -> Vec<Place> {
    let mut out = vec![Place {
        point: s.team.base.point,
        kind: PlaceKind::Base,
    }];
    for (i, p) in s.permanences.iter().enumerate() {
        out.push(Place {
            point: p.site.point,
            kind: PlaceKind::Permanence(i),
        });
    }
    for (i, p) in s.people.iter().enumerate() {
        let point = match p.venue {
            Venue::MeetingPoint => p.visit_location().point,
            Venue::Home | Venue::Camper => p.home.point,
        };
        out.push(Place {
            point,
            kind: PlaceKind::Person(i),
        });
    }
    for (i, e) in s.escorts.iter().enumerate() {
        out.push(Place {
            point: e.destination.point,
            kind: PlaceKind::Destination(i),
        });
    }
    out
}
