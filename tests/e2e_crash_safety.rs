//! End-to-end: a save that dies half-way never costs the previous plan. The process is aborted
//! between writing and renaming (`TOURNEE_TEST_ABORT_BEFORE_RENAME`), killed with SIGKILL in
//! the middle of writing a large file (`TOURNEE_TEST_STALL_MID_WRITE` holds it there), runs
//! into a full disk (a file-size limit set with `prlimit`, so the write fails with EFBIG) and
//! into a folder it may not write to (run as `nobody` with `setpriv` when the tests run as root,
//! since root ignores permission bits). Each time the previous file is byte for byte the same;
//! the refused writes say so in one line; the temporary file a killed write leaves (it holds
//! people's data) is removed by the next write of the same file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const TOURNEE: &str = env!("CARGO_BIN_EXE_tournee");

fn plan_into(dir: &Path, seed: &str) -> Command {
    let mut c = Command::new(TOURNEE);
    c.args(["plan", "--week", "2026-W49", "--seed", seed, "--out"])
        .arg(dir);
    c
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Temporary files of a target left in a folder.
fn leftovers(dir: &Path, target: &str) -> Vec<PathBuf> {
    let prefix = format!(".tournee-{target}.");
    std::fs::read_dir(dir)
        .expect("listing")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap_or_default().to_string_lossy();
            n.starts_with(&prefix) && n.ends_with(".tmp")
        })
        .collect()
}

#[test]
fn a_save_aborted_before_its_rename_keeps_the_previous_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.json");
    ok(plan_into(dir.path(), "1").output().expect("plan"));
    let first = std::fs::read(&path).expect("plan");
    let o = plan_into(dir.path(), "1")
        .args(["--weeks", "2"])
        .env("TOURNEE_TEST_ABORT_BEFORE_RENAME", "plan.json")
        .output()
        .expect("plan");
    assert!(!o.status.success(), "the hook aborts");
    assert_eq!(
        std::fs::read(&path).expect("plan"),
        first,
        "previous plan intact"
    );
    let left = leftovers(dir.path(), "plan.json");
    assert_eq!(left.len(), 1, "the aborted write's temporary file");
    let text = std::fs::read_to_string(&left[0]).expect("tmp");
    assert!(text.contains("2026-W50"), "it holds the new plan");
    // The next save of plan.json removes it, and keeps the previous plan as .bak.
    ok(plan_into(dir.path(), "1")
        .args(["--weeks", "2"])
        .output()
        .expect("plan"));
    assert!(leftovers(dir.path(), "plan.json").is_empty());
    assert_eq!(
        std::fs::read(dir.path().join("plan.json.bak")).expect("bak"),
        first
    );
    assert!(
        std::fs::read_to_string(&path)
            .expect("plan")
            .contains("2026-W50")
    );
}

#[test]
fn a_process_killed_while_writing_a_large_file_leaves_the_old_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.toml");
    let generate = |seed: &str| {
        let mut c = Command::new(TOURNEE);
        c.args([
            "scenario",
            "generate",
            "--people",
            "3000",
            "--workers",
            "20",
        ])
        .args(["--seed", seed, "-o"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        c
    };
    ok(generate("1").output().expect("generate"));
    let first = std::fs::read(&path).expect("big");
    assert!(first.len() > 500_000, "{} bytes", first.len());
    let mut child = generate("2")
        .env("TOURNEE_TEST_STALL_MID_WRITE", "big.toml")
        .spawn()
        .expect("generate");
    // Half the new file is on disk when the hook holds the writer.
    let end = Instant::now() + Duration::from_secs(30);
    let tmp = loop {
        let found = leftovers(dir.path(), "big.toml");
        let size = found
            .first()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()));
        if size.is_some_and(|s| s as usize >= first.len() / 3) {
            break found[0].clone();
        }
        assert!(Instant::now() < end, "no half-written file");
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    assert!(!status.success());
    assert_eq!(std::fs::read(&path).expect("big"), first, "old file intact");
    assert!(
        tmp.exists(),
        "a killed process cannot clean up after itself"
    );
    ok(generate("3").output().expect("generate"));
    assert!(
        !tmp.exists(),
        "the next write removed the torn temporary file"
    );
}

#[test]
fn a_full_disk_gives_one_line_and_keeps_the_previous_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.json");
    ok(plan_into(dir.path(), "1").output().expect("plan"));
    let first = std::fs::read(&path).expect("plan");
    // Files may not grow past 4 KiB: the kernel answers EFBIG (and SIGXFSZ, which tournee
    // catches so that it can say what happened).
    let mut c = Command::new("prlimit");
    c.args(["--fsize=4096:4096", "--", TOURNEE])
        .args([
            "plan", "--week", "2026-W49", "--seed", "2", "--weeks", "2", "--out",
        ])
        .arg(dir.path());
    let o = c
        .output()
        .expect("prlimit (util-linux) is needed for this test");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("[W001]") && err.contains("disque est plein"),
        "{err}"
    );
    assert!(
        err.contains("version précédente") && err.contains("plan.json"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).expect("plan"), first);
    assert!(
        leftovers(dir.path(), "plan.json").is_empty(),
        "failed write cleaned up"
    );
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_gives_one_line_and_keeps_the_plan() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("plans");
    std::fs::create_dir(&dir).expect("dir");
    ok(plan_into(&dir, "1").output().expect("plan"));
    let path = dir.join("plan.json");
    let first = std::fs::read(&path).expect("plan");
    let mut c = if running_as_root() {
        // Root writes anywhere: run as nobody, who may enter the folder but not write in it.
        for p in [root.path(), dir.as_path()] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", TOURNEE]);
        c
    } else {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        Command::new(TOURNEE)
    };
    c.args(["plan", "--week", "2026-W49", "--seed", "2", "--out"])
        .arg(&dir)
        .current_dir(root.path());
    let o = c.output().expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("[W001]") && err.contains("permission refusée"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).expect("plan"), first);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}
