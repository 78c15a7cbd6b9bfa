//! Coverage study timings (release): the table for the arrondissement of Mauriac and five sites
//! once the map is loaded (target ≤ 200 ms), and the exact choice of 5 sites among the 246
//! communes of Cantal for the department's population (target ≤ 5 s).
//!
//! `cargo bench -p tournee-benches --bench coverage`, on the shipped synthetic map of Cantal
//! (`fixtures/maps/cantal-synth.graph`, built into tournee), loaded once outside the timings.

use criterion::{Criterion, criterion_group, criterion_main};
use maps::places::Gazetteer;
use planner::coverage::greedy::{CoverProblem, greedy};
use planner::coverage::study::{self, Request};
use planner::coverage::territory::resolve_sites;
use planner::coverage::{Radius, Territory, TravelTimes, mclp};
use std::hint::black_box;
use std::time::{Duration, Instant};

const FIVE: [&str; 5] = [
    "Mauriac",
    "Ydes",
    "Riom-ès-Montagnes",
    "Pleaux",
    "Saint-Martin-Valmeroux",
];

fn table(c: &mut Criterion) {
    let travel = maps::synth::cantal().expect("built-in map");
    let g = Gazetteer::cantal();
    let sites = resolve_sites(g, &FIVE).expect("sites");
    c.bench_function(
        "coverage table: Mauriac, 55 communes × 5 sites, 3 radii",
        |b| {
            b.iter(|| {
                let req = Request {
                    territory: Territory::named(g, "Mauriac").expect("territory"),
                    site_sets: vec![sites.clone()],
                    radii: vec![
                        Radius::minutes(15),
                        Radius::minutes(30),
                        Radius::minutes(45),
                    ],
                    choose: None,
                    people: vec![],
                    people_territory: None,
                    solver_time_limit_s: 60.0,
                };
                black_box(study::run(&travel, req).expect("study"))
            })
        },
    );
}

fn choose(c: &mut Criterion) {
    let travel = maps::synth::cantal().expect("built-in map");
    let cantal = Territory::named(Gazetteer::cantal(), "cantal").expect("territory");
    let reach = travel
        .reach(&cantal.communes, &cantal.communes)
        .expect("reach");
    let weights: Vec<u32> = cantal.communes.iter().map(|c| c.population).collect();
    let mut group = c.benchmark_group("coverage choose 5 of 246 (Cantal)");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for minutes in [15, 20, 30] {
        let problem = CoverProblem::from_reach(&reach, &weights, Radius::minutes(minutes));
        let exact = mclp::solve(&problem, 5, 60.0).expect("solve");
        let g = greedy(&problem, 5);
        eprintln!(
            "{minutes} min: exact {} (proven {}), greedy {}, reduced to {} candidates × {} demand groups",
            exact.choice.covered,
            exact.proven_optimal,
            g.covered,
            exact.reduced_candidates,
            exact.reduced_demand
        );
        variants(&problem, minutes);
        group.bench_function(format!("{minutes} min"), |b| {
            b.iter(|| black_box(mclp::solve(&problem, 5, 60.0).expect("solve")))
        });
    }
    // The whole command's work: travel times 246 × 246, exact and greedy, tie-break.
    group.bench_function("whole study, 30 min", |b| {
        b.iter(|| {
            let req = Request {
                territory: cantal.clone(),
                site_sets: vec![resolve_sites(Gazetteer::cantal(), &FIVE).expect("sites")],
                radii: vec![Radius::minutes(30)],
                choose: Some((5, cantal.communes.clone())),
                people: vec![],
                people_territory: None,
                solver_time_limit_s: 60.0,
            };
            black_box(study::run(&travel, req).expect("study"))
        })
    });
    group.finish();
}

/// One timed run of each strengthening step, to show what each brings.
fn variants(problem: &CoverProblem, minutes: u32) {
    for (name, reduce, warm_start) in [
        ("plain model", false, false),
        ("plain + greedy start", false, true),
        ("reductions only", true, false),
        ("reductions + greedy start", true, true),
    ] {
        let options = mclp::Options {
            reduce,
            warm_start,
            time_limit_s: 120.0,
        };
        let t = Instant::now();
        let e = mclp::solve_with(problem, 5, options).expect("solve");
        eprintln!(
            "  {minutes} min, {name}: {:.3} s, covered {}, proven {}",
            t.elapsed().as_secs_f64(),
            e.choice.covered,
            e.proven_optimal
        );
    }
}

criterion_group!(benches, table, choose);
criterion_main!(benches);
