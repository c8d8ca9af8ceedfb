//! The document as the later stages read it: its blocks, the heading each
//! block is (by syntax or by look), the day/month order of its dates, and
//! ways to give any of its pieces back as Markdown, exactly as written.

use super::blocks::{ends_in_heading, is_rule, scan, Block, BlockKind, ListItem};
use super::entries::entry;
use super::findings::ImportFinding;
use super::headings::{pseudo_heading, topic_of_heading, topic_of_label, Head, Look, Topic};
use super::text::{name_words, single, split_label, Lines, Piece};
use crate::timeparse::{self, DateOrder};

pub struct Source<'a> {
    pub src: &'a str,
    pub lines: Lines,
    pub blocks: Vec<Block>,
    /// The heading each block is, if any.
    pub heads: Vec<Option<Head>>,
    pub order: DateOrder,
}

/// A label: a heading, a bold or bare line, or "**Label:** value".
#[derive(Default)]
pub struct Label {
    pub text: String,
    pub topic: Option<Topic>,
    pub value: Option<Piece>,
}

impl<'a> Source<'a> {
    /// Reads the blocks and headings of `src`; also gives what was noticed
    /// about headings on the way. `conflicts`: the text has merge-conflict
    /// markers, whose `=======` is no Setext underline.
    pub fn new(src: &'a str, conflicts: bool) -> (Source<'a>, Vec<ImportFinding>) {
        let mut accidents = Vec::new();
        let mut paragraphs = 0;
        let blocks = scan(src, 0..src.len(), conflicts, &mut accidents, &mut paragraphs);
        let blocks = end_lists_at_headings(src, blocks, conflicts, &mut accidents, &mut paragraphs);
        let (lines, order) = (Lines::new(src), timeparse::guess_date_order(src));
        let mut source = Source { src, lines, blocks, heads: Vec::new(), order };
        source.heads = (0..source.blocks.len()).map(|i| source.head(i)).collect();
        let mut findings = Vec::new();
        for at in accidents {
            let underline = src[at..].lines().next().unwrap_or("").trim();
            findings.push(ImportFinding::accidental_setext(source.lines.of(at), underline));
        }
        for (i, h) in source.heads.iter().enumerate() {
            if let Some(Head { look: Look::HashWithoutSpace(n), raw, .. }) = h {
                let line = source.lines.of(source.blocks[i].range.start);
                findings.push(ImportFinding::no_space_after_hash(line, &"#".repeat(*n), raw));
            }
        }
        (source, findings)
    }

