//! The working solution: routes with caches, where every node is, the jobs left out, and the
//! running totals of the objective and of the vehicle groups.

use super::instance::{Instance, Node};
use super::operators::lunch::place_lunch;
use super::problem::Requirement;
use super::route::Route;
use super::segment::Segment;
use crate::units::{Cost, Duration, Load};

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

/// Price of lateness and overload while the search may cross infeasible solutions; `strict`
/// forbids them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Penalty {
    pub strict: bool,
    /// Per unit of time warp, and per unit of load over capacity.
    pub warp: i64,
    pub load: i64,
}

impl Penalty {
    pub const STRICT: Penalty = Penalty {
        strict: true,
        warp: 0,
        load: 0,
    };

    /// Penalised value of a route of cost `cost`, or `None` if strict and infeasible.
    #[inline(always)]
    pub fn value(&self, cost: Cost, warp: Duration, excess: Load) -> Option<Cost> {
        if warp.0 == 0 && excess.0 == 0 {
            return Some(cost);
        }
        if self.strict {
            return None;
        }
        Some(Cost(cost.0 + self.warp * warp.0 + self.load * excess.0))
    }

    /// Penalised value of a current route.
    #[inline(always)]
    pub fn of(&self, route: &Route) -> Cost {
        Cost(route.cost.0 + self.warp * route.warp.0 + self.load * route.excess.0)
    }
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
    /// Total time warp and overload of the routes (0 in a feasible solution).
    pub warp: Duration,
    pub excess: Load,
    pub penalty: Penalty,
    /// Jobs next to where jobs were inserted or removed (for the local search to look at).
    pub touched: Vec<Node>,
    /// Routes changed since [`State::clear_changed`], each once.
    pub changed: Vec<usize>,
    changed_flag: Vec<bool>,
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
            warp: Duration(0),
            excess: Load(0),
            penalty: Penalty::STRICT,
            touched: Vec::new(),
            changed: Vec::new(),
            changed_flag: vec![false; inst.vehicles],
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

    pub fn is_feasible(&self) -> bool {
        self.warp == Duration(0) && self.excess == Load(0)
    }

    /// Cost with lateness and overload priced in.
    pub fn penalised(&self) -> Cost {
        self.cost() + Cost(self.penalty.warp * self.warp.0 + self.penalty.load * self.excess.0)
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
        self.update(inst, r, |route, segs| route.refresh(inst, segs));
    }

