//! Benchmarks of rebalancing (release builds only).
//!
//! `rebalance_bench latency [--runs 30]`: one referral into the embedded Mauriac week, the
//! library call the terminal UI makes (`planner::rebalance::rebalance`, map already open):
//! median, min and max wall time.
//! `rebalance_bench quality [--people 0] [--workers 5] [--referrals 100] [--seed 1]`: random
//! referrals (a new person, one in six with an escort) into the default week (`--people 0`) or
//! a generated one; for each, the rebalance, the rebalance allowed to postpone lower-priority
//! visits (`--make-room`), and a full re-optimisation from scratch of the same week with the
//! same engine and the same wall-time budget as the rebalance took (and, with
//! `--long-budget S`, with S seconds). Prints the share of referrals planned, the mean number of
//! announced visits changed (tolerance 30 min), the mean drive time and wall time.

use clap::{Parser, Subcommand};
use maps::places::Gazetteer;
use planner::engine::{self, RouteItem, SolverConfig, StopRule};
use planner::rebalance::{
    Change, Key, Placement, RebalanceOptions, Referral, changes, placements, rebalance,
};
use planner::week::build::Instance;
use planner::week::generate::{GenerateOptions, generate};
use planner::week::pipeline::{DEFAULT_SCENARIO, plan_weeks};
use planner::week::plan::{Plan, PlanMeta, make_plan};
use planner::week::roads::Roads;
use planner::week::solve::SolveOptions;
use planner::week::{Horizon, MapBounds, Scenario, validate};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    Latency {
        #[arg(long, default_value_t = 30)]
        runs: usize,
    },
    Quality {
        /// 0: the embedded default week; otherwise a generated scenario of this many people.
        #[arg(long, default_value_t = 0)]
        people: usize,
        #[arg(long, default_value_t = 5)]
        workers: usize,
        #[arg(long, default_value_t = 100)]
        referrals: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also re-optimise from scratch with this many seconds (0: skip).
        #[arg(long, default_value_t = 0.0)]
        long_budget: f64,
    },
}

const WEEK: &str = "2026-W49";

const EXAMPLE: &str = "referrer = \"France Services\"\n\n[[people]]\nid = \"B20\"\ncommune = \"Vebret\"\nvisit_minutes = 45\nfrequency = \"hebdomadaire\"\nwindows = { tous = \"après-midi\" }\npriority = 4\n";

fn main() -> anyhow::Result<()> {
    match Args::parse().cmd {
        Cmd::Latency { runs } => latency(runs),
        Cmd::Quality {
            people,
            workers,
            referrals,
            seed,
            long_budget,
        } => quality(people, workers, referrals, seed, long_budget),
    }
}

/// The week planned by `tournee plan`'s pipeline on the embedded map.
fn planned(text: &str) -> anyhow::Result<(Scenario, Roads, Plan)> {
    let s =
        validate(text, "scenario.toml", MapBounds::cantal()).map_err(|d| anyhow::anyhow!("{d}"))?;
    let roads = Roads::open(&s.team.map, std::path::Path::new("."))?;
    let h = Horizon::parse_week(WEEK, 1)?;
    let opts = SolveOptions::new(1, Duration::from_secs(10));
    let p = plan_weeks(&s, h, &roads, &opts, &mut |_| {})?;
    anyhow::ensure!(p.violations.is_empty(), "the starting plan breaks rules");
    Ok((s, roads, p.plan))
}

fn latency(runs: usize) -> anyhow::Result<()> {
    let t = Instant::now();
    let roads = Roads::open(
        &planner::week::model::MapChoice::Embedded,
        std::path::Path::new("."),
    )?;
    let open = t.elapsed();
    let (_, _, plan) = planned(DEFAULT_SCENARIO)?;
    let change = Change {
        referral: Some(Referral::parse(EXAMPLE, "b20.toml").map_err(|d| anyhow::anyhow!("{d}"))?),
        ..Change::default()
    };
    let mut times = Vec::new();
    let mut last = String::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out = rebalance(&plan, &change, &roads, &RebalanceOptions::default())?;
        times.push(t.elapsed());
        last = out.diff.summary().en;
    }
    times.sort();
    println!(
        "default week, one referral, {} runs: median {:.1} ms, min {:.1} ms, max {:.1} ms (map opened once in {:.0} ms) — {last}",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        ms(open)
    );
    Ok(())
}

