//! `postmortem fmt`: each file rewritten as the editor's canonical Markdown
//! where that loses nothing (`postmortem::canonical`), else left as it is
//! with the reason said. `--check` writes nothing: it prints a unified diff
//! of each file that would change.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use postmortem::canonical::{canonical, Canonical};
use similar::TextDiff;

use super::inputs::{find_files, read_text, shown, Found};
use super::outcome::Outcome;
use super::parallel::in_order;

#[derive(Args)]
pub struct FmtArgs {
    /// Markdown files, or folders to search for *.md
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Change nothing: print a diff of each file that would change, and
    /// exit 1 if any would
    #[arg(long)]
    check: bool,
}

/// What became of one file.
enum Done {
    Unchanged,
    Kept(String),
    /// The diff `--check` prints.
    WouldChange(String),
    Formatted,
    /// Could not be read or written: why.
    Failed(String),
}

fn format_file(found: Found, check: bool) -> (String, Done) {
    let (path, text) = match found {
        Found::Bad(path, reason) => return (shown(&path), Done::Failed(reason)),
        Found::File(path) => match read_text(&path) {
            Ok(text) => (path, text),
            Err(reason) => return (shown(&path), Done::Failed(reason)),
        },
    };
    let name = shown(&path);
    let done = match canonical(&text) {
        Canonical::Unchanged => Done::Unchanged,
        Canonical::Keep(reason) => Done::Kept(reason),
        Canonical::Rewrite(out) if check => Done::WouldChange(diff(&name, &text, &out)),
        Canonical::Rewrite(out) => match write_in_place(&path, &out) {
            Ok(()) => Done::Formatted,
            Err(e) => Done::Failed(format!("could not be written ({e})")),
        },
    };
    (name, done)
}

pub fn run(args: FmtArgs) -> Outcome {
    let (mut changed, mut unchanged, mut kept, mut failed) = (0, 0, 0, 0);
    let mut stdout = io::stdout().lock();
    let check = args.check;
    in_order(
        find_files(&args.paths),
        |found| format_file(found, check),
        |(name, done)| {
            let said = match done {
                Done::Unchanged => {
                    unchanged += 1;
                    return;
                }
                Done::Kept(reason) => {
                    kept += 1;
                    format!("{name}: left as it is: {reason}")
                }
                Done::WouldChange(diff) => {
                    changed += 1;
                    diff
                }
                Done::Formatted => {
                    changed += 1;
                    format!("{name}: formatted")
                }
                Done::Failed(reason) => {
                    failed += 1;
                    format!("{name}: error: {reason}")
                }
            };
            let _ = writeln!(stdout, "{said}");
        },
    );
    let verb = if check { "would be formatted" } else { "formatted" };
    let mut summary =
        format!("{changed} {verb}, {unchanged} already canonical, {kept} left as written");
    if failed > 0 {
        summary.push_str(&format!(", {failed} could not be read or written"));
    }
    let _ = writeln!(stdout, "{summary}.");
    if failed > 0 {
        Outcome::Trouble
    } else if check && changed > 0 {
        Outcome::Found
    } else {
        Outcome::Clean
    }
}

/// A unified diff, `a/` and `b/` as git writes them, three lines of context.
fn diff(name: &str, old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut unified = diff.unified_diff();
    let name = name.trim_start_matches('/');
    let out = unified.context_radius(3).header(&format!("a/{name}"), &format!("b/{name}"));
    out.to_string().trim_end_matches('\n').to_string()
}

/// Replaces the file's text at once: written beside it, then renamed over
/// it, so an interrupted run leaves the old text or the new, never half.
/// Through a symlink, the file it points to changes, with its permissions.
fn write_in_place(path: &Path, text: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.postmortem-fmt"));
    let written = fs::write(&temporary, text)
        .and_then(|()| fs::set_permissions(&temporary, fs::metadata(&target)?.permissions()))
        .and_then(|()| fs::rename(&temporary, &target));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}
