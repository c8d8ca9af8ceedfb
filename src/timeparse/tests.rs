//! The formats people write, read back.

use super::zones::{offset_at, offset_on, ZONES};
use super::*;
use time::{Date, Duration, Month, Time};
use DateOrder::{DayFirst, MonthFirst};

fn p(s: &str) -> Parsed {
    parse_time(s, DayFirst).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}
fn hm(h: u8, m: u8) -> Time {
    Time::from_hms(h, m, 0).unwrap()
}
fn ymd(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}
fn label(s: &str) -> String {
    p(s).start.zone.map(|z| z.label).unwrap_or_default()
}
fn hours(s: &str) -> i8 {
    p(s).start.zone.unwrap().offset.whole_hours()
}

#[test]
fn clock_times() {
    for (s, h, m) in [
        ("14:05", 14, 5),
        ("9:05", 9, 5),
        ("2:00 PM", 14, 0),
        ("2:00PM", 14, 0),
        ("7:05AM", 7, 5),
        ("2 PM", 14, 0),
        ("2pm", 14, 0),
        ("5:00 pm", 17, 0),
        ("8:20 a.m.", 8, 20),
        ("8:20 p.m", 20, 20),
        ("03:00 PM", 15, 0),
        ("07:00PM", 19, 0),
        ("12:15 AM", 0, 15),
        ("12:00 PM", 12, 0),
        ("2305HRS", 23, 5),
        ("0029hrs", 0, 29),
        ("Midnight", 0, 0),
        ("noon", 12, 0),
    ] {
        let got = p(s);
        assert_eq!(
            (got.start.time, got.start.date, got.start.zone, got.end),
            (hm(h, m), None, None, None),
            "{s}"
        );
    }
    assert_eq!(p("14:05:30").start.time, Time::from_hms(14, 5, 30).unwrap());
}

#[test]
fn zones_after_times() {
    assert_eq!((label("14:05 UTC"), hours("14:05 UTC")), ("UTC".into(), 0));
    assert_eq!((label("9:00 AM GMT+2"), hours("9:00 AM GMT+2")), ("GMT+2".into(), 2));
    assert_eq!(p("9:00 AM GMT+2").start.time, hm(9, 0));
    assert_eq!(label("10:00 AM (UTC)"), "UTC");
    assert_eq!((label("2:00 PM EST"), hours("2:00 PM EST")), ("EST".into(), -5));
    assert_eq!((p("2305HRS EAT").start.time, label("2305HRS EAT")), (hm(23, 5), "EAT".into()));
    assert_eq!((p("midnight (SAST)").start.time, hours("midnight (SAST)")), (hm(0, 0), 2));
    assert_eq!(label("14:05 +03:00"), "UTC+3");
    assert_eq!(label("14:05 -07:00"), "UTC-7");
}

#[test]
fn parse_zone_forms() {
    for (s, l, secs) in [
        ("Central African Time", "CAT", 7200),
        ("East Africa Time", "EAT", 10800),
        ("India Standard Time", "IST", 19800),
        ("UTC", "UTC", 0),
        ("gmt", "GMT", 0),
        ("Z", "UTC", 0),
        ("GMT+2", "GMT+2", 7200),
        ("GMT+03:00", "GMT+3", 10800),
        ("UTC-5", "UTC-5", -18000),
        ("UTC+05:30", "UTC+5:30", 19800),
        ("+03:00", "UTC+3", 10800),
        ("+0300", "UTC+3", 10800),
        ("-07", "UTC-7", -25200),
        ("(eat)", "EAT", 10800),
        (" IST ", "IST", 19800),
        ("ET", "ET", -18000),
        ("Eastern", "ET", -18000),
        ("eastern time", "ET", -18000),
        ("CT", "CT", -21600),
        ("Central", "CT", -21600),
        ("MT", "MT", -25200),
        ("Mountain", "MT", -25200),
        ("PT", "PT", -28800),
        ("Pacific", "PT", -28800),
        ("Pacific Time", "PT", -28800),
    ] {
        let z = parse_zone(s).unwrap_or_else(|| panic!("{s}"));
        assert_eq!((z.label.as_str(), z.offset.whole_seconds()), (l, secs), "{s}");
    }
    for &(abbr, h, m) in ZONES {
        let z = parse_zone(&abbr.to_uppercase()).unwrap();
        assert_eq!(
            (z.label, z.offset.whole_seconds()),
            (abbr.to_uppercase(), h * 3600 + h.signum() * m * 60)
        );
    }
    for bad in ["", "XYZT", "UTC+", "+3", "GMT+25", "UTC UTC", "(UTC"] {
        assert_eq!(parse_zone(bad), None, "{bad}");
    }
}

