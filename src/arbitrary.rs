//! Generators of documents for the property tests: text built from the
//! pieces that break Markdown (pipes, heading marks, fences, HTML, script
//! links, newlines, emoji), times in every format and none.

use proptest::prelude::*;

use crate::model::*;

const PIECES: &[&str] = &[
    "word",
    "Load",
    "balancer",
    "pool",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "|",
    "\\|",
    "#",
    "# ",
    "## ",
    "*",
    "**",
    "_",
    "`",
    "```",
    "~~~",
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "<div>",
    "[x](javascript:alert(1))",
    "[ok](https://example.com)",
    "[r]",
    "[r]: /u",
    "\\",
    "---",
    "===",
    "> ",
    "- ",
    "+ ",
    "1. ",
    "2) ",
    "[ ] ",
    "[x] ",
    "&amp;",
    "&",
    "]:",
    "!",
    "![i](x.png)",
    "🦸‍♂️",
    "é",
    "(owner: X)",
    "(due 2024-01-01)",
    "**Detection:** ",
    "%",
    "<<<<<<< HEAD",
    ">>>>>>> branch",
    "    ",
    "1",
    "2024",
    ":",
    "-",
];

pub fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

pub fn time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0u8..24, 0u8..60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        (1u8..13, 0u8..60, any::<bool>())
            .prop_map(|(h, m, pm)| format!("{h}:{m:02} {}", if pm { "PM" } else { "AM" })),
        (1u8..28, 0u8..24).prop_map(|(d, h)| format!("2024-06-{d:02} {h:02}:15")),
        Just("2305HRS EAT".to_string()),
        Just("7:30AM to 8:05PM".to_string()),
        Just("9:00 AM GMT+2".to_string()),
        Just("soon".to_string()),
        Just("25:99".to_string()),
        text(3),
    ]
}

fn tag() -> impl Strategy<Value = Option<Tag>> {
    prop_oneof![Just(None), proptest::sample::select(Tag::ALL.to_vec()).prop_map(Some)]
}

pub fn document() -> impl Strategy<Value = Document> {
    let summary = (
        prop_oneof![Just(String::new()), Just("2024-06-01 14:00".to_string()), time_text()],
        prop_oneof![Just(String::new()), Just("16:30".to_string()), time_text()],
        prop_oneof![Just(String::new()), Just("UTC".to_string()), Just("EAT".to_string()), text(2)],
        text(8),
        prop_oneof![Just(String::new()), Just("90".to_string()), Just("150".to_string()), text(2)],
        text(8),
    )
        .prop_map(|(start, end, zone, impact, affected, root_cause)| Summary {
            start,
            end,
            zone,
            impact,
            affected,
            root_cause,
            notes: String::new(),
        });
    let rows = proptest::collection::vec((time_text(), text(8), tag()), 0..6);
    let lessons = proptest::option::of((text(6), text(6), text(6)));
    let custom = proptest::collection::vec((text(3), text(10)), 0..3);
    let items = proptest::collection::vec(text(5), 0..4);
    let tasks = proptest::collection::vec((text(5), text(2), text(2), any::<bool>()), 0..4);
    (
        (text(6), text(4), proptest::sample::select(Status::ALL.to_vec()), summary),
        rows,
        (text(16), text(16), proptest::option::of(text(8)), proptest::option::of(text(8))),
        (lessons, custom, items, tasks),
        (text(8), text(8), text(8), text(8), text(3)),
    )
        .prop_map(|((title, authors, status, summary), rows, longs, rest, notes)| {
            let (root_cause, resolution, misleading, escalation) = longs;
            let (lessons, custom, items, tasks) = rest;
            let mut d = Document { title, authors, status, summary, ..Document::new() };
            let (intro, summary_notes, timeline_notes, measures_notes, heading) = notes;
            d.intro = intro;
            d.summary.notes = summary_notes;
            d.timeline_notes = timeline_notes;
            d.measures_notes = measures_notes;
            d.headings.tasks = heading.clone();
            d.headings.summary = heading;
            d.root_cause = root_cause;
            d.resolution = resolution;
            d.misleading = misleading;
            d.escalation = escalation;
            d.lessons = lessons.map(|(went_well, went_wrong, got_lucky)| Lessons {
                went_well,
                went_wrong,
                got_lucky,
            });
            for (time, event, tag) in rows {
                let id = d.fresh_id();
                d.timeline.push(TimelineRow { id, time, event, tag });
            }
            for (heading, body) in custom {
                let id = d.fresh_id();
                d.custom.push(CustomSection { id, heading, body });
            }
            for text in items {
                let id = d.fresh_id();
                d.improvements.push(Item { id, text });
            }
            for (text, owner, due, done) in tasks {
                let id = d.fresh_id();
                d.tasks.push(Task { id, text, owner, due, done });
            }
            d
        })
}
