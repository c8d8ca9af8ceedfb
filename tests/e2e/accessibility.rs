//! WCAG 2.1 A and AA, as axe-core checks them inside the page, in the four
//! states a person spends their time in: the empty editor, an imported
//! postmortem (and its Markdown view), the drafts panel and the import
//! dialog; and focus never lands under the sticky header.

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

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn no_wcag_violation_in_the_editor_the_drafts_panel_or_the_import_dialog() {
    let (_host, _driver, c, _profile) = start().await;
    assert_accessible(&c, "the empty editor").await;

    // An imported postmortem: tables, task lists, links, images and HTML
    // in the preview, findings in the list.
    let fixture = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fx14-pipe-table-tasks.md"
    ));
    button(&c, "Import Markdown").await.click().await.unwrap();
    assert_accessible(&c, "the import dialog").await;
    let chooser = by_label(&c, "…or choose a .md file").await;
    chooser.send_keys(&fixture.display().to_string()).await.unwrap();
    eventually("the imported postmortem", || async {
        preview_html(&c).await.contains("type=\"checkbox\"")
    })
    .await;
    assert_accessible(&c, "an imported postmortem").await;

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

    button(&c, "Markdown").await.click().await.unwrap();
    assert_accessible(&c, "the Markdown view").await;
    button(&c, "Preview").await.click().await.unwrap();

    button(&c, "Drafts").await.click().await.unwrap();
    button(&c, "Download all drafts").await;
    assert_accessible(&c, "the drafts panel").await;
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}
