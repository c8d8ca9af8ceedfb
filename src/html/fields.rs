//! The HTML an author types in a field, kept as written, but never able to
//! reach past its field: written into the document next to other fields,
//! an open `<details>` would swallow the sections after it, an unclosed
//! `<pre>` or `<!--` the rest of the file, a `</table>` in a cell end the
//! timeline. So, in each field:
//! - an HTML block that runs to the field's end without its end (`<pre>`,
//!   `<script>`, `<style>`, `<!--`, `<?`, `<!X`, `<![CDATA[`)
//!   gets its end;
//! - an element left open is closed at the field's end (unless the
//!   paragraph, item or cell it opened in closes it, as browsers do), and
//!   an end tag that closes nothing the field opened is shown as text;
//! - in a one-line field (a table cell, a heading, a list item), a
//!   block-level tag is shown as text, since it would end the cell, item
//!   or heading it is in;
//! - what pulldown-cmark (CommonMark 0.31) reads as HTML and GitHub
//!   (cmark-gfm, 0.29) as text is shown as text, so the preview shows what
//!   GitHub does: an inline comment holding `--` (`<!-- a -- b -->`), a
//!   declaration in small letters (`<!doctype html>`), a `<textarea>`
//!   starting a block.
//!
//! Shown as text means its `<` written `&lt;`, which reads back as the same
//! text, so an export read again is written the same.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::allowlist::{
    element_kept, removed_with_content, shown_as_text, BLOCKS, ENDS_PARAGRAPH, VOID,
};
use super::sanitize::{implied_end, in_its_container};
use super::tokens::{tokens, Token};

/// Where a field's text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// One line: a cell, a heading, a list item, a summary field.
    Line,
    /// A long text of its own blocks, under a heading.
    Blocks,
}

/// Tags that start or end a block (CommonMark's HTML block kinds 1 and 6):
/// in a one-line field they would end it.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "pre",
    "script",
    "style",
    "textarea",
];

/// Whether a comment or declaration that pulldown-cmark reads (by
/// CommonMark 0.31) is one for GitHub too (cmark-gfm, by 0.29): a comment
/// whose text neither starts with `>` or `->`, nor ends with `-`, nor holds
/// `--`; a declaration of capital letters and a space (`<!DOCTYPE html>`).
fn comment_in_0_29(markup: &str) -> bool {
    if let Some(body) = markup.strip_prefix("<!--") {
        let text = body.strip_suffix("-->").unwrap_or(body);
        return !(text.starts_with('>')
            || text.starts_with("->")
            || text.ends_with('-')
            || text.contains("--"));
    }
    match markup.strip_prefix("<!") {
        Some(body) if !body.starts_with('[') => {
            let name = body.bytes().take_while(u8::is_ascii_uppercase).count();
            name > 0 && body[name..].starts_with(|c: char| c.is_ascii_whitespace())
        }
        _ => true,
    }
}

/// Whether an HTML block's first line starts one only by CommonMark 0.31:
/// a declaration in small letters (`<!doctype html>`), or `<textarea>`,
/// which 0.31 ends at `</textarea>` and 0.29 at a blank line, if at all.
fn starts_block_only_in_0_31(first_line: &str) -> bool {
    let lower = first_line.to_ascii_lowercase();
    let textarea = lower
        .strip_prefix("<textarea")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\n', '>']));
    let declaration = first_line
        .strip_prefix("<!")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_lowercase()));
    textarea || declaration
}

