//! The plan as the team reads it in a terminal: the week day by day, hours per worker against
//! their FTE share, totals (the share of permanences vs home visits reported to funders), and
//! the requests not planned with their reasons. Pseudonyms and communes only.

use super::calendar::Horizon;
use super::model::Scenario;
use super::plan::{DayPlan, Leg, Plan, PlanStop, StopKind, make::day_length};
use super::terms::day_name;
use super::text::{Lang, duration_text, hhmm};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// French month names for dates in full.
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "lundi 30 novembre 2026" / "Monday 30 November 2026".
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "{} {} {} {}",
            day_name(d.weekday(), true),
            d.day(),
            MONTHS_FR[d.month0() as usize],
            d.year()
        ),
        Lang::En => d.format("%A %-d %B %Y").to_string(),
    }
}

fn km(m: i64, lang: Lang) -> String {
    let s = format!("{:.1}", m as f64 / 1000.0);
    match lang {
        Lang::Fr => format!("{} km", s.replace('.', ",")),
        Lang::En => format!("{s} km"),
    }
}

fn t<'a>(lang: Lang, fr: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The whole report.
pub fn render(plan: &Plan, s: &Scenario, lang: Lang) -> String {
    let mut out = String::new();
    let h: Horizon = plan.horizon();
    let last = h.date(h.days() - 1);
    let _ = writeln!(
        out,
        "{} {} — {} → {}",
        t(lang, "Semaine", "Week"),
        plan.weeks.join(", "),
        long_date(h.first_day, lang),
        long_date(last, lang)
    );
    let _ = writeln!(
        out,
        "{} · {} : {}",
        s.team.name,
        t(lang, "carte", "map"),
        plan.map
    );
    for day in &plan.days {
        out.push('\n');
        render_day(&mut out, day, s, lang);
    }
    out.push('\n');
    render_hours(&mut out, plan, lang);
    render_totals(&mut out, plan, lang);
    render_unplanned(&mut out, plan, s, lang);
    out
}

fn render_day(out: &mut String, day: &DayPlan, s: &Scenario, lang: Lang) {
    let crew: Vec<&str> = day
        .crew
        .iter()
        .map(|id| s.worker(id).map_or(id.as_str(), |w| w.name.as_str()))
        .collect();
    let _ = writeln!(out, "{} — {}", long_date(day.date, lang), crew.join(" + "));
    for stop in &day.stops {
        let _ = writeln!(out, "  {}", stop_line(stop, s, lang));
    }
    let drive: i64 = day.stops.iter().map(|x| x.drive_s).sum();
    let dist: i64 = day.stops.iter().map(|x| x.drive_m).sum();
    let _ = writeln!(
        out,
        "  {} {} · {} {}, {}",
        t(lang, "journée", "day"),
        duration_text(day_length(day)),
        t(lang, "route", "driving"),
        duration_text(drive),
        km(dist, lang)
    );
}

