//! The reader: a small backtracking parser over the tokens of one text,
//! for a time, a range, a date or a zone, and the entry points that read a
//! whole field, the start of a line, or every time in a piece of prose.

use std::ops::{Range, RangeInclusive};

use time::{Date, Month, Time, UtcOffset};

use super::stamp::{DateOrder, Parsed, Stamp, TimeError};
use super::tokens::{tokenize, Token, TokenKind};
use super::zones::{offset_label, offset_on, Zone, GENERIC, LONG_NAMES, US_ABBR, ZONES};

enum DateValue {
    Full(Date),
    MonthDay(Month, u8),
}

/// How a text is read: as a whole time (a timeline cell, a summary field),
/// or as prose being scanned for times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The text is meant to be a time: any case, and errors are reported.
    Whole,
    /// Prose: stricter about case, so that words like "cat" or "may" are
    /// not taken for a zone or a month.
    Prose,
}

/// The reader of times over one text's tokens.
pub struct TimeReader<'a> {
    source: &'a str,
    pub tokens: Vec<Token>,
    order: DateOrder,
    mode: Mode,
    pub error: Option<TimeError>,
}

impl<'a> TimeReader<'a> {
    pub fn new(source: &'a str, order: DateOrder, mode: Mode) -> Self {
        TimeReader { source, tokens: tokenize(source), order, mode, error: None }
    }

