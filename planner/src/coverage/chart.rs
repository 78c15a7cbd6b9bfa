//! The chart funders look at: share of the territory's population covered as the radius grows,
//! one line per site choice. Written by hand as SVG (plotters would need font libraries to
//! measure its text): axes, grid, step lines and a legend.

use super::radius::Measure;
use super::svg::escape;
use super::{Lang, SiteSet, Territory, group_digits};
use maps::{Meters, Seconds};
use std::fmt::Write;

/// Line colours for up to eight site sets (then repeated).
const COLOURS: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
];
const W: f64 = 980.0;
const H: f64 = 480.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 300.0;
/// Legend labels wrap at this many characters.
const LEGEND_CHARS: usize = 40;
const TOP: f64 = 60.0;
const BOTTOM: f64 = 55.0;

/// One curve: covered share (percent) at each radius step, for one site set.
pub struct Curve {
    pub label: String,
    /// (radius in minutes or km, percent covered), radius ascending from 0.
    pub points: Vec<(f64, f64)>,
}

/// Percent of the territory's population covered by `set` within each radius from 0 to `max`
/// (minutes for a time measure, kilometres for a distance), in whole steps.
pub fn curve(territory: &Territory, set: &SiteSet, measure: Measure, max: u32) -> Curve {
    let total = territory.population().max(1) as f64;
    let mut points = Vec::with_capacity(max as usize + 1);
    for step in 0..=max {
        let covered: u64 = territory
            .communes
            .iter()
            .zip(&set.nearest)
            .filter(|(_, n)| match measure {
                Measure::Time => n.time != Seconds::MAX && n.time.0 <= step * 60,
                Measure::Distance => {
                    n.min_distance != Meters::MAX && n.min_distance.0 <= step * 1000
                }
            })
            .map(|(c, _)| u64::from(c.population))
            .sum();
        points.push((f64::from(step), 100.0 * covered as f64 / total));
    }
    Curve {
        label: set.label.clone(),
        points,
    }
}

/// Draws the curves, with dashed vertical lines at the radii of the study (`marks`).
pub fn render(
    curves: &[Curve],
    measure: Measure,
    marks: &[f64],
    territory: &Territory,
    lang: Lang,
) -> String {
    let max_x = curves
        .iter()
        .flat_map(|c| c.points.last())
        .map(|p| p.0)
        .fold(1.0, f64::max);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let sx = |x: f64| LEFT + x / max_x * pw;
    let sy = |y: f64| TOP + (100.0 - y) / 100.0 * ph;
    let mut s = String::with_capacity(32 * 1024);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif"><rect width="100%" height="100%" fill="#fff"/>"##
    );
    let title = format!(
        "{} — {} ({} {})",
        lang.pick(
            "Population à portée des permanences",
            "Population within reach of the permanences"
        ),
        territory.label(lang),
        group_digits(territory.population(), lang),
        lang.pick("habitants", "inhabitants"),
    );
    label(&mut s, LEFT, 28.0, 16.0, "start", &title, true);
    grid(&mut s, max_x, &sx, &sy, measure, lang);
    for &m in marks.iter().filter(|&&m| m <= max_x) {
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#555" stroke-dasharray="5 4"/>"##,
            TOP + ph,
            x = sx(m)
        );
    }
    let mut ly = TOP + 10.0;
    for (i, c) in curves.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let d = step_path(&c.points, &sx, &sy);
        let _ = write!(
            s,
            r##"<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.2"/>"##
        );
        let lx = W - RIGHT + 20.0;
        let _ = write!(
            s,
            r##"<line x1="{lx}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="3"/>"##,
            lx + 22.0
        );
        for line in wrap(&c.label, LEGEND_CHARS) {
            label(&mut s, lx + 28.0, ly + 4.0, 11.0, "start", &line, false);
            ly += 14.0;
        }
        ly += 10.0;
    }
    s.push_str("</svg>\n");
    s
}

