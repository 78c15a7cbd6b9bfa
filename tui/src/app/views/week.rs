//! Semaine / Week: the tours side by side (as many as fit, a page at a time), each stop with its
//! times, a mark on every stop that breaks a rule; the requests not planned on the right; the
//! selection described below.

use super::{bad, bold, dim, put, selected, warn, windows_text};
use crate::app::columns::{Column, columns};
use crate::app::i18n::{self as t, short_date};
use crate::app::{App, Focus};
use planner::week::edit::{StopRef, item_spans};
use planner::week::plan::{DayPlan, Leg, PlanStop, StopKind, Unplanned, make::day_length};
use planner::week::text::{duration_text, hhmm};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// Narrowest column of a tour.
const COLUMN: u16 = 24;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let [main, detail] = Layout::vertical([Constraint::Min(0), Constraint::Length(4)]).areas(area);
    let side = if main.width >= 140 {
        40
    } else if main.width >= 100 {
        30
    } else {
        24
    };
    let [days, list] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(side)]).areas(main);
    render_columns(app, days, buf);
    render_unplanned(app, list, buf);
    render_detail(app, detail, buf);
}

fn render_columns(app: &App, area: Rect, buf: &mut Buffer) {
    let cols = columns(&app.session);
    let per_page = ((area.width / COLUMN).max(1) as usize).min(cols.len().max(1));
    let first = app.cursor.column / per_page * per_page;
    let width = area.width / per_page as u16;
    for (k, c) in cols.iter().enumerate().skip(first).take(per_page) {
        let x = area.x + (k - first) as u16 * width;
        let col = Rect::new(x, area.y, width.min(area.right() - x), area.height);
        render_column(app, c, k == app.cursor.column, col, buf);
    }
    if cols.len() > per_page && area.height > 3 {
        let page = format!(
            "{} {}/{} ←→",
            t::PAGE.get(app.lang),
            first / per_page + 1,
            cols.len().div_ceil(per_page)
        );
        let w = page.chars().count() as u16;
        let y = area.bottom() - 1;
        put(
            buf,
            area.right().saturating_sub(w + 1),
            y,
            w,
            &Line::styled(page, dim()),
        );
    }
}

fn render_column(app: &App, c: &Column, current: bool, area: Rect, buf: &mut Buffer) {
    let inner = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(2),
        area.height,
    );
    for y in area.top()..area.bottom() {
        buf[(area.x, y)].set_symbol("│").set_style(dim());
    }
    let tour = c.tour.map(|t| &app.session.plan.days[t]);
    let head = header(app, c, tour).style(if current { selected() } else { Style::new() });
    put(buf, inner.x, inner.y, inner.width, &head);
    let Some(day) = tour else {
        let none = Line::styled(t::NO_TOUR.get(app.lang), dim());
        put(buf, inner.x, inner.y + 1, inner.width, &none);
        return;
    };
    let crew = Line::styled(day.crew.join("+"), dim());
    put(buf, inner.x, inner.y + 1, inner.width, &crew);
    let body = Rect::new(
        inner.x,
        inner.y + 2,
        inner.width,
        inner.height.saturating_sub(2),
    );
    render_stops(app, day, current, body, buf);
}

/// "lun. 30/11 · 9 h 41", with `!` when a rule of the day (or of its crew) is broken.
fn header(app: &App, c: &Column, tour: Option<&DayPlan>) -> Line<'static> {
    let mut head = vec![Span::styled(short_date(c.date, app.lang), bold())];
    if let Some(d) = tour {
        head.push(Span::raw(format!(" · {}", duration_text(day_length(d)))));
        let broken = app.session.violations.iter().any(|v| {
            v.date == Some(d.date)
                && (v.subject.is_none() || d.crew.iter().any(|w| Some(w) == v.subject.as_ref()))
        });
        if broken {
            head.push(Span::styled(" !", bad().add_modifier(Modifier::BOLD)));
        }
    }
    Line::from(head)
}

