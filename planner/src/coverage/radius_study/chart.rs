//! `radius-study.svg`: hours needed and driving against the radius, with the team's hours as a
//! horizontal line, and how many people each radius holds along the top. Hand-written SVG,
//! as the coverage chart.

use super::super::chart::wrap;
use super::super::svg::escape;
use super::super::{Lang, decimal};
use super::RadiusStudy;
use std::fmt::Write;

const W: f64 = 980.0;
const H: f64 = 520.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 300.0;
const TOP: f64 = 90.0;
const BOTTOM: f64 = 55.0;
const NEEDED: &str = "#1f77b4";
const USED: &str = "#2ca02c";
const DRIVE: &str = "#ff7f0e";
const TEAM: &str = "#d62728";

/// "43 h 45", with non-breaking spaces so a legend never splits it.
fn hours_label(seconds: i64) -> String {
    let m = (seconds + 30).div_euclid(60);
    format!("{}\u{a0}h\u{a0}{:02}", m / 60, m % 60)
}

fn text(s: &mut String, x: f64, y: f64, size: f64, anchor: &str, body: &str, bold: bool) {
    let weight = if bold { "bold" } else { "normal" };
    let _ = write!(
        s,
        r##"<text x="{x:.1}" y="{y:.1}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" fill="#222">{}</text>"##,
        escape(body)
    );
}

/// Scales from data (km, hours) to the picture.
struct Frame {
    x0: f64,
    x1: f64,
    y1: f64,
}

impl Frame {
    fn x(&self, km: f64) -> f64 {
        LEFT + (km - self.x0) / (self.x1 - self.x0).max(1e-9) * (W - LEFT - RIGHT)
    }
    fn y(&self, h: f64) -> f64 {
        TOP + (1.0 - h / self.y1) * (H - TOP - BOTTOM)
    }
}

/// The whole chart.
pub fn render(study: &RadiusStudy, lang: Lang) -> String {
    let km: Vec<f64> = study
        .rows
        .iter()
        .map(|r| f64::from(r.radius_m) / 1000.0)
        .collect();
    let h = |s: i64| s as f64 / 3600.0;
    let needed: Vec<f64> = study.rows.iter().map(|r| h(study.needed_s(r))).collect();
    let used: Vec<f64> = study.rows.iter().map(|r| h(study.used_s(r))).collect();
    let drive: Vec<f64> = study.rows.iter().map(|r| h(r.serving().drive_s)).collect();
    let team = h(study.team_s());
    let top = needed.iter().chain(&drive).fold(team, |a, &b| a.max(b));
    let (first, last) = (
        km.first().copied().unwrap_or(0.0),
        km.last().copied().unwrap_or(1.0),
    );
    let pad = if last > first { 0.0 } else { 5.0 };
    let f = Frame {
        x0: first - pad,
        x1: last + pad,
        y1: ((top * 1.1) / 10.0).ceil().max(1.0) * 10.0,
    };
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif"><rect width="100%" height="100%" fill="#fff"/>"##
    );
    let title = format!(
        "{} {} — {} {}",
        lang.pick(
            "Visites à domicile selon le rayon autour de",
            "Home visits by radius around"
        ),
        study.base,
        lang.pick("semaine", "week"),
        study.week
    );
    text(&mut s, LEFT, 28.0, 16.0, "start", &title, true);
    text(&mut s, LEFT, 48.0, 11.0, "start", &study.map, false);
    grid(&mut s, &f, &km, lang);
    people_row(&mut s, &f, study, &km, lang);
    let team_y = f.y(team);
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{team_y:.1}" x2="{:.1}" y2="{team_y:.1}" stroke="{TEAM}" stroke-width="2" stroke-dasharray="8 5"/>"##,
        W - RIGHT
    );
    polyline(&mut s, &f, &km, &drive, DRIVE, None);
    polyline(&mut s, &f, &km, &used, USED, Some("4 3"));
    polyline(&mut s, &f, &km, &needed, NEEDED, None);
    for (i, row) in study.rows.iter().enumerate() {
        // A hollow point: even without caps, some requests do not fit (days, pairs, camper).
        let fill = if row.serving().left_out() > 0 {
            "#fff"
        } else {
            NEEDED
        };
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{fill}" stroke="{NEEDED}" stroke-width="2"/>"##,
            f.x(km[i]),
            f.y(needed[i])
        );
    }
    legend(&mut s, study, lang);
    s.push_str("</svg>\n");
    s
}

fn polyline(
    s: &mut String,
    f: &Frame,
    km: &[f64],
    hours: &[f64],
    colour: &str,
    dash: Option<&str>,
) {
    let points: Vec<String> = km
        .iter()
        .zip(hours)
        .map(|(&x, &y)| format!("{:.1},{:.1}", f.x(x), f.y(y)))
        .collect();
    let dash = dash
        .map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default();
    let _ = write!(
        s,
        r##"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2.4"{dash}/>"##,
        points.join(" ")
    );
}

