//! The journal of unsaved edits: `.plan.json.journal` next to the plan, one JSON line per edit
//! (ids, dates and worker codes only — never a name, an address or a note; a referral is the
//! name of its file, replayed through the rebalancer), flushed to disk at each line, created
//! 0600. If the UI dies before saving, the next start finds a journal newer than the plan and
//! offers to replay it. Saving the plan, or quitting without saving on purpose, removes it.
//!
//! This is the one file tournee appends to instead of writing it through
//! `maps::atomic::write_atomic`: each line must reach the disk at once, without rewriting the
//! lines before it; a line torn by a crash is ignored when reading.

use maps::atomic::{Backup, Privacy, write_atomic};
use planner::week::edit::Edit;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// One line of the journal after the header.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Edit(Edit),
    /// A referral added by the rebalancer: replayed from its file.
    Referral(ReferralStep),
    Undo,
    Redo,
}

/// What replays a referral: its file (written next to the plan before the rebalance ran) and
/// the rebalance's inputs, so the same plan comes out. Names and addresses stay in the file
/// (0600), the journal holds its name only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferralStep {
    /// The file's name, in the plan's folder (`referral-B17.toml`).
    pub file: String,
    /// [`fingerprint`] of the file's bytes: a file changed since is not replayed.
    pub fingerprint: String,
    /// First day the rebalance could change.
    pub from: chrono::NaiveDate,
    pub seed: u64,
}

/// The journal line of a referral: `{"op":"referral",…}`.
#[derive(Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Line {
    Referral(ReferralStep),
}

#[derive(Serialize, Deserialize)]
struct Header {
    journal: String,
    version: u32,
    /// Fingerprint of the plan the edits apply to.
    base: String,
}

const MAGIC: &str = "tournee-edits";

impl Step {
    fn to_line(&self) -> String {
        match self {
            Step::Edit(e) => serde_json::to_string(e).unwrap_or_default(),
            Step::Referral(r) => {
                serde_json::to_string(&Line::Referral(r.clone())).unwrap_or_default()
            }
            Step::Undo => r#"{"op":"undo"}"#.into(),
            Step::Redo => r#"{"op":"redo"}"#.into(),
        }
    }

    fn from_line(line: &str) -> Option<Step> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        match v.get("op")?.as_str()? {
            "undo" => Some(Step::Undo),
            "redo" => Some(Step::Redo),
            "referral" => match serde_json::from_value(v).ok()? {
                Line::Referral(r) => Some(Step::Referral(r)),
            },
            _ => serde_json::from_value(v).ok().map(Step::Edit),
        }
    }
}

/// `plan.json` → `.plan.json.journal`.
pub fn path_for(plan: &Path) -> PathBuf {
    let name = plan.file_name().unwrap_or_default().to_string_lossy();
    plan.with_file_name(format!(".{name}.journal"))
}

/// A fingerprint of a plan's bytes (FNV-1a, 64 bits): which plan a journal belongs to.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The journal being written. The file is created at the first edit, not before.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    base: String,
    file: Option<File>,
}

impl Journal {
    pub fn new(path: PathBuf, base: String) -> Journal {
        Journal {
            path,
            base,
            file: None,
        }
    }

