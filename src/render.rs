//! Markdown to HTML for the preview, as GitHub shows it.
//!
//! pulldown-cmark parses the Markdown, `autolink` adds the links GitHub
//! makes of bare addresses (`www.`, `https://`, e-mail), pulldown-cmark
//! writes the HTML, raw HTML included, and the whole result goes through
//! `html::sanitize`, which rebuilds only what GitHub's
//! sanitiser keeps: nothing typed into any field can run or load in the
//! preview, and what the preview shows of an author's HTML is what GitHub
//! shows. This is the only place the preview's HTML comes from.

use pulldown_cmark::{html as markup, Event, Options, Parser, Tag, TagEnd};

use crate::autolink::autolinks;
use crate::dialect::options;
use crate::doc_blocks::{Block, Container, Key};
use crate::html::sanitize;

/// Renders a whole document's Markdown to HTML that is safe to put in
/// `inner_html`. Its front matter is not shown. (pulldown-cmark's own
/// metadata blocks are not used: it takes a pair of `---` lines for one
/// anywhere in a document, where GitHub shows a rule and text.)
pub fn to_html(markdown: &str) -> String {
    let body = crate::frontmatter::split(markdown).map_or(markdown, |(_, rest)| rest);
    render_with(body, options())
}

fn render_with(markdown: &str, options: Options) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let events = autolinks(markdown, Parser::new_ext(markdown, options).into_offset_iter());
    markup::push_html(&mut raw, laid_out_as_github(events));
    sanitize(&raw.replace(MARKED_EMPTY_BODY, ""))
}

/// A table with no rows has no `<tbody>` on GitHub (cmark-gfm writes
/// none); pulldown-cmark writes an empty one. A NUL, which pulldown-cmark
/// never lets through from the source, marks it to be cut out.
const MARKED_EMPTY_BODY: &str = "<tbody>\n\0</tbody>";

