//! Markdown out: the document as GitHub-flavoured Markdown, deterministic
//! (same document, same bytes) and shaped like `shared/FORMAT.md`.
//!
//! User text goes through `inline` or `block` first, so nothing typed can
//! break the document's structure: a pipe cannot split a table cell, a
//! heading in a long text cannot start a new section, an unclosed fence
//! cannot swallow what follows, and raw HTML is shown as text.

use std::fmt::Write;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::model::Document;
use crate::render;

pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let title = inline(&doc.title);
    if title.is_empty() {
        out.push_str("# Postmortem\n");
    } else {
        let _ = writeln!(out, "# Postmortem: {title}");
    }

    out.push_str("\n## Issue Summary\n");
    let summary = block(&doc.summary, 3);
    if !summary.is_empty() {
        let _ = write!(out, "\n{summary}\n");
    }

    out.push_str("\n## Timeline\n\n| Time | Event |\n| --- | --- |\n");
    for row in &doc.timeline {
        let _ = writeln!(out, "| {} | {} |", cell(&row.time), cell(&row.event));
    }
    out
}

/// One line of inline Markdown: newlines folded, raw HTML escaped, and a
/// trailing `#` escaped (it would close an ATX heading).
pub fn inline(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = escape_html(&folded);
    if out.ends_with('#') && !ends_escaped(&out) {
        out.insert(out.len() - 1, '\\');
    }
    out
}

/// A table cell: inline text whose unescaped pipes are escaped; an empty cell
/// keeps a space so the row still has all its columns.
pub fn cell(text: &str) -> String {
    let text = inline(text);
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0;
    for c in text.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

fn ends_escaped(s: &str) -> bool {
    let before = &s[..s.len() - 1];
    before.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
}

/// A long text (Markdown) placed under a heading of level `min_level - 1`:
/// its own top-level headings are pushed down to at least `min_level`, an
/// unclosed top-level code fence is closed, and raw HTML is escaped.
/// Returns the text trimmed of surrounding blank lines.
pub fn block(text: &str, min_level: usize) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = escape_html(text.trim_matches('\n').trim_end());
    let text = demote_headings(&text, min_level.clamp(1, 6));
    close_fence(text)
}

