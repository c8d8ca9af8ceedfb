//! What zone abbreviations say beyond their offset: the season they belong
//! to ("PST" is winter time on the US Pacific coast, "PDT" its summer
//! time), and the abbreviations several zones share ("IST", "CST"), read by
//! what else the document says.

use time::{Date, PrimitiveDateTime, UtcOffset};

use super::format::offset_name;
use super::rules::in_force_local;
use super::zones::{Zone, NOON};

/// A standard-time abbreviation, its daylight-time twin, and a zone that
/// uses both; `standard_all_year`: somewhere keeps the standard one all
/// year (Arizona's MST, Queensland's AEST), so only the daylight one can
/// contradict a date.
struct Twins {
    standard: &'static str,
    daylight: &'static str,
    zone: &'static str,
    region: &'static str,
    standard_all_year: bool,
}

const TWINS: &[Twins] = &[
    Twins {
        standard: "PST",
        daylight: "PDT",
        zone: "America/Los_Angeles",
        region: "US Pacific time",
        standard_all_year: false,
    },
    Twins {
        standard: "MST",
        daylight: "MDT",
        zone: "America/Denver",
        region: "US Mountain time",
        standard_all_year: true,
    },
    Twins {
        standard: "CST",
        daylight: "CDT",
        zone: "America/Chicago",
        region: "US Central time",
        standard_all_year: false,
    },
    Twins {
        standard: "EST",
        daylight: "EDT",
        zone: "America/New_York",
        region: "US Eastern time",
        standard_all_year: false,
    },
    Twins {
        standard: "AKST",
        daylight: "AKDT",
        zone: "America/Anchorage",
        region: "Alaska time",
        standard_all_year: false,
    },
    Twins {
        standard: "CET",
        daylight: "CEST",
        zone: "Europe/Paris",
        region: "Central European time",
        standard_all_year: false,
    },
    Twins {
        standard: "EET",
        daylight: "EEST",
        zone: "Europe/Athens",
        region: "Eastern European time",
        standard_all_year: false,
    },
    Twins {
        standard: "GMT",
        daylight: "BST",
        zone: "Europe/London",
        region: "UK time",
        // GMT is also UTC, right all year.
        standard_all_year: true,
    },
    Twins {
        standard: "AEST",
        daylight: "AEDT",
        zone: "Australia/Sydney",
        region: "Australian Eastern time",
        standard_all_year: true,
    },
    Twins {
        standard: "NZST",
        daylight: "NZDT",
        zone: "Pacific/Auckland",
        region: "New Zealand time",
        standard_all_year: false,
    },
];

/// An abbreviation written for a day of the other season.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongSeason {
    pub written: String,
    pub right: String,
    pub region: &'static str,
    pub zone: &'static str,
    pub right_offset: UtcOffset,
}

impl WrongSeason {
    pub fn message(&self, day: Date) -> String {
        format!(
            "{} is not in use on {}: {} is on {} ({}) then. Write {}, or the zone's name ({}) to follow daylight saving.",
            self.written,
            super::format::format_date(day),
            self.region,
            self.right,
            offset_name(self.right_offset.whole_seconds()),
            self.right,
            self.zone
        )
    }
}

/// Whether a zone written as `zone` contradicts the season of `day`: "PST"
/// on a day in July, "CEST" in January. Read from the zone rules of a
/// place that uses both abbreviations.
pub fn wrong_season(zone: &Zone, day: Date) -> Option<WrongSeason> {
    if zone.named {
        return None;
    }
    let label = zone.label.to_ascii_uppercase();
    let twins = TWINS.iter().find(|t| t.standard == label || t.daylight == label)?;
    let in_force = in_force_local(twins.zone, PrimitiveDateTime::new(day, NOON))?;
    let standard = super::rules::standard_offset(twins.zone)?;
    let summer = in_force.offset != standard;
    let (right, written_standard) =
        if label == twins.standard { (twins.daylight, true) } else { (twins.standard, false) };
    // The written zone reads as the offset it names: only where that is
    // the twin's offset is it the twin, and only then can it be wrong.
    let named_offset = if written_standard { standard } else { in_force.offset };
    if written_standard && zone.offset != named_offset {
        return None;
    }
    let wrong = if written_standard { summer && !twins.standard_all_year } else { !summer };
    wrong.then(|| WrongSeason {
        written: zone.label.clone(),
        right: right.to_string(),
        region: twins.region,
        zone: twins.zone,
        right_offset: in_force.offset,
    })
}

