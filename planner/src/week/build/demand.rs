//! What must or should be done in the horizon: permanences, visit occurrences due, escorts —
//! and the requests declined before planning (outside the territory, outside the weeks).
//!
//! Visit occurrences follow the frequency from the last visit: occurrence k is due `k` periods
//! after it, may happen from `min_gap` days after the previous one on schedule until `max_gap`
//! days after it; occurrences are tied by day-gap [`Relation`]s (the next within the maximum
//! gap, every later one at least the minimum gap after) so the real gaps hold whatever days are
//! chosen and whichever visits are left out. A visit whose maximum gap ended before the horizon is late:
//! it may happen any day of the first week, and weighs double.

use super::{Instance, PlaceKind, VISIT_PENALTY};
use crate::engine::{Relation, Stop, TimeWindow};
use crate::units::{Cost, Duration};
use crate::week::calendar::{Horizon, absolute};
use crate::week::model::*;
use chrono::{Datelike, NaiveDate};

/// One job of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demand {
    Permanence {
        permanence: usize,
        day: usize,
    },
    Visit {
        person: usize,
        /// 0 for the first occurrence in the horizon, 1 for the next…
        occurrence: usize,
        /// Days of the horizon it may take place on (inclusive).
        first_day: usize,
        last_day: usize,
        /// Day it is due on schedule (days from the horizon's first day; may be negative).
        due: i64,
        late: bool,
    },
    Escort {
        escort: usize,
        day: usize,
    },
}

impl Demand {
    pub fn days(&self) -> (usize, usize) {
        match *self {
            Demand::Permanence { day, .. } | Demand::Escort { day, .. } => (day, day),
            Demand::Visit {
                first_day,
                last_day,
                ..
            } => (first_day, last_day),
        }
    }

