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
        // One line per problem, each with the label, so each can be read (or grepped) alone.
        for line in bad.0.lines().filter(|l| !l.trim().is_empty()) {
            eprintln!("{label}: {line}");
        }
        return ExitCode::from(2);
    }
    // Causes on the same line: the user gets one line, the whole story.
    let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
    eprintln!("{label}: {}", chain.join(": "));
    ExitCode::from(1)
}

/// A bad option or argument (code A001–A009): `--option value: cause — fix`.
pub fn bad_arg(
    code: &str,
    option: &str,
    cause: impl std::fmt::Display,
    fix: &str,
) -> anyhow::Error {
    BadInput(format!("[{code}] {option}: {cause} — fix: {fix}")).into()
}

/// clap's own errors (unknown option, missing value, not a number…) in one line with code
/// A000, instead of clap's several lines of usage; `--help` and `--version` print as usual.
pub fn clap_error(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.render().to_string();
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    eprintln!(
        "erreur / error: [A000] {first} — fix: see `tournee --help` or `tournee COMMAND --help`"
    );
    ExitCode::from(2)
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

/// A file that could not be written: what happened in plain words, and that the previous
/// version is kept (every write is atomic: the old file stays until the new one is complete).
pub fn write_error(path: &std::path::Path, e: &std::io::Error) -> anyhow::Error {
    use std::io::ErrorKind as K;
    let why = match e.kind() {
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => {
            "the disk is full (or the file is over a size limit)".to_string()
        }
        K::PermissionDenied => "permission denied".to_string(),
        K::ReadOnlyFilesystem => "read-only file system".to_string(),
        _ => e.to_string(),
    };
    anyhow::anyhow!(
        "[W001] cannot write {}: {why} — the previous version, if any, is kept unchanged; free some space or choose a folder you may write to",
        path.display()
    )
}

/// Past a file-size limit (`ulimit -f`, a quota) the kernel kills a writing process with
/// SIGXFSZ, before it can say anything and in the middle of its work. With the signal caught,
/// the write fails with EFBIG instead, and the user gets [`write_error`]'s line; the atomic
/// write has left the previous file as it was.
pub fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, seen);
    }
}
