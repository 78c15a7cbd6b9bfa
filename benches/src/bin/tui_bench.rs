//! Terminal UI benchmark: one frame of each view drawn to a `TestBackend` (80×24 and 160×48),
//! and a visit moved to the next day (re-timing both days, then the week checker), on the
//! default Mauriac week and on a generated 150-person, 8-worker, 4-week scenario.
//!
//! ```sh
//! cargo run --release -p tournee-benches --bin tui_bench             # 300 runs of each
//! cargo run --release -p tournee-benches --bin tui_bench -- --runs 1000
//! ```
//! Prints medians and 90th percentiles; release builds only. Targets: a frame ≤ 16 ms,
//! re-timing after a move ≤ 5 ms.

use clap::Parser;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use planner::week::edit::{self, Edit};
use planner::week::generate::{GenerateOptions, generate};
use planner::week::pipeline::{DEFAULT_SCENARIO, plan_weeks};
use planner::week::plan::StopKind;
use planner::week::roads::Roads;
use planner::week::solve::SolveOptions;
use planner::week::{Horizon, Lang, MapBounds, validate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tui::app::columns::{columns, items};
use tui::app::{Action, App, Event, Session, Store, View};

#[derive(Parser)]
struct Args {
    /// Timed repetitions of each measure.
    #[arg(long, default_value_t = 300)]
    runs: usize,
    /// First ISO week planned.
    #[arg(long, default_value = "2026-W49")]
    week: String,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let generated = generate(GenerateOptions {
        people: 150,
        workers: 8,
        weeks: 4,
        seed: 1,
    });
    let cases = [
        (
            "default week (Mauriac, 16 people, 1 week)",
            DEFAULT_SCENARIO.to_string(),
            1,
        ),
        (
            "generated (150 people, 8 workers, 4 weeks, seed 1)",
            generated,
            4,
        ),
    ];
    for (name, text, weeks) in cases {
        let mut app = open(&text, &args.week, weeks)?;
        let p = &app.session.plan;
        let stops: usize = p.days.iter().map(|d| d.stops.len()).sum();
        println!(
            "\n{name}: {} tours, {stops} lines, {} unplanned",
            p.days.len(),
            p.unplanned.len()
        );
        frames(&mut app, args.runs);
        moves(&mut app, args.runs)?;
    }
    Ok(())
}

/// The scenario planned as `tournee plan` does, in the UI.
fn open(text: &str, week: &str, weeks: u32) -> anyhow::Result<App> {
    let s =
        validate(text, "scenario.toml", MapBounds::cantal()).map_err(|d| anyhow::anyhow!("{d}"))?;
    let horizon = Horizon::parse_week(week, weeks)?;
    let roads = Roads::open(&s.team.map, std::path::Path::new("."))?;
    let opts = SolveOptions::new(1, Duration::from_secs(60));
    let plan = plan_weeks(&s, horizon, &roads, &opts, &mut |_| {})?.plan;
    let session = Session::new(plan, roads)?;
    let store = Store {
        path: PathBuf::from("/nonexistent/plan.json"),
        from_file: false,
    };
    Ok(App::new(session, store, Lang::Fr))
}

fn frames(app: &mut App, runs: usize) {
    let zoomed = [
        (View::Week, 0),
        (View::Map, 0),
        (View::Map, 3),
        (View::People, 0),
        (View::Staff, 0),
    ];
    for (view, zoom) in zoomed {
        app.view = view;
        app.cursor.zoom = zoom;
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
            let t = measure(runs, || {
                // A fresh frame each time: nothing left over from the last one to diff against.
                term.clear().expect("clear");
                term.draw(|f| f.render_widget(&*app, f.area()))
                    .expect("draw");
            });
            let name = match zoom {
                0 => format!("{view:?}"),
                z => format!("{view:?} z{z}"),
            };
            println!("  frame {name:<8} {w:>3}×{h:<3}                 {t}");
        }
    }
    app.view = View::Week;
    app.cursor.zoom = 0;
}

/// The first visit of the first tour, moved to the next column: best place, re-timing, checker.
fn moves(app: &mut App, runs: usize) -> anyhow::Result<()> {
    let cols = columns(&app.session);
    let (c, k, r) = cols
        .iter()
        .enumerate()
        .take(cols.len().saturating_sub(1))
        .find_map(|(c, col)| {
            let list = items(&app.session, col);
            let k = list.iter().position(|r| r.kind == StopKind::Visit)?;
            Some((c, k, list[k].clone()))
        })
        .ok_or_else(|| anyhow::anyhow!("no visit to move"))?;
    let to = &cols[c + 1];
    let crew = match to.tour {
        Some(t) => app.session.plan.days[t].crew.clone(),
        None => app
            .session
            .crew_for(to.date, &r)
            .ok_or_else(|| anyhow::anyhow!("no crew"))?,
    };
    let s = &app.session;
    let position = s.best_position(&r, to.date, &crew)?;
    let t = measure(runs, || {
        let _ = s.best_position(&r, to.date, &crew);
    });
    println!("  best place for {} on {}  {t}", r.id, to.date);
    let e = Edit::Move {
        stop: r.clone(),
        date: to.date,
        crew: crew.clone(),
        position,
    };
    let inst = s.inst();
    let t = measure_with(
        runs,
        || (s.plan.clone(), s.pins.clone()),
        |(mut plan, mut pins)| {
            edit::apply(&mut plan, &mut pins, &inst, s.base(), &e).expect("move");
        },
    );
    println!("  re-timing after the move        {t}");
    let t = measure(runs, || {
        let _ = planner::week::check::check(&s.scenario, &s.plan, &|p| s.roads.travel(p));
    });
    println!("  week checker (whole plan)       {t}");
    drop(inst);
    app.cursor.column = c;
    app.cursor.item = k;
    let key = Event::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT));
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        app.handle(key);
        samples.push(start.elapsed());
        app.apply(Action::Undo);
        app.cursor.column = c;
        app.cursor.item = k;
    }
    println!("  ⇧→ key to new state (all)       {}", Stats::of(samples));
    Ok(())
}

struct Stats {
    median: Duration,
    p90: Duration,
}

impl Stats {
    fn of(mut v: Vec<Duration>) -> Stats {
        v.sort();
        Stats {
            median: v[v.len() / 2],
            p90: v[v.len() * 9 / 10],
        }
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "median {:>7.3} ms  p90 {:>7.3} ms",
            ms(self.median),
            ms(self.p90)
        )
    }
}

fn measure(runs: usize, mut f: impl FnMut()) -> Stats {
    measure_with(runs, || (), |()| f())
}

/// Times `f` on a fresh input from `setup` (untimed) each run.
fn measure_with<T>(runs: usize, mut setup: impl FnMut() -> T, mut f: impl FnMut(T)) -> Stats {
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let input = setup();
        let start = Instant::now();
        f(input);
        v.push(start.elapsed());
    }
    Stats::of(v)
}
