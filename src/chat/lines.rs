//! One line of a transcript, by its shape: a message's head (a stamp,
//! with the author and text around it in one of the ways clients lay
//! them out), a line of only a name, a day, noise, or text.

use super::noise;
use super::stamp::{self, Day, Stamp};

#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    Blank,
    /// A line that starts a message: its stamp, its author where the line
    /// names one, and its text (maybe empty: the text is on the lines after).
    Head {
        stamp: Stamp,
        author: Option<String>,
        text: String,
        /// The line is only a stamp ("  3:13 PM"): the author, if any, is
        /// on the line above.
        stamp_only: bool,
        /// The author's line said the author is a bot or app ("APP"): the
        /// name is on the line above.
        name_above: bool,
        /// An IRC or log client's own line ("-!- bob has quit").
        client: bool,
    },
    /// A line that is only a day: "Monday, March 4", "--- Day changed Wed
    /// Sep 21 2016", "Today", a Zulip topic's "ops > db Today".
    DayMark(Day),
    Noise,
    Text(String),
}

/// Marks that open around a stamp, and their closers.
const BRACKETS: [(char, char); 3] = [('[', ']'), ('(', ')'), ('<', '>')];

/// The author and text after a stamp, as the clients lay them out.
fn after_stamp(rest: &str) -> (Option<String>, String, bool) {
    // WeeChat: "\tnick\ttext"; "\t-->\tbob has joined".
    if let Some(fields) = rest.strip_prefix('\t') {
        if let Some((nick, text)) = fields.split_once('\t') {
            let nick = nick.trim();
            if matches!(nick, "-->" | "<--" | "--" | "-!-" | "=!=") {
                return (None, text.trim().to_string(), true);
            }
            if nick == "*" {
                return (None, format!("* {}", text.trim()), false);
            }
            let nick = nick.trim_start_matches(['@', '+', '%', '&', '~']);
            if !nick.is_empty() && !nick.contains(' ') {
                return (Some(nick.to_string()), text.trim().to_string(), false);
            }
        }
    }
    let mut t = rest.trim_start();
    // WhatsApp: " - Alice: text"; others ": text", "| text", "• text".
    for sep in ["- ", "– ", "— ", "| ", "\u{2022} ", ": "] {
        if let Some(r) = t.strip_prefix(sep) {
            t = r.trim_start();
            break;
        }
    }
    if noise::is_client_line(t) {
        return (None, t.to_string(), true);
    }
    // IRC: "<alice> text", "< alice>", "<@alice>", "<+alice>".
    if let Some(r) = t.strip_prefix('<') {
        if let Some((nick, text)) = r.split_once('>') {
            let nick = nick.trim().trim_start_matches(['@', '+', '%', '&', '~']);
            if !nick.is_empty() && !nick.contains(char::is_whitespace) {
                return (Some(nick.to_string()), text.trim().to_string(), false);
            }
        }
    }
    // Zoom: "From Alice Smith : text", "From  John Doe  to  Everyone:".
    if let Some(r) = t.strip_prefix("From ") {
        if let Some((who, text)) = r.split_once(':') {
            let who = who.split("  to ").next().unwrap_or(who);
            let who = who.split(" to ").next().unwrap_or(who);
            let who = who.split_whitespace().collect::<Vec<_>>().join(" ");
            let who = who.strip_suffix(" (Direct Message)").unwrap_or(&who).to_string();
            if is_name(&who) {
                return (Some(who), text.trim().to_string(), false);
            }
        }
    }
    // "Alice: text", "Alice Smith:\ttext", "~ Alice: text", "@alice:example.com (Alice): text".
    if let Some((name, text)) = split_author(t) {
        return (Some(name), text, false);
    }
    (None, t.to_string(), false)
}

/// "Name: text": a name of a few words before the first colon.
fn split_author(t: &str) -> Option<(String, String)> {
    let t = t.trim_start_matches("~ ").trim_start_matches('~');
    let mut from = 0;
    // A Matrix id's own colon ("@alice:example.com (Alice): text").
    if t.starts_with('@') {
        from = t.find(' ').unwrap_or(0);
    }
    let colon = from + t[from..].find(':')?;
    let name = t[..colon].trim();
    let after = &t[colon + 1..];
    // "Name:text" glued only after a one-word name, and not "https://".
    let glued_ok =
        !name.contains(' ') && !after.starts_with(|c: char| c == '/' || c.is_ascii_digit());
    if !(after.is_empty() || after.starts_with([' ', '\t']) || glued_ok) || !is_name(name) {
        return None;
    }
    Some((name.to_string(), after.trim().to_string()))
}

/// The longest name read as an author.
const NAME_LENGTH: usize = 48;

/// A person's or bot's name as clients show it: a few words, no sentence.
pub fn is_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    !name.is_empty()
        && name.len() <= NAME_LENGTH
        && (1..=5).contains(&words)
        && !name.contains("://")
        && !name.ends_with(['.', '!', '?', ',', ':'])
        && !name.contains(": ")
        && name.chars().any(char::is_alphabetic)
}

