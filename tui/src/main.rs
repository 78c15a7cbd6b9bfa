//! `tournee`: plan the week of an itinerant day centre, rebalance it, study coverage.
//!
//! This file only wires the command line: each subcommand lives in `commands/`, and every
//! error ends here as one line on stderr with exit code 2 (bad input) or 1 (anything else).

mod commands;
mod exit;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Language of labels and messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

#[derive(Parser, Debug)]
#[command(
    name = "tournee",
    version,
    about = "Planifie la semaine d'un accueil de jour itinérant / plans the week of an itinerant day centre",
    propagate_version = true
)]
pub struct Cli {
    /// Language of labels and messages (fr by default).
    #[arg(long, global = true, value_enum, default_value_t = Lang::Fr)]
    pub lang: Lang,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Road network: import an OpenStreetMap file, describe a map, compute travel times.
    #[command(subcommand)]
    Map(commands::map::MapCommand),
    /// Plan the week(s): permanences, home visits, escorts; write plan.json and exports.
    Plan(commands::plan::PlanArgs),
    /// Rebalance a planned week after a referral, an absence, a cancellation or a departure,
    /// moving as few announced visits as possible.
    Rebalance(commands::rebalance::RebalanceArgs),
    /// Scenario files: generate a synthetic one, check one.
    #[command(subcommand)]
    Scenario(commands::scenario::ScenarioCommand),
    /// Terminal UI: see and adjust a plan (move, lock, unplan, re-optimise, save).
    Tui(commands::tui::TuiArgs),
    /// Right to erasure: remove a person (by pseudonym code) from the scenario, every plan and
    /// its .bak, and the exports of a folder.
    Purge(commands::purge::PurgeArgs),
    /// Coverage study: who is within reach of the permanence sites by road, other radii, other
    /// sites, the best sites.
    Coverage(commands::coverage::CoverageArgs),
}

fn main() -> ExitCode {
    exit::install_panic_hook();
    exit::survive_file_size_limit();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return exit::clap_error(e),
    };
    let lang = cli.lang;
    let result = match cli.command {
        Command::Map(cmd) => commands::map::run(cmd, lang),
        Command::Plan(args) => commands::plan::run(args, lang),
        Command::Rebalance(args) => commands::rebalance::run(args, lang),
        Command::Scenario(cmd) => commands::scenario::run(cmd, lang),
        Command::Tui(args) => commands::tui::run(args, lang),
        Command::Coverage(args) => commands::coverage::run(args, lang),
        Command::Purge(args) => commands::purge::run(args, lang),
    };
    match result {
        Ok(code) => code,
        Err(e) => exit::report(&e, lang),
    }
}
