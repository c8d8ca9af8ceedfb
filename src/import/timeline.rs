//! The timeline: rows read from whatever carries the timeline section's
//! entries (tables, lists, lines, headings that are times, indented code),
//! with the day of a day mark above them. Every block is read by the one
//! entry reader in `entries`; what differs is only where the entry's time
//! and text sit in the block.
//!
//! A row is kept only when its Markdown has every word of its source;
//! otherwise the source stays, as written, in the timeline's notes.

use super::blocks::{lines_of, Block, BlockKind, ListItem};
use super::columns::columns;
use super::entries::{
    accepted_in_block, could_be_a_year, day_mark, entry, read_tag, Entry, Timing,
};
use super::findings::ImportFinding;
use super::source::Source;
use super::text::{
    covered, name_words, single, uncell, unmarked, without_internal_mark, without_number, Piece,
};
use crate::export;
use crate::model::{Document, TimelineRow};
use crate::timeline::Clock;
use crate::timeparse::{self, DateOrder, TimeError};

/// A row and the source it was read from.
pub struct RowSource {
    pub row: TimelineRow,
    pub pieces: Vec<Piece>,
    pub line: usize,
}

/// The day that entries without a date of their own take, as written.
struct Day {
    text: String,
    /// Where the day's mark is in the notes, when the mark is only the day
    /// (it goes once a row holds the day).
    note: Option<usize>,
    /// Set by a mark (a heading, a line), not by an entry of a day: an entry
    /// whose time is unknown takes only a mark's day, since among entries
    /// of days an unknown one may be on any of them.
    from_mark: bool,
}

/// A day mark left in the notes, which reads as one again where the
/// export writes the notes: above every row.
struct Mark {
    day: String,
    note: usize,
    only_the_day: bool,
}

struct Reader<'r, 'a> {
    source: &'r Source<'a>,
    findings: &'r mut Vec<ImportFinding>,
    rows: &'r mut Vec<RowSource>,
    heads: &'r mut Vec<Piece>,
    hints: &'r mut Vec<String>,
    notes: Vec<Piece>,
    day: Option<Day>,
    marks: Vec<Mark>,
}

/// Rows from the timeline section's blocks; gives its notes. The header
/// lines of its tables go to `heads`, and what may name the timeline's
/// zone to `hints`.
pub fn timeline(
    source: &Source,
    findings: &mut Vec<ImportFinding>,
    blocks: &[usize],
    rows: &mut Vec<RowSource>,
    heads: &mut Vec<Piece>,
    hints: &mut Vec<String>,
) -> Vec<Piece> {
    let blocks: Vec<&Block> = blocks.iter().map(|&i| &source.blocks[i]).collect();
    let mut reader = Reader {
        source,
        findings,
        rows,
        heads,
        hints,
        notes: Vec::new(),
        day: None,
        marks: Vec::new(),
    };
    let before = reader.rows.len();
    let mut k = 0;
    while k < blocks.len() {
        k = reader.block(&blocks, k);
    }
    if reader.rows.len() == before {
        super::chat_log::read_logs(source, &blocks, reader.rows, &mut reader.notes);
    }
    // A chat log's rows too: the day written above the log dates them.
    reader.date_the_rest();
    reader.notes
}

impl Reader<'_, '_> {
    fn order(&self) -> DateOrder {
        self.source.order
    }

    fn text(&self, piece: &Piece) -> &str {
        self.source.text(piece)
    }

