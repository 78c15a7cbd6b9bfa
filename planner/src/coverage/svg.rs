//! The coverage map: each commune of the territory as its Voronoi cell (the land closer to its
//! centre than to any other commune centre of its arrondissement, clipped to the arrondissement's
//! outline), coloured by
//! road travel time to the nearest site; communes beyond the radius hatched; the sites marked.
//!
//! Commune polygons are not shipped, and cells around the centres read like a real commune map
//! while keeping every commune's area visible. The SVG is written by hand: no fonts, no system
//! libraries, the same bytes on every machine.

use super::radius::{Measure, minutes_label};
use super::{Lang, Place, Radius, SiteSet, Summary, Territory, group_digits, outline};
use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};
use maps::Seconds;
use maps::places::Gazetteer;
use std::fmt::Write;

/// Travel-time bands: upper bound in minutes, colour (colour-blind safe, green to red).
pub const BANDS: [(u32, &str); 5] = [
    (15, "#1a9850"),
    (30, "#a6d96a"),
    (45, "#fee08b"),
    (60, "#f46d43"),
    (u32::MAX, "#a50026"),
];
const UNREACHABLE: &str = "#bdbdbd";
const MAP_W: f64 = 720.0;
const LEGEND_W: f64 = 250.0;
const MARGIN: f64 = 20.0;
const HEADER_H: f64 = 70.0;

/// Everything one map shows.
pub struct MapInput<'a> {
    pub territory: &'a Territory,
    pub set: &'a SiteSet,
    pub radius: Radius,
    pub summary: &'a Summary,
    /// A line under the title, e.g. which map the times come from.
    pub note: &'a str,
    pub lang: Lang,
}

/// Equirectangular projection scaled to the drawing: x = lon·cos(φ₀), y = −lat.
struct Projection {
    cos0: f64,
    min_x: f64,
    max_y: f64,
    scale: f64,
}

impl Projection {
    fn fit(points: &[Coord<f64>], width: f64) -> (Projection, f64) {
        let lat0 = points.iter().map(|c| c.y).sum::<f64>() / points.len().max(1) as f64;
        let cos0 = lat0.to_radians().cos();
        let xs = points.iter().map(|c| c.x * cos0);
        let (min_x, max_x) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
        let ys = points.iter().map(|c| c.y);
        let (min_y, max_y) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        let scale = width / (max_x - min_x).max(1e-9);
        let height = (max_y - min_y) * scale;
        (
            Projection {
                cos0,
                min_x,
                max_y,
                scale,
            },
            height,
        )
    }

    /// Degrees → plane (degrees of latitude on both axes).
    fn plane(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: c.x * self.cos0,
            y: c.y,
        }
    }

    /// Plane → pixels.
    fn px(&self, p: Coord<f64>) -> (f64, f64) {
        (
            MARGIN + (p.x - self.min_x) * self.scale,
            HEADER_H + (self.max_y - p.y) * self.scale,
        )
    }
}

/// The colour of a travel time.
pub fn band_colour(time: Seconds) -> &'static str {
    if time == Seconds::MAX {
        return UNREACHABLE;
    }
    let minutes = time.0.div_ceil(60);
    BANDS
        .iter()
        .find(|(max, _)| minutes <= *max)
        .map_or(UNREACHABLE, |(_, c)| c)
}

/// Draws the map as an SVG document.
pub fn render(input: &MapInput<'_>) -> String {
    let outlines = outline::union_of(&input.territory.arrondissements);
    let mut all: Vec<Coord<f64>> = outlines
        .iter()
        .flat_map(|p| p.exterior().0.iter().copied())
        .collect();
    all.extend(input.territory.communes.iter().map(lonlat));
    let (proj, map_h) = Projection::fit(&all, MAP_W);
    let height = (HEADER_H + map_h + MARGIN).max(HEADER_H + 420.0);
    let width = MARGIN + MAP_W + LEGEND_W;
    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif">"##
    );
    // The map area clips what may overflow it (the crow-flies circles).
    let _ = write!(
        svg,
        r##"<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#222" stroke-width="1.4"/></pattern><clipPath id="map-area"><rect x="0" y="{HEADER_H}" width="{:.0}" height="{:.0}"/></clipPath></defs>"##,
        MARGIN + MAP_W + 10.0,
        height - HEADER_H
    );
    let _ = write!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    header(&mut svg, input);
    cells(&mut svg, input, &proj);
    for p in &outlines {
        let _ = write!(
            svg,
            r##"<path d="{}" fill="none" stroke="#333" stroke-width="1.6"/>"##,
            path_of(&poly_plane(p, &proj), &proj)
        );
    }
    crow_flies_circles(&mut svg, input, &proj);
    town_labels(&mut svg, input, &proj);
    sites(&mut svg, &input.set.sites, &proj);
    legend(&mut svg, input, MARGIN + MAP_W + 15.0);
    svg.push_str("</svg>\n");
    svg
}

