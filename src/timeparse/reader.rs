//! The reader: a small backtracking parser over the tokens of one text,
//! for a time, a range, a date or a zone, and the entry points that read a
//! whole field, the start of a line, or every time in a piece of prose.
//! Zones are read in `zone`.

mod zone;

use std::ops::RangeInclusive;

use time::{Date, Month, Time, Weekday};

use super::stamp::{DateOrder, Parsed, Stamp, TimeError};
use super::tokens::{tokenize, Token, TokenKind};
use super::zones::{offset_on, Zone};

pub enum DateValue {
    Full(Date),
    MonthDay(Month, u8),
}

/// How a text is read: as a whole time (a timeline cell, a summary field),
/// as the start of a timeline entry, or as prose being scanned for times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The text is meant to be a time: any case, and errors are reported.
    Whole,
    /// The start of a line or cell that may be a timeline entry: as strict
    /// about case as prose, but "~14:05", "1738", a day without a time and
    /// "2019-12-03 --:--" are read, since entries are written so; the
    /// caller decides from what follows whether it is an entry.
    Entry,
    /// Prose: stricter about case, so that words like "cat" or "may" are
    /// not taken for a zone or a month.
    Prose,
}

/// The reader of times over one text's tokens.
pub struct TimeReader<'a> {
    pub source: &'a str,
    pub tokens: Vec<Token>,
    pub order: DateOrder,
    mode: Mode,
    pub error: Option<TimeError>,
}

impl<'a> TimeReader<'a> {
    pub fn new(source: &'a str, order: DateOrder, mode: Mode) -> Self {
        TimeReader { source, tokens: tokenize(source), order, mode, error: None }
    }

