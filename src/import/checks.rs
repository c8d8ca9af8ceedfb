//! Findings about the document as a whole: what GitHub would show wrongly
//! (conflict markers, broken images, raw HTML) and where the document
//! contradicts itself (a stated duration, a window and a timeline that
//! disagree).

use pulldown_cmark::{Event, Parser, Tag as Md, TagEnd};
use time::{Date, Duration};

use super::findings::ImportFinding;
use super::source::Source;
use super::summary::{says_ended, stated_duration, Segment};
use super::text::Lines;
use super::timeline::RowSource;
use crate::html::{self, allowlist, tokens::Token};
use crate::model::{Document, Tag};
use crate::timeline::{Clock, When};
use crate::timeparse::{self, DateOrder};

/// Reports each unresolved merge conflict; says whether there is one.
pub fn conflict_markers(text: &str, findings: &mut Vec<ImportFinding>) -> bool {
    let marker = |l: &str, m: &str| l == m || l.strip_prefix(m).is_some_and(|r| r.starts_with(' '));
    let mut any = false;
    for (n, _) in text.lines().enumerate().filter(|(_, l)| marker(l, "<<<<<<<")) {
        any = true;
        findings.push(ImportFinding::conflict_marker(n + 1));
    }
    any
}

/// HTML that GitHub does not show as HTML, and images that cannot show.
pub fn html_and_images(text: &str, findings: &mut Vec<ImportFinding>) {
    let lines = Lines::new(text);
    // Each tag GitHub does not keep, once: its name, first line, how many
    // more, and whether it shows as text (else it is left out).
    let mut tags: Vec<(String, usize, usize, bool)> = Vec::new();
    let mut code = 0;
    for (event, range) in Parser::new_ext(text, crate::dialect::options()).into_offset_iter() {
        let line = lines.of(range.start);
        match event {
            Event::Start(Md::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code -= 1,
            Event::Html(raw) | Event::InlineHtml(raw) => {
                for token in html::tokens::tokens(&raw) {
                    let Token::Start { name, .. } = token else { continue };
                    let as_text = allowlist::shown_as_text(&name);
                    if !as_text && allowlist::element_kept(&name) {
                        continue;
                    }
                    match tags.iter_mut().find(|t| t.0 == name) {
                        Some(t) => t.2 += 1,
                        None => tags.push((name, line, 0, as_text)),
                    }
                }
            }
            Event::Start(Md::Image { dest_url, .. }) if dest_url.trim().is_empty() => {
                findings.push(ImportFinding::image_without_address(line));
            }
            Event::Start(Md::Image { dest_url, .. })
                if dest_url.contains("github.com/") && dest_url.contains("/blob/") =>
            {
                findings.push(ImportFinding::image_of_a_page(line));
            }
            Event::Text(t) if code == 0 && t.contains("![") => {
                findings.push(ImportFinding::not_an_image(line));
            }
            _ => {}
        }
    }
    for (name, line, more, as_text) in tags {
        findings.push(if as_text {
            ImportFinding::html_shown_as_text(line, &name, more)
        } else {
            ImportFinding::html_left_out(line, &name, more)
        });
    }
}

/// The stated duration, the window and the timeline should agree.
pub fn duration_mismatch(
    source: &Source,
    doc: &Document,
    segs: &[Segment],
    rows: &[RowSource],
) -> Vec<ImportFinding> {
    let clock = Clock::of(doc);
    // A window without dates was put on a stand-in day to order its rows;
    // here its rows are compared as times of day, as they were written.
    let undated = |w: When| if clock.undated { When { date: None, ..w } } else { w };
    let (start, end) = clock.window();
    let (start, end) = (start.map(undated), end.map(undated));
    let window = clock.duration();
    let stated = segs.iter().find_map(|s| {
        let text = s.pieces.iter().map(|p| source.text(p)).collect::<Vec<_>>().join("\n");
        stated_duration(&text).map(|(d, said)| (d, said, s.line))
    });
    let length = stated.as_ref().map(|s| s.0).or(window);
    let spans: Vec<(&RowSource, When, When)> = rows
        .iter()
        .filter_map(|r| {
            // A day without a time says nothing of how long the outage was.
            let s = clock.row(&r.row.time).span().filter(|s| !s.day_only)?.clone();
            Some((r, undated(s.start), undated(s.end.unwrap_or(s.start))))
        })
        .collect();
    let mut out = Vec::new();
    if let (Some((d, said, line)), Some(w)) = (&stated, window) {
        if (*d - w).abs() > Duration::minutes(15).max(w / 10) {
            let window = (doc.summary.start.as_str(), doc.summary.end.as_str());
            let length = timeparse::format_duration(w);
            out.push(ImportFinding::stated_duration_differs(*line, said, window, &length));
        }
    }
    let (first, last) = (spans.first(), spans.last());
    // A timeline far longer than the outage: AM for PM, dates weeks apart.
    let long = match (length, first, last) {
        (Some(len), Some((row, first, _)), Some((_, _, last)))
            if first.until(last) > len * 2 + Duration::minutes(15) =>
        {
            let span = timeparse::format_duration(first.until(last));
            let (from, to, len) =
                (first.text(true), last.text(true), timeparse::format_duration(len));
            out.push(ImportFinding::timeline_too_long(row.line, &from, &to, &span, &len));
            true
        }
        _ => false,
    };
    // Or one that ends long before or after the end the summary gives.
    let expected_end = end.or_else(|| {
        let at = start?.at()?.checked_add(stated.as_ref()?.0)?;
        Some(When { date: Some(at.date()), time: at.time() })
    });
    if let (Some(e), Some((row, _, last)), false) = (expected_end, last, long) {
        let gap = signed(&e, last);
        // Ending early is a contradiction only when the last entry says the outage ended.
        let ended = row.row.tag == Some(Tag::Resolution) || says_ended(&row.row.event);
        if gap > Duration::minutes(15) || (gap < -Duration::minutes(15) && ended) {
            let how = if gap.is_negative() { "before" } else { "after" };
            let dates = e.date.is_some() && last.date.is_some();
            let (at, gap, e) =
                (last.text(dates), timeparse::format_duration(gap.abs()), e.text(dates));
            out.push(ImportFinding::timeline_ends_apart(row.line, &at, &gap, how, &e));
        }
    }
    out
}

/// A date in the title that no timeline entry is on, nor between the first
/// and the last entry's day: one of them is wrong.
pub fn title_date(doc: &Document, title_line: usize, order: DateOrder) -> Option<ImportFinding> {
    let (range, date) = timeparse::find_dates(&doc.title, order).into_iter().next()?;
    let clock = Clock::of(doc);
    if clock.undated {
        return None;
    }
    let days: Vec<Date> =
        doc.timeline.iter().filter_map(|r| clock.row(&r.time).span()?.start.date).collect();
    let (first, last) = (*days.iter().min()?, *days.iter().max()?);
    if (first..=last).contains(&date) {
        return None;
    }
    let show = timeparse::format_date;
    Some(ImportFinding::title_date(title_line, &doc.title[range], &show(first), &show(last)))
}

/// Each entry earlier in the day than the entry before it: on the same
/// written day, or, both written without a day, less than twelve hours
/// earlier (a bigger step back is the night passing: 23:55, then 00:10).
pub fn times_backwards(doc: &Document, rows: &[RowSource], order: DateOrder) -> Vec<ImportFinding> {
    let clock = Clock::of(doc);
    let mut out = Vec::new();
    let mut before: Option<(When, Option<Date>, &str)> = None;
    for r in rows {
        let Some(span) = clock.row(&r.row.time).span().filter(|s| !s.day_only).cloned() else {
            continue;
        };
        let written = timeparse::parse_time(&r.row.time, order).ok().and_then(|p| p.start.date);
        let at = span.start;
        if let Some((b, b_written, b_text)) = before {
            let back = at.time < b.time;
            let same_day = match (written, b_written) {
                (Some(x), Some(y)) => x == y,
                (None, None) => b.time - at.time < Duration::hours(12),
                _ => false,
            };
            if back && same_day {
                out.push(ImportFinding::times_backwards(r.line, &r.row.time, b_text));
            }
        }
        before = Some((at, written, r.row.time.as_str()));
    }
    out
}

/// `later - earlier`; for times without dates, the shorter way round the clock.
fn signed(earlier: &When, later: &When) -> Duration {
    match (earlier.at(), later.at()) {
        (Some(a), Some(b)) => b - a,
        _ => {
            let d = later.time - earlier.time;
            let day = Duration::days(1);
            if d > day / 2 {
                d - day
            } else if d <= -day / 2 {
                d + day
            } else {
                d
            }
        }
    }
}
