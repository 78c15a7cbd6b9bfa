//! Équipe / Staff: for the week chosen (←→), each worker's hours on tour against their cap
//! (FTE share × hours per FTE, less blocks counted in the FTE) as a gauge, and their hours day
//! by day against the longest working day.

use super::{bad, bold, dim, good, put, warn};
use crate::app::App;
use crate::app::i18n::{self as t, weekday};
use planner::week::Lang;
use planner::week::plan::WorkerHours;
use planner::week::plan::make::day_length;
use planner::week::text::duration_text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let plan = &app.session.plan;
    let week = app.cursor.week.min(plan.weeks.len().saturating_sub(1));
    let label = plan.weeks.get(week).cloned().unwrap_or_default();
    render_title(app, week, &label, area, buf);
    let workers: Vec<&WorkerHours> = plan.workers.iter().filter(|w| w.week == label).collect();
    let gap = if workers.len() as u16 * 3 + 3 <= area.height {
        3
    } else {
        2
    };
    let mut y = area.y + 3;
    for w in workers {
        if y + 1 >= area.bottom() {
            break;
        }
        render_worker(app, w, week, Rect::new(area.x, y, area.width, 2), buf);
        y += gap;
    }
}

fn render_title(app: &App, week: usize, label: &str, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let title = format!(
        "{} {label} ({}/{}, ←→) · {} {})",
        t::WEEK_HOURS.get(lang),
        week + 1,
        app.session.plan.weeks.len(),
        t::DAY_HOURS.get(lang),
        duration_text(app.session.scenario.team.max_day.0)
    );
    put(
        buf,
        area.x,
        area.y,
        area.width,
        &Line::styled(title, bold()),
    );
    let note = t::HOURS_NOTE;
    let note = Line::styled(note.get(lang), dim());
    put(buf, area.x, area.y + 1, area.width, &note);
}

/// Two lines: name, FTE, gauge and hours; then the days.
fn render_worker(app: &App, w: &WorkerHours, week: usize, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let (name_w, label_w) = (20u16, 20u16);
    let gauge_w = area.width.saturating_sub(name_w + label_w + 2);
    let over = w.planned_s > w.cap_s;
    let ratio = w.planned_s as f64 / w.cap_s.max(1) as f64;
    let fte = format!("{:.2}", w.fte);
    let fte = if lang == Lang::Fr {
        fte.replace('.', ",")
    } else {
        fte
    };
    let name = format!("{} {} {fte}", w.id, t::FTE.get(lang));
    put(buf, area.x, area.y, name_w, &Line::styled(name, bold()));
    let style = if over { bad() } else { good() };
    gauge(
        buf,
        Rect::new(area.x + name_w, area.y, gauge_w, 1),
        ratio,
        style,
    );
    let hours = format!(
        " {} / {}",
        duration_text(w.planned_s),
        duration_text(w.cap_s)
    );
    let style = if over { bad() } else { Style::new() };
    let x = area.x + name_w + gauge_w;
    put(buf, x, area.y, label_w + 2, &Line::styled(hours, style));
    let max_day = app.session.scenario.team.max_day.0;
    let days = days_line(app, &w.id, week, max_day);
    put(
        buf,
        area.x + 2,
        area.y + 1,
        area.width.saturating_sub(2),
        &days,
    );
}

/// A bar of `ratio` (capped at 1) of the area's width.
fn gauge(buf: &mut Buffer, area: Rect, ratio: f64, style: Style) {
    let cells = area.width.saturating_sub(2) as usize;
    let full = ((ratio.min(1.0)) * cells as f64).round() as usize;
    let bar = format!(
        "▕{}{}▏",
        "█".repeat(full),
        "░".repeat(cells - full.min(cells))
    );
    buf.set_string(area.x, area.y, bar, style);
}

/// Each day of the week on tour: "lun ▇ 9 h 41  mar ▂ 1 h 40", a one-cell gauge of the day
/// against the longest working day, red above it.
fn days_line(app: &App, worker: &str, week: usize, max_day: i64) -> Line<'static> {
    let lang = app.lang;
    let mut spans = Vec::new();
    for d in app
        .session
        .plan
        .days
        .iter()
        .filter(|d| d.day / 7 == week && d.crew.iter().any(|c| c == worker))
    {
        let len = day_length(d);
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        let over = len > max_day;
        let style = if over { bad() } else { Style::new() };
        let day = weekday(d.date, lang);
        spans.push(Span::raw(format!("{day} ")));
        let gauge = bar(len as f64 / max_day.max(1) as f64).to_string();
        spans.push(Span::styled(gauge, if over { bad() } else { good() }));
        spans.push(Span::styled(format!(" {}", duration_text(len)), style));
    }
    if spans.is_empty() {
        spans.push(Span::styled(t::NO_TOUR_WEEK.get(lang), warn()));
    }
    Line::from(spans)
}

/// A one-cell gauge: ▁ to █ in eighths.
fn bar(ratio: f64) -> char {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let i = (ratio.clamp(0.0, 1.0) * 8.0).ceil() as usize;
    LEVELS[i.clamp(1, 8) - 1]
}