fn grid(s: &mut String, f: &Frame, km: &[f64], lang: Lang) {
    let step = if f.y1 > 200.0 {
        50.0
    } else if f.y1 > 80.0 {
        20.0
    } else {
        10.0
    };
    let mut h = 0.0;
    while h <= f.y1 + 1e-9 {
        let y = f.y(h);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/>"##,
            W - RIGHT
        );
        text(
            s,
            LEFT - 8.0,
            y + 4.0,
            11.0,
            "end",
            &format!("{h:.0} h"),
            false,
        );
        h += step;
    }
    for &x in km {
        let px = f.x(x);
        let _ = write!(
            s,
            r##"<line x1="{px:.1}" y1="{TOP}" x2="{px:.1}" y2="{:.1}" stroke="#eee"/>"##,
            H - BOTTOM
        );
        let label = if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            decimal(x, 1, lang)
        };
        text(s, px, H - BOTTOM + 18.0, 11.0, "middle", &label, false);
    }
    text(
        s,
        LEFT + (W - LEFT - RIGHT) / 2.0,
        H - 14.0,
        12.0,
        "middle",
        lang.pick(
            "Rayon du territoire autour de la base, à vol d'oiseau (km)",
            "Territory radius around the base, as the crow flies (km)",
        ),
        false,
    );
    let _ = write!(
        s,
        r##"<text transform="translate(18,{:.1}) rotate(-90)" font-size="12" text-anchor="middle" fill="#222">{}</text>"##,
        TOP + (H - TOP - BOTTOM) / 2.0,
        escape(lang.pick("heures dans la semaine", "hours in the week"))
    );
    let _ = write!(
        s,
        r##"<rect x="{LEFT}" y="{TOP}" width="{:.1}" height="{:.1}" fill="none" stroke="#444"/>"##,
        W - LEFT - RIGHT,
        H - TOP - BOTTOM
    );
}

/// How many people each radius holds, above the plot.
fn people_row(s: &mut String, f: &Frame, study: &RadiusStudy, km: &[f64], lang: Lang) {
    text(
        s,
        LEFT,
        TOP - 26.0,
        11.0,
        "start",
        lang.pick(
            "personnes dans le rayon (sur {n} du scénario) :",
            "people inside the radius (of {n} in the scenario):",
        )
        .replace("{n}", &study.people.to_string())
        .as_str(),
        false,
    );
    for (row, &x) in study.rows.iter().zip(km) {
        text(
            s,
            f.x(x),
            TOP - 8.0,
            11.0,
            "middle",
            &row.inside.to_string(),
            true,
        );
    }
}

fn legend(s: &mut String, study: &RadiusStudy, lang: Lang) {
    let lx = W - RIGHT + 20.0;
    let mut ly = TOP + 10.0;
    for (colour, dash, label) in legend_entries(study, lang) {
        let dash = dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = write!(
            s,
            r##"<line x1="{lx}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="3"{dash}/>"##,
            lx + 22.0
        );
        for line in wrap(&label, 38) {
            text(s, lx + 28.0, ly + 4.0, 11.0, "start", &line, false);
            ly += 14.0;
        }
        ly += 10.0;
    }
    let _ = write!(
        s,
        r##"<circle cx="{:.1}" cy="{ly:.1}" r="4" fill="#fff" stroke="{NEEDED}" stroke-width="2"/>"##,
        lx + 11.0
    );
    let note = lang.pick(
        "même sans plafond, des demandes ne tiennent pas (jours, binômes, longueur des journées, camping-car) : un minimum",
        "even with caps lifted some requests do not fit (days, pairs, day length, camping-car): a lower bound",
    );
    for line in wrap(note, 38) {
        text(s, lx + 28.0, ly + 4.0, 11.0, "start", &line, false);
        ly += 14.0;
    }
    ly += 10.0;
    for line in wrap(
        lang.pick(
            "heures de travail : les deux intervenants de chaque tournée, de la base à la base (hors repas), plus les réunions comptées dans l'ETP",
            "worker-hours: both workers of every tour, base to base (lunch break not counted), plus meetings counted in the FTE",
        ),
        44,
    ) {
        text(s, lx, ly + 4.0, 10.0, "start", &line, false);
        ly += 13.0;
    }
}

/// The chart's lines: colour, dash pattern, and what each shows.
fn legend_entries(
    study: &RadiusStudy,
    lang: Lang,
) -> [(&'static str, Option<&'static str>, String); 4] {
    let team = format!(
        "{} {}\u{a0}{}\u{a0}=\u{a0}{}",
        lang.pick("heures de l'équipe :", "team's hours:"),
        decimal(study.team_fte, 2, lang),
        lang.pick("ETP", "FTE"),
        hours_label(study.team_s())
    );
    [
        (
            NEEDED,
            None,
            lang.pick(
                "heures nécessaires pour servir tout le monde (semaine planifiée sans plafond d'heures)",
                "hours needed to serve everyone (week planned with hour caps lifted)",
            )
            .to_string(),
        ),
        (
            USED,
            Some("4 3"),
            lang.pick(
                "heures utilisées dans les heures réelles de l'équipe",
                "hours used within the team's real hours",
            )
            .to_string(),
        ),
        (
            DRIVE,
            None,
            lang.pick(
                "temps de route du camping-car, même semaine",
                "camping-car driving time, same week",
            )
            .to_string(),
        ),
        (TEAM, Some("8 5"), team),
    ]
}
