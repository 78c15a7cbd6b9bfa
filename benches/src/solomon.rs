//! Solomon VRPTW instances in LKH-3's "CVRPTW" text format, their conversion to the engine's
//! model, and an independent feasibility check in exact double precision.

use planner::engine::{Job, Matrix, Objective, Problem, TimeWindow, Vehicle};
use planner::units::{Cost, Distance, Duration, Load};
use std::collections::BTreeMap;

/// Engine units per distance unit. Travel times are rounded up, so every route the engine
/// finds feasible is feasible with exact distances.
pub const SCALE: f64 = 1e6;

#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub name: String,
    /// Fleet limit (number of routes).
    pub vehicles: usize,
    pub capacity: i64,
    /// Node 0 is the depot; customer `k` is node `k`.
    pub coords: Vec<(f64, f64)>,
    pub demand: Vec<i64>,
    pub ready: Vec<f64>,
    pub due: Vec<f64>,
    pub service: Vec<f64>,
}

#[derive(Debug, thiserror::Error)]
#[error("line {line}: {detail}")]
pub struct ParseError {
    pub line: usize,
    pub detail: String,
}

fn err(line: usize, detail: impl Into<String>) -> ParseError {
    ParseError {
        line,
        detail: detail.into(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Header,
    Coords,
    Demand,
    Windows,
    Service,
    Depot,
}

/// Parses the text of an instance file.
pub fn parse(text: &str) -> Result<Instance, ParseError> {
    let mut header: BTreeMap<String, String> = BTreeMap::new();
    let mut rows: BTreeMap<&'static str, Vec<(usize, Vec<f64>)>> = BTreeMap::new();
    let mut section = Section::Header;
    let mut depot_line = 0;
    for (k, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let n = k + 1;
        if line.is_empty() {
            continue;
        }
        let upper = line.to_ascii_uppercase();
        let next = match upper.split_whitespace().next().unwrap_or("") {
            "NODE_COORD_SECTION" => Some(Section::Coords),
            "DEMAND_SECTION" => Some(Section::Demand),
            "TIME_WINDOW_SECTION" => Some(Section::Windows),
            "SERVICE_TIME_SECTION" => Some(Section::Service),
            "DEPOT_SECTION" => Some(Section::Depot),
            "EOF" => break,
            _ => None,
        };
        if let Some(s) = next {
            section = s;
            depot_line = n;
            continue;
        }
        let name = match section {
            Section::Header => {
                let (key, value) = line
                    .split_once(':')
                    .ok_or_else(|| err(n, format!("expected KEY : VALUE, found {line:?}")))?;
                header.insert(key.trim().to_ascii_uppercase(), value.trim().to_string());
                continue;
            }
            Section::Coords => "coords",
            Section::Demand => "demand",
            Section::Windows => "windows",
            Section::Service => "service",
            Section::Depot => "depot",
        };
        let numbers: Result<Vec<f64>, _> = line.split_whitespace().map(str::parse::<f64>).collect();
        let numbers = numbers.map_err(|_| err(n, format!("expected numbers, found {line:?}")))?;
        rows.entry(name).or_default().push((n, numbers));
    }
    build(&header, &rows, depot_line)
}

fn header_number(header: &BTreeMap<String, String>, key: &str) -> Result<f64, ParseError> {
    let value = header
        .get(key)
        .ok_or_else(|| err(0, format!("missing {key} in the header")))?;
    value
        .parse::<f64>()
        .map_err(|_| err(0, format!("{key} is not a number: {value:?}")))
}

/// Values of a node section, indexed by node (1-based in the file), `width` numbers per node.
fn column(
    rows: &BTreeMap<&'static str, Vec<(usize, Vec<f64>)>>,
    name: &'static str,
    dimension: usize,
    width: usize,
) -> Result<Option<Vec<Vec<f64>>>, ParseError> {
    let Some(lines) = rows.get(name) else {
        return Ok(None);
    };
    let mut out = vec![Vec::new(); dimension];
    for (line, values) in lines {
        if values.len() != width + 1 {
            return Err(err(
                *line,
                format!("expected a node number and {width} values"),
            ));
        }
        let node = values[0] as usize;
        if node < 1 || node > dimension || values[0].fract() != 0.0 {
            return Err(err(
                *line,
                format!("node {} outside 1..={dimension}", values[0]),
            ));
        }
        out[node - 1] = values[1..].to_vec();
    }
    if let Some(missing) = out.iter().position(Vec::is_empty) {
        return Err(err(
            0,
            format!("section {name}: node {} missing", missing + 1),
        ));
    }
    Ok(Some(out))
}

fn build(
    header: &BTreeMap<String, String>,
    rows: &BTreeMap<&'static str, Vec<(usize, Vec<f64>)>>,
    depot_line: usize,
) -> Result<Instance, ParseError> {
    let dimension = header_number(header, "DIMENSION")? as usize;
    if let Some(kind) = header.get("EDGE_WEIGHT_TYPE")
        && kind != "EXACT_2D"
        && kind != "EUC_2D"
    {
        return Err(err(
            0,
            format!("EDGE_WEIGHT_TYPE {kind} not supported (EXACT_2D)"),
        ));
    }
    let coords = column(rows, "coords", dimension, 2)?
        .ok_or_else(|| err(0, "missing NODE_COORD_SECTION"))?;
    let demand =
        column(rows, "demand", dimension, 1)?.ok_or_else(|| err(0, "missing DEMAND_SECTION"))?;
    let windows = column(rows, "windows", dimension, 2)?
        .ok_or_else(|| err(0, "missing TIME_WINDOW_SECTION"))?;
    let service = match column(rows, "service", dimension, 1)? {
        Some(s) => s.into_iter().map(|v| v[0]).collect(),
        None => {
            let global = header_number(header, "SERVICE_TIME").unwrap_or(0.0);
            (0..dimension)
                .map(|k| if k == 0 { 0.0 } else { global })
                .collect()
        }
    };
    let depot = rows.get("depot").and_then(|d| d.first()).map(|(_, v)| v[0]);
    if depot.is_some_and(|d| d != 1.0) {
        return Err(err(depot_line, "only node 1 as the depot is supported"));
    }
    Ok(Instance {
        name: header.get("NAME").cloned().unwrap_or_default(),
        vehicles: header_number(header, "VEHICLES")? as usize,
        capacity: header_number(header, "CAPACITY")? as i64,
        coords: coords.iter().map(|c| (c[0], c[1])).collect(),
        demand: demand.iter().map(|d| d[0] as i64).collect(),
        ready: windows.iter().map(|w| w[0]).collect(),
        due: windows.iter().map(|w| w[1]).collect(),
        service,
    })
}

impl Instance {
    pub fn customers(&self) -> usize {
        self.coords.len() - 1
    }

    pub fn distance(&self, a: usize, b: usize) -> f64 {
        let (p, q) = (self.coords[a], self.coords[b]);
        ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()
    }

    /// The engine problem: one vehicle per allowed route, job `k - 1` for customer `k`.
    pub fn to_problem(&self) -> Problem {
        let n = self.coords.len();
        let scaled = |x: f64| (x * SCALE).round() as i64;
        let mut durations = Vec::with_capacity(n * n);
        let mut distances = Vec::with_capacity(n * n);
        for a in 0..n {
            for b in 0..n {
                let d = self.distance(a, b) * SCALE;
                durations.push(Duration(d.ceil() as i64));
                distances.push(Distance(d.round() as i64));
            }
        }
        let window = |k: usize| {
            TimeWindow::new(
                Duration(scaled(self.ready[k])),
                Duration(scaled(self.due[k])),
            )
        };
        let jobs = (1..n)
            .map(|k| {
                let service = Duration(scaled(self.service[k]));
                Job::single(
                    format!("c{k}"),
                    k,
                    service,
                    vec![window(k)],
                    Load(self.demand[k]),
                )
            })
            .collect();
        let vehicle = Vehicle {
            label: "v".into(),
            start: 0,
            end: 0,
            shift: window(0),
            max_duration: None,
            capacity: Load(self.capacity),
            fixed_cost: Cost(0),
            lunch: None,
            day: 0,
        };
        Problem {
            matrix: Matrix::new(n, durations, distances),
            jobs,
            vehicles: vec![vehicle; self.vehicles],
            groups: Vec::new(),
            relations: Vec::new(),
            objective: Objective::default(),
        }
    }

    /// Checks routes of customers (1-based) with exact distances; returns the total distance
    /// or every violation found.
    pub fn check(&self, routes: &[Vec<usize>]) -> Result<f64, Vec<String>> {
        let mut problems = Vec::new();
        let used = routes.iter().filter(|r| !r.is_empty()).count();
        if used > self.vehicles {
            problems.push(format!("{used} routes, limit {}", self.vehicles));
        }
        let mut seen = vec![0usize; self.coords.len()];
        let mut total = 0.0;
        for (k, route) in routes.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
            let (mut t, mut load, mut here) = (self.ready[0], 0i64, 0usize);
            for &c in route {
                if c == 0 || c >= self.coords.len() {
                    problems.push(format!("route {k}: no customer {c}"));
                    continue;
                }
                seen[c] += 1;
                total += self.distance(here, c);
                t = (t + self.distance(here, c)).max(self.ready[c]);
                if t > self.due[c] + 1e-9 {
                    problems.push(format!(
                        "route {k}: customer {c} served at {t:.4} > {}",
                        self.due[c]
                    ));
                }
                t += self.service[c];
                load += self.demand[c];
                here = c;
            }
            total += self.distance(here, 0);
            t += self.distance(here, 0);
            if t > self.due[0] + 1e-9 {
                problems.push(format!("route {k}: back at {t:.4} > {}", self.due[0]));
            }
            if load > self.capacity {
                problems.push(format!("route {k}: load {load} > {}", self.capacity));
            }
        }
        for (c, &count) in seen.iter().enumerate().skip(1) {
            if count != 1 {
                problems.push(format!("customer {c} served {count} times"));
            }
        }
        if problems.is_empty() {
            Ok(total)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "NAME : T1\nTYPE : CVRPTW\nDIMENSION : 3\nVEHICLES : 2\nCAPACITY : 10\n\
        SERVICE_TIME : 5\nEDGE_WEIGHT_TYPE : EXACT_2D\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\n\
        DEMAND_SECTION\n1 0\n2 4\n3 7\nTIME_WINDOW_SECTION\n1 0 100\n2 0 10\n3 0 50\n\
        DEPOT_SECTION\n1\n-1\nEOF\n";

    #[test]
    fn parses_the_lkh_format() {
        let i = parse(TINY).unwrap();
        assert_eq!(i.name, "T1");
        assert_eq!((i.vehicles, i.capacity, i.customers()), (2, 10, 2));
        assert_eq!(i.service, vec![0.0, 5.0, 5.0]);
        assert_eq!(i.due, vec![100.0, 10.0, 50.0]);
        assert_eq!(i.distance(0, 2), 10.0);
    }

    #[test]
    fn checks_with_exact_distances() {
        let i = parse(TINY).unwrap();
        assert_eq!(i.check(&[vec![1], vec![2]]).unwrap(), 10.0 + 20.0);
        let over = i.check(&[vec![1, 2]]).unwrap_err();
        assert!(over.iter().any(|p| p.contains("load 11")), "{over:?}");
        let missing = i.check(&[vec![1]]).unwrap_err();
        assert!(
            missing.iter().any(|p| p.contains("customer 2 served 0")),
            "{missing:?}"
        );
    }

    #[test]
    fn larger_instances_parse_and_solve() {
        for (customers, vehicles) in [(200, 40), (400, 80)] {
            let text = crate::generated::generate("G", customers, vehicles, 7);
            let instance = parse(&text).unwrap();
            assert_eq!(instance.customers(), customers);
            let problem = instance.to_problem();
            let result = planner::engine::solve_iterations(&problem, 1, 30);
            let routes: Vec<Vec<usize>> = result
                .solution
                .routes
                .iter()
                .map(|r| {
                    r.items
                        .iter()
                        .filter_map(|i| match i {
                            planner::engine::RouteItem::Job(j) => Some(j + 1),
                            planner::engine::RouteItem::Lunch => None,
                        })
                        .collect::<Vec<usize>>()
                })
                .filter(|r| !r.is_empty())
                .collect();
            let distance = instance.check(&routes).unwrap();
            assert!(distance > 0.0);
        }
    }

    /// The shipped Gehring & Homberger files parse, each once, with the size and fleet its
    /// name gives and the fleet `best_known.csv` gives (they were copied by hand).
    #[test]
    fn shipped_homberger_files_agree_with_their_names() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/benchmarks/homberger");
        let csv = std::fs::read_to_string(dir.join("best_known.csv")).unwrap();
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".vrptw"))
            .collect();
        files.sort();
        assert_eq!(files.len(), csv.lines().count() - 1);
        for line in csv.lines().skip(1) {
            let row: Vec<&str> = line.split(',').collect();
            let (name, fleet) = (row[0], row[1].parse::<usize>().unwrap());
            let prefix = format!("{name}.");
            let file = files.iter().find(|f| f.starts_with(&prefix)).unwrap();
            let parts: Vec<&str> = file.split('.').collect();
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let instance = parse(&text).unwrap();
            assert_eq!(instance.name, name);
            assert_eq!(instance.customers().to_string(), parts[1], "{file}");
            assert_eq!(instance.vehicles.to_string(), parts[2], "{file}");
            assert_eq!(instance.vehicles, fleet, "{file}");
        }
    }

    #[test]
    fn reports_bad_lines() {
        let bad = TINY.replace("2 3 4", "2 3 x");
        let e = parse(&bad).unwrap_err();
        assert_eq!(e.line, 10);
    }
}
