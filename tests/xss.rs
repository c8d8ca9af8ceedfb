#![cfg(not(target_arch = "wasm32"))]
//! Every payload of `tests/fixtures/xss/payloads.txt`, natively, through the
//! ways text reaches the preview: a one-line field (the title), a timeline
//! cell, a long text (the root cause) and an imported document; each
//! exported, rendered as the whole document and block by block as the
//! preview does, and the HTML checked by `support/html_safety.rs`, which
//! shares no code with the sanitiser. tests/web/safety.rs runs the same payloads
//! in the browser; a failure is easier to read here.

#[path = "support/html_safety.rs"]
mod html_safety;
#[path = "support/xss_payloads.rs"]
mod xss_payloads;

use std::collections::{BTreeMap, HashSet};

use postmortem::model::Document;
use postmortem::{export, import, render};

/// The documents each way makes of a payload.
fn ways(payload: &str) -> Vec<(&'static str, Document)> {
    let mut title = Document::new();
    title.title = payload.to_string();
    let mut cell = Document::new();
    cell.add_row();
    cell.timeline[0].time = "14:05".into();
    cell.timeline[0].event = payload.to_string();
    let mut long = Document::new();
    long.root_cause = payload.to_string();
    let framed = format!(
        "# Postmortem: imported\n\n## Timeline\n- 14:05 UTC: {payload}\n\n## Root cause\n{payload}\n\n## Notes\n\n{payload}\n"
    );
    vec![
        ("title", title),
        ("timeline cell", cell),
        ("root cause", long),
        ("import of the payload alone", import::import(payload).doc),
        ("import of a document around it", import::import(&framed).doc),
    ]
}

#[test]
fn no_payload_gives_html_that_can_run_or_load() {
    let payloads = xss_payloads::payloads();
    let mut failures = Vec::new();
    for p in &payloads {
        // The sanitiser on its own, over pulldown-cmark's HTML of the payload.
        let mut htmls = vec![("the payload rendered as it is", render::to_html(&p.text))];
        for (way, doc) in ways(&p.text) {
            let whole = render::to_html(&export::to_markdown(&doc));
            let blocks = render::assemble(&render::blocks_html(&export::blocks(&doc)));
            htmls.push((way, whole));
            htmls.push((way, blocks));
        }
        for (way, html) in htmls {
            let problems = html_safety::problems(&html);
            if !problems.is_empty() {
                failures.push(format!("line {} ({way}): {problems:?}\n  {html}", p.line));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_payloads_are_many_distinct_and_of_every_kind() {
    let payloads = xss_payloads::payloads();
    let distinct: HashSet<&str> = payloads.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(distinct.len(), payloads.len(), "a payload is written twice");
    assert!(payloads.len() >= 300, "{} payloads", payloads.len());
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &payloads {
        *kinds.entry(p.kind.as_str()).or_default() += 1;
    }
    let names: Vec<&str> = kinds.keys().copied().collect();
    assert_eq!(names, ["clobbering", "dompurify", "generated", "markdown", "mutation", "owasp"]);
    // Escapes read as the characters they stand for.
    assert!(payloads.iter().any(|p| p.text.contains('\n') && p.text.contains("[r]:")));
    assert_eq!(xss_payloads::unescape(r"a\tb\\n\u{2028}\q"), "a\tb\\n\u{2028}\\q");
}

#[test]
fn the_check_finds_what_it_looks_for() {
    for bad in [
        "<script>x</script>",
        "<img src=\"x\" onerror=\"y\" />",
        "<a href=\"java&#9;script:x\">a</a>",
        "<a href=\"javascript&colon;x\">a</a>",
        "<img src=\"mailto:x\" />",
        "<a name=\"cookie\">a</a>",
        "<input type=\"text\" />",
        "<b class=x>",
        "a <!-- b -->",
        "<div style=\"x\">",
        "<IMG>",
    ] {
        assert!(!html_safety::problems(bad).is_empty(), "{bad}");
    }
    for good in [
        "<p>a &lt;b&gt; <a href=\"https://e.org/?a=1&amp;b=2\">x</a></p>",
        "<a href=\"./x:y\">relative</a> <a href=\"mailto:a@b.c\">m</a>",
        "<img src=\"x.png\" alt=\"&quot;\" />",
        "<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"x\" /> t</li>",
        "<a name=\"user-content-top\">top</a>",
    ] {
        assert_eq!(html_safety::problems(good), Vec::<String>::new(), "{good}");
    }
    assert_eq!(html_safety::scheme(" \u{1}Java\tScript:x").as_deref(), Some("javascript"));
    assert_eq!(html_safety::scheme("./a:b"), None);
    assert_eq!(html_safety::scheme("\u{2028}javascript:x"), None, "not stripped, so relative");
}
