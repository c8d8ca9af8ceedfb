//! The Markdown out of the page: copied to the clipboard (with a fallback
//! when the browser refuses) or downloaded as a .md file.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::export;
use crate::ui::drafts::Drafts;

/// Copies `text`; says how it went.
pub async fn copy(text: String) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let clipboard = window.navigator().clipboard();
    // The async clipboard API needs a secure context and may be refused.
    if let Ok(promise) = js_sys::Reflect::get(&clipboard, &"writeText".into()) {
        if promise.is_function() {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            if done.is_ok() {
                return Ok(());
            }
        }
    }
    copy_by_selection(&text)
}

/// The older way: select the text in a hidden text area and ask the page to copy.
fn copy_by_selection(text: &str) -> Result<(), String> {
    let document = document();
    let area = document
        .create_element("textarea")
        .map_err(|_| "cannot create a text area")?
        .unchecked_into::<web_sys::HtmlTextAreaElement>();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("style", "position:fixed;top:0;left:0;opacity:0");
    let body = document.body().ok_or("no body")?;
    let _ = body.append_child(&area);
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    let _ = body.remove_child(&area);
    if copied {
        Ok(())
    } else {
        Err("The browser refused to copy.".into())
    }
}

/// Saves `text` as a file named `name`, of type `mime`, through the
/// browser's download.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot make the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "cannot make a link")?;
    let a = document()
        .create_element("a")
        .map_err(|_| "cannot make a link")?
        .unchecked_into::<web_sys::HtmlAnchorElement>();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoked later: revoking at once can cancel the download in some browsers.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Today's date in the browser's time zone, "2024-06-01".
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// The document going out: whole, or without what is marked internal.
pub fn document_out(doc: crate::model::Document, public_version: bool) -> crate::model::Document {
    if public_version {
        doc.public_version()
    } else {
        doc
    }
}

/// "Copy Markdown" and "Download .md", with what happened said aloud.
#[component]
pub fn OutputButtons(
    drafts: Drafts,
    /// Shows the raw Markdown, selected, when copying fails.
    show_raw: WriteSignal<bool>,
    /// Leave out what is marked internal.
    public_version: Signal<bool>,
) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let which = move || if public_version.get_untracked() { " (public version)" } else { "" };
    let on_copy = move |_| {
        let Some(doc) = drafts.document() else { return };
        let md = export::to_markdown(&document_out(doc, public_version.get_untracked()));
        let which = which();
        leptos::task::spawn_local(async move {
            match copy(md).await {
                Ok(()) => said.set(format!("Markdown copied{which}.")),
                Err(why) => {
                    show_raw.set(true);
                    select_raw();
                    said.set(format!(
                        "{why} The Markdown is shown and selected: press Ctrl+C (⌘C) to copy it."
                    ));
                }
            }
        });
    };
    let on_download = move |_| {
        let Some(doc) = drafts.document() else { return };
        let doc = document_out(doc, public_version.get_untracked());
        let name = export::file_name(&doc, &today());
        match download(&name, "text/markdown;charset=utf-8", &export::to_markdown(&doc)) {
            Ok(()) => said.set(format!("Downloading {name}{}.", which())),
            Err(why) => said.set(format!("Download failed: {why}.")),
        }
    };
    view! {
        <button type="button" on:click=on_copy>"Copy Markdown"</button>
        <button type="button" on:click=on_download>"Download .md"</button>
        <span class="said" role="status" aria-live="polite">{move || said.get()}</span>
    }
}

/// Selects the raw Markdown view's text, for copying by hand.
fn select_raw() {
    request_animation_frame(|| {
        let document = document();
        let (Some(raw), Ok(Some(selection))) = (
            document.query_selector("pre.raw-markdown:not(.hidden)").ok().flatten(),
            web_sys::window().map(|w| w.get_selection()).unwrap_or(Ok(None)),
        ) else {
            return;
        };
        let _ = selection.select_all_children(&raw);
    });
}
