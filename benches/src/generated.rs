//! Random instances in the Solomon harness's format, larger than Solomon's 100 customers:
//! Gehring & Homberger's sets are not shipped, so these stand in for them.
//!
//! Two kinds. [`generate`] spreads loose windows over a long day, so that capacity bounds the
//! fleet (`G200`, `G400`). [`generate_shaped`] follows a [`Shape`] like Solomon's R1 and R2
//! classes: windows tight enough, and a day short enough, that they bound the fleet, which
//! is then set to the fewest vehicles found to fit (the hard case for the optimiser).

/// A small xorshift generator, so that the files never change with a library's version.
struct Xorshift(u64);

impl Xorshift {
    fn new(seed: u64) -> Xorshift {
        Xorshift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, (lo, hi): (u64, u64)) -> u64 {
        lo + self.below(hi - lo + 1)
    }
}

fn header(name: &str, customers: usize, vehicles: usize, capacity: u64) -> String {
    format!(
        "NAME : {name}\nTYPE : CVRPTW\nDIMENSION : {}\nVEHICLES : {vehicles}\nCAPACITY : \
         {capacity}\nSERVICE_TIME : 10\nEDGE_WEIGHT_TYPE : EXACT_2D\nNODE_COORD_SECTION\n",
        customers + 1,
    )
}

/// A random instance with loose windows over a long day (capacity bounds the fleet).
pub fn generate(name: &str, customers: usize, vehicles: usize, seed: u64) -> String {
    let mut rng = Xorshift::new(seed);
    let side = (customers as f64).sqrt() * 10.0;
    let horizon = (side * 8.0) as u64;
    let depot = (side / 2.0, side / 2.0);
    let mut text = header(name, customers, vehicles, 200);
    text.push_str(&format!("1 {} {}\n", depot.0 as u64, depot.1 as u64));
    let mut places = Vec::new();
    for k in 0..customers {
        let (x, y) = (rng.below(side as u64), rng.below(side as u64));
        places.push((x, y));
        text.push_str(&format!("{} {x} {y}\n", k + 2));
    }
    text.push_str("DEMAND_SECTION\n1 0\n");
    for k in 0..customers {
        text.push_str(&format!("{} {}\n", k + 2, 1 + rng.below(40)));
    }
    text.push_str(&format!("TIME_WINDOW_SECTION\n1 0 {horizon}\n"));
    for (k, &(x, y)) in places.iter().enumerate() {
        let far = distance((x, y), depot);
        let latest = horizon.saturating_sub(far + 10).max(far + 1);
        let centre = far + rng.below(latest - far);
        let half = 5 + rng.below(30);
        let open = centre.saturating_sub(half).max(far);
        let close = (centre + half).min(latest).max(open);
        text.push_str(&format!("{} {open} {close}\n", k + 2));
    }
    text.push_str("DEPOT_SECTION\n1\n-1\nEOF\n");
    text
}

/// How [`generate_shaped`] draws an instance.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub capacity: u64,
    /// Demands are drawn in `1..=max_demand`.
    pub max_demand: u64,
    /// The square's side is this times the square root of the customers.
    pub side_per_root: f64,
    /// The depot's window (the day) is this times the side.
    pub day_per_side: f64,
    /// Share of customers with a narrow window, and the half-widths of narrow and wide ones.
    pub narrow_share: f64,
    pub narrow: (u64, u64),
    pub wide: (u64, u64),
}

impl Shape {
    /// Like Solomon's R1 with mostly narrow windows: short routes of about 8 customers.
    pub const NARROW: Shape = Shape {
        capacity: 200,
        max_demand: 20,
        side_per_root: 7.0,
        day_per_side: 2.6,
        narrow_share: 0.75,
        narrow: (5, 15),
        wide: (30, 60),
    };
    /// Like R1 with mostly wide windows and a longer day: routes of 12 to 16 customers.
    pub const MIXED: Shape = Shape {
        day_per_side: 3.3,
        narrow_share: 0.25,
        ..Shape::NARROW
    };
    /// Like Solomon's R2: a long day and a large capacity, a few routes of about 50.
    pub const LONG: Shape = Shape {
        capacity: 1000,
        day_per_side: 14.0,
        narrow_share: 0.5,
        narrow: (20, 60),
        wide: (100, 300),
        ..Shape::NARROW
    };
}

/// A random instance drawn as `shape` says: uniform places on a square around the depot,
/// each window centred on a time the vehicle can reach and leave in time to get back.
pub fn generate_shaped(
    name: &str,
    customers: usize,
    vehicles: usize,
    seed: u64,
    shape: &Shape,
) -> String {
    let mut rng = Xorshift::new(seed);
    let side = (shape.side_per_root * (customers as f64).sqrt()) as u64;
    let day = (side as f64 * shape.day_per_side) as u64;
    let depot = ((side / 2) as f64, (side / 2) as f64);
    let mut text = header(name, customers, vehicles, shape.capacity);
    text.push_str(&format!("1 {} {}\n", side / 2, side / 2));
    let places: Vec<(u64, u64)> = (0..customers)
        .map(|_| (rng.between((0, side)), rng.between((0, side))))
        .collect();
    for (k, (x, y)) in places.iter().enumerate() {
        text.push_str(&format!("{} {x} {y}\n", k + 2));
    }
    text.push_str("DEMAND_SECTION\n1 0\n");
    for k in 0..customers {
        let demand = rng.between((1, shape.max_demand));
        text.push_str(&format!("{} {demand}\n", k + 2));
    }
    text.push_str(&format!("TIME_WINDOW_SECTION\n1 0 {day}\n"));
    for (k, &place) in places.iter().enumerate() {
        let far = distance(place, depot);
        let latest = day.saturating_sub(far + 10).max(far);
        let centre = rng.between((far, latest));
        let narrow = rng.below(1_000_000) < (shape.narrow_share * 1e6) as u64;
        let half = rng.between(if narrow { shape.narrow } else { shape.wide });
        let open = centre.saturating_sub(half).max(far);
        let close = (centre + half).min(latest).max(open);
        text.push_str(&format!("{} {open} {close}\n", k + 2));
    }
    text.push_str("DEPOT_SECTION\n1\n-1\nEOF\n");
    text
}

/// Distance from a place to the depot, rounded up (whole time units).
fn distance((x, y): (u64, u64), depot: (f64, f64)) -> u64 {
    ((x as f64 - depot.0).powi(2) + (y as f64 - depot.1).powi(2))
        .sqrt()
        .ceil() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solomon::parse;

    #[test]
    fn shaped_windows_can_be_reached_and_left_in_time() {
        for shape in [Shape::NARROW, Shape::MIXED, Shape::LONG] {
            let text = generate_shaped("S", 150, 40, 3, &shape);
            let instance = parse(&text).unwrap();
            assert_eq!(instance.customers(), 150);
            let problem = instance.to_problem();
            let result = planner::engine::solve_iterations(&problem, 1, 200);
            assert!(result.solution.unassigned.is_empty(), "{shape:?}");
        }
    }
}
