//! Takes the README's screenshot: writes a short postmortem into the
//! release build through the form and saves docs/screenshot.png. Needs
//! dist/ and chromedriver, like the end-to-end tests:
//! `trunk build --release && cargo run --example screenshot`.

#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use support::*;

#[tokio::main]
async fn main() {
    let host = host(&dist());
    let url = host.url.clone();
    let driver = chromedriver();
    let (c, _profile) = browser(&driver).await;
    c.goto(&url).await.unwrap();

    let fields = [
        ("Title", "Load balancer sent all traffic to one backend"),
        ("Authors", "A. Lee, R. Ortiz"),
        ("Outage start", "2024-06-01 14:00"),
        ("Outage end", "16:30"),
        ("Time zone", "UTC"),
        ("Impact", "Main web service unreachable; the rest saw slow pages"),
        ("Users affected (%)", "90"),
        ("Root cause, in a sentence or two", "A maintenance change left one backend in the pool"),
    ];
    for (label, text) in fields {
        by_label(&c, label).await.send_keys(text).await.unwrap();
    }
    let rows = [
        ("14:00", "Monitoring alert on 5xx error rate", "Detection"),
        ("14:10", "Rolled back the last deployment; no change", "Misleading path"),
        ("14:05", "Pool size dashboard shows one backend", "Investigation"),
        ("16:30", "Pool restored; error rate back to normal", "Resolution"),
    ];
    for (i, (time, event, tag)) in rows.iter().enumerate() {
        if i > 0 {
            button(&c, "Add timeline row").await.click().await.unwrap();
            eventually("a new row", || async { all_by_label(&c, "Time").await.len() == i + 1 })
                .await;
        }
        all_by_label(&c, "Time").await[i].send_keys(time).await.unwrap();
        all_by_label(&c, "Event").await[i].send_keys(event).await.unwrap();
        all_by_label(&c, "Tag").await[i].select_by_label(tag).await.unwrap();
    }
    c.execute("document.activeElement.blur(); window.scrollTo(0, 0);", vec![]).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let png = c.screenshot().await.unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(root.join("docs/screenshot.png"), png).unwrap();
    c.close().await.unwrap();
    println!("wrote docs/screenshot.png");
}
