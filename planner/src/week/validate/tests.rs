//! One test per error code: each names the code, the line and the field.

use super::*;
use crate::week::calendar::Horizon;

const MINI: &str = r#"[team]
base = { commune = "Mauriac" }
territory = { arrondissement = "15002" }

[[workers]]
id = "a"
fte = 0.5
days = ["lundi", "mardi", "jeudi", "vendredi"]
skills = ["vif"]

[[workers]]
id = "b"
fte = 0.75
days = ["lundi", "mardi", "jeudi", "vendredi"]

[[permanences]]
id = "P1"
site = { commune = "Ydes" }
day = "lundi"
start = "09:00"
end = "12:00"

[[people]]
id = "B01"
commune = "Vebret"
visit_minutes = 90
frequency = "hebdomadaire"
last_visit = 2026-11-24
windows = { tous = "après-midi" }
"#;

fn errors(text: &str) -> Diagnostics {
    validate(text, "s.toml", MapBounds::cantal()).expect_err("should fail")
}

/// The only diagnostic has this code, on this line, about this field.
fn one(text: &str, code: &str, line: usize, field: &str) -> Diagnostic {
    let d = errors(text);
    assert_eq!(d.codes(), vec![code], "{}", d.render(Lang::En));
    let d = d.0[0].clone();
    assert_eq!(d.line, Some(line), "{}", d.render(Lang::En));
    assert!(d.field.starts_with(field), "{} vs {field}", d.field);
    d
}

fn with(old: &str, new: &str) -> String {
    assert!(MINI.contains(old), "{old}");
    MINI.replacen(old, new, 1)
}

use crate::week::text::Lang;

#[test]
fn the_mini_scenario_is_valid() {
    let s = validate(MINI, "s.toml", MapBounds::cantal()).unwrap();
    assert_eq!(s.people[0].home.commune, "Vebret");
    assert_eq!(s.workers.len(), 2);
    let h = Horizon::parse_week("2026-W49", 1).unwrap();
    assert!(check_horizon(&s, &h).is_empty());
}

#[test]
fn s001_malformed_toml() {
    let d = one(&with("id = \"B01\"", "id = \"B01"), "S001", 24, "");
    assert!(
        d.render(Lang::Fr).contains("s.toml:24"),
        "{}",
        d.render(Lang::Fr)
    );
}

#[test]
fn s002_unknown_field_everywhere() {
    let text = with("visit_minutes = 90", "visit_minutes = 90\nvisit_lenght = 3")
        .replace("fte = 0.75", "fte = 0.75\ncolour = \"red\"");
    let d = errors(&text);
    assert_eq!(d.codes(), vec!["S002", "S002"], "{}", d.render(Lang::En));
    assert_eq!(d.0[0].field, "workers[1].colour");
    assert_eq!(d.0[0].line, Some(14));
    assert_eq!(d.0[1].field, "people[0].visit_lenght");
    assert_eq!(d.0[1].line, Some(28));
    assert!(d.0[1].fix.en.contains("visit_minutes"));
}

#[test]
fn s003_missing_field() {
    one(&with("visit_minutes = 90\n", ""), "S003", 23, "people[0]");
}

#[test]
fn s004_time_25_00() {
    let d = one(
        &with("end = \"12:00\"", "end = \"25:00\""),
        "S004",
        21,
        "permanences[0].end",
    );
    assert!(d.cause.fr.contains("25:00"));
}

#[test]
fn s005_window_ending_before_it_starts() {
    one(
        &with("tous = \"après-midi\"", "tous = \"17:00-14:00\""),
        "S005",
        29,
        "people[0].windows.tous",
    );
}

#[test]
fn s006_duplicate_id() {
    one(
        &with("id = \"b\"", "id = \"a\""),
        "S006",
        12,
        "workers[1].id",
    );
}

#[test]
fn s007_visit_longer_than_every_window() {
    one(
        &with("tous = \"après-midi\"", "tous = \"14:00-15:00\""),
        "S007",
        26,
        "people[0].visit_minutes",
    );
}

#[test]
fn s008_unknown_commune_with_suggestions() {
    let d = one(
        &with("commune = \"Vebret\"", "commune = \"Vebet\""),
        "S008",
        25,
        "people[0].commune",
    );
    assert!(d.fix.fr.contains("Vebret"), "{}", d.fix.fr);
}

#[test]
fn s009_person_outside_the_map() {
    let d = one(
        &with("commune = \"Vebret\"", "lat = 48.85\nlon = 2.35"),
        "S009",
        25,
        "people[0].lat",
    );
    assert!(d.cause.en.contains("outside the map"));
}

#[test]
fn s010_fte_sum_zero() {
    let text = with("fte = 0.5", "fte = 0.0").replace("fte = 0.75", "fte = 0.0");
    one(&text, "S010", 5, "workers");
}

