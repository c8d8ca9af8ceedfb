//! The timeline: rows read from the timeline section's tables, lists,
//! lines and indented code, with the date of a date heading above them.
//! A row is kept only when its Markdown has every word of its source;
//! otherwise the source stays, as written, in the timeline's notes.

use super::blocks::{lines_of, Block, BlockKind};
use super::entries::{lead_time, read_tag};
use super::findings::ImportFinding;
use super::source::Source;
use super::text::{covered, single, uncell, unwrap_marks, without_number, Piece};
use crate::export;
use crate::model::{Document, TimelineRow};
use crate::timeline::Clock;
use crate::timeparse::{self, DateOrder};

/// A row and the source it was read from.
pub struct RowSource {
    pub row: TimelineRow,
    pub pieces: Vec<Piece>,
    pub line: usize,
}

/// Rows from the timeline's tables, lists and lines; returns the notes.
pub fn timeline(
    source: &Source,
    findings: &mut Vec<ImportFinding>,
    blocks: &[usize],
    rows: &mut Vec<RowSource>,
    heads: &mut Vec<Piece>,
    hints: &mut Vec<String>,
) -> Vec<Piece> {
    let mut notes: Vec<Piece> = Vec::new();
    // A date heading ("### 2023-08-25") over rows that give only times,
    // and its place in the notes, where it stays unless a row takes it.
    let mut date: Option<(String, usize)> = None;
    let mut k = 0;
    while k < blocks.len() {
        let b = source.blocks[blocks[k]].clone();
        k += 1;
        if let Some(d) = date_only(source, &b) {
            notes.push(b.range.clone());
            date = Some((d, notes.len() - 1));
            continue;
        }
        let before = rows.len();
        match &b.kind {
            BlockKind::Table(cells) if is_timeline(source, cells) => {
                hints.push(
                    cells[0].iter().map(|c| source.text(c).trim()).collect::<Vec<_>>().join(" "),
                );
                heads.push(
                    b.range.start
                        ..b.range.start + source.text(&b.range).find('\n').unwrap_or(b.range.len()),
                );
                let lines = lines_of(source.src, b.range.clone());
                for (n, cells) in cells.iter().enumerate().skip(1) {
                    let cell = |k: usize| uncell(cells.get(k).map_or("", |c| source.text(c)));
                    let (tag, event) = read_tag(&cell(1));
                    let row = TimelineRow { id: 0, time: unwrap_marks(&cell(0)), event, tag };
                    // Row n is line n + 1, under the delimiter row.
                    let line = lines.get(n + 1).cloned().unwrap_or(b.range.clone());
                    push_row(source, rows, &mut notes, row, vec![line.clone()], &[line]);
                }
            }
            BlockKind::List(_, items)
                if items.iter().any(|i| {
                    i.simple && lead_time(source.text(&i.body), source.order).is_some()
                }) =>
            {
                for item in items {
                    let text = source.text(&item.body);
                    let piece = vec![item.range.clone()];
                    let body = [without_number(source.src, item.range.clone())];
                    match item.simple.then(|| lead_time(text, source.order)).flatten() {
                        Some((time, event)) => {
                            let (tag, event) = read_tag(&single(event));
                            push_row(
                                source,
                                rows,
                                &mut notes,
                                TimelineRow { id: 0, time, event, tag },
                                piece,
                                &body,
                            );
                        }
                        // "- a request." goes on with the entry above it.
                        None if item.simple
                            && item.checked.is_none()
                            && rows.len() > before
                            && text.starts_with(char::is_lowercase) =>
                        {
                            let last = rows.last_mut().expect("a row");
                            last.row.event = single(&format!("{} {text}", last.row.event));
                            last.pieces.extend(piece);
                        }
                        None if item.simple && rows.len() > before => {
                            let row = TimelineRow { event: single(text), ..Default::default() };
                            push_row(source, rows, &mut notes, row, piece, &body);
                        }
                        None => notes.extend(piece),
                    }
                }
            }
            BlockKind::Line(para) => {
                let mut lines = vec![b.range.clone()];
                // The lines of the paragraph that follow in this section.
                while let Some(next) = blocks.get(k).map(|&j| &source.blocks[j]) {
                    if !matches!(next.kind, BlockKind::Line(p) if p == *para)
                        || blocks[k] != blocks[k - 1] + 1
                        || date_only(source, next).is_some()
                    {
                        break;
                    }
                    lines.push(next.range.clone());
                    k += 1;
                }
                timed_lines(source, &lines, rows, &mut notes);
            }
            BlockKind::Code(true) => {
                timed_lines(source, &lines_of(source.src, b.range.clone()), rows, &mut notes);
                if rows.len() > before {
                    let line = source.line_of(b.range.start);
                    findings.push(ImportFinding::indented_timeline(line));
                }
            }
            _ => notes.push(b.range.clone()),
        }
        if let Some((d, at)) = date.as_ref().filter(|_| !matches!(b.kind, BlockKind::Table(_))) {
            for r in &mut rows[before..] {
                let parsed = timeparse::parse_time(&r.row.time, source.order);
                if parsed.is_ok_and(|p| p.start.date.is_none() && p.start.month_day.is_none()) {
                    r.row.time = format!("{d} {}", r.row.time);
                    // The date now stands in the rows.
                    notes[*at] = 0..0;
                }
            }
        }
    }
    notes
}

