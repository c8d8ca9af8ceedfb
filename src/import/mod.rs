//! Markdown in: a postmortem written by hand (or by our own export) read
//! back into a [`Document`], with findings about what was noticed on the way.
//!
//! The reader works in stages, one file each:
//! - `normalise`: line ends, a ```markdown fence around the whole document;
//! - `blocks`: the top-level blocks, paragraphs cut into lines;
//! - `headings`: what a heading names, and lines that are headings by look;
//! - `source`: the blocks and headings as the later stages read them;
//! - `sections`: the title, the introduction and the sections;
//! - `summary`, `timeline`, `placing`: each section read into its fields,
//!   the timeline's entries found by `entries`;
//! - `checks` and `findings`: what the person should look at.
//!
//! Nothing is dropped. A piece of text is structured only when our export of
//! the result has every word it had; otherwise its Markdown source is kept, as
//! written, in the nearest free text (intro, notes, custom sections). Import
//! inverts export: for documents in the form import produces,
//! `import(to_markdown(d))` gives `d` back, and every decision depends only
//! on what our export writes back the same way.

mod blocks;
mod chat_log;
mod checks;
mod columns;
mod entries;
mod findings;
mod headings;
mod normalise;
mod placing;
mod sections;
mod source;
mod summary;
mod text;
mod timeline;

#[cfg(test)]
mod tests;

use pulldown_cmark::{Event, Parser, Tag as Md};

use crate::frontmatter;
use crate::model::{CustomSection, Document};
use crate::timeparse::{self, DateOrder};
pub use findings::{ImportFinding, ImportKind};
use headings::{title_text, Topic};
pub use normalise::MAX_INPUT;
use source::Source;
use text::words;

/// The draft read from the Markdown, and what the reader should look at.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub doc: Document,
    pub findings: Vec<ImportFinding>,
    /// Where the title was read from: its 1-based line (1 without a title).
    pub title_line: usize,
    /// The 1-based line each timeline row was read from, in the order of
    /// `doc.timeline`: what points a finding about a row at its source.
    pub row_lines: Vec<usize>,
}

pub fn import(markdown: &str) -> Imported {
    let text = normalise::normalised(markdown);
    let mut doc = Document::new();
    let mut findings = Vec::new();
    if text.trim().is_empty() || text.len() > normalise::MAX_INPUT {
        doc.intro = text.trim().to_string();
        findings.push(if text.trim().is_empty() {
            ImportFinding::empty_document()
        } else {
            ImportFinding::too_large()
        });
        return Imported { doc, findings, title_line: 1, row_lines: Vec::new() };
    }
    // Front matter is kept as written, and read for what it says; its
    // lines are blanked, not cut, so line numbers stay.
    let (text, front) = match frontmatter::split(&text) {
        Some((fm, _)) => {
            let blank = "\n".repeat(fm.matches('\n').count());
            (format!("{blank}{}", &text[fm.len()..]), Some(fm.to_string()))
        }
        None => (text, None),
    };
    let text = normalise::unwrap_fence(text, &mut findings);
    let text = crate::html::fields::as_github_reads(text, crate::dialect::options());
    let conflicts = checks::conflict_markers(&text, &mut findings);
    checks::html_and_images(&text, &mut findings);
    let (source, mut noticed) = Source::new(&text, conflicts);
    findings.append(&mut noticed);
    let (title_line, row_lines) = read(&source, &mut doc, &mut findings);
    if let Some(front) = front {
        take_front_matter(&mut doc, front, source.order);
    }
    findings.extend(checks::title_date(&doc, title_line, source.order));
    findings.sort_by_key(|f| f.line);
    Imported { doc, findings, title_line, row_lines }
}

