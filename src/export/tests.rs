use super::*;
use crate::model::{CustomSection, Lessons, Tag};
use crate::render;
use proptest::prelude::*;

/// The example of shared/FORMAT.md, as a document.
pub(crate) fn example() -> Document {
    let mut d = Document::new();
    d.title = "Load balancer sent all traffic to one backend".into();
    d.status = Status::Final;
    d.authors = "A. Lee, R. Ortiz".into();
    d.summary = Summary {
        start: "2024-06-01 14:00".into(),
        end: "16:30".into(),
        zone: "UTC".into(),
        impact: "Main web service unreachable for about 90% of users; the rest saw slow pages."
            .into(),
        affected: String::new(),
        root_cause: "A maintenance change left one backend in the load balancer's pool.".into(),
        notes: String::new(),
    };
    for (time, event, tag) in [
        ("14:00", "Monitoring alert on 5xx error rate", Tag::Detection),
        ("14:10", "Rolled back the last deployment; no change", Tag::MisleadingPath),
    ] {
        let id = d.fresh_id();
        d.timeline.push(TimelineRow {
            id,
            time: time.into(),
            event: event.into(),
            tag: Some(tag),
            internal: false,
        });
    }
    d.root_cause = "One backend was left in the pool.".into();
    d.resolution = "The pool was restored.".into();
    let id = d.fresh_id();
    d.improvements.push(Item {
        id,
        text: "Validate load balancer configuration before it is applied.".into(),
    });
    let id = d.fresh_id();
    d.tasks.push(Task {
        id,
        text: "Add a pool-size alert to the load balancer dashboard".into(),
        owner: "R. Ortiz".into(),
        due: "2024-06-15".into(),
        done: false,
        internal: false,
    });
    let id = d.fresh_id();
    d.tasks.push(Task {
        id,
        text: "Restore the full backend pool".into(),
        owner: "A. Lee".into(),
        done: true,
        ..Default::default()
    });
    d
}

#[test]
fn writes_the_documented_format() {
    let expected = "\
# Postmortem: Load balancer sent all traffic to one backend

**Status:** Final · **Authors:** A. Lee, R. Ortiz

## Issue Summary
- **Duration:** 2024-06-01 14:00 – 16:30 UTC (2 h 30 min)
- **Impact:** Main web service unreachable for about 90% of users; the rest saw slow pages.
- **Root cause:** A maintenance change left one backend in the load balancer's pool.
- **Time to detect:** 0 min · **Time to resolve:** 2 h 30 min

## Timeline
| Time (UTC) | Event |
| --- | --- |
| 14:00 | **Detection:** Monitoring alert on 5xx error rate |
| 14:10 | **Misleading path:** Rolled back the last deployment; no change |

## Root Cause and Resolution
### Root cause
One backend was left in the pool.

### Resolution
The pool was restored.

## Corrective and Preventative Measures
- Validate load balancer configuration before it is applied.

### Tasks
- [ ] Add a pool-size alert to the load balancer dashboard (owner: R. Ortiz, due 2024-06-15)
- [x] Restore the full backend pool (owner: A. Lee)
";
    assert_eq!(to_markdown(&example()), expected);
}

#[test]
fn optional_and_custom_sections_follow_root_cause() {
    let mut d = example();
    d.misleading = Some("We blamed the deploy.".into());
    d.escalation = Some(String::new());
    d.lessons = Some(Lessons { went_well: "Alerting".into(), ..Default::default() });
    d.custom.push(CustomSection {
        id: 99,
        heading: "Customer communication".into(),
        body: "Status page.".into(),
        internal: false,
    });
    let md = to_markdown(&d);
    let h2: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        h2,
        [
            "## Issue Summary",
            "## Timeline",
            "## Root Cause and Resolution",
            "## Misleading investigation paths",
            "## Escalation",
            "## Lessons learned",
            "## Customer communication",
            "## Corrective and Preventative Measures"
        ]
    );
    assert!(
        md.contains("## Lessons learned\n### What went well\nAlerting\n\n### What went wrong\n\n### Where we got lucky\n"),
        "{md}"
    );
}

#[test]
fn times_are_written_as_typed_and_the_window_gives_the_duration() {
    let mut d = example();
    d.summary.start = "2024-06-01 2305HRS".into();
    d.summary.end = "0030HRS".into();
    d.summary.zone = "EAT".into();
    d.timeline[0].time = "2306HRS".into();
    d.timeline[1].time = "9:00 AM GMT+2".into();
    let md = to_markdown(&d);
    assert!(md.contains("| 2306HRS |") && md.contains("| 9:00 AM GMT+2 |"), "{md}");
    assert!(md.contains("| Time (EAT) | Event |"), "{md}");
    assert!(md.contains("- **Duration:** 2024-06-01 2305HRS – 0030HRS EAT (1 h 25 min)\n"), "{md}");
}

