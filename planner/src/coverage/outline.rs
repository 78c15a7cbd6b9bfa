//! Outlines of the arrondissements of Cantal, for drawing maps: the territory's border, and the
//! boundary that commune cells are clipped to. Embedded like the commune list, so maps draw
//! on any machine.

use geo::{MultiPolygon, Polygon};
use maps::places::normalize;
use std::sync::OnceLock;

const GEOJSON: &str = include_str!("../../../fixtures/territory/cantal-arrondissements.geojson");

/// One arrondissement: its name (property `nom`) and its outline in (lon, lat) degrees.
#[derive(Clone, Debug)]
pub struct Arrondissement {
    pub name: String,
    pub area: MultiPolygon<f64>,
}

/// The three arrondissements of Cantal (empty only if the embedded file were broken, which a
/// unit test rules out).
pub fn cantal() -> &'static [Arrondissement] {
    static ALL: OnceLock<Vec<Arrondissement>> = OnceLock::new();
    ALL.get_or_init(|| parse(GEOJSON).unwrap_or_default())
}

/// The outline of an arrondissement by name, matched loosely.
pub fn find(name: &str) -> Option<&'static Arrondissement> {
    let key = normalize(name);
    cantal().iter().find(|a| normalize(&a.name) == key)
}

fn parse(text: &str) -> Result<Vec<Arrondissement>, String> {
    let collection: geojson::FeatureCollection = text.parse().map_err(|e| format!("{e}"))?;
    let mut out = Vec::new();
    for feature in collection.features {
        let name = feature
            .property("nom")
            .and_then(|v| v.as_str())
            .ok_or("feature without a \"nom\" property")?
            .to_string();
        let geometry = feature.geometry.ok_or("feature without geometry")?;
        let geometry: geo::Geometry<f64> = geometry.try_into().map_err(|e| format!("{e}"))?;
        let area = match geometry {
            geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
            geo::Geometry::MultiPolygon(m) => m,
            _ => return Err(format!("{name}: not a polygon")),
        };
        out.push(Arrondissement { name, area });
    }
    Ok(out)
}

/// All polygons of the named arrondissements.
pub fn union_of(names: &[String]) -> Vec<&'static Polygon<f64>> {
    names
        .iter()
        .filter_map(|n| find(n))
        .flat_map(|a| a.area.0.iter())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point};

    #[test]
    fn embedded_outlines_parse_and_hold_their_towns() {
        assert_eq!(parse(GEOJSON).unwrap().len(), 3);
        let mauriac = find("mauriac").unwrap();
        // Mauriac town centre is inside its arrondissement, Aurillac's is not.
        assert!(mauriac.area.contains(&Point::new(2.3324, 45.2187)));
        assert!(!mauriac.area.contains(&Point::new(2.4446, 44.9264)));
        assert!(
            find("Aurillac")
                .unwrap()
                .area
                .contains(&Point::new(2.4446, 44.9264))
        );
    }
}
