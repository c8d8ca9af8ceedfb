//! The timed entry: a time at the start of a piece of text (a line, a list
//! item, a table cell, a heading) and the text that goes with it. One
//! reader for every block that can carry an entry, so that a way of
//! writing a time read in a bullet is read the same in a heading or a cell.
//!
//! An entry's time may be wrapped in emphasis, code marks, brackets or a
//! link; be approximate ("~14:05", "ca. 14:05"), unknown ("???", "--:--")
//! or only a day ("2021-08-17"); carry a remark ("22:52 (maybe earlier?)").
//! What follows it is the event, after a separator (":", "-", "–", "—",
//! "|") or none. A day alone, with nothing after it, is a day mark: the day
//! of the entries under it.

use crate::model::Tag;
use crate::timeparse::{self, DateOrder};

/// What an entry's time says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// A time of day (or a range), maybe approximate.
    Time,
    /// A day without a time of day.
    Day,
    /// Written as unknown on purpose.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The time as written, without the marks around it (a link is kept:
    /// its address is part of what was written).
    pub time: String,
    /// What follows the time and its separator, as written.
    pub event: String,
    pub timing: Timing,
    /// The time is four digits alone ("1738"), which may also be a year:
    /// the block it is in decides.
    pub four_digits: bool,
}

/// Marks that open around a time: emphasis, code, brackets.
const OPENERS: [&str; 7] = ["**", "__", "*", "_", "`", "[", "("];

/// Glyphs people start an entry with when it is not a Markdown list.
const GLYPHS: &str = "•·▪◦‣⁃";

fn closer(opener: &str) -> &str {
    match opener {
        "[" => "]",
        "(" => ")",
        other => other,
    }
}