/// A line of only a name, as clients put a message's author above its
/// stamp ("Jane Smith", "Doe, Jane (Ops)", "bot APP").
pub fn is_name_line(line: &str) -> bool {
    let t = line.trim();
    is_name(t) && !t.contains(':') && t.split_whitespace().count() <= 4
}

/// Emoji codes before a stamp: a Slack status (":ooo:  6:22 PM").
fn without_status(line: &str) -> &str {
    let mut t = line.trim_start();
    while let Some(rest) = t.strip_prefix(':') {
        match rest.find(':') {
            Some(end) if end > 0 && !rest[..end].contains(' ') => t = rest[end + 1..].trim_start(),
            _ => break,
        }
    }
    t
}

/// Reads one line.
pub fn line(raw: &str) -> Line {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    if noise::is_noise(trimmed) {
        return Line::Noise;
    }
    if let Some(head) = head_first(raw) {
        return head;
    }
    if let Some(head) = head_last(trimmed) {
        return head;
    }
    if let Some(day) = day_mark(trimmed) {
        return Line::DayMark(day);
    }
    Line::Text(trimmed.to_string())
}

/// A syslog line's priority ("<34>", "<34>1 " in RFC 5424) before its stamp.
fn without_priority(line: &str) -> &str {
    let Some(rest) = line.strip_prefix('<') else { return line };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    match rest[digits..].strip_prefix('>') {
        Some(after) if (1..=3).contains(&digits) => after.strip_prefix("1 ").unwrap_or(after),
        _ => line,
    }
}

/// A line that starts with a stamp, maybe in brackets.
fn head_first(raw: &str) -> Option<Line> {
    let body = without_priority(without_status(raw.trim_end()));
    let (open, inner) = match BRACKETS.iter().find(|(o, _)| body.starts_with(*o)) {
        Some(&(o, c)) => (Some(c), &body[o.len_utf8()..]),
        None => (None, body),
    };
    let (stamp, n) = stamp::leading(inner.trim_start())?;
    let inner = inner.trim_start();
    let mut rest = &inner[n..];
    if let Some(close) = open {
        rest = rest.trim_start().strip_prefix(close)?;
    }
    // A stamp glued to more text is not one ("10:42abc" was refused; a
    // bracket's closer may touch the text: "[7:41 AM]Name:text").
    if open.is_none() && rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let stamp_only = rest.trim().is_empty();
    let (author, text, client) =
        if stamp_only { (None, String::new(), false) } else { after_stamp(rest) };
    Some(Line::Head { stamp, author, text, stamp_only, name_above: false, client })
}

/// "mci — 03/24/2023 6:44 PM", "nick [11:22 AM]", "Clay APP  Jun 8th at
/// 6:28 PM", "Alice Smith  10:42": an author, then the stamp, ending the line.
fn head_last(t: &str) -> Option<Line> {
    // A name and a stamp are short: a long line is text, and is not
    // searched at each of its spaces.
    if t.len() > 2 * NAME_LENGTH {
        return None;
    }
    for sep in [" \u{2014} ", " \u{2013} ", " - ", " [", "  ", "\t", " \u{2022} ", " "] {
        let mut from = 0;
        while let Some(k) = t[from..].find(sep) {
            let at = from + k;
            from = at + sep.len();
            let name = t[..at].trim();
            let mut stamp_text = t[at + sep.len()..].trim();
            if sep == " [" {
                match stamp_text.strip_suffix(']') {
                    Some(s) => stamp_text = s,
                    None => continue,
                }
            }
            let Some((stamp, n)) = stamp::leading(stamp_text) else { continue };
            if n != stamp_text.len() {
                continue;
            }
            // "APP", "BOT": a bot's tag; its name is the line above.
            let (name, name_above) = match name.rsplit_once(' ') {
                _ if matches!(name, "APP" | "BOT") => (String::new(), true),
                Some((n, "APP" | "BOT")) => (n.trim().to_string(), false),
                _ => (name.to_string(), false),
            };
            if !name_above && !is_name(&name) {
                continue;
            }
            // After a single space the name must look like one: capitalised
            // words ("Alice Smith 10:42 AM") or one handle ("kira.l 10:42"),
            // not the end of a sentence ("we retry at 10:45").
            let words: Vec<&str> = name.split_whitespace().collect();
            let handle = words.len() == 1 && !words[0].chars().all(char::is_alphabetic);
            let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase));
            if sep == " " && !(handle || capitalised) {
                continue;
            }
            let author = (!name.is_empty()).then_some(name);
            return Some(Line::Head {
                stamp,
                author,
                text: String::new(),
                stamp_only: false,
                name_above,
                client: false,
            });
        }
    }
    None
}

