//! Hostile input through every way text reaches the preview, checked in
//! the live DOM the browser built.

use super::*;

/// The elements GitHub's sanitiser keeps (html-pipeline's allowlist),
/// written here apart from `src/html/allowlist.rs`, so that a mistake
/// there is not repeated in the check.
const ELEMENTS_GITHUB_KEEPS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "b",
    "i",
    "strong",
    "em",
    "a",
    "pre",
    "code",
    "img",
    "tt",
    "div",
    "ins",
    "del",
    "sup",
    "sub",
    "p",
    "ol",
    "ul",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "kbd",
    "q",
    "samp",
    "var",
    "hr",
    "ruby",
    "rt",
    "rp",
    "li",
    "tr",
    "td",
    "th",
    "s",
    "strike",
    "summary",
    "details",
    "caption",
    "figure",
    "figcaption",
    "abbr",
    "bdo",
    "cite",
    "dfn",
    "mark",
    "small",
    "span",
    "time",
    "wbr",
    "input",
];

/// What in the live preview could run script, load something or clobber
/// a global, read from the DOM the browser built out of the preview's
/// HTML (so as the browser parsed it, not as the sanitiser wrote it).
fn live_dangers(root: &web_sys::Element) -> Vec<String> {
    let mut found = Vec::new();
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let all = root.query_selector_all("*").unwrap();
    for i in 0..all.length() {
        let el: web_sys::Element = all.item(i).unwrap().unchecked_into();
        let name = el.local_name();
        if el.namespace_uri().as_deref() != Some("http://www.w3.org/1999/xhtml") {
            found.push(format!("<{name}> in namespace {:?}", el.namespace_uri()));
        }
        if !ELEMENTS_GITHUB_KEEPS.contains(&name.as_str()) {
            found.push(format!("a <{name}> element, outside the allowlist"));
        }
        if name == "input"
            && !(el.get_attribute("type").as_deref() == Some("checkbox")
                && el.has_attribute("disabled"))
        {
            found.push("an <input> other than a disabled checkbox".into());
        }
        for attribute in el.get_attribute_names().iter().filter_map(|a| a.as_string()) {
            let value = el.get_attribute(&attribute).unwrap_or_default();
            let lower = attribute.to_ascii_lowercase();
            if lower.starts_with("on") {
                found.push(format!("<{name} {attribute}>: an event handler"));
            }
            if html_safety::FORBIDDEN_ATTRIBUTES.contains(&lower.as_str())
                || lower.starts_with("xmlns")
            {
                found.push(format!("<{name} {attribute}>: runs or loads"));
            }
            if matches!(lower.as_str(), "name" | "id") && !value.starts_with("user-content-") {
                found.push(format!("<{name} {attribute}=\"{value}\">: can clobber a global"));
            }
            if html_safety::URL_ATTRIBUTES.contains(&lower.as_str()) {
                // The browser's own URL parser says what the link or load
                // would be; one it cannot parse goes nowhere.
                let Ok(url) = web_sys::Url::new_with_base(&value, &base) else { continue };
                let protocol = url.protocol();
                let kept: &[&str] = if lower == "href" {
                    &[
                        "http:",
                        "https:",
                        "mailto:",
                        "xmpp:",
                        "irc:",
                        "ircs:",
                        "github-windows:",
                        "github-mac:",
                    ]
                } else {
                    &["http:", "https:"]
                };
                if !kept.contains(&protocol.as_str()) {
                    found.push(format!("<{name} {attribute}=\"{value}\">: a {protocol} URL"));
                }
            }
        }
    }
    found
}

/// Whether any payload ran: each sets `window.__xss` if it ever does (a
/// handler, a script, a script URL, or a named element clobbering it).
fn a_payload_ran() -> bool {
    let window = web_sys::window().unwrap();
    !js_sys::Reflect::get(&window, &"__xss".into()).unwrap().is_undefined()
}

/// Checks the preview after `payload` reached it `how`; a handler may run
/// a little later (an image's error comes once its load fails), so a run
/// is blamed on this payload or one just before it.
fn assert_preview_safe(how: &str, line: usize, payload: &str) {
    let root = preview();
    let dangers = live_dangers(&root);
    assert!(
        dangers.is_empty(),
        "payload of line {line} through {how}: {payload:?}\n{dangers:#?}\npreview: {}",
        root.inner_html()
    );
    assert!(
        !a_payload_ran(),
        "window.__xss set after the payload of line {line} (or one just before) through {how}: {payload:?}"
    );
}

