//! `radius-study.csv`: one row per radius. Counts only, no person: an ordinary file.
//!
//! Hours with two decimals and kilometres with one, with a dot, as the other coverage files.
//! Hours needed, visit and permanence hours, driving, "planned at best" and "not fitting"
//! come from [`super::RadiusRow::serving`]; the `team` columns from the plan within the
//! team's real hours.

use super::super::Lang;
use super::RadiusStudy;

fn hours(seconds: i64) -> String {
    format!("{:.2}", seconds as f64 / 3600.0)
}

const HEADER_FR: &str = "rayon_km,personnes_dans_le_rayon,dont_a_moins_du_rayon_par_la_route,\
demandes_dues,heures_necessaires,etp_necessaires,heures_de_visite,heures_de_permanence,\
route_h,route_km,planifiees_au_mieux,non_tenues,heures_equipe,\
heures_utilisees_equipe,planifiees_equipe,hors_des_heures_equipe,route_equipe_h";

const HEADER_EN: &str = "radius_km,people_inside,of_which_within_radius_by_road,requests_due,\
hours_needed,fte_needed,visit_hours,permanence_hours,drive_h,drive_km,planned_at_best,\
not_fitting,team_hours,team_hours_used,planned_team,left_out_team,drive_team_h";

/// The study as CSV, in the language's column names.
pub fn render(study: &RadiusStudy, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(lang.pick(HEADER_FR, HEADER_EN).split(','));
    for row in &study.rows {
        let needed = study.needed_s(row);
        let (u, r) = (row.serving(), &row.real);
        let _ = w.write_record([
            format!("{:.1}", f64::from(row.radius_m) / 1000.0),
            row.inside.to_string(),
            row.inside_by_road.to_string(),
            u.due.to_string(),
            hours(needed),
            format!("{:.2}", needed as f64 / 3600.0 / study.hours_per_fte),
            hours(u.outreach_s),
            hours(u.permanence_s),
            hours(u.drive_s),
            format!("{:.1}", u.distance_m as f64 / 1000.0),
            u.planned.to_string(),
            u.left_out().to_string(),
            hours(study.team_s()),
            hours(study.used_s(row)),
            r.planned.to_string(),
            r.left_out().to_string(),
            hours(r.drive_s),
        ]);
    }
    w.into_inner().unwrap_or_default()
}