/// A table of two columns under "Time", or whose first column has times.
fn is_timeline(source: &Source, cells: &[Vec<Piece>]) -> bool {
    let time = |c: &Piece| lead_time(source.text(c), source.order).is_some();
    cells.first().is_some_and(|h| h.len() == 2)
        && (source.text(&cells[0][0]).trim().to_lowercase().starts_with("time")
            || cells[1..].iter().any(|r| r.first().is_some_and(time)))
}

/// A block that is only a date: the day of the rows under it.
fn date_only(source: &Source, b: &Block) -> Option<String> {
    let text = match &b.kind {
        BlockKind::Heading(_, content) => source.text(content),
        BlockKind::Line(_) => source.text(&b.range),
        _ => return None,
    };
    let t = text.trim().trim_matches(|c: char| "*_`:".contains(c)).trim();
    match timeparse::find_dates(t, source.order).as_slice() {
        [(r, _)] if r.start == 0 && r.end == t.len() => Some(t.to_string()),
        _ => None,
    }
}

/// Rows from lines: a line that starts with a time starts a row, and so
/// does the text after a "<br>"; other lines go on with the row above.
fn timed_lines(
    source: &Source,
    lines: &[Piece],
    rows: &mut Vec<RowSource>,
    notes: &mut Vec<Piece>,
) {
    let mut segs: Vec<Piece> = Vec::new();
    for l in lines {
        let (text, mut at) = (source.text(l), 0);
        let lower = text.to_ascii_lowercase();
        let mut cuts = vec![0];
        // A line break tag ends an entry (see render::is_line_break).
        while let Some(j) = lower[at..].find("<br").filter(|j| !lower[..at + j].ends_with('\\')) {
            at = lower[at + j..].find('>').map_or(text.len(), |c| at + j + c + 1);
            cuts.push(at);
        }
        cuts.push(text.len());
        for (n, w) in cuts.windows(2).enumerate() {
            match segs.last_mut() {
                Some(last) if n == 0 && lead_time(text, source.order).is_none() => {
                    last.end = l.start + w[1]
                }
                _ => segs.push(l.start + w[0]..l.start + w[1]),
            }
        }
    }
    let mut open = false;
    for s in segs {
        let text = source.text(&s).trim();
        match lead_time(text, source.order) {
            _ if text.is_empty() => {}
            Some((time, event)) => {
                // Lines of only punctuation ("." or "\\\\") carry nothing.
                let event: Vec<&str> =
                    event.lines().filter(|l| l.chars().any(char::is_alphanumeric)).collect();
                let (tag, event) = read_tag(&single(&event.join(" ")));
                open = push_row(
                    source,
                    rows,
                    notes,
                    TimelineRow { id: 0, time, event, tag },
                    vec![s.clone()],
                    &[s],
                );
            }
            None if open => {
                let last = rows.last_mut().expect("an open row");
                if text.chars().any(char::is_alphanumeric) {
                    last.row.event = single(&format!("{} {text}", last.row.event));
                }
                last.pieces.push(s);
            }
            None => notes.push(s),
        }
    }
}

/// Keeps a row if its Markdown has every word of its source, else puts
/// the source in the notes; says which. A list item's source is its
/// text: the number of a numbered list is markup (GitHub renumbers),
/// and a row's number is its place in the table.
fn push_row(
    source: &Source,
    rows: &mut Vec<RowSource>,
    notes: &mut Vec<Piece>,
    mut row: TimelineRow,
    pieces: Vec<Piece>,
    written: &[Piece],
) -> bool {
    row.time = dated(source, &row.time);
    let md = export::timeline_row(&row);
    let keep = !md.is_empty() && written.iter().all(|p| covered(source.text(p), &md));
    if keep {
        let line = pieces.first().map_or(1, |p| source.line_of(p.start));
        rows.push(RowSource { row, pieces, line });
    } else {
        notes.extend(pieces);
    }
    keep
}

/// A row's time with an ambiguous slashed date ("05/06/2020", read by the
/// whole document's day/month order) written year first with the same
/// digits ("2020-06-05"), so it reads the same whatever the summary
/// says. Dates that can be read one way only stay as written.
fn dated(source: &Source, time: &str) -> String {
    let mut out = time.to_string();
    for (range, date) in timeparse::find_dates(time, source.order).into_iter().rev() {
        let written = &time[range.clone()];
        let parts: Vec<&str> = written.split('/').collect();
        let ambiguous = parts.len() == 3
            && parts[..2].iter().all(|p| p.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)))
            && parts[0] != parts[1];
        if ambiguous {
            let (day, month) = match source.order {
                DateOrder::DayFirst => (parts[0], parts[1]),
                DateOrder::MonthFirst => (parts[1], parts[0]),
            };
            out.replace_range(range, &format!("{}-{month}-{day}", date.year()));
        }
    }
    out
}

/// A table's header line is kept when the exported one would lose a word of it.
pub fn finish_timeline(source: &Source, doc: &mut Document, heads: &[Piece]) {
    let head = export::table_head(&doc.summary.zone, &Clock::new(&doc.summary));
    for piece in heads.iter().filter(|p| !covered(source.text(p), &head)) {
        let sep = if doc.timeline_notes.is_empty() { "" } else { "\n\n" };
        doc.timeline_notes = format!("{}{sep}{}", doc.timeline_notes, source.text(piece).trim());
    }
}
