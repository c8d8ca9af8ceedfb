//! A table's columns by what they hold: the time, the day, who acted,
//! what happened, and columns that only number the rows. By their headers'
//! words where they say, else by what their cells read as.

use super::source::Source;
use super::text::{is_index_column, name_words, uncell, unmarked, Piece};
use crate::timeparse::{self, TimeError};

/// Which columns of a timeline table hold what.
pub struct Columns {
    pub time: usize,
    pub date: Option<usize>,
    pub actor: Option<usize>,
    pub events: Vec<usize>,
    /// Columns that only number the rows.
    pub index: Vec<usize>,
}

/// Which columns of a table hold the time, the day, who acted and what
/// happened: by their headers' words, else by what their cells hold.
pub fn columns(source: &Source, cells: &[Vec<Piece>]) -> Option<Columns> {
    let header: Vec<Vec<String>> =
        cells.first()?.iter().map(|c| name_words(source.text(c))).collect();
    let width = header.len();
    let body = &cells[1..];
    // How many cells of each column read as a time, and as a day alone.
    let mut times = vec![0usize; width];
    let mut days = vec![0usize; width];
    for row in body {
        for (k, c) in row.iter().enumerate().take(width) {
            let cell = unmarked(&uncell(source.text(c)));
            // Four digits alone may be a year: they do not make a column of times.
            if cell.len() == 4 && cell.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            match timeparse::parse_time(&cell, source.order) {
                Ok(p) if p.start.day_only => days[k] += 1,
                Ok(_) | Err(TimeError::Unknown(_)) => times[k] += 1,
                Err(_) => {}
            }
        }
    }
    let named = |k: usize, names: &[&str]| header[k].iter().any(|w| names.contains(&w.as_str()));
    const TIME: &[&str] = &["time", "when", "timestamp", "datetime", "hour", "utc"];
    const DATE: &[&str] = &["date", "day"];
    const ACTOR: &[&str] =
        &["who", "actor", "owner", "by", "person", "people", "team", "responder"];
    let filled = body.len().max(1);
    // The column headed as the time, else the one that holds times: the
    // header decides first, since it says what every row means (and an
    // empty timeline's table has only its header).
    let time =
        (0..width).filter(|&k| times[k] + days[k] > 0 || named(k, TIME)).max_by_key(|&k| {
            (named(k, TIME), times[k] * 2 >= filled, times[k] + days[k], std::cmp::Reverse(k))
        })?;
    let date = (0..width).find(|&k| {
        k != time && days[k] > 0 && days[k] * 2 >= filled && (named(k, DATE) || times[k] == 0)
    });
    // A column that numbers the rows says nothing of them (see `is_index_column`).
    let index = |k: usize| {
        let column: Vec<&str> =
            body.iter().filter_map(|r| r.get(k)).map(|c| source.text(c)).collect();
        is_index_column(source.text(&cells[0][k]), &column)
    };
    let index: Vec<usize> = (0..width).filter(|&k| k != time && index(k)).collect();
    let rest: Vec<usize> =
        (0..width).filter(|&k| k != time && Some(k) != date && !index.contains(&k)).collect();
    // Who acted, when the table says it before what happened: "Dana: rolled back".
    let actor = rest.first().copied().filter(|&k| named(k, ACTOR) && rest.len() > 1);
    let events = rest.into_iter().filter(|&k| Some(k) != actor).collect();
    Some(Columns { time, date, actor, events, index })
}
