//! Synthetic scenarios for tests and benchmarks (`tournee scenario generate`): people in
//! communes of the arrondissement of Mauriac (or of the whole department, [`Area::Cantal`])
//! drawn by population, pseudonym codes (B001…), realistic windows, frequencies, venues and
//! priorities; a generated team or the Mauriac team of the embedded example
//! ([`TeamKind::Mauriac`]). The same parameters and seed give the same file, byte for byte.

mod variant;

use super::scenario::*;
use super::territory::Territory;
use maps::LatLon;
use maps::places::Commune;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::collections::BTreeMap;

pub use variant::{Area, TeamKind, Variant};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    pub people: usize,
    pub workers: usize,
    /// The horizon the scenario is meant for: escorts are spread over its first week, and the
    /// last visits so that visits fall due all along it.
    pub weeks: u32,
    pub seed: u64,
}

type Rng = Xoshiro256PlusPlus;

fn pick<'a, T>(rng: &mut Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|x| x.1).sum();
    let mut r = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if r < *w {
            return item;
        }
        r -= w;
    }
    &items[items.len() - 1].0
}

/// The scenario as TOML text: people in the arrondissement of Mauriac, a generated team.
pub fn generate(o: GenerateOptions) -> String {
    generate_variant(o, Variant::default())
}

/// Where people live and who plans them, for a given [`Variant`].
struct Setting<'a> {
    communes: Vec<(&'a Commune, u32)>,
    territory: Option<Territory>,
    /// Weekdays on which a pair can tour: people's windows are drawn among them.
    days: Vec<&'static str>,
    area: Area,
}

/// The scenario as TOML text, people spread over `v.area`, planned by `v.team`.
pub fn generate_variant(o: GenerateOptions, v: Variant) -> String {
    let mut rng = Rng::seed_from_u64(o.seed);
    let (team_section, workers, permanences) = match v.team {
        TeamKind::Generated => {
            let workers: Vec<WorkerEntry> =
                (0..o.workers.max(2)).map(|i| worker(&mut rng, i)).collect();
            (team(o.workers), workers, permanences(o.workers))
        }
        TeamKind::Mauriac => variant::mauriac_team(),
    };
    let setting = Setting {
        communes: variant::communes(v.area)
            .into_iter()
            .map(|c| (c, c.population.max(30)))
            .collect(),
        territory: match v.area {
            Area::Mauriac => Territory::arrondissement("15002"),
            Area::Cantal => None,
        },
        days: match v.team {
            TeamKind::Generated => DAYS.to_vec(),
            TeamKind::Mauriac => variant::pair_days(&workers),
        },
        area: v.area,
    };
    let skills: Vec<String> = workers.iter().flat_map(|w| w.skills.clone()).collect();
    let ids: Vec<String> = workers.iter().map(|w| w.id.clone()).collect();
    let people: Vec<PersonEntry> = (0..o.people)
        .map(|i| person(&mut rng, i, &setting, &skills, &ids, o.weeks))
        .collect();
    let escorts = (0..o.people / 15)
        .map(|i| escort(&mut rng, i, &people, v.area))
        .collect();
    let file = ScenarioFile {
        team: team_section,
        workers,
        permanences,
        people,
        escorts,
    };
    let body = toml::to_string(&file).unwrap_or_default();
    format!(
        "# Scénario SYNTHÉTIQUE (personnes inventées) — tournee scenario generate {}\n\n{body}",
        variant::command_line(o, v)
    )
}

fn place(commune: &str) -> PlaceEntry {
    PlaceEntry {
        commune: Some(commune.into()),
        ..Default::default()
    }
}

fn team(workers: usize) -> TeamSection {
    TeamSection {
        name: Some("Équipe synthétique".into()),
        base: place("Mauriac"),
        territory: Some(TerritoryEntry {
            arrondissement: Some("15002".into()),
            radius_km: None,
        }),
        hours_per_fte: Some(35.0),
        max_day_hours: Some(10.0),
        day_start: Some("08:00".into()),
        day_end: Some("18:30".into()),
        lunch: Some(LunchEntry {
            earliest: "11:45".into(),
            latest: "14:00".into(),
            minutes: 45,
        }),
        campers: Some(workers.div_ceil(4).max(1) as u32),
        map: Some("embedded".into()),
    }
}