/// The tour's lines, scrolled so that the selection shows.
fn render_stops(app: &App, day: &DayPlan, current: bool, area: Rect, buf: &mut Buffer) {
    let lines = stop_lines(app, day);
    let spans = item_spans(day);
    let chosen = (current && app.cursor.focus == Focus::Days)
        .then(|| spans.get(app.cursor.item).map(|s| s.1.clone()))
        .flatten();
    let height = area.height as usize;
    let offset = match &chosen {
        Some(r) if r.end > height => r.end - height,
        _ => 0,
    };
    for (i, line) in lines.into_iter().enumerate().skip(offset).take(height) {
        let line = match &chosen {
            Some(r) if r.start == i => pointed(line),
            Some(r) if r.contains(&i) => line.patch_style(selected()),
            _ => line,
        };
        put(buf, area.x, area.y + (i - offset) as u16, area.width, &line);
    }
}

/// The selected line: reversed, with ▶ in the gutter (visible without colours too).
fn pointed(mut line: Line<'static>) -> Line<'static> {
    if let Some(first) = line.spans.first_mut()
        && first.content == " "
    {
        first.content = "▶".into();
    }
    line.patch_style(selected())
}

/// One line per stop of a tour.
fn stop_lines(app: &App, day: &DayPlan) -> Vec<Line<'static>> {
    day.stops.iter().map(|s| stop_line(app, day, s)).collect()
}

fn stop_line(app: &App, day: &DayPlan, s: &PlanStop) -> Line<'static> {
    let lang = app.lang;
    let id = s.id.clone().unwrap_or_default();
    let at = s.commune.clone().unwrap_or_default();
    let (mark, text) = match s.kind {
        StopKind::Departure => (' ', format!("{} {}", hhmm(s.start), t::LEAVE.get(lang))),
        StopKind::Return => (' ', format!("{} {}", hhmm(s.end), t::BACK.get(lang))),
        StopKind::Drive => {
            let line = format!("   ↓ {}", duration_text(s.drive_s));
            return Line::styled(line, dim());
        }
        StopKind::Lunch => (' ', format!("{} {}", hhmm(s.start), t::LUNCH.get(lang))),
        StopKind::Permanence => ('▲', format!("{} ▲ {id} {at}", hhmm(s.start))),
        StopKind::Visit => ('●', format!("{} ● {id} {at}", hhmm(s.start))),
        StopKind::Escort => {
            let leg = match s.leg {
                Some(Leg::Pickup) => t::LEG_PICKUP,
                Some(Leg::Appointment) => t::LEG_APPOINTMENT,
                _ => t::LEG_DROPOFF,
            };
            (
                '◆',
                format!("{} ◆ {id} {} {at}", hhmm(s.start), leg.get(lang)),
            )
        }
    };
    let broken = !id.is_empty()
        && app
            .session
            .violations_of(Some(day.date), &id)
            .next()
            .is_some();
    let mut spans = vec![if broken {
        Span::styled("!", bad().add_modifier(Modifier::BOLD))
    } else {
        Span::raw(" ")
    }];
    let style = if broken {
        bad()
    } else if mark == ' ' {
        dim()
    } else {
        Style::new()
    };
    spans.push(Span::styled(text, style));
    if s.locked {
        spans.push(Span::raw(" 🔒"));
    }
    Line::from(spans)
}

fn render_unplanned(app: &App, area: Rect, buf: &mut Buffer) {
    let list = &app.session.plan.unplanned;
    let title = format!(" {} ({}) ", t::UNPLANNED.get(app.lang), list.len());
    let block = Block::new()
        .borders(Borders::LEFT)
        .title(Line::styled(title, bold()));
    let inner = block.inner(area);
    block.render(area, buf);
    let height = inner.height as usize;
    let focus = app.cursor.focus == Focus::Unplanned;
    let offset = if focus && app.cursor.unplanned >= height {
        app.cursor.unplanned + 1 - height
    } else {
        0
    };
    for (i, u) in list.iter().enumerate().skip(offset).take(height) {
        let code = u.reasons.first().map_or("", |r| r.code.as_str());
        let occ = u
            .occurrence
            .filter(|o| *o > 0)
            .map(|o| format!("#{}", o + 1))
            .unwrap_or_default();
        let line = Line::from(vec![
            Span::styled(format!("{code} "), warn()),
            Span::raw(format!("{}{occ} {}", u.id, u.commune)),
        ]);
        let chosen = focus && i == app.cursor.unplanned;
        let line = if chosen {
            line.patch_style(selected())
        } else {
            line
        };
        let mark = if chosen { "▶" } else { " " };
        put(
            buf,
            inner.x,
            inner.y + (i - offset) as u16,
            1,
            &Line::raw(mark),
        );
        put(
            buf,
            inner.x + 1,
            inner.y + (i - offset) as u16,
            inner.width.saturating_sub(1),
            &line,
        );
    }
}

