//! CSV files of a study, for spreadsheets: one row per commune and site set, one per site set
//! and radius, one per choice, one per person (pseudonym only: no names, no addresses).
//!
//! Times are in minutes and distances in kilometres, one decimal, with a dot: spreadsheets in
//! any locale read them with "import as CSV".

use super::study::Study;
use super::table::Nearest;
use super::{Lang, Radius};
use maps::Seconds;

fn minutes(n: &Nearest) -> String {
    if n.time == Seconds::MAX {
        String::new()
    } else {
        format!("{:.1}", f64::from(n.time.0) / 60.0)
    }
}

fn km(n: &Nearest) -> String {
    if n.time == Seconds::MAX {
        String::new()
    } else {
        format!("{:.1}", f64::from(n.distance.0) / 1000.0)
    }
}

fn yes_no(b: bool, lang: Lang) -> String {
    if b {
        lang.pick("oui", "yes")
    } else {
        lang.pick("non", "no")
    }
    .to_string()
}

fn radius_columns(prefix: &str, radii: &[Radius], lang: Lang) -> Vec<String> {
    radii
        .iter()
        .map(|r| format!("{prefix} {}", r.label(lang)))
        .collect()
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().unwrap_or_default()
}

/// Every commune with its nearest site, time, distance and whether each radius covers it.
pub fn communes(study: &Study, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = lang
        .pick(
            "sites,code_insee,commune,population,site_le_plus_proche,temps_min,distance_km",
            "sites,insee_code,commune,population,nearest_site,time_min,distance_km",
        )
        .split(',')
        .map(String::from)
        .collect();
    header.extend(radius_columns(
        lang.pick("couvert", "covered"),
        &study.radii,
        lang,
    ));
    let _ = w.write_record(&header);
    for set in &study.sets {
        for (c, n) in study.territory.communes.iter().zip(&set.nearest) {
            let mut row = vec![
                set.label.clone(),
                c.id.clone(),
                c.name.clone(),
                c.population.to_string(),
                n.site
                    .map(|s| set.sites[s].name.clone())
                    .unwrap_or_default(),
                minutes(n),
                km(n),
            ];
            row.extend(study.radii.iter().map(|&r| yes_no(n.within(r), lang)));
            let _ = w.write_record(&row);
        }
    }
    finish(w)
}

/// Population and communes covered, per site set and radius.
pub fn summary(study: &Study, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(
        lang.pick(
            "sites,rayon,population_couverte,population,part_pct,communes_couvertes,communes",
            "sites,radius,population_covered,population,share_pct,communes_covered,communes",
        )
        .split(','),
    );
    for (set, row) in study.sets.iter().zip(&study.summaries) {
        for s in row {
            let _ = w.write_record([
                set.label.clone(),
                s.radius.label(lang),
                s.covered_population.to_string(),
                s.population.to_string(),
                format!("{:.1}", s.share_percent()),
                s.covered_communes.to_string(),
                s.communes.to_string(),
            ]);
        }
    }
    finish(w)
}

/// The exact and greedy choices of K sites, per radius.
pub fn choices(study: &Study, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(
        lang.pick(
            "rayon,k,methode,sites,population_couverte,part_pct,optimum_prouve",
            "radius,k,method,sites,population_covered,share_pct,proven_optimal",
        )
        .split(','),
    );
    let total = study.territory.population().max(1) as f64;
    for c in &study.choices {
        let names = |sites: &[super::Place]| super::SiteSet::names(sites);
        for (method, sites, covered, proven) in [
            (
                lang.pick("exact", "exact"),
                names(&c.exact_sites),
                c.exact.choice.covered,
                yes_no(c.exact.proven_optimal, lang),
            ),
            (
                lang.pick("glouton", "greedy"),
                names(&c.greedy_sites),
                c.greedy.covered,
                String::new(),
            ),
        ] {
            let _ = w.write_record([
                c.radius.label(lang),
                c.k.to_string(),
                method.to_string(),
                sites,
                covered.to_string(),
                format!("{:.1}", 100.0 * covered as f64 / total),
                proven,
            ]);
        }
    }
    finish(w)
}

/// People of the scenario by pseudonym code only: where they are met (home, camper or meeting
/// point), whether they live in the scenario's territory, nearest site, time, distance and,
/// per radius, covered or not ("outside territory" for those the team does not take).
pub fn people(study: &Study, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = lang
        .pick(
            "sites,personne,lieu_de_visite,dans_le_territoire,site_le_plus_proche,temps_min,distance_km",
            "sites,person,visit_place,in_territory,nearest_site,time_min,distance_km",
        )
        .split(',')
        .map(String::from)
        .collect();
    header.extend(radius_columns(
        lang.pick("couvert", "covered"),
        &study.radii,
        lang,
    ));
    let _ = w.write_record(&header);
    let outside = lang.pick("hors territoire", "outside territory");
    for (set, near) in study.sets.iter().zip(&study.people_nearest) {
        for (p, n) in study.people.iter().zip(near) {
            let mut row = vec![
                set.label.clone(),
                p.id.clone(),
                p.venue_label(lang).to_string(),
                yes_no(p.in_territory, lang),
                n.site
                    .map(|s| set.sites[s].name.clone())
                    .unwrap_or_default(),
                minutes(n),
                km(n),
            ];
            row.extend(study.radii.iter().map(|&r| {
                if p.in_territory {
                    yes_no(n.within(r), lang)
                } else {
                    outside.to_string()
                }
            }));
            let _ = w.write_record(&row);
        }
    }
    finish(w)
}
