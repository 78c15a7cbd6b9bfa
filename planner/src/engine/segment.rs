//! Route segments concatenated in O(1), so a move's feasibility and cost come from cached
//! prefix and suffix data instead of re-simulating the route (Vidal et al. 2013; PyVRP's
//! duration segments). The formulation below is our own.
//!
//! A [`Timing`] summarises a sequence of activities: started ("ready") at time `s`, service of
//! the sequence starts at `clamp(s, earliest, latest)`, finishes `duration` later, and the
//! schedule has `time_warp + max(0, s - latest)` of time warp (lateness, in the PyVRP sense: a
//! late arrival "travels back" to the close of the window and the excess is counted).
//!
//! A [`Segment`] adds locations, distance, travel time and load. Breaks (lunch) have no
//! location: the travel between the located neighbours of a break is counted once, and the
//! break may be taken anywhere along that drive — before, after, or half way — so its latest
//! start is relaxed by the drive time. To keep concatenation associative, a segment keeps the
//! breaks before its first located item (`head`) and after its last (`tail`) apart from the
//! `core`; they join the core when the drive around them becomes known.

use super::problem::{Matrix, TimeWindow};
use crate::units::{Distance, Duration, Load};

/// No location (a segment holding only breaks, or nothing).
pub const NO_LOCATION: u32 = u32::MAX;
const INF: Duration = Duration::MAX;
const NEG_INF: Duration = Duration(-Duration::MAX.0);

/// Schedule summary of a sequence of activities; see the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    pub duration: Duration,
    pub time_warp: Duration,
    pub earliest: Duration,
    pub latest: Duration,
}

impl Timing {
    /// The empty sequence: neutral for [`Timing::then`].
    pub const EMPTY: Timing = Timing {
        duration: Duration(0),
        time_warp: Duration(0),
        earliest: NEG_INF,
        latest: INF,
    };

    /// One activity of length `service` that must start within `window`.
    pub fn activity(service: Duration, window: TimeWindow) -> Timing {
        Timing {
            duration: service,
            time_warp: Duration(0),
            earliest: window.open,
            latest: window.close.max(window.open),
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.earliest == NEG_INF && self.duration == Duration(0)
    }

    /// `self`, then `travel`, then `next`.
    #[inline(always)]
    pub fn then(&self, next: &Timing, travel: Duration) -> Timing {
        let delta = self.duration + travel;
        let wait = (next.earliest - delta - self.latest).max(Duration(0));
        let warp = (self.earliest + delta - next.latest).max(Duration(0));
        Timing {
            duration: delta + next.duration + wait - warp,
            time_warp: self.time_warp + next.time_warp + warp,
            earliest: self.earliest.max((next.earliest - delta).min(self.latest)),
            latest: self.earliest.max((next.latest - delta).min(self.latest)),
        }
    }

    /// Breaks taken during a drive of `drive`: they may start before the drive, so their
    /// latest start moves later by the drive time.
    #[inline]
    fn relaxed_by(&self, drive: Duration) -> Timing {
        Timing {
            latest: self.latest + drive,
            ..*self
        }
    }

    /// Finish time when the sequence is ready at `ready`.
    pub fn finish(&self, ready: Duration) -> Duration {
        ready.max(self.earliest).min(self.latest) + self.duration
    }

    /// Total time warp when ready at `ready`.
    pub fn warp_at(&self, ready: Duration) -> Duration {
        self.time_warp + (ready - self.latest).max(Duration(0))
    }
}

/// A piece of route: timing, locations at both ends, distance, travel time and load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub first: u32,
    pub last: u32,
    /// Breaks before `first` (or all breaks when the segment has no location).
    pub head: Timing,
    pub core: Timing,
    /// Breaks after `last`.
    pub tail: Timing,
    pub distance: Distance,
    pub travel: Duration,
    pub load: Load,
}

// Copies of larger values compile to calls to `memcpy`; see [`Segment::is_irregular`].
const _: () = assert!(std::mem::size_of::<Segment>() <= 128);

impl Segment {
    pub const EMPTY: Segment = Segment {
        first: NO_LOCATION,
        last: NO_LOCATION,
        head: Timing::EMPTY,
        core: Timing::EMPTY,
        tail: Timing::EMPTY,
        distance: Distance(0),
        travel: Duration(0),
        load: Load(0),
    };

