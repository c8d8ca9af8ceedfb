//! The live preview, patched block by block.
//!
//! Swapping the whole preview's HTML on each keystroke costs a full layout
//! of the page (tens of milliseconds at a few hundred timeline rows). Here
//! each block of the document (see `doc_blocks::Key`) has its own Markdown,
//! rendered HTML and DOM nodes, recomputed only when the fields it reads
//! change: typing in one timeline row re-renders that row's `<tr>` and
//! nothing else. The page's HTML is still exactly pulldown-cmark's
//! rendering of the whole exported Markdown (tests/web/preview_equals_whole.rs checks it after
//! random edits); the same Markdown blocks, joined, are the raw view.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use rustc_hash::FxHashSet as HashSet;
use wasm_bindgen::JsCast;

use crate::doc_blocks::Key;
use crate::export::{self, Figures};
use crate::model::Item;
use crate::render;
use crate::timeline::Clock;
use crate::ui::state::EditorState;

mod page;

#[cfg(feature = "bench")]
use page::count_patch;
use page::{document, new_page, queue, Later, Page, Placed};

type Source = Box<dyn Fn() -> String + Send + Sync>;

/// Values several blocks derive from many fields, computed once.
#[derive(Clone, Copy)]
pub struct Derived {
    /// A signal set when the clock changes, not a memo: a memo reading the
    /// rows would have every row's checks and every preview block that
    /// reads the clock looked at again on each row added, removed or moved,
    /// though the clock itself almost never changes then.
    pub clock: ReadSignal<Clock>,
    pub figures: Memo<Figures>,
}

impl Derived {
    pub fn new(state: EditorState) -> Derived {
        let read_clock = move || state.clock();
        let (clock, set_clock) = signal(untrack(read_clock));
        Effect::new(move |_| {
            let new = read_clock();
            if clock.with_untracked(|c| *c != new) {
                set_clock.set(new);
            }
        });
        let figures = Memo::new(move |_| {
            let clock = clock.get();
            // Only tagged rows count, so typing in other rows costs nothing here.
            let tagged: Vec<_> = state.rows.with(|rows| {
                rows.iter()
                    .filter_map(|r| {
                        let tag = r.tag.get();
                        matches!(
                            tag,
                            Some(crate::model::Tag::Detection | crate::model::Tag::Resolution)
                        )
                        .then(|| (tag, clock.row(&r.time.get())))
                    })
                    .collect()
            });
            Figures::new(&clock, tagged)
        });
        Derived { clock, figures }
    }
}

/// The Markdown of one block, read from the fields it depends on (the
/// same functions `export::blocks` uses, so the two cannot drift apart).
fn source(state: EditorState, derived: Derived, key: Key) -> Option<Source> {
    let s = state;
    Some(match key {
        Key::FrontMatter => Box::new(move || export::front_matter(&s.front_matter.read())),
        Key::Title => Box::new(move || export::title(&s.title.read())),
        Key::Meta => Box::new(move || export::meta(s.status.get(), &s.authors.read())),
        Key::Intro => Box::new(move || export::intro(&s.intro.read())),
        Key::Summary => Box::new(move || {
            export::summary(&s.headings.read().summary, &s.summary(), &derived.figures.get())
        }),
        Key::TimelineHead => Box::new(move || {
            export::timeline_head(&s.headings.read().timeline, &s.timeline_notes.read())
        }),
        Key::TableHead => {
            Box::new(move || export::table_head(&s.zone.read(), &derived.clock.read()))
        }
        Key::Row(id) => {
            let row = s.rows.with_untracked(|rows| rows.iter().find(|r| r.id == id).copied())?;
            Box::new(move || export::timeline_row(&row.get()))
        }
        Key::RootCause => Box::new(move || {
            let h = s.headings.read();
            export::root_cause(&h.root_cause_and_resolution, &h.root_cause, &s.root_cause.read())
        }),
        Key::Resolution => Box::new(move || {
            export::resolution(&s.headings.read().resolution, &s.resolution.read())
        }),
        Key::Misleading => Box::new(move || {
            let h = s.headings.read();
            let internal = s.misleading.internal.get();
            export::section(&h.misleading, export::MISLEADING, &s.misleading.text.read(), internal)
        }),
        Key::Escalation => Box::new(move || {
            let h = s.headings.read();
            let internal = s.escalation.internal.get();
            export::section(&h.escalation, export::ESCALATION, &s.escalation.text.read(), internal)
        }),
        Key::Lessons => Box::new(move || {
            export::lessons_learned(&s.headings.read(), &s.lessons(), s.lessons_internal.get())
        }),
        Key::Custom(id) => {
            let c = s.custom.with_untracked(|l| l.iter().find(|c| c.id == id).copied())?;
            Box::new(move || {
                let section = c.get();
                export::section(&section.heading, export::NOTES, &section.body, section.internal)
            })
        }
        Key::MeasuresHead => Box::new(move || {
            export::measures_head(&s.headings.read().measures, &s.measures_notes.read())
        }),
        Key::Improvement(id) => {
            let item = s.improvements.with_untracked(|l| l.iter().find(|i| i.id == id).copied())?;
            Box::new(move || {
                let bullet = export::bullet_before(&s.measures_notes.read());
                export::improvement(&Item { id, text: item.text.get() }, bullet)
            })
        }
        Key::TasksHead => Box::new(move || {
            let any = s.tasks.with(|l| export::any_task(l.iter().map(|t| t.get())));
            export::tasks_head(&s.headings.read().tasks, any)
        }),
        Key::Task(id) => {
            let task = s.tasks.with_untracked(|l| l.iter().find(|t| t.id == id).copied())?;
            Box::new(move || export::task_item(&task.get()))
        }
    })
}

