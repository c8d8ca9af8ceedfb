//! Where things sit in time: the outage window read from the summary, each
//! timeline row's typed time read and placed in the document's time zone,
//! taking its date from the window when it has none.
//!
//! A row is resolved from its own text and the window only, never from its
//! neighbours, so one row's edit never changes how another row reads.

use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::model::Summary;
use crate::timeparse::{self, Context, DateOrder, Parsed, Stamp, TimeError, Zone};

/// A moment in the document's zone. The date is unknown when neither the
/// text nor the outage window gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    pub date: Option<Date>,
    pub time: Time,
}

impl When {
    pub fn at(&self) -> Option<PrimitiveDateTime> {
        self.date.map(|d| PrimitiveDateTime::new(d, self.time))
    }

    /// How far `later` is after `self`; for two bare times, across midnight
    /// when `later` is earlier in the day.
    pub fn until(&self, later: &When) -> Duration {
        match (self.at(), later.at()) {
            (Some(a), Some(b)) => b - a,
            _ => {
                let d = later.time - self.time;
                if d.is_negative() {
                    d + Duration::days(1)
                } else {
                    d
                }
            }
        }
    }

    /// Whether `self` is earlier than `other`, comparing dates only when both have one.
    pub fn before(&self, other: &When) -> bool {
        match (self.at(), other.at()) {
            (Some(a), Some(b)) => a < b,
            _ => self.time < other.time,
        }
    }

    /// "14:05", or "2024-06-01 14:05" with `with_date`.
    pub fn text(&self, with_date: bool) -> String {
        match self.date {
            Some(d) if with_date => {
                format!("{} {}", timeparse::format_date(d), timeparse::format_time(self.time))
            }
            _ => timeparse::format_time(self.time),
        }
    }
}

/// The outage window and the document's zone, read from the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Clock {
    /// The document's zone: the summary's zone, else the zone written on
    /// the start or end time.
    pub zone: Option<Zone>,
    pub order: DateOrder,
    pub start: Result<Option<When>, TimeError>,
    pub end: Result<Option<When>, TimeError>,
    /// The window was given without a year ("2305HRS to 0030HRS", "3:00 PM
    /// to 4:30 PM on April 17th") and no row has a date: it was put on a
    /// stand-in year so that bare times can be ordered across midnight.
    /// Stand-in dates are never shown.
    pub undated: bool,
    /// How the summary's words read zone abbreviations several zones
    /// share ("IST", "CST").
    pub context: Context,
}

/// The stand-in day of a window given without dates.
fn anchor() -> Date {
    Date::from_calendar_date(2000, time::Month::January, 1).unwrap_or(Date::MIN)
}

impl Clock {
    /// The window as the summary gives it. A window of bare times
    /// ("2305HRS to 0030HRS") has no day: `with_rows` gives it one.
    pub fn new(summary: &Summary) -> Clock {
        Clock::with_rows(summary, std::iter::empty::<String>())
    }

    /// The window of a document, put on a day by its rows if need be.
    pub fn of(doc: &crate::model::Document) -> Clock {
        Clock::with_rows(&doc.summary, doc.timeline.iter().map(|r| r.time.as_str()))
    }

