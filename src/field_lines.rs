//! Where a field of an imported document is written in its Markdown source:
//! the line that a finding about the field points at (`path:line:` in the
//! command's report, a pull request's line on GitHub).
//!
//! Validation knows fields, not lines. Import says where it read the title
//! and each timeline row, so findings about them point there exactly. Every
//! other field is found by its text: the first line that holds the first
//! words of its value in a row (words compared without case or markup, so
//! `- **Impact:** Checkout *down*` holds "Checkout down"), on a line no
//! row was read from. Summary fields are looked for between the title and
//! the first row, the rest after the last row, and then anywhere. A field
//! whose text is not in the source (left empty, or put together by import
//! from several places) points at the line of the heading of its section,
//! else at its neighbour's line, else at the title.

use std::cell::OnceCell;
use std::ops::Range;

use crate::export;
use crate::import::Imported;
use crate::model::{Document, RowId};
use crate::validate::Field;

/// At most this many words of a value are looked for: enough to tell one
/// line from another, few enough to stay on the first line of a value that
/// its source wraps.
const NEEDLE_WORDS: usize = 8;

pub struct FieldLines<'a> {
    imported: &'a Imported,
    source: &'a str,
    /// Each line's words, read the first time a field is looked for; none
    /// for a line that import read a row from, which holds that row and no
    /// other field.
    lines: OnceCell<Vec<Option<String>>>,
}

/// What a field is looked for by, in order.
enum Probe<'d> {
    /// The first words of a value.
    Value(&'d str),
    /// A line that is only this heading (`## Tasks`, `**Tasks:**`).
    Heading(&'d str),
    /// Where another field is.
    Field(Field),
}

impl<'a> FieldLines<'a> {
    /// `source` is the text that `imported` was read from.
    pub fn new(source: &'a str, imported: &'a Imported) -> FieldLines<'a> {
        FieldLines { imported, source, lines: OnceCell::new() }
    }

    /// The 1-based line of the source that `field` is written on.
    pub fn line(&self, field: Field) -> usize {
        self.find(field, 0).unwrap_or(self.imported.title_line)
    }

    fn find(&self, field: Field, depth: usize) -> Option<usize> {
        match field {
            Field::Title => Some(self.imported.title_line),
            Field::RowTime(id) | Field::RowEvent(id) => self.row_line(id),
            // Neighbours point at each other at most one step deep.
            _ if depth > 1 => None,
            _ => {
                let doc = &self.imported.doc;
                let region = if is_summary(field) { self.before_rows() } else { self.after_rows() };
                probes(doc, field).into_iter().find_map(|probe| match probe {
                    Probe::Value(text) => self.value_line(text, region.clone()),
                    Probe::Heading(text) => self.heading_line(text),
                    Probe::Field(other) => self.find(other, depth + 1),
                })
            }
        }
    }

    fn row_line(&self, id: RowId) -> Option<usize> {
        let at = self.imported.doc.timeline.iter().position(|r| r.id == id)?;
        self.imported.row_lines.get(at).copied()
    }

    fn lines(&self) -> &[Option<String>] {
        self.lines.get_or_init(|| {
            let text = self.source.replace("\r\n", "\n").replace('\r', "\n");
            let mut lines: Vec<Option<String>> = text.split('\n').map(|l| Some(words(l))).collect();
            for &row in &self.imported.row_lines {
                if let Some(line) = row.checked_sub(1).and_then(|i| lines.get_mut(i)) {
                    *line = None;
                }
            }
            lines
        })
    }

    /// Lines (0-based) from the title to the first timeline row.
    fn before_rows(&self) -> Range<usize> {
        let end = self.imported.row_lines.first().map_or(usize::MAX, |l| l.saturating_sub(1));
        self.imported.title_line.saturating_sub(1)..end
    }

    /// Lines (0-based) from the last timeline row on.
    fn after_rows(&self) -> Range<usize> {
        self.imported.row_lines.last().map_or(0, |l| l.saturating_sub(1))..usize::MAX
    }

    /// The first line in `region`, else in the whole source, holding the
    /// first words of `value`.
    fn value_line(&self, value: &str, region: Range<usize>) -> Option<usize> {
        let first = value.lines().map(words).find(|w| w.len() > 1)?;
        let needle: String = first.split_inclusive(' ').take(NEEDLE_WORDS + 1).collect();
        let lines = self.lines();
        let holds = |i: &usize| lines[*i].as_ref().is_some_and(|l| l.contains(&needle));
        let region = region.start.min(lines.len())..region.end.min(lines.len());
        region.clone().find(holds).or_else(|| (0..lines.len()).find(holds)).map(|i| i + 1)
    }

    fn heading_line(&self, heading: &str) -> Option<usize> {
        let wanted = words(heading);
        (wanted.len() > 1).then_some(())?;
        self.lines().iter().position(|l| l.as_ref() == Some(&wanted)).map(|i| i + 1)
    }
}

