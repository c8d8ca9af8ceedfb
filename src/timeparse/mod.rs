//! Reading the times people write in postmortems: typed in the timeline's
//! "Time" cell, or found in hand-written Markdown being imported.
//!
//! The text is split into tokens by hand (numbers, ASCII words, single
//! symbols, each remembering whether whitespace preceded it) and read by a
//! small backtracking parser. Every calendar rule comes from the `time` crate.
//!
//! In stages: `tokens` cuts the text, `reader` parses times, dates and
//! zones over the tokens (with `zones`, the zone tables), `read` is where
//! it is used from (a field, an entry's start, prose), `stamp` holds what
//! was read, `format` writes times back, `rules` gives the offsets of
//! zones by IANA name.

mod abbreviations;
mod format;
mod read;
mod reader;
mod rules;
mod stamp;
mod tokens;
mod zones;

#[cfg(test)]
mod tests;

pub use abbreviations::{wrong_season, Context, WrongSeason};
pub use format::{
    format_date, format_duration, format_stamp, format_time, offset_name, zone_heading,
};
pub use read::{
    find_dates, find_times, guess_date_order, leading_time, leading_unknown, parse_time, parse_zone,
};
pub use reader::{month_named, weekday_named};
pub use rules::{in_force_local, zone_rules, InForce, ZoneRules};
pub use stamp::{DateOrder, Parsed, Stamp, TimeError, ACCEPTED};
pub use zones::{offset_at, offset_at_utc, offset_on, within_generic, Zone};
