//! Tests of the whole reader: what each shape of writing imports as, and
//! properties that hold for any text (no word lost, a fixed point, no panic).

use super::headings::{title_text, topic_of_heading, topic_of_label, Topic};
use super::placing::{read_task, unlist};
use super::summary::{find_zone, split_zone, stated_duration};
use super::text::uncell;
use super::*;
use crate::export::to_markdown;
use crate::model::Summary;
use crate::model::{CustomSection, Status, Tag, Task};
use crate::timeline::Clock;
use crate::timeline::RowTime;
use proptest::prelude::*;
use time::Duration;

mod read_back;

fn md(d: &Document) -> String {
    to_markdown(d)
}

fn lost_words(source: &str, out: &str) -> Vec<String> {
    words_lost(source, out)
}

/// Imports, checks that no word is lost and that export is a fixed point.
fn imported(text: &str) -> Imported {
    let got = import(text);
    let out = md(&got.doc);
    assert_eq!(lost_words(text, &out), Vec::<String>::new(), "from {text:?}\n{out}");
    assert_eq!(md(&import(&out).doc), out, "round trip of {text:?}");
    got
}

fn kinds(i: &Imported) -> Vec<ImportKind> {
    i.findings.iter().map(|f| f.kind).collect()
}

#[test]
fn reads_the_documented_format_back() {
    let text = "# Postmortem: Load balancer sent all traffic to one backend\n\n**Status:** Final · **Authors:** A. Lee, R. Ortiz\n\n## Issue Summary\n- **Duration:** 2024-06-01 14:00 – 16:30 UTC (2 h 30 min)\n- **Impact:** Main web service unreachable for about 90% of users; the rest saw slow pages.\n- **Root cause:** A maintenance change left one backend in the load balancer's pool.\n- **Time to detect:** 0 min · **Time to resolve:** 2 h 30 min\n\n## Timeline\n| Time (UTC) | Event |\n| --- | --- |\n| 14:00 | **Detection:** Monitoring alert on 5xx error rate |\n| 14:10 | **Misleading path:** Rolled back the last deployment; no change |\n\n## Root Cause and Resolution\n### Root cause\nOne backend was left in the pool.\n\n### Resolution\nThe pool was restored.\n\n## Corrective and Preventative Measures\n- Validate load balancer configuration before it is applied.\n\n### Tasks\n- [ ] Add a pool-size alert to the load balancer dashboard (owner: R. Ortiz, due 2024-06-15)\n- [x] Restore the full backend pool (owner: A. Lee)\n";
    let got = imported(text);
    let d = &got.doc;
    assert_eq!(md(d), text);
    assert!(got.findings.is_empty(), "{:?}", got.findings);
    assert_eq!(
        (d.title.as_str(), d.status, d.authors.as_str()),
        ("Load balancer sent all traffic to one backend", Status::Final, "A. Lee, R. Ortiz")
    );
    let s = &d.summary;
    assert_eq!(
        (s.start.as_str(), s.end.as_str(), s.zone.as_str()),
        ("2024-06-01 14:00", "16:30", "UTC")
    );
    assert!(
        s.notes.is_empty() && s.impact.starts_with("Main web") && s.root_cause.ends_with("pool.")
    );
    let rows: Vec<_> = d.timeline.iter().map(|r| (r.id, r.time.as_str(), r.tag)).collect();
    assert_eq!(rows, [(1, "14:00", Some(Tag::Detection)), (2, "14:10", Some(Tag::MisleadingPath))]);
    assert_eq!((d.improvements.len(), d.improvements[0].id, d.next_id), (1, 3, 6));
    let t = &d.tasks[1];
    assert_eq!(
        (t.text.as_str(), t.owner.as_str(), t.due.as_str(), t.done),
        ("Restore the full backend pool", "A. Lee", "", true)
    );
    assert_eq!(d.tasks[0].due, "2024-06-15");
}

#[test]
fn sections_are_recognised_by_meaning_in_any_spelling() {
    for (heading, what) in [
        ("## Issue Summary 📝", "summary"),
        ("**🕵️ Issue Summary (A.K.A What Happened?):**", "summary"),
        ("ISSUE OVERVIEW", "summary"),
        ("  ### **TIMELINE:** ⏰", "timeline"),
        ("#Timeline", "timeline"),
        ("Schedule or Timeline.\n---------------------", "timeline"),
        ("Timeline\n========", "timeline"),
        ("Root Cause and Resolution:", "root cause"),
        ("**Root Cause of trouble**", "root cause"),
        ("### Resolution & Recovery.", "resolution"),
        ("PREVENTIVE ACTIONS", "measures"),
        ("## Improvements/Fixes", "measures"),
        ("## TODO list", "measures"),
    ] {
        let text = format!(
            "# Postmortem\n\n{heading}\n\nAt 14:05 UTC it broke and it was a lot of text here.\n"
        );
        let d = imported(&text).doc;
        let got = [
            ("summary", !d.summary.notes.is_empty()),
            ("timeline", !(d.timeline.is_empty() && d.timeline_notes.is_empty())),
            ("root cause", !d.root_cause.is_empty()),
            ("resolution", !d.resolution.is_empty()),
            ("measures", !d.measures_notes.is_empty()),
        ];
        let found: Vec<&str> = got.iter().filter(|g| g.1).map(|g| g.0).collect();
        assert_eq!(found, [what], "{heading:?} gave {d:#?}");
    }
}

