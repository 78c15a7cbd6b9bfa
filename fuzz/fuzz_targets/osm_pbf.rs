//! Any bytes as an `.osm.pbf` file given to `tournee map import`: an error that names the
//! problem, never a panic, a hang or an allocation the size of the machine.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = maps::import::import_bytes(data, "fuzz.osm.pbf", &Default::default());
});
