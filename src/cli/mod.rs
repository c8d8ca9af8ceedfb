//! The `postmortem` command: the pure core's checks, canonical Markdown and
//! figures for a folder of postmortems, for CI and pre-commit hooks. Each
//! command is in its own file; this one reads the command line and hands
//! over. Native only: the wasm build of the same binary is the app.

mod check;
mod fmt;
mod inputs;
mod outcome;
mod parallel;
mod stats;

use std::io::Write;
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Parser, Subcommand};
use postmortem::export::to_markdown;
use postmortem::templates::{self, TEMPLATES};

use outcome::Outcome;

/// Checks, formats and measures postmortems written in Markdown.
///
/// Exit codes: 0 when all is well; 1 when check finds an error (or a
/// warning, with --strict) or fmt --check a file to format; 2 when a path
/// cannot be read or written, or the command line is wrong.
#[derive(Parser)]
#[command(name = "postmortem", version)]
struct Command {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Report every finding of each postmortem as path:line: error|warning: message
    Check(check::CheckArgs),
    /// Rewrite each postmortem as the editor's canonical Markdown, where nothing is lost
    Fmt(fmt::FmtArgs),
    /// One row of figures per postmortem, then their count, median and mean
    Stats(stats::StatsArgs),
    /// Print a new postmortem to fill in
    New {
        /// The template to start from
        #[arg(long, default_value = templates::DEFAULT, value_parser = template_names())]
        template: String,
    },
}

fn template_names() -> PossibleValuesParser {
    PossibleValuesParser::new(
        TEMPLATES.iter().map(|t| PossibleValue::new(t.name).help(t.description)),
    )
}

pub fn run() -> ExitCode {
    let outcome = match Command::parse().action {
        Action::Check(args) => check::run(args),
        Action::Fmt(args) => fmt::run(args),
        Action::Stats(args) => stats::run(args),
        Action::New { template } => new(&template),
    };
    outcome.into()
}

fn new(name: &str) -> Outcome {
    // clap has already refused a name that is not a template's.
    let Some(template) = templates::find(name) else { return Outcome::Trouble };
    let _ = std::io::stdout().lock().write_all(to_markdown(&template.document()).as_bytes());
    Outcome::Clean
}
