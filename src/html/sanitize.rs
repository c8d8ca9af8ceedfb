//! The preview's HTML, made what GitHub would show and nothing that could
//! run or load: every element kept is rebuilt from the allowlist (its name
//! and each attribute written anew, values escaped, URLs checked by scheme
//! after their character references are decoded); no string of the input
//! is passed through as markup. Text is escaped. Elements are balanced:
//! what is left open is closed at the end, and a stray end tag is dropped.

use super::allowlist::{
    attribute_kept, element_kept, removed_with_content, shown_as_text, url_kept, BLOCKS,
    ENDS_PARAGRAPH, NAME_PREFIX, VOID,
};
use super::tokens::{decode, named_reference, reference, tokens, Attribute, Token};

/// `html` (pulldown-cmark's or cmark-gfm's, raw HTML included) as GitHub shows it.
pub fn sanitize(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut open: Vec<String> = Vec::new();
    // Inside an element removed with its content: its name and nesting.
    let mut removing: Option<(String, usize)> = None;
    for token in tokens(html) {
        if let Some((name, depth)) = removing.as_mut() {
            match &token {
                Token::Start { name: n, self_closing: false, .. } if n == name => *depth += 1,
                Token::End { name: n, .. } if n == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        removing = None;
                    }
                }
                // The element it was opened in ends, and what is removed
                // ends with it: an unclosed `<select>` in a list item goes
                // no further than the item (as the field check expects),
                // not to the end of the document.
                Token::End { name: n, .. } if closing(&open, n).is_some() => removing = None,
                _ => {}
            }
            if removing.is_some() || !matches!(&token, Token::End { .. }) {
                continue;
            }
        }
        match token {
            Token::Text(text) => push_text(&mut out, text),
            Token::Comment(_) => {}
            Token::Start { source, name, .. } | Token::End { source, name }
                if shown_as_text(&name) =>
            {
                push_text(&mut out, source)
            }
            Token::Start { name, self_closing, .. } if removed_with_content(&name) => {
                if !self_closing {
                    removing = Some((name, 1));
                }
            }
            Token::Start { name, attributes, .. } => {
                if !element_kept(&name) || !in_its_container(&open, &name) {
                    continue;
                }
                while let Some(at) = implied_end(&open, &name) {
                    for closed in open.drain(at..).rev() {
                        push_end(&mut out, &closed);
                    }
                }
                if !start_tag(&mut out, &name, &attributes) {
                    continue;
                }
                // "<div/>" opens a div, as a browser reads it: "/>" closes
                // only an element that is void (or, in SVG, foreign).
                if !VOID.contains(&name.as_str()) {
                    open.push(name);
                }
            }
            Token::End { name, .. } => {
                if let Some(at) = closing(&open, &name) {
                    for closed in open.drain(at..).rev() {
                        push_end(&mut out, &closed);
                    }
                }
            }
        }
    }
    for closed in open.into_iter().rev() {
        push_end(&mut out, &closed);
    }
    out
}

/// Where in `open` the end tag of `name` closes from, if it closes
/// anything: an inline element's end tag does not close past a block.
fn closing(open: &[String], name: &str) -> Option<usize> {
    let at = open.iter().rposition(|o| o == name)?;
    let inline = !BLOCKS.contains(&name);
    let crosses = open[at + 1..].iter().any(|o| BLOCKS.contains(&o.as_str()));
    (!(inline && crosses)).then_some(at)
}

/// Whether an element that only lives inside another is inside it: a table
/// part in a table, an item in a list. Outside, GitHub's sanitiser leaves
/// out the tag and keeps what is in it (and a browser ignores the tag).
pub fn in_its_container<S: AsRef<str>>(open: &[S], name: &str) -> bool {
    let within = |containers: &[&str]| open.iter().any(|o| containers.contains(&o.as_ref()));
    match name {
        "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "caption" => within(&["table"]),
        "li" => within(&["ul", "ol"]),
        _ => true,
    }
}

