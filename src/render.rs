//! Markdown to HTML for the preview, with everything active taken out.
//!
//! pulldown-cmark passes raw HTML through untouched, so `<script>` typed into
//! any field would run in the preview. Raw HTML is turned into text here, and
//! links whose scheme could run code are dropped (their text is kept). This is
//! the only place the preview's HTML comes from.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::export::{Block, Container, Key};

/// The Markdown dialect we write and render: GitHub's.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
}

/// A whole document's dialect: front matter at its start is not shown.
/// (Only a whole document has a start; a field's text read alone must not
/// take its first lines for front matter, which the document would not.)
pub fn document_options() -> Options {
    options()
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Renders a whole document's Markdown to HTML that is safe to put in `inner_html`.
pub fn to_html(markdown: &str) -> String {
    render_with(markdown, document_options())
}

fn render_with(markdown: &str, options: Options) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, safe_events(Parser::new_ext(markdown, options)));
    out
}

/// The link reference definitions in a block's Markdown, in order, one per
/// line. A block rendered on its own gets the whole document's definitions
/// in front, so `[text][label]` links where it would in the whole document.
pub fn definitions(markdown: &str) -> String {
    // Every definition has a label followed by "]:".
    if !markdown.contains("]:") {
        return String::new();
    }
    let mut parser = Parser::new_ext(markdown, options());
    parser.by_ref().for_each(drop);
    let mut defs: Vec<_> = parser.reference_definitions().iter().collect();
    defs.sort_by_key(|(_, def)| def.span.start);
    let mut out = String::new();
    for (label, def) in defs {
        let dest = escape_with(&def.dest, &['<', '>', '&', '\\']);
        out.push_str(&format!("[{label}]: <{dest}>"));
        if let Some(title) = &def.title {
            out.push_str(&format!(" \"{}\"", escape_with(title, &['"', '&', '\\'])));
        }
        out.push('\n');
    }
    out
}

fn escape_with(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What a table of our timeline's shape looks like before its rows; a row
/// is rendered inside it and cut out again.
const ROW_FRAME: &str = "| Time | Event |\n| --- | --- |\n";
const BODY_OPEN: &str = "<tbody>\n";
const BODY_CLOSE: &str = "</tbody>";
pub const LIST_OPEN: &str = "<ul>\n";
pub const LIST_CLOSE: &str = "</ul>\n";

/// One block's HTML, rendered on its own, given the document's link
/// definitions: for a top-level block whole elements; for a timeline row
/// its `<tr>`; for a list item its `<li>`. Joined by `assemble`, the blocks
/// give exactly `to_html` of the whole document.
pub fn block_html(key: Key, markdown: &str, defs: &str) -> String {
    // Front matter is for tools, not readers: the preview does not show it.
    if markdown.is_empty() || key == Key::FrontMatter {
        return String::new();
    }
    let source = |body: &str| {
        if defs.is_empty() {
            body.to_string()
        } else {
            format!("{defs}\n{body}")
        }
    };
    match key.container() {
        None => render_with(&source(markdown), options()),
        Some(Container::Timeline) => {
            let html = render_with(&source(&format!("{ROW_FRAME}{markdown}")), options());
            let from = html.find(BODY_OPEN).map_or(0, |i| i + BODY_OPEN.len());
            let to = html.rfind(BODY_CLOSE).unwrap_or(html.len()).max(from);
            html[from..to].to_string()
        }
        Some(Container::Improvements | Container::Tasks) => {
            let html = render_with(&source(markdown), options());
            let html = html.strip_prefix(LIST_OPEN).unwrap_or(&html);
            html.strip_suffix(LIST_CLOSE).unwrap_or(html).to_string()
        }
    }
}

/// Joins rendered blocks the way the preview places them in the page: rows
/// inside the timeline table's body, list items inside one list element.
pub fn assemble(blocks: &[(Key, String)]) -> String {
    let mut out = String::new();
    let mut open: Option<Container> = None;
    // The timeline head's closing tags, written after its rows.
    let mut table_tail = String::new();
    for (key, html) in blocks {
        let container = key.container();
        if open != container {
            close(&mut out, open, &mut table_tail);
            if matches!(container, Some(Container::Improvements | Container::Tasks))
                && !html.is_empty()
            {
                out.push_str(LIST_OPEN);
            }
            open = container.filter(|_| !html.is_empty() || container == Some(Container::Timeline));
        }
        if *key == Key::TableHead {
            let cut = html.rfind(BODY_CLOSE).unwrap_or(html.len());
            out.push_str(&html[..cut]);
            table_tail = html[cut..].to_string();
            open = Some(Container::Timeline);
        } else {
            out.push_str(html);
        }
    }
    close(&mut out, open, &mut table_tail);
    out
}

fn close(out: &mut String, open: Option<Container>, table_tail: &mut String) {
    match open {
        Some(Container::Timeline) => out.push_str(&std::mem::take(table_tail)),
        Some(_) => out.push_str(LIST_CLOSE),
        None => {}
    }
}

/// The document rendered block by block, as the preview does.
pub fn blocks_html(blocks: &[Block]) -> Vec<(Key, String)> {
    let defs: String = blocks.iter().map(|b| definitions(&b.markdown)).collect();
    blocks.iter().map(|b| (b.key, block_html(b.key, &b.markdown, &defs))).collect()
}

/// Whether inline raw HTML is only a line break (`<br>`, `<br/>`, `<br />`):
/// the one piece of HTML we keep, since people break lines in table cells
/// with it and GitHub renders it so. It has no attributes, so it is inert.
pub fn is_line_break(raw: &str) -> bool {
    let t = raw.trim().to_ascii_lowercase();
    matches!(t.as_str(), "<br>" | "<br/>" | "<br />")
}

/// The parser's events with raw HTML as text (line breaks excepted) and
/// unsafe links unwrapped.
pub fn safe_events<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // One entry per open link or image: whether its tags are kept.
    let mut open: Vec<bool> = Vec::new();
    events.filter_map(move |event| match event {
        Event::InlineHtml(raw) if is_line_break(&raw) => Some(Event::HardBreak),
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
    fn a_line_break_tag_is_a_line_break_and_nothing_else_is_kept() {
        let html = to_html("| a | b |\n| --- | --- |\n| one<br>two | x<br />y<BR/>z |\n\nsee <br onclick=x> and <br>");
        assert_eq!(html.matches("<br />").count(), 4, "{html}");
        assert!(html.contains("&lt;br onclick=x&gt;"), "{html}");
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
