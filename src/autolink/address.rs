//! The `www.` and URL pass of `autolink`: cmark-gfm finds these links in
//! a paragraph's source while it parses its inlines, so they are found
//! here in the source too, from the text events, and the events a link
//! covers are replaced by it.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::trailing::trim_end;

/// `events` with their `www.` and URL links made.
pub(super) fn links<'a>(source: &'a str, events: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
    let mut pass = AddressPass::new(source, events);
    pass.run();
    pass.out
}

/// A `[` (or `![`) read as text and not yet closed in its block: while one
/// is open, cmark-gfm makes no `www.` or URL link.
struct Bracket {
    image: bool,
    active: bool,
}

/// Where the reading goes on after a link: the event, and in it the source
/// offset to read from (none: the event whole).
type Resume = (usize, Option<usize>);

enum Kind {
    /// Text to scan, as written in the source.
    Written,
    /// Text that is not its source, or where no link is made: kept.
    Decoded,
    Closer,
    Other,
}

/// The `www.` and URL pass.
struct AddressPass<'a> {
    source: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
    out: Vec<Event<'a>>,
    /// Text read and not yet written: adjacent text is written as one event.
    text: String,
    /// The source range that `text` ends with, as written (for a URL's
    /// scheme, read backwards from its `:`).
    verbatim: Option<Range<usize>>,
    /// The blocks open (paragraph, heading, cell, item...): whether each
    /// is a table cell.
    blocks: Vec<bool>,
    /// Where the inline text of the block being read ends (cmark-gfm reads
    /// a link no further), once asked.
    segment_end: Option<usize>,
    /// Emphasis open (the index of its start among the events, and in `out`).
    emphasis: Vec<(usize, usize)>,
    brackets: Vec<Bracket>,
    /// Nothing of the line read yet: a `www.` may start here.
    line_start: bool,
    /// Inside a link, an image or a code block: no link is made.
    inside: usize,
    /// End events of emphasis a link began inside: written as the text of
    /// their closing delimiter.
    undone: BTreeSet<usize>,
    /// How far the source has been read.
    read_to: usize,
}

