//! GitHub's extended autolinks, which pulldown-cmark does not make: a
//! `www.` address, a bare `http://`, `https://` or `ftp://` URL and an
//! e-mail address (bare, or after `mailto:` or `xmpp:`) become links, as
//! the GFM spec (0.29) says and cmark-gfm 0.29.0.gfm.6, GitHub's renderer,
//! does. A pass over pulldown-cmark's events: `autolinks` takes them with
//! their source ranges and gives them back with the links added.
//!
//! cmark-gfm finds `www.` and URL links while it parses a paragraph's
//! inlines, in the paragraph's source: the link runs to the next space or
//! `<`, whatever Markdown is on the way (`*`, `` ` ``, `\`, `&amp;` are
//! part of the address and of its text, as written), then loses trailing
//! punctuation. So they are found here in the source too, starting from the
//! text events, and the events the link covers are replaced by it. E-mail
//! addresses it finds after parsing, in the text with escapes and
//! references decoded; so does the second pass here.
//!
//! Where a link's end falls inside emphasis that began in it
//! (`http://a.b/_x_`), the emphasis is undone and its closing delimiter
//! shown as text, as cmark-gfm does. Where a link would run out of
//! emphasis that began before it (`*www.a.b*c`), or into the middle of a
//! link or image, it is cut where that begins: there the two renderers
//! differ.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// `events` (pulldown-cmark's, with their ranges in `source`) with GFM's
/// extended autolinks made, adjacent text events joined into one.
pub fn autolinks<'a>(
    source: &'a str,
    events: impl IntoIterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<Event<'a>> {
    let mut pass = AddressPass::new(source, events.into_iter().collect());
    pass.run();
    email_links(pass.out)
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

/// A link's end without what GFM leaves out of it: from the first `<` on;
/// then, repeatedly, trailing `?!.,:*_~'"`, an entity-like `&name;`, or a
/// `)` with more `)` than `(` in the link.
fn trim_end(data: &[u8], end: usize) -> usize {
    let mut end = data[..end].iter().position(|&b| b == b'<').unwrap_or(end);
    let opening = data[..end].iter().filter(|&&b| b == b'(').count();
    let mut closing = data[..end].iter().filter(|&&b| b == b')').count();
    while end > 0 {
        match data[end - 1] {
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' | b'\'' | b'"' => end -= 1,
            b';' if end >= 2 => {
                let mut at = end - 2;
                while at > 0 && data[at].is_ascii_alphabetic() {
                    at -= 1;
                }
                if at < end - 2 && data[at] == b'&' {
                    end = at;
                } else {
                    end -= 1;
                }
            }
            b';' => end -= 1,
            b')' if closing > opening => {
                closing -= 1;
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

/// The e-mail pass: addresses in text outside links, images and code.
fn email_links(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut inside = 0usize;
    for event in join_text(events) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                inside += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                inside = inside.saturating_sub(1);
                out.push(event);
            }
            Event::Text(text) if inside == 0 && text.contains('@') => push_emails(&mut out, text),
            event => out.push(event),
        }
    }
    out
}

/// Adjacent text events as one (an emphasis' delimiter made text is next
/// to other text).
fn join_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events {
        match (out.last_mut(), event) {
            (Some(Event::Text(before)), Event::Text(text)) => {
                *before = format!("{}{}", &**before, &*text).into();
            }
            (_, event) => out.push(event),
        }
    }
    out
}

