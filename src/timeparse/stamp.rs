//! What a time expression says once read, and why one could not be read.

use std::fmt;

use time::{Date, Month, Time};

use super::zones::Zone;

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
    /// Written as approximate: "~14:05", "about 14:05", "14:05~", "11pm-ish".
    pub approximate: bool,
    /// A day without a time of day ("2021-08-17", "2019-12-03 --:--"):
    /// `time` is then midnight and says nothing.
    pub day_only: bool,
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
    /// Written as unknown on purpose: "???", "??:??", "--:--", "unknown", "TBD".
    Unknown(String),
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
            TimeError::Unknown(s) => write!(f, "\"{s}\" says the time is not known."),
        }
    }
}