/// Backslash-escapes the `<` that starts each piece of raw HTML, until the
/// parser sees none. Escaping one HTML block can expose inline HTML in the
/// lines that were inside it, hence the loop.
pub fn escape_html(text: &str) -> String {
    let mut text = text.to_string();
    // Each round removes at least one HTML start, so this terminates; the
    // bound only guards against a parser surprise.
    for _ in 0..64 {
        let starts: Vec<usize> = Parser::new_ext(&text, render::options())
            .into_offset_iter()
            .filter(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
            .filter_map(|(_, range)| text[range.clone()].find('<').map(|i| range.start + i))
            .collect();
        if starts.is_empty() {
            return text;
        }
        for &at in starts.iter().rev() {
            text.insert(at, '\\');
        }
    }
    text
}

fn demote_headings(text: &str, min_level: usize) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<(std::ops::Range<usize>, usize)> = None;
    for (event, range) in Parser::new_ext(text, render::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                heading = Some((range, level_number(level)));
                depth += 1;
            }
            Event::End(TagEnd::Heading(_)) if depth == 1 => {
                depth -= 1;
                if let Some((range, level)) = heading.take() {
                    if level < min_level {
                        edits.push((range.clone(), atx(&text[range], min_level)));
                    }
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut out = text.to_string();
    for (range, replacement) in edits.into_iter().rev() {
        out.replace_range(range, &replacement);
    }
    out
}

fn level_number(level: HeadingLevel) -> usize {
    level as usize
}

/// Rewrites one heading's source (ATX or Setext) as an ATX heading.
fn atx(source: &str, level: usize) -> String {
    let trimmed = source.trim_end_matches('\n');
    let lines: Vec<&str> = trimmed.lines().collect();
    let content = if lines.len() > 1
        && lines.last().is_some_and(|l| {
            let l = l.trim();
            !l.is_empty() && (l.chars().all(|c| c == '=') || l.chars().all(|c| c == '-'))
        }) {
        // Setext: the text lines above the underline, joined.
        lines[..lines.len() - 1].iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
    } else {
        trimmed.trim_start().trim_start_matches('#').trim().to_string()
    };
    let newlines = &source[trimmed.len()..];
    format!("{} {}{newlines}", "#".repeat(level), content)
}

/// Appends a closing fence when the text ends inside a top-level fenced code
/// block, which would otherwise run on over the rest of the document.
fn close_fence(mut text: String) -> String {
    let mut depth = 0usize;
    let mut open_fence: Option<String> = None;
    for (event, range) in Parser::new_ext(&text, render::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) if depth == 0 => {
                let source = &text[range.clone()];
                let opening = source.trim_start();
                let fence_char = opening.chars().next().unwrap_or('`');
                let fence: String = opening.chars().take_while(|&c| c == fence_char).collect();
                let closed = range.end < text.len() || {
                    let last = source.trim_end_matches('\n').lines().last().unwrap_or("").trim();
                    source.lines().count() > 1
                        && last.len() >= fence.len()
                        && last.chars().all(|c| c == fence_char)
                };
                open_fence = (!closed).then_some(fence);
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if let Some(fence) = open_fence {
        text.push('\n');
        text.push_str(&fence);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimelineRow;

    fn doc() -> Document {
        let mut d = Document::new();
        d.title = "Load balancer sent all traffic to one backend".into();
        d.summary = "Main web service unreachable.".into();
        for (time, event) in [("14:00", "Monitoring alert"), ("14:10", "Rolled back")] {
            let id = d.add_row();
            *d.row_mut(id).unwrap() = TimelineRow { id, time: time.into(), event: event.into() };
        }
        d
    }

    #[test]
    fn writes_the_documented_shape() {
        assert_eq!(
            to_markdown(&doc()),
            "# Postmortem: Load balancer sent all traffic to one backend\n\
             \n## Issue Summary\n\nMain web service unreachable.\n\
             \n## Timeline\n\n| Time | Event |\n| --- | --- |\n\
             | 14:00 | Monitoring alert |\n| 14:10 | Rolled back |\n"
        );
    }

    #[test]
    fn is_deterministic() {
        assert_eq!(to_markdown(&doc()), to_markdown(&doc().clone()));
    }

    #[test]
    fn pipes_and_newlines_stay_inside_their_cell() {
        let mut d = doc();
        d.timeline[0].event = "a | b\nc `x|y` d \\| e".into();
        let html = render::to_html(&to_markdown(&d));
        assert_eq!(html.matches("<td>").count(), 4, "{html}");
        assert!(html.contains("a | b c <code>x|y</code> d | e"), "{html}");
    }

    #[test]
    fn html_in_fields_is_text() {
        let mut d = doc();
        d.title = "<b>bold</b>".into();
        d.summary = "<div>\n<script>alert(1)</script>\n</div>\n\nok <i>x</i>".into();
        d.timeline[0].event = "<img src=x onerror=alert(1)>".into();
        let md = to_markdown(&d);
        let events: Vec<_> = Parser::new_ext(&md, render::options()).collect();
        assert!(!events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))), "{md}");
        assert!(render::to_html(&md).contains("&lt;b&gt;bold&lt;/b&gt;"));
    }

    #[test]
    fn autolinks_are_not_mistaken_for_html() {
        assert_eq!(escape_html("see <https://example.com>"), "see <https://example.com>");
    }

    #[test]
    fn headings_in_long_text_cannot_start_a_section() {
        let mut d = doc();
        d.summary = "# Big\ntext\n\nSetext\n---\n\n> # quoted stays".into();
        let md = to_markdown(&d);
        assert!(md.contains("\n### Big\n"), "{md}");
        assert!(md.contains("\n### Setext\n"), "{md}");
        assert!(md.contains("> # quoted stays"), "{md}");
        let h2: Vec<_> = md.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(h2, ["## Issue Summary", "## Timeline"]);
    }

    #[test]
    fn unclosed_fence_is_closed() {
        let mut d = doc();
        d.summary = "```\ncode".into();
        let md = to_markdown(&d);
        assert!(md.contains("```\ncode\n```\n\n## Timeline"), "{md}");
        assert!(render::to_html(&md).contains("<table>"));
        d.summary = "```\ncode\n```".into();
        assert!(to_markdown(&d).contains("```\ncode\n```\n\n## Timeline"));
    }

    #[test]
    fn trailing_hash_does_not_close_the_title_heading() {
        let mut d = doc();
        d.title = "Issue in C#".into();
        let html = render::to_html(&to_markdown(&d));
        assert!(html.contains("<h1>Postmortem: Issue in C#</h1>"), "{html}");
    }
}
