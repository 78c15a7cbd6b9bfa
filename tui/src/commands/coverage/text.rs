//! The study as text on the terminal: the comparison table first (what people ask), then the
//! communes of the first site set, the communes out of reach, the site choice and the people.

use planner::coverage::radius::minutes_label;
use planner::coverage::study::{SiteChoice, Study};
use planner::coverage::{Lang, Nearest, Radius, SiteSet, decimal, group_digits};
use std::fmt::Write;

/// Pads to `width` characters (not bytes: commune names have accents).
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

fn pad_left(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{}{s}", " ".repeat(width.saturating_sub(n)))
}

/// The whole terminal report.
pub fn report(study: &Study, note: &str, lang: Lang) -> String {
    let mut out = String::new();
    let t = &study.territory;
    let _ = writeln!(
        out,
        "{} — {}{}{} communes, {} {}",
        lang.pick("Étude de couverture", "Coverage study"),
        t.label(lang),
        lang.colon(),
        t.communes.len(),
        group_digits(t.population(), lang),
        lang.pick("habitants", "inhabitants")
    );
    let _ = writeln!(out, "{note}\n");
    comparison(&mut out, study, lang);
    if let Some(set) = study.sets.first() {
        communes(&mut out, study, set, lang);
        uncovered(&mut out, study, lang);
    }
    for c in &study.choices {
        choice(&mut out, study, c, lang);
    }
    people(&mut out, study, lang);
    out
}

fn comparison(out: &mut String, study: &Study, lang: Lang) {
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "Population à portée, par la route (habitants, part du territoire, communes)",
            "Population within reach, by road (inhabitants, share of the territory, communes)"
        )
    );
    let name_w = study
        .sets
        .iter()
        .map(|s| s.label.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let col_w = 22;
    let mut head = pad(lang.pick("Sites", "Sites"), name_w);
    for r in &study.radii {
        head.push_str(" │ ");
        head.push_str(&pad(&r.label(lang), col_w));
    }
    let _ = writeln!(out, "{head}");
    let _ = writeln!(out, "{}", "─".repeat(head.chars().count()));
    for (set, row) in study.sets.iter().zip(&study.summaries) {
        let mut line = pad(&set.label, name_w);
        for s in row {
            let cell = format!(
                "{} ({:.0} %, {}/{})",
                group_digits(s.covered_population, lang),
                s.share_percent(),
                s.covered_communes,
                s.communes
            );
            line.push_str(" │ ");
            line.push_str(&pad(&cell, col_w));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn communes(out: &mut String, study: &Study, set: &SiteSet, lang: Lang) {
    let t = &study.territory;
    let _ = writeln!(
        out,
        "\n{} {}",
        lang.pick(
            "Temps de route de chaque commune vers le site le plus proche —",
            "Road travel time from each commune to the nearest site —"
        ),
        set.label
    );
    if t.communes.len() > 80 {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "(trop de communes pour l'écran : voir communes.csv)",
                "(too many communes for the screen: see communes.csv)"
            )
        );
        return;
    }
    let mut order: Vec<usize> = (0..t.communes.len()).collect();
    order.sort_by_key(|&i| {
        (
            set.nearest[i].time,
            std::cmp::Reverse(t.communes[i].population),
        )
    });
    let _ = writeln!(
        out,
        "{} {} {} {} {}",
        pad(lang.pick("Commune", "Commune"), 30),
        pad_left("Population", 10),
        pad(lang.pick("Site le plus proche", "Nearest site"), 24),
        pad_left(lang.pick("Temps", "Time"), 8),
        pad_left("Distance", 9)
    );
    for i in order {
        let (c, n) = (&t.communes[i], &set.nearest[i]);
        let (site, time, dist) = nearest_cells(set, n, lang);
        let _ = writeln!(
            out,
            "{} {} {} {} {}",
            pad(&c.name, 30),
            pad_left(&group_digits(u64::from(c.population), lang), 10),
            pad(&site, 24),
            pad_left(&time, 8),
            pad_left(&dist, 9)
        );
    }
}

/// The nearest site's name, the time and the distance to it, as table cells.
fn nearest_cells(set: &SiteSet, n: &Nearest, lang: Lang) -> (String, String, String) {
    match n.site {
        Some(s) => (
            set.sites[s].name.clone(),
            minutes_label(n.time.0, lang),
            format!("{} km", decimal(f64::from(n.distance.0) / 1000.0, 1, lang)),
        ),
        None => (
            lang.pick("injoignable", "unreachable").to_string(),
            "—".into(),
            "—".into(),
        ),
    }
}

fn uncovered(out: &mut String, study: &Study, lang: Lang) {
    let (Some(set), Some(summary)) = (
        study.sets.first(),
        study.summaries.first().and_then(|r| r.first()),
    ) else {
        return;
    };
    let t = &study.territory;
    let _ = writeln!(
        out,
        "\n{} ({}, {}){}{} communes, {} {}",
        lang.pick("Communes hors de portée", "Communes out of reach"),
        summary.radius.label(lang),
        set.label,
        lang.colon(),
        summary.uncovered.len(),
        group_digits(summary.population - summary.covered_population, lang),
        lang.pick("habitants, par population :", "inhabitants, by population:")
    );
    let shown = summary.uncovered.len().min(25);
    for &i in &summary.uncovered[..shown] {
        let n = &set.nearest[i];
        let time = match n.site {
            Some(_) => minutes_label(n.time.0, lang),
            None => lang.pick("injoignable", "unreachable").into(),
        };
        let _ = writeln!(
            out,
            "  {} {} ({})",
            pad(&t.communes[i].name, 30),
            pad_left(&group_digits(u64::from(t.communes[i].population), lang), 8),
            time
        );
    }
    if summary.uncovered.len() > shown {
        let _ = writeln!(
            out,
            "  … {} {}",
            summary.uncovered.len() - shown,
            lang.pick("autres dans communes.csv", "more in communes.csv")
        );
    }
}

fn choice(out: &mut String, study: &Study, c: &SiteChoice, lang: Lang) {
    let total = study.territory.population().max(1) as f64;
    let pct = |v: u64| 100.0 * v as f64 / total;
    let _ = writeln!(
        out,
        "\n{} {} {} ({}, {} {} {}) :",
        lang.pick("Choix de", "Choice of"),
        c.k,
        if c.k == 1 { "site" } else { "sites" },
        c.radius.label(lang),
        lang.pick("parmi", "among"),
        c.candidates,
        lang.pick("candidats", "candidates")
    );
    let proof = if c.exact.proven_optimal {
        lang.pick("optimum prouvé", "proven optimal")
    } else {
        lang.pick(
            "limite de temps atteinte, optimum non prouvé",
            "time limit reached, not proven optimal",
        )
    };
    let _ = writeln!(
        out,
        "  {} {} — {} {} ({} %), {proof}",
        pad(lang.pick("exact :", "exact:"), 10),
        SiteSet::names(&c.exact_sites),
        group_digits(c.exact.choice.covered, lang),
        lang.pick("habitants", "inhabitants"),
        decimal(pct(c.exact.choice.covered), 1, lang)
    );
    let _ = writeln!(
        out,
        "  {} {} — {} {} ({} %), {} {}",
        pad(lang.pick("glouton :", "greedy:"), 10),
        SiteSet::names(&c.greedy_sites),
        group_digits(c.greedy.covered, lang),
        lang.pick("habitants", "inhabitants"),
        decimal(pct(c.greedy.covered), 1, lang),
        lang.pick("écart", "gap"),
        group_digits(c.gap(), lang)
    );
}

fn people(out: &mut String, study: &Study, lang: Lang) {
    let Some(radius) = study.radii.first() else {
        return;
    };
    if study.people.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{} ({}, {})",
        lang.pick(
            "Personnes du scénario à portée des sites",
            "People of the scenario within reach of the sites"
        ),
        radius.label(lang),
        lang.pick(
            "par code de pseudonyme, au lieu de la visite",
            "by pseudonym code, where the visit takes place"
        )
    );
    if let Some(t) = &study.people_territory {
        let _ = writeln!(
            out,
            "{}{}{}",
            lang.pick("Territoire du scénario", "Territory of the scenario"),
            lang.colon(),
            lang.text(t)
        );
    }
    for (set, near) in study.sets.iter().zip(&study.people_nearest) {
        let mut counts = [0usize; 3];
        for (p, n) in study.people.iter().zip(near) {
            counts[status(p.in_territory, n.within(*radius))] += 1;
        }
        let _ = writeln!(
            out,
            "  {}{}{} {}, {} {}, {} {}",
            set.label,
            lang.colon(),
            counts[0],
            lang.pick("à portée", "within reach"),
            counts[1],
            lang.pick("hors de portée", "out of reach"),
            counts[2],
            lang.pick("hors territoire", "outside the territory")
        );
    }
    if let (Some(set), Some(near)) = (study.sets.first(), study.people_nearest.first()) {
        people_table(out, study, set, near, *radius, lang);
    }
}

