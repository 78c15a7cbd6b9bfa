//! When to stop searching: small criteria that compose with [`StopRule::or`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Where the search stands, as the stopping criteria see it.
#[derive(Clone, Copy, Debug)]
pub struct SearchStatus {
    pub iteration: u64,
    pub elapsed: std::time::Duration,
    /// Iterations since the best solution last improved.
    pub since_improvement: u64,
}

/// Stop once this much wall-clock time has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeBudget(pub std::time::Duration);

/// Stop after this many iterations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxIterations(pub u64);

/// Stop after this many iterations without a better solution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoImprovement(pub u64);

/// Stop when another thread sets the flag (the terminal UI's cancel key).
#[derive(Clone, Debug)]
pub struct Cancel(pub Arc<AtomicBool>);

/// A stopping rule: one criterion or the first of several to fire.
#[derive(Clone, Debug)]
pub enum StopRule {
    Time(TimeBudget),
    Iterations(MaxIterations),
    NoImprovement(NoImprovement),
    Cancel(Cancel),
    AnyOf(Vec<StopRule>),
}

impl StopRule {
    pub fn time(budget: std::time::Duration) -> StopRule {
        StopRule::Time(TimeBudget(budget))
    }
    pub fn iterations(n: u64) -> StopRule {
        StopRule::Iterations(MaxIterations(n))
    }
    pub fn no_improvement(n: u64) -> StopRule {
        StopRule::NoImprovement(NoImprovement(n))
    }
    pub fn cancel(flag: Arc<AtomicBool>) -> StopRule {
        StopRule::Cancel(Cancel(flag))
    }

    /// Stops when either rule does.
    pub fn or(self, other: StopRule) -> StopRule {
        match self {
            StopRule::AnyOf(mut rules) => {
                rules.push(other);
                StopRule::AnyOf(rules)
            }
            rule => StopRule::AnyOf(vec![rule, other]),
        }
    }

    pub fn should_stop(&self, status: &SearchStatus) -> bool {
        match self {
            StopRule::Time(TimeBudget(budget)) => status.elapsed >= *budget,
            StopRule::Iterations(MaxIterations(n)) => status.iteration >= *n,
            StopRule::NoImprovement(NoImprovement(n)) => status.since_improvement >= *n,
            StopRule::Cancel(Cancel(flag)) => flag.load(Ordering::Relaxed),
            StopRule::AnyOf(rules) => rules.iter().any(|r| r.should_stop(status)),
        }
    }

    /// The iteration limit, if the rule has one (the search paces its cooling on it).
    pub fn iteration_limit(&self) -> Option<u64> {
        match self {
            StopRule::Iterations(MaxIterations(n)) => Some(*n),
            StopRule::AnyOf(rules) => rules.iter().filter_map(StopRule::iteration_limit).min(),
            _ => None,
        }
    }
}

impl From<TimeBudget> for StopRule {
    fn from(c: TimeBudget) -> StopRule {
        StopRule::Time(c)
    }
}
impl From<MaxIterations> for StopRule {
    fn from(c: MaxIterations) -> StopRule {
        StopRule::Iterations(c)
    }
}
impl From<NoImprovement> for StopRule {
    fn from(c: NoImprovement) -> StopRule {
        StopRule::NoImprovement(c)
    }
}
impl From<Cancel> for StopRule {
    fn from(c: Cancel) -> StopRule {
        StopRule::Cancel(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(iteration: u64, ms: u64, since: u64) -> SearchStatus {
        SearchStatus {
            iteration,
            elapsed: Duration::from_millis(ms),
            since_improvement: since,
        }
    }

    #[test]
    fn criteria_compose() {
        let flag = Arc::new(AtomicBool::new(false));
        let rule = StopRule::iterations(100)
            .or(StopRule::time(Duration::from_secs(1)))
            .or(StopRule::no_improvement(10))
            .or(StopRule::cancel(flag.clone()));
        assert!(!rule.should_stop(&at(5, 5, 5)));
        assert!(rule.should_stop(&at(100, 5, 5)));
        assert!(rule.should_stop(&at(5, 1000, 5)));
        assert!(rule.should_stop(&at(5, 5, 10)));
        flag.store(true, Ordering::Relaxed);
        assert!(rule.should_stop(&at(0, 0, 0)));
        assert_eq!(rule.iteration_limit(), Some(100));
    }
}