/// The preview and the raw Markdown view of `state`.
#[component]
pub fn Preview(
    state: EditorState,
    derived: Derived,
    raw_view: ReadSignal<bool>,
    /// The public version is shown instead of this raw view (see `ui::Editor`).
    public_version: Signal<bool>,
) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    let raw = NodeRef::<html::Pre>::new();
    let layout = Memo::new(move |_| state.layout());
    let parent = Owner::current().unwrap_or_default();
    // Every block's link definitions, in order: prepended when a block is
    // rendered alone, so reference links resolve as in the whole document.
    // A plain signal, set only when some block's definitions change: a memo
    // over every block would make each keystroke walk all of them.
    let all_defs = RwSignal::new(String::new());

    let page: Rc<RefCell<Option<Page>>> = Rc::new(RefCell::new(None));
    let page_for_layout = Rc::clone(&page);
    Effect::new(move |_| {
        let keys = layout.get();
        let (Some(root), Some(raw)) = (root.get(), raw.get()) else { return };
        let Ok(mut slot) = page_for_layout.try_borrow_mut() else { return };
        let page = slot.get_or_insert_with(|| {
            // Arranging knows only what it placed: whatever leptos left in
            // the two elements (a marker comment) goes first.
            root.set_text_content(None);
            raw.set_text_content(None);
            new_page(root.unchecked_into(), raw.unchecked_into())
        });
        // Blocks that went away take their computations with them.
        let wanted: HashSet<Key> = keys.iter().copied().collect();
        let gone: Vec<Key> = page.blocks.keys().filter(|k| !wanted.contains(k)).copied().collect();
        for key in gone {
            if let Some(b) = page.blocks.remove(&key) {
                b.owner.cleanup();
            }
        }
        for &key in &keys {
            if page.blocks.contains_key(&key) {
                continue;
            }
            let Some(src) = source(state, derived, key) else { continue };
            let owner = parent.with(Owner::new);
            let raw_node = document().create_text_node("");
            let page_ref = Rc::clone(&page_for_layout);
            let raw_for_effect = raw_node.clone();
            let defs = owner.with(|| {
                let markdown = Memo::new(move |_| src());
                let defs = Memo::new(move |_| render::definitions(&markdown.read()));
                let html =
                    Memo::new(move |_| render::block_html(key, &markdown.read(), &all_defs.read()));
                Effect::new(move |_| {
                    let html = html.read();
                    let rearrange = page_ref
                        .try_borrow_mut()
                        .is_ok_and(|mut slot| slot.as_mut().is_some_and(|p| p.update(key, &html)));
                    if rearrange {
                        queue(&page_ref, Later::Arrange);
                    }
                });
                Effect::new(move |_| raw_for_effect.set_data(&markdown.read()));
                let page_ref = Rc::clone(&page_for_layout);
                Effect::new(move |_| {
                    defs.track();
                    queue(&page_ref, Later::Definitions(all_defs));
                });
                defs
            });
            page.blocks.insert(
                key,
                Placed { owner, defs, nodes: Vec::new(), generation: 0, raw: raw_node },
            );
        }
        page.order = keys.clone();
        page.arrange();
        drop(slot);
        // Blocks may have moved, and definitions are taken in order.
        queue(&page_for_layout, Later::Definitions(all_defs));
    });

    view! {
        // Focusable, so that a keyboard can scroll them (WCAG 2.1.1).
        <div class="markdown-body" node_ref=root aria-label="Preview" role="region" tabindex="0"
            class:hidden=move || raw_view.get()></div>
        <pre class="raw-markdown" node_ref=raw aria-label="Markdown" role="region" tabindex="0"
            class:hidden=move || !raw_view.get() || public_version.get()></pre>
    }
}

/// The yardstick of the preview benchmark, chosen with `?preview=whole`:
/// the whole document exported, rendered and swapped in on every change,
/// as in-browser Markdown editors do. Only in builds with `bench`.
#[cfg(feature = "bench")]
#[component]
pub fn WholePreview(
    state: EditorState,
    raw_view: ReadSignal<bool>,
    public_version: Signal<bool>,
) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    let markdown = Memo::new(move |_| export::to_markdown(&state.document()));
    Effect::new(move |_| {
        let html = render::to_html(&markdown.read());
        if let Some(root) = root.get() {
            root.set_inner_html(&html);
            count_patch();
        }
    });
    view! {
        <div class="markdown-body" node_ref=root aria-label="Preview" role="region" tabindex="0"
            class:hidden=move || raw_view.get()></div>
        <pre class="raw-markdown" aria-label="Markdown" role="region" tabindex="0"
            class:hidden=move || !raw_view.get() || public_version.get()>{move || markdown.get()}</pre>
    }
}
