//! The people of a scenario in the coverage study: where they are met, as the weekly planner
//! sees it, and whether they live in the team's territory.
//!
//! A person is met at home, in the camping-car parked near home, or at a meeting point (a
//! woman leaving a violent partner never has the marked vehicle at her door): the place that
//! matters for reach is the visit's place ([`Person::visit_location`]). Whether the team takes
//! the person at all is decided on the home, as the planner does (U01, R14). Only the pseudonym
//! code travels into the study: no display name, address or notes.

use super::Place;
use super::territory::resolve_sites;
use crate::week::model::{Person, Scenario, Venue};
use crate::week::text::Text;
use maps::LatLon;
use maps::places::Gazetteer;

/// A person of the scenario, by pseudonym code only.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonPoint {
    /// The pseudonym code ("B07"): the only identifier printed or written.
    pub id: String,
    /// Where the visit takes place.
    pub at: LatLon,
    pub venue: Venue,
    /// The home is inside the scenario's territory (otherwise the planner declines the person).
    pub in_territory: bool,
}

impl PersonPoint {
    pub fn of(s: &Scenario, p: &Person) -> PersonPoint {
        PersonPoint {
            id: p.id.clone(),
            at: p.visit_location().point,
            venue: p.venue,
            in_territory: s.team.territory.contains(p.home.point),
        }
    }

    /// The point as a demand place of weight 1, named by its code.
    pub fn place(&self) -> Place {
        Place {
            id: self.id.clone(),
            name: self.id.clone(),
            population: 1,
            at: self.at,
        }
    }

    /// "domicile" / "home" …
    pub fn venue_label(&self, lang: super::Lang) -> &'static str {
        match self.venue {
            Venue::Home => lang.pick("domicile", "home"),
            Venue::Camper => lang.pick("camping-car", "camper"),
            Venue::MeetingPoint => lang.pick("point de rencontre", "meeting point"),
        }
    }
}

/// The scenario's people, in file order.
pub fn people(s: &Scenario) -> Vec<PersonPoint> {
    s.people.iter().map(|p| PersonPoint::of(s, p)).collect()
}

/// What the scenario's territory is, for the report.
pub fn territory_text(s: &Scenario) -> Text {
    s.team.territory.describe()
}

/// The communes of the scenario's permanences, each once, in file order: the sites studied
/// when none are given on the command line.
pub fn permanence_sites(
    s: &Scenario,
    gazetteer: &Gazetteer,
) -> Result<Vec<Place>, super::CoverageError> {
    let mut names: Vec<&str> = Vec::new();
    for p in &s.permanences {
        if !names.contains(&p.site.commune.as_str()) {
            names.push(&p.site.commune);
        }
    }
    resolve_sites(gazetteer, &names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::week::pipeline::DEFAULT_SCENARIO;
    use crate::week::validate::{MapBounds, validate};

    #[test]
    fn people_are_met_where_the_planner_meets_them() {
        let s = validate(DEFAULT_SCENARIO, "scenario.toml", MapBounds::cantal()).unwrap();
        let people = people(&s);
        assert_eq!(people.len(), s.people.len());
        let g = Gazetteer::cantal();
        // B02 lives in Ydes and is met at the Saignes supermarket.
        let b02 = people.iter().find(|p| p.id == "B02").unwrap();
        assert_eq!(b02.venue, Venue::MeetingPoint);
        assert!(b02.at.haversine_m(g.find("Saignes").unwrap().centre()) < 10.0);
        assert!(b02.in_territory);
        // B07 lives in Chaudes-Aigues, outside the arrondissement.
        let b07 = people.iter().find(|p| p.id == "B07").unwrap();
        assert!(!b07.in_territory);
        assert_eq!(people.iter().filter(|p| !p.in_territory).count(), 1);
        // Only the code goes into the study.
        let place = b02.place();
        assert_eq!((place.id.as_str(), place.name.as_str()), ("B02", "B02"));
    }

    #[test]
    fn permanence_sites_are_the_scenarios_communes() {
        let s = validate(DEFAULT_SCENARIO, "scenario.toml", MapBounds::cantal()).unwrap();
        let sites = permanence_sites(&s, Gazetteer::cantal()).unwrap();
        let names: Vec<&str> = sites.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ydes", "Mauriac"]);
    }
}
