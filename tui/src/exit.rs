//! How the program ends: one plain line per error, exit code 2 for input the user can fix,
//! 1 for anything else, and never a backtrace.

use crate::Lang;
use crate::commands::plan::lang_of;
use planner::tr;
use planner::week::text::Text;
use std::process::ExitCode;

/// An error the user can fix (bad file, bad argument): exit code 2.
///
/// Commands wrap library errors that are input errors in this type; anything else that
/// reaches `main` is reported with exit code 1. The message is kept in both languages and
/// the one asked for is chosen where it is printed.
#[derive(Debug)]
pub struct BadInput(pub Text);

impl BadInput {
    /// A message already in the user's language (rendered with `--lang`), or a library's
    /// message that exists in English only.
    pub fn said(message: impl Into<String>) -> BadInput {
        let message = message.into();
        BadInput(Text::new(message.clone(), message))
    }

    /// `what: cause; fix` in both languages.
    pub fn with_fix(what: &str, cause: Text, fix: Text) -> BadInput {
        BadInput(Text::new(
            format!("{what}: {} — correction : {}", cause.fr, fix.fr),
            format!("{what}: {} — fix: {}", cause.en, fix.en),
        ))
    }
}

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for BadInput {}

/// A failure that is not the input's fault (a full disk, a folder one may not write to):
/// exit code 1, the message in both languages.
#[derive(Debug)]
pub struct Failure(pub Text);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for Failure {}

/// Wraps a `maps` error, keeping exit code 2 when it is the user's input that is wrong.
pub fn map_error(e: maps::MapError) -> anyhow::Error {
    if e.is_bad_input() {
        BadInput(planner::week::map_text::text(&e)).into()
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
        for line in bad
            .0
            .get(lang_of(lang))
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            eprintln!("{label}: {line}");
        }
        return ExitCode::from(2);
    }
    if let Some(failure) = e.downcast_ref::<Failure>() {
        eprintln!("{label}: {}", failure.0.get(lang_of(lang)));
        return ExitCode::from(1);
    }
    // Causes on the same line: the user gets one line, the whole story.
    let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
    eprintln!("{label}: {}", chain.join(": "));
    ExitCode::from(1)
}

/// A bad option or argument (code A001–A011): `[code] --option: cause — fix`, in French and
/// in English.
pub fn bad_arg(code: &str, option: &str, cause: Text, fix: Text) -> anyhow::Error {
    BadInput::with_fix(&format!("[{code}] {option}"), cause, fix).into()
}

/// A file that cannot be read or is not text (A005).
pub fn unreadable(path: &std::path::Path, e: &std::io::Error) -> anyhow::Error {
    bad_arg(
        "A005",
        &path.display().to_string(),
        Text::new(
            format!(
                "impossible de lire le fichier ({})",
                planner::week::text::io_error_fr(e)
            ),
            format!("cannot read the file ({e})"),
        ),
        tr!(
            "vérifiez le chemin et les droits du fichier",
            "check the path and the file's permissions"
        ),
    )
}

/// clap's own errors (unknown option, missing value, not a number…) in one line with code
/// A000, instead of clap's several lines of usage; `--help` and `--version` print as usual.
pub fn clap_error(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let problem = clap_problem(&e.render().to_string());
    eprintln!(
        "erreur / error: [A000] {problem} — fix: see `tournee --help` or `tournee COMMAND --help`"
    );
    ExitCode::from(2)
}

/// The problem in clap's message, on one line. The indented lines right after its first line
/// say what it is about (the missing options, the possible values), and a tip names the
/// option probably meant: they are kept.
fn clap_problem(text: &str) -> String {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next().unwrap_or("invalid arguments");
    let mut problem = first.strip_prefix("error: ").unwrap_or(first).to_string();
    let rest: Vec<&str> = lines.collect();
    let named: Vec<&str> = rest
        .iter()
        .take_while(|l| l.starts_with(' ') && !l.trim().is_empty())
        .map(|l| l.trim())
        .collect();
    if !named.is_empty() {
        problem = format!("{problem} {}", named.join(", "));
    }
    if let Some(tip) = rest.iter().find_map(|l| l.trim().strip_prefix("tip: ")) {
        problem = format!("{problem} ({tip})");
    }
    problem
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
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => tr!(
            "le disque est plein (ou le fichier dépasse une taille limite)",
            "the disk is full (or the file is over a size limit)"
        ),
        K::PermissionDenied => tr!("permission refusée", "permission denied"),
        K::ReadOnlyFilesystem => tr!(
            "système de fichiers en lecture seule",
            "read-only file system"
        ),
        _ => tr!("{e}", "{e}"),
    };
    let p = path.display();
    Failure(Text::new(
        format!(
            "[W001] impossible d'écrire {p} : {} — la version précédente, s'il y en a une, est gardée telle quelle ; libérez de la place ou choisissez un dossier où vous pouvez écrire",
            why.fr
        ),
        format!(
            "[W001] cannot write {p}: {} — the previous version, if any, is kept unchanged; free some space or choose a folder you may write to",
            why.en
        ),
    ))
    .into()
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

#[cfg(test)]
mod tests {
    use super::clap_problem;

    #[test]
    fn clap_problems_keep_what_they_name() {
        let missing = "error: the following required arguments were not provided:\n  --map <MAP>\n  --points <POINTS>\n\nUsage: tournee map matrix --map <MAP>\n";
        assert_eq!(
            clap_problem(missing),
            "the following required arguments were not provided: --map <MAP>, --points <POINTS>"
        );
        let unknown = "error: unexpected argument '--wek' found\n\n  tip: a similar argument exists: '--week'\n";
        assert_eq!(
            clap_problem(unknown),
            "unexpected argument '--wek' found (a similar argument exists: '--week')"
        );
        let value = "error: invalid value 'de' for '--lang <LANG>'\n  [possible values: fr, en]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            clap_problem(value),
            "invalid value 'de' for '--lang <LANG>' [possible values: fr, en]"
        );
    }
}