/// The events arranged so that pulldown-cmark writes the elements where
/// cmark-gfm does: a loose task item's checkbox before its paragraph, not
/// in it; a table without rows marked (see `MARKED_EMPTY_BODY`).
fn laid_out_as_github(events: Vec<Event<'_>>) -> impl Iterator<Item = Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + 2);
    for event in events {
        match (&event, out.as_slice()) {
            (Event::End(TagEnd::Table), [.., Event::End(TagEnd::TableHead)]) => {
                out.push(Event::Html("\0".into()));
            }
            (
                Event::TaskListMarker(_),
                [.., Event::Start(Tag::Item), Event::Start(Tag::Paragraph)],
            ) => {
                let at = out.len() - 1;
                out.insert(at, event);
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    out.into_iter()
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
const TABLE_CLOSE: &str = "</table>";
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
    // The timeline head's closing tags, written after its rows, and
    // whether a row opened the table's body (a table without rows has none).
    let mut table_tail = String::new();
    let mut body = false;
    for (key, html) in blocks {
        let container = key.container();
        if open != container {
            close(&mut out, open, &mut table_tail, &mut body);
            if matches!(container, Some(Container::Improvements | Container::Tasks))
                && !html.is_empty()
            {
                out.push_str(LIST_OPEN);
            }
            open = container.filter(|_| !html.is_empty() || container == Some(Container::Timeline));
        }
        if *key == Key::TableHead {
            let cut = html.rfind(TABLE_CLOSE).unwrap_or(html.len());
            out.push_str(&html[..cut]);
            table_tail = html[cut..].to_string();
            open = Some(Container::Timeline);
        } else {
            if container == Some(Container::Timeline) && !html.is_empty() && !body {
                out.push_str(BODY_OPEN);
                body = true;
            }
            out.push_str(html);
        }
    }
    close(&mut out, open, &mut table_tail, &mut body);
    out
}

fn close(out: &mut String, open: Option<Container>, table_tail: &mut String, body: &mut bool) {
    match open {
        Some(Container::Timeline) => {
            if std::mem::take(body) {
                out.push_str(BODY_CLOSE);
            }
            out.push_str(&std::mem::take(table_tail));
        }
        Some(_) => out.push_str(LIST_CLOSE),
        None => {}
    }
}

/// The document rendered block by block, as the preview does.
pub fn blocks_html(blocks: &[Block]) -> Vec<(Key, String)> {
    let defs: String = blocks.iter().map(|b| definitions(&b.markdown)).collect();
    blocks.iter().map(|b| (b.key, block_html(b.key, &b.markdown, &defs))).collect()
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
    fn line_breaks_and_the_html_github_keeps_are_shown() {
        let html = to_html("| a | b |\n| --- | --- |\n| one<br>two | x<br />y<BR/>z |\n\nsee <br onclick=x> and <sup>2</sup>");
        assert_eq!(html.matches("<br />").count(), 4, "{html}");
        assert!(!html.contains("onclick") && html.contains("<sup>2</sup>"), "{html}");
    }

    #[test]
    fn html_that_could_run_is_text_or_gone() {
        let html = to_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> there");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("<img src=\"x\" />") && !html.contains("onerror"), "{html}");
    }

    #[test]
    fn script_links_lose_their_address_but_keep_their_text() {
        for md in [
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](&#x6A;avascript:alert(1))",
            "[click](<java\tscript:alert(1)>)",
            "[click](vbscript:msgbox)",
            "[click](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
            "<a href=\"&#106;avascript:alert(1)\">click</a>",
        ] {
            let html = to_html(md);
            assert!(!html.contains("href"), "{md} gave {html}");
            assert!(html.contains("click") || md.starts_with('<'), "{md} gave {html}");
        }
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
    fn a_table_without_rows_has_no_body_as_on_github() {
        let head = "| Time | Event |\n| --- | --- |\n";
        assert_eq!(
            to_html(head),
            "<table><thead><tr><th>Time</th><th>Event</th></tr></thead></table>\n"
        );
        assert!(to_html(&format!("{head}| 1 | a |\n")).contains("</thead><tbody>\n<tr>"));
        // Block by block: the rows bring the body, a blank row none.
        let row = |id| (Key::Row(id), block_html(Key::Row(id), "| 1 | a |\n", ""));
        let table = (Key::TableHead, block_html(Key::TableHead, head, ""));
        let blank = (Key::Row(9), String::new());
        assert_eq!(assemble(&[table.clone(), blank.clone()]), to_html(head));
        assert_eq!(
            assemble(&[table, row(1), blank, row(2)]),
            to_html(&format!("{head}| 1 | a |\n| 1 | a |\n"))
        );
    }

    #[test]
    fn a_loose_task_items_checkbox_is_before_its_paragraph_as_on_github() {
        let html = to_html("- [x] done\n\n- [ ] to do\n");
        let done = html.find("<p>done").expect("a paragraph");
        let boxes: Vec<usize> = html.match_indices("<input").map(|(i, _)| i).collect();
        assert_eq!(boxes.len(), 2, "{html}");
        assert!(boxes[0] < done && html[boxes[0]..done].starts_with("<input"), "{html}");
        assert!(!html.contains("<p><input"), "{html}");
        // Each keeps the name a screen reader says (see `html::sanitize`).
        assert_eq!(html.matches("aria-label=").count(), 2, "{html}");
    }

    #[test]
    fn bare_addresses_are_links_as_on_github() {
        let html = to_html("See www.example.com/a, https://x.example/b_(c). Mail ops@example.com\n\n- [ ] ask ops+db@example.com\n\n| t | e |\n| - | - |\n| 1 | http://10.0.0.1:8080/x |\n");
        assert!(
            html.contains(r#"<a href="http://www.example.com/a">www.example.com/a</a>,"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="https://x.example/b_(c)">https://x.example/b_(c)</a>."#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="mailto:ops@example.com">ops@example.com</a>"#), "{html}");
        assert!(html.contains(r#"<a href="mailto:ops+db@example.com">"#), "{html}");
        assert!(html.contains(r#"<td><a href="http://10.0.0.1:8080/x">"#), "{html}");
        // Not in code, nor inside a link.
        let html = to_html("`www.example.com` [see https://a.example](https://b.example)");
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
    }

    #[test]
    fn an_unsafe_image_shows_nothing_it_could_load() {
        let html = to_html("![alt text](javascript:alert(1))");
        assert!(!html.contains("src=") && html.contains("alt=\"alt text\""), "{html}");
    }
}
