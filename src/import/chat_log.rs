//! A chat log in a postmortem: a conversation or log lines pasted into a
//! fenced code block, in the timeline section or in an appendix, read by
//! the same transcript reader as the page's *Add rows from a chat log*.
//!
//! It is read only where the document gives no timeline rows otherwise:
//! our export writes the rows as a table, so a document read once and
//! exported reads back to the same rows, not to them twice.

use super::blocks::{Block, BlockKind};
use super::headings::Topic;
use super::source::Source;
use super::text::{covered, name_words, Piece};
use super::timeline::RowSource;
use crate::chat::{self, rows};
use crate::model::TimelineRow;

/// The text of a fenced code block, without its fences.
fn fenced(text: &str) -> &str {
    let body = text.split_once('\n').map_or("", |(_, rest)| rest);
    let body = body.trim_end_matches('\n');
    match body.rsplit_once('\n') {
        Some((inner, last)) if is_fence(last) => inner,
        None if is_fence(body) => "",
        _ => body,
    }
}

fn is_fence(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("```") || t.starts_with("~~~")
}

/// The rows of a fenced block that holds at least two timestamped
/// messages, each with the block as its source; and whether the rows say
/// every word of it (else it stays where it was, as written).
pub fn rows_of(
    src: &str,
    block: &Block,
    line_of: impl Fn(usize) -> usize,
) -> Option<(Vec<RowSource>, bool)> {
    if !matches!(block.kind, BlockKind::Code(false)) {
        return None;
    }
    let text = fenced(&src[block.range.clone()]);
    let transcript = chat::read(text);
    if transcript.messages.len() < 2 {
        return None;
    }
    // The day and zone only where the log says them: the document's
    // window dates bare times.
    let zone = transcript.said_zone();
    let dates = transcript.dates(None, None);
    let first_line = line_of(block.range.start) + 1;
    let made: Vec<RowSource> = transcript
        .messages
        .iter()
        .zip(dates)
        .map(|(m, date)| {
            let when = crate::timeline::When { date, time: m.stamp.time };
            let zone = zone.as_ref().map(|z| format!(" {}", z.label)).unwrap_or_default();
            let said = match &m.author {
                Some(a) => format!("{a}: {}", m.text),
                None => m.text.clone(),
            };
            let row = TimelineRow {
                id: 0,
                time: format!("{}{zone}", when.text(true)),
                event: rows::markdown_event(&said),
                ..TimelineRow::default()
            };
            RowSource { row, pieces: vec![block.range.clone()], line: first_line + m.lines.0 - 1 }
        })
        .collect();
    let markdown: String = made.iter().map(|r| crate::export::timeline_row(&r.row)).collect();
    let whole = covered(text, &markdown);
    Some((made, whole))
}

/// Whether a section's heading names a chat log or an appendix: where a
/// pasted channel is put when the timeline is not written out.
pub fn names_a_log(topic: Topic, heading: &str) -> bool {
    const WORDS: &[&str] = &[
        "chat",
        "log",
        "logs",
        "transcript",
        "appendix",
        "slack",
        "channel",
        "irc",
        "conversation",
    ];
    topic == Topic::Custom && name_words(heading).iter().any(|w| WORDS.contains(&w.as_str()))
}

/// Rows from the fenced chat logs among `blocks`, for a section that gave
/// none otherwise. A log whose rows say every word of it leaves `notes`;
/// one with lines left out (joins, reactions) stays there as written.
pub fn read_logs(
    source: &Source,
    blocks: &[&Block],
    rows: &mut Vec<RowSource>,
    notes: &mut [Piece],
) {
    for b in blocks {
        let Some((made, whole)) = rows_of(source.src, b, |at| source.line_of(at)) else { continue };
        rows.extend(made);
        if whole {
            notes.iter_mut().filter(|n| **n == b.range).for_each(|n| *n = 0..0);
        }
    }
}
