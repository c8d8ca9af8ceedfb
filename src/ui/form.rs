//! The form: every section of the document, each input with a visible
//! label, its messages beside it.

use leptos::prelude::*;

use crate::model::{Headings, RowId, Status};
use crate::timeparse::format_duration;
use crate::ui::findings::{dom_id, focus_later, invalid, messages_id, Messages};
use crate::ui::preview::Derived;
use crate::ui::state::{EditorState, Optional, Text};
use crate::validate::{self, Field, Finding};

/// A labelled one-line field.
#[component]
pub fn Line(
    state: EditorState,
    value: Text,
    /// Only for a field that is not checked: a checked one's id is its
    /// `Field`'s (`dom_id`), which findings link to.
    #[prop(optional, into)]
    id: Option<String>,
    label: String,
    #[prop(optional)] placeholder: &'static str,
    /// The field's findings, when it is checked.
    #[prop(optional)]
    checked: Option<(Field, Signal<Vec<Finding>>)>,
) -> impl IntoView {
    let id = checked.map(|(f, _)| dom_id(f)).or(id).unwrap_or_default();
    let placeholder = state.prompt(&id).unwrap_or(placeholder);
    let described = checked.map(|(f, _)| messages_id(f));
    let is_invalid = checked.map(|(f, s)| invalid(s, f));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                placeholder=placeholder
                aria-describedby=described
                aria-invalid=move || is_invalid.as_ref().map(|f| f())
                prop:value=move || value.get()
                on:input:target=move |ev| state.set(value, ev.target().value())
            />
            {checked.map(|(field, findings)| view! { <Messages field findings/> })}
        </div>
    }
}

/// A labelled long text; Markdown.
#[component]
pub fn Long(
    state: EditorState,
    value: Text,
    /// Only for a text that is not checked: a checked one's id is its
    /// `Field`'s (`dom_id`).
    #[prop(optional, into)]
    id: Option<String>,
    label: String,
    #[prop(optional)] placeholder: &'static str,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] field: Option<Field>,
) -> impl IntoView {
    let id = field.map(dom_id).or(id).unwrap_or_default();
    let placeholder = state.prompt(&id).unwrap_or(placeholder);
    // Long texts are checked for merge-conflict markers left in.
    let findings = Signal::derive(move || {
        field.and_then(|f| value.with(|v| validate::text_findings(f, v))).into_iter().collect()
    });
    view! {
        <div class="field">
            <label for=id.clone()>{label} <span class="hint">" (Markdown)"</span></label>
            <textarea
                id=id
                rows=rows
                placeholder=placeholder
                aria-describedby=field.map(messages_id)
                prop:value=move || value.get()
                on:input:target=move |ev| state.set(value, ev.target().value())
            ></textarea>
            {field.map(|field| view! { <Messages field findings/> })}
        </div>
    }
}