fn lonlat(p: &Place) -> Coord<f64> {
    Coord {
        x: p.at.lon,
        y: p.at.lat,
    }
}

fn header(svg: &mut String, input: &MapInput<'_>) {
    let lang = input.lang;
    let title = format!(
        "{} — {}",
        lang.pick(
            "Temps de route vers la permanence la plus proche",
            "Road travel time to the nearest permanence"
        ),
        input.set.label
    );
    let s = input.summary;
    let sub = format!(
        "{} · {}{}{} {} {} ({:.0} %) · {} {}",
        input.territory.label(lang),
        input.radius.label(lang),
        lang.colon(),
        group_digits(s.covered_population, lang),
        lang.pick("habitants sur", "inhabitants of"),
        group_digits(s.population, lang),
        s.share_percent(),
        s.covered_communes,
        lang.pick(
            &format!("communes sur {}", s.communes),
            &format!("communes of {}", s.communes)
        ),
    );
    text(svg, MARGIN, 26.0, 18.0, "bold", &title);
    text(svg, MARGIN, 47.0, 13.0, "normal", &sub);
    text(svg, MARGIN, 63.0, 11.0, "normal", input.note);
}

fn text(svg: &mut String, x: f64, y: f64, size: f64, weight: &str, content: &str) {
    let _ = write!(
        svg,
        r##"<text x="{x:.1}" y="{y:.1}" font-size="{size}" font-weight="{weight}" fill="#222">{}</text>"##,
        escape(content)
    );
}

/// Escapes text for XML content and attributes.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn cells(svg: &mut String, input: &MapInput<'_>, proj: &Projection) {
    let gaz = Gazetteer::cantal();
    // Cells tile each arrondissement: a commune competes with the centres of its own
    // arrondissement only, so no land is left without a commune at the borders.
    let centres_of = |arrondissement: &str| -> Vec<Coord<f64>> {
        gaz.in_arrondissement(arrondissement)
            .map(|c| proj.plane(Coord { x: c.lon, y: c.lat }))
            .collect()
    };
    for (i, commune) in input.territory.communes.iter().enumerate() {
        let me = proj.plane(lonlat(commune));
        let arrondissement = gaz.find(&commune.id).map(|c| c.arrondissement.clone());
        let centres = match &arrondissement {
            Some(a) => centres_of(a),
            None => input
                .territory
                .communes
                .iter()
                .map(|c| proj.plane(lonlat(c)))
                .collect(),
        };
        let cell = clipped_cell(me, &centres, arrondissement.as_deref(), proj);
        let near = input.set.nearest[i];
        let colour = band_colour(near.time);
        let d = multi_path(&cell, proj);
        let tip = format!(
            "{} — {} hab. — {}",
            commune.name,
            commune.population,
            match near.site {
                Some(s) => format!(
                    "{} ({})",
                    minutes_label(near.time.0, input.lang),
                    input.set.sites[s].name
                ),
                None => input.lang.pick("injoignable", "unreachable").to_string(),
            }
        );
        let _ = write!(
            svg,
            r##"<path d="{d}" fill="{colour}" stroke="#ffffff" stroke-width="0.8"><title>{}</title></path>"##,
            escape(&tip)
        );
        if !near.within(input.radius) {
            let _ = write!(
                svg,
                r##"<path d="{d}" fill="url(#hatch)" fill-opacity="0.55" stroke="none"/>"##
            );
        }
    }
}

