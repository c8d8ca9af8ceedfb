//! A transcript's messages as timeline rows of one document: each
//! message's time written with its day (and its zone, where it differs
//! from the document's), its text after its author; whether each falls
//! outside the outage window; and the rows put among the document's own
//! in time order.

use time::Date;

use super::Transcript;
use crate::model::TimelineRow;
use crate::timeline::{Clock, When};
use crate::timeparse::{self, Zone};
use crate::validate;

/// One message as a row the person may add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposed {
    pub time: String,
    pub event: String,
    /// Why the row is outside the outage window, when it is.
    pub outside: Option<String>,
    /// The message's first line in the transcript, from 1.
    pub line: usize,
}

/// What the dialog starts with: the transcript's own date and zone where
/// it gives them, else the outage's first day and the document's zone.
pub fn defaults(
    t: &Transcript,
    clock: &Clock,
    today: Option<Date>,
) -> (Option<Date>, Option<Zone>) {
    let outage_day = clock.window().0.and_then(|s| s.date).filter(|_| !clock.undated);
    let date = t.said_date(today).or(outage_day);
    (date, t.said_zone().or_else(|| clock.zone.clone()))
}

/// The rows of a transcript's messages, dated from `date` where the
/// transcript does not date them, in `zone` (the transcript's zone).
pub fn propose(
    t: &Transcript,
    date: Option<Date>,
    zone: Option<&Zone>,
    today: Option<Date>,
    clock: &Clock,
) -> Vec<Proposed> {
    let dates = t.dates(date, today);
    // The zone is written on each row only where the document's differs.
    let suffix = match (zone, &clock.zone) {
        (Some(z), Some(doc)) if z.label.eq_ignore_ascii_case(&doc.label) => String::new(),
        (Some(z), _) => format!(" {}", z.label),
        (None, _) => String::new(),
    };
    t.messages
        .iter()
        .zip(dates)
        .map(|(m, day)| {
            let when = When { date: day, time: m.stamp.time };
            let time = format!("{}{suffix}", when.text(true));
            let event = match &m.author {
                Some(a) => format!("{a}: {}", m.text),
                None => m.text.clone(),
            };
            let outside = clock.row(&time).span().and_then(|s| validate::outside(s, clock));
            Proposed { time, event, outside, line: m.lines.0 }
        })
        .collect()
}

/// `existing` rows with `added` put among them by time: the existing rows
/// keep their order (a row whose time does not read stays under the row
/// above it), each added row goes after every row not later than it.
pub fn merged(
    clock: &Clock,
    existing: Vec<TimelineRow>,
    added: Vec<TimelineRow>,
) -> Vec<TimelineRow> {
    let key = |r: &TimelineRow| clock.row(&r.time).span().map(|s| s.start);
    let mut keyed_existing = Vec::with_capacity(existing.len());
    let mut last: Option<When> = None;
    for row in existing {
        let k = key(&row).or(last);
        last = k;
        keyed_existing.push((k, row));
    }
    let mut keyed_added: Vec<(Option<When>, usize, TimelineRow)> =
        added.into_iter().enumerate().map(|(i, r)| (key(&r), i, r)).collect();
    // Stable by time; rows without a time at the end, in their order.
    keyed_added.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) if x.before(&y) => std::cmp::Ordering::Less,
        (Some(x), Some(y)) if y.before(&x) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        _ => a.1.cmp(&b.1),
    });
    let mut out = Vec::with_capacity(keyed_existing.len() + keyed_added.len());
    let mut existing = keyed_existing.into_iter().peekable();
    for (k, _, row) in keyed_added {
        while let Some((ek, _)) = existing.peek() {
            let not_later = match (ek, &k) {
                (Some(e), Some(n)) => !n.before(e),
                (None, _) => true,
                (Some(_), None) => true,
            };
            if !not_later {
                break;
            }
            out.extend(existing.next().map(|e| e.1));
        }
        out.push(row);
    }
    out.extend(existing.map(|e| e.1));
    out
}

