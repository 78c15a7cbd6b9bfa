//! The K sites that reach the most people: the maximal covering location problem (Church and
//! ReVelle, 1974), solved exactly as a mixed-integer programme with good_lp and microlp.
//!
//! # Model
//!
//! Data: candidates `j ∈ J`, demand points `i ∈ I` with population `w_i`, the number of sites
//! `K`, and `N_i ⊆ J`, the candidates within the radius of `i` by road.
//!
//! Variables: `x_j ∈ {0, 1}` — a site is opened at `j`; `y_i ∈ [0, 1]` — `i` is covered.
//!
//! ```text
//! maximise    Σ_i w_i · y_i
//! subject to  Σ_j x_j = K
//!             y_i ≤ Σ_{j ∈ N_i} x_j      for every i
//!             x_j ∈ {0, 1},  0 ≤ y_i ≤ 1
//! ```
//!
//! `y_i` need not be integer: with `x` integral, the best `y_i` is `min(1, Σ x_j)`, which is
//! 0 or 1.
//!
//! # Reductions (exact: they never change the optimal covered population)
//!
//! - Demand points no candidate reaches are dropped (no choice covers them).
//! - Demand points with the same `N_i` are merged into one, weights summed: they are covered
//!   together or not at all.
//! - A candidate whose covered points are a subset of another's is dropped (dominated); of two
//!   candidates covering the same points, the first listed is kept. Swapping a dominated site
//!   for its dominator never loses coverage. Dropping candidates can make more demand points
//!   identical, so both steps repeat until nothing changes.
//! - If K or fewer candidates remain, they are all chosen and no solver is needed.
//!
//! The greedy answer is given to the solver as its first incumbent, so branch and bound starts
//! with a good lower bound.

use super::CoverageError;
use super::greedy::{Choice, CoverProblem, greedy};
use good_lp::{
    Expression, ProblemVariables, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, WithTimeLimit, microlp, variable,
};
use std::collections::BTreeMap;

/// The exact answer and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExactChoice {
    pub choice: Choice,
    /// False only if the time limit stopped the solver before it proved optimality.
    pub proven_optimal: bool,
    /// Candidates and demand groups left after the reductions.
    pub reduced_candidates: usize,
    pub reduced_demand: usize,
}

/// A reduced problem: merged demand groups and the surviving candidates.
struct Reduced {
    /// Original index of each surviving candidate.
    candidates: Vec<usize>,
    /// Weight of each demand group.
    weights: Vec<u64>,
    /// For each demand group, the surviving candidates (positions in `candidates`) covering it.
    covered_by: Vec<Vec<u32>>,
}

/// How the exact model is strengthened; both on by default. Off only to measure what they
/// bring (see the `coverage` benchmark).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    pub reduce: bool,
    pub warm_start: bool,
    pub time_limit_s: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            reduce: true,
            warm_start: true,
            time_limit_s: 60.0,
        }
    }
}

/// Solves the covering problem exactly for `k` sites (`1 ≤ k ≤ candidates`).
pub fn solve(
    problem: &CoverProblem,
    k: usize,
    time_limit_s: f64,
) -> Result<ExactChoice, CoverageError> {
    solve_with(
        problem,
        k,
        Options {
            time_limit_s,
            ..Options::default()
        },
    )
}

/// [`solve`] with the strengthening steps chosen.
pub fn solve_with(
    problem: &CoverProblem,
    k: usize,
    options: Options,
) -> Result<ExactChoice, CoverageError> {
    let n = problem.candidates();
    if k == 0 || k > n {
        return Err(CoverageError::BadChoice { k, candidates: n });
    }
    let incumbent = greedy(problem, k);
    let reduced = if options.reduce {
        reduce(problem)
    } else {
        unreduced(problem)
    };
    let (rc, rd) = (reduced.candidates.len(), reduced.weights.len());
    let start = options.warm_start.then_some(&incumbent);
    let (sites, proven) = if rc <= k {
        (reduced.candidates.clone(), true)
    } else {
        solve_reduced(&reduced, k, start, options.time_limit_s)?
    };
    let mut choice = problem.choice(pad(sites, k, n));
    // The incumbent is feasible: a solver stopped early must not return anything worse.
    if choice.covered < incumbent.covered {
        choice = incumbent;
    }
    Ok(ExactChoice {
        choice,
        proven_optimal: proven,
        reduced_candidates: rc,
        reduced_demand: rd,
    })
}

/// The problem as it is, without reductions.
fn unreduced(p: &CoverProblem) -> Reduced {
    let mut covered_by = vec![Vec::new(); p.weights.len()];
    for (c, points) in p.covers.iter().enumerate() {
        for &q in points {
            covered_by[q as usize].push(c as u32);
        }
    }
    Reduced {
        candidates: (0..p.candidates()).collect(),
        weights: p.weights.clone(),
        covered_by,
    }
}

