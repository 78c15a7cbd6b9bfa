//! Times along one route: when the crew leaves, arrives, starts and ends each stop, lunches and
//! is back. Used to time the plan and to re-time a day after a manual move (rebalancing, UI).
//!
//! The schedule is the optimiser's ([`engine::timeline`]), given per stop with the drive from
//! the previous place, and whether each start is inside its windows on the route's own day.

use crate::engine::{self, LocationId, Problem, Route, RouteItem, TimeWindow};
use crate::units::{Distance, Duration};

/// One stop (or the lunch break) on a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StopTime {
    /// Where the crew is (for lunch: where it already was).
    pub location: LocationId,
    /// Drive from the previous place.
    pub travel: Duration,
    pub distance: Distance,
    pub arrival: Duration,
    pub start: Duration,
    pub end: Duration,
    /// The start is inside one of the windows (or there are none).
    pub on_time: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteTimes {
    pub departure: Duration,
    /// Per route item, one entry per stop of the job (one for lunch).
    pub items: Vec<Vec<StopTime>>,
    pub return_travel: Duration,
    pub return_distance: Distance,
    pub back: Duration,
}

impl RouteTimes {
    pub fn duration(&self) -> Duration {
        self.back - self.departure
    }
    pub fn travel(&self) -> Duration {
        self.items
            .iter()
            .flatten()
            .map(|s| s.travel)
            .sum::<Duration>()
            + self.return_travel
    }
    pub fn distance(&self) -> Distance {
        self.items
            .iter()
            .flatten()
            .map(|s| s.distance)
            .sum::<Distance>()
            + self.return_distance
    }
}

/// Times a route of `problem` with the optimiser's own schedule ([`engine::timeline`]), so
/// plans show exactly what was optimised: service as soon as a window is open, lunch taken
/// where the crew is when its window opens (possibly on the road), the departure that makes
/// the route shortest.
pub fn time_route(problem: &Problem, route: &Route) -> RouteTimes {
    let t = engine::timeline(problem, route);
    let vehicle = &problem.vehicles[route.vehicle];
    let mut at = vehicle.start;
    // Lunches taken on the road since the last place: their part of the next drive.
    let mut on_road: Vec<usize> = Vec::new();
    let mut items: Vec<Vec<StopTime>> = Vec::with_capacity(t.items.len());
    for it in &t.items {
        match it.item {
            RouteItem::Lunch => {
                let window = vehicle.lunch.map_or(TimeWindow::ALWAYS, |l| l.window);
                let on_time = window.open <= it.start && it.start <= window.close;
                on_road.push(items.len());
                items.push(vec![StopTime {
                    location: at,
                    travel: it.travel,
                    distance: Distance::ZERO,
                    arrival: it.arrival,
                    start: it.start,
                    end: it.departure,
                    on_time,
                }]);
            }
            RouteItem::Job(j) => {
                let mut stops = Vec::with_capacity(it.stops.len());
                for (st, stop) in it.stops.iter().zip(&problem.jobs[j].stops) {
                    let windows = on_day(&stop.windows, vehicle.shift);
                    let on_time = windows.is_empty()
                        || windows
                            .iter()
                            .any(|w| w.open <= st.start && st.start <= w.close);
                    let (travel, distance) =
                        split_drive(&mut items, &mut on_road, st.travel, st.distance);
                    stops.push(StopTime {
                        location: stop.location,
                        travel,
                        distance,
                        arrival: st.arrival,
                        start: st.start,
                        end: st.departure,
                        on_time,
                    });
                    at = stop.location;
                }
                items.push(stops);
            }
        }
    }
    let (return_travel, return_distance) =
        split_drive(&mut items, &mut on_road, t.return_travel, t.return_distance);
    if t.lateness > Duration::ZERO
        && let Some(last) = items.iter_mut().flatten().last()
    {
        last.on_time = false;
    }
    RouteTimes {
        departure: t.start,
        items,
        return_travel,
        return_distance,
        back: t.end,
    }
}

/// A drive of `travel` and `distance` interrupted by the lunches in `on_road` (which already
/// hold the part driven before them): what is left after them, and each lunch's share of the
/// distance in proportion to its time.
fn split_drive(
    items: &mut [Vec<StopTime>],
    on_road: &mut Vec<usize>,
    travel: Duration,
    distance: Distance,
) -> (Duration, Distance) {
    let (mut travel_left, mut distance_left) = (travel, distance);
    for i in on_road.drain(..) {
        let lunch = &mut items[i][0];
        let share = if travel.0 > 0 {
            Distance(distance.0 * lunch.travel.0 / travel.0)
        } else {
            Distance::ZERO
        };
        lunch.distance = share;
        travel_left -= lunch.travel;
        distance_left -= share;
    }
    (travel_left, distance_left)
}

