//! Markdown in: a postmortem written by hand (or by our own export) read
//! back into a [`Document`], with findings about what was noticed on the way.
//!
//! The pipeline: normalise the text (line ends, a ```markdown fence around
//! the whole document, raw HTML escaped the way our export escapes it), cut
//! it into top-level blocks with pulldown-cmark (paragraphs further into
//! lines, since people write headings as bold, ALL-CAPS or bare lines), split
//! the blocks into sections at headings recognised by meaning, then read each
//! section into its fields.
//!
//! Nothing is dropped. A piece of text is structured only when our export of
//! the result has every word it had; otherwise its Markdown source is kept, as
//! written, in the nearest free text (intro, notes, custom sections). Import
//! inverts export: for documents in the form import produces,
//! `import(to_markdown(d))` gives `d` back, and every decision below depends
//! only on what our export writes back the same way.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag as Md, TagEnd};
use time::Duration;

use crate::export;
use crate::model::{CustomSection, Document, Item, Lessons, Status, Tag, Task, TimelineRow};
use crate::render;
use crate::timeline::{Clock, When};
use crate::timeparse::{self, DateOrder};

/// The draft read from the Markdown, and what the reader should look at.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub doc: Document,
    pub findings: Vec<ImportFinding>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFinding {
    pub kind: ImportKind,
    /// 1-based line of the imported text.
    pub line: usize,
    /// A sentence for a person: what is wrong and what to do.
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    ConflictMarker,
    /// Meant as a heading but not one on GitHub, or the reverse.
    NotAHeading,
    BrokenImage,
    /// Raw HTML, which our Markdown shows as text.
    RawHtml,
    /// A ```markdown fence around the document that is never closed.
    UnclosedFence,
    /// A closed ```markdown fence around the whole document.
    FencedDocument,
    /// Lines indented four spaces (so shown as code) read as entries.
    IndentedCode,
    /// The stated duration, the outage window and the timeline disagree.
    DurationMismatch,
    /// An outage told without sections: its window was found in the text.
    NoSections,
    /// No section and no outage time: maybe not a postmortem at all.
    NotAPostmortem,
}

/// Larger input is kept whole in the intro, unread. Import is linear, so
/// this only bounds the time a paste can take.
const MAX_INPUT: usize = 10_000_000;

/// The text without a byte-order mark, with "\n" line ends.
fn normalised(markdown: &str) -> String {
    let text = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

pub fn import(markdown: &str) -> Imported {
    let text = normalised(markdown);
    let mut doc = Document::new();
    let mut findings = Vec::new();
    if text.trim().is_empty() || text.len() > MAX_INPUT {
        let message = if text.trim().is_empty() {
            "The document is empty: there is nothing to import."
        } else {
            "The document is too large to read into sections; all of it was kept in the introduction."
        };
        doc.intro = export::escape_html(text.trim());
        findings.push(finding(ImportKind::NotAPostmortem, 1, message.to_string()));
        return Imported { doc, findings };
    }
    let text = unwrap_fence(text, &mut findings);
    let conflicts = conflict_markers(&text, &mut findings);
    html_and_images(&text, &mut findings);
    // Our export shows raw HTML as text by escaping it; reading the escaped
    // text makes a re-import of our export see exactly what this import saw.
    let src = export::escape_html(&text);
    let mut reader = Reader::new(&src, conflicts);
    reader.read(&mut doc);
    findings.append(&mut reader.findings);
    findings.sort_by_key(|f| f.line);
    Imported { doc, findings }
}

fn finding(kind: ImportKind, line: usize, message: String) -> ImportFinding {
    ImportFinding { kind, line, message }
}

/// Line numbers of byte offsets, by binary search.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(text.match_indices('\n').map(|(i, _)| i).collect())
    }

    fn of(&self, at: usize) -> usize {
        self.0.partition_point(|&nl| nl < at) + 1
    }
}

// ---------------------------------------------------------------- normalise