#[test]
fn us_generic_zones_follow_dst() {
    assert_eq!(hours("2024-06-01 14:05 PT"), -7);
    assert_eq!(hours("2024-01-15 14:05 PT"), -8);
    assert_eq!(hours("14:05 ET"), -5);
    assert_eq!(hours("10:00 Eastern Time 07/04/2024"), -4);
    let pt = parse_zone("PT").unwrap();
    // 2024: DST from Sunday 10 March to Sunday 3 November.
    let at = |m, d| offset_on(&pt, Some(ymd(2024, m, d))).whole_hours();
    assert_eq!((at(3, 9), at(3, 10), at(11, 2), at(11, 3)), (-8, -7, -7, -8));
    let eat = parse_zone("EAT").unwrap();
    assert_eq!(offset_on(&eat, Some(ymd(2024, 6, 1))), eat.offset);
}

#[test]
fn dates_with_times() {
    for (s, date, t) in [
        ("2024-06-01 14:05", ymd(2024, 6, 1), hm(14, 5)),
        ("2024-06-01T14:05", ymd(2024, 6, 1), hm(14, 5)),
        ("2021-10-28 08:26", ymd(2021, 10, 28), hm(8, 26)),
        ("5:00 pm 05/22/2020", ymd(2020, 5, 22), hm(17, 0)),
        ("12/02/2025 8:00 PM", ymd(2025, 2, 12), hm(20, 0)),
        ("October 7, 2023, 10:00 AM", ymd(2023, 10, 7), hm(10, 0)),
        ("Oct 7 2023 10:00", ymd(2023, 10, 7), hm(10, 0)),
        ("7 October 2023 10:00", ymd(2023, 10, 7), hm(10, 0)),
        ("Nov 1, 2022 6:00 AM", ymd(2022, 11, 1), hm(6, 0)),
        ("2023-01-04/11:34", ymd(2023, 1, 4), hm(11, 34)),
        ("Sept 3rd, 2021 at 9:15", ymd(2021, 9, 3), hm(9, 15)),
    ] {
        let got = p(s).start;
        assert_eq!((got.date, got.time, got.month_day), (Some(date), t, None), "{s}");
    }
    let z = p("2024-06-01T14:05:00Z").start;
    assert_eq!(
        (z.date, z.time, label("2024-06-01T14:05:00Z")),
        (Some(ymd(2024, 6, 1)), hm(14, 5), "UTC".into())
    );
    assert_eq!(label("2024-06-01 14:05 +03:00"), "UTC+3");
    assert_eq!(hours("2024-06-01T14:05-07:00"), -7);
    let rfc = p("Tue, 1 Nov 2022 07:32:16 GMT").start;
    assert_eq!(
        (rfc.date, rfc.time, rfc.zone.unwrap().label),
        (Some(ymd(2022, 11, 1)), Time::from_hms(7, 32, 16).unwrap(), "GMT".into())
    );
    let april = p("April 17th 9:00 AM").start;
    assert_eq!(
        (april.date, april.month_day, april.time),
        (None, Some((Month::April, 17)), hm(9, 0))
    );
}

#[test]
fn slashed_date_order() {
    let date = |s, o| parse_time(s, o).unwrap().start.date;
    assert_eq!(date("05/06/2020 10:00", DayFirst), Some(ymd(2020, 6, 5)));
    assert_eq!(date("05/06/2020 10:00", MonthFirst), Some(ymd(2020, 5, 6)));
    assert_eq!(date("13/05/2020 10:00", MonthFirst), Some(ymd(2020, 5, 13)));
    assert_eq!(date("05/13/2020 10:00", DayFirst), Some(ymd(2020, 5, 13)));
}

