//! End-to-end: the release build served from a sub-path on localhost,
//! driven in headless Chromium through WebDriver the way a person uses it,
//! finding every field by its visible label or accessible name.
//!
//! These need a built dist/ and chromedriver, so `cargo test` lists them as
//! ignored; scripts/test builds dist/ and runs them with `--ignored`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../support/chat_fixtures.rs"]
mod chat_fixtures;
#[path = "../support/fixture_pairs.rs"]
mod fixture_pairs;
#[path = "../support/mod.rs"]
mod support;
#[path = "../support/timeline_fixtures.rs"]
mod timeline_fixtures;

mod accessibility;
mod backup;
mod chat;
mod compressed;
mod install;
mod internal;
mod printing;
mod share;
mod tabs;
mod templates;

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::Client;
use postmortem::model::{Document, Headings};
use postmortem::{export, import};
use serde_json::json;
use support::*;

fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"))
}

async fn start() -> (Host, Driver, Client, tempdir::TempDir) {
    let host = host(&dist());
    let driver = chromedriver();
    let (c, profile) = browser(&driver).await;
    c.goto(&host.url).await.unwrap();
    by_label(&c, "Title").await;
    record_errors(&c).await;
    (host, driver, c, profile)
}

/// Keeps what the page reports as errors (a Rust panic is one), to check
/// that there were none.
async fn record_errors(c: &Client) {
    c.execute(
        "window.__errors = [];
         const error = console.error.bind(console);
         console.error = (...a) => { window.__errors.push(a.map(String).join(' ')); error(...a); };
         addEventListener('error', (e) => window.__errors.push(String(e.message)));",
        vec![],
    )
    .await
    .unwrap();
}