fn render_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::new().borders(Borders::TOP).border_style(dim());
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = match app.cursor.focus {
        Focus::Days => app.selected().map(|(c, r)| stop_detail(app, &c, &r)),
        Focus::Unplanned => app
            .session
            .plan
            .unplanned
            .get(app.cursor.unplanned)
            .map(|u| unplanned_detail(app, u)),
    }
    .unwrap_or_default();
    for (i, line) in lines.iter().enumerate().take(inner.height as usize) {
        put(buf, inner.x, inner.y + i as u16, inner.width, line);
    }
}

/// The selected stop: what, where, when; windows and lock; the rules it breaks.
fn stop_detail(app: &App, c: &Column, r: &StopRef) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some(t) = c.tour else { return vec![] };
    let day = &app.session.plan.days[t];
    let Some(s) = day.stops.iter().find(|s| r.matches(s)) else {
        return vec![];
    };
    let s_ = &app.session.scenario;
    let (what, who) = match r.kind {
        StopKind::Visit => (t::VISIT, s_.person(&r.id).map(|p| p.pseudonym.clone())),
        StopKind::Escort => (t::ESCORT, None),
        StopKind::Permanence => (t::PERMANENCE, None),
        _ => (t::LUNCH, None),
    };
    let mut first = format!("{} {}", what.get(lang), r.id);
    if let Some(w) = who {
        first.push_str(&format!(" {w}"));
    }
    if let Some(at) = &s.commune {
        first.push_str(&format!(" — {at}"));
    }
    first.push_str(&format!(
        " · {} {}–{}",
        short_date(day.date, lang),
        hhmm(s.start),
        hhmm(s.end)
    ));
    if s.arrival < s.start {
        first.push_str(&format!(" ({} {})", t::ARRIVAL.get(lang), hhmm(s.arrival)));
    }
    let mut second = Vec::new();
    if let Some(p) = s_.person(&r.id).filter(|_| r.kind == StopKind::Visit) {
        second.push(format!(
            "{} : {}",
            t::WINDOWS.get(lang),
            windows_text(p, lang)
        ));
        if app.details
            && let Some(a) = &p.address
        {
            second.push(format!("{} : {a}", t::ADDRESS.get(lang)));
        }
    }
    if let Some(at) = app.session.pins.announced(r) {
        second.push(format!("🔒 {} {}", t::ANNOUNCED.get(lang), hhmm(at)));
    }
    let mut out = vec![Line::styled(first, bold()), Line::raw(second.join(" · "))];
    out.extend(rules_lines(app, Some(day.date), &r.id));
    out
}

fn rules_lines(app: &App, date: Option<chrono::NaiveDate>, id: &str) -> Vec<Line<'static>> {
    let broken: Vec<Line<'static>> = app
        .session
        .violations_of(date, id)
        .map(|v| Line::styled(format!("! {}", v.render(app.lang)), bad()))
        .collect();
    if broken.is_empty() && !id.is_empty() {
        return vec![Line::styled(
            format!("✓ {}", t::SOUND.get(app.lang)),
            super::good(),
        )];
    }
    broken
}

fn unplanned_detail(app: &App, u: &Unplanned) -> Vec<Line<'static>> {
    let lang = app.lang;
    let who = app
        .session
        .scenario
        .person(&u.id)
        .map(|p| format!(" {}", p.pseudonym))
        .unwrap_or_default();
    let due = u
        .due
        .map(|d| format!(", {} {}", t::DUE.get(lang), short_date(d, lang)))
        .unwrap_or_default();
    let mut out = vec![Line::styled(
        format!("{}{who} — {}{due}", u.id, u.commune),
        bold(),
    )];
    for r in &u.reasons {
        out.push(Line::styled(
            format!("[{}] {}", r.code, r.text.get(lang)),
            warn(),
        ));
    }
    out
}