/// `text` with what starts an HTML block for pulldown-cmark but not for
/// GitHub (see `starts_block_only_in_0_31`) shown as text, as `contained`
/// shows it: the text as both read it. Import reads a pasted document so,
/// since our export of it will be written so.
pub fn as_github_reads(text: String, options: pulldown_cmark::Options) -> String {
    // Neither a declaration nor a `<textarea>`: nothing to read (the parse
    // below is import's whole-document pass, paid by every import).
    let textarea = |w: &[u8]| w.eq_ignore_ascii_case(b"<textarea");
    if !text.contains("<!") && !text.as_bytes().windows(9).any(textarea) {
        return text;
    }
    let mut text = text;
    // Each one shown as text may turn lines below it into Markdown that
    // holds another; a few rounds see them all in any real document.
    for _ in 0..8 {
        let starts: Vec<usize> = Parser::new_ext(&text, options)
            .into_offset_iter()
            .filter_map(|(event, range)| {
                let Event::Start(Tag::HtmlBlock) = event else { return None };
                let raw = &text[range.clone()];
                let first = raw.trim_start();
                starts_block_only_in_0_31(first).then(|| range.start + raw.len() - first.len())
            })
            .collect();
        if starts.is_empty() {
            break;
        }
        for at in starts.into_iter().rev() {
            text.replace_range(at..at + 1, "&lt;");
        }
    }
    text
}

/// `text` with its HTML made unable to reach past the field.
pub fn contained(text: &str, place: Place, options: pulldown_cmark::Options) -> String {
    if !text.contains('<') {
        return text.to_string();
    }
    let text = match place {
        Place::Blocks => close_html_blocks(text, options),
        Place::Line => text.to_string(),
    };
    balance(&text, place, options)
}

/// The end an HTML block started by `first_line` needs, by CommonMark's
/// kinds 1 to 5; none for the kinds a blank line ends.
fn block_end(first_line: &str) -> Option<String> {
    let t = first_line.trim_start();
    let lower = t.to_ascii_lowercase();
    // (`<textarea>` starts no block here: see `starts_block_only_in_0_31`.)
    for name in ["pre", "script", "style"] {
        if let Some(rest) = lower.strip_prefix('<').and_then(|r| r.strip_prefix(name)) {
            // What pulldown-cmark takes for white space after the name: a
            // space, tab, line or form feed, or carriage return.
            if rest.is_empty()
                || rest.starts_with(|c| c == ' ' || c == '>' || ('\t'..='\r').contains(&c))
            {
                return Some(format!("</{name}>"));
            }
        }
    }
    if t.starts_with("<!--") {
        return Some("-->".into());
    }
    if t.starts_with("<?") {
        return Some("?>".into());
    }
    if t.starts_with("<![CDATA[") {
        return Some("]]>".into());
    }
    if t.starts_with("<!") && t[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(">".into());
    }
    None
}

/// Ends an HTML block of kinds 1 to 5 left running at the end of the text.
fn close_html_blocks(text: &str, options: pulldown_cmark::Options) -> String {
    let mut end_needed = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if let Event::Start(Tag::HtmlBlock) = event {
            let block = &text[range.clone()];
            let first = block.lines().next().unwrap_or("");
            end_needed = block_end(first).filter(|end| {
                let after_first = &block[first.len().min(block.len())..];
                // Kinds 2 to 5 may end on their first line; kind 1 too.
                // pulldown-cmark ends kind 1 only at its end tag in lower
                // case ("</SCRIPT>" runs on), so that is what ends it here;
                // for cmark-gfm, which ends it either way, the added end
                // tag is a line of HTML that shows nothing.
                let ended = if end.starts_with("</") {
                    block.contains(end.as_str())
                } else {
                    first.trim_start()[2..].contains(end.as_str())
                        || after_first.contains(end.as_str())
                };
                range.end >= text.trim_end().len() && !ended
            });
        }
    }
    match end_needed {
        Some(end) => format!("{}\n{end}", text.trim_end()),
        None => text.to_string(),
    }
}

/// Where in a tag's source a "<" starts a tag: its own, and any in its
/// attribute values ("<link href='<script>'>"), which would start one once
/// the tag is shown as text.
fn tag_starts(source: &str) -> impl Iterator<Item = usize> + '_ {
    source.match_indices('<').map(|(i, _)| i).filter(move |&i| {
        i == 0
            || source[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || "!/?".contains(c))
    })
}

