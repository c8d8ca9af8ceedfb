//! Every draft to one file, and back: into another browser's empty profile,
//! again (adding nothing), and from files that are not backups.

use fantoccini::Client;
use serde_json::json;

use super::{assert_no_errors, fill_label, record_errors, start, stored_titles};
use crate::support::*;

async fn panel_text(c: &Client) -> String {
    let text = c
        .execute("return document.querySelector('.drafts-panel')?.textContent || ''", vec![])
        .await
        .unwrap();
    text.as_str().unwrap_or_default().to_string()
}

/// What was said about the last restore.
async fn restore_said(c: &Client) -> String {
    let text = c
        .execute("return document.querySelector('.backup .notice')?.textContent || ''", vec![])
        .await
        .unwrap();
    text.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn every_draft_goes_to_one_file_and_back_into_another_browser() {
    let (host, driver, c, profile) = start().await;
    fill_label(&c, "Title", "Disk full").await;
    eventually("the first draft stored", || async { stored_titles(&c).await.len() == 1 }).await;
    button(&c, "Drafts").await.click().await.unwrap();
    button(&c, "New draft").await.click().await.unwrap();
    fill_label(&c, "Title", "DNS outage").await;
    eventually("the second draft stored", || async {
        stored_titles(&c).await == ["DNS outage", "Disk full"]
    })
    .await;
    // A draft this editor cannot read: set aside when the page loads, and
    // carried in the backup byte for byte.
    let broken = "{\"updated\": 1, \"doc\": {\"title\": \"cut";
    c.execute("localStorage.setItem('postmortem/draft/broken', arguments[0])", vec![json!(broken)])
        .await
        .unwrap();
    c.refresh().await.unwrap();
    by_label(&c, "Title").await;
    record_errors(&c).await;

    button(&c, "Drafts").await.click().await.unwrap();
    eventually("the storage state", || async {
        let text = panel_text(&c).await;
        text.contains("The drafts take") && text.contains("this site uses")
    })
    .await;
    let text = panel_text(&c).await;
    assert!(
        text.contains("persistent storage") || text.contains("may clear the drafts"),
        "whether storage is persistent: {text}"
    );
    button(&c, "Download all drafts").await.click().await.unwrap();
    let downloads = profile.path().join("downloads");
    let find = || {
        std::fs::read_dir(&downloads)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
    };
    eventually("the backup file", || async { find().is_some() }).await;
    let file = find().unwrap();
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("postmortem-drafts-") && name.ends_with(".json"), "{name}");
    assert_no_errors(&c).await;

    // Another browser, with nothing stored.
    let (other, other_profile) = browser(&driver).await;
    other.goto(&host.url).await.unwrap();
    by_label(&other, "Title").await;
    record_errors(&other).await;
    button(&other, "Drafts").await.click().await.unwrap();
    let chooser = by_label(&other, "Restore drafts").await;
    chooser.send_keys(&file.display().to_string()).await.unwrap();
    eventually("the restore report", || async {
        restore_said(&other).await.contains("Added 2 drafts")
    })
    .await;
    let said = restore_said(&other).await;
    assert!(said.contains("Disk full") && said.contains("DNS outage"), "{said}");
    assert!(said.contains("Kept 1 draft that this editor cannot open aside"), "{said}");
    // Listed at once, and stored.
    button(&other, "Open Disk full").await;
    button(&other, "Open DNS outage").await;
    assert_eq!(stored_titles(&other).await, ["DNS outage", "Disk full"]);
    let aside = other
        .execute("return localStorage.getItem('postmortem/aside/broken')", vec![])
        .await
        .unwrap();
    assert_eq!(aside, json!(broken), "the set-aside draft, byte for byte");

    // Again: nothing is missing, nothing is added.
    let chooser = by_label(&other, "Restore drafts").await;
    chooser.send_keys(&file.display().to_string()).await.unwrap();
    eventually("the second report", || async {
        restore_said(&other).await.contains("No draft was missing here")
    })
    .await;

    // Files that are not backups change nothing, and say why.
    let not_a_backup = other_profile.path().join("notes.md");
    std::fs::write(&not_a_backup, "# Postmortem: Disk full\n").unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let cut_short = other_profile.path().join("cut.json");
    std::fs::write(&cut_short, &text[..text.len() / 2]).unwrap();
    for (path, why) in [(not_a_backup, "not a backup"), (cut_short, "cut short")] {
        let chooser = by_label(&other, "Restore drafts").await;
        chooser.send_keys(&path.display().to_string()).await.unwrap();
        eventually(&format!("the message for {}", path.display()), || async {
            let said = restore_said(&other).await;
            said.starts_with("Nothing was restored") && said.contains(why)
        })
        .await;
    }
    assert_eq!(stored_titles(&other).await, ["DNS outage", "Disk full"]);
    assert_no_errors(&other).await;
    other.close().await.unwrap();
    c.close().await.unwrap();
}
