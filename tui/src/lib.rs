//! The terminal UI of `tournee` (`tournee tui`): the app state, its views, and the loop that
//! drives it from any ratatui backend. `src/main.rs` wires it to the real terminal; tests and
//! benchmarks drive it with `TestBackend`.

pub mod app;