#[test]
fn authors_headings_are_kept_when_the_standard_one_lacks_their_words() {
    let d = imported("## TODO list\n- [ ] add an alert\n\n## Schedule or Timeline.\n- 14:00 x\n\n## ISSUE SUMMARY:\ntext\n").doc;
    assert_eq!(d.headings.tasks, "TODO list");
    assert_eq!(d.headings.timeline, "Schedule or Timeline.");
    assert_eq!(d.headings.summary, "", "the standard heading has every word of it");
}

#[test]
fn field_lines_fill_the_summary_and_the_rest_stays_as_notes() {
    let d = imported("## Summary\nThe API was down.\n\n**Duration:**  \nStart: 2024-08-20 14:00 UTC  \nEnd: 2024-08-20 14:45 UTC\n\n* Impact: 45 minutes of downtime for 70% of users.\n\n**Root Cause:** a bad upstream address.\n").doc;
    let s = &d.summary;
    assert_eq!(
        (s.start.as_str(), s.end.as_str(), s.zone.as_str()),
        ("2024-08-20 14:00 UTC", "2024-08-20 14:45", "UTC")
    );
    assert_eq!(s.impact, "45 minutes of downtime for 70% of users.");
    assert_eq!(s.root_cause, "a bad upstream address.");
    // "Start" and "End" have no place in the Duration line: kept as written.
    assert_eq!(
        s.notes,
        "The API was down.\n\nStart: 2024-08-20 14:00 UTC  \nEnd: 2024-08-20 14:45 UTC"
    );
}

#[test]
fn the_window_comes_from_the_summarys_prose() {
    for (prose, start, end, zone) in [
        ("From 6:26 PM to 7:58 PM WAT, pages failed.", "6:26 PM", "7:58 PM", "WAT"),
        ("It lasted from 15:00 WAT till 21:00 WAT.", "15:00 WAT", "21:00", "WAT"),
        (
            "An outage from **2305HRS EAT** to **0030HRS EAT** hit us.",
            "2305HRS EAT",
            "0030HRS",
            "EAT",
        ),
        (
            "Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC, nothing worked.",
            "2025-07-30 21:27 UTC",
            "2025-07-31 07:27",
            "UTC",
        ),
        ("It started at midnight, and we fixed it at 3:00 AM.", "midnight", "3:00 AM", ""),
        (
            "From Aug 28, 2023 6:00 AM (GMT+03:00), requests failed.",
            "Aug 28, 2023 6:00 AM",
            "",
            "GMT+03:00",
        ),
        ("At 9:00 the alert fired. Things got worse at 10:00.", "9:00", "", ""),
    ] {
        let s = imported(&format!("## Summary\n{prose}\n")).doc.summary;
        assert_eq!(
            (s.start.as_str(), s.end.as_str(), s.zone.as_str()),
            (start, end, zone),
            "{prose}"
        );
        assert_eq!(s.notes, prose, "the prose stays as written");
    }
    let s =
        imported("## Summary\nIt broke.\n\n## Timeline (all times in Pacific Time)\n- 14:00 x\n")
            .doc
            .summary;
    assert_eq!(
        s.zone, "Pacific Time",
        "the timeline's zone is the document's when the summary has none"
    );
}

