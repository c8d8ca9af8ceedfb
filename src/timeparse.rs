//! Reading the times people write in postmortems: typed in the timeline's
//! "Time" cell, or found in hand-written Markdown being imported.
//!
//! The text is split into tokens by hand (numbers, ASCII words, single
//! symbols, each remembering whether whitespace preceded it) and read by a
//! small backtracking parser. Every calendar rule comes from the `time` crate.

use std::fmt;
use std::ops::{Range, RangeInclusive};
use time::{Date, Duration, Month, Time, UtcOffset, Weekday};

/// A time zone as written: a canonical label to show, and its offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    pub label: String,
    pub offset: UtcOffset,
}

/// Day/month order for slashed dates like 05/06/2020. ISO dates are never ambiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// What one time expression says. A date or zone may be missing; the caller supplies them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub date: Option<Date>,
    pub time: Time,
    pub zone: Option<Zone>,
    /// Month and day of a date written without a year ("April 17th"); `date` is then None.
    pub month_day: Option<(Month, u8)>,
}

/// A time, or a range of two ("7:30AM to 8:05PM WAT"). A zone written once
/// at either end of a range applies to both ends; dates are not copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub start: Stamp,
    pub end: Option<Stamp>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeError {
    Empty,
    Unreadable(String),
    BadDate(String),
    BadTime(String),
    UnknownZone(String),
}

pub const ACCEPTED: &str = "14:05, 2:05 PM, 2305HRS or 2024-06-01 14:05, optionally followed by a zone such as UTC, EAT, GMT+2 or +03:00";

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::Empty => write!(f, "No time was given."),
            TimeError::Unreadable(s) => {
                write!(f, "\"{s}\" is not a time I can read. Write it like {ACCEPTED}.")
            }
            TimeError::BadDate(s) => write!(f, "\"{s}\" is not a date that exists."),
            TimeError::BadTime(s) => write!(f, "\"{s}\" is not a valid time of day."),
            TimeError::UnknownZone(s) => {
                write!(f, "\"{s}\" is not a time zone I know. Write the time like {ACCEPTED}.")
            }
        }
    }
}

/// Abbreviations with a fixed offset (hours, minutes).
const ZONES: &[(&str, i32, i32)] = &[
    ("utc", 0, 0),
    ("gmt", 0, 0),
    ("wat", 1, 0),
    ("cet", 1, 0),
    ("cest", 2, 0),
    ("bst", 1, 0),
    ("cat", 2, 0),
    ("sast", 2, 0),
    ("eet", 2, 0),
    ("eest", 3, 0),
    ("eat", 3, 0),
    ("msk", 3, 0),
    ("ist", 5, 30),
    ("pkt", 5, 0),
    ("sgt", 8, 0),
    ("hkt", 8, 0),
    ("jst", 9, 0),
    ("kst", 9, 0),
    ("aest", 10, 0),
    ("aedt", 11, 0),
    ("nzst", 12, 0),
    ("nzdt", 13, 0),
    ("est", -5, 0),
    ("edt", -4, 0),
    ("cst", -6, 0),
    ("cdt", -5, 0),
    ("mst", -7, 0),
    ("mdt", -6, 0),
    ("pst", -8, 0),
    ("pdt", -7, 0),
    ("akst", -9, 0),
    ("akdt", -8, 0),
    ("hst", -10, 0),
];

/// US zones named without standard/daylight: label, standard offset hours, long name.
const GENERIC: &[(&str, i8, &str)] =
    &[("et", -5, "eastern"), ("ct", -6, "central"), ("mt", -7, "mountain"), ("pt", -8, "pacific")];

/// Zones written out in words, with their fixed offsets (hours). Matched
/// before the US names, so "Central African Time" is not US Central.
const LONG_NAMES: &[(&[&str], &str, i8)] = &[
    (&["central", "african", "time"], "CAT", 2),
    (&["central", "africa", "time"], "CAT", 2),
    (&["east", "african", "time"], "EAT", 3),
    (&["east", "africa", "time"], "EAT", 3),
    (&["west", "african", "time"], "WAT", 1),
    (&["west", "africa", "time"], "WAT", 1),
    (&["south", "african", "standard", "time"], "SAST", 2),
    (&["central", "european", "time"], "CET", 1),
    (&["central", "european", "summer", "time"], "CEST", 2),
    (&["eastern", "european", "time"], "EET", 2),
    (&["british", "summer", "time"], "BST", 1),
    (&["india", "standard", "time"], "IST", 5),
];

const US_ABBR: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "ET", "CT",
    "MT", "PT",
];

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

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Num {
        val: u32,
        len: usize,
    },
    /// Lower-cased text, whether the source was all upper case, whether it was capitalised.
    Word {
        low: String,
        upper: bool,
        cap: bool,
    },
    Sym(char),
}

