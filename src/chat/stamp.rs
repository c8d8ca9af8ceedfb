//! The timestamps chat clients and logs write: a time of day, maybe with
//! seconds, a 12-hour mark and a zone, maybe after or before a day (a date
//! in any common order, "Today", "Yesterday", a weekday). Read by hand
//! over the characters, since chat dates take shapes prose does not ("2/4/23",
//! "13.06.18 21.25.15", "04-Mar-24", "Yesterday at 3:10 PM").

use time::{Date, Month, Time, Weekday};

use crate::timeparse::{self, month_named, weekday_named, Zone};

/// The day a stamp gives, as written: how numbers read (day or month
/// first) is decided for the whole transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)] // "Today", "Yesterday": the words clients write.
pub enum Day {
    Today,
    Yesterday,
    Weekday(Weekday),
    Full(Date),
    MonthDay(Month, u8),
    /// "04/03/2024", "3/4": two numbers and maybe a year, whose order the
    /// transcript decides.
    Numeric {
        first: u8,
        second: u8,
        year: Option<i32>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub day: Option<Day>,
    pub time: Time,
    /// Written on a 12-hour clock (with AM or PM).
    pub twelve_hour: bool,
    pub zone: Option<Zone>,
}

/// A cursor over one line.
struct Scan<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Scan<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.at..]
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }
    /// A word of ASCII letters, any case, without consuming it.
    fn word(&self) -> &'a str {
        let r = self.rest();
        &r[..r.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(r.len())]
    }
    fn eat_word(&mut self, w: &str) -> bool {
        if self.word().eq_ignore_ascii_case(w) {
            self.at += w.len();
            true
        } else {
            false
        }
    }
    /// Digits, from `min` to `max` of them, as a number.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let r = self.rest();
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        if n < min || n > max {
            return None;
        }
        self.at += n;
        r[..n].parse().ok()
    }
    fn spaces(&mut self) -> usize {
        let r = self.rest();
        let n = r.len() - r.trim_start_matches([' ', '\t']).len();
        self.at += n;
        n
    }
    /// Runs `f`, leaving the cursor where it was when it gives nothing.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let at = self.at;
        let got = f(self);
        if got.is_none() {
            self.at = at;
        }
        got
    }
}

fn full(year: u32, month: u32, day: u32) -> Option<Day> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)
        .ok()
        .map(Day::Full)
}

/// A two-digit year is this century's.
fn year_of(y: u32, digits: usize) -> i32 {
    let y = i32::try_from(y).unwrap_or(0);
    if digits == 2 {
        2000 + y
    } else {
        y
    }
}

/// A date: ISO, slashed, dotted or dashed numbers (with a year of two or
/// four digits, or none), a month's name before or after the day.
fn date(s: &mut Scan) -> Option<Day> {
    // 2024-03-04, 2024/03/04
    if let Some(d) = s.attempt(|s| {
        let y = s.number(4, 4)?;
        let sep = s.peek().filter(|c| *c == '-' || *c == '/')?;
        s.eat(sep);
        let m = s.number(1, 2)?;
        s.eat(sep).then_some(())?;
        let d = s.number(1, 2)?;
        full(y, m, d)
    }) {
        return Some(d);
    }
    // 04/03/2024, 2/4/23, 13.06.18, 3/4
    if let Some(d) = s.attempt(|s| {
        let a = s.number(1, 2)?;
        let sep = s.peek().filter(|c| matches!(c, '/' | '.' | '-'))?;
        s.eat(sep);
        let b = s.number(1, 2)?;
        let year = s.attempt(|s| {
            s.eat(sep).then_some(())?;
            let before = s.at;
            let y = s.number(2, 4)?;
            (s.at - before != 3).then(|| year_of(y, s.at - before))
        });
        // "3/4" alone needs its slash: "3.4" and "3-4" are numbers.
        if year.is_none() && sep != '/' {
            return None;
        }
        let (first, second) = (u8::try_from(a).ok()?, u8::try_from(b).ok()?);
        let possible = |d: u8, m: u8| (1..=31).contains(&d) && (1..=12).contains(&m);
        (possible(first, second) || possible(second, first)).then_some(Day::Numeric {
            first,
            second,
            year,
        })
    }) {
        return Some(d);
    }
    // 04-Mar-24, 4 March 2024, 4. März is not read.
    if let Some(d) = s.attempt(|s| {
        let day = s.number(1, 2)?;
        let dashed = s.eat('-');
        if !dashed {
            s.spaces();
        }
        let month = month_named(s.word())?;
        s.at += s.word().len();
        let year = s.attempt(|s| {
            if dashed {
                s.eat('-').then_some(())?;
            } else {
                s.eat(',');
                s.spaces().checked_sub(1)?;
            }
            let before = s.at;
            let y = s.number(2, 4)?;
            (s.at - before != 3 && !s.rest().starts_with(':')).then(|| year_of(y, s.at - before))
        });
        day_of(month, day, year)
    }) {
        return Some(d);
    }
    // Mar 4, Feb 25th, Sep 22 2020, June 17, 2024
    s.attempt(|s| {
        let month = month_named(s.word())?;
        s.at += s.word().len();
        s.eat('.');
        s.spaces().checked_sub(1)?;
        let day = s.number(1, 2)?;
        for suffix in ["st", "nd", "rd", "th"] {
            if s.eat_word(suffix) {
                break;
            }
        }
        let year = s.attempt(|s| {
            s.eat(',');
            s.spaces().checked_sub(1)?;
            let y = s.number(4, 4)?;
            // "Mar 04 2024 10:42" has a year; "Mar 04 1042" would be a time.
            (!s.rest().starts_with(':')).then(|| year_of(y, 4))
        });
        day_of(month, day, year)
    })
}