    /// Reads block `k` (and the blocks that belong to it); gives the next.
    fn block(&mut self, blocks: &[&Block], k: usize) -> usize {
        let b = blocks[k];
        if let Some(day) = self.day_of(b) {
            self.mark_day(day, b.range.clone(), true);
            return k + 1;
        }
        match &b.kind {
            BlockKind::Heading(_, content) => {
                // A heading in the timeline that is a time is an entry, even an
                // unknown one; four digits alone there are a year.
                let found = entry(self.text(content), self.order())
                    .filter(|e| !e.four_digits || !could_be_a_year(&e.time));
                match found {
                    Some(e) => {
                        let at = self.rows.len();
                        if self.push_entry(&e, vec![b.range.clone()], std::slice::from_ref(content))
                        {
                            return self.take_body(blocks, k + 1, at);
                        }
                        k + 1
                    }
                    None => {
                        self.notes.push(b.range.clone());
                        k + 1
                    }
                }
            }
            BlockKind::Table(cells) => {
                if !self.table(b, cells) {
                    self.notes.push(b.range.clone());
                }
                k + 1
            }
            BlockKind::List(_, items) => {
                self.list(items);
                k + 1
            }
            BlockKind::Line(para) => {
                let mut lines = vec![b.range.clone()];
                let mut j = k + 1;
                // The lines of the paragraph that follow in this section.
                while let Some(next) = blocks.get(j) {
                    let same = matches!(next.kind, BlockKind::Line(p) if p == *para);
                    // Right under the line before: a line of the paragraph read
                    // as a heading of another section is not in this one.
                    let prev = &blocks[j - 1].range;
                    let adjacent = self.source.src[prev.end..next.range.start].trim().is_empty();
                    if !same || !adjacent || self.day_of(next).is_some() {
                        break;
                    }
                    lines.push(next.range.clone());
                    j += 1;
                }
                let before = self.rows.len();
                self.lines(&lines);
                // A time alone on its line, then its text in the next paragraph.
                match self.rows.last() {
                    Some(last) if self.rows.len() > before && last.row.event.is_empty() => {
                        let at = self.rows.len() - 1;
                        self.take_body(blocks, j, at)
                    }
                    _ => j,
                }
            }
            BlockKind::Code(true) => {
                let before = self.rows.len();
                self.lines(&lines_of(self.source.src, b.range.clone()));
                if self.rows.len() > before {
                    let line = self.source.line_of(b.range.start);
                    self.findings.push(ImportFinding::indented_timeline(line));
                }
                k + 1
            }
            _ => {
                self.notes.push(b.range.clone());
                k + 1
            }
        }
    }

    /// The day a heading or a line is, alone.
    fn day_of(&self, b: &Block) -> Option<String> {
        let text = match &b.kind {
            BlockKind::Heading(_, content) => self.text(content),
            BlockKind::Line(_) => self.text(&b.range),
            _ => return None,
        };
        day_mark(text, self.order())
    }

    /// `piece` is a mark of `day`: the entries after it take the day.
    /// `reads_back`: in the notes, the piece reads as a mark again (a
    /// table's row of a day does not, outside its table).
    fn mark_day(&mut self, day: String, piece: Piece, reads_back: bool) {
        let only_the_day = covered(self.text(&piece), &day);
        self.notes.push(piece);
        let note = self.notes.len() - 1;
        if reads_back {
            self.marks.push(Mark { day: day.clone(), note, only_the_day });
        }
        self.day = Some(Day { text: day, note: only_the_day.then_some(note), from_mark: true });
    }

    /// The export writes the notes above the rows, so the last day mark
    /// left in them would date the rows that had no day above them here:
    /// they take it now, and import stays a fixed point of export.
    fn date_the_rest(&mut self) {
        let Some(mark) = self.marks.iter().rev().find(|m| !self.notes[m.note].is_empty()) else {
            return;
        };
        let order = self.order();
        let mut took = false;
        for r in self.rows.iter_mut().filter(|r| needs_day(&r.row.time, order) != Some(false)) {
            r.row.time = with_day(&mark.day, &r.row.time);
            took = true;
        }
        if took && mark.only_the_day {
            self.notes[mark.note] = 0..0;
        }
    }