/// A short line that gives a day and no time: a divider ("Monday, March
/// 4"), a log's day change ("--- Day changed Wed Sep 21 2016"), a Zulip
/// topic line's day ("ops > db Today"). The day ends the line (but for a
/// time or a year after it): "Yesterday we deployed" is text.
fn day_mark(t: &str) -> Option<Day> {
    if t.split_whitespace().count() > 10 || t.ends_with('.') {
        return None;
    }
    let plain = t.trim_matches(|c: char| "-=*[] ".contains(c));
    for (i, c) in plain.char_indices() {
        let word_start = i == 0 || plain[..i].ends_with([' ', '>', '(', ',']);
        if !word_start || !c.is_ascii_alphanumeric() {
            continue;
        }
        let Some((day, n)) = stamp::leading_day(&plain[i..]) else { continue };
        let after = plain[i + n..].trim();
        if after.chars().any(char::is_alphabetic) {
            return None;
        }
        // Words before the day only as clients write them: after a rule
        // ("--- Day changed"), in a channel > topic line, in capitals or
        // capitalised ("BEGIN LOGGING AT", "Session Start:"). "we have
        // been failing since friday" is text.
        let before = plain[..i].trim();
        let lead_in = before.is_empty()
            || t.starts_with(['-', '=', '*', '#'])
            || before.contains('>')
            || before.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase()));
        if !lead_in {
            return None;
        }
        // "3/4" alone is more likely a fraction than a day.
        if matches!(day, Day::Numeric { year: None, .. }) {
            return None;
        }
        // "Mar  4 10:42:13 2024": a year after the time completes a month and day.
        let year = after.split_whitespace().find_map(|w| w.parse::<i32>().ok());
        return Some(match (day, year) {
            (Day::MonthDay(m, d), Some(y)) => {
                time::Date::from_calendar_date(y, m, d).map_or(Day::MonthDay(m, d), Day::Full)
            }
            (day, _) => day,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &str) -> (Option<String>, String) {
        match line(raw) {
            Line::Head { author, text, .. } => (author, text),
            other => panic!("{raw:?} read as {other:?}"),
        }
    }

    fn said(author: &str, text: &str) -> (Option<String>, String) {
        (Some(author.to_string()), text.to_string())
    }

    #[test]
    fn heads_as_clients_write_them() {
        for (raw, want) in [
            ("[10:42] <alice> db is down", said("alice", "db is down")),
            ("00:25 < ice231> restarting", said("ice231", "restarting")),
            ("01:17 <+nemecy> hi", said("nemecy", "hi")),
            ("10:42:13 alice: failover done", said("alice", "failover done")),
            ("2024-03-04 10:42:13\talice\tpaging", said("alice", "paging")),
            ("04/03/2024, 10:42 - Alice: rolling back", said("Alice", "rolling back")),
            ("[31/12/2022 11:40:26] John Doe: Hi!", said("John Doe", "Hi!")),
            ("10:42:13\t From Alice Smith : text", said("Alice Smith", "text")),
            ("10:01:00 From  John Doe  to  Everyone:", said("John Doe", "")),
            ("[7:41 AM]Name:text", said("Name", "text")),
            ("[8:42 AM] Tom: text", said("Tom", "text")),
            ("3/4/2024, 10:42:13 AM - Alice: rolling back", said("Alice", "rolling back")),
            ("mci \u{2014} 03/24/2023 6:44 PM", said("mci", "")),
            ("/tmp/moony \u{2014} Today at 12:15 AM", said("/tmp/moony", "")),
            ("nick [11:22 AM]", said("nick", "")),
            ("[04-Mar-24 10:42 AM] alice#1234 (pinned)", (None, "alice#1234 (pinned)".into())),
            ("2024-03-04T10:42:13Z api-7 error: timeout", said("api-7 error", "timeout")),
        ] {
            assert_eq!(head(raw), want, "{raw:?}");
        }
        assert!(matches!(line("  3:13 PM"), Line::Head { stamp_only: true, .. }));
        assert!(matches!(line(":ooo:  6:22 PM"), Line::Head { stamp_only: true, .. }));
        assert!(matches!(line("APP  Jun 8th at 6:28 PM"), Line::Head { name_above: true, .. }));
        assert!(matches!(
            line("00:01 -!- Guest4 [And@host] has quit [Quit: Bye]"),
            Line::Head { client: true, .. }
        ));
        assert!(matches!(
            line("[10:42:13] *** Joins: bob (b@host)"),
            Line::Head { client: true, .. }
        ));
    }

    #[test]
    fn days_and_text() {
        for raw in [
            "Monday, March 4",
            "--- Day changed Wed Sep 21 2016",
            "Today",
            "ops > db failover Yesterday",
            "--- Log opened Tue Sep 20 00:01:49 2016",
        ] {
            assert!(matches!(line(raw), Line::DayMark(_)), "{raw:?}: {:?}", line(raw));
        }
        for raw in ["we restarted it at 10:42", "3/4 of the nodes were down", "Jane Smith"] {
            assert!(matches!(line(raw), Line::Text(_)), "{raw:?}: {:?}", line(raw));
        }
    }
}