/// A curve as an SVG path of steps: coverage jumps when the radius reaches a commune.
fn step_path(points: &[(f64, f64)], sx: &dyn Fn(f64) -> f64, sy: &dyn Fn(f64) -> f64) -> String {
    let mut d = String::new();
    for (j, &(x, y)) in points.iter().enumerate() {
        if j > 0 {
            let _ = write!(d, "L{:.1},{:.1}", sx(x), sy(points[j - 1].1));
        }
        let _ = write!(
            d,
            "{}{:.1},{:.1}",
            if j == 0 { "M" } else { "L" },
            sx(x),
            sy(y)
        );
    }
    d
}

fn grid(
    s: &mut String,
    max_x: f64,
    sx: &dyn Fn(f64) -> f64,
    sy: &dyn Fn(f64) -> f64,
    measure: Measure,
    lang: Lang,
) {
    for pct in (0..=100).step_by(20) {
        let y = sy(f64::from(pct));
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/>"##,
            W - RIGHT
        );
        label(
            s,
            LEFT - 8.0,
            y + 4.0,
            11.0,
            "end",
            &format!("{pct} %"),
            false,
        );
    }
    let step = if max_x > 60.0 { 15.0 } else { 10.0 };
    let mut x = 0.0;
    while x <= max_x + 1e-9 {
        let px = sx(x);
        let _ = write!(
            s,
            r##"<line x1="{px:.1}" y1="{TOP}" x2="{px:.1}" y2="{:.1}" stroke="#eee"/>"##,
            H - BOTTOM
        );
        label(
            s,
            px,
            H - BOTTOM + 18.0,
            11.0,
            "middle",
            &format!("{x:.0}"),
            false,
        );
        x += step;
    }
    axes(s, measure, lang);
}

/// The axes' titles and the plot's frame.
fn axes(s: &mut String, measure: Measure, lang: Lang) {
    let axis = match measure {
        Measure::Time => lang.pick(
            "Rayon : temps de route vers la permanence la plus proche (minutes)",
            "Radius: road travel time to the nearest permanence (minutes)",
        ),
        Measure::Distance => lang.pick(
            "Rayon : distance par la route vers la permanence la plus proche (km)",
            "Radius: road distance to the nearest permanence (km)",
        ),
    };
    label(
        s,
        LEFT + (W - LEFT - RIGHT) / 2.0,
        H - 14.0,
        12.0,
        "middle",
        axis,
        false,
    );
    let y_axis = lang.pick("population couverte", "population covered");
    let _ = write!(
        s,
        r##"<text transform="translate(18,{:.1}) rotate(-90)" font-size="12" text-anchor="middle" fill="#222">{}</text>"##,
        TOP + (H - TOP - BOTTOM) / 2.0,
        escape(y_axis)
    );
    let _ = write!(
        s,
        r##"<rect x="{LEFT}" y="{TOP}" width="{:.1}" height="{:.1}" fill="none" stroke="#444"/>"##,
        W - LEFT - RIGHT,
        H - TOP - BOTTOM
    );
}

/// Splits a label into lines of at most `width` characters, after commas where possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_inclusive(' ') {
        if !current.is_empty() && current.chars().count() + word.trim_end().chars().count() > width
        {
            lines.push(current.trim_end().to_string());
            current.clear();
        }
        current.push_str(word);
    }
    if !current.trim().is_empty() {
        lines.push(current.trim_end().to_string());
    }
    lines
}

fn label(s: &mut String, x: f64, y: f64, size: f64, anchor: &str, text: &str, bold: bool) {
    let weight = if bold { "bold" } else { "normal" };
    let _ = write!(
        s,
        r##"<text x="{x:.1}" y="{y:.1}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" fill="#222">{}</text>"##,
        escape(text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_labels_at_spaces() {
        let lines = wrap(
            "Mauriac, Ydes, Riom-ès-Montagnes, Pleaux, Saint-Martin-Valmeroux",
            40,
        );
        assert_eq!(
            lines,
            vec![
                "Mauriac, Ydes, Riom-ès-Montagnes,",
                "Pleaux, Saint-Martin-Valmeroux"
            ]
        );
        assert_eq!(wrap("Ydes", 40), vec!["Ydes"]);
    }
}