    /// Goes on with a journal found on disk once its edits are replayed: its readable lines
    /// are written again (atomically, without a torn last line), then new edits follow.
    pub fn resume(found: &Found) -> io::Result<Journal> {
        let header = Header {
            journal: MAGIC.into(),
            version: 1,
            base: found.base.clone(),
        };
        let mut text = serde_json::to_string(&header).unwrap_or_default();
        text.push('\n');
        for step in &found.steps {
            text.push_str(&step.to_line());
            text.push('\n');
        }
        write_atomic(&found.path, text.as_bytes(), Privacy::Private, Backup::None)?;
        let file = OpenOptions::new().append(true).open(&found.path)?;
        Ok(Journal {
            path: found.path.clone(),
            base: found.base.clone(),
            file: Some(file),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one step and flushes it to disk.
    pub fn record(&mut self, step: &Step) -> io::Result<()> {
        let file = match &mut self.file {
            Some(f) => f,
            None => {
                let mut f = create_private(&self.path)?;
                let header = Header {
                    journal: MAGIC.into(),
                    version: 1,
                    base: self.base.clone(),
                };
                append_synced(&mut f, &serde_json::to_string(&header).unwrap_or_default())?;
                self.file.insert(f)
            }
        };
        append_synced(file, &step.to_line())
    }

    /// Removes the journal (the plan was saved, or the edits were given up); the next edit
    /// starts a new one for the plan `base`.
    pub fn clear(&mut self, base: String) -> io::Result<()> {
        self.file = None;
        self.base = base;
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// A new, empty journal, 0600 even if an older file of that name had other permissions, its
/// folder flushed so the file itself survives a power cut.
fn create_private(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let file = o.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(file)
}

/// The small helper every journal line goes through: one line, then `fsync`.
fn append_synced(file: &mut File, line: &str) -> io::Result<()> {
    file.write_all(format!("{line}\n").as_bytes())?;
    file.sync_data()
}

/// A journal found on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub path: PathBuf,
    /// Fingerprint of the plan the edits were made on.
    pub base: String,
    pub steps: Vec<Step>,
}

/// Reads a journal; `None` if there is none (or it has no valid header). Reading stops at the
/// first unreadable line (a line torn by a crash).
pub fn read(path: &Path) -> io::Result<Option<Found>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut lines = io::BufReader::new(file).lines();
    let Some(Ok(first)) = lines.next() else {
        return Ok(None);
    };
    let Ok(header) = serde_json::from_str::<Header>(&first) else {
        return Ok(None);
    };
    if header.journal != MAGIC {
        return Ok(None);
    }
    let mut steps = Vec::new();
    for line in lines {
        match line.ok().as_deref().and_then(Step::from_line) {
            Some(s) => steps.push(s),
            None => break,
        }
    }
    Ok(Some(Found {
        path: path.to_path_buf(),
        base: header.base,
        steps,
    }))
}

/// Whether the journal was written after the plan was (or there is no plan file).
pub fn newer_than(journal: &Path, plan: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(journal), modified(plan)) {
        (Some(j), Some(p)) => j >= p,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use planner::week::edit::StopRef;
    use planner::week::plan::StopKind;

    fn lock(id: &str) -> Step {
        Step::Edit(Edit::Lock {
            stop: StopRef {
                kind: StopKind::Visit,
                id: id.into(),
                occurrence: Some(0),
            },
            locked: true,
        })
    }

    #[test]
    fn written_line_by_line_and_read_back_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path_for(&dir.path().join("plan.json"));
        assert!(path.ends_with(".plan.json.journal"));
        let mut j = Journal::new(path.clone(), "abc".into());
        assert!(!path.exists(), "no file before the first edit");
        j.record(&lock("B01")).expect("record");
        j.record(&Step::Undo).expect("record");
        j.record(&Step::Redo).expect("record");
        let referral = Step::Referral(ReferralStep {
            file: "referral-B17.toml".into(),
            fingerprint: fingerprint(b"[[people]]"),
            from: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
            seed: 1,
        });
        j.record(&referral).expect("record");
        let found = read(&path).expect("read").expect("found");
        assert_eq!(found.base, "abc");
        assert_eq!(
            found.steps,
            vec![lock("B01"), Step::Undo, Step::Redo, referral]
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let text = std::fs::read_to_string(&path).expect("text");
        assert!(!text.contains("Mme"), "ids only");
        j.clear("def".into()).expect("clear");
        assert!(!path.exists());
        assert_eq!(read(&path).expect("read"), None);
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_writing_resumes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".plan.json.journal");
        let mut j = Journal::new(path.clone(), "abc".into());
        j.record(&lock("B01")).expect("record");
        drop(j);
        let mut f = OpenOptions::new().append(true).open(&path).expect("open");
        f.write_all(br#"{"op":"lock","stop":{"kind":"vis"#)
            .expect("torn");
        let found = read(&path).expect("read").expect("found");
        assert_eq!(found.steps, vec![lock("B01")]);
        assert!(newer_than(&path, &dir.path().join("plan.json")));
        let mut j = Journal::resume(&found).expect("resume");
        j.record(&Step::Undo).expect("record");
        let again = read(&path).expect("read").expect("found");
        assert_eq!(again.steps, vec![lock("B01"), Step::Undo]);
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
    }
}
