//! Équipe / Staff: for the week chosen (←→), each worker's hours on tour against their cap
//! (FTE share × hours per FTE, less blocks counted in the FTE) as a gauge, and their hours day
//! by day against the longest working day.

use super::{bad, bold, dim, good, put, warn};
use crate::app::App;
use crate::app::i18n::{self as t, L, short_date};
use planner::week::plan::make::day_length;
use planner::week::text::duration_text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let plan = &app.session.plan;
    let week = app.cursor.week.min(plan.weeks.len().saturating_sub(1));
    let label = plan.weeks.get(week).cloned().unwrap_or_default();
    let max_day = app.session.scenario.team.max_day.0;
    let title = format!(
        "{} {label} ({}/{}, ←→) · {} {})",
        t::WEEK_HOURS.get(lang),
        week + 1,
        plan.weeks.len(),
        t::DAY_HOURS.get(lang),
        duration_text(max_day)
    );
    put(
        buf,
        area.x,
        area.y,
        area.width,
        &Line::styled(title, bold()),
    );
    let note = L::new(
        "tournées départ→retour, déjeuner compris ; plafond = ETP × h par ETP − blocs",
        "tours from leaving to coming back, lunch included; cap = FTE × h per FTE − blocks",
    );
    put(
        buf,
        area.x,
        area.y + 1,
        area.width,
        &Line::styled(note.get(lang), dim()),
    );
    let name_w = 20u16;
    let label_w = 20u16;
    let gauge_w = area.width.saturating_sub(name_w + label_w + 2);
    let mut y = area.y + 3;
    let workers: Vec<_> = plan.workers.iter().filter(|w| w.week == label).collect();
    let gap = if workers.len() as u16 * 3 + 3 <= area.height {
        3
    } else {
        2
    };
    for w in workers {
        if y + 1 >= area.bottom() {
            break;
        }
        let over = w.planned_s > w.cap_s;
        let ratio = w.planned_s as f64 / w.cap_s.max(1) as f64;
        let fte = format!("{:.2}", w.fte);
        let fte = if lang == planner::week::Lang::Fr {
            fte.replace('.', ",")
        } else {
            fte
        };
        let name = format!("{} {} {fte}", w.id, t::FTE.get(lang));
        put(buf, area.x, y, name_w, &Line::styled(name, bold()));
        gauge(
            buf,
            Rect::new(area.x + name_w, y, gauge_w, 1),
            ratio,
            if over { bad() } else { good() },
        );
        let hours = format!(
            " {} / {}",
            duration_text(w.planned_s),
            duration_text(w.cap_s)
        );
        let style = if over { bad() } else { Style::new() };
        put(
            buf,
            area.x + name_w + gauge_w,
            y,
            label_w + 2,
            &Line::styled(hours, style),
        );
        put(
            buf,
            area.x + 2,
            y + 1,
            area.width.saturating_sub(2),
            &days_line(app, &w.id, week, max_day),
        );
        y += gap;
    }
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

/// "lun. 30/11 9 h 41 · jeu. 03/12 3 h 38", each day over the maximum in red.
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
            spans.push(Span::styled(" · ", dim()));
        }
        let style = if len > max_day { bad() } else { Style::new() };
        spans.push(Span::styled(
            format!("{} {}", short_date(d.date, lang), duration_text(len)),
            style,
        ));
    }
    if spans.is_empty() {
        spans.push(Span::styled(
            L::new("pas de tournée cette semaine", "no tour this week").get(lang),
            warn(),
        ));
    }
    Line::from(spans)
}
