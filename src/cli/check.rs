//! `postmortem check`: every finding of each file, grouped by file, as
//! lines for a person (`path:line: error: message`), as GitHub Actions
//! workflow commands (annotations on the pull request's lines) or as JSON,
//! with a summary at the end.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use postmortem::file_findings::{file_findings, FileFinding, Origin};
use postmortem::validate::Severity;
use serde::Serialize;

use super::inputs::{find_files, read_text, shown, Found};
use super::outcome::Outcome;
use super::parallel::in_order;

#[derive(Args)]
pub struct CheckArgs {
    /// Markdown files, or folders to search for *.md
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How to report: lines for a person, GitHub Actions annotations, or JSON
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Fail (exit 1) on warnings too, not only on errors
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Github,
    Json,
}

/// What one path gave: its findings, or why it could not be read.
struct Report {
    path: String,
    findings: Result<Vec<FileFinding>, String>,
}

fn check(found: Found) -> Report {
    match found {
        Found::Bad(path, reason) => Report { path: shown(&path), findings: Err(reason) },
        Found::File(path) => {
            let findings = read_text(&path).map(|text| file_findings(&text));
            Report { path: shown(&path), findings }
        }
    }
}

#[derive(Default, Serialize)]
struct Totals {
    files: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
    /// Files with at least one finding.
    with_findings: usize,
}

impl Totals {
    fn add(&mut self, report: &Report) {
        self.files += 1;
        match &report.findings {
            Err(_) => self.unreadable += 1,
            Ok(findings) => {
                let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
                self.errors += errors;
                self.warnings += findings.len() - errors;
                self.with_findings += usize::from(!findings.is_empty());
            }
        }
    }

    fn outcome(&self, strict: bool) -> Outcome {
        if self.unreadable > 0 {
            Outcome::Trouble
        } else if self.errors > 0 || (strict && self.warnings > 0) {
            Outcome::Found
        } else {
            Outcome::Clean
        }
    }

    fn sentence(&self) -> String {
        let checked = self.files - self.unreadable;
        let mut out = format!("Checked {}", plural(checked, "file"));
        if self.errors + self.warnings == 0 {
            out.push_str(": no findings.");
        } else {
            out.push_str(&format!(
                ": {} and {} in {}.",
                plural(self.errors, "error"),
                plural(self.warnings, "warning"),
                plural(self.with_findings, "file")
            ));
        }
        if self.unreadable > 0 {
            out.push_str(&format!(" {} could not be read.", plural(self.unreadable, "path")));
        }
        out
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn run(args: CheckArgs) -> Outcome {
    let mut totals = Totals::default();
    let mut stdout = std::io::stdout().lock();
    let mut json = Vec::new();
    // Each file's findings are written as soon as it is checked; a closed
    // pipe (`| head`) ends the output, never the run's exit code.
    in_order(find_files(&args.paths), check, |report| {
        totals.add(&report);
        match args.format {
            Format::Text => {
                let _ = stdout.write_all(text(&report).as_bytes());
            }
            Format::Github => {
                let _ = stdout.write_all(github(&report).as_bytes());
            }
            Format::Json => json.push(json_file(report)),
        }
    });
    let end = match args.format {
        Format::Json => {
            let all = JsonReport { files: json, summary: &totals };
            serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
        }
        _ => format!("{}\n", totals.sentence()),
    };
    let _ = stdout.write_all(end.as_bytes());
    totals.outcome(args.strict)
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn text(report: &Report) -> String {
    let path = &report.path;
    match &report.findings {
        Err(reason) => format!("{path}: error: {reason}\n"),
        Ok(findings) => findings
            .iter()
            .map(|f| format!("{path}:{}: {}: {}\n", f.line, severity(f.severity), f.message))
            .collect(),
    }
}

/// GitHub Actions workflow commands: `::error file=…,line=…::message`.
fn github(report: &Report) -> String {
    let file = escape_property(&report.path);
    let title = "postmortem check";
    match &report.findings {
        Err(reason) => format!("::error file={file},title={title}::{}\n", escape_data(reason)),
        Ok(findings) => findings
            .iter()
            .map(|f| {
                let (kind, line, message) = (severity(f.severity), f.line, escape_data(&f.message));
                format!("::{kind} file={file},line={line},title={title}::{message}\n")
            })
            .collect(),
    }
}

/// A workflow command's message: "%", CR and LF escaped, as GitHub reads them.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: also ":" and ",", which end it.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Serialize)]
struct JsonReport<'t> {
    files: Vec<JsonFile>,
    summary: &'t Totals,
}

#[derive(Serialize)]
struct JsonFile {
    path: String,
    /// Why the file could not be read; then it has no findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    findings: Vec<JsonFinding>,
}

#[derive(Serialize)]
struct JsonFinding {
    line: usize,
    severity: &'static str,
    message: String,
    /// "import" (the Markdown as written) or "validation" (the fields).
    check: &'static str,
    /// The import finding's kind or the field, as the library names it.
    kind: String,
}

fn json_file(report: Report) -> JsonFile {
    let (error, findings) = match report.findings {
        Err(reason) => (Some(reason), Vec::new()),
        Ok(findings) => (None, findings),
    };
    let findings = findings
        .into_iter()
        .map(|f| {
            let (check, kind) = match f.origin {
                Origin::Import(kind) => ("import", format!("{kind:?}")),
                // A row's or task's id means nothing outside the document.
                Origin::Validation(field) => {
                    let name = format!("{field:?}");
                    ("validation", name.split('(').next().unwrap_or_default().to_string())
                }
            };
            JsonFinding {
                line: f.line,
                severity: severity(f.severity),
                message: f.message,
                check,
                kind,
            }
        })
        .collect();
    JsonFile { path: report.path, error, findings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_what_would_end_them() {
        assert_eq!(escape_data("50% down\r\nnext"), "50%25 down%0D%0Anext");
        assert_eq!(escape_property("a,b:c.md"), "a%2Cb%3Ac.md");
    }

    #[test]
    fn the_summary_counts_in_words() {
        let mut t = Totals { files: 3, unreadable: 1, errors: 1, warnings: 2, with_findings: 1 };
        assert_eq!(
            t.sentence(),
            "Checked 2 files: 1 error and 2 warnings in 1 file. 1 path could not be read."
        );
        assert_eq!(t.outcome(false), Outcome::Trouble);
        t.unreadable = 0;
        assert_eq!(t.outcome(false), Outcome::Found);
        t.errors = 0;
        assert_eq!((t.outcome(false), t.outcome(true)), (Outcome::Clean, Outcome::Found));
    }
}
