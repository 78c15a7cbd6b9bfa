//! `tournee rebalance`: absorb a referral, a person leaving, an absence or a cancellation into a
//! planned week, moving as few announced visits as possible; write the new plan (the previous
//! one kept as `.bak`) and print what changed (`--json` for the terminal UI and scripts).

use crate::Lang;
use crate::commands::plan::{lang_of, roads_error};
use crate::exit::{BadInput, bad_arg};
use chrono::NaiveDate;
use maps::atomic::{Backup, Privacy, backup_path, write_atomic};
use planner::rebalance::{Absent, Cancel, Change, DaySpec, RebalanceOptions, Referral, rebalance};
use planner::tr;
use planner::units::Duration;
use planner::week::Horizon;
use planner::week::pipeline::map_choice;
use planner::week::plan::Plan;
use planner::week::roads::Roads;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct RebalanceArgs {
    /// The plan to rebalance (made by `tournee plan`).
    #[arg(long, value_name = "PLAN")]
    pub plan: PathBuf,
    /// A referral file: `[[people]]` and/or `[[escorts]]` entries, `referrer`, `urgent`.
    #[arg(long, value_name = "REFERRAL")]
    pub add: Option<PathBuf>,
    /// A person (all their visits and escorts) or an escort leaving the plan.
    #[arg(long, value_name = "ID")]
    pub remove: Vec<String>,
    /// A worker absent on the day given by --on.
    #[arg(long, value_name = "WORKER")]
    pub absent: Vec<String>,
    /// A visit (person id) or escort cancelled on the day given by --on.
    #[arg(long, value_name = "ID")]
    pub cancel: Vec<String>,
    /// The day of --absent and --cancel: a weekday of the plan's first week (mardi, tue) or a
    /// date (2026-12-01).
    #[arg(long, value_name = "DAY")]
    pub on: Option<String>,
    /// Plan the referral within 48 hours of --from; visits of lower priority may be postponed.
    #[arg(long)]
    pub urgent: bool,
    /// Postpone announced visits of no higher priority to the next week when the requests do
    /// not fit otherwise (escorts keep their appointment).
    #[arg(long)]
    pub make_room: bool,
    /// First day that may change, YYYY-MM-DD (default: today, or the plan's first day if later).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// A visit moved by at most this much, same day and pair, is not a change (30min, 1h).
    #[arg(long, default_value = "30min")]
    pub tolerance: String,
    /// Where to write the new plan (default: over --plan, the previous one kept as .bak).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the changes as JSON (documented in README) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Seed of the optimiser: the same seed and inputs give the same plan.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

fn bad(text: impl Into<String>) -> anyhow::Error {
    BadInput::said(text).into()
}

pub fn run(args: RebalanceArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let (plan, _) = super::plan::open_plan(&args.plan, lang)?;
    let change = change(&args, lang)?;
    let options = options(&args, &plan)?;
    let dir = args
        .plan
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let roads = Roads::open(&map_choice(&plan.scenario), &dir).map_err(roads_error)?;
    let done = rebalance(&plan, &change, &roads, &options).map_err(|e| {
        if e.is_bad_input() {
            bad(e.text(lang_of(lang)))
        } else {
            anyhow::anyhow!(e.text(lang_of(lang)))
        }
    })?;
    let out = args.output.clone().unwrap_or_else(|| args.plan.clone());
    let kept = out.exists();
    write_atomic(
        &out,
        done.plan.to_json().as_bytes(),
        Privacy::Private,
        Backup::Keep,
    )
    .map_err(|e| crate::exit::write_error(&out, &e))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&done.diff)?);
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", done.diff.render(lang_of(lang)));
    let written = match (kept, lang) {
        (true, Lang::Fr) => format!(
            "Plan écrit : {} (le précédent : {})",
            out.display(),
            backup_path(&out).display()
        ),
        (true, Lang::En) => format!(
            "Plan written: {} (the previous one: {})",
            out.display(),
            backup_path(&out).display()
        ),
        (false, Lang::Fr) => format!("Plan écrit : {}", out.display()),
        (false, Lang::En) => format!("Plan written: {}", out.display()),
    };
    println!("{written}");
    Ok(ExitCode::SUCCESS)
}

