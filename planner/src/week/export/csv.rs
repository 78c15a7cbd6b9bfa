//! `plan.csv`: one line per stop, for a spreadsheet.

use super::Disclosure;
use crate::week::model::Scenario;
use crate::week::plan::{Plan, StopKind};
use crate::week::text::hhmm;

const HEADER: [&str; 13] = [
    "date",
    "jour",
    "binome",
    "type",
    "id",
    "pseudonyme",
    "commune",
    "arrivee",
    "debut",
    "fin",
    "trajet_min",
    "trajet_km",
    "verrouille",
];

pub fn render(plan: &Plan, s: &Scenario, d: Disclosure) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header: Vec<&str> = HEADER.to_vec();
    if d.with_addresses {
        header.push("adresse");
    }
    let _ = w.write_record(&header);
    for day in &plan.days {
        for x in &day.stops {
            let person = match x.kind {
                StopKind::Visit => x.id.as_deref().and_then(|id| s.person(id)),
                StopKind::Escort => {
                    x.id.as_deref()
                        .and_then(|id| s.escorts.iter().find(|e| e.id == id))
                        .map(|e| &s.people[e.person])
                }
                _ => None,
            };
            let kind = serde_json::to_value(x.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let mut row = vec![
                day.date.to_string(),
                crate::week::terms::day_name(chrono::Datelike::weekday(&day.date), true)
                    .to_string(),
                day.crew.join("+"),
                kind,
                x.id.clone().unwrap_or_default(),
                person
                    .filter(|_| d.with_addresses)
                    .map(|p| p.pseudonym.clone())
                    .unwrap_or_default(),
                x.commune.clone().unwrap_or_default(),
                hhmm(x.arrival),
                hhmm(x.start),
                hhmm(x.end),
                if x.drive_s > 0 {
                    format!("{}", (x.drive_s + 30) / 60)
                } else {
                    String::new()
                },
                if x.drive_m > 0 {
                    format!("{:.1}", x.drive_m as f64 / 1000.0)
                } else {
                    String::new()
                },
                if x.locked {
                    "oui".into()
                } else {
                    String::new()
                },
            ];
            if d.with_addresses {
                row.push(person.and_then(|p| p.address.clone()).unwrap_or_default());
            }
            let _ = w.write_record(&row);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
