//! Markdown out: the document as GitHub-flavoured Markdown, deterministic
//! (same document, same bytes) and shaped like `shared/FORMAT.md`.
//!
//! The document is written as a sequence of blocks (the title, the summary,
//! the timeline's head and each of its rows, each section, each task...),
//! each produced by its own function from its own inputs. `to_markdown`
//! joins them; the preview renders them one by one and re-renders only the
//! block whose inputs changed (the blocks are `doc_blocks::Block`s).
//!
//! User text goes through `inline`, `cell`, `item` or `block` first, so
//! nothing typed can break the document's structure: a pipe cannot split a
//! table cell, a heading in a long text cannot start a new section, an
//! unclosed fence cannot swallow what follows, and raw HTML is shown as text.

use std::fmt::Write;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag as Md, TagEnd};
use time::Duration;

use crate::dialect::options;
use crate::doc_blocks::{Block, Key, Shape};
use crate::html;
use crate::html::fields::Place;
use crate::model::{Document, Headings, Item, Lessons, Status, Summary, Tag, Task, TimelineRow};
use crate::timeline::{Clock, RowTime};
use crate::timeparse::format_duration;

/// The figures computed from the window and the tagged timeline rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub duration: Option<Duration>,
    /// From the start to the first row tagged detection.
    pub detect: Option<Duration>,
    /// From the start to the first row tagged resolution, else to the end.
    pub resolve: Option<Duration>,
}

impl Figures {
    pub fn new(clock: &Clock, rows: impl IntoIterator<Item = (Option<Tag>, RowTime)>) -> Figures {
        let (start, end) = clock.window();
        let mut figures = Figures { duration: clock.duration(), ..Default::default() };
        let Some(start) = start else { return figures };
        let since = |t: &RowTime| {
            // A day without a time gives no moment to measure to.
            let s = t.span().filter(|s| !s.day_only)?;
            (!s.start.before(&start)).then(|| clock.between(&start, &s.start))
        };
        let mut resolved_at = None;
        for (tag, time) in rows {
            match tag {
                Some(Tag::Detection) if figures.detect.is_none() => figures.detect = since(&time),
                Some(Tag::Resolution) if resolved_at.is_none() => resolved_at = since(&time),
                _ => {}
            }
        }
        figures.resolve = resolved_at.or_else(|| figures.duration.filter(|_| end.is_some()));
        figures
    }
}

/// The whole document as Markdown.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    for block in blocks(doc) {
        out.push_str(&block.markdown);
    }
    out
}

/// The document's blocks in order (`Shape::keys`); their Markdown joined is
/// `to_markdown`.
pub fn blocks(doc: &Document) -> Vec<Block> {
    let clock = Clock::of(doc);
    let figures = Figures::new(&clock, doc.timeline.iter().map(|r| (r.tag, clock.row(&r.time))));
    let bullet = bullet_before(&doc.measures_notes);
    let any_task = any_task(&doc.tasks);
    let h = &doc.headings;
    // The shape lists rows, sections and items in the document's order, so
    // each kind is walked once, in step with its keys.
    let (mut rows, mut custom) = (doc.timeline.iter(), doc.custom.iter());
    let (mut improvements, mut tasks) = (doc.improvements.iter(), doc.tasks.iter());
    Shape::of(doc)
        .keys()
        .into_iter()
        .map(|key| {
            let markdown = match key {
                Key::FrontMatter => front_matter(&doc.front_matter),
                Key::Title => title(&doc.title),
                Key::Meta => meta(doc.status, &doc.authors),
                Key::Intro => intro(&doc.intro),
                Key::Summary => summary(&h.summary, &doc.summary, &figures),
                Key::TimelineHead => timeline_head(&h.timeline, &doc.timeline_notes),
                Key::TableHead => table_head(&doc.summary.zone, &clock),
                Key::Row(_) => rows.next().map(timeline_row).unwrap_or_default(),
                Key::RootCause => {
                    root_cause(&h.root_cause_and_resolution, &h.root_cause, &doc.root_cause)
                }
                Key::Resolution => resolution(&h.resolution, &doc.resolution),
                Key::Misleading => doc
                    .misleading
                    .as_deref()
                    .map(|text| section(&h.misleading, MISLEADING, text, doc.internal.misleading))
                    .unwrap_or_default(),
                Key::Escalation => doc
                    .escalation
                    .as_deref()
                    .map(|text| section(&h.escalation, ESCALATION, text, doc.internal.escalation))
                    .unwrap_or_default(),
                Key::Lessons => doc
                    .lessons
                    .as_ref()
                    .map(|lessons| lessons_learned(h, lessons, doc.internal.lessons))
                    .unwrap_or_default(),
                Key::Custom(_) => custom
                    .next()
                    .map(|c| section(&c.heading, NOTES, &c.body, c.internal))
                    .unwrap_or_default(),
                Key::MeasuresHead => measures_head(&h.measures, &doc.measures_notes),
                Key::Improvement(_) => {
                    improvements.next().map(|item| improvement(item, bullet)).unwrap_or_default()
                }
                Key::TasksHead => tasks_head(&h.tasks, any_task),
                Key::Task(_) => tasks.next().map(task_item).unwrap_or_default(),
            };
            Block { key, markdown }
        })
        .collect()
}

