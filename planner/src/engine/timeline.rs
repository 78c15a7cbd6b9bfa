//! The schedule of a route, simulated item by item: what the crew does when.
//!
//! Semantics (the checker implements the same independently): service starts as soon as the
//! crew is there and a window is open, in the earliest window still open; a lunch break has
//! no place and may be taken anywhere on the drive between its located neighbours — the crew
//! drives until the break's window opens, then takes it, then drives on. The route leaves at
//! the time that makes it shortest (waiting included) without being late anywhere, the
//! earliest such time on ties (so it also comes back as early as it can); a route late
//! whatever the departure leaves at the start of the shift.
//!
//! With one window per stop this is the schedule the search's segments describe; with several,
//! the search fixes one window per stop and so may overestimate a route's duration, never
//! underestimate it.

use super::problem::{Problem, Route, RouteItem, TimeWindow};
use crate::units::{Distance, Duration};

/// Times at one stop of a job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopTime {
    pub arrival: Duration,
    pub start: Duration,
    pub departure: Duration,
    /// Drive and distance from the previous located place.
    pub travel: Duration,
    pub distance: Distance,
}

/// Times of one route item. For a lunch, `travel` is the part of the drive done before it
/// and `distance` is 0 (the drive's distance counts for the next located item).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemTime {
    pub item: RouteItem,
    pub arrival: Duration,
    pub start: Duration,
    pub departure: Duration,
    pub travel: Duration,
    pub distance: Distance,
    /// One entry per stop of a job; empty for a lunch.
    pub stops: Vec<StopTime>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Timeline {
    /// Departure from the vehicle's start.
    pub start: Duration,
    /// Arrival at the vehicle's end.
    pub end: Duration,
    pub items: Vec<ItemTime>,
    /// Drive and distance from the last item to the end.
    pub return_travel: Duration,
    pub return_distance: Distance,
    pub distance: Distance,
    pub travel: Duration,
    /// Time past the windows, the shift or the break windows (0 in a feasible route).
    pub lateness: Duration,
}

impl Timeline {
    pub fn duration(&self) -> Duration {
        self.end - self.start
    }
}

/// The schedule of `route`; an empty route has an empty timeline at the start of the shift.
pub fn timeline(problem: &Problem, route: &Route) -> Timeline {
    let shift = problem.vehicles[route.vehicle].shift;
    let early = simulate(problem, route, shift.open);
    if route.items.is_empty() {
        return Timeline {
            end: shift.open,
            ..early
        };
    }
    if early.lateness > Duration(0) {
        return early;
    }
    let mut best = early;
    for departure in departures(problem, route) {
        if departure <= shift.open || departure > shift.close {
            continue;
        }
        let t = simulate(problem, route, departure);
        if t.lateness == Duration(0) && (t.duration(), t.end) < (best.duration(), best.end) {
            best = t;
        }
    }
    best
}

