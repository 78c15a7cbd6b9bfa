//! Boxes over the views: help, quitting with unsaved changes, recovering a journal, the
//! referral form, and what the rebalancer did with a referral.

use super::{bad, bold, dim, put, selected, warn};
use crate::app::App;
use crate::app::form::{FieldKey, ReferralForm};
use crate::app::i18n as t;
use crate::app::journal::Found;
use crate::app::keys::KEYS;
use planner::week::text::Text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

/// A framed box of `lines` in the middle of `area`.
fn boxed(title: &str, lines: &[Line<'_>], width: u16, area: Rect, buf: &mut Buffer) {
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = width.min(area.width);
    let r = area.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(r, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(format!(" {title} "), bold()));
    let inner = block.inner(r);
    block.render(r, buf);
    for (i, l) in lines.iter().enumerate().take(inner.height as usize) {
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            inner.width.saturating_sub(2),
            l,
        );
    }
}

pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let mut lines: Vec<Line<'_>> = KEYS
        .iter()
        .map(|(k, l)| {
            Line::from(vec![
                Span::styled(format!("{k:<22}"), bold()),
                Span::raw(l.get(lang)),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(t::SYMBOLS.get(lang), dim()));
    lines.push(Line::styled(t::ANY_KEY.get(lang), dim()));
    boxed(t::HELP.get(lang), &lines, 80, area, buf);
}

pub fn render_quit(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let mut lines = vec![Line::raw(t::QUIT_ASK.get(lang)), Line::raw("")];
    lines.extend(
        t::QUIT_KEYS
            .iter()
            .map(|k| Line::styled(k.get(lang), bold())),
    );
    boxed(t::QUIT_TITLE.get(lang), &lines, 60, area, buf);
}

pub fn render_recover(app: &App, found: &Found, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let n = found.steps.len();
    let file = found
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut lines = vec![
        Line::raw(match lang {
            planner::week::Lang::Fr => {
                format!("{n} modification(s) non enregistrée(s) trouvée(s) dans {file}")
            }
            planner::week::Lang::En => format!("{n} unsaved edit(s) found in {file}"),
        }),
        Line::raw(t::STOPPED.get(lang)),
    ];
    if !app.journal_matches(found) {
        lines.push(Line::styled(t::PLAN_CHANGED.get(lang), warn()));
    }
    lines.push(Line::raw(""));
    lines.extend(
        t::RECOVER_KEYS
            .iter()
            .map(|k| Line::styled(k.get(lang), bold())),
    );
    boxed(t::RECOVER_TITLE.get(lang), &lines, 76, area, buf);
}

/// The form fills the body: one line per field, the focused field's hint and problem below.
pub fn render_form(app: &App, form: &ReferralForm, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let title = Line::styled(format!(" {} ", t::FORM_TITLE.get(app.lang)), bold());
    let block = Block::new().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let fields = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(4),
    );
    render_fields(app, form, fields, buf);
    let bottom = Rect::new(fields.x, fields.bottom(), fields.width, 4.min(inner.height));
    render_form_foot(app, form, bottom, buf);
}

/// One line per field: a mark if it has a problem, its label, its value (the address hidden
/// unless details are shown).
fn render_fields(app: &App, form: &ReferralForm, area: Rect, buf: &mut Buffer) {
    let label_w = 24u16;
    for (i, f) in form.fields.iter().enumerate().take(area.height as usize) {
        let y = area.y + i as u16;
        let focus = i == form.focus;
        let mark = match f.error {
            Some(_) => Span::styled("✗ ", bad()),
            None => Span::raw("  "),
        };
        let label = Line::from(vec![mark, Span::raw(f.label.get(app.lang))]);
        put(buf, area.x, y, label_w, &label);
        let value = if f.key == FieldKey::Address && !app.details {
            "•".repeat(f.value.chars().count())
        } else {
            f.value.clone()
        };
        let cursor = if focus { "▏" } else { "" };
        let style = if focus { selected() } else { Style::new() };
        let line = Line::styled(format!("{value}{cursor}"), style);
        put(
            buf,
            area.x + label_w,
            y,
            area.width.saturating_sub(label_w),
            &line,
        );
    }
}

/// The focused field's hint and problem (or where a valid referral goes), and the keys.
fn render_form_foot(app: &App, form: &ReferralForm, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let Some(f) = form.fields.get(form.focus) else {
        return;
    };
    let hint = format!("{} : {}", f.label.get(lang), f.hint.get(lang));
    put(buf, area.x, area.y, area.width, &Line::styled(hint, dim()));
    match f.error.as_ref().or(form.message.as_ref()) {
        Some(p) => Paragraph::new(Line::styled(p.get(lang).to_string(), bad()))
            .wrap(Wrap { trim: true })
            .render(Rect::new(area.x, area.y + 1, area.width, 2), buf),
        None => {
            let wiring = t::FORM_WIRING;
            put(
                buf,
                area.x,
                area.y + 1,
                area.width,
                &Line::styled(wiring.get(lang), dim()),
            );
        }
    }
    let keys = Line::styled(t::FORM_KEYS.get(lang), bold());
    put(buf, area.x, area.y + 3, area.width, &keys);
}

/// What the rebalancer did with a referral: its own text, wrapped, and how to close the box.
pub fn render_message(app: &App, text: &Text, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let width = 78.min(area.width);
    let inner_w = width.saturating_sub(4).max(1) as usize;
    let body = text.get(lang);
    let rows: usize = body
        .lines()
        .map(|l| Line::raw(l).width().div_ceil(inner_w).max(1))
        .sum();
    let height = (rows as u16 + 4).min(area.height);
    let r = area.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(r, buf);
    let block = Block::new().borders(Borders::ALL).title(Line::styled(
        format!(" {} ", t::REFERRAL_TITLE.get(lang)),
        bold(),
    ));
    let inner = block.inner(r);
    block.render(r, buf);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let mut lines: Vec<Line<'_>> = body.lines().map(Line::raw).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(t::ANY_KEY.get(lang), dim()));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