#[test]
fn ranges() {
    let r = p("7:30AM to 8:05PM WAT");
    let end = r.end.unwrap();
    assert_eq!((r.start.time, end.time), (hm(7, 30), hm(20, 5)));
    assert_eq!(
        (r.start.zone.unwrap().label, end.zone.unwrap().label),
        ("WAT".into(), "WAT".into())
    );
    for s in
        ["14:00 - 16:30", "14:00-16:30", "14:00 – 16:30 UTC", "14:00 — 16:30", "14:00 until 16:30"]
    {
        let r = p(s);
        assert_eq!((r.start.time, r.end.map(|e| e.time)), (hm(14, 0), Some(hm(16, 30))), "{s}");
    }
    assert_eq!(label("14:00 – 16:30 UTC"), "UTC");
    let r = p("2024-06-01 09:00-10:00");
    assert_eq!((r.start.zone, r.end.map(|e| e.time)), (None, Some(hm(10, 0))));
}

#[test]
fn tolerated_wrapping() {
    for s in ["**14:05**", "`14:05`", "14:05:", "*14:05*:", "  14:05  "] {
        assert_eq!(p(s).start.time, hm(14, 5), "{s}");
    }
}

#[test]
fn errors() {
    let e = |s| parse_time(s, DayFirst).unwrap_err();
    assert_eq!(e(""), TimeError::Empty);
    assert_eq!(e(" ** "), TimeError::Empty);
    assert_eq!(e("25:00"), TimeError::BadTime("25:00".into()));
    assert_eq!(e("14:75"), TimeError::BadTime("14:75".into()));
    assert_eq!(e("13:00 PM"), TimeError::BadTime("13:00 PM".into()));
    assert_eq!(e("2024-02-30 14:05"), TimeError::BadDate("2024-02-30".into()));
    assert_eq!(e("13/13/2020 10:00"), TimeError::BadDate("13/13/2020".into()));
    assert_eq!(e("14:00 XYZT"), TimeError::UnknownZone("XYZT".into()));
    assert_eq!(e("14:00 (abc)"), TimeError::UnknownZone("abc".into()));
    for s in ["2399", "1260", "hello", "05/22/20 10:00", "14:05 and more", "3", "2024-06"] {
        assert_eq!(e(s), TimeError::Unreadable(s.into()), "{s}");
    }
    assert!(e("x").to_string().contains(ACCEPTED));
    assert!(e("14:00 XYZT").to_string().contains(ACCEPTED));
    assert!(e("25:00").to_string().contains("25:00"));
}

#[test]
fn what_a_field_may_hold_around_its_time() {
    // Four digits alone are a time in a field: the cell says it is one.
    assert_eq!((p("2305").start.time, p("0745").start.time), (hm(23, 5), hm(7, 45)));
    for s in ["[14:05]", "(14:05)", "_14:05_", "[14:05](https://status.example.com/i/1)"] {
        assert_eq!(p(s).start.time, hm(14, 5), "{s}");
    }
    for s in
        ["22:52 (maybe earlier?)", "13:14 EDT (17:14 UTC)", "18:50 UTC (block [24](https://x))"]
    {
        assert!(parse_time(s, DayFirst).is_ok(), "{s}");
    }
    assert_eq!(label("13:14 EDT (17:14 UTC)"), "EDT");
    assert_eq!(
        (p("09:00 PDT / 16:00 UTC").start.time, label("09:00 PDT / 16:00 UTC")),
        (hm(9, 0), "PDT".into())
    );
}

#[test]
fn approximate_times_keep_their_time() {
    for s in [
        "~14:05",
        "about 14:05",
        "around 14:05",
        "approx. 14:05",
        "approximately 14:05",
        "circa 14:05",
        "ca. 14:05",
        "14:05~",
        "2pm-ish",
        "14:05 (approx.)",
        "~1405",
    ] {
        let got = p(s).start;
        assert!(got.approximate, "{s}");
        let expected = if s.contains("pm") { hm(14, 0) } else { hm(14, 5) };
        assert_eq!(got.time, expected, "{s}");
    }
    assert!(!p("14:05").start.approximate);
    let range = p("~13:30-13:45");
    assert_eq!((range.start.approximate, range.end.map(|e| e.time)), (true, Some(hm(13, 45))));
}