    /// The person concerned (visits and escorts).
    pub fn person(&self, s: &Scenario) -> Option<usize> {
        match *self {
            Demand::Visit { person, .. } => Some(person),
            Demand::Escort { escort, .. } => Some(s.escorts[escort].person),
            Demand::Permanence { .. } => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclineReason {
    /// Lives outside the territory: referred by phone instead.
    OutsideTerritory,
    /// The escort's date is not in the planned weeks.
    NotInHorizon,
}

/// A request not planned, decided before optimising.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declined {
    Person {
        person: usize,
        reason: DeclineReason,
    },
    Escort {
        escort: usize,
        reason: DeclineReason,
    },
}

pub(super) fn demands(s: &Scenario, h: &Horizon) -> (Vec<Demand>, Vec<Declined>) {
    let mut out = Vec::new();
    let mut declined = Vec::new();
    for day in 0..h.days() {
        let wd = h.date(day).weekday();
        for (i, p) in s.permanences.iter().enumerate() {
            if p.day == wd {
                out.push(Demand::Permanence { permanence: i, day });
            }
        }
    }
    for (i, p) in s.people.iter().enumerate() {
        if !s.team.territory.contains(p.home.point) {
            declined.push(Declined::Person {
                person: i,
                reason: DeclineReason::OutsideTerritory,
            });
            continue;
        }
        out.extend(occurrences(i, p, h));
    }
    for (i, e) in s.escorts.iter().enumerate() {
        let day = match e.day {
            EscortDay::Date(d) => h.day_of(d),
            EscortDay::Weekday(w) => Some(w.num_days_from_monday() as usize),
        };
        let outside = !s.team.territory.contains(s.people[e.person].home.point);
        match day {
            _ if outside => declined.push(Declined::Escort {
                escort: i,
                reason: DeclineReason::OutsideTerritory,
            }),
            Some(day) => out.push(Demand::Escort { escort: i, day }),
            None => declined.push(Declined::Escort {
                escort: i,
                reason: DeclineReason::NotInHorizon,
            }),
        }
    }
    (out, declined)
}

/// The occurrences of a person's visits due in the horizon.
pub fn occurrences(person: usize, p: &Person, h: &Horizon) -> Vec<Demand> {
    let last_day = h.days() as i64 - 1;
    let (m, g) = (p.frequency.min_gap(), i64::from(p.max_gap_days));
    let half = p.frequency.period_half_days();
    let Some(last) = p.last_visit_date(h.first_day) else {
        // First visit: as soon as possible, in the first week.
        let end = 6.min(last_day) as usize;
        return vec![Demand::Visit {
            person,
            occurrence: 0,
            first_day: 0,
            last_day: end,
            due: 0,
            late: false,
        }];
    };
    let l = h.offset_of(last);
    let due = |k: i64| l + (k * half + 1) / 2;
    let mut k = 1;
    // Occurrences missed before the horizon collapse into one late visit.
    while due(k + 1) < 0 {
        k += 1;
    }
    let mut out = Vec::new();
    while due(k) <= last_day {
        let prev = due(k - 1);
        let late = prev + g < 0;
        let (first, end) = if late {
            (0, 6.min(last_day))
        } else {
            ((prev + m).max(0), (prev + g).min(last_day))
        };
        if first <= end {
            out.push(Demand::Visit {
                person,
                occurrence: out.len(),
                first_day: first as usize,
                last_day: end as usize,
                due: due(k),
                late,
            });
        }
        k += 1;
    }
    out
}

/// Gaps between consecutive occurrences of the same person.
pub(super) fn relations(demands: &[Demand], s: &Scenario) -> Vec<Relation> {
    let mut out = Vec::new();
    for (a, da) in demands.iter().enumerate() {
        let Demand::Visit {
            person, occurrence, ..
        } = *da
        else {
            continue;
        };
        let p = &s.people[person];
        let later = demands.iter().enumerate().filter_map(|(b, d)| match *d {
            Demand::Visit {
                person: q,
                occurrence: o,
                ..
            } if q == person && o > occurrence => Some((b, o)),
            _ => None,
        });
        for (b, o) in later {
            // The next visit within the maximum gap; any later one at least the minimum gap
            // after (so a visit left out between two others never lets them come too close).
            let max_gap = if o == occurrence + 1 {
                p.max_gap_days as i32
            } else {
                i32::MAX / 4
            };
            out.push(Relation {
                first: a,
                second: b,
                min_gap: p.frequency.min_gap() as i32,
                max_gap,
            });
        }
    }
    out
}

/// The person's windows on a date (whole visit inside each).
pub fn day_windows(p: &Person, date: NaiveDate) -> Vec<(Duration, Duration)> {
    p.windows[date.weekday().num_days_from_monday() as usize]
        .iter()
        .copied()
        .filter(|(a, b)| *b - *a >= p.visit)
        .collect()
}

/// Windows for the start of the visit, over the days it may happen (no day = no window).
pub(super) fn visit_windows(p: &Person, d: &Demand) -> Vec<TimeWindow> {
    // The horizon is not needed: windows depend on the weekday, and day 0 is a Monday.
    let (first, last) = d.days();
    let mut out = Vec::new();
    for day in first..=last {
        for (a, b) in &p.windows[day % 7] {
            if *b - *a >= p.visit {
                out.push(TimeWindow::new(
                    absolute(day, *a),
                    absolute(day, *b - p.visit),
                ));
            }
        }
    }
    if out.is_empty() {
        // No possible day: no vehicle is allowed either (see `Instance::allowed`), so the job
        // is reported as having no crew; the window only keeps the stop well formed.
        out.push(TimeWindow::new(Duration(0), Duration(0)));
    }
    out
}

/// What leaving the job out costs (see the objective in `build`).
pub(super) fn penalty(s: &Scenario, d: &Demand) -> Cost {
    match *d {
        Demand::Visit { person, late, .. } => {
            let base = VISIT_PENALTY.0 << (s.people[person].priority.clamp(1, 5) - 1);
            Cost(if late { base * 2 } else { base })
        }
        Demand::Escort { escort, .. } => {
            Cost((VISIT_PENALTY.0 << (s.escorts[escort].priority.clamp(1, 5) - 1)) * 2)
        }
        Demand::Permanence { .. } => Cost::ZERO,
    }
}

/// Fetch the person, the appointment, possibly the way back — done back to back.
pub(super) fn escort_stops(inst: &Instance<'_>, escort: usize, d: &Demand) -> Vec<Stop> {
    let e = &inst.scenario.escorts[escort];
    let (day, _) = d.days();
    let home = inst.location(PlaceKind::Person(e.person));
    let at = absolute(day, e.appointment);
    let mut stops = vec![
        Stop {
            location: home,
            service: ESCORT_HANDOVER,
            windows: vec![],
        },
        Stop {
            location: inst.location(PlaceKind::Destination(escort)),
            service: e.minutes_there,
            windows: vec![TimeWindow::new(at - ESCORT_EARLY, at)],
        },
    ];
    if e.return_home {
        stops.push(Stop {
            location: home,
            service: ESCORT_HANDOVER,
            windows: vec![],
        });
    }
    stops
}