fn day_of(month: Month, day: u32, year: Option<i32>) -> Option<Day> {
    let day = u8::try_from(day).ok()?;
    match year {
        Some(y) => Date::from_calendar_date(y, month, day).ok().map(Day::Full),
        None => Date::from_calendar_date(2000, month, day).ok().map(|_| Day::MonthDay(month, day)),
    }
}

/// What may stand before a time: "Today", "Yesterday", a weekday (with a
/// date after it or not), a date; and what joins it to the time.
fn day_part(s: &mut Scan) -> Option<Day> {
    let word = s.word();
    let mut day = if word.eq_ignore_ascii_case("today") {
        s.at += word.len();
        Some(Day::Today)
    } else if word.eq_ignore_ascii_case("yesterday") {
        s.at += word.len();
        Some(Day::Yesterday)
    } else if let Some(weekday) = weekday_named(word) {
        s.at += word.len();
        s.eat('.');
        s.eat(',');
        // "Tue Sep 20 00:01:49 2016", "Tue, Sep 22 2020 10:31:47"
        let dated = s.attempt(|s| {
            s.spaces().checked_sub(1)?;
            date(s)
        });
        Some(dated.unwrap_or(Day::Weekday(weekday)))
    } else {
        date(s)
    };
    if day.is_some() {
        // What joins a day to its time: ", ", " at ", "T", " - ", " • ", spaces.
        let joined = s.attempt(|s| {
            s.eat(',');
            let spaced = s.spaces() > 0;
            let word =
                spaced && (s.eat_word("at") || s.eat('-') || s.eat('\u{2022}') || s.eat('|'));
            if word {
                s.spaces().checked_sub(1)?;
            } else if !spaced && !s.eat('T') {
                return None;
            }
            Some(())
        });
        if joined.is_none() {
            day = None;
        }
    }
    day
}

/// "10:42", "10:42:13", "10:42:13.123", "10:42:13,123", "21.25.15", with
/// "AM", "pm", "a.m." after it (a space or none between).
fn clock(s: &mut Scan, dotted: bool) -> Option<(Time, bool)> {
    s.attempt(|s| {
        let h = s.number(1, 2)?;
        let sep = if s.eat(':') {
            ':'
        } else if dotted && s.eat('.') {
            '.'
        } else {
            return None;
        };
        let m = s.number(2, 2)?;
        let sec = s
            .attempt(|s| {
                s.eat(sep).then_some(())?;
                s.number(2, 2)
            })
            .unwrap_or(0);
        // Fractions of a second are dropped.
        s.attempt(|s| {
            (s.eat('.') || s.eat(',')).then_some(())?;
            s.number(1, 9)
        });
        let pm = s.attempt(|s| {
            s.spaces();
            let w = s.word().to_ascii_lowercase();
            match w.as_str() {
                "am" | "pm" => {
                    s.at += 2;
                    Some(w == "pm")
                }
                "a" | "p" => {
                    s.at += 1;
                    s.eat('.').then_some(())?;
                    s.spaces();
                    s.eat_word("m").then_some(())?;
                    s.eat('.');
                    Some(w == "p")
                }
                _ => None,
            }
        });
        // A time is not followed by more of a word or a number (but for
        // ISO's "Z").
        let r = s.rest();
        let zulu = r.starts_with('Z') && !r[1..].starts_with(|c: char| c.is_ascii_alphanumeric());
        if !zulu && s.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let hour = match pm {
            Some(_) if !(1..=12).contains(&h) => return None,
            Some(pm) => h % 12 + if pm { 12 } else { 0 },
            None => h,
        };
        let t = Time::from_hms(
            u8::try_from(hour).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(sec).ok()?,
        )
        .ok()?;
        Some((t, pm.is_some()))
    })
}

