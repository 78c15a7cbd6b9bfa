//! One route of the working solution with its cached prefix and suffix segments.

use super::instance::{Instance, Node};
use super::problem::PinPosition;
use super::segment::{Segment, Timing};
use crate::units::{Cost, Distance, Duration, Load};

/// A cached prefix or suffix without its breaks: half the size of a [`Segment`], which
/// matters since routes copy and rebuild these arrays all the time. Only the prefix ending at
/// the lunch has a break at its end (and only the suffix starting there one at its start):
/// the route keeps that break apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cached {
    first: u32,
    last: u32,
    core: Timing,
    distance: Distance,
    travel: Duration,
    load: Load,
}

impl Cached {
    const EMPTY: Cached = Cached {
        first: 0,
        last: 0,
        core: Timing::EMPTY,
        distance: Distance(0),
        travel: Duration(0),
        load: Load(0),
    };

    #[inline(always)]
    fn of(s: &Segment) -> Cached {
        Cached {
            first: s.first,
            last: s.last,
            core: s.core,
            distance: s.distance,
            travel: s.travel,
            load: s.load,
        }
    }

    #[inline(always)]
    fn segment(&self) -> Segment {
        Segment {
            first: self.first,
            last: self.last,
            head: Timing::EMPTY,
            core: self.core,
            tail: Timing::EMPTY,
            distance: self.distance,
            travel: self.travel,
            load: self.load,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Route {
    pub vehicle: usize,
    /// Start node, items, end node.
    pub visits: Vec<Node>,
    /// Prefixes (visits `0..=i`) and suffixes (visits `i..`), see [`Route::fwd`].
    fwd: Vec<Cached>,
    bwd: Vec<Cached>,
    /// The lunch as the end of the prefix and the start of the suffix at its index.
    lunch_tail: Timing,
    lunch_head: Timing,
    /// The same without the lunch (kept only on routes with a lunch), so an insertion can
    /// also try moving the lunch next to the new job.
    fwd_nl: Vec<Cached>,
    bwd_nl: Vec<Cached>,
    pub jobs: usize,
    /// Route cost (0 when unused), duration, lateness and overload of the current schedule.
    pub cost: Cost,
    pub duration: Duration,
    pub warp: Duration,
    pub excess: Load,
    /// Preference costs of the jobs on this route.
    pub preference: Cost,
    /// Index of the lunch, if on the route.
    pub lunch_at: Option<usize>,
    /// Jobs among `visits[..i]`.
    pub jobs_before: Vec<u32>,
    /// Indexes of the jobs pinned first / last, if on this route.
    pub pinned_first: Option<usize>,
    pub pinned_last: Option<usize>,
    /// Flagged jobs (with job rules) among `visits[..i]`, kept when the problem has such rules.
    pub flagged_before: Vec<u32>,
}

impl Route {
    /// An empty route; call [`Route::refresh`] before use.
    pub fn new(instance: &Instance, vehicle: usize) -> Route {
        let visits = vec![instance.start_node(vehicle), instance.end_node(vehicle)];
        Route {
            vehicle,
            visits,
            fwd: Vec::new(),
            bwd: Vec::new(),
            lunch_tail: Timing::EMPTY,
            lunch_head: Timing::EMPTY,
            fwd_nl: Vec::new(),
            bwd_nl: Vec::new(),
            jobs: 0,
            cost: Cost(0),
            duration: Duration(0),
            warp: Duration(0),
            excess: Load(0),
            preference: Cost(0),
            lunch_at: None,
            jobs_before: Vec::new(),
            pinned_first: None,
            pinned_last: None,
            flagged_before: Vec::new(),
        }
    }

    /// Segment of visits `0..=i`.
    #[inline(always)]
    pub fn fwd(&self, i: usize) -> Segment {
        let mut s = self.fwd[i].segment();
        if self.lunch_at == Some(i) {
            s.tail = self.lunch_tail;
        }
        s
    }

    /// Segment of visits `i..`.
    #[inline(always)]
    pub fn bwd(&self, i: usize) -> Segment {
        let mut s = self.bwd[i].segment();
        if self.lunch_at == Some(i) {
            s.head = self.lunch_head;
        }
        s
    }

    /// Like [`Route::fwd`] and [`Route::bwd`] with the lunch left out (routes with a lunch).
    #[inline]
    pub fn fwd_no_lunch(&self, i: usize) -> Option<Segment> {
        self.fwd_nl.get(i).map(Cached::segment)
    }
    #[inline]
    pub fn bwd_no_lunch(&self, i: usize) -> Option<Segment> {
        self.bwd_nl.get(i).map(Cached::segment)
    }

    /// Total load of the route.
    #[inline]
    pub fn load(&self) -> Load {
        self.bwd[0].load
    }

    /// The whole route.
    #[inline]
    pub fn full(&self) -> Segment {
        self.fwd[self.visits.len() - 1].segment()
    }

    #[inline]
    pub fn is_used(&self) -> bool {
        self.jobs > 0
    }

    /// Neither late nor overloaded.
    #[inline]
    pub fn is_feasible(&self) -> bool {
        self.warp.0 == 0 && self.excess.0 == 0
    }

    /// Number of positions after which something can be inserted.
    #[inline]
    pub fn len(&self) -> usize {
        self.visits.len()
    }

    /// Segment of `visits[from..=to]`, built in O(to - from).
    pub fn between(&self, from: usize, to: usize, segs: &[Segment], inst: &Instance) -> Segment {
        let m = &inst.problem.matrix;
        let mut s = segs[self.visits[from] as usize];
        for &n in &self.visits[from + 1..=to] {
            s = s.then(&segs[n as usize], m);
        }
        s
    }

    /// Recomputes the caches after `visits` changed. `segs` holds every node's segment.
    pub fn refresh(&mut self, inst: &Instance, segs: &[Segment]) {
        let n = self.visits.len();
        self.fwd.resize(n, Cached::EMPTY);
        self.bwd.resize(n, Cached::EMPTY);
        self.rebuild(inst, segs, 0, n - 1);
    }

    /// Inserts `node` at index `at` and refreshes only what changed.
    pub fn insert_at(&mut self, inst: &Instance, segs: &[Segment], at: usize, node: Node) {
        self.visits.insert(at, node);
        // Every prefix from `at` is recomputed: no need to shift them.
        self.fwd.push(Cached::EMPTY);
        self.bwd.insert(at, Cached::EMPTY);
        self.rebuild(inst, segs, at, at);
    }

    /// Removes the visit at index `at` and refreshes only what changed.
    pub fn remove_at(&mut self, inst: &Instance, segs: &[Segment], at: usize) {
        self.visits.remove(at);
        self.fwd.pop();
        self.bwd.remove(at);
        self.rebuild(inst, segs, at, at - 1);
    }

    /// Removes the visits at `indices` (increasing, neither end of the route) with one
    /// refresh: prefixes from the first removed, suffixes up to the last.
    pub fn remove_many(&mut self, inst: &Instance, segs: &[Segment], indices: &[usize]) {
        let (Some(&first), Some(&last)) = (indices.first(), indices.last()) else {
            return;
        };
        drop_at(&mut self.visits, indices);
        drop_at(&mut self.bwd, indices);
        self.fwd.truncate(self.visits.len());
        self.rebuild(inst, segs, first, last - indices.len());
    }

    /// Recomputes prefixes from `from`, suffixes up to `to`, and the summaries.
    fn rebuild(&mut self, inst: &Instance, segs: &[Segment], from: usize, to: usize) {
        let m = &inst.problem.matrix;
        let n = self.visits.len();
        let lunch = inst.lunch_node(self.vehicle);
        self.lunch_at = if inst.lunch[self.vehicle].is_some() {
            self.visits.iter().position(|&v| v == lunch)
        } else {
            None
        };
        let mut prefix = if from == 0 {
            segs[self.visits[0] as usize]
        } else {
            self.fwd(from - 1)
        };
        self.fwd[from.max(1) - 1] = Cached::of(&prefix);
        for i in from.max(1)..n {
            prefix = prefix.then(&segs[self.visits[i] as usize], m);
            self.fwd[i] = Cached::of(&prefix);
            if self.lunch_at == Some(i) {
                self.lunch_tail = prefix.tail;
            }
        }
        let mut suffix = if to >= n - 1 {
            segs[self.visits[n - 1] as usize]
        } else {
            self.bwd(to + 1)
        };
        self.bwd[(to + 1).min(n - 1)] = Cached::of(&suffix);
        for i in (0..=to.min(n - 2)).rev() {
            suffix = segs[self.visits[i] as usize].then(&suffix, m);
            self.bwd[i] = Cached::of(&suffix);
            if self.lunch_at == Some(i) {
                self.lunch_head = suffix.head;
            }
        }
        self.refresh_rules(inst);
        self.jobs = self.jobs_before[n] as usize;
        let full = self.full();
        let (cost, warp, excess) = inst.route_cost(self.vehicle, &full);
        let used = self.jobs > 0;
        self.cost = if used { cost } else { Cost(0) };
        self.duration = if used {
            full.core.duration
        } else {
            Duration(0)
        };
        self.warp = if used { warp } else { Duration(0) };
        self.excess = if used { excess } else { Load(0) };
        self.fwd_nl.clear();
        self.bwd_nl.clear();
        if let Some(l) = self.lunch_at {
            self.refresh_no_lunch(inst, segs, l);
        }
    }

    fn refresh_no_lunch(&mut self, inst: &Instance, segs: &[Segment], l: usize) {
        let m = &inst.problem.matrix;
        let n = self.visits.len();
        self.fwd_nl.extend_from_slice(&self.fwd[..l]);
        let mut prefix = self.fwd[l - 1].segment();
        self.fwd_nl.push(self.fwd[l - 1]);
        for i in l + 1..n {
            prefix = prefix.then(&segs[self.visits[i] as usize], m);
            self.fwd_nl.push(Cached::of(&prefix));
        }
        self.bwd_nl.resize(n, Cached::EMPTY);
        self.bwd_nl[l + 1..].copy_from_slice(&self.bwd[l + 1..]);
        self.bwd_nl[l] = self.bwd[l + 1];
        let mut suffix = self.bwd[l + 1].segment();
        for i in (0..l).rev() {
            suffix = segs[self.visits[i] as usize].then(&suffix, m);
            self.bwd_nl[i] = Cached::of(&suffix);
        }
    }

    fn refresh_rules(&mut self, inst: &Instance) {
        let rules = &inst.rules;
        self.preference = Cost(0);
        self.jobs_before.clear();
        let mut jobs = 0u32;
        for &v in &self.visits {
            self.jobs_before.push(jobs);
            jobs += u32::from(inst.is_job(v));
        }
        self.jobs_before.push(jobs);
        if !rules.has_job_rules {
            return;
        }
        self.flagged_before.clear();
        self.pinned_first = None;
        self.pinned_last = None;
        let mut flagged = 0u32;
        for (i, &v) in self.visits.iter().enumerate() {
            self.flagged_before.push(flagged);
            if !inst.is_job(v) {
                continue;
            }
            let job = v as usize;
            if rules.flagged[job] {
                flagged += 1;
                self.preference += rules.preference(job, self.vehicle);
                match rules.position[job] {
                    Some(PinPosition::First) => self.pinned_first = Some(i),
                    Some(PinPosition::Last) => self.pinned_last = Some(i),
                    None => {}
                }
            }
        }
        self.flagged_before.push(flagged);
    }

    /// Flagged jobs among `visits[from..=to]`.
    #[inline]
    pub fn flagged_in(&self, from: usize, to: usize) -> u32 {
        if self.flagged_before.is_empty() || from > to {
            return 0;
        }
        self.flagged_before[to + 1] - self.flagged_before[from]
    }

    /// Jobs among `visits[from..=to]`.
    #[inline]
    pub fn jobs_in(&self, from: usize, to: usize) -> u32 {
        if from > to {
            return 0;
        }
        self.jobs_before[to + 1] - self.jobs_before[from]
    }
}

/// Removes the items at `indices` (increasing) from `items`, keeping the others in order.
fn drop_at<T>(items: &mut Vec<T>, indices: &[usize]) {
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        indices.binary_search(&(i - 1)).is_err()
    });
}