    /// The paragraphs (and plain lists) after row `at`'s heading or lone
    /// time, until the next heading or entry, as the rest of its event.
    fn take_body(&mut self, blocks: &[&Block], mut j: usize, at: usize) -> usize {
        while let Some(b) = blocks.get(j) {
            let text = match &b.kind {
                BlockKind::Line(_) if self.day_of(b).is_none() => {
                    let t = self.text(&b.range);
                    if entry(t, self.order()).is_some() {
                        break;
                    }
                    single(t)
                }
                BlockKind::List(_, items)
                    if items.iter().all(|i| {
                        i.simple
                            && i.checked.is_none()
                            && entry(self.text(&i.body), self.order()).is_none()
                    }) =>
                {
                    items.iter().map(|i| single(self.text(&i.body))).collect::<Vec<_>>().join("; ")
                }
                _ => break,
            };
            let row = &mut self.rows[at];
            let sep = match &b.kind {
                BlockKind::List(..) if !row.row.event.is_empty() => ": ",
                _ if row.row.event.is_empty() => "",
                _ => " ",
            };
            let joined = format!("{}{sep}{text}", row.row.event);
            let md =
                export::timeline_row(&TimelineRow { event: joined.clone(), ..row.row.clone() });
            if !covered(self.source.text(&b.range), &md) {
                break;
            }
            row.row.event = joined;
            row.pieces.push(b.range.clone());
            j += 1;
        }
        j
    }

    /// Rows from a table with a column of times; false when it has none.
    fn table(&mut self, b: &Block, cells: &[Vec<Piece>]) -> bool {
        let Some(columns) = columns(self.source, cells) else { return false };
        self.hints.push(cells[0].iter().map(|c| self.text(c).trim()).collect::<Vec<_>>().join(" "));
        let header_end = self.text(&b.range).find('\n').unwrap_or(b.range.len());
        self.heads.push(b.range.start..b.range.start + header_end);
        let lines = lines_of(self.source.src, b.range.clone());
        for (n, row) in cells.iter().enumerate().skip(1) {
            let cell = |k: Option<usize>| {
                k.and_then(|k| row.get(k)).map_or(String::new(), |c| uncell(self.text(c)))
            };
            // Row n is line n + 1, under the delimiter row.
            let line = lines.get(n + 1).cloned().unwrap_or(b.range.clone());
            let time = unmarked(&cell(Some(columns.time)));
            let date = unmarked(&cell(columns.date));
            let mut event: Vec<String> =
                columns.events.iter().map(|&k| cell(Some(k))).filter(|c| !c.is_empty()).collect();
            let actor = cell(columns.actor);
            if !actor.is_empty() && actor.chars().any(char::is_alphanumeric) {
                match event.first_mut() {
                    Some(first) => *first = format!("{actor}: {first}"),
                    None => event.push(actor),
                }
            }
            let event = event.join(" — ");
            let time = match (date.is_empty(), time.is_empty()) {
                (false, false) => format!("{date} {time}"),
                (false, true) => date,
                _ => time,
            };
            // A row of only a day sets the day for the rows under it.
            if event.is_empty() {
                if let Some(day) = day_mark(&time, self.order()) {
                    self.mark_day(day, line, false);
                    continue;
                }
            }
            let timing = match timeparse::parse_time(&time, self.order()) {
                Ok(p) if p.start.day_only => Timing::Day,
                Err(TimeError::Unknown(_)) => Timing::Unknown,
                _ => Timing::Time,
            };
            let found = Entry { time, event, timing, four_digits: false };
            // The row's line, all of it (a cell past the header's width is
            // text the parser drops), but for a column that only numbers rows.
            let mut written = Vec::new();
            let mut from = line.start;
            for (_, c) in row.iter().enumerate().filter(|(k, _)| columns.index.contains(k)) {
                written.push(from..c.start.max(from));
                from = c.end.max(from);
            }
            written.push(from..line.end.max(from));
            self.push_entry(&found, vec![line], &written);
        }
        true
    }

