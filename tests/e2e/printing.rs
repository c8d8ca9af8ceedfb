//! Printing (and Save as PDF): the page printed through WebDriver's Print
//! command, the PDF read back with poppler's pdftotext, page by page.

use std::path::Path;
use std::process::Command;

use fantoccini::wd::PrintConfiguration;
use postmortem::{export, sample};

use super::{assert_no_errors, start};
use crate::support::*;

/// The text of each page of a PDF.
fn pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext ({e}): run scripts/setup --test"));
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.split('\u{c}').map(str::to_string).filter(|p| !p.trim().is_empty()).collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// With POSTMORTEM_PICTURES set to a folder, pictures for the README go there.
pub fn picture_folder() -> Option<std::path::PathBuf> {
    std::env::var_os("POSTMORTEM_PICTURES").map(Into::into)
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn printing_gives_the_rendered_postmortem_alone_with_sensible_pages() {
    let (_host, _driver, c, profile) = start().await;
    let doc = sample::document(60);
    paste_import(&c, &export::to_markdown(&doc)).await;
    eventually("the imported postmortem", || async {
        preview_html(&c).await.contains("(step 60)")
    })
    .await;
    // Printed from the Markdown view too, it is the rendered postmortem.
    button(&c, "Markdown").await.click().await.unwrap();
    let pdf = c.print(PrintConfiguration::default()).await.unwrap();
    let file = profile.path().join("printed.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let pages = pages(&file);
    assert!(pages.len() >= 3, "60 rows and the texts take pages: {}", pages.len());
    let all = one_line(&pages.join(" "));
    assert!(all.contains(&doc.title), "the title is printed");
    for control in
        ["Copy Markdown", "Import Markdown", "Outage start", "Add timeline row", "Drafts"]
    {
        assert!(!all.contains(control), "{control:?} is printed");
    }
    // A link is followed by its address.
    assert!(all.contains("runbook (https://example.com/runbook)"), "link addresses");
    // Every row is on one page, and every page with rows repeats the header.
    for row in &doc.timeline {
        let event = row.event.replace('`', "").replace("**", "");
        let event = one_line(&event.replace(
            "[runbook](https://example.com/runbook)",
            "runbook (https://example.com/runbook)",
        ));
        let step = &event[event.rfind("(step ").unwrap()..];
        let on = pages.iter().find(|p| one_line(p).contains(step)).expect("row printed");
        assert!(one_line(on).contains(&event), "row {step} split across pages");
    }
    let with_rows: Vec<&String> = pages.iter().filter(|p| p.contains("(step ")).collect();
    assert!(with_rows.len() >= 2, "the timeline runs over pages");
    for page in with_rows {
        let page = one_line(page);
        assert!(page.contains("Time (UTC) Event"), "no header row on: {page}");
    }
    // No heading is the last thing on a page.
    let headings = ["Issue Summary", "Timeline", "Root Cause and Resolution", "Lessons Learned"];
    for page in &pages[..pages.len() - 1] {
        let last = page.lines().rev().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        assert!(!headings.contains(&last), "a heading alone at the bottom of a page: {last}");
    }
    if let Some(folder) = picture_folder() {
        std::fs::create_dir_all(&folder).unwrap();
        for (page, name) in [("1", "print"), ("2", "print-timeline")] {
            let status = Command::new("pdftoppm")
                .args(["-png", "-r", "50", "-singlefile", "-f", page, "-l", page])
                .arg(&file)
                .arg(folder.join(name))
                .status()
                .unwrap();
            assert!(status.success());
        }
    }
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}
