//! *Add rows from a chat log*, as a person uses it: every chat fixture
//! pasted into the dialog, its proposed rows checked, added, and found in
//! the timeline and the preview in order; a paste without times; rows put
//! among rows already there, and outside the window marked. And zones by
//! name: the preview's header on both sides of a daylight-saving change,
//! and the finding for an abbreviation of the other season.

use fantoccini::Client;
use serde_json::{json, Value};

use super::{assert_no_errors, fill_label, start};
use crate::chat_fixtures::chat_fixtures;
use crate::support::*;
use postmortem::chat::rows::{markdown_event, NO_TIMESTAMP};

/// Makes the page's clock say `day` at noon, as on the day a transcript
/// was pasted ("Yesterday" counts from it).
async fn pretend_today(c: &Client, day: &str) {
    c.execute(
        "const fixed = new (window.__RealDate || Date)(arguments[0] + 'T12:00:00').getTime();
         const Real = window.__RealDate || Date;
         window.__RealDate = Real;
         class Fake extends Real {
           constructor(...a) { if (a.length) super(...a); else super(fixed); }
           static now() { return fixed; }
         }
         window.Date = Fake;",
        vec![json!(day)],
    )
    .await
    .unwrap();
}

/// The rows the dialog proposes, as (time, event).
async fn proposed(c: &Client) -> Vec<(String, String)> {
    let v = c
        .execute(
            "return [...document.querySelectorAll('.chat-rows li')].map(li =>
               [li.querySelector('.chat-time').textContent, li.querySelector('.chat-event').textContent])",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// The preview's timeline table, as (time, event) per row.
async fn preview_rows(c: &Client) -> Value {
    let script = "let e = document.querySelectorAll('.markdown-body > h2')[1], table = null;
                  for (e = e.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling)
                    if (e.tagName === 'TABLE') table = e;
                  return table ? [...table.tBodies[0].rows].map(r =>
                    [r.cells[0].textContent.trim(), r.cells[1].textContent.trim()]) : []";
    c.execute(script, vec![]).await.unwrap()
}

/// The preview's timeline table's header.
async fn preview_time_header(c: &Client) -> String {
    let v = c
        .execute(
            "const th = document.querySelector('.markdown-body table thead th');
             return th ? th.textContent : ''",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

async fn values(c: &Client, label: &str) -> Vec<String> {
    let mut out = Vec::new();
    for field in all_by_label(c, label).await {
        out.push(field.prop("value").await.unwrap().unwrap_or_default());
    }
    out
}

async fn new_draft(c: &Client) {
    button(c, "Drafts").await.click().await.unwrap();
    button(c, "New draft").await.click().await.unwrap();
    eventually("an empty draft", || async {
        by_label(c, "Title").await.prop("value").await.ok().flatten().as_deref() == Some("")
    })
    .await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn every_chat_fixture_pasted_proposes_its_messages_and_adds_them_in_order() {
    let (_host, _driver, c, _profile) = start().await;
    for (n, f) in chat_fixtures().iter().enumerate() {
        if n > 0 {
            new_draft(&c).await;
        }
        fill_label(&c, "Outage start", &format!("{} 00:00", f.date)).await;
        fill_label(&c, "Time zone", &f.zone).await;
        pretend_today(&c, &f.today).await;
        button(&c, "Add rows from a chat log").await.click().await.unwrap();
        set_labelled(&c, "Chat log", &f.text).await;
        if f.rows.is_empty() {
            eventually(&format!("{}: the message for no timestamp", f.name), || async {
                let v = c
                    .execute("const p = document.querySelector('.chat-none'); return p ? p.textContent : ''", vec![])
                    .await
                    .unwrap();
                v.as_str() == Some(NO_TIMESTAMP)
            })
            .await;
            // The chat dialog's Cancel (other dialogs have one too).
            let cancel =
                "//dialog[contains(@class, 'chat-dialog')]//button[normalize-space(.)='Cancel']";
            wait_for(&c, fantoccini::Locator::XPath(cancel)).await.click().await.unwrap();
            continue;
        }
        let what = format!("{}: the dialog to propose {:?}", f.name, f.rows);
        eventually(&what, || async {
            let got = proposed(&c).await;
            if got != f.rows {
                eprintln!("{}: {got:?}", f.name);
            }
            got == f.rows
        })
        .await;
        let add = format!("Add {} row{}", f.rows.len(), if f.rows.len() == 1 { "" } else { "s" });
        button(&c, &add).await.click().await.unwrap();
        let times: Vec<String> = f.rows.iter().map(|r| r.0.clone()).collect();
        let events: Vec<String> = f.rows.iter().map(|r| markdown_event(&r.1)).collect();
        eventually(&format!("{}: the rows in the timeline", f.name), || async {
            values(&c, "Time").await == times && values(&c, "Event").await == events
        })
        .await;
        let want = json!(f.rows);
        eventually(&format!("{}: the rows in the preview", f.name), || async {
            preview_rows(&c).await == want
        })
        .await;
    }
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn chat_rows_go_among_the_rows_by_time_and_outside_the_window_is_marked() {
    let (_host, _driver, c, _profile) = start().await;
    fill_label(&c, "Outage start", "2024-03-04 10:00").await;
    fill_label(&c, "Outage end", "11:00").await;
    fill_label(&c, "Time zone", "UTC").await;
    fill_label(&c, "Time", "10:05").await;
    fill_label(&c, "Event", "Alert fired").await;
    button(&c, "Add timeline row").await.click().await.unwrap();
    eventually("a second row", || async { all_by_label(&c, "Time").await.len() == 2 }).await;
    all_by_label(&c, "Time").await[1].send_keys("10:50").await.unwrap();
    all_by_label(&c, "Event").await[1].send_keys("Fixed").await.unwrap();

    button(&c, "Add rows from a chat log").await.click().await.unwrap();
    set_labelled(&c, "Chat log",
        "[09:30] <ana> queue looks slow\n[10:20] <ben> restarting workers\n[10:30] <ana> brb coffee\n",
    )
    .await;
    eventually("three proposed rows", || async { proposed(&c).await.len() == 3 }).await;
    let marked = c
        .execute(
            "return [...document.querySelectorAll('.chat-rows li')].map(li => li.classList.contains('outside'))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(marked, json!([true, false, false]), "the row before the window is marked");
    assert_eq!(
        by_label(&c, "Date of the conversation").await.prop("value").await.unwrap().as_deref(),
        Some("2024-03-04")
    );
    // Unticking a row changes the count; ticking it again brings it back;
    // the row left unticked is not added.
    let boxes =
        c.find_all(fantoccini::Locator::Css(".chat-rows input[type=checkbox]")).await.unwrap();
    boxes[1].click().await.unwrap();
    button(&c, "Add 2 rows").await;
    boxes[1].click().await.unwrap();
    button(&c, "Add 3 rows").await;
    boxes[2].click().await.unwrap();
    button(&c, "Add 2 rows").await.click().await.unwrap();
    let times = ["2024-03-04 09:30", "10:05", "2024-03-04 10:20", "10:50"];
    eventually("the rows in time order", || async { values(&c, "Time").await == times }).await;
    assert_eq!(
        values(&c, "Event").await,
        ["ana: queue looks slow", "Alert fired", "ben: restarting workers", "Fixed"]
    );
    let want = json!([
        ["2024-03-04 09:30", "ana: queue looks slow"],
        ["10:05", "Alert fired"],
        ["2024-03-04 10:20", "ben: restarting workers"],
        ["10:50", "Fixed"]
    ]);
    eventually("the rows in the preview, in time order", || async {
        let got = preview_rows(&c).await;
        if got != want {
            eprintln!("preview: {got}");
        }
        got == want
    })
    .await;
    let form = by_label(&c, "Postmortem").await.text().await.unwrap();
    assert!(form.contains("Outside the outage window"), "{form}");
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_named_zone_shows_its_abbreviation_and_offset_and_pst_in_july_gets_a_finding() {
    let (_host, _driver, c, _profile) = start().await;
    set_labelled(&c, "Time zone", "America/Los_Angeles").await;
    // Around the change of 10 March 2024, and in summer and winter.
    for (start, header) in [
        ("2024-03-09 12:00", "Time (PST, UTC\u{2212}8)"),
        ("2024-03-11 12:00", "Time (PDT, UTC\u{2212}7)"),
        ("2024-07-15 14:00", "Time (PDT, UTC\u{2212}7)"),
        ("2024-01-15 14:00", "Time (PST, UTC\u{2212}8)"),
    ] {
        set_labelled(&c, "Outage start", start).await;
        eventually(&format!("the header {header:?} for {start}"), || async {
            preview_time_header(&c).await == header
        })
        .await;
    }
    set_labelled(&c, "Time zone", "Europe/Berlin").await;
    for (start, header) in
        [("2024-03-30 12:00", "Time (CET, UTC+1)"), ("2024-03-31 12:00", "Time (CEST, UTC+2)")]
    {
        set_labelled(&c, "Outage start", start).await;
        eventually(&format!("the header {header:?} for {start}"), || async {
            preview_time_header(&c).await == header
        })
        .await;
    }
    set_labelled(&c, "Outage start", "2024-07-15 14:00").await;
    set_labelled(&c, "Time zone", "PST").await;
    let said = "PST is not in use on 2024-07-15: US Pacific time is on PDT (UTC\u{2212}7) then.";
    eventually("the finding for PST in July", || async {
        by_label(&c, "Postmortem").await.text().await.unwrap_or_default().contains(said)
    })
    .await;
    set_labelled(&c, "Time zone", "PDT").await;
    eventually("no finding for PDT in July", || async {
        !by_label(&c, "Postmortem")
            .await
            .text()
            .await
            .unwrap_or_default()
            .contains("is not in use on")
    })
    .await;
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}