/// The live check sees each thing it looks for, as the browser parses it.
#[wasm_bindgen_test]
fn the_live_check_finds_what_it_looks_for() {
    let div = document().create_element("div").unwrap();
    for bad in [
        "<script>x</script>",
        "<img src=\"x.png\" onerror=\"x\">",
        "<a href=\" java\tscript:x\">a</a>",
        "<a href=\"JavaScript&colon;x\">a</a>",
        "<img src=\"data:image/png,x\">",
        "<a href=\"vbscript:x\">a</a>",
        "<div action=\"javascript:x\">a</div>",
        "<svg><a href=\"https://e.org\">x</a></svg>",
        "<img name=\"cookie\">",
        "<p id=\"x\">a</p>",
        "<input type=\"text\">",
        "<span style=\"color: red\">a</span>",
        "<form><b>x</b></form>",
        "<details ontoggle=\"x\">a</details>",
    ] {
        div.set_inner_html(bad);
        assert!(!live_dangers(&div).is_empty(), "{bad}");
    }
    for good in [
        "<p>a &lt;b&gt; <a href=\"https://e.org/?a=1&amp;b=2\">x</a></p>",
        "<a href=\"./x:y\">relative</a> <a href=\"mailto:a@b.c\">m</a> <a href=\"#top\">t</a>",
        "<details><summary>s</summary><img src=\"x.png\" alt=\"i\"></details>",
        "<ul><li><input type=\"checkbox\" disabled=\"\" checked=\"\"> t</li></ul>",
        "<a name=\"user-content-top\">top</a>",
    ] {
        div.set_inner_html(good);
        assert_eq!(live_dangers(&div), Vec::<String>::new(), "{good}");
    }
}

/// Every payload of tests/fixtures/xss/payloads.txt (all of them: each
/// takes a few tens of milliseconds here) through the four ways text
/// reaches the preview on the page: typed into the title, a timeline event
/// and the root cause, and pasted into the import dialog inside a document.
/// The live DOM of the preview is checked after each, not its HTML text.
/// Kept elements such as <details> are fine: they are what GitHub shows.
#[wasm_bindgen_test]
async fn xss_payloads_in_any_way_in_leave_nothing_that_runs_in_the_preview() {
    clear_storage();
    mount_app();
    let payloads = xss_payloads::payloads();
    assert!(payloads.len() >= 300, "{} payloads", payloads.len());
    let started = js_sys::Date::now();
    // One payload at a time, each checked once it is in the preview (the
    // preview updates asynchronously: typing them all first would check
    // only the last ones).
    for (i, p) in payloads.iter().enumerate() {
        // A time of its own says when this round's row is in the preview
        // (a payload may render as nothing, like the one before it); the
        // title and root cause are patched in the same pass.
        let time = format!("{:02}:{:02}", i / 60 % 24, i % 60);
        type_into(&labelled("Title"), &p.text);
        type_into(&all_named("Time")[0], &time);
        type_into(&all_named("Event")[0], &p.text);
        type_into(&labelled("Root cause"), &p.text);
        wait_until("the payload in the preview", || {
            let cells = preview().query_selector_all("td").unwrap();
            (0..cells.length())
                .any(|c| cells.item(c).and_then(|n| n.text_content()).is_some_and(|t| t == time))
        })
        .await;
        settle(20).await;
        assert_preview_safe("the title, a timeline event and the root cause", p.line, &p.text);
    }
    let typed = js_sys::Date::now();
    for (i, p) in payloads.iter().enumerate() {
        // Each import is a new draft; a few hundred would crowd
        // localStorage, and the ones checked are not needed again.
        if i % 100 == 99 {
            clear_storage();
        }
        let title = format!("imported {i}");
        let text = format!(
            "# Postmortem: {title}\n\n## Timeline\n- 14:05 UTC: {0}\n\n## Root cause\n{0}\n\n## Notes\n\n{0}\n",
            p.text
        );
        type_into(&labelled("Paste Markdown"), &text);
        let import = await_button("Import pasted text").await;
        wait_until("the import button enabled", || !import.has_attribute("disabled")).await;
        import.click();
        wait_until("the imported draft open", || value(&labelled("Title")) == title).await;
        let heading = format!("Postmortem: {title}");
        wait_until("the imported draft in the preview", || {
            preview()
                .query_selector("h1")
                .unwrap()
                .is_some_and(|h| h.text_content().unwrap_or_default() == heading)
        })
        .await;
        settle(20).await;
        assert_preview_safe("import of a document", p.line, &p.text);
    }
    // Handlers that run late (an image's error) have had time to.
    settle(1000).await;
    assert!(!a_payload_ran(), "a payload set window.__xss");
    // The app still runs: an edit still reaches the preview.
    type_into(&labelled("Title"), "Still running");
    wait_until("the app still editing", || {
        preview().inner_html().contains("<h1>Postmortem: Still running</h1>")
    })
    .await;
    console_log!(
        "{} payloads: typed in {:.1} s, imported in {:.1} s",
        payloads.len(),
        (typed - started) / 1e3,
        (js_sys::Date::now() - typed) / 1e3
    );
}
