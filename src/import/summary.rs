//! The summary: field lines and items ("**Duration:** ...", "- Impact:
//! ..."), and the outage window and zone read from prose when no field
//! gives them. Every line that the exported summary would not give back
//! word for word stays in the summary's notes.

use std::ops::Range;

use time::Duration;

use super::blocks::BlockKind;
use super::source::{Label, Source};
use super::text::{name_words, single, split_label, words, Piece};
use crate::decimal;
use crate::export;
use crate::model::Document;
use crate::timeline::Clock;
use crate::timeparse::{self, DateOrder};

/// A stretch of the summary: a field line, item or heading, or other text.
pub struct Segment {
    pub pieces: Vec<Piece>,
    pub field: Option<(SummaryField, String)>,
    /// Read into a field; if not, kept in the notes.
    pub used: bool,
    /// Before the sections: metadata people put above the summary
    /// ("**Duration:** ..." under the title), whose prose is not the summary's.
    pub in_intro: bool,
    pub line: usize,
}

/// What a summary line or item says, when it is one of our fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryField {
    Duration,
    Start,
    End,
    Zone,
    Impact,
    Cause,
    /// "Time to detect/resolve": computed by the export, nothing to keep.
    Figures,
    /// About when ("Outage Duration", "Date/time"): read for the window, kept as written.
    Window,
}

pub fn summary_field(label: &str) -> Option<SummaryField> {
    const WHEN: &[&str] = &[
        "duration", "downtime", "window", "period", "time", "date", "when", "start", "started",
        "began", "end", "ended", "timezone", "zone",
    ];
    let w = name_words(label);
    Some(match w.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["duration"] => SummaryField::Duration,
        ["start"] => SummaryField::Start,
        ["end"] => SummaryField::End,
        ["time", "zone"] => SummaryField::Zone,
        ["impact"] => SummaryField::Impact,
        ["root", "cause"] | ["cause"] => SummaryField::Cause,
        ["time", "to", "detect" | "resolve", ..] => SummaryField::Figures,
        w if w.iter().any(|x| WHEN.contains(x)) => SummaryField::Window,
        _ => return None,
    })
}

fn set(field: &mut String, value: String) {
    if !value.is_empty() {
        *field = value;
    }
}

/// The computed figures, as the export writes them for this document.
pub fn figures(doc: &Document) -> export::Figures {
    let clock = Clock::of(doc);
    export::Figures::new(&clock, doc.timeline.iter().map(|r| (r.tag, clock.row(&r.time))))
}

pub fn segments(source: &Source, blocks: &[usize], in_intro: bool) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    let mut open_para: Option<(usize, usize)> = None;
    let seg = |piece: &Piece, field| Segment {
        pieces: vec![piece.clone()],
        field,
        used: false,
        in_intro,
        line: source.lines.of(piece.start),
    };
    for &i in blocks {
        let b = &source.blocks[i];
        // The paragraph of a line, and the block before it there.
        let para = if let BlockKind::Line(p) = b.kind { Some((p, i)) } else { None };
        match &b.kind {
            BlockKind::Heading(..)
                if source.heads[i].as_ref().is_some_and(|h| h.label.is_some()) =>
            {
                let Label { text, value, .. } = source.label(i).unwrap_or_default();
                let value = value.map(|v| source.text(&v).to_string()).unwrap_or_default();
                segs.push(seg(&b.range, summary_field(&text).map(|f| (f, value))));
            }
            BlockKind::Line(_) => {
                let text = source.text(&b.range);
                // A line starts a segment when it starts with a field's label or a bold one.
                let label = split_label(text).filter(|(l, _)| {
                    summary_field(l).is_some() || text.trim_start().starts_with(['*', '_'])
                });
                match (label, segs.last_mut()) {
                    (Some((l, at)), _) => segs.push(seg(
                        &b.range,
                        summary_field(&l).map(|f| (f, text[at..].to_string())),
                    )),
                    (None, Some(last))
                        if open_para.zip(para).is_some_and(|(a, b)| a.0 == b.0 && a.1 + 1 == i) =>
                    {
                        last.pieces.push(b.range.clone());
                        if let Some((_, v)) = &mut last.field {
                            v.push('\n');
                            v.push_str(text);
                        }
                    }
                    _ => segs.push(seg(&b.range, None)),
                }
            }
            BlockKind::List(_, items) => {
                for item in items {
                    let field = source.item_label(item).and_then(|l| {
                        Some((summary_field(&l.text)?, source.text(&l.value?).to_string()))
                    });
                    // An item with a list under it is kept, though read for the window.
                    let timed = |f: &SummaryField| {
                        matches!(
                            f,
                            SummaryField::Duration
                                | SummaryField::Start
                                | SummaryField::End
                                | SummaryField::Window
                        )
                    };
                    segs.push(seg(&item.range, field.filter(|(f, _)| item.simple || timed(f))));
                }
            }
            _ => segs.push(seg(&b.range, None)),
        }
        open_para = para;
    }
    segs
}

