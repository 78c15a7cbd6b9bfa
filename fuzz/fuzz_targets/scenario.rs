//! Any text as a scenario file: validation collects problems, it never panics or hangs; a
//! scenario it accepts is checked against a horizon and turned into the week's instance.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planner::week::build::Instance;
use planner::week::{Horizon, MapBounds, check_horizon, validate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match validate(text, "fuzz.toml", MapBounds::cantal()) {
        Err(diags) => {
            let _ = diags.render(planner::week::Lang::En);
        }
        Ok(scenario) => {
            let Some(monday) = chrono::NaiveDate::from_isoywd_opt(2026, 49, chrono::Weekday::Mon)
            else {
                return;
            };
            let horizon = Horizon::new(monday, 2);
            if check_horizon(&scenario, &horizon).is_empty() {
                let inst = Instance::new(&scenario, horizon);
                let _ = inst.points();
            }
        }
    }
});
