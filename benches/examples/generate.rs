//! Writes random Gehring–Homberger-like instances (200 and 400 customers) in the LKH-3
//! CVRPTW format, for the Solomon harness: `cargo run -p tournee-benches --example generate -- DIR`.

use anyhow::{Context, Result};
use tournee_benches::solomon::generate;

fn main() -> Result<()> {
    let dir = std::env::args().nth(1).context("usage: generate DIR")?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {dir}"))?;
    for (name, customers, vehicles, seed) in [("G200", 200, 40, 200), ("G400", 400, 80, 400)] {
        let path = std::path::Path::new(&dir).join(format!("{name}.{customers}.{vehicles}.vrptw"));
        let text = generate(name, customers, vehicles, seed);
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