#[derive(Clone, Debug)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// Whitespace comes before this token.
    gap: bool,
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut chars = s.char_indices().peekable();
    let mut gap = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        let mut end = start + c.len_utf8();
        let same =
            |d: char| if c.is_ascii_digit() { d.is_ascii_digit() } else { d.is_ascii_alphabetic() };
        if c.is_ascii_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                if !same(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        }
        let text = s.get(start..end).unwrap_or("");
        let kind = if c.is_ascii_digit() {
            // Saturate: long digit runs are never times, their value does not matter.
            let val = text
                .bytes()
                .fold(0u32, |v, b| v.saturating_mul(10).saturating_add(u32::from(b - b'0')));
            Kind::Num { val, len: text.len() }
        } else if c.is_ascii_alphabetic() {
            Kind::Word {
                low: text.to_ascii_lowercase(),
                upper: !text.bytes().any(|b| b.is_ascii_lowercase()),
                cap: c.is_ascii_uppercase(),
            }
        } else {
            Kind::Sym(c)
        };
        toks.push(Tok { kind, start, end, gap });
        gap = false;
    }
    toks
}

enum DateVal {
    Full(Date),
    MonthDay(Month, u8),
}

/// The parser over one text. `strict` is the whole-string mode of
/// [`parse_time`]: case-insensitive and reporting errors. Scanning prose is
/// stricter about case so that words like "cat" or "may" are not taken.
struct P<'a> {
    src: &'a str,
    t: Vec<Tok>,
    order: DateOrder,
    strict: bool,
    err: Option<TimeError>,
}

impl<'a> P<'a> {
    fn new(src: &'a str, order: DateOrder, strict: bool) -> Self {
        P { src, t: tokenize(src), order, strict, err: None }
    }

