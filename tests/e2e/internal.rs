//! Public and internal versions: rows, tasks and sections marked Internal
//! come back from the Markdown, and the public version (the Markdown view,
//! and the share link made from it) leaves them out.

use postmortem::export;
use postmortem::model::{CustomSection, Document, Task};
use serde_json::json;

use super::{assert_no_errors, start};
use crate::support::*;

fn document() -> Document {
    let mut d = Document::new();
    d.title = "Checkout outage".into();
    for (time, event, internal) in [
        ("14:00", "Alert fired", false),
        ("14:05", "DBA paged at home", true),
        ("14:30", "Pool restored", false),
    ] {
        let id = d.add_row();
        let row = d.row_mut(id).unwrap();
        (row.time, row.event, row.internal) = (time.into(), event.into(), internal);
    }
    let id = d.fresh_id();
    d.tasks.push(Task {
        id,
        text: "Rotate the vendor key".into(),
        internal: true,
        ..Default::default()
    });
    let id = d.fresh_id();
    d.tasks.push(Task { id, text: "Add a pool-size alert".into(), ..Default::default() });
    let id = d.fresh_id();
    d.custom.push(CustomSection {
        id,
        heading: "Vendor contract".into(),
        body: "Penalty clause.".into(),
        internal: true,
    });
    d
}

async fn text_of(c: &fantoccini::Client, selector: &str) -> String {
    let value = c
        .execute(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''",
            vec![json!(selector)],
        )
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn internal_marks_survive_import_and_the_public_version_leaves_them_out() {
    let (_host, driver, c, _profile) = start().await;
    paste_import(&c, &export::to_markdown(&document())).await;
    eventually("the imported rows", || async { preview_html(&c).await.contains("Pool restored") })
        .await;

    // The marks came back as ticked boxes: row 2, the first task, the section.
    let ticked = c
        .execute(
            "return [...document.querySelectorAll('input[aria-label=Internal]')].map(b => b.checked)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ticked, json!([false, true, false, true, true, false]), "rows, section, tasks");
    // The preview shows everything, and nothing of the marks.
    let preview = preview_html(&c).await;
    assert!(preview.contains("DBA paged at home") && !preview.contains("internal"), "{preview}");

    button(&c, "Markdown").await.click().await.unwrap();
    let full = text_of(&c, "pre.raw-markdown:not(.hidden)").await;
    assert!(full.contains("DBA paged at home <!-- internal -->"), "{full}");
    by_label(&c, "Public version").await.click().await.unwrap();
    eventually("the public version shown", || async {
        let public = text_of(&c, "pre.raw-markdown.public").await;
        public.contains("Pool restored") && !public.contains("DBA paged")
    })
    .await;
    let public = text_of(&c, "pre.raw-markdown.public").await;
    for gone in ["DBA paged", "Rotate the vendor key", "Vendor contract", "internal"] {
        assert!(!public.contains(gone), "{gone} in the public version:\n{public}");
    }
    assert!(public.contains("Add a pool-size alert") && public.contains("Alert fired"), "{public}");

    // Marking the first row internal takes it out of the public view at once.
    all_by_label(&c, "Internal").await[0].click().await.unwrap();
    eventually("the newly marked row gone", || async {
        !text_of(&c, "pre.raw-markdown.public").await.contains("Alert fired")
    })
    .await;

    // The share link follows the switch: opened elsewhere, nothing internal.
    button(&c, "Copy share link").await.click().await.unwrap();
    let field = by_label(&c, "Share link").await;
    eventually("the link", || async {
        field.prop("value").await.unwrap().unwrap_or_default().contains("#share=1.")
    })
    .await;
    let link = field.prop("value").await.unwrap().unwrap();
    assert_no_errors(&c).await;
    let (other, _other_profile) = browser(&driver).await;
    other.goto(&link).await.unwrap();
    by_label(&other, "Shared postmortem").await;
    eventually("the shared postmortem", || async {
        preview_html(&other).await.contains("Pool restored")
    })
    .await;
    let shared = preview_html(&other).await;
    for gone in ["Alert fired", "DBA paged", "Rotate the vendor key", "Vendor contract"] {
        assert!(!shared.contains(gone), "{gone} in the shared public version");
    }
    other.close().await.unwrap();
    c.close().await.unwrap();
}
