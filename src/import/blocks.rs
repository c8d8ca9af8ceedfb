//! The second stage: the text cut into its top-level blocks by
//! pulldown-cmark. Paragraphs come out line by line, since people write
//! headings as bold, ALL-CAPS or bare lines, and every block keeps its
//! source range, so later stages can keep text exactly as written.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag as Md, TagEnd};

use super::text::Piece;

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
    /// The blocks inside it, its first paragraph's lines first.
    pub children: Vec<Block>,
}

/// A thematic break: "---", "***", "* * *".
pub fn is_rule(text: &str) -> bool {
    let marks: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && "-*_".contains(marks[0]) && marks.iter().all(|&c| c == marks[0])
}

/// Whether `text`, read at the top level as export writes it, ends with a
/// heading: a piece from inside a list item ("  ### Root cause") is one
/// there, and the block after it must then stand apart as it will on the
/// next import.
pub fn ends_in_heading(text: &str) -> bool {
    let mut depth = 0usize;
    let mut last_was_heading = false;
    for event in Parser::new_ext(text, crate::dialect::options()) {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    last_was_heading = false;
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    last_was_heading = matches!(end, TagEnd::Heading(_));
                }
            }
            _ if depth == 0 => last_was_heading = false,
            _ => {}
        }
    }
    last_was_heading
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
/// A list item's own blocks come out too, from the same parse (read again
/// alone, without the item's indentation, they would read otherwise).
/// `paragraphs` counts the paragraphs numbered so far, so that a part of
/// the text scanned again numbers its own after them.
pub fn scan(
    src: &str,
    within: Piece,
    conflicts: bool,
    accidents: &mut Vec<usize>,
    paragraphs: &mut usize,
) -> Vec<Block> {
    let base = within.start;
    let events: Vec<(Event, Piece)> =
        Parser::new_ext(&src[within.clone()], crate::dialect::options())
            .into_offset_iter()
            .map(|(e, r)| (e, base + r.start..base + r.end))
            .collect();
    let mut builder = Builder { src, conflicts, accidents, para: *paragraphs };
    let blocks = builder.blocks(&events, Some(within));
    *paragraphs = builder.para;
    blocks
}

struct Builder<'s, 'a> {
    src: &'s str,
    conflicts: bool,
    accidents: &'a mut Vec<usize>,
    /// Paragraphs numbered in order, so a paragraph's lines can be told apart.
    para: usize,
}

/// Tags of blocks, not of inline spans (emphasis, links).
fn is_block(tag: &Md) -> bool {
    !matches!(
        tag,
        Md::Emphasis
            | Md::Strong
            | Md::Strikethrough
            | Md::Link { .. }
            | Md::Image { .. }
            | Md::Superscript
            | Md::Subscript
    )
}

