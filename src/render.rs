//! Markdown to HTML for the preview, with everything active taken out.
//!
//! pulldown-cmark passes raw HTML through untouched, so `<script>` typed into
//! any field would run in the preview. Raw HTML is turned into text here, and
//! links whose scheme could run code are dropped (their text is kept). This is
//! the only place the preview's HTML comes from.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// The Markdown dialect we write and render: GitHub's.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
}

/// Renders Markdown to HTML that is safe to put in `inner_html`.
pub fn to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, safe_events(Parser::new_ext(markdown, options())));
    out
}

/// The parser's events with raw HTML as text and unsafe links unwrapped.
pub fn safe_events<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // One entry per open link or image: whether its tags are kept.
    let mut open: Vec<bool> = Vec::new();
    events.filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. })
        | Event::Start(Tag::Image { ref dest_url, .. }) => {
            let keep = is_safe_url(dest_url);
            open.push(keep);
            keep.then_some(event)
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            open.pop().unwrap_or(true).then_some(event)
        }
        other => Some(other),
    })
}

/// True for relative URLs and for the schemes a postmortem links to.
/// An allow-list, because browsers accept many spellings of `javascript:`.
pub fn is_safe_url(url: &CowStr) -> bool {
    // Browsers strip leading C0 controls and spaces, and ignore tabs and
    // newlines anywhere in a URL, before they read the scheme.
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned[i..].starts_with(':') => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_gfm_tables_and_task_lists() {
        let html = to_html("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n- [x] done\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<td>2</td>"), "{html}");
        assert!(html.contains("checked"), "{html}");
    }

    #[test]
    fn raw_html_becomes_text() {
        let html = to_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> there");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
    }

    #[test]
    fn script_links_are_dropped_but_their_text_stays() {
        for md in [
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](&#x6A;avascript:alert(1))",
            "[click](<java\tscript:alert(1)>)",
            "[click](vbscript:msgbox)",
            "[click](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
        ] {
            let html = to_html(md);
            assert!(!html.contains("<a") && !html.contains("href"), "{md} gave {html}");
        }
        assert!(to_html("[click](javascript:x)").contains("click"));
    }

    #[test]
    fn ordinary_links_and_images_survive() {
        let html =
            to_html("[a](https://example.com) [b](./docs/x.md) ![i](img/x.png) <https://e.org>");
        assert!(html.contains(r#"href="https://example.com""#), "{html}");
        assert!(html.contains(r#"href="./docs/x.md""#), "{html}");
        assert!(html.contains(r#"src="img/x.png""#), "{html}");
        assert!(html.contains(r#"href="https://e.org""#), "{html}");
    }

    #[test]
    fn unsafe_image_keeps_its_alt_text_as_text() {
        let html = to_html("![alt text](javascript:alert(1))");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("alt text"), "{html}");
    }
}