/// The name for the downloaded file: the outage's date (else `today`,
/// "YYYY-MM-DD") and the title, e.g. `2024-06-01-load-balancer-outage.md`.
pub fn file_name(doc: &Document, today: &str) -> String {
    let clock = Clock::of(doc);
    // An undated window ("2305HRS EAT") sits on a stand-in day: not a date
    // to name a file by.
    let date = (!clock.undated)
        .then(|| clock.window().0.and_then(|w| w.date))
        .flatten()
        .map(crate::timeparse::format_date)
        .unwrap_or_else(|| today.to_string());
    let mut slug = String::new();
    for c in doc.title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "postmortem" } else { slug };
    format!("{date}-{slug}.md")
}

// Section headings, as people already write them (see shared/FORMAT.md).
pub const SUMMARY: &str = "Issue Summary";
pub const TIMELINE: &str = "Timeline";
pub const ROOT_CAUSE_AND_RESOLUTION: &str = "Root Cause and Resolution";
pub const ROOT_CAUSE: &str = "Root cause";
pub const RESOLUTION: &str = "Resolution";
pub const MISLEADING: &str = "Misleading investigation paths";
pub const ESCALATION: &str = "Escalation";
pub const LESSONS: &str = "Lessons learned";
pub const WENT_WELL: &str = "What went well";
pub const WENT_WRONG: &str = "What went wrong";
pub const GOT_LUCKY: &str = "Where we got lucky";
pub const MEASURES: &str = "Corrective and Preventative Measures";
pub const TASKS: &str = "Tasks";
/// The heading of a custom section left without one.
pub const NOTES: &str = "Notes";
pub const TITLE_PREFIX: &str = "Postmortem";

/// A section's heading: the author's, else the standard one.
fn heading(written: &str, standard: &str) -> String {
    let written = inline(written);
    if written.is_empty() {
        standard.to_string()
    } else {
        written
    }
}

/// The front matter as written, before everything else; nothing when there
/// is none. Text that is not front matter (a hand-edited draft) is written
/// as a code block instead, so it can neither hide text nor break the title.
pub fn front_matter(written: &str) -> String {
    let written = written.replace("\r\n", "\n").trim_matches('\n').to_string();
    if written.trim().is_empty() {
        return String::new();
    }
    if crate::frontmatter::split(&written)
        .is_some_and(|(fm, rest)| fm.len() == written.len() && rest.is_empty())
    {
        return format!("{written}\n\n");
    }
    let longest = written.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{written}\n{fence}\n\n")
}

/// `# Postmortem: <title>`, unless the title already says "Postmortem ...".
pub fn title(title: &str) -> String {
    let t = inline(title);
    let lower = t.to_lowercase();
    let heading = if t.is_empty() {
        TITLE_PREFIX.to_string()
    } else if lower.starts_with("postmortem")
        && !lower.starts_with("postmortem:")
        && lower != "postmortem"
    {
        t
    } else {
        format!("{TITLE_PREFIX}: {t}")
    };
    finish_line(format!("# {heading}\n"))
}

pub fn meta(status: Status, authors: &str) -> String {
    let authors = inline(authors);
    finish_line(if authors.is_empty() {
        format!("\n**Status:** {}\n", status.label())
    } else {
        format!("\n**Status:** {} · **Authors:** {authors}\n", status.label())
    })
}

