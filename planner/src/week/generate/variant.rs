//! Variants of the generated scenario: people over the whole department rather than the
//! arrondissement, and the Mauriac team of the embedded example rather than a generated one.
//!
//! The radius study (`tournee coverage --radius-study`) needs both: requests from all over
//! Cantal, so that widening the territory around Mauriac brings people in, and the real team
//! (1.25 FTE), so that "no longer fits in the team's hours" means something.

use super::{GenerateOptions, Rng, pick};
use crate::week::pipeline::DEFAULT_SCENARIO;
use crate::week::scenario::{PermanenceEntry, PersonEntry, ScenarioFile, TeamSection, WorkerEntry};
use maps::LatLon;
use maps::places::{Commune, Gazetteer};

/// Where the generated people live.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Area {
    /// The arrondissement of Mauriac (the team's territory).
    #[default]
    Mauriac,
    /// The whole department of Cantal, drawn by population (Aurillac weighs the most).
    Cantal,
}

/// Which team the scenario has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TeamKind {
    /// `--workers` generated workers, 1 camping-car per 4 workers.
    #[default]
    Generated,
    /// The team, workers and permanences of the embedded example (three workers, 1.25 FTE).
    Mauriac,
}

/// Both choices; the default is the original generator, byte for byte.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Variant {
    pub area: Area,
    pub team: TeamKind,
}

/// The command line that writes the same file (shown in its first line).
pub(super) fn command_line(o: GenerateOptions, v: Variant) -> String {
    let mut args = format!("--people {}", o.people);
    match v.team {
        TeamKind::Generated => args.push_str(&format!(" --workers {}", o.workers)),
        TeamKind::Mauriac => args.push_str(" --team mauriac"),
    }
    if v.area == Area::Cantal {
        args.push_str(" --area cantal");
    }
    format!("{args} --weeks {} --seed {}", o.weeks, o.seed)
}

/// The communes people are drawn from, in the gazetteer's order.
pub(super) fn communes(area: Area) -> Vec<&'static Commune> {
    let g = Gazetteer::cantal();
    match area {
        Area::Mauriac => g.in_arrondissement("Mauriac").collect(),
        Area::Cantal => g.communes().iter().collect(),
    }
}

/// `[team]`, `[[workers]]` and `[[permanences]]` of the embedded example. The example is
/// compiled in and parsed by tests, so an empty file here cannot happen short of a broken
/// build; validation would then say what is missing.
pub(super) fn mauriac_team() -> (TeamSection, Vec<WorkerEntry>, Vec<PermanenceEntry>) {
    let file: ScenarioFile = toml::from_str(DEFAULT_SCENARIO).unwrap_or_default();
    (file.team, file.workers, file.permanences)
}

const WEEKDAYS: [&str; 5] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];

/// Weekdays on which at least two workers work and are not away the whole day (a block with
/// neither start nor end): the days a pair can tour, so that every window drawn can be kept.
pub(super) fn pair_days(workers: &[WorkerEntry]) -> Vec<&'static str> {
    WEEKDAYS
        .into_iter()
        .filter(|day| {
            workers
                .iter()
                .filter(|w| w.days.iter().any(|d| d == day))
                .filter(|w| {
                    !w.blocks
                        .iter()
                        .any(|b| b.day == *day && b.start.is_none() && b.end.is_none())
                })
                .count()
                >= 2
        })
        .collect()
}

/// A meeting point near the person's commune: one of the six nearest communes (the person's
/// own included), drawn by population, as a supermarket car park in the next small town.
pub(super) fn meeting_commune<'a>(
    rng: &mut Rng,
    home: &Commune,
    communes: &[(&'a Commune, u32)],
) -> &'a Commune {
    let mut near: Vec<(u64, usize)> = communes
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (home.centre().haversine_m(c.centre()) as u64, i))
        .collect();
    near.sort_unstable();
    let nearest: Vec<(usize, u32)> = near
        .iter()
        .take(6)
        .map(|&(_, i)| (i, communes[i].1))
        .collect();
    communes[*pick(rng, &nearest)].0
}

/// The hospital town nearest the person (Mauriac, Aurillac or Saint-Flour) and a label.
pub(super) fn destination(rng: &mut Rng, p: &PersonEntry) -> (&'static str, &'static str) {
    let at = LatLon::new(p.lat.unwrap_or(45.0), p.lon.unwrap_or(2.5));
    let g = Gazetteer::cantal();
    let distance = |town: &str| {
        g.find(town)
            .map_or(f64::MAX, |c| c.centre().haversine_m(at))
    };
    let town = ["Mauriac", "Aurillac", "Saint-Flour"]
        .into_iter()
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
        .unwrap_or("Mauriac");
    let label = *pick(
        rng,
        &[
            ("centre hospitalier", 3),
            ("cabinet médical", 1),
            ("gendarmerie", 1),
        ],
    );
    (town, label)
}

#[cfg(test)]
mod tests {
    use super::super::generate_variant;
    use super::*;
    use crate::week::calendar::Horizon;
    use crate::week::validate::{MapBounds, check_horizon, validate};

    #[test]
    fn the_mauriac_team_is_the_embedded_one() {
        let (team, workers, permanences) = mauriac_team();
        assert_eq!(team.base.commune.as_deref(), Some("Mauriac"));
        let fte: f64 = workers.iter().map(|w| w.fte).sum();
        assert!((fte - 1.25).abs() < 1e-9, "{fte}");
        assert_eq!(permanences.len(), 2);
        // Wednesday: Camille's partnership day, the others do not work.
        assert_eq!(pair_days(&workers), ["lundi", "mardi", "jeudi", "vendredi"]);
    }

    #[test]
    fn people_over_cantal_for_the_mauriac_team_are_valid() {
        let o = GenerateOptions {
            people: 120,
            workers: 3,
            weeks: 2,
            seed: 3,
        };
        let v = Variant {
            area: Area::Cantal,
            team: TeamKind::Mauriac,
        };
        let text = generate_variant(o, v);
        assert_eq!(text, generate_variant(o, v));
        assert!(
            text.lines()
                .next()
                .unwrap()
                .ends_with("--people 120 --team mauriac --area cantal --weeks 2 --seed 3")
        );
        let s = validate(&text, "gen.toml", MapBounds::cantal())
            .unwrap_or_else(|d| panic!("{}", d.render(crate::week::Lang::En)));
        assert_eq!(s.workers.len(), 3);
        let h = Horizon::parse_week("2026-W49", 2).unwrap();
        assert!(check_horizon(&s, &h).is_empty());
        // Spread over the department: many outside the arrondissement, Aurillac among them.
        let outside = s
            .people
            .iter()
            .filter(|p| !s.team.territory.contains(p.home.point))
            .count();
        assert!((30..110).contains(&outside), "{outside}");
        assert!(s.people.iter().any(|p| p.home.commune == "Aurillac"));
    }
}