/// One reading of an abbreviation several zones share.
struct Reading {
    name: &'static str,
    zone: &'static str,
    /// Hours and minutes east of UTC, in the zone's standard time.
    offset: (i8, i8),
    /// Words that place a document there.
    words: &'static [&'static str],
}

/// Abbreviations that name more than one zone; the first reading is the
/// one taken when nothing in the document says which.
const SHARED: &[(&str, &[Reading])] = &[
    (
        "IST",
        &[
            Reading {
                name: "India Standard Time",
                zone: "Asia/Kolkata",
                offset: (5, 30),
                words: &[
                    "india",
                    "indian",
                    "bangalore",
                    "bengaluru",
                    "mumbai",
                    "delhi",
                    "kolkata",
                    "chennai",
                    "hyderabad",
                    "pune",
                    "noida",
                    "gurgaon",
                    "inr",
                ],
            },
            Reading {
                name: "Irish Standard Time",
                zone: "Europe/Dublin",
                offset: (1, 0),
                words: &["ireland", "irish", "dublin", "cork", "galway"],
            },
            Reading {
                name: "Israel Standard Time",
                zone: "Asia/Jerusalem",
                offset: (2, 0),
                words: &["israel", "israeli", "jerusalem", "tel", "haifa"],
            },
        ],
    ),
    (
        "CST",
        &[
            Reading {
                name: "US Central Standard Time",
                zone: "America/Chicago",
                offset: (-6, 0),
                words: &[
                    "chicago",
                    "texas",
                    "dallas",
                    "houston",
                    "minneapolis",
                    "usa",
                    "est",
                    "edt",
                    "cdt",
                    "pst",
                    "pdt",
                    "mst",
                    "mdt",
                    "et",
                    "ct",
                    "pt",
                ],
            },
            Reading {
                name: "China Standard Time",
                zone: "Asia/Shanghai",
                offset: (8, 0),
                words: &[
                    "china",
                    "chinese",
                    "beijing",
                    "shanghai",
                    "shenzhen",
                    "guangzhou",
                    "hangzhou",
                    "cny",
                    "rmb",
                ],
            },
        ],
    ),
];

/// How the abbreviations several zones share read in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// For each shared abbreviation, the reading the document's words
    /// point to: Some(index into its readings), or None when they point
    /// to none or to more than one.
    decided: Vec<(&'static str, Option<usize>)>,
}

impl Context {
    /// Reads `text` (the document's words) once.
    pub fn of(text: &str) -> Context {
        let words: rustc_hash::FxHashSet<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let decided = SHARED
            .iter()
            .map(|(label, readings)| {
                let pointed: Vec<usize> = readings
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.words.iter().any(|w| words.contains(*w)))
                    .map(|(i, _)| i)
                    .collect();
                (*label, if pointed.len() == 1 { Some(pointed[0]) } else { None })
            })
            .collect();
        Context { decided }
    }

    /// `zone` as the document means it: a shared abbreviation given the
    /// offset of the reading its words point to.
    pub fn read(&self, zone: Zone) -> Zone {
        let Some((readings, Some(k))) = self.readings(&zone) else { return zone };
        let (h, m) = readings[k].offset;
        match UtcOffset::from_hms(h, m * h.signum(), 0) {
            Ok(offset) => Zone { offset, ..zone },
            Err(_) => zone,
        }
    }

    fn readings(&self, zone: &Zone) -> Option<(&'static [Reading], Option<usize>)> {
        if zone.named {
            return None;
        }
        let label = zone.label.to_ascii_uppercase();
        let (_, readings) = SHARED.iter().find(|(l, _)| *l == label)?;
        let (_, k) = self.decided.iter().find(|(l, _)| *l == label)?;
        Some((readings, *k))
    }

    /// For a shared abbreviation the document's words do not settle, what
    /// to ask: which of its zones is meant.
    pub fn undecided(&self, zone: &Zone) -> Option<String> {
        let (readings, None) = self.readings(zone)? else { return None };
        let options: Vec<String> = readings
            .iter()
            .map(|r| {
                let (h, m) = r.offset;
                let seconds = i32::from(h) * 3600 + i32::from(h.signum() * m) * 60;
                format!("{} ({})", r.name, offset_name(seconds))
            })
            .collect();
        let names: Vec<&str> = readings.iter().map(|r| r.zone).collect();
        Some(format!(
            "{} can mean {}; it is read as {}. Write the zone's name ({}) to say which.",
            zone.label,
            or_list(&options),
            readings[0].name,
            or_list(&names)
        ))
    }
}

/// "a, b or c".
fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", rest.join(", "), last.as_ref())
        }
    }
}
