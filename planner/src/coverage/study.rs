//! One coverage study from start to end: travel times once, then every site set, radius and
//! choice the user asked for. The command line and the benchmark both call [`run`].

use super::greedy::{Choice, CoverProblem, greedy};
use super::mclp::{self, ExactChoice};
use super::people::PersonPoint;
use super::table::{Nearest, nearest};
use super::ties;
use super::{CoverageError, Place, Radius, Reach, SiteSet, Summary, Territory, TravelTimes};
use crate::week::text::Text;

/// What to study.
pub struct Request {
    pub territory: Territory,
    /// Site sets to compare side by side (each non-empty).
    pub site_sets: Vec<Vec<Place>>,
    pub radii: Vec<Radius>,
    /// Choose this many sites among `candidates`, for each radius.
    pub choose: Option<(usize, Vec<Place>)>,
    /// People of a scenario (pseudonym codes), checked against every site set.
    pub people: Vec<PersonPoint>,
    /// The scenario's territory, for people living outside it.
    pub people_territory: Option<Text>,
    /// Time limit of the exact solver, per radius.
    pub solver_time_limit_s: f64,
}

/// The exact and greedy choices of K sites for one radius.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteChoice {
    pub radius: Radius,
    pub k: usize,
    pub exact: ExactChoice,
    pub greedy: Choice,
    /// The chosen candidates themselves (`exact.choice.sites` resolved).
    pub exact_sites: Vec<Place>,
    pub greedy_sites: Vec<Place>,
    pub candidates: usize,
}

impl SiteChoice {
    /// People the exact choice reaches that greedy does not.
    pub fn gap(&self) -> u64 {
        self.exact
            .choice
            .covered
            .saturating_sub(self.greedy.covered)
    }
}

/// Everything the study found.
pub struct Study {
    pub territory: Territory,
    pub radii: Vec<Radius>,
    pub sets: Vec<SiteSet>,
    /// `summaries[set][radius]`.
    pub summaries: Vec<Vec<Summary>>,
    pub choices: Vec<SiteChoice>,
    pub people: Vec<PersonPoint>,
    pub people_territory: Option<Text>,
    /// `people_nearest[set][person]`.
    pub people_nearest: Vec<Vec<Nearest>>,
}

/// Runs the study. Travel times are asked for once per distinct site.
pub fn run(travel: &dyn TravelTimes, req: Request) -> Result<Study, CoverageError> {
    if req.site_sets.iter().any(|s| s.is_empty()) || req.site_sets.is_empty() {
        return Err(CoverageError::NoSites);
    }
    let mut all_sites: Vec<Place> = Vec::new();
    for site in req.site_sets.iter().flatten() {
        if !all_sites.iter().any(|s| s.id == site.id) {
            all_sites.push(site.clone());
        }
    }
    let reach = travel.reach(&req.territory.communes, &all_sites)?;
    let people_reach = if req.people.is_empty() {
        None
    } else {
        Some(travel.reach(&places(&req.people), &all_sites)?)
    };
    let mut sets = Vec::new();
    let mut people_nearest = Vec::new();
    for sites in &req.site_sets {
        let cols = columns(&all_sites, sites);
        sets.push(SiteSet::new(
            SiteSet::names(sites),
            sites.clone(),
            &reach.select_sites(&cols),
        ));
        people_nearest.push(match &people_reach {
            Some(r) => nearest(&r.select_sites(&cols)),
            None => Vec::new(),
        });
    }
    let summaries = sets
        .iter()
        .map(|set| {
            req.radii
                .iter()
                .map(|&r| set.summary(&req.territory, r))
                .collect()
        })
        .collect();
    let choices = match &req.choose {
        Some((k, candidates)) => choose(travel, &req, *k, candidates)?,
        None => Vec::new(),
    };
    Ok(Study {
        territory: req.territory,
        radii: req.radii,
        sets,
        summaries,
        choices,
        people: req.people,
        people_territory: req.people_territory,
        people_nearest,
    })
}

fn places(people: &[PersonPoint]) -> Vec<Place> {
    people.iter().map(PersonPoint::place).collect()
}

fn columns(all: &[Place], sites: &[Place]) -> Vec<usize> {
    sites
        .iter()
        .filter_map(|s| all.iter().position(|a| a.id == s.id))
        .collect()
}

/// The best `k` candidates for each radius, exact and greedy.
fn choose(
    travel: &dyn TravelTimes,
    req: &Request,
    k: usize,
    candidates: &[Place],
) -> Result<Vec<SiteChoice>, CoverageError> {
    if k == 0 || k > candidates.len() {
        return Err(CoverageError::BadChoice {
            k,
            candidates: candidates.len(),
        });
    }
    let reach: Reach = travel.reach(&req.territory.communes, candidates)?;
    let weights: Vec<u32> = req
        .territory
        .communes
        .iter()
        .map(|c| c.population)
        .collect();
    let mut out = Vec::new();
    for &radius in &req.radii {
        let problem = CoverProblem::from_reach(&reach, &weights, radius);
        let mut exact = mclp::solve(&problem, k, req.solver_time_limit_s)?;
        exact.choice = ties::prefer_nearer(&problem, &reach, &weights, exact.choice);
        let greedy = greedy(&problem, k);
        let pick = |idx: &[usize]| idx.iter().map(|&i| candidates[i].clone()).collect();
        out.push(SiteChoice {
            radius,
            k,
            exact_sites: pick(&exact.choice.sites),
            greedy_sites: pick(&greedy.sites),
            exact,
            greedy,
            candidates: candidates.len(),
        });
    }
    Ok(out)
}

/// Adds the exact choice for the first radius as one more site set, so it shows in the
/// comparison, the map and the chart.
pub fn add_choice_as_set(
    study: &mut Study,
    travel: &dyn TravelTimes,
    label: String,
) -> Result<(), CoverageError> {
    let Some(choice) = study.choices.first() else {
        return Ok(());
    };
    let sites = choice.exact_sites.clone();
    let reach = travel.reach(&study.territory.communes, &sites)?;
    let set = SiteSet::new(label, sites.clone(), &reach);
    study.summaries.push(
        study
            .radii
            .iter()
            .map(|&r| set.summary(&study.territory, r))
            .collect(),
    );
    study.sets.push(set);
    let people = if study.people.is_empty() {
        Vec::new()
    } else {
        nearest(&travel.reach(&places(&study.people), &sites)?)
    };
    study.people_nearest.push(people);
    Ok(())
}
