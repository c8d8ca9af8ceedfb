//! The page: leptos components that bind the pure core to the DOM. They
//! hold no logic of their own beyond wiring: what to show comes from
//! `export`, `render` and `validate`; what to keep, from `drafts`.

pub mod chat;
pub mod drafts;
pub mod drafts_panel;
pub mod editor_slot;
pub mod findings;
pub mod form;
pub mod import;
pub mod keyed_list;
pub mod output;
pub mod preview;
pub mod schedule;
pub mod share;
pub mod state;
pub mod theme;
pub mod timeline;

use std::sync::{Arc, Mutex};

use leptos::ev;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

use crate::export;
use crate::model::Document;
use crate::validate::{self, Finding};
use drafts::{Drafts, OpenEditor, SaveState};
use drafts_panel::DraftsPanel;
use editor_slot::editor_slot;
use findings::FindingsPanel;
use form::{MeasuresSection, MetaSection, OptionalSections, RootCauseSection, SummarySection};
use import::{ImportDialog, ImportReport};
use output::OutputButtons;
use preview::{Derived, Preview};
use share::{ShareButton, Shared, SharedView};
use state::EditorState;
use theme::ThemeSwitch;
use timeline::TimelineSection;

/// How long typing must pause before the findings list is brought up to
/// date. The messages beside each field are immediate; the full list waits
/// so that typing never pays for checking the whole document.
const FINDINGS_DELAY_MS: u64 = 300;

#[component]
pub fn App() -> impl IntoView {
    let drafts = Drafts::load();
    let (raw_view, set_raw_view) = signal(false);
    // The Markdown view's "Public version": what Copy, Download and Share give.
    let public_version = RwSignal::new(false);
    let panel = RwSignal::new(false);
    let report = RwSignal::new(None::<import::Report>);
    // A share link opened here is shown instead of the editor.
    let shared = RwSignal::new(None::<Shared>);
    share::read_link(shared);

    // A pending save is written when the tab is hidden or closed.
    let flush = move || {
        if drafts.unsaved() {
            drafts.save_now();
        }
    };
    let on_hide = window_event_listener(ev::pagehide, move |_| flush());
    let on_visibility = window_event_listener(ev::visibilitychange, move |_| {
        if document().hidden() {
            flush();
        }
    });
    // Another tab saved, deleted or restored drafts.
    let on_storage = window_event_listener(ev::storage, move |ev| drafts.heard(ev.key()));
    // A share link pasted into this tab's address bar.
    let on_hash = window_event_listener(ev::hashchange, move |_| share::read_link(shared));
    on_cleanup(move || {
        on_hide.remove();
        on_visibility.remove();
        on_storage.remove();
        on_hash.remove();
    });

    view! {
        <header class="bar">
            <h1>"Postmortem editor"</h1>
            <button type="button" aria-expanded=move || panel.get().to_string()
                on:click=move |_| panel.update(|p| *p = !*p)>"Drafts"</button>
            <ImportDialog drafts report/>
            <span class="spacer"></span>
            <SaveStatus drafts/>
            <OutputButtons drafts show_raw=set_raw_view public_version=public_version.into()/>
            <ShareButton drafts public_version=public_version.into()/>
            <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
            <ThemeSwitch/>
        </header>
        // Messages stay in view wherever the page is scrolled.
        <div class="alerts">
            <Notices drafts/>
            <ImportReport report/>
        </div>
        {move || panel.get().then(|| view! { <DraftsPanel drafts shown=panel/> })}
        <SharedView drafts shared/>
        {leptos::html::div().attr("class", "editor-slot").directive(
            editor_slot(
                // Nothing is edited, so nothing is saved, while a shared
                // postmortem is shown.
                move || (!shared.with(Option::is_some)).then(|| drafts.open.get()),
                move |(_, doc)| view! { <Editor drafts doc raw_view set_raw_view public_version/> }.into_any(),
            ),
            (),
        )}
    }
}

#[component]
fn SaveStatus(drafts: Drafts) -> impl IntoView {
    view! {
        <span class="save-status" role="status">
            {move || match drafts.status.get() {
                SaveState::Saved if drafts.brief.get().is_some() => drafts.brief.get().unwrap_or_default(),
                SaveState::Saved => "Saved".to_string(),
                SaveState::Pending => "Saving…".to_string(),
                SaveState::Failed(_) => "Not saved".to_string(),
            }}
        </span>
    }
}

#[component]
fn Notices(drafts: Drafts) -> impl IntoView {
    view! {
        {move || match drafts.status.get() {
            SaveState::Failed(why) => Some(view! { <p class="notice error" role="alert">{why}</p> }),
            _ => None,
        }}
        {move || {
            drafts
                .notices
                .get()
                .into_iter()
                .map(|n| {
                    // Removed by its text, not by a place in the list that
                    // may have changed since this was drawn.
                    let text = n.clone();
                    view! {
                        <p class="notice" role="alert">
                            {n}
                            " "
                            <button type="button" on:click=move |_| {
                                drafts.notices.update(|v| v.retain(|m| *m != text))
                            }>"Dismiss"</button>
                        </p>
                    }
                })
                .collect_view()
        }}
    }
}