    pub fn number(&self, i: usize, lens: RangeInclusive<usize>) -> Option<u32> {
        match self.tokens.get(i)?.kind {
            TokenKind::Number { value, len } if lens.contains(&len) => Some(value),
            _ => None,
        }
    }
    pub fn symbol(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Symbol(c))
    }
    pub fn word(&self, i: usize) -> Option<&str> {
        match &self.tokens.get(i)?.kind {
            TokenKind::Word { lower, .. } => Some(lower),
            _ => None,
        }
    }
    /// Token `i` exists and touches the one before it.
    pub fn touches(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.spaced)
    }
    fn capitals_ok(&self, i: usize) -> bool {
        self.mode == Mode::Whole
            || matches!(
                self.tokens.get(i),
                Some(Token { kind: TokenKind::Word { capitals: true, .. }, .. })
            )
    }
    fn capitalised_ok(&self, i: usize) -> bool {
        self.mode == Mode::Whole
            || matches!(
                self.tokens.get(i),
                Some(Token { kind: TokenKind::Word { capitalised: true, .. }, .. })
            )
    }
    /// Source text of tokens `a..b`.
    fn source_text(&self, a: usize, b: usize) -> String {
        let (Some(x), Some(y)) = (self.tokens.get(a), self.tokens.get(b.wrapping_sub(1))) else {
            return String::new();
        };
        self.source.get(x.start..y.end).unwrap_or("").to_string()
    }
    fn fail(&mut self, e: TimeError) {
        self.error.get_or_insert(e);
    }

    /// A time or a range starting at token `i`, and the token index after it.
    pub fn expression(&mut self, i: usize) -> Option<(Parsed, usize)> {
        let (approximate, i) = match self.approximation_before(i) {
            Some(k) => (true, k),
            None => (false, i),
        };
        let (mut start, k) = self.stamp(i)?;
        start.approximate |= approximate;
        let sep = self.symbol(k, '-')
            || self.symbol(k, '–')
            || self.symbol(k, '—')
            || matches!(self.word(k), Some("to" | "till" | "til" | "until" | "through" | "thru"));
        if sep {
            if let Some((mut end, k2)) = self.stamp(k + 1) {
                if start.zone.is_none() {
                    start.zone =
                        end.zone.clone().map(|z| Zone { offset: offset_on(&z, start.date), ..z });
                }
                if end.zone.is_none() {
                    end.zone =
                        start.zone.clone().map(|z| Zone { offset: offset_on(&z, end.date), ..z });
                }
                return Some((Parsed { start, end: Some(end) }, k2));
            }
        }
        Some((Parsed { start, end: None }, k))
    }

    fn stamp(&mut self, i: usize) -> Option<(Stamp, usize)> {
        let mut j = i;
        if self.word(j).is_some_and(|w| weekday_named(w).is_some()) && self.capitalised_ok(j) {
            j += if self.symbol(j + 1, ',') { 2 } else { 1 };
        }
        let mut day_only = false;
        let mut approximate_time = None;
        let dated = self.dashed_month_day(j).or_else(|| self.date(j));
        let (date, time, zone, k) = if let Some((d, mut k)) = dated {
            let after_date = k;
            if self.symbol(k, ',') {
                k += 1;
            }
            let iso_t = self.word(k) == Some("t") && self.touches(k) && self.touches(k + 1);
            // "at", ISO "T", and the malformed "2023-01-04/11:34".
            if self.word(k) == Some("at")
                || iso_t
                || (self.symbol(k, '/') && self.touches(k) && self.touches(k + 1))
            {
                k += 1;
            }
            // "2024-03-02 ~17:55", "2018-07-08 ca. 18:30".
            approximate_time = self.approximation_before(k);
            if let Some(after) = approximate_time {
                k = after;
            }
            // "January 13th, 2024 - 21:00 UTC": a dash between the day and its time.
            let dashed = self.mode != Mode::Prose
                && ['-', '–', '—'].iter().any(|&c| self.symbol(k, c))
                && self.tokens.get(k + 1).is_some_and(|t| t.spaced);
            let read = self.time(k).or_else(|| self.dotted_time(k));
            let read = match read {
                None if dashed => self.time(k + 1),
                read => read,
            };
            let (t, k, secs) = match read {
                Some(read) => read,
                // A day alone, or with its time written as unknown ("--:--").
                None if self.mode != Mode::Prose => {
                    day_only = true;
                    let k = self.unknown_after_date(k).unwrap_or(after_date);
                    (Time::MIDNIGHT, k, false)
                }
                None => return None,
            };
            // An offset glued on with '-' only in machine-like stamps; else "09:00-10:00" is a range.
            let minus_ok = iso_t || secs || self.tokens.get(k).is_some_and(|t| t.spaced);
            match self.zone(k, minus_ok) {
                Some((z, k)) => (Some(d), t, Some(z), k),
                None => (Some(d), t, None, k),
            }
        } else {
            let (t, mut k, _) = self.time(j)?;
            let mut zone = None;
            if let Some((z, k2)) = self.zone(k, self.tokens.get(k).is_some_and(|t| t.spaced)) {
                zone = Some(z);
                k = k2;
            }
            // A date may follow the time: "5:00 pm 05/22/2020".
            let mut k1 = if self.symbol(k, ',') { k + 1 } else { k };
            if self.word(k1) == Some("on") {
                k1 += 1;
            }
            let mut date = None;
            if let Some((d, k2)) = self.date(k1) {
                date = Some(d);
                k = k2;
                if zone.is_none() {
                    if let Some((z, k3)) = self.zone(k, true) {
                        zone = Some(z);
                        k = k3;
                    }
                }
            }
            (date, t, zone, k)
        };
        let (date, month_day) = match date {
            Some(DateValue::Full(d)) => (Some(d), None),
            Some(DateValue::MonthDay(m, d)) => (None, Some((m, d))),
            None => (None, None),
        };
        let zone = zone.map(|z| Zone { offset: offset_on(&z, date), ..z });
        let (approximate, k) = match self.approximation_after(k) {
            Some(k) if !day_only => (true, k),
            _ => (approximate_time.is_some() && !day_only, k),
        };
        Some((Stamp { date, time, zone, month_day, approximate, day_only }, k))
    }

    /// "~", "about", "approx.", "circa", "ca." before a time: the token after.
    fn approximation_before(&self, i: usize) -> Option<usize> {
        if self.mode == Mode::Prose {
            return None;
        }
        if self.symbol(i, '~') || self.symbol(i, '≈') {
            return Some(i + 1);
        }
        let dotted = |k: usize| if self.symbol(k, '.') && self.touches(k) { k + 1 } else { k };
        match self.word(i)? {
            "about" | "around" | "approximately" | "roughly" | "circa" => Some(i + 1),
            "approx" => Some(dotted(i + 1)),
            // "ca." and "c." need their dot: "ca" alone is a word.
            "ca" | "c" if self.symbol(i + 1, '.') && self.touches(i + 1) => Some(i + 2),
            _ => None,
        }
    }

    /// "14:05~", "11pm-ish" after a time: the token after.
    fn approximation_after(&self, k: usize) -> Option<usize> {
        if self.mode == Mode::Prose {
            return None;
        }
        if self.symbol(k, '~') && self.touches(k) {
            return Some(k + 1);
        }
        let dash = usize::from(self.symbol(k, '-') && self.touches(k));
        (self.word(k + dash) == Some("ish") && self.touches(k + dash)).then_some(k + dash + 1)
    }

    /// A time written as unknown on purpose, starting at token `i`: "?",
    /// "???", "??:??", "--:--", "xx:xx", "2X:XX", "HH:MM", "unknown",
    /// "TBD". Gives the token after it.
    pub fn unknown_time(&self, i: usize) -> Option<usize> {
        if matches!(self.word(i), Some("unknown" | "tbd" | "tbc")) {
            return Some(i + 1);
        }
        // A run of touching '?', or of '?' and ':' ("??:??").
        let run = |c: char, from: usize| {
            (from..).take_while(|&k| self.symbol(k, c) && (k == from || self.touches(k))).count()
        };
        let questions = run('?', i);
        if questions > 0 {
            let mut k = i + questions;
            if self.symbol(k, ':') && self.touches(k) && run('?', k + 1) > 0 && self.touches(k + 1)
            {
                k += 1 + run('?', k + 1);
            }
            return Some(k);
        }
        // "--:--"
        if run('-', i) == 2 && self.symbol(i + 2, ':') && self.touches(i + 2) && self.touches(i + 3)
        {
            return (run('-', i + 3) == 2).then_some(i + 5);
        }
        // "xx:xx", "HH:MM", "2X:XX": placeholder letters in a clock's shape.
        let mut k = i;
        if self.number(k, 1..=2).is_some() && self.touches(k + 1) {
            k += 1;
        }
        let hours = matches!(self.word(k), Some("x" | "xx" | "h" | "hh"));
        let minutes = self.symbol(k + 1, ':')
            && self.touches(k + 1)
            && self.touches(k + 2)
            && matches!(self.word(k + 2), Some("x" | "xx" | "m" | "mm"));
        (hours && minutes).then_some(k + 3)
    }

    /// After a date, its time written as unknown, also a bare "X".
    fn unknown_after_date(&self, k: usize) -> Option<usize> {
        if self.word(k) == Some("x") && !self.touches(k + 1) {
            return Some(k + 1);
        }
        self.unknown_time(k)
    }

    /// "12-05 16:21": a month and day joined by a dash, only before a time.
    fn dashed_month_day(&self, i: usize) -> Option<(DateValue, usize)> {
        let month = self.number(i, 1..=2)?;
        let day = self.number(i + 2, 2..=2)?;
        let joined = self.symbol(i + 1, '-') && self.touches(i + 1) && self.touches(i + 2);
        let time_follows = self.tokens.get(i + 3).is_some_and(|t| t.spaced)
            && self.number(i + 3, 1..=2).is_some()
            && self.symbol(i + 4, ':');
        if !joined || !time_follows {
            return None;
        }
        let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
        let day = u8::try_from(day).ok()?;
        Date::from_calendar_date(2000, month, day).ok()?;
        Some((DateValue::MonthDay(month, day), i + 3))
    }

    /// "15.26" after a date: a time with a dot, which alone would be a number.
    fn dotted_time(&mut self, i: usize) -> Option<(Time, usize, bool)> {
        let h = self.number(i, 1..=2)?;
        let m = self.number(i + 2, 2..=2)?;
        if !(self.symbol(i + 1, '.') && self.touches(i + 1) && self.touches(i + 2)) {
            return None;
        }
        self.checked_time(i, i + 3, h, m, 0, None).map(|(t, k)| (t, k, false))
    }

    /// A time of day; also says whether seconds were written.
    fn time(&mut self, i: usize) -> Option<(Time, usize, bool)> {
        match self.word(i) {
            Some("midnight") => return Some((Time::MIDNIGHT, i + 1, false)),
            Some("noon" | "midday") => return Some((Time::from_hms(12, 0, 0).ok()?, i + 1, false)),
            _ => {}
        }
        // In prose a 4-digit number is a time only with its suffix ("2305HRS"):
        // alone it is more likely a year. A field or an entry's start may be
        // "1738" (the entry's reader checks what follows it).
        if let Some(v) = self.number(i, 4..=4) {
            let suffix = match self.word(i + 1) {
                Some("hrs" | "hr" | "hours") => true,
                Some("h") => self.touches(i + 1),
                _ => false,
            };
            if suffix {
                return self
                    .checked_time(i, i + 2, v / 100, v % 100, 0, None)
                    .map(|(t, k)| (t, k, false));
            }
            if self.mode == Mode::Prose || v / 100 > 23 || v % 100 > 59 {
                return None;
            }
            return self
                .checked_time(i, i + 1, v / 100, v % 100, 0, None)
                .map(|(t, k)| (t, k, false));
        }
        let h = self.number(i, 1..=2)?;
        let (mut m, mut s, mut k, mut secs) = (0, 0, i + 1, false);
        if self.symbol(i + 1, ':') && self.touches(i + 1) && self.touches(i + 2) {
            if let Some(v) = self.number(i + 2, 2..=2) {
                m = v;
                k = i + 3;
                if self.symbol(k, ':') && self.touches(k) && self.touches(k + 1) {
                    if let Some(v) = self.number(k + 1, 2..=2) {
                        s = v;
                        k += 2;
                        secs = true;
                        // Fractional seconds are dropped.
                        if self.symbol(k, '.')
                            && self.touches(k)
                            && self.touches(k + 1)
                            && self.number(k + 1, 1..=9).is_some()
                        {
                            k += 2;
                        }
                    }
                }
            }
        }
        let has_minutes = k > i + 1;
        match self.am_pm(k) {
            Some((pm, k2)) => match self.checked_time(i, k2, h, m, s, Some(pm)) {
                Some((t, k2)) => Some((t, k2, secs)),
                // In prose "14:05 am I right" still holds a time.
                None if self.mode != Mode::Whole && has_minutes => {
                    self.checked_time(i, k, h, m, s, None).map(|(t, k)| (t, k, secs))
                }
                None => None,
            },
            None if has_minutes => {
                self.checked_time(i, k, h, m, s, None).map(|(t, k)| (t, k, secs))
            }
            None => None,
        }
    }

    fn am_pm(&self, j: usize) -> Option<(bool, usize)> {
        match self.word(j)? {
            "am" => Some((false, j + 1)),
            "pm" => Some((true, j + 1)),
            w @ ("a" | "p")
                if self.symbol(j + 1, '.')
                    && self.touches(j + 1)
                    && self.word(j + 2) == Some("m")
                    && self.touches(j + 2) =>
            {
                let k = if self.symbol(j + 3, '.') && self.touches(j + 3) { j + 4 } else { j + 3 };
                Some((w == "p", k))
            }
            _ => None,
        }
    }

    /// Checks and builds a time; `pm` is Some for 12-hour clocks.
    fn checked_time(
        &mut self,
        i: usize,
        end: usize,
        h: u32,
        m: u32,
        s: u32,
        pm: Option<bool>,
    ) -> Option<(Time, usize)> {
        let hour_ok = match pm {
            Some(_) => (1..=12).contains(&h),
            None => h <= 23,
        };
        if !hour_ok || m > 59 || s > 59 {
            let text = self.source_text(i, end);
            self.fail(TimeError::BadTime(text));
            return None;
        }
        let h = match pm {
            Some(pm) => h % 12 + if pm { 12 } else { 0 },
            None => h,
        };
        let t = Time::from_hms(u8::try_from(h).ok()?, u8::try_from(m).ok()?, u8::try_from(s).ok()?)
            .ok()?;
        Some((t, end))
    }

    pub fn date(&mut self, i: usize) -> Option<(DateValue, usize)> {
        let tight_run = |p: &Self, a: usize, b: usize| (a..b).all(|k| p.touches(k));
        if let Some(y) = self.number(i, 4..=4) {
            // ISO 2024-06-01, or 2024/06/01.
            if !['-', '/'].into_iter().any(|c| self.symbol(i + 1, c) && self.symbol(i + 3, c)) {
                return None;
            }
            let (m, d) = (self.number(i + 2, 1..=2)?, self.number(i + 4, 1..=2)?);
            if !tight_run(self, i + 1, i + 5) {
                return None;
            }
            return self.full_date(i, i + 5, y, m, d);
        }
        if self.symbol(i + 1, '/') && self.symbol(i + 3, '/') && tight_run(self, i + 1, i + 5) {
            let (a, b, y) =
                (self.number(i, 1..=2)?, self.number(i + 2, 1..=2)?, self.number(i + 4, 4..=4)?);
            // When one reading is impossible the other wins, whatever the document's order.
            let (d, m) = match (a > 12, b > 12) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                (false, false) if self.order == DateOrder::MonthFirst => (b, a),
                (false, false) => (a, b),
                (true, true) => {
                    let text = self.source_text(i, i + 5);
                    self.fail(TimeError::BadDate(text));
                    return None;
                }
            };
            return self.full_date(i, i + 5, y, m, d);
        }
        let (m, d, k) = if let Some((m, k)) = self.month(i) {
            let (d, k) = self.day(k)?;
            (m, d, k)
        } else {
            let (d, mut k) = self.day(i)?;
            // "19. April", as German and Scandinavian writers date.
            if self.symbol(k, '.') && self.touches(k) && self.month(k + 1).is_some() {
                k += 1;
            }
            if self.word(k) == Some("of") {
                k += 1;
            }
            let (m, k) = self.month(k)?;
            (m, d, k)
        };
        let ky = if self.symbol(k, ',') { k + 1 } else { k };
        if let Some(y) = self.year(ky) {
            return self.full_date(i, ky + 1, y, m as u32, d);
        }
        // No year: still check the day exists in some year (2000 is a leap year).
        let d = u8::try_from(d).ok()?;
        if Date::from_calendar_date(2000, m, d).is_err() {
            let text = self.source_text(i, k);
            self.fail(TimeError::BadDate(text));
            return None;
        }
        Some((DateValue::MonthDay(m, d), k))
    }

    fn full_date(
        &mut self,
        i: usize,
        end: usize,
        y: u32,
        m: u32,
        d: u32,
    ) -> Option<(DateValue, usize)> {
        let date = Month::try_from(u8::try_from(m).unwrap_or(0)).ok().and_then(|m| {
            Date::from_calendar_date(i32::try_from(y).ok()?, m, u8::try_from(d).ok()?).ok()
        });
        match date {
            Some(date) => Some((DateValue::Full(date), end)),
            None => {
                let text = self.source_text(i, end);
                self.fail(TimeError::BadDate(text));
                None
            }
        }
    }

    fn month(&self, i: usize) -> Option<(Month, usize)> {
        let w = self.word(i)?;
        let month = month_named(w)?;
        if !self.capitalised_ok(i) {
            return None;
        }
        let k = if w.len() <= 4 && self.symbol(i + 1, '.') && self.touches(i + 1) {
            i + 2
        } else {
            i + 1
        };
        Some((month, k))
    }

    fn day(&self, i: usize) -> Option<(u32, usize)> {
        let d = self.number(i, 1..=2)?;
        match self.word(i + 1) {
            Some("st" | "nd" | "rd" | "th") if self.touches(i + 1) => Some((d, i + 2)),
            _ => Some((d, i + 1)),
        }
    }

    fn year(&self, i: usize) -> Option<u32> {
        let y = self.number(i, 4..=4)?;
        // "April 17 1400hrs" or "Oct 7 14:05" hold a time, not a year.
        let timeish = (self.symbol(i + 1, ':') && self.touches(i + 1))
            || matches!(self.word(i + 1), Some("hrs" | "hr" | "h" | "hours"));
        (!timeish).then_some(y)
    }

    /// Token `i` continues a word or number (as in "abc14:05"), so no expression starts there.
    pub fn glued(&self, i: usize) -> bool {
        i > 0
            && self.touches(i)
            && self.tokens.get(i - 1).is_some_and(|t| !matches!(t.kind, TokenKind::Symbol(_)))
    }
}

/// A weekday by its name or a short name of three to five letters ("Mon",
/// "Tues", "Thurs"), in any case: for times, chat stamps and day headings.
pub fn weekday_named(word: &str) -> Option<Weekday> {
    let w = word.as_bytes();
    let n = WEEKDAYS.iter().position(|name| {
        let name = name.as_bytes();
        (w.len() == name.len() || (3..=5).contains(&w.len()))
            && name.get(..w.len()).is_some_and(|start| start.eq_ignore_ascii_case(w))
    })?;
    Some(Weekday::Monday.nth_next(n as u8))
}

/// A month by its name, its three-letter short name or "Sept", in any case.
pub fn month_named(word: &str) -> Option<Month> {
    let w = word.to_ascii_lowercase();
    let n = MONTHS.iter().position(|name| {
        *name == w
            || (w.len() == 3 && name.starts_with(&w))
            || (w == "sept" && *name == "september")
    })?;
    Month::try_from(u8::try_from(n + 1).ok()?).ok()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
