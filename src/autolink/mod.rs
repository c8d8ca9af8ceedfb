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
//!
//! The passes: `address` (`www.` and URLs, in the source), then `email`
//! (in the decoded text); `trailing` is what both leave off a link's end.

mod address;
mod email;
#[cfg(test)]
mod tests;
mod trailing;

use std::ops::Range;

use pulldown_cmark::Event;

/// `events` (pulldown-cmark's, with their ranges in `source`) with GFM's
/// extended autolinks made, adjacent text events joined into one.
pub fn autolinks<'a>(
    source: &'a str,
    events: impl IntoIterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<Event<'a>> {
    email::email_links(address::links(source, events.into_iter().collect()))
}