/// Fills the summary from its field segments, then from its prose; keeps
/// as notes every segment whose words the exported summary lacks.
pub fn finish_summary(
    source: &Source,
    doc: &mut Document,
    segs: &mut [Segment],
    hints: &[String],
    has_summary: bool,
) {
    // The last line that gives a field wins: export writes the fields
    // after the notes, so that a re-import reads the same winners.
    let s = &mut doc.summary;
    for (field, value) in segs.iter().filter_map(|g| g.field.as_ref()) {
        let value = value.trim();
        match field {
            SummaryField::Duration => {
                if let Some((a, b)) = read_window(value, source.order) {
                    set(&mut s.start, single(&a));
                    set(&mut s.end, single(&b));
                }
            }
            SummaryField::Start => set(&mut s.start, single(value)),
            SummaryField::End => set(&mut s.end, single(value)),
            SummaryField::Zone if timeparse::parse_zone(value).is_some() => {
                set(&mut s.zone, single(value))
            }
            SummaryField::Impact if !value.is_empty() => {
                (s.impact, s.affected) = Default::default();
                // "text (90% of users affected)", as export writes the share.
                let v = single(value);
                let share = |s: &str| !s.is_empty() && !s.contains(['(', ' ']);
                match v.strip_suffix("% of users affected)").and_then(|v| v.rsplit_once(" (")) {
                    Some((impact, p)) if share(p) => {
                        (s.impact, s.affected) = (single(impact), p.to_string())
                    }
                    _ => match v.strip_suffix("% of users affected") {
                        Some(p) if share(p) => s.affected = p.to_string(),
                        _ => s.impact = v,
                    },
                }
            }
            SummaryField::Cause => set(&mut s.root_cause, single(value)),
            _ => {}
        }
    }
    let prose = |segs: &[Segment]| {
        let pieces: Vec<Piece> = segs
            .iter()
            .filter(|g| !has_summary || !g.in_intro)
            .filter(|g| matches!(g.field, None | Some((SummaryField::Window, _))))
            .flat_map(|g| g.pieces.clone())
            .collect();
        source.render(&pieces)
    };
    if s.start.is_empty() && s.end.is_empty() {
        let (a, b) = window_in_prose(&prose(segs), source.order);
        (s.start, s.end) = (a.unwrap_or_default(), b.unwrap_or_default());
    }
    // The zone written at the end of the window is the document's zone
    // (or the zone field, written twice).
    let last = if s.end.is_empty() { &mut s.start } else { &mut s.end };
    if let Some((time, zone)) = split_zone(last).filter(|(_, z)| s.zone.is_empty() || *z == s.zone)
    {
        (*last, s.zone) = (time, zone);
    }
    // Else one named in the summary's prose (not its fields: a zone there
    // is the field's own), over the timeline or above the sections, else
    // the one the timeline's entries all name.
    if s.zone.is_empty() && Clock::new(s).zone.is_none() {
        let text = prose(segs);
        s.zone = std::iter::once(text.as_str())
            .chain(hints.iter().map(String::as_str))
            .find_map(find_zone)
            .or_else(|| zone_of_rows(&doc.timeline, source.order))
            .unwrap_or_default();
    }
    let list = export::summary("", &doc.summary, &figures(doc));
    let list = words(list.trim_start().split_once('\n').map_or("", |x| x.1));
    for seg in segs.iter_mut() {
        let structured = matches!(seg.field, Some((f, _)) if f != SummaryField::Window);
        seg.used = structured && seg.pieces.iter().all(|p| words(source.text(p)).is_subset(&list));
    }
    let unused = |in_intro: bool| -> Vec<Piece> {
        segs.iter()
            .filter(|s| !s.used && s.in_intro == in_intro)
            .flat_map(|s| s.pieces.clone())
            .collect()
    };
    doc.intro = source.render(&unused(true));
    doc.summary.notes = source.render(&unused(false));
}