/// A zone after a time: "Z" or an offset touching it, or a spaced
/// abbreviation in capitals the time reader knows ("UTC", "BST", "GMT+2").
fn zone_after(s: &mut Scan) -> Option<Zone> {
    s.attempt(|s| {
        let r = s.rest();
        if r.starts_with('Z') && !r[1..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            s.at += 1;
            return timeparse::parse_zone("UTC");
        }
        if r.starts_with(['+', '-']) {
            let n = 1 + r[1..].bytes().take_while(|b| b.is_ascii_digit() || *b == b':').count();
            let z = timeparse::parse_zone(&r[..n])?;
            s.at += n;
            return Some(z);
        }
        s.spaces().checked_sub(1)?;
        let r = s.rest();
        let n =
            r.find(|c: char| c.is_whitespace() || matches!(c, ']' | ')' | ',')).unwrap_or(r.len());
        let word = &r[..n];
        let capitals = word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && !word.bytes().any(|b| b.is_ascii_lowercase());
        if !capitals && !word.contains('/') {
            return None;
        }
        let z = timeparse::parse_zone(word)?;
        s.at += n;
        Some(z)
    })
}

/// The stamp `line` starts with, and where it ends. A day may come first
/// ("2024-03-04 10:42", "Yesterday at 3:10 PM") or after the time
/// ("10:42 • 13/08/2024", "5:00 pm 05/22/2020", "00:01:49 2016" after a
/// weekday and month).
pub fn leading(line: &str) -> Option<(Stamp, usize)> {
    let mut s = Scan { s: line, at: 0 };
    let day = s.attempt(day_part);
    let dotted = matches!(day, Some(Day::Numeric { .. })) && line.contains('.');
    let (time, twelve_hour) = clock(&mut s, dotted)?;
    let zone = zone_after(&mut s);
    let mut stamp = Stamp { day, time, twelve_hour, zone };
    // A day or a year after the time.
    let after = s.attempt(|s| {
        let at = s.at;
        s.eat(',');
        s.spaces();
        if !(s.eat('\u{2022}') || s.eat('-') || s.at > at) {
            return None;
        }
        s.spaces();
        match &stamp.day {
            None => date(s),
            // "Tue Sep 20 00:01:49 2016": the year of a month and day.
            Some(Day::MonthDay(m, d)) => {
                let y = s.number(4, 4)?;
                Date::from_calendar_date(i32::try_from(y).ok()?, *m, *d).ok().map(Day::Full)
            }
            Some(_) => None,
        }
    });
    if let Some(day) = after {
        stamp.day = Some(day);
        if stamp.zone.is_none() {
            stamp.zone = zone_after(&mut s);
        }
    }
    Some((stamp, s.at))
}