/// `text` with its e-mail addresses as links, by cmark-gfm's rules: around
/// an `@`, letters, digits and `.+-_` before (and `mailto:` or `xmpp:`,
/// kept in the link's text), letters, digits, `-_` and periods between
/// them after, ending in a letter (an `xmpp:` address may go on with
/// `/resource`).
fn push_emails<'a>(out: &mut Vec<Event<'a>>, text: CowStr<'a>) {
    let bytes = text.as_bytes();
    // Where the text not yet written starts, and where to look for an `@`.
    let mut written = 0;
    let mut offset = 0;
    // cmark-gfm gives up after a thousand `@` in one text.
    for _ in 0..1000 {
        let Some(at) = text[offset..].find('@').map(|i| offset + i) else { break };
        let max_rewind = at - offset;
        let mut rewind = 0;
        let mut auto_mailto = true;
        let mut xmpp = false;
        while rewind < max_rewind {
            let c = bytes[at - rewind - 1];
            if c.is_ascii_alphanumeric() || b".+-_".contains(&c) {
                rewind += 1;
                continue;
            }
            if c == b':' {
                if scheme_before(bytes, at - rewind, offset, "mailto:") {
                    auto_mailto = false;
                    rewind += 1;
                    continue;
                }
                if scheme_before(bytes, at - rewind, offset, "xmpp:") {
                    auto_mailto = false;
                    xmpp = true;
                    rewind += 1;
                    continue;
                }
            }
            break;
        }
        if rewind == 0 {
            offset = at + 1;
            continue;
        }
        let after = &bytes[at..];
        let (mut len, mut ats, mut periods) = (0, 0, 0);
        while len < after.len() {
            let c = after[len];
            if c == b'@' {
                ats += 1;
                // A second `@` fails the address: no need to read on.
                if ats > 1 {
                    break;
                }
            } else if c == b'.' && after.get(len + 1).is_some_and(u8::is_ascii_alphanumeric) {
                periods += 1;
            } else if !(c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || (c == b'/' && xmpp))
            {
                break;
            }
            len += 1;
        }
        let ends_well =
            len >= 2 && (after[len - 1].is_ascii_alphabetic() || after[len - 1] == b'.');
        let len = if ats == 1 && periods > 0 && ends_well { trim_end(after, len) } else { 0 };
        if len == 0 {
            offset = at + 1;
            continue;
        }
        let (from, to) = (at - rewind, at + len);
        if from > written {
            out.push(Event::Text(text[written..from].to_string().into()));
        }
        let address = text[from..to].to_string();
        let (link_type, dest) = if auto_mailto {
            (LinkType::Email, address.clone())
        } else {
            (LinkType::Autolink, address.clone())
        };
        out.push(Event::Start(Tag::Link {
            link_type,
            dest_url: dest.into(),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        out.push(Event::Text(address.into()));
        out.push(Event::End(TagEnd::Link));
        written = to;
        offset = to;
    }
    if written == 0 {
        out.push(Event::Text(text));
    } else if written < text.len() {
        out.push(Event::Text(text[written..].to_string().into()));
    }
}

/// Whether `scheme` (ending in ":") ends at `end` in `bytes`, within the
/// text from `offset`, and is not the end of a longer word.
fn scheme_before(bytes: &[u8], end: usize, offset: usize, scheme: &str) -> bool {
    let len = scheme.len();
    if end < offset + len || &bytes[end - len..end] != scheme.as_bytes() {
        return false;
    }
    end == offset + len || !bytes[end - len - 1].is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{html::push_html, Options, Parser};

    const OPTIONS: Options = Options::ENABLE_TABLES
        .union(Options::ENABLE_TASKLISTS)
        .union(Options::ENABLE_STRIKETHROUGH);

    fn linked(markdown: &str) -> Vec<Event<'_>> {
        autolinks(markdown, Parser::new_ext(markdown, OPTIONS).into_offset_iter())
    }

    fn html(markdown: &str) -> String {
        let mut out = String::new();
        push_html(&mut out, linked(markdown).into_iter());
        out
    }

    /// Markdown made of what the passes look at: addresses' pieces,
    /// punctuation they trim, delimiters, brackets, escapes, references,
    /// code, HTML, and the block marks of cells, items and quotes.
    fn markdown() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "www.",
            "http://",
            "https://",
            "ftp://",
            "mailto:",
            "xmpp:",
            "a",
            "b.c",
            "_",
            "*",
            "**",
            "~",
            "(",
            ")",
            "[",
            "]",
            "![",
            "](x)",
            "!",
            "@",
            "e@f.g",
            "&",
            "&amp;",
            ";",
            "&hl;",
            "<",
            ">",
            "<b>",
            "</b>",
            "`",
            "\\",
            ".",
            ",",
            ":",
            "/",
            "|",
            "-",
            "'",
            "\"",
            "?",
            " ",
            "\n",
            "\n\n",
            "\n- ",
            "\n- [ ] ",
            "\n> ",
            "\n# ",
            "\n| a |\n|-|\n| ",
            "é",
            "\u{a0}",
        ];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
    }

    #[test]
    fn the_gfm_specs_examples() {
        for (markdown, expected) in [
            (
                "www.commonmark.org",
                "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n",
            ),
            (
                "Visit www.commonmark.org/help for more information.",
                "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more information.</p>\n",
            ),
            (
                "Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.",
                "<p>Visit <a href=\"http://www.commonmark.org\">www.commonmark.org</a>.</p>\n<p>Visit <a href=\"http://www.commonmark.org/a.b\">www.commonmark.org/a.b</a>.</p>\n",
            ),
            (
                "www.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=Markup+(business)))\n\n(www.google.com/search?q=Markup+(business))\n\n(www.google.com/search?q=Markup+(business)",
                "<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>))</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>)</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n",
            ),
            (
                "www.google.com/search?q=(business))+ok",
                "<p><a href=\"http://www.google.com/search?q=(business))+ok\">www.google.com/search?q=(business))+ok</a></p>\n",
            ),
            (
                "www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;",
                "<p><a href=\"http://www.google.com/search?q=commonmark&amp;hl=en\">www.google.com/search?q=commonmark&amp;hl=en</a></p>\n<p><a href=\"http://www.google.com/search?q=commonmark\">www.google.com/search?q=commonmark</a>&amp;hl;</p>\n",
            ),
            (
                "www.commonmark.org/he<lp",
                "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n",
            ),
            (
                "http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\nAnonymous FTP is available at ftp://foo.bar.baz.",
                "<p><a href=\"http://commonmark.org\">http://commonmark.org</a></p>\n<p>(Visit <a href=\"https://encrypted.google.com/search?q=Markup+(business)\">https://encrypted.google.com/search?q=Markup+(business)</a>)</p>\n<p>Anonymous FTP is available at <a href=\"ftp://foo.bar.baz\">ftp://foo.bar.baz</a>.</p>\n",
            ),
            (
                "foo@bar.baz",
                "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n",
            ),
            (
                "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
                "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>\n",
            ),
            (
                "a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_",
                "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>\n<p>a.b-c_d@a.b-</p>\n<p>a.b-c_d@a.b_</p>\n",
            ),
            (
                "mailto:foo@bar.baz\n\nmailto:a.b-c_d@a.b\n\nmailto:a.b-c_d@a.b.\n\nmailto:a.b-c_d@a.b/\n\nmailto:a.b-c_d@a.b-\n\nmailto:a.b-c_d@a.b_\n\nxmpp:foo@bar.baz\n\nxmpp:foo@bar.baz.",
                "<p><a href=\"mailto:foo@bar.baz\">mailto:foo@bar.baz</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a>.</p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a>/</p>\n<p>mailto:a.b-c_d@a.b-</p>\n<p>mailto:a.b-c_d@a.b_</p>\n<p><a href=\"xmpp:foo@bar.baz\">xmpp:foo@bar.baz</a></p>\n<p><a href=\"xmpp:foo@bar.baz\">xmpp:foo@bar.baz</a>.</p>\n",
            ),
            (
                "xmpp:foo@bar.baz/txt\n\nxmpp:foo@bar.baz/txt@bin\n\nxmpp:foo@bar.baz/txt@bin.com",
                "<p><a href=\"xmpp:foo@bar.baz/txt\">xmpp:foo@bar.baz/txt</a></p>\n<p>xmpp:foo@bar.baz/txt@bin</p>\n<p>xmpp:foo@bar.baz/<a href=\"mailto:txt@bin.com\">txt@bin.com</a></p>\n",
            ),
        ] {
            assert_eq!(html(markdown), expected, "{markdown}");
        }
    }

    #[test]
    fn trailing_punctuation_parentheses_and_references() {
        for (markdown, expected) in [
            (
                "See https://status.example.com/incidents/42, then http://a.example/x?y=1! Or ftp://files.example.org: done; 'https://q.example/a' \"www.q.example/b\"",
                "<p>See <a href=\"https://status.example.com/incidents/42\">https://status.example.com/incidents/42</a>, then <a href=\"http://a.example/x?y=1\">http://a.example/x?y=1</a>! Or <a href=\"ftp://files.example.org\">ftp://files.example.org</a>: done; '<a href=\"https://q.example/a\">https://q.example/a</a>' \"www.q.example/b\"</p>\n",
            ),
            (
                "https://en.wikipedia.org/wiki/Pikachu_(Electric) https://a.example/((x)) https://a.example/x)) (see https://a.example/y)",
                "<p><a href=\"https://en.wikipedia.org/wiki/Pikachu_(Electric)\">https://en.wikipedia.org/wiki/Pikachu_(Electric)</a> <a href=\"https://a.example/((x))\">https://a.example/((x))</a> <a href=\"https://a.example/x\">https://a.example/x</a>)) (see <a href=\"https://a.example/y\">https://a.example/y</a>)</p>\n",
            ),
            (
                "https://a.example/?q=a&amp; https://a.example/&copy; x https://a.example/&hl;y www.a.example/<b>",
                "<p><a href=\"https://a.example/?q=a\">https://a.example/?q=a</a>&amp; <a href=\"https://a.example/\">https://a.example/</a>© x <a href=\"https://a.example/&amp;hl;y\">https://a.example/&amp;hl;y</a> <a href=\"http://www.a.example/\">www.a.example/</a><b></p>\n",
            ),
        ] {
            assert_eq!(html(markdown), expected, "{markdown}");
        }
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            html("Mail ops+oncall@example.com, ops.team@example.co.uk. or first.last@example.com_ or a@b.c@d.com"),
            "<p>Mail <a href=\"mailto:ops+oncall@example.com\">ops+oncall@example.com</a>, <a href=\"mailto:ops.team@example.co.uk\">ops.team@example.co.uk</a>. or first.last@example.com_ or a@<a href=\"mailto:b.c@d.com\">b.c@d.com</a></p>\n"
        );
    }

    #[test]
    fn an_underscore_in_a_domains_last_two_segments() {
        // Host names may not hold `_`; in a path it is fine.
        assert_eq!(
            html("www.a_b.example.com www.example.a_b.com www.example.com_b www.example_b.com/x_y_z"),
            "<p><a href=\"http://www.a_b.example.com\">www.a_b.example.com</a> www.example.a_b.com www.example.com_b www.example_b.com/x_y_z</p>\n"
        );
    }

    #[test]
    fn where_a_link_may_start() {
        // After a space, `*`, `_`, `~` or `(`, or at a line's start; a
        // scheme in any case, `www.` in small letters. (`_www.b.example_`
        // is not linked: cmark-gfm reads the domain on to the next space,
        // so the closing `_` counts as an underscore in its last segment.)
        // A URL's host may be short (`http://a`), a `www.` address is cut
        // before a final period.
        for (markdown, expected) in [
            (
                "*https://a.example* _www.b.example_ (www.c.example) ~~https://d.example~~ x_www.e.example xwww.f.example",
                "<p><em><a href=\"https://a.example\">https://a.example</a></em> <em>www.b.example</em> (<a href=\"http://www.c.example\">www.c.example</a>) <del><a href=\"https://d.example\">https://d.example</a></del> x_<a href=\"http://www.e.example\">www.e.example</a> xwww.f.example</p>\n",
            ),
            (
                "Http://A.example HTTPS://B.example WWW.c.example xhttp://d.example 1http://e.example",
                "<p><a href=\"Http://A.example\">Http://A.example</a> <a href=\"HTTPS://B.example\">HTTPS://B.example</a> WWW.c.example xhttp://d.example 1<a href=\"http://e.example\">http://e.example</a></p>\n",
            ),
            (
                "www. www.a http://localhost:8080/x http://a\n",
                "<p><a href=\"http://www\">www</a>. <a href=\"http://www.a\">www.a</a> <a href=\"http://localhost:8080/x\">http://localhost:8080/x</a> <a href=\"http://a\">http://a</a></p>\n",
            ),
        ] {
            assert_eq!(html(markdown), expected, "{markdown}");
        }
    }

    #[test]
    fn in_emphasis_cells_items_quotes_and_headings() {
        for (markdown, expected) in [
            (
                "**Link:** https://a.example/x, then *see www.b.example/y.*",
                "<p><strong>Link:</strong> <a href=\"https://a.example/x\">https://a.example/x</a>, then <em>see <a href=\"http://www.b.example/y\">www.b.example/y</a>.</em></p>\n",
            ),
            (
                "| When | What |\n| --- | --- |\n| 14:05 | Paged from https://alerts.example/1 by oncall@example.com |\n| 14:10 |www.status.example|\n| 14:20 | https://a.example/x\\|y |",
                "<table><thead><tr><th>When</th><th>What</th></tr></thead><tbody>\n<tr><td>14:05</td><td>Paged from <a href=\"https://alerts.example/1\">https://alerts.example/1</a> by <a href=\"mailto:oncall@example.com\">oncall@example.com</a></td></tr>\n<tr><td>14:10</td><td><a href=\"http://www.status.example\">www.status.example</a></td></tr>\n<tr><td>14:20</td><td><a href=\"https://a.example/x%7Cy\">https://a.example/x|y</a></td></tr>\n</tbody></table>\n",
            ),
            (
                "- Fixed in https://git.example/pr/7\n- [ ] Tell support@example.com\n- [x] www.done.example",
                "<ul>\n<li>Fixed in <a href=\"https://git.example/pr/7\">https://git.example/pr/7</a></li>\n<li><input disabled=\"\" type=\"checkbox\"/>\nTell <a href=\"mailto:support@example.com\">support@example.com</a></li>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n<a href=\"http://www.done.example\">www.done.example</a></li>\n</ul>\n",
            ),
            (
                "> Reported at https://a.example\n>www.b.example",
                "<blockquote>\n<p>Reported at <a href=\"https://a.example\">https://a.example</a>\n<a href=\"http://www.b.example\">www.b.example</a></p>\n</blockquote>\n",
            ),
            (
                "# Status: https://status.example #",
                "<h1>Status: <a href=\"https://status.example\">https://status.example</a></h1>\n",
            ),
        ] {
            assert_eq!(html(markdown), expected, "{markdown}");
        }
    }

    #[test]
    fn never_in_code_links_images_or_html_blocks() {
        for (markdown, expected) in [
            (
                "`https://a.example` and ``www.b.example`` and [the https://c.example page](https://d.example) and ![www.e.example](x.png) and <https://f.example>",
                "<p><code>https://a.example</code> and <code>www.b.example</code> and <a href=\"https://d.example\">the https://c.example page</a> and <img src=\"x.png\" alt=\"www.e.example\" /> and <a href=\"https://f.example\">https://f.example</a></p>\n",
            ),
            (
                "```\nhttp://a.example\n```\n\n    www.indented.example",
                "<pre><code>http://a.example\n</code></pre>\n<pre><code>www.indented.example</code></pre>\n",
            ),
            (
                "<span>https://a.example ops@example.com</span>\n\n<div>\nhttps://b.example\n</div>",
                "<p><span><a href=\"https://a.example\">https://a.example</a> <a href=\"mailto:ops@example.com\">ops@example.com</a></span></p>\n<div>\nhttps://b.example\n</div>",
            ),
        ] {
            assert_eq!(html(markdown), expected, "{markdown}");
        }
    }

    #[test]
    fn not_after_an_open_bracket() {
        // A `[` not yet closed in the paragraph could still start a link's
        // text, where cmark-gfm makes no link; a closed one ends that.
        assert_eq!(
            html("[https://a.example] [x] https://b.example [unclosed https://c.example"),
            "<p>[https://a.example] [x] <a href=\"https://b.example\">https://b.example</a> [unclosed https://c.example</p>\n"
        );
    }

    #[test]
    fn the_address_is_its_source_as_written() {
        assert_eq!(
            html("https://a.example/a\\_b www.a.example/`x`"),
            "<p><a href=\"https://a.example/a%5C_b\">https://a.example/a\\_b</a> <a href=\"http://www.a.example/%60x%60\">www.a.example/`x`</a></p>\n"
        );
    }

    #[test]
    fn emphasis_a_link_takes_the_start_of_is_text() {
        // The delimiter the link does not take is shown as typed, as
        // cmark-gfm shows it: the link was read first.
        for (markdown, expected) in [
            (
                "https://a.example/_x_ https://a.example/*y* https://a.example/**z**.",
                "<p><a href=\"https://a.example/_x\">https://a.example/_x</a>_ <a href=\"https://a.example/*y\">https://a.example/*y</a>* <a href=\"https://a.example/**z\">https://a.example/**z</a>**.</p>\n",
            ),
            (
                "*www.a.example*x",
                "<p>*<a href=\"http://www.a.example*x\">www.a.example*x</a></p>\n",
            ),
        ] {
            assert_eq!(html(markdown), expected, "{markdown}");
        }
    }

    /// pulldown-cmark's events with adjacent text joined, as the pass gives them.
    fn joined(markdown: &str) -> Vec<Event<'_>> {
        join_text(Parser::new_ext(markdown, OPTIONS).collect())
    }

    proptest! {
        #[test]
        fn links_only_where_an_address_is_and_tags_stay_balanced(md in markdown()) {
            let events = linked(&md);
            let mut open = 0i64;
            for event in &events {
                match event {
                    Event::Start(_) => open += 1,
                    Event::End(_) => open -= 1,
                    _ => {}
                }
                prop_assert!(open >= 0, "{:?}", md);
            }
            prop_assert_eq!(open, 0, "{:?}", md);
            // No `w`, `:` or `@`: nothing to link, the events are the parser's.
            let plain: String = md.chars().filter(|c| !matches!(c, 'w' | ':' | '@')).collect();
            prop_assert_eq!(linked(&plain), joined(&plain), "{:?}", plain);
        }
    }
}