/// One line of a day.
pub fn stop_line(x: &PlanStop, s: &Scenario, lang: Lang) -> String {
    let at = x.commune.clone().unwrap_or_default();
    let id = x.id.clone().unwrap_or_default();
    match x.kind {
        StopKind::Departure => format!("{}  {} {at}", hhmm(x.start), t(lang, "départ de", "leave")),
        StopKind::Return => format!("{}  {} {at}", hhmm(x.end), t(lang, "retour à", "back at")),
        StopKind::Drive => format!(
            "       {} {}, {}",
            t(lang, "trajet", "drive"),
            duration_text(x.drive_s),
            km(x.drive_m, lang)
        ),
        StopKind::Lunch => format!(
            "{}  {} ({})",
            hhmm(x.start),
            t(lang, "déjeuner", "lunch"),
            duration_text(x.end - x.start)
        ),
        StopKind::Permanence => format!(
            "{}  {} {id} — {at} ({}–{})",
            hhmm(x.start),
            t(lang, "permanence", "drop-in"),
            hhmm(x.start),
            hhmm(x.end)
        ),
        StopKind::Visit => {
            let who = s
                .person(&id)
                .map_or(String::new(), |p| format!(" {}", p.pseudonym));
            let wait = if x.start > x.arrival {
                format!(" ({} {})", t(lang, "arrivée", "arrival"), hhmm(x.arrival))
            } else {
                String::new()
            };
            let lock = if x.locked { " 🔒" } else { "" };
            format!(
                "{}  {} {id}{who} — {at}, {}–{}{wait}{lock}",
                hhmm(x.start),
                t(lang, "visite", "visit"),
                hhmm(x.start),
                hhmm(x.end)
            )
        }
        StopKind::Escort => {
            let leg = match x.leg {
                Some(Leg::Pickup) => t(lang, "prise en charge", "pick-up"),
                Some(Leg::Appointment) => t(lang, "rendez-vous", "appointment"),
                _ => t(lang, "raccompagnement", "drop-off"),
            };
            format!(
                "{}  {} {id} — {leg} — {at}, {}–{}",
                hhmm(x.start),
                t(lang, "accompagnement", "escort"),
                hhmm(x.start),
                hhmm(x.end)
            )
        }
    }
}

fn render_hours(out: &mut String, plan: &Plan, lang: Lang) {
    let _ = writeln!(
        out,
        "{}",
        t(
            lang,
            "Heures par intervenant (tournées, hors déjeuner) :",
            "Hours per worker (tours, lunch not counted):"
        )
    );
    for w in &plan.workers {
        let fte = match lang {
            Lang::Fr => format!("{:.2}", w.fte).replace('.', ","),
            Lang::En => format!("{:.2}", w.fte),
        };
        let over = if w.planned_s > w.cap_s {
            t(lang, "  DÉPASSEMENT", "  OVER")
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} {:<12} {:>8} / {:<8} ({} {fte}, {} {}){over}",
            w.week,
            w.id,
            duration_text(w.planned_s),
            duration_text(w.cap_s),
            t(lang, "ETP", "FTE"),
            w.days,
            t(lang, "jour(s)", "day(s)")
        );
    }
}

fn render_totals(out: &mut String, plan: &Plan, lang: Lang) {
    let x = &plan.totals;
    let share = |v: f64| match lang {
        Lang::Fr => format!("{v:.1} %").replace('.', ","),
        Lang::En => format!("{v:.1}%"),
    };
    let _ = writeln!(
        out,
        "{} : {}, {} {} · {} {} ({}) · {} {} ({}) · {} {}/{} · {} {}/{}",
        t(lang, "Totaux", "Totals"),
        km(x.distance_m, lang),
        duration_text(x.drive_s),
        t(lang, "de route", "driving"),
        t(lang, "permanences", "drop-ins"),
        duration_text(x.permanence_s),
        share(x.permanence_share_pct),
        t(lang, "aller-vers", "outreach"),
        duration_text(x.outreach_s),
        share(100.0 - x.permanence_share_pct),
        t(lang, "visites", "visits"),
        x.visits_planned,
        x.visits_due,
        t(lang, "accompagnements", "escorts"),
        x.escorts_planned,
        x.escorts_asked
    );
}

fn render_unplanned(out: &mut String, plan: &Plan, s: &Scenario, lang: Lang) {
    if plan.unplanned.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{} ({}) :",
        t(lang, "Non planifié", "Not planned"),
        plan.unplanned.len()
    );
    for u in &plan.unplanned {
        let who = s
            .person(&u.id)
            .map_or(String::new(), |p| format!(" {}", p.pseudonym));
        let due = u.due.map_or(String::new(), |d| {
            format!(", {} {d}", t(lang, "prévue le", "due"))
        });
        let why: Vec<String> = u
            .reasons
            .iter()
            .map(|r| format!("{} [{}]", r.text.get(lang), r.code))
            .collect();
        let _ = writeln!(
            out,
            "  {}{who} ({}{due}) — {}",
            u.id,
            u.commune,
            why.join(" ; ")
        );
    }
}
