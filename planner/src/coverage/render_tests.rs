//! The whole study on the real territory, with straight-line travel times (road maps are tested
//! in `travel`): outputs are well-formed and agree with each other.

use super::study::{self, Request, Study};
use super::territory::resolve_sites;
use super::{CoverageError, Lang, Place, Radius, Reach, Territory, TravelTimes, chart, csv, svg};
use maps::places::Gazetteer;
use maps::{Meters, Seconds};

/// 1.3 × the straight line at 50 km/h: a stand-in for roads, only for these tests.
struct CrowFlies;

impl TravelTimes for CrowFlies {
    fn reach(&self, points: &[Place], sites: &[Place]) -> Result<Reach, CoverageError> {
        let mut durations = Vec::new();
        let mut distances = Vec::new();
        for p in points {
            for s in sites {
                let m = 1.3 * p.at.haversine_m(s.at);
                distances.push(Meters(m as u32));
                durations.push(Seconds((m / (50_000.0 / 3600.0)) as u32));
            }
        }
        Ok(Reach::new(points.len(), sites.len(), durations, distances))
    }
}

fn mauriac_study(radii: Vec<Radius>) -> Study {
    let g = Gazetteer::cantal();
    let territory = Territory::named(g, "Mauriac").unwrap();
    let candidates = territory.communes.clone();
    let req = Request {
        territory,
        site_sets: vec![
            resolve_sites(g, &["Mauriac", "Ydes"]).unwrap(),
            resolve_sites(
                g,
                &[
                    "Mauriac",
                    "Ydes",
                    "Riom-ès-Montagnes",
                    "Pleaux",
                    "Saint-Martin-Valmeroux",
                ],
            )
            .unwrap(),
        ],
        radii,
        choose: Some((2, candidates)),
        people: vec![
            super::people::PersonPoint {
                id: "P01".into(),
                at: g.find("Ydes").unwrap().centre(),
                venue: crate::week::model::Venue::Home,
                in_territory: true,
            },
            super::people::PersonPoint {
                id: "P02".into(),
                at: g.find("Chaudes-Aigues").unwrap().centre(),
                venue: crate::week::model::Venue::MeetingPoint,
                in_territory: false,
            },
        ],
        people_territory: None,
        solver_time_limit_s: 30.0,
    };
    study::run(&CrowFlies, req).unwrap()
}

/// Parses an SVG document fully and counts its elements; panics on malformed XML.
fn parse_svg(text: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0i32;
    let mut elements = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => {
                if depth == 0 {
                    assert_eq!(e.name().into_inner(), "svg");
                }
                depth += 1;
                elements += 1;
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Empty(_) => elements += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced tags");
    elements
}

#[test]
fn map_and_chart_are_well_formed_svg() {
    let s = mauriac_study(vec![Radius::minutes(30), Radius::km(25)]);
    for (r, radius) in s.radii.iter().enumerate() {
        for (i, set) in s.sets.iter().enumerate() {
            let text = svg::render(&svg::MapInput {
                territory: &s.territory,
                set,
                radius: *radius,
                summary: &s.summaries[i][r],
                note: "test <&> note",
                lang: Lang::Fr,
            });
            // One cell per commune at least, plus outline, legend and sites.
            assert!(parse_svg(&text) > s.territory.communes.len(), "{radius}");
            assert!(text.contains("Ydes") && text.contains("&lt;&amp;&gt;"));
        }
    }
    let curves: Vec<_> = s
        .sets
        .iter()
        .map(|set| chart::curve(&s.territory, set, super::Measure::Time, 90))
        .collect();
    let text = chart::render(
        &curves,
        super::Measure::Time,
        &[30.0],
        &s.territory,
        Lang::En,
    );
    assert!(parse_svg(&text) > 20);
    // The curve ends where the table says: at 90 min the five sites cover everyone reachable.
    let last = curves[1].points.last().unwrap().1;
    assert!(last > 99.9, "{last}");
}

#[test]
fn tables_agree_with_each_other() {
    let s = mauriac_study(vec![Radius::minutes(15), Radius::minutes(30)]);
    let (two, five) = (&s.summaries[0], &s.summaries[1]);
    assert!(five[1].covered_population >= two[1].covered_population);
    assert!(two[1].covered_population >= two[0].covered_population);
    // The best 2 sites do at least as well as Mauriac + Ydes, and as well as greedy.
    for (c, sum) in s.choices.iter().zip(two) {
        assert!(c.exact.choice.covered >= sum.covered_population);
        assert!(c.exact.choice.covered >= c.greedy.covered);
        assert!(c.exact.proven_optimal);
    }
    let communes = String::from_utf8(csv::communes(&s, Lang::En)).unwrap();
    assert_eq!(communes.lines().count(), 1 + 2 * s.territory.communes.len());
    assert!(communes.starts_with("sites,insee_code,commune,population,nearest_site,time_min,distance_km,covered 15 min,covered 30 min"));
    let summary = String::from_utf8(csv::summary(&s, Lang::Fr)).unwrap();
    assert_eq!(summary.lines().count(), 1 + 2 * 2);
    let people = String::from_utf8(csv::people(&s, Lang::En)).unwrap();
    assert!(
        people.contains("P01,home,yes,Ydes,0.0,0.0,yes,yes"),
        "{people}"
    );
    assert!(
        people.contains("P02,meeting point,no,")
            && people.contains("outside territory,outside territory\n"),
        "{people}"
    );
    assert_eq!(people.lines().count(), 1 + 2 * 2);
    let choices = String::from_utf8(csv::choices(&s, Lang::En)).unwrap();
    assert_eq!(choices.lines().count(), 1 + 2 * 2);
}