#[test]
fn unknown_times_and_days_without_a_time() {
    for s in ["?", "???", "[???]", "??:??", "--:--", "xx:xx", "HH:MM", "2X:XX", "unknown", "TBD"] {
        assert_eq!(
            parse_time(s, DayFirst),
            Err(TimeError::Unknown(s.trim_matches(['[', ']']).into())),
            "{s}"
        );
    }
    for (s, day) in [
        ("2024-06-01", ymd(2024, 6, 1)),
        ("2019-12-03 --:--", ymd(2019, 12, 3)),
        ("2022-02-02 X", ymd(2022, 2, 2)),
        ("June 1, 2024", ymd(2024, 6, 1)),
    ] {
        let got = p(s).start;
        assert_eq!((got.day_only, got.date), (true, Some(day)), "{s}");
    }
    let may = p("May 31").start;
    assert_eq!((may.day_only, may.month_day), (true, Some((Month::May, 31))));
    assert!(!p("2024-06-01 14:05").start.day_only);
}

#[test]
fn dates_as_people_write_them_before_a_time() {
    for (s, date, t) in [
        ("January 13th, 2024 - 21:00 UTC", ymd(2024, 1, 13), hm(21, 0)),
        ("2023-09-18 15.26", ymd(2023, 9, 18), hm(15, 26)),
        ("Feb 20 2018 14:17", ymd(2018, 2, 20), hm(14, 17)),
        ("11th June 2020 09:10", ymd(2020, 6, 11), hm(9, 10)),
    ] {
        let got = p(s).start;
        assert_eq!((got.date, got.time), (Some(date), t), "{s}");
    }
    let dashed = p("12-05 16:21").start;
    assert_eq!((dashed.month_day, dashed.time), (Some((Month::December, 5)), hm(16, 21)));
    let dotted = p("19. April, 11:00").start;
    assert_eq!((dotted.month_day, dotted.time), (Some((Month::April, 19)), hm(11, 0)));
}

#[test]
fn leading_times() {
    fn lead(s: &str) -> Option<(Time, &str)> {
        leading_time(s, DayFirst).map(|(p, n)| (p.start.time, &s[n..]))
    }
    assert_eq!(lead("14:05 - Restarted the DB"), Some((hm(14, 5), " - Restarted the DB")));
    assert_eq!(lead("14:05: DB down"), Some((hm(14, 5), ": DB down")));
    assert_eq!(lead("2305HRS EAT: x"), Some((hm(23, 5), ": x")));
    assert_eq!(lead("14:05 cat video"), Some((hm(14, 5), " cat video")));
    assert_eq!(lead("14:05 — 3 servers"), Some((hm(14, 5), " — 3 servers")));
    assert_eq!(lead("October 7, 2023, 10:00 AM (UTC) - alert"), Some((hm(10, 0), " - alert")));
    // An entry's start may be four digits or a day: its reader decides.
    assert_eq!(lead("1738: paged"), Some((hm(17, 38), ": paged")));
    let (day, n) = leading_time("2021-08-17: report", DayFirst).unwrap();
    assert_eq!((day.start.day_only, n), (true, 10));
    let (r, n) = leading_time("14:00-16:30 outage", DayFirst).unwrap();
    assert_eq!((r.end.map(|e| e.time), n), (Some(hm(16, 30)), 11));
    for s in ["3 servers", "", "Step 1: go", "🔥 14:05", "**14:05**", "v1.10.8"] {
        assert_eq!(lead(s), None, "{s}");
    }
    assert_eq!(leading_unknown("??:?? - x"), Some(5));
    assert_eq!(leading_unknown("14:05"), None);
}

#[test]
fn finds_times_in_prose() {
    let find = |s: &str| {
        find_times(s, DayFirst).into_iter().map(|(r, p)| (s[r].to_string(), p)).collect::<Vec<_>>()
    };
    let f = find(
        "Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC, users saw errors.",
    );
    assert_eq!(
        f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["2025-07-30 21:27 UTC", "2025-07-31 07:27 UTC"]
    );
    let f = find("from **2305HRS EAT** to **0030HRS EAT**");
    assert_eq!(f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["2305HRS EAT", "0030HRS EAT"]);
    let f = find("The outage lasted from 15:00 WAT till 21:00 WAT.");
    assert_eq!(f[0].0, "15:00 WAT till 21:00 WAT");
    assert_eq!(f[0].1.end.as_ref().map(|e| e.time), Some(hm(21, 0)));
    let f = find("*October 7, 2023, 10:00 AM - October 7, 2023, 11:30 AM (UTC)*");
    assert_eq!(f.len(), 1);
    let (start, end) = (&f[0].1.start, f[0].1.end.as_ref().unwrap());
    assert_eq!((start.date, start.time, end.time), (Some(ymd(2023, 10, 7)), hm(10, 0), hm(11, 30)));
    assert_eq!(start.zone.as_ref().map(|z| z.label.as_str()), Some("UTC"));
    assert!(
        find("In 2023 we had 3 servers and 2 cats; see abc14:05 and October 7, 2023.").is_empty()
    );
    let f = find("line one\nat 9am é 🎉 then 10:15 EST");
    assert_eq!(f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["9am", "10:15 EST"]);
}