/// A chat assistant's answer often wraps the whole postmortem in a ```markdown
/// fence: its content is the document. The fence lines are neutralised in
/// place, so line numbers stay: the opening one escaped (its words kept,
/// in the intro), the closing one emptied. A closed fence beside headings
/// of its own is an example, and stays.
fn unwrap_fence(text: String, findings: &mut Vec<ImportFinding>) -> String {
    let (mut depth, mut fence, mut headings) = (0, None, false);
    for (event, range) in Parser::new_ext(&text, render::options()).into_offset_iter() {
        match &event {
            Event::Start(Md::CodeBlock(CodeBlockKind::Fenced(info))) if depth == 0 => {
                let lang = info.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
                if fence.is_none() && (lang == "markdown" || lang == "md") {
                    fence = Some(range);
                }
            }
            Event::Start(Md::Heading { .. }) if depth == 0 => headings = true,
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    let Some(range) = fence else { return text };
    let block = &text[range.clone()];
    let first_end = block.find('\n').map_or(block.len(), |i| i + 1);
    let opening = block[..first_end].trim();
    let marker: String = opening.chars().take_while(|&c| c == '`' || c == '~').collect();
    let body = block[first_end..].trim_end_matches('\n');
    let last_at = body.rfind('\n').map_or(0, |i| i + 1);
    let last = body[last_at..].trim();
    let closed = !body.is_empty()
        && last.len() >= marker.len()
        && last.chars().all(|c| marker.starts_with(c));
    let content = if closed { &body[..last_at] } else { body };
    let holds_heading = Parser::new_ext(content, render::options())
        .any(|e| matches!(e, Event::Start(Md::Heading { .. })));
    if !holds_heading || (closed && headings) {
        return text;
    }
    let line = Lines::new(&text).of(range.start);
    let open_at = range.start + block.find(opening).unwrap_or(0);
    let close_at = if closed { range.start + first_end + last_at } else { range.end };
    let rest = if closed { range.start + first_end + body.len() } else { close_at };
    let (kind, message) = if closed {
        (ImportKind::FencedDocument, format!("Line {line}: the document sits inside a {opening} code block, so GitHub shows all of it as code. It was imported as Markdown; delete the fence lines (the opening one is kept in the introduction)."))
    } else {
        (ImportKind::UnclosedFence, format!("Line {line}: a {opening} fence that is never closed holds the rest of the document, so GitHub shows it all as code. It was imported as Markdown; delete the fence line, kept in the introduction."))
    };
    findings.push(finding(kind, line, message));
    format!("{}\\{}{}", &text[..open_at], &text[open_at..close_at], &text[rest..])
}

/// Reports each unresolved merge conflict; says whether there is one.
fn conflict_markers(text: &str, findings: &mut Vec<ImportFinding>) -> bool {
    let marker = |l: &str, m: &str| l == m || l.strip_prefix(m).is_some_and(|r| r.starts_with(' '));
    let mut any = false;
    for (n, _) in text.lines().enumerate().filter(|(_, l)| marker(l, "<<<<<<<")) {
        any = true;
        findings.push(finding(ImportKind::ConflictMarker, n + 1, format!("Line {}: unresolved merge conflict (<<<<<<<, =======, >>>>>>>). Both sides were imported: keep the one you want and delete the other and the marker lines.", n + 1)));
    }
    any
}

/// Raw HTML (shown as text by our export) and images that cannot show.
fn html_and_images(text: &str, findings: &mut Vec<ImportFinding>) {
    let lines = Lines::new(text);
    let (mut tags, mut code): (Vec<(String, usize, usize)>, i32) = (Vec::new(), 0);
    for (event, range) in Parser::new_ext(text, render::options()).into_offset_iter() {
        let line = lines.of(range.start);
        let image = |message: &str| {
            finding(ImportKind::BrokenImage, line, format!("Line {line}: {message}"))
        };
        match event {
            Event::Start(Md::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code -= 1,
            Event::InlineHtml(raw) if render::is_line_break(&raw) => {}
            Event::Html(raw) | Event::InlineHtml(raw) if !raw.trim_start().starts_with("</") => {
                let name = raw.trim_start_matches(['<', '!']).chars();
                let name: String =
                    name.take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                match tags.iter_mut().find(|t| t.0.eq_ignore_ascii_case(&name)) {
                    Some(t) => t.2 += 1,
                    None if !name.is_empty() => tags.push((name.to_ascii_lowercase(), line, 0)),
                    None => {}
                }
            }
            Event::Start(Md::Image { dest_url, .. }) if dest_url.trim().is_empty() => {
                findings.push(image(
                    "an image has no address, so nothing shows. Add it: ![description](address).",
                ));
            }
            Event::Start(Md::Image { dest_url, .. })
                if dest_url.contains("github.com/") && dest_url.contains("/blob/") =>
            {
                findings.push(image("the image points to a GitHub page (…/blob/…), not to the picture itself, so it shows as broken. Use the raw file: replace \"/blob/\" with \"/raw/\" in its address."));
            }
            Event::Text(t) if code == 0 && t.contains("![") => {
                findings.push(image("\"![\" does not start an image here. Write images as ![description](address), with nothing between \"]\" and \"(\" and no spaces in the address."));
            }
            _ => {}
        }
    }
    for (name, line, more) in tags {
        let more = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        let advice = "Rewrite it in Markdown (an image is ![description](address)) or delete it.";
        findings.push(finding(ImportKind::RawHtml, line, format!("Line {line}: raw HTML <{name}>{more} is kept as text, since our Markdown never passes HTML through. {advice}")));
    }
}

// ------------------------------------------------------------------- blocks

/// A part of the source: a block, a line, an item's value.
type Piece = Range<usize>;

#[derive(Clone, Debug)]
struct Block {
    /// From the start of its first line; no trailing newline.
    range: Piece,
    kind: BKind,
}

#[derive(Clone, Debug)]
enum BKind {
    /// Level, and the text between the marks.
    Heading(usize, Piece),
    /// One line of a top-level paragraph, and which paragraph.
    Line(usize),
    /// Whether ordered, and the items.
    List(bool, Vec<ListItem>),
    /// Cell ranges, the header row first.
    Table(Vec<Vec<Piece>>),
    /// Whether indented (not fenced).
    Code(bool),
    Rule,
    Other,
}

#[derive(Clone, Debug)]
struct ListItem {
    range: Piece,
    /// After the marker and the task box.
    body: Piece,
    /// One paragraph, nothing nested.
    simple: bool,
    checked: Option<bool>,
    bullet: char,
}

/// A thematic break: "---", "***", "* * *".
fn is_rule(text: &str) -> bool {
    let marks: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && "-*_".contains(marks[0]) && marks.iter().all(|&c| c == marks[0])
}

/// `at`, or the start of its line when only blanks come before it there.
fn line_start(src: &str, at: usize) -> usize {
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    if src[start..at].trim().is_empty() {
        start
    } else {
        at
    }
}

fn trim_end_at(src: &str, range: Piece) -> Piece {
    range.start..range.start + src[range.clone()].trim_end().len()
}

/// The lines of a range, each trimmed at its end.
fn lines_of(src: &str, range: Piece) -> Vec<Piece> {
    let mut at = range.start;
    let mut out = Vec::new();
    for line in src[range].split('\n') {
        out.push(trim_end_at(src, at..at + line.len()));
        at += line.len() + 1;
    }
    out
}

/// The top-level blocks of `src[within]`. Paragraphs come out line by line;
/// a Setext heading made by accident (a `---` under several lines of text,
/// or a merge conflict's `=======`) comes out as the lines it is, and its
/// underline's offset goes to `accidents`. Text the parser gives no event
/// (link definitions) becomes a block of its own, so that it is kept.
fn scan(src: &str, within: Piece, conflicts: bool, accidents: &mut Vec<usize>) -> Vec<Block> {
    let (base, text) = (within.start, &src[within]);
    let mut out = Vec::new();
    let (mut depth, mut last_end, mut para, mut children) = (0usize, 0, 0, 0);
    let mut open: Option<(BKind, usize)> = None;
    let (mut items, mut rows): (Vec<ListItem>, Vec<Vec<Piece>>) = (Vec::new(), Vec::new());
    let gap = |out: &mut Vec<Block>, from: usize, to: usize| {
        if to > from && !text[from..to].trim().is_empty() {
            let start = base + to - text[from..to].trim_start().len();
            out.push(Block {
                range: trim_end_at(src, line_start(src, start)..base + to),
                kind: BKind::Other,
            });
        }
    };
    for (event, r) in Parser::new_ext(text, render::options()).into_offset_iter() {
        let range = base + r.start..base + r.end;
        match event {
            Event::Start(tag) => {
                match (depth, &tag) {
                    (0, _) => {
                        gap(&mut out, last_end, r.start);
                        let kind = match &tag {
                            Md::Heading { level, .. } => {
                                BKind::Heading(*level as usize, range.clone())
                            }
                            Md::Paragraph => BKind::Line(0),
                            Md::List(first) => BKind::List(first.is_some(), Vec::new()),
                            Md::Table(_) => BKind::Table(Vec::new()),
                            Md::CodeBlock(k) => BKind::Code(matches!(k, CodeBlockKind::Indented)),
                            _ => BKind::Other,
                        };
                        open = Some((kind, range.start));
                        items.clear();
                        rows.clear();
                    }
                    (1, Md::Item) => {
                        let bullet = src[range.clone()].trim_start().chars().next().unwrap_or('-');
                        children = 0;
                        let body = range.clone();
                        items.push(ListItem {
                            range: range.clone(),
                            body,
                            simple: true,
                            checked: None,
                            bullet,
                        });
                    }
                    (1, Md::TableHead | Md::TableRow) => rows.push(Vec::new()),
                    (2, Md::TableCell) => {
                        rows.last_mut().into_iter().for_each(|row| row.push(range.clone()))
                    }
                    (2, Md::Paragraph | Md::List(_) | Md::CodeBlock(_) | Md::BlockQuote(_))
                    | (2, Md::Heading { .. } | Md::HtmlBlock | Md::Table(_)) => {
                        children += 1;
                        if let Some(item) = items.last_mut() {
                            item.simple &= children == 1 && matches!(tag, Md::Paragraph);
                        }
                    }
                    _ => {}
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                let Some((kind, start)) = open.take_if(|_| depth == 0) else { continue };
                last_end = r.end;
                let whole = trim_end_at(src, line_start(src, start)..range.end);
                match kind {
                    BKind::Heading(level, _) => {
                        heading(src, whole, level, conflicts, &mut para, accidents, &mut out)
                    }
                    BKind::Line(_) => {
                        para += 1;
                        let lines = lines_of(src, whole).into_iter().filter(|l| !l.is_empty());
                        out.extend(lines.map(|range| Block { range, kind: BKind::Line(para) }));
                    }
                    BKind::List(ordered, _) => {
                        let mut items = std::mem::take(&mut items);
                        for i in &mut items {
                            i.range = trim_end_at(src, line_start(src, i.range.start)..i.range.end);
                            i.body = item_body(src, i);
                        }
                        // What the list holds after its last item (a link definition) is kept apart.
                        let end = items.last().map_or(whole.end, |i| i.range.end);
                        out.push(Block {
                            range: whole.start..end,
                            kind: BKind::List(ordered, items),
                        });
                        gap(&mut out, end - base, whole.end - base);
                    }
                    BKind::Table(_) => out.push(Block {
                        range: whole,
                        kind: BKind::Table(std::mem::take(&mut rows)),
                    }),
                    kind => out.push(Block { range: whole, kind }),
                }
            }
            Event::TaskListMarker(checked) => {
                items.last_mut().into_iter().for_each(|i| i.checked = Some(checked))
            }
            Event::Rule if depth == 0 => {
                gap(&mut out, last_end, r.start);
                last_end = r.end;
                out.push(Block {
                    range: trim_end_at(src, line_start(src, range.start)..range.end),
                    kind: BKind::Rule,
                });
            }
            Event::Rule if depth == 2 => {
                items.last_mut().into_iter().for_each(|i| i.simple = false)
            }
            _ => {}
        }
    }
    gap(&mut out, last_end, text.len());
    out
}

/// A heading block, with the range of its text; or, for an accidental
/// Setext heading, the lines of text it is.
fn heading(
    src: &str,
    whole: Piece,
    level: usize,
    conflicts: bool,
    para: &mut usize,
    accidents: &mut Vec<usize>,
    out: &mut Vec<Block>,
) {
    let text = &src[whole.clone()];
    let lead = text.len() - text.trim_start().len();
    if text[lead..].starts_with('#') {
        // ATX: after the marks, before an optional closing sequence.
        let after = text[lead..].trim_start_matches('#');
        let mut content = after.trim();
        let stripped = content.trim_end_matches('#');
        if stripped.is_empty() || stripped.ends_with([' ', '\t']) {
            content = stripped.trim_end();
        }
        let start = whole.start + text.len() - after.trim_start().len();
        out.push(Block { range: whole, kind: BKind::Heading(level, start..start + content.len()) });
        return;
    }
    let underline_at = text.rfind('\n').unwrap_or(0);
    let lines = whole.start..whole.start + underline_at;
    if text[..underline_at].contains('\n')
        || (conflicts && text[underline_at..].trim() == "=======")
    {
        *para += 1;
        out.extend(
            lines_of(src, lines).into_iter().map(|range| Block { range, kind: BKind::Line(*para) }),
        );
        accidents.push(whole.start + underline_at + 1);
        return;
    }
    let content = whole.start + lead..lines.end;
    out.push(Block { range: whole, kind: BKind::Heading(level, content) });
}

fn item_body(src: &str, item: &ListItem) -> Piece {
    let text = &src[item.range.clone()];
    let marker = text.trim_start().trim_start_matches(|c: char| c.is_ascii_digit());
    let mut rest = marker
        .strip_prefix(['-', '*', '+', '.', ')'])
        .unwrap_or(marker)
        .trim_start_matches([' ', '\t']);
    if item.checked.is_some() && rest.starts_with('[') && rest.is_char_boundary(3) {
        rest = rest[3..].trim_start_matches([' ', '\t']);
    }
    let start = item.range.start + text.len() - rest.len();
    start..item.range.end.max(start)
}

// ------------------------------------------------------------ names of things

/// What a heading (or a label) names. The first of each group heads a
/// section; the others are its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum K {
    Summary,
    Timeline,
    RcR,
    RootCause,
    Resolution,
    Misleading,
    Escalation,
    Lessons,
    WentWell,
    WentWrong,
    GotLucky,
    Measures,
    Improvements,
    Tasks,
    /// A section people often add that has no place of its own ("Conclusion").
    Custom,
}

impl K {
    /// The section a part belongs to.
    fn section(self) -> K {
        match self {
            K::RootCause | K::Resolution => K::RcR,
            K::WentWell | K::WentWrong | K::GotLucky => K::Lessons,
            K::Improvements | K::Tasks => K::Measures,
            k => k,
        }
    }

    /// The standard heading, which stands in for an author's heading that
    /// has no word it lacks.
    fn standard(self) -> &'static str {
        use export::*;
        match self {
            K::Summary => SUMMARY,
            K::Timeline => TIMELINE,
            K::RcR => ROOT_CAUSE_AND_RESOLUTION,
            K::RootCause => ROOT_CAUSE,
            K::Resolution => RESOLUTION,
            K::Misleading => MISLEADING,
            K::Escalation => ESCALATION,
            K::Lessons => LESSONS,
            K::WentWell => WENT_WELL,
            K::WentWrong => WENT_WRONG,
            K::GotLucky => GOT_LUCKY,
            K::Measures | K::Improvements => MEASURES,
            K::Tasks => TASKS,
            K::Custom => NOTES,
        }
    }

    /// The author's heading, kept when the standard one would lose a word of it.
    fn heading(self, written: &str) -> String {
        if covered(written, self.standard()) {
            String::new()
        } else {
            written.to_string()
        }
    }
}

/// Section names by their words, most specific first: the first kind with
/// one of its phrases in a heading is what the heading names.
#[rustfmt::skip]
const NAMES: &[(K, &[&str])] = &[
    (K::Lessons, &["lessons", "learnings", "takeaways"]),
    (K::Timeline, &["timeline", "chronology", "sequence of events", "time line"]),
    (K::Summary, &["summary", "overview", "tldr"]),
    (K::WentWell, &["went well", "went right", "what worked"]),
    (K::WentWrong, &["went wrong", "didnt work", "did not work", "didnt go well"]),
    (K::GotLucky, &["lucky", "luck"]),
    (K::Misleading, &["misleading", "red herring", "red herrings", "dead ends"]),
    (K::Escalation, &["escalation", "escalations"]),
    (K::RootCause, &["cause", "causes"]),
    (K::Resolution, &["resolution", "recovery", "remediation", "mitigation"]),
    (K::Tasks, &["task", "tasks", "todo", "todos", "action items", "action item", "next steps", "to do"]),
    (K::Measures, &["corrective", "preventive", "preventative", "prevention", "measures", "followup", "follow up"]),
    (K::Improvements, &["improvement", "improvements"]),
    (K::Custom, &["conclusion", "background", "appendix", "references", "impact", "detection", "trigger",
        "debugging", "glossary", "actions taken", "supporting information"]),
];

/// Words a bare line may hold besides those of `NAMES` and still be a heading.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "and", "of", "the", "or", "a", "our", "issue", "incident", "outage", "problem", "root", "what",
    "where", "we", "got", "list", "items", "steps", "investigation", "paths", "detailed", "schedule",
    "contributing", "factors", "fix", "fixes", "needed", "learned", "happened", "executive",
];

/// Lower-case words of a heading, for matching: parenthesised asides,
/// footnote links, emphasis and emoji left out.
fn name_words(text: &str) -> Vec<String> {
    let (mut plain, mut nested) = (String::new(), 0usize);
    for c in text.chars() {
        match c {
            '(' | '[' => nested += 1,
            ')' | ']' => nested = nested.saturating_sub(1),
            '\'' | '’' => {}
            '&' if nested == 0 => plain.push_str(" and "),
            c if nested == 0 => plain.push(if c.is_alphanumeric() { c } else { ' ' }),
            _ => {}
        }
    }
    plain.split_whitespace().map(str::to_lowercase).collect()
}

fn has(w: &[String], any: &[&str]) -> bool {
    w.iter().any(|x| any.contains(&x.as_str()))
}

fn phrase(w: &[String], p: &str) -> bool {
    let p: Vec<&str> = p.split(' ').collect();
    w.windows(p.len()).any(|win| win.iter().zip(&p).all(|(a, b)| a == b))
}

/// What a heading's text names, by its words. `strict` for lines that are
/// headings only by their look (bold, capitals, bare), which must be short.
fn classify(text: &str, strict: bool) -> Option<K> {
    let w = name_words(text);
    if w.is_empty() || w.len() > if strict { 6 } else { 8 } {
        return None;
    }
    let named = |k: K| NAMES.iter().any(|n| n.0 == k && n.1.iter().any(|p| phrase(&w, p)));
    if named(K::RootCause)
        && has(
            &w,
            &["resolution", "fix", "fixes", "recovery", "remediation", "resolve", "resolved"],
        )
    {
        return Some(K::RcR);
    }
    if w == ["what", "happened"] {
        return Some(K::Summary);
    }
    let k = NAMES.iter().map(|n| n.0).find(|&k| named(k))?;
    // "Postmortem: the debugging story" is a title, not a custom section.
    (k != K::Custom || !has(&w, &["postmortem"])).then_some(k)
}

/// A bare line is a heading only when all its words are names of sections.
fn all_section_words(text: &str) -> bool {
    name_words(text).iter().all(|w| {
        FILLER.contains(&w.as_str())
            || NAMES.iter().any(|n| n.1.iter().any(|p| p.split(' ').any(|x| x == w)))
    })
}

fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every word of `text` is in `by`.
fn covered(text: &str, by: &str) -> bool {
    words(text).is_subset(&words(by))
}

/// An item's source without the number of a numbered list ("1." or "1)").
fn without_number(src: &str, item: Piece) -> Piece {
    let text = &src[item.clone()];
    let pad = text.len() - text.trim_start().len();
    let digits = text[pad..].bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[pad + digits..].starts_with(['.', ')']) {
        item.start + pad + digits + 1..item.end
    } else {
        item
    }
}

/// The words of `source` (runs of letters and digits, compared without
/// case) that `exported` lacks: what "import never drops text" is checked
/// with. The numbers of numbered lists do not count: they are markup
/// (GitHub renumbers a list), and an entry's number is its place.
/// The words of the fence lines `import` neutralises still count.
pub fn words_lost(source: &str, exported: &str) -> Vec<String> {
    // The lists are looked for where `import` looks: inside the ```markdown
    // fence a chat assistant wraps a whole document in.
    let source = unwrap_fence(normalised(source), &mut Vec::new());
    let source = source.as_str();
    let mut text = source.to_string();
    for (event, range) in Parser::new_ext(source, render::options()).into_offset_iter() {
        // A list item, or a line of an HTML block, which is read line by
        // line and so may hold numbered entries too.
        if matches!(event, Event::Start(Md::Item) | Event::Html(_)) {
            let kept = without_number(source, range.clone());
            if !source[kept.clone()].starts_with(char::is_whitespace) && !kept.is_empty() {
                continue;
            }
            // The number and its "." or ")", blanked.
            text.replace_range(range.start..kept.start, &" ".repeat(kept.start - range.start));
        }
    }
    let out = words(exported);
    let mut lost: Vec<String> = words(&text).into_iter().filter(|w| !out.contains(w)).collect();
    lost.sort();
    lost
}

/// One line: whitespace folded, and the `\#` that `export::inline` writes
/// for a trailing `#` read back as `#`.
fn single(s: &str) -> String {
    let mut out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.ends_with("\\#")
        && out[..out.len() - 1].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
    {
        out.remove(out.len() - 2);
    }
    out
}

/// "**14:10**" without the emphasis, which says nothing about the time.
fn unwrap_marks(s: &str) -> String {
    for m in ["**", "__", "`", "*", "_"] {
        match s.strip_prefix(m).and_then(|i| i.strip_suffix(m)) {
            Some(inner) if !inner.trim().is_empty() && !inner.contains(m) => {
                return inner.trim().to_string()
            }
            _ => {}
        }
    }
    s.to_string()
}

/// A table cell as typed: without the `\` that `export::cell` puts before `|`.
fn uncell(s: &str) -> String {
    let (mut out, mut slashes) = (String::with_capacity(s.len()), 0);
    for c in s.chars() {
        if c == '|' && slashes % 2 == 1 {
            out.pop();
        }
        slashes = if c == '\\' { slashes + 1 } else { 0 };
        out.push(c);
    }
    single(&out)
}

/// Emoji, bullets and punctuation around a label.
fn trim_deco(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric() && !"()[]".contains(c))
}

/// "**Label:** value", "**Label**: value" or "Label: value": the label as
/// written (without emphasis and colon) and where in `line` the value starts.
fn split_label(line: &str) -> Option<(String, usize)> {
    let t = line.trim_start();
    let found = |name: &str, after: &str| {
        Some((trim_deco(name).to_string(), line.len() - after.trim_start().len()))
    };
    for mark in ["**", "__"] {
        let Some(rest) = t.strip_prefix(mark) else { continue };
        let close = rest.find(mark)?;
        let (inner, after) = (&rest[..close], &rest[close + mark.len()..]);
        let (name, after) = match inner.trim_end().strip_suffix(':') {
            Some(n) => (n, after),
            None => (inner, after.strip_prefix(':')?),
        };
        let name = trim_deco(name);
        let ok = !name.is_empty()
            && !name.contains(['*', '_', '`'])
            && name.split_whitespace().count() <= 6;
        return if ok { found(name, after) } else { None };
    }
    let (name, after) = t.split_once(':')?;
    let name = trim_deco(name);
    let ok = (after.is_empty() || after.starts_with(char::is_whitespace))
        && !name.contains(['*', '`', '[', ']', '(', ')', '<', '>', '|', '#', '\\'])
        && name.chars().any(char::is_alphabetic)
        && name.split_whitespace().count() <= 5
        && !t.starts_with(|c: char| !c.is_alphanumeric() && !"*_•".contains(c));
    if ok {
        found(name, after)
    } else {
        None
    }
}

/// How a heading is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Real(usize),
    /// "#Heading": GitHub shows the marks.
    Hash(usize),
    Bold,
    Caps,
    Bare,
}

/// A line written to be a heading without heading syntax, and its text.
fn looks_like_heading(line: &str) -> Option<(Style, String)> {
    let t = line.trim();
    let marks = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&marks)
        && t[marks..].starts_with(char::is_alphabetic)
        && line.len() - line.trim_start().len() < 4
    {
        return Some((Style::Hash(marks), t[marks..].trim().to_string()));
    }
    for mark in ["**", "__"] {
        let lead = t.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '*' && c != '_');
        let Some((inner, after)) = lead.strip_prefix(mark).and_then(|r| r.rsplit_once(mark)) else {
            continue;
        };
        // After the bold part: a colon, emoji or footnote links only.
        let tail_plain = name_words(after).concat().chars().all(|c| c.is_ascii_digit());
        if !inner.contains(mark) && tail_plain && !inner.trim().is_empty() {
            return Some((Style::Bold, trim_deco(inner).trim_end_matches(':').trim().to_string()));
        }
    }
    let d = trim_deco(t);
    let caps =
        d.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !d.chars().any(char::is_lowercase);
    if caps && d.split_whitespace().count() <= 8 && !t.starts_with(['|', '>', '-', '*', '+']) {
        return Some((Style::Caps, d.trim_end_matches(':').trim().to_string()));
    }
    let bare = !t.ends_with(['.', ',', ';'])
        && !t.starts_with('|')
        && !t.contains("](")
        && split_label(t).is_none_or(|(_, v)| v >= t.len());
    bare.then(|| (Style::Bare, d.trim_end_matches(':').trim().to_string()))
}