fn is_summary(field: Field) -> bool {
    use Field::*;
    matches!(field, Start | End | Zone | Impact | Affected | SummaryRootCause)
}

/// The written heading where the author's differs, else the standard one.
fn heading<'d>(written: &'d str, standard: &'static str) -> &'d str {
    if written.trim().is_empty() {
        standard
    } else {
        written
    }
}

fn probes(doc: &Document, field: Field) -> Vec<Probe<'_>> {
    use Probe::{Field as Near, Heading, Value};
    let h = &doc.headings;
    let s = &doc.summary;
    let summary = Heading(heading(&h.summary, export::SUMMARY));
    let lessons = || doc.lessons.as_ref();
    let measures = Heading(heading(&h.measures, export::MEASURES));
    let task = |id: RowId| doc.tasks.iter().find(|t| t.id == id);
    match field {
        Field::Start => vec![Value(&s.start), Near(Field::End), summary],
        Field::End => vec![Value(&s.end), Near(Field::Start), summary],
        // The zone is mostly written on the window's line.
        Field::Zone => vec![Value(&s.zone), Near(Field::Start), Near(Field::End), summary],
        Field::Impact => vec![Value(&s.impact), Near(Field::Affected), summary],
        Field::Affected => vec![Value(&s.affected), Near(Field::Impact), summary],
        Field::SummaryRootCause => vec![Value(&s.root_cause), summary],
        Field::RootCause => vec![
            Value(&doc.root_cause),
            Heading(heading(&h.root_cause, export::ROOT_CAUSE)),
            Heading(heading(&h.root_cause_and_resolution, export::ROOT_CAUSE_AND_RESOLUTION)),
        ],
        Field::Resolution => vec![
            Value(&doc.resolution),
            Heading(heading(&h.resolution, export::RESOLUTION)),
            Near(Field::RootCause),
        ],
        Field::Misleading => vec![
            Value(doc.misleading.as_deref().unwrap_or_default()),
            Heading(heading(&h.misleading, export::MISLEADING)),
        ],
        Field::Escalation => vec![
            Value(doc.escalation.as_deref().unwrap_or_default()),
            Heading(heading(&h.escalation, export::ESCALATION)),
        ],
        Field::WentWell => vec![
            Value(lessons().map_or("", |l| &l.went_well)),
            Heading(heading(&h.went_well, export::WENT_WELL)),
        ],
        Field::WentWrong => vec![
            Value(lessons().map_or("", |l| &l.went_wrong)),
            Heading(heading(&h.went_wrong, export::WENT_WRONG)),
        ],
        Field::GotLucky => vec![
            Value(lessons().map_or("", |l| &l.got_lucky)),
            Heading(heading(&h.got_lucky, export::GOT_LUCKY)),
        ],
        Field::CustomHeading(id) | Field::CustomBody(id) => {
            let Some(c) = doc.custom.iter().find(|c| c.id == id) else { return vec![] };
            match field {
                Field::CustomBody(_) => vec![Value(&c.body), Heading(&c.heading)],
                _ => vec![Heading(&c.heading), Value(&c.heading)],
            }
        }
        Field::Improvement(id) => {
            let item = doc.improvements.iter().find(|i| i.id == id);
            vec![Value(item.map_or("", |i| &i.text)), measures]
        }
        Field::TaskText(id) | Field::TaskOwner(id) | Field::TaskDue(id) => {
            let Some(t) = task(id) else { return vec![] };
            // The owner and the due date are written on the task's line.
            vec![
                Value(&t.text),
                Value(&t.owner),
                Value(&t.due),
                Heading(heading(&h.tasks, export::TASKS)),
                measures,
            ]
        }
        Field::Title | Field::RowTime(_) | Field::RowEvent(_) => vec![],
    }
}