    pub fn text(&self, r: &Piece) -> &'a str {
        &self.src[r.clone()]
    }

    pub fn line_of(&self, at: usize) -> usize {
        self.lines.of(at)
    }

    pub fn ranges(&self, blocks: &[usize]) -> Vec<Piece> {
        blocks.iter().map(|&i| self.blocks[i].range.clone()).collect()
    }

    /// Pieces of source as one text: neighbours (only blank lines between)
    /// as they are, others as paragraphs of their own. Rules before or after
    /// the text only separated it from its neighbours.
    pub fn render(&self, pieces: &[Piece]) -> String {
        let pieces: Vec<&Piece> = pieces.iter().filter(|p| !p.is_empty()).collect();
        let rule = |p: &&&Piece| is_rule(self.text(p));
        let start = pieces.iter().take_while(rule).count();
        let end = pieces.len() - pieces[start..].iter().rev().take_while(rule).count();
        let (mut out, mut prev) = (String::new(), None::<&Piece>);
        for p in &pieces[start..end] {
            match prev {
                Some(before)
                    if before.end <= p.start
                        && self.src[before.end..p.start].trim().is_empty()
                        && !self.in_heading(before.end)
                        && !ends_in_heading(self.text(before)) =>
                {
                    out.push_str(&self.src[before.end..p.end])
                }
                _ => {
                    if !out.is_empty() {
                        out.push_str("\n\n");
                    }
                    out.push_str(self.text(p));
                }
            }
            prev = Some(p);
        }
        out.trim_matches('\n').trim_end().to_string()
    }

    /// Whether `at` is within a heading's line: what comes after it there
    /// is a block of its own, read as such only with a blank line between
    /// once the heading's value is a paragraph ("# Root cause: x" then a
    /// line of HTML, which a paragraph would take in as inline HTML).
    fn in_heading(&self, at: usize) -> bool {
        self.blocks.iter().any(|b| {
            matches!(b.kind, BlockKind::Heading(..)) && b.range.start < at && at <= b.range.end
        })
    }

    /// The heading block `i` is, by syntax or by look.
    fn head(&self, i: usize) -> Option<Head> {
        let b = &self.blocks[i];
        if let BlockKind::Heading(level, content) = &b.kind {
            let raw = single(self.text(content));
            // A value of footnote links only ("**Action Items**:^[2](url)^") is none.
            let label = split_label(self.text(content))
                .filter(|(_, v)| !name_words(&self.text(content)[*v..]).is_empty());
            let label = label.map(|(l, v)| (l, content.start + v..content.end));
            // "# Root Cause: the certificate expired" names its label's part.
            let topic = topic_of_heading(&raw).or_else(|| {
                let t = topic_of_label(&label.as_ref()?.0)?;
                (t.section() != t).then_some(t)
            });
            return Some(Head {
                look: Look::Heading(*level),
                topic,
                name: raw.clone(),
                raw,
                label,
            });
        }
        let BlockKind::Line(_) = b.kind else { return None };
        let (look, name, topic) = pseudo_heading(self.text(&b.range))?;
        // A first line that names nothing may still be the title.
        let title = i == 0
            && name.split_whitespace().count() <= 10
            && entry(&name, self.order).is_none()
            && !matches!(look, Look::Bold);
        if topic.is_none() && !title {
            return None;
        }
        let raw = if let Look::HashWithoutSpace(_) = look {
            single(&name)
        } else {
            single(self.text(&b.range))
        };
        Some(Head { look, raw, topic, name: single(&name), label: None })
    }

    /// Without rules right after a heading or at a section's end: they only
    /// separate sections.
    pub fn trim_rules(&self, blocks: &[usize]) -> Vec<usize> {
        let rule = |i: &&usize| matches!(self.blocks[**i].kind, BlockKind::Rule);
        let start = blocks.iter().take_while(rule).count();
        let end = blocks.len() - blocks[start..].iter().rev().take_while(rule).count();
        blocks[start..end].to_vec()
    }

    /// A section's blocks without the line our export writes under the
    /// heading of a team-only section, and whether it was there.
    pub fn without_internal_mark(&self, blocks: &[usize]) -> (Vec<usize>, bool) {
        match blocks.first() {
            Some(&first)
                if self.text(&self.blocks[first].range).trim() == crate::export::INTERNAL_MARK =>
            {
                (blocks[1..].to_vec(), true)
            }
            _ => (blocks.to_vec(), false),
        }
    }

    /// Text with no line that reads as a section heading when it stands at
    /// the top level, as an item's value does once it is a part's text.
    pub fn plain(&self, piece: &Piece) -> bool {
        !self.text(piece).lines().any(|l| pseudo_heading(l).is_some_and(|h| h.2.is_some()))
    }

    /// The label block `i` is or starts with (a heading, "**Label:**
    /// value"), what it names and its value's source.
    pub fn label(&self, i: usize) -> Option<Label> {
        if let Some(h) = &self.heads[i] {
            return Some(match &h.label {
                Some((l, v)) => {
                    Label { topic: topic_of_label(l), text: l.clone(), value: Some(v.clone()) }
                }
                None => Label { topic: h.topic, text: h.raw.clone(), value: None },
            });
        }
        let b = &self.blocks[i];
        let BlockKind::Line(_) = b.kind else { return None };
        let (text, at) = split_label(self.text(&b.range))?;
        let value = Some(b.range.start + at..b.range.end).filter(|v| !v.is_empty());
        Some(Label { topic: topic_of_label(&text), text, value })
    }

    /// The label on an item's first line; its value runs to the item's end.
    pub fn item_label(&self, item: &ListItem) -> Option<Label> {
        let (text, at) = split_label(self.text(&item.body).split('\n').next().unwrap_or(""))?;
        let start = item.body.start + at;
        Some(Label {
            topic: topic_of_label(&text),
            text,
            value: Some(start..item.body.end.max(start)),
        })
    }

    /// The blocks nested in a list item, after its first line.
    pub fn nested(&self, item: &ListItem) -> Vec<Block> {
        let first = item.body.start + self.text(&item.body).find('\n').unwrap_or(item.body.len());
        item.children.iter().filter(|b| b.range.start > first).cloned().collect()
    }
}

/// A line under a list that reads as a section heading ("- 9:10 Fixed"
/// then "**Root Cause**" at the margin, or indented after a blank line
/// under the last item) is, to the parser, more of an item; the author meant a
/// heading, and once import has moved the line out of the item (into the
/// notes), the next import reads it as one. So the list ends before it
/// here already, and the rest is read again as top-level text.
fn end_lists_at_headings(
    src: &str,
    blocks: Vec<Block>,
    conflicts: bool,
    accidents: &mut Vec<usize>,
    paragraphs: &mut usize,
) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let cut = match &b.kind {
            BlockKind::List(_, items) => items
                .iter()
                .enumerate()
                .find_map(|(k, item)| heading_line(src, item, k + 1 == items.len())),
            _ => None,
        };
        let Some(at) = cut else {
            out.push(b);
            continue;
        };
        for range in [b.range.start..at, at..b.range.end] {
            let again = scan(src, range, conflicts, accidents, paragraphs);
            out.extend(end_lists_at_headings(src, again, conflicts, accidents, paragraphs));
        }
    }
    out
}

/// Where the line of `item` that ends its list starts, if one does: past
/// its first line, a paragraph line that reads as a section heading and
/// is lazy (at the margin), or, in the list's `last` item, opens a
/// paragraph (indented under an item above, it is the item's own).
fn heading_line(src: &str, item: &ListItem, last: bool) -> Option<usize> {
    let mut paragraph = None;
    for (k, child) in item.children.iter().enumerate() {
        let BlockKind::Line(p) = child.kind else {
            paragraph = None;
            continue;
        };
        let text = &src[child.range.clone()];
        let opens = paragraph != Some(p);
        paragraph = Some(p);
        let lazy = !text.starts_with(char::is_whitespace);
        if k > 0
            && (lazy || (opens && last))
            && pseudo_heading(text.trim()).is_some_and(|h| h.2.is_some())
        {
            return Some(child.range.start);
        }
    }
    None
}
