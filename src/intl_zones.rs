//! Zone rules from the browser's own time-zone database, through `Intl`
//! (wasm only): what `timeparse::ZoneRules` asks, so that no database
//! ships in the wasm.
//!
//! Every call into JavaScript goes through `Reflect` and `Function::call`,
//! which turn a thrown exception (an unknown zone is a RangeError) into an
//! `Err` instead of a trap. Formatters are costly to make, so each is made
//! once per zone and kept; answers are kept per quarter hour, since every
//! zone changes offset on one.

use std::cell::RefCell;

use js_sys::{Array, Date, Function, Object, Reflect};
use rustc_hash::FxHashMap as HashMap;
use time::{PrimitiveDateTime, UtcOffset};
use wasm_bindgen::{JsCast, JsValue};

use crate::timeparse::{InForce, ZoneRules};

pub struct IntlRules;

/// Answers kept before the cache is emptied: a page asks about a handful
/// of zones on a handful of days.
const KEPT: usize = 4096;

thread_local! {
    static FORMATTERS: RefCell<HashMap<(String, &'static str, &'static str), JsValue>> =
        RefCell::new(HashMap::default());
    static ANSWERS: RefCell<HashMap<(String, i64), Option<InForce>>> = RefCell::new(HashMap::default());
}

/// An `Intl.DateTimeFormat` for `zone` in `locale`, showing the zone's
/// name in `style` ("short": "PDT"; "longOffset": "GMT-07:00").
fn formatter(zone: &str, locale: &'static str, style: &'static str) -> Option<JsValue> {
    let key = (zone.to_string(), locale, style);
    if let Some(f) = FORMATTERS.with(|f| f.borrow().get(&key).cloned()) {
        return Some(f);
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?;
    let constructor = constructor.dyn_into::<Function>().ok()?;
    let options = Object::new();
    Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
    Reflect::set(&options, &"timeZoneName".into(), &style.into()).ok()?;
    let made = Reflect::construct(&constructor, &Array::of2(&locale.into(), &options)).ok()?;
    FORMATTERS.with(|f| f.borrow_mut().insert(key, made.clone()));
    Some(made)
}

/// The zone-name part of `formatter`'s rendering of the moment `ms`.
fn zone_part(formatter: &JsValue, ms: f64) -> Option<String> {
    let method = Reflect::get(formatter, &"formatToParts".into()).ok()?;
    let parts =
        method.dyn_into::<Function>().ok()?.call1(formatter, &Date::new(&ms.into())).ok()?;
    let parts: Array = parts.dyn_into().ok()?;
    parts.iter().find_map(|p| {
        let kind = Reflect::get(&p, &"type".into()).ok()?.as_string()?;
        (kind == "timeZoneName").then(|| Reflect::get(&p, &"value".into()).ok()?.as_string())?
    })
}

/// "GMT-07:00", "GMT+05:30", "GMT" as seconds east of UTC.
fn gmt_offset(text: &str) -> Option<i32> {
    let rest = text.strip_prefix("GMT").or_else(|| text.strip_prefix("UTC"))?;
    if rest.is_empty() {
        return Some(0);
    }
    let sign = match rest.chars().next()? {
        '+' => 1,
        '-' | '\u{2212}' => -1,
        _ => return None,
    };
    let digits = &rest[rest.chars().next()?.len_utf8()..];
    let (h, m) = digits.split_once(':').unwrap_or((digits, "0"));
    Some(sign * (h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60))
}

/// Locales whose short names cover the zones people name by abbreviation:
/// the US ones in en-US, Europe's in en-GB, India's in en-IN, and so on.
/// The first that gives a name that is not an offset wins.
const LOCALES: [&str; 5] = ["en-US", "en-GB", "en-IN", "en-AU", "en-NZ"];

impl ZoneRules for IntlRules {
    fn canonical(&self, name: &str) -> Option<String> {
        let f = formatter(name, "en-US", "short")?;
        let method = Reflect::get(&f, &"resolvedOptions".into()).ok()?;
        let options = method.dyn_into::<Function>().ok()?.call0(&f).ok()?;
        Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
    }

    fn in_force(&self, name: &str, utc: PrimitiveDateTime) -> Option<InForce> {
        let seconds = utc.assume_utc().unix_timestamp();
        let key = (name.to_string(), seconds.div_euclid(900));
        if let Some(kept) = ANSWERS.with(|a| a.borrow().get(&key).cloned()) {
            return kept;
        }
        let ms = seconds as f64 * 1000.0;
        let answer = (|| {
            let offset = gmt_offset(&zone_part(&formatter(name, "en-US", "longOffset")?, ms)?)?;
            let abbreviation = LOCALES
                .iter()
                .filter_map(|l| zone_part(&formatter(name, l, "short")?, ms))
                .find(|a| gmt_offset(a).is_none())
                .unwrap_or_else(|| crate::timeparse::offset_name(offset));
            Some(InForce { offset: UtcOffset::from_whole_seconds(offset).ok()?, abbreviation })
        })();
        ANSWERS.with(|a| {
            let mut a = a.borrow_mut();
            if a.len() >= KEPT {
                a.clear();
            }
            a.insert(key, answer.clone());
        });
        answer
    }
}
