//! The static side of the rules that look beyond one route: allowed and preferred vehicles,
//! pins, day-gap relations and vehicle groups. The search keeps the dynamic side (how many
//! vehicles of a group are used, how much duration it has spent) in
//! [`super::state::GroupTotals`] and asks here whether a change is allowed and what it costs.
//! When a problem has none of these rules, the flags below let every move skip them.

use super::problem::{GroupRule, PinPosition, Problem, Relation};
use crate::units::{Cost, Duration};

/// A set of vehicles as a bit set.
#[derive(Clone, Debug)]
pub(crate) struct VehicleSet(Vec<u64>);

impl VehicleSet {
    fn new(vehicles: usize, members: impl Iterator<Item = usize>) -> VehicleSet {
        let mut bits = vec![0u64; vehicles.div_ceil(64)];
        for v in members.filter(|&v| v < vehicles) {
            bits[v / 64] |= 1 << (v % 64);
        }
        VehicleSet(bits)
    }
    #[inline]
    pub fn contains(&self, v: usize) -> bool {
        self.0.get(v / 64).is_some_and(|w| w & (1 << (v % 64)) != 0)
    }
    fn intersects(&self, other: &VehicleSet) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

pub(crate) struct Rules {
    /// Allowed vehicles, the pin's vehicle folded in; `None` means all.
    pub allowed: Vec<Option<VehicleSet>>,
    pub preferred: Vec<Option<(VehicleSet, Cost)>>,
    pub position: Vec<Option<PinPosition>>,
    pub relations: Vec<Relation>,
    pub relations_of: Vec<Vec<u32>>,
    pub groups: Vec<GroupRule>,
    pub group_labels: Vec<String>,
    pub vehicle_groups: Vec<Vec<u32>>,
    /// Whether the vehicle is in a group with a duration budget.
    pub has_budget: Vec<bool>,
    pub day: Vec<i32>,
    /// Length of the vehicle's break (0 without one): a break is not work, so a used route
    /// counts its duration less the break in a duration budget.
    pub pause: Vec<Duration>,
    /// Jobs that need a look when they change vehicle (allowed, preferred, relations, pins).
    pub flagged: Vec<bool>,
    pub has_job_rules: bool,
    pub has_groups: bool,
    pub has_positions: bool,
}

impl Rules {
    pub fn new(problem: &Problem) -> Rules {
        let nv = problem.vehicles.len();
        let allowed = allowed_vehicles(problem);
        let preferred: Vec<Option<(VehicleSet, Cost)>> = problem
            .jobs
            .iter()
            .map(|job| {
                job.preferred
                    .as_ref()
                    .filter(|(_, cost)| *cost != Cost(0))
                    .map(|(list, cost)| (VehicleSet::new(nv, list.iter().copied()), *cost))
            })
            .collect();
        let position: Vec<Option<PinPosition>> = problem
            .jobs
            .iter()
            .map(|j| j.pin.and_then(|p| p.position))
            .collect();
        let (relations, relations_of) = relations(problem);
        let vehicle_groups = vehicle_groups(problem);
        let flagged: Vec<bool> = (0..problem.jobs.len())
            .map(|j| {
                allowed[j].is_some()
                    || preferred[j].is_some()
                    || position[j].is_some()
                    || !relations_of[j].is_empty()
            })
            .collect();
        let has_budget = vehicle_groups
            .iter()
            .map(|gs| {
                gs.iter().any(|&g| {
                    matches!(
                        problem.groups[g as usize].rule,
                        GroupRule::DurationBudget { .. }
                    )
                })
            })
            .collect();
        Rules {
            has_budget,
            has_job_rules: flagged.iter().any(|&f| f),
            has_groups: !problem.groups.is_empty(),
            has_positions: position.iter().any(Option::is_some),
            allowed,
            preferred,
            position,
            relations,
            relations_of,
            groups: problem.groups.iter().map(|g| g.rule.clone()).collect(),
            group_labels: problem.groups.iter().map(|g| g.label.clone()).collect(),
            vehicle_groups,
            day: problem.vehicles.iter().map(|v| v.day).collect(),
            pause: problem
                .vehicles
                .iter()
                .map(|v| v.lunch.map_or(Duration(0), |b| b.duration))
                .collect(),
            flagged,
        }
    }