/// 0 within reach, 1 out of reach, 2 outside the scenario's territory.
fn status(in_territory: bool, within: bool) -> usize {
    match (in_territory, within) {
        (false, _) => 2,
        (true, true) => 0,
        (true, false) => 1,
    }
}

fn people_table(
    out: &mut String,
    study: &Study,
    set: &SiteSet,
    near: &[Nearest],
    radius: Radius,
    lang: Lang,
) {
    let _ = writeln!(
        out,
        "\n{} — {}",
        lang.pick("Par personne", "Per person"),
        set.label
    );
    if study.people.len() > 80 {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "(trop de personnes pour l'écran : voir people.csv)",
                "(too many people for the screen: see people.csv)"
            )
        );
        return;
    }
    let _ = writeln!(
        out,
        "{} {} {} {} {} {}",
        pad(lang.pick("Personne", "Person"), 9),
        pad(lang.pick("Lieu de visite", "Visit place"), 19),
        pad(lang.pick("Site le plus proche", "Nearest site"), 24),
        pad_left(lang.pick("Temps", "Time"), 8),
        pad_left("Distance", 9),
        lang.pick("Statut", "Status")
    );
    let labels = [
        lang.pick("à portée", "within reach"),
        lang.pick("hors de portée", "out of reach"),
        lang.pick("hors territoire", "outside the territory"),
    ];
    for (p, n) in study.people.iter().zip(near) {
        let (site, time, dist) = nearest_cells(set, n, lang);
        let _ = writeln!(
            out,
            "{} {} {} {} {} {}",
            pad(&p.id, 9),
            pad(p.venue_label(lang), 19),
            pad(&site, 24),
            pad_left(&time, 8),
            pad_left(&dist, 9),
            labels[status(p.in_territory, n.within(radius))]
        );
    }
}