/// Adds unchosen candidates (lowest index first) until there are `k`: extra sites never
/// uncover anyone.
fn pad(mut sites: Vec<usize>, k: usize, n: usize) -> Vec<usize> {
    let mut next = 0;
    while sites.len() < k && next < n {
        if !sites.contains(&next) {
            sites.push(next);
        }
        next += 1;
    }
    sites
}

fn reduce(problem: &CoverProblem) -> Reduced {
    let mut alive: Vec<usize> = (0..problem.candidates()).collect();
    // For each demand point, the candidates covering it.
    let mut by_point: Vec<Vec<u32>> = vec![Vec::new(); problem.weights.len()];
    for (c, points) in problem.covers.iter().enumerate() {
        for &p in points {
            by_point[p as usize].push(c as u32);
        }
    }
    loop {
        let groups = group_demand(&by_point, &problem.weights, &alive);
        let before = alive.len();
        alive = undominated(&groups, &alive);
        if alive.len() == before {
            return to_reduced(groups, alive);
        }
    }
}

/// Demand groups (merged by identical covering candidates among `alive`): covering set → weight.
fn group_demand(
    by_point: &[Vec<u32>],
    weights: &[u64],
    alive: &[usize],
) -> BTreeMap<Vec<u32>, u64> {
    let mut is_alive = vec![
        false;
        by_point
            .iter()
            .flatten()
            .max()
            .map_or(0, |&m| m as usize + 1)
    ];
    for &c in alive {
        if c < is_alive.len() {
            is_alive[c] = true;
        }
    }
    let mut groups: BTreeMap<Vec<u32>, u64> = BTreeMap::new();
    for (p, cands) in by_point.iter().enumerate() {
        let key: Vec<u32> = cands
            .iter()
            .copied()
            .filter(|&c| is_alive[c as usize])
            .collect();
        if !key.is_empty() && weights[p] > 0 {
            *groups.entry(key).or_default() += weights[p];
        }
    }
    groups
}

/// Candidates whose set of covered groups is not inside another's.
fn undominated(groups: &BTreeMap<Vec<u32>, u64>, alive: &[usize]) -> Vec<usize> {
    let words = groups.len().div_ceil(64);
    let position = |c: usize| alive.binary_search(&c).ok();
    let mut sets = vec![vec![0u64; words]; alive.len()];
    for (g, cands) in groups.keys().enumerate() {
        for &c in cands {
            if let Some(i) = position(c as usize) {
                sets[i][g / 64] |= 1 << (g % 64);
            }
        }
    }
    let subset = |a: &[u64], b: &[u64]| a.iter().zip(b).all(|(x, y)| x & !y == 0);
    (0..alive.len())
        .filter(|&i| {
            !(0..alive.len())
                .any(|j| j != i && subset(&sets[i], &sets[j]) && (sets[i] != sets[j] || j < i))
        })
        .map(|i| alive[i])
        .collect()
}

fn to_reduced(groups: BTreeMap<Vec<u32>, u64>, alive: Vec<usize>) -> Reduced {
    let mut weights = Vec::with_capacity(groups.len());
    let mut covered_by = Vec::with_capacity(groups.len());
    for (cands, w) in groups {
        let local: Vec<u32> = cands
            .iter()
            .filter_map(|&c| alive.binary_search(&(c as usize)).ok().map(|i| i as u32))
            .collect();
        if !local.is_empty() {
            weights.push(w);
            covered_by.push(local);
        }
    }
    Reduced {
        candidates: alive,
        weights,
        covered_by,
    }
}

/// The MILP of the module documentation on the reduced problem; returns original indices.
fn solve_reduced(
    r: &Reduced,
    k: usize,
    incumbent: Option<&Choice>,
    time_limit_s: f64,
) -> Result<(Vec<usize>, bool), CoverageError> {
    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = vars.add_vector(variable().binary(), r.candidates.len());
    let y: Vec<Variable> = vars.add_vector(variable().min(0).max(1), r.weights.len());
    let objective: Expression = y.iter().zip(&r.weights).map(|(&v, &w)| w as f64 * v).sum();
    let mut model = vars
        .maximise(objective)
        .using(microlp)
        .with_time_limit(time_limit_s);
    if let Some(incumbent) = incumbent {
        model = model.with_initial_solution(warm_start(r, incumbent, &x, &y));
    }
    let total: Expression = x.iter().copied().sum();
    model.add_constraint(total.eq(k as f64));
    for (g, cands) in r.covered_by.iter().enumerate() {
        let reach: Expression = cands.iter().map(|&c| x[c as usize]).sum();
        model.add_constraint(Expression::from(y[g]).leq(reach));
    }
    let solution = model
        .solve()
        .map_err(|e| CoverageError::Solver(e.to_string()))?;
    let proven = matches!(solution.status(), SolutionStatus::Optimal);
    let sites = x
        .iter()
        .enumerate()
        .filter(|(_, v)| solution.value(**v) > 0.5)
        .map(|(i, _)| r.candidates[i])
        .collect();
    Ok((sites, proven))
}