#[test]
fn s011_no_pair_on_a_permanence_day() {
    let text = with(
        "days = [\"lundi\", \"mardi\", \"jeudi\", \"vendredi\"]\nskills",
        "days = [\"mardi\"]\nskills",
    );
    let s = validate(&text, "s.toml", MapBounds::cantal()).unwrap();
    let h = Horizon::parse_week("2026-W49", 1).unwrap();
    let d = check_horizon(&s, &h);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "S011");
    assert_eq!(d[0].field, "permanences[0].day");
    assert_eq!(d[0].line, Some(19));
    assert!(d[0].cause.fr.contains("2026-11-30"), "{}", d[0].cause.fr);
}

#[test]
fn s012_frequency_impossible() {
    let text = with(
        "frequency = \"hebdomadaire\"",
        "frequency = \"bihebdomadaire\"",
    )
    .replace("tous = \"après-midi\"", "lundi = \"après-midi\"");
    let s = validate(&text, "s.toml", MapBounds::cantal()).unwrap();
    let d = check_horizon(&s, &Horizon::parse_week("2026-W49", 1).unwrap());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "S012");
    assert_eq!(d[0].line, Some(27));
    // And a maximum gap below the minimum is caught without a horizon.
    one(
        &with("visit_minutes = 90", "visit_minutes = 90\nmax_gap_days = 2"),
        "S012",
        27,
        "people[0].max_gap_days",
    );
}

#[test]
fn s013_unknown_preferred_worker() {
    let d = one(
        &with(
            "visit_minutes = 90",
            "visit_minutes = 90\npreferred_worker = \"zoe\"",
        ),
        "S013",
        27,
        "people[0].preferred_worker",
    );
    assert!(d.fix.en.contains("a, b"));
}

#[test]
fn s014_unknown_skill() {
    one(
        &with(
            "visit_minutes = 90",
            "visit_minutes = 90\nskill = \"infirmier\"",
        ),
        "S014",
        27,
        "people[0].skill",
    );
}

#[test]
fn s015_unknown_day() {
    one(
        &with("day = \"lundi\"", "day = \"lunedi\""),
        "S015",
        19,
        "permanences[0].day",
    );
}

#[test]
fn s016_invalid_date() {
    one(
        &with("last_visit = 2026-11-24", "last_visit = \"2026-13-01\""),
        "S016",
        28,
        "people[0].last_visit",
    );
}

#[test]
fn s017_unknown_person_in_escort() {
    let text = format!(
        "{MINI}\n[[escorts]]\nid = \"E1\"\nperson = \"B99\"\ndestination = {{ commune = \"Mauriac\" }}\nday = \"jeudi\"\nappointment = \"14:30\"\nminutes_there = 30\n"
    );
    one(&text, "S017", 33, "escorts[0].person");
}

#[test]
fn s018_meeting_point_missing() {
    one(
        &with(
            "visit_minutes = 90",
            "visit_minutes = 90\nvenue = \"point-de-rencontre\"",
        ),
        "S018",
        27,
        "people[0].venue",
    );
}

#[test]
fn s019_invalid_value() {
    one(
        &with("\"hebdomadaire\"", "\"quotidien\""),
        "S019",
        27,
        "people[0].frequency",
    );
}

#[test]
fn s020_place_given_twice() {
    one(
        &with(
            "commune = \"Vebret\"",
            "commune = \"Vebret\"\nlat = 45.3\nlon = 2.5",
        ),
        "S020",
        23,
        "people[0]",
    );
}

#[test]
fn s021_fewer_than_two_workers() {
    let start = MINI.find("[[workers]]\nid = \"b\"").unwrap();
    let end = MINI.find("[[permanences]]").unwrap();
    let text = format!("{}{}", &MINI[..start], &MINI[end..]);
    let d = errors(&text);
    assert!(d.codes().contains(&"S021"), "{:?}", d.codes());
}

#[test]
fn all_problems_are_collected_at_once() {
    let text = with("end = \"12:00\"", "end = \"25:00\"")
        .replace("commune = \"Vebret\"", "commune = \"Vebet\"")
        .replace("id = \"b\"", "id = \"a\"");
    let d = errors(&text);
    let mut codes = d.codes();
    codes.sort();
    assert_eq!(
        codes,
        vec!["S004", "S006", "S008"],
        "{}",
        d.render(Lang::Fr)
    );
}

#[test]
fn the_embedded_default_is_valid() {
    let text = include_str!("../../../../fixtures/mauriac/scenario.toml");
    let s = validate(text, "scenario.toml", MapBounds::cantal())
        .unwrap_or_else(|d| panic!("{}", d.render(Lang::En)));
    assert_eq!(s.workers.len(), 3);
    let fte: f64 = s.workers.iter().map(|w| w.fte).sum();
    assert!((fte - 1.25).abs() < 1e-9);
    assert!(s.people.len() >= 15);
    let h = Horizon::parse_week("2026-W49", 1).unwrap();
    assert!(check_horizon(&s, &h).is_empty());
}
