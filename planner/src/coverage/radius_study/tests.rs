//! The radius study on the embedded Mauriac scenario, with straight-line travel (fast and
//! independent of the map): figures that must hold whatever the optimiser finds.

use super::*;
use crate::coverage::Lang;
use crate::week::pipeline::DEFAULT_SCENARIO;
use crate::week::validate::{MapBounds, validate};

fn scenario() -> Scenario {
    validate(DEFAULT_SCENARIO, "scenario.toml", MapBounds::cantal()).unwrap()
}

fn quick() -> SolveOptions {
    SolveOptions {
        tries: 5,
        iterations: 300,
        ..SolveOptions::new(3, std::time::Duration::from_secs(600))
    }
}

fn study(s: &Scenario) -> RadiusStudy {
    let range = StudyRange::parse(Some("10km"), Some("40km"), Some("15km")).unwrap();
    let week = Horizon::parse_week("2026-W49", 1).unwrap();
    let mut calls = Vec::new();
    let out = run(
        s,
        &Roads::Estimate,
        week,
        &range,
        &quick(),
        &mut |done, total| calls.push((done, total)),
    )
    .unwrap();
    assert_eq!(calls.last(), Some(&(6, 6)));
    out
}

#[test]
fn the_variant_changes_only_the_territory_and_the_caps() {
    let s = scenario();
    let v = variant(&s, 25.0, true);
    assert!(matches!(v.team.territory, Territory::Radius { km, .. } if km == 25.0));
    assert_eq!(v.team.hours_per_fte, UNLIMITED_HOURS_PER_FTE);
    assert_eq!(v.workers.len(), s.workers.len());
    for (a, b) in v.workers.iter().zip(&s.workers) {
        assert_eq!((a.fte, &a.days, &a.blocks), (b.fte, &b.days, &b.blocks));
    }
    let real = variant(&s, 25.0, false);
    assert_eq!(real.team.hours_per_fte, s.team.hours_per_fte);
}

#[test]
fn figures_hold_at_every_radius() {
    let s = scenario();
    let st = study(&s);
    // 1.25 FTE × 35 h; the Tuesday meeting (1 h 30) of Camille and Dominique is in their FTE,
    // Sacha's Aurillac morning and Camille's partnership day are not.
    assert_eq!(st.team_s(), 157_500);
    assert_eq!(st.blocks_s, 2 * 5400);
    assert_eq!(st.week, "2026-W49");
    let km: Vec<u32> = st.rows.iter().map(|r| r.radius_m / 1000).collect();
    assert_eq!(km, [10, 25, 40]);
    for pair in st.rows.windows(2) {
        assert!(pair[1].inside >= pair[0].inside);
        assert!(pair[1].inside_by_road >= pair[0].inside_by_road);
    }
    for row in &st.rows {
        // Roads are 1.3 × the straight line here: fewer people by road.
        assert!(row.inside_by_road <= row.inside);
        let (real, free) = (&row.real, &row.unlimited);
        assert_eq!(real.due, free.due, "the same requests are due");
        // Tours hold the visits and permanences, for both workers.
        for plan in [real, free] {
            assert!(plan.tour_s >= plan.outreach_s + plan.permanence_s);
        }
        let best = row.serving();
        assert!(best.planned >= real.planned.max(free.planned));
        assert!(st.needed_s(row) >= best.outreach_s + best.permanence_s + st.blocks_s);
        // The real plan keeps within the team's hours (a hard rule).
        assert!(st.used_s(row) <= st.team_s(), "{row:?}");
        // Both permanences (Ydes, Mauriac: 3 h 30 each with set-up) are held by a pair.
        assert_eq!(free.permanence_s, 2 * 2 * 12_600);
        assert!(real.planned <= real.due && free.planned <= free.due);
    }
    // At 40 km the whole arrondissement's people are in but Chaudes-Aigues (about 68 km).
    assert_eq!(st.rows[2].inside, s.people.len() - 1);
}

#[test]
fn same_seed_same_study_and_outputs_are_well_formed() {
    let s = scenario();
    let a = study(&s);
    assert_eq!(a, study(&s));
    let text = String::from_utf8(csv::render(&a, Lang::En)).unwrap();
    assert_eq!(text.lines().count(), 1 + 3);
    assert!(text.starts_with("radius_km,people_inside,"));
    assert!(text.lines().nth(1).unwrap().starts_with("10.0,"));
    let fr = String::from_utf8(csv::render(&a, Lang::Fr)).unwrap();
    assert!(fr.starts_with("rayon_km,personnes_dans_le_rayon,"));
    let svg = chart::render(&a, Lang::Fr);
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut elements = 0;
    loop {
        match reader.read_event().expect("well-formed SVG") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(_) | quick_xml::events::Event::Empty(_) => {
                elements += 1
            }
            _ => {}
        }
    }
    assert!(elements > 30, "{elements}");
    assert!(
        svg.contains("1,25\u{a0}ETP\u{a0}=\u{a0}43\u{a0}h\u{a0}45"),
        "{svg}"
    );
}

#[test]
fn the_serving_plan_plans_the_most_then_takes_the_fewest_hours() {
    let figures = |planned, tour_s| WeekFigures {
        planned,
        due: 10,
        tour_s,
        ..WeekFigures::default()
    };
    let row = |real, unlimited| RadiusRow {
        radius_m: 20_000,
        inside: 5,
        inside_by_road: 4,
        real,
        unlimited,
    };
    let r = row(figures(6, 100), figures(8, 300));
    assert_eq!(r.serving(), &r.unlimited);
    let r = row(figures(8, 250), figures(8, 300));
    assert_eq!(r.serving(), &r.real);
    let r = row(figures(8, 300), figures(8, 300));
    assert_eq!(r.serving(), &r.unlimited);
    assert_eq!(r.serving().left_out(), 2);
}
