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
    // Bare addresses, which the preview links as GitHub does.
    "www.",
    "https://",
    "http://a.example/_x_",
    "ops@example.com",
    "mailto:",
    ".",
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

/// "14:05", "2:05 PM" and "2024-06-03 14:15": the formats people type most.
fn clock_time() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u8..24, 0u8..60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        (1u8..13, 0u8..60, any::<bool>())
            .prop_map(|(h, m, pm)| format!("{h}:{m:02} {}", if pm { "PM" } else { "AM" })),
        (1u8..28, 0u8..24).prop_map(|(d, h)| format!("2024-06-{d:02} {h:02}:15")),
    ]
}

pub fn time_text() -> impl Strategy<Value = String> {
    // Weights as if each format had its own arm.
    prop_oneof![
        1 => Just(String::new()),
        3 => clock_time(),
        1 => Just("2305HRS EAT".to_string()),
        1 => Just("7:30AM to 8:05PM".to_string()),
        1 => Just("9:00 AM GMT+2".to_string()),
        1 => Just("soon".to_string()),
        1 => Just("25:99".to_string()),
        1 => text(3),
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
        internal_flags(),
    )
        .prop_map(|((title, authors, status, summary), rows, longs, rest, notes, flags)| {
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
            mark_internal(with_lists(d, rows, custom, items, tasks), &flags)
        })
}

/// Which rows, tasks and sections are marked internal.
fn internal_flags() -> impl Strategy<Value = Vec<bool>> {
    proptest::collection::vec(proptest::bool::weighted(0.3), 12)
}

/// Marks what `flags` says internal; sections only where they are there,
/// since a mark on a section left out is not written.
fn mark_internal(mut d: Document, flags: &[bool]) -> Document {
    let flag = |i: usize| flags[i % flags.len()];
    d.internal.misleading = d.misleading.is_some() && flag(0);
    d.internal.escalation = d.escalation.is_some() && flag(1);
    d.internal.lessons = d.lessons.is_some() && flag(2);
    d.timeline.iter_mut().enumerate().for_each(|(i, r)| r.internal = flag(3 + i));
    d.tasks.iter_mut().enumerate().for_each(|(i, t)| t.internal = flag(7 + i));
    d.custom.iter_mut().enumerate().for_each(|(i, c)| c.internal = flag(10 + i));
    d
}

/// Appends the lists to `d`, each entry with a fresh id, as the editor does.
fn with_lists(
    mut d: Document,
    rows: Vec<(String, String, Option<Tag>)>,
    custom: Vec<(String, String)>,
    items: Vec<String>,
    tasks: Vec<(String, String, String, bool)>,
) -> Document {
    for (time, event, tag) in rows {
        let id = d.fresh_id();
        d.timeline.push(TimelineRow { id, time, event, tag, internal: false });
    }
    for (heading, body) in custom {
        let id = d.fresh_id();
        d.custom.push(CustomSection { id, heading, body, internal: false });
    }
    for text in items {
        let id = d.fresh_id();
        d.improvements.push(Item { id, text });
    }
    for (text, owner, due, done) in tasks {
        let id = d.fresh_id();
        d.tasks.push(Task { id, text, owner, due, done, internal: false });
    }
    d
}

// ------------------------------------------------------------- canonical

/// Words that name no section, field, time, zone or length of time, so that
/// text made of them reads back as text.
const WORDS: &[&str] = &[
    "pool", "backend", "disk", "queue", "cache", "deploy", "rollback", "alert", "pager", "retry",
    "worker", "node", "shard", "replica", "config", "flag", "release", "proxy", "quota", "canary",
];

/// Markdown's special characters, placed where they stay inline text: never
/// first on a line (where they would open a block), `<` never before a letter
/// (raw HTML, which export escapes with a backslash that import keeps as
/// typed), `\` never before `|` or `#` (export's own escapes).
#[rustfmt::skip]
const HOSTILE: &[&str] = &[
    "|", "a|b", "#", "C#", "*", "**bold**", "`x|y`", "<", "a < b", "->", ">", "[", "]",
    "[link](https://example.com)", "🦸‍♂️", "é", "\\", "&", "%", "!", "_x_", "~", "(", ")", "42",
];

