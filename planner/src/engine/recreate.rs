//! Greedy reinsertion of the jobs left out, in a randomly chosen order, each at its cheapest
//! feasible place (with SISR's blinks). Optional jobs go in only when that is cheaper than
//! their penalty.

use super::eject::best_ejection;
use super::insert::{Blink, Insertion, best_insertion, best_two};
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
    /// Insert by regret (the job losing most if not put in its best route goes first)
    /// instead of in a chosen order.
    pub regret: bool,
    /// A required job that fits nowhere pushes out the job whose removal costs least, which
    /// looks for a place in turn (up to this many times).
    pub chain: usize,
}

/// Reinserts `removed` and up to as many other unassigned jobs.
pub(crate) fn reinsert(
    inst: &Instance,
    state: &mut State,
    rng: &mut Rng,
    removed: &[Node],
    how: Recreate,
) {
    let placeable = |j: Node| inst.fits_alone[j as usize];
    let mut pool: Vec<Node> = removed.iter().copied().filter(|&j| placeable(j)).collect();
    // Every required job left out, and a sample of the optional ones.
    let mut optional: Vec<Node> = Vec::new();
    for &j in &state.unassigned {
        if removed.contains(&j) || !placeable(j) {
            continue;
        }
        if is_required(inst, j) {
            pool.push(j);
        } else {
            optional.push(j);
        }
    }
    let limit = removed.len().max(8);
    if optional.len() > limit {
        rng.shuffle(&mut optional);
        optional.truncate(limit);
    }
    pool.extend(optional);
    order(inst, rng, &mut pool, how.absences);
    let mut blink = Blink::new(rng, how.blink_rate, how.closed);
    if how.regret {
        by_regret(inst, state, &mut blink, pool, how.force);
        return;
    }
    for &job in &pool {
        match best_insertion(inst, state, job, &mut blink) {
            Some(ins) if how.force || worth_it(inst, job, ins.delta) => ins.apply(inst, state, job),
            Some(_) => {}
            None if how.chain > 0 && is_required(inst, job) => {
                eject_chain(inst, state, &mut blink, job, how.chain);
            }
            None => {}
        }
    }
}

/// Regret-2 insertion: repeatedly insert the job whose best route beats its second best by
/// the most (a job with a single possible route first).
fn by_regret(
    inst: &Instance,
    state: &mut State,
    blink: &mut Blink,
    mut pool: Vec<Node>,
    force: bool,
) {
    while !pool.is_empty() {
        let mut pick: Option<(usize, Insertion, i64)> = None;
        let mut k = 0;
        while k < pool.len() {
            let job = pool[k];
            let (best, second) = best_two(inst, state, job, blink);
            match best {
                Some(ins) if force || worth_it(inst, job, ins.delta) => {
                    let regret = second.map_or(i64::MAX, |s| (s - ins.delta).0);
                    if pick.is_none_or(|p| regret > p.2) {
                        pick = Some((k, ins, regret));
                    }
                    k += 1;
                }
                // Fits nowhere now, so nowhere later either.
                _ => {
                    pool.swap_remove(k);
                }
            }
        }
        let Some((k, ins, _)) = pick else { return };
        let job = pool.swap_remove(k);
        ins.apply(inst, state, job);
    }
}

fn is_required(inst: &Instance, job: Node) -> bool {
    inst.problem.jobs[job as usize].requirement == Requirement::Required
}

/// Fits `job` by pushing out the cheapest single job, which then looks for a place, and so on.
fn eject_chain(inst: &Instance, state: &mut State, blink: &mut Blink, job: Node, depth: usize) {
    let mut v = job;
    for _ in 0..depth {
        let Some(e) = best_ejection(inst, state, v, &inst.ones, blink.rng(), (1, 0)) else {
            return;
        };
        let Some(out) = e.first_out(state) else {
            return;
        };
        e.apply(inst, state, v);
        if let Some(ins) = best_insertion(inst, state, out, blink) {
            ins.apply(inst, state, out);
            return;
        }
        v = out;
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
