//! Any bytes as an `.osm` (XML) file given to `tournee map import`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = maps::import::import_bytes(data, "fuzz.osm", &Default::default());
});
