//! Where the reader is used from: a whole field (a timeline cell, the
//! summary's start), the start of a line that may be a timeline entry, and
//! prose scanned for every time or date in it.

use std::ops::Range;

use time::Date;

use super::reader::{DateValue, Mode, TimeReader};
use super::stamp::{DateOrder, Parsed, TimeError};
use super::tokens::TokenKind;
use super::zones::{Zone, US_ABBR};

/// The whole string (trimmed, optional surrounding parentheses) is one zone.
pub fn parse_zone(s: &str) -> Option<Zone> {
    let p = TimeReader::new(s.trim(), DateOrder::default(), Mode::Whole);
    match p.zone(0, true) {
        Some((z, k)) if k == p.tokens.len() => Some(z),
        _ => None,
    }
}

/// Words that, in parentheses after a time, say it is approximate.
const APPROXIMATE_REMARKS: &[&str] = &["approx", "approximately", "roughly", "about", "est"];

/// The whole string must be a time expression. Tolerated around it:
/// whitespace, a trailing ':', emphasis and code marks, brackets or a link
/// ("[14:05]", "[14:05](https://status.example.com)"); after it, a remark
/// in parentheses ("22:52 (maybe earlier?)", "13:14 EDT (17:14 UTC)").
pub fn parse_time(s: &str, order: DateOrder) -> Result<Parsed, TimeError> {
    let s = unwrapped(s);
    if s.is_empty() {
        return Err(TimeError::Empty);
    }
    let mut p = TimeReader::new(s, order, Mode::Whole);
    if p.unknown_time(0) == Some(p.tokens.len()) {
        return Err(TimeError::Unknown(s.to_string()));
    }
    let got = p.expression(0);
    if let Some((parsed, k)) = &got {
        if *k == p.tokens.len() {
            return Ok(parsed.clone());
        }
    }
    if let Some(e) = p.error.take() {
        return Err(e);
    }
    let Some((mut parsed, k)) = got else { return Err(TimeError::Unreadable(s.to_string())) };
    // "09:00 PDT / 16:00 UTC": the same moment in a second zone.
    if p.symbol(k, '/') && p.expression(k + 1).is_some_and(|(_, end)| end == p.tokens.len()) {
        return Ok(parsed);
    }
    let rest = &p.tokens[k.min(p.tokens.len())..];
    let word = match rest {
        [w] if matches!(w.kind, TokenKind::Word { capitals: true, .. }) => Some(w),
        [a, w, b] if a.kind == TokenKind::Symbol('(') && b.kind == TokenKind::Symbol(')') => {
            Some(w)
        }
        _ => None,
    };
    let word_text = |w: &super::tokens::Token| match &w.kind {
        TokenKind::Word { lower, .. } => Some(lower.clone()),
        _ => None,
    };
    let remark = rest.first().is_some_and(|t| t.kind == TokenKind::Symbol('('))
        && rest.last().is_some_and(|t| t.kind == TokenKind::Symbol(')'))
        && rest.len() > 2;
    // "(approx.)": the remark says the time is approximate.
    let words: Vec<String> = rest.iter().filter_map(word_text).collect();
    if remark
        && !words.is_empty()
        && words.iter().all(|w| APPROXIMATE_REMARKS.contains(&w.as_str()))
    {
        parsed.start.approximate = true;
        return Ok(parsed);
    }
    // A single left-over upper-case or parenthesised word reads as a zone we do not know.
    if let Some(w) = word.filter(|w| word_text(w).is_some_and(|t| (2..=6).contains(&t.len()))) {
        return Err(TimeError::UnknownZone(s.get(w.start..w.end).unwrap_or("").to_string()));
    }
    if remark {
        return Ok(parsed);
    }
    Err(TimeError::Unreadable(s.to_string()))
}

