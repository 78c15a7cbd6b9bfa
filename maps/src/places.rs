//! Commune names → positions. Users write "Riom-ès-Montagnes" or "riom es montagnes" rather than
//! coordinates, in scenario files and on the command line (`--around Mauriac`).
//!
//! The communes of Cantal (`fixtures/cantal-communes.csv`) are compiled into the binary, so a
//! name resolves on any machine; another file in the same format can be loaded instead.

use crate::error::MapError;
use crate::units::LatLon;
use serde::Deserialize;
use std::sync::OnceLock;

/// A commune: its INSEE code, name, arrondissement, population and centre.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Commune {
    pub insee_code: String,
    pub name: String,
    pub arrondissement: String,
    pub population: u32,
    pub lat: f64,
    pub lon: f64,
}

impl Commune {
    pub fn centre(&self) -> LatLon {
        LatLon::new(self.lat, self.lon)
    }
}

/// A list of communes searchable by name or INSEE code.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    communes: Vec<Commune>,
    keys: Vec<String>,
}

const CANTAL_CSV: &str = include_str!("../../fixtures/cantal-communes.csv");

impl Gazetteer {
    /// The 246 communes of Cantal, embedded in the binary.
    pub fn cantal() -> &'static Gazetteer {
        static CANTAL: OnceLock<Gazetteer> = OnceLock::new();
        CANTAL.get_or_init(|| {
            // The embedded file is checked by a unit test, so this cannot fail at run time.
            Gazetteer::parse(CANTAL_CSV, "cantal-communes.csv").unwrap_or_default()
        })
    }

    /// Parses CSV text with header `insee_code,name,arrondissement,population,lat,lon`.
    pub fn parse(text: &str, source: &str) -> Result<Gazetteer, MapError> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut communes = Vec::new();
        for (i, row) in reader.deserialize::<Commune>().enumerate() {
            let commune = row.map_err(|e| MapError::BadPointsFile {
                path: source.into(),
                line: i + 2,
                detail: format!("{e}; expected insee_code,name,arrondissement,population,lat,lon"),
            })?;
            communes.push(commune);
        }
        let keys = communes.iter().map(|c| normalize(&c.name)).collect();
        Ok(Gazetteer { communes, keys })
    }

    pub fn communes(&self) -> &[Commune] {
        &self.communes
    }

    /// Finds a commune by name (ignoring case, accents, hyphens and "St"/"Saint") or INSEE code.
    pub fn find(&self, name: &str) -> Option<&Commune> {
        let key = normalize(name);
        self.keys
            .iter()
            .position(|k| *k == key)
            .map(|i| &self.communes[i])
            .or_else(|| self.communes.iter().find(|c| c.insee_code == name.trim()))
    }

    /// Like [`Gazetteer::find`], with an error that suggests the closest names.
    pub fn resolve(&self, name: &str) -> Result<&Commune, MapError> {
        self.find(name).ok_or_else(|| {
            let close = self.suggest(name, 3);
            let list = if close.is_empty() {
                "the commune list".to_string()
            } else {
                format!("the commune list (did you mean {}?)", close.join(", "))
            };
            MapError::UnknownPlace {
                name: name.to_string(),
                list,
                suggestions: close.iter().map(|c| c.to_string()).collect(),
            }
        })
    }

    /// The `n` names closest to `name` (edit distance on normalised names).
    pub fn suggest(&self, name: &str, n: usize) -> Vec<&str> {
        let key = normalize(name);
        let mut scored: Vec<(usize, usize)> = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| (edit_distance(&key, k), i))
            .filter(|(d, _)| *d <= key.len().max(3) / 2)
            .collect();
        scored.sort();
        scored
            .into_iter()
            .take(n)
            .map(|(_, i)| self.communes[i].name.as_str())
            .collect()
    }

    /// Communes of one arrondissement (e.g. "Mauriac").
    pub fn in_arrondissement<'a>(
        &'a self,
        arrondissement: &'a str,
    ) -> impl Iterator<Item = &'a Commune> {
        let key = normalize(arrondissement);
        self.communes
            .iter()
            .filter(move |c| normalize(&c.arrondissement) == key)
    }
}

/// Lower case, no accents, hyphens and apostrophes as spaces, "st" as "saint", single spaces.
pub fn normalize(name: &str) -> String {
    let folded: String = name
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '-' | '\'' | '’' | '_' => ' ',
            c => c,
        })
        .collect();
    folded
        .split_whitespace()
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_cantal_file_parses() {
        let g = Gazetteer::parse(CANTAL_CSV, "x").unwrap();
        assert_eq!(g.communes().len(), 246);
        assert_eq!(Gazetteer::cantal().communes().len(), 246);
    }

    #[test]
    fn finds_names_loosely() {
        let g = Gazetteer::cantal();
        for name in [
            "Riom-ès-Montagnes",
            "riom es montagnes",
            "RIOM-ES-MONTAGNES",
            "15162",
        ] {
            assert_eq!(g.find(name).unwrap().insee_code, "15162", "{name}");
        }
        assert_eq!(
            g.find("St Martin Valmeroux").unwrap().name,
            "Saint-Martin-Valmeroux"
        );
        assert_eq!(
            g.find("Chaudes-Aigues").unwrap().arrondissement,
            "Saint-Flour"
        );
    }

    #[test]
    fn unknown_name_suggests_close_ones() {
        let e = Gazetteer::cantal()
            .resolve("Mauriack")
            .unwrap_err()
            .to_string();
        assert!(e.contains("Mauriac"), "{e}");
    }

    #[test]
    fn arrondissement_of_mauriac() {
        let n = Gazetteer::cantal().in_arrondissement("Mauriac").count();
        assert!((50..70).contains(&n), "{n}");
    }
}