    #[inline]
    pub fn allows(&self, job: usize, vehicle: usize) -> bool {
        self.allowed[job]
            .as_ref()
            .is_none_or(|s| s.contains(vehicle))
    }

    /// Preference cost of serving `job` with `vehicle`.
    #[inline]
    pub fn preference(&self, job: usize, vehicle: usize) -> Cost {
        match &self.preferred[job] {
            Some((set, cost)) if !set.contains(vehicle) => *cost,
            _ => Cost(0),
        }
    }

    /// Whether two jobs could ever be on the same route.
    pub fn may_share_route(&self, a: usize, b: usize) -> bool {
        match (&self.allowed[a], &self.allowed[b]) {
            (Some(x), Some(y)) => x.intersects(y),
            _ => true,
        }
    }

    /// Whether relation `r` holds with these days (`None`: job not served, the rule is void).
    #[inline]
    pub fn relation_holds(&self, r: usize, first: Option<i32>, second: Option<i32>) -> bool {
        let rel = &self.relations[r];
        match (first, second) {
            (Some(a), Some(b)) => (rel.min_gap..=rel.max_gap).contains(&(b - a)),
            _ => true,
        }
    }

    /// Cost of a group's balance term for `used` duration.
    pub fn balance(&self, group: usize, used: Duration) -> Cost {
        match self.groups[group] {
            GroupRule::DurationBudget {
                limit,
                balance_weight,
            } if balance_weight > 0 && limit.0 > 0 => {
                let v = i128::from(balance_weight) * i128::from(used.0) * i128::from(used.0)
                    / i128::from(limit.0);
                Cost(v.min(i128::from(Cost::MAX.0)) as i64)
            }
            _ => Cost(0),
        }
    }

    /// What a route of `vehicle` spends of a duration budget: its duration less its break
    /// (a used route always takes its break; an unused one spends nothing).
    #[inline]
    pub fn work(&self, vehicle: usize, used: bool, duration: Duration) -> Duration {
        if used {
            duration - self.pause[vehicle]
        } else {
            Duration(0)
        }
    }

    /// Whether a group with these totals respects its rule.
    pub fn group_holds(&self, group: usize, used: i64, duration: Duration) -> bool {
        match self.groups[group] {
            GroupRule::MaxUsed(k) => used <= k as i64,
            GroupRule::DurationBudget { limit, .. } => duration <= limit,
        }
    }
}

/// The vehicles each job may use (`None`: any); a pin leaves only its vehicle, or none if
/// the job's own list excludes it.
fn allowed_vehicles(problem: &Problem) -> Vec<Option<VehicleSet>> {
    let nv = problem.vehicles.len();
    problem
        .jobs
        .iter()
        .map(|job| match (&job.allowed_vehicles, job.pin) {
            (None, None) => None,
            (Some(list), None) => Some(VehicleSet::new(nv, list.iter().copied())),
            (list, Some(pin)) => {
                let ok = list.as_ref().is_none_or(|l| l.contains(&pin.vehicle));
                let only = ok.then_some(pin.vehicle);
                Some(VehicleSet::new(nv, only.into_iter()))
            }
        })
        .collect()
}

/// The relations between existing jobs, and for each job the relations it is in.
fn relations(problem: &Problem) -> (Vec<Relation>, Vec<Vec<u32>>) {
    let relations: Vec<Relation> = problem
        .relations
        .iter()
        .copied()
        .filter(|r| r.first < problem.jobs.len() && r.second < problem.jobs.len())
        .collect();
    let mut relations_of = vec![Vec::new(); problem.jobs.len()];
    for (i, r) in relations.iter().enumerate() {
        relations_of[r.first].push(i as u32);
        if r.second != r.first {
            relations_of[r.second].push(i as u32);
        }
    }
    (relations, relations_of)
}

/// For each vehicle, the groups it belongs to (each once).
fn vehicle_groups(problem: &Problem) -> Vec<Vec<u32>> {
    let nv = problem.vehicles.len();
    let mut vehicle_groups = vec![Vec::new(); nv];
    for (g, group) in problem.groups.iter().enumerate() {
        for &v in group.vehicles.iter().filter(|&&v| v < nv) {
            if !vehicle_groups[v].contains(&(g as u32)) {
                vehicle_groups[v].push(g as u32);
            }
        }
    }
    vehicle_groups
}
