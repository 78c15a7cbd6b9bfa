//! Coverage study: who is within reach of the permanence sites, by road.
//!
//! Funders and partners ask which share of the territory's population lives within, say, half an
//! hour's drive of a permanence, what changes with another radius or other sites, and which sites
//! would reach the most people. Straight lines flatter a mountain territory (the Cantal valleys
//! make a 15 km hop a 30 minute drive), so every number here comes from road travel times.
//!
//! The parts: [`travel`] gives commune → site travel times and distances from a road map;
//! [`table`] finds each commune's nearest site and sums the population within a [`Radius`];
//! [`mclp`] chooses the K best sites exactly (maximal covering location problem), [`greedy`]
//! gives the usual heuristic answer to compare with; [`svg`] and [`chart`] draw the results.
//! [`people`] places a scenario's people (by pseudonym code) against the sites;
//! [`radius_study`] plans the week with the weekly planner as the territory around the base
//! grows, to see the hours and driving each radius would take.
//!
//! A commune's whole population is counted at its centre (area-weighted centroid): a commune
//! is covered or not as a whole. This is the resolution of the data we ship.

pub mod chart;
pub mod csv;
pub mod greedy;
pub mod mclp;
pub mod outline;
pub mod people;
pub mod radius;
pub mod radius_study;
pub mod study;
pub mod svg;
pub mod table;
pub mod territory;
pub mod ties;
pub mod travel;

#[cfg(test)]
mod render_tests;

pub use radius::{Measure, Radius};
pub use table::{Nearest, SiteSet, Summary};
pub use territory::{Place, Territory};
pub use travel::{Reach, TravelTimes};

use crate::week::text::Text;

/// Errors of the coverage study; see [`CoverageError::is_bad_input`] for which are the user's.
#[derive(Debug, thiserror::Error)]
pub enum CoverageError {
    #[error("invalid radius {value:?}: {}", .hint.en)]
    BadRadius { value: String, hint: Text },
    #[error("unknown territory {name:?}: expected \"cantal\" or an arrondissement ({known})")]
    UnknownTerritory { name: String, known: String },
    #[error("no site given: name at least one commune, e.g. --sites Mauriac,Ydes")]
    NoSites,
    #[error("site {name:?} is listed twice in the same set; list each commune once")]
    DuplicateSite { name: String },
    #[error(
        "cannot choose {k} sites among {candidates} candidates; choose between 1 and {candidates}"
    )]
    BadChoice { k: usize, candidates: usize },
    #[error("invalid {option} {value:?}: {}", .hint.en)]
    BadStudyRange {
        option: String,
        value: String,
        hint: Text,
    },
    #[error(transparent)]
    Map(#[from] maps::MapError),
    #[error("the site-choice solver failed: {0}")]
    Solver(String),
    /// Planning a week of the radius study failed (map, or a permanence that cannot be held).
    #[error(transparent)]
    Planning(#[from] crate::week::pipeline::PlanningError),
    /// A week planned for the radius study breaks a rule: a bug, never a figure.
    #[error("internal: a week planned for the radius study breaks rules, please report it: {0}")]
    Checker(String),
}

impl CoverageError {
    /// True when the user can fix it (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            CoverageError::Map(e) => e.is_bad_input(),
            CoverageError::Planning(e) => e.is_bad_input(),
            CoverageError::Solver(_) | CoverageError::Checker(_) => false,
            _ => true,
        }
    }

    /// The message in French and English (the command line picks one with `--lang`).
    pub fn text(&self) -> Text {
        use crate::tr;
        match self {
            CoverageError::BadRadius { value, hint } => Text::new(
                format!("rayon invalide « {value} » : {}", hint.fr),
                self.to_string(),
            ),
            CoverageError::UnknownTerritory { name, known } => Text::new(
                format!(
                    "territoire inconnu « {name} » : « cantal » ou un arrondissement attendu ({known})"
                ),
                self.to_string(),
            ),
            CoverageError::NoSites => Text::new(
                "aucun site donné : nommez au moins une commune, par exemple --sites Mauriac,Ydes",
                self.to_string(),
            ),
            CoverageError::DuplicateSite { name } => Text::new(
                format!(
                    "le site « {name} » figure deux fois dans le même ensemble ; citez chaque commune une fois"
                ),
                self.to_string(),
            ),
            CoverageError::BadChoice { k, candidates } => Text::new(
                format!(
                    "impossible de choisir {k} sites parmi {candidates} candidats ; choisissez entre 1 et {candidates}"
                ),
                self.to_string(),
            ),
            CoverageError::BadStudyRange {
                option,
                value,
                hint,
            } => Text::new(
                format!("{option} invalide « {value} » : {}", hint.fr),
                self.to_string(),
            ),
            CoverageError::Map(e) => crate::week::map_text::text(e),
            CoverageError::Planning(e) => {
                Text::new(e.text(crate::week::Lang::Fr), e.text(crate::week::Lang::En))
            }
            CoverageError::Solver(detail) => tr!(
                "le calcul du choix des sites a échoué : {detail}",
                "the site-choice solver failed: {detail}"
            ),
            CoverageError::Checker(detail) => tr!(
                "interne : une semaine planifiée pour l'étude des rayons enfreint des règles, merci de le signaler : {detail}",
                "internal: a week planned for the radius study breaks rules, please report it: {detail}"
            ),
        }
    }
}

/// Language of labels in pictures and files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The colon as each language types it: " : " in French, ": " in English.
    pub fn colon(self) -> &'static str {
        self.pick(" : ", ": ")
    }

    /// The text of a message of the weekly planner in this language.
    pub fn text(self, t: &crate::week::text::Text) -> &str {
        match self {
            Lang::Fr => &t.fr,
            Lang::En => &t.en,
        }
    }

    /// Picks the French or English text.
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

/// Formats an integer with thin groups of three digits ("27 480" in French, "27,480" in English).
pub fn group_digits(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = lang.pick("\u{202f}", ",");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A number with `digits` decimals: decimal comma in French, point in English.
pub fn decimal(x: f64, digits: usize, lang: Lang) -> String {
    let text = format!("{x:.digits$}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(decimal(12.345, 1, Lang::Fr), "12,3");
        assert_eq!(decimal(12.345, 1, Lang::En), "12.3");
    }

    #[test]
    fn groups_digits() {
        assert_eq!(group_digits(27480, Lang::En), "27,480");
        assert_eq!(group_digits(999, Lang::En), "999");
        assert_eq!(group_digits(1_000_000, Lang::Fr), "1\u{202f}000\u{202f}000");
    }
}