    fn num(&self, i: usize, lens: RangeInclusive<usize>) -> Option<u32> {
        match self.t.get(i)?.kind {
            Kind::Num { val, len } if lens.contains(&len) => Some(val),
            _ => None,
        }
    }
    fn sym(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Sym(c))
    }
    fn word(&self, i: usize) -> Option<&str> {
        match &self.t.get(i)?.kind {
            Kind::Word { low, .. } => Some(low),
            _ => None,
        }
    }
    /// Token `i` exists and touches the one before it.
    fn tight(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.gap)
    }
    fn upper_ok(&self, i: usize) -> bool {
        self.strict
            || matches!(self.t.get(i), Some(Tok { kind: Kind::Word { upper: true, .. }, .. }))
    }
    fn cap_ok(&self, i: usize) -> bool {
        self.strict || matches!(self.t.get(i), Some(Tok { kind: Kind::Word { cap: true, .. }, .. }))
    }
    /// Source text of tokens `a..b`.
    fn text(&self, a: usize, b: usize) -> String {
        let (Some(x), Some(y)) = (self.t.get(a), self.t.get(b.wrapping_sub(1))) else {
            return String::new();
        };
        self.src.get(x.start..y.end).unwrap_or("").to_string()
    }
    fn fail(&mut self, e: TimeError) {
        self.err.get_or_insert(e);
    }

    /// A time or a range starting at token `i`, and the token index after it.
    fn expr(&mut self, i: usize) -> Option<(Parsed, usize)> {
        let (mut start, k) = self.stamp(i)?;
        let sep = self.sym(k, '-')
            || self.sym(k, '–')
            || self.sym(k, '—')
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
        if self.word(j).is_some_and(is_weekday) && self.cap_ok(j) {
            j += if self.sym(j + 1, ',') { 2 } else { 1 };
        }
        let (date, time, zone, k) = if let Some((d, mut k)) = self.date(j) {
            if self.sym(k, ',') {
                k += 1;
            }
            let iso_t = self.word(k) == Some("t") && self.tight(k) && self.tight(k + 1);
            // "at", ISO "T", and the malformed "2023-01-04/11:34".
            if self.word(k) == Some("at")
                || iso_t
                || (self.sym(k, '/') && self.tight(k) && self.tight(k + 1))
            {
                k += 1;
            }
            let (t, k, secs) = self.time(k)?;
            // An offset glued on with '-' only in machine-like stamps; else "09:00-10:00" is a range.
            let minus_ok = iso_t || secs || self.t.get(k).is_some_and(|t| t.gap);
            match self.zone(k, minus_ok) {
                Some((z, k)) => (Some(d), t, Some(z), k),
                None => (Some(d), t, None, k),
            }
        } else {
            let (t, mut k, _) = self.time(j)?;
            let mut zone = None;
            if let Some((z, k2)) = self.zone(k, self.t.get(k).is_some_and(|t| t.gap)) {
                zone = Some(z);
                k = k2;
            }
            // A date may follow the time: "5:00 pm 05/22/2020".
            let mut k1 = if self.sym(k, ',') { k + 1 } else { k };
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
            Some(DateVal::Full(d)) => (Some(d), None),
            Some(DateVal::MonthDay(m, d)) => (None, Some((m, d))),
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
        if let Some(v) = self.num(i, 4..=4) {
            let suffix = match self.word(i + 1) {
                Some("hrs" | "hr" | "hours") => true,
                Some("h") => self.tight(i + 1),
                _ => false,
            };
            return if suffix {
                self.hms(i, i + 2, v / 100, v % 100, 0, None).map(|(t, k)| (t, k, false))
            } else {
                None
            };
        }
        let h = self.num(i, 1..=2)?;
        let (mut m, mut s, mut k, mut secs) = (0, 0, i + 1, false);
        if self.sym(i + 1, ':') && self.tight(i + 1) && self.tight(i + 2) {
            if let Some(v) = self.num(i + 2, 2..=2) {
                m = v;
                k = i + 3;
                if self.sym(k, ':') && self.tight(k) && self.tight(k + 1) {
                    if let Some(v) = self.num(k + 1, 2..=2) {
                        s = v;
                        k += 2;
                        secs = true;
                        // Fractional seconds are dropped.
                        if self.sym(k, '.')
                            && self.tight(k)
                            && self.tight(k + 1)
                            && self.num(k + 1, 1..=9).is_some()
                        {
                            k += 2;
                        }
                    }
                }
            }
        }
        let has_minutes = k > i + 1;
        match self.ampm(k) {
            Some((pm, k2)) => match self.hms(i, k2, h, m, s, Some(pm)) {
                Some((t, k2)) => Some((t, k2, secs)),
                // In prose "14:05 am I right" still holds a time.
                None if !self.strict && has_minutes => {
                    self.hms(i, k, h, m, s, None).map(|(t, k)| (t, k, secs))
                }
                None => None,
            },
            None if has_minutes => self.hms(i, k, h, m, s, None).map(|(t, k)| (t, k, secs)),
            None => None,
        }
    }

    fn ampm(&self, j: usize) -> Option<(bool, usize)> {
        match self.word(j)? {
            "am" => Some((false, j + 1)),
            "pm" => Some((true, j + 1)),
            w @ ("a" | "p")
                if self.sym(j + 1, '.')
                    && self.tight(j + 1)
                    && self.word(j + 2) == Some("m")
                    && self.tight(j + 2) =>
            {
                let k = if self.sym(j + 3, '.') && self.tight(j + 3) { j + 4 } else { j + 3 };
                Some((w == "p", k))
            }
            _ => None,
        }
    }

    /// Checks and builds a time; `pm` is Some for 12-hour clocks.
    fn hms(
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
            let text = self.text(i, end);
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
        if self.sym(i, '(') {
            let (z, k) = self.bare_zone(i + 1, true)?;
            return self.sym(k, ')').then_some((z, k + 1));
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
            if !self.strict
                && self.t.get(i).is_some_and(|t| t.gap)
                && k == i + 2
                && self.num(i + 1, 2..=2).is_some()
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
            if let Some(sign) = self.sign(i + 1).filter(|_| self.tight(i + 1)) {
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
        if w == "z" && self.upper_ok(i) {
            return Some((Zone { label: "UTC".into(), offset: UtcOffset::UTC }, i + 1));
        }
        for &(words, label, hours) in LONG_NAMES {
            let matches = words.iter().enumerate().all(|(n, want)| self.word(i + n) == Some(*want));
            if matches && self.cap_ok(i) {
                // India is +5:30; the others are whole hours.
                let minutes = if label == "IST" { 30 } else { 0 };
                let offset = UtcOffset::from_hms(hours, minutes, 0).ok()?;
                return Some((Zone { label: label.into(), offset }, i + words.len()));
            }
        }
        for &(abbr, hours, long) in GENERIC {
            let k = if w == abbr && self.upper_ok(i) {
                i + 1
            } else if w == long && self.cap_ok(i) {
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
        let &(abbr, h, m) = ZONES.iter().find(|z| z.0 == w).filter(|_| self.upper_ok(i))?;
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
        if self.sym(i, '+') {
            Some(1)
        } else if self.sym(i, '-') || self.sym(i, '−') {
            Some(-1)
        } else {
            None
        }
    }

    /// Offset digits after a sign: "3", "03", "03:00", "0300" (a lone "3" only after GMT/UTC).
    fn offset(&self, i: usize, sign: i32, prefixed: bool) -> Option<(i32, usize)> {
        if !self.tight(i) {
            return None;
        }
        let (h, m, k) = if let Some(v) = self.num(i, 4..=4) {
            (v / 100, v % 100, i + 1)
        } else {
            let h = self.num(i, if prefixed { 1..=2 } else { 2..=2 })?;
            match self.num(i + 2, 2..=2) {
                Some(m) if self.sym(i + 1, ':') && self.tight(i + 1) && self.tight(i + 2) => {
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

    fn date(&mut self, i: usize) -> Option<(DateVal, usize)> {
        let tight_run = |p: &Self, a: usize, b: usize| (a..b).all(|k| p.tight(k));
        if let Some(y) = self.num(i, 4..=4) {
            // ISO 2024-06-01, or 2024/06/01.
            if !['-', '/'].into_iter().any(|c| self.sym(i + 1, c) && self.sym(i + 3, c)) {
                return None;
            }
            let (m, d) = (self.num(i + 2, 1..=2)?, self.num(i + 4, 1..=2)?);
            if !tight_run(self, i + 1, i + 5) {
                return None;
            }
            return self.full(i, i + 5, y, m, d);
        }
        if self.sym(i + 1, '/') && self.sym(i + 3, '/') && tight_run(self, i + 1, i + 5) {
            let (a, b, y) = (self.num(i, 1..=2)?, self.num(i + 2, 1..=2)?, self.num(i + 4, 4..=4)?);
            // When one reading is impossible the other wins, whatever the document's order.
            let (d, m) = match (a > 12, b > 12) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                (false, false) if self.order == DateOrder::MonthFirst => (b, a),
                (false, false) => (a, b),
                (true, true) => {
                    let text = self.text(i, i + 5);
                    self.fail(TimeError::BadDate(text));
                    return None;
                }
            };
            return self.full(i, i + 5, y, m, d);
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
        let ky = if self.sym(k, ',') { k + 1 } else { k };
        if let Some(y) = self.year(ky) {
            return self.full(i, ky + 1, y, m as u32, d);
        }
        // No year: still check the day exists in some year (2000 is a leap year).
        let d = u8::try_from(d).ok()?;
        if Date::from_calendar_date(2000, m, d).is_err() {
            let text = self.text(i, k);
            self.fail(TimeError::BadDate(text));
            return None;
        }
        Some((DateVal::MonthDay(m, d), k))
    }

    fn full(&mut self, i: usize, end: usize, y: u32, m: u32, d: u32) -> Option<(DateVal, usize)> {
        let date = Month::try_from(u8::try_from(m).unwrap_or(0)).ok().and_then(|m| {
            Date::from_calendar_date(i32::try_from(y).ok()?, m, u8::try_from(d).ok()?).ok()
        });
        match date {
            Some(date) => Some((DateVal::Full(date), end)),
            None => {
                let text = self.text(i, end);
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
        if !self.cap_ok(i) {
            return None;
        }
        let month = Month::try_from(u8::try_from(n + 1).ok()?).ok()?;
        let k =
            if w.len() <= 4 && self.sym(i + 1, '.') && self.tight(i + 1) { i + 2 } else { i + 1 };
        Some((month, k))
    }

    fn day(&self, i: usize) -> Option<(u32, usize)> {
        let d = self.num(i, 1..=2)?;
        match self.word(i + 1) {
            Some("st" | "nd" | "rd" | "th") if self.tight(i + 1) => Some((d, i + 2)),
            _ => Some((d, i + 1)),
        }
    }

    fn year(&self, i: usize) -> Option<u32> {
        let y = self.num(i, 4..=4)?;
        // "April 17 1400hrs" or "Oct 7 14:05" hold a time, not a year.
        let timeish = (self.sym(i + 1, ':') && self.tight(i + 1))
            || matches!(self.word(i + 1), Some("hrs" | "hr" | "h" | "hours"));
        (!timeish).then_some(y)
    }

    /// Token `i` continues a word or number (as in "abc14:05"), so no expression starts there.
    fn glued(&self, i: usize) -> bool {
        i > 0 && self.tight(i) && self.t.get(i - 1).is_some_and(|t| !matches!(t.kind, Kind::Sym(_)))
    }
}

fn is_weekday(w: &str) -> bool {
    WEEKDAYS.iter().any(|d| *d == w || (w.len() >= 3 && d.starts_with(w) && w.len() <= 5))
}

fn offset_label(prefix: &str, secs: i32) -> String {
    if secs == 0 {
        return prefix.to_string();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let (h, m) = (secs.unsigned_abs() / 3600, secs.unsigned_abs() % 3600 / 60);
    if m == 0 {
        format!("{prefix}{sign}{h}")
    } else {
        format!("{prefix}{sign}{h}:{m:02}")
    }
}

/// The whole string (trimmed, optional surrounding parentheses) is one zone.
pub fn parse_zone(s: &str) -> Option<Zone> {
    let p = P::new(s.trim(), DateOrder::default(), true);
    match p.zone(0, true) {
        Some((z, k)) if k == p.t.len() => Some(z),
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
    let mut p = P::new(s, order, true);
    let got = p.expr(0);
    if let Some((parsed, k)) = &got {
        if *k == p.t.len() {
            return Ok(parsed.clone());
        }
    }
    if let Some(e) = p.err.take() {
        return Err(e);
    }
    if let Some((_, k)) = got {
        // A single left-over upper-case or parenthesised word reads as a zone we do not know.
        let rest = &p.t[k.min(p.t.len())..];
        let word = match rest {
            [w] if matches!(w.kind, Kind::Word { upper: true, .. }) => Some(w),
            [a, w, b] if a.kind == Kind::Sym('(') && b.kind == Kind::Sym(')') => Some(w),
            _ => None,
        };
        if let Some(w) = word
            .filter(|w| matches!(&w.kind, Kind::Word { low, .. } if (2..=6).contains(&low.len())))
        {
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
    let mut p = P::new(body, order, false);
    let (parsed, k) = p.expr(0)?;
    let mut end = body_start + p.t.get(k.checked_sub(1)?)?.end;
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
    mut f: impl FnMut(&mut P, usize) -> Option<(T, usize)>,
) -> Vec<(Range<usize>, T)> {
    let mut out = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let mut p = P::new(line, order, false);
        let mut i = 0;
        while i < p.t.len() {
            if !p.glued(i) {
                if let Some((v, k)) = f(&mut p, i) {
                    if let (Some(a), Some(b)) = (p.t.get(i), p.t.get(k.wrapping_sub(1))) {
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
    scan(text, order, |p, i| p.expr(i))
}

/// Every full date (with a year) in a text, including dates that are part of
/// a timestamp; compare with [`find_times`] to find dates that stand alone.
pub fn find_dates(text: &str, order: DateOrder) -> Vec<(Range<usize>, Date)> {
    scan(text, order, |p, i| match p.date(i)? {
        (DateVal::Full(d), k) => Some((d, k)),
        (DateVal::MonthDay(..), _) => None,
    })
}

/// Guess the slashed-date order of a whole document.
pub fn guess_date_order(text: &str) -> DateOrder {
    let p = P::new(text, DateOrder::default(), false);
    let (mut day_first, mut month_first) = (false, false);
    for i in 0..p.t.len() {
        let slashed = p.sym(i + 1, '/') && p.sym(i + 3, '/') && (i + 1..i + 5).all(|k| p.tight(k));
        if let (true, Some(a), Some(b), Some(_)) =
            (slashed, p.num(i, 1..=2), p.num(i + 2, 1..=2), p.num(i + 4, 4..=4))
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
    let us = (0..p.t.len()).any(|i| match &p.t[i].kind {
        Kind::Word { low, upper, cap } => {
            (*upper && US_ABBR.contains(&low.to_ascii_uppercase().as_str()))
                || (*cap && (low == "pacific" || low == "eastern"))
                || (*cap
                    && (low == "central" || low == "mountain")
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

/// Offset of a zone on a date. Only the generic US zones (ET, CT, MT, PT)
/// depend on it: daylight time from the second Sunday of March to the first
/// Sunday of November; standard time when the date is unknown.
pub fn offset_on(zone: &Zone, date: Option<Date>) -> UtcOffset {
    let Some(&(_, standard, _)) = GENERIC.iter().find(|g| g.0.eq_ignore_ascii_case(&zone.label))
    else {
        return zone.offset;
    };
    let dst = date.is_some_and(|d| {
        let (Ok(mar7), Ok(oct31)) = (
            Date::from_calendar_date(d.year(), Month::March, 7),
            Date::from_calendar_date(d.year(), Month::October, 31),
        ) else {
            return false;
        };
        d >= mar7.next_occurrence(Weekday::Sunday) && d < oct31.next_occurrence(Weekday::Sunday)
    });
    UtcOffset::from_hms(standard + i8::from(dst), 0, 0).unwrap_or(zone.offset)
}

/// "2 h 30 min", "45 min", "0 min", "1 d 3 h"; seconds are dropped.
pub fn format_duration(d: Duration) -> String {
    let mins = d.whole_minutes();
    let abs = mins.unsigned_abs();
    let (days, h, m) = (abs / 1440, abs / 60 % 24, abs % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} d"));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 || parts.is_empty() {
        parts.push(format!("{m} min"));
    }
    format!("{}{}", if mins < 0 { "-" } else { "" }, parts.join(" "))
}

pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

pub fn format_time(t: Time) -> String {
    match t.second() {
        0 => format!("{:02}:{:02}", t.hour(), t.minute()),
        s => format!("{:02}:{:02}:{s:02}", t.hour(), t.minute()),
    }
}

/// "2024-06-01 14:05 EAT": the parts of a stamp that are known.
pub fn format_stamp(s: &Stamp) -> String {
    let mut out = match (s.date, s.month_day) {
        (Some(d), _) => format!("{} ", format_date(d)),
        (None, Some((m, d))) => format!("{m} {d} "),
        _ => String::new(),
    };
    out.push_str(&format_time(s.time));
    if let Some(z) = &s.zone {
        out.push(' ');
        out.push_str(&z.label);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateOrder::{DayFirst, MonthFirst};

    fn p(s: &str) -> Parsed {
        parse_time(s, DayFirst).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }
    fn hm(h: u8, m: u8) -> Time {
        Time::from_hms(h, m, 0).unwrap()
    }
    fn ymd(y: i32, m: u8, d: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
    }
    fn label(s: &str) -> String {
        p(s).start.zone.map(|z| z.label).unwrap_or_default()
    }
    fn hours(s: &str) -> i8 {
        p(s).start.zone.unwrap().offset.whole_hours()
    }

    #[test]
    fn clock_times() {
        for (s, h, m) in [
            ("14:05", 14, 5),
            ("9:05", 9, 5),
            ("2:00 PM", 14, 0),
            ("2:00PM", 14, 0),
            ("7:05AM", 7, 5),
            ("2 PM", 14, 0),
            ("2pm", 14, 0),
            ("5:00 pm", 17, 0),
            ("8:20 a.m.", 8, 20),
            ("8:20 p.m", 20, 20),
            ("03:00 PM", 15, 0),
            ("07:00PM", 19, 0),
            ("12:15 AM", 0, 15),
            ("12:00 PM", 12, 0),
            ("2305HRS", 23, 5),
            ("0029hrs", 0, 29),
            ("Midnight", 0, 0),
            ("noon", 12, 0),
        ] {
            let got = p(s);
            assert_eq!(
                (got.start.time, got.start.date, got.start.zone, got.end),
                (hm(h, m), None, None, None),
                "{s}"
            );
        }
        assert_eq!(p("14:05:30").start.time, Time::from_hms(14, 5, 30).unwrap());
    }

    #[test]
    fn zones_after_times() {
        assert_eq!((label("14:05 UTC"), hours("14:05 UTC")), ("UTC".into(), 0));
        assert_eq!((label("9:00 AM GMT+2"), hours("9:00 AM GMT+2")), ("GMT+2".into(), 2));
        assert_eq!(p("9:00 AM GMT+2").start.time, hm(9, 0));
        assert_eq!(label("10:00 AM (UTC)"), "UTC");
        assert_eq!((label("2:00 PM EST"), hours("2:00 PM EST")), ("EST".into(), -5));
        assert_eq!((p("2305HRS EAT").start.time, label("2305HRS EAT")), (hm(23, 5), "EAT".into()));
        assert_eq!((p("midnight (SAST)").start.time, hours("midnight (SAST)")), (hm(0, 0), 2));
        assert_eq!(label("14:05 +03:00"), "UTC+3");
        assert_eq!(label("14:05 -07:00"), "UTC-7");
    }

    #[test]
    fn parse_zone_forms() {
        for (s, l, secs) in [
            ("Central African Time", "CAT", 7200),
            ("East Africa Time", "EAT", 10800),
            ("India Standard Time", "IST", 19800),
            ("UTC", "UTC", 0),
            ("gmt", "GMT", 0),
            ("Z", "UTC", 0),
            ("GMT+2", "GMT+2", 7200),
            ("GMT+03:00", "GMT+3", 10800),
            ("UTC-5", "UTC-5", -18000),
            ("UTC+05:30", "UTC+5:30", 19800),
            ("+03:00", "UTC+3", 10800),
            ("+0300", "UTC+3", 10800),
            ("-07", "UTC-7", -25200),
            ("(eat)", "EAT", 10800),
            (" IST ", "IST", 19800),
            ("ET", "ET", -18000),
            ("Eastern", "ET", -18000),
            ("eastern time", "ET", -18000),
            ("CT", "CT", -21600),
            ("Central", "CT", -21600),
            ("MT", "MT", -25200),
            ("Mountain", "MT", -25200),
            ("PT", "PT", -28800),
            ("Pacific", "PT", -28800),
            ("Pacific Time", "PT", -28800),
        ] {
            let z = parse_zone(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!((z.label.as_str(), z.offset.whole_seconds()), (l, secs), "{s}");
        }
        for &(abbr, h, m) in ZONES {
            let z = parse_zone(&abbr.to_uppercase()).unwrap();
            assert_eq!(
                (z.label, z.offset.whole_seconds()),
                (abbr.to_uppercase(), h * 3600 + h.signum() * m * 60)
            );
        }
        for bad in ["", "XYZT", "UTC+", "+3", "GMT+25", "UTC UTC", "(UTC"] {
            assert_eq!(parse_zone(bad), None, "{bad}");
        }
    }

    #[test]
    fn us_generic_zones_follow_dst() {
        assert_eq!(hours("2024-06-01 14:05 PT"), -7);
        assert_eq!(hours("2024-01-15 14:05 PT"), -8);
        assert_eq!(hours("14:05 ET"), -5);
        assert_eq!(hours("10:00 Eastern Time 07/04/2024"), -4);
        let pt = parse_zone("PT").unwrap();
        // 2024: DST from Sunday 10 March to Sunday 3 November.
        let at = |m, d| offset_on(&pt, Some(ymd(2024, m, d))).whole_hours();
        assert_eq!((at(3, 9), at(3, 10), at(11, 2), at(11, 3)), (-8, -7, -7, -8));
        let eat = parse_zone("EAT").unwrap();
        assert_eq!(offset_on(&eat, Some(ymd(2024, 6, 1))), eat.offset);
    }

    #[test]
    fn dates_with_times() {
        for (s, date, t) in [
            ("2024-06-01 14:05", ymd(2024, 6, 1), hm(14, 5)),
            ("2024-06-01T14:05", ymd(2024, 6, 1), hm(14, 5)),
            ("2021-10-28 08:26", ymd(2021, 10, 28), hm(8, 26)),
            ("5:00 pm 05/22/2020", ymd(2020, 5, 22), hm(17, 0)),
            ("12/02/2025 8:00 PM", ymd(2025, 2, 12), hm(20, 0)),
            ("October 7, 2023, 10:00 AM", ymd(2023, 10, 7), hm(10, 0)),
            ("Oct 7 2023 10:00", ymd(2023, 10, 7), hm(10, 0)),
            ("7 October 2023 10:00", ymd(2023, 10, 7), hm(10, 0)),
            ("Nov 1, 2022 6:00 AM", ymd(2022, 11, 1), hm(6, 0)),
            ("2023-01-04/11:34", ymd(2023, 1, 4), hm(11, 34)),
            ("Sept 3rd, 2021 at 9:15", ymd(2021, 9, 3), hm(9, 15)),
        ] {
            let got = p(s).start;
            assert_eq!((got.date, got.time, got.month_day), (Some(date), t, None), "{s}");
        }
        let z = p("2024-06-01T14:05:00Z").start;
        assert_eq!(
            (z.date, z.time, label("2024-06-01T14:05:00Z")),
            (Some(ymd(2024, 6, 1)), hm(14, 5), "UTC".into())
        );
        assert_eq!(label("2024-06-01 14:05 +03:00"), "UTC+3");
        assert_eq!(hours("2024-06-01T14:05-07:00"), -7);
        let rfc = p("Tue, 1 Nov 2022 07:32:16 GMT").start;
        assert_eq!(
            (rfc.date, rfc.time, rfc.zone.unwrap().label),
            (Some(ymd(2022, 11, 1)), Time::from_hms(7, 32, 16).unwrap(), "GMT".into())
        );
        let april = p("April 17th 9:00 AM").start;
        assert_eq!(
            (april.date, april.month_day, april.time),
            (None, Some((Month::April, 17)), hm(9, 0))
        );
    }

    #[test]
    fn slashed_date_order() {
        let date = |s, o| parse_time(s, o).unwrap().start.date;
        assert_eq!(date("05/06/2020 10:00", DayFirst), Some(ymd(2020, 6, 5)));
        assert_eq!(date("05/06/2020 10:00", MonthFirst), Some(ymd(2020, 5, 6)));
        assert_eq!(date("13/05/2020 10:00", MonthFirst), Some(ymd(2020, 5, 13)));
        assert_eq!(date("05/13/2020 10:00", DayFirst), Some(ymd(2020, 5, 13)));
    }

    #[test]
    fn ranges() {
        let r = p("7:30AM to 8:05PM WAT");
        let end = r.end.unwrap();
        assert_eq!((r.start.time, end.time), (hm(7, 30), hm(20, 5)));
        assert_eq!(
            (r.start.zone.unwrap().label, end.zone.unwrap().label),
            ("WAT".into(), "WAT".into())
        );
        for s in [
            "14:00 - 16:30",
            "14:00-16:30",
            "14:00 – 16:30 UTC",
            "14:00 — 16:30",
            "14:00 until 16:30",
        ] {
            let r = p(s);
            assert_eq!((r.start.time, r.end.map(|e| e.time)), (hm(14, 0), Some(hm(16, 30))), "{s}");
        }
        assert_eq!(label("14:00 – 16:30 UTC"), "UTC");
        let r = p("2024-06-01 09:00-10:00");
        assert_eq!((r.start.zone, r.end.map(|e| e.time)), (None, Some(hm(10, 0))));
    }

    #[test]
    fn tolerated_wrapping() {
        for s in ["**14:05**", "`14:05`", "14:05:", "*14:05*:", "  14:05  "] {
            assert_eq!(p(s).start.time, hm(14, 5), "{s}");
        }
    }

    #[test]
    fn errors() {
        let e = |s| parse_time(s, DayFirst).unwrap_err();
        assert_eq!(e(""), TimeError::Empty);
        assert_eq!(e(" ** "), TimeError::Empty);
        assert_eq!(e("25:00"), TimeError::BadTime("25:00".into()));
        assert_eq!(e("14:75"), TimeError::BadTime("14:75".into()));
        assert_eq!(e("13:00 PM"), TimeError::BadTime("13:00 PM".into()));
        assert_eq!(e("2024-02-30 14:05"), TimeError::BadDate("2024-02-30".into()));
        assert_eq!(e("13/13/2020 10:00"), TimeError::BadDate("13/13/2020".into()));
        assert_eq!(e("14:00 XYZT"), TimeError::UnknownZone("XYZT".into()));
        assert_eq!(e("14:00 (abc)"), TimeError::UnknownZone("abc".into()));
        for s in ["2305", "2023", "hello", "05/22/20 10:00", "2024-06-01", "14:05 and more", "3"] {
            assert_eq!(e(s), TimeError::Unreadable(s.into()), "{s}");
        }
        assert!(e("x").to_string().contains(ACCEPTED));
        assert!(e("14:00 XYZT").to_string().contains(ACCEPTED));
        assert!(e("25:00").to_string().contains("25:00"));
    }

    #[test]
    fn leading_times() {
        fn lead(s: &str) -> Option<(Time, &str)> {
            leading_time(s, DayFirst).map(|(p, n)| (p.start.time, &s[n..]))
        }
        assert_eq!(lead("14:05 - Restarted the DB"), Some((hm(14, 5), " - Restarted the DB")));
        assert_eq!(lead("14:05: DB down"), Some((hm(14, 5), ": DB down")));
        assert_eq!(lead("**14:05** Deploy"), Some((hm(14, 5), " Deploy")));
        assert_eq!(lead("  * `14:05` – event"), Some((hm(14, 5), " – event")));
        assert_eq!(lead("(14:05) x"), Some((hm(14, 5), " x")));
        assert_eq!(lead("2305HRS EAT: x"), Some((hm(23, 5), ": x")));
        assert_eq!(lead("14:05 cat video"), Some((hm(14, 5), " cat video")));
        assert_eq!(lead("14:05 — 3 servers"), Some((hm(14, 5), " — 3 servers")));
        assert_eq!(lead("October 7, 2023, 10:00 AM (UTC) - alert"), Some((hm(10, 0), " - alert")));
        let (r, n) = leading_time("14:00-16:30 outage", DayFirst).unwrap();
        assert_eq!((r.end.map(|e| e.time), n), (Some(hm(16, 30)), 11));
        for s in [
            "2023 was a year",
            "3 servers",
            "2305 deploy",
            "2024-06-01 did things",
            "",
            "Step 1: go",
            "🔥 14:05",
        ] {
            assert_eq!(lead(s), None, "{s}");
        }
    }

    #[test]
    fn finds_times_in_prose() {
        let find = |s: &str| {
            find_times(s, DayFirst)
                .into_iter()
                .map(|(r, p)| (s[r].to_string(), p))
                .collect::<Vec<_>>()
        };
        let f = find("Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC, users saw errors.");
        assert_eq!(
            f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["2025-07-30 21:27 UTC", "2025-07-31 07:27 UTC"]
        );
        let f = find("from **2305HRS EAT** to **0030HRS EAT**");
        assert_eq!(
            f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["2305HRS EAT", "0030HRS EAT"]
        );
        let f = find("The outage lasted from 15:00 WAT till 21:00 WAT.");
        assert_eq!(f[0].0, "15:00 WAT till 21:00 WAT");
        assert_eq!(f[0].1.end.as_ref().map(|e| e.time), Some(hm(21, 0)));
        let f = find("*October 7, 2023, 10:00 AM - October 7, 2023, 11:30 AM (UTC)*");
        assert_eq!(f.len(), 1);
        let (start, end) = (&f[0].1.start, f[0].1.end.as_ref().unwrap());
        assert_eq!(
            (start.date, start.time, end.time),
            (Some(ymd(2023, 10, 7)), hm(10, 0), hm(11, 30))
        );
        assert_eq!(start.zone.as_ref().map(|z| z.label.as_str()), Some("UTC"));
        assert!(find("In 2023 we had 3 servers and 2 cats; see abc14:05 and October 7, 2023.")
            .is_empty());
        let f = find("line one\nat 9am é 🎉 then 10:15 EST");
        assert_eq!(f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["9am", "10:15 EST"]);
    }

    #[test]
    fn finds_dates() {
        let text = "On 2015-10-21, October 7, 2023 and 05/22/2020 (also Nov 1, 2022 and 7 Oct 2023 12:00), not April 17th or 2023.";
        let found: Vec<_> =
            find_dates(text, DayFirst).into_iter().map(|(r, d)| (&text[r], d)).collect();
        assert_eq!(
            found,
            [
                ("2015-10-21", ymd(2015, 10, 21)),
                ("October 7, 2023", ymd(2023, 10, 7)),
                ("05/22/2020", ymd(2020, 5, 22)),
                ("Nov 1, 2022", ymd(2022, 11, 1)),
                ("7 Oct 2023", ymd(2023, 10, 7))
            ]
        );
        assert!(find_dates("the deploy may 3 servers", DayFirst).is_empty());
    }

    #[test]
    fn guesses_date_order() {
        assert_eq!(guess_date_order("on 25/12/2020 at 10:00 EST"), DayFirst);
        assert_eq!(guess_date_order("on 12/25/2020"), MonthFirst);
        assert_eq!(guess_date_order("on 05/06/2020 at 10:00 PT"), MonthFirst);
        assert_eq!(guess_date_order("all times Pacific"), MonthFirst);
        assert_eq!(guess_date_order("central database at 10:00 est."), DayFirst);
        let (p, _) = leading_time("3:00 PM Central African Time - outage", DayFirst).unwrap();
        assert_eq!(p.start.zone.unwrap().label, "CAT");
        assert_eq!(guess_date_order("05/06/2020 10:00 EAT"), DayFirst);
    }

    #[test]
    fn formatting() {
        let f = |s| format_duration(Duration::seconds(s));
        assert_eq!(
            [
                f(0),
                f(59),
                f(45 * 60),
                f(9000),
                f(86400 + 3 * 3600),
                f(3 * 86400 + 300),
                f(86400),
                f(-9000),
                f(-30)
            ],
            [
                "0 min",
                "0 min",
                "45 min",
                "2 h 30 min",
                "1 d 3 h",
                "3 d 5 min",
                "1 d",
                "-2 h 30 min",
                "0 min"
            ]
        );
        assert!(!format_duration(Duration::MIN).is_empty());
        assert_eq!(format_date(ymd(2024, 6, 1)), "2024-06-01");
        assert_eq!(
            (format_time(hm(14, 5)), format_time(Time::from_hms(14, 5, 30).unwrap())),
            ("14:05".into(), "14:05:30".into())
        );
        assert_eq!(format_stamp(&p("2024-06-01 14:05 eat").start), "2024-06-01 14:05 EAT");
        assert_eq!(format_stamp(&p("April 17th 9:00 AM").start), "April 17 09:00");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in proptest::prop_oneof![
            proptest::prelude::any::<String>(),
            "[0-9:aApPmM.hHrRsS /,()\\-–+TZUCEGWOct*`🎉é]{0,40}",
        ]) {
            for order in [DayFirst, MonthFirst] {
                let _ = parse_time(&s, order).map_err(|e| e.to_string());
                if let Some((_, n)) = leading_time(&s, order) {
                    proptest::prop_assert!(s.is_char_boundary(n) && n <= s.len());
                }
                for (r, _) in find_times(&s, order) {
                    proptest::prop_assert!(s.get(r).is_some());
                }
                for (r, _) in find_dates(&s, order) {
                    proptest::prop_assert!(s.get(r).is_some());
                }
            }
            let _ = (parse_zone(&s), guess_date_order(&s));
        }
    }
}
