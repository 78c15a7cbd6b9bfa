//! The covering problem's data, its greedy answer and (for small cases) its exhaustive answer.
//!
//! Greedy — take the site that adds the most uncovered population, K times — is what one does by
//! hand, and it is usually good; it is reported next to the exact answer of [`super::mclp`] so
//! the gap shows when the exact model matters.

use super::{Radius, Reach};

/// Which demand points (communes) each candidate site covers, and their weights (population).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverProblem {
    pub weights: Vec<u64>,
    /// For each candidate, the indices of the demand points it covers, ascending.
    pub covers: Vec<Vec<u32>>,
}

/// K chosen candidates (ascending indices) and the weight they cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub sites: Vec<usize>,
    pub covered: u64,
}

impl CoverProblem {
    /// From travel times of demand points (rows) to candidates (columns).
    pub fn from_reach(reach: &Reach, weights: &[u32], radius: Radius) -> CoverProblem {
        assert_eq!(reach.points, weights.len(), "one weight per demand point");
        let covers = (0..reach.sites)
            .map(|s| {
                (0..reach.points)
                    .filter(|&p| radius.covers(reach.time(p, s), reach.distance(p, s)))
                    .map(|p| p as u32)
                    .collect()
            })
            .collect();
        CoverProblem {
            weights: weights.iter().map(|&w| u64::from(w)).collect(),
            covers,
        }
    }

    pub fn candidates(&self) -> usize {
        self.covers.len()
    }

    /// Weight covered by a set of candidates.
    pub fn value(&self, chosen: &[usize]) -> u64 {
        let mut covered = vec![false; self.weights.len()];
        for &c in chosen {
            for &p in &self.covers[c] {
                covered[p as usize] = true;
            }
        }
        covered
            .iter()
            .zip(&self.weights)
            .filter(|(c, _)| **c)
            .map(|(_, w)| w)
            .sum()
    }

    /// A choice from candidate indices, sorted, with its covered weight.
    pub fn choice(&self, mut sites: Vec<usize>) -> Choice {
        sites.sort_unstable();
        sites.dedup();
        let covered = self.value(&sites);
        Choice { sites, covered }
    }
}

/// Greedy: K times, the candidate that adds the most uncovered weight (lowest index on ties).
/// `k` must not exceed the number of candidates.
pub fn greedy(problem: &CoverProblem, k: usize) -> Choice {
    let mut covered = vec![false; problem.weights.len()];
    let mut taken = vec![false; problem.candidates()];
    let mut sites = Vec::with_capacity(k);
    for _ in 0..k.min(problem.candidates()) {
        let gain = |c: usize| -> u64 {
            problem.covers[c]
                .iter()
                .filter(|&&p| !covered[p as usize])
                .map(|&p| problem.weights[p as usize])
                .sum()
        };
        let best = (0..problem.candidates())
            .filter(|&c| !taken[c])
            .map(|c| (gain(c), c))
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
        let Some((_, c)) = best else { break };
        taken[c] = true;
        sites.push(c);
        for &p in &problem.covers[c] {
            covered[p as usize] = true;
        }
    }
    problem.choice(sites)
}

/// Tries every set of `k` candidates: the reference answer for small cases (it grows as
/// C(n, k)). Ties go to the lexicographically first set.
pub fn exhaustive(problem: &CoverProblem, k: usize) -> Choice {
    let n = problem.candidates();
    let k = k.min(n);
    let mut idx: Vec<usize> = (0..k).collect();
    let mut best = problem.choice(idx.clone());
    loop {
        // Next combination in lexicographic order.
        let Some(i) = (0..k).rev().find(|&i| idx[i] < n - k + i) else {
            return best;
        };
        idx[i] += 1;
        for j in i + 1..k {
            idx[j] = idx[j - 1] + 1;
        }
        let value = problem.value(&idx);
        if value > best.covered {
            best = Choice {
                sites: idx.clone(),
                covered: value,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook trap for greedy: one big central site, two sites that split the territory.
    pub fn trap() -> CoverProblem {
        CoverProblem {
            weights: vec![10, 10, 10, 10],
            covers: vec![vec![1, 2], vec![0, 1], vec![2, 3]],
        }
    }

    #[test]
    fn greedy_falls_into_the_trap_and_exhaustive_does_not() {
        let p = trap();
        let g = greedy(&p, 2);
        assert_eq!(
            g,
            Choice {
                sites: vec![0, 1],
                covered: 30
            }
        );
        let e = exhaustive(&p, 2);
        assert_eq!(
            e,
            Choice {
                sites: vec![1, 2],
                covered: 40
            }
        );
    }

    #[test]
    fn builds_cover_sets_from_travel_times() {
        use maps::{Meters, Seconds};
        let reach = Reach::new(
            2,
            2,
            vec![Seconds(600), Seconds(2000), Seconds::MAX, Seconds(1200)],
            vec![Meters(1); 4],
        );
        let p = CoverProblem::from_reach(&reach, &[5, 7], Radius::minutes(20));
        assert_eq!(p.covers, vec![vec![0], vec![1]]);
        assert_eq!(p.value(&[0, 1]), 12);
        assert_eq!(exhaustive(&p, 5).covered, 12);
    }
}