    fn number(&self, i: usize, lens: RangeInclusive<usize>) -> Option<u32> {
        match self.tokens.get(i)?.kind {
            TokenKind::Number { value, len } if lens.contains(&len) => Some(value),
            _ => None,
        }
    }
    fn symbol(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Symbol(c))
    }
    fn word(&self, i: usize) -> Option<&str> {
        match &self.tokens.get(i)?.kind {
            TokenKind::Word { lower, .. } => Some(lower),
            _ => None,
        }
    }
    /// Token `i` exists and touches the one before it.
    fn touches(&self, i: usize) -> bool {
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
    fn expression(&mut self, i: usize) -> Option<(Parsed, usize)> {
        let (mut start, k) = self.stamp(i)?;
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
        if self.word(j).is_some_and(is_weekday) && self.capitalised_ok(j) {
            j += if self.symbol(j + 1, ',') { 2 } else { 1 };
        }
        let (date, time, zone, k) = if let Some((d, mut k)) = self.date(j) {
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
            let (t, k, secs) = self.time(k)?;
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
        Some((Stamp { date, time, zone, month_day }, k))
    }

    /// A time of day; also says whether seconds were written.
    fn time(&mut self, i: usize) -> Option<(Time, usize, bool)> {
        match self.word(i) {
            Some("midnight") => return Some((Time::MIDNIGHT, i + 1, false)),
            Some("noon" | "midday") => return Some((Time::from_hms(12, 0, 0).ok()?, i + 1, false)),
            _ => {}
        }
        // Military time needs its suffix: a bare 4-digit number is more likely a year.
        if let Some(v) = self.number(i, 4..=4) {
            let suffix = match self.word(i + 1) {
                Some("hrs" | "hr" | "hours") => true,
                Some("h") => self.touches(i + 1),
                _ => false,
            };
            return if suffix {
                self.checked_time(i, i + 2, v / 100, v % 100, 0, None).map(|(t, k)| (t, k, false))
            } else {
                None
            };
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
                None if self.mode == Mode::Prose && has_minutes => {
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

    fn zone(&self, i: usize, minus_ok: bool) -> Option<(Zone, usize)> {
        if self.symbol(i, '(') {
            let (z, k) = self.bare_zone(i + 1, true)?;
            return self.symbol(k, ')').then_some((z, k + 1));
        }
        self.bare_zone(i, minus_ok)
    }

    fn bare_zone(&self, i: usize, minus_ok: bool) -> Option<(Zone, usize)> {
        if let Some(sign) = self.sign(i) {
            // Bare offsets; in prose a short "+10" must touch the time to count.
            if sign < 0 && !minus_ok {
                return None;
            }
            let (secs, k) = self.offset(i + 1, sign, false)?;
            if self.mode == Mode::Prose
                && self.tokens.get(i).is_some_and(|t| t.spaced)
                && k == i + 2
                && self.number(i + 1, 2..=2).is_some()
            {
                return None;
            }
            return Some((
                Zone {
                    label: offset_label("UTC", secs),
                    offset: UtcOffset::from_whole_seconds(secs).ok()?,
                },
                k,
            ));
        }
        let w = self.word(i)?;
        if w == "utc" || w == "gmt" {
            let prefix = w.to_ascii_uppercase();
            if let Some(sign) = self.sign(i + 1).filter(|_| self.touches(i + 1)) {
                if let Some((secs, k)) = self.offset(i + 2, sign, true) {
                    return Some((
                        Zone {
                            label: offset_label(&prefix, secs),
                            offset: UtcOffset::from_whole_seconds(secs).ok()?,
                        },
                        k,
                    ));
                }
            }
            return Some((Zone { label: prefix, offset: UtcOffset::UTC }, i + 1));
        }
        if w == "z" && self.capitals_ok(i) {
            return Some((Zone { label: "UTC".into(), offset: UtcOffset::UTC }, i + 1));
        }
        for &(words, label, hours) in LONG_NAMES {
            let matches = words.iter().enumerate().all(|(n, want)| self.word(i + n) == Some(*want));
            if matches && self.capitalised_ok(i) {
                // India is +5:30; the others are whole hours.
                let minutes = if label == "IST" { 30 } else { 0 };
                let offset = UtcOffset::from_hms(hours, minutes, 0).ok()?;
                return Some((Zone { label: label.into(), offset }, i + words.len()));
            }
        }
        for &(abbr, hours, long) in GENERIC {
            let k = if w == abbr && self.capitals_ok(i) {
                i + 1
            } else if w == long && self.capitalised_ok(i) {
                if self.word(i + 1) == Some("time") {
                    i + 2
                } else {
                    i + 1
                }
            } else {
                continue;
            };
            let offset = UtcOffset::from_hms(hours, 0, 0).ok()?;
            return Some((Zone { label: abbr.to_ascii_uppercase(), offset }, k));
        }
        let &(abbr, h, m) = ZONES.iter().find(|z| z.0 == w).filter(|_| self.capitals_ok(i))?;
        let secs = h * 3600 + h.signum() * m * 60;
        Some((
            Zone {
                label: abbr.to_ascii_uppercase(),
                offset: UtcOffset::from_whole_seconds(secs).ok()?,
            },
            i + 1,
        ))
    }

    fn sign(&self, i: usize) -> Option<i32> {
        if self.symbol(i, '+') {
            Some(1)
        } else if self.symbol(i, '-') || self.symbol(i, '−') {
            Some(-1)
        } else {
            None
        }
    }

    /// Offset digits after a sign: "3", "03", "03:00", "0300" (a lone "3" only after GMT/UTC).
    fn offset(&self, i: usize, sign: i32, prefixed: bool) -> Option<(i32, usize)> {
        if !self.touches(i) {
            return None;
        }
        let (h, m, k) = if let Some(v) = self.number(i, 4..=4) {
            (v / 100, v % 100, i + 1)
        } else {
            let h = self.number(i, if prefixed { 1..=2 } else { 2..=2 })?;
            match self.number(i + 2, 2..=2) {
                Some(m)
                    if self.symbol(i + 1, ':') && self.touches(i + 1) && self.touches(i + 2) =>
                {
                    (h, m, i + 3)
                }
                _ => (h, 0, i + 1),
            }
        };
        // Real offsets stay within ±14 h; anything else is probably a range like "14:00-16:30".
        if h > 14 || m > 59 {
            return None;
        }
        Some((sign * i32::try_from(h * 3600 + m * 60).ok()?, k))
    }

    fn date(&mut self, i: usize) -> Option<(DateValue, usize)> {
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
        let n = MONTHS.iter().position(|name| {
            *name == w
                || (w.len() == 3 && name.starts_with(w))
                || (w == "sept" && *name == "september")
        })?;
        if !self.capitalised_ok(i) {
            return None;
        }
        let month = Month::try_from(u8::try_from(n + 1).ok()?).ok()?;
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
    fn glued(&self, i: usize) -> bool {
        i > 0
            && self.touches(i)
            && self.tokens.get(i - 1).is_some_and(|t| !matches!(t.kind, TokenKind::Symbol(_)))
    }
}

fn is_weekday(w: &str) -> bool {
    WEEKDAYS.iter().any(|d| *d == w || (w.len() >= 3 && d.starts_with(w) && w.len() <= 5))
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

/// The whole string (trimmed, optional surrounding parentheses) is one zone.
pub fn parse_zone(s: &str) -> Option<Zone> {
    let p = TimeReader::new(s.trim(), DateOrder::default(), Mode::Whole);
    match p.zone(0, true) {
        Some((z, k)) if k == p.tokens.len() => Some(z),
        _ => None,
    }
}

/// The whole string must be a time expression. Surrounding whitespace, a
/// trailing ':' and surrounding emphasis/code markers are tolerated.
pub fn parse_time(s: &str, order: DateOrder) -> Result<Parsed, TimeError> {
    let mut s = s.trim();
    loop {
        let before = s.len();
        s = s.trim_end_matches(':').trim_matches(|c| c == '*' || c == '`').trim();
        if s.len() == before {
            break;
        }
    }
    if s.is_empty() {
        return Err(TimeError::Empty);
    }
    let mut p = TimeReader::new(s, order, Mode::Whole);
    let got = p.expression(0);
    if let Some((parsed, k)) = &got {
        if *k == p.tokens.len() {
            return Ok(parsed.clone());
        }
    }
    if let Some(e) = p.error.take() {
        return Err(e);
    }
    if let Some((_, k)) = got {
        // A single left-over upper-case or parenthesised word reads as a zone we do not know.
        let rest = &p.tokens[k.min(p.tokens.len())..];
        let word = match rest {
            [w] if matches!(w.kind, TokenKind::Word { capitals: true, .. }) => Some(w),
            [a, w, b] if a.kind == TokenKind::Symbol('(') && b.kind == TokenKind::Symbol(')') => {
                Some(w)
            }
            _ => None,
        };
        if let Some(w) = word.filter(
            |w| matches!(&w.kind, TokenKind::Word { lower, .. } if (2..=6).contains(&lower.len())),
        ) {
            return Err(TimeError::UnknownZone(s.get(w.start..w.end).unwrap_or("").to_string()));
        }
    }
    Err(TimeError::Unreadable(s.to_string()))
}

/// The longest prefix of `line` that is a time expression, and its byte length.
/// Leading whitespace, '*', '`' and '(' are skipped; closing markers right
/// after the time are included, the separator after it is not.
pub fn leading_time(line: &str, order: DateOrder) -> Option<(Parsed, usize)> {
    let skip = |c: char| c.is_whitespace() || c == '*' || c == '`' || c == '(';
    let body_start = line.find(|c: char| !skip(c)).unwrap_or(line.len());
    let opened = line.get(..body_start).unwrap_or("").contains('(');
    let body = line.get(body_start..).unwrap_or("").split('\n').next().unwrap_or("");
    let mut p = TimeReader::new(body, order, Mode::Prose);
    let (parsed, k) = p.expression(0)?;
    let mut end = body_start + p.tokens.get(k.checked_sub(1)?)?.end;
    let markers = |s: &str| s.len() - s.trim_start_matches(['*', '`']).len();
    end += markers(line.get(end..).unwrap_or(""));
    if opened && line.get(end..).is_some_and(|r| r.starts_with(')')) {
        end += 1;
        end += markers(line.get(end..).unwrap_or(""));
    }
    Some((parsed, end))
}

/// Runs `f` at each token of each line that may start an expression; `f`
/// returns the token after a match. Matches never span lines.
fn scan<T>(
    text: &str,
    order: DateOrder,
    mut f: impl FnMut(&mut TimeReader, usize) -> Option<(T, usize)>,
) -> Vec<(Range<usize>, T)> {
    let mut out = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let mut p = TimeReader::new(line, order, Mode::Prose);
        let mut i = 0;
        while i < p.tokens.len() {
            if !p.glued(i) {
                if let Some((v, k)) = f(&mut p, i) {
                    if let (Some(a), Some(b)) = (p.tokens.get(i), p.tokens.get(k.wrapping_sub(1))) {
                        if k > i {
                            out.push((base + a.start..base + b.end, v));
                            i = k;
                            continue;
                        }
                    }
                }
            }
            i += 1;
        }
        base += line.len() + 1;
    }
    out
}

/// Every time expression in a prose text, with byte ranges. A date alone is not one.
pub fn find_times(text: &str, order: DateOrder) -> Vec<(Range<usize>, Parsed)> {
    scan(text, order, |p, i| p.expression(i))
}

/// Every full date (with a year) in a text, including dates that are part of
/// a timestamp; compare with [`find_times`] to find dates that stand alone.
pub fn find_dates(text: &str, order: DateOrder) -> Vec<(Range<usize>, Date)> {
    scan(text, order, |p, i| match p.date(i)? {
        (DateValue::Full(d), k) => Some((d, k)),
        (DateValue::MonthDay(..), _) => None,
    })
}

/// Guess the slashed-date order of a whole document.
pub fn guess_date_order(text: &str) -> DateOrder {
    let p = TimeReader::new(text, DateOrder::default(), Mode::Prose);
    let (mut day_first, mut month_first) = (false, false);
    for i in 0..p.tokens.len() {
        let slashed =
            p.symbol(i + 1, '/') && p.symbol(i + 3, '/') && (i + 1..i + 5).all(|k| p.touches(k));
        if let (true, Some(a), Some(b), Some(_)) =
            (slashed, p.number(i, 1..=2), p.number(i + 2, 1..=2), p.number(i + 4, 4..=4))
        {
            day_first |= a > 12;
            month_first |= b > 12;
        }
    }
    if day_first {
        return DateOrder::DayFirst;
    }
    if month_first {
        return DateOrder::MonthFirst;
    }
    // "Central" and "Mountain" are common words, so they count only before "Time".
    let us = (0..p.tokens.len()).any(|i| match &p.tokens[i].kind {
        TokenKind::Word { lower, capitals, capitalised } => {
            (*capitals && US_ABBR.contains(&lower.to_ascii_uppercase().as_str()))
                || (*capitalised && (lower == "pacific" || lower == "eastern"))
                || (*capitalised
                    && (lower == "central" || lower == "mountain")
                    && p.word(i + 1) == Some("time"))
        }
        _ => false,
    });
    if us {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    }
}