#[test]
fn timeline_rows_in_every_shape_keep_their_times_as_written() {
    for (body, expected) in [
        (
            "- 6:00 AM: Outage begins\n* 2:00 PM EST - Paged",
            vec![("6:00 AM", "Outage begins"), ("2:00 PM EST", "Paged")],
        ),
        (
            "- **09:47 AM:** *Beep!* alert\n- `2021-10-28 08:26` `judge-3` created",
            vec![("09:47 AM", "*Beep!* alert"), ("2021-10-28 08:26", "`judge-3` created")],
        ),
        ("| Time (WAT) | Event |\n|---|---|\n| **14:10** | a \\| b |", vec![("14:10", "a | b")]),
        (
            "03:00 PM: Detected\n\n07:00PM: Break\n.",
            vec![("03:00 PM", "Detected"), ("07:00PM", "Break")],
        ),
        (
            "Time (WAT)\t  Actions\n11:30 AM\t\t  Upgrade starts",
            vec![("11:30 AM", "Upgrade starts")],
        ),
        ("- 7:30AM to 8:05PM WAT: Many debugs", vec![("7:30AM to 8:05PM WAT", "Many debugs")]),
        (
            "- 8:20 am: a request failed after\n- sending it.",
            vec![("8:20 am", "a request failed after sending it.")],
        ),
        ("- **Midnight (SAST):** alert", vec![("Midnight (SAST)", "alert")]),
        (
            "*2023-01-04 05:13*: alert.<br />\n\\\\\\\\\n*2023-01-04/11:34*: told.",
            vec![("2023-01-04 05:13", "alert.<br />"), ("2023-01-04/11:34", "told.")],
        ),
        (
            "### 2023-08-25\n\n15:27 - change<br> 21:14 - outage\nstarts",
            vec![("2023-08-25 15:27", "change<br>"), ("2023-08-25 21:14", "outage starts")],
        ),
        (
            "    01:00 AM: began\n    01:05 AM: paged",
            vec![("01:00 AM", "began"), ("01:05 AM", "paged")],
        ),
    ] {
        let d = imported(&format!("## Timeline\n{body}\n")).doc;
        let rows: Vec<(&str, &str)> =
            d.timeline.iter().map(|r| (r.time.as_str(), r.event.as_str())).collect();
        assert_eq!(rows, expected, "{body}");
        let clock = Clock::new(&d.summary);
        assert!(d.timeline.iter().all(|r| matches!(clock.row(&r.time), RowTime::At(_))), "{body}");
    }
}

#[test]
fn internal_marks_come_back_and_github_shows_none_of_them() {
    let mut d = Document::new();
    for (time, event, internal) in [("14:00", "Alert fired #", false), ("14:05", "DBA paged", true)]
    {
        let id = d.add_row();
        let row = d.row_mut(id).unwrap();
        (row.time, row.event, row.internal) = (time.into(), event.into(), internal);
    }
    let id = d.fresh_id();
    d.tasks.push(Task {
        id,
        text: "Rotate keys".into(),
        owner: "ops".into(),
        internal: true,
        ..Default::default()
    });
    d.escalation = Some("Paged at 03:00.".into());
    d.internal.escalation = true;
    let id = d.fresh_id();
    d.custom.push(CustomSection {
        id,
        heading: "Vendor".into(),
        body: "Call them.".into(),
        internal: true,
    });
    let markdown = md(&d);
    let back = imported(&markdown).doc;
    let internal_rows: Vec<bool> = back.timeline.iter().map(|r| r.internal).collect();
    assert_eq!(internal_rows, [false, true]);
    assert_eq!(back.timeline[0].event, "Alert fired #");
    assert_eq!(back.timeline[1].event, "DBA paged");
    assert!(back.tasks[0].internal && back.tasks[0].text == "Rotate keys");
    assert!(back.internal.escalation && back.escalation.as_deref() == Some("Paged at 03:00."));
    assert!(back.custom[0].internal && back.custom[0].body == "Call them.");
    // The mark is an HTML comment: nothing of it is shown.
    let shown = crate::render::to_html(&markdown);
    assert!(!shown.contains("internal"), "{shown}");
    // A mark in a section that cannot be internal stays as the author's text.
    let written = "# T\n\n## Root Cause and Resolution\n<!-- internal -->\n\nDisk full.\n";
    assert!(imported(written).doc.root_cause.contains("<!-- internal -->"));
}

#[test]
fn a_numbered_timeline_becomes_rows() {
    let d = imported("## Timeline\n1. 14:00 alert\n2. 14:10 fix\n").doc;
    let rows: Vec<_> = d.timeline.iter().map(|r| (r.time.as_str(), r.event.as_str())).collect();
    assert_eq!(rows, [("14:00", "alert"), ("14:10", "fix")]);
    assert!(d.timeline_notes.is_empty());
}

#[test]
fn ambiguous_slashed_row_dates_are_read_with_the_documents_order() {
    // 20/03 makes the document day-first, so 05/03 is the 5th of March.
    let d = imported("## Timeline\n- 05/03/2025 8:00 PM: alert\n- 20/03/2025 9:00 PM: fixed\n").doc;
    assert_eq!(d.timeline[0].time, "2025-03-05 8:00 PM");
    assert_eq!(d.timeline[1].time, "20/03/2025 9:00 PM");
}

