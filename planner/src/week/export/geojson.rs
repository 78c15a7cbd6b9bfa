//! `plan.geojson`: each day's route as a LineString along the roads, each stop as a Point.
//! Without `--precise`, every coordinate is rounded to about 500 m (routes too, so a line does
//! not end at someone's door); without `--with-addresses`, no pseudonym names, only codes.

use super::{Disclosure, blur, is_personal, stop_point};
use crate::week::model::Scenario;
use crate::week::plan::{Plan, StopKind};
use crate::week::text::hhmm;
use maps::LatLon;
use serde_json::{Value, json};

/// The road between two points, as drawn on a map (`None`: a straight line is drawn).
pub type PathSource<'a> = dyn Fn(LatLon, LatLon) -> Option<Vec<LatLon>> + 'a;

pub fn render(plan: &Plan, s: &Scenario, d: Disclosure, path: &PathSource<'_>) -> String {
    let mut features = Vec::new();
    for day in &plan.days {
        let points: Vec<LatLon> = day.stops.iter().filter_map(|x| stop_point(s, x)).collect();
        let mut line: Vec<LatLon> = Vec::new();
        for pair in points.windows(2) {
            if pair[0] == pair[1] {
                continue;
            }
            let seg = path(pair[0], pair[1]).unwrap_or_else(|| vec![pair[0], pair[1]]);
            line.extend(seg);
        }
        let line: Vec<LatLon> = if d.precise {
            line
        } else {
            line.into_iter().map(blur).collect()
        };
        let mut coords: Vec<[f64; 2]> = line.iter().map(|p| [p.lon, p.lat]).collect();
        coords.dedup();
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": {"kind": "route", "date": day.date.to_string(), "crew": day.crew.join("+")},
        }));
        for x in day
            .stops
            .iter()
            .filter(|x| !matches!(x.kind, StopKind::Drive | StopKind::Lunch))
        {
            features.push(point_feature(s, d, day.date.to_string(), x));
        }
    }
    let fc = json!({"type": "FeatureCollection", "features": features});
    let mut out = serde_json::to_string_pretty(&fc).unwrap_or_default();
    out.push('\n');
    out
}

fn point_feature(
    s: &Scenario,
    d: Disclosure,
    date: String,
    x: &crate::week::plan::PlanStop,
) -> Value {
    let p = stop_point(s, x).unwrap_or_default();
    let p = if is_personal(x) && !d.precise {
        blur(p)
    } else {
        p
    };
    let mut props = json!({
        "kind": serde_json::to_value(x.kind).unwrap_or(Value::Null),
        "date": date,
        "start": hhmm(x.start),
        "end": hhmm(x.end),
        "commune": x.commune.clone().unwrap_or_default(),
    });
    if let Some(id) = &x.id {
        props["id"] = json!(id);
    }
    if d.with_addresses
        && let Some(person) = x.id.as_deref().and_then(|id| s.person(id))
    {
        props["pseudonym"] = json!(person.pseudonym);
        props["address"] = json!(person.address.clone().unwrap_or_default());
    }
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]}, "properties": props})
}
