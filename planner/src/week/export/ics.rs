//! One calendar per worker (RFC 5545): each permanence, visit and escort of their tours, with
//! times in UTC computed from Europe/Paris wall-clock times with the offset of each date (so
//! calendars are right across daylight-saving changes). Summaries hold the pseudonym code and
//! the commune only, unless `--with-addresses`.
//!
//! The file is reproducible: UIDs come from the plan, and DTSTAMP (required) is the first day
//! of the plan at midnight UTC rather than the time of writing.

use super::Disclosure;
use crate::units::Duration;
use crate::week::calendar::to_utc;
use crate::week::model::Scenario;
use crate::week::plan::{Leg, Plan, PlanStop, StopKind};
use chrono::NaiveDate;

/// The calendar of one worker.
pub fn render(plan: &Plan, s: &Scenario, worker: &str, d: Disclosure) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//tournee//plan//FR".into(),
        "CALSCALE:GREGORIAN".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape(&format!("Tournées {worker} {}", plan.weeks.join(" ")))
        ),
    ];
    let stamp = format!("{}T000000Z", plan.first_day.format("%Y%m%d"));
    for day in plan
        .days
        .iter()
        .filter(|day| day.crew.iter().any(|c| c == worker))
    {
        for (k, x) in day.stops.iter().enumerate() {
            if !matches!(
                x.kind,
                StopKind::Permanence | StopKind::Visit | StopKind::Escort
            ) {
                continue;
            }
            lines.extend(event(s, day.date, &day.crew, k, x, &stamp, d));
        }
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("")
}

fn event(
    s: &Scenario,
    date: NaiveDate,
    crew: &[String; 2],
    k: usize,
    x: &PlanStop,
    stamp: &str,
    d: Disclosure,
) -> Vec<String> {
    let utc = |t: i64| {
        to_utc(date, Duration(t))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    let id = x.id.clone().unwrap_or_default();
    let what = match (x.kind, x.leg) {
        (StopKind::Permanence, _) => "Permanence",
        (StopKind::Visit, _) => "Visite",
        (_, Some(Leg::Pickup)) => "Accompagnement (prise en charge)",
        (_, Some(Leg::Appointment)) => "Accompagnement (rendez-vous)",
        _ => "Accompagnement (retour)",
    };
    let commune = x.commune.clone().unwrap_or_default();
    let mut out = vec![
        "BEGIN:VEVENT".to_string(),
        format!(
            "UID:{}-{}-{k}-{}@tournee",
            date.format("%Y%m%d"),
            crew.join("-"),
            escape(&id)
        ),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART:{}", utc(x.start)),
        format!("DTEND:{}", utc(x.end)),
        format!("SUMMARY:{}", escape(&format!("{what} {id} — {commune}"))),
        format!("LOCATION:{}", escape(&commune)),
    ];
    if d.with_addresses
        && let Some(p) = s.person(&id)
    {
        let text = format!(
            "{} — {}",
            p.pseudonym,
            p.address.clone().unwrap_or_default()
        );
        out.push(format!("DESCRIPTION:{}", escape(&text)));
    }
    out.push("END:VEVENT".into());
    out
}

/// RFC 5545 text escaping.
fn escape(t: &str) -> String {
    t.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Lines end with CRLF and are folded at 75 octets (never inside a UTF-8 character).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{}", l.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
        assert_eq!(escape("a,b;c"), "a\\,b\\;c");
    }
}