#[component]
fn Editor(
    drafts: Drafts,
    doc: Document,
    raw_view: ReadSignal<bool>,
    set_raw_view: WriteSignal<bool>,
    public_version: RwSignal<bool>,
) -> impl IntoView {
    let state = EditorState::new(&doc);
    drafts.hand_over(OpenEditor {
        document: Callback::new(move |()| state.snapshot()),
        edits: state.revision.into(),
        retitle: Callback::new(move |title| state.title.set(title)),
    });
    let derived = Derived::new(state);

    // Autosave: every change schedules one. (Compared with the revision
    // the editor opened at, not "not the first run": edits can come before
    // this effect first runs.)
    Effect::new(move |_| {
        if state.revision.get() > 0 {
            drafts.changed();
        }
    });

    // The findings list, brought up to date once typing pauses: each change
    // restarts the wait, so a long document is not re-checked whole while
    // someone types (the messages beside the fields are immediate).
    let all = RwSignal::new(validate::validate(&doc));
    // The wait is plain Rust state, not reactive: it must outlive this
    // editor to be cancelled when another draft replaces it (reading the
    // replaced editor's fields would panic).
    let pending: Arc<Mutex<Option<TimeoutHandle>>> = Arc::default();
    let cancel = {
        let pending = Arc::clone(&pending);
        move || {
            if let Some(handle) = pending.lock().ok().and_then(|mut p| p.take()) {
                handle.clear();
            }
        }
    };
    on_cleanup(cancel.clone());
    Effect::new(move |_| {
        if state.revision.get() == 0 {
            return;
        }
        cancel();
        let handle = set_timeout_with_handle(
            move || all.set(validate::validate(&state.snapshot())),
            std::time::Duration::from_millis(FINDINGS_DELAY_MS),
        );
        if let Ok(mut p) = pending.lock() {
            *p = handle.ok();
        }
    });

    // The summary's and title's own messages, as they are typed.
    let form_findings = Memo::new(move |_| {
        let clock = derived.clock.read();
        let summary = state.summary();
        let mut f: Vec<Finding> = validate::summary_findings(&summary, &clock);
        f.extend(validate::root_cause_missing(&summary.root_cause, &state.root_cause.read()));
        f.extend(validate::text_findings(validate::Field::Title, &state.title.read()));
        f
    });
    let form_findings = Signal::derive(move || form_findings.get());

    view! {
        <main class="editor">
            <div class="form-column">
                <FindingsPanel findings=all.into() draw_all=Callback::new(move |()| state.draw_every_row())/>
                <form class="form" aria-label="Postmortem" on:submit=|ev| ev.prevent_default()>
                    <MetaSection state findings=form_findings/>
                    <SummarySection state derived findings=form_findings/>
                    <TimelineSection state derived/>
                    <RootCauseSection state/>
                    <OptionalSections state/>
                    <MeasuresSection state derived/>
                </form>
            </div>
            <div class="preview-column">
                <div class="tabs" role="group" aria-label="View">
                    <button type="button" aria-pressed=move || (!raw_view.get()).to_string()
                        on:click=move |_| set_raw_view.set(false)>"Preview"</button>
                    <button type="button" aria-pressed=move || raw_view.get().to_string()
                        on:click=move |_| set_raw_view.set(true)>"Markdown"</button>
                    <label class="public-switch" class:hidden=move || !raw_view.get()
                        title="Leaves out the rows, tasks and sections marked Internal, in this view and in Copy, Download and Share">
                        <input type="checkbox" aria-label="Public version" prop:checked=move || public_version.get()
                            on:change:target=move |ev| public_version.set(ev.target().checked())/>
                        "Public version"
                    </label>
                </div>
                {preview(state, derived, raw_view, public_version.into())}
                // Made whole while it is shown: the public version is read, not typed into.
                {move || (raw_view.get() && public_version.get()).then(|| view! {
                    <pre class="raw-markdown public" aria-label="Markdown, public version" role="region" tabindex="0">
                        {move || export::to_markdown(&state.document().public_version())}
                    </pre>
                })}
            </div>
        </main>
    }
}

fn preview(
    state: EditorState,
    derived: Derived,
    raw_view: ReadSignal<bool>,
    public_version: Signal<bool>,
) -> AnyView {
    // `?preview=whole` selects the benchmark's yardstick, in builds for it.
    #[cfg(feature = "bench")]
    if web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("preview=whole"))
    {
        return view! { <preview::WholePreview state raw_view public_version/> }.into_any();
    }
    view! { <Preview state derived raw_view public_version/> }.into_any()
}