/// The elements of every Markdown container (see `container_elements`).
const CONTAINER_ELEMENTS: &[&str] = &[
    "li",
    "ul",
    "ol",
    "blockquote",
    "em",
    "strong",
    "del",
    "a",
    "td",
    "th",
    "tr",
    "table",
    "thead",
    "tbody",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// The elements a Markdown container is written as.
fn container_elements(tag: &TagEnd) -> &'static [&'static str] {
    match tag {
        TagEnd::Item => &["li"],
        TagEnd::List(_) => &["ul", "ol"],
        TagEnd::BlockQuote(_) => &["blockquote"],
        TagEnd::Emphasis => &["em"],
        TagEnd::Strong => &["strong"],
        TagEnd::Strikethrough => &["del"],
        TagEnd::Link => &["a"],
        TagEnd::TableCell => &["td", "th"],
        TagEnd::TableRow | TagEnd::TableHead => &["tr"],
        TagEnd::Table => &["table"],
        TagEnd::Heading(_) => &["h1", "h2", "h3", "h4", "h5", "h6"],
        _ => &[],
    }
}

/// The "<"s to show as text so that the tag at `start` of `read` is text.
fn tag_starts_at(read: &str, start: usize) -> Vec<usize> {
    match tokens(&read[start..]).first() {
        Some(Token::Start { source, .. }) => tag_starts(source).map(|i| start + i).collect(),
        _ => vec![start],
    }
}

/// The elements open where the parser is: the Markdown's tables and lists,
/// and the field's own HTML.
fn containers(lists: &[&str], open: &[(String, usize, usize)]) -> Vec<String> {
    lists.iter().map(|l| l.to_string()).chain(open.iter().map(|(o, ..)| o.clone())).collect()
}

/// What ends the start tag `tag` (from its "<" to the end of its line, and
/// not ended there): a ">", or a quote and a ">" when a quoted value is
/// left open. None when it is no start tag however it ends.
fn ending(tag: &str) -> Option<&'static str> {
    if !tag[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    [">", "\">", "'>"].into_iter().find(|end| {
        let whole = format!("{tag}{end}");
        matches!(tokens(&whole)[..], [Token::Start { source, .. }] if source.len() == whole.len())
    })
}

/// The element open that the sanitiser removes with what follows it (an
/// unclosed `<select>`), if one is: it reads nothing in there but its own
/// tags.
fn removing(open: &[(String, usize, usize)]) -> Option<&str> {
    open.iter().map(|(o, ..)| o.as_str()).find(|o| removed_with_content(o))
}