#[test]
fn root_cause_lessons_and_measures_split_at_their_labels() {
    let d = imported("## Root Cause and Resolution\n- **Cause:** a typo\n- **Resolution:** fixed it\n\n**A diagram**:\n\n```\nx\n```\n\n## Lessons learned\n### What worked\nAlerts.\n### Where we got lucky\nQuiet day.\n\n## Preventive measures\nWe will:\n\n- add alerts\n- review configs\n\n### ✅ Action Items (TODO)\n- [ ] **Patch** the pool (owner: Bo)\n").doc;
    assert_eq!(d.root_cause, "a typo");
    assert_eq!(d.resolution, "fixed it\n\n**A diagram**:\n\n```\nx\n```");
    let l = d.lessons.as_ref().expect("lessons");
    assert_eq!(
        (l.went_well.as_str(), l.went_wrong.as_str(), l.got_lucky.as_str()),
        ("Alerts.", "", "Quiet day.")
    );
    assert_eq!(d.headings.went_well, "What worked");
    assert_eq!(d.measures_notes, "We will:");
    assert_eq!(
        d.improvements.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        ["add alerts", "review configs"]
    );
    assert_eq!((d.tasks[0].text.as_str(), d.tasks[0].owner.as_str()), ("**Patch** the pool", "Bo"));
    assert_eq!(d.headings.tasks, "✅ Action Items (TODO)");
}

#[test]
fn unknown_sections_are_custom_and_a_non_postmortem_says_so() {
    let got =
        imported("# Lentil soup\n\nWarm.\n\n## Ingredients\n- lentils\n\n## Method\n1. Simmer.\n");
    assert_eq!(got.doc.title, "Lentil soup");
    assert_eq!(got.doc.intro, "Warm.");
    let custom: Vec<_> =
        got.doc.custom.iter().map(|c| (c.heading.as_str(), c.body.as_str())).collect();
    assert_eq!(custom, [("Ingredients", "- lentils"), ("Method", "1. Simmer.")]);
    assert_eq!(kinds(&got), [ImportKind::NotAPostmortem]);
    assert!(got.findings[0].message.contains("may not be a postmortem"));
}

#[test]
fn findings_point_at_the_line_and_say_what_to_do() {
    let got = imported("#Postmortem\n\nintro\n\n## Timeline\n<<<<<<< HEAD\n- 14:00 a\n=======\n- 14:01 a\n>>>>>>> other\n\ntext one\ntext two\n---\n\n![x](https://github.com/o/r/blob/main/x.png) ![y] (z.png)\n\n<img src=\"a.gif\"> <b>kept</b> <center>left out</center> <iframe src=x>\n");
    let found: Vec<(ImportKind, usize)> = got.findings.iter().map(|f| (f.kind, f.line)).collect();
    use ImportKind::*;
    assert_eq!(
        found,
        [
            (NotAHeading, 1),
            (ConflictMarker, 6),
            (NotAHeading, 14),
            (BrokenImage, 16),
            (BrokenImage, 16),
            (RawHtml, 18),
            (RawHtml, 18)
        ]
    );
    assert_eq!(got.doc.timeline.len(), 2, "both sides of the conflict are kept");
    for f in &got.findings {
        assert!(f.message.starts_with(&format!("Line {}: ", f.line)), "{f:?}");
    }
    let html: Vec<&str> =
        got.findings.iter().filter(|f| f.kind == RawHtml).map(|f| f.message.as_str()).collect();
    assert!(html[0].contains("leaves out the HTML tag <center>"), "{html:?}");
    assert!(html[1].contains("shows the HTML tag <iframe> as text"), "{html:?}");
}

#[test]
fn a_fenced_document_is_read_as_the_document() {
    let got = imported("ure! Here it is:\n\n```markdown\n# Postmortem: Disk full\n\n## Timeline\n- 14:00 disk full\n");
    assert_eq!((got.doc.title.as_str(), got.doc.timeline.len()), ("Disk full", 1));
    assert_eq!(got.doc.intro, "ure! Here it is:\n\n\\```markdown");
    assert_eq!(kinds(&got), [ImportKind::UnclosedFence]);
    let got = imported(
        "Here:\n\n```md\n# Postmortem: Disk full\n## Timeline\n- 14:00 x\n```\n\nHope it helps.\n",
    );
    assert_eq!(
        (got.doc.title.as_str(), kinds(&got)),
        ("Disk full", vec![ImportKind::FencedDocument])
    );
    // An example inside a document with headings of its own stays code.
    let got = imported("# Notes\n\n```markdown\n# Example\n```\n");
    assert!(got.doc.intro.contains("```markdown\n# Example\n```"), "{:?}", got.doc);
}