    /// The window, and for a window of bare times a day to put it on: the
    /// date of the first timeline row that has one, else a stand-in day
    /// (never shown), so that rows can be ordered across midnight. The rows
    /// are read only until one has a date, and only for such a window.
    pub fn with_rows<S: AsRef<str>>(summary: &Summary, rows: impl IntoIterator<Item = S>) -> Clock {
        let order = timeparse::guess_date_order(&format!(
            "{} {} {}",
            summary.start, summary.end, summary.zone
        ));
        let start = read(&summary.start, order);
        let end = read(&summary.end, order);
        let written = |r: &Result<Option<Parsed>, TimeError>| {
            r.as_ref().ok().and_then(|p| p.as_ref()).and_then(|p| p.start.zone.clone())
        };
        let context = Context::of(&format!(
            "{} {} {} {} {} {}",
            summary.zone,
            summary.start,
            summary.end,
            summary.impact,
            summary.root_cause,
            summary.notes
        ));
        let zone = timeparse::parse_zone(&summary.zone)
            .or_else(|| written(&start))
            .or_else(|| written(&end))
            .map(|z| context.read(z));
        let mut clock =
            Clock { zone, order, start: Ok(None), end: Ok(None), undated: false, context };
        let given = |r: &Result<Option<Parsed>, TimeError>| {
            let p = r.as_ref().ok()?.as_ref()?;
            Some((p.start.date, p.start.month_day, p.start.time))
        };
        let (start_given, end_given) = (given(&start), given(&end));
        clock.start = start.map(|p| p.map(|p| clock.place(&p.start)));
        // A start with no date takes one from what else says a day: the
        // end's date, a month and day written without a year, the first
        // dated row, else a stand-in day.
        if let (Ok(Some(s)), Some((None, start_md, start_time))) = (&mut clock.start, start_given) {
            let (end_date, end_md, end_time) = end_given.unwrap_or((None, None, start_time));
            let row_day = || {
                rows.into_iter().find_map(|r| {
                    timeparse::parse_time(r.as_ref(), order).ok().and_then(|p| p.start.date)
                })
            };
            let day = match end_date {
                // Starting later in the day than it ended: the day before.
                Some(d) if start_time > end_time => d.previous_day(),
                Some(d) => Some(d),
                None => {
                    let row = row_day();
                    clock.undated = row.is_none();
                    let year = row.map_or(2000, |d| d.year());
                    let md = start_md.or(end_md);
                    md.and_then(|(m, d)| Date::from_calendar_date(year, m, d).ok())
                        .or(row)
                        .or(Some(anchor()))
                }
            };
            s.date = day;
        }
        let start_at = clock.start.clone().ok().flatten();
        clock.end = end.map(|p| {
            p.map(|p| {
                let mut end = clock.place(&p.start);
                // "16:30" after "2024-06-01 14:00" is the same day, or the
                // next one when the window runs over midnight.
                if let (None, Some(s)) = (end.date, start_at.and_then(|s| s.date)) {
                    let same_day = When { date: Some(s), time: end.time };
                    end = if same_day.before(&start_at.unwrap_or(same_day)) {
                        When { date: s.next_day(), time: end.time }
                    } else {
                        same_day
                    };
                }
                end
            })
        });
        clock
    }

    /// A moment as a message shows it: with its date when asked, unless the
    /// date is the stand-in one of an undated window.
    pub fn show(&self, when: &When, with_date: bool) -> String {
        when.text(with_date && !self.undated)
    }

    pub fn window(&self) -> (Option<When>, Option<When>) {
        (self.start.clone().ok().flatten(), self.end.clone().ok().flatten())
    }

    /// The outage's length, when both ends are known and in order.
    pub fn duration(&self) -> Option<Duration> {
        match self.window() {
            (Some(s), Some(e)) => {
                let d = self.between(&s, &e);
                (!d.is_negative()).then_some(d)
            }
            _ => None,
        }
    }

    /// How long passed from `earlier` to `later`, two moments in the
    /// document's zone: their clock times apart, less the hour a change to
    /// daylight saving between them put on the clock (or plus the one taken off).
    pub fn between(&self, earlier: &When, later: &When) -> Duration {
        let wall = earlier.until(later);
        let (Some(zone), Some(a), Some(b)) = (&self.zone, earlier.date, later.date) else {
            return wall;
        };
        let a = timeparse::offset_at(zone, Some(a), earlier.time).whole_seconds();
        let b = timeparse::offset_at(zone, Some(b), later.time).whole_seconds();
        wall - Duration::seconds(i64::from(b - a))
    }

