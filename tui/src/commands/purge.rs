//! `tournee purge ID`: the right to erasure. The person leaves the scenario and every file of
//! the folder that holds them, and nothing is kept of them:
//!
//! - scenario and referral files (`*.toml`, and their `.bak`): the `[[people]]` table and the
//!   escorts that name them removed, the rest of the file kept as written; a referral left
//!   with nobody is deleted;
//! - plans (every `*.json` and `*.json.bak` that is a tournee plan): their stops and requests
//!   removed, their days re-timed, hours and totals recomputed, the scenario inside edited the
//!   same way. A `.bak` is rewritten like the plan, not deleted (it stays the previous plan,
//!   without the person), and no new `.bak` is made of the version that still held them;
//! - exports (`*.csv`, `*.geojson`, `*.ics`) that name the person: `plan.csv`, `plan.geojson`
//!   and the workers' `.ics` are made again from the purged `plan.json` (default disclosure:
//!   no addresses, rounded positions); any other such file is deleted;
//! - journals of unsaved edits (`.*.journal`) that name them, and temporary files left by
//!   interrupted writes (`.tournee-*.tmp`), are deleted.
//!
//! Every write is atomic. What changed is printed by file name and id, never by name.

use crate::Lang;
use crate::exit::{BadInput, bad_arg};
use maps::atomic::{Backup, Privacy, write_atomic};
use planner::tr;
use planner::week::export::{self, Disclosure};
use planner::week::plan::Plan;
use planner::week::purge::{purge_plan, purge_text};
use planner::week::roads::Roads;
use planner::week::text::Text;
use planner::week::{MapBounds, validate};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct PurgeArgs {
    /// The person's pseudonym code (e.g. B02).
    pub id: String,
    /// Folder to clean (default: the current folder).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// One line of the report per file: the file, what was done (in both languages).
struct Changes(Vec<Text>);

impl Changes {
    fn say(&mut self, file: &Path, what: Text) {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        self.0.push(Text::new(
            format!("{name} : {}", what.fr),
            format!("{name}: {}", what.en),
        ));
    }
}

pub fn run(args: PurgeArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let id = args.id.trim().to_string();
    if id.is_empty() || id.contains(char::is_whitespace) {
        return Err(bad_arg(
            "A007",
            "ID",
            tr!("« {id} »", "{id:?}"),
            tr!(
                "donnez un code pseudonyme, par exemple B02",
                "give a pseudonym code such as B02"
            ),
        ));
    }
    if !args.dir.is_dir() {
        return Err(bad_arg(
            "A004",
            "--dir",
            tr!(
                "{} n'est pas un dossier",
                "{} is not a folder",
                args.dir.display()
            ),
            tr!(
                "donnez le dossier qui contient les plans",
                "give the folder that holds the plans"
            ),
        ));
    }
    let files = listing(&args.dir)?;
    let mut changes = Changes(Vec::new());
    let mut refused = Vec::new();
    for f in files.iter().filter(|f| is_toml(f)) {
        if let Err(e) = purge_toml(f, &id, &mut changes) {
            refused.push(format!("{}: {e}", f.display()));
        }
    }
    let mut plan_json = None;
    for f in files.iter().filter(|f| is_json(f)) {
        match purge_plan_file(f, &id, &mut changes) {
            Ok(Some(plan)) if f.file_name().is_some_and(|n| n == "plan.json") => {
                plan_json = Some(plan)
            }
            Ok(_) => {}
            Err(e) => refused.push(format!("{}: {e}", f.display())),
        }
    }
    purge_exports(&args.dir, &files, &id, plan_json.as_ref(), &mut changes)?;
    purge_leftovers(&files, &id, &mut changes);
    finish(&id, changes, refused, lang)
}

fn finish(
    id: &str,
    changes: Changes,
    refused: Vec<String>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    for line in &changes.0 {
        println!("{}", line.get(super::plan::lang_of(lang)));
    }
    if !refused.is_empty() {
        // The person may still be in those files: the user must know, and fix them first.
        let files = refused.join("; ");
        return Err(BadInput(tr!(
            "[A008] {id} n'a pas pu être effacé·e de : {files} — correction : corrigez ces fichiers (ou supprimez-les), puis relancez `tournee purge {id}`",
            "[A008] {id} could not be removed from: {files} — fix: correct these files (or delete them), then run `tournee purge {id}` again"
        ))
        .into());
    }
    if changes.0.is_empty() {
        return Err(bad_arg(
            "A007",
            "ID",
            tr!(
                "{id} n'est dans aucun scénario, plan ou export de ce dossier",
                "{id} is in no scenario, plan or export of this folder"
            ),
            tr!(
                "vérifiez le code (majuscules comprises) et --dir",
                "check the code (it is case-sensitive) and --dir"
            ),
        ));
    }
    let done = match lang {
        Lang::Fr => format!("{id} effacé·e de {} fichier(s).", changes.0.len()),
        Lang::En => format!("{id} erased from {} file(s).", changes.0.len()),
    };
    println!("{done}");
    Ok(ExitCode::SUCCESS)
}

fn listing(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            bad_arg(
                "A004",
                "--dir",
                tr!("{} ({e})", "{} ({e})", dir.display()),
                tr!(
                    "donnez un dossier que vous pouvez lire",
                    "give a folder you may read"
                ),
            )
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn is_toml(p: &Path) -> bool {
    let n = name_of(p);
    n.ends_with(".toml") || n.ends_with(".toml.bak")
}

fn is_json(p: &Path) -> bool {
    let n = name_of(p);
    n.ends_with(".json") || n.ends_with(".json.bak")
}

/// `B02` as a word of `text` (not `B021`).
pub fn mentions(text: &str, id: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    text.match_indices(id).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + id.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic(path, bytes, Privacy::Private, Backup::None)
        .map_err(|e| crate::exit::write_error(path, &e))
}

fn purge_toml(path: &Path, id: &str, changes: &mut Changes) -> anyhow::Result<()> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(());
    };
    if !mentions(&text, id) {
        return Ok(());
    }
    let (new, removed) = purge_text(&text, id).map_err(|e| anyhow::anyhow!("{e}"))?;
    if removed.people == 0 && removed.escorts.is_empty() {
        return Ok(());
    }
    let referral = name_of(path).starts_with("referral-");
    let empty = toml::from_str::<toml::Table>(&new)
        .map(|t| {
            t.get("people")
                .and_then(|p| p.as_array())
                .is_none_or(|a| a.is_empty())
        })
        .unwrap_or(false);
    if referral && empty {
        std::fs::remove_file(path)?;
        changes.say(
            path,
            tr!("orientation de {id} supprimée", "referral of {id} deleted"),
        );
        return Ok(());
    }
    write(path, new.as_bytes())?;
    let escorts = removed.escorts.join(", ");
    changes.say(
        path,
        if escorts.is_empty() {
            tr!("{id} retiré·e", "{id} removed")
        } else {
            tr!(
                "{id} retiré·e, accompagnement(s) {escorts}",
                "{id} removed, escort(s) {escorts}"
            )
        },
    );
    Ok(())
}

