//! Carte / Map: the roads of the map graph (only the main ones unless zoomed in, each cut down
//! to about one point per dot), the base, the permanence sites, people coloured by the day
//! they are visited (grey when not planned), and the selected tour's route drawn along its
//! path. ←→ choose the tour, + − zoom.

use super::{bold, dim, put, selected};
use crate::app::App;
use crate::app::columns::columns;
use crate::app::i18n::{self as t, short_date};
use crate::app::roadmap::Rank;
use chrono::Datelike;
use maps::LatLon;
use planner::week::export::stop_point;
use planner::week::plan::{DayPlan, StopKind};
use planner::week::text::duration_text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Context, Line as Segment};
use ratatui::widgets::{Block, Borders, Widget};

/// Colour of a weekday, Monday first.
pub fn day_color(d: chrono::NaiveDate) -> Color {
    const C: [Color; 7] = [
        Color::Cyan,
        Color::Magenta,
        Color::Yellow,
        Color::Green,
        Color::LightBlue,
        Color::LightRed,
        Color::White,
    ];
    C[d.weekday().num_days_from_monday() as usize]
}

/// West, east, south, north.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bounds([f64; 4]);

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let [map, legend] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(26)]).areas(area);
    let tour = selected_tour(app);
    let bounds = bounds(app, tour, map);
    let step = (bounds.0[1] - bounds.0[0]) / (f64::from(map.width.max(1)) * 2.0);
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([bounds.0[0], bounds.0[1]])
        .y_bounds([bounds.0[2], bounds.0[3]])
        .paint(|ctx| {
            draw_roads(app, ctx, bounds, step, app.cursor.zoom);
            ctx.layer();
            if let Some(day) = tour {
                draw_route(app, ctx, day);
            }
            ctx.layer();
            draw_places(app, ctx, tour);
        })
        .render(map, buf);
    render_legend(app, tour, legend, buf);
}

/// The tour of the selected column (the first tour if that column has none).
fn selected_tour(app: &App) -> Option<&DayPlan> {
    let cols = columns(&app.session);
    let t = cols
        .get(app.cursor.column)
        .and_then(|c| c.tour)
        .or_else(|| cols.iter().find_map(|c| c.tour))?;
    app.session.plan.days.get(t)
}

/// The area shown: every place of the week (people outside the territory aside), shaped like
/// the screen area (a cell is about twice as high as wide), zoomed on the selected tour.
fn bounds(app: &App, tour: Option<&DayPlan>, area: Rect) -> Bounds {
    let s = &app.session.scenario;
    let outside: Vec<&str> = app
        .session
        .plan
        .unplanned
        .iter()
        .filter(|u| u.reasons.iter().any(|r| r.code == "U01"))
        .map(|u| u.id.as_str())
        .collect();
    let mut pts: Vec<LatLon> = vec![s.team.base.point];
    pts.extend(s.permanences.iter().map(|p| p.site.point));
    pts.extend(
        s.people
            .iter()
            .filter(|p| !outside.contains(&p.id.as_str()))
            .map(|p| p.visit_location().point),
    );
    let (mut w, mut e, mut so, mut n) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &pts {
        (w, e, so, n) = (w.min(p.lon), e.max(p.lon), so.min(p.lat), n.max(p.lat));
    }
    let zoom = 1.6f64.powi(i32::from(app.cursor.zoom));
    let (mut cx, mut cy) = ((w + e) / 2.0, (so + n) / 2.0);
    if app.cursor.zoom > 0
        && let Some(day) = tour
    {
        let route: Vec<LatLon> = day.stops.iter().filter_map(|x| stop_point(s, x)).collect();
        if !route.is_empty() {
            cx = route.iter().map(|p| p.lon).sum::<f64>() / route.len() as f64;
            cy = route.iter().map(|p| p.lat).sum::<f64>() / route.len() as f64;
        }
    }
    let coslat = cy.to_radians().cos();
    let mut half_w = ((e - w) * 1.15 / 2.0).max(0.02) / zoom;
    let mut half_h = ((n - so) * 1.15 / 2.0).max(0.02) / zoom;
    // Width in km over height in km should be the area's width over twice its height.
    let want = f64::from(area.width.max(1)) / (2.0 * f64::from(area.height.max(1)));
    if half_w * coslat / half_h < want {
        half_w = half_h * want / coslat;
    } else {
        half_h = half_w * coslat / want;
    }
    Bounds([cx - half_w, cx + half_w, cy - half_h, cy + half_h])
}

/// Main roads always, minor roads from zoom 1, streets from zoom 3.
fn draw_roads(app: &App, ctx: &mut Context<'_>, b: Bounds, step: f64, zoom: i8) {
    let Some(map) = &app.roads else { return };
    let [w, e, s, n] = b.0;
    let shown = |r: Rank| match r {
        Rank::Main => true,
        Rank::Minor => zoom >= 1,
        Rank::Street => zoom >= 3,
    };
    for road in &map.roads {
        if !shown(road.rank) {
            continue;
        }
        let inside = road
            .line
            .iter()
            .any(|&(x, y)| (w..=e).contains(&x) && (s..=n).contains(&y));
        if !inside {
            continue;
        }
        let color = match road.rank {
            Rank::Main => Color::Gray,
            _ => Color::DarkGray,
        };
        let mut last = road.line[0];
        let end = road.line.len() - 1;
        for (i, &p) in road.line.iter().enumerate().skip(1) {
            let far = (p.0 - last.0).abs() >= step || (p.1 - last.1).abs() >= step;
            if far || i == end {
                ctx.draw(&Segment::new(last.0, last.1, p.0, p.1, color));
                last = p;
            }
        }
    }
}

