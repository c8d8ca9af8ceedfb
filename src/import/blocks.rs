//! The second stage: the text cut into its top-level blocks by
//! pulldown-cmark. Paragraphs come out line by line, since people write
//! headings as bold, ALL-CAPS or bare lines, and every block keeps its
//! source range, so later stages can keep text exactly as written.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag as Md};

use super::text::Piece;
use crate::render;

#[derive(Clone, Debug)]
pub struct Block {
    /// From the start of its first line; no trailing newline.
    pub range: Piece,
    pub kind: BlockKind,
}

#[derive(Clone, Debug)]
pub enum BlockKind {
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
pub struct ListItem {
    pub range: Piece,
    /// After the marker and the task box.
    pub body: Piece,
    /// One paragraph, nothing nested.
    pub simple: bool,
    pub checked: Option<bool>,
    pub bullet: char,
}

/// A thematic break: "---", "***", "* * *".
pub fn is_rule(text: &str) -> bool {
    let marks: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && "-*_".contains(marks[0]) && marks.iter().all(|&c| c == marks[0])
}

/// `at`, or the start of its line when only blanks come before it there.
pub fn line_start(src: &str, at: usize) -> usize {
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    if src[start..at].trim().is_empty() {
        start
    } else {
        at
    }
}

pub fn trim_end_at(src: &str, range: Piece) -> Piece {
    range.start..range.start + src[range.clone()].trim_end().len()
}

/// The lines of a range, each trimmed at its end.
pub fn lines_of(src: &str, range: Piece) -> Vec<Piece> {
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
pub fn scan(src: &str, within: Piece, conflicts: bool, accidents: &mut Vec<usize>) -> Vec<Block> {
    let (base, text) = (within.start, &src[within]);
    let mut out = Vec::new();
    let (mut depth, mut last_end, mut para, mut children) = (0usize, 0, 0, 0);
    let mut open: Option<(BlockKind, usize)> = None;
    let (mut items, mut rows): (Vec<ListItem>, Vec<Vec<Piece>>) = (Vec::new(), Vec::new());
    let gap = |out: &mut Vec<Block>, from: usize, to: usize| {
        if to > from && !text[from..to].trim().is_empty() {
            let start = base + to - text[from..to].trim_start().len();
            out.push(Block {
                range: trim_end_at(src, line_start(src, start)..base + to),
                kind: BlockKind::Other,
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
                                BlockKind::Heading(*level as usize, range.clone())
                            }
                            Md::Paragraph => BlockKind::Line(0),
                            Md::List(first) => BlockKind::List(first.is_some(), Vec::new()),
                            Md::Table(_) => BlockKind::Table(Vec::new()),
                            Md::CodeBlock(k) => {
                                BlockKind::Code(matches!(k, CodeBlockKind::Indented))
                            }
                            _ => BlockKind::Other,
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
                    BlockKind::Heading(level, _) => {
                        heading(src, whole, level, conflicts, &mut para, accidents, &mut out)
                    }
                    BlockKind::Line(_) => {
                        para += 1;
                        let lines = lines_of(src, whole).into_iter().filter(|l| !l.is_empty());
                        out.extend(lines.map(|range| Block { range, kind: BlockKind::Line(para) }));
                    }
                    BlockKind::List(ordered, _) => {
                        let mut items = std::mem::take(&mut items);
                        for i in &mut items {
                            i.range = trim_end_at(src, line_start(src, i.range.start)..i.range.end);
                            i.body = item_body(src, i);
                        }
                        // What the list holds after its last item (a link definition) is kept apart.
                        let end = items.last().map_or(whole.end, |i| i.range.end);
                        out.push(Block {
                            range: whole.start..end,
                            kind: BlockKind::List(ordered, items),
                        });
                        gap(&mut out, end - base, whole.end - base);
                    }
                    BlockKind::Table(_) => out.push(Block {
                        range: whole,
                        kind: BlockKind::Table(std::mem::take(&mut rows)),
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
                    kind: BlockKind::Rule,
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
        out.push(Block {
            range: whole,
            kind: BlockKind::Heading(level, start..start + content.len()),
        });
        return;
    }
    let underline_at = text.rfind('\n').unwrap_or(0);
    let lines = whole.start..whole.start + underline_at;
    if text[..underline_at].contains('\n')
        || (conflicts && text[underline_at..].trim() == "=======")
    {
        *para += 1;
        out.extend(
            lines_of(src, lines)
                .into_iter()
                .map(|range| Block { range, kind: BlockKind::Line(*para) }),
        );
        accidents.push(whole.start + underline_at + 1);
        return;
    }
    let content = whole.start + lead..lines.end;
    out.push(Block { range: whole, kind: BlockKind::Heading(level, content) });
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
