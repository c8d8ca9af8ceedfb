//! End-to-end: the release build served from a sub-path on localhost, driven
//! in headless Chromium through WebDriver the way a person uses it.
//!
//! These need a built dist/ and chromedriver, so `cargo test` lists them as
//! ignored; scripts/test builds dist/ and runs them with `--ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;

use support::*;

fn dist() -> PathBuf {
    std::env::var_os("POSTMORTEM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn typed_title_and_row_show_in_the_preview_and_survive_a_reload() {
    let url = serve(&dist());
    let driver = chromedriver();
    let (c, _profile) = browser(&driver).await;
    c.goto(&url).await.unwrap();

    by_label(&c, "Title").await.send_keys("Connection pool exhausted").await.unwrap();
    let time = all_by_label(&c, "Time").await;
    time[0].send_keys("14:05").await.unwrap();
    let event = all_by_label(&c, "Event").await;
    event[0].send_keys("Checkout API latency alert <script>x</script>").await.unwrap();
    button(&c, "Add timeline row").await.click().await.unwrap();
    eventually("a second row", || async { all_by_label(&c, "Time").await.len() == 2 }).await;
    all_by_label(&c, "Time").await[1].send_keys("14:20").await.unwrap();
    all_by_label(&c, "Event").await[1].send_keys("Pool size raised").await.unwrap();

    eventually("the preview shows the title and the row", || async {
        let html = preview_html(&c).await;
        html.contains("<h1>Postmortem: Connection pool exhausted</h1>")
            && html.contains("<td>14:05</td>")
            && html.contains("Checkout API latency alert &lt;script&gt;x&lt;/script&gt;")
            && html.contains("<td>Pool size raised</td>")
    })
    .await;

    c.refresh().await.unwrap();
    eventually("the title comes back after a reload", || async {
        by_label(&c, "Title").await.prop("value").await.ok().flatten().as_deref()
            == Some("Connection pool exhausted")
    })
    .await;
    let event = all_by_label(&c, "Event").await;
    assert_eq!(
        event[0].prop("value").await.unwrap().as_deref(),
        Some("Checkout API latency alert <script>x</script>")
    );
    assert_eq!(event[1].prop("value").await.unwrap().as_deref(), Some("Pool size raised"));
    let html = preview_html(&c).await;
    assert!(html.contains("<td>14:05</td>") && html.contains("<td>14:20</td>"), "{html}");
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn works_under_a_sub_path_with_relative_asset_urls() {
    let url = serve(&dist());
    let driver = chromedriver();
    let (c, _profile) = browser(&driver).await;
    c.goto(&url).await.unwrap();
    // The app only mounts if its script and wasm loaded from under BASE.
    by_label(&c, "Title").await;
    let index = std::fs::read_to_string(dist().join("index.html")).unwrap();
    for attr in ["href=\"/", "src=\"/", "from '/", "from \"/"] {
        assert!(!index.contains(attr), "absolute asset URL ({attr}) in dist/index.html");
    }
    c.close().await.unwrap();
}