/// The day alone that `text` starts with ("Monday, March 4", "Today",
/// "Tue Sep 21 2016"), and where it ends.
pub fn leading_day(text: &str) -> Option<(Day, usize)> {
    let mut s = Scan { s: text, at: 0 };
    let word = s.word();
    let day = if word.eq_ignore_ascii_case("today") {
        s.at += word.len();
        Day::Today
    } else if word.eq_ignore_ascii_case("yesterday") {
        s.at += word.len();
        Day::Yesterday
    } else if let Some(weekday) = weekday_named(word) {
        s.at += word.len();
        s.eat(',');
        let dated = s.attempt(|s| {
            s.spaces().checked_sub(1)?;
            date(s)
        });
        dated.unwrap_or(Day::Weekday(weekday))
    } else {
        date(&mut s)?
    };
    // "Mar  4 ... 2024": a year after a month and day, further on the line.
    Some((day, s.at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, time};

    fn read(line: &str) -> (Option<Day>, Time, bool, Option<String>, usize) {
        let (s, n) = leading(line).unwrap_or_else(|| panic!("{line:?} has no stamp"));
        (s.day, s.time, s.twelve_hour, s.zone.map(|z| z.label), n)
    }

    #[test]
    fn the_stamps_clients_write() {
        let numeric = |first, second, year| Some(Day::Numeric { first, second, year });
        for (line, day, t, twelve, zone, len) in [
            ("10:42 text", None, time!(10:42), false, None, 5),
            ("10:42:13] <a>", None, time!(10:42:13), false, None, 8),
            ("3:13 PM", None, time!(15:13), true, None, 7),
            ("1:55 p.m. - a: m", None, time!(13:55), true, None, 9),
            ("Yesterday at 3:10 PM", Some(Day::Yesterday), time!(15:10), true, None, 20),
            ("Today at 12:15 AM", Some(Day::Today), time!(00:15), true, None, 17),
            (
                "Wednesday at 8:19 PM",
                Some(Day::Weekday(Weekday::Wednesday)),
                time!(20:19),
                true,
                None,
                20,
            ),
            (
                "Feb 25th at 10:39 AM",
                Some(Day::MonthDay(Month::February, 25)),
                time!(10:39),
                true,
                None,
                20,
            ),
            ("04/03/2024, 10:42 - Alice", numeric(4, 3, Some(2024)), time!(10:42), false, None, 17),
            ("2/4/23, 10:35 PM - P", numeric(2, 4, Some(2023)), time!(22:35), true, None, 16),
            ("13.06.18 21.25.15: a", numeric(13, 6, Some(2018)), time!(21:25:15), false, None, 17),
            (
                "2018/06/13, 21:25:15]",
                Some(Day::Full(date!(2018 - 06 - 13))),
                time!(21:25:15),
                false,
                None,
                20,
            ),
            (
                "04-Mar-24 10:42 AM] a",
                Some(Day::Full(date!(2024 - 03 - 04))),
                time!(10:42),
                true,
                None,
                18,
            ),
            ("3/4 10:42 AM", numeric(3, 4, None), time!(10:42), true, None, 12),
            (
                "2024-03-04T10:42:13Z x",
                Some(Day::Full(date!(2024 - 03 - 04))),
                time!(10:42:13),
                false,
                Some("UTC"),
                20,
            ),
            (
                "2024-03-04T10:42:13.123+02:00 x",
                Some(Day::Full(date!(2024 - 03 - 04))),
                time!(10:42:13),
                false,
                Some("UTC+2"),
                29,
            ),
            (
                "2024-03-04 10:42:13,123 INFO",
                Some(Day::Full(date!(2024 - 03 - 04))),
                time!(10:42:13),
                false,
                None,
                23,
            ),
            (
                "Mar  4 10:42:13 host",
                Some(Day::MonthDay(Month::March, 4)),
                time!(10:42:13),
                false,
                None,
                15,
            ),
            (
                "Tue Sep 20 00:01:49 2016",
                Some(Day::Full(date!(2016 - 09 - 20))),
                time!(00:01:49),
                false,
                None,
                24,
            ),
            (
                "Tue, Sep 22 2020 10:31:47 BST",
                Some(Day::Full(date!(2020 - 09 - 22))),
                time!(10:31:47),
                false,
                Some("BST"),
                29,
            ),
            (
                "10:42 \u{2022} 13/08/2024] Mario",
                numeric(13, 8, Some(2024)),
                time!(10:42),
                false,
                None,
                20,
            ),
            ("04/03/2024 10:42 am", numeric(4, 3, Some(2024)), time!(10:42), true, None, 19),
        ] {
            assert_eq!(read(line), (day, t, twelve, zone.map(str::to_string), len), "{line:?}");
        }
    }

    #[test]
    fn what_is_not_a_stamp() {
        for line in [
            "hello",
            "v1.10.8",
            "10.12.8.137:3000",
            "3 servers",
            "1042",
            "12:345",
            "13:00pm",
            "2024-03-04",
        ] {
            assert_eq!(leading(line), None, "{line:?}");
        }
    }

    #[test]
    fn days_alone() {
        assert_eq!(
            leading_day("Monday, March 4").map(|d| d.0),
            Some(Day::MonthDay(Month::March, 4))
        );
        assert_eq!(leading_day("Today").map(|d| d.0), Some(Day::Today));
        assert_eq!(
            leading_day("Wed Sep 21 2016").map(|d| d.0),
            Some(Day::Full(date!(2016 - 09 - 21)))
        );
        assert_eq!(
            leading_day("March 4, 2024").map(|d| d.0),
            Some(Day::Full(date!(2024 - 03 - 04)))
        );
        assert_eq!(leading_day("we went"), None);
    }
}