/// The Voronoi cell of `me` among `centres` (half-plane clipping of a large square), clipped to
/// its arrondissement's outline.
fn clipped_cell(
    me: Coord<f64>,
    centres: &[Coord<f64>],
    arrondissement: Option<&str>,
    proj: &Projection,
) -> MultiPolygon<f64> {
    let r = 1.0;
    let mut cell = vec![
        Coord {
            x: me.x - r,
            y: me.y - r,
        },
        Coord {
            x: me.x + r,
            y: me.y - r,
        },
        Coord {
            x: me.x + r,
            y: me.y + r,
        },
        Coord {
            x: me.x - r,
            y: me.y + r,
        },
    ];
    for &other in centres {
        if (other.x - me.x).abs() < 1e-12 && (other.y - me.y).abs() < 1e-12 {
            continue;
        }
        cell = clip_half_plane(&cell, me, other);
        if cell.is_empty() {
            break;
        }
    }
    let cell = Polygon::new(LineString::from(cell), vec![]);
    match arrondissement.and_then(outline::find) {
        Some(a) => {
            let area = MultiPolygon::new(a.area.0.iter().map(|p| poly_plane(p, proj)).collect());
            area.intersection(&MultiPolygon::new(vec![cell]))
        }
        None => MultiPolygon::new(vec![cell]),
    }
}

/// Keeps the part of a convex polygon closer to `me` than to `other` (Sutherland–Hodgman).
fn clip_half_plane(poly: &[Coord<f64>], me: Coord<f64>, other: Coord<f64>) -> Vec<Coord<f64>> {
    let n = Coord {
        x: other.x - me.x,
        y: other.y - me.y,
    };
    let mid = Coord {
        x: (me.x + other.x) / 2.0,
        y: (me.y + other.y) / 2.0,
    };
    let side = |p: Coord<f64>| (p.x - mid.x) * n.x + (p.y - mid.y) * n.y;
    let mut out = Vec::with_capacity(poly.len() + 1);
    for i in 0..poly.len() {
        let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
        let (sa, sb) = (side(a), side(b));
        if sa <= 0.0 {
            out.push(a);
        }
        if (sa < 0.0) != (sb < 0.0) && sa != sb {
            let t = sa / (sa - sb);
            out.push(Coord {
                x: a.x + t * (b.x - a.x),
                y: a.y + t * (b.y - a.y),
            });
        }
    }
    out
}

fn poly_plane(p: &Polygon<f64>, proj: &Projection) -> Polygon<f64> {
    let ring = |l: &LineString<f64>| {
        LineString::from(l.0.iter().map(|&c| proj.plane(c)).collect::<Vec<_>>())
    };
    Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect())
}

fn ring_path(out: &mut String, ring: &LineString<f64>, proj: &Projection) {
    for (i, &c) in ring.0.iter().enumerate() {
        let (x, y) = proj.px(c);
        let _ = write!(out, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
    }
    out.push('Z');
}

fn path_of(p: &Polygon<f64>, proj: &Projection) -> String {
    let mut d = String::new();
    ring_path(&mut d, p.exterior(), proj);
    for hole in p.interiors() {
        ring_path(&mut d, hole, proj);
    }
    d
}

fn multi_path(m: &MultiPolygon<f64>, proj: &Projection) -> String {
    m.0.iter().map(|p| path_of(p, proj)).collect()
}

/// For a radius in kilometres, the same radius as the crow flies around each site (dashed):
/// the gap between the circle and the covered cells is what the road costs.
fn crow_flies_circles(svg: &mut String, input: &MapInput<'_>, proj: &Projection) {
    if input.radius.measure != Measure::Distance {
        return;
    }
    let r_deg = f64::from(input.radius.value) / 111_195.0;
    svg.push_str(r##"<g clip-path="url(#map-area)">"##);
    for site in &input.set.sites {
        let (x, y) = proj.px(proj.plane(lonlat(site)));
        let _ = write!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="none" stroke="#1f3b73" stroke-width="1.5" stroke-dasharray="6 4"/>"##,
            r_deg * proj.scale
        );
    }
    svg.push_str("</g>");
}

/// Names of the larger communes (1 000 inhabitants or more, 3 000 for the whole department), so
/// readers find their bearings.
fn town_labels(svg: &mut String, input: &MapInput<'_>, proj: &Projection) {
    let min_pop = if input.territory.communes.len() > 100 {
        3000
    } else {
        1000
    };
    for c in &input.territory.communes {
        let is_site = input.set.sites.iter().any(|s| s.id == c.id);
        if c.population < min_pop || is_site {
            continue;
        }
        let (x, y) = proj.px(proj.plane(lonlat(c)));
        let _ = write!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="2" fill="#222"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#222" stroke="#fff" stroke-width="2.5" paint-order="stroke">{}</text>"##,
            x + 4.0,
            y + 3.5,
            escape(&c.name)
        );
    }
}