#[test]
fn duration_mismatches_are_found() {
    let stated = imported("## Summary\nDown for 1 hours, between 5pm and 6:35pm.\n");
    assert_eq!(kinds(&stated), [ImportKind::DurationMismatch]);
    assert!(
        stated.findings[0].message.contains("lasted 1 hours")
            && stated.findings[0].message.contains("1 h 35 min")
    );
    let late = imported("## Summary\nFrom 12:05 AM to 10:10 PM WAT.\n\n## Timeline\n- 7:05 AM: found\n- 9:30 PM: restored\n");
    assert!(late.findings[0].message.contains("40 min before the end"), "{:?}", late.findings);
    let long = imported("## Summary\nIt lasted for 1 hour and 20 minutes, from 11:25 AM.\n\n## Timeline\n- 11:30 AM: a\n- 12:45 AM: b\n");
    assert!(long.findings[0].message.contains("13 h 15 min"), "{:?}", long.findings);
    let fine = imported("## Summary\nIt lasted for two hours, from 2:00 PM to 4:00 PM EST.\n\n## Timeline\n- 2:00 PM: a\n- 4:00 PM: b\n\nIt was more than an hour old.\n");
    assert!(fine.findings.is_empty(), "{:?}", fine.findings);
}

#[test]
fn small_readers() {
    assert_eq!(title_text("Postmortem"), "");
    assert_eq!(title_text("Postmortem: Postmortem: x"), "Postmortem: x");
    assert_eq!(title_text("🚨 **Postmortem: Bank outage**"), "Bank outage");
    assert_eq!(title_text("Postmortem of the LB outage"), "Postmortem of the LB outage");
    assert_eq!(title_text("Issue in C\\#"), "Issue in C#");
    let task = read_task("text (owner: A, due 2024-01-01)", true);
    assert_eq!(
        (task.text.as_str(), task.owner.as_str(), task.due.as_str(), task.done),
        ("text", "A", "2024-01-01", true)
    );
    assert_eq!(read_task("(due x)", false).due, "x");
    assert_eq!(read_task("see (owner: docs) here", false).owner, "");
    assert_eq!(split_zone("16:30 (UTC)"), Some(("16:30".into(), "UTC".into())));
    assert_eq!(split_zone("14:05 Pacific Time"), Some(("14:05".into(), "Pacific Time".into())));
    assert_eq!(split_zone("UTC"), None);
    assert_eq!(unlist("\\# not a heading", '-'), "# not a heading");
    assert_eq!(unlist("1\\. not a list", '-'), "1. not a list");
    assert_eq!(uncell("a \\| b \\\\| c"), "a | b \\\\| c");
    assert_eq!(find_zone("Timeline (all times West African Time (WAT))"), Some("WAT".into()));
    assert_eq!(find_zone("we eat cat food at the Central office"), None);
    assert_eq!(
        stated_duration("lasted for 2 hours, 35 minutes").map(|d| d.0.whole_minutes()),
        Some(155)
    );
    assert_eq!(
        stated_duration("an hour and a half of downtime").map(|d| d.0.whole_minutes()),
        Some(90)
    );
    assert_eq!(stated_duration("alerts when more than an hour old"), None);
    assert_eq!(topic_of_heading("Summary of what went wrong"), Some(Topic::Summary));
    assert_eq!(
        topic_of_heading("Root Cause and Resolution Measures"),
        Some(Topic::RootCauseAndResolution)
    );
    assert_eq!(topic_of_label("Postmortem: a debugging story"), None);
}

#[test]
fn the_imported_summary_reads_back_through_the_clock() {
    let d = imported("## Summary\nFrom 2305HRS EAT to 0030HRS EAT.\n\n## Timeline\n* 2306HRS - complaint\n* 0029HRS - fixed\n").doc;
    let clock = Clock::new(&d.summary);
    assert_eq!(clock.duration(), Some(Duration::minutes(85)));
    assert_eq!(
        d.summary,
        Summary {
            start: "2305HRS EAT".into(),
            end: "0030HRS".into(),
            zone: "EAT".into(),
            notes: "From 2305HRS EAT to 0030HRS EAT.".into(),
            ..Default::default()
        }
    );
}

#[test]
fn large_and_hostile_input_imports() {
    // How long these take is in `cargo bench --bench core`.
    let row = "- 14:05 UTC: event with **bold**, `code` and a [link](https://example.com)\n";
    let text = format!("# Postmortem: big\n\n## Summary\nFrom 10:00 to 12:00 UTC.\n\n## Timeline\n{}\n## Notes\n{}", row.repeat(3000), "Some words. ".repeat(20000));
    let got = import(&text);
    assert_eq!(got.doc.timeline.len(), 3000);
    assert!(got.doc.custom.iter().any(|c| c.body.matches("Some words.").count() == 20000));
    for nasty in [
        "[".repeat(50_000) + &"]".repeat(50_000),
        "> ".repeat(3000),
        "14:00 a<br>".repeat(10_000),
        "**Impact:** x\n".repeat(10_000),
    ] {
        let once = md(&import(&nasty).doc);
        assert!(lost_words(&nasty, &once).is_empty(), "{}", &nasty[..40]);
    }
}