fn draw_route(app: &App, ctx: &mut Context<'_>, day: &DayPlan) {
    let s = &app.session.scenario;
    let color = day_color(day.date);
    let pts: Vec<LatLon> = day.stops.iter().filter_map(|x| stop_point(s, x)).collect();
    for pair in pts.windows(2) {
        if pair[0] == pair[1] {
            continue;
        }
        let path = app
            .session
            .roads
            .path(pair[0], pair[1])
            .unwrap_or_else(|| vec![pair[0], pair[1]]);
        for seg in path.windows(2) {
            ctx.draw(&Segment::new(
                seg[0].lon, seg[0].lat, seg[1].lon, seg[1].lat, color,
            ));
        }
    }
}

fn draw_places(app: &App, ctx: &mut Context<'_>, tour: Option<&DayPlan>) {
    let s = &app.session.scenario;
    let plan = &app.session.plan;
    for u in &plan.unplanned {
        if let Some(p) = s.person(&u.id) {
            let at = p.visit_location().point;
            ctx.print(
                at.lon,
                at.lat,
                Span::styled("○", Style::new().fg(Color::DarkGray)),
            );
        }
    }
    for day in &plan.days {
        let color = day_color(day.date);
        for x in day
            .stops
            .iter()
            .filter(|x| matches!(x.kind, StopKind::Visit | StopKind::Escort))
        {
            if let Some(at) = stop_point(s, x) {
                ctx.print(at.lon, at.lat, Span::styled("●", Style::new().fg(color)));
            }
        }
    }
    for p in &s.permanences {
        ctx.print(
            p.site.point.lon,
            p.site.point.lat,
            Span::styled("▲", bold()),
        );
    }
    if let Some(day) = tour {
        for x in day
            .stops
            .iter()
            .filter(|x| matches!(x.kind, StopKind::Visit | StopKind::Permanence))
        {
            if let (Some(at), Some(id)) = (stop_point(s, x), &x.id) {
                ctx.print(
                    at.lon,
                    at.lat,
                    Line::styled(format!("●{id}"), Style::new().fg(day_color(day.date))),
                );
            }
        }
    }
    let base = s.team.base.point;
    ctx.print(base.lon, base.lat, Span::styled("■", bold()));
}

fn render_legend(app: &App, tour: Option<&DayPlan>, area: Rect, buf: &mut Buffer) {
    let title = format!(" {} ", t::TOURS.get(app.lang));
    let block = Block::new()
        .borders(Borders::LEFT)
        .title(Line::styled(title, bold()));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines = tour_list(app, tour, inner.height.saturating_sub(8) as usize);
    lines.extend(key_lines(app, tour));
    for (i, l) in lines.iter().enumerate().take(inner.height as usize) {
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            inner.width.saturating_sub(1),
            l,
        );
    }
}

/// The tours in their colours, the selected one highlighted and kept in view.
fn tour_list(app: &App, tour: Option<&DayPlan>, height: usize) -> Vec<Line<'static>> {
    let chosen = tour.map(|d| (d.date, d.crew.clone()));
    let is_chosen = |d: &DayPlan| Some((d.date, d.crew.clone())) == chosen;
    let days = &app.session.plan.days;
    let at = days.iter().position(is_chosen).unwrap_or(0);
    let first = at.saturating_sub(height.saturating_sub(1));
    days.iter()
        .skip(first)
        .take(height)
        .map(|d| {
            let line = Line::from(vec![
                Span::styled("■ ", Style::new().fg(day_color(d.date))),
                Span::raw(format!(
                    "{} {}",
                    short_date(d.date, app.lang),
                    initials(&d.crew)
                )),
            ]);
            if is_chosen(d) {
                line.patch_style(selected())
            } else {
                line
            }
        })
        .collect()
}

/// The selected tour's driving, the symbols, the map's nature and the zoom.
fn key_lines(app: &App, tour: Option<&DayPlan>) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut lines = Vec::new();
    if let Some(d) = tour {
        let drive: i64 = d.stops.iter().map(|x| x.drive_s).sum();
        let km: i64 = d.stops.iter().map(|x| x.drive_m).sum();
        lines.push(Line::raw(""));
        let text = format!(
            "{} {} · {:.0} km",
            t::DRIVE.get(lang),
            duration_text(drive),
            km as f64 / 1000.0
        );
        lines.push(Line::raw(text));
    }
    let roads = match &app.roads {
        Some(m) if m.synthetic => t::SYNTHETIC.get(lang),
        Some(_) => "",
        None => t::ROADS_MISSING.get(lang),
    };
    let notes = [
        t::MAP_KEY_PLACES.get(lang).to_string(),
        t::MAP_KEY_PEOPLE.get(lang).to_string(),
        roads.to_string(),
        format!("zoom {} (+ −)", app.cursor.zoom),
    ];
    lines.push(Line::raw(""));
    lines.extend(notes.into_iter().map(|n| Line::styled(n, dim())));
    lines
}

/// "camille+dominique" → "cam+dom".
fn initials(crew: &[String; 2]) -> String {
    let short = |s: &str| s.chars().take(3).collect::<String>();
    format!("{}+{}", short(&crew[0]), short(&crew[1]))
}