/// Reads every section into its fields; gives the title's line and each row's.
fn read(
    source: &Source,
    doc: &mut Document,
    findings: &mut Vec<ImportFinding>,
) -> (usize, Vec<usize>) {
    let title = sections::title(source);
    let title_line = title
        .as_ref()
        .and_then(|t| t.0)
        .map_or(1, |i| source.line_of(source.blocks[i].range.start));
    doc.title = title.as_ref().map(|t| title_text(&t.1)).unwrap_or_default();
    let (intro, mut sections) = sections::sections(source, title.and_then(|t| t.0));
    sections::find_timeline(source, &mut sections);
    let intro = sections::meta(source, &source.trim_rules(&intro), doc);
    let has_summary = sections.iter().any(|s| s.topic == Topic::Summary);
    // Field lines before the first section ("**Impact:** ...") are the
    // summary's too, and without a summary section all of it.
    let mut summary = summary::segments(source, &intro, true);
    doc.intro = source.render(&source.ranges(&intro));
    let (mut rows, mut table_heads, mut hints) = (Vec::new(), Vec::new(), Vec::new());
    for s in &sections {
        let all_blocks = source.trim_rules(&s.blocks);
        // Only an optional section can be the team's own; elsewhere the
        // mark stays as written.
        let optional = matches!(
            s.topic,
            Topic::Misleading | Topic::Escalation | Topic::Lessons | Topic::Custom
        );
        let (blocks, internal) = match source.without_internal_mark(&all_blocks) {
            (blocks, true) if optional => (blocks, true),
            _ => (all_blocks, false),
        };
        let head = s.head.and_then(|i| source.heads[i].clone());
        let own = |t: Topic| head.as_ref().map(|h| t.heading(&h.raw)).unwrap_or_default();
        match s.topic {
            Topic::Summary => {
                doc.headings.summary = own(Topic::Summary);
                summary.extend(summary::segments(source, &blocks, false));
            }
            Topic::Timeline => {
                doc.headings.timeline = own(Topic::Timeline);
                hints.extend(head.map(|h| h.raw));
                let notes = timeline::timeline(
                    source,
                    findings,
                    &blocks,
                    &mut rows,
                    &mut table_heads,
                    &mut hints,
                );
                doc.timeline_notes = source.render(&notes);
                hints.push(doc.timeline_notes.clone());
            }
            Topic::RootCauseAndResolution => placing::root_cause(source, s.head, &blocks, doc),
            Topic::Misleading => {
                doc.headings.misleading = own(Topic::Misleading);
                doc.misleading = Some(source.render(&source.ranges(&blocks)));
                doc.internal.misleading = internal;
            }
            Topic::Escalation => {
                doc.headings.escalation = own(Topic::Escalation);
                doc.escalation = Some(source.render(&source.ranges(&blocks)));
                doc.internal.escalation = internal;
            }
            Topic::Lessons if placing::lessons(source, s.head, &blocks, doc) => {
                doc.internal.lessons = internal;
            }
            Topic::Measures => placing::measures(source, findings, s.head, &blocks, doc),
            _ => {
                let heading = head.map(|h| h.raw).unwrap_or_default();
                // A mark on a section that is not kept as a custom one (a
                // lessons section naming none of its parts) stays as text.
                let (blocks, internal) = match s.topic {
                    Topic::Custom => (blocks, internal),
                    _ => (source.trim_rules(&s.blocks), false),
                };
                let body = source.render(&source.ranges(&blocks));
                doc.custom.push(CustomSection { id: 0, heading, body, internal });
            }
        }
    }
    // No timeline written out, but a chat log pasted in an appendix.
    if rows.is_empty() {
        for s in &sections {
            let heading = s.head.and_then(|i| source.heads[i].as_ref()).map(|h| h.raw.as_str());
            if chat_log::names_a_log(s.topic, heading.unwrap_or("")) {
                let blocks: Vec<&blocks::Block> =
                    s.blocks.iter().map(|&i| &source.blocks[i]).collect();
                chat_log::read_logs(source, &blocks, &mut rows, &mut []);
            }
        }
    }
    doc.timeline = rows.iter().map(|r| r.row.clone()).collect();
    // "All times PDT." above the summary names the document's zone too.
    hints.push(doc.intro.clone());
    summary::finish_summary(source, doc, &mut summary, &hints, has_summary);
    timeline::finish_timeline(source, doc, &table_heads);
    findings.extend(checks::duration_mismatch(source, doc, &summary, &rows));
    findings.extend(checks::times_backwards(doc, &rows, source.order));
    if sections.iter().all(|s| s.topic == Topic::Custom) {
        // An outage told as a story still gives its window: it is a
        // postmortem without sections, not something else.
        findings.push(match doc.summary.start.trim() {
            "" => ImportFinding::not_a_postmortem(),
            start => ImportFinding::no_sections(start),
        });
    }
    // Ids in document order: rows, custom sections, measures, tasks.
    let mut id = 0;
    let mut next = || {
        id += 1;
        id
    };
    doc.timeline.iter_mut().for_each(|r| r.id = next());
    doc.custom.iter_mut().for_each(|c| c.id = next());
    doc.improvements.iter_mut().for_each(|i| i.id = next());
    doc.tasks.iter_mut().for_each(|t| t.id = next());
    doc.next_id = next();
    (title_line, rows.iter().map(|r| r.line).collect())
}

