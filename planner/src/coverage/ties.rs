//! Breaking ties between equally good site choices.
//!
//! With a generous radius many sets of K sites reach the same population (often everyone), and
//! the solver returns whichever it met first: two hamlets at the edge may "cover" the territory
//! as well as the two towns. Among choices covering as many people, the team would rather have
//! sites close to most people, so the exact choice is polished by swaps that keep its covered
//! population and lower the population-weighted travel time to the nearest chosen site. The
//! covered population, and so optimality, never changes.

use super::Reach;
use super::greedy::{Choice, CoverProblem};
use maps::Seconds;

/// What an unreachable commune costs in the weighted time: more than any real trip.
const UNREACHABLE_S: u64 = 24 * 3600;

/// Population-weighted travel time to the nearest of `sites` (rows of `reach`: demand points,
/// columns: candidates).
pub fn weighted_time(reach: &Reach, weights: &[u32], sites: &[usize]) -> u64 {
    (0..reach.points)
        .map(|p| {
            let best = sites
                .iter()
                .map(|&s| reach.time(p, s))
                .filter(|&t| t != Seconds::MAX)
                .map(|t| u64::from(t.0))
                .min()
                .unwrap_or(UNREACHABLE_S);
            u64::from(weights[p]) * best
        })
        .sum()
}

/// Best-improvement swaps (one site out, one candidate in) that keep the covered population
/// and lower the weighted travel time, until none is left.
pub fn prefer_nearer(
    problem: &CoverProblem,
    reach: &Reach,
    weights: &[u32],
    choice: Choice,
) -> Choice {
    let mut sites = choice.sites.clone();
    let mut cost = weighted_time(reach, weights, &sites);
    for _ in 0..100 {
        let mut best: Option<(u64, usize, usize)> = None;
        for out in 0..sites.len() {
            for cand in 0..problem.candidates() {
                if sites.contains(&cand) {
                    continue;
                }
                let mut trial = sites.clone();
                trial[out] = cand;
                let c = weighted_time(reach, weights, &trial);
                if c < best.map_or(cost, |b| b.0) && problem.value(&trial) >= choice.covered {
                    best = Some((c, out, cand));
                }
            }
        }
        let Some((c, out, cand)) = best else { break };
        sites[out] = cand;
        cost = c;
    }
    problem.choice(sites)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::Radius;
    use maps::Meters;

    #[test]
    fn keeps_coverage_and_moves_to_the_town() {
        // Two points (a town of 100, a hamlet of 1) and three candidates: the hamlet, a place
        // between, and the town. Within 60 min every candidate covers both points.
        let t = |m: u32| Seconds(m * 60);
        let reach = Reach::new(
            2,
            3,
            vec![t(50), t(20), t(0), t(0), t(20), t(50)],
            vec![Meters(1); 6],
        );
        let weights = [100, 1];
        let problem = CoverProblem::from_reach(&reach, &weights, Radius::minutes(60));
        let start = problem.choice(vec![0]);
        assert_eq!(start.covered, 101);
        let polished = prefer_nearer(&problem, &reach, &weights, start);
        assert_eq!(
            polished,
            Choice {
                sites: vec![2],
                covered: 101
            }
        );
        assert_eq!(weighted_time(&reach, &weights, &[2]), 50 * 60);
        assert_eq!(weighted_time(&reach, &weights, &[0]), 100 * 50 * 60);
    }
}
