//! In-browser tests: the components mount in a real page, react to input
//! events as a user's typing fires them, and drafts round-trip through the
//! browser's own localStorage.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use postmortem::drafts::{self, KeyValue};
use postmortem::model::Document;
use postmortem::storage::Store;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets the reactive system and the browser catch up.
async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

async fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = js_sys::Date::now() + Duration::from_secs(10).as_millis() as f64;
    while !cond() {
        assert!(js_sys::Date::now() < deadline, "timed out waiting for {what}");
        settle(10).await;
    }
}

/// The form control whose visible <label> says `label`, as a user finds it.
fn labelled(label: &str) -> HtmlElement {
    let labels = document().query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let l: web_sys::Element = labels.item(i).unwrap().unchecked_into();
        if l.text_content().unwrap_or_default().trim() == label {
            let id = l.get_attribute("for").expect("label without for");
            return document().get_element_by_id(&id).unwrap().unchecked_into();
        }
    }
    panic!("no field labelled {label:?}");
}

fn type_into(el: &HtmlElement, text: &str) {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.set_value(text);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(text);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn preview_html() -> String {
    document().query_selector("[aria-label=Preview]").unwrap().unwrap().inner_html()
}

fn clear_storage() {
    let (mut store, _) = Store::open();
    for k in store.keys() {
        store.remove(&k);
    }
}

fn mount() {
    clear_storage();
    if let Some(old) = document().get_element_by_id("app-under-test") {
        old.remove();
    }
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    host.set_id("app-under-test");
    document().body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host, postmortem::ui::App).forget();
}

#[wasm_bindgen_test]
async fn typing_updates_the_preview_and_the_stored_draft() {
    mount();
    type_into(&labelled("Title"), "Connection pool exhausted");
    wait_until("title in preview", || {
        preview_html().contains("<h1>Postmortem: Connection pool exhausted</h1>")
    })
    .await;

    let time: HtmlElement =
        document().query_selector("[aria-label=Time]").unwrap().unwrap().unchecked_into();
    type_into(&time, "14:05");
    let event: HtmlElement =
        document().query_selector("[aria-label=Event]").unwrap().unwrap().unchecked_into();
    type_into(&event, "Pool <b>saturated</b> | alerts fired");
    wait_until("row in preview", || preview_html().contains("<td>14:05</td>")).await;
    let html = preview_html();
    assert!(html.contains("Pool &lt;b&gt;saturated&lt;/b&gt; | alerts fired"), "{html}");
    assert!(!html.contains("<b>"), "raw HTML must not reach the preview: {html}");

    let (mut store, _) = Store::open();
    wait_until("draft saved", || {
        drafts::load_all(&mut store)
            .drafts
            .first()
            .is_some_and(|d| d.doc.timeline.first().is_some_and(|r| r.time == "14:05"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn adding_and_removing_rows_moves_focus_where_expected() {
    mount();
    let rows = || document().query_selector_all("[aria-label=Event]").unwrap().length();
    assert_eq!(rows(), 1);
    let add: HtmlElement = document()
        .query_selector_all("button")
        .unwrap()
        .values()
        .into_iter()
        .filter_map(|n| n.ok())
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default() == "Add timeline row")
        .expect("an Add timeline row button");
    add.click();
    wait_until("a second row", || rows() == 2).await;
    settle(50).await;
    let focused = document().active_element().unwrap();
    let times = document().query_selector_all("[aria-label=Time]").unwrap();
    assert!(
        times.item(1).unwrap().is_same_node(Some(&focused)),
        "focus goes to the new row's time"
    );
    let remove: HtmlElement = document()
        .query_selector_all("[aria-label='Remove row']")
        .unwrap()
        .item(1)
        .unwrap()
        .unchecked_into();
    remove.click();
    wait_until("one row again", || rows() == 1).await;
}

#[wasm_bindgen_test]
fn drafts_round_trip_through_local_storage() {
    clear_storage();
    let (mut store, unavailable) = Store::open();
    assert!(unavailable.is_none(), "localStorage should be usable here");
    let mut doc = Document::new();
    doc.title = "Stored ✓ with unicode".into();
    doc.add_row();
    drafts::save(&mut store, "t1", &doc, 1.0).unwrap();
    let loaded = drafts::load_all(&mut store);
    assert_eq!(loaded.drafts.len(), 1);
    assert_eq!(loaded.drafts[0].doc, doc);
}

#[wasm_bindgen_test]
fn corrupt_stored_draft_is_set_aside_in_real_storage() {
    clear_storage();
    let (mut store, _) = Store::open();
    store.set(&drafts::draft_key("broken"), "{not json").unwrap();
    let loaded = drafts::load_all(&mut store);
    assert_eq!(loaded.set_aside.len(), 1);
    assert_eq!(store.get(&loaded.set_aside[0].key).as_deref(), Some("{not json"));
}

#[wasm_bindgen_test]
fn a_full_local_storage_is_reported_as_full() {
    clear_storage();
    let (mut store, _) = Store::open();
    // Chromium allows about 5 MB per origin; 12 MB cannot fit.
    let big = "x".repeat(12 * 1024 * 1024);
    assert_eq!(store.set("postmortem/test-big", &big), Err(drafts::SaveError::Full));
    store.remove("postmortem/test-big");
}