/// Lines of hand-written postmortems, to be shuffled into new ones.
#[rustfmt::skip]
const LINES: &[&str] = &[
    "# Postmortem: DB outage", "#Postmortem", "Postmortem", "## Issue Summary", "**Summary:**",
    "SUMMARY", "Timeline", "## Timeline (all times UTC)", "### 2024-06-01", "Root Cause:",
    "**Root Cause and Resolution**", "### Resolution", "## Corrective and Preventative Measures",
    "### Tasks", "## Lessons learned", "### What went well", "## Conclusion", "",
    "- 14:05 UTC: alert fired", "* 2:00 PM - paged", "14:10 - rolled back", "1. 14:20 fixed",
    "- a continuation", "| Time | Event |", "| --- | --- |", "| 14:00 | **Detection:** alert |",
    "- **Duration:** 14:00 – 16:30 UTC (2 h 30 min)", "- **Start:** 2305HRS EAT",
    "**Impact:** 90% of users affected", "Duration: 2 hours", "From 9:00 AM to 11:30 AM GMT+2",
    "- [ ] add alert (owner: R. Ortiz, due 2024-06-15)", "- [x] done", "- improve alerts",
    "---", "===", "<<<<<<< HEAD", "=======", ">>>>>>> branch", "```markdown", "```", "    indented 14:00 code",
    "<div align=\"center\"><h1>Title</h1></div>", "line one<br> 14:30 - line two", "![img](x/blob/y.png)",
    "![broken] (x.png)", "> quoted 14:00", "[r]: https://example.com", "Status: final", "**Authors:** A, B",
    "word \\\\", "text with trailing spaces   ", "\t14:00\tTabbed event",
];

/// Our fixtures, to be mutated.
const FIXTURES: &[&str] = &[
    include_str!("../../tests/fixtures/fx06-bold-headings-no-space-hash.md"),
    include_str!("../../tests/fixtures/fx07-chat-fence-html-title.md"),
    include_str!("../../tests/fixtures/fx10-h1-fields-code-timeline.md"),
    include_str!("../../tests/fixtures/fx14-pipe-table-tasks.md"),
    include_str!("../../tests/fixtures/fx19-reflowed-br-dates.md"),
    include_str!("../../tests/fixtures/fx20-setext-footnotes.md"),
];

/// A fixture with some of its lines dropped, doubled or cut short.
fn mutated() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(FIXTURES),
        proptest::collection::vec((0usize..200, 0u8..4, 0usize..40), 1..8),
    )
        .prop_map(|(text, edits)| {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            for (at, op, cut) in edits {
                let at = at % lines.len().max(1);
                match op {
                    0 if !lines.is_empty() => drop(lines.remove(at)),
                    1 if !lines.is_empty() => lines.insert(at, lines[at].clone()),
                    2 if !lines.is_empty() => {
                        let l = &lines[at];
                        let cut = l.char_indices().nth(cut).map_or(l.len(), |c| c.0);
                        lines[at] = l[..cut].to_string();
                    }
                    _ => lines.insert(at, LINES[cut % LINES.len()].to_string()),
                }
            }
            lines.join("\n")
        })
}

proptest! {
    // 256 cases by default; PROPTEST_CASES asks for more (scripts/fuzz).
    #![proptest_config(ProptestConfig::default())]

    /// Documents in the form import produces read back as themselves.
    #[test]
    fn export_then_import_gives_the_document_back(d in crate::arbitrary::canonical_document()) {
        let text = md(&d);
        prop_assert_eq!(&import(&text).doc, &d, "{}", text);
    }

    /// Any text imports: no panic, no word lost, and what it gives is a
    /// fixed point of export and import.
    #[test]
    fn any_text_imports(text in prop_oneof![
        any::<String>(),
        crate::arbitrary::text(40),
        proptest::collection::vec(proptest::sample::select(LINES), 0..12).prop_map(|l| l.join("\n")),
        mutated(),
    ]) {
        let once = md(&import(&text).doc);
        prop_assert!(lost_words(&text, &once).is_empty(), "lost {:?} from {:?}", lost_words(&text, &once), text);
        prop_assert_eq!(&md(&import(&once).doc), &once, "from {:?}", text);
    }

    /// Any document's Markdown, however hostile its fields, imports
    /// without losing a word, to a fixed point. (Not to the original
    /// bytes: an author's heading that names no section, or a line of
    /// free text that reads as a heading, a field or a timeline entry, is
    /// read as what it looks like, by design.)
    #[test]
    fn any_export_imports_to_a_fixed_point_losing_no_word(d in crate::arbitrary::document()) {
        let text = md(&d);
        let once = md(&import(&text).doc);
        prop_assert!(lost_words(&text, &once).is_empty(), "lost {:?} from {}", lost_words(&text, &once), text);
        prop_assert_eq!(&md(&import(&once).doc), &once, "from {}", text);
    }
}