/// What the front matter says fills what the text left empty: the title,
/// the authors, and the day of an outage start written without one.
fn take_front_matter(doc: &mut Document, front: String, order: DateOrder) {
    let fields = frontmatter::fields(&front);
    if doc.title.is_empty() {
        doc.title = fields.title.map(|t| title_text(&t)).unwrap_or_default();
    }
    if doc.authors.is_empty() {
        doc.authors = fields.authors.join(", ");
    }
    // A front matter's date is often the day the postmortem was written, so
    // it dates the outage only when nothing else in the document does.
    let dated_rows = doc
        .timeline
        .iter()
        .any(|r| timeparse::parse_time(&r.time, order).is_ok_and(|p| p.start.date.is_some()));
    let day = fields.date.filter(|_| !dated_rows).and_then(|d| {
        timeparse::find_dates(&d, order).first().map(|(r, _)| d[r.clone()].to_string())
    });
    let start = timeparse::parse_time(&doc.summary.start, order);
    if let (Some(day), Ok(start)) = (day, start) {
        if start.start.date.is_none() && start.start.month_day.is_none() {
            doc.summary.start = format!("{day} {}", doc.summary.start);
        }
    }
    doc.front_matter = front;
}

/// The words of `source` (runs of letters and digits, compared without
/// case) that `exported` lacks: what "import never drops text" is checked
/// with. The numbers of numbered lists do not count: they are markup
/// (GitHub renumbers a list), and an entry's number is its place.
/// The words of the fence lines `import` neutralises still count.
pub fn words_lost(source: &str, exported: &str) -> Vec<String> {
    // The lists are looked for where `import` looks: inside the ```markdown
    // fence a chat assistant wraps a whole document in, and as GitHub reads
    // the text.
    let source = normalise::unwrap_fence(normalise::normalised(source), &mut Vec::new());
    let source = crate::html::fields::as_github_reads(source, crate::dialect::options());
    let source = source.as_str();
    let mut text = source.to_string();
    // The cells of each table, by row, to find the columns that only number rows.
    let mut tables: Vec<Vec<Vec<std::ops::Range<usize>>>> = Vec::new();
    for (event, range) in Parser::new_ext(source, crate::dialect::options()).into_offset_iter() {
        match &event {
            Event::Start(Md::Table(_)) => tables.push(Vec::new()),
            Event::Start(Md::TableHead | Md::TableRow) => {
                tables.last_mut().into_iter().for_each(|t| t.push(Vec::new()))
            }
            Event::Start(Md::TableCell) => {
                if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(range.clone());
                }
            }
            _ => {}
        }
        // A list item, or a line of an HTML block, which is read line by
        // line and so may hold numbered entries too.
        if matches!(event, Event::Start(Md::Item) | Event::Html(_)) {
            let kept = text::without_number(source, range.clone());
            if !source[kept.clone()].starts_with(char::is_whitespace) && !kept.is_empty() {
                continue;
            }
            // The number and its "." or ")", blanked.
            text.replace_range(range.start..kept.start, &" ".repeat(kept.start - range.start));
        }
    }
    for rows in &tables {
        let Some(header) = rows.first() else { continue };
        for (k, head) in header.iter().enumerate() {
            let cells: Vec<&std::ops::Range<usize>> =
                rows[1..].iter().filter_map(|r| r.get(k)).collect();
            let column: Vec<&str> = cells.iter().map(|c| &source[(*c).clone()]).collect();
            if text::is_index_column(&source[head.clone()], &column) {
                for c in cells {
                    text.replace_range(c.clone(), &" ".repeat(c.len()));
                }
            }
        }
    }
    let out = words(exported);
    let mut lost: Vec<String> = words(&text).into_iter().filter(|w| !out.contains(w)).collect();
    lost.sort();
    lost
}