/// The entry `text` starts with, if it does. Only the first line is looked
/// at for the time; the event runs on over the lines after it.
pub fn entry(text: &str, order: DateOrder) -> Option<Entry> {
    let mut at = 0;
    let mut opened: Vec<&str> = Vec::new();
    // Openers, with the glyphs and spaces between them ("**•\t00:05 PDT:**").
    loop {
        let rest = &text[at..];
        let skipped = rest.len()
            - rest.trim_start_matches(|c: char| c.is_whitespace() || GLYPHS.contains(c)).len();
        // "– 2024-04-15 15:53:": a dash as a bullet, outside a Markdown list.
        let dash =
            ["– ", "— "].iter().find(|d| rest[skipped..].starts_with(*d)).map_or(0, |d| d.len());
        at += skipped + dash;
        match OPENERS.iter().find(|o| text[at..].starts_with(**o)) {
            Some(o) if opened.len() < 4 => {
                opened.push(o);
                at += o.len();
            }
            _ => break,
        }
    }
    let rest = &text[at..];
    let (length, timing) = match timeparse::leading_unknown(rest) {
        Some(n) => (n, Timing::Unknown),
        None => {
            let (parsed, n) = timeparse::leading_time(rest, order)?;
            (n, if parsed.start.day_only { Timing::Day } else { Timing::Time })
        }
    };
    let mut time = rest[..length].to_string();
    // The row's time is read again alone (by `parse_time`), where four
    // digits after a date are its year ("22nd January 2024: ..."): the
    // entry is of that day, as the row will be.
    let timing = match timing {
        Timing::Time if timeparse::parse_time(&time, order).is_ok_and(|p| p.start.day_only) => {
            Timing::Day
        }
        timing => timing,
    };
    let mut after = &rest[length..];
    let mut separated = false;
    let mut wrapped = false;
    // Closing marks, in reverse order of opening; a colon may come inside
    // bold ("**22:00 PST:**"). A bracket followed by "(" is a link.
    while let Some(&o) = opened.last() {
        let close = closer(o);
        let colon = after.starts_with(':') && after[1..].starts_with(close);
        let skip = usize::from(colon);
        if !after[skip..].starts_with(close) {
            break;
        }
        after = &after[skip + close.len()..];
        separated |= colon;
        opened.pop();
        if o == "[" && after.starts_with('(') {
            match after.find(')') {
                Some(end) if !after[..end].contains(char::is_whitespace) => {
                    time = format!("[{time}]{}", &after[..=end]);
                    after = &after[end + 1..];
                }
                _ => {}
            }
        } else {
            wrapped = true;
        }
    }
    // The same moment in a second zone: "09:00 PDT / 16:00 UTC — ...".
    if let Some(second) = after.strip_prefix(" / ").or_else(|| after.strip_prefix('/')) {
        if let Some((_, n)) = timeparse::leading_time(second, order) {
            let consumed = after.len() - second.len() + n;
            time = format!("{time}{}", &after[..consumed]);
            after = &after[consumed..];
        }
    }
    // A remark in parentheses that belongs to the time: "13:14 EDT (17:14
    // UTC): ...", "22:52 (maybe earlier?) - ...".
    if let Some(inner) = after.strip_prefix(" (") {
        if let Some(end) = inner.find(')') {
            let next = inner[end + 1..].trim_start_matches([' ', '\t']);
            if starts_with_separator(next) && !inner[..end].contains('\n') {
                time = format!("{time} ({})", &inner[..end]);
                after = &inner[end + 1..];
            }
        }
    }
    // The separator, and the space around it.
    let trimmed = after.trim_start_matches([' ', '\t']);
    let mut event = match separator_length(trimmed) {
        Some(n) => {
            separated = true;
            &trimmed[n..]
        }
        None => {
            // Alone on its line, the time is set apart too.
            separated |= trimmed.is_empty() || trimmed.starts_with('\n');
            // Glued to a word ("14:05am" read, "1400h" read; "12abc" not).
            if after.starts_with(|c: char| c.is_alphanumeric()) {
                return None;
            }
            trimmed
        }
    };
    event = event.trim_start();
    let four_digits = is_four_digits(&time);
    let ok = match timing {
        Timing::Time => !four_digits || separated,
        // A day or an unknown time needs to be set apart from the text: "May
        // 5th we noticed" is a sentence, "May 5th: we noticed" an entry.
        Timing::Day => separated || wrapped || is_iso_day(&time),
        Timing::Unknown => separated || wrapped,
    };
    if !ok {
        return None;
    }
    // Marks opened before the time and closed after the event stay with it.
    let carried: String = opened.iter().copied().filter(|o| !matches!(*o, "[" | "(")).collect();
    let event = if carried.is_empty() || event.is_empty() {
        event.to_string()
    } else {
        format!("{carried}{event}")
    };
    Some(Entry {
        time: time.split_whitespace().collect::<Vec<_>>().join(" "),
        event,
        timing,
        four_digits,
    })
}

/// ":", "-", "–", "—", "|", "->", "=>" and "→" after a time.
fn separator_length(text: &str) -> Option<usize> {
    ["->", "=>", "→", ":", "-", "–", "—", "|"]
        .iter()
        .find(|s| text.starts_with(**s))
        .map(|s| s.len())
        .filter(|&n| {
            // "-1 degrees" after a time is a separator too; "::" is not text.
            !text[n..].starts_with(':')
        })
}

fn starts_with_separator(text: &str) -> bool {
    separator_length(text).is_some() || text.is_empty() || text.starts_with('\n')
}

/// "1738", "~1940": a 24-hour time in four digits, also a year's shape.
fn is_four_digits(time: &str) -> bool {
    let t = time.trim_start_matches('~').trim_end_matches('~');
    t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// "2021-08-17", "2021/08/17 --:--": a day no sentence starts with by accident.
fn is_iso_day(time: &str) -> bool {
    let b = time.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'-' | b'/')
        && b[4] == b[7]
}

/// A heading or line that is only a day ("## February 24, 2025", "`May
/// 31`", "**Tuesday, 5 March 2024**", "2015-10-21 *(all times UTC)*"): the
/// day as written, for the entries under it. A note after the day in
/// parentheses, a weekday after it and a trailing colon are not part of it.
pub fn day_mark(text: &str, order: DateOrder) -> Option<String> {
    let plain: String = text.chars().filter(|c| !"*_`".contains(*c)).collect();
    let plain = plain.trim().trim_end_matches(':').trim();
    let day = match plain.find(" (") {
        Some(at) if plain.ends_with(')') => plain[..at].trim(),
        _ => plain,
    };
    // "2025-07-26 Saturday"
    let day = match day.rsplit_once(' ') {
        Some((d, weekday)) if timeparse::weekday_named(weekday).is_some() => {
            d.trim_end_matches(',')
        }
        _ => day,
    };
    let parsed = timeparse::parse_time(day, order).ok()?;
    (parsed.start.day_only && parsed.end.is_none() && !day.is_empty()).then(|| day.to_string())
}

