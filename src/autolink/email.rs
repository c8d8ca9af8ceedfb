//! The e-mail pass of `autolink`: cmark-gfm finds e-mail addresses after
//! parsing, in the text with escapes and references decoded, so this pass
//! reads the events' text, after the `address` pass.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::trailing::trim_end;

/// The e-mail pass: addresses in text outside links, images and code.
pub(super) fn email_links(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
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
pub(super) fn join_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
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
