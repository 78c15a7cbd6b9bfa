//! Points files: `id,lat,lon`, one point per line, the id a pseudonym (never a name: ids end
//! up in error messages and outputs).

use crate::error::MapError;
use crate::units::LatLon;
use std::collections::HashMap;
use std::path::Path;

/// A point to route from or to.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub id: String,
    pub at: LatLon,
}

const HEADER: [&str; 3] = ["id", "lat", "lon"];

/// Reads a points file; `path` names it in errors, which give the line and the field.
pub fn read_points(path: &Path) -> Result<Vec<Point>, MapError> {
    let text = std::fs::read(path).map_err(|source| MapError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_points(&text, path)
}

/// Parses the text of a points file.
pub fn parse_points(text: &[u8], path: &Path) -> Result<Vec<Point>, MapError> {
    let bad = |line: u64, detail: String| MapError::BadPointsFile {
        path: path.to_path_buf(),
        line: line as usize,
        detail,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text);
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(bad(
                1,
                "the file is empty; expected the header id,lat,lon".into(),
            ));
        }
        Some(r) => r.map_err(|e| bad(1, e.to_string()))?,
    };
    if header.iter().map(str::to_lowercase).ne(HEADER) {
        let found = header.iter().collect::<Vec<_>>().join(",");
        return Err(bad(1, format!("header is {found:?}; expected id,lat,lon")));
    }
    let mut points = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(line, format!("cannot be read: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record[0].is_empty() {
            continue;
        }
        if record.len() != 3 {
            return Err(bad(
                line,
                format!("has {} fields; expected 3: id,lat,lon", record.len()),
            ));
        }
        let id = record[0].to_string();
        if id.is_empty() {
            return Err(bad(
                line,
                "field id is empty; give each point a pseudonym".into(),
            ));
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            return Err(bad(
                line,
                format!("id {id:?} is already used on line {first}"),
            ));
        }
        let lat = coordinate(&record[1], "lat", 90.0).map_err(|d| bad(line, d))?;
        let lon = coordinate(&record[2], "lon", 180.0).map_err(|d| bad(line, d))?;
        points.push(Point {
            id,
            at: LatLon::new(lat, lon),
        });
    }
    Ok(points)
}

fn coordinate(text: &str, field: &str, limit: f64) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(v),
        Ok(_) => Err(format!(
            "field {field}: {text} is out of range (-{limit} to {limit})"
        )),
        Err(_) => Err(format!(
            "field {field}: {text:?} is not a number; write decimal degrees with a dot, e.g. 45.2186"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Point>, MapError> {
        parse_points(text.as_bytes(), Path::new("points.csv"))
    }

    #[test]
    fn reads_points() {
        let p = parse("id,lat,lon\np1, 45.2 ,2.33\n\n\"p,2\",45.3,2.4\n").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].id, "p,2");
        assert_eq!(p[0].at, LatLon::new(45.2, 2.33));
    }

    #[test]
    fn errors_name_line_and_field() {
        let err = |t: &str| parse(t).unwrap_err().to_string();
        assert!(err("").contains("points.csv:1: [M012]"));
        assert!(err("name,x,y\n").contains("expected id,lat,lon"));
        let e = err("id,lat,lon\np1,45.2,2.3\np2,north,2.3\n");
        assert!(
            e.contains("points.csv:3:") && e.contains("field lat"),
            "{e}"
        );
        assert!(err("id,lat,lon\np1,45.2\n").contains("points.csv:2: [M012] has 2 fields"));
        assert!(err("id,lat,lon\np1,45.2,200\n").contains("field lon"));
        assert!(err("id,lat,lon\np1,45,2\np1,45,2\n").contains("already used on line 2"));
        assert!(err("id,lat,lon\n,45,2\n").contains("field id is empty"));
    }
}
