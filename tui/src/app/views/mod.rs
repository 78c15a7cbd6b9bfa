//! Drawing the app: `impl Widget for &App` from small `render_*` helpers, one file per view.
//! Nothing here changes the state; everything shown comes from [`App`].

mod dialogs;
mod map;
mod people;
mod staff;
mod week;

use super::i18n as t;
use super::keys::KEYS;
use super::{App, Level, Mode, View};
use planner::week::Lang;
use planner::week::model::Person;
use planner::week::text::duration_text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Below this the views do not fit; a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub(crate) fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub(crate) fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub(crate) fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub(crate) fn bad() -> Style {
    Style::new().fg(Color::Red)
}

pub(crate) fn warn() -> Style {
    Style::new().fg(Color::Yellow)
}

pub(crate) fn good() -> Style {
    Style::new().fg(Color::Green)
}

/// One line at (x, y), cut to `width`.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, width: u16, line: &Line<'_>) {
    buf.set_line(x, y, line, width);
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = t::TOO_SMALL;
            put(
                buf,
                area.x,
                area.y,
                area.width,
                &Line::raw(msg.get(self.lang)),
            );
            return;
        }
        let [top, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_tabs(top, buf);
        match &self.mode {
            Mode::Form(form) => dialogs::render_form(self, form, body, buf),
            _ => match self.view {
                View::Week => week::render(self, body, buf),
                View::Map => map::render(self, body, buf),
                View::People => people::render(self, body, buf),
                View::Staff => staff::render(self, body, buf),
            },
        }
        self.render_status(status, buf);
        self.render_footer(footer, buf);
        match &self.mode {
            Mode::Help => dialogs::render_help(self, area, buf),
            Mode::ConfirmQuit => dialogs::render_quit(self, area, buf),
            Mode::Recover(found) => dialogs::render_recover(self, found, area, buf),
            Mode::Message(text) => dialogs::render_message(self, text, area, buf),
            Mode::Normal | Mode::Form(_) => {}
        }
    }
}

impl App {
    fn render_tabs(&self, area: Rect, buf: &mut Buffer) {
        let names = [t::WEEK, t::MAP, t::PEOPLE, t::STAFF];
        let mut spans = Vec::new();
        for (i, (v, name)) in View::ALL.iter().zip(names).enumerate() {
            let label = format!(" {} {} ", i + 1, name.get(self.lang));
            let style = if *v == self.view {
                selected().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            spans.push(Span::styled(label, style));
        }
        put(buf, area.x, area.y, area.width, &Line::from(spans));
        let file = self
            .store
            .path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let weeks = &self.session.plan.weeks;
        let span = match (weeks.first(), weeks.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}→{}", b.rsplit('-').next().unwrap_or(b)),
            (Some(a), _) => a.clone(),
            _ => String::new(),
        };
        let mut right = vec![Span::raw(format!("{span} "))];
        right.push(Span::styled(file, bold()));
        if !self.store.from_file {
            let memory = t::IN_MEMORY;
            right.push(Span::styled(memory.get(self.lang), warn()));
        }
        if self.unsaved() {
            right.push(Span::styled(
                format!(" ● {}", t::UNSAVED.get(self.lang)),
                warn(),
            ));
        }
        right.push(Span::raw(" "));
        let line = Line::from(right);
        let w = line.width() as u16;
        if w + 46 <= area.width {
            put(buf, area.right() - w, area.y, w, &line);
        }
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        if let Some(job) = &self.job {
            let p = job.progress.map_or(0.0, |p| p.fraction);
            let cells = 20usize;
            let full = (p * cells as f64).round() as usize;
            let bar = format!(
                "{}{}",
                "█".repeat(full),
                "░".repeat(cells - full.min(cells))
            );
            let line = Line::from(vec![
                Span::styled(format!("{} ", t::OPTIMISING.get(self.lang)), bold()),
                Span::styled(bar, good()),
                Span::raw(format!(
                    " {:>3} % — {}",
                    (p * 100.0).round(),
                    t::ESC_CANCEL.get(self.lang)
                )),
            ]);
            put(buf, area.x, area.y, area.width, &line);
            return;
        }
        if let Some(s) = &self.status {
            let style = match s.level {
                Level::Info => Style::new(),
                Level::Warning => warn(),
                Level::Error => bad().add_modifier(Modifier::BOLD),
            };
            put(
                buf,
                area.x,
                area.y,
                area.width,
                &Line::styled(s.text.get(self.lang).to_string(), style),
            );
            return;
        }
        put(buf, area.x, area.y, area.width, &self.summary_line());
    }

    /// Tours, visits, driving and the checker's verdict.
    fn summary_line(&self) -> Line<'static> {
        let p = &self.session.plan;
        let x = &p.totals;
        let n = self.session.violations.len();
        let lang = self.lang;
        let tours = t::TOURS_COUNT.get(lang);
        let visits = t::VISITS.get(lang);
        let verdict = if n == 0 {
            Span::styled(format!("✓ {}", t::SOUND.get(lang)), good())
        } else {
            Span::styled(format!("! {n} {}", t::RULES_BROKEN.get(lang)), bad())
        };
        Line::from(vec![
            Span::raw(format!(
                "{} {tours} · {visits} {}/{} · {} {} · ",
                p.days.len(),
                x.visits_planned,
                x.visits_due,
                t::DRIVE.get(lang),
                duration_text(x.drive_s),
            )),
            verdict,
        ])
    }

    fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        let mut used = 0usize;
        let order = [8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 10];
        for &i in &order {
            let (key, label) = KEYS[i];
            let text = format!("{key} {}", label.get(self.lang));
            let w = text.chars().count() + 2;
            if used + w > area.width as usize {
                break;
            }
            used += w;
            spans.push(Span::styled(key.to_string(), bold().fg(Color::Cyan)));
            spans.push(Span::styled(format!(" {}  ", label.get(self.lang)), dim()));
        }
        put(buf, area.x, area.y, area.width, &Line::from(spans));
    }
}

/// A person's windows, days with the same hours together: "lun, mar, jeu 14:00–17:00".
pub(crate) fn windows_text(p: &Person, lang: Lang) -> String {
    use planner::week::text::hhmm;
    const FR: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let names = if lang == Lang::Fr { FR } else { EN };
    let mut groups: Vec<(Vec<&str>, String)> = Vec::new();
    for (d, spans) in p.windows.iter().enumerate() {
        if spans.is_empty() {
            continue;
        }
        let hours: Vec<String> = spans
            .iter()
            .map(|(a, b)| format!("{}–{}", hhmm(a.0), hhmm(b.0)))
            .collect();
        let hours = hours.join(", ");
        match groups.iter_mut().find(|g| g.1 == hours) {
            Some(g) => g.0.push(names[d]),
            None => groups.push((vec![names[d]], hours)),
        }
    }
    if groups.is_empty() {
        return t::ANY_TIME.get(lang).to_string();
    }
    groups
        .iter()
        .map(|(days, hours)| {
            let days = if days.len() == 7 {
                t::ALL_DAYS.get(lang).to_string()
            } else {
                days.join(", ")
            };
            format!("{days} {hours}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