impl<'a> AddressPass<'a> {
    fn new(source: &'a str, events: Vec<(Event<'a>, Range<usize>)>) -> Self {
        AddressPass {
            source,
            out: Vec::with_capacity(events.len() + 8),
            events,
            text: String::new(),
            verbatim: None,
            blocks: Vec::new(),
            segment_end: None,
            emphasis: Vec::new(),
            brackets: Vec::new(),
            line_start: true,
            inside: 0,
            undone: BTreeSet::new(),
            read_to: 0,
        }
    }

    fn run(&mut self) {
        let mut at = 0;
        let mut from = None;
        while at < self.events.len() {
            let range = self.events[at].1.clone();
            let start = from.take();
            let next = match self.kind(at, start) {
                Kind::Decoded => {
                    let text = take_text(&mut self.events[at].0);
                    self.push_decoded(&text, range.end);
                    None
                }
                Kind::Written => self.read(at, start.unwrap_or(range.start), range.end),
                // An emphasis' end whose start a link took: its delimiter is text.
                Kind::Closer => {
                    let closer = self.read_to.clamp(range.start, range.end);
                    self.read(at, closer, range.end)
                }
                Kind::Other => {
                    self.flush();
                    self.structure(at);
                    // Starts and ends stay: `matching_end` counts them.
                    let event = match &self.events[at].0 {
                        Event::Start(_) | Event::End(_) => self.events[at].0.clone(),
                        _ => std::mem::replace(&mut self.events[at].0, Event::SoftBreak),
                    };
                    self.out.push(event);
                    None
                }
            };
            match next {
                Some((event, offset)) => {
                    at = event;
                    from = offset;
                }
                None => at += 1,
            }
        }
        self.flush();
    }

    /// How the event at `at` is read, from `start` if a link took its start.
    fn kind(&self, at: usize, start: Option<usize>) -> Kind {
        let (event, range) = &self.events[at];
        match event {
            Event::Text(_) if self.inside > 0 => Kind::Decoded,
            // What a link took the start of: the rest is its source.
            Event::Text(_) | Event::Code(_) | Event::HardBreak if start.is_some() => Kind::Written,
            // A reference or an escaped character is text that is not its source.
            Event::Text(text) if self.source.get(range.clone()) == Some(&**text) => Kind::Written,
            Event::Text(_) => Kind::Decoded,
            Event::End(_) if self.undone.contains(&at) => Kind::Closer,
            _ => Kind::Other,
        }
    }

    /// Keeps track of blocks, links, images and code blocks.
    fn structure(&mut self, at: usize) {
        let (event, range) = &self.events[at];
        self.read_to = self.read_to.max(match event {
            Event::Start(_) => range.start,
            _ => range.end,
        });
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                self.inside += 1;
                self.line_start = false;
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock)) => {
                self.inside = self.inside.saturating_sub(1);
                // A link made closes every `[` before it (links do not nest).
                if *end == TagEnd::Link && self.inside == 0 {
                    for b in self.brackets.iter_mut().filter(|b| !b.image) {
                        b.active = false;
                    }
                }
            }
            Event::Start(tag) if !inline(tag) => {
                self.blocks.push(matches!(tag, Tag::TableCell));
                self.new_segment();
            }
            Event::End(end) if !inline_end(end) => {
                self.blocks.pop();
                self.new_segment();
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => {
                self.emphasis.push((at, self.out.len()));
                self.line_start = false;
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                self.emphasis.pop();
            }
            Event::SoftBreak | Event::HardBreak => self.line_start = true,
            _ => self.line_start = false,
        }
    }

    fn new_segment(&mut self) {
        self.brackets.clear();
        self.emphasis.clear();
        self.segment_end = None;
        self.line_start = true;
    }

    /// Where the inline text that the event `at` is part of ends.
    fn segment_end(&mut self, at: usize) -> usize {
        if let Some(end) = self.segment_end {
            return end;
        }
        let mut end = self.events[at].1.end;
        for (event, range) in &self.events[at..] {
            match event {
                Event::Start(tag) if !inline(tag) => break,
                Event::End(tag) if !inline_end(tag) => break,
                _ => end = end.max(range.end),
            }
        }
        let end = self.source[..end].trim_end_matches(|c: char| c.is_ascii_whitespace()).len();
        self.segment_end = Some(end);
        end
    }

    /// Reads `source[from..to]`, text as written, looking for links; where
    /// one is made, says where to go on.
    fn read(&mut self, at: usize, from: usize, to: usize) -> Option<Resume> {
        let source = self.source;
        let escaped_at = (from == self.events[at].1.start
            && backslashes_before(source, from) % 2 == 1)
            .then_some(from);
        let mut p = from;
        while p < to {
            let Some(c) = source[p..].chars().next() else { break };
            if escaped_at != Some(p) {
                match c {
                    '[' => {
                        let image = p > 0
                            && source.as_bytes()[p - 1] == b'!'
                            && self.verbatim.as_ref().is_some_and(|v| v.end == p && v.start < p);
                        self.brackets.push(Bracket { image, active: true });
                    }
                    ']' => {
                        self.brackets.pop();
                    }
                    'w' | ':' if !self.brackets.iter().any(|b| b.active) => {
                        if let Some(resume) = self.link_at(at, p, c) {
                            return Some(resume);
                        }
                    }
                    _ => {}
                }
            }
            self.push_verbatim(p, p + c.len_utf8());
            p += c.len_utf8();
        }
        None
    }

    /// The `www.` or URL link whose `w` or `:` is at `p`, if there is one:
    /// written out, and where to go on after it.
    fn link_at(&mut self, at: usize, p: usize, c: char) -> Option<Resume> {
        let source = self.source;
        let block_end = self.segment_end(at);
        let in_cell = self.blocks.last().copied().unwrap_or(false);
        let start = if c == 'w' {
            let before = p.checked_sub(1).map(|i| source.as_bytes()[i]);
            let starts_here = self.line_start && self.text.is_empty();
            let after_ok = before.is_some_and(|b| b"*_~(".contains(&b) || is_space_byte(b));
            if !(starts_here || after_ok) {
                return None;
            }
            p
        } else {
            // The scheme: the letters before the ":", as written.
            let lowest = match &self.verbatim {
                Some(v) if v.end == p => v.start,
                _ => p,
            };
            let letters =
                source[lowest..p].bytes().rev().take_while(u8::is_ascii_alphabetic).count();
            p - letters
        };
        let mut bound = block_end;
        let (end, resume) = loop {
            let end = if c == 'w' {
                www_end(source, p, bound)?
            } else {
                url_end(source, start, p, bound)?
            };
            match self.plan(at, end) {
                Ok(resume) => break (end, resume),
                Err(shorter) => bound = shorter,
            }
        };
        // The scheme's letters were read as text already.
        self.text.truncate(self.text.len() - (p - start));
        self.flush();
        let written = &source[start..end];
        // A cell's `\|` is its text's `|`, in the address too.
        let written: CowStr<'a> = if in_cell && written.contains("\\|") {
            written.replace("\\|", "|").into()
        } else {
            written.into()
        };
        let dest: CowStr<'a> =
            if c == 'w' { format!("http://{}", &*written).into() } else { written.clone() };
        self.out.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: dest,
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        self.out.push(Event::Text(written));
        self.out.push(Event::End(TagEnd::Link));
        self.line_start = false;
        self.read_to = self.read_to.max(end);
        Some(resume)
    }

    /// What a link from the text event `at` to `end` covers: where reading
    /// goes on after it (the ends of emphasis it takes the start of marked
    /// undone), or the shorter end it must have (`Err`) when it would end
    /// inside something that cannot be undone, or run out of what holds it.
    fn plan(&mut self, at: usize, end: usize) -> Result<Resume, usize> {
        let mut covered = self.events[at].1.end;
        if end <= covered {
            return Ok((at, Some(end)));
        }
        let mut opened: Vec<usize> = Vec::new();
        // Emphasis around the link's start whose end the link takes: its
        // start delimiter becomes text, as it does in cmark-gfm.
        let mut escaped = 0;
        let mut j = at + 1;
        let resume = loop {
            let Some((event, range)) = self.events.get(j) else { break (j, None) };
            match event {
                Event::End(_) if opened.is_empty() => {
                    if end <= covered {
                        break (j, None);
                    }
                    let outer = self.emphasis.len().checked_sub(escaped + 1);
                    match outer.map(|k| self.emphasis[k].0) {
                        Some(start) if range.end <= end && self.matching_end(start) == j => {
                            escaped += 1;
                            covered = range.end;
                        }
                        _ => return Err(covered),
                    }
                }
                // The end of emphasis the link took the start of.
                Event::End(_) => break (j, None),
                _ if range.start >= end => break (j, None),
                Event::Start(_) if range.end <= end => {
                    j = self.matching_end(j);
                    covered = range.end;
                }
                Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => opened.push(j),
                Event::Text(_) | Event::Code(_) | Event::HardBreak if range.end > end => {
                    break (j, Some(end))
                }
                _ if range.end <= end => covered = range.end,
                _ => return Err(range.start),
            }
            j += 1;
        };
        for start in opened {
            let closer = self.matching_end(start);
            self.undone.insert(closer);
        }
        for _ in 0..escaped {
            let Some((start, written)) = self.emphasis.pop() else { break };
            let from = self.events[start].1.start;
            let to = self.events.get(start + 1).map_or(from, |(_, r)| r.start.max(from));
            self.out[written] = Event::Text(self.source[from..to].into());
        }
        Ok(resume)
    }

    /// The index of the end event of the element started at `start`.
    fn matching_end(&self, start: usize) -> usize {
        let mut depth = 0usize;
        for (j, (event, _)) in self.events.iter().enumerate().skip(start) {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return j;
                    }
                }
                _ => {}
            }
        }
        self.events.len().saturating_sub(1)
    }

    fn push_verbatim(&mut self, from: usize, to: usize) {
        self.text.push_str(&self.source[from..to]);
        self.verbatim = match self.verbatim.take() {
            Some(v) if v.end == from => Some(v.start..to),
            _ => Some(from..to),
        };
        self.line_start = false;
        self.read_to = self.read_to.max(to);
    }

    fn push_decoded(&mut self, text: &str, read_to: usize) {
        self.text.push_str(text);
        self.verbatim = None;
        self.line_start &= text.is_empty();
        self.read_to = self.read_to.max(read_to);
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.out.push(Event::Text(std::mem::take(&mut self.text).into()));
        }
        self.verbatim = None;
    }
}