fn permanences(workers: usize) -> Vec<PermanenceEntry> {
    let mut out = vec![
        ("P-YDES", "Ydes", "lundi", "09:00", "12:00"),
        ("P-MAURIAC", "Mauriac", "vendredi", "09:00", "12:00"),
    ];
    if workers >= 6 {
        // Riom is 40 minutes or more from Mauriac: a later start.
        out.push(("P-RIOM", "Riom-ès-Montagnes", "mercredi", "10:00", "12:30"));
    }
    out.into_iter()
        .map(|(id, c, d, start, end)| PermanenceEntry {
            id: id.into(),
            site: place(c),
            day: d.into(),
            start: start.into(),
            end: end.into(),
            setup_minutes: 15,
            packup_minutes: 15,
        })
        .collect()
}

const DAYS: [&str; 5] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];

fn worker(rng: &mut Rng, i: usize) -> WorkerEntry {
    let fte = *pick(rng, &[(1.0, 3), (0.8, 2), (0.5, 4), (0.25, 1)]);
    let n_days = if fte >= 0.8 {
        5
    } else if fte >= 0.5 {
        4
    } else {
        3
    };
    let mut days: Vec<String> = DAYS.iter().map(|d| d.to_string()).collect();
    while days.len() > n_days {
        let k = rng.random_range(1..days.len()); // Monday kept: the Ydes permanence
        days.remove(k);
    }
    if !days.iter().any(|d| d == "vendredi") {
        days.pop();
        days.push("vendredi".into());
    }
    let mut skills = Vec::new();
    if i % 4 == 1 {
        skills.push("infirmier".into());
    }
    if i.is_multiple_of(3) {
        skills.push("vif".into());
    }
    let blocks = if days.iter().any(|d| d == "mardi") {
        vec![BlockEntry {
            day: "mardi".into(),
            start: Some("09:00".into()),
            end: Some("10:30".into()),
            reason: "réunion d'équipe".into(),
            in_fte: None,
        }]
    } else {
        Vec::new()
    };
    WorkerEntry {
        id: format!("W{:02}", i + 1),
        name: None,
        fte,
        days,
        skills,
        blocks,
        absences: Vec::new(),
    }
}

fn jitter(rng: &mut Rng, c: &Commune, territory: Option<&Territory>) -> LatLon {
    for _ in 0..20 {
        let p = LatLon::new(
            c.lat + rng.random_range(-0.012..0.012),
            c.lon + rng.random_range(-0.016..0.016),
        );
        if territory.is_none_or(|t| t.contains(p)) {
            return LatLon::new((p.lat * 1e5).round() / 1e5, (p.lon * 1e5).round() / 1e5);
        }
    }
    c.centre()
}

fn person(
    rng: &mut Rng,
    i: usize,
    setting: &Setting<'_>,
    skills: &[String],
    workers: &[String],
    weeks: u32,
) -> PersonEntry {
    let c = *pick(rng, &setting.communes);
    let p = jitter(rng, c, setting.territory.as_ref());
    let frequency = *pick(
        rng,
        &[
            ("hebdomadaire", 30),
            ("quinzaine", 35),
            ("mensuel", 30),
            ("bihebdomadaire", 5),
        ],
    );
    let period: i64 = match frequency {
        "hebdomadaire" => 7,
        "bihebdomadaire" => 4,
        "quinzaine" => 14,
        _ => 28,
    };
    let spread = period.max(7 * i64::from(weeks.min(4)) / 2);
    let last = -rng.random_range(1..=spread.min(period + 3));
    let venue = *pick(
        rng,
        &[
            ("domicile", 75),
            ("camping-car", 15),
            ("point-de-rencontre", 10),
        ],
    );
    let meeting_point = (venue == "point-de-rencontre").then(|| match setting.area {
        Area::Mauriac => place(&pick(rng, &setting.communes).name),
        Area::Cantal => place(&variant::meeting_commune(rng, c, &setting.communes).name),
    });
    let skill = if rng.random_bool(0.08) && !skills.is_empty() {
        Some(skills[rng.random_range(0..skills.len())].clone())
    } else {
        None
    };
    PersonEntry {
        id: format!("B{:03}", i + 1),
        pseudonym: Some(format!("Personne {:03}", i + 1)),
        lat: Some(p.lat),
        lon: Some(p.lon),
        visit_minutes: *pick(rng, &[(60, 4), (75, 2), (90, 3), (120, 1)]),
        frequency: frequency.into(),
        last_visit: Some(toml::Value::Integer(last)),
        windows: if frequency == "bihebdomadaire" {
            BTreeMap::from([("tous".to_string(), toml::Value::String("après-midi".into()))])
        } else {
            windows(rng, &setting.days)
        },
        venue: Some(venue.into()),
        meeting_point,
        preferred_worker: rng
            .random_bool(0.2)
            .then(|| workers[rng.random_range(0..workers.len())].clone()),
        skill,
        priority: Some(*pick(rng, &[(1, 1), (2, 3), (3, 5), (4, 2), (5, 1)])),
        referrer: Some(
            pick(
                rng,
                &[
                    ("APT", 3),
                    ("France Services", 2),
                    ("AVDL", 2),
                    ("centre social", 2),
                    ("assistante sociale de secteur", 3),
                ],
            )
            .to_string(),
        ),
        ..Default::default()
    }
}