/// One way of absorbing a referral, summed over the referrals.
#[derive(Default)]
struct Tally {
    planned: usize,
    changed: usize,
    drive_s: i64,
    visits: usize,
    wall: Duration,
    runs: usize,
}

impl Tally {
    fn add(&mut self, planned: bool, changed: usize, plan: &Plan, wall: Duration) {
        self.planned += usize::from(planned);
        self.changed += changed;
        self.drive_s += plan.totals.drive_s;
        self.visits += plan.totals.visits_planned;
        self.wall += wall;
        self.runs += 1;
    }

    fn row(&self, name: &str) -> String {
        let n = self.runs.max(1) as f64;
        format!(
            "| {name} | {:.0} % ({}/{}) | {:.2} | {:.1} | {:.1} h | {:.0} ms |",
            100.0 * self.planned as f64 / n,
            self.planned,
            self.runs,
            self.changed as f64 / n,
            self.visits as f64 / n,
            self.drive_s as f64 / n / 3600.0,
            self.wall.as_secs_f64() * 1000.0 / n
        )
    }
}

/// The four ways of absorbing the referrals, and what they are compared against.
struct Bench {
    plan: Plan,
    roads: Roads,
    announced: BTreeMap<Key, Placement>,
    long: f64,
    tallies: [Tally; 4],
}

fn quality(
    people: usize,
    workers: usize,
    referrals: usize,
    seed: u64,
    long: f64,
) -> anyhow::Result<()> {
    let text = if people == 0 {
        DEFAULT_SCENARIO.to_string()
    } else {
        generate(GenerateOptions {
            people,
            workers,
            weeks: 1,
            seed: 7,
        })
    };
    let (_, roads, plan) = planned(&text)?;
    let announced = placements(&plan)
        .into_iter()
        .filter(|(k, _)| k.is_personal())
        .collect();
    let mut bench = Bench {
        plan,
        roads,
        announced,
        long,
        tallies: Default::default(),
    };
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let communes: Vec<String> = Gazetteer::cantal()
        .in_arrondissement("Mauriac")
        .map(|c| c.name.clone())
        .collect();
    let (mut i, mut refused) = (0, 0);
    while bench.tallies[0].runs < referrals {
        i += 1;
        let text = random_referral(&mut rng, &communes, i);
        let referral = Referral::parse(&text, "r.toml").map_err(|d| anyhow::anyhow!("{d}"))?;
        if !bench.one(referral, &format!("R{i}"))? {
            refused += 1;
        }
    }
    let name = if people == 0 {
        "default week".to_string()
    } else {
        format!("generated {people} people, {workers} workers, seed 7")
    };
    let x = &bench.plan.totals;
    println!(
        "{name}: {referrals} random referrals (seed {seed}; {refused} more refused by validation); before: {}/{} visits, drive {:.1} h",
        x.visits_planned,
        x.visits_due,
        x.drive_s as f64 / 3600.0
    );
    println!(
        "| how | referral planned | mean visits changed | mean visits planned | mean drive | mean wall |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let names = [
        "rebalance".to_string(),
        "rebalance --make-room".to_string(),
        "from scratch, same time".to_string(),
        format!("from scratch, {long} s"),
    ];
    for (t, n) in bench.tallies.iter().zip(names) {
        if t.runs > 0 {
            println!("{}", t.row(&n));
        }
    }
    Ok(())
}