/// Where in `open` a start tag of `name` closes from first, as a browser's
/// parser closes it (HTML's implied end tags): a block ends an open
/// paragraph, an item the item before it, a cell the cell, a row the row,
/// a heading the heading it is in. Written so, the elements are balanced as
/// the browser will read them, and a block's HTML is the same on its own as
/// in the whole document.
pub fn implied_end<S: AsRef<str>>(open: &[S], name: &str) -> Option<usize> {
    // The last of `wanted` open, unless one of `boundary` is open after it.
    let last = |wanted: &[&str], boundary: &dyn Fn(&str) -> bool| {
        for (at, o) in open.iter().map(AsRef::as_ref).enumerate().rev() {
            if wanted.contains(&o) {
                return Some(at);
            }
            if boundary(o) {
                return None;
            }
        }
        None
    };
    const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
    // Elements that stop the search for an item to end (HTML's "special"
    // ones, but for div and p, which an item's start looks past).
    let stops_item = |o: &str| BLOCKS.contains(&o) && !matches!(o, "div" | "p");
    let in_table = |o: &str| o == "table";
    let paragraph = ENDS_PARAGRAPH
        .contains(&name)
        .then(|| last(&["p"], &|o| matches!(o, "table" | "td" | "th" | "caption")))
        .flatten();
    paragraph.or_else(|| match name {
        "li" => last(&["li"], &stops_item),
        "dt" | "dd" => last(&["dt", "dd"], &stops_item),
        "td" | "th" => last(&["td", "th"], &in_table),
        "tr" => last(&["tr"], &in_table),
        "thead" | "tbody" | "tfoot" => last(&["thead", "tbody", "tfoot"], &in_table),
        "rt" | "rp" => last(&["rt", "rp"], &|o| o == "ruby"),
        h if HEADINGS.contains(&h) => {
            open.last().filter(|o| HEADINGS.contains(&o.as_ref())).map(|_| open.len() - 1)
        }
        _ => None,
    })
}

/// Writes a kept element's start tag with its kept attributes; false when
/// the element is not written at all.
fn start_tag(out: &mut String, name: &str, attributes: &[Attribute]) -> bool {
    let value_of =
        |n: &str| attributes.iter().find(|a| a.name == n).map(|a| decode(a.value.unwrap_or("")));
    if name == "input" {
        // Only a task list's checkbox, as GitHub writes it: disabled, with
        // a name a screen reader can say.
        if !value_of("type").is_some_and(|t| t.eq_ignore_ascii_case("checkbox")) {
            return false;
        }
        let checked = value_of("checked").is_some();
        out.push_str("<input type=\"checkbox\" disabled=\"\"");
        if checked {
            out.push_str(" checked=\"\"");
        }
        let label = if checked { "Completed task" } else { "Incomplete task" };
        out.push_str(&format!(" aria-label=\"{label}\" />"));
        return true;
    }
    out.push('<');
    out.push_str(name);
    let mut written: Vec<&str> = Vec::new();
    for a in attributes {
        if written.contains(&a.name.as_str()) {
            continue;
        }
        let value = decode(a.value.unwrap_or(""));
        // pulldown-cmark aligns table cells with a style; GitHub (and
        // cmark-gfm) with `align`, which is kept.
        let (attribute, value) = match (name, a.name.as_str()) {
            ("th" | "td", "style") => match value.trim().strip_prefix("text-align:").map(str::trim)
            {
                Some(side @ ("left" | "center" | "right")) => ("align", side.to_string()),
                _ => continue,
            },
            (_, attribute) => (attribute, value),
        };
        match attribute_kept(name, attribute) {
            Some(true) if !url_kept(attribute, &value) => continue,
            Some(_) => {}
            None => continue,
        }
        let value = match attribute {
            "name" if !value.starts_with(NAME_PREFIX) => format!("{NAME_PREFIX}{value}"),
            _ => value,
        };
        written.push(attribute);
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        push_escaped(out, &value, true);
        out.push('"');
    }
    out.push_str(if VOID.contains(&name) { " />" } else { ">" });
    true
}

fn push_end(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Text, escaped. The references a browser decodes are decoded and written
/// again as this writes every text, so that "&quot;" and '"' (as one
/// renderer or another writes them) come out the same; a named reference
/// this does not know ("&copy;") stays as written, for the browser to read.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            if let Some((decoded, len)) = reference(rest) {
                push_escaped(out, decoded.encode_utf8(&mut [0; 4]), false);
                rest = &rest[len..];
                continue;
            }
            if let Some(len) = named_reference(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        push_escaped(out, c.encode_utf8(&mut [0; 4]), false);
        rest = &rest[c.len_utf8()..];
    }
}

