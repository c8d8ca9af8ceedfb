//! Transcripts: a conversation copied from a chat client (Slack, Teams,
//! Discord, Mattermost, Zulip, Element, WhatsApp, Zoom), an IRC log, or
//! log lines, read into its timestamped messages.
//!
//! Not a rule per client: a recogniser of how transcripts are written. A
//! line is read by its shape (`lines`: a stamp first or last on the line,
//! an author before a colon, in angle brackets, on the line above or
//! between tabs; a day alone; a client's buttons and counters, `noise`);
//! lines are gathered into messages, with what the whole transcript shows
//! deciding what one line cannot (`messages`); the days are then put on
//! them (here): dates in the transcript's own order, relative days,
//! midnight passing. `rows` turns them into timeline rows.
//!
//! In stages: `clean` (marks copied along), `stamp`, `lines`, `noise`,
//! `messages`, `rows`.

mod clean;
mod lines;
mod messages;
mod noise;
pub mod rows;
mod stamp;

use time::{Date, Duration, Time};

use crate::timeparse::{DateOrder, Zone};
pub use messages::Message;
use stamp::Day;

/// A transcript read: its messages, in the order written.
#[derive(Clone, Debug, PartialEq)]
pub struct Transcript {
    pub messages: Vec<Message>,
    /// How the transcript's numeric dates read ("04/03/2024").
    pub order: DateOrder,
    /// Timed lines left out: joins, leaves, reactions, client notices.
    pub system_lines: usize,
    /// Whether some date could be read one way only ("13/08/2024"): else
    /// the order is a guess the day the transcript is taken to be on may
    /// overrule.
    order_known: bool,
}

pub fn read(text: &str) -> Transcript {
    let text = clean::cleaned(text);
    let lines: Vec<lines::Line> = text.split('\n').map(lines::line).collect();
    let gathered = messages::gather(&lines);
    let (order, order_known) = date_order(&gathered.messages);
    Transcript {
        messages: gathered.messages,
        order,
        system_lines: gathered.system_lines,
        order_known,
    }
}

/// Day first unless the dates say otherwise ("03/24/2023") or the
/// clock is a 12-hour one, as in the US; and whether the dates said.
fn date_order(messages: &[Message]) -> (DateOrder, bool) {
    let numbers = messages.iter().flat_map(|m| [m.stamp.day.as_ref(), m.marked_day.as_ref()]);
    let (mut day_first, mut month_first) = (false, false);
    for day in numbers.flatten() {
        if let Day::Numeric { first, second, .. } = day {
            day_first |= *first > 12;
            month_first |= *second > 12;
        }
    }
    match (day_first, month_first) {
        (true, false) => (DateOrder::DayFirst, true),
        (false, true) => (DateOrder::MonthFirst, true),
        _ if messages.iter().any(|m| m.stamp.twelve_hour) => (DateOrder::MonthFirst, false),
        _ => (DateOrder::DayFirst, false),
    }
}

/// A clock going back by more than this from one message to the next has
/// passed midnight.
const NIGHT: Duration = Duration::hours(6);

impl Transcript {
    /// The day of `day` as this transcript writes days: `year` for one
    /// without a year, `today` for the relative ones.
    fn date_of(
        &self,
        day: &Day,
        order: DateOrder,
        year: Option<i32>,
        today: Option<Date>,
    ) -> Option<Date> {
        let year = year.or(today.map(|t| t.year()));
        match day {
            Day::Full(d) => Some(*d),
            Day::MonthDay(m, d) => Date::from_calendar_date(year?, *m, *d).ok(),
            Day::Numeric { first, second, year: written } => {
                let (d, m) = match (order, *first > 12, *second > 12) {
                    (_, true, false) => (*first, *second),
                    (_, false, true) => (*second, *first),
                    (DateOrder::MonthFirst, ..) => (*second, *first),
                    (DateOrder::DayFirst, ..) => (*first, *second),
                };
                let month = time::Month::try_from(m).ok()?;
                Date::from_calendar_date(written.or(year)?, month, d).ok()
            }
            Day::Today => today,
            Day::Yesterday => today?.previous_day(),
            // The last such weekday before today, as clients name the past week's days.
            Day::Weekday(w) => {
                let mut d = today?.previous_day()?;
                while d.weekday() != *w {
                    d = d.previous_day()?;
                }
                Some(d)
            }
        }
    }