/// The author's own heading for a standard section, shown only when there
/// is one (import keeps the words people used).
#[component]
fn WrittenHeading(
    state: EditorState,
    id: &'static str,
    standard: &'static str,
    get: fn(&Headings) -> &String,
    set: fn(&mut Headings) -> &mut String,
) -> impl IntoView {
    let value = move || state.headings.with(|h| get(h).clone());
    move || {
        (!value().is_empty()).then(|| {
            view! {
                <div class="field written-heading">
                    <label for=id>{format!("Heading (instead of \u{201c}{standard}\u{201d})")}</label>
                    <div class="inline">
                        <input
                            id=id
                            type="text"
                            prop:value=value
                            on:input:target=move |ev| {
                                state.headings.update(|h| *set(h) = ev.target().value());
                                state.touch();
                            }
                        />
                        <button
                            type="button"
                            on:click=move |_| {
                                state.headings.update(|h| set(h).clear());
                                state.touch();
                            }
                        >
                            "Use the standard heading"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

#[component]
pub fn MetaSection(state: EditorState, findings: Signal<Vec<Finding>>) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Postmortem"</legend>
            <Line state value=state.title label="Title".into()
                placeholder="Load balancer sent all traffic to one backend"
                checked=(Field::Title, findings)/>
            <div class="row2">
                <Line state value=state.authors id="authors" label="Authors".into()
                    placeholder="A. Lee, R. Ortiz"/>
                <div class="field">
                    <label for="status">"Status"</label>
                    <select
                        id="status"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            if let Some(s) = Status::ALL.into_iter().find(|s| s.label() == v) {
                                state.status.set(s);
                                state.touch();
                            }
                        }
                    >
                        {Status::ALL
                            .into_iter()
                            .map(|s| view! {
                                <option value=s.label() selected=move || state.status.get() == s>
                                    {s.label()}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <Long state value=state.intro id="intro" label="Introduction".into() rows=2
                placeholder="Optional: who wrote this, links, context"/>
            // Only documents that came with front matter show it: it is
            // kept as written for the tools that read it.
            {(!state.front_matter.get_untracked().is_empty()).then(|| view! {
                <Long state value=state.front_matter id="front-matter"
                    label="Front matter (YAML or TOML, kept as written)".into() rows=4/>
            })}
        </fieldset>
    }
}

#[component]
pub fn SummarySection(
    state: EditorState,
    derived: Derived,
    findings: Signal<Vec<Finding>>,
) -> impl IntoView {
    let figures = derived.figures;
    let duration = move || {
        let f = figures.get();
        let show = |d: Option<time::Duration>| d.map(format_duration).unwrap_or_else(|| "–".into());
        format!(
            "Duration {} · time to detect {} · time to resolve {}",
            show(f.duration),
            show(f.detect),
            show(f.resolve)
        )
    };
    view! {
        <fieldset>
            <legend>"Issue summary"</legend>
            <WrittenHeading state id="heading-summary" standard=crate::export::SUMMARY
                get=|h| &h.summary set=|h| &mut h.summary/>
            <div class="row3">
                <Line state value=state.start label="Outage start".into()
                    placeholder="2024-06-01 14:00" checked=(Field::Start, findings)/>
                <Line state value=state.end label="Outage end".into()
                    placeholder="16:30" checked=(Field::End, findings)/>
                <Line state value=state.zone label="Time zone".into()
                    placeholder="UTC" checked=(Field::Zone, findings)/>
            </div>
            <output class="figures" for="start end zone">{duration}</output>
            <div class="row2">
                <Line state value=state.impact label="Impact".into()
                    placeholder="Main web service unreachable; the rest saw slow pages"
                    checked=(Field::Impact, findings)/>
                <Line state value=state.affected label="Users affected (%)".into()
                    placeholder="90" checked=(Field::Affected, findings)/>
            </div>
            <Line state value=state.summary_root_cause
                label="Root cause, in a sentence or two".into()
                placeholder="A maintenance change left one backend in the pool"
                checked=(Field::SummaryRootCause, findings)/>
            <Long state value=state.summary_notes id="summary-notes" label="Summary notes".into()
                rows=2/>
        </fieldset>
    }
}

#[component]
pub fn RootCauseSection(state: EditorState) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Root cause and resolution"</legend>
            <WrittenHeading state id="heading-rca" standard=crate::export::ROOT_CAUSE_AND_RESOLUTION
                get=|h| &h.root_cause_and_resolution set=|h| &mut h.root_cause_and_resolution/>
            <Long state value=state.root_cause label="Root cause".into() rows=5
                field=Field::RootCause/>
            <Long state value=state.resolution label="Resolution".into() rows=4
                field=Field::Resolution/>
        </fieldset>
    }
}

/// The optional sections, present or offered.
#[component]
pub fn OptionalSections(state: EditorState) -> impl IntoView {
    let add_custom = move |_| {
        let id = state.add_custom();
        focus_later(dom_id(Field::CustomHeading(id)));
    };
    view! {
        <OptionalText state part=state.misleading legend="Misleading investigation paths"
            label="What looked like the cause but was not" field=Field::Misleading
            remove="Remove misleading paths"/>
        <OptionalText state part=state.escalation legend="Escalation"
            label="Who was called in, and when" field=Field::Escalation remove="Remove escalation"/>
        {move || state.lessons_on.get().then(|| view! {
            <fieldset>
                <legend>"Lessons learned"</legend>
                <Long state value=state.went_well label="What went well".into()
                    rows=3 field=Field::WentWell/>
                <Long state value=state.went_wrong label="What went wrong".into()
                    rows=3 field=Field::WentWrong/>
                <Long state value=state.got_lucky label="Where we got lucky".into()
                    rows=3 field=Field::GotLucky/>
                <Internal state value=state.lessons_internal/>
                <Remove label="Remove lessons learned" on=move || { state.lessons_on.set(false); state.touch(); }/>
            </fieldset>
        })}
        <For each=move || state.custom.get() key=|c| c.id let:c>
            <fieldset>
                <legend>"Custom section"</legend>
                <Line state value=c.heading id=dom_id(Field::CustomHeading(c.id)) label="Heading".into()
                    placeholder="Customer communication"/>
                <Long state value=c.body label="Text".into()
                    field=Field::CustomBody(c.id)
                    placeholder=state.template
                        .and_then(|t| t.section_prompt(&c.heading.get_untracked()))
                        .unwrap_or_default()/>
                <Internal state value=c.internal/>
                <Remove label="Remove this section" on=move || state.remove_custom(c.id)/>
            </fieldset>
        </For>
        <div class="add-sections" role="group" aria-label="Add a section">
            <span>"Add a section: "</span>
            <button type="button" disabled=move || state.misleading.on.get()
                on:click=move |_| { state.misleading.on.set(true); state.touch(); focus_later(dom_id(Field::Misleading)); }>
                "Misleading paths"
            </button>
            <button type="button" disabled=move || state.escalation.on.get()
                on:click=move |_| { state.escalation.on.set(true); state.touch(); focus_later(dom_id(Field::Escalation)); }>
                "Escalation"
            </button>
            <button type="button" disabled=move || state.lessons_on.get()
                on:click=move |_| { state.lessons_on.set(true); state.touch(); focus_later(dom_id(Field::WentWell)); }>
                "Lessons learned"
            </button>
            <button type="button" on:click=add_custom>"Custom section"</button>
        </div>
    }
}

/// An optional section of one long text, shown while it is on.
#[component]
fn OptionalText(
    state: EditorState,
    part: Optional,
    legend: &'static str,
    label: &'static str,
    field: Field,
    remove: &'static str,
) -> impl IntoView {
    move || {
        part.on.get().then(|| {
            view! {
                <fieldset>
                    <legend>{legend}</legend>
                    <Long state value=part.text label=label.into() field/>
                    <Internal state value=part.internal/>
                    <Remove label=remove on=move || { part.on.set(false); state.touch(); }/>
                </fieldset>
            }
        })
    }
}

/// The "Internal" checkbox of a row, task or section: marked ones are left
/// out of the public version.
#[component]
pub fn Internal(state: EditorState, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="internal" title="For the team only: left out of the public version">
            <input type="checkbox" aria-label="Internal" prop:checked=move || value.get()
                on:change:target=move |ev| { value.set(ev.target().checked()); state.touch(); }/>
            "Internal"
        </label>
    }
}

#[component]
fn Remove(label: &'static str, on: impl Fn() + 'static) -> impl IntoView {
    view! { <button type="button" class="remove" on:click=move |_| on()>{label}</button> }
}

/// Up, down and remove buttons for one entry of a list.
#[component]
pub fn ListControls(
    what: &'static str,
    up: impl Fn() + 'static,
    down: impl Fn() + 'static,
    remove: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <span class="controls">
            <button type="button" aria-label=format!("Move {what} up") title="Move up (Alt+↑)"
                on:click=move |_| up()>"↑"</button>
            <button type="button" aria-label=format!("Move {what} down") title="Move down (Alt+↓)"
                on:click=move |_| down()>"↓"</button>
            <button type="button" aria-label=format!("Remove {what}") title="Remove"
                on:click=move |_| remove()>"✕"</button>
        </span>
    }
}

/// Alt+↑ / Alt+↓ move the entry whose field has focus.
pub fn move_keys(ev: &web_sys::KeyboardEvent, up: impl Fn(), down: impl Fn()) {
    if !ev.alt_key() {
        return;
    }
    match ev.key().as_str() {
        "ArrowUp" => {
            ev.prevent_default();
            up();
        }
        "ArrowDown" => {
            ev.prevent_default();
            down();
        }
        _ => {}
    }
}

/// One text cell of a task row, with its messages under it.
#[component]
fn TaskCell(
    state: EditorState,
    field: Field,
    label: &'static str,
    placeholder: &'static str,
    value: Text,
    findings: Signal<Vec<Finding>>,
    keys: impl Fn(web_sys::KeyboardEvent) + Copy + 'static,
) -> impl IntoView {
    view! {
        <td>
            <input id=dom_id(field) type="text" aria-label=label placeholder=placeholder
                aria-describedby=messages_id(field)
                prop:value=move || value.get()
                on:input:target=move |ev| state.set(value, ev.target().value())
                on:keydown=keys/>
            <Messages field findings/>
        </td>
    }
}

#[component]
pub fn MeasuresSection(state: EditorState, derived: Derived) -> impl IntoView {
    let clock = derived.clock;
    let add_item = move |_| {
        let id = state.add_item();
        focus_later(dom_id(Field::Improvement(id)));
    };
    let add_task = move |_| {
        let id = state.add_task();
        focus_later(dom_id(Field::TaskText(id)));
    };
    let move_item = move |id: RowId, d: isize| {
        if state.move_in(state.improvements, |i| i.id == id, d) {
            focus_later(dom_id(Field::Improvement(id)));
        }
    };
    let move_task = move |id: RowId, d: isize| {
        if state.move_in(state.tasks, |t| t.id == id, d) {
            focus_later(dom_id(Field::TaskText(id)));
        }
    };
    view! {
        <fieldset>
            <legend>"Corrective and preventative measures"</legend>
            <WrittenHeading state id="heading-measures" standard=crate::export::MEASURES
                get=|h| &h.measures set=|h| &mut h.measures/>
            <Long state value=state.measures_notes id="measures-notes" label="Measures notes".into() rows=2/>
            <h3 class="sub">"Improvements"</h3>
            <ul class="items">
                <For each=move || state.improvements.get() key=|i| i.id let:item>
                    <li>
                        <input
                            id=dom_id(Field::Improvement(item.id))
                            type="text"
                            aria-label="Improvement"
                            placeholder="Validate load balancer configuration before it is applied"
                            prop:value=move || item.text.get()
                            on:input:target=move |ev| state.set(item.text, ev.target().value())
                            on:keydown=move |ev| move_keys(&ev, move || move_item(item.id, -1), move || move_item(item.id, 1))
                        />
                        <ListControls what="improvement"
                            up=move || move_item(item.id, -1)
                            down=move || move_item(item.id, 1)
                            remove=move || state.remove_item(item.id)/>
                    </li>
                </For>
            </ul>
            <button type="button" on:click=add_item>"Add improvement"</button>
            <WrittenHeading state id="heading-tasks" standard=crate::export::TASKS
                get=|h| &h.tasks set=|h| &mut h.tasks/>
            <h3 class="sub">"Tasks"</h3>
            <table class="tasks" aria-label="Tasks">
                <thead>
                    <tr>
                        <th scope="col">"Done"</th>
                        <th scope="col">"Task"</th>
                        <th scope="col">"Owner"</th>
                        <th scope="col">"Due"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || state.tasks.get() key=|t| t.id let:task>
                        {
                            let findings = Signal::derive(move || {
                                validate::task_findings(&task.get(), &clock.read())
                            });
                            let keys = move |ev: web_sys::KeyboardEvent| {
                                move_keys(&ev, move || move_task(task.id, -1), move || move_task(task.id, 1))
                            };
                            view! {
                                <tr>
                                    <td>
                                        <input type="checkbox" aria-label="Done"
                                            prop:checked=move || task.done.get()
                                            on:change:target=move |ev| {
                                                task.done.set(ev.target().checked());
                                                state.touch();
                                            }/>
                                    </td>
                                    <TaskCell state field=Field::TaskText(task.id) label="Task"
                                        placeholder="Add a pool-size alert" value=task.text findings keys/>
                                    <TaskCell state field=Field::TaskOwner(task.id) label="Owner"
                                        placeholder="R. Ortiz" value=task.owner findings keys/>
                                    <TaskCell state field=Field::TaskDue(task.id) label="Due"
                                        placeholder="2024-06-15" value=task.due findings keys/>
                                    <td class="actions">
                                        <Internal state value=task.internal/>
                                        <ListControls what="task"
                                            up=move || move_task(task.id, -1)
                                            down=move || move_task(task.id, 1)
                                            remove=move || state.remove_task(task.id)/>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <button type="button" on:click=add_task>"Add task"</button>
        </fieldset>
    }
}