/// "**Detection:** text": the tag our export writes before an event.
pub fn read_tag(event: &str) -> (Option<Tag>, String) {
    for tag in Tag::ALL {
        match event.strip_prefix(&format!("**{}:**", tag.label())) {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
                return (Some(tag), rest.trim().to_string())
            }
            _ => {}
        }
    }
    (None, event.to_string())
}

/// Whether entry `k` of a block counts, given the others: four digits
/// alone are times only where some of them cannot be years (1900-2099) or
/// the block has other times; an unknown time only beside known ones
/// (in the block, or rows read before it: `after_rows`).
pub fn accepted(entries: &[Entry], k: usize, after_rows: bool) -> bool {
    let e = &entries[k];
    let timed = |x: &&Entry| x.timing != Timing::Unknown && !x.four_digits;
    match e.timing {
        Timing::Unknown => after_rows || entries.iter().any(|x| x.timing != Timing::Unknown),
        _ if e.four_digits => {
            entries.iter().any(|x| timed(&x))
                || entries.iter().filter(|x| x.four_digits).any(|x| !could_be_a_year(&x.time))
        }
        _ => true,
    }
}

/// Four digits that read as a year from 1900 to 2099 as well as a time.
pub fn could_be_a_year(time: &str) -> bool {
    let digits: String = time.chars().filter(char::is_ascii_digit).collect();
    digits.parse::<u32>().is_ok_and(|v| (1900..=2099).contains(&v))
}