/// Free text before the summary; its headings stay below the sections'.
pub fn intro(text: &str) -> String {
    let text = block(text, 3);
    if text.is_empty() {
        text
    } else {
        format!("\n{text}\n")
    }
}

pub fn summary(written: &str, s: &Summary, figures: &Figures) -> String {
    let mut out = format!("\n## {}\n", heading(written, SUMMARY));
    // The notes come first: text after a list could be read as part of it.
    let notes = block(&s.notes, 3);
    if !notes.is_empty() {
        let _ = write!(out, "{notes}\n\n");
    }
    let bullet = bullet_before(&s.notes);
    let start = inline(&s.start);
    let end = inline(&s.end);
    let zone = inline(&s.zone);
    let zone = if zone.is_empty() { zone } else { format!(" {zone}") };
    let length = figures.duration.map(|d| format!(" ({})", format_duration(d))).unwrap_or_default();
    match (start.is_empty(), end.is_empty()) {
        (false, false) => {
            let _ = writeln!(out, "{bullet} **Duration:** {start} – {end}{zone}{length}");
        }
        (false, true) => {
            let _ = writeln!(out, "{bullet} **Start:** {start}{zone}");
        }
        (true, false) => {
            let _ = writeln!(out, "{bullet} **End:** {end}{zone}");
        }
        (true, true) if !zone.is_empty() => {
            let _ = writeln!(out, "{bullet} **Time zone:**{zone}");
        }
        (true, true) => {}
    }
    let impact = inline(&s.impact);
    let affected = inline(s.affected.trim().trim_end_matches('%'));
    match (impact.is_empty(), affected.is_empty()) {
        (false, true) => {
            let _ = writeln!(out, "{bullet} **Impact:** {impact}");
        }
        (true, false) => {
            let _ = writeln!(out, "{bullet} **Impact:** {affected}% of users affected");
        }
        (false, false) => {
            let _ = writeln!(out, "{bullet} **Impact:** {impact} ({affected}% of users affected)");
        }
        (true, true) => {}
    }
    let cause = inline(&s.root_cause);
    if !cause.is_empty() {
        let _ = writeln!(out, "{bullet} **Root cause:** {cause}");
    }
    let detect = figures.detect.map(|d| format!("**Time to detect:** {}", format_duration(d)));
    let resolve = figures.resolve.map(|d| format!("**Time to resolve:** {}", format_duration(d)));
    let times: Vec<String> = [detect, resolve].into_iter().flatten().collect();
    if !times.is_empty() {
        let _ = writeln!(out, "{bullet} {}", times.join(" · "));
    }
    finish(out)
}

/// The timeline's heading and its notes.
pub fn timeline_head(written: &str, notes: &str) -> String {
    let notes = block(notes, 3);
    let notes = if notes.is_empty() { notes } else { format!("{notes}\n\n") };
    finish(format!("\n## {}\n{notes}", heading(written, TIMELINE)))
}

/// The table head, with the zone in its header: a zone named by its IANA
/// name as its abbreviation and offset on the outage's first day ("PDT,
/// UTC−7"); else the zone as written in the summary, else the one the
/// summary's times name.
pub fn table_head(zone: &str, clock: &Clock) -> String {
    let day = clock.window().0.and_then(|s| s.date).filter(|_| !clock.undated);
    let zone = match clock.zone.as_ref().filter(|z| z.named) {
        Some(named) => crate::timeparse::zone_heading(named, day),
        None => inline(zone),
    };
    let zone = if zone.is_empty() {
        clock.zone.as_ref().map(|z| z.label.clone()).unwrap_or_default()
    } else {
        zone
    };
    let header = if zone.is_empty() { "Time".to_string() } else { format!("Time ({zone})") };
    finish(format!("| {} | Event |\n| --- | --- |\n", cell(&header)))
}

/// What marks a row, task or section for the team only: an HTML comment,
/// which GitHub does not show, and import reads back.
pub const INTERNAL_MARK: &str = "<!-- internal -->";

fn internal_suffix(internal: bool) -> &'static str {
    if internal {
        " <!-- internal -->"
    } else {
        ""
    }
}

