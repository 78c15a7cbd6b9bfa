//! Slack induction by string removals (Christiaens & Vanden Berghe, 2020): take out strings
//! of consecutive jobs from a few routes near a random seed job, leaving room that the
//! recreate step can use differently.

use super::instance::{Instance, Node};
use super::rng::Rng;
use super::state::{NOWHERE, State};

/// Removes jobs from `state` and returns them, in removal order.
pub(crate) fn remove_strings(
    inst: &Instance,
    state: &mut State,
    rng: &mut Rng,
    average_removed: f64,
    max_string: usize,
) -> Vec<Node> {
    let mut removed = Vec::new();
    let used: Vec<usize> = (0..state.routes.len())
        .filter(|&r| state.routes[r].is_used())
        .collect();
    if used.is_empty() {
        return removed;
    }
    let served: usize = used.iter().map(|&r| state.routes[r].jobs).sum();
    let mean_len = served as f64 / used.len() as f64;
    let string_max = (max_string as f64).min(mean_len).max(1.0);
    let strings_max = (4.0 * average_removed / (1.0 + string_max) - 1.0).max(1.0);
    let strings = 1 + (rng.unit() * strings_max) as usize;
    let route0 = used[rng.below(used.len())];
    let jobs0 = route_jobs(inst, state, route0);
    let seed = jobs0[rng.below(jobs0.len())];
    let mut ruined: Vec<u32> = Vec::with_capacity(strings);
    for &c in std::iter::once(&seed).chain(inst.adjacency[seed as usize].iter()) {
        if ruined.len() >= strings {
            break;
        }
        let r = state.route_of[c as usize];
        if r == NOWHERE || ruined.contains(&r) {
            continue;
        }
        let jobs = route_jobs(inst, state, r as usize);
        let Some(at) = jobs.iter().position(|&j| j == c) else {
            continue;
        };
        let cap = (jobs.len() as f64).min(string_max);
        let len = 1 + (rng.unit() * cap) as usize;
        take_string(
            inst,
            state,
            rng,
            &jobs,
            at,
            len.min(jobs.len()),
            &mut removed,
        );
        ruined.push(r);
    }
    removed
}

/// Jobs of route `r`, in order.
fn route_jobs(inst: &Instance, state: &State, r: usize) -> Vec<Node> {
    state.routes[r]
        .visits
        .iter()
        .copied()
        .filter(|&v| inst.is_job(v))
        .collect()
}

/// Removes a string of `len` jobs of `jobs` containing index `at`; half of the time a few jobs
/// in its middle are kept (a "split string").
fn take_string(
    inst: &Instance,
    state: &mut State,
    rng: &mut Rng,
    jobs: &[Node],
    at: usize,
    len: usize,
    removed: &mut Vec<Node>,
) {
    let n = jobs.len();
    let mut keep = 0;
    if rng.chance(0.5) && len + 1 < n {
        keep = 1;
        while keep < n - len && rng.chance(0.5) {
            keep += 1;
        }
    }
    let span = len + keep;
    let lowest = (at + 1).saturating_sub(span);
    let highest = at.min(n - span);
    let begin = lowest + rng.below(highest - lowest + 1);
    let kept_from = begin + rng.below(len + 1).min(len);
    let first = removed.len();
    for (k, &job) in jobs[begin..begin + span].iter().enumerate() {
        let kept = keep > 0 && (kept_from..kept_from + keep).contains(&(begin + k));
        if !kept {
            removed.push(job);
        }
    }
    let r = state.route_of[jobs[at] as usize] as usize;
    state.remove_jobs(inst, r, &removed[first..]);
}

/// Removes every job of a random used route; returns them and the route.
pub(crate) fn remove_route(
    inst: &Instance,
    state: &mut State,
    rng: &mut Rng,
) -> (Vec<Node>, Option<usize>) {
    let used: Vec<usize> = (0..state.routes.len())
        .filter(|&r| state.routes[r].is_used())
        .collect();
    if used.is_empty() {
        return (Vec::new(), None);
    }
    let r = used[rng.below(used.len())];
    let jobs = route_jobs(inst, state, r);
    state.remove_jobs(inst, r, &jobs);
    (jobs, Some(r))
}
