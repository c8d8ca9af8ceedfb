//! Share links on the page: *Copy share link* writes the postmortem into a
//! link (see `share`), and a link opened shows its postmortem read-only,
//! with *Save as a new draft*. Opening one never touches a stored draft.

use js_sys::{Array, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::model::Document;
use crate::share::{self, ShareError};
use crate::ui::drafts::Drafts;
use crate::{export, import, render};

// The compression streams (stable in browsers, behind a cfg flag in
// web-sys), bound by hand: the two constructors and their two streams.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// `bytes` through the browser's gzip (de)compression stream.
async fn through(bytes: &[u8], compress: bool) -> Result<Vec<u8>, String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let (readable, writable) = if compress {
        let stream = CompressionStream::new("gzip").map_err(fail)?;
        (stream.readable(), stream.writable())
    } else {
        let stream = DecompressionStream::new("gzip").map_err(fail)?;
        (stream.readable(), stream.writable())
    };
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(fail)?;
    let pair = web_sys::ReadableWritablePair::new(&readable, &writable);
    let out = blob.stream().pipe_through(&pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&out)).map_err(fail)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(fail)?).await.map_err(fail)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The share link of `markdown`: this page's address with the postmortem
/// in its fragment.
pub async fn link(markdown: &str) -> Result<String, String> {
    let compressed = through(markdown.as_bytes(), true).await?;
    let location = web_sys::window().ok_or("no window")?.location();
    let here = location.href().map_err(|_| "no address")?;
    let base = here.split('#').next().unwrap_or(&here);
    Ok(format!("{base}#{}", share::fragment(&compressed)))
}

/// The postmortem of a share link's fragment; `None` if it is not one.
pub async fn open(fragment: &str) -> Option<Result<(String, Document), ShareError>> {
    let compressed = match share::read_fragment(fragment)? {
        Ok(bytes) => bytes,
        Err(e) => return Some(Err(e)),
    };
    let markdown =
        through(&compressed, false).await.ok().and_then(|bytes| String::from_utf8(bytes).ok());
    Some(match markdown {
        Some(markdown) => {
            let doc = import::import(&markdown).doc;
            Ok((markdown, doc))
        }
        None => Err(ShareError::Damaged),
    })
}

/// This page's fragment, with its `#`.
pub fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Takes the fragment off the address without reloading or adding to history.
pub fn forget_fragment() {
    let Some(window) = web_sys::window() else { return };
    let href = window.location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or(&href).to_string();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&base));
    }
}

/// What a share link opened in this tab gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Shared {
    Reading,
    Ready { markdown: String, doc: Box<Document> },
    Refused(String),
}

/// Reads the page's fragment into `shared` when it is a share link.
pub fn read_link(shared: RwSignal<Option<Shared>>) {
    let fragment = current_fragment();
    if share::read_fragment(&fragment).is_none() {
        return;
    }
    shared.set(Some(Shared::Reading));
    leptos::task::spawn_local(async move {
        shared.set(match open(&fragment).await {
            Some(Ok((markdown, doc))) => Some(Shared::Ready { markdown, doc: Box::new(doc) }),
            Some(Err(e)) => Some(Shared::Refused(e.to_string())),
            None => None,
        });
    });
}

/// A shared postmortem, read-only, in place of the editor.
#[component]
pub fn SharedView(drafts: Drafts, shared: RwSignal<Option<Shared>>) -> impl IntoView {
    let leave = move || {
        forget_fragment();
        shared.set(None);
    };
    move || {
        match shared.get() {
        None => ().into_any(),
        Some(Shared::Reading) => {
            view! { <main class="shared"><p role="status">"Opening the shared postmortem…"</p></main> }
                .into_any()
        }
        Some(Shared::Refused(why)) => view! {
            <main class="shared">
                <p class="notice error" role="alert">{why}</p>
                <button type="button" on:click=move |_| leave()>"Open the editor"</button>
            </main>
        }
        .into_any(),
        Some(Shared::Ready { markdown, doc }) => {
            let html = render::to_html(&markdown);
            let title = doc.display_title();
            // Set by hand: the rendered HTML is the element's whole content.
            let body = NodeRef::<leptos::html::Div>::new();
            Effect::new(move |_| {
                if let Some(body) = body.get() {
                    body.set_inner_html(&html);
                }
            });
            let save = move |_| {
                drafts.create((*doc).clone());
                leave();
                drafts.say_briefly("Saved the shared postmortem as a new draft.");
            };
            view! {
                <main class="shared">
                    <div class="shared-bar" role="region" aria-label="Shared postmortem">
                        <p>
                            {format!("\u{201c}{title}\u{201d}, shared with you. It is shown read-only; \
                                      your drafts are not changed.")}
                        </p>
                        <button type="button" on:click=save>"Save as a new draft"</button>
                        <button type="button" on:click=move |_| leave()>"Open the editor"</button>
                    </div>
                    <div class="markdown-body" aria-label="Preview" role="region" tabindex="0"
                        node_ref=body></div>
                </main>
            }
            .into_any()
        }
    }
    }
}

/// *Copy share link*, and the link shown, selected, with its length.
#[component]
pub fn ShareButton(
    drafts: Drafts,
    /// Leave out what is marked internal.
    public_version: Signal<bool>,
) -> impl IntoView {
    let made = RwSignal::new(None::<Result<String, String>>);
    let field = NodeRef::<leptos::html::Input>::new();
    let on_click = move |_| {
        let Some(doc) = drafts.document() else { return };
        let doc = crate::ui::output::document_out(doc, public_version.get_untracked());
        let markdown = export::to_markdown(&doc);
        leptos::task::spawn_local(async move {
            let result = link(&markdown).await;
            if let Ok(url) = &result {
                // Shown and selected whether or not copying works.
                let _ = crate::ui::output::copy(url.clone()).await;
            }
            made.set(Some(result));
            request_animation_frame(move || {
                if let Some(input) = field.get_untracked() {
                    let _ = input.focus();
                    input.select();
                }
            });
        });
    };
    view! {
        <button type="button" on:click=on_click>"Copy share link"</button>
        {move || made.get().map(|result| match result {
            Ok(url) => {
                let length = url.chars().count();
                let long = length > share::LONG_LINK;
                view! {
                    <div class="share-link" role="region" aria-label="Share link panel">
                        <label for="share-link">"Share link"</label>
                        <input id="share-link" type="text" readonly value=url node_ref=field/>
                        <p role="status">
                            {format!("Copied: a link of {length} characters. The postmortem is in the \
                                      link itself, after the #, and is never sent to any server.")}
                            {long.then_some(" Some chat apps cut links this long: if yours does, send the Markdown file instead.")}
                        </p>
                        <button type="button" on:click=move |_| made.set(None)>"Close"</button>
                    </div>
                }
                .into_any()
            }
            Err(why) => view! {
                <p class="notice error" role="alert">{format!("The share link could not be made: {why}")}</p>
            }
            .into_any(),
        })}
    }
}