fn take_text<'a>(event: &mut Event<'a>) -> CowStr<'a> {
    match std::mem::replace(event, Event::SoftBreak) {
        Event::Text(text) => text,
        _ => CowStr::Borrowed(""),
    }
}

fn inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn backslashes_before(source: &str, at: usize) -> usize {
    source.as_bytes()[..at].iter().rev().take_while(|&&b| b == b'\\').count()
}

/// Where a `www.` link starting at `p` ends (it may not pass `bound`).
fn www_end(source: &str, p: usize, bound: usize) -> Option<usize> {
    let data = source.get(p..bound)?;
    if data.len() < 4 || !data.starts_with("www.") {
        return None;
    }
    let end = domain_len(data, false);
    if end == 0 {
        return None;
    }
    let end = trim_end(data.as_bytes(), run_end(data.as_bytes(), end));
    (end > 0).then_some(p + end)
}

/// Where a URL link whose scheme starts at `start` and whose `:` is at `p`
/// ends.
fn url_end(source: &str, start: usize, p: usize, bound: usize) -> Option<usize> {
    let data = source.get(p..bound)?;
    if data.len() < 4 || !data[1..].starts_with("//") {
        return None;
    }
    let link = &source[start..bound];
    let safe = ["http://", "https://", "ftp://"].iter().any(|scheme| {
        link.len() > scheme.len()
            && link.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
            && host_char_at(link, scheme.len())
    });
    if !safe {
        return None;
    }
    let domain = domain_len(&data[3..], true);
    if domain == 0 {
        return None;
    }
    let end = trim_end(data.as_bytes(), run_end(data.as_bytes(), 3 + domain));
    (end > 0).then_some(p + end)
}