/// Purges one plan file; `None` if it is not a plan or does not hold the person.
fn purge_plan_file(path: &Path, id: &str, changes: &mut Changes) -> anyhow::Result<Option<Plan>> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    if !mentions(&text, id) {
        return Ok(None);
    }
    let Ok(mut plan) = Plan::from_json(&text, &path.display().to_string()) else {
        return Ok(None);
    };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let scenario = plan
        .scenario(MapBounds::cantal())
        .map_err(|e| anyhow::anyhow!("{}", e.render(planner::week::Lang::En)))?;
    let roads = Roads::open(&scenario.team.map, &dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let done = purge_plan(&mut plan, id, &roads).map_err(|e| anyhow::anyhow!("{e}"))?;
    if !done.changed() {
        return Ok(None);
    }
    write(path, plan.to_json().as_bytes())?;
    let (stops, retimed, dropped) = (done.stops, done.retimed, done.dropped_days);
    let escorts = done.removed.escorts.join(", ");
    let escorts = if escorts.is_empty() {
        Text::default()
    } else {
        tr!(", accompagnement(s) {escorts}", ", escort(s) {escorts}")
    };
    changes.say(
        path,
        Text::new(
            format!(
                "{id} retiré·e ({stops} arrêt(s){}), {retimed} jour(s) recalculé(s), {dropped} jour(s) supprimé(s)",
                escorts.fr
            ),
            format!(
                "{id} removed ({stops} stop(s){}), {retimed} day(s) re-timed, {dropped} day(s) dropped",
                escorts.en
            ),
        ),
    );
    Ok(Some(plan))
}