#[test]
fn a_task_box_that_ends_its_line_is_an_item_with_that_text() {
    // GitHub shows "- [ ]" with nothing after the box as the text "[ ]"
    // (its tasks need a space after the box), as the preview does once
    // exported: read so, it is a task "[ ]" under a task heading and a
    // measure "[ ]" in the measures, never a box with no text.
    let got = imported("## Action Items\n\n- [ ]\n- [x] done\n\n## Improvements Needed\n\n- b\n");
    let tasks: Vec<(&str, bool)> =
        got.doc.tasks.iter().map(|t| (t.text.as_str(), t.done)).collect();
    assert_eq!(tasks, [("[ ]", false), ("done", true)]);
    assert_eq!(got.doc.improvements.len(), 1, "{:?}", got.doc);
    assert_eq!(got.doc.improvements[0].text, "b");
    let got = imported("## Corrective and Preventative Measures\n\n- [x]\n- b\n");
    let items: Vec<&str> = got.doc.improvements.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(items, ["[x]", "b"]);
    let html = crate::render::to_html(&md(&got.doc));
    assert!(!html.contains("checkbox") && html.contains("<li>[x]</li>"), "{html}");
}

#[test]
fn a_heading_labels_value_stays_apart_from_the_block_under_it() {
    // Under "# Root Cause: x" a line of HTML starts an HTML block, which
    // takes in the heading-like line after it; joined to the value, the
    // HTML would be inline in its paragraph and that line a heading, read
    // again as the resolution's label.
    let got = imported("## Root Cause and Resolution\n\n# Root Cause: It expired.\n<img src=x>\n# Resolution: Renewed.\n");
    assert_eq!(got.doc.root_cause, "It expired.\n\n<img src=x>\n# Resolution: Renewed.");
    assert_eq!(got.doc.resolution, "");
    let got = imported("## Root Cause and Resolution\n\n# Root Cause: It expired.\n===\n");
    assert_eq!(got.doc.root_cause, "It expired.\n\n===");
}

#[test]
fn a_title_date_no_entry_has_and_times_going_backwards_are_found() {
    let got = imported("# Postmortem: 2024-03-09 queue outage\n\n## Timeline\n- 2024-03-08 14:05 alert\n- 2024-03-08 13:10 paged\n- 2024-03-08 15:00 fixed\n");
    assert_eq!(kinds(&got), [ImportKind::TitleDate, ImportKind::TimesBackwards]);
    assert!(
        got.findings[0].message.contains("2024-03-09")
            && got.findings[0].message.contains("on 2024-03-08")
    );
    assert!(got.findings[1]
        .message
        .starts_with("Line 5: 2024-03-08 13:10 comes after 2024-03-08 14:05"));
    // Past midnight with no day written is the night passing; a day between
    // the first and the last entry's is no contradiction.
    let fine = imported("# Outage of 2024-03-09\n\n## Timeline\n- 2024-03-08 23:50 alert\n- 2024-03-10 00:10 fixed\n\n## Later\n- 23:55 a\n- 00:10 b\n");
    assert!(fine.findings.is_empty(), "{:?}", fine.findings);
    let night =
        imported("## Timeline\n- 23:55 alert\n- 00:10 paged\n- 12:00 PM lunch\n- 12:15 AM oops\n");
    assert_eq!(kinds(&night), [ImportKind::TimesBackwards], "{:?}", night.findings);
    assert!(night.findings[0].message.contains("12:15 AM comes after 12:00 PM"));
}

#[test]
fn front_matter_is_kept_and_read_for_title_authors_and_day() {
    let text = "---\ntitle: \"Disk full on db-2\"\ndate: 2024-03-02\nauthors:\n  - Ana Ruiz\n  - Bo Li\n---\n\n## Summary\nFrom 14:00 to 15:00 UTC the disk was full.\n\n## Timeline\n- 14:00 alert\n";
    let got = imported(text);
    let d = &got.doc;
    assert_eq!((d.title.as_str(), d.authors.as_str()), ("Disk full on db-2", "Ana Ruiz, Bo Li"));
    assert!(d.front_matter.starts_with("---\ntitle:") && d.front_matter.ends_with("\n---"));
    assert_eq!(d.summary.start, "2024-03-02 14:00");
    let out = md(d);
    assert!(out.starts_with("---\ntitle: \"Disk full on db-2\""), "{out}");
    // Not shown in the preview, and not read as a rule and a heading.
    let html = crate::render::to_html(&out);
    assert!(!html.contains("<hr") && !html.contains("date: 2024"), "{html}");
    // A day in the rows says when the outage was better than the front matter's date.
    let dated = imported("+++\ntitle = 'x'\ndate = 2024-05-01\n+++\n## Summary\nFrom 14:00.\n\n## Timeline\n- 2024-03-08 14:00 a\n");
    assert_eq!(dated.doc.summary.start, "14:00");
}

