//! Share links: made in one browser, opened in a fresh profile (read-only,
//! then saved as a new draft), and refused when cut short or too new.

use fantoccini::Client;
use postmortem::{export, import, sample};
use serde_json::json;

use super::{assert_no_errors, normalised, record_errors, start, stored_titles};
use crate::support::*;

async fn alert_text(c: &Client) -> String {
    let text = c
        .execute("return [...document.querySelectorAll('[role=alert]')].map(e => e.textContent).join(' ')", vec![])
        .await
        .unwrap();
    text.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_share_link_opens_read_only_in_a_fresh_browser_and_saves_as_a_new_draft() {
    let (_host, driver, c, _profile) = start().await;
    // A typical postmortem: 30 timeline rows.
    let markdown = export::to_markdown(&sample::document(30));
    let doc = import::import(&markdown).doc;
    let expected = export::to_markdown(&doc);
    paste_import(&c, &markdown).await;
    eventually("the imported postmortem", || async {
        preview_html(&c).await.contains(&format!("<h1>Postmortem: {}</h1>", doc.title))
    })
    .await;
    button(&c, "Copy share link").await.click().await.unwrap();
    let field = by_label(&c, "Share link").await;
    eventually("the link", || async {
        field.prop("value").await.unwrap().unwrap_or_default().contains("#share=1.")
    })
    .await;
    let link = field.prop("value").await.unwrap().unwrap();
    let said = by_label(&c, "Share link panel").await.text().await.unwrap();
    assert!(said.contains(&format!("{} characters", link.chars().count())), "{said}");
    let focused = c.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, json!("share-link"), "the link is shown selected");
    println!(
        "share link of a {}-row postmortem: {} characters ({} bytes of Markdown)",
        doc.timeline.len(),
        link.len(),
        expected.len()
    );
    assert_no_errors(&c).await;

    // A fresh profile: nothing stored, the postmortem shown read-only.
    let (other, _other_profile) = browser(&driver).await;
    other.goto(&link).await.unwrap();
    record_errors(&other).await;
    by_label(&other, "Shared postmortem").await;
    let want = normalised(&other, &postmortem::render::to_html(&expected)).await;
    eventually("the shared postmortem", || async { preview_html(&other).await == want }).await;
    assert!(other.find(fantoccini::Locator::Css("form.form")).await.is_err(), "no form is shown");
    assert_eq!(stored_titles(&other).await, Vec::<String>::new(), "nothing stored by opening");
    button(&other, "Save as a new draft").await.click().await.unwrap();
    eventually("the draft saved", || async { stored_titles(&other).await == [doc.title.clone()] })
        .await;
    let value = by_label(&other, "Title").await.prop("value").await.unwrap();
    assert_eq!(value.as_deref(), Some(doc.title.as_str()), "the editor opens on it");
    let address = other.current_url().await.unwrap();
    assert!(address.fragment().is_none(), "the link's data leaves the address bar: {address}");

    // Cut short, in the same tab (a new fragment only): refused, nothing changed.
    let cut = &link[..link.len() - 40];
    other.goto(cut).await.unwrap();
    eventually("the damaged link refused", || async {
        alert_text(&other).await.contains("damaged or incomplete")
    })
    .await;
    let base = link.split('#').next().unwrap();
    other.goto(&format!("{base}#share=9.AAAA")).await.unwrap();
    eventually("the newer link refused", || async {
        alert_text(&other).await.contains("newer version")
    })
    .await;
    assert_eq!(stored_titles(&other).await, std::slice::from_ref(&doc.title));
    assert_no_errors(&other).await;
    other.close().await.unwrap();
    c.close().await.unwrap();
}
