//! Personnes / People: everyone followed, by pseudonym — frequency, windows, venue, last visit,
//! and whether (and on which day) they are visited this time, or why not. Addresses only when
//! the user asks (d), notes never.

use super::{bold, dim, put, selected, warn, windows_text};
use crate::app::App;
use crate::app::i18n::{self as t, short_date};
use planner::week::Lang;
use planner::week::model::Person;
use planner::week::plan::{Plan, StopKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// Column widths: code, pseudonym, frequency, windows, venue, last visit; the status takes the
/// rest.
fn widths(total: u16) -> [u16; 6] {
    if total >= 140 {
        [7, 16, 14, 44, 14, 12]
    } else if total >= 100 {
        [6, 14, 10, 30, 12, 7]
    } else {
        [6, 11, 10, 19, 0, 6]
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let [table, detail] = Layout::vertical([Constraint::Min(0), Constraint::Length(5)]).areas(area);
    let lang = app.lang;
    let w = widths(table.width);
    let heads = [
        t::CODE,
        t::PSEUDONYM,
        t::FREQUENCY,
        t::WINDOWS,
        t::VENUE,
        t::LAST_VISIT,
        t::STATUS,
    ];
    let head: Vec<String> = heads
        .iter()
        .enumerate()
        .map(|(k, h)| format!("{}{}", if k == 0 { " " } else { "" }, h.get(lang)))
        .collect();
    put_row(
        buf,
        table,
        table.y,
        &w,
        head.iter()
            .map(|h| Span::styled(h.clone(), bold()))
            .collect(),
    );
    let people = &app.session.scenario.people;
    let height = table.height.saturating_sub(1) as usize;
    let first = (app.cursor.person + 1).saturating_sub(height);
    let plan = &app.session.plan;
    for (i, p) in people.iter().enumerate().skip(first).take(height) {
        let (status, style) = status(plan, p, lang);
        let mark = if i == app.cursor.person { "▶" } else { " " };
        let cells = vec![
            Span::raw(format!("{mark}{}", p.id)),
            Span::raw(p.pseudonym.clone()),
            Span::raw(t::frequency(p.frequency).get(lang).to_string()),
            Span::raw(windows_text(p, lang)),
            Span::raw(t::venue(p.venue).get(lang).to_string()),
            Span::raw(last_visit(p, plan)),
            Span::styled(status, style),
        ];
        let y = table.y + 1 + (i - first) as u16;
        put_row(buf, table, y, &w, cells);
        if i == app.cursor.person {
            buf.set_style(Rect::new(table.x, y, table.width, 1), selected());
        }
    }
    if let Some(p) = people.get(app.cursor.person) {
        render_detail(app, p, detail, buf);
    }
}

fn put_row(buf: &mut Buffer, area: Rect, y: u16, w: &[u16; 6], cells: Vec<Span<'static>>) {
    let mut x = area.x;
    for (k, cell) in cells.into_iter().enumerate() {
        let width = w.get(k).copied().unwrap_or(area.right().saturating_sub(x));
        let width = width.min(area.right().saturating_sub(x));
        if width == 0 {
            continue;
        }
        put(buf, x, y, width.saturating_sub(1), &Line::from(cell));
        x += width;
    }
}

fn last_visit(p: &Person, plan: &Plan) -> String {
    p.last_visit_date(plan.first_day)
        .map_or_else(|| "—".into(), |d| d.format("%d/%m").to_string())
}

/// Planned on which days, or not planned and why (first reason's code).
fn status(plan: &Plan, p: &Person, lang: Lang) -> (String, Style) {
    let days: Vec<String> = plan
        .days
        .iter()
        .filter(|d| {
            d.stops
                .iter()
                .any(|x| x.kind == StopKind::Visit && x.id.as_deref() == Some(p.id.as_str()))
        })
        .map(|d| short_date(d.date, lang))
        .collect();
    let mut codes: Vec<(&str, usize)> = Vec::new();
    for u in plan
        .unplanned
        .iter()
        .filter(|u| u.id == p.id && u.kind == "visit")
    {
        let Some(code) = u.reasons.first().map(|r| r.code.as_str()) else {
            continue;
        };
        match codes.iter_mut().find(|c| c.0 == code) {
            Some(c) => c.1 += 1,
            None => codes.push((code, 1)),
        }
    }
    let left: Vec<String> = codes
        .iter()
        .map(|(c, n)| {
            if *n > 1 {
                format!("{c} ×{n}")
            } else {
                c.to_string()
            }
        })
        .collect();
    match (days.is_empty(), left.is_empty()) {
        (true, true) => (t::NOTHING_DUE.get(lang).to_string(), dim()),
        (false, true) => (days.join(", "), Style::new()),
        (true, false) => (
            format!("{} {}", t::NOT_PLANNED.get(lang), left.join(" ")),
            warn(),
        ),
        (false, false) => (
            format!(
                "{} · {} {}",
                days.join(", "),
                t::NOT_PLANNED.get(lang),
                left.join(" ")
            ),
            warn(),
        ),
    }
}

fn render_detail(app: &App, p: &Person, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let block = Block::new().borders(Borders::TOP).border_style(dim());
    let inner = block.inner(area);
    block.render(area, buf);
    let mut first = format!("{} {} — {}", p.id, p.pseudonym, p.visit_location().commune);
    first.push_str(&format!(" · {} {}", t::PRIORITY.get(lang), p.priority));
    if let Some(w) = &p.preferred_worker {
        first.push_str(&format!(" · {} {w}", t::PREFERRED.get(lang)));
    }
    if let Some(s) = &p.skill {
        first.push_str(&format!(" · {} {s}", t::SKILL.get(lang)));
    }
    let mut second = format!(
        "{} : {} · {}",
        t::WINDOWS.get(lang),
        windows_text(p, lang),
        t::venue(p.venue).get(lang)
    );
    if let Some(r) = &p.referrer {
        second.push_str(&format!(" · {} {r}", t::REFERRER.get(lang)));
    }
    let address = match (&p.address, app.details) {
        (Some(a), true) => format!("{} : {a}", t::ADDRESS.get(lang)),
        (Some(_), false) => format!("{} : {}", t::ADDRESS.get(lang), t::HIDDEN.get(lang)),
        (None, _) => String::new(),
    };
    let mut lines = vec![Line::styled(first, bold()), Line::raw(second)];
    let reasons: Vec<String> = app
        .session
        .plan
        .unplanned
        .iter()
        .filter(|u| u.id == p.id)
        .flat_map(|u| {
            u.reasons
                .iter()
                .map(|r| format!("[{}] {}", r.code, r.text.get(lang)))
        })
        .collect();
    if let Some(r) = reasons.first() {
        lines.push(Line::styled(r.clone(), warn()));
    }
    if !address.is_empty() {
        lines.push(Line::styled(address, dim()));
    }
    for (i, l) in lines.iter().enumerate().take(inner.height as usize) {
        put(buf, inner.x, inner.y + i as u16, inner.width, l);
    }
}