/// One table row, the time as written; nothing for a row left blank.
pub fn timeline_row(row: &TimelineRow) -> String {
    if row.tag.is_none() && row.time.trim().is_empty() && row.event.trim().is_empty() {
        return String::new();
    }
    let tag = row.tag.map(|t| format!("**{}:** ", t.label())).unwrap_or_default();
    // Each cell's HTML is kept in its cell (see `cell`).
    format!(
        "| {} | {tag}{}{} |\n",
        cell(&row.time),
        cell(&row.event),
        internal_suffix(row.internal)
    )
}

pub fn root_cause(written_section: &str, written: &str, text: &str) -> String {
    finish(format!(
        "\n## {}\n### {}\n{}",
        heading(written_section, ROOT_CAUSE_AND_RESOLUTION),
        heading(written, ROOT_CAUSE),
        body(text, 4)
    ))
}

pub fn resolution(written: &str, text: &str) -> String {
    finish(format!("\n### {}\n{}", heading(written, RESOLUTION), body(text, 4)))
}

/// The mark of an internal section, on its own line under the heading.
fn section_mark(internal: bool) -> String {
    if internal {
        format!("{INTERNAL_MARK}\n\n")
    } else {
        String::new()
    }
}

/// A `##` section: the optional ones and the custom ones.
pub fn section(written: &str, standard: &str, text: &str, internal: bool) -> String {
    let mark = section_mark(internal);
    finish(format!("\n## {}\n{mark}{}", heading(written, standard), body(text, 3)))
}

pub fn lessons_learned(h: &Headings, l: &Lessons, internal: bool) -> String {
    finish(format!(
        "\n## {}\n{}### {}\n{}\n### {}\n{}\n### {}\n{}",
        heading(&h.lessons, LESSONS),
        section_mark(internal),
        heading(&h.went_well, WENT_WELL),
        body(&l.went_well, 4),
        heading(&h.went_wrong, WENT_WRONG),
        body(&l.went_wrong, 4),
        heading(&h.got_lucky, GOT_LUCKY),
        body(&l.got_lucky, 4)
    ))
}

pub fn measures_head(written: &str, notes: &str) -> String {
    let notes = block(notes, 3);
    let notes = if notes.is_empty() { notes } else { format!("{notes}\n\n") };
    finish(format!("\n## {}\n{notes}", heading(written, MEASURES)))
}

/// One measure as a list item, with the list's bullet (see `bullet_before`).
pub fn improvement(item: &Item, bullet: char) -> String {
    if item.text.trim().is_empty() {
        return String::new();
    }
    finish_line(format!("{bullet} {}\n", list_text(&item.text, bullet)))
}

/// The tasks' heading, when some task has text (`any_task`): no heading
/// over an empty list.
pub fn tasks_head(written: &str, any_task: bool) -> String {
    if !any_task {
        return String::new();
    }
    finish(format!("\n### {}\n", heading(written, TASKS)))
}

/// Whether some task has text, an owner or a due date to write.
pub fn any_task<T: std::borrow::Borrow<Task>>(tasks: impl IntoIterator<Item = T>) -> bool {
    tasks.into_iter().any(|t| !task_item(t.borrow()).is_empty())
}

/// A task-list item; nothing for a task with no text, owner or due date.
pub fn task_item(task: &Task) -> String {
    if [&task.text, &task.owner, &task.due].iter().all(|s| s.trim().is_empty()) {
        return String::new();
    }
    let mark = if task.done { 'x' } else { ' ' };
    let owner = inline(&task.owner);
    let due = inline(&task.due);
    let suffix = match (owner.is_empty(), due.is_empty()) {
        (false, false) => format!(" (owner: {owner}, due {due})"),
        (false, true) => format!(" (owner: {owner})"),
        (true, false) => format!(" (due {due})"),
        (true, true) => String::new(),
    };
    let internal = internal_suffix(task.internal);
    finish_line(format!("- [{mark}] {}{suffix}{internal}\n", inline(&task.text)))
}

/// The bullet for a list we write right after `text`: a list right after
/// another with the same bullet would join it, so it takes another one.
pub fn bullet_before(text: &str) -> char {
    other_bullet(last_bullet(text))
}

fn other_bullet(taken: Option<char>) -> char {
    if taken == Some('-') {
        '*'
    } else {
        '-'
    }
}

