//! Greedy reinsertion of the jobs left out, in a randomly chosen order, each at its cheapest
//! feasible place (with SISR's blinks). Optional jobs go in only when that is cheaper than
//! their penalty.

use super::insert::{Blink, best_insertion};
use super::instance::{Instance, Node};
use super::problem::Requirement;
use super::rng::Rng;
use super::state::State;
use crate::units::Cost;

/// How to order the jobs before reinserting them.
#[derive(Clone, Copy, Debug)]
enum Order {
    Random,
    LargestFirst,
    FarthestFirst,
    ClosestFirst,
    TightestFirst,
}

/// How to reinsert.
#[derive(Clone, Copy, Default)]
pub(crate) struct Recreate<'a> {
    /// Probability of skipping a position.
    pub blink_rate: f64,
    /// How often each job was left out (when given, the most often missing go first).
    pub absences: Option<&'a [u32]>,
    /// Optional jobs go in wherever they fit, even at a loss: several together may pay off,
    /// and the acceptance test judges the whole.
    pub force: bool,
    /// A route that takes nothing (its jobs were all removed to go elsewhere).
    pub closed: Option<usize>,
}

/// Reinserts `removed` and up to as many other unassigned jobs.
pub(crate) fn reinsert(
    inst: &Instance,
    state: &mut State,
    rng: &mut Rng,
    removed: &[Node],
    how: Recreate,
) {
    let mut pool: Vec<Node> = removed
        .iter()
        .copied()
        .filter(|&j| !inst.variants[j as usize].is_empty())
        .collect();
    let extra = state
        .unassigned
        .iter()
        .filter(|j| !removed.contains(j) && !inst.variants[**j as usize].is_empty())
        .count();
    if extra > 0 {
        let limit = removed.len().max(8);
        let mut others: Vec<Node> = state
            .unassigned
            .iter()
            .copied()
            .filter(|j| !removed.contains(j) && !inst.variants[*j as usize].is_empty())
            .collect();
        if others.len() > limit {
            rng.shuffle(&mut others);
            others.truncate(limit);
        }
        pool.extend(others);
    }
    order(inst, rng, &mut pool, how.absences);
    let mut blink = Blink {
        rng,
        rate: how.blink_rate,
        closed: how.closed,
    };
    for &job in &pool {
        if let Some(ins) = best_insertion(inst, state, job, &mut blink)
            && (how.force || worth_it(inst, job, ins.delta))
        {
            ins.apply(inst, state, job);
        }
    }
}

fn worth_it(inst: &Instance, job: Node, delta: Cost) -> bool {
    match inst.problem.jobs[job as usize].requirement {
        Requirement::Required => true,
        Requirement::Optional { penalty } => delta < penalty,
    }
}

fn order(inst: &Instance, rng: &mut Rng, pool: &mut [Node], absences: Option<&[u32]>) {
    let choice = match rng.below(12) {
        0..=3 => Order::Random,
        4..=6 => Order::LargestFirst,
        7..=8 => Order::FarthestFirst,
        9 => Order::ClosestFirst,
        _ => Order::TightestFirst,
    };
    rng.shuffle(pool);
    let size = |j: Node| inst.problem.jobs[j as usize].size;
    let far = |j: Node| inst.depot_cost[j as usize];
    let width = |j: Node| {
        let s = &inst.variants[j as usize][0].core;
        s.latest - s.earliest
    };
    match choice {
        Order::Random => {}
        Order::LargestFirst => pool.sort_by_key(|&j| std::cmp::Reverse(size(j))),
        Order::FarthestFirst => pool.sort_by_key(|&j| std::cmp::Reverse(far(j))),
        Order::ClosestFirst => pool.sort_by_key(|&j| far(j)),
        Order::TightestFirst => pool.sort_by_key(|&j| width(j)),
    }
    let required_first = |j: Node| match inst.problem.jobs[j as usize].requirement {
        Requirement::Required => 0,
        Requirement::Optional { .. } => 1,
    };
    match absences {
        Some(a) => pool.sort_by_key(|&j| (std::cmp::Reverse(a[j as usize]), required_first(j))),
        None if rng.chance(0.5) => pool.sort_by_key(|&j| required_first(j)),
        None => {}
    }
}
