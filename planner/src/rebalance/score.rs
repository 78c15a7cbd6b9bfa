//! How much a new plan changes the old one for the people in it, and how good it is: the
//! rebalance's objective, compared lexicographically.

use super::current::{Key, Placement};
use std::collections::BTreeMap;

/// What happened to a visit announced in the old plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Movement {
    /// Same day, same pair, same time (within a minute).
    Same,
    /// Same day and pair, time moved by this many seconds, within the tolerance.
    Shifted(i64),
    /// Same day and time (within the tolerance), another pair.
    Crew,
    /// Same day, time moved by more than the tolerance (seconds; the pair may differ too).
    Time(i64),
    /// Another day.
    Day,
    /// No longer in the plan.
    Gone,
}

impl Movement {
    /// The visit changed: the person must be called.
    pub fn changed(self) -> bool {
        !matches!(self, Movement::Same | Movement::Shifted(_))
    }

    /// How much it disturbs the person (for ties between equally many changes).
    pub fn severity(self) -> usize {
        match self {
            Movement::Same | Movement::Shifted(_) => 0,
            Movement::Crew => 1,
            Movement::Time(_) => 2,
            Movement::Day => 3,
            Movement::Gone => 4,
        }
    }
}

/// Compares a visit's old and new places; `tolerance` in seconds.
pub fn movement(old: &Placement, new: Option<&Placement>, tolerance: i64) -> Movement {
    let Some(new) = new else {
        return Movement::Gone;
    };
    if new.day != old.day {
        return Movement::Day;
    }
    let delta = new.start - old.start;
    if delta.abs() > tolerance {
        return Movement::Time(delta);
    }
    if new.crew != old.crew {
        return Movement::Crew;
    }
    if delta.abs() < 60 {
        Movement::Same
    } else {
        Movement::Shifted(delta)
    }
}

/// The rebalance's objective, best first when sorted: the requests to place that stay out
/// (their penalties, by priority), then the visits changed, then the visits postponed to make
/// room (their penalties: lower priorities first), then the cancelled visits not placed again,
/// then how much the changed visits change, then the drive time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score {
    pub penalty: i64,
    pub changed: usize,
    pub postponed: i64,
    pub cancelled_out: i64,
    pub severity: usize,
    pub drive_s: i64,
}

/// Changes between the visits announced (`old`, personal requests only) and a new plan's.
pub fn changes(
    old: &BTreeMap<Key, Placement>,
    new: &BTreeMap<Key, Placement>,
    tolerance: i64,
) -> (usize, usize) {
    let mut changed = 0;
    let mut severity = 0;
    for (key, o) in old.iter().filter(|(k, _)| k.is_personal()) {
        let m = movement(o, new.get(key), tolerance);
        changed += usize::from(m.changed());
        severity += m.severity();
    }
    (changed, severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: usize, crew: [&str; 2], start: i64) -> Placement {
        Placement {
            day,
            crew: [crew[0].into(), crew[1].into()],
            start,
            commune: None,
            locked: false,
        }
    }

    #[test]
    fn classifies_moves() {
        let o = at(1, ["a", "b"], 50_000);
        let tol = 1800;
        assert_eq!(movement(&o, Some(&o), tol), Movement::Same);
        let shifted = at(1, ["a", "b"], 50_000 + 600);
        assert_eq!(movement(&o, Some(&shifted), tol), Movement::Shifted(600));
        let crew = at(1, ["a", "c"], 50_000 - 1200);
        assert_eq!(movement(&o, Some(&crew), tol), Movement::Crew);
        let late = at(1, ["a", "b"], 50_000 + 1801);
        assert_eq!(movement(&o, Some(&late), tol), Movement::Time(1801));
        assert_eq!(
            movement(&o, Some(&at(2, ["a", "b"], 50_000)), tol),
            Movement::Day
        );
        assert_eq!(movement(&o, None, tol), Movement::Gone);
        assert!(!Movement::Shifted(600).changed() && Movement::Crew.changed());
    }
}