#[test]
fn finds_dates() {
    let text = "On 2015-10-21, October 7, 2023 and 05/22/2020 (also Nov 1, 2022 and 7 Oct 2023 12:00), not April 17th or 2023.";
    let found: Vec<_> =
        find_dates(text, DayFirst).into_iter().map(|(r, d)| (&text[r], d)).collect();
    assert_eq!(
        found,
        [
            ("2015-10-21", ymd(2015, 10, 21)),
            ("October 7, 2023", ymd(2023, 10, 7)),
            ("05/22/2020", ymd(2020, 5, 22)),
            ("Nov 1, 2022", ymd(2022, 11, 1)),
            ("7 Oct 2023", ymd(2023, 10, 7))
        ]
    );
    assert!(find_dates("the deploy may 3 servers", DayFirst).is_empty());
}

#[test]
fn guesses_date_order() {
    assert_eq!(guess_date_order("on 25/12/2020 at 10:00 EST"), DayFirst);
    assert_eq!(guess_date_order("on 12/25/2020"), MonthFirst);
    assert_eq!(guess_date_order("on 05/06/2020 at 10:00 PT"), MonthFirst);
    assert_eq!(guess_date_order("all times Pacific"), MonthFirst);
    assert_eq!(guess_date_order("central database at 10:00 est."), DayFirst);
    let (p, _) = leading_time("3:00 PM Central African Time - outage", DayFirst).unwrap();
    assert_eq!(p.start.zone.unwrap().label, "CAT");
    assert_eq!(guess_date_order("05/06/2020 10:00 EAT"), DayFirst);
}

#[test]
fn formatting() {
    let f = |s| format_duration(Duration::seconds(s));
    assert_eq!(
        [
            f(0),
            f(59),
            f(45 * 60),
            f(9000),
            f(86400 + 3 * 3600),
            f(3 * 86400 + 300),
            f(86400),
            f(-9000),
            f(-30)
        ],
        [
            "0 min",
            "0 min",
            "45 min",
            "2 h 30 min",
            "1 d 3 h",
            "3 d 5 min",
            "1 d",
            "-2 h 30 min",
            "0 min"
        ]
    );
    assert!(!format_duration(Duration::MIN).is_empty());
    assert_eq!(format_date(ymd(2024, 6, 1)), "2024-06-01");
    assert_eq!(
        (format_time(hm(14, 5)), format_time(Time::from_hms(14, 5, 30).unwrap())),
        ("14:05".into(), "14:05:30".into())
    );
    assert_eq!(format_stamp(&p("2024-06-01 14:05 eat").start), "2024-06-01 14:05 EAT");
    assert_eq!(format_stamp(&p("April 17th 9:00 AM").start), "April 17 09:00");
}

proptest::proptest! {
    #[test]
    fn never_panics(s in proptest::prop_oneof![
        proptest::prelude::any::<String>(),
        "[0-9:aApPmM.hHrRsS /,()\\-–+TZUCEGWOct*`🎉é]{0,40}",
    ]) {
        for order in [DayFirst, MonthFirst] {
            let _ = parse_time(&s, order).map_err(|e| e.to_string());
            if let Some((_, n)) = leading_time(&s, order) {
                proptest::prop_assert!(s.is_char_boundary(n) && n <= s.len());
            }
            for (r, _) in find_times(&s, order) {
                proptest::prop_assert!(s.get(r).is_some());
            }
            for (r, _) in find_dates(&s, order) {
                proptest::prop_assert!(s.get(r).is_some());
            }
        }
        let _ = (parse_zone(&s), guess_date_order(&s));
    }
}

