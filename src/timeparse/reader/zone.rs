//! The reader's zones: a zone after a time, in parentheses or not; an
//! offset ("+02:00", "UTC-3"), an abbreviation, a long name, or an IANA name
//! ("Europe/Berlin").

use time::UtcOffset;

use super::{Mode, TimeReader};
use crate::timeparse::tokens::TokenKind;
use crate::timeparse::zones::{offset_label, Zone, GENERIC, IANA_AREAS, LONG_NAMES, ZONES};

impl TimeReader<'_> {
    pub fn zone(&self, i: usize, minus_ok: bool) -> Option<(Zone, usize)> {
        if self.symbol(i, '(') {
            let (z, k) = self.bare_zone(i + 1, true)?;
            return self.symbol(k, ')').then_some((z, k + 1));
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
            if self.mode != Mode::Whole
                && self.tokens.get(i).is_some_and(|t| t.spaced)
                && k == i + 2
                && self.number(i + 1, 2..=2).is_some()
            {
                return None;
            }
            return Some((
                Zone::fixed(offset_label("UTC", secs), UtcOffset::from_whole_seconds(secs).ok()?),
                k,
            ));
        }
        let w = self.word(i)?;
        if let Some(named) = self.iana_name(i) {
            return Some(named);
        }
        if w == "utc" || w == "gmt" {
            let prefix = w.to_ascii_uppercase();
            if let Some(sign) = self.sign(i + 1).filter(|_| self.touches(i + 1)) {
                if let Some((secs, k)) = self.offset(i + 2, sign, true) {
                    return Some((
                        Zone::fixed(
                            offset_label(&prefix, secs),
                            UtcOffset::from_whole_seconds(secs).ok()?,
                        ),
                        k,
                    ));
                }
            }
            return Some((Zone::fixed(prefix, UtcOffset::UTC), i + 1));
        }
        if w == "z" && self.capitals_ok(i) {
            return Some((Zone::fixed("UTC", UtcOffset::UTC), i + 1));
        }
        for &(words, label, hours) in LONG_NAMES {
            let matches = words.iter().enumerate().all(|(n, want)| self.word(i + n) == Some(*want));
            if matches && self.capitalised_ok(i) {
                // India is +5:30; the others are whole hours.
                let minutes = if label == "IST" { 30 } else { 0 };
                let offset = UtcOffset::from_hms(hours, minutes, 0).ok()?;
                return Some((Zone::fixed(label, offset), i + words.len()));
            }
        }
        for &(abbr, hours, long) in GENERIC {
            let k = if w == abbr && self.capitals_ok(i) {
                i + 1
            } else if w == long && self.capitalised_ok(i) {
                if self.word(i + 1) == Some("time") {
                    i + 2
                } else {
                    i + 1
                }
            } else {
                continue;
            };
            let offset = UtcOffset::from_hms(hours, 0, 0).ok()?;
            return Some((Zone::fixed(abbr.to_ascii_uppercase(), offset), k));
        }
        let &(abbr, h, m) = ZONES.iter().find(|z| z.0 == w).filter(|_| self.capitals_ok(i))?;
        let secs = h * 3600 + h.signum() * m * 60;
        Some((
            Zone::fixed(abbr.to_ascii_uppercase(), UtcOffset::from_whole_seconds(secs).ok()?),
            i + 1,
        ))
    }

    /// "Europe/Berlin", "America/Argentina/Buenos_Aires": an IANA name,
    /// touching tokens of words, digits and "/", "_", "-", "+", whose first
    /// part is an area people write; the zone rules say if it exists.
    fn iana_name(&self, i: usize) -> Option<(Zone, usize)> {
        let area = self.word(i)?;
        if !IANA_AREAS.contains(&area) || !self.symbol(i + 1, '/') || !self.touches(i + 1) {
            return None;
        }
        if !self.capitalised_ok(i) {
            return None;
        }
        let mut k = i + 1;
        while let Some(t) = self.tokens.get(k).filter(|t| !t.spaced) {
            let part = match t.kind {
                TokenKind::Symbol(c) => "/_-+".contains(c),
                _ => true,
            };
            if !part {
                break;
            }
            k += 1;
        }
        // A trailing '-' or '+' is not part of the name ("Europe/Berlin-").
        while k > i + 2 && matches!(self.tokens[k - 1].kind, TokenKind::Symbol('-' | '+' | '/')) {
            k -= 1;
        }
        let name = self.source.get(self.tokens[i].start..self.tokens[k - 1].end)?;
        Some((Zone::named(name)?, k))
    }

    fn sign(&self, i: usize) -> Option<i32> {
        if self.symbol(i, '+') {
            Some(1)
        } else if self.symbol(i, '-') || self.symbol(i, '−') {
            Some(-1)
        } else {
            None
        }
    }

    /// Offset digits after a sign: "3", "03", "03:00", "0300" (a lone "3" only after GMT/UTC).
    fn offset(&self, i: usize, sign: i32, prefixed: bool) -> Option<(i32, usize)> {
        if !self.touches(i) {
            return None;
        }
        let (h, m, k) = if let Some(v) = self.number(i, 4..=4) {
            (v / 100, v % 100, i + 1)
        } else {
            let h = self.number(i, if prefixed { 1..=2 } else { 2..=2 })?;
            match self.number(i + 2, 2..=2) {
                Some(m)
                    if self.symbol(i + 1, ':') && self.touches(i + 1) && self.touches(i + 2) =>
                {
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
}