/// A line that is a heading by its look, naming a section: its style, text
/// and kind (none when it names nothing, for a title).
fn pseudo_heading(line: &str) -> Option<(Style, String, Option<K>)> {
    let (style, name) = looks_like_heading(line)?;
    let kind = classify(&name, true).filter(|&k| match style {
        Style::Bare => k != K::Custom && all_section_words(&name),
        _ => true,
    });
    Some((style, name, kind))
}

/// A heading found in the text: real, or a line that is one by its look.
#[derive(Clone, Debug)]
struct Head {
    style: Style,
    /// As written, on one line.
    raw: String,
    /// What it says, without marks or colon.
    name: String,
    /// What the heading names.
    kind: Option<K>,
    /// "Label: value" headings: the label, and the value's source.
    label: Option<(String, Piece)>,
}

impl Head {
    fn level(&self) -> Option<usize> {
        match self.style {
            Style::Real(l) => Some(l),
            _ => None,
        }
    }
}

/// A part of a section: its label as written, if it had one, and its text.
type Part = (Option<String>, Vec<Piece>);

/// A label: a heading, a bold or bare line, or "**Label:** value".
#[derive(Default)]
struct Label {
    text: String,
    kind: Option<K>,
    value: Option<Piece>,
}

// ------------------------------------------------------------------ reading

struct Section {
    kind: K,
    /// The heading that opened it.
    head: Option<usize>,
    blocks: Vec<usize>,
}

struct Reader<'a> {
    src: &'a str,
    lines: Lines,
    blocks: Vec<Block>,
    /// The heading each block is, if any.
    heads: Vec<Option<Head>>,
    order: DateOrder,
    findings: Vec<ImportFinding>,
}

impl<'a> Reader<'a> {
    fn new(src: &'a str, conflicts: bool) -> Reader<'a> {
        let mut accidents = Vec::new();
        let blocks = scan(src, 0..src.len(), conflicts, &mut accidents);
        let (lines, order) = (Lines::new(src), timeparse::guess_date_order(src));
        let mut r = Reader { src, lines, blocks, heads: Vec::new(), order, findings: Vec::new() };
        r.heads = (0..r.blocks.len()).map(|i| r.head(i)).collect();
        for at in accidents {
            let (line, underline) = (r.lines.of(at), src[at..].lines().next().unwrap_or("").trim());
            r.say(ImportKind::NotAHeading, at, format!("Line {line}: the \"{underline}\" line right under text makes GitHub show the lines above it as one big heading. They were read as text; leave a blank line before it (or delete it)."));
        }
        for (i, h) in r.heads.iter().enumerate() {
            if let Some(Head { style: Style::Hash(n), raw, .. }) = h {
                let (line, marks) = (r.lines.of(r.blocks[i].range.start), "#".repeat(*n));
                let message = format!("Line {line}: \"{marks}{raw}\" is not a heading on GitHub, which needs a space after \"{marks}\". It was read as one; add the space.");
                r.findings.push(finding(ImportKind::NotAHeading, line, message));
            }
        }
        r
    }

    fn say(&mut self, kind: ImportKind, at: usize, message: String) {
        let line = self.lines.of(at);
        self.findings.push(finding(kind, line, message));
    }

    fn text(&self, r: &Piece) -> &'a str {
        &self.src[r.clone()]
    }

    fn ranges(&self, blocks: &[usize]) -> Vec<Piece> {
        blocks.iter().map(|&i| self.blocks[i].range.clone()).collect()
    }

    /// Pieces of source as one text: neighbours (only blank lines between)
    /// as they are, others as paragraphs of their own. Rules before or after
    /// the text only separated it from its neighbours.
    fn render(&self, pieces: &[Piece]) -> String {
        let pieces: Vec<&Piece> = pieces.iter().filter(|p| !p.is_empty()).collect();
        let rule = |p: &&&Piece| is_rule(self.text(p));
        let start = pieces.iter().take_while(rule).count();
        let end = pieces.len() - pieces[start..].iter().rev().take_while(rule).count();
        let (mut out, mut prev) = (String::new(), None);
        for p in &pieces[start..end] {
            match prev {
                Some(end) if end <= p.start && self.src[end..p.start].trim().is_empty() => {
                    out.push_str(&self.src[end..p.end])
                }
                _ => {
                    if !out.is_empty() {
                        out.push_str("\n\n");
                    }
                    out.push_str(self.text(p));
                }
            }
            prev = Some(p.end);
        }
        out.trim_matches('\n').trim_end().to_string()
    }

    /// The heading block `i` is, by syntax or by look.
    fn head(&self, i: usize) -> Option<Head> {
        let b = &self.blocks[i];
        if let BKind::Heading(level, content) = &b.kind {
            let raw = single(self.text(content));
            // A value of footnote links only ("**Action Items**:^[2](url)^") is none.
            let label = split_label(self.text(content))
                .filter(|(_, v)| !name_words(&self.text(content)[*v..]).is_empty());
            let label = label.map(|(l, v)| (l, content.start + v..content.end));
            // "# Root Cause: the certificate expired" names its label's part.
            let kind = classify(&raw, false).or_else(|| {
                let k = classify(&label.as_ref()?.0, true)?;
                (k.section() != k).then_some(k)
            });
            return Some(Head { style: Style::Real(*level), kind, name: raw.clone(), raw, label });
        }
        let BKind::Line(_) = b.kind else { return None };
        let (style, name, kind) = pseudo_heading(self.text(&b.range))?;
        // A first line that names nothing may still be the title.
        let title = i == 0
            && name.split_whitespace().count() <= 10
            && lead_time(&name, self.order).is_none()
            && !matches!(style, Style::Bold);
        if kind.is_none() && !title {
            return None;
        }
        let raw =
            if let Style::Hash(_) = style { single(&name) } else { single(self.text(&b.range)) };
        Some(Head { style, raw, kind, name: single(&name), label: None })
    }

    /// The document's title: its first heading, when that names no section
    /// (or says "postmortem"), and the block it is.
    fn title(&self) -> Option<(Option<usize>, String)> {
        let any_real = self.heads.iter().flatten().any(|h| h.level().is_some());
        let any_pseudo =
            self.heads.iter().flatten().any(|h| h.level().is_none() && h.kind.is_some());
        for (i, h) in self.heads.iter().enumerate() {
            let Some(h) = h else {
                // An HTML title, escaped by now: "\<h1>...\</h1>"; its line stays in the intro.
                let t = self.text(&self.blocks[i].range);
                let inner = t.find("\\<h1").and_then(|at| Some(&t[at + t[at..].find('>')? + 1..]));
                match inner
                    .map(|t| t.split("\\</h1").next().unwrap_or(t))
                    .filter(|t| !t.trim().is_empty())
                {
                    Some(inner) => return Some((None, single(inner))),
                    None => continue,
                }
            };
            let unnamed = h.kind.is_none() || h.raw.to_lowercase().contains("postmortem");
            return match h.style {
                Style::Real(level) if unnamed && (i == 0 || level == 1) => {
                    Some((Some(i), h.raw.clone()))
                }
                Style::Hash(_) if unnamed && i == 0 => Some((Some(i), h.raw.clone())),
                Style::Caps | Style::Bare if unnamed && i == 0 && !any_real && any_pseudo => {
                    Some((Some(i), h.raw.clone()))
                }
                // A line that only looked like a heading.
                _ if h.kind.is_none() && h.level().is_none() => continue,
                _ => None,
            };
        }
        None
    }