/// A field without what surrounds a time and says nothing about it:
/// whitespace, a trailing ':', emphasis and code marks, brackets, a link.
fn unwrapped(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s.len();
        s = s.trim_end_matches(':').trim_matches(|c| c == '*' || c == '`').trim();
        for (open, close) in [("[", "]"), ("(", ")"), ("_", "_")] {
            if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
                if !inner.contains(open) && !inner.contains(close) {
                    s = inner.trim();
                }
            }
        }
        // "[14:05](https://...)": the link's text.
        if let Some((text, rest)) = s.strip_prefix('[').and_then(|r| r.split_once("](")) {
            if rest.ends_with(')') && !rest[..rest.len() - 1].contains(['(', ')', ' ']) {
                s = text.trim();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The time expression `text` starts with, and its byte length, read as an
/// entry's time ("14:05", "~14:05", "1738", "2021-08-17", "2019-12-03
/// --:--"). What surrounds it is the caller's to read.
pub fn leading_time(text: &str, order: DateOrder) -> Option<(Parsed, usize)> {
    let line = text.split('\n').next().unwrap_or("");
    let mut p = TimeReader::new(line, order, Mode::Entry);
    let (parsed, k) = p.expression(0)?;
    let end = p.tokens.get(k.checked_sub(1)?)?.end;
    Some((parsed, end))
}

/// The byte length of a time written as unknown that `text` starts with
/// ("???", "??:??", "--:--", "unknown", "TBD").
pub fn leading_unknown(text: &str) -> Option<usize> {
    let line = text.split('\n').next().unwrap_or("");
    let p = TimeReader::new(line, DateOrder::default(), Mode::Entry);
    let k = p.unknown_time(0)?;
    Some(p.tokens.get(k.checked_sub(1)?)?.end)
}

/// Runs `f` at each token of each line that may start an expression; `f`
/// returns the token after a match. Matches never span lines.
fn scan<T>(
    text: &str,
    order: DateOrder,
    mut f: impl FnMut(&mut TimeReader, usize) -> Option<(T, usize)>,
) -> Vec<(Range<usize>, T)> {
    let mut out = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let mut p = TimeReader::new(line, order, Mode::Prose);
        let mut i = 0;
        while i < p.tokens.len() {
            if !p.glued(i) {
                if let Some((v, k)) = f(&mut p, i) {
                    if let (Some(a), Some(b)) = (p.tokens.get(i), p.tokens.get(k.wrapping_sub(1))) {
                        if k > i {
                            out.push((base + a.start..base + b.end, v));
                            i = k;
                            continue;
                        }
                    }
                }
            }
            i += 1;
        }
        base += line.len() + 1;
    }
    out
}

/// Every time expression in a prose text, with byte ranges. A date alone is not one.
pub fn find_times(text: &str, order: DateOrder) -> Vec<(Range<usize>, Parsed)> {
    scan(text, order, |p, i| p.expression(i))
}

/// Every full date (with a year) in a text, including dates that are part of
/// a timestamp; compare with [`find_times`] to find dates that stand alone.
pub fn find_dates(text: &str, order: DateOrder) -> Vec<(Range<usize>, Date)> {
    scan(text, order, |p, i| match p.date(i)? {
        (DateValue::Full(d), k) => Some((d, k)),
        (DateValue::MonthDay(..), _) => None,
    })
}

/// Guess the slashed-date order of a whole document.
pub fn guess_date_order(text: &str) -> DateOrder {
    let p = TimeReader::new(text, DateOrder::default(), Mode::Prose);
    let (mut day_first, mut month_first) = (false, false);
    for i in 0..p.tokens.len() {
        let slashed =
            p.symbol(i + 1, '/') && p.symbol(i + 3, '/') && (i + 1..i + 5).all(|k| p.touches(k));
        if let (true, Some(a), Some(b), Some(_)) =
            (slashed, p.number(i, 1..=2), p.number(i + 2, 1..=2), p.number(i + 4, 4..=4))
        {
            day_first |= a > 12;
            month_first |= b > 12;
        }
    }
    if day_first {
        return DateOrder::DayFirst;
    }
    if month_first {
        return DateOrder::MonthFirst;
    }
    // "Central" and "Mountain" are common words, so they count only before "Time".
    let us = (0..p.tokens.len()).any(|i| match &p.tokens[i].kind {
        TokenKind::Word { lower, capitals, capitalised } => {
            (*capitals && US_ABBR.contains(&lower.to_ascii_uppercase().as_str()))
                || (*capitalised && (lower == "pacific" || lower == "eastern"))
                || (*capitalised
                    && (lower == "central" || lower == "mountain")
                    && p.word(i + 1) == Some("time"))
        }
        _ => false,
    });
    if us {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    }
}
