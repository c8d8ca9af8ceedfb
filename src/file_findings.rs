//! Every finding about one Markdown file as a check of a repository reports
//! it: import's (what GitHub would show wrongly, where the text contradicts
//! itself) and validation's (what the postmortem's fields get wrong), each
//! on a line of the file (`field_lines`) and with a severity, by line.
//!
//! Import's findings have no severity in the editor, where they are notes
//! on a paste. Here an error is what GitHub shows broken (a conflict, a
//! heading that is not one, an image that cannot show, a document shown as
//! code); the rest are warnings: the text still reads, and which part is
//! wrong is for the author to say.

use crate::field_lines::FieldLines;
use crate::import::{import, ImportKind};
use crate::validate::{validate, Field, Severity, CONFLICT_MARKER};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFinding {
    /// 1-based line of the file.
    pub line: usize,
    pub severity: Severity,
    /// A sentence for a person, without the line (the report gives it).
    pub message: String,
    pub origin: Origin,
}

/// Which check found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Import(ImportKind),
    Validation(Field),
}

pub fn severity_of(kind: ImportKind) -> Severity {
    use ImportKind::*;
    match kind {
        ConflictMarker | NotAHeading | BrokenImage | UnclosedFence | FencedDocument => {
            Severity::Error
        }
        RawHtml | IndentedCode | DurationMismatch | NoSections | NotAPostmortem | TitleDate
        | TimesBackwards => Severity::Warning,
    }
}

/// The findings of a file whose text is `text`, by line, errors first.
pub fn file_findings(text: &str) -> Vec<FileFinding> {
    let imported = import(text);
    let mut out: Vec<FileFinding> = imported
        .findings
        .iter()
        .map(|f| FileFinding {
            line: f.line,
            severity: severity_of(f.kind),
            message: without_line(&f.message, f.line),
            origin: Origin::Import(f.kind),
        })
        .collect();
    let conflicts = imported.findings.iter().any(|f| f.kind == ImportKind::ConflictMarker);
    let lines = FieldLines::new(text, &imported);
    for f in validate(&imported.doc) {
        // Import has said where each conflict is, once; validation would
        // say it again for every field that holds a side of it.
        if conflicts && f.message == CONFLICT_MARKER {
            continue;
        }
        out.push(FileFinding {
            line: lines.line(f.field),
            severity: f.severity,
            message: f.message,
            origin: Origin::Validation(f.field),
        });
    }
    // A row earlier than the row above is validation's error on that row;
    // import's "times go backwards" on the same line says it again.
    let backwards_said = |f: &FileFinding, all: &[FileFinding]| {
        f.origin == Origin::Import(ImportKind::TimesBackwards)
            && all.iter().any(|g| {
                g.line == f.line
                    && g.severity == Severity::Error
                    && matches!(g.origin, Origin::Validation(Field::RowTime(_)))
            })
    };
    let repeated: Vec<usize> = (0..out.len()).filter(|&i| backwards_said(&out[i], &out)).collect();
    for i in repeated.into_iter().rev() {
        out.remove(i);
    }
    out.sort_by_key(|f| (f.line, f.severity));
    out
}

/// Import's message without its "Line 12: " (the report gives the line),
/// as a sentence again.
fn without_line(message: &str, line: usize) -> String {
    let Some(rest) = message.strip_prefix(&format!("Line {line}: ")) else {
        return message.to_string();
    };
    let mut chars = rest.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(text: &str) -> Vec<(usize, Severity, String)> {
        file_findings(text)
            .into_iter()
            .map(|f| (f.line, f.severity, f.message.chars().take(24).collect()))
            .collect()
    }

    #[test]
    fn import_and_validation_findings_come_together_by_line_without_line_prefixes() {
        let text = "# Outage\n\n## Issue Summary\n- **Start:** 2024-06-01 14:00 UTC\n\n##Timeline\n| Time | Event |\n| --- | --- |\n| 14:30 | Alert |\n| 14:10 | Paged |\n";
        assert_eq!(
            brief(text),
            [
                (3, Severity::Warning, "No root cause yet: say i".to_string()),
                (6, Severity::Error, "\"##Timeline\" is not a he".to_string()),
                (10, Severity::Error, "Earlier than the row abo".to_string()),
            ]
        );
    }

    #[test]
    fn a_conflict_is_said_once_where_it_is() {
        let text = "# Outage\n\n## Root Cause and Resolution\n### Root cause\n<<<<<<< HEAD\nDisk\n=======\nNetwork\n>>>>>>> fix\n";
        let found = file_findings(text);
        let conflicts: Vec<_> = found.iter().filter(|f| f.message.contains("conflict")).collect();
        assert_eq!(conflicts.len(), 1, "{found:#?}");
        assert_eq!((conflicts[0].line, conflicts[0].severity), (5, Severity::Error));
    }

    #[test]
    fn a_row_going_backwards_is_one_error_on_its_line() {
        let text = "# Outage\n\n## Issue Summary\n- **Duration:** 2024-06-01 14:00 – 16:00 UTC\n- **Root cause:** A disk.\n\n## Timeline\n- 14:30: Alert\n- 14:10: Paged\n";
        assert_eq!(brief(text), [(9, Severity::Error, "Earlier than the row abo".to_string())]);
    }

    proptest::proptest! {
        /// Whatever the text, every finding is on one of its lines, and
        /// the findings come by line.
        #[test]
        fn every_finding_is_on_a_line_of_the_file(
            d in crate::arbitrary::document(),
            cut in 0usize..2000,
        ) {
            let whole = crate::export::to_markdown(&d);
            // Cut anywhere, the export is any shape of broken Markdown.
            let at = whole.char_indices().nth(cut).map_or(whole.len(), |c| c.0);
            for text in [&whole[..], &whole[at..]] {
                let found = file_findings(text);
                let lines = text.replace("\r\n", "\n").replace('\r', "\n").split('\n').count();
                for f in &found {
                    proptest::prop_assert!((1..=lines).contains(&f.line), "{:?} of {}", f, lines);
                }
                proptest::prop_assert!(found.windows(2).all(|w| w[0].line <= w[1].line));
            }
        }
    }

    #[test]
    fn what_github_shows_broken_is_an_error_and_the_rest_warnings() {
        assert_eq!(severity_of(ImportKind::ConflictMarker), Severity::Error);
        assert_eq!(severity_of(ImportKind::FencedDocument), Severity::Error);
        assert_eq!(severity_of(ImportKind::RawHtml), Severity::Warning);
        assert_eq!(severity_of(ImportKind::NotAPostmortem), Severity::Warning);
    }
}