    fn read(&mut self, doc: &mut Document) {
        let title = self.title();
        doc.title = title.as_ref().map(|t| title_text(&t.1)).unwrap_or_default();
        let (intro, sections) = self.sections(title.and_then(|t| t.0));
        let intro = self.meta(&self.trim_rules(&intro), doc);
        let has_summary = sections.iter().any(|s| s.kind == K::Summary);
        // Without a summary section, field lines before the first section
        // ("**Impact:** ...") are the summary.
        let mut summary = if has_summary { Vec::new() } else { self.segments(&intro) };
        doc.intro = self.render(&self.ranges(&intro));
        let (mut rows, mut table_heads, mut hints) = (Vec::new(), Vec::new(), Vec::new());
        for s in &sections {
            let blocks = self.trim_rules(&s.blocks);
            let head = s.head.and_then(|i| self.heads[i].clone());
            let own = |k: K| head.as_ref().map(|h| k.heading(&h.raw)).unwrap_or_default();
            match s.kind {
                K::Summary => {
                    doc.headings.summary = own(K::Summary);
                    summary.extend(self.segments(&blocks));
                }
                K::Timeline => {
                    doc.headings.timeline = own(K::Timeline);
                    hints.extend(head.map(|h| h.raw));
                    let notes = self.timeline(&blocks, &mut rows, &mut table_heads, &mut hints);
                    doc.timeline_notes = self.render(&notes);
                    hints.push(doc.timeline_notes.clone());
                }
                K::RcR => self.root_cause(s.head, &blocks, doc),
                K::Misleading => {
                    doc.headings.misleading = own(K::Misleading);
                    doc.misleading = Some(self.render(&self.ranges(&blocks)));
                }
                K::Escalation => {
                    doc.headings.escalation = own(K::Escalation);
                    doc.escalation = Some(self.render(&self.ranges(&blocks)));
                }
                K::Lessons if self.lessons(s.head, &blocks, doc) => {}
                K::Measures => self.measures(s.head, &blocks, doc),
                _ => {
                    let heading = head.map(|h| h.raw).unwrap_or_default();
                    doc.custom.push(CustomSection {
                        id: 0,
                        heading,
                        body: self.render(&self.ranges(&blocks)),
                    });
                }
            }
        }
        doc.timeline = rows.iter().map(|r| r.row.clone()).collect();
        self.finish_summary(doc, &mut summary, &hints, has_summary);
        self.finish_timeline(doc, &table_heads);
        if !has_summary {
            let notes: Vec<Piece> =
                summary.iter().filter(|s| !s.used).flat_map(|s| s.pieces.clone()).collect();
            doc.intro = self.render(&notes);
        }
        self.duration_mismatch(doc, &summary, &rows);
        if sections.iter().all(|s| s.kind == K::Custom) {
            // An outage told as a story still gives its window: it is a
            // postmortem without sections, not something else.
            let found = if doc.summary.start.trim().is_empty() {
                (ImportKind::NotAPostmortem, "No postmortem section (summary, timeline, root cause, corrective measures) and no outage time were found, so this may not be a postmortem. Its text was kept in the introduction and in custom sections; add headings such as \"Issue Summary\" and \"Timeline\" to structure it.".to_string())
            } else {
                (ImportKind::NoSections, format!("This outage report has no sections (summary, timeline, root cause, corrective measures), so its text was kept in the introduction and in custom sections; the outage start ({}) was read from it. Move the text into the form's sections, or add headings such as \"Issue Summary\" and \"Timeline\" and import it again.", doc.summary.start.trim()))
            };
            self.findings.push(finding(found.0, 1, found.1));
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
    }

    /// Without rules right after a heading or at a section's end: they only
    /// separate sections.
    fn trim_rules(&self, blocks: &[usize]) -> Vec<usize> {
        let rule = |i: &&usize| matches!(self.blocks[**i].kind, BKind::Rule);
        let start = blocks.iter().take_while(rule).count();
        let end = blocks.len() - blocks[start..].iter().rev().take_while(rule).count();
        blocks[start..end].to_vec()
    }

    /// Splits the blocks at section headings; what comes before the first
    /// one is the intro. A second section of a kind joins the first.
    fn sections(&self, title: Option<usize>) -> (Vec<usize>, Vec<Section>) {
        // The level sections are written at (the commonest level of the
        // headings that name sections); headings below it belong to the text.
        let mode = |pick: &dyn Fn(&Head) -> bool| {
            let mut count = [0usize; 7];
            for (i, h) in self.heads.iter().enumerate() {
                if let Some(h) =
                    h.as_ref().filter(|h| Some(i) != title && h.label.is_none() && pick(h))
                {
                    count[h.level().unwrap_or(0).min(6)] += 1;
                }
            }
            (1..7).filter(|&l| count[l] > 0).max_by_key(|&l| (count[l], std::cmp::Reverse(l)))
        };
        let pseudo = self.heads.iter().flatten().any(|h| h.level().is_none() && h.kind.is_some());
        let level = mode(&|h| h.kind.is_some_and(|k| k != K::Custom && k.section() == k))
            .or_else(|| mode(&|h| h.kind.is_some_and(|k| k != K::Custom)))
            .or_else(|| if pseudo { None } else { mode(&|_| true) })
            .unwrap_or(2);
        let (mut intro, mut sections) = (Vec::new(), Vec::<Section>::new());
        let mut cur: Option<usize> = None;
        for i in (0..self.blocks.len()).filter(|&i| Some(i) != title) {
            let Some(h) = &self.heads[i] else {
                cur.map_or(&mut intro, |c| &mut sections[c].blocks).push(i);
                continue;
            };
            let kind = cur.map(|c| sections[c].kind).filter(|&k| k != K::Custom);
            // A label of the section's own fields or parts, written as a heading.
            let label = h
                .label
                .as_ref()
                .map(|l| l.0.as_str())
                .or(h.level().is_none().then_some(h.name.as_str()));
            let fits = label.is_some_and(|l| match kind {
                Some(K::Summary) => summary_field(l).is_some(),
                Some(k) => classify(l, true).is_some_and(|x| x.section() == k),
                None => false,
            });
            let body = fits
                || (kind.is_some() && h.kind.map(K::section) == kind)
                || h.level().is_some_and(|l| l > level)
                // "# Improve monitoring:" above the sections' level, in a section: a label.
                || (h.level().is_some_and(|l| l < level) && h.kind.is_none() && h.raw.ends_with(':') && kind.is_some())
                // A heading right under the title is its subtitle.
                || (cur.is_none() && title.is_some_and(|t| t + 1 == i) && h.kind.is_none() && h.level().is_some())
                || (h.kind.is_none() && h.level().is_none());
            if body {
                cur.map_or(&mut intro, |c| &mut sections[c].blocks).push(i);
                continue;
            }
            let kind = h.kind.map_or(K::Custom, K::section);
            // A standard section joins the earlier one of its kind; a custom one stands alone.
            let open = (kind != K::Custom).then(|| sections.iter().position(|s| s.kind == kind));
            match open.flatten() {
                Some(c) => {
                    sections[c].blocks.push(i);
                    cur = Some(c);
                }
                None => {
                    sections.push(Section { kind, head: Some(i), blocks: Vec::new() });
                    cur = Some(sections.len() - 1);
                }
            }
        }
        (intro, sections)
    }

    /// Takes the status and authors lines ("**Status:** Final · **Authors:**
    /// A, B") out of the intro.
    fn meta(&self, intro: &[usize], doc: &mut Document) -> Vec<usize> {
        let (mut status, mut authors) = (false, false);
        let mut keep = |i: &usize| {
            let BKind::Line(_) = self.blocks[*i].kind else { return true };
            let line = self.text(&self.blocks[*i].range);
            let Some((label, at)) = split_label(line) else { return true };
            let value = line[at..].trim();
            if label.eq_ignore_ascii_case("status") && !status {
                let (s, rest) = value.split_once(" · ").unwrap_or((value, ""));
                let Some(s) =
                    Status::ALL.into_iter().find(|x| x.label().eq_ignore_ascii_case(s.trim()))
                else {
                    return true;
                };
                let by = rest.strip_prefix("**Authors:**").map(single);
                if !rest.is_empty() && (by.is_none() || authors) {
                    return true;
                }
                (doc.status, status) = (s, true);
                if let Some(a) = by {
                    (doc.authors, authors) = (a, true);
                }
                false
            } else if label.eq_ignore_ascii_case("authors") && !authors && !value.is_empty() {
                (doc.authors, authors) = (single(value), true);
                false
            } else {
                true
            }
        };
        intro.iter().filter(|i| keep(i)).copied().collect()
    }

    /// Text with no line that reads as a section heading when it stands at
    /// the top level, as an item's value does once it is a part's text.
    fn plain(&self, piece: &Piece) -> bool {
        !self.text(piece).lines().any(|l| pseudo_heading(l).is_some_and(|h| h.2.is_some()))
    }

    /// The label block `i` is or starts with (a heading, "**Label:**
    /// value"), what it names and its value's source.
    fn label(&self, i: usize) -> Option<Label> {
        if let Some(h) = &self.heads[i] {
            return Some(match &h.label {
                Some((l, v)) => {
                    Label { kind: classify(l, true), text: l.clone(), value: Some(v.clone()) }
                }
                None => Label { kind: h.kind, text: h.raw.clone(), value: None },
            });
        }
        let b = &self.blocks[i];
        let BKind::Line(_) = b.kind else { return None };
        let (text, at) = split_label(self.text(&b.range))?;
        let value = Some(b.range.start + at..b.range.end).filter(|v| !v.is_empty());
        Some(Label { kind: classify(&text, true), text, value })
    }

    /// The label on an item's first line; its value runs to the item's end.
    fn item_label(&self, item: &ListItem) -> Option<Label> {
        let (text, at) = split_label(self.text(&item.body).split('\n').next().unwrap_or(""))?;
        let start = item.body.start + at;
        Some(Label {
            kind: classify(&text, true),
            text,
            value: Some(start..item.body.end.max(start)),
        })
    }

    // ------------------------------------------------------------- summary

    /// The summary's blocks as field lines, items or headings, and other text.
    fn segments(&self, blocks: &[usize]) -> Vec<Seg> {
        let mut segs: Vec<Seg> = Vec::new();
        let mut open_para: Option<(usize, usize)> = None;
        let seg = |piece: &Piece, field| Seg {
            pieces: vec![piece.clone()],
            field,
            used: false,
            line: self.lines.of(piece.start),
        };
        for &i in blocks {
            let b = &self.blocks[i];
            // The paragraph of a line, and the block before it there.
            let para = if let BKind::Line(p) = b.kind { Some((p, i)) } else { None };
            match &b.kind {
                BKind::Heading(..) if self.heads[i].as_ref().is_some_and(|h| h.label.is_some()) => {
                    let Label { text, value, .. } = self.label(i).unwrap_or_default();
                    let value = value.map(|v| self.text(&v).to_string()).unwrap_or_default();
                    segs.push(seg(&b.range, summary_field(&text).map(|f| (f, value))));
                }
                BKind::Line(_) => {
                    let text = self.text(&b.range);
                    // A line starts a segment when it starts with a field's label or a bold one.
                    let label = split_label(text).filter(|(l, _)| {
                        summary_field(l).is_some() || text.trim_start().starts_with(['*', '_'])
                    });
                    match (label, segs.last_mut()) {
                        (Some((l, at)), _) => segs.push(seg(
                            &b.range,
                            summary_field(&l).map(|f| (f, text[at..].to_string())),
                        )),
                        (None, Some(last))
                            if open_para
                                .zip(para)
                                .is_some_and(|(a, b)| a.0 == b.0 && a.1 + 1 == i) =>
                        {
                            last.pieces.push(b.range.clone());
                            if let Some((_, v)) = &mut last.field {
                                v.push('\n');
                                v.push_str(text);
                            }
                        }
                        _ => segs.push(seg(&b.range, None)),
                    }
                }
                BKind::List(_, items) => {
                    for item in items {
                        let field = self.item_label(item).and_then(|l| {
                            Some((summary_field(&l.text)?, self.text(&l.value?).to_string()))
                        });
                        // An item with a list under it is kept, though read for the window.
                        let timed = |f: &Field| {
                            matches!(f, Field::Duration | Field::Start | Field::End | Field::Window)
                        };
                        segs.push(seg(&item.range, field.filter(|(f, _)| item.simple || timed(f))));
                    }
                }
                _ => segs.push(seg(&b.range, None)),
            }
            open_para = para;
        }
        segs
    }

    /// Fills the summary from its field segments, then from its prose; keeps
    /// as notes every segment whose words the exported summary lacks.
    fn finish_summary(
        &self,
        doc: &mut Document,
        segs: &mut [Seg],
        hints: &[String],
        has_summary: bool,
    ) {
        // The last line that gives a field wins: export writes the fields
        // after the notes, so that a re-import reads the same winners.
        let s = &mut doc.summary;
        for (field, value) in segs.iter().filter_map(|g| g.field.as_ref()) {
            let value = value.trim();
            match field {
                Field::Duration => {
                    if let Some((a, b)) = read_window(value, self.order) {
                        set(&mut s.start, single(&a));
                        set(&mut s.end, single(&b));
                    }
                }
                Field::Start => set(&mut s.start, single(value)),
                Field::End => set(&mut s.end, single(value)),
                Field::Zone if timeparse::parse_zone(value).is_some() => {
                    set(&mut s.zone, single(value))
                }
                Field::Impact if !value.is_empty() => {
                    (s.impact, s.affected) = Default::default();
                    // "text (90% of users affected)", as export writes the share.
                    let v = single(value);
                    let share = |s: &str| !s.is_empty() && !s.contains(['(', ' ']);
                    match v.strip_suffix("% of users affected)").and_then(|v| v.rsplit_once(" (")) {
                        Some((impact, p)) if share(p) => {
                            (s.impact, s.affected) = (single(impact), p.to_string())
                        }
                        _ => match v.strip_suffix("% of users affected") {
                            Some(p) if share(p) => s.affected = p.to_string(),
                            _ => s.impact = v,
                        },
                    }
                }
                Field::Cause => set(&mut s.root_cause, single(value)),
                _ => {}
            }
        }
        let prose = |segs: &[Seg]| {
            let pieces: Vec<Piece> = segs
                .iter()
                .filter(|g| matches!(g.field, None | Some((Field::Window, _))))
                .flat_map(|g| g.pieces.clone())
                .collect();
            self.render(&pieces)
        };
        if s.start.is_empty() && s.end.is_empty() {
            let (a, b) = window_in_prose(&prose(segs), self.order);
            (s.start, s.end) = (a.unwrap_or_default(), b.unwrap_or_default());
        }
        // The zone written at the end of the window is the document's zone
        // (or the zone field, written twice).
        let last = if s.end.is_empty() { &mut s.start } else { &mut s.end };
        if let Some((time, zone)) =
            split_zone(last).filter(|(_, z)| s.zone.is_empty() || *z == s.zone)
        {
            (*last, s.zone) = (time, zone);
        }
        // Else one named in the summary's prose (not its fields: a zone there
        // is the field's own) or over the timeline.
        if s.zone.is_empty() && Clock::new(s).zone.is_none() {
            let text = prose(segs);
            s.zone = std::iter::once(text.as_str())
                .chain(hints.iter().map(String::as_str))
                .find_map(find_zone)
                .unwrap_or_default();
        }
        let list = export::summary("", &doc.summary, &figures(doc));
        let list = words(list.trim_start().split_once('\n').map_or("", |x| x.1));
        for seg in segs.iter_mut() {
            let structured = matches!(seg.field, Some((f, _)) if f != Field::Window);
            seg.used =
                structured && seg.pieces.iter().all(|p| words(self.text(p)).is_subset(&list));
        }
        if has_summary {
            let notes: Vec<Piece> =
                segs.iter().filter(|s| !s.used).flat_map(|s| s.pieces.clone()).collect();
            doc.summary.notes = self.render(&notes);
        }
    }

    // ------------------------------------------------------------ timeline

    /// Rows from the timeline's tables, lists and lines; returns the notes.
    fn timeline(
        &mut self,
        blocks: &[usize],
        rows: &mut Vec<RowSrc>,
        heads: &mut Vec<Piece>,
        hints: &mut Vec<String>,
    ) -> Vec<Piece> {
        let mut notes: Vec<Piece> = Vec::new();
        // A date heading ("### 2023-08-25") over rows that give only times,
        // and its place in the notes, where it stays unless a row takes it.
        let mut date: Option<(String, usize)> = None;
        let mut k = 0;
        while k < blocks.len() {
            let b = self.blocks[blocks[k]].clone();
            k += 1;
            if let Some(d) = self.date_only(&b) {
                notes.push(b.range.clone());
                date = Some((d, notes.len() - 1));
                continue;
            }
            let before = rows.len();
            match &b.kind {
                BKind::Table(cells) if self.is_timeline(cells) => {
                    hints.push(
                        cells[0].iter().map(|c| self.text(c).trim()).collect::<Vec<_>>().join(" "),
                    );
                    heads.push(
                        b.range.start
                            ..b.range.start
                                + self.text(&b.range).find('\n').unwrap_or(b.range.len()),
                    );
                    let lines = lines_of(self.src, b.range.clone());
                    for (n, cells) in cells.iter().enumerate().skip(1) {
                        let cell = |k: usize| uncell(cells.get(k).map_or("", |c| self.text(c)));
                        let (tag, event) = read_tag(&cell(1));
                        let row = TimelineRow { id: 0, time: unwrap_marks(&cell(0)), event, tag };
                        // Row n is line n + 1, under the delimiter row.
                        let line = lines.get(n + 1).cloned().unwrap_or(b.range.clone());
                        self.push_row(rows, &mut notes, row, vec![line.clone()], &[line]);
                    }
                }
                BKind::List(_, items)
                    if items.iter().any(|i| {
                        i.simple && lead_time(self.text(&i.body), self.order).is_some()
                    }) =>
                {
                    for item in items {
                        let text = self.text(&item.body);
                        let piece = vec![item.range.clone()];
                        let body = [without_number(self.src, item.range.clone())];
                        match item.simple.then(|| lead_time(text, self.order)).flatten() {
                            Some((time, event)) => {
                                let (tag, event) = read_tag(&single(event));
                                self.push_row(
                                    rows,
                                    &mut notes,
                                    TimelineRow { id: 0, time, event, tag },
                                    piece,
                                    &body,
                                );
                            }
                            // "- a request." goes on with the entry above it.
                            None if item.simple
                                && item.checked.is_none()
                                && rows.len() > before
                                && text.starts_with(char::is_lowercase) =>
                            {
                                let last = rows.last_mut().expect("a row");
                                last.row.event = single(&format!("{} {text}", last.row.event));
                                last.pieces.extend(piece);
                            }
                            None if item.simple && rows.len() > before => {
                                let row = TimelineRow { event: single(text), ..Default::default() };
                                self.push_row(rows, &mut notes, row, piece, &body);
                            }
                            None => notes.extend(piece),
                        }
                    }
                }
                BKind::Line(para) => {
                    let mut lines = vec![b.range.clone()];
                    // The lines of the paragraph that follow in this section.
                    while let Some(next) = blocks.get(k).map(|&j| &self.blocks[j]) {
                        if !matches!(next.kind, BKind::Line(p) if p == *para)
                            || blocks[k] != blocks[k - 1] + 1
                            || self.date_only(next).is_some()
                        {
                            break;
                        }
                        lines.push(next.range.clone());
                        k += 1;
                    }
                    self.timed_lines(&lines, rows, &mut notes);
                }
                BKind::Code(true) => {
                    self.timed_lines(&lines_of(self.src, b.range.clone()), rows, &mut notes);
                    if rows.len() > before {
                        let line = self.lines.of(b.range.start);
                        self.say(ImportKind::IndentedCode, b.range.start, format!("Line {line}: these timeline lines are indented four spaces, so GitHub shows them as code. They were read as timeline entries; remove the indentation."));
                    }
                }
                _ => notes.push(b.range.clone()),
            }
            if let Some((d, at)) = date.as_ref().filter(|_| !matches!(b.kind, BKind::Table(_))) {
                for r in &mut rows[before..] {
                    let parsed = timeparse::parse_time(&r.row.time, self.order);
                    if parsed.is_ok_and(|p| p.start.date.is_none() && p.start.month_day.is_none()) {
                        r.row.time = format!("{d} {}", r.row.time);
                        // The date now stands in the rows.
                        notes[*at] = 0..0;
                    }
                }
            }
        }
        notes
    }

    /// A table of two columns under "Time", or whose first column has times.
    fn is_timeline(&self, cells: &[Vec<Piece>]) -> bool {
        let time = |c: &Piece| lead_time(self.text(c), self.order).is_some();
        cells.first().is_some_and(|h| h.len() == 2)
            && (self.text(&cells[0][0]).trim().to_lowercase().starts_with("time")
                || cells[1..].iter().any(|r| r.first().is_some_and(time)))
    }

    /// A block that is only a date: the day of the rows under it.
    fn date_only(&self, b: &Block) -> Option<String> {
        let text = match &b.kind {
            BKind::Heading(_, content) => self.text(content),
            BKind::Line(_) => self.text(&b.range),
            _ => return None,
        };
        let t = text.trim().trim_matches(|c: char| "*_`:".contains(c)).trim();
        match timeparse::find_dates(t, self.order).as_slice() {
            [(r, _)] if r.start == 0 && r.end == t.len() => Some(t.to_string()),
            _ => None,
        }
    }

    /// Rows from lines: a line that starts with a time starts a row, and so
    /// does the text after a "<br>"; other lines go on with the row above.
    fn timed_lines(&self, lines: &[Piece], rows: &mut Vec<RowSrc>, notes: &mut Vec<Piece>) {
        let mut segs: Vec<Piece> = Vec::new();
        for l in lines {
            let (text, mut at) = (self.text(l), 0);
            let lower = text.to_ascii_lowercase();
            let mut cuts = vec![0];
            // A line break tag ends an entry (see render::is_line_break).
            while let Some(j) = lower[at..].find("<br").filter(|j| !lower[..at + j].ends_with('\\'))
            {
                at = lower[at + j..].find('>').map_or(text.len(), |c| at + j + c + 1);
                cuts.push(at);
            }
            cuts.push(text.len());
            for (n, w) in cuts.windows(2).enumerate() {
                match segs.last_mut() {
                    Some(last) if n == 0 && lead_time(text, self.order).is_none() => {
                        last.end = l.start + w[1]
                    }
                    _ => segs.push(l.start + w[0]..l.start + w[1]),
                }
            }
        }
        let mut open = false;
        for s in segs {
            let text = self.text(&s).trim();
            match lead_time(text, self.order) {
                _ if text.is_empty() => {}
                Some((time, event)) => {
                    // Lines of only punctuation ("." or "\\\\") carry nothing.
                    let event: Vec<&str> =
                        event.lines().filter(|l| l.chars().any(char::is_alphanumeric)).collect();
                    let (tag, event) = read_tag(&single(&event.join(" ")));
                    open = self.push_row(
                        rows,
                        notes,
                        TimelineRow { id: 0, time, event, tag },
                        vec![s.clone()],
                        &[s],
                    );
                }
                None if open => {
                    let last = rows.last_mut().expect("an open row");
                    if text.chars().any(char::is_alphanumeric) {
                        last.row.event = single(&format!("{} {text}", last.row.event));
                    }
                    last.pieces.push(s);
                }
                None => notes.push(s),
            }
        }
    }

    /// Keeps a row if its Markdown has every word of its source, else puts
    /// the source in the notes; says which. A list item's source is its
    /// text: the number of a numbered list is markup (GitHub renumbers),
    /// and a row's number is its place in the table.
    fn push_row(
        &self,
        rows: &mut Vec<RowSrc>,
        notes: &mut Vec<Piece>,
        mut row: TimelineRow,
        pieces: Vec<Piece>,
        source: &[Piece],
    ) -> bool {
        row.time = self.dated(&row.time);
        let md = export::timeline_row(&row);
        let keep = !md.is_empty() && source.iter().all(|p| covered(self.text(p), &md));
        if keep {
            let line = pieces.first().map_or(1, |p| self.lines.of(p.start));
            rows.push(RowSrc { row, pieces, line });
        } else {
            notes.extend(pieces);
        }
        keep
    }

    /// A row's time with an ambiguous slashed date ("05/06/2020", read by the
    /// whole document's day/month order) written year first with the same
    /// digits ("2020-06-05"), so it reads the same whatever the summary
    /// says. Dates that can be read one way only stay as written.
    fn dated(&self, time: &str) -> String {
        let mut out = time.to_string();
        for (range, date) in timeparse::find_dates(time, self.order).into_iter().rev() {
            let written = &time[range.clone()];
            let parts: Vec<&str> = written.split('/').collect();
            let ambiguous = parts.len() == 3
                && parts[..2].iter().all(|p| p.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)))
                && parts[0] != parts[1];
            if ambiguous {
                let (day, month) = match self.order {
                    DateOrder::DayFirst => (parts[0], parts[1]),
                    DateOrder::MonthFirst => (parts[1], parts[0]),
                };
                out.replace_range(range, &format!("{}-{month}-{day}", date.year()));
            }
        }
        out
    }

    /// A table's header line is kept when the exported one would lose a word of it.
    fn finish_timeline(&self, doc: &mut Document, heads: &[Piece]) {
        let head = export::table_head(&doc.summary.zone, &Clock::new(&doc.summary));
        for piece in heads.iter().filter(|p| !covered(self.text(p), &head)) {
            let sep = if doc.timeline_notes.is_empty() { "" } else { "\n\n" };
            doc.timeline_notes = format!("{}{sep}{}", doc.timeline_notes, self.text(piece).trim());
        }
    }

    // ------------------------------------------------ root cause, lessons

    /// Splits a section at the labels of its parts (`kinds`): headings, bold
    /// or bare lines, "**Label:** value" lines and items. Text before the
    /// first label belongs to the first part; a part labelled twice keeps the
    /// second label as text. Gives each part's label and pieces, and what the
    /// section's own heading named.
    fn parts(&self, head: Option<usize>, blocks: &[usize], kinds: &[K]) -> (Option<K>, Vec<Part>) {
        let mut parts: Vec<Part> = vec![(None, Vec::new()); kinds.len()];
        let head = head.and_then(|i| self.heads[i].as_ref());
        let part_of = |k: Option<K>| kinds.iter().position(|x| Some(*x) == k);
        let mut cur = part_of(head.and_then(|h| h.kind)).unwrap_or(0);
        if let Some(h) = head.filter(|h| part_of(h.kind).is_some()) {
            // A "Label: value" heading gives its label, and its value is the part's first text.
            let (label, value) =
                h.label.clone().map_or((h.raw.clone(), None), |(l, v)| (l, Some(v)));
            parts[cur] = (Some(label), value.into_iter().collect());
        }
        for &i in blocks {
            let b = &self.blocks[i];
            let units: Vec<(Option<Label>, Piece)> = match &b.kind {
                BKind::List(_, items) => {
                    items.iter().map(|it| (self.item_label(it), it.range.clone())).collect()
                }
                _ => vec![(self.label(i), b.range.clone())],
            };
            for (label, whole) in units {
                match label.and_then(|l| Some((part_of(l.kind)?, l))) {
                    // A value that would read as a heading on its own stays where it is.
                    Some((p, l))
                        if parts[p].0.is_none()
                            && l.value.as_ref().is_none_or(|v| self.plain(v)) =>
                    {
                        (parts[p].0, cur) = (Some(l.text), p);
                        parts[p].1.extend(l.value);
                    }
                    Some((p, _)) => {
                        cur = p;
                        parts[p].1.push(whole);
                    }
                    None => parts[cur].1.push(whole),
                }
            }
        }
        (head.and_then(|h| h.kind), parts)
    }

    fn root_cause(&self, head: Option<usize>, blocks: &[usize], doc: &mut Document) {
        let (kind, parts) = self.parts(head, blocks, &[K::RootCause, K::Resolution]);
        if let Some(h) = head.and_then(|i| self.heads[i].as_ref()).filter(|_| kind == Some(K::RcR))
        {
            doc.headings.root_cause_and_resolution = K::RcR.heading(&h.raw);
        }
        let h = |n: usize, k: K| parts[n].0.as_deref().map(|h| k.heading(h)).unwrap_or_default();
        (doc.headings.root_cause, doc.headings.resolution) =
            (h(0, K::RootCause), h(1, K::Resolution));
        (doc.root_cause, doc.resolution) = (self.render(&parts[0].1), self.render(&parts[1].1));
    }

    /// False when the section names none of the three parts: it is kept as
    /// a custom section then, since lessons have no text of their own.
    fn lessons(&self, head: Option<usize>, blocks: &[usize], doc: &mut Document) -> bool {
        let (kind, parts) = self.parts(head, blocks, &[K::WentWell, K::WentWrong, K::GotLucky]);
        if parts.iter().all(|p| p.0.is_none()) {
            return false;
        }
        if let Some(h) =
            head.and_then(|i| self.heads[i].as_ref()).filter(|_| kind == Some(K::Lessons))
        {
            doc.headings.lessons = K::Lessons.heading(&h.raw);
        }
        let h = |n: usize, k: K| parts[n].0.as_deref().map(|h| k.heading(h)).unwrap_or_default();
        let d = &mut doc.headings;
        (d.went_well, d.went_wrong, d.got_lucky) =
            (h(0, K::WentWell), h(1, K::WentWrong), h(2, K::GotLucky));
        let text = |n: usize| self.render(&parts[n].1);
        doc.lessons = Some(Lessons { went_well: text(0), went_wrong: text(1), got_lucky: text(2) });
        true
    }

    // ------------------------------------------------------------ measures

    /// Notes, then the measures (the last bullet list of the notes), then
    /// the tasks (the last list under a task heading or label: export writes
    /// them last, so a re-import picks the same one).
    fn measures(&mut self, head: Option<usize>, blocks: &[usize], doc: &mut Document) {
        // Pieces of the notes; the chosen task list and its label are taken out.
        let mut notes: Vec<Option<Piece>> = Vec::new();
        // The label of the block to come, and its place in the notes (none: the heading).
        let mut label: Option<(String, Option<usize>)> = None;
        // The last task list: its label, whether that was the heading, its tasks, its notes.
        let mut found: Option<(String, bool, Vec<Task>, Vec<usize>)> = None;
        let head = head.and_then(|i| self.heads[i].clone());
        match &head {
            Some(h) if h.kind == Some(K::Tasks) => label = Some((h.raw.clone(), None)),
            Some(h) => doc.headings.measures = K::Measures.heading(&h.raw),
            None => {}
        }
        // The last list seen, as measures item by item, and where it starts in the notes.
        let mut last_list: Option<(usize, Vec<Option<Item>>)> = None;
        // Where the notes hold task labels.
        let mut labels = Vec::new();
        for &i in blocks {
            let b = self.blocks[i].clone();
            let start = notes.len();
            if let Some(l) = self.label(i).filter(|l| l.value.is_none() && l.kind == Some(K::Tasks))
            {
                notes.push(Some(b.range.clone()));
                label = Some((l.text, Some(start)));
                labels.push(start);
                continue;
            }
            let tasks = match &b.kind {
                BKind::List(ordered, items) => {
                    notes.extend(items.iter().map(|it| Some(it.range.clone())));
                    for (k, item) in items.iter().enumerate() {
                        if let Some((l, t)) = self.nested_tasks(item) {
                            found = Some((l, false, t, vec![start + k]));
                        }
                    }
                    // Under a task label it is the tasks, else maybe the measures.
                    let tasks = self.tasks(&b).filter(|_| label.is_some());
                    if tasks.is_none() {
                        last_list = (!ordered).then(|| (start, self.improvements(items)));
                    }
                    tasks
                }
                BKind::Code(true) if label.is_some() => {
                    notes.push(Some(b.range.clone()));
                    let line = self.lines.of(b.range.start);
                    self.say(ImportKind::IndentedCode, b.range.start, format!("Line {line}: these tasks are indented four spaces, so GitHub shows them as code. They were read as tasks; remove the indentation."));
                    let lines =
                        self.text(&b.range).lines().map(str::trim).filter(|l| !l.is_empty());
                    Some(lines.map(|l| Task { text: single(l), ..Default::default() }).collect())
                }
                kind => {
                    notes.push(Some(b.range.clone()));
                    // A rule is no text after the list (and is dropped at the end).
                    if !matches!(kind, BKind::Rule) {
                        last_list = None;
                    }
                    None
                }
            };
            // A task label heads the block right under it, or nothing.
            if let (Some(t), Some((l, at))) = (tasks, label.take()) {
                let taken = at.into_iter().chain(start..notes.len()).collect();
                found = Some((l, at.is_none(), t, taken));
            }
        }
        let from_head = found.as_ref().is_some_and(|f| f.1);
        if let Some((l, _, tasks, taken)) = found {
            taken.into_iter().for_each(|at| notes[at] = None);
            (doc.headings.tasks, doc.tasks) = (K::Tasks.heading(&l), tasks);
        }
        if let Some(h) = head.as_ref().filter(|h| h.kind == Some(K::Tasks) && !from_head) {
            // A "Tasks" heading with no task list under it heads the section.
            doc.headings.measures = K::Measures.heading(&h.raw);
        }
        let text = |p: &Option<Piece>| p.as_ref().filter(|p| !is_rule(self.text(p))).is_some();
        let after = |at: usize| notes[at..].iter().filter(|p| text(p)).count();
        // A task label left right before the list would take it as tasks when read again.
        let before = |at: usize| match notes[..at].iter().rposition(text) {
            Some(l) => labels.contains(&l),
            None => head.as_ref().is_some_and(|h| h.kind == Some(K::Tasks) && !from_head),
        };
        // The items a task list did not take out must all read as measures.
        let list = last_list.and_then(|(at, items)| {
            let left = items.into_iter().enumerate().filter(|(k, _)| notes[at + k].is_some());
            Some((at, left.map(|(_, item)| item).collect::<Option<Vec<Item>>>()?))
        });
        if let Some((at, list)) =
            list.filter(|(at, list)| !list.is_empty() && after(*at) == list.len() && !before(*at))
        {
            notes.truncate(at);
            doc.improvements = list;
        }
        doc.measures_notes = self.render(&notes.into_iter().flatten().collect::<Vec<_>>());
    }

    /// "- **Tasks:**" with the task list nested under it: the label and the tasks.
    fn nested_tasks(&self, item: &ListItem) -> Option<(String, Vec<Task>)> {
        let l = self.item_label(item).filter(|l| l.kind == Some(K::Tasks) && !item.simple)?;
        if !l.value.as_ref().is_some_and(|v| self.text(v).starts_with('\n')) {
            return None;
        }
        match self.nested(item).as_slice() {
            [list] => Some((l.text, self.tasks(list)?)),
            _ => None,
        }
    }

    /// The blocks nested in a list item, after its first line.
    fn nested(&self, item: &ListItem) -> Vec<Block> {
        let Some(nl) = self.text(&item.body).find('\n') else { return Vec::new() };
        scan(self.src, item.body.start + nl + 1..item.body.end, false, &mut Vec::new())
    }

    /// A bullet list whose every item reads as a task.
    fn tasks(&self, b: &Block) -> Option<Vec<Task>> {
        let BKind::List(false, items) = &b.kind else { return None };
        let task = |item: &ListItem| {
            let task = read_task(self.text(&item.body), item.checked == Some(true));
            let md = export::task_item(&task);
            // A blank item is not written, nor would the heading over it be.
            (item.simple && !md.is_empty() && covered(self.text(&item.range), &md)).then_some(task)
        };
        items.iter().map(task).collect()
    }

    /// Each item of a list as a measure, if it reads as one.
    fn improvements(&self, items: &[ListItem]) -> Vec<Option<Item>> {
        let measure = |item: &ListItem| {
            let item_ = Item { id: 0, text: unlist(self.text(&item.body), item.bullet) };
            let md = export::improvement(&item_, item.bullet);
            let ok = item.simple && item.checked.is_none() && !md.is_empty();
            (ok && covered(self.text(&item.range), &md)).then_some(item_)
        };
        items.iter().map(measure).collect()
    }

    // ------------------------------------------------------------ findings

    /// The stated duration, the window and the timeline should agree.
    fn duration_mismatch(&mut self, doc: &Document, segs: &[Seg], rows: &[RowSrc]) {
        let clock = Clock::of(doc);
        // A window without dates was put on a stand-in day to order its rows;
        // here its rows are compared as times of day, as they were written.
        let undated = |w: When| if clock.undated { When { date: None, ..w } } else { w };
        let (start, end) = clock.window();
        let (start, end) = (start.map(undated), end.map(undated));
        let window = clock.duration();
        let stated = segs.iter().find_map(|s| {
            let text = s.pieces.iter().map(|p| self.text(p)).collect::<Vec<_>>().join("\n");
            stated_duration(&text).map(|(d, said)| (d, said, s.line))
        });
        let length = stated.as_ref().map(|s| s.0).or(window);
        let spans: Vec<(&RowSrc, When, When)> = rows
            .iter()
            .filter_map(|r| {
                let s = clock.row(&r.row.time).span()?.clone();
                Some((r, undated(s.start), undated(s.end.unwrap_or(s.start))))
            })
            .collect();
        let mut out = Vec::new();
        if let (Some((d, said, line)), Some(w)) = (&stated, window) {
            if (*d - w).abs() > Duration::minutes(15).max(w / 10) {
                let (s, e, w) =
                    (&doc.summary.start, &doc.summary.end, timeparse::format_duration(w));
                out.push((*line, format!("Line {line}: the summary says the outage lasted {said}, but its start and end ({s} – {e}) make {w}. Correct one of them.")));
            }
        }
        let (first, last) = (spans.first(), spans.last());
        // A timeline far longer than the outage: AM for PM, dates weeks apart.
        let long = match (length, first, last) {
            (Some(len), Some((row, first, _)), Some((_, _, last)))
                if first.until(last) > len * 2 + Duration::minutes(15) =>
            {
                let (a, b, span, len) = (
                    first.text(true),
                    last.text(true),
                    first.until(last),
                    timeparse::format_duration(len),
                );
                let span = timeparse::format_duration(span);
                let line = row.line;
                out.push((line, format!("Line {line}: the timeline runs from {a} to {b} ({span}), far longer than the outage the summary gives ({len}). Check the dates and AM/PM of its entries.")));
                true
            }
            _ => false,
        };
        // Or one that ends long before or after the end the summary gives.
        let expected_end = end.or_else(|| {
            let at = start?.at()?.checked_add(stated.as_ref()?.0)?;
            Some(When { date: Some(at.date()), time: at.time() })
        });
        if let (Some(e), Some((row, _, last)), false) = (expected_end, last, long) {
            let gap = signed(&e, last);
            // Ending early is a contradiction only when the last entry says the outage ended.
            let ended = row.row.tag == Some(Tag::Resolution) || says_ended(&row.row.event);
            if gap > Duration::minutes(15) || (gap < -Duration::minutes(15) && ended) {
                let line = row.line;
                let how = if gap.is_negative() { "before" } else { "after" };
                let dates = e.date.is_some() && last.date.is_some();
                let (at, gap, e) =
                    (last.text(dates), timeparse::format_duration(gap.abs()), e.text(dates));
                out.push((line, format!("Line {line}: the timeline ends at {at}, {gap} {how} the end of the outage that the summary gives ({e}). Check the summary's times and the timeline's last entry.")));
            }
        }
        for (line, message) in out {
            self.findings.push(finding(ImportKind::DurationMismatch, line, message));
        }
    }
}