/// Exports that name the person: made again from the purged plan.json, or deleted.
fn purge_exports(
    dir: &Path,
    files: &[PathBuf],
    id: &str,
    plan: Option<&Plan>,
    changes: &mut Changes,
) -> anyhow::Result<()> {
    let remade = match plan {
        Some(plan) => remake_exports(dir, files, plan)?,
        None => Vec::new(),
    };
    for f in &remade {
        changes.say(
            f,
            tr!("refait sans la personne", "made again without the person"),
        );
    }
    let export = |p: &Path| {
        let n = name_of(p);
        [".csv", ".geojson", ".ics"].iter().any(|e| n.ends_with(e))
    };
    for f in files.iter().filter(|f| export(f) && !remade.contains(f)) {
        if std::fs::read_to_string(f).is_ok_and(|t| mentions(&t, id)) {
            std::fs::remove_file(f)?;
            changes.say(
                f,
                tr!("supprimé (il nommait {id})", "deleted (it named {id})"),
            );
        }
    }
    Ok(())
}

/// plan.csv, plan.geojson and the workers' .ics that exist beside plan.json, from it.
fn remake_exports(dir: &Path, files: &[PathBuf], plan: &Plan) -> anyhow::Result<Vec<PathBuf>> {
    let scenario = validate(&plan.scenario, &plan.scenario_file, MapBounds::cantal())
        .map_err(|d| anyhow::anyhow!("{}", d.render(planner::week::Lang::En)))?;
    let roads = Roads::open(&scenario.team.map, dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let d = Disclosure::default();
    let mut out = Vec::new();
    let mut remake = |name: String, body: String| -> anyhow::Result<()> {
        let path = dir.join(&name);
        if files.contains(&path) {
            write(&path, body.as_bytes())?;
            out.push(path);
        }
        Ok(())
    };
    remake("plan.csv".into(), export::csv::render(plan, &scenario, d))?;
    remake(
        "plan.geojson".into(),
        export::geojson::render(plan, &scenario, d, &|a, b| roads.path(a, b)),
    )?;
    for w in &scenario.workers {
        let name = format!("{}.ics", super::plan::file_safe(&w.id));
        remake(name, export::ics::render(plan, &scenario, &w.id, d))?;
    }
    Ok(out)
}

/// Journals that name the person, and every temporary file of an interrupted write.
fn purge_leftovers(files: &[PathBuf], id: &str, changes: &mut Changes) {
    for f in files {
        let n = name_of(f);
        let journal = n.starts_with('.') && n.ends_with(".journal");
        let temporary = n.starts_with(".tournee-") && n.ends_with(".tmp");
        let named = std::fs::read(f).is_ok_and(|b| mentions(&String::from_utf8_lossy(&b), id));
        if ((journal && named) || temporary) && std::fs::remove_file(f).is_ok() {
            changes.say(
                f,
                tr!(
                    "supprimé (modifications non enregistrées ou écriture interrompue)",
                    "deleted (unsaved edits or an interrupted write)"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn ids_are_whole_words() {
        assert!(mentions("a,B02,b", "B02"));
        assert!(mentions("\"B02\"", "B02"));
        assert!(!mentions("B021", "B02"));
        assert!(!mentions("XB02", "B02"));
        assert!(mentions("visit B02#2", "B02"));
    }
}
