//! The checker's own simulation of a route's schedule: feasibility from the earliest
//! departure, then a sweep over departures for the shortest schedule.

use super::{Report, ViolationKind};
use crate::engine::{Problem, RouteItem, TimeWindow};
use crate::units::{Distance, Duration};

/// A located stop of the route with its place in the item list.
struct Place {
    item: usize,
    location: usize,
    service: Duration,
    windows: Vec<TimeWindow>,
}

pub(super) struct Run {
    pub departure: Duration,
    pub arrival: Duration,
    /// First time the crew waits, and the least slack (window close minus start) before it.
    first_wait: Option<Duration>,
    slack: Duration,
    /// (item, how late) for every late service, lunch or return (item = items.len()).
    late: Vec<(usize, bool, Duration)>,
    pub distance: Distance,
    pub travel: Duration,
    pub duration: Duration,
}

/// Simulates the route from its best departure and reports lateness and overlong routes.
pub(super) fn schedule(
    problem: &Problem,
    v: usize,
    items: &[RouteItem],
    report: &mut Report,
) -> Run {
    let shift = problem.vehicles[v].shift;
    let first = simulate(problem, v, items, shift.open);
    let run = if first.late.is_empty() {
        shortest(problem, v, items, first)
    } else {
        first
    };
    for &(k, lunch, by) in &run.late {
        let kind = match (k == items.len(), lunch) {
            (true, _) => ViolationKind::LateReturn,
            (false, true) => ViolationKind::LateLunch,
            (false, false) => ViolationKind::LateService,
        };
        report.add(
            kind,
            Some(v),
            (k < items.len()).then_some(k),
            format!("late by {}", by.0),
        );
    }
    if let Some(max) = problem.vehicles[v].max_duration
        && run.duration > max
    {
        let detail = format!("duration {} > {}", run.duration.0, max.0);
        report.add(ViolationKind::MaxDuration, Some(v), None, detail);
    }
    run
}

/// Sweeps departures from the start of the shift: leaving later by the first wait removes
/// it without changing anything after it; leaving later than the slack of an earlier stop
/// makes it switch windows. Keeps the shortest run (earliest return on ties).
fn shortest(problem: &Problem, v: usize, items: &[RouteItem], first: Run) -> Run {
    let close = problem.vehicles[v].shift.close;
    let mut best = first;
    let mut run_at = best.departure;
    loop {
        let run = simulate(problem, v, items, run_at);
        if !run.late.is_empty() {
            return best;
        }
        let (wait, slack) = (run.first_wait, run.slack);
        if (run.duration, run.arrival) < (best.duration, best.arrival) {
            best = run;
        }
        let Some(wait) = wait else { return best };
        let next = if wait <= slack {
            run_at + wait
        } else {
            let edge = simulate(problem, v, items, run_at + slack);
            if edge.late.is_empty() && (edge.duration, edge.arrival) < (best.duration, best.arrival)
            {
                best = edge;
            }
            run_at + slack + Duration(1)
        };
        if next > close {
            return best;
        }
        run_at = next;
    }
}

/// The places a route visits in order, its end included, and the breaks taken on the way
/// to each (by item index).
fn places_of(problem: &Problem, v: usize, items: &[RouteItem]) -> (Vec<Place>, Vec<Vec<usize>>) {
    let vehicle = &problem.vehicles[v];
    let mut places: Vec<Place> = Vec::new();
    let mut breaks_before: Vec<Vec<usize>> = vec![Vec::new()];
    for (k, item) in items.iter().enumerate() {
        match *item {
            RouteItem::Lunch => breaks_before.last_mut().into_iter().for_each(|b| b.push(k)),
            RouteItem::Job(j) if j < problem.jobs.len() => {
                for stop in &problem.jobs[j].stops {
                    places.push(Place {
                        item: k,
                        location: stop.location,
                        service: stop.service,
                        windows: stop.windows.clone(),
                    });
                    breaks_before.push(Vec::new());
                }
            }
            RouteItem::Job(_) => {}
        }
    }
    places.push(Place {
        item: items.len(),
        location: vehicle.end,
        service: Duration(0),
        windows: vec![TimeWindow::new(Duration(0), vehicle.shift.close)],
    });
    (places, breaks_before)
}

fn simulate(problem: &Problem, v: usize, items: &[RouteItem], departure: Duration) -> Run {
    let vehicle = &problem.vehicles[v];
    let (places, breaks_before) = places_of(problem, v, items);
    let mut run = Run {
        departure,
        first_wait: None,
        slack: Duration::MAX,
        arrival: departure,
        late: Vec::new(),
        distance: Distance(0),
        travel: Duration(0),
        duration: Duration(0),
    };
    let (mut now, mut at) = (departure, vehicle.start);
    for (p, place) in places.iter().enumerate() {
        let mut drive = problem.matrix.duration(at, place.location);
        run.travel += drive;
        run.distance += problem.matrix.distance(at, place.location);
        for &k in &breaks_before[p] {
            let Some(lunch) = vehicle.lunch else { continue };
            let early_drive = drive.min((lunch.window.open - now).max(Duration(0)));
            now += early_drive;
            drive -= early_drive;
            let start = now.max(lunch.window.open);
            run.note(start - now, lunch.window.close - start);
            if start > lunch.window.close {
                run.late.push((k, true, start - lunch.window.close));
            }
            now = start + lunch.duration;
        }
        now += drive;
        at = place.location;
        run.arrival = now;
        let open: Option<&TimeWindow> = place
            .windows
            .iter()
            .filter(|w| w.open <= w.close && w.close >= now)
            .min_by_key(|w| w.open);
        match (open, place.windows.is_empty()) {
            (_, true) => {}
            (Some(w), false) => {
                let start = now.max(w.open);
                run.note(start - now, w.close - start);
                now = start;
            }
            (None, false) => {
                let close = place.windows.iter().map(|w| w.close).max().unwrap_or(now);
                run.late.push((place.item, false, now - close));
            }
        }
        now += place.service;
    }
    run.duration = run.arrival - departure;
    run
}

impl Run {
    /// Records an activity's wait before it and its slack after its start.
    fn note(&mut self, wait: Duration, slack: Duration) {
        if self.first_wait.is_some() {
            return;
        }
        if wait > Duration(0) {
            self.first_wait = Some(wait);
        } else {
            self.slack = self.slack.min(slack);
        }
    }
}