    /// Applies `change` to route `r`, then updates node positions and every total.
    fn update(&mut self, inst: &Instance, r: usize, change: impl FnOnce(&mut Route, &[Segment])) {
        self.mark_changed(r);
        let route = &mut self.routes[r];
        let (old_cost, old_pref) = (route.cost, route.preference);
        let (old_warp, old_excess) = (route.warp, route.excess);
        let (old_used, old_duration) = (route.is_used(), route.duration);
        change(route, &self.seg);
        for (i, &node) in route.visits.iter().enumerate() {
            self.route_of[node as usize] = r as u32;
            self.index_of[node as usize] = i as u32;
        }
        self.route_costs += route.cost - old_cost;
        self.preferences += route.preference - old_pref;
        self.warp += route.warp - old_warp;
        self.excess += route.excess - old_excess;
        let (used, duration) = (route.is_used(), route.duration);
        if inst.rules.has_groups && (used != old_used || duration != old_duration) {
            let vehicle = route.vehicle;
            for &g in &inst.rules.vehicle_groups[vehicle] {
                let g = g as usize;
                self.balance -= inst.rules.balance(g, self.groups.duration[g]);
                self.groups.used[g] += i64::from(used) - i64::from(old_used);
                self.groups.duration[g] += inst.rules.work(vehicle, used, duration)
                    - inst.rules.work(vehicle, old_used, old_duration);
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

    /// Fixes the windows a job uses (before placing it).
    pub fn set_job_variant(&mut self, inst: &Instance, job: Node, variant: usize) {
        let j = job as usize;
        self.variant[j] = variant as u8;
        self.seg[j] = inst.variants[j][variant];
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
        self.set_job_variant(inst, job, variant);
        let route = &self.routes[r];
        let lunch_node = inst.lunch_node(r);
        let has_lunch = inst.lunch[route.vehicle].is_some();
        let place = match lunch {
            LunchPlace::Stay if has_lunch && !route.is_used() => LunchPlace::After,
            _ if !has_lunch => LunchPlace::Stay,
            other => other,
        };
        let moving = place != LunchPlace::Stay;
        self.touched.push(job);
        if !moving {
            self.update(inst, r, |route, segs| {
                route.insert_at(inst, segs, after + 1, job)
            });
            self.take_out_of_pool(inst, job);
            self.touch_around(r, after + 1);
            return;
        }
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
        self.touch_around(r, self.index_of[job as usize] as usize);
    }

    /// Records the visits next to index `at` of route `r` as touched.
    fn touch_around(&mut self, r: usize, at: usize) {
        let visits = &self.routes[r].visits;
        let lo = at.saturating_sub(1);
        let hi = (at + 2).min(visits.len());
        self.touched.extend_from_slice(&visits[lo..hi]);
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
        self.route_of[job as usize] = NOWHERE;
        let lunch = inst.lunch_node(r);
        let last_job = self.routes[r].jobs == 1;
        self.update(inst, r, |route, segs| route.remove_at(inst, segs, at));
        self.touch_around(r, at.saturating_sub(1));
        if last_job && let Some(l) = self.routes[r].lunch_at {
            self.route_of[lunch as usize] = NOWHERE;
            self.update(inst, r, |route, segs| route.remove_at(inst, segs, l));
        }
        self.put_in_pool(inst, job);
    }

    /// Takes `jobs` out of route `r`, in the order given, which must be the order of their
    /// visits: the same as [`State::remove_job`] on each in turn (touched visits and pool
    /// included), with one refresh of the route instead of one per job. On routes of 50
    /// (Solomon's R2) the ruin's refreshes took about a tenth of the search's time.
    pub fn remove_jobs(&mut self, inst: &Instance, r: usize, jobs: &[Node]) {
        if inst.lunch[self.routes[r].vehicle].is_some() || jobs.len() < 2 {
            // The lunch may have to go with the last job: one at a time.
            for &job in jobs {
                self.remove_job(inst, job);
            }
            return;
        }
        // Replay the removals on the visit list alone for what each would have touched.
        let mut visits = self.routes[r].visits.clone();
        let mut indices = Vec::with_capacity(jobs.len());
        for (k, &job) in jobs.iter().enumerate() {
            let original = self.index_of[job as usize] as usize;
            let at = original - k;
            debug_assert_eq!(visits[at], job);
            visits.remove(at);
            let p = at.saturating_sub(1);
            let (lo, hi) = (p.saturating_sub(1), (p + 2).min(visits.len()));
            self.touched.extend_from_slice(&visits[lo..hi]);
            self.route_of[job as usize] = NOWHERE;
            // Where one-at-a-time removals leave it (nothing reads it once out).
            self.index_of[job as usize] = at as u32;
            indices.push(original);
        }
        self.update(inst, r, |route, segs| {
            route.remove_many(inst, segs, &indices)
        });
        for &job in jobs {
            self.put_in_pool(inst, job);
        }
    }

    pub fn take_out_of_pool(&mut self, inst: &Instance, job: Node) {
        if let Some(i) = self.unassigned.iter().position(|&u| u == job) {
            self.unassigned.swap_remove(i);
            match inst.problem.jobs[job as usize].requirement {
                Requirement::Required => self.missing -= 1,
                Requirement::Optional { penalty } => self.penalties -= penalty,
            }
        }
    }

    pub fn put_in_pool(&mut self, inst: &Instance, job: Node) {
        self.unassigned.push(job);
        match inst.problem.jobs[job as usize].requirement {
            Requirement::Required => self.missing += 1,
            Requirement::Optional { penalty } => self.penalties += penalty,
        }
    }

    /// Counts route `r` as changed, for a caller that cleared the list and kept its own.
    pub fn mark_changed(&mut self, r: usize) {
        if !self.changed_flag[r] {
            self.changed_flag[r] = true;
            self.changed.push(r);
        }
    }

    pub fn clear_changed(&mut self) {
        for &r in &self.changed {
            self.changed_flag[r] = false;
        }
        self.changed.clear();
    }

    /// Makes routes `routes` (and everything that depends on them) equal to `other`'s, which
    /// differs from `self` in no other route.
    pub fn sync_from(&mut self, other: &State, routes: &[usize]) {
        for &r in routes {
            for &node in &self.routes[r].visits {
                let n = node as usize;
                (self.route_of[n], self.index_of[n]) = (other.route_of[n], other.index_of[n]);
            }
        }
        for &r in routes {
            self.routes[r].clone_from(&other.routes[r]);
            for &node in &self.routes[r].visits {
                let n = node as usize;
                (self.route_of[n], self.index_of[n]) = (other.route_of[n], other.index_of[n]);
                self.seg[n] = other.seg[n];
                if let Some(v) = self.variant.get_mut(n) {
                    *v = other.variant[n];
                }
            }
        }
        self.unassigned.clone_from(&other.unassigned);
        self.groups.clone_from(&other.groups);
        self.route_costs = other.route_costs;
        self.preferences = other.preferences;
        self.penalties = other.penalties;
        self.balance = other.balance;
        self.missing = other.missing;
        self.warp = other.warp;
        self.excess = other.excess;
        self.penalty = other.penalty;
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
