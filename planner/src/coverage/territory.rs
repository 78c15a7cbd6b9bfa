//! The territory studied (its communes, with population) and the places sites can be.

use super::CoverageError;
use maps::LatLon;
use maps::places::{Commune, Gazetteer, normalize};

/// A point on the map with a weight: a commune (its population at its centre), a candidate
/// site, or a person of a scenario (weight 1, named by pseudonym only).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// INSEE code for a commune, pseudonym for a person.
    pub id: String,
    pub name: String,
    pub population: u32,
    pub at: LatLon,
}

impl Place {
    pub fn from_commune(c: &Commune) -> Place {
        Place {
            id: c.insee_code.clone(),
            name: c.name.clone(),
            population: c.population,
            at: c.centre(),
        }
    }
}

/// The communes studied: the arrondissement of Mauriac by default, or the whole department.
#[derive(Clone, Debug, PartialEq)]
pub struct Territory {
    /// "Mauriac" (an arrondissement) or "Cantal".
    pub name: String,
    /// Arrondissement names whose outlines are drawn on the map.
    pub arrondissements: Vec<String>,
    pub communes: Vec<Place>,
}

impl Territory {
    /// `"cantal"` for the department, otherwise an arrondissement name ("Mauriac", "Aurillac",
    /// "Saint-Flour"), matched loosely.
    pub fn named(gazetteer: &Gazetteer, name: &str) -> Result<Territory, CoverageError> {
        let mut known: Vec<String> = gazetteer
            .communes()
            .iter()
            .map(|c| c.arrondissement.clone())
            .collect();
        known.sort();
        known.dedup();
        let key = normalize(name);
        if key == "cantal" {
            return Ok(Territory {
                name: "Cantal".into(),
                arrondissements: known,
                communes: gazetteer
                    .communes()
                    .iter()
                    .map(Place::from_commune)
                    .collect(),
            });
        }
        let Some(arr) = known.iter().find(|a| normalize(a) == key) else {
            return Err(CoverageError::UnknownTerritory {
                name: name.to_string(),
                known: known.join(", "),
            });
        };
        Ok(Territory {
            name: arr.clone(),
            arrondissements: vec![arr.clone()],
            communes: gazetteer
                .in_arrondissement(arr)
                .map(Place::from_commune)
                .collect(),
        })
    }

    /// "Arrondissement de Mauriac", or "Cantal" for the department.
    pub fn label(&self, lang: super::Lang) -> String {
        if self.arrondissements.len() == 1 {
            format!(
                "{} {}",
                lang.pick("Arrondissement de", "Arrondissement of"),
                self.name
            )
        } else {
            self.name.clone()
        }
    }

    pub fn population(&self) -> u64 {
        self.communes.iter().map(|c| u64::from(c.population)).sum()
    }
}

/// Resolves commune names to sites; an unknown name gets the closest names as suggestions.
pub fn resolve_sites(gazetteer: &Gazetteer, names: &[&str]) -> Result<Vec<Place>, CoverageError> {
    let mut sites: Vec<Place> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let commune = gazetteer.resolve(name)?;
        if sites.iter().any(|s| s.id == commune.insee_code) {
            return Err(CoverageError::DuplicateSite {
                name: commune.name.clone(),
            });
        }
        sites.push(Place::from_commune(commune));
    }
    if sites.is_empty() {
        return Err(CoverageError::NoSites);
    }
    Ok(sites)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mauriac_by_default_and_cantal_whole() {
        let g = Gazetteer::cantal();
        let m = Territory::named(g, "mauriac").unwrap();
        assert_eq!(m.name, "Mauriac");
        assert_eq!(m.communes.len(), 55);
        let c = Territory::named(g, "Cantal").unwrap();
        assert_eq!(c.communes.len(), 246);
        assert_eq!(c.arrondissements.len(), 3);
        assert!(c.population() > m.population());
        let e = Territory::named(g, "Lozère").unwrap_err().to_string();
        assert!(e.contains("Saint-Flour"), "{e}");
    }

    #[test]
    fn sites_resolve_loosely_and_refuse_repeats() {
        let g = Gazetteer::cantal();
        let s = resolve_sites(g, &["mauriac", " Ydes "]).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].name, "Ydes");
        let e = resolve_sites(g, &["Mauriac", "MAURIAC"]).unwrap_err();
        assert!(matches!(e, CoverageError::DuplicateSite { .. }));
        let e = resolve_sites(g, &["Ydess"]).unwrap_err().to_string();
        assert!(e.contains("did you mean Ydes"), "{e}");
        assert!(matches!(
            resolve_sites(g, &[" "]),
            Err(CoverageError::NoSites)
        ));
    }
}