    /// A located activity (one stop of a job, or a vehicle's start or end).
    pub fn stop(location: usize, service: Duration, window: TimeWindow, load: Load) -> Segment {
        Segment {
            first: location as u32,
            last: location as u32,
            core: Timing::activity(service, window),
            load,
            ..Segment::EMPTY
        }
    }

    /// A break: no location.
    pub fn pause(duration: Duration, window: TimeWindow) -> Segment {
        Segment {
            head: Timing::activity(duration, window),
            ..Segment::EMPTY
        }
    }

    #[inline]
    pub fn is_located(&self) -> bool {
        self.first != NO_LOCATION
    }

    /// Has breaks in `head` or `tail`, or no location: concatenation takes the slow path.
    /// Computed rather than stored: a flag would take the segment past 128 bytes, the size
    /// up to which a copy is a few vector moves instead of a call to `memcpy` (a fifth of
    /// the search's time on long routes).
    #[inline(always)]
    pub fn is_irregular(&self) -> bool {
        !self.is_located() || !self.head.is_empty() || !self.tail.is_empty()
    }

    /// `self` followed by `next`, with the travel between them taken from `matrix`.
    #[inline(always)]
    pub fn then(&self, next: &Segment, matrix: &Matrix) -> Segment {
        if self.is_irregular() | next.is_irregular() {
            return self.then_irregular(next, matrix);
        }
        let leg = matrix.leg(self.last as usize, next.first as usize);
        Segment {
            first: self.first,
            last: next.last,
            head: Timing::EMPTY,
            core: self.core.then(&next.core, leg.duration),
            tail: Timing::EMPTY,
            distance: self.distance + next.distance + leg.distance,
            travel: self.travel + next.travel + leg.duration,
            load: self.load + next.load,
        }
    }

    /// [`Segment::then`] when a side has breaks or no location.
    #[cold]
    #[inline(never)]
    fn then_irregular(&self, next: &Segment, matrix: &Matrix) -> Segment {
        if !next.is_located() {
            let mut out = *self;
            if self.is_located() {
                out.tail = self.tail.then(&next.head, Duration(0));
            } else {
                out.head = self.head.then(&next.head, Duration(0));
            }
            out.load += next.load;
            return out;
        }
        if !self.is_located() {
            let mut out = *next;
            out.head = self.head.then(&next.head, Duration(0));
            out.load += self.load;
            return out;
        }
        let (from, to) = (self.last as usize, next.first as usize);
        let drive = matrix.duration(from, to);
        let core = if self.tail.is_empty() && next.head.is_empty() {
            self.core.then(&next.core, drive)
        } else {
            let breaks = self.tail.then(&next.head, Duration(0)).relaxed_by(drive);
            self.core.then(&breaks, drive).then(&next.core, Duration(0))
        };
        Segment {
            first: self.first,
            last: next.last,
            head: self.head,
            core,
            tail: next.tail,
            distance: self.distance + next.distance + matrix.distance(from, to),
            travel: self.travel + next.travel + drive,
            load: self.load + next.load,
        }
    }

