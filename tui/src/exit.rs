//! How the program ends: one plain line per error, exit code 2 for input the user can fix,
//! 1 for anything else, and never a backtrace.

use crate::Lang;
use std::process::ExitCode;

/// An error the user can fix (bad file, bad argument): exit code 2.
///
/// Commands wrap library errors that are input errors in this type; anything else that
/// reaches `main` is reported with exit code 1.
#[derive(Debug)]
pub struct BadInput(pub String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// Wraps a `maps` error, keeping exit code 2 when it is the user's input that is wrong.
pub fn map_error(e: maps::MapError) -> anyhow::Error {
    if e.is_bad_input() {
        BadInput(e.to_string()).into()
    } else {
        anyhow::Error::new(e)
    }
}

pub fn report(e: &anyhow::Error, lang: Lang) -> ExitCode {
    let label = match lang {
        Lang::Fr => "erreur",
        Lang::En => "error",
    };
    if let Some(bad) = e.downcast_ref::<BadInput>() {
        eprintln!("{label}: {bad}");
        return ExitCode::from(2);
    }
    // Causes on the same line: the user gets one line, the whole story.
    let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
    eprintln!("{label}: {}", chain.join(": "));
    ExitCode::from(1)
}

pub fn clap_error(e: clap::Error) -> ExitCode {
    let code = if e.use_stderr() { 2 } else { 0 };
    let _ = e.print();
    ExitCode::from(code)
}

/// A panic is a bug: say so in one line instead of printing a backtrace that may hold data.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "erreur interne / internal error{place}: please report it to the developers (exit 101)"
        );
    }));
}
