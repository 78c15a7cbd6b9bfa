//! The working solution: routes with caches, where every node is, the jobs left out, and the
//! running totals of the objective and of the vehicle groups.

use super::instance::{Instance, Node};
use super::operators::lunch::place_lunch;
use super::problem::Requirement;
use super::route::Route;
use super::segment::Segment;
use crate::units::{Cost, Duration};

pub(crate) const NOWHERE: u32 = u32::MAX;

/// Where the lunch goes when a job is inserted: where it is, or next to the new job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LunchPlace {
    Stay,
    Before,
    After,
}

/// Used vehicles and spent duration per group.
#[derive(Clone, Debug, Default)]
pub(crate) struct GroupTotals {
    pub used: Vec<i64>,
    pub duration: Vec<Duration>,
}

/// What the search minimises: required jobs left out first, then cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Score {
    pub missing: usize,
    pub cost: Cost,
}

#[derive(Clone, Debug)]
pub(crate) struct State {
    pub routes: Vec<Route>,
    pub route_of: Vec<u32>,
    pub index_of: Vec<u32>,
    /// Current segment of every node (a job's chosen windows).
    pub seg: Vec<Segment>,
    pub variant: Vec<u8>,
    pub unassigned: Vec<Node>,
    pub groups: GroupTotals,
    pub route_costs: Cost,
    pub preferences: Cost,
    pub penalties: Cost,
    pub balance: Cost,
    pub missing: usize,
}

impl State {
    /// Every route empty, every job left out.
    pub fn empty(inst: &Instance) -> State {
        let mut seg = vec![Segment::EMPTY; inst.nodes()];
        for (j, variants) in inst.variants.iter().enumerate() {
            seg[j] = variants.first().copied().unwrap_or(Segment::EMPTY);
        }
        for v in 0..inst.vehicles {
            seg[inst.lunch_node(v) as usize] = inst.lunch[v].unwrap_or(Segment::EMPTY);
            seg[inst.start_node(v) as usize] = inst.start[v];
            seg[inst.end_node(v) as usize] = inst.end[v];
        }
        let ng = inst.rules.groups.len();
        let mut state = State {
            routes: (0..inst.vehicles).map(|v| Route::new(inst, v)).collect(),
            route_of: vec![NOWHERE; inst.nodes()],
            index_of: vec![0; inst.nodes()],
            seg,
            variant: vec![0; inst.jobs],
            unassigned: (0..inst.jobs as Node).collect(),
            groups: GroupTotals {
                used: vec![0; ng],
                duration: vec![Duration(0); ng],
            },
            route_costs: Cost(0),
            preferences: Cost(0),
            penalties: Cost(0),
            balance: Cost(0),
            missing: 0,
        };
        for r in 0..inst.vehicles {
            state.commit(inst, r);
        }
        for j in 0..inst.jobs {
            match inst.problem.jobs[j].requirement {
                Requirement::Required => state.missing += 1,
                Requirement::Optional { penalty } => state.penalties += penalty,
            }
        }
        state
    }

    pub fn cost(&self) -> Cost {
        self.route_costs + self.preferences + self.penalties + self.balance
    }

    pub fn score(&self) -> Score {
        Score {
            missing: self.missing,
            cost: self.cost(),
        }
    }

    #[inline]
    pub fn is_assigned(&self, node: Node) -> bool {
        self.route_of[node as usize] != NOWHERE
    }

    /// Recomputes route `r` after its visits changed and updates every total.
    pub fn commit(&mut self, inst: &Instance, r: usize) {
        let route = &mut self.routes[r];
        let (old_cost, old_pref) = (route.cost, route.preference);
        let (old_used, old_duration) = (route.is_used(), route.duration);
        route.refresh(inst, &self.seg);
        for (i, &node) in route.visits.iter().enumerate() {
            self.route_of[node as usize] = r as u32;
            self.index_of[node as usize] = i as u32;
        }
        self.route_costs += route.cost - old_cost;
        self.preferences += route.preference - old_pref;
        let (used, duration) = (route.is_used(), route.duration);
        if inst.rules.has_groups && (used != old_used || duration != old_duration) {
            let vehicle = route.vehicle;
            for &g in &inst.rules.vehicle_groups[vehicle] {
                let g = g as usize;
                self.balance -= inst.rules.balance(g, self.groups.duration[g]);
                self.groups.used[g] += i64::from(used) - i64::from(old_used);
                self.groups.duration[g] += duration - old_duration;
                self.balance += inst.rules.balance(g, self.groups.duration[g]);
            }
        }
    }