/// A message's text as a row's event, which is Markdown: an angle bracket
/// that would open an HTML tag ("<Media omitted>", "<Alice \"...\">") is
/// escaped, so the preview shows what was said. The rest of chat text
/// reads the same as Markdown.
pub fn markdown_event(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The message shown when pasted text holds no timestamped message.
pub const NO_TIMESTAMP: &str = "No timestamped message found. Paste the conversation with its times: most clients copy them along (Slack, Teams, Discord, Mattermost, Element, WhatsApp and Zoom exports, IRC logs), but some leave them out (Teams since 2024, Zulip's plain copy). Copy from an export or log, or add the rows by hand.";

/// The zone the dialog's zone field names; None for an empty field, an
/// error for one that is not a zone.
pub fn zone_field(text: &str) -> Result<Option<Zone>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    timeparse::parse_zone(text).map(Some).ok_or_else(|| {
        "Unknown time zone. Use one like UTC, EAT, GMT+2, +03:00 or Europe/Berlin.".to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Summary;

    fn clock(start: &str, end: &str, zone: &str) -> Clock {
        Clock::new(&Summary {
            start: start.into(),
            end: end.into(),
            zone: zone.into(),
            ..Default::default()
        })
    }

    fn row(id: u64, time: &str) -> TimelineRow {
        TimelineRow { id, time: time.into(), event: format!("row {id}"), ..Default::default() }
    }

    #[test]
    fn added_rows_go_among_the_rows_by_time_and_the_rows_keep_their_order() {
        let c = clock("2024-03-04 10:00", "12:00", "UTC");
        let existing = vec![row(1, "10:05"), row(2, "???"), row(3, "10:30"), row(4, "11:00")];
        let added =
            vec![row(10, "2024-03-04 10:40"), row(11, "2024-03-04 09:50"), row(12, "10:30")];
        let ids: Vec<u64> = merged(&c, existing, added).iter().map(|r| r.id).collect();
        // 10:30 added goes after the 10:30 already there; ??? stays under 10:05.
        assert_eq!(ids, [11, 1, 2, 3, 12, 10, 4]);
    }

    #[test]
    fn rows_outside_the_window_are_marked_and_another_zone_is_written() {
        let c = clock("2024-03-04 10:00", "11:00", "Europe/Berlin");
        let t = crate::chat::read(
            "2024-03-04T08:30:00Z alice: before\n2024-03-04T09:30:00Z bob: during\n",
        );
        let (date, zone) = defaults(&t, &c, None);
        assert_eq!(zone.as_ref().map(|z| z.label.as_str()), Some("UTC"));
        let p = propose(&t, date, zone.as_ref(), None, &c);
        assert_eq!(p[0].time, "2024-03-04 08:30 UTC");
        // 08:30 UTC is 09:30 in Berlin, before the window; 09:30 UTC is 10:30, inside.
        assert!(p[0]
            .outside
            .as_deref()
            .is_some_and(|m| m.starts_with("Outside the outage window")));
        assert_eq!(p[1].outside, None);
        assert_eq!(p[1].event, "bob: during");
        assert_eq!(markdown_event("Ana: <Media omitted> a<b"), "Ana: \\<Media omitted> a\\<b");
        assert_eq!(markdown_event("5 < 6"), "5 < 6");
    }

    #[test]
    fn a_transcript_without_its_own_date_takes_the_outage_day() {
        let c = clock("2024-03-04 22:00", "02:00", "UTC");
        let t = crate::chat::read("[23:50] <a> one\n[00:10] <b> two\n");
        let (date, _) = defaults(&t, &c, None);
        let p = propose(&t, date, None, None, &c);
        let times: Vec<&str> = p.iter().map(|p| p.time.as_str()).collect();
        assert_eq!(times, ["2024-03-04 23:50", "2024-03-05 00:10"]);
        assert!(p.iter().all(|p| p.outside.is_none()));
    }
}