/// The words of a text, lower-cased, each followed by a space and the
/// first after one too: a line holds a value when it holds the value's
/// words in a row, whole words only. A text without words gives " ".
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        out.extend(w.chars().flat_map(char::to_lowercase));
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import;
    use crate::validate::validate;

    const TEXT: &str = "# Postmortem: Checkout down

## Issue Summary
- **Impact:** Checkout *down* for EU users
- **Start:** 2024-06-01 14:00
- **Root cause:** A full disk on the primary database.

## Timeline
| Time | Event |
| --- | --- |
| 14:00 | Alert on checkout errors |
| 13:50 | Paged the on-call engineer |

## Root Cause and Resolution
### Root cause
The disk filled up with old logs.

### Resolution
Deleted the logs.

## Corrective and Preventative Measures
### Tasks
- [ ] Rotate the database logs (due someday)
";

    fn line_of(text: &str, field: impl Fn(&Document) -> Field) -> usize {
        let imported = import(text);
        FieldLines::new(text, &imported).line(field(&imported.doc))
    }

    #[test]
    fn each_field_points_at_the_line_it_is_written_on() {
        assert_eq!(line_of(TEXT, |_| Field::Title), 1);
        assert_eq!(line_of(TEXT, |_| Field::Impact), 4);
        assert_eq!(line_of(TEXT, |_| Field::Start), 5);
        // No zone is written: the window's line.
        assert_eq!(line_of(TEXT, |_| Field::Zone), 5);
        assert_eq!(line_of(TEXT, |_| Field::SummaryRootCause), 6);
        assert_eq!(line_of(TEXT, |d| Field::RowTime(d.timeline[1].id)), 12);
        assert_eq!(line_of(TEXT, |d| Field::RowEvent(d.timeline[0].id)), 11);
        assert_eq!(line_of(TEXT, |_| Field::RootCause), 16);
        assert_eq!(line_of(TEXT, |_| Field::Resolution), 19);
        assert_eq!(line_of(TEXT, |d| Field::TaskOwner(d.tasks[0].id)), 23);
    }

    #[test]
    fn every_finding_of_a_broken_document_points_at_its_line() {
        let imported = import(TEXT);
        let lines = FieldLines::new(TEXT, &imported);
        let found: Vec<(usize, String)> = validate(&imported.doc)
            .into_iter()
            .map(|f| (lines.line(f.field), f.message.chars().take(20).collect()))
            .collect();
        assert_eq!(
            found,
            [
                (5, "No time zone: reader".to_string()),
                (12, "Earlier than the row".to_string()),
                (12, "Outside the outage w".to_string()),
                (23, "No owner: every task".to_string()),
                (23, "Unreadable due date.".to_string()),
            ]
        );
    }

    #[test]
    fn an_empty_field_points_at_its_sections_heading_else_at_the_title() {
        let text = "# Outage\n\n## Issue Summary\nNothing yet.\n\n## Lessons learned\n### What went well\n";
        assert_eq!(line_of(text, |_| Field::SummaryRootCause), 3);
        assert_eq!(line_of(text, |_| Field::WentWell), 7);
        assert_eq!(line_of(text, |_| Field::Escalation), 1);
    }

    #[test]
    fn a_value_written_twice_is_found_where_its_section_is() {
        let text = "# Outage\n\n## Timeline\n- 13:00 UTC: checkout down\n\n## Issue Summary\n**Impact:** checkout down\n";
        assert_eq!(line_of(text, |_| Field::Impact), 7);
        let first =
            "# Outage\n\n**Impact:** checkout down\n\n## Timeline\n- 14:00 UTC: checkout down\n";
        assert_eq!(line_of(first, |_| Field::Impact), 3);
    }

    #[test]
    fn carriage_returns_count_as_line_ends_as_import_counts_them() {
        let text = TEXT.replace('\n', "\r\n");
        assert_eq!(line_of(&text, |_| Field::RootCause), 16);
        assert_eq!(line_of(&text, |d| Field::RowTime(d.timeline[1].id)), 12);
    }
}
