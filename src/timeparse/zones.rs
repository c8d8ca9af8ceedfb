//! Time zones as people write them: abbreviations, offsets, US zones that
//! follow daylight saving, zones written out in words, and IANA names
//! ("Europe/Berlin"), whose rules come from `rules`.

use time::{Date, Month, PrimitiveDateTime, Time, UtcOffset, Weekday};

use super::rules;

/// A time zone as written: a canonical label to show, and its offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    pub label: String,
    /// The offset on the date it was read for; a zone's standard offset
    /// when no date was known.
    pub offset: UtcOffset,
    /// An IANA name (the label, canonically spelt): its offset follows the
    /// zone's rules for the date.
    pub named: bool,
}

impl Zone {
    pub fn fixed(label: impl Into<String>, offset: UtcOffset) -> Zone {
        Zone { label: label.into(), offset, named: false }
    }

    /// The IANA zone `name` ("america/los_angeles" too), when the rules know it.
    pub fn named(name: &str) -> Option<Zone> {
        let label = rules::zone_rules().canonical(name)?;
        let offset = rules::standard_offset(&label)?;
        Some(Zone { label, offset, named: true })
    }
}

/// Midday: the moment of a day that stands for the whole day, away from
/// the night-time hours clocks change at.
pub const NOON: Time = match Time::from_hms(12, 0, 0) {
    Ok(t) => t,
    Err(_) => Time::MIDNIGHT,
};

/// The first part of the IANA names people write: what tells
/// "Europe/Berlin" from "and/or" before the rules are asked.
pub const IANA_AREAS: &[&str] = &[
    "africa",
    "america",
    "antarctica",
    "arctic",
    "asia",
    "atlantic",
    "australia",
    "europe",
    "indian",
    "pacific",
    "etc",
    "us",
    "canada",
    "brazil",
    "mexico",
    "chile",
];

/// Abbreviations with a fixed offset (hours, minutes).
pub const ZONES: &[(&str, i32, i32)] = &[
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
pub const GENERIC: &[(&str, i8, &str)] =
    &[("et", -5, "eastern"), ("ct", -6, "central"), ("mt", -7, "mountain"), ("pt", -8, "pacific")];

/// Zones written out in words, with their fixed offsets (hours). Matched
/// before the US names, so "Central African Time" is not US Central.
pub const LONG_NAMES: &[(&[&str], &str, i8)] = &[
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

pub const US_ABBR: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "ET", "CT",
    "MT", "PT",
];

/// Offset of a zone on a date (at noon; see `offset_at`).
pub fn offset_on(zone: &Zone, date: Option<Date>) -> UtcOffset {
    offset_at(zone, date, NOON)
}

/// Offset of a zone at a local time on a date. A named (IANA) zone's
/// follows its rules; the generic US zones (ET, CT, MT, PT) are on daylight
/// time from the second Sunday of March to the first Sunday of November.
/// Without a date, the standard offset. Other zones are fixed.
pub fn offset_at(zone: &Zone, date: Option<Date>, time: Time) -> UtcOffset {
    if zone.named {
        let Some(date) = date else { return zone.offset };
        let local = PrimitiveDateTime::new(date, time);
        return rules::in_force_local(&zone.label, local).map_or(zone.offset, |f| f.offset);
    }
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

/// Offset of a zone at a UTC moment: what a time converted into the zone
/// takes (the zone's local date and time are not known before).
pub fn offset_at_utc(zone: &Zone, utc: PrimitiveDateTime) -> UtcOffset {
    if zone.named {
        return rules::zone_rules().in_force(&zone.label, utc).map_or(zone.offset, |f| f.offset);
    }
    offset_on(zone, Some(utc.date()))
}

pub fn offset_label(prefix: &str, secs: i32) -> String {
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

/// Whether `specific` ("EDT", "PST") is one of the two offsets that the
/// generic US zone `generic` ("ET", "PT") takes: a time written in it is
/// in the generic zone already, whatever the date.
pub fn within_generic(generic: &Zone, specific: &Zone) -> bool {
    let Some(g) = GENERIC.iter().find(|g| g.0.eq_ignore_ascii_case(&generic.label)) else {
        return false;
    };
    let letter = g.0[..1].to_ascii_uppercase();
    let label = specific.label.to_ascii_uppercase();
    label.len() == 3
        && label.starts_with(&letter)
        && (label.ends_with("ST") || label.ends_with("DT"))
}