    /// Rows from a list's items: each item an entry, a day mark (with its
    /// own entries nested under it), or text that goes on from the entry
    /// above it.
    fn list(&mut self, items: &[ListItem]) {
        let firsts: Vec<Piece> = items.iter().map(|i| first_line(self.source, i)).collect();
        let entries: Vec<Option<Entry>> = items
            .iter()
            .zip(&firsts)
            .map(|(item, _)| {
                let text =
                    if item.simple { self.text(&item.body) } else { first_text(self.source, item) };
                entry(text, self.order())
            })
            .collect();
        let entries = accepted_in_block(entries, !self.rows.is_empty());
        if entries.iter().all(Option::is_none) {
            // No entry of its own: an item may still head entries nested under it.
            let nested_entries = items.iter().any(|i| !i.simple);
            if !nested_entries || !self.nested_lists(items) {
                self.notes.extend(items.iter().map(|i| i.range.clone()));
            }
            return;
        }
        let before = self.rows.len();
        for ((item, first), found) in items.iter().zip(&firsts).zip(entries) {
            let nested = if item.simple { Vec::new() } else { self.source.nested(item) };
            let whole = [without_number(self.source.src, item.range.clone())];
            match found {
                Some(e) if e.timing == Timing::Day && e.event.is_empty() => {
                    self.mark_day(e.time.clone(), first.clone(), true);
                    self.nested(&nested);
                }
                Some(mut e) => {
                    // Plain items under an entry are more of its text.
                    let plain = nested.iter().all(|b| plain_list(self.source, b));
                    if plain && !nested.is_empty() {
                        let more: Vec<String> = nested
                            .iter()
                            .flat_map(|b| match &b.kind {
                                BlockKind::List(_, sub) => {
                                    sub.iter().map(|s| single(self.text(&s.body))).collect()
                                }
                                _ => Vec::new(),
                            })
                            .collect();
                        e.event = format!("{}: {}", e.event.trim_end_matches(':'), more.join("; "));
                        self.push_entry(&e, vec![item.range.clone()], &whole);
                    } else {
                        let own = [without_number(self.source.src, first.clone())];
                        let pieces =
                            if nested.is_empty() { item.range.clone() } else { first.clone() };
                        self.push_entry(
                            &e,
                            vec![pieces],
                            if nested.is_empty() { &whole } else { &own },
                        );
                        self.nested(&nested);
                    }
                }
                // "- a request." goes on with the entry above it.
                None if item.simple
                    && item.checked.is_none()
                    && self.rows.len() > before
                    && self.text(&item.body).starts_with(char::is_lowercase) =>
                {
                    let text = single(self.text(&item.body));
                    let last = self.rows.last_mut().expect("a row");
                    last.row.event = single(&format!("{} {text}", last.row.event));
                    last.pieces.push(item.range.clone());
                }
                None if item.simple && self.rows.len() > before => {
                    let row =
                        TimelineRow { event: single(self.text(&item.body)), ..Default::default() };
                    self.push_row(row, vec![item.range.clone()], &whole);
                }
                None => self.notes.push(item.range.clone()),
            }
        }
    }

    /// Lists whose items head entries nested under them ("- Monday" with
    /// timed items under it): true when some were read.
    fn nested_lists(&mut self, items: &[ListItem]) -> bool {
        let before = self.rows.len();
        let saved = (self.notes.len(), self.day.take());
        for item in items {
            let first = first_line(self.source, item);
            match day_mark(first_text(self.source, item), self.order()) {
                Some(day) => self.mark_day(day, first, true),
                None => self.notes.push(first),
            }
            let nested = self.source.nested(item);
            self.nested(&nested);
        }
        if self.rows.len() == before {
            self.notes.truncate(saved.0);
            self.day = saved.1;
            return false;
        }
        true
    }

    /// Blocks nested in a list item, read as the timeline's own.
    fn nested(&mut self, blocks: &[Block]) {
        let refs: Vec<&Block> = blocks.iter().collect();
        let mut k = 0;
        while k < refs.len() {
            k = self.block(&refs, k);
        }
    }

