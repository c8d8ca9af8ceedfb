//! Times, dates and durations as the editor writes them.

use time::{Date, Duration, PrimitiveDateTime, Time};

use super::rules::in_force_local;
use super::stamp::Stamp;
use super::zones::Zone;

/// "UTC", "UTC+5:30", "UTC−7" (with a minus sign, as people print it).
pub fn offset_name(seconds: i32) -> String {
    super::zones::offset_label("UTC", seconds).replace('-', "\u{2212}")
}

/// A zone as a timeline's header shows it for a day: a named (IANA) zone
/// as its abbreviation and offset that day ("PDT, UTC−7", or "UTC+4" where
/// the zone has no abbreviation); any other zone by its label. Without a
/// day, a named zone is shown by its name.
pub fn zone_heading(zone: &Zone, day: Option<Date>) -> String {
    let in_force = day
        .and_then(|d| in_force_local(&zone.label, PrimitiveDateTime::new(d, super::zones::NOON)));
    match in_force.filter(|_| zone.named) {
        Some(f) => {
            let offset = offset_name(f.offset.whole_seconds());
            let abbreviation = f.abbreviation.as_str();
            let is_offset = abbreviation.starts_with(['+', '-']) || abbreviation.starts_with("GMT");
            if is_offset || abbreviation == "UTC" {
                offset
            } else {
                format!("{abbreviation}, {offset}")
            }
        }
        None => zone.label.clone(),
    }
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
