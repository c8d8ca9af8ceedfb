//! Keystroke-to-preview benchmark, in headless Chromium, on the release
//! build: for generated postmortems of 100, 300 and 600 timeline rows, the
//! time from the input event on a field (the title, an event cell in the
//! middle of the timeline, a long text) to the preview's DOM being updated
//! and laid out; median and p95 over 5 rounds of 100 keystrokes, each
//! after 10 of warm-up, every round in a fresh browser.
//! The same documents with the whole-document preview (`?preview=whole`,
//! everything re-rendered and swapped on each keystroke) are the yardstick.
//!
//! Run with `scripts/bench` (it builds the release app first).

#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::collections::HashMap;

use fantoccini::Client;
use postmortem::drafts::{self, MemoryStore};
use postmortem::sample;
use serde_json::json;
use support::*;

const SIZES: [usize; 3] = [100, 300, 600];
const KEYSTROKES: usize = 100;
const WARMUP: usize = 10;
const ROUNDS: usize = 5;

/// Types into the field (focused and scrolled into view, as a person would
/// have it), one character a frame, and returns each keystroke's
/// milliseconds from input event to preview laid out.
const MEASURE: &str = r#"
const [selector, count, warmup, shown, done] = arguments;
(async () => {
  const el = document.querySelector(selector);
  const preview = document.querySelector('[aria-label=Preview]');
  // As a person types: the field focused and in view, and the part of the
  // preview it changes in view too, so that it is laid out (rows out of
  // view are skipped by content-visibility).
  new Function('preview', shown)(preview).scrollIntoView({ block: 'center' });
  el.focus();
  el.scrollIntoView({ block: 'center' });
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  for (let i = 0; i < count + warmup; i++) {
    await frame();
    const before = window.postmortemPatches || 0;
    const t0 = performance.now();
    el.value = el.value + (i % 2 ? 'a' : 'b');
    el.dispatchEvent(new Event('input', { bubbles: true }));
    let spins = 0;
    while ((window.postmortemPatches || 0) === before) {
      if (++spins < 10000) await Promise.resolve();
      else await new Promise(r => setTimeout(r, 0));
    }
    void preview.offsetHeight;
    const t1 = performance.now();
    if (i >= warmup) times.push(t1 - t0);
  }
  done(times);
})();
"#;

async fn load(c: &Client, url: &str, rows: usize, whole: bool) -> u64 {
    let doc = sample::document(rows);
    let middle = doc.timeline[rows / 2].id;
    let mut store = MemoryStore::default();
    drafts::save(&mut store, "bench", &doc, 1.0, 0).unwrap();
    drafts::set_current(&mut store, "bench").unwrap();
    c.goto(url).await.unwrap();
    let entries: Vec<_> = store.entries.into_iter().collect();
    c.execute(
        "localStorage.clear(); for (const [k, v] of arguments[0]) localStorage.setItem(k, v);",
        vec![json!(entries)],
    )
    .await
    .unwrap();
    let page = if whole { format!("{url}?preview=whole") } else { url.to_string() };
    c.goto(&page).await.unwrap();
    eventually("the document is in the preview", || async {
        let n = c
            .execute(
                "return document.querySelectorAll('[aria-label=Preview] tbody tr').length",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_u64());
        n == Some(rows as u64)
    })
    .await;
    // Let the first saves and checks settle before measuring.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    middle
}

async fn measure(c: &Client, selector: &str, shown: &str) -> Vec<f64> {
    let v = c
        .execute_async(
            MEASURE,
            vec![json!(selector), json!(KEYSTROKES), json!(WARMUP), json!(shown)],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// Median and p95 of `times`.
fn summary(times: Vec<f64>) -> (f64, f64) {
    median_and(0.95, times)
}

#[tokio::main]
async fn main() {
    let host = host(&dist());
    let url = host.url.clone();
    let driver = chromedriver();
    let mut version = String::new();
    // Every measurement in a browser of its own, and the sizes taken in
    // turn for several rounds: one long-lived browser slows down as it goes
    // (heap, caches), which would make whichever size runs last look worse.
    let mut times: HashMap<(usize, bool, &str), Vec<f64>> = HashMap::new();
    for _ in 0..ROUNDS {
        for rows in SIZES {
            for whole in [false, true] {
                let (c, _profile) = browser(&driver).await;
                let timeouts = fantoccini::wd::TimeoutConfiguration::new(
                    Some(std::time::Duration::from_secs(300)),
                    Some(std::time::Duration::from_secs(60)),
                    None,
                );
                c.update_timeouts(timeouts).await.unwrap();
                if version.is_empty() {
                    version = c
                        .execute("return navigator.userAgent", vec![])
                        .await
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default();
                }
                let middle = load(&c, &url, rows, whole).await;
                for (name, selector, shown) in fields(middle, rows) {
                    let t = measure(&c, &selector, &shown).await;
                    times.entry((rows, whole, name)).or_default().extend(t);
                }
                c.close().await.unwrap();
            }
        }
    }
    println!(
        "Keystroke to preview updated and laid out, ms \
         ({ROUNDS} rounds of {KEYSTROKES} keystrokes, each after {WARMUP} of warm-up)"
    );
    println!("{version}\n");
    println!("| rows | field | block by block median | p95 | whole document median | p95 |");
    println!("| ---: | --- | ---: | ---: | ---: | ---: |");
    for rows in SIZES {
        for (name, _, _) in fields(0, rows) {
            let get = |whole: bool| summary(times[&(rows, whole, name)].clone());
            let (b, w) = (get(false), get(true));
            println!("| {rows} | {name} | {:.2} | {:.2} | {:.2} | {:.2} |", b.0, b.1, w.0, w.1);
        }
    }
}

/// The fields typed into: their names in the table, their selectors, and
/// the body of a JS function of the preview giving what they change in it.
fn fields(middle: u64, rows: usize) -> [(&'static str, String, String); 3] {
    [
        ("title", "#title".to_string(), "return preview.querySelector('h1')".to_string()),
        (
            "event cell, middle row",
            format!("#row-{middle}-event"),
            format!("return preview.querySelectorAll('tbody tr')[{}]", rows / 2),
        ),
        (
            "long text (root cause)",
            "#root-cause".to_string(),
            "return [...preview.querySelectorAll('h3')].find(h => h.textContent === 'Root cause')"
                .to_string(),
        ),
    ]
}