/// Departures after which, if nothing waited before it, some stop or break would start
/// exactly at the opening or the close of one of its windows. The shortest schedule leaves at
/// one of them or at the start of the shift: leaving later either cuts a wait (until a start
/// is tight at an opening) or changes nothing, until a start reaches a close.
fn departures(problem: &Problem, route: &Route) -> Vec<Duration> {
    let vehicle = &problem.vehicles[route.vehicle];
    let m = &problem.matrix;
    let (mut offset, mut here) = (Duration(0), vehicle.start);
    let mut pending: Vec<TimeWindow> = Vec::new();
    let mut out = Vec::new();
    let lunch = vehicle.lunch.map_or(Duration(0), |b| b.duration);
    let stops = route.items.iter().flat_map(|item| match item {
        RouteItem::Job(j) => problem.jobs[*j].stops.iter().map(Some).collect::<Vec<_>>(),
        RouteItem::Lunch => vec![None],
    });
    for stop in stops {
        match stop {
            None => pending.extend(vehicle.lunch.map(|b| b.window)),
            Some(stop) => {
                let drive = m.duration(here, stop.location);
                for w in pending.drain(..) {
                    out.extend([w.close - offset, w.open - offset - drive]);
                    offset += lunch;
                }
                offset += drive;
                out.extend(
                    stop.windows
                        .iter()
                        .flat_map(|w| [w.open - offset, w.close - offset]),
                );
                offset += stop.service;
                here = stop.location;
            }
        }
    }
    let drive = m.duration(here, vehicle.end);
    for w in pending {
        out.extend([w.close - offset, w.open - offset - drive]);
        offset += lunch;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A break waiting for the next drive.
struct Pending {
    index: usize,
    window: TimeWindow,
    length: Duration,
}

struct Clock<'a> {
    problem: &'a Problem,
    now: Duration,
    here: usize,
    late: Duration,
    pending: Vec<Pending>,
}

impl Clock<'_> {
    /// Drives to `to`, taking the pending breaks on the way; returns the drive.
    fn drive(&mut self, to: usize, items: &mut [ItemTime]) -> Duration {
        let drive = self.problem.matrix.duration(self.here, to);
        let mut driven = Duration(0);
        for p in self.pending.drain(..) {
            let before = (p.window.open - self.now)
                .max(Duration(0))
                .min(drive - driven);
            driven += before;
            let arrival = self.now + before;
            let start = arrival.max(p.window.open);
            self.late += (start - p.window.close).max(Duration(0));
            self.now = start + p.length;
            let it = &mut items[p.index];
            (it.arrival, it.start, it.departure, it.travel) = (arrival, start, self.now, before);
        }
        self.now += drive - driven;
        self.here = to;
        drive
    }

    /// Serves at the current place in the earliest window still open.
    fn serve(&mut self, windows: &[TimeWindow], service: Duration) -> (Duration, Duration) {
        let arrival = self.now;
        let window = windows
            .iter()
            .filter(|w| w.close >= w.open && w.close >= arrival)
            .min_by_key(|w| w.open)
            .or(windows.iter().max_by_key(|w| w.close))
            .copied()
            .unwrap_or(TimeWindow::ALWAYS);
        let start = arrival.max(window.open);
        self.late += (start - window.close).max(Duration(0));
        self.now = start + service;
        (arrival, start)
    }
}

fn simulate(problem: &Problem, route: &Route, departure: Duration) -> Timeline {
    let vehicle = &problem.vehicles[route.vehicle];
    let m = &problem.matrix;
    let mut clock = Clock {
        problem,
        now: departure,
        here: vehicle.start,
        late: Duration(0),
        pending: Vec::new(),
    };
    let mut items: Vec<ItemTime> = Vec::with_capacity(route.items.len());
    let (mut distance, mut travel) = (Distance(0), Duration(0));
    for (index, &item) in route.items.iter().enumerate() {
        items.push(ItemTime {
            item,
            arrival: clock.now,
            start: clock.now,
            departure: clock.now,
            travel: Duration(0),
            distance: Distance(0),
            stops: Vec::new(),
        });
        let job = match item {
            RouteItem::Lunch => {
                if let Some(b) = vehicle.lunch {
                    clock.pending.push(Pending {
                        index,
                        window: b.window,
                        length: b.duration,
                    });
                }
                continue;
            }
            RouteItem::Job(j) => &problem.jobs[j],
        };
        for stop in &job.stops {
            let from = clock.here;
            let drive = clock.drive(stop.location, &mut items);
            let (arrival, start) = clock.serve(&stop.windows, stop.service);
            let d = m.distance(from, stop.location);
            (distance, travel) = (distance + d, travel + drive);
            let st = StopTime {
                arrival,
                start,
                departure: clock.now,
                travel: drive,
                distance: d,
            };
            items[index].stops.push(st);
        }
        let it = &mut items[index];
        if let (Some(first), Some(last)) = (it.stops.first(), it.stops.last()) {
            (it.arrival, it.start, it.departure) = (first.arrival, first.start, last.departure);
            it.travel = it.stops.iter().map(|s| s.travel).sum();
            it.distance = it.stops.iter().map(|s| s.distance).sum();
        }
    }
    let from = clock.here;
    let return_travel = clock.drive(vehicle.end, &mut items);
    let return_distance = m.distance(from, vehicle.end);
    clock.late += (clock.now - vehicle.shift.close).max(Duration(0));
    Timeline {
        start: departure,
        end: clock.now,
        items,
        return_travel,
        return_distance,
        distance: distance + return_distance,
        travel: travel + return_travel,
        lateness: clock.late,
    }
}
