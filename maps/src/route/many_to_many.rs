//! Many-to-many tables with buckets (Knopp et al., 2007): one upward search from each target
//! leaves `(target, distance)` in a bucket at every node it settles; one upward search from
//! each source then reads the buckets of the nodes it settles. A table costs one small search
//! per row and per column instead of one search per cell.

use super::search::Workspace;
use super::{Cost, Router, Seed};

impl Router {
    /// Fastest-path costs from every source to every target, row-major;
    /// [`Cost::INFINITE`] where no path exists. Each point is given by its seeds.
    pub fn table(&self, sources: &[Vec<Seed>], targets: &[Vec<Seed>]) -> Vec<Cost> {
        let n = self.node_count();
        let cols = targets.len();
        let mut ws = Workspace::new(n);
        let mut entries: Vec<(u32, u32, u64)> = Vec::new();
        for (j, t) in targets.iter().enumerate() {
            ws.upward(&self.down, &self.up, self.rank_seeds(t), |v, d| {
                entries.push((v, j as u32, d));
            });
        }
        let (first, bucket) = buckets(n, &entries);
        let mut best = vec![u64::MAX; sources.len() * cols];
        for (row, s) in best.chunks_mut(cols.max(1)).zip(sources) {
            ws.upward(&self.up, &self.down, self.rank_seeds(s), |v, d| {
                let range = first[v as usize] as usize..first[v as usize + 1] as usize;
                for &(j, up) in &bucket[range] {
                    let cell = &mut row[j as usize];
                    *cell = (*cell).min(d.saturating_add(up));
                }
            });
        }
        best.into_iter().map(Cost).collect()
    }
}

/// Groups `(node, target, distance)` entries by node (counting sort).
fn buckets(n: usize, entries: &[(u32, u32, u64)]) -> (Vec<u32>, Vec<(u32, u64)>) {
    let mut first = vec![0u32; n + 1];
    for &(v, _, _) in entries {
        first[v as usize + 1] += 1;
    }
    for v in 0..n {
        first[v + 1] += first[v];
    }
    let mut next = first.clone();
    let mut bucket = vec![(0u32, 0u64); entries.len()];
    for &(v, j, d) in entries {
        bucket[next[v as usize] as usize] = (j, d);
        next[v as usize] += 1;
    }
    (first, bucket)
}
