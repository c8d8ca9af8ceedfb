//! The first stage: the text as pasted made ready to read. Line ends made
//! "\n", a byte-order mark dropped, and a ```markdown fence that a chat
//! assistant wraps a whole document in neutralised. Line numbers never
//! change here, so findings point at the lines the person pasted.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use super::findings::ImportFinding;
use super::text::Lines;

/// Larger input is kept whole in the intro, unread. Import is linear, so
/// this only bounds the time a paste can take.
pub const MAX_INPUT: usize = 10_000_000;

/// The text without a byte-order mark, with "\n" line ends.
pub fn normalised(markdown: &str) -> String {
    let text = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A chat assistant's answer often wraps the whole postmortem in a ```markdown
/// fence: its content is the document. The fence lines are neutralised in
/// place, so line numbers stay: the opening one escaped (its words kept,
/// in the intro), the closing one emptied. A closed fence beside headings
/// of its own is an example, and stays.
pub fn unwrap_fence(text: String, findings: &mut Vec<ImportFinding>) -> String {
    let (mut depth, mut fence, mut headings) = (0, None, false);
    for (event, range) in Parser::new_ext(&text, crate::dialect::options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if depth == 0 => {
                let lang = info.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
                if fence.is_none() && (lang == "markdown" || lang == "md") {
                    fence = Some(range);
                }
            }
            Event::Start(Tag::Heading { .. }) if depth == 0 => headings = true,
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
    let holds_heading = Parser::new_ext(content, crate::dialect::options())
        .any(|e| matches!(e, Event::Start(Tag::Heading { .. })));
    if !holds_heading || (closed && headings) {
        return text;
    }
    let line = Lines::new(&text).of(range.start);
    let open_at = range.start + block.find(opening).unwrap_or(0);
    let close_at = if closed { range.start + first_end + last_at } else { range.end };
    let rest = if closed { range.start + first_end + body.len() } else { close_at };
    findings.push(ImportFinding::fenced_document(line, opening, closed));
    format!("{}\\{}{}", &text[..open_at], &text[open_at..close_at], &text[rest..])
}
