//! The timed entry: a time at the start of a piece of text (a line, a list
//! item, a table cell, a heading) and the text that goes with it.

use crate::model::Tag;
use crate::timeparse::{self, DateOrder};

/// An entry that starts with a time: the time as written, and the event.
pub fn lead_time(text: &str, order: DateOrder) -> Option<(String, &str)> {
    let at = text.find(|c: char| !(c.is_whitespace() || "*_`(•·▪◦‣⁃".contains(c)))?;
    let opened = &text[..at];
    let (_, n) = timeparse::leading_time(&text[at..], order)?;
    let slice = &text[at..at + n];
    let time = slice.trim_end_matches(['*', '`', '_']);
    // Closing marks of the emphasis the time opened with, still to skip.
    let mut close = opened
        .chars()
        .filter(|c| "*_`".contains(*c))
        .count()
        .saturating_sub(slice.len() - time.len());
    let time = time.trim();
    let time = if opened.contains('(') { time.trim_end_matches(')').trim() } else { time };
    if time.is_empty() {
        return None;
    }
    let skip = |c: char| {
        let mark = close > 0 && "*_`".contains(c);
        close -= usize::from(mark);
        mark || c.is_whitespace() || ":-–—|".contains(c) || (c == ')' && opened.contains('('))
    };
    Some((time.to_string(), text[at + n..].trim_start_matches(skip)))
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