/// One line of canonical text: a word first, then words and hostile pieces.
fn canonical_line(max: usize) -> impl Strategy<Value = String> {
    (
        proptest::sample::select(WORDS),
        proptest::collection::vec(
            prop_oneof![3 => proptest::sample::select(WORDS), 2 => proptest::sample::select(HOSTILE)],
            0..max,
        ),
    )
        .prop_map(|(first, rest)| {
            let mut line = first.to_string();
            for piece in rest {
                line.push(' ');
                line.push_str(piece);
            }
            line
        })
}

/// Free text as import keeps it: paragraphs and bullet lists, trimmed. No
/// headings, rules, colons or times, which import reads as structure.
fn canonical_text(max: usize) -> impl Strategy<Value = String> {
    let block = prop_oneof![
        proptest::collection::vec(canonical_line(6), 1..3).prop_map(|l| l.join("\n")),
        proptest::collection::vec(canonical_line(4), 1..3).prop_map(|l| l
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n")),
    ];
    prop_oneof![
        1 => Just(String::new()),
        3 => proptest::collection::vec(block, 1..max.max(2)).prop_map(|b| b.join("\n\n")),
    ]
}

/// Text ending with a paragraph: what import leaves as notes before a list
/// it reads as items (a bullet list at the end would be read as those items).
fn canonical_notes(max: usize) -> impl Strategy<Value = String> {
    (canonical_text(max), canonical_line(5)).prop_map(|(text, last)| {
        if text.is_empty() {
            text
        } else {
            format!("{text}\n\n{last}")
        }
    })
}

/// Times as typed that read back whole (no " – ", which splits the window).
fn canonical_time() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => clock_time(),
        1 => Just("2305HRS".to_string()),
        1 => Just("Midnight".to_string()),
    ]
}

/// A heading from `names` (each names its section the way import recognises
/// and has a word the standard heading lacks), or none.
fn heading(names: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), proptest::sample::select(names).prop_map(str::to_string)]
}