fn windows(rng: &mut Rng, days: &[&str]) -> BTreeMap<String, toml::Value> {
    let s = |x: &str| toml::Value::String(x.into());
    let mut w = BTreeMap::new();
    match rng.random_range(0..20) {
        0..10 => {
            w.insert("tous".into(), s("après-midi"));
        }
        10..14 => {
            w.insert("tous".into(), s("journée"));
        }
        14..17 => {
            for d in days.iter().filter(|_| rng.random_bool(0.6)) {
                w.insert(d.to_string(), s("13:30-17:30"));
            }
            if w.is_empty() {
                let day = if days.contains(&"jeudi") {
                    "jeudi"
                } else {
                    days.first().copied().unwrap_or("jeudi")
                };
                w.insert(day.into(), s("après-midi"));
            }
        }
        _ => {
            w.insert(
                "semaine".into(),
                toml::Value::Array(vec![s("09:30-12:00"), s("14:00-17:00")]),
            );
        }
    }
    w
}

fn escort(rng: &mut Rng, i: usize, people: &[PersonEntry], area: Area) -> EscortEntry {
    let p = &people[rng.random_range(0..people.len())];
    let (dest, label) = match area {
        Area::Mauriac => *pick(
            rng,
            &[
                (("Mauriac", "centre hospitalier"), 3),
                (("Riom-ès-Montagnes", "cabinet médical"), 1),
                (("Ydes", "gendarmerie"), 1),
            ],
        ),
        Area::Cantal => variant::destination(rng, p),
    };
    EscortEntry {
        id: format!("E{:02}", i + 1),
        person: p.id.clone(),
        destination: PlaceEntry {
            label: Some(label.into()),
            ..place(dest)
        },
        day: toml::Value::String(["mardi", "jeudi"][rng.random_range(0..2)].into()),
        appointment: ["10:30", "14:30", "15:30"][rng.random_range(0..3)].into(),
        minutes_there: 45,
        return_home: Some(true),
        seats: Some(1),
        priority: Some(4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::week::calendar::Horizon;
    use crate::week::validate::{MapBounds, check_horizon, validate};

    #[test]
    fn generated_scenarios_are_valid_and_reproducible() {
        let o = GenerateOptions {
            people: 150,
            workers: 8,
            weeks: 4,
            seed: 7,
        };
        let a = generate(o);
        assert_eq!(a, generate(o));
        assert_ne!(a, generate(GenerateOptions { seed: 8, ..o }));
        let s = validate(&a, "gen.toml", MapBounds::cantal())
            .unwrap_or_else(|d| panic!("{}", d.render(crate::week::Lang::En)));
        assert_eq!(s.people.len(), 150);
        assert_eq!(s.workers.len(), 8);
        let h = Horizon::parse_week("2026-W49", 4).unwrap();
        let problems = check_horizon(&s, &h);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
