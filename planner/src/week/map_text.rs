//! The `maps` crate's errors in French too. That crate speaks English (its messages are
//! also read by developers); the command line speaks the user's language, French by default,
//! so each error the user can fix gets its French wording here. Details computed inside the
//! library (a parser's complaint, a hint) stay as the library wrote them.

use super::text::Text;
use maps::MapError;

/// The error's message in French and in English.
pub fn text(e: &MapError) -> Text {
    Text::new(french(e), e.to_string())
}

fn french(e: &MapError) -> String {
    match e {
        MapError::Io { path, source } => {
            format!("impossible de lire {} : {source} [M001]", path.display())
        }
        MapError::NotFound { path } => format!(
            "{}: [M002] fichier introuvable — correction : vérifiez le chemin",
            path.display()
        ),
        MapError::EmptyFile { path } => format!(
            "{}: [M003] le fichier est vide — correction : téléchargez-le ou exportez-le à nouveau",
            path.display()
        ),
        MapError::Corrupt { path, detail } => format!(
            "{}: [M004] pas un fichier OpenStreetMap valide ({detail}) — correction : téléchargez-le à nouveau, ou vérifiez que c'est un fichier .osm.pbf, .osm ou .osm.gz",
            path.display()
        ),
        MapError::UnknownFormat { path } => format!(
            "{}: [M005] type de fichier inconnu — correction : donnez un fichier .osm.pbf, .osm, .osm.gz ou .graph",
            path.display()
        ),
        // The library's hint tells which of two cases it is, in English; the French fix
        // covers both.
        MapError::NoRoads { path, .. } => format!(
            "{}: [M006] aucune route praticable trouvée — correction : vérifiez que c'est un extrait OpenStreetMap avec des routes (highway=*) ouvertes à ce véhicule",
            path.display()
        ),
        MapError::BadGraphFile { path, detail } => format!(
            "{}: [M007] fichier de graphe {detail} — correction : importez-le à nouveau avec `tournee map import`",
            path.display()
        ),
        MapError::UnknownPlace {
            name, suggestions, ..
        } => {
            let close = if suggestions.is_empty() {
                String::new()
            } else {
                format!(" (vouliez-vous dire {} ?)", suggestions.join(", "))
            };
            format!(
                "[M008] lieu inconnu « {name} » : pas une commune de la liste{close} — correction : donnez un nom de commune ou LAT,LON"
            )
        }
        MapError::InvalidArgument { what, value, hint } => {
            format!("[M009] {what} invalide « {value} » — correction : {hint}")
        }
        MapError::CannotSnap {
            id,
            distance_m,
            limit_m,
            ..
        } => format!(
            "[M010] le point « {id} » est à {distance_m:.0} m de la route la plus proche (limite {limit_m:.0} m) — correction : vérifiez ses coordonnées ou prenez une carte qui le couvre"
        ),
        MapError::BadRouter { detail } => format!(
            "[M011] section du routeur {detail} — correction : importez la carte à nouveau avec `tournee map import`"
        ),
        MapError::BadPointsFile { path, line, detail } => format!(
            "{}:{line}: [M012] {detail} — correction : un point par ligne, id,lat,lon en degrés WGS84",
            path.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::week::Lang;
    use maps::places::Gazetteer;

    #[test]
    fn an_unknown_commune_is_told_in_french_with_the_same_suggestions() {
        let Err(e) = Gazetteer::cantal().resolve("Allanch") else {
            panic!("Allanch is not a commune");
        };
        let t = text(&e);
        assert!(
            t.get(Lang::En)
                .starts_with("[M008] unknown place \"Allanch\"")
        );
        assert!(
            t.get(Lang::Fr)
                .starts_with("[M008] lieu inconnu « Allanch »")
        );
        assert!(t.get(Lang::Fr).contains("vouliez-vous dire Allanche"));
        assert!(t.get(Lang::En).contains("did you mean Allanche"));
    }

    #[test]
    fn every_message_keeps_its_code_in_both_languages() {
        let path = std::path::PathBuf::from("x.osm.pbf");
        let errors = [
            MapError::NotFound { path: path.clone() },
            MapError::EmptyFile { path: path.clone() },
            MapError::UnknownFormat { path: path.clone() },
            MapError::BadRouter { detail: "d".into() },
            MapError::InvalidArgument {
                what: "profile",
                value: "vélo".into(),
                hint: "h".into(),
            },
        ];
        for e in &errors {
            let t = text(e);
            let code = &t.en[t.en.find("[M").expect("code")..][..6];
            assert!(t.fr.contains(code), "{} / {}", t.fr, t.en);
            assert_ne!(t.fr, t.en);
        }
    }
}