    /// The whole schedule of a segment that starts and ends at a location (a full route).
    pub fn timing(&self) -> Timing {
        self.head
            .then(&self.core, Duration(0))
            .then(&self.tail, Duration(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix() -> Matrix {
        // 3 locations on a line, 10 apart; asymmetric on purpose: 0 -> 2 takes 25.
        let d = vec![0, 10, 25, 10, 0, 10, 20, 10, 0];
        Matrix::new(
            3,
            d.iter().map(|&x| Duration(x)).collect(),
            d.iter().map(|&x| Distance(x)).collect(),
        )
    }

    fn w(open: i64, close: i64) -> TimeWindow {
        TimeWindow::new(Duration(open), Duration(close))
    }

    /// Simple simulation of a sequence of activities (location, service, window), breaks
    /// (location None) taken as early as possible but flexibly around the drive.
    fn simulate(items: &[(Option<usize>, i64, TimeWindow)], ready: i64, m: &Matrix) -> (i64, i64) {
        let mut t = ready;
        let mut warp = 0;
        let mut here: Option<usize> = None;
        let mut pending: Vec<(i64, TimeWindow)> = vec![];
        let run = |t: &mut i64, warp: &mut i64, service: i64, win: TimeWindow| {
            if *t < win.open.0 {
                *t = win.open.0;
            }
            if *t > win.close.0 {
                *warp += *t - win.close.0;
                *t = win.close.0;
            }
            *t += service;
        };
        for &(loc, service, win) in items {
            match loc {
                None => pending.push((service, win)),
                Some(l) => {
                    let drive = here.map_or(0, |h| m.duration(h, l).0);
                    // Breaks while driving: start each as soon as possible, the drive
                    // filling the waiting before it.
                    let mut driven = 0;
                    for (s, bw) in pending.drain(..) {
                        let can = (bw.open.0 - t).max(0).min(drive - driven);
                        driven += can;
                        t += can;
                        run(&mut t, &mut warp, s, bw);
                    }
                    t += drive - driven;
                    run(&mut t, &mut warp, service, win);
                    here = Some(l);
                }
            }
        }
        for (s, bw) in pending {
            run(&mut t, &mut warp, s, bw);
        }
        (t, warp)
    }

    fn seg(item: &(Option<usize>, i64, TimeWindow)) -> Segment {
        match item.0 {
            Some(l) => Segment::stop(l, Duration(item.1), item.2, Load(1)),
            None => Segment::pause(Duration(item.1), item.2),
        }
    }

    #[test]
    fn concatenation_matches_simulation_in_every_bracketing() {
        let m = matrix();
        let items = [
            (Some(0), 0, w(0, 1000)),
            (Some(1), 5, w(30, 40)),
            (None, 20, w(50, 60)),
            (Some(2), 5, w(60, 90)),
            (Some(0), 3, w(0, 200)),
            (None, 10, w(120, 130)),
            (Some(1), 0, w(0, 300)),
        ];
        let whole = items
            .iter()
            .map(seg)
            .fold(Segment::EMPTY, |a, b| a.then(&b, &m));
        for split in 1..items.len() {
            let left = items[..split]
                .iter()
                .map(seg)
                .fold(Segment::EMPTY, |a, b| a.then(&b, &m));
            let right = items[split..]
                .iter()
                .map(seg)
                .fold(Segment::EMPTY, |a, b| a.then(&b, &m));
            assert_eq!(left.then(&right, &m), whole, "split at {split}");
        }
        for ready in [0, 10, 25, 31, 45] {
            let (finish, warp) = simulate(&items, ready, &m);
            let t = whole.timing();
            assert_eq!(t.finish(Duration(ready)).0, finish, "finish from {ready}");
            assert_eq!(t.warp_at(Duration(ready)).0, warp, "warp from {ready}");
        }
        assert_eq!(whole.distance, Distance(10 + 10 + 20 + 10));
        assert_eq!(whole.load, Load(5));
    }

    #[test]
    fn break_may_be_taken_before_the_drive() {
        let m = matrix();
        // Finish at 0 at 55; drive 25 to 2; lunch must start by 60: feasible only by lunching
        // before (or during) the drive.
        let items = [
            (Some(0), 55, w(0, 0)),
            (None, 10, w(0, 60)),
            (Some(2), 0, w(0, 500)),
        ];
        let s = items
            .iter()
            .map(seg)
            .fold(Segment::EMPTY, |a, b| a.then(&b, &m));
        assert_eq!(s.timing().time_warp, Duration(0));
        assert_eq!(s.timing().duration, Duration(55 + 10 + 25));
    }

    #[test]
    fn waiting_for_lunch_overlaps_the_drive() {
        let m = matrix();
        let items = [
            (Some(0), 0, w(0, 0)),
            (None, 10, w(20, 60)),
            (Some(2), 0, w(0, 500)),
        ];
        let s = items
            .iter()
            .map(seg)
            .fold(Segment::EMPTY, |a, b| a.then(&b, &m));
        // Drive 25 (lunch opening at 20 happens during it), lunch 25..35.
        assert_eq!(s.timing().duration, Duration(35));
        assert_eq!(simulate(&items, 0, &m), (35, 0));
    }
}
