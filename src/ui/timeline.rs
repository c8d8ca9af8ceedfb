//! The timeline table of the form: rows of time, event and tag, checked
//! as you type, moved and removed by mouse or keyboard.

use leptos::prelude::*;

use crate::model::{RowId, Tag};
use crate::timeparse::ACCEPTED;
use crate::ui::findings::{dom_id, focus_later, invalid, messages_id, Messages};
use crate::ui::form::{move_keys, ListControls, Long};
use crate::ui::preview::Derived;
use crate::ui::state::{EditorState, RowState};
use crate::validate::{self, Field};

#[component]
pub fn TimelineSection(state: EditorState, derived: Derived) -> impl IntoView {
    let add = move |_| {
        let last = state.rows.with_untracked(|r| r.last().map(|r| r.id));
        let id = state.add_row(last);
        focus_later(dom_id(Field::RowTime(id)));
    };
    view! {
        <fieldset class="timeline">
            <legend>"Timeline"</legend>
            <Long state value=state.timeline_notes id="timeline-notes".into() label="Notes".into() rows=1/>
            <p class="hint" id="time-formats">{format!("Times: {ACCEPTED}. A time without a date takes it from the outage window.")}</p>
            <table aria-label="Timeline">
                <thead>
                    <tr>
                        <th scope="col">"Time"</th>
                        <th scope="col">"Event"</th>
                        <th scope="col">"Tag"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || state.rows.get() key=|r| r.id let:row>
                        <Row state derived row/>
                    </For>
                </tbody>
            </table>
            <div class="toolbar">
                <button type="button" on:click=add>"Add timeline row"</button>
                <button type="button" on:click=move |_| state.sort_rows()>"Sort timeline by time"</button>
            </div>
        </fieldset>
    }
}

#[component]
fn Row(state: EditorState, derived: Derived, row: RowState) -> impl IntoView {
    let id = row.id;
    let clock = derived.clock;
    // The row above, which this row's time must not be earlier than.
    let previous = Memo::new(move |_| {
        state.rows.with(|rows| {
            let i = rows.iter().position(|r| r.id == id)?;
            i.checked_sub(1).map(|j| rows[j])
        })
    });
    let findings = Signal::derive({
        let memo = Memo::new(move |_| {
            let clock = clock.read();
            let time = clock.row(&row.time.read());
            let above = previous.get().map(|p| clock.row(&p.time.read()));
            validate::row_findings(&row.get(), &time, above.as_ref(), &clock)
        });
        move || memo.get()
    });
    let move_row = move |d: isize| {
        if state.move_in(state.rows, |r| r.id == id, d) {
            focus_later(dom_id(Field::RowTime(id)));
        }
    };
    let remove = move || {
        // Focus goes to the row that takes this one's place, else the one above.
        let next = state.rows.with_untracked(|rows| {
            let i = rows.iter().position(|r| r.id == id)?;
            rows.get(i + 1).or_else(|| i.checked_sub(1).and_then(|j| rows.get(j))).map(|r| r.id)
        });
        state.remove_row(id);
        if let Some(next) = next {
            focus_later(dom_id(Field::RowTime(next)));
        }
    };
    let keys = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.alt_key() {
            // Enter starts the next row, as in a spreadsheet.
            ev.prevent_default();
            let new = state.add_row(Some(id));
            focus_later(dom_id(Field::RowTime(new)));
            return;
        }
        move_keys(&ev, move || move_row(-1), move || move_row(1));
    };
    let time_field = Field::RowTime(id);
    let event_field = Field::RowEvent(id);
    view! {
        <tr>
            <td class="time">
                <input
                    id=dom_id(time_field)
                    type="text"
                    aria-label="Time"
                    placeholder="14:05"
                    aria-describedby=format!("{} time-formats", messages_id(time_field))
                    aria-invalid=invalid(findings, time_field)
                    prop:value=move || row.time.get()
                    on:input:target=move |ev| state.set(row.time, ev.target().value())
                    on:keydown=keys
                />
                <Messages field=time_field findings/>
            </td>
            <td class="event">
                <input
                    id=dom_id(event_field)
                    type="text"
                    aria-label="Event"
                    placeholder="What happened"
                    aria-describedby=messages_id(event_field)
                    aria-invalid=invalid(findings, event_field)
                    prop:value=move || row.event.get()
                    on:input:target=move |ev| state.set(row.event, ev.target().value())
                    on:keydown=keys
                />
                <Messages field=event_field findings/>
            </td>
            <td class="tag">
                <select
                    aria-label="Tag"
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        row.tag.set(Tag::from_label(&v));
                        state.touch();
                    }
                    on:keydown=move |ev| move_keys(&ev, move || move_row(-1), move || move_row(1))
                >
                    <option value="" selected=move || row.tag.get().is_none()>"—"</option>
                    {Tag::ALL
                        .into_iter()
                        .map(|t| view! {
                            <option value=t.label() selected=move || row.tag.get() == Some(t)>{t.label()}</option>
                        })
                        .collect_view()}
                </select>
            </td>
            <td class="actions">
                <ListControls what="row" up=move || move_row(-1) down=move || move_row(1) remove/>
            </td>
        </tr>
    }
}

/// For tests and the benchmark: the ids of the rows in order.
pub fn row_ids(state: EditorState) -> Vec<RowId> {
    state.rows.with_untracked(|r| r.iter().map(|r| r.id).collect())
}