    /// Replaces the visits of route `r` (start and end included) and commits it. Nodes that
    /// left the route and were not placed elsewhere are marked as nowhere. Any lunch in
    /// `visits` becomes this vehicle's lunch, and is dropped when no job is left.
    pub fn set_visits(&mut self, inst: &Instance, r: usize, visits: &[Node]) {
        for &node in &self.routes[r].visits {
            if self.route_of[node as usize] == r as u32 {
                self.route_of[node as usize] = NOWHERE;
            }
        }
        let has_jobs = visits.iter().any(|&x| inst.is_job(x));
        let keep_lunch = has_jobs && inst.lunch[r].is_some();
        let route = &mut self.routes[r];
        route.visits.clear();
        for &x in visits {
            if !inst.is_lunch(x) {
                route.visits.push(x);
            } else if keep_lunch {
                route.visits.push(inst.lunch_node(r));
            }
        }
        self.commit(inst, r);
        if keep_lunch && self.routes[r].lunch_at.is_none() {
            let at = self.routes[r].len() - 1;
            self.routes[r].visits.insert(at, inst.lunch_node(r));
            self.commit(inst, r);
            place_lunch(inst, self, r);
        }
    }

    /// Puts an unassigned job after `visits[after]` of route `r`, with windows `variant`,
    /// the lunch where `lunch` says (on an empty route, `Stay` means after the job).
    pub fn insert_job(
        &mut self,
        inst: &Instance,
        job: Node,
        r: usize,
        after: usize,
        variant: usize,
        lunch: LunchPlace,
    ) {
        let j = job as usize;
        self.variant[j] = variant as u8;
        self.seg[j] = inst.variants[j][variant];
        let route = &self.routes[r];
        let lunch_node = inst.lunch_node(r);
        let has_lunch = inst.lunch[route.vehicle].is_some();
        let place = match lunch {
            LunchPlace::Stay if has_lunch && !route.is_used() => LunchPlace::After,
            _ if !has_lunch => LunchPlace::Stay,
            other => other,
        };
        let moving = place != LunchPlace::Stay;
        let mut visits = Vec::with_capacity(route.len() + 2);
        for (k, &x) in route.visits.iter().enumerate() {
            if !(moving && x == lunch_node) {
                visits.push(x);
            }
            if k == after {
                match place {
                    LunchPlace::Before => visits.extend([lunch_node, job]),
                    LunchPlace::After => visits.extend([job, lunch_node]),
                    LunchPlace::Stay => visits.push(job),
                }
            }
        }
        self.set_visits(inst, r, &visits);
        self.take_out_of_pool(inst, job);
    }

    /// Takes a job out of its route into the pool of unassigned jobs (with the lunch, if the
    /// route becomes empty).
    pub fn remove_job(&mut self, inst: &Instance, job: Node) {
        let r = self.route_of[job as usize];
        if r == NOWHERE {
            return;
        }
        let r = r as usize;
        let at = self.index_of[job as usize] as usize;
        let route = &mut self.routes[r];
        route.visits.remove(at);
        self.route_of[job as usize] = NOWHERE;
        if route.jobs == 1
            && let Some(l) = route.visits.iter().position(|&v| v == inst.lunch_node(r))
        {
            route.visits.remove(l);
            self.route_of[inst.lunch_node(r) as usize] = NOWHERE;
        }
        self.commit(inst, r);
        self.put_in_pool(inst, job);
    }

    fn take_out_of_pool(&mut self, inst: &Instance, job: Node) {
        if let Some(i) = self.unassigned.iter().position(|&u| u == job) {
            self.unassigned.swap_remove(i);
            match inst.problem.jobs[job as usize].requirement {
                Requirement::Required => self.missing -= 1,
                Requirement::Optional { penalty } => self.penalties -= penalty,
            }
        }
    }

    fn put_in_pool(&mut self, inst: &Instance, job: Node) {
        self.unassigned.push(job);
        match inst.problem.jobs[job as usize].requirement {
            Requirement::Required => self.missing += 1,
            Requirement::Optional { penalty } => self.penalties += penalty,
        }
    }

    /// Recomputes every total from the routes (to guard the incremental bookkeeping in tests).
    #[cfg(test)]
    pub fn recomputed_cost(&self, inst: &Instance) -> Cost {
        let mut fresh = self.clone();
        fresh.route_costs = self.routes.iter().map(|r| r.cost).sum();
        fresh.preferences = self.routes.iter().map(|r| r.preference).sum();
        fresh.balance = (0..inst.rules.groups.len())
            .map(|g| inst.rules.balance(g, self.groups.duration[g]))
            .sum();
        fresh.cost()
    }
}