/// A stretch of the summary: a field line, item or heading, or other text.
struct Seg {
    pieces: Vec<Piece>,
    field: Option<(Field, String)>,
    /// Read into a field; if not, kept in the notes.
    used: bool,
    line: usize,
}

/// A row and the source it was read from.
struct RowSrc {
    row: TimelineRow,
    pieces: Vec<Piece>,
    line: usize,
}

/// What a summary line or item says, when it is one of our fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Duration,
    Start,
    End,
    Zone,
    Impact,
    Cause,
    /// "Time to detect/resolve": computed by the export, nothing to keep.
    Figures,
    /// About when ("Outage Duration", "Date/time"): read for the window, kept as written.
    Window,
}

fn summary_field(label: &str) -> Option<Field> {
    const WHEN: &[&str] = &[
        "duration", "downtime", "window", "period", "time", "date", "when", "start", "started",
        "began", "end", "ended", "timezone", "zone",
    ];
    let w = name_words(label);
    Some(match w.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["duration"] => Field::Duration,
        ["start"] => Field::Start,
        ["end"] => Field::End,
        ["time", "zone"] => Field::Zone,
        ["impact"] => Field::Impact,
        ["root", "cause"] | ["cause"] => Field::Cause,
        ["time", "to", "detect" | "resolve", ..] => Field::Figures,
        w if w.iter().any(|x| WHEN.contains(x)) => Field::Window,
        _ => return None,
    })
}