/// Closes what the field leaves open, shows as text what would close
/// something outside it (or, on one line, end the line's block).
fn balance(text: &str, place: Place, options: pulldown_cmark::Options) -> String {
    // A one-line field sits inside a cell, heading or item: read it as the
    // inline text it is there, never as a block of its own ("```<div>").
    let lead = if place == Place::Line { 2 } else { 0 };
    let read = if place == Place::Line { format!("x {text}") } else { text.to_string() };
    let mut neutralise: Vec<usize> = Vec::new();
    // Where what ends the tag an HTML block starts with goes (see below).
    let mut ended: Vec<(usize, &str)> = Vec::new();
    let mut not_text: Vec<std::ops::Range<usize>> = Vec::new();
    // Elements left open, each with the depth of the Markdown it was opened
    // in: the end of a paragraph, item or cell closes what opened inside it
    // (the sanitiser and browsers close it there), an HTML block's end does not.
    let mut open: Vec<(String, usize, usize)> = Vec::new();
    let mut depth = 0usize;
    // The paragraphs the parser is in: each one's depth, and the depth at
    // which a block's start tag ended it for the browser, if one did: what
    // opens after that, there or above, is outside it (until a "<p>" opens
    // one again); what opens inside emphasis begun later is in the emphasis.
    let mut paragraphs: Vec<(usize, Option<usize>)> = Vec::new();
    // The Markdown tables and lists the parser is in, as the elements they
    // are written as.
    let mut lists: Vec<&str> = Vec::new();
    // Emphasis, strong, strike-through and links the parser is in: how many
    // elements were open when each began, and whether it began outside any
    // paragraph the browser has open (inside one, a block opened in it ends
    // the paragraph and the emphasis with it).
    let mut inline_containers: Vec<(usize, bool)> = Vec::new();
    for (event, range) in Parser::new_ext(&read, options).into_offset_iter() {
        // Where the text is code, or a whole comment, a "<!" is no start.
        match &event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => not_text.push(range.clone()),
            _ => {}
        }
        match &event {
            Event::Start(tag) => {
                depth += 1;
                match tag {
                    // A paragraph begun inside an element removed with
                    // its content (an unclosed `<select>`) is no paragraph
                    // for the sanitiser, which skips its "<p>": its end
                    // closes nothing opened in it.
                    Tag::Paragraph => {
                        let ended = removing(&open).map(|_| depth);
                        paragraphs.push((depth, ended));
                    }
                    Tag::Table(_) => lists.push("table"),
                    Tag::List(_) => lists.push("ul"),
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } => {
                        let outside = paragraphs.last().is_none_or(|(_, ended)| ended.is_some());
                        inline_containers.push((open.len(), outside))
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if let Some((_, Some(ended_at))) = paragraphs.last_mut() {
                    *ended_at = (*ended_at).min(depth);
                }
                match tag {
                    TagEnd::Paragraph => drop(paragraphs.pop()),
                    TagEnd::Table | TagEnd::List(_) => drop(lists.pop()),
                    _ => {}
                }
                // An inline container's end tag closes nothing while a block
                // opened in it is open (the sanitiser, as browsers, keeps
                // it): it stays open with what opened in it, all to be
                // closed by what it is in, or by the field.
                if let TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link =
                    tag
                {
                    let (began, outside) = inline_containers.pop().unwrap_or((0, false));
                    let began = began.min(open.len());
                    if outside && open[began..].iter().any(|(o, ..)| BLOCKS.contains(&o.as_str())) {
                        // Where it is: in a paragraph the browser has ended,
                        // what the paragraph is in.
                        let level = match paragraphs.last() {
                            Some(&(p, Some(ended_at))) if depth <= ended_at => p - 1,
                            _ => depth,
                        };
                        for entry in &mut open[began..] {
                            entry.1 = entry.1.min(level);
                        }
                        let element = container_elements(tag)[0];
                        open.insert(began, (element.to_string(), level, range.start));
                    }
                }
                if *tag != TagEnd::HtmlBlock {
                    // An element of the container's own kind left open in it
                    // ("<ul><li>" in an item) would take the container's end
                    // tag, and the container would run on: shown as text.
                    let own = container_elements(tag);
                    for (name, level, start) in &open {
                        if *level > depth && own.contains(&name.as_str()) {
                            neutralise.extend(tag_starts_at(&read, *start));
                        }
                    }
                    open.retain(|(_, level, _)| *level <= depth);
                }
            }
            _ => {}
        }
        // A whole HTML block at once (a comment may run over its lines),
        // and each piece of inline HTML.
        let (raw, opened_at) = match &event {
            // What an HTML block opens is open where the block is.
            Event::Start(Tag::HtmlBlock) => (&read[range.clone()], depth - 1),
            Event::InlineHtml(_) => (&read[range.clone()], depth),
            _ => continue,
        };
        // The tag an HTML block starts with makes it one: shown as text, it
        // would turn the block's other lines into Markdown. A stray end tag
        // there closes nothing (at the field's top level nothing else is
        // open; in a list item or quote, nothing but what the item or quote
        // is written as, whose end tags are still shown as text), so it
        // stays, dropped by the sanitiser as GitHub drops it.
        let block_start = match &event {
            Event::Start(Tag::HtmlBlock) if place == Place::Blocks => {
                let at = range.start + raw.len() - raw.trim_start().len();
                let closes_a_container = match tokens(&read[at..]).first() {
                    Some(Token::End { name, .. }) => {
                        opened_at > 0 && CONTAINER_ELEMENTS.contains(&name.as_str())
                    }
                    _ => false,
                };
                (!closes_a_container).then_some(at)
            }
            _ => None,
        };
        // What starts an HTML block for pulldown-cmark but not for GitHub
        // is shown as text, so both read the lines as Markdown.
        if let Event::Start(Tag::HtmlBlock) = &event {
            let first = raw.trim_start();
            if starts_block_only_in_0_31(first) {
                neutralise.push(range.start + raw.len() - first.len());
                continue;
            }
        }
        let inline = matches!(event, Event::InlineHtml(_));
        // The end tag that ends an HTML block of kind 1 (`</script>` after
        // `<script>`, as `close_html_blocks` may have added it) is the
        // block's end, whatever it closes.
        let block_end_tag = match &event {
            Event::Start(Tag::HtmlBlock) => {
                block_end(raw.lines().next().unwrap_or("")).filter(|e| e.starts_with("</"))
            }
            _ => None,
        };
        // The tag an HTML block starts with, when it never ends ("<div
        // class=x" and no ">"), would take in what follows up to the next
        // ">", another field's HTML among it; shown as text, it would turn
        // the block's lines into Markdown, which then reads differently.
        // So it is ended, at the end of its line.
        let first_tag = match &event {
            Event::Start(Tag::HtmlBlock) => Some(range.start + raw.len() - raw.trim_start().len()),
            _ => None,
        };
        let mut at = range.start;
        for token in tokens(raw) {
            let len = match &token {
                Token::Text(t) | Token::Comment(t) => t.len(),
                Token::Start { source, .. } | Token::End { source, .. } => source.len(),
            };
            match &token {
                // A "<" that starts a tag, comment or declaration never
                // finished in the field would be finished by the next field's
                // text ("<!--" here, "-->" three sections on).
                // One GitHub reads as text is left to be shown as text (below).
                Token::Comment(c) if inline && !comment_in_0_29(c) => {}
                Token::Comment(_) => not_text.push(at..at + len),
                Token::Text(t) => {
                    for (i, _) in t.match_indices('<') {
                        let line = t[i..].find('\n').unwrap_or(t.len() - i);
                        let end = ending(&t[i..i + line]).filter(|_| first_tag == Some(at + i));
                        if let Some(end) = end {
                            ended.push((at + i + line, end));
                            let name: String = t[i + 1..]
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                                .collect::<String>()
                                .to_ascii_lowercase();
                            if !VOID.contains(&name.as_str()) {
                                open.push((name, opened_at, at + i));
                            }
                        } else if t[i + 1..]
                            .starts_with(|c: char| c.is_ascii_alphabetic() || "!/?".contains(c))
                        {
                            neutralise.push(at + i);
                        }
                    }
                }
                Token::Start { name, .. } | Token::End { name, .. }
                    if place == Place::Line && BLOCK_TAGS.contains(&name.as_str()) =>
                {
                    neutralise.extend(tag_starts(&read[at..at + len]).map(|i| at + i))
                }
                // A tag the sanitiser drops ("<form>", "<x-y>") opens and
                // closes nothing there.
                Token::Start { name, .. } | Token::End { name, .. }
                    if !(element_kept(name)
                        || removed_with_content(name)
                        || shown_as_text(name)) => {}
                // Kept out by the sanitiser (see `sanitize::in_its_container`).
                Token::Start { name, .. }
                    if !in_its_container(&containers(&lists, &open), name) => {}
                // Inside an element removed with its content, the sanitiser
                // reads no start tag but another of that element.
                Token::Start { name, .. } if removing(&open).is_some_and(|o| o != name) => {}
                Token::Start { name, self_closing, .. } => {
                    // What it ends first, as the sanitiser ends it.
                    loop {
                        let names: Vec<&str> = open.iter().map(|(o, ..)| o.as_str()).collect();
                        match implied_end(&names, name) {
                            Some(k) => open.truncate(k),
                            None => break,
                        }
                    }
                    // A block opened in a paragraph ends the paragraph (see
                    // `allowlist::ENDS_PARAGRAPH`), and it and what opens
                    // after it outlive it: what the paragraph is in closes
                    // them, or the field does.
                    let level = match paragraphs.last_mut() {
                        Some((p, ended)) => {
                            if name == "p" {
                                *ended = None;
                            } else if ENDS_PARAGRAPH.contains(&name.as_str()) {
                                *ended = Some(opened_at);
                            }
                            match *ended {
                                Some(ended_at) if opened_at <= ended_at => *p - 1,
                                _ => opened_at,
                            }
                        }
                        None => opened_at,
                    };
                    // "<div/>" opens a div for the sanitiser, as for browsers;
                    // "<svg/>" removes nothing.
                    let opens = !(*self_closing && removed_with_content(name));
                    if opens && !VOID.contains(&name.as_str()) {
                        open.push((name.clone(), level, at));
                    }
                }
                // An inline element's end tag closes only what opened where
                // it is (see `allowlist::BLOCKS`); a block's closes anything.
                Token::End { name, .. } => {
                    let inline = !BLOCKS.contains(&name.as_str());
                    let found = open
                        .iter()
                        .rposition(|(o, level, _)| o == name && (!inline || *level >= opened_at))
                        .filter(|&k| {
                            !inline
                                || !open[k + 1..].iter().any(|(o, ..)| BLOCKS.contains(&o.as_str()))
                        });
                    match found {
                        // A tag shown as text ("</script>") is no element
                        // for the sanitiser, and closes none but its own.
                        Some(k) if shown_as_text(name) => drop(open.remove(k)),
                        Some(k) => {
                            // The author's "</p>" leaves no paragraph open,
                            // nor does the end of an element the paragraph
                            // is in ("</details>" in its text): what opens
                            // after it is outside the paragraph.
                            if let Some((p, ended)) = paragraphs.last_mut() {
                                if name == "p" || (!inline && open[k].1 < *p) {
                                    *ended = Some(opened_at);
                                }
                            }
                            open.truncate(k)
                        }
                        None if block_start == Some(at) => {}
                        None if block_end_tag.as_deref() == Some(&read[at..at + len]) => {}
                        None => neutralise.extend(tag_starts(&read[at..at + len]).map(|i| at + i)),
                    }
                }
            }
            at += len;
        }
    }
    // A comment or declaration begun in the field's text (outside any HTML
    // the parser saw whole) would be ended by another field's "-->".
    for (i, _) in read.match_indices("<!").chain(read.match_indices("<?")) {
        if i >= lead && !not_text.iter().any(|r| r.contains(&i)) {
            neutralise.push(i);
        }
    }
    let mut out = text.to_string();
    let mut edits: Vec<(usize, &str)> = neutralise.iter().map(|&at| (at, "&lt;")).collect();
    edits.extend(ended);
    edits.sort_unstable();
    edits.dedup();
    for &(at, edit) in edits.iter().rev() {
        let at = at - lead;
        match edit {
            "&lt;" if out[at..].starts_with('<') => out.replace_range(at..at + 1, edit),
            "&lt;" => {}
            end => out.insert_str(at, end),
        }
    }
    if open.is_empty() {
        return out;
    }
    // One to a line: a line of one end tag starts an HTML block whatever
    // the tag (CommonMark's kind 7); "</b></b>" would be a paragraph, whose
    // end tags close nothing opened outside it.
    let closers: Vec<String> = open.iter().rev().map(|(name, ..)| format!("</{name}>")).collect();
    let closers = closers.join("\n");
    let trimmed = out.trim_end().len();
    // The line ends after the text stay after the closers: a block ends
    // with its own, and the next block's blank line must still be one.
    let tail = out.split_off(trimmed);
    // A backslash at the end would escape the "<" of the first end tag.
    if out.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1 {
        out.push(' ');
    }
    // What is left open was opened at the field's top level (what opened in
    // a paragraph, item or cell closed with it): the end tags go in a block
    // of their own there, where they close it.
    out.push_str("\n\n");
    out.push_str(&closers);
    out.push_str(&tail);
    out
}

#[cfg(test)]
mod tests;