fn push_escaped(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_github_keeps_and_rebuilds_it() {
        assert_eq!(
            sanitize("<p>a <b onclick=\"x()\">b</b> <img src=\"./i.png\" width=50% onerror=alert(1)></p>"),
            "<p>a <b>b</b> <img src=\"./i.png\" width=\"50%\" /></p>"
        );
        assert_eq!(
            sanitize("<details open><summary>More</summary>\n\n<p>x</p></details>"),
            "<details open=\"\"><summary>More</summary>\n\n<p>x</p></details>"
        );
        assert_eq!(
            sanitize("<div align=center style='color:red' class=x id=y>z</div>"),
            "<div align=\"center\">z</div>"
        );
    }

    #[test]
    fn nothing_can_run_or_load() {
        for (input, expected) in [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&#106;avascript&colon;alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\" java\tscript:x\">x</a>", "<a>x</a>"),
            ("<img src=\"data:image/svg+xml,x\">", "<img />"),
            ("<iframe src=x></iframe>", "&lt;iframe src=x&gt;&lt;/iframe&gt;"),
            ("<svg onload=alert(1)><text>t</text></svg>after", "after"),
            ("<form action=x><button formaction=javascript:x>go</button></form>", "go"),
            ("<style>*{}</style>", "&lt;style&gt;*{}&lt;/style&gt;"),
            ("<!--<img src=x onerror=alert(1)>-->", ""),
            ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", ""),
            ("<input type=text autofocus onfocus=x>", ""),
            (
                "<a href=x\"onmouseover=\"y\">z</a>",
                "<a href=\"x&quot;onmouseover=&quot;y&quot;\">z</a>",
            ),
            ("<b>x", "<b>x</b>"),
            ("x</div></p>", "x"),
            ("<b><p>x</b>y</p>z", "<b><p>xy</p>z</b>"),
            ("<math><mi>x</mi></math>", ""),
            ("<ul><li>a <select>b</li><li>c</li></ul>", "<ul><li>a </li><li>c</li></ul>"),
            ("<p><b>a <svg></b>b</p>c", "<p><b>a </b>b</p>c"),
            // No global can be clobbered, no element keeps a script URL.
            ("<img name=cookie>", "<img name=\"user-content-cookie\" />"),
            ("<a name=\"user-content-top\">t</a>", "<a name=\"user-content-top\">t</a>"),
            ("<div action=\"javascript:x\">d</div>", "<div>d</div>"),
        ] {
            assert_eq!(sanitize(input), expected, "{input}");
        }
    }

    #[test]
    fn elements_end_where_a_browser_ends_them() {
        for (input, expected) in [
            ("<p>a<p>b</p>", "<p>a</p><p>b</p>"),
            ("<p>a<div>b</div>", "<p>a</p><div>b</div>"),
            ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
            ("<ul><li><b>a<li>b</ul>", "<ul><li><b>a</b></li><li>b</li></ul>"),
            ("<ul><li>a<ul><li>b</ul></ul>", "<ul><li>a<ul><li>b</li></ul></li></ul>"),
            (
                "<table><tr><td>a<td>b<tr><td>c</table>",
                "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
            ),
            (
                "<table><tr><td><p>a<table><tr><td>b</table>",
                "<table><tr><td><p>a</p><table><tr><td>b</td></tr></table></td></tr></table>",
            ),
            ("<h1>a<h2>b</h2>", "<h1>a</h1><h2>b</h2>"),
            ("<dl><dt>a<dd>b</dl>", "<dl><dt>a</dt><dd>b</dd></dl>"),
            ("<div/>a", "<div>a</div>"),
            ("<p>a<th>b</th><li>c</li></p>", "<p>abc</p>"),
        ] {
            assert_eq!(sanitize(input), expected, "{input}");
        }
    }

    #[test]
    fn tables_and_task_lists_as_github_writes_them() {
        assert_eq!(
            sanitize("<table><tr><th style=\"text-align: center\">a</th></tr></table>"),
            "<table><tr><th align=\"center\">a</th></tr></table>"
        );
        assert_eq!(
            sanitize("<ul><li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\ndone</li></ul>"),
            "<ul><li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Completed task\" />\ndone</li></ul>"
        );
    }

    #[test]
    fn text_reads_the_same_however_it_was_escaped() {
        assert_eq!(sanitize("&quot;a&quot; &amp; \"b\" &#60;"), "\"a\" &amp; \"b\" &lt;");
        assert_eq!(
            sanitize("1 < 2 &copy; & &amp;copy; &x"),
            "1 &lt; 2 &copy; &amp; &amp;copy; &amp;x"
        );
    }
}
