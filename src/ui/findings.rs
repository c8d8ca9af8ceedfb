//! Where findings show: beside their field (`Messages`) and listed in one
//! panel whose entries take you to the field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::editor_slot::shown_element;
use crate::validate::{Field, Finding, Severity};

/// The id of the element a finding is about.
pub fn dom_id(field: Field) -> String {
    match field {
        Field::Title => "title".into(),
        Field::Start => "start".into(),
        Field::End => "end".into(),
        Field::Zone => "zone".into(),
        Field::Impact => "impact".into(),
        Field::Affected => "affected".into(),
        Field::SummaryRootCause => "summary-root-cause".into(),
        Field::RootCause => "root-cause".into(),
        Field::Resolution => "resolution".into(),
        Field::Misleading => "misleading".into(),
        Field::Escalation => "escalation".into(),
        Field::WentWell => "went-well".into(),
        Field::WentWrong => "went-wrong".into(),
        Field::GotLucky => "got-lucky".into(),
        Field::RowTime(id) => format!("row-{id}-time"),
        Field::RowEvent(id) => format!("row-{id}-event"),
        Field::CustomHeading(id) => format!("custom-{id}-heading"),
        Field::CustomBody(id) => format!("custom-{id}-body"),
        Field::Improvement(id) => format!("item-{id}"),
        Field::TaskText(id) => format!("task-{id}-text"),
        Field::TaskOwner(id) => format!("task-{id}-owner"),
        Field::TaskDue(id) => format!("task-{id}-due"),
    }
}

/// The id of the element that holds a field's messages.
pub fn messages_id(field: Field) -> String {
    format!("{}-messages", dom_id(field))
}

/// Focuses an element by id once the current update has reached the DOM.
pub fn focus_later(id: String) {
    request_animation_frame(move || focus_now(&id));
}

pub fn focus_now(id: &str) {
    if let Some(el) = shown_element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.select();
        }
    }
}

/// The messages under one field. Rendered even when empty, so that the
/// field's aria-describedby always points at something.
#[component]
pub fn Messages(field: Field, findings: Signal<Vec<Finding>>) -> impl IntoView {
    view! {
        <div class="messages" id=messages_id(field) aria-live="polite">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .filter(|f| f.field == field)
                    .map(|f| {
                        let class = match f.severity {
                            Severity::Error => "message error",
                            Severity::Warning => "message warning",
                        };
                        view! { <p class=class>{f.message}</p> }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// Whether any finding is about `field`: for `aria-invalid`.
pub fn invalid(findings: Signal<Vec<Finding>>, field: Field) -> impl Fn() -> &'static str {
    move || {
        if findings.with(|f| f.iter().any(|f| f.field == field && f.severity == Severity::Error)) {
            "true"
        } else {
            "false"
        }
    }
}

/// Every finding of the document, each a link to its field. Never blocks
/// anything: export works whatever it lists.
#[component]
pub fn FindingsPanel(
    findings: Signal<Vec<Finding>>,
    /// Draws whatever the editor has not drawn yet (a long timeline's later
    /// rows, in the moment after opening), so that the field is there.
    draw_all: Callback<()>,
) -> impl IntoView {
    let count = move || findings.with(Vec::len);
    view! {
        <details class="findings" aria-label="Findings" open=move || { count() > 0 }>
            <summary>
                {move || match count() {
                    0 => "No findings".to_string(),
                    1 => "1 finding".to_string(),
                    n => format!("{n} findings"),
                }}
            </summary>
            <ul>
                {move || {
                    findings
                        .get()
                        .into_iter()
                        .map(|f| {
                            let id = dom_id(f.field);
                            let class = match f.severity {
                                Severity::Error => "finding error",
                                Severity::Warning => "finding warning",
                            };
                            view! {
                                <li class=class>
                                    <button type="button" class="link" on:click=move |_| {
                                        if shown_element(&id).is_some() {
                                            focus_now(&id);
                                        } else {
                                            draw_all.run(());
                                            focus_later(id.clone());
                                        }
                                    }>
                                        {f.message}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </details>
    }
}