fn ends_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Where the events of the container that starts at `events[0]` end (the
/// index of its End).
fn end_of(events: &[(Event, Piece)]) -> usize {
    let mut depth = 0;
    for (k, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ if depth == 0 => return k,
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

impl Builder<'_, '_> {
    /// The blocks of a run of events at one level. `gaps`: the range the
    /// events cover, whose text with no event is kept as blocks of its own.
    fn blocks(&mut self, events: &[(Event, Piece)], gaps: Option<Piece>) -> Vec<Block> {
        let src = self.src;
        let mut out = Vec::new();
        let mut last_end = gaps.as_ref().map_or(0, |g| g.start);
        let gap = |out: &mut Vec<Block>, from: usize, to: usize| {
            if gaps.is_some() && to > from && !src[from..to].trim().is_empty() {
                let start = to - src[from..to].trim_start().len();
                out.push(Block {
                    range: trim_end_at(src, line_start(src, start)..to),
                    kind: BlockKind::Other,
                });
            }
        };
        let mut k = 0;
        while k < events.len() {
            let (event, range) = &events[k];
            match event {
                Event::Start(tag) if is_block(tag) => {
                    let end = k + end_of(&events[k..]);
                    gap(&mut out, last_end, range.start);
                    last_end = range.end;
                    self.block(tag, range.clone(), &events[k + 1..end], &mut out, &mut last_end);
                    k = end + 1;
                }
                Event::Rule => {
                    gap(&mut out, last_end, range.start);
                    last_end = range.end;
                    out.push(Block {
                        range: trim_end_at(src, line_start(src, range.start)..range.end),
                        kind: BlockKind::Rule,
                    });
                    k += 1;
                }
                Event::End(_) => k += 1,
                // Inline events with no paragraph around them: a tight list
                // item's text, which is a paragraph of its own.
                _ => {
                    let run = events[k..]
                        .iter()
                        .take_while(|(e, _)| match e {
                            Event::Start(tag) => !is_block(tag),
                            Event::End(tag) => !ends_block(tag),
                            Event::Rule => false,
                            _ => true,
                        })
                        .count()
                        .max(1);
                    let from = range.start;
                    let to = events[k + run - 1].1.end;
                    self.para += 1;
                    let para = self.para;
                    let lines = lines_of(src, line_start(src, from)..to)
                        .into_iter()
                        .filter(|l| !l.is_empty());
                    out.extend(lines.map(|range| Block { range, kind: BlockKind::Line(para) }));
                    last_end = last_end.max(to);
                    k += run;
                }
            }
        }
        if let Some(g) = &gaps {
            gap(&mut out, last_end, g.end);
        }
        out
    }

    /// The block a container is: `inner` are the events inside it.
    fn block(
        &mut self,
        tag: &Md,
        range: Piece,
        inner: &[(Event, Piece)],
        out: &mut Vec<Block>,
        last_end: &mut usize,
    ) {
        let src = self.src;
        let whole = trim_end_at(src, line_start(src, range.start)..range.end);
        match tag {
            Md::Heading { level, .. } => {
                let level = *level as usize;
                heading(src, whole, level, self.conflicts, &mut self.para, self.accidents, out)
            }
            Md::Paragraph => {
                self.para += 1;
                let para = self.para;
                let lines = lines_of(src, whole).into_iter().filter(|l| !l.is_empty());
                out.extend(lines.map(|range| Block { range, kind: BlockKind::Line(para) }));
            }
            Md::List(first) => {
                let mut items = Vec::new();
                let mut k = 0;
                while k < inner.len() {
                    let (event, item_range) = &inner[k];
                    let end = k + end_of(&inner[k..]);
                    if let Event::Start(Md::Item) = event {
                        items.push(self.item(item_range.clone(), &inner[k + 1..end]));
                    }
                    k = end + 1;
                }
                // What the list holds after its last item (a link definition) is kept apart.
                let end = items.last().map_or(whole.end, |i| i.range.end);
                out.push(Block {
                    range: whole.start..end,
                    kind: BlockKind::List(first.is_some(), items),
                });
                if end < whole.end && !src[end..whole.end].trim().is_empty() {
                    let start = whole.end - src[end..whole.end].trim_start().len();
                    out.push(Block {
                        range: trim_end_at(src, line_start(src, start)..whole.end),
                        kind: BlockKind::Other,
                    });
                }
                *last_end = range.end;
            }
            Md::Table(_) => {
                let mut rows: Vec<Vec<Piece>> = Vec::new();
                for (event, r) in inner {
                    match event {
                        Event::Start(Md::TableHead | Md::TableRow) => rows.push(Vec::new()),
                        Event::Start(Md::TableCell) => {
                            rows.last_mut().into_iter().for_each(|row| row.push(r.clone()))
                        }
                        _ => {}
                    }
                }
                out.push(Block { range: whole, kind: BlockKind::Table(rows) });
            }
            Md::CodeBlock(k) => out.push(Block {
                range: whole,
                kind: BlockKind::Code(matches!(k, CodeBlockKind::Indented)),
            }),
            _ => out.push(Block { range: whole, kind: BlockKind::Other }),
        }
    }

    /// A list item, and the blocks inside it.
    fn item(&mut self, range: Piece, inner: &[(Event, Piece)]) -> ListItem {
        let src = self.src;
        // A box that ends its line ("- [ ]" and nothing but blanks after it) is no
        // box: GitHub shows it as the text "[ ]", and the export writes it
        // so (see `dialect`); the item is a plain one with that text.
        let checked = inner.iter().find_map(|(e, r)| match e {
            Event::TaskListMarker(c)
                if !src[r.end..].lines().next().unwrap_or("").trim().is_empty() =>
            {
                Some(*c)
            }
            _ => None,
        });
        let bullet = src[range.clone()].trim_start().chars().next().unwrap_or('-');
        let children = self.blocks(inner, None);
        // One paragraph and nothing else (its lines are blocks of one paragraph).
        let first_para = children.first().and_then(|b| match b.kind {
            BlockKind::Line(p) => Some(p),
            _ => None,
        });
        let simple = first_para.is_some_and(|p| {
            children.iter().all(|b| matches!(b.kind, BlockKind::Line(q) if q == p))
        }) || children.is_empty();
        let range = trim_end_at(src, line_start(src, range.start)..range.end);
        let mut item =
            ListItem { range: range.clone(), body: range, simple, checked, bullet, children };
        item.body = item_body(src, &item);
        item
    }
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
    // The lead of the heading's own line: a line of U+2028 is text to
    // pulldown-cmark but white space to `trim_start`, and the whole's lead
    // would then run past the underline.
    let own = &text[..underline_at];
    let content = whole.start + own.len() - own.trim_start().len()..lines.end;
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