/// The change asked for on the command line.
fn change(args: &RebalanceArgs, lang: Lang) -> anyhow::Result<Change> {
    let referral = match &args.add {
        Some(path) => {
            let text = super::plan::read_input(path)?;
            let name = path.display().to_string();
            Some(Referral::parse(&text, &name).map_err(|d| bad(d.render(lang_of(lang))))?)
        }
        None => None,
    };
    let needs_day = !args.absent.is_empty() || !args.cancel.is_empty();
    let day = match (&args.on, needs_day) {
        (Some(text), _) => Some(DaySpec::parse(text).ok_or_else(|| {
            bad_arg(
                "A009",
                "--on",
                tr!("jour inconnu « {text} »", "unknown day {text:?}"),
                tr!(
                    "donnez un jour de la semaine (mardi, mar) ou une date (2026-12-01)",
                    "give a weekday (mardi, tue) or a date (2026-12-01)"
                ),
            )
        })?),
        (None, true) => {
            return Err(bad_arg(
                "A009",
                "--on",
                tr!(
                    "absent : --absent et --cancel ont besoin du jour",
                    "missing: --absent and --cancel need the day"
                ),
                tr!(
                    "ajoutez --on JOUR (un jour de la semaine comme mardi, ou une date)",
                    "add --on DAY (a weekday such as mardi, or a date)"
                ),
            ));
        }
        (None, false) => None,
    };
    let on = |_: &String| day.unwrap_or(DaySpec::Weekday(chrono::Weekday::Mon));
    Ok(Change {
        referral,
        remove: args.remove.clone(),
        absent: args
            .absent
            .iter()
            .map(|w| Absent {
                worker: w.clone(),
                day: on(w),
            })
            .collect(),
        cancel: args
            .cancel
            .iter()
            .map(|id| Cancel {
                id: id.clone(),
                day: on(id),
            })
            .collect(),
        urgent: args.urgent,
    })
}

fn options(args: &RebalanceArgs, plan: &Plan) -> anyhow::Result<RebalanceOptions> {
    let tolerance = parse_tolerance(&args.tolerance).ok_or_else(|| {
        bad_arg(
            "A010",
            "--tolerance",
            tr!(
                "« {} » n'est pas une durée de 0 à 24 h",
                "{:?} is not a duration of 0 to 24 h",
                args.tolerance
            ),
            tr!(
                "écrivez des minutes ou des heures, par exemple 30min, 45, 1h ou 1h30",
                "write minutes or hours such as 30min, 45, 1h or 1h30"
            ),
        )
    })?;
    let from = match &args.from {
        Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            bad_arg(
                "A011",
                "--from",
                tr!("« {text} » n'est pas une date", "{text:?} is not a date"),
                tr!(
                    "écrivez-la AAAA-MM-JJ, par exemple 2026-12-01",
                    "write it YYYY-MM-DD, e.g. 2026-12-01"
                ),
            )
        })?,
        None => Horizon::today().max(plan.first_day),
    };
    Ok(RebalanceOptions {
        seed: args.seed,
        tolerance,
        from: Some(from),
        make_room: args.make_room,
        ..RebalanceOptions::default()
    })
}

/// "30min", "30", "45 min", "1h", "1h30", "90m".
pub fn parse_tolerance(text: &str) -> Option<Duration> {
    let t: String = text.to_lowercase().split_whitespace().collect();
    let t = t.trim_end_matches("utes").trim_end_matches("ute");
    let minutes: i64 = if let Some((h, m)) = t.split_once('h') {
        let m = m.trim_end_matches("min").trim_end_matches('m');
        let m: i64 = if m.is_empty() { 0 } else { m.parse().ok()? };
        h.parse::<i64>().ok()? * 60 + m
    } else {
        t.trim_end_matches("min")
            .trim_end_matches('m')
            .parse()
            .ok()?
    };
    (0..=24 * 60)
        .contains(&minutes)
        .then_some(Duration(minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerances() {
        for (t, m) in [
            ("30min", 30),
            ("30", 30),
            ("45 min", 45),
            ("1h", 60),
            ("1h30", 90),
            ("90m", 90),
            ("15 minutes", 15),
        ] {
            assert_eq!(parse_tolerance(t), Some(Duration(m * 60)), "{t}");
        }
        assert_eq!(parse_tolerance("soon"), None);
        assert_eq!(parse_tolerance("-5"), None);
    }
}
