//! WCAG 2.1 A and AA, as axe-core checks them inside the page, in the
//! states a person spends their time in: the empty editor, an imported
//! postmortem (and its Markdown view), the drafts panel, the import dialog
//! and the chat dialog; and focus never lands under the sticky header.

use std::path::PathBuf;

use fantoccini::Client;
use serde_json::{json, Value};

use super::{assert_no_errors, start};
use crate::support::*;

/// axe-core's script, installed by `scripts/setup --test` (npm).
fn axe_source() -> String {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.tools/node_modules/axe-core/axe.min.js"
    ));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is missing ({e}): run scripts/setup --test", path.display()))
}

/// axe-core's violations of WCAG 2.1 A and AA on the page as it is now,
/// one line per element.
async fn violations(c: &Client) -> Vec<String> {
    let loaded = c.execute("return typeof window.axe", vec![]).await.unwrap();
    if loaded != json!("object") {
        // Run as a script of its own (WebDriver's `execute` bypasses the
        // page's script rules), so that axe sets `window.axe`.
        c.execute(&format!("{};\nwindow.axe = axe; return 1", axe_source()), vec![]).await.unwrap();
    }
    let result = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(r => done(r.violations.flatMap(v => v.nodes.map(n =>
                 `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    match result {
        Value::Array(lines) => lines.iter().map(|l| l.as_str().unwrap_or("").to_string()).collect(),
        other => vec![format!("unexpected result: {other}")],
    }
}

async fn assert_accessible(c: &Client, state: &str) {
    let found = violations(c).await;
    assert!(found.is_empty(), "{state}: {} axe violations:\n{}", found.len(), found.join("\n"));
}

/// The page's background colour, as drawn.
async fn background(c: &Client) -> String {
    let value = c
        .execute("return getComputedStyle(document.documentElement).backgroundColor", vec![])
        .await;
    value.unwrap().as_str().unwrap_or_default().to_string()
}

const DARK: &str = "rgb(13, 17, 23)";
const LIGHT: &str = "rgb(255, 255, 255)";

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn no_wcag_violation_in_the_editor_the_drafts_panel_or_the_dialogs() {
    let (_host, _driver, c, _profile) = start().await;
    // Both schemes, chosen with the switch.
    for theme in ["Light", "Dark"] {
        by_label(&c, "Theme").await.select_by_label(theme).await.unwrap();
        let want = if theme == "Dark" { DARK } else { LIGHT };
        eventually(&format!("the {theme} scheme"), || async { background(&c).await == want }).await;
        check_every_state(&c, theme).await;
        c.refresh().await.unwrap();
        by_label(&c, "Title").await;
        assert_eq!(background(&c).await, want, "the {theme} scheme is remembered");
    }
    if let Some(folder) = super::printing::picture_folder() {
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("dark.png"), c.screenshot().await.unwrap()).unwrap();
    }
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn the_scheme_follows_the_system_until_one_is_chosen() {
    let host = host(&dist());
    let driver = chromedriver();
    let (c, _profile) = browser_with(&driver, &["--force-dark-mode"]).await;
    c.goto(&host.url).await.unwrap();
    by_label(&c, "Title").await;
    assert_eq!(background(&c).await, DARK, "a dark system gives the dark scheme");
    by_label(&c, "Theme").await.select_by_label("Light").await.unwrap();
    eventually("the light scheme", || async { background(&c).await == LIGHT }).await;
    by_label(&c, "Theme").await.select_by_label("System").await.unwrap();
    eventually("the system's again", || async { background(&c).await == DARK }).await;
    assert_accessible(&c, "the dark scheme from the system").await;
    c.close().await.unwrap();
}

async fn check_every_state(c: &Client, theme: &str) {
    assert_accessible(c, &format!("{theme}: the editor")).await;

    // An imported postmortem: tables, task lists, links, images and HTML
    // in the preview, findings in the list.
    let fixture = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fx14-pipe-table-tasks.md"
    ));
    button(c, "Import Markdown").await.click().await.unwrap();
    assert_accessible(c, &format!("{theme}: the import dialog")).await;
    let chooser = by_label(c, "…or choose a .md file").await;
    chooser.send_keys(&fixture.display().to_string()).await.unwrap();
    eventually("the imported postmortem", || async {
        preview_html(c).await.contains("type=\"checkbox\"")
    })
    .await;
    assert_accessible(c, &format!("{theme}: an imported postmortem")).await;

    // Whatever takes focus from below (Shift+Tab, a finding's link) comes
    // into view under the sticky header, not behind it.
    let hidden = c
        .execute(
            "const header = () => document.querySelector('.bar').getBoundingClientRect().bottom;
             const hidden = [];
             for (const el of document.querySelectorAll('.form input, .form textarea, .form select')) {
               window.scrollTo(0, document.documentElement.scrollHeight);
               el.focus();
               // Fields of a closed dialog (the chat log's) take no focus.
               if (document.activeElement !== el) continue;
               const top = el.getBoundingClientRect().top;
               if (top < header() - 0.5) hidden.push(`${el.id || el.getAttribute('aria-label')}: ${top}`);
             }
             return hidden;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(hidden, json!([]), "fields focused under the header");
    let links = c.find_all(fantoccini::Locator::Css(".findings button.link")).await.unwrap();
    assert!(!links.is_empty(), "the imported postmortem has findings");
    for link in links {
        c.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        link.click().await.unwrap();
        let top = c
            .execute(
                "return document.activeElement.getBoundingClientRect().top
                   - document.querySelector('.bar').getBoundingClientRect().bottom",
                vec![],
            )
            .await
            .unwrap();
        assert!(top.as_f64().unwrap() >= -0.5, "a finding's field under the header ({top})");
    }
    c.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();

    button(c, "Markdown").await.click().await.unwrap();
    assert_accessible(c, &format!("{theme}: the Markdown view")).await;
    button(c, "Preview").await.click().await.unwrap();

    button(c, "Drafts").await.click().await.unwrap();
    button(c, "Download all drafts").await;
    assert_accessible(c, &format!("{theme}: the drafts panel")).await;
    button(c, "Close").await.click().await.unwrap();

    // The chat dialog with rows proposed, one of them outside the window.
    set_labelled(c, "Outage start", "2024-03-04 10:00").await;
    set_labelled(c, "Outage end", "11:00").await;
    button(c, "Add rows from a chat log").await.click().await.unwrap();
    set_labelled(
        c,
        "Chat log",
        "[09:30] <ana> queue looks slow\n[10:20] <ben> restarting workers\n",
    )
    .await;
    eventually("rows proposed from the chat log", || async {
        c.find_all(fantoccini::Locator::Css(".chat-rows li.outside"))
            .await
            .is_ok_and(|l| l.len() == 1)
    })
    .await;
    assert_accessible(c, &format!("{theme}: the chat dialog")).await;
    let cancel = "//dialog[contains(@class, 'chat-dialog')]//button[normalize-space(.)='Cancel']";
    wait_for(c, fantoccini::Locator::XPath(cancel)).await.click().await.unwrap();
}
