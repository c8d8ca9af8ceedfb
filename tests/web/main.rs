//! In-browser tests (wasm-bindgen-test in headless Chromium): the app
//! mounts, reacts to input events as typing fires them, keeps drafts in the
//! browser's own localStorage, shows hostile input as text, and its
//! block-by-block preview always equals the whole document's rendering.
#![cfg(target_arch = "wasm32")]

#[path = "../support/html_safety.rs"]
mod html_safety;
#[path = "../support/xss_payloads.rs"]
mod xss_payloads;

mod drafts_and_tabs;
mod editing;
mod preview_equals_whole;
mod safety;

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use postmortem::drafts::{self, KeyValue};
use postmortem::model::{Document, Tag};
use postmortem::storage::Store;
use postmortem::ui::preview::{Derived, Preview};
use postmortem::ui::state::EditorState;
use postmortem::{export, render};
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
        let text = l.text_content().unwrap_or_default();
        if text.trim() == label || text.trim().strip_suffix(" (Markdown)") == Some(label) {
            let id = l.get_attribute("for").expect("label without for");
            return document().get_element_by_id(&id).unwrap().unchecked_into();
        }
    }
    panic!("no field labelled {label:?}");
}

/// The elements with this accessible name that a user can reach: not those
/// of an editor another draft replaced, inert until it is taken apart.
fn all_named(name: &str) -> Vec<HtmlElement> {
    let list = document().query_selector_all(&format!("[aria-label='{name}']")).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<HtmlElement>())
        .filter(|el| el.closest("[inert]").ok().flatten().is_none())
        .collect()
}

/// The button, once it is on the page.
async fn await_button(text: &str) -> HtmlElement {
    wait_until(text, || find_button(text).is_some()).await;
    button(text)
}

fn find_button(text: &str) -> Option<HtmlElement> {
    let list = document().query_selector_all("button").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into::<HtmlElement>()).find(|b| {
        b.text_content().unwrap_or_default().trim() == text
            || b.get_attribute("aria-label").as_deref() == Some(text)
    })
}

fn button(text: &str) -> HtmlElement {
    find_button(text).unwrap_or_else(|| panic!("no button {text:?}"))
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

/// Whether the page's text says `what`, wherever it is.
fn page_says(what: &str) -> bool {
    document().body().unwrap().text_content().unwrap_or_default().contains(what)
}

fn preview() -> web_sys::Element {
    document().query_selector("[aria-label=Preview]").unwrap().unwrap()
}

/// HTML as the browser serialises it, to compare two renderings.
fn normalised(html: &str) -> String {
    let div = document().create_element("div").unwrap();
    div.set_inner_html(html);
    div.inner_html()
}

fn clear_storage() {
    let (mut store, _) = Store::open();
    for k in store.keys() {
        store.remove(&k);
    }
}

fn host() -> HtmlElement {
    if let Some(old) = document().get_element_by_id("app-under-test") {
        old.remove();
    }
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    host.set_id("app-under-test");
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// Mounts the whole app on whatever localStorage holds.
fn mount_app() {
    leptos::mount::mount_to(host(), postmortem::ui::App).forget();
}

fn press(el: &HtmlElement, key: &str, alt: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_alt_key(alt);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn value(el: &HtmlElement) -> String {
    el.unchecked_ref::<HtmlInputElement>().value()
}

fn focused() -> web_sys::Element {
    document().active_element().unwrap()
}

/// The text of what a field's aria-describedby points at: its messages.
fn described(el: &HtmlElement) -> String {
    el.get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|id| document().get_element_by_id(id))
        .map(|e| e.text_content().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The element with this accessible name, if it is on the page.
fn find_region(name: &str) -> Option<web_sys::Element> {
    document().query_selector(&format!("[aria-label='{name}']")).unwrap()
}

fn region(name: &str) -> web_sys::Element {
    find_region(name).unwrap_or_else(|| panic!("no region {name:?}"))
}

/// Runs a line of JavaScript in the page.
fn js(code: &str) {
    js_sys::Function::new_no_args(code).call0(&wasm_bindgen::JsValue::NULL).unwrap();
}