    /// Rows from lines: a line that starts with an entry starts a row, and
    /// so does the text after a "<br>"; other lines go on with the row above.
    fn lines(&mut self, lines: &[Piece]) {
        let mut segments: Vec<(Piece, Option<Entry>)> = Vec::new();
        for l in lines {
            let (text, mut at) = (self.text(l), 0);
            let lower = text.to_ascii_lowercase();
            let mut cuts = vec![0];
            // A line break tag ends an entry (see render::is_line_break).
            while let Some(j) = lower[at..].find("<br").filter(|j| !lower[..at + j].ends_with('\\'))
            {
                at = lower[at + j..].find('>').map_or(text.len(), |c| at + j + c + 1);
                cuts.push(at);
            }
            cuts.push(text.len());
            for w in cuts.windows(2) {
                let piece = l.start + w[0]..l.start + w[1];
                let found = entry(self.text(&piece).trim(), self.order());
                segments.push((piece, found));
            }
        }
        let found = accepted_in_block(
            segments.iter().map(|s| s.1.clone()).collect(),
            !self.rows.is_empty(),
        );
        // A line without an entry goes on with the segment before it.
        let mut merged: Vec<(Piece, Option<Entry>)> = Vec::new();
        for ((piece, _), found) in segments.into_iter().zip(found) {
            let starts_line = lines.iter().any(|l| l.start == piece.start);
            match merged.last_mut() {
                Some(last) if found.is_none() && starts_line => last.0.end = piece.end,
                _ => merged.push((piece, found)),
            }
        }
        let mut open = false;
        for (piece, found) in merged {
            let text = self.text(&piece).trim().to_string();
            match found {
                _ if text.is_empty() => {}
                Some(mut e) => {
                    // Re-read over the merged lines, so the event has all of them;
                    // lines of only punctuation ("." or "\\\\") carry nothing.
                    if let Some(all) = entry(&text, self.order()) {
                        e.event = all.event;
                    }
                    e.event = e
                        .event
                        .lines()
                        .filter(|l| l.chars().any(char::is_alphanumeric))
                        .collect::<Vec<_>>()
                        .join(" ");
                    // A day with nothing after it heads the entries below it.
                    if e.timing == Timing::Day && e.event.is_empty() {
                        self.mark_day(e.time.clone(), piece, true);
                        open = false;
                        continue;
                    }
                    open = self.push_entry(&e, vec![piece.clone()], &[piece]);
                }
                None if open => {
                    let last = self.rows.last_mut().expect("an open row");
                    if text.chars().any(char::is_alphanumeric) {
                        last.row.event = single(&format!("{} {text}", last.row.event));
                    }
                    last.pieces.push(piece);
                }
                None => self.notes.push(piece),
            }
        }
    }

    /// A row from an entry, dated by the day above it when it has none;
    /// an entry that is a day sets the day for the entries after it.
    fn push_entry(&mut self, e: &Entry, pieces: Vec<Piece>, written: &[Piece]) -> bool {
        let (tag, event) = read_tag(&single(&e.event));
        let mut time = e.time.clone();
        let wanted = needs_day(&time, self.order());
        if let Some(day) =
            self.day.as_ref().filter(|d| wanted == Some(true) || (wanted.is_none() && d.from_mark))
        {
            time = with_day(&day.text, &time);
        }
        let (event, internal) = without_internal_mark(&event);
        let row = TimelineRow { id: 0, time: time.clone(), event, tag, internal };
        let kept = self.push_row(row, pieces, written);
        if kept && time != e.time {
            // The day now stands in the rows.
            if let Some(note) = self.day.as_ref().and_then(|d| d.note) {
                self.notes[note] = 0..0;
            }
        }
        if kept && e.timing == Timing::Day {
            self.day = Some(Day { text: time, note: None, from_mark: false });
        }
        kept
    }

    /// Keeps a row if its Markdown has every word of its source, else puts
    /// the source in the notes; says which. A list item's source is its
    /// text: the number of a numbered list is markup (GitHub renumbers),
    /// and a row's number is its place in the table.
    fn push_row(&mut self, mut row: TimelineRow, pieces: Vec<Piece>, written: &[Piece]) -> bool {
        row.time = dated(self.source, &row.time);
        let md = export::timeline_row(&row);
        // A row of only marks ("| … | … |", "- **") says nothing.
        let says = written.iter().any(|p| self.text(p).chars().any(char::is_alphanumeric));
        let keep = says && !md.is_empty() && written.iter().all(|p| covered(self.text(p), &md));
        if keep {
            let line = pieces.first().map_or(1, |p| self.source.line_of(p.start));
            self.rows.push(RowSource { row, pieces, line });
        } else {
            self.notes.extend(pieces);
        }
        keep
    }
}