#[test]
fn timelines_wherever_they_are_and_however_they_are_written() {
    // A timeline under another section, a table with its time column second
    // and separate date and time columns, a time heading with its paragraph.
    let d = imported("# X\n\n## What happened\nWe broke it.\n\n### Key timestamps\n| Event | Time (UTC) |\n|---|---|\n| Alert | **14:05** |\n| Fix | 14:30 |\n\n## Root cause\nA typo.\n").doc;
    let rows: Vec<_> = d.timeline.iter().map(|r| (r.time.as_str(), r.event.as_str())).collect();
    assert_eq!(rows, [("14:05", "Alert"), ("14:30", "Fix")]);
    assert_eq!(d.summary.notes, "We broke it.");
    let d = imported("## Timeline\n| Date | Time | Who | What |\n|---|---|---|---|\n| 2024-03-02 | 09:00 | Ana | Deploy |\n| 2024-03-03 | ~10:00 | - | Rollback |\n").doc;
    let rows: Vec<_> = d.timeline.iter().map(|r| (r.time.as_str(), r.event.as_str())).collect();
    assert_eq!(rows, [("2024-03-02 09:00", "Ana: Deploy"), ("2024-03-03 ~10:00", "Rollback")]);
    let d = imported("## Timeline\n\n## February 24, 2025\n\n### 08:52 PM\nThe pager fired.\nNobody saw it.\n\n### 22:04–23:00 UTC - Rollback\nSlow.\n").doc;
    let rows: Vec<_> = d.timeline.iter().map(|r| (r.time.as_str(), r.event.as_str())).collect();
    assert_eq!(
        rows,
        [
            ("February 24, 2025 08:52 PM", "The pager fired. Nobody saw it."),
            ("February 24, 2025 22:04–23:00 UTC", "Rollback Slow.")
        ]
    );
    // Years are no times; log lines in code stay code.
    let d =
        imported("## Timeline\n- 2019: founded\n- 2021: grew\n\n```\n14:05:01 ERROR x\n```\n").doc;
    assert!(d.timeline.is_empty(), "{:?}", d.timeline);
    let d = imported("## Timeline\n- 1738: paged\n- 2021: fixed\n").doc;
    assert_eq!(d.timeline.len(), 2, "1738 cannot be a year, so these are times");
}

#[test]
fn a_timeline_without_its_heading_is_still_the_timeline() {
    let d = imported("# X\n\n## What happened\nThe queue filled up.\n\n- 14:05 alert\n- 14:10 paged\n- 14:20 fixed\n\n## Root cause\nA typo.\n").doc;
    assert_eq!(d.timeline.len(), 3);
    assert_eq!(
        (d.summary.notes.as_str(), d.headings.timeline.as_str()),
        ("The queue filled up.", "")
    );
    let d = imported("# X\n\n## Summary\nIt broke.\n\n## How the night unfolded\nAll times UTC.\n\n1. 22:05 – alert\n2. 22:10 – paged\n3. 23:20 – fixed\n").doc;
    assert_eq!((d.timeline.len(), d.headings.timeline.as_str()), (3, "How the night unfolded"));
    assert_eq!(d.timeline_notes, "All times UTC.");
    // Two timed lines are no timeline; nor is a table of measurements.
    let d = imported("# X\n\n## Summary\nIt broke.\n\n## Notes\n- 14:05 we met\n- later we ate\n- 15:00 we left\n\n## Load\n| Time | p99 |\n|---|---|\n| 14:00 | 30 ms |\n| 15:00 | 90 ms |\n| 16:00 | 31 ms |\n").doc;
    assert!(d.timeline.is_empty() && d.custom.len() == 2, "{d:#?}");
}

#[test]
fn the_title_and_each_row_say_the_line_they_were_read_from() {
    let text = "---\ntitle: x\n---\n\n# Disk full\n\n## Timeline\n| Time | Event |\n| --- | --- |\n| 14:00 | Alert |\n| 14:05 | Paged |\n\nThen, by hand:\n\n- 14:20: further down\n";
    let got = import(text);
    assert_eq!(got.title_line, 5);
    assert_eq!(got.doc.timeline.len(), got.row_lines.len());
    let rows: Vec<(&str, usize)> =
        got.doc.timeline.iter().map(|r| r.time.as_str()).zip(got.row_lines.clone()).collect();
    assert_eq!(rows, [("14:00", 10), ("14:05", 11), ("14:20", 15)], "{:#?}", got.doc);
    assert_eq!(import("").row_lines, Vec::<usize>::new());
    assert_eq!(import("no title here").title_line, 1);
}
