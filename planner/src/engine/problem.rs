//! The optimiser's view of a problem: jobs, vehicles, travel matrix, and the few cross-route
//! rules the itinerant team needs. Nothing here knows about people, weeks or OpenStreetMap;
//! the weekly planner (`crate::week`) and the Solomon harness both translate into it.

use crate::units::{Cost, Distance, Duration, Load};
use serde::{Deserialize, Serialize};

/// Index into [`Matrix`] rows and columns.
pub type LocationId = usize;
/// Index into [`Problem::jobs`].
pub type JobId = usize;
/// Index into [`Problem::vehicles`]; one vehicle is one potential route (e.g. one day of one crew).
pub type VehicleId = usize;

/// Travel durations and distances between every pair of locations (row = from, column = to).
/// Not necessarily symmetric (one-way streets), and not necessarily obeying the triangle
/// inequality (rounded road times): the engine must not assume either.
///
/// The time and the distance of a pair sit side by side: every concatenation of route
/// segments reads both, and two separate tables cost two cache misses where one does
/// (benches/README.md, "Faster steps, the same search"). Files keep the two tables apart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Tables", into = "Tables")]
pub struct Matrix {
    size: usize,
    legs: Vec<Leg>,
}

/// Travel from one location to another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Leg {
    pub duration: Duration,
    pub distance: Distance,
}

/// How a [`Matrix`] is written to files: two tables, row by row.
#[derive(Serialize, Deserialize)]
struct Tables {
    size: usize,
    durations: Vec<Duration>,
    distances: Vec<Distance>,
}

impl TryFrom<Tables> for Matrix {
    type Error = String;

    fn try_from(t: Tables) -> Result<Matrix, String> {
        let cells = t.size * t.size;
        if t.durations.len() != cells || t.distances.len() != cells {
            return Err(format!(
                "a matrix of {0} locations needs {1} durations and {1} distances, found {2} and {3}",
                t.size,
                cells,
                t.durations.len(),
                t.distances.len()
            ));
        }
        Ok(Matrix::new(t.size, t.durations, t.distances))
    }
}

impl From<Matrix> for Tables {
    fn from(m: Matrix) -> Tables {
        Tables {
            size: m.size,
            durations: m.legs.iter().map(|l| l.duration).collect(),
            distances: m.legs.iter().map(|l| l.distance).collect(),
        }
    }
}

impl Matrix {
    pub fn new(size: usize, durations: Vec<Duration>, distances: Vec<Distance>) -> Matrix {
        assert_eq!(
            durations.len(),
            size * size,
            "durations must be size × size"
        );
        assert_eq!(
            distances.len(),
            size * size,
            "distances must be size × size"
        );
        let legs = durations
            .into_iter()
            .zip(distances)
            .map(|(duration, distance)| Leg { duration, distance })
            .collect();
        Matrix { size, legs }
    }

    /// Time and distance from `from` to `to`.
    #[inline(always)]
    pub fn leg(&self, from: LocationId, to: LocationId) -> Leg {
        self.legs[from * self.size + to]
    }

    #[inline]
    pub fn duration(&self, from: LocationId, to: LocationId) -> Duration {
        self.leg(from, to).duration
    }

    #[inline]
    pub fn distance(&self, from: LocationId, to: LocationId) -> Distance {
        self.leg(from, to).distance
    }

    /// Locations (rows, and columns).
    pub fn size(&self) -> usize {
        self.size
    }

    /// Every pair, row by row.
    pub fn legs(&self) -> &[Leg] {
        &self.legs
    }
}

/// Service may start at any time in `[open, close]` (inclusive); arriving early means waiting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindow {
    pub open: Duration,
    pub close: Duration,
}

impl TimeWindow {
    pub const ALWAYS: TimeWindow = TimeWindow {
        open: Duration(0),
        close: Duration::MAX,
    };
    pub fn new(open: Duration, close: Duration) -> TimeWindow {
        TimeWindow { open, close }
    }
}

/// One place where the crew spends time within a job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    pub location: LocationId,
    pub service: Duration,
    /// Windows for the start of service here; several windows mean "any one of them".
    /// Empty means no restriction.
    pub windows: Vec<TimeWindow>,
}

/// Whether a job must be served.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Requirement {
    /// Must be in the solution; a solution without it is infeasible (and says why).
    Required,
    /// May be left out at this cost (higher for higher priority).
    Optional { penalty: Cost },
}

/// A job fixed to a vehicle, and optionally to a place in its route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    pub vehicle: VehicleId,
    pub position: Option<PinPosition>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PinPosition {
    First,
    Last,
}

/// A unit of work served by one vehicle, its stops done back to back and in order.
///
/// Almost every job has one stop. An escort has several — fetch the person at home, the
/// appointment (with its window), the way back — so pickup and delivery are always on the
/// same route, in the right order, with no other job in between (the crew stays with the
/// person). Its seats are its `size`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// For messages and debugging only (a pseudonym, never a name).
    pub label: String,
    pub stops: Vec<Stop>,
    pub size: Load,
    pub requirement: Requirement,
    /// Vehicles that may serve the job (skills, availability, days); `None` means all.
    pub allowed_vehicles: Option<Vec<VehicleId>>,
    /// Extra cost when served by a vehicle outside `preferred.0` (continuity of workers).
    pub preferred: Option<(Vec<VehicleId>, Cost)>,
    pub pin: Option<Pin>,
}

impl Job {
    /// A job with one stop, required, any vehicle.
    pub fn single(
        label: impl Into<String>,
        location: LocationId,
        service: Duration,
        windows: Vec<TimeWindow>,
        size: Load,
    ) -> Job {
        Job {
            label: label.into(),
            stops: vec![Stop {
                location,
                service,
                windows,
            }],
            size,
            requirement: Requirement::Required,
            allowed_vehicles: None,
            preferred: None,
            pin: None,
        }
    }
}