fn set(field: &mut String, value: String) {
    if !value.is_empty() {
        *field = value;
    }
}

/// The computed figures, as the export writes them for this document.
fn figures(doc: &Document) -> export::Figures {
    let clock = Clock::of(doc);
    export::Figures::new(&clock, doc.timeline.iter().map(|r| (r.tag, clock.row(&r.time))))
}

/// `later - earlier`; for times without dates, the shorter way round the clock.
fn signed(earlier: &When, later: &When) -> Duration {
    match (earlier.at(), later.at()) {
        (Some(a), Some(b)) => b - a,
        _ => {
            let d = later.time - earlier.time;
            let day = Duration::days(1);
            if d > day / 2 {
                d - day
            } else if d <= -day / 2 {
                d + day
            } else {
                d
            }
        }
    }
}

/// "# Postmortem: X" is titled X (see `export::title`); emoji and emphasis
/// around "Postmortem: X" go too.
fn title_text(heading: &str) -> String {
    let h = single(heading);
    if h == export::TITLE_PREFIX {
        return String::new();
    }
    let lead = h.len() - h.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    // The emphasis that opens right before the text, closed at its end.
    let opener = &h[h[..lead].trim_end_matches(['*', '_']).len()..lead];
    let inner = &h[lead..];
    let inner = match inner.strip_suffix(opener) {
        Some(inner) if !opener.is_empty() => inner,
        _ => inner,
    };
    match inner.strip_prefix(export::TITLE_PREFIX).and_then(|r| r.strip_prefix(": ")) {
        Some(rest) if lead == 0 || !rest.trim().is_empty() => rest.trim().to_string(),
        _ => h,
    }
}

/// "**Detection:** text": the tag our export writes before an event.
fn read_tag(event: &str) -> (Option<Tag>, String) {
    for tag in Tag::ALL {
        match event.strip_prefix(&format!("**{}:**", tag.label())) {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
                return (Some(tag), rest.trim().to_string())
            }
            _ => {}
        }
    }
    (None, event.to_string())
}

/// An entry that starts with a time: the time as written, and the event.
fn lead_time(text: &str, order: DateOrder) -> Option<(String, &str)> {
    let at = text.find(|c: char| !(c.is_whitespace() || "*_`(•·▪◦‣⁃".contains(c)))?;
    let opened = &text[..at];
    let (_, n) = timeparse::leading_time(&text[at..], order)?;
    let slice = &text[at..at + n];
    let time = slice.trim_end_matches(['*', '`', '_']);
    // Closing marks of the emphasis the time opened with, still to skip.
    let mut close = opened
        .chars()
        .filter(|c| "*_`".contains(*c))
        .count()
        .saturating_sub(slice.len() - time.len());
    let time = time.trim();
    let time = if opened.contains('(') { time.trim_end_matches(')').trim() } else { time };
    if time.is_empty() {
        return None;
    }
    let skip = |c: char| {
        let mark = close > 0 && "*_`".contains(c);
        close -= usize::from(mark);
        mark || c.is_whitespace() || ":-–—|".contains(c) || (c == ')' && opened.contains('('))
    };
    Some((time.to_string(), text[at + n..].trim_start_matches(skip)))
}

/// "text (owner: X, due D)": the task our export writes.
fn read_task(body: &str, done: bool) -> Task {
    let body = single(body);
    let mut task = Task { done, text: body.clone(), ..Default::default() };
    let suffix = body.strip_suffix(')').and_then(|b| {
        let at = b.rfind("(owner: ").or_else(|| b.rfind("(due "))?;
        (at == 0 || b[..at].ends_with(' ')).then(|| (b[..at].trim_end(), &b[at + 1..]))
    });
    let Some((text, suffix)) = suffix else { return task };
    if let Some(owner) = suffix.strip_prefix("owner: ") {
        let (owner, due) = owner.rsplit_once(", due ").unwrap_or((owner, ""));
        (task.owner, task.due) = (single(owner), single(due));
    } else if let Some(due) = suffix.strip_prefix("due ") {
        task.due = single(due);
    }
    task.text = single(text);
    task
}

/// An item's text without the escape `export::list_text` puts at its start.
fn unlist(body: &str, bullet: char) -> String {
    let t = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let mut unescaped = t.clone();
    if t[digits..].starts_with('\\') {
        unescaped.remove(digits);
    }
    single(if export::list_text(&unescaped, bullet) == t { &unescaped } else { &t })
}

/// A trailing zone split off a time: "16:30 UTC" → "16:30", "UTC".
fn split_zone(value: &str) -> Option<(String, String)> {
    let tokens: Vec<&str> = value.split(' ').collect();
    [2, 1].into_iter().filter(|&n| tokens.len() > n).find_map(|n| {
        let (time, zone) = tokens.split_at(tokens.len() - n);
        let zone = zone.join(" ");
        timeparse::parse_zone(&zone)?;
        // "(UTC)": the parentheses belonged to the sentence.
        let zone = zone.strip_prefix('(').and_then(|z| z.strip_suffix(')')).unwrap_or(&zone);
        Some((time.join(" "), zone.to_string()))
    })
}

/// A Duration field: "start – end zone (length)" as our export writes it,
/// or any range or window a person writes ("14:10 - 16:45 WAT").
fn read_window(value: &str, order: DateOrder) -> Option<(String, String)> {
    let v = single(value);
    let mut v = v.as_str();
    // "(2 h 30 min)" is computed, "(2 hours, 35 minutes)" stated: not part of the end.
    if let Some(open) = v.strip_suffix(')').and_then(|x| x.rfind('(')) {
        let w = name_words(&v[open + 1..v.len() - 1]);
        let units = [
            "d", "h", "min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours", "day",
            "days", "and",
        ];
        let number = |x: &String| x.parse::<f64>().is_ok();
        if w.iter().any(number)
            && w.iter().any(|x| units[..12].contains(&x.as_str()))
            && w.iter().all(|x| number(x) || units.contains(&x.as_str()))
        {
            v = v[..open].trim_end();
        }
    }
    match v.split_once(" – ") {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Some((a.trim().into(), b.trim().into()))
        }
        _ => match window_in_prose(v, order) {
            (Some(a), b) => Some((a, b.unwrap_or_default())),
            _ => None,
        },
    }
}

/// The two ends of a range ("7:30AM to 8:05PM WAT").
fn split_range(text: &str, order: DateOrder) -> Option<(String, String)> {
    let seps = [
        " – ",
        " — ",
        " - ",
        "–",
        "—",
        "-",
        " to ",
        " till ",
        " until ",
        " til ",
        " through ",
        " thru ",
    ];
    seps.iter().flat_map(|sep| text.match_indices(sep)).find_map(|(at, sep)| {
        let (a, b) = (text[..at].trim(), text[at + sep.len()..].trim());
        let ok = |t| timeparse::parse_time(t, order).is_ok();
        (ok(a) && ok(b)).then(|| (a.to_string(), b.to_string()))
    })
}

/// The outage window a summary's prose gives: a range, "from X to Y",
/// "between X and Y", or the first time and a last one in a sentence that
/// says the outage ended; else the first time, as the start.
fn window_in_prose(text: &str, order: DateOrder) -> (Option<String>, Option<String>) {
    let mut times = timeparse::find_times(text, order);
    // "Central" or "Mountain" alone is no zone ("Central African Time").
    for (r, _) in &mut times {
        let next = text[r.end..].split_whitespace().next().unwrap_or("");
        for word in [" Central", " Mountain"] {
            if text[r.clone()].ends_with(word) && !next.eq_ignore_ascii_case("time") {
                r.end -= word.len();
            }
        }
    }
    let clean =
        |r: &Range<usize>| Some(single(text[r.clone()].trim_matches(|c: char| "*_`".contains(c))));
    if let Some(range) = times
        .iter()
        .find(|(_, p)| p.end.is_some())
        .and_then(|(r, _)| split_range(&text[r.clone()], order))
    {
        return (Some(range.0), Some(range.1));
    }
    for pair in times.windows(2) {
        let (a, b) = (&pair[0].0, &pair[1].0);
        let between: String =
            text[a.end..b.start].chars().filter(|c| !"*_`".contains(*c)).collect();
        let joined = matches!(
            between.trim().to_lowercase().as_str(),
            "to" | "and" | "till" | "until" | "through" | "-" | "–"
        );
        // The last three words before the pair, read from the end (not the
        // whole text before it for every pair, which made this quadratic).
        let from = text[..a.start].split_whitespace().rev().take(3).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("between")
        });
        if joined && from {
            return (clean(a), clean(b));
        }
    }
    let (Some((first, _)), Some((last, _))) = (times.first(), times.last()) else {
        return (None, None);
    };
    let s = text[..last.start].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let e = text[last.end..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| last.end + i);
    let sentence = text[s..e].to_lowercase();
    let end = (times.len() > 1 && says_ended(&sentence)).then(|| clean(last)).flatten();
    (clean(first), end)
}

