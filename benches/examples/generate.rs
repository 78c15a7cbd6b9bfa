//! Writes the random larger instances (200 and 400 customers) in the LKH-3 CVRPTW format, for
//! the Solomon harness: `cargo run -p tournee-benches --example generate -- DIR`.
//! `G*` have loose windows (capacity bounds the fleet); `N*`, `M*` and `L*` are shaped like
//! Solomon's R1 (narrow or mixed windows) and R2 (long routes), their fleets the fewest
//! vehicles found to fit (benches/README.md says how).

use anyhow::{Context, Result};
use tournee_benches::generated::{Shape, generate, generate_shaped};

fn main() -> Result<()> {
    let dir = std::env::args().nth(1).context("usage: generate DIR")?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {dir}"))?;
    let mut files = Vec::new();
    for (name, customers, vehicles, seed) in [("G200", 200, 40, 200), ("G400", 400, 80, 400)] {
        files.push((
            name,
            customers,
            vehicles,
            generate(name, customers, vehicles, seed),
        ));
    }
    for (name, customers, vehicles, seed, shape) in [
        ("N200", 200, 24, 201, Shape::NARROW),
        ("M200", 200, 16, 202, Shape::MIXED),
        ("L200", 200, 4, 203, Shape::LONG),
        ("N400", 400, 38, 401, Shape::NARROW),
        ("M400", 400, 24, 402, Shape::MIXED),
    ] {
        let text = generate_shaped(name, customers, vehicles, seed, &shape);
        files.push((name, customers, vehicles, text));
    }
    for (name, customers, vehicles, text) in files {
        let path = std::path::Path::new(&dir).join(format!("{name}.{customers}.{vehicles}.vrptw"));
        maps::atomic::write_atomic(
            &path,
            text.as_bytes(),
            maps::atomic::Privacy::Public,
            maps::atomic::Backup::None,
        )
        .with_context(|| format!("cannot write {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}