/// The bullet of the bullet list at the end of a long text, if its last
/// block is one.
fn last_bullet(text: &str) -> Option<char> {
    let text = block(text, 1);
    let mut depth = 0usize;
    let mut edge = None;
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let bullet = matches!(tag, Md::List(None))
                        .then(|| text[range].trim_start().chars().next())
                        .flatten();
                    edge = Some(bullet);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => edge = Some(None),
            _ => {}
        }
    }
    edge.flatten()
}

/// A long text under its heading, followed by a newline; nothing when empty.
fn body(text: &str, min_level: usize) -> String {
    let text = block(text, min_level);
    if text.is_empty() {
        text
    } else {
        format!("{text}\n")
    }
}

/// The last step of every block: HTML that two fields side by side make
/// (one's "<a href=x", the next one's ">") is kept within the block too.
fn finish(markdown: String) -> String {
    html::fields::contained(&markdown, Place::Blocks, options())
}

/// `finish` for a block of one line (a title, a list item): what closes
/// HTML goes at the end of that line, never on a line of its own.
fn finish_line(markdown: String) -> String {
    let (line, newlines) = markdown.split_at(markdown.trim_end_matches('\n').len());
    let lead = line.len() - line.trim_start_matches('\n').len();
    let body = line_contained(line[lead..].to_string());
    format!("{}{body}{newlines}", &line[..lead])
}

/// `html::fields::contained` on one line, until nothing changes: showing
/// one tag as text can make another one a tag to the parser ("<frameset
/// a=b</p>" holds a "<" that no unquoted value may), as in `block`.
fn line_contained(line: String) -> String {
    until_unchanged(line, |l| html::fields::contained(l, Place::Line, options()))
}

/// `step` applied to `text` until it changes nothing (a few rounds at most:
/// each one only shows as text, closes or pushes down what the last exposed).
fn until_unchanged(mut text: String, step: impl Fn(&str) -> String) -> String {
    for _ in 0..8 {
        let next = step(&text);
        if next == text {
            break;
        }
        text = next;
    }
    text
}

/// Inline text that starts a list item: when the parser would read its
/// start as a nested block (a heading, quote, list, rule, fence or task
/// box), the character that opens it is escaped.
pub fn list_text(text: &str, bullet: char) -> String {
    let mut t = inline(text);
    let probe = format!("{bullet} {t}\n");
    let mut events = Parser::new_ext(&probe, options());
    let is_item = matches!(events.next(), Some(Event::Start(Md::List(None))))
        && matches!(events.next(), Some(Event::Start(Md::Item)));
    let nested = !is_item
        || matches!(
            events.next(),
            Some(Event::Start(
                Md::Heading { .. }
                    | Md::BlockQuote(_)
                    | Md::List(_)
                    | Md::CodeBlock(_)
                    | Md::HtmlBlock
            )) | Some(Event::Rule | Event::TaskListMarker(_))
        );
    if nested && !t.is_empty() {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        t.insert(digits, '\\');
    }
    t
}

/// One line of inline Markdown: newlines folded, and a trailing `#` escaped
/// (it would close an ATX heading). Raw HTML is escaped later, by `finish`,
/// once the line is in its final context.
pub fn inline(text: &str) -> String {
    let out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = line_contained(out);
    if out.ends_with('#') && !ends_escaped(&out) {
        out.insert(out.len() - 1, '\\');
    }
    out
}

/// A table cell: inline text whose unescaped pipes are escaped; an empty cell
/// keeps a space so the row still has all its columns.
pub fn cell(text: &str) -> String {
    let text = inline(text);
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0;
    for c in text.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

fn ends_escaped(s: &str) -> bool {
    let before = &s[..s.len() - 1];
    before.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
}

/// A long text (Markdown) placed under a heading of level `min_level - 1`:
/// its own top-level headings are pushed down to at least `min_level`, an
/// unclosed top-level code fence is closed, its HTML is kept within it
/// (see `html::fields`), and what GitHub reads otherwise than the preview
/// is written so both read it alike (see `dialect`).
/// Returns the text trimmed of surrounding blank lines.
pub fn block(text: &str, min_level: usize) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // Each step can expose work for another (HTML shown as text may leave
    // a heading that was inside an HTML block; what closes HTML must not
    // go inside an open fence), so they run until nothing changes.
    let text = text.trim_matches('\n').trim_end().to_string();
    until_unchanged(text, |text| {
        let demoted = demote_headings(text, min_level.clamp(1, 6));
        let next = html::fields::contained(&close_fence(demoted), Place::Blocks, options());
        crate::dialect::task_boxes_ending_a_line(&next, options())
    })
}