impl Bench {
    /// One referral absorbed every way; false if validation refuses it.
    fn one(&mut self, referral: Referral, id: &str) -> anyhow::Result<bool> {
        let change = Change {
            referral: Some(referral),
            ..Change::default()
        };
        let mut took = Duration::ZERO;
        let mut scenario = None;
        for (k, make_room) in [false, true].into_iter().enumerate() {
            let opts = RebalanceOptions {
                make_room,
                ..RebalanceOptions::default()
            };
            let t = Instant::now();
            let out = match rebalance(&self.plan, &change, &self.roads, &opts) {
                Ok(out) => out,
                // Windows on days no pair works: the referral is drawn again.
                Err(planner::rebalance::RebalanceError::Referral(_)) => return Ok(false),
                Err(e) => return Err(e.into()),
            };
            let elapsed = t.elapsed();
            let placed = out.diff.added.iter().any(|a| a.item.id == id);
            self.tallies[k].add(placed, out.diff.changed_visits, &out.plan, elapsed);
            if k == 0 {
                took = elapsed;
                scenario = Some(out.scenario);
            }
        }
        let Some(scenario) = scenario else {
            return Ok(false);
        };
        let mut budgets = vec![(2, took)];
        if self.long > 0.0 {
            budgets.push((3, Duration::from_secs_f64(self.long)));
        }
        for (k, budget) in budgets {
            let t = Instant::now();
            let (p, placed) = scratch(&scenario, &self.plan, &self.roads, id, budget)?;
            let c = changes(&self.announced, &placements(&p), 1800).0;
            self.tallies[k].add(placed, c, &p, t.elapsed());
        }
        Ok(true)
    }
}

/// The week with the referral re-optimised from nothing, with the same engine.
fn scratch(
    s: &Scenario,
    old: &Plan,
    roads: &Roads,
    id: &str,
    budget: Duration,
) -> anyhow::Result<(Plan, bool)> {
    let inst = Instance::new(s, old.horizon());
    let travel = roads.travel(&inst.points());
    let problem = inst.problem(&travel);
    let config = SolverConfig {
        seed: 1,
        stop: StopRule::time(budget),
        initial: None,
        ..SolverConfig::default()
    };
    let r = engine::solve(&problem, &config, &mut |_| {});
    let meta = PlanMeta {
        seed: 1,
        map: roads.name(),
        cost: r.cost.total.0,
    };
    let plan = make_plan(&inst, &problem, &r.solution, meta);
    let placed = r
        .solution
        .routes
        .iter()
        .flat_map(|r| &r.items)
        .any(|item| match item {
            RouteItem::Job(j) => problem.jobs[*j].label == id,
            RouteItem::Lunch => false,
        });
    Ok((plan, placed))
}

fn random_referral(rng: &mut Xoshiro256PlusPlus, communes: &[String], i: usize) -> String {
    let commune = &communes[rng.random_range(0..communes.len())];
    let minutes = [30, 45, 60, 90][rng.random_range(0..4)];
    let frequency = ["hebdomadaire", "quinzaine", "mensuel"][rng.random_range(0..3)];
    let days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];
    let windows = match rng.random_range(0..3) {
        0 => "tous = \"après-midi\"".to_string(),
        1 => "semaine = \"14:00-17:30\"".to_string(),
        _ => {
            let a = days[rng.random_range(0..5)];
            let b = days[rng.random_range(0..5)];
            if a == b {
                format!("{a} = \"après-midi\"")
            } else {
                format!("{a} = \"après-midi\", {b} = \"13:30-16:30\"")
            }
        }
    };
    let priority = rng.random_range(1..=5);
    let mut text = format!(
        "referrer = \"bench\"\n\n[[people]]\nid = \"R{i}\"\ncommune = \"{commune}\"\nvisit_minutes = {minutes}\nfrequency = \"{frequency}\"\nwindows = {{ {windows} }}\npriority = {priority}\n"
    );
    if rng.random_range(0..6) == 0 {
        let day = days[rng.random_range(1..5)];
        let at = ["10:00", "14:30", "15:30"][rng.random_range(0..3)];
        text.push_str(&format!(
            "\n[[escorts]]\nid = \"RE{i}\"\nperson = \"R{i}\"\ndestination = {{ commune = \"Mauriac\", label = \"gendarmerie\" }}\nday = \"{day}\"\nappointment = \"{at}\"\nminutes_there = 45\n"
        ));
    }
    text
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