/// Whether a sentence says the outage ended ("service restored", "<END OF OUTAGE>").
fn says_ended(text: &str) -> bool {
    #[rustfmt::skip]
    const ENDED: &[&str] = &["resolved", "restored", "fixed", "corrected", "concluded", "concluding", "ended",
        "recovered", "resumed", "mitigated", "back online", "end of outage", "outage ends"];
    let text = text.to_lowercase();
    ENDED.iter().any(|w| text.contains(w))
}

/// A zone named in prose: "(all times UTC)", "West African Time (WAT)",
/// "Eastern Time", "GMT+1". Abbreviations count only in capitals, so that
/// words like "eat" or "cat" are not taken for zones.
fn find_zone(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "()[]{},;*_`/\\<>\"".contains(c))
        .map(|t| t.trim_matches(|c: char| ".:-".contains(c)))
        .filter(|t| !t.is_empty())
        .collect();
    tokens.iter().enumerate().find_map(|(i, t)| {
        let capitals = t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.chars().any(char::is_lowercase);
        if capitals && timeparse::parse_zone(t).is_some() {
            return Some(t.to_string());
        }
        let long = t.to_lowercase();
        if !t.starts_with(char::is_uppercase)
            || !["pacific", "eastern", "central", "mountain"].contains(&long.as_str())
        {
            return None;
        }
        match tokens.get(i + 1).filter(|n| n.eq_ignore_ascii_case("time")) {
            Some(next) => Some(format!("{t} {next}")),
            // "Central" and "Mountain" are common words; alone they say nothing.
            None => (long == "pacific" || long == "eastern").then(|| t.to_string()),
        }
    })
}