    /// Each message's date: its own, else the last day mark's, else the
    /// message before's (a day later when the clock went back over
    /// midnight), else `default` (the day the transcript is taken to be
    /// on). `today` reads "Today", "Yesterday" and weekdays.
    pub fn dates(&self, default: Option<Date>, today: Option<Date>) -> Vec<Option<Date>> {
        let order = self.order_near(default.or(today), today);
        let mut year = default.map(|d| d.year());
        let mut out = Vec::with_capacity(self.messages.len());
        let mut previous: Option<(Option<Date>, Time)> = None;
        let mut mark: Option<&Day> = None;
        for m in &self.messages {
            // A full date sets the year of the days without one after it.
            for day in [m.marked_day.as_ref(), m.stamp.day.as_ref()].into_iter().flatten() {
                if let Day::Full(d) = day {
                    year = Some(d.year());
                }
            }
            let new_mark = m.marked_day.as_ref().filter(|d| Some(*d) != mark);
            let own = m.stamp.day.as_ref().or(new_mark);
            let date = match own {
                Some(day) => self.date_of(day, order, year, today),
                None => match previous {
                    Some((Some(d), t)) if t - m.stamp.time > NIGHT => d.next_day(),
                    Some((d, _)) => d,
                    None => match &m.marked_day {
                        Some(day) => self.date_of(day, order, year, today),
                        None => default,
                    },
                },
            };
            mark = m.marked_day.as_ref();
            previous = Some((date, m.stamp.time));
            out.push(date);
        }
        out
    }

    /// The transcript's date order; where its dates do not settle it, the
    /// one that puts its first date nearest `near` (the outage's day).
    fn order_near(&self, near: Option<Date>, today: Option<Date>) -> DateOrder {
        let (Some(near), false) = (near, self.order_known) else { return self.order };
        let first = self.messages.iter().find_map(|m| match &m.stamp.day {
            Some(d @ Day::Numeric { .. }) => Some(d),
            _ => None,
        });
        let Some(first) = first else { return self.order };
        let distance = |order| {
            self.date_of(first, order, Some(near.year()), today)
                .map_or(i64::MAX, |d| (d - near).whole_days().abs())
        };
        let other = match self.order {
            DateOrder::DayFirst => DateOrder::MonthFirst,
            DateOrder::MonthFirst => DateOrder::DayFirst,
        };
        if distance(other) < distance(self.order) {
            other
        } else {
            self.order
        }
    }

    /// The date the transcript itself gives, where it gives one: that of
    /// the first message it dates.
    pub fn said_date(&self, today: Option<Date>) -> Option<Date> {
        self.dates(None, today).into_iter().flatten().next()
    }

    /// The zone the transcript's stamps name, when they name one, all the same.
    pub fn said_zone(&self) -> Option<Zone> {
        let mut zones = self.messages.iter().filter_map(|m| m.stamp.zone.as_ref());
        let first = zones.next()?;
        zones.all(|z| z.label == first.label).then(|| first.clone())
    }

    /// Messages whose day the transcript writes as a weekday or "Today",
    /// which only the day of pasting can place.
    pub fn relative_days(&self) -> bool {
        self.messages.iter().any(|m| {
            [m.stamp.day.as_ref(), m.marked_day.as_ref()]
                .into_iter()
                .flatten()
                .any(|d| matches!(d, Day::Today | Day::Yesterday | Day::Weekday(_)))
        })
    }
}

/// Each line's shape, for looking into how a transcript was read.
#[doc(hidden)]
pub fn shapes(text: &str) -> Vec<String> {
    clean::cleaned(text).split('\n').map(|l| format!("{:?}", lines::line(l))).collect()
}