/// The titles of the stored drafts, sorted.
pub async fn stored_titles(c: &Client) -> Vec<String> {
    let value = c
        .execute(
            "return Object.keys(localStorage).filter(k => k.startsWith('postmortem/draft/'))
               .map(k => JSON.parse(localStorage.getItem(k)).doc.title).sort()",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

async fn assert_no_errors(c: &Client) {
    let errors = c.execute("return window.__errors || []", vec![]).await.unwrap();
    assert_eq!(errors, json!([]), "the page reported errors");
}

/// Types `text` as a person would; characters outside the Basic
/// Multilingual Plane (emoji), which ChromeDriver cannot type, are set
/// with an input event instead.
async fn fill(c: &Client, field: &fantoccini::elements::Element, text: &str) {
    if text.chars().all(|ch| (ch as u32) < 0x10000) {
        field.send_keys(text).await.unwrap();
    } else {
        set_value(c, field, text).await;
    }
}

async fn fill_label(c: &Client, label: &str, text: &str) {
    if !text.is_empty() {
        fill(c, &by_label(c, label).await, text).await;
    }
}

/// Writes `doc` into the open (new) draft through the form, field by field
/// and row by row.
async fn type_document(c: &Client, doc: &Document) {
    fill_label(c, "Title", &doc.title).await;
    fill_label(c, "Authors", &doc.authors).await;
    by_label(c, "Status").await.select_by_label(doc.status.label()).await.unwrap();
    fill_label(c, "Introduction", &doc.intro).await;
    let s = &doc.summary;
    fill_label(c, "Outage start", &s.start).await;
    fill_label(c, "Outage end", &s.end).await;
    fill_label(c, "Time zone", &s.zone).await;
    fill_label(c, "Impact", &s.impact).await;
    fill_label(c, "Users affected (%)", &s.affected).await;
    fill_label(c, "Root cause, in a sentence or two", &s.root_cause).await;
    fill_label(c, "Summary notes", &s.notes).await;
    fill_label(c, "Timeline notes", &doc.timeline_notes).await;
    for (i, row) in doc.timeline.iter().enumerate() {
        if i > 0 {
            button(c, "Add timeline row").await.click().await.unwrap();
            eventually("a new row", || async { all_by_label(c, "Time").await.len() == i + 1 })
                .await;
        }
        fill(c, &all_by_label(c, "Time").await[i], &row.time).await;
        fill(c, &all_by_label(c, "Event").await[i], &row.event).await;
        if let Some(tag) = row.tag {
            all_by_label(c, "Tag").await[i].select_by_label(tag.label()).await.unwrap();
        }
    }
    fill_label(c, "Root cause", &doc.root_cause).await;
    fill_label(c, "Resolution", &doc.resolution).await;
    if let Some(text) = &doc.misleading {
        button(c, "Misleading paths").await.click().await.unwrap();
        fill_label(c, "What looked like the cause but was not", text).await;
    }
    if let Some(text) = &doc.escalation {
        button(c, "Escalation").await.click().await.unwrap();
        fill_label(c, "Who was called in, and when", text).await;
    }
    if let Some(l) = &doc.lessons {
        button(c, "Lessons learned").await.click().await.unwrap();
        fill_label(c, "What went well", &l.went_well).await;
        fill_label(c, "What went wrong", &l.went_wrong).await;
        fill_label(c, "Where we got lucky", &l.got_lucky).await;
    }
    for (i, section) in doc.custom.iter().enumerate() {
        button(c, "Custom section").await.click().await.unwrap();
        eventually("a new section", || async { all_labelled(c, "Heading").await.len() == i + 1 })
            .await;
        fill(c, &all_labelled(c, "Heading").await[i], &section.heading).await;
        fill(c, &all_labelled(c, "Text").await[i], &section.body).await;
    }
    fill_label(c, "Measures notes", &doc.measures_notes).await;
    for (i, item) in doc.improvements.iter().enumerate() {
        button(c, "Add improvement").await.click().await.unwrap();
        eventually("a new improvement", || async {
            all_by_label(c, "Improvement").await.len() == i + 1
        })
        .await;
        fill(c, &all_by_label(c, "Improvement").await[i], &item.text).await;
    }
    for (i, task) in doc.tasks.iter().enumerate() {
        button(c, "Add task").await.click().await.unwrap();
        eventually("a new task", || async { all_by_label(c, "Task").await.len() == i + 1 }).await;
        fill(c, &all_by_label(c, "Task").await[i], &task.text).await;
        fill(c, &all_by_label(c, "Owner").await[i], &task.owner).await;
        fill(c, &all_by_label(c, "Due").await[i], &task.due).await;
        if task.done {
            all_by_label(c, "Done").await[i].click().await.unwrap();
        }
    }
}

/// HTML as the browser serialises it, to compare with the preview's.
async fn normalised(c: &Client, html: &str) -> String {
    let v = c
        .execute(
            "const d = document.createElement('div'); d.innerHTML = arguments[0]; return d.innerHTML;",
            vec![json!(html)],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

/// Clicks "Copy Markdown" with the clipboard API replaced by a recorder,
/// and returns what was copied.
async fn copied(c: &Client, refuse_clipboard: bool) -> String {
    c.execute(
        "window.__copied = null;
         const refuse = arguments[0];
         Object.defineProperty(navigator, 'clipboard', { configurable: true, value: {
           writeText: (t) => refuse ? Promise.reject(new Error('denied'))
                                    : (window.__copied = t, Promise.resolve()) } });
         document.execCommand = (cmd) => {
           if (cmd !== 'copy') return false;
           window.__copied = document.activeElement && document.activeElement.value;
           return true;
         };",
        vec![json!(refuse_clipboard)],
    )
    .await
    .unwrap();
    button(c, "Copy Markdown").await.click().await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let v = c.execute("return window.__copied", vec![]).await.unwrap();
        if let Some(text) = v.as_str() {
            return text.to_string();
        }
        assert!(std::time::Instant::now() < deadline, "nothing was copied");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Writes a whole postmortem through the form and checks the preview, the
/// copied and downloaded Markdown, findings for a broken timeline, a reload
/// and a second draft.
/// Types `source` through the form; `file_slug` is the title's part of the
/// downloaded file's name.
async fn write_through_the_form(source: &Path, file_slug: &str) {
    let text = std::fs::read_to_string(source).unwrap();
    // What to type: the document as the importer reads it; headings of the
    // author's own are not something the form lets a person type.
    let mut doc = import::import(&text).doc;
    doc.headings = Headings::default();
    let expected = export::to_markdown(&doc);

    let (_host, _driver, c, profile) = start().await;
    type_document(&c, &doc).await;

    let want = normalised(&c, &postmortem::render::to_html(&expected)).await;
    eventually("the preview shows the whole document", || async { preview_html(&c).await == want })
        .await;
    assert_eq!(copied(&c, false).await, expected, "copied Markdown of {}", source.display());
    assert_eq!(copied(&c, true).await, expected, "copied through the fallback");

    button(&c, "Download .md").await.click().await.unwrap();
    let downloads = profile.path().join("downloads");
    // Both documents give a window without a date ("2305HRS EAT"), so the
    // file is named by the day it is downloaded, in the browser's time.
    let today = c
        .execute(
            "const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]\
             .map(n => String(n).padStart(2, '0')).join('-')",
            vec![],
        )
        .await
        .unwrap();
    let name = format!("{}-{file_slug}.md", today.as_str().unwrap());
    let find = || {
        std::fs::read_dir(&downloads)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "md"))
    };
    eventually("the download", || async { find().is_some() }).await;
    let file = find().unwrap();
    assert_eq!(file.file_name().unwrap().to_string_lossy(), name);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected, "downloaded Markdown");

    assert_no_errors(&c).await;
    // A reload brings everything back.
    tokio::time::sleep(Duration::from_millis(700)).await;
    c.refresh().await.unwrap();
    record_errors(&c).await;
    eventually("the same preview after a reload", || async { preview_html(&c).await == want })
        .await;
    assert_eq!(copied(&c, false).await, expected, "after the reload");

    // A second draft, then back to the first: nothing lost in either.
    button(&c, "Drafts").await.click().await.unwrap();
    button(&c, "New draft").await.click().await.unwrap();
    eventually("an empty draft", || async {
        by_label(&c, "Title").await.prop("value").await.ok().flatten().as_deref() == Some("")
    })
    .await;
    fill_label(&c, "Title", "Second draft").await;
    fill(&c, &all_by_label(&c, "Event").await[0], "Only row").await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    button(&c, "Drafts").await.click().await.unwrap();
    let first = doc.display_title();
    button(&c, &format!("Open {first}")).await.click().await.unwrap();
    eventually("the first draft again", || async { preview_html(&c).await == want }).await;
    c.refresh().await.unwrap();
    eventually("the first draft reopens after a reload", || async {
        preview_html(&c).await == want
    })
    .await;
    button(&c, "Drafts").await.click().await.unwrap();
    button(&c, "Open Second draft").await.click().await.unwrap();
    eventually("the second draft", || async {
        preview_html(&c).await.contains("<h1>Postmortem: Second draft</h1>")
            && preview_html(&c).await.contains("<td>Only row</td>")
    })
    .await;
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_corpus_postmortem_written_through_the_form_loses_nothing() {
    let source = corpus().join("18-zwingli-military-time-eat.md");
    if !source.is_file() {
        println!("SKIPPED: {} not found (../shared/corpus holds third-party documents we do not commit); tests/fixtures is used below", source.display());
        return;
    }
    write_through_the_form(&source, "outage-postmortem-report").await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn our_fixture_written_through_the_form_loses_nothing() {
    let fixture =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fx15-military-time.md"));
    write_through_the_form(&fixture, "analytics-outage-report").await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_broken_timeline_gets_its_findings() {
    let (_host, _driver, c, _profile) = start().await;
    fill_label(&c, "Outage start", "2024-06-01 2305HRS").await;
    fill_label(&c, "Outage end", "0030HRS").await;
    fill_label(&c, "Time zone", "EAT").await;
    let rows = [
        ("2306HRS", "Complaint by e-mail"),
        ("25:99", "Investigation"),
        ("2301HRS", ""),
        ("0045HRS", "Fixed"),
    ];
    for (i, (time, event)) in rows.iter().enumerate() {
        if i > 0 {
            button(&c, "Add timeline row").await.click().await.unwrap();
            eventually("a row", || async { all_by_label(&c, "Time").await.len() == i + 1 }).await;
        }
        fill(&c, &all_by_label(&c, "Time").await[i], time).await;
        fill(&c, &all_by_label(&c, "Event").await[i], event).await;
    }
    let form = || async { by_label(&c, "Postmortem").await.text().await.unwrap() };
    let expected = [
        "\u{201c}25:99\u{201d} is not a time of day.",
        "Earlier than the row above (23:06). Fix the time, or sort the timeline.",
        "Empty event: say what happened at this time.",
        "Outside the outage window (2024-06-01 23:05 – 2024-06-02 00:30 EAT).",
    ];
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let mut text = form().await;
    while !expected.iter().all(|e| text.contains(e)) && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        text = form().await;
    }
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in the form:\n{text}");
    }
    let time = &all_by_label(&c, "Time").await[1];
    assert_eq!(time.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    let panel = by_label(&c, "Findings").await;
    eventually("the findings panel", || async {
        let t = panel.text().await.unwrap_or_default();
        t.contains("findings") && t.contains("is not a time of day")
    })
    .await;
    // The findings never block the Markdown, and sorting fixes the order.
    let md = copied(&c, false).await;
    assert!(md.contains("| 25:99 | Investigation |"), "{md}");
    button(&c, "Sort timeline by time").await.click().await.unwrap();
    eventually("sorted", || async {
        let events = all_by_label(&c, "Time").await;
        events[0].prop("value").await.ok().flatten().as_deref() == Some("2301HRS")
    })
    .await;
    // Remove rows by keyboard-reachable buttons; nothing may panic.
    for _ in 0..3 {
        all_by_label(&c, "Remove row").await[0].click().await.unwrap();
    }
    eventually("one row left", || async { all_by_label(&c, "Time").await.len() == 1 }).await;
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn importing_by_paste_and_by_file_opens_new_drafts() {
    let (_host, _driver, c, _profile) = start().await;
    fill_label(&c, "Title", "Kept as it was").await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    let fixture = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fx14-pipe-table-tasks.md"
    ));
    let text = std::fs::read_to_string(&fixture).unwrap();
    let expected = export::to_markdown(&import::import(&text).doc);

    paste_import(&c, &text).await;
    let want = normalised(&c, &postmortem::render::to_html(&expected)).await;
    eventually("the imported draft", || async { preview_html(&c).await == want }).await;
    assert_eq!(copied(&c, false).await, expected);
    let report = by_label(&c, "Import notes").await;
    assert!(report.text().await.unwrap().contains("as a new draft"));

    // By file, through the file chooser.
    button(&c, "Import Markdown").await.click().await.unwrap();
    let chooser = by_label(&c, "…or choose a .md file").await;
    chooser.send_keys(&fixture.display().to_string()).await.unwrap();
    eventually("the second import", || async { preview_html(&c).await == want }).await;

    // The draft open before is untouched.
    button(&c, "Drafts").await.click().await.unwrap();
    button(&c, "Open Kept as it was").await.click().await.unwrap();
    eventually("the earlier draft", || async {
        preview_html(&c).await.contains("<h1>Postmortem: Kept as it was</h1>")
    })
    .await;
    c.close().await.unwrap();
}

/// A row's time as the preview shows it: a link's text, not its address.
fn shown_time(time: &str) -> String {
    match time.strip_prefix('[').and_then(|t| t.split_once("](")) {
        Some((text, _)) => text.to_string(),
        None => time.to_string(),
    }
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn every_timeline_fixture_imports_with_each_timed_entry_in_the_report_and_the_preview() {
    let (_host, _driver, c, _profile) = start().await;
    for fixture in timeline_fixtures::fixtures() {
        let n = fixture.rows.len();
        button(&c, "Import Markdown").await.click().await.unwrap();
        let chooser = by_label(&c, "…or choose a .md file").await;
        chooser.send_keys(&fixture.path.display().to_string()).await.unwrap();
        let said = format!("{}.md as a new draft, with {n} timeline rows", fixture.name);
        eventually(&format!("the report on {}", fixture.name), || async {
            let report = by_label(&c, "Import notes").await;
            report.text().await.unwrap_or_default().contains(&said)
        })
        .await;
        let want: Vec<String> = fixture.rows.iter().map(|(time, _)| shown_time(time)).collect();
        // The timeline's table: the last table of the second section (the
        // export writes the timeline's notes, which may hold tables, first).
        let script = "let e = document.querySelectorAll('.markdown-body > h2')[1], table = null;
                      for (e = e.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling)
                        if (e.tagName === 'TABLE') table = e;
                      return [...table.tBodies[0].rows].map(r => r.cells[0].textContent.trim())";
        let what = format!("the preview of {} to show {want:?}", fixture.name);
        eventually(&what, || async {
            let shown = c.execute(script, vec![]).await.unwrap();
            // Said only when the test fails: what the preview showed.
            eprintln!("{}: {shown}", fixture.name);
            shown == json!(want)
        })
        .await;
    }
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn works_under_a_sub_path_with_relative_asset_urls() {
    let (_host, _driver, c, _profile) = start().await;
    // The app only mounts if its script and wasm loaded from under BASE,
    // and anything outside BASE is a 404.
    let index = std::fs::read_to_string(dist().join("index.html")).unwrap();
    for attr in ["href=\"/", "src=\"/", "from '/", "from \"/", "register('/"] {
        assert!(!index.contains(attr), "absolute URL ({attr}) in dist/index.html");
    }
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn works_offline_after_the_first_visit() {
    let (host, _driver, c, _profile) = start().await;
    eventually("the service worker controls the page", || async {
        c.execute("return !!navigator.serviceWorker.controller", vec![]).await.ok()
            == Some(json!(true))
    })
    .await;
    // Every file has been fetched through the worker once the app is up.
    c.refresh().await.unwrap();
    by_label(&c, "Title").await;
    fill_label(&c, "Title", "Written on a plane").await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    host.go_offline();
    c.refresh().await.unwrap();
    eventually("the app and the draft, offline", || async {
        preview_html(&c).await.contains("<h1>Postmortem: Written on a plane</h1>")
    })
    .await;
    c.close().await.unwrap();
}