/// The windows that meet the vehicle's shift: a visit that may happen on several days is
/// timed on the route's own day only (late rather than moved to another day).
pub fn on_day(windows: &[TimeWindow], shift: TimeWindow) -> Vec<TimeWindow> {
    if windows.is_empty() {
        return Vec::new();
    }
    let mine: Vec<TimeWindow> = windows
        .iter()
        .copied()
        .filter(|w| w.open <= shift.close && w.close >= shift.open)
        .collect();
    if mine.is_empty() {
        // None on this day: an impossible window, so the stop is reported late.
        return vec![TimeWindow::new(Duration(-1), Duration(-2))];
    }
    mine
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Break, Job, Matrix, Vehicle};
    use crate::units::{Cost, Load};

    fn problem() -> Problem {
        // 0 = base, 1 and 2 = two homes; 10 min apart everywhere.
        let n = 3;
        let d = (0..n * n)
            .map(|k| Duration(if k / n == k % n { 0 } else { 600 }))
            .collect();
        let m = Matrix::new(n, d, vec![Distance(1000); n * n]);
        let h = |x: i64| Duration(x * 3600);
        Problem {
            matrix: m,
            jobs: vec![
                Job::single("a", 1, h(1), vec![TimeWindow::new(h(14), h(16))], Load(0)),
                Job::single("b", 2, h(1), vec![], Load(0)),
            ],
            vehicles: vec![Vehicle {
                label: "v".into(),
                start: 0,
                end: 0,
                shift: TimeWindow::new(h(8), h(19)),
                max_duration: None,
                capacity: Load(3),
                fixed_cost: Cost::ZERO,
                lunch: Some(Break {
                    window: TimeWindow::new(h(12), h(14)),
                    duration: Duration(2700),
                }),
                day: 0,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn shortest_schedule_inside_windows() {
        let p = problem();
        let r = Route {
            vehicle: 0,
            items: vec![RouteItem::Lunch, RouteItem::Job(0), RouteItem::Job(1)],
        };
        let t = time_route(&p, &r);
        // The crew leaves so as to arrive at 14:00 without waiting: departure 13:05, lunch
        // 13:05–13:50 (its window is open), arrival 14:00.
        assert_eq!(t.items[1][0].start, Duration(14 * 3600));
        assert_eq!(t.items[1][0].arrival, Duration(14 * 3600));
        assert!(t.items.iter().flatten().all(|s| s.on_time));
        assert_eq!(t.departure, Duration(13 * 3600 + 5 * 60));
        assert_eq!(t.back, Duration(16 * 3600 + 20 * 60));
        assert_eq!(t.travel(), Duration(1800));
    }

    #[test]
    fn a_missed_window_is_flagged() {
        let p = problem();
        let r = Route {
            vehicle: 0,
            items: vec![RouteItem::Job(1), RouteItem::Lunch, RouteItem::Job(0)],
        };
        let mut p2 = p.clone();
        p2.jobs[0].stops[0].windows = vec![TimeWindow::new(Duration(8 * 3600), Duration(9 * 3600))];
        let t = time_route(&p2, &r);
        assert!(!t.items[2][0].on_time);
    }

    #[test]
    fn lunch_on_the_road_splits_the_drive() {
        let mut p = problem();
        let m = |x: i64| Duration(x * 60);
        // b ends at 11:55; the lunch window opens at 12:00 on the 10-minute drive to a.
        p.jobs[1].stops[0].windows = vec![TimeWindow::new(m(11 * 60), m(11 * 60))];
        p.jobs[1].stops[0].service = m(55);
        p.jobs[0].stops[0].windows = vec![TimeWindow::new(m(12 * 60 + 50), m(16 * 60))];
        let r = Route {
            vehicle: 0,
            items: vec![RouteItem::Job(1), RouteItem::Lunch, RouteItem::Job(0)],
        };
        let t = time_route(&p, &r);
        let (lunch, a) = (t.items[1][0], t.items[2][0]);
        assert_eq!(
            (lunch.start, lunch.travel, lunch.distance),
            (m(12 * 60), m(5), Distance(500))
        );
        assert_eq!(
            (a.arrival, a.travel, a.distance),
            (m(12 * 60 + 50), m(5), Distance(500))
        );
        assert_eq!(t.travel(), m(30));
        assert_eq!(t.distance(), Distance(3000));
    }
}