/// A trailing zone split off a time: "16:30 UTC" → "16:30", "UTC".
pub fn split_zone(value: &str) -> Option<(String, String)> {
    let tokens: Vec<&str> = value.split(' ').collect();
    [2, 1].into_iter().filter(|&n| tokens.len() > n).find_map(|n| {
        let (time, zone) = tokens.split_at(tokens.len() - n);
        let zone = zone.join(" ");
        timeparse::parse_zone(&zone)?;
        // "(UTC)": the parentheses belonged to the sentence.
        let zone = zone.strip_prefix('(').and_then(|z| z.strip_suffix(')')).unwrap_or(&zone);
        Some((time.join(" "), zone.to_string()))
    })
}

/// A Duration field: "start – end zone (length)" as our export writes it,
/// or any range or window a person writes ("14:10 - 16:45 WAT").
pub fn read_window(value: &str, order: DateOrder) -> Option<(String, String)> {
    let v = single(value);
    let mut v = v.as_str();
    // "(2 h 30 min)" is computed, "(2 hours, 35 minutes)" stated: not part of the end.
    if let Some(open) = v.strip_suffix(')').and_then(|x| x.rfind('(')) {
        let w = name_words(&v[open + 1..v.len() - 1]);
        let units = [
            "d", "h", "min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours", "day",
            "days", "and",
        ];
        let number = |x: &String| decimal::read(x).is_some();
        if w.iter().any(number)
            && w.iter().any(|x| units[..12].contains(&x.as_str()))
            && w.iter().all(|x| number(x) || units.contains(&x.as_str()))
        {
            v = v[..open].trim_end();
        }
    }
    match v.split_once(" – ") {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Some((a.trim().into(), b.trim().into()))
        }
        _ => match window_in_prose(v, order) {
            (Some(a), b) => Some((a, b.unwrap_or_default())),
            _ => None,
        },
    }
}

/// The two ends of a range ("7:30AM to 8:05PM WAT").
fn split_range(text: &str, order: DateOrder) -> Option<(String, String)> {
    let seps = [
        " – ",
        " — ",
        " - ",
        "–",
        "—",
        "-",
        " to ",
        " till ",
        " until ",
        " til ",
        " through ",
        " thru ",
    ];
    seps.iter().flat_map(|sep| text.match_indices(sep)).find_map(|(at, sep)| {
        let (a, b) = (text[..at].trim(), text[at + sep.len()..].trim());
        let ok = |t| timeparse::parse_time(t, order).is_ok();
        (ok(a) && ok(b)).then(|| (a.to_string(), b.to_string()))
    })
}

/// The outage window a summary's prose gives: a range, "from X to Y",
/// "between X and Y", or the first time and a last one in a sentence that
/// says the outage ended; else the first time, as the start.
fn window_in_prose(text: &str, order: DateOrder) -> (Option<String>, Option<String>) {
    let mut times = timeparse::find_times(text, order);
    // "Central" or "Mountain" alone is no zone ("Central African Time").
    for (r, _) in &mut times {
        let next = text[r.end..].split_whitespace().next().unwrap_or("");
        for word in [" Central", " Mountain"] {
            if text[r.clone()].ends_with(word) && !next.eq_ignore_ascii_case("time") {
                r.end -= word.len();
            }
        }
    }
    let clean =
        |r: &Range<usize>| Some(single(text[r.clone()].trim_matches(|c: char| "*_`".contains(c))));
    if let Some(range) = times
        .iter()
        .find(|(_, p)| p.end.is_some())
        .and_then(|(r, _)| split_range(&text[r.clone()], order))
    {
        return (Some(range.0), Some(range.1));
    }
    for pair in times.windows(2) {
        let (a, b) = (&pair[0].0, &pair[1].0);
        let between: String =
            text[a.end..b.start].chars().filter(|c| !"*_`".contains(*c)).collect();
        let joined = matches!(
            between.trim().to_lowercase().as_str(),
            "to" | "and" | "till" | "until" | "through" | "-" | "–"
        );
        // The last three words before the pair, read from the end (not the
        // whole text before it for every pair, which made this quadratic).
        let from = text[..a.start].split_whitespace().rev().take(3).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("between")
        });
        if joined && from {
            return (clean(a), clean(b));
        }
    }
    let (Some((first, _)), Some((last, _))) = (times.first(), times.last()) else {
        return (None, None);
    };
    let s = text[..last.start].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let e = text[last.end..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| last.end + i);
    let sentence = text[s..e].to_lowercase();
    let end = (times.len() > 1 && says_ended(&sentence)).then(|| clean(last)).flatten();
    (clean(first), end)
}