/// The first line of a list item, with its marker.
fn first_line(source: &Source, item: &ListItem) -> Piece {
    let body = source.text(&item.body);
    let end = body.find('\n').unwrap_or(body.len());
    item.range.start..item.body.start + body[..end].trim_end().len()
}

/// The text of a list item's first line, after its marker.
fn first_text<'s>(source: &Source<'s>, item: &ListItem) -> &'s str {
    let body = source.text(&item.body);
    body.split('\n').next().unwrap_or("").trim_end()
}

/// A list of one-paragraph items, none of them an entry or a task.
fn plain_list(source: &Source, b: &Block) -> bool {
    match &b.kind {
        BlockKind::List(_, items) => items.iter().all(|i| {
            i.simple && i.checked.is_none() && entry(source.text(&i.body), source.order).is_none()
        }),
        _ => false,
    }
}

/// Whether a time needs a day from above it: true when it reads and has
/// no date; none when it is unknown (only a day mark's day says when).
fn needs_day(time: &str, order: DateOrder) -> Option<bool> {
    match timeparse::parse_time(time, order) {
        Ok(p) => Some(p.start.date.is_none() && p.start.month_day.is_none()),
        Err(TimeError::Unknown(_)) => None,
        Err(_) => Some(false),
    }
}

/// A time with a day put before it; inside a link's text, so the link
/// still reads as a time.
fn with_day(day: &str, time: &str) -> String {
    match time.strip_prefix('[') {
        Some(linked) if linked.contains("](") => format!("[{day} {linked}"),
        _ => format!("{day} {time}"),
    }
}

/// The first of `blocks` that is a timeline written under another heading
/// (as the range of `blocks` it takes): a list or a paragraph of three or
/// more entries at a time of day, two thirds of its items or lines; or a
/// table with a column of times and one of what happened.
pub fn timed_block(source: &Source, blocks: &[usize]) -> Option<std::ops::Range<usize>> {
    let timed = |text: &str| {
        entry(text, source.order).is_some_and(|e| e.timing == Timing::Time && !e.four_digits)
    };
    let enough = |n: usize, of: usize| n >= 3 && n * 3 >= of * 2;
    let mut k = 0;
    while k < blocks.len() {
        let b = &source.blocks[blocks[k]];
        let (mut taken, mut skip) = (1, 0);
        let found = match &b.kind {
            BlockKind::List(_, items) => {
                let n = items.iter().filter(|i| timed(first_text(source, i))).count();
                enough(n, items.len())
            }
            BlockKind::Table(cells) => {
                const EVENT: &[&str] = &[
                    "event",
                    "events",
                    "what",
                    "description",
                    "action",
                    "details",
                    "happened",
                    "update",
                    "activity",
                ];
                let events = cells.first().is_some_and(|h| {
                    h.iter().any(|c| {
                        name_words(source.text(c)).iter().any(|w| EVENT.contains(&w.as_str()))
                    })
                });
                let times = columns(source, cells).map_or(0, |c| {
                    cells[1..]
                        .iter()
                        .filter(|r| {
                            r.get(c.time).is_some_and(|t| timed(&unmarked(&uncell(source.text(t)))))
                        })
                        .count()
                });
                events && enough(times, cells.len() - 1)
            }
            BlockKind::Line(para) => {
                let run: Vec<&Block> = blocks[k..]
                    .iter()
                    .map(|&i| &source.blocks[i])
                    .take_while(|l| matches!(l.kind, BlockKind::Line(p) if p == *para))
                    .collect();
                let n = run.iter().filter(|l| timed(source.text(&l.range))).count();
                taken = run.len();
                // Lines before the first entry ("**Summary:**") stay where they are.
                skip = run.iter().take_while(|l| !timed(source.text(&l.range))).count();
                enough(n, run.len() - skip)
            }
            _ => false,
        };
        if found {
            return Some(k + skip..k + taken);
        }
        k += taken;
    }
    None
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
