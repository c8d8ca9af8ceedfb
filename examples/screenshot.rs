//! Takes the README's screenshot: fills in a short postmortem in the release
//! build and saves docs/screenshot.png. Needs dist/ and chromedriver, like
//! the end-to-end tests: `trunk build --release && cargo run --example screenshot`.

#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use support::*;

#[tokio::main]
async fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let url = serve(&root.join("dist"));
    let driver = chromedriver();
    let (c, _profile) = browser(&driver).await;
    c.goto(&url).await.unwrap();

    by_label(&c, "Title")
        .await
        .send_keys("Load balancer sent all traffic to one backend")
        .await
        .unwrap();
    by_label(&c, "Issue summary")
        .await
        .send_keys("Main web service unreachable for about **90%** of users for 2 h 30 min.")
        .await
        .unwrap();
    let rows = [
        ("14:00", "Monitoring alert on 5xx error rate"),
        ("14:10", "Rolled back the last deployment; no change"),
        ("15:45", "Found a single backend left in the pool"),
        ("16:30", "Pool restored; error rate back to normal"),
    ];
    for (i, (time, event)) in rows.iter().enumerate() {
        if i > 0 {
            button(&c, "Add timeline row").await.click().await.unwrap();
            eventually("a new row", || async { all_by_label(&c, "Time").await.len() == i + 1 })
                .await;
        }
        all_by_label(&c, "Time").await[i].send_keys(time).await.unwrap();
        all_by_label(&c, "Event").await[i].send_keys(event).await.unwrap();
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let png = c.screenshot().await.unwrap();
    std::fs::write(root.join("docs/screenshot.png"), png).unwrap();
    c.close().await.unwrap();
    println!("wrote docs/screenshot.png");
}