    /// A stamp in the document's zone (converted when it names another zone).
    pub fn place(&self, stamp: &Stamp) -> When {
        let date = stamp.date.or_else(|| {
            // "April 17th": the year comes from the window.
            let (month, day) = stamp.month_day?;
            let year = self.window().0.and_then(|s| s.date)?.year();
            Date::from_calendar_date(year, month, day).ok()
        });
        let when = When { date, time: stamp.time };
        let from = stamp.zone.clone().map(|z| self.context.read(z));
        let (Some(from), Some(to)) = (&from, &self.zone) else { return when };
        if timeparse::within_generic(to, from) {
            return when;
        }
        let from = timeparse::offset_at(from, date, when.time);
        let seconds = |o: time::UtcOffset| Duration::seconds(i64::from(o.whole_seconds()));
        match when.at() {
            Some(at) => {
                let utc = at - seconds(from);
                let at = utc + seconds(timeparse::offset_at_utc(to, utc));
                When { date: Some(at.date()), time: at.time() }
            }
            None => {
                let to = timeparse::offset_on(to, None);
                When { date: None, time: when.time + (seconds(to) - seconds(from)) }
            }
        }
    }

    /// Reads a timeline row's typed time.
    pub fn row(&self, text: &str) -> RowTime {
        let parsed = match timeparse::parse_time(text, self.order) {
            Ok(p) => p,
            Err(TimeError::Empty) => return RowTime::Blank,
            Err(TimeError::Unknown(_)) => return RowTime::Unknown,
            Err(e) => return RowTime::Bad(e),
        };
        let start = self.place(&parsed.start);
        let explicit = start.date;
        let (filled, ambiguous) = self.fill(start.time);
        let start = When { date: explicit.or(filled), time: start.time };
        let end = parsed.end.map(|e| {
            let e = self.place(&e);
            match (e.date, start.date) {
                (None, Some(d)) => {
                    let same = When { date: Some(d), time: e.time };
                    if same.before(&start) {
                        When { date: d.next_day(), time: e.time }
                    } else {
                        same
                    }
                }
                _ => e,
            }
        });
        RowTime::At(Span {
            start,
            end,
            ambiguous: explicit.is_none() && ambiguous && !parsed.start.day_only,
            approximate: parsed.start.approximate,
            day_only: parsed.start.day_only,
            zone: parsed.start.zone.map(|z| self.context.read(z)),
        })
    }

    /// The date a bare time of day takes from the window: the first day of
    /// the window on which it falls inside the window; else the day that
    /// puts it nearest the window ("00:45" just after a window that ended
    /// at 00:30 is the next day, "23:01" just before one that began at
    /// 23:05 the same day). Also says whether more than one day would fit.
    fn fill(&self, time: Time) -> (Option<Date>, bool) {
        let (Some(start), end) = self.window() else { return (None, false) };
        let Some(first) = start.date else { return (None, false) };
        let Some(start_at) = start.at() else { return (None, false) };
        let end_at = end.and_then(|e| e.at()).filter(|e| *e >= start_at).unwrap_or(start_at);
        let last = end_at.date();
        // How far a moment is from the window; zero inside it.
        let distance = |d: Date| {
            let at = PrimitiveDateTime::new(d, time);
            if at < start_at {
                start_at - at
            } else if at > end_at {
                at - end_at
            } else {
                Duration::ZERO
            }
        };
        let days: Vec<Date> = (-1..=32)
            .filter_map(|n| first.checked_add(Duration::days(n)))
            .filter(|d| *d <= last.next_day().unwrap_or(last))
            .collect();
        let mut inside = days.iter().filter(|d| distance(**d).is_zero());
        if let Some(d) = inside.next() {
            return (Some(*d), inside.next().is_some());
        }
        (days.into_iter().min_by_key(|d| distance(*d)).or(Some(first)), false)
    }
}

/// A time of the outage window. A day without a time ("2024-06-01") gives
/// no moment, so it does not read as one.
fn read(text: &str, order: DateOrder) -> Result<Option<Parsed>, TimeError> {
    match timeparse::parse_time(text, order) {
        Ok(p) if p.start.day_only || p.end.as_ref().is_some_and(|e| e.day_only) => {
            Err(TimeError::Unreadable(text.trim().to_string()))
        }
        Ok(p) => Ok(Some(p)),
        Err(TimeError::Empty) => Ok(None),
        Err(e) => Err(e),
    }
}