fn demote_headings(text: &str, min_level: usize) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<(std::ops::Range<usize>, usize)> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Md::Heading { level, .. }) if depth == 0 => {
                heading = Some((range, level_number(level)));
                depth += 1;
            }
            Event::End(TagEnd::Heading(_)) if depth == 1 => {
                depth -= 1;
                if let Some((range, level)) = heading.take() {
                    if level < min_level {
                        // A blank line after it, as import reads a heading
                        // back: the block under it then stays where it is.
                        let mut atx = atx(&text[range.clone()], min_level);
                        let rest = &text[range.end..];
                        if atx.ends_with('\n') && !rest.is_empty() && !rest.starts_with('\n') {
                            atx.push('\n');
                        }
                        edits.push((range, atx));
                    }
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut out = text.to_string();
    for (range, replacement) in edits.into_iter().rev() {
        out.replace_range(range, &replacement);
    }
    out
}

fn level_number(level: HeadingLevel) -> usize {
    level as usize
}

/// Rewrites one heading's source (ATX or Setext) as an ATX heading.
fn atx(source: &str, level: usize) -> String {
    let trimmed = source.trim_end_matches('\n');
    let lines: Vec<&str> = trimmed.lines().collect();
    let content = if lines.len() > 1
        && lines.last().is_some_and(|l| {
            let l = l.trim();
            !l.is_empty() && (l.chars().all(|c| c == '=') || l.chars().all(|c| c == '-'))
        }) {
        // Setext: the text lines above the underline, joined.
        lines[..lines.len() - 1].iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
    } else {
        trimmed.trim_start().trim_start_matches('#').trim().to_string()
    };
    let newlines = &source[trimmed.len()..];
    // An empty heading gets no space after its marks, as it would read back.
    let space = if content.is_empty() { "" } else { " " };
    format!("{}{space}{}{newlines}", "#".repeat(level), content)
}

/// Appends a closing fence when the text ends inside a top-level fenced code
/// block, which would otherwise run on over the rest of the document.
/// Closes a fenced code block left open at the end of the text, which
/// would otherwise run on over the rest of the document (or, inside a list
/// item or quote, take in the blank line that follows). The closing fence
/// gets the opening line's quote marks and indentation.
fn close_fence(mut text: String) -> String {
    for _ in 0..4 {
        // The last fence opened, and how a line in its block would start.
        let mut last = None;
        for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
            let Event::Start(Md::CodeBlock(CodeBlockKind::Fenced(_))) = event else { continue };
            let source = &text[range.clone()];
            let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let opening = source.trim_start();
            let fence_char = opening.chars().next().unwrap_or('`');
            let fence: String = opening.chars().take_while(|&c| c == fence_char).collect();
            // "> - ```" continues as ">   ": quote marks stay, list markers become spaces.
            let fence_at = range.start + (source.len() - opening.len());
            let prefix: String = text[line_start..fence_at]
                .chars()
                .map(|c| if c == '>' || c == '\t' { c } else { ' ' })
                .collect();
            last = Some((prefix, fence));
        }
        let Some((prefix, fence)) = last else { break };
        // The parser says whether it is still open: a line written after the
        // text, as a line of that block, would be code, in a fence (its
        // prefix alone, once the list ended, may make an indented block).
        // The probe's mark is a character the text does not hold.
        let mark = ('\u{e000}'..='\u{f8ff}').find(|&c| !text.contains(c)).unwrap_or('\u{1}');
        let probe = format!("{text}\n{prefix}{mark}");
        let mut code = false;
        let open = Parser::new_ext(&probe, options()).any(|e| match e {
            Event::Start(Md::CodeBlock(CodeBlockKind::Fenced(_))) => {
                code = true;
                false
            }
            Event::End(TagEnd::CodeBlock) => {
                code = false;
                false
            }
            Event::Text(t) => code && t.contains(mark),
            _ => false,
        });
        if !open {
            break;
        }
        text.push('\n');
        text.push_str(&prefix);
        text.push_str(&fence);
    }
    text
}

#[cfg(test)]
mod tests;
