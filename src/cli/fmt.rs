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

#[derive(Default)]
struct Counts {
    changed: usize,
    unchanged: usize,
    kept: usize,
    failed: usize,
}

pub fn run(args: FmtArgs) -> Outcome {
    let mut counts = Counts::default();
    let mut stdout = io::stdout().lock();
    let mut say = |line: String| {
        let _ = writeln!(stdout, "{line}");
    };
    for found in find_files(&args.paths) {
        let (path, text) = match found {
            Found::Bad(path, reason) => {
                counts.failed += 1;
                say(format!("{}: error: {reason}", shown(&path)));
                continue;
            }
            Found::File(path) => match read_text(&path) {
                Ok(text) => (path, text),
                Err(reason) => {
                    counts.failed += 1;
                    say(format!("{}: error: {reason}", shown(&path)));
                    continue;
                }
            },
        };
        let name = shown(&path);
        match canonical(&text) {
            Canonical::Unchanged => counts.unchanged += 1,
            Canonical::Keep(reason) => {
                counts.kept += 1;
                say(format!("{name}: left as it is: {reason}"));
            }
            Canonical::Rewrite(out) if args.check => {
                counts.changed += 1;
                say(diff(&name, &text, &out));
            }
            Canonical::Rewrite(out) => match write_in_place(&path, &out) {
                Ok(()) => {
                    counts.changed += 1;
                    say(format!("{name}: formatted"));
                }
                Err(e) => {
                    counts.failed += 1;
                    say(format!("{name}: error: could not be written ({e})"));
                }
            },
        }
    }
    let verb = if args.check { "would be formatted" } else { "formatted" };
    let mut summary = format!(
        "{} {verb}, {} already canonical, {} left as written",
        counts.changed, counts.unchanged, counts.kept
    );
    if counts.failed > 0 {
        summary.push_str(&format!(", {} could not be read or written", counts.failed));
    }
    say(format!("{summary}."));
    if counts.failed > 0 {
        Outcome::Trouble
    } else if args.check && counts.changed > 0 {
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
