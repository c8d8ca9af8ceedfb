//! Import on the page: paste Markdown into a dialog, choose a .md file, or
//! drop one anywhere on the page. It always opens as a new draft, so
//! nothing existing is overwritten, and what the importer noticed is
//! listed for the person to act on.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::import::{self, ImportFinding};
use crate::ui::drafts::Drafts;

/// Files larger than this are refused with a message, not read.
const MAX_FILE_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// What the last import found, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub source: String,
    pub rows: usize,
    pub findings: Vec<ImportFinding>,
}

/// Imports `text` as a new draft and reports on it.
pub fn import_text(drafts: Drafts, report: RwSignal<Option<Report>>, source: String, text: &str) {
    let imported = import::import(text);
    report.set(Some(Report {
        source,
        rows: imported.doc.timeline.len(),
        findings: imported.findings,
    }));
    drafts.create(imported.doc);
}

/// Reads a dropped or chosen file, then imports it.
fn import_file(drafts: Drafts, report: RwSignal<Option<Report>>, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        drafts.notices.update(|n| {
            n.push(format!("\u{201c}{name}\u{201d} is larger than 5 MB, so it was not imported."))
        });
        return;
    }
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => {
                let text = text.as_string().unwrap_or_default();
                import_text(drafts, report, name, &text);
            }
            Err(_) => drafts.notices.update(|n| {
                n.push(format!("\u{201c}{name}\u{201d} could not be read, so it was not imported."))
            }),
        }
    });
}

#[component]
pub fn ImportDialog(drafts: Drafts, report: RwSignal<Option<Report>>) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let pasted = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    let open = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let from_paste = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        close();
        pasted.set(String::new());
        import_text(drafts, report, "pasted Markdown".into(), &text);
    };
    let from_file = move |ev: ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(input) = input else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            close();
            import_file(drafts, report, file);
        }
        input.set_value("");
    };

    // A file dropped anywhere on the page is imported.
    let has_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer()
            .is_some_and(|d| d.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
    };
    let over = window_event_listener(ev::dragover, move |ev| {
        if has_files(&ev) {
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(ev::dragleave, move |ev| {
        // Leaving the window (not just moving between elements) has no target.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |ev| {
        dragging.set(false);
        let file = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0));
        if let Some(file) = file {
            ev.prevent_default();
            import_file(drafts, report, file);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });

    view! {
        <button type="button" on:click=open>"Import Markdown"</button>
        <dialog node_ref=dialog class="import-dialog" aria-labelledby="import-title">
            <form method="dialog" on:submit=|ev| ev.prevent_default()>
                <h2 id="import-title">"Import Markdown"</h2>
                <p class="hint">
                    "A postmortem written by hand or by this editor becomes a new draft; the
                    draft you have open stays as it is."
                </p>
                <label for="import-text">"Paste Markdown"</label>
                <textarea id="import-text" rows="12" prop:value=move || pasted.get()
                    on:input:target=move |ev| pasted.set(ev.target().value())></textarea>
                <div class="toolbar">
                    <button type="button" on:click=from_paste
                        disabled=move || pasted.with(|t| t.trim().is_empty())>"Import pasted text"</button>
                    <label class="file-button" for="import-file">"…or choose a .md file"</label>
                    <input id="import-file" type="file" accept=".md,.markdown,.txt,text/markdown,text/plain"
                        on:change=from_file/>
                    <span class="spacer"></span>
                    <button type="button" on:click=move |_| close()>"Cancel"</button>
                </div>
                <p class="hint">"You can also drop a .md file anywhere on the page."</p>
            </form>
        </dialog>
        {move || dragging.get().then(|| view! {
            <div class="drop-overlay" aria-hidden="true">"Drop the .md file to import it as a new draft"</div>
        })}
    }
}

/// What the importer noticed in the last import, each with its line.
#[component]
pub fn ImportReport(report: RwSignal<Option<Report>>) -> impl IntoView {
    move || {
        report.get().map(|r| {
            let summary = format!(
                "Imported {} as a new draft, with {} timeline {}.",
                r.source,
                r.rows,
                if r.rows == 1 { "row" } else { "rows" }
            );
            view! {
                <section class="import-report" aria-label="Import notes" role="status">
                    <p>
                        {summary}
                        " "
                        <button type="button" on:click=move |_| report.set(None)>"Dismiss"</button>
                    </p>
                    {(!r.findings.is_empty()).then(|| view! {
                        <ul>
                            {r.findings
                                .into_iter()
                                .map(|f| view! { <li>{format!("Line {}: {}", f.line, f.message)}</li> })
                                .collect_view()}
                        </ul>
                    })}
                </section>
            }
        })
    }
}