/// The entries of one block, those that do not count (see `accepted`) left out.
pub fn accepted_in_block(entries: Vec<Option<Entry>>, after_rows: bool) -> Vec<Option<Entry>> {
    let found: Vec<Entry> = entries.iter().flatten().cloned().collect();
    let mut k = 0;
    entries
        .into_iter()
        .map(|e| {
            let e = e?;
            let keep = accepted(&found, k, after_rows);
            k += 1;
            keep.then_some(e)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateOrder::DayFirst;

    fn read(text: &str) -> Option<(String, String, Timing)> {
        entry(text, DayFirst).map(|e| (e.time, e.event, e.timing))
    }

    fn timed(time: &str, event: &str) -> Option<(String, String, Timing)> {
        Some((time.into(), event.into(), Timing::Time))
    }

    #[test]
    fn times_first_however_they_are_marked() {
        for (text, time, event) in [
            ("14:05 - Restarted the DB", "14:05", "Restarted the DB"),
            ("14:05: DB down", "14:05", "DB down"),
            ("14:51 News reports", "14:51", "News reports"),
            ("**14:05** Deploy", "14:05", "Deploy"),
            ("**16:58 UTC** - DB saturating", "16:58 UTC", "DB saturating"),
            ("**22:00 PST:** Server crashed.", "22:00 PST", "Server crashed."),
            ("**9:45 AM**: Upgrade started", "9:45 AM", "Upgrade started"),
            ("`14:05` – event", "14:05", "event"),
            ("*06:00*: Site down<br />", "06:00", "Site down<br />"),
            ("[08:47] Auto-bump merges", "08:47", "Auto-bump merges"),
            ("(14:05) x", "14:05", "x"),
            ("2305HRS EAT: x", "2305HRS EAT", "x"),
            ("1738: paged", "1738", "paged"),
            ("14:05 — 3 servers", "14:05", "3 servers"),
            ("**•\t00:05 PDT:** Users saw errors", "00:05 PDT", "Users saw errors"),
            ("– 2024-04-15 15:53: Disk full", "2024-04-15 15:53", "Disk full"),
            ("2024-03-02T14:05:00Z — Reported", "2024-03-02T14:05:00Z", "Reported"),
            (
                "January 13th, 2024 - 21:00 UTC - Rollback",
                "January 13th, 2024 - 21:00 UTC",
                "Rollback",
            ),
            ("11th June 2024 09:10: Vendor", "11th June 2024 09:10", "Vendor"),
            ("2021-12-10   15:40 | Call", "2021-12-10 15:40", "Call"),
            ("[12-05 16:21] Bug introduced", "12-05 16:21", "Bug introduced"),
            ("2023-09-18 15.26 Noticed", "2023-09-18 15.26", "Noticed"),
            ("13:14 EDT (17:14 UTC): A user emails", "13:14 EDT (17:14 UTC)", "A user emails"),
            ("09:00 PDT / 16:00 UTC — Maintenance", "09:00 PDT / 16:00 UTC", "Maintenance"),
            (
                "[14:05](https://status.example.com/x) Alert",
                "[14:05](https://status.example.com/x)",
                "Alert",
            ),
            ("2025-04-14 16:37 UTC\n    A user reports", "2025-04-14 16:37 UTC", "A user reports"),
            ("07:30am - First report", "07:30am", "First report"),
            ("10:35 Am: coffee", "10:35 Am", "coffee"),
        ] {
            assert_eq!(read(text), timed(time, event), "{text:?}");
        }
    }

    #[test]
    fn approximate_unknown_and_day_entries() {
        for (text, time, event, timing) in [
            ("~14:05 alerts", "~14:05", "alerts", Timing::Time),
            ("about 14:05: alerts", "about 14:05", "alerts", Timing::Time),
            ("ca. 18:30 - alerts", "ca. 18:30", "alerts", Timing::Time),
            ("14:05~ alerts", "14:05~", "alerts", Timing::Time),
            ("~1940: alerts", "~1940", "alerts", Timing::Time),
            ("22:52 (maybe earlier?) - alerts", "22:52 (maybe earlier?)", "alerts", Timing::Time),
            ("[???] Disk throttling", "???", "Disk throttling", Timing::Unknown),
            ("??:?? - Vendor ships", "??:??", "Vendor ships", Timing::Unknown),
            ("--:--: lost", "--:--", "lost", Timing::Unknown),
            ("Unknown: someone", "Unknown", "someone", Timing::Unknown),
            ("2021-08-17: Bounty report", "2021-08-17", "Bounty report", Timing::Day),
            ("`May 31` Team deploys", "May 31", "Team deploys", Timing::Day),
            ("2019-12-03 --:-- Surge", "2019-12-03 --:--", "Surge", Timing::Day),
            ("2023-09-18 Team noticed", "2023-09-18", "Team noticed", Timing::Day),
        ] {
            assert_eq!(read(text), Some((time.into(), event.into(), timing)), "{text:?}");
        }
    }

    #[test]
    fn what_is_not_an_entry() {
        for text in [
            "2023 was a year",
            "2305 deploy",
            "3 servers",
            "Step 1: go",
            "🔥 14:05",
            "May 5th we noticed the leak",
            "unknown cause led to it",
            "? what happened",
            "**Update: 18:52** Attack identified",
            "At 14:05 the pager fired",
            "v1.10.8 released",
            "10.12.8.137:3000 refused",
            "",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    #[test]
    fn whole_entries_in_emphasis_keep_it_on_the_event() {
        assert_eq!(read("**14:05 - Alert fired**"), timed("14:05", "**Alert fired**"));
    }

    #[test]
    fn days_that_head_entries() {
        for (text, day) in [
            ("February 24, 2025", "February 24, 2025"),
            ("`May 31`", "May 31"),
            ("**Tuesday, 5 March 2024**", "Tuesday, 5 March 2024"),
            ("2015-10-21 *(all times UTC)*", "2015-10-21"),
            ("2025-07-26 Saturday", "2025-07-26"),
            ("Nov 26", "Nov 26"),
            ("19. April", "19. April"),
            ("2024-03-02:", "2024-03-02"),
        ] {
            assert_eq!(day_mark(text, DayFirst).as_deref(), Some(day), "{text}");
        }
        for text in ["14:05", "2024-03-02 14:05", "Timeline", "March 2024", "May we go"] {
            assert_eq!(day_mark(text, DayFirst), None, "{text}");
        }
    }
}