/// To the next ASCII space (cmark-gfm's test: a no-break space does not end a link).
fn run_end(data: &[u8], from: usize) -> usize {
    from + data[from..].iter().take_while(|&&b| !is_space_byte(b)).count()
}

fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// The length of the domain at the start of `data` (its first character
/// already checked): 0 when an underscore is in one of its last two
/// segments, or, unless `short` is allowed, when it has no period. As
/// cmark-gfm reads it: byte by byte, so a character beyond ASCII ends it,
/// and the last byte of `data` is never looked at.
fn domain_len(data: &str, short: bool) -> usize {
    let bytes = data.as_bytes();
    let (mut periods, mut under_last, mut under_before) = (0, 0, 0);
    let mut i = 1;
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'_' => under_last += 1,
            b'.' => {
                under_before = under_last;
                under_last = 0;
                periods += 1;
            }
            b'-' => {}
            _ if host_char_at(data, i) => {}
            _ => break,
        }
        i += 1;
    }
    if under_before > 0 || under_last > 0 || (!short && periods == 0) {
        0
    } else {
        i
    }
}

/// Whether the character at byte `at` of `text` may be in a host name: not
/// a space, not punctuation (and not the middle of a character).
fn host_char_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| !is_space(c) && !is_punctuation(c))
}

/// Unicode's spaces (Zs) and the ASCII line and tab characters.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0c' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Punctuation: ASCII's, and Unicode's (P*) in the blocks a host name in a
/// postmortem meets: Latin-1, general punctuation, CJK and full-width
/// forms. (cmark-gfm knows every script's; it only matters for the
/// character right after `http://`, where one of another script's marks
/// would be taken for a host character.)
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '¡' | '§' | '«' | '¶' | '·' | '»' | '¿'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{2043}'
            | '\u{2045}'..='\u{2051}'
            | '\u{2053}'..='\u{205e}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301f}'
            | '\u{3030}' | '\u{303d}' | '\u{30a0}' | '\u{30fb}'
            | '\u{ff01}'..='\u{ff03}'
            | '\u{ff05}'..='\u{ff0a}'
            | '\u{ff0c}'..='\u{ff0f}'
            | '\u{ff1a}' | '\u{ff1b}' | '\u{ff1f}' | '\u{ff20}'
            | '\u{ff3b}'..='\u{ff3d}'
            | '\u{ff3f}' | '\u{ff5b}' | '\u{ff5d}'
            | '\u{ff5f}'..='\u{ff65}')
}