/// The zone the timeline's entries name, when at least half of them name
/// one and all that do name the same ("### 22:31 UTC - On-call paged").
fn zone_of_rows(rows: &[crate::model::TimelineRow], order: DateOrder) -> Option<String> {
    let zones: Vec<Option<String>> = rows
        .iter()
        .filter_map(|r| timeparse::parse_time(&r.time, order).ok())
        .map(|p| p.start.zone.map(|z| z.label))
        .collect();
    let named: Vec<&String> = zones.iter().flatten().collect();
    let first = named.first()?;
    (named.len() * 2 >= zones.len() && named.iter().all(|z| z == first)).then(|| first.to_string())
}

/// Whether a sentence says the outage ended ("service restored", "<END OF OUTAGE>").
pub fn says_ended(text: &str) -> bool {
    #[rustfmt::skip]
    const ENDED: &[&str] = &["resolved", "restored", "fixed", "corrected", "concluded", "concluding", "ended",
        "recovered", "resumed", "mitigated", "back online", "end of outage", "outage ends"];
    let text = text.to_lowercase();
    ENDED.iter().any(|w| text.contains(w))
}

/// A zone named in prose: "(all times UTC)", "West African Time (WAT)",
/// "Eastern Time", "GMT+1". Abbreviations count only in capitals, so that
/// words like "eat" or "cat" are not taken for zones.
pub fn find_zone(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "()[]{},;*_`/\\<>\"".contains(c))
        .map(|t| t.trim_matches(|c: char| ".:-".contains(c)))
        .filter(|t| !t.is_empty())
        .collect();
    tokens.iter().enumerate().find_map(|(i, t)| {
        let capitals = t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.chars().any(char::is_lowercase);
        if capitals && timeparse::parse_zone(t).is_some() {
            return Some(t.to_string());
        }
        let long = t.to_lowercase();
        if !t.starts_with(char::is_uppercase)
            || !["pacific", "eastern", "central", "mountain"].contains(&long.as_str())
        {
            return None;
        }
        match tokens.get(i + 1).filter(|n| n.eq_ignore_ascii_case("time")) {
            Some(next) => Some(format!("{t} {next}")),
            // "Central" and "Mountain" are common words; alone they say nothing.
            None => (long == "pacific" || long == "eastern").then(|| t.to_string()),
        }
    })
}

/// The first length of time a text gives the outage ("lasted for 6 hours",
/// "(2 hours, 35 minutes)", "Duration: 1 hour and 20 minutes", "45 minutes
/// of downtime"), and how it was written.
pub fn stated_duration(text: &str) -> Option<(Duration, String)> {
    let mut at = 0;
    let mut toks: Vec<(usize, String)> = Vec::new();
    for t in text.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '.')) {
        let word = t.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            toks.push((at, word.to_lowercase()));
        }
        at += t.len();
    }
    const NUMBERS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let word = |i: usize| toks.get(i).map_or("", |t| t.1.as_str());
    let number = |i: usize| match word(i) {
        "a" | "an" => Some(1.0),
        w => decimal::read(w).or_else(|| NUMBERS.iter().position(|n| *n == w).map(|n| n as f64)),
    };
    let unit = |i: usize| match word(i) {
        "hour" | "hours" | "hr" | "hrs" => Some(60.0),
        "minute" | "minutes" | "min" | "mins" => Some(1.0),
        _ => None,
    };
    for i in 0..toks.len() {
        let (Some(n), Some(u)) = (number(i), unit(i + 1)) else { continue };
        let (mut minutes, mut end) = (n * u, i + 2);
        // "1 hour and 20 minutes", "2 hours, 35 minutes", "an hour and a half".
        let j = if word(end) == "and" { end + 1 } else { end };
        match (number(j), unit(j + 1)) {
            (Some(m), Some(v)) if v < u => (minutes, end) = (minutes + m * v, j + 2),
            _ if word(j) == "a" && word(j + 1) == "half" => {
                (minutes, end) = (minutes + u / 2.0, j + 2)
            }
            _ => {}
        }
        let said_of_outage = toks[i.saturating_sub(3)..i].iter().any(|t| {
            ["for", "lasted", "lasting", "lasts", "took", "duration", "downtime"]
                .contains(&t.1.as_str())
        }) || text[..toks[i].0].trim_end().ends_with(['(', ':'])
            || (word(end) == "of" && ["downtime", "outage", "disruption"].contains(&word(end + 1)));
        if said_of_outage {
            let stop = toks.get(end - 1).map_or(text.len(), |(s, w)| s + w.len());
            let said = text.get(toks[i].0..stop).unwrap_or("").to_string();
            return Some((Duration::seconds((minutes * 60.0) as i64), said));
        }
    }
    None
}