/// A pause with no place of its own (taken wherever the crew is), required on every route that
/// serves at least one job, e.g. lunch: 45 min starting within 11:45–14:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    pub window: TimeWindow,
    pub duration: Duration,
}

/// One potential route: a vehicle (and its crew) on one shift.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vehicle {
    pub label: String,
    pub start: LocationId,
    pub end: LocationId,
    /// Leave `start` no earlier than `shift.open`; be back at `end` no later than `shift.close`.
    pub shift: TimeWindow,
    /// Longest route from leaving `start` to reaching `end` (waiting included).
    pub max_duration: Option<Duration>,
    pub capacity: Load,
    /// Cost paid once if the route serves any job.
    pub fixed_cost: Cost,
    pub lunch: Option<Break>,
    /// Period index (the day of the horizon) used by [`Relation`]s.
    pub day: i32,
}

/// A limit shared by several routes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum GroupRule {
    /// At most this many of the vehicles may be used (one camping-car per day; a worker in
    /// at most one crew per day).
    MaxUsed(usize),
    /// The work of the used routes adds up to at most `limit` (a worker's weekly hours). A
    /// route's work is its duration (waiting included) less its break: lunch is not work.
    /// `balance_weight` > 0 adds `balance_weight × used² / limit` to the cost, which spreads
    /// work in proportion to the limits (hours balanced against FTE shares).
    DurationBudget {
        limit: Duration,
        balance_weight: i64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VehicleGroup {
    pub label: String,
    pub vehicles: Vec<VehicleId>,
    pub rule: GroupRule,
}

/// A rule between the days of two jobs, checked when both are served:
/// `min_gap <= day(second) - day(first) <= max_gap` (e.g. twice a week on non-consecutive days:
/// gap 2..=4; the next visit within 14 days: gap 1..=14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub first: JobId,
    pub second: JobId,
    pub min_gap: i32,
    pub max_gap: i32,
}

/// Weights of the objective.
///
/// Cost = Σ over used routes (fixed cost + travel_weight × travel time + duration_weight ×
/// route duration + distance_weight × distance), plus the penalties of optional jobs left out,
/// preference costs and balance costs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub distance_weight: i64,
    pub travel_weight: i64,
    pub duration_weight: i64,
}

impl Default for Objective {
    fn default() -> Objective {
        Objective {
            distance_weight: 1,
            travel_weight: 0,
            duration_weight: 0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub matrix: Matrix,
    pub jobs: Vec<Job>,
    pub vehicles: Vec<Vehicle>,
    pub groups: Vec<VehicleGroup>,
    pub relations: Vec<Relation>,
    pub objective: Objective,
}

/// One element of a route: a job, or the vehicle's lunch break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RouteItem {
    Job(JobId),
    Lunch,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub vehicle: VehicleId,
    /// In visiting order; empty when the vehicle is not used. A used route with a lunch break
    /// contains `RouteItem::Lunch` exactly once.
    pub items: Vec<RouteItem>,
}

/// Why a job is not in the solution. Several may apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnassignedReason {
    /// No vehicle is allowed to serve it.
    NoAllowedVehicle,
    /// Even alone on an empty route, no allowed vehicle can reach it within its windows and be
    /// back in time.
    WindowsUnreachable,
    /// Too big for every allowed vehicle.
    Capacity,
    /// Fits alone, but the routes that could take it have no time left (shift or max duration).
    RoutesFull,
    /// Every allowed vehicle is in a group at its limit (`GroupRule`); names the group.
    GroupLimit(String),
    /// Cannot be placed without breaking a day-gap rule with this job.
    Relation(JobId),
    /// Pinned to a vehicle or position where it cannot fit.
    Pinned,
    /// Optional, and cheaper to leave out than to serve.
    NotWorthIt,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unassigned {
    pub job: JobId,
    pub reasons: Vec<UnassignedReason>,
}

/// A solution: one route per vehicle (possibly empty) and the jobs left out with their reasons.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    pub routes: Vec<Route>,
    pub unassigned: Vec<Unassigned>,
}

#[cfg(test)]
mod tests {
    use super::{Leg, Matrix};
    use crate::units::{Distance, Duration};

    fn two_by_two() -> Matrix {
        let durations = [0, 7, 9, 0].map(Duration).to_vec();
        let distances = [0, 70, 90, 0].map(Distance).to_vec();
        Matrix::new(2, durations, distances)
    }

    #[test]
    fn a_leg_pairs_the_time_and_distance_of_one_direction() {
        let m = two_by_two();
        let leg = Leg {
            duration: Duration(7),
            distance: Distance(70),
        };
        assert_eq!(m.leg(0, 1), leg);
        assert_eq!(
            (m.duration(1, 0), m.distance(1, 0)),
            (Duration(9), Distance(90))
        );
    }

    #[test]
    fn files_keep_two_tables_and_reject_wrong_lengths() {
        let json = serde_json::to_string(&two_by_two()).unwrap();
        assert_eq!(
            json,
            r#"{"size":2,"durations":[0,7,9,0],"distances":[0,70,90,0]}"#
        );
        let back: Matrix = serde_json::from_str(&json).unwrap();
        assert_eq!(back, two_by_two());
        let short = r#"{"size":2,"durations":[0,7,9],"distances":[0,70,90,0]}"#;
        let err = serde_json::from_str::<Matrix>(short)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("needs 4 durations and 4 distances, found 3 and 4"),
            "{err}"
        );
    }
}