#[test]
fn notes_intro_and_written_headings_have_their_place() {
    let mut d = example();
    d.intro = "By the SRE team.\n\n## Background\nA short story.".into();
    d.summary.notes = "- a note that is a list".into();
    d.timeline_notes = "All times UTC.".into();
    d.measures_notes = "We will:\n\n- one thing".into();
    d.headings.tasks = "TODO list".into();
    let md = to_markdown(&d);
    assert!(md.contains("**Authors:** A. Lee, R. Ortiz\n\nBy the SRE team.\n\n### Background\n\nA short story.\n\n## Issue Summary\n- a note that is a list\n\n* **Duration:**"), "{md}");
    assert!(md.contains("## Timeline\nAll times UTC.\n\n| Time (UTC) | Event |"), "{md}");
    assert!(md.contains("We will:\n\n- one thing\n\n* Validate load balancer"), "{md}");
    assert!(md.contains("\n### TODO list\n- [ ] Add"), "{md}");
    let html = render::to_html(&md);
    assert_eq!(html.matches("<ul>").count(), 5, "the lists stay apart: {html}");
}

#[test]
fn partial_window_and_share() {
    let mut d = example();
    d.summary.end.clear();
    d.summary.affected = "90%".into();
    d.summary.impact.clear();
    let md = to_markdown(&d);
    assert!(md.contains("- **Start:** 2024-06-01 14:00 UTC\n"), "{md}");
    d.summary.start.clear();
    assert!(to_markdown(&d).contains("- **Time zone:** UTC\n"));
    assert!(md.contains("- **Impact:** 90% of users affected\n"), "{md}");
    assert!(md.contains("- **Time to detect:** 0 min\n"), "{md}");
}

#[test]
fn blank_rows_items_and_tasks_are_left_out() {
    let mut d = example();
    d.add_row();
    let id = d.fresh_id();
    d.improvements.push(Item { id, text: "  ".into() });
    let id = d.fresh_id();
    d.tasks.push(Task { id, ..Default::default() });
    assert_eq!(to_markdown(&d), to_markdown(&example()));
}

#[test]
fn pipes_and_newlines_stay_inside_their_cell() {
    let mut d = example();
    d.timeline[0].tag = None;
    d.timeline[0].event = "a | b\nc `x|y` d \\| e".into();
    let html = render::to_html(&to_markdown(&d));
    assert_eq!(html.matches("<td>").count(), 4, "{html}");
    assert!(html.contains("a | b c <code>x|y</code> d | e"), "{html}");
}