fn sites(svg: &mut String, sites: &[Place], proj: &Projection) {
    for s in sites {
        let (x, y) = proj.px(proj.plane(lonlat(s)));
        let _ = write!(
            svg,
            r##"<g><rect x="{:.1}" y="{:.1}" width="11" height="11" fill="#111" stroke="#fff" stroke-width="2"/><text x="{:.1}" y="{:.1}" font-size="13" font-weight="bold" fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke">{}</text></g>"##,
            x - 5.5,
            y - 5.5,
            x + 9.0,
            y - 6.0,
            escape(&s.name)
        );
    }
}

fn legend(svg: &mut String, input: &MapInput<'_>, x: f64) {
    let y = legend_bands(svg, input.lang, x, HEADER_H + 10.0);
    let y = legend_marks(svg, input, x, y + 34.0);
    legend_note(svg, input.lang, x, y + 30.0);
}

/// The travel-time colours, from the title at `y`; returns the last line's `y`.
fn legend_bands(svg: &mut String, lang: Lang, x: f64, mut y: f64) -> f64 {
    text(
        svg,
        x,
        y,
        13.0,
        "bold",
        lang.pick("Temps de route", "Road travel time"),
    );
    let mut lower = 0;
    for (max, colour) in BANDS {
        y += 24.0;
        let label = if max == u32::MAX {
            format!("{} {lower} min", lang.pick("plus de", "over"))
        } else {
            format!("{lower} – {max} min")
        };
        swatch(svg, x, y, colour, &label);
        lower = max;
    }
    y += 24.0;
    swatch(
        svg,
        x,
        y,
        UNREACHABLE,
        lang.pick("injoignable", "unreachable"),
    );
    y
}

/// The hatching beyond the radius, the permanence mark and (for a distance) the circle,
/// from `y`; returns the last line's `y`.
fn legend_marks(svg: &mut String, input: &MapInput<'_>, x: f64, mut y: f64) -> f64 {
    let lang = input.lang;
    let _ = write!(
        svg,
        r##"<rect x="{x:.1}" y="{:.1}" width="18" height="14" fill="#ffffff" stroke="#999"/><rect x="{x:.1}" y="{:.1}" width="18" height="14" fill="url(#hatch)" fill-opacity="0.55"/>"##,
        y - 11.0,
        y - 11.0
    );
    let beyond = format!(
        "{} {}",
        lang.pick("au-delà de", "beyond"),
        input.radius.label(lang)
    );
    text(svg, x + 26.0, y, 12.0, "normal", &beyond);
    y += 28.0;
    let _ = write!(
        svg,
        r##"<rect x="{:.1}" y="{:.1}" width="11" height="11" fill="#111"/>"##,
        x + 3.5,
        y - 10.0
    );
    text(
        svg,
        x + 26.0,
        y,
        12.0,
        "normal",
        lang.pick("permanence", "permanence site"),
    );
    if input.radius.measure == Measure::Distance {
        y += 24.0;
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#1f3b73" stroke-width="1.5" stroke-dasharray="6 4"/>"##,
            y - 4.0,
            x + 18.0,
            y - 4.0
        );
        let circle = format!(
            "{} {}",
            input.radius.label(lang),
            lang.pick("à vol d'oiseau", "as the crow flies")
        );
        text(svg, x + 26.0, y, 12.0, "normal", &circle);
    }
    y
}

/// How the communes' areas are drawn, from `y`.
fn legend_note(svg: &mut String, lang: Lang, x: f64, mut y: f64) {
    for line in [
        lang.pick(
            "Chaque commune : la zone la plus",
            "Each commune: the land closer",
        ),
        lang.pick(
            "proche de son centre (Voronoï).",
            "to its centre (Voronoi).",
        ),
        lang.pick(
            "Population comptée au centre.",
            "Population counted at the centre.",
        ),
    ] {
        text(svg, x, y, 10.5, "normal", line);
        y += 15.0;
    }
}

fn swatch(svg: &mut String, x: f64, y: f64, colour: &str, label: &str) {
    let _ = write!(
        svg,
        r##"<rect x="{x:.1}" y="{:.1}" width="18" height="14" fill="{colour}" stroke="#999"/>"##,
        y - 11.0
    );
    text(svg, x + 26.0, y, 12.0, "normal", label);
}
