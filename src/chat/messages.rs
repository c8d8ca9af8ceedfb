//! Lines gathered into messages: each head starts one, the text lines
//! under it continue it, and its author is found where the client put
//! it (on the head's line, on the line above a stamp alone, or the same as
//! the message before, for a client's follow-ups). What the transcript as
//! a whole shows decides what single lines cannot: whether messages have
//! authors (so that a line without one is a system line), and whether
//! the text after a stamp is a name with the message on the lines below.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::lines::{is_name, is_name_line, Line};
use super::noise;
use super::stamp::{Day, Stamp};

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub stamp: Stamp,
    pub author: Option<String>,
    pub text: String,
    /// The day of the last day mark above it.
    pub marked_day: Option<Day>,
    /// The head's line, from 1, and the message's last line.
    pub lines: (usize, usize),
}

/// What a transcript's messages are, and how many of its timed lines were
/// left out as system lines.
pub struct Gathered {
    pub messages: Vec<Message>,
    pub system_lines: usize,
}

/// A head's parts while its message is gathered.
struct Open {
    stamp: Stamp,
    author: Option<String>,
    parts: Vec<String>,
    client: bool,
    marked_day: Option<Day>,
    lines: (usize, usize),
}

pub fn gather(lines: &[Line]) -> Gathered {
    let heads: Vec<usize> =
        (0..lines.len()).filter(|&i| matches!(lines[i], Line::Head { .. })).collect();
    let previous_text = |i: usize| -> Option<(usize, &str)> {
        let k = (0..i).rev().find(|&k| !matches!(lines[k], Line::Blank | Line::Noise))?;
        match &lines[k] {
            Line::Text(t) => Some((k, t.as_str())),
            _ => None,
        }
    };
    // Names above a stamp alone: accepted when they recur, stand after a
    // blank line or a head, or look like a full name; a one-off short word
    // ("ok") above a client's follow-up time is the last message's text.
    let mut above: HashMap<&str, usize> = HashMap::default();
    for &i in &heads {
        if let Line::Head { stamp_only: true, .. } | Line::Head { name_above: true, .. } = lines[i]
        {
            if let Some((_, t)) = previous_text(i).filter(|(_, t)| is_name_line(t)) {
                *above.entry(t).or_default() += 1;
            }
        }
    }
    // The line before a candidate, past blanks and noise.
    let before = |k: usize| {
        (0..k).rev().map(|j| &lines[j]).find(|l| !matches!(l, Line::Blank | Line::Noise))
    };
    let recurs = |t: &str| above.get(t).is_some_and(|n| *n >= 2);
    let plainly_a_name = |k: usize, t: &str| {
        let after_break =
            k == 0 || matches!(lines[k - 1], Line::Blank | Line::Noise | Line::DayMark(_));
        // The first line under a head's stamp is that message's text.
        let first_of_message = matches!(before(k), Some(Line::Head { .. }));
        let capitalised = t.split_whitespace().count() >= 2
            && t.split_whitespace().all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
        recurs(t) || (!first_of_message && (after_break || capitalised))
    };
    // Where most stamps alone have a plain name above them, the client
    // puts every author there: a one-off name counts too, unless it is
    // the first line of the message above.
    let stamps_alone: Vec<usize> = heads
        .iter()
        .copied()
        .filter(|&i| matches!(lines[i], Line::Head { stamp_only: true, .. }))
        .collect();
    let plainly_named = stamps_alone
        .iter()
        .filter(|&&i| {
            previous_text(i).is_some_and(|(k, t)| is_name_line(t) && plainly_a_name(k, t))
        })
        .count();
    let names_above = plainly_named * 2 > stamps_alone.len();
    let name_accepted = |k: usize, t: &str| {
        plainly_a_name(k, t) || (names_above && !matches!(before(k), Some(Line::Head { .. })))
    };
    // Text after a stamp that is only a name, with the message on the
    // lines below, in most such heads: the text is the author.
    let bare: Vec<usize> = heads
        .iter()
        .copied()
        .filter(|&i| {
            matches!(&lines[i], Line::Head { author: None, text, client: false, stamp_only: false, .. } if !text.is_empty())
        })
        .collect();
    let named_heads = bare
        .iter()
        .filter(|&&i| {
            let Line::Head { text, .. } = &lines[i] else { return false };
            let next = lines[i + 1..].iter().find(|l| !matches!(l, Line::Blank | Line::Noise));
            is_name(text.trim_end_matches("(pinned)").trim()) && matches!(next, Some(Line::Text(_)))
        })
        .count();
    let text_is_author = bare.len() >= 2 && named_heads * 5 >= bare.len() * 4;

    let mut out: Vec<Open> = Vec::new();
    let mut day: Option<Day> = None;
    let mut open = false;
    for (i, l) in lines.iter().enumerate() {
        match l {
            Line::Head { stamp, author, text, stamp_only, name_above, client } => {
                let mut author = author.clone();
                let mut text = text.clone();
                if *stamp_only || *name_above {
                    // A bot's tag says its name is above, whatever it looks like.
                    let name = previous_text(i)
                        .filter(|(k, t)| is_name_line(t) && (*name_above || name_accepted(*k, t)));
                    match name {
                        Some((k, t)) => {
                            author = Some(t.to_string());
                            // The name was read as the last message's text: take it back.
                            if let Some(last) = out.last_mut().filter(|_| open) {
                                if last.lines.1 == k + 1
                                    && last.parts.last().is_some_and(|p| p == t)
                                {
                                    last.parts.pop();
                                }
                            }
                        }
                        // A follow-up: the same author as the message before.
                        None if *stamp_only => author = out.last().and_then(|m| m.author.clone()),
                        None => {}
                    }
                } else if author.is_none() && text_is_author && !*client {
                    let name = text.trim_end_matches("(pinned)").trim().to_string();
                    if is_name(&name) {
                        author = Some(name);
                        text.clear();
                    }
                }
                let parts = if text.is_empty() { Vec::new() } else { vec![text] };
                let mut stamp = stamp.clone();
                // A follow-up's time in a 12-hour transcript comes without
                // AM or PM ("  10:05" under "10:04 PM"): the half of the day
                // that puts it nearest after the message before.
                if !stamp.twelve_hour {
                    if let Some(last) = out.last().filter(|m| m.stamp.twelve_hour) {
                        let later = stamp.time + time::Duration::hours(12);
                        let ahead = |t: time::Time| {
                            (t - last.stamp.time).whole_minutes().rem_euclid(24 * 60)
                        };
                        if stamp.time.hour() < 12 && ahead(later) < ahead(stamp.time) {
                            stamp.time = later;
                        }
                        stamp.twelve_hour = true;
                    }
                }
                out.push(Open {
                    stamp,
                    author,
                    parts,
                    client: *client,
                    marked_day: day.clone(),
                    lines: (i + 1, i + 1),
                });
                open = true;
            }
            Line::Text(t) if open => {
                if let Some(last) = out.last_mut() {
                    last.parts.push(t.clone());
                    last.lines.1 = i + 1;
                }
            }
            Line::DayMark(d) => {
                day = Some(d.clone());
                open = false;
            }
            Line::Text(_) | Line::Blank | Line::Noise => {}
        }
    }

    // Whether messages here carry authors: then one without is a system line.
    let authored = out.iter().filter(|m| m.author.is_some()).count() * 2 > out.len();
    let authors: HashSet<String> = out.iter().filter_map(|m| m.author.clone()).collect();
    let mut system_lines = 0;
    let mut messages: Vec<Message> = Vec::new();
    for mut m in out {
        let text = m
            .parts
            .iter()
            .map(|p| noise::without_marks(p))
            .flat_map(str::split_whitespace)
            .collect::<Vec<_>>()
            .join(" ");
        let system = m.client
            || match &m.author {
                Some(_) => noise::is_system(&text, true),
                None if authored => {
                    noise::is_system(&text, false)
                        || text.starts_with("You ")
                        || starts_with_author(&text, &authors)
                }
                None => noise::is_system(&text, true),
            };
        if system {
            system_lines += 1;
            continue;
        }
        if text.is_empty() {
            continue;
        }
        // In a transcript of authors, a message without one that is no
        // system line is a follow-up of the one before ("[11:23 AM] more");
        // an action ("* alice waves") names its own.
        if authored && m.author.is_none() && !text.starts_with("* ") {
            m.author = messages.last().and_then(|p| p.author.clone());
        }
        messages.push(Message {
            stamp: m.stamp,
            author: m.author,
            text,
            marked_day: m.marked_day,
            lines: m.lines,
        });
    }
    Gathered { messages, system_lines }
}

/// Whether `text` starts with one of `authors` and a space ("Lena hat
/// Jonas hinzugefügt"): its first one to five words are looked up.
fn starts_with_author(text: &str, authors: &HashSet<String>) -> bool {
    let mut end = 0;
    for (n, word) in text.split(' ').take(5).enumerate() {
        end += word.len() + usize::from(n > 0);
        if text.len() > end && authors.contains(&text[..end]) {
            return true;
        }
    }
    false
}
