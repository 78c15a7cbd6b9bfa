//! The one way tournee writes a file: to a temporary file in the same folder, flushed to disk,
//! then renamed over the target. A crash, a full disk or a killed process leaves either the old
//! file or the new one, never half of one; the previous version can be kept as `NAME.bak`.
//!
//! Every crate writes through [`write_atomic`] (graph files, plans, exports), so the rule holds
//! everywhere.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Who may read the written file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Privacy {
    /// Holds data about people (plans, scenarios, exports): created with mode 0600.
    Private,
    /// Holds no personal data (maps, benchmark results): the usual 0644.
    Public,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backup {
    /// Keep the file being replaced as `NAME.bak`.
    Keep,
    None,
}

/// Environment variable read by the crash-safety tests: when it names the file being written,
/// the process aborts after writing the temporary file and before renaming it, exactly as a
/// power cut would.
pub const CRASH_HOOK_ENV: &str = "TOURNEE_TEST_ABORT_BEFORE_RENAME";

/// Environment variable read by the crash-safety tests: when it names the file being written,
/// the process writes half of the temporary file, flushes it, and waits a minute, so that a
/// test can kill it in the middle of the write at a known point.
pub const STALL_HOOK_ENV: &str = "TOURNEE_TEST_STALL_MID_WRITE";

/// Writes `contents` to `path` atomically. On error the previous file, if any, is untouched.
///
/// The temporary file is `.tournee-NAME.XXXXXX.tmp` beside the target: a write killed before
/// its rename leaves one behind, holding the same (private) data, and the next write of the
/// same target removes it.
pub fn write_atomic(
    path: &Path,
    contents: &[u8],
    privacy: Privacy,
    backup: Backup,
) -> std::io::Result<()> {
    let dir = folder_of(path);
    remove_stale(path);
    let tmp = temporary(path, &dir, contents, privacy)?;
    crash_hook(path);
    if backup == Backup::Keep && path.exists() {
        keep_backup(path, &dir, privacy)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_folder(&dir);
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.tournee-plan.json.` for `plan.json`: the start of its temporary files' names.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".tournee-{name}.")
}

/// The contents in a new temporary file beside `path`, on disk.
fn temporary(
    path: &Path,
    dir: &Path,
    contents: &[u8],
    privacy: Privacy,
) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    set_permissions(&mut builder, privacy);
    let mut tmp = builder.tempfile_in(dir)?;
    let half = if hook_names(STALL_HOOK_ENV, path) {
        contents.len() / 2
    } else {
        contents.len()
    };
    tmp.write_all(&contents[..half])?;
    if half < contents.len() {
        tmp.as_file().sync_all()?;
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
    tmp.write_all(&contents[half..])?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// The file being replaced, copied to `NAME.bak` the same atomic way (a crash while copying
/// never leaves half a backup).
fn keep_backup(path: &Path, dir: &Path, privacy: Privacy) -> std::io::Result<()> {
    let old = fs::read(path)?;
    let bak = backup_path(path);
    remove_stale(&bak);
    let tmp = temporary(&bak, dir, &old, privacy)?;
    tmp.persist(&bak).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files an interrupted write of the same target left behind: they hold
/// the same private data as the target, under a name nobody looks at.
pub fn remove_stale(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let random = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"));
        // The random part has no dot: `.tournee-plan.json.bak.X.tmp` is not plan.json's.
        if random.is_some_and(|r| !r.is_empty() && !r.contains('.')) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The rename itself is durable only once the folder is flushed.
fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// `plan.json` → `plan.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Whether the test hook `var` names the file `path`.
fn hook_names(var: &str, path: &Path) -> bool {
    std::env::var_os(var).is_some_and(|target| path.ends_with(Path::new(&target)))
}

fn crash_hook(path: &Path) {
    if hook_names(CRASH_HOOK_ENV, path) {
        std::process::abort();
    }
}

#[cfg(unix)]
fn set_permissions(builder: &mut tempfile::Builder<'_, '_>, privacy: Privacy) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(fs::Permissions::from_mode(match privacy {
        Privacy::Private => 0o600,
        Privacy::Public => 0o644,
    }));
}

#[cfg(not(unix))]
fn set_permissions(_builder: &mut tempfile::Builder<'_, '_>, _privacy: Privacy) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_keeps_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        write_atomic(&path, b"one", Privacy::Private, Backup::Keep).unwrap();
        write_atomic(&path, b"two", Privacy::Private, Backup::Keep).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.json");
        write_atomic(&path, b"{}", Privacy::Private, Backup::None).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn stale_temporary_files_of_the_same_target_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        let stale = dir.path().join(".tournee-plan.json.a1B2c3.tmp");
        let other = dir.path().join(".tournee-plan.json.bak.a1B2c3.tmp");
        let unrelated = dir.path().join(".tournee-people.csv.zz9zz9.tmp");
        for p in [&stale, &other, &unrelated] {
            fs::write(p, b"B01 lives here").unwrap();
        }
        write_atomic(&path, b"new", Privacy::Private, Backup::Keep).unwrap();
        assert!(!stale.exists());
        assert!(other.exists() && unrelated.exists());
        write_atomic(&backup_path(&path), b"x", Privacy::Private, Backup::None).unwrap();
        assert!(!other.exists() && unrelated.exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_backup_is_private_too() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        write_atomic(&path, b"one", Privacy::Private, Backup::Keep).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"two", Privacy::Private, Backup::Keep).unwrap();
        let mode = fs::metadata(backup_path(&path))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
    }

    #[test]
    fn missing_folder_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("plan.json");
        assert!(write_atomic(&path, b"x", Privacy::Private, Backup::Keep).is_err());
        assert!(!path.exists());
    }
}
