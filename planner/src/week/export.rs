//! Files for other tools: `plan.csv` (spreadsheets), `plan.geojson` (maps), one `.ics` per
//! worker (calendars). Discreet by default: pseudonym codes and communes only, people's points
//! rounded to about 500 m; `--with-addresses` and `--precise` add more, on request.

pub mod csv;
pub mod geojson;
pub mod ics;

use super::model::Scenario;
use super::plan::{Leg, PlanStop, StopKind};
use maps::LatLon;

/// What exports may reveal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Disclosure {
    /// Pseudonyms in full and addresses.
    pub with_addresses: bool,
    /// Exact positions instead of ~500 m.
    pub precise: bool,
}

/// Where a stop is (None for drives and lunch).
pub fn stop_point(s: &Scenario, x: &PlanStop) -> Option<LatLon> {
    let id = x.id.as_deref().unwrap_or("");
    match x.kind {
        StopKind::Departure | StopKind::Return => Some(s.team.base.point),
        StopKind::Drive | StopKind::Lunch => None,
        StopKind::Permanence => s
            .permanences
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.site.point),
        StopKind::Visit => s.person(id).map(|p| p.visit_location().point),
        StopKind::Escort => {
            let e = s.escorts.iter().find(|e| e.id == id)?;
            Some(match x.leg {
                Some(Leg::Appointment) => e.destination.point,
                _ => s.people[e.person].visit_location().point,
            })
        }
    }
}

/// Rounds to a grid of 0.005° (about 550 m north–south, 400 m east–west here).
pub fn blur(p: LatLon) -> LatLon {
    let r = |x: f64| (x / 0.005).round() * 0.005;
    LatLon::new(
        (r(p.lat) * 1e6).round() / 1e6,
        (r(p.lon) * 1e6).round() / 1e6,
    )
}

/// Whether a stop is about a person (and so is blurred).
pub fn is_personal(x: &PlanStop) -> bool {
    matches!(x.kind, StopKind::Visit | StopKind::Escort)
}