#[test]
fn html_in_fields_is_kept_and_cannot_reach_past_its_field() {
    let mut d = example();
    d.title = "<b>bold</b>".into();
    d.root_cause = "<details>\n<summary>Logs</summary>\n\n<script>alert(1)</script>".into();
    d.timeline[0].event = "<img src=x onerror=alert(1)> </td><td>".into();
    let md = to_markdown(&d);
    assert!(md.starts_with("# Postmortem: <b>bold</b>\n"), "{md}");
    assert!(
        md.contains(
            "<details>\n<summary>Logs</summary>\n\n<script>alert(1)</script>\n\n</details>\n"
        ),
        "{md}"
    );
    assert!(md.contains("| **Detection:** <img src=x onerror=alert(1)> &lt;/td>&lt;td> |"), "{md}");
    let html = render::to_html(&md);
    assert!(html.contains("<h1>Postmortem: <b>bold</b></h1>"), "{html}");
    assert!(html.contains("<img src=\"x\" />") && !html.contains("onerror"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    // The sections after the open <details> are still sections.
    assert!(html.contains("</details>\n<h3>Resolution</h3>"), "{html}");
}

#[test]
fn autolinks_are_not_mistaken_for_html() {
    assert_eq!(inline("see <https://example.com>"), "see <https://example.com>");
}

#[test]
fn headings_in_long_text_cannot_start_a_section() {
    let mut d = example();
    d.root_cause = "# Big\ntext\n\nSetext\n---\n\n> # quoted stays".into();
    let md = to_markdown(&d);
    assert!(md.contains("\n#### Big\n"), "{md}");
    assert!(md.contains("\n#### Setext\n"), "{md}");
    assert!(md.contains("> # quoted stays"), "{md}");
}

#[test]
fn unclosed_fence_is_closed() {
    let mut d = example();
    d.root_cause = "```\ncode".into();
    let md = to_markdown(&d);
    assert!(md.contains("```\ncode\n```\n\n### Resolution"), "{md}");
    d.root_cause = "```\ncode\n```".into();
    assert!(to_markdown(&d).contains("```\ncode\n```\n\n### Resolution"));
}

#[test]
fn trailing_hash_does_not_close_the_title_heading() {
    let mut d = example();
    d.title = "Issue in C#".into();
    let html = render::to_html(&to_markdown(&d));
    assert!(html.contains("<h1>Postmortem: Issue in C#</h1>"), "{html}");
}

#[test]
fn file_name_from_date_and_title() {
    assert_eq!(
        file_name(&example(), "2030-01-01"),
        "2024-06-01-load-balancer-sent-all-traffic-to-one-backend.md"
    );
    let mut d = Document::new();
    assert_eq!(file_name(&d, "2030-01-01"), "2030-01-01-postmortem.md");
    d.title = "  Ünïcode / <script> & C# ".into();
    assert_eq!(file_name(&d, "2030-01-01"), "2030-01-01-ünïcode-script-c.md");
    d.title = "x".repeat(500);
    assert!(file_name(&d, "2030-01-01").len() < 80);
    // A window without a date, here or in the rows: today's date.
    d.title = "Pool".into();
    d.summary.start = "2305HRS EAT".into();
    d.summary.end = "0110HRS".into();
    d.add_row();
    d.timeline[0].time = "2310HRS".into();
    assert_eq!(file_name(&d, "2030-01-01"), "2030-01-01-pool.md");
    d.timeline[0].time = "2024-03-02 23:10".into();
    assert_eq!(file_name(&d, "2030-01-01"), "2024-03-02-pool.md");
}

#[test]
fn title_prefix_is_not_doubled() {
    assert_eq!(title(""), "# Postmortem\n");
    assert_eq!(title("Postmortem of the LB outage"), "# Postmortem of the LB outage\n");
    assert_eq!(title("postmortem"), "# Postmortem: postmortem\n");
    assert_eq!(title("Postmortem: x"), "# Postmortem: Postmortem: x\n");
}

#[test]
fn list_items_cannot_open_nested_blocks() {
    for (text, expected) in [
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("---", "\\---"),
        ("[ ] not a task", "\\[ ] not a task"),
        ("```", "\\```"),
        ("[a link](x.md) stays", "[a link](x.md) stays"),
        ("-1 degrees", "-1 degrees"),
    ] {
        assert_eq!(list_text("**", '*'), "\\**");
        assert_eq!(list_text(text, '-'), expected, "{text}");
    }
}

proptest! {
    #[test]
    fn block_by_block_html_is_the_whole_documents_html(doc in crate::arbitrary::document()) {
        let blocks = blocks(&doc);
        let whole = render::to_html(&to_markdown(&doc));
        prop_assert_eq!(render::assemble(&render::blocks_html(&blocks)), whole);
    }

    #[test]
    fn no_field_can_break_the_structure(doc in crate::arbitrary::document()) {
        let md = to_markdown(&doc);
        prop_assert_eq!(&md, &to_markdown(&doc.clone()), "deterministic");
        let mut h2 = Vec::new();
        let mut depth = 0;
        let mut in_h2 = None::<String>;
        // The rows of each top-level table of the timeline's section: the
        // last is the timeline (its notes, written first, may hold tables).
        let mut timeline_tables: Vec<usize> = Vec::new();
        for event in Parser::new_ext(&md, options()) {
            let in_timeline = h2.len() == 2 && in_h2.is_none();
            match event {
                Event::Start(Md::Heading { level: HeadingLevel::H2, .. }) if depth == 0 => {
                    in_h2 = Some(String::new());
                    depth += 1;
                }
                Event::Start(Md::Heading { level: HeadingLevel::H1, .. }) if depth == 0 => {
                    prop_assert!(h2.is_empty(), "a second title in {}", md);
                    depth += 1;
                }
                Event::Start(Md::Table(_)) if depth == 0 && in_timeline => {
                    timeline_tables.push(0);
                    depth += 1;
                }
                Event::Start(Md::TableHead | Md::TableRow) if depth == 1 && in_timeline => {
                    if let Some(rows) = timeline_tables.last_mut() {
                        *rows += 1;
                    }
                    depth += 1;
                }
                Event::Start(_) => depth += 1,
                Event::End(TagEnd::Heading(HeadingLevel::H2)) if depth == 1 => {
                    depth -= 1;
                    h2.push(in_h2.take().unwrap_or_default());
                }
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) => {
                    if let Some(h) = in_h2.as_mut() {
                        h.push_str(&t)
                    }
                }
                _ => {}
            }
        }
        prop_assert_eq!(h2.get(1..3), Some(&[TIMELINE.to_string(), ROOT_CAUSE_AND_RESOLUTION.to_string()][..]), "sections in {}", md);
        prop_assert_eq!(h2.last().map(String::as_str), Some(MEASURES));
        let optional = doc.misleading.is_some() as usize
            + doc.escalation.is_some() as usize
            + doc.lessons.is_some() as usize
            + doc.custom.len();
        prop_assert_eq!(h2.len(), 4 + optional, "sections in {}", md);
        let rows = doc
            .timeline
            .iter()
            .filter(|r| !timeline_row(r).is_empty())
            .count();
        prop_assert_eq!(timeline_tables.last().copied(), Some(rows + 1), "the timeline's rows in {}", md);
    }
}
