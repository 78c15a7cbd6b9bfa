//! The territory the team covers. A person living outside it is not planned; the plan says so
//! (the team refers them by phone, as it did for a request from Chaudes-Aigues).
//!
//! The three arrondissements of Cantal are embedded (`fixtures/territory/`), so an
//! arrondissement is named by its INSEE code or name; otherwise a radius around the base
//! (as the Haute-Marne mobile team widened to about 30 km around its town).

use super::text::Text;
use geo::{Contains, Coord, MultiPolygon, Point, Polygon};
use maps::LatLon;

const ARRONDISSEMENTS: &str =
    include_str!("../../../fixtures/territory/cantal-arrondissements.geojson");

#[derive(Clone, Debug)]
pub enum Territory {
    Arrondissement {
        code: String,
        name: String,
        area: MultiPolygon<f64>,
    },
    Radius {
        centre: LatLon,
        km: f64,
    },
}

/// One embedded arrondissement.
#[derive(Clone, Debug)]
pub struct Arrondissement {
    pub code: String,
    pub name: String,
    pub area: MultiPolygon<f64>,
}

/// The embedded arrondissements of Cantal (parsed once; the file is checked by a test).
pub fn arrondissements() -> &'static [Arrondissement] {
    static ALL: std::sync::OnceLock<Vec<Arrondissement>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| parse(ARRONDISSEMENTS).unwrap_or_default())
}

fn parse(text: &str) -> Option<Vec<Arrondissement>> {
    let collection: geojson::FeatureCollection = text.parse().ok()?;
    let mut out = Vec::new();
    for feature in collection.features {
        let code = feature.property("code")?.as_str()?.to_string();
        let name = feature.property("nom")?.as_str()?.to_string();
        let geometry: geo::Geometry<f64> = feature.geometry?.try_into().ok()?;
        let area = match geometry {
            geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
            geo::Geometry::MultiPolygon(m) => m,
            _ => return None,
        };
        out.push(Arrondissement { code, name, area });
    }
    Some(out)
}

impl Territory {
    /// The embedded arrondissement with this code or name.
    pub fn arrondissement(code_or_name: &str) -> Option<Territory> {
        let key = maps::places::normalize(code_or_name);
        arrondissements()
            .iter()
            .find(|a| a.code == code_or_name.trim() || maps::places::normalize(&a.name) == key)
            .map(|a| Territory::Arrondissement {
                code: a.code.clone(),
                name: a.name.clone(),
                area: a.area.clone(),
            })
    }

    pub fn contains(&self, p: LatLon) -> bool {
        match self {
            Territory::Arrondissement { area, .. } => {
                area.contains(&Point::from(Coord { x: p.lon, y: p.lat }))
            }
            Territory::Radius { centre, km } => centre.haversine_m(p) <= km * 1000.0,
        }
    }

    /// "l'arrondissement de Mauriac (15002)" / "30 km autour de la base".
    pub fn describe(&self) -> Text {
        match self {
            Territory::Arrondissement { code, name, .. } => Text::new(
                format!("l'arrondissement de {name} ({code})"),
                format!("the arrondissement of {name} ({code})"),
            ),
            Territory::Radius { km, .. } => Text::new(
                format!("{km} km autour de la base"),
                format!("{km} km around the base"),
            ),
        }
    }

    /// An outline for maps: the polygon's outer rings, or none for a radius.
    pub fn rings(&self) -> Vec<&Polygon<f64>> {
        match self {
            Territory::Arrondissement { area, .. } => area.0.iter().collect(),
            Territory::Radius { .. } => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use maps::places::Gazetteer;

    #[test]
    fn embedded_arrondissements_parse() {
        let all = arrondissements();
        assert_eq!(all.len(), 3);
        assert!(all.iter().any(|a| a.code == "15002" && a.name == "Mauriac"));
    }

    #[test]
    fn communes_fall_in_their_arrondissement() {
        let t = Territory::arrondissement("15002").unwrap();
        let g = Gazetteer::cantal();
        for name in [
            "Mauriac",
            "Ydes",
            "Vebret",
            "Menet",
            "Pleaux",
            "Riom-ès-Montagnes",
        ] {
            assert!(t.contains(g.find(name).unwrap().centre()), "{name}");
        }
        for name in ["Chaudes-Aigues", "Aurillac", "Saint-Flour"] {
            assert!(!t.contains(g.find(name).unwrap().centre()), "{name}");
        }
        // Every commune centre of the arrondissement is inside its polygon.
        let inside = g
            .in_arrondissement("Mauriac")
            .filter(|c| t.contains(c.centre()))
            .count();
        assert_eq!(inside, g.in_arrondissement("Mauriac").count());
        assert!(Territory::arrondissement("mauriac").is_some());
    }

    #[test]
    fn radius_around_base() {
        let g = Gazetteer::cantal();
        let t = Territory::Radius {
            centre: g.find("Mauriac").unwrap().centre(),
            km: 30.0,
        };
        assert!(t.contains(g.find("Ydes").unwrap().centre()));
        assert!(!t.contains(g.find("Chaudes-Aigues").unwrap().centre()));
    }
}