/// The first length of time a text gives the outage ("lasted for 6 hours",
/// "(2 hours, 35 minutes)", "Duration: 1 hour and 20 minutes", "45 minutes
/// of downtime"), and how it was written.
fn stated_duration(text: &str) -> Option<(Duration, String)> {
    let mut at = 0;
    let mut toks: Vec<(usize, String)> = Vec::new();
    for t in text.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '.')) {
        let word = t.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            toks.push((at, word.to_lowercase()));
        }
        at += t.len();
    }
    const NUMBERS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let word = |i: usize| toks.get(i).map_or("", |t| t.1.as_str());
    let number = |i: usize| match word(i) {
        "a" | "an" => Some(1.0),
        w => {
            w.parse::<f64>().ok().or_else(|| NUMBERS.iter().position(|n| *n == w).map(|n| n as f64))
        }
    };
    let unit = |i: usize| match word(i) {
        "hour" | "hours" | "hr" | "hrs" => Some(60.0),
        "minute" | "minutes" | "min" | "mins" => Some(1.0),
        _ => None,
    };
    for i in 0..toks.len() {
        let (Some(n), Some(u)) = (number(i), unit(i + 1)) else { continue };
        let (mut minutes, mut end) = (n * u, i + 2);
        // "1 hour and 20 minutes", "2 hours, 35 minutes", "an hour and a half".
        let j = if word(end) == "and" { end + 1 } else { end };
        match (number(j), unit(j + 1)) {
            (Some(m), Some(v)) if v < u => (minutes, end) = (minutes + m * v, j + 2),
            _ if word(j) == "a" && word(j + 1) == "half" => {
                (minutes, end) = (minutes + u / 2.0, j + 2)
            }
            _ => {}
        }
        let said_of_outage = toks[i.saturating_sub(3)..i].iter().any(|t| {
            ["for", "lasted", "lasting", "lasts", "took", "duration", "downtime"]
                .contains(&t.1.as_str())
        }) || text[..toks[i].0].trim_end().ends_with(['(', ':'])
            || (word(end) == "of" && ["downtime", "outage", "disruption"].contains(&word(end + 1)));
        if said_of_outage {
            let stop = toks.get(end - 1).map_or(text.len(), |(s, w)| s + w.len());
            let said = text.get(toks[i].0..stop).unwrap_or("").to_string();
            return Some((Duration::seconds((minutes * 60.0) as i64), said));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::to_markdown;
    use crate::model::Summary;
    use crate::timeline::RowTime;
    use proptest::prelude::*;

    fn md(d: &Document) -> String {
        to_markdown(d)
    }

    fn lost_words(source: &str, out: &str) -> Vec<String> {
        words_lost(source, out)
    }

    /// Imports, checks that no word is lost and that export is a fixed point.
    fn imported(text: &str) -> Imported {
        let got = import(text);
        let out = md(&got.doc);
        assert_eq!(lost_words(text, &out), Vec::<String>::new(), "from {text:?}\n{out}");
        assert_eq!(md(&import(&out).doc), out, "round trip of {text:?}");
        got
    }

    fn kinds(i: &Imported) -> Vec<ImportKind> {
        i.findings.iter().map(|f| f.kind).collect()
    }

    #[test]
    fn reads_the_documented_format_back() {
        let text = "# Postmortem: Load balancer sent all traffic to one backend\n\n**Status:** Final · **Authors:** A. Lee, R. Ortiz\n\n## Issue Summary\n- **Duration:** 2024-06-01 14:00 – 16:30 UTC (2 h 30 min)\n- **Impact:** Main web service unreachable for about 90% of users; the rest saw slow pages.\n- **Root cause:** A maintenance change left one backend in the load balancer's pool.\n- **Time to detect:** 0 min · **Time to resolve:** 2 h 30 min\n\n## Timeline\n| Time (UTC) | Event |\n| --- | --- |\n| 14:00 | **Detection:** Monitoring alert on 5xx error rate |\n| 14:10 | **Misleading path:** Rolled back the last deployment; no change |\n\n## Root Cause and Resolution\n### Root cause\nOne backend was left in the pool.\n\n### Resolution\nThe pool was restored.\n\n## Corrective and Preventative Measures\n- Validate load balancer configuration before it is applied.\n\n### Tasks\n- [ ] Add a pool-size alert to the load balancer dashboard (owner: R. Ortiz, due 2024-06-15)\n- [x] Restore the full backend pool (owner: A. Lee)\n";
        let got = imported(text);
        let d = &got.doc;
        assert_eq!(md(d), text);
        assert!(got.findings.is_empty(), "{:?}", got.findings);
        assert_eq!(
            (d.title.as_str(), d.status, d.authors.as_str()),
            ("Load balancer sent all traffic to one backend", Status::Final, "A. Lee, R. Ortiz")
        );
        let s = &d.summary;
        assert_eq!(
            (s.start.as_str(), s.end.as_str(), s.zone.as_str()),
            ("2024-06-01 14:00", "16:30", "UTC")
        );
        assert!(
            s.notes.is_empty()
                && s.impact.starts_with("Main web")
                && s.root_cause.ends_with("pool.")
        );
        let rows: Vec<_> = d.timeline.iter().map(|r| (r.id, r.time.as_str(), r.tag)).collect();
        assert_eq!(
            rows,
            [(1, "14:00", Some(Tag::Detection)), (2, "14:10", Some(Tag::MisleadingPath))]
        );
        assert_eq!((d.improvements.len(), d.improvements[0].id, d.next_id), (1, 3, 6));
        let t = &d.tasks[1];
        assert_eq!(
            (t.text.as_str(), t.owner.as_str(), t.due.as_str(), t.done),
            ("Restore the full backend pool", "A. Lee", "", true)
        );
        assert_eq!(d.tasks[0].due, "2024-06-15");
    }

    #[test]
    fn sections_are_recognised_by_meaning_in_any_spelling() {
        for (heading, what) in [
            ("## Issue Summary 📝", "summary"),
            ("**🕵️ Issue Summary (A.K.A What Happened?):**", "summary"),
            ("ISSUE OVERVIEW", "summary"),
            ("  ### **TIMELINE:** ⏰", "timeline"),
            ("#Timeline", "timeline"),
            ("Schedule or Timeline.\n---------------------", "timeline"),
            ("Timeline\n========", "timeline"),
            ("Root Cause and Resolution:", "root cause"),
            ("**Root Cause of trouble**", "root cause"),
            ("### Resolution & Recovery.", "resolution"),
            ("PREVENTIVE ACTIONS", "measures"),
            ("## Improvements/Fixes", "measures"),
            ("## TODO list", "measures"),
        ] {
            let text = format!("# Postmortem\n\n{heading}\n\nAt 14:05 UTC it broke and it was a lot of text here.\n");
            let d = imported(&text).doc;
            let got = [
                ("summary", !d.summary.notes.is_empty()),
                ("timeline", !(d.timeline.is_empty() && d.timeline_notes.is_empty())),
                ("root cause", !d.root_cause.is_empty()),
                ("resolution", !d.resolution.is_empty()),
                ("measures", !d.measures_notes.is_empty()),
            ];
            let found: Vec<&str> = got.iter().filter(|g| g.1).map(|g| g.0).collect();
            assert_eq!(found, [what], "{heading:?} gave {d:#?}");
        }
    }

    #[test]
    fn authors_headings_are_kept_when_the_standard_one_lacks_their_words() {
        let d = imported("## TODO list\n- [ ] add an alert\n\n## Schedule or Timeline.\n- 14:00 x\n\n## ISSUE SUMMARY:\ntext\n").doc;
        assert_eq!(d.headings.tasks, "TODO list");
        assert_eq!(d.headings.timeline, "Schedule or Timeline.");
        assert_eq!(d.headings.summary, "", "the standard heading has every word of it");
    }

    #[test]
    fn field_lines_fill_the_summary_and_the_rest_stays_as_notes() {
        let d = imported("## Summary\nThe API was down.\n\n**Duration:**  \nStart: 2024-08-20 14:00 UTC  \nEnd: 2024-08-20 14:45 UTC\n\n* Impact: 45 minutes of downtime for 70% of users.\n\n**Root Cause:** a bad upstream address.\n").doc;
        let s = &d.summary;
        assert_eq!(
            (s.start.as_str(), s.end.as_str(), s.zone.as_str()),
            ("2024-08-20 14:00 UTC", "2024-08-20 14:45", "UTC")
        );
        assert_eq!(s.impact, "45 minutes of downtime for 70% of users.");
        assert_eq!(s.root_cause, "a bad upstream address.");
        // "Start" and "End" have no place in the Duration line: kept as written.
        assert_eq!(
            s.notes,
            "The API was down.\n\nStart: 2024-08-20 14:00 UTC  \nEnd: 2024-08-20 14:45 UTC"
        );
    }

    #[test]
    fn the_window_comes_from_the_summarys_prose() {
        for (prose, start, end, zone) in [
            ("From 6:26 PM to 7:58 PM WAT, pages failed.", "6:26 PM", "7:58 PM", "WAT"),
            ("It lasted from 15:00 WAT till 21:00 WAT.", "15:00 WAT", "21:00", "WAT"),
            ("An outage from **2305HRS EAT** to **0030HRS EAT** hit us.", "2305HRS EAT", "0030HRS", "EAT"),
            ("Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC, nothing worked.", "2025-07-30 21:27 UTC", "2025-07-31 07:27", "UTC"),
            ("It started at midnight, and we fixed it at 3:00 AM.", "midnight", "3:00 AM", ""),
            ("From Aug 28, 2023 6:00 AM (GMT+03:00), requests failed.", "Aug 28, 2023 6:00 AM", "", "GMT+03:00"),
            ("At 9:00 the alert fired. Things got worse at 10:00.", "9:00", "", ""),
        ] {
            let s = imported(&format!("## Summary\n{prose}\n")).doc.summary;
            assert_eq!((s.start.as_str(), s.end.as_str(), s.zone.as_str()), (start, end, zone), "{prose}");
            assert_eq!(s.notes, prose, "the prose stays as written");
        }
        let s = imported(
            "## Summary\nIt broke.\n\n## Timeline (all times in Pacific Time)\n- 14:00 x\n",
        )
        .doc
        .summary;
        assert_eq!(
            s.zone, "Pacific Time",
            "the timeline's zone is the document's when the summary has none"
        );
    }

    #[test]
    fn timeline_rows_in_every_shape_keep_their_times_as_written() {
        for (body, expected) in [
            (
                "- 6:00 AM: Outage begins\n* 2:00 PM EST - Paged",
                vec![("6:00 AM", "Outage begins"), ("2:00 PM EST", "Paged")],
            ),
            (
                "- **09:47 AM:** *Beep!* alert\n- `2021-10-28 08:26` `judge-3` created",
                vec![("09:47 AM", "*Beep!* alert"), ("2021-10-28 08:26", "`judge-3` created")],
            ),
            (
                "| Time (WAT) | Event |\n|---|---|\n| **14:10** | a \\| b |",
                vec![("14:10", "a | b")],
            ),
            (
                "03:00 PM: Detected\n\n07:00PM: Break\n.",
                vec![("03:00 PM", "Detected"), ("07:00PM", "Break")],
            ),
            (
                "Time (WAT)\t  Actions\n11:30 AM\t\t  Upgrade starts",
                vec![("11:30 AM", "Upgrade starts")],
            ),
            ("- 7:30AM to 8:05PM WAT: Many debugs", vec![("7:30AM to 8:05PM WAT", "Many debugs")]),
            (
                "- 8:20 am: a request failed after\n- sending it.",
                vec![("8:20 am", "a request failed after sending it.")],
            ),
            ("- **Midnight (SAST):** alert", vec![("Midnight (SAST)", "alert")]),
            (
                "*2023-01-04 05:13*: alert.<br />\n\\\\\\\\\n*2023-01-04/11:34*: told.",
                vec![("2023-01-04 05:13", "alert.<br />"), ("2023-01-04/11:34", "told.")],
            ),
            (
                "### 2023-08-25\n\n15:27 - change<br> 21:14 - outage\nstarts",
                vec![("2023-08-25 15:27", "change<br>"), ("2023-08-25 21:14", "outage starts")],
            ),
            (
                "    01:00 AM: began\n    01:05 AM: paged",
                vec![("01:00 AM", "began"), ("01:05 AM", "paged")],
            ),
        ] {
            let d = imported(&format!("## Timeline\n{body}\n")).doc;
            let rows: Vec<(&str, &str)> =
                d.timeline.iter().map(|r| (r.time.as_str(), r.event.as_str())).collect();
            assert_eq!(rows, expected, "{body}");
            let clock = Clock::new(&d.summary);
            assert!(
                d.timeline.iter().all(|r| matches!(clock.row(&r.time), RowTime::At(_))),
                "{body}"
            );
        }
    }

    #[test]
    fn a_numbered_timeline_becomes_rows() {
        let d = imported("## Timeline\n1. 14:00 alert\n2. 14:10 fix\n").doc;
        let rows: Vec<_> = d.timeline.iter().map(|r| (r.time.as_str(), r.event.as_str())).collect();
        assert_eq!(rows, [("14:00", "alert"), ("14:10", "fix")]);
        assert!(d.timeline_notes.is_empty());
    }

    #[test]
    fn ambiguous_slashed_row_dates_are_read_with_the_documents_order() {
        // 20/03 makes the document day-first, so 05/03 is the 5th of March.
        let d =
            imported("## Timeline\n- 05/03/2025 8:00 PM: alert\n- 20/03/2025 9:00 PM: fixed\n").doc;
        assert_eq!(d.timeline[0].time, "2025-03-05 8:00 PM");
        assert_eq!(d.timeline[1].time, "20/03/2025 9:00 PM");
    }

    #[test]
    fn root_cause_lessons_and_measures_split_at_their_labels() {
        let d = imported("## Root Cause and Resolution\n- **Cause:** a typo\n- **Resolution:** fixed it\n\n**A diagram**:\n\n```\nx\n```\n\n## Lessons learned\n### What worked\nAlerts.\n### Where we got lucky\nQuiet day.\n\n## Preventive measures\nWe will:\n\n- add alerts\n- review configs\n\n### ✅ Action Items (TODO)\n- [ ] **Patch** the pool (owner: Bo)\n").doc;
        assert_eq!(d.root_cause, "a typo");
        assert_eq!(d.resolution, "fixed it\n\n**A diagram**:\n\n```\nx\n```");
        let l = d.lessons.as_ref().expect("lessons");
        assert_eq!(
            (l.went_well.as_str(), l.went_wrong.as_str(), l.got_lucky.as_str()),
            ("Alerts.", "", "Quiet day.")
        );
        assert_eq!(d.headings.went_well, "What worked");
        assert_eq!(d.measures_notes, "We will:");
        assert_eq!(
            d.improvements.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
            ["add alerts", "review configs"]
        );
        assert_eq!(
            (d.tasks[0].text.as_str(), d.tasks[0].owner.as_str()),
            ("**Patch** the pool", "Bo")
        );
        assert_eq!(d.headings.tasks, "✅ Action Items (TODO)");
    }

    #[test]
    fn unknown_sections_are_custom_and_a_non_postmortem_says_so() {
        let got = imported(
            "# Lentil soup\n\nWarm.\n\n## Ingredients\n- lentils\n\n## Method\n1. Simmer.\n",
        );
        assert_eq!(got.doc.title, "Lentil soup");
        assert_eq!(got.doc.intro, "Warm.");
        let custom: Vec<_> =
            got.doc.custom.iter().map(|c| (c.heading.as_str(), c.body.as_str())).collect();
        assert_eq!(custom, [("Ingredients", "- lentils"), ("Method", "1. Simmer.")]);
        assert_eq!(kinds(&got), [ImportKind::NotAPostmortem]);
        assert!(got.findings[0].message.contains("may not be a postmortem"));
    }

    #[test]
    fn findings_point_at_the_line_and_say_what_to_do() {
        let got = imported("#Postmortem\n\nintro\n\n## Timeline\n<<<<<<< HEAD\n- 14:00 a\n=======\n- 14:01 a\n>>>>>>> other\n\ntext one\ntext two\n---\n\n![x](https://github.com/o/r/blob/main/x.png) ![y] (z.png)\n\n<img src=\"a.gif\"> <b>bold</b>\n");
        let found: Vec<(ImportKind, usize)> =
            got.findings.iter().map(|f| (f.kind, f.line)).collect();
        use ImportKind::*;
        assert_eq!(
            found,
            [
                (NotAHeading, 1),
                (ConflictMarker, 6),
                (NotAHeading, 14),
                (BrokenImage, 16),
                (BrokenImage, 16),
                (RawHtml, 18),
                (RawHtml, 18)
            ]
        );
        assert_eq!(got.doc.timeline.len(), 2, "both sides of the conflict are kept");
        for f in &got.findings {
            assert!(f.message.starts_with(&format!("Line {}: ", f.line)), "{f:?}");
        }
    }

    #[test]
    fn a_fenced_document_is_read_as_the_document() {
        let got = imported("ure! Here it is:\n\n```markdown\n# Postmortem: Disk full\n\n## Timeline\n- 14:00 disk full\n");
        assert_eq!((got.doc.title.as_str(), got.doc.timeline.len()), ("Disk full", 1));
        assert_eq!(got.doc.intro, "ure! Here it is:\n\n\\```markdown");
        assert_eq!(kinds(&got), [ImportKind::UnclosedFence]);
        let got = imported("Here:\n\n```md\n# Postmortem: Disk full\n## Timeline\n- 14:00 x\n```\n\nHope it helps.\n");
        assert_eq!(
            (got.doc.title.as_str(), kinds(&got)),
            ("Disk full", vec![ImportKind::FencedDocument])
        );
        // An example inside a document with headings of its own stays code.
        let got = imported("# Notes\n\n```markdown\n# Example\n```\n");
        assert!(got.doc.intro.contains("```markdown\n# Example\n```"), "{:?}", got.doc);
    }

    #[test]
    fn duration_mismatches_are_found() {
        let stated = imported("## Summary\nDown for 1 hours, between 5pm and 6:35pm.\n");
        assert_eq!(kinds(&stated), [ImportKind::DurationMismatch]);
        assert!(
            stated.findings[0].message.contains("lasted 1 hours")
                && stated.findings[0].message.contains("1 h 35 min")
        );
        let late = imported("## Summary\nFrom 12:05 AM to 10:10 PM WAT.\n\n## Timeline\n- 7:05 AM: found\n- 9:30 PM: restored\n");
        assert!(late.findings[0].message.contains("40 min before the end"), "{:?}", late.findings);
        let long = imported("## Summary\nIt lasted for 1 hour and 20 minutes, from 11:25 AM.\n\n## Timeline\n- 11:30 AM: a\n- 12:45 AM: b\n");
        assert!(long.findings[0].message.contains("13 h 15 min"), "{:?}", long.findings);
        let fine = imported("## Summary\nIt lasted for two hours, from 2:00 PM to 4:00 PM EST.\n\n## Timeline\n- 2:00 PM: a\n- 4:00 PM: b\n\nIt was more than an hour old.\n");
        assert!(fine.findings.is_empty(), "{:?}", fine.findings);
    }

    #[test]
    fn small_readers() {
        assert_eq!(title_text("Postmortem"), "");
        assert_eq!(title_text("Postmortem: Postmortem: x"), "Postmortem: x");
        assert_eq!(title_text("🚨 **Postmortem: Bank outage**"), "Bank outage");
        assert_eq!(title_text("Postmortem of the LB outage"), "Postmortem of the LB outage");
        assert_eq!(title_text("Issue in C\\#"), "Issue in C#");
        let task = read_task("text (owner: A, due 2024-01-01)", true);
        assert_eq!(
            (task.text.as_str(), task.owner.as_str(), task.due.as_str(), task.done),
            ("text", "A", "2024-01-01", true)
        );
        assert_eq!(read_task("(due x)", false).due, "x");
        assert_eq!(read_task("see (owner: docs) here", false).owner, "");
        assert_eq!(split_zone("16:30 (UTC)"), Some(("16:30".into(), "UTC".into())));
        assert_eq!(split_zone("14:05 Pacific Time"), Some(("14:05".into(), "Pacific Time".into())));
        assert_eq!(split_zone("UTC"), None);
        assert_eq!(unlist("\\# not a heading", '-'), "# not a heading");
        assert_eq!(unlist("1\\. not a list", '-'), "1. not a list");
        assert_eq!(uncell("a \\| b \\\\| c"), "a | b \\\\| c");
        assert_eq!(find_zone("Timeline (all times West African Time (WAT))"), Some("WAT".into()));
        assert_eq!(find_zone("we eat cat food at the Central office"), None);
        assert_eq!(
            stated_duration("lasted for 2 hours, 35 minutes").map(|d| d.0.whole_minutes()),
            Some(155)
        );
        assert_eq!(
            stated_duration("an hour and a half of downtime").map(|d| d.0.whole_minutes()),
            Some(90)
        );
        assert_eq!(stated_duration("alerts when more than an hour old"), None);
        assert_eq!(classify("Summary of what went wrong", false), Some(K::Summary));
        assert_eq!(classify("Root Cause and Resolution Measures", false), Some(K::RcR));
        assert_eq!(classify("Postmortem: a debugging story", true), None);
    }

    #[test]
    fn the_imported_summary_reads_back_through_the_clock() {
        let d = imported("## Summary\nFrom 2305HRS EAT to 0030HRS EAT.\n\n## Timeline\n* 2306HRS - complaint\n* 0029HRS - fixed\n").doc;
        let clock = Clock::new(&d.summary);
        assert_eq!(clock.duration(), Some(Duration::minutes(85)));
        assert_eq!(
            d.summary,
            Summary {
                start: "2305HRS EAT".into(),
                end: "0030HRS".into(),
                zone: "EAT".into(),
                notes: "From 2305HRS EAT to 0030HRS EAT.".into(),
                ..Default::default()
            }
        );
    }

    #[test]
    fn large_and_hostile_input_imports() {
        // How long these take is in `cargo bench --bench core`.
        let row = "- 14:05 UTC: event with **bold**, `code` and a [link](https://example.com)\n";
        let text = format!("# Postmortem: big\n\n## Summary\nFrom 10:00 to 12:00 UTC.\n\n## Timeline\n{}\n## Notes\n{}", row.repeat(3000), "Some words. ".repeat(20000));
        let got = import(&text);
        assert_eq!(got.doc.timeline.len(), 3000);
        assert!(got.doc.custom.iter().any(|c| c.body.matches("Some words.").count() == 20000));
        for nasty in [
            "[".repeat(50_000) + &"]".repeat(50_000),
            "> ".repeat(3000),
            "14:00 a<br>".repeat(10_000),
            "**Impact:** x\n".repeat(10_000),
        ] {
            let once = md(&import(&nasty).doc);
            assert!(lost_words(&nasty, &once).is_empty(), "{}", &nasty[..40]);
        }
    }

    /// Lines of hand-written postmortems, to be shuffled into new ones.
    #[rustfmt::skip]
    const LINES: &[&str] = &[
        "# Postmortem: DB outage", "#Postmortem", "Postmortem", "## Issue Summary", "**Summary:**",
        "SUMMARY", "Timeline", "## Timeline (all times UTC)", "### 2024-06-01", "Root Cause:",
        "**Root Cause and Resolution**", "### Resolution", "## Corrective and Preventative Measures",
        "### Tasks", "## Lessons learned", "### What went well", "## Conclusion", "",
        "- 14:05 UTC: alert fired", "* 2:00 PM - paged", "14:10 - rolled back", "1. 14:20 fixed",
        "- a continuation", "| Time | Event |", "| --- | --- |", "| 14:00 | **Detection:** alert |",
        "- **Duration:** 14:00 – 16:30 UTC (2 h 30 min)", "- **Start:** 2305HRS EAT",
        "**Impact:** 90% of users affected", "Duration: 2 hours", "From 9:00 AM to 11:30 AM GMT+2",
        "- [ ] add alert (owner: R. Ortiz, due 2024-06-15)", "- [x] done", "- improve alerts",
        "---", "===", "<<<<<<< HEAD", "=======", ">>>>>>> branch", "```markdown", "```", "    indented 14:00 code",
        "<div align=\"center\"><h1>Title</h1></div>", "line one<br> 14:30 - line two", "![img](x/blob/y.png)",
        "![broken] (x.png)", "> quoted 14:00", "[r]: https://example.com", "Status: final", "**Authors:** A, B",
        "word \\\\", "text with trailing spaces   ", "\t14:00\tTabbed event",
    ];

    /// Our fixtures, to be mutated.
    const FIXTURES: &[&str] = &[
        include_str!("../tests/fixtures/fx06-bold-headings-no-space-hash.md"),
        include_str!("../tests/fixtures/fx07-chat-fence-html-title.md"),
        include_str!("../tests/fixtures/fx10-h1-fields-code-timeline.md"),
        include_str!("../tests/fixtures/fx14-pipe-table-tasks.md"),
        include_str!("../tests/fixtures/fx19-reflowed-br-dates.md"),
        include_str!("../tests/fixtures/fx20-setext-footnotes.md"),
    ];

    /// A fixture with some of its lines dropped, doubled or cut short.
    fn mutated() -> impl Strategy<Value = String> {
        (
            proptest::sample::select(FIXTURES),
            proptest::collection::vec((0usize..200, 0u8..4, 0usize..40), 1..8),
        )
            .prop_map(|(text, edits)| {
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                for (at, op, cut) in edits {
                    let at = at % lines.len().max(1);
                    match op {
                        0 if !lines.is_empty() => drop(lines.remove(at)),
                        1 if !lines.is_empty() => lines.insert(at, lines[at].clone()),
                        2 if !lines.is_empty() => {
                            let l = &lines[at];
                            let cut = l.char_indices().nth(cut).map_or(l.len(), |c| c.0);
                            lines[at] = l[..cut].to_string();
                        }
                        _ => lines.insert(at, LINES[cut % LINES.len()].to_string()),
                    }
                }
                lines.join("\n")
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Documents in the form import produces read back as themselves.
        #[test]
        fn export_then_import_gives_the_document_back(d in crate::arbitrary::canonical_document()) {
            let text = md(&d);
            prop_assert_eq!(&import(&text).doc, &d, "{}", text);
        }

        /// Any text imports: no panic, no word lost, and what it gives is a
        /// fixed point of export and import.
        #[test]
        fn any_text_imports(text in prop_oneof![
            any::<String>(),
            crate::arbitrary::text(40),
            proptest::collection::vec(proptest::sample::select(LINES), 0..12).prop_map(|l| l.join("\n")),
            mutated(),
        ]) {
            let once = md(&import(&text).doc);
            prop_assert!(lost_words(&text, &once).is_empty(), "lost {:?} from {:?}", lost_words(&text, &once), text);
            prop_assert_eq!(&md(&import(&once).doc), &once, "from {:?}", text);
        }

        /// Any document's Markdown, however hostile its fields, imports
        /// without losing a word, to a fixed point. (Not to the original
        /// bytes: an author's heading that names no section, or a line of
        /// free text that reads as a heading, a field or a timeline entry, is
        /// read as what it looks like, by design.)
        #[test]
        fn any_export_imports_to_a_fixed_point_losing_no_word(d in crate::arbitrary::document()) {
            let text = md(&d);
            let once = md(&import(&text).doc);
            prop_assert!(lost_words(&text, &once).is_empty(), "lost {:?} from {}", lost_words(&text, &once), text);
            prop_assert_eq!(&md(&import(&once).doc), &once, "from {}", text);
        }
    }
}
