//! One route of the working solution with its cached prefix and suffix segments.

use super::instance::{Instance, Node};
use super::problem::PinPosition;
use super::segment::Segment;
use crate::units::{Cost, Duration, Load};

#[derive(Clone, Debug)]
pub(crate) struct Route {
    pub vehicle: usize,
    /// Start node, items, end node.
    pub visits: Vec<Node>,
    /// `fwd[i]`: visits `0..=i`; `bwd[i]`: visits `i..`.
    pub fwd: Vec<Segment>,
    pub bwd: Vec<Segment>,
    /// The same without the lunch (kept only on routes with a lunch), so an insertion can
    /// also try moving the lunch next to the new job.
    pub fwd_no_lunch: Vec<Segment>,
    pub bwd_no_lunch: Vec<Segment>,
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
    /// Search bookkeeping: when this route last changed (local search skips stale pairs).
    pub stamp: u64,
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
            fwd_no_lunch: Vec::new(),
            bwd_no_lunch: Vec::new(),
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
            stamp: 0,
        }
    }

    #[inline]
    pub fn is_used(&self) -> bool {
        self.jobs > 0
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
        let m = &inst.problem.matrix;
        let n = self.visits.len();
        self.fwd.resize(n, Segment::EMPTY);
        self.bwd.resize(n, Segment::EMPTY);
        self.fwd[0] = segs[self.visits[0] as usize];
        for i in 1..n {
            self.fwd[i] = self.fwd[i - 1].then(&segs[self.visits[i] as usize], m);
        }
        self.bwd[n - 1] = segs[self.visits[n - 1] as usize];
        for i in (0..n - 1).rev() {
            self.bwd[i] = segs[self.visits[i] as usize].then(&self.bwd[i + 1], m);
        }
        self.refresh_rules(inst);
        self.jobs = self.jobs_before[n] as usize;
        let (cost, warp, excess) = inst.route_cost(self.vehicle, &self.fwd[n - 1]);
        let used = self.jobs > 0;
        self.cost = if used { cost } else { Cost(0) };
        self.duration = if used {
            self.fwd[n - 1].core.duration
        } else {
            Duration(0)
        };
        self.warp = if used { warp } else { Duration(0) };
        self.excess = if used { excess } else { Load(0) };
        self.lunch_at = self
            .visits
            .iter()
            .position(|&v| v == inst.lunch_node(self.vehicle));
        if let Some(l) = self.lunch_at {
            self.refresh_no_lunch(inst, segs, l);
        }
    }

    fn refresh_no_lunch(&mut self, inst: &Instance, segs: &[Segment], l: usize) {
        let m = &inst.problem.matrix;
        let n = self.visits.len();
        self.fwd_no_lunch.clear();
        self.fwd_no_lunch.extend_from_slice(&self.fwd[..l]);
        self.fwd_no_lunch.push(self.fwd[l - 1]);
        for i in l + 1..n {
            let next = self.fwd_no_lunch[i - 1].then(&segs[self.visits[i] as usize], m);
            self.fwd_no_lunch.push(next);
        }
        self.bwd_no_lunch.clear();
        self.bwd_no_lunch.resize(n, Segment::EMPTY);
        self.bwd_no_lunch[l + 1..].copy_from_slice(&self.bwd[l + 1..]);
        self.bwd_no_lunch[l] = self.bwd[l + 1];
        for i in (0..l).rev() {
            self.bwd_no_lunch[i] = segs[self.visits[i] as usize].then(&self.bwd_no_lunch[i + 1], m);
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
