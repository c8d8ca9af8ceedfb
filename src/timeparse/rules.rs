//! Zone rules by name: what offset and abbreviation an IANA zone
//! ("Europe/Berlin") has at a moment. The core asks one small trait; the
//! rules themselves come from outside it: natively from the system's zone
//! database (jiff reading /usr/share/zoneinfo), in the browser from its own
//! `Intl` (src/intl_zones.rs), so no database ships in the wasm.

use time::{Date, Month, PrimitiveDateTime, UtcOffset};

/// The offset and abbreviation in force in a zone at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InForce {
    pub offset: UtcOffset,
    /// "PDT", "CEST"; an offset ("+03", "GMT+3") where the zone has no
    /// abbreviation of its own.
    pub abbreviation: String,
}

pub trait ZoneRules {
    /// The canonical spelling of an IANA zone name ("europe/berlin" →
    /// "Europe/Berlin"); None for a name the rules do not know.
    fn canonical(&self, name: &str) -> Option<String>;
    /// What is in force in zone `name` at the UTC moment `utc`.
    fn in_force(&self, name: &str, utc: PrimitiveDateTime) -> Option<InForce>;
}

/// The rules of this build: the system's natively, the browser's in wasm.
pub fn zone_rules() -> &'static dyn ZoneRules {
    #[cfg(target_arch = "wasm32")]
    {
        &crate::intl_zones::IntlRules
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        &SystemRules
    }
}

/// What is in force in zone `name` at a local (wall-clock) moment: the
/// offset that, subtracted from the local time, gives a UTC moment at which
/// that same offset holds. In a gap or overlap of a change, the offset
/// from before the change.
pub fn in_force_local(name: &str, local: PrimitiveDateTime) -> Option<InForce> {
    let rules = zone_rules();
    let guess = rules.in_force(name, local)?;
    let utc = local.checked_sub(time::Duration::seconds(guess.offset.whole_seconds().into()))?;
    let second = rules.in_force(name, utc)?;
    if second.offset == guess.offset {
        return Some(second);
    }
    let utc = local.checked_sub(time::Duration::seconds(second.offset.whole_seconds().into()))?;
    let third = rules.in_force(name, utc)?;
    Some(if third.offset == second.offset { third } else { guess })
}

/// The zone's standard offset when no date says which applies: the smaller
/// of its January and July offsets (daylight saving moves clocks forward).
pub fn standard_offset(name: &str) -> Option<UtcOffset> {
    let at = |month| {
        let day = Date::from_calendar_date(2024, month, 15).ok()?;
        Some(in_force_local(name, PrimitiveDateTime::new(day, super::zones::NOON))?.offset)
    };
    Some(at(Month::January)?.min(at(Month::July)?))
}

/// The system's zone database, read by jiff.
#[cfg(not(target_arch = "wasm32"))]
pub struct SystemRules;

#[cfg(not(target_arch = "wasm32"))]
impl ZoneRules for SystemRules {
    fn canonical(&self, name: &str) -> Option<String> {
        let zone = jiff::tz::TimeZone::get(name).ok()?;
        zone.iana_name().map(str::to_string)
    }

    fn in_force(&self, name: &str, utc: PrimitiveDateTime) -> Option<InForce> {
        let zone = jiff::tz::TimeZone::get(name).ok()?;
        let seconds = utc.assume_utc().unix_timestamp();
        let info = zone.to_offset_info(jiff::Timestamp::from_second(seconds).ok()?);
        Some(InForce {
            offset: UtcOffset::from_whole_seconds(info.offset().seconds()).ok()?,
            abbreviation: info.abbreviation().to_string(),
        })
    }
}