/// The greedy choice as values of `x` and `y` (greedy sites that were reduced away are
/// replaced by surviving ones, which the problem allows).
fn warm_start(
    r: &Reduced,
    incumbent: &Choice,
    x: &[Variable],
    y: &[Variable],
) -> Vec<(Variable, f64)> {
    let mut open: Vec<bool> = r
        .candidates
        .iter()
        .map(|c| incumbent.sites.contains(c))
        .collect();
    let mut count = open.iter().filter(|o| **o).count();
    for o in open.iter_mut() {
        if count >= incumbent.sites.len() {
            break;
        }
        if !*o {
            *o = true;
            count += 1;
        }
    }
    let mut start: Vec<(Variable, f64)> = x
        .iter()
        .zip(&open)
        .map(|(&v, &o)| (v, if o { 1.0 } else { 0.0 }))
        .collect();
    for (g, cands) in r.covered_by.iter().enumerate() {
        let hit = cands.iter().any(|&c| open[c as usize]);
        start.push((y[g], if hit { 1.0 } else { 0.0 }));
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::greedy::exhaustive;
    use proptest::prelude::*;

    #[test]
    fn beats_greedy_on_its_trap() {
        let p = CoverProblem {
            weights: vec![10, 10, 10, 10],
            covers: vec![vec![1, 2], vec![0, 1], vec![2, 3]],
        };
        let e = solve(&p, 2, 10.0).unwrap();
        assert_eq!(
            e.choice,
            Choice {
                sites: vec![1, 2],
                covered: 40
            }
        );
        assert!(e.proven_optimal);
        assert_eq!(greedy(&p, 2).covered, 30);
    }

    #[test]
    fn reductions_merge_and_drop() {
        // Candidate 2 is dominated by 0; points 0 and 1 share the same coverers; 3 is unreachable.
        let p = CoverProblem {
            weights: vec![5, 6, 7, 100],
            covers: vec![vec![0, 1, 2], vec![2], vec![0, 1], vec![]],
        };
        let r = reduce(&p);
        assert_eq!(r.candidates, vec![0]);
        assert_eq!(r.weights, vec![18]);
        let e = solve(&p, 2, 10.0).unwrap();
        assert_eq!(e.choice.covered, 18);
        assert_eq!(e.choice.sites.len(), 2);
    }

    #[test]
    fn refuses_impossible_k() {
        let p = CoverProblem {
            weights: vec![1],
            covers: vec![vec![0]],
        };
        assert!(matches!(
            solve(&p, 0, 1.0),
            Err(CoverageError::BadChoice { .. })
        ));
        assert!(matches!(
            solve(&p, 2, 1.0),
            Err(CoverageError::BadChoice { .. })
        ));
    }

    fn small_problem() -> impl Strategy<Value = (CoverProblem, usize)> {
        (2usize..9, 1usize..12).prop_flat_map(|(n, m)| {
            (
                proptest::collection::vec(0u64..50, m),
                proptest::collection::vec(proptest::collection::vec(any::<bool>(), m), n),
                1..=n,
            )
                .prop_map(|(weights, rows, k)| {
                    let covers = rows
                        .iter()
                        .map(|r| (0..r.len() as u32).filter(|&p| r[p as usize]).collect())
                        .collect();
                    (CoverProblem { weights, covers }, k)
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, rng_seed: proptest::test_runner::RngSeed::Fixed(6), ..ProptestConfig::default() })]
        #[test]
        fn plain_model_matches_exhaustive((p, k) in small_problem()) {
            let (sites, proven) = solve_reduced(&unreduced(&p), k, None, 30.0).unwrap();
            prop_assert!(proven);
            prop_assert_eq!(sites.len(), k);
            prop_assert_eq!(p.value(&sites), exhaustive(&p, k).covered);
        }

        #[test]
        fn exact_matches_exhaustive_and_never_loses_to_greedy((p, k) in small_problem()) {
            let e = solve(&p, k, 30.0).unwrap();
            prop_assert!(e.proven_optimal);
            prop_assert_eq!(e.choice.sites.len(), k);
            prop_assert_eq!(e.choice.covered, p.value(&e.choice.sites));
            prop_assert_eq!(e.choice.covered, exhaustive(&p, k).covered);
            prop_assert!(e.choice.covered >= greedy(&p, k).covered);
        }
    }
}