#[test]
fn iana_names_follow_daylight_saving_on_both_sides_of_a_change() {
    let la = parse_zone("america/los_angeles").expect("a zone the system knows");
    assert_eq!(
        (la.label.as_str(), la.named, la.offset.whole_hours()),
        ("America/Los_Angeles", true, -8)
    );
    // 2024: US clocks went forward on Sunday 10 March, back on Sunday 3 November.
    let at = |z: &Zone, m, d| offset_on(z, Some(ymd(2024, m, d))).whole_hours();
    assert_eq!((at(&la, 3, 9), at(&la, 3, 11), at(&la, 11, 2), at(&la, 11, 4)), (-8, -7, -7, -8));
    let heading = |z: &Zone, m, d| zone_heading(z, Some(ymd(2024, m, d)));
    assert_eq!(heading(&la, 3, 9), "PST, UTC\u{2212}8");
    assert_eq!(heading(&la, 3, 11), "PDT, UTC\u{2212}7");
    let berlin = parse_zone("Europe/Berlin").unwrap();
    // Europe: forward on 31 March 2024.
    assert_eq!(
        (heading(&berlin, 3, 30), heading(&berlin, 3, 31)),
        ("CET, UTC+1".into(), "CEST, UTC+2".into())
    );
    assert_eq!(heading(&parse_zone("Asia/Kolkata").unwrap(), 7, 1), "IST, UTC+5:30");
    assert_eq!(heading(&parse_zone("Asia/Dubai").unwrap(), 7, 1), "UTC+4");
    assert_eq!(zone_heading(&la, None), "America/Los_Angeles");
    // The hour of the change: 01:30 is still standard time, 03:30 daylight.
    let local = |h| offset_at(&la, Some(ymd(2024, 3, 10)), hm(h, 30)).whole_hours();
    assert_eq!((local(1), local(3)), (-8, -7));
    assert_eq!(hours("2024-07-01 14:05 Europe/Berlin"), 2);
    assert_eq!(hours("2024-01-01 14:05 Europe/Berlin"), 1);
    assert_eq!(label("14:05 (Asia/Kolkata)"), "Asia/Kolkata");
    for bad in ["Europe/Atlantis", "and/or", "Mars/Olympus_Mons"] {
        assert_eq!(parse_zone(bad), None, "{bad}");
    }
}

#[test]
fn abbreviations_of_the_other_season_name_the_right_one() {
    let wrong =
        |z: &str, m, d| wrong_season(&parse_zone(z).unwrap(), ymd(2024, m, d)).map(|w| w.right);
    assert_eq!(wrong("PST", 7, 15), Some("PDT".into()));
    assert_eq!(wrong("PST", 1, 15), None);
    assert_eq!(wrong("PDT", 12, 1), Some("PST".into()));
    assert_eq!(wrong("CET", 8, 1), Some("CEST".into()));
    assert_eq!(wrong("CEST", 2, 1), Some("CET".into()));
    assert_eq!(wrong("BST", 1, 10), Some("GMT".into()));
    assert_eq!(wrong("GMT", 7, 10), None);
    assert_eq!(wrong("MST", 7, 10), None);
    assert_eq!(wrong("MDT", 1, 10), Some("MST".into()));
    assert_eq!(wrong("NZST", 1, 10), Some("NZDT".into()));
    assert_eq!(wrong("UTC", 7, 10), None);
    assert_eq!(wrong("EAT", 7, 10), None);
}

#[test]
fn weekdays_are_named_in_full_or_by_three_to_five_letters() {
    use time::Weekday::*;
    let named = [
        ("Monday", Monday),
        ("mon", Monday),
        ("TUES", Tuesday),
        ("Wed", Wednesday),
        ("Thurs", Thursday),
        ("thu", Thursday),
        ("Fri", Friday),
        ("saturday", Saturday),
        ("Sun", Sunday),
    ];
    for (word, day) in named {
        assert_eq!(super::weekday_named(word), Some(day), "{word}");
    }
    for word in ["", "m", "mo", "monda y", "sundays", "thursd", "mond\u{e9}", "week"] {
        assert_eq!(super::weekday_named(word), None, "{word}");
    }
}