/// Documents in the form import produces, so `import(to_markdown(d)) == d`:
/// one-line fields trimmed and single-spaced, rows, items and tasks not
/// blank, free text free of anything import reads as structure (see
/// `canonical_text`), ids handed out in document order (rows, custom
/// sections, measures, tasks). Excluded, with the reason:
/// - a zone written at the end of the last time when the zone field is
///   empty: import takes it as the document's zone;
/// - a zone field that names no zone: import cannot tell it from the end time;
/// - summary or timeline notes with times, zones or durations: import reads
///   the outage window and zone from them;
/// - a task heading without tasks: export does not write it;
/// - measures notes ending with a bullet list: that list reads as the measures.
pub fn canonical_document() -> impl Strategy<Value = Document> {
    let zone = prop_oneof![
        Just(String::new()),
        proptest::sample::select(&["UTC", "EAT", "GMT+2", "Pacific Time"][..])
            .prop_map(str::to_string)
    ];
    let maybe_time = || prop_oneof![1 => Just(String::new()), 2 => canonical_time()];
    let one_line = || prop_oneof![1 => Just(String::new()), 2 => canonical_line(6)];
    let summary = (
        maybe_time(),
        maybe_time(),
        zone,
        one_line(),
        prop_oneof![Just(String::new()), (0u8..=100).prop_map(|p| p.to_string())],
        one_line(),
        canonical_notes(3),
    )
        .prop_map(|(start, end, zone, impact, affected, root_cause, notes)| Summary {
            start,
            end,
            zone,
            impact,
            affected,
            root_cause,
            notes,
        });
    let row = (
        prop_oneof![1 => Just(String::new()), 3 => canonical_time()],
        one_line(),
        proptest::option::of(proptest::sample::select(Tag::ALL.to_vec())),
    )
        .prop_filter("a blank row is not written", |(t, e, tag)| {
            !(t.is_empty() && e.is_empty() && tag.is_none())
        });
    let headings = (
        (
            heading(&["Outage overview", "Summary of the incident"]),
            heading(&["Sequence of events", "Detailed timeline"]),
            heading(&["Root Cause and Fix", "Causes and recovery"]),
            heading(&["Root causes", "Contributing cause"]),
            heading(&["Resolution and recovery", "Mitigation steps"]),
            heading(&["Red herrings", "Misleading leads"]),
            heading(&["Escalation path"]),
        ),
        (
            heading(&["Lessons and takeaways"]),
            heading(&["What worked"]),
            heading(&["What didn't work"]),
            heading(&["Lucky breaks"]),
            heading(&["Follow-up", "Preventive actions"]),
            heading(&["Action items", "TODO list"]),
        ),
    );
    let custom_heading = proptest::sample::select(
        &["Customer communication", "Open questions", "Appendix", "Data"][..],
    );
    let task = (
        canonical_line(5),
        prop_oneof![Just(String::new()), Just("R. Ortiz".to_string()), Just("A. Lee".to_string())],
        prop_oneof![Just(String::new()), Just("2024-06-15".to_string())],
        any::<bool>(),
    );
    (
        (one_line(), one_line(), proptest::sample::select(Status::ALL.to_vec()), canonical_text(3)),
        summary,
        (canonical_notes(3), proptest::collection::vec(row, 0..5)),
        (
            canonical_text(3),
            canonical_text(3),
            proptest::option::of(canonical_text(2)),
            proptest::option::of(canonical_text(2)),
        ),
        (
            proptest::option::of((canonical_text(2), canonical_text(2), canonical_text(2))),
            proptest::collection::vec((custom_heading, canonical_text(3)), 0..3),
        ),
        (
            canonical_notes(2),
            proptest::collection::vec(canonical_line(5), 0..3),
            proptest::collection::vec(task, 0..3),
        ),
        headings,
        internal_flags(),
    )
        .prop_map(|(head, summary, timeline, longs, optional, measures, headings, flags)| {
            let (title, authors, status, intro) = head;
            let mut d = Document { title, authors, status, intro, summary, ..Document::new() };
            let (timeline_notes, rows) = timeline;
            d.timeline_notes = timeline_notes;
            (d.root_cause, d.resolution, d.misleading, d.escalation) = longs;
            let (lessons, custom) = optional;
            d.lessons = lessons.map(|(went_well, went_wrong, got_lucky)| Lessons {
                went_well,
                went_wrong,
                got_lucky,
            });
            let (measures_notes, items, tasks) = measures;
            d.measures_notes = measures_notes;
            let ((s, t, rcr, rc, res, mis, esc), (l, ww, wr, gl, m, tk)) = headings;
            let h = &mut d.headings;
            (h.summary, h.timeline, h.root_cause_and_resolution, h.root_cause, h.resolution) =
                (s, t, rcr, rc, res);
            (h.misleading, h.escalation, h.lessons, h.went_well, h.went_wrong, h.got_lucky) =
                (mis, esc, l, ww, wr, gl);
            h.measures = m;
            h.tasks = if tasks.is_empty() { String::new() } else { tk };
            // Headings of sections left out are not written.
            if d.misleading.is_none() {
                h.misleading.clear();
            }
            if d.escalation.is_none() {
                h.escalation.clear();
            }
            if d.lessons.is_none() {
                (h.lessons, h.went_well, h.went_wrong, h.got_lucky) = Default::default();
            }
            let custom = custom.into_iter().map(|(h, b)| (h.to_string(), b)).collect();
            mark_internal(with_lists(d, rows, custom, items, tasks), &flags)
        })
}