/// What a timeline row's time cell says, once read.
#[derive(Clone, Debug, PartialEq)]
pub enum RowTime {
    Blank,
    /// Written as unknown on purpose ("???", "--:--").
    Unknown,
    Bad(TimeError),
    At(Span),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub start: When,
    /// The end of a range ("14:00 – 14:20").
    pub end: Option<When>,
    /// No date was written and the window spans several days it would fit.
    pub ambiguous: bool,
    /// Written as approximate ("~14:05"); ordered by the time it gives.
    pub approximate: bool,
    /// A day without a time of day: `start.time` is midnight and says nothing.
    pub day_only: bool,
    /// The zone written with the time, as the document reads it.
    pub zone: Option<Zone>,
}

impl RowTime {
    pub fn span(&self) -> Option<&Span> {
        match self {
            RowTime::At(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, time};

    fn clock(start: &str, end: &str, zone: &str) -> Clock {
        Clock::new(&Summary {
            start: start.into(),
            end: end.into(),
            zone: zone.into(),
            ..Default::default()
        })
    }

    fn at(c: &Clock, text: &str) -> Span {
        match c.row(text) {
            RowTime::At(s) => s,
            other => panic!("{text:?} read as {other:?}"),
        }
    }

    #[test]
    fn window_end_without_date_is_same_day_or_rolls_over_midnight() {
        let c = clock("2024-06-01 14:00", "16:30", "UTC");
        assert_eq!(
            c.window().1,
            Some(When { date: Some(date!(2024 - 06 - 01)), time: time!(16:30) })
        );
        assert_eq!(c.duration(), Some(Duration::minutes(150)));
        let c = clock("2024-06-01 23:05", "00:30", "EAT");
        assert_eq!(c.window().1.unwrap().date, Some(date!(2024 - 06 - 02)));
        assert_eq!(c.duration(), Some(Duration::minutes(85)));
    }

    #[test]
    fn a_window_of_bare_times_runs_over_midnight() {
        let c = clock("2305HRS", "0030HRS", "EAT");
        assert!(c.undated);
        assert_eq!(c.duration(), Some(Duration::minutes(85)));
        let (s, e) = c.window();
        assert!(s.unwrap().before(&e.unwrap()));
        assert!(at(&c, "2317HRS").start.before(&at(&c, "0029HRS").start));
        assert_eq!(c.show(&at(&c, "0029HRS").start, true), "00:29");
    }

    #[test]
    fn a_window_takes_its_day_from_its_end_or_a_day_without_year() {
        let c = clock("3:00 PM", "4:30 PM CAT on April 17th", "");
        assert!(c.undated);
        let (s, e) = c.window();
        assert_eq!(
            (s.unwrap().date, e.unwrap().date),
            (Some(date!(2000 - 04 - 17)), Some(date!(2000 - 04 - 17)))
        );
        assert_eq!(c.duration(), Some(Duration::minutes(90)));
        let c = clock("23:00", "2024-06-02 01:00", "UTC");
        assert_eq!(c.window().0.unwrap().date, Some(date!(2024 - 06 - 01)));
        assert!(!c.undated);
    }

    #[test]
    fn a_window_of_bare_times_takes_the_day_of_the_first_dated_row() {
        let summary = Summary { start: "5pm".into(), end: "6:35pm".into(), ..Default::default() };
        let c = Clock::with_rows(&summary, ["", "soon", "5:00 pm 05/22/2020", "6:00 pm"]);
        assert!(!c.undated);
        assert_eq!(c.window().0.unwrap().date, Some(date!(2020 - 05 - 22)));
        assert_eq!(c.show(&c.window().1.unwrap(), true), "2020-05-22 18:35");
    }

    #[test]
    fn zone_comes_from_the_summary_or_the_start_time() {
        assert_eq!(clock("", "", "GMT+2").zone.unwrap().label, "GMT+2");
        assert_eq!(clock("2024-06-01 14:00 EAT", "", "").zone.unwrap().label, "EAT");
        assert!(clock("2024-06-01 14:00", "", "").zone.is_none());
    }

    #[test]
    fn bare_times_take_the_window_date_rolling_over_midnight() {
        let c = clock("2024-06-01 23:05", "2024-06-02 00:30", "EAT");
        assert_eq!(at(&c, "2306HRS").start.date, Some(date!(2024 - 06 - 01)));
        assert_eq!(at(&c, "0029HRS").start.date, Some(date!(2024 - 06 - 02)));
        assert!(!at(&c, "0029HRS").ambiguous);
    }

    #[test]
    fn times_in_another_zone_are_converted_to_the_document_zone() {
        let c = clock("2024-06-01 14:00", "18:00", "UTC");
        let s = at(&c, "2024-06-01 9:00 AM GMT-7");
        assert_eq!(s.start, When { date: Some(date!(2024 - 06 - 01)), time: time!(16:00) });
    }

    #[test]
    fn ranges_keep_their_end() {
        let c = clock("2024-06-01 07:00", "2024-06-01 22:00", "WAT");
        let s = at(&c, "7:30AM to 8:05PM WAT");
        assert_eq!(s.start.time, time!(07:30));
        assert_eq!(s.end.unwrap().time, time!(20:05));
        assert_eq!(at(&c, "7:30AM to 8:05PM").end.unwrap().time, time!(20:05));
    }

    #[test]
    fn blank_and_unreadable_rows() {
        let c = clock("", "", "");
        assert_eq!(c.row("  "), RowTime::Blank);
        assert!(matches!(c.row("soon"), RowTime::Bad(TimeError::Unreadable(_))));
    }

    #[test]
    fn bare_times_outside_the_window_take_the_nearest_day() {
        let c = clock("2024-06-01 23:05", "00:30", "EAT");
        assert_eq!(at(&c, "0045HRS").start.date, Some(date!(2024 - 06 - 02)));
        assert_eq!(at(&c, "2301HRS").start.date, Some(date!(2024 - 06 - 01)));
        let c = clock("2024-06-01 14:00", "16:30", "UTC");
        assert_eq!(at(&c, "09:00").start.date, Some(date!(2024 - 06 - 01)));
        assert_eq!(at(&c, "23:59").start.date, Some(date!(2024 - 06 - 01)));
    }

    #[test]
    fn multi_day_window_marks_bare_times_ambiguous() {
        let c = clock("2021-10-28 08:00", "2021-11-18 09:00", "ET");
        assert!(at(&c, "08:26").ambiguous);
        assert!(!at(&c, "2021-10-29 08:26").ambiguous);
    }

    #[test]
    fn times_in_utc_land_on_either_side_of_a_named_zone_change() {
        let c = clock("2024-03-10 00:00", "2024-03-10 06:00", "America/New_York");
        // 06:30 UTC is 01:30 EST; 07:30 UTC is 03:30 EDT (02:00 was skipped).
        assert_eq!(at(&c, "2024-03-10 06:30 UTC").start.time, time!(01:30));
        assert_eq!(at(&c, "2024-03-10 07:30 UTC").start.time, time!(03:30));
        assert_eq!(c.duration(), Some(Duration::hours(5)));
    }

    #[test]
    fn the_table_head_shows_a_named_zone_as_on_the_outage_day() {
        let head = |start: &str| {
            crate::export::table_head(
                "America/Los_Angeles",
                &clock(start, "", "America/Los_Angeles"),
            )
        };
        assert!(
            head("2024-07-15 14:00").starts_with("| Time (PDT, UTC\u{2212}7) | Event |"),
            "{}",
            head("2024-07-15 14:00")
        );
        assert!(head("2024-01-15 14:00").starts_with("| Time (PST, UTC\u{2212}8) | Event |"));
        assert!(head("14:00").starts_with("| Time (America/Los_Angeles) | Event |"));
    }
}
