//! *Add rows from a chat log*: a dialog in the timeline section where a
//! conversation copied from a chat client (or a log) is pasted, read by
//! `chat`, and its messages proposed as rows, each with a checkbox; the
//! ticked ones are added among the timeline's rows in time order. The
//! text never leaves the page.

use leptos::html;
use leptos::prelude::*;

use crate::chat::{self, rows};
use crate::timeparse;
use crate::ui::findings::{dom_id, focus_later};
use crate::ui::preview::Derived;
use crate::ui::state::EditorState;
use crate::validate::Field;

/// Today in the browser's time: what "Yesterday" and weekdays count from.
fn today() -> Option<time::Date> {
    let now = js_sys::Date::new_0();
    let month = time::Month::try_from(u8::try_from(now.get_month() + 1).ok()?).ok()?;
    time::Date::from_calendar_date(
        i32::try_from(now.get_full_year()).ok()?,
        month,
        u8::try_from(now.get_date()).ok()?,
    )
    .ok()
}

#[component]
pub fn ChatDialog(state: EditorState, derived: Derived) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let pasted = RwSignal::new(String::new());
    // What the person typed over the dialog's own date and zone; None
    // until they do, and again after a new paste.
    let date_typed = RwSignal::new(None::<String>);
    let zone_typed = RwSignal::new(None::<String>);
    let unticked = RwSignal::new(rustc_hash::FxHashSet::<usize>::default());

    let transcript = Memo::new(move |_| pasted.with(|t| chat::read(t)));
    // Today is asked on each paste, not once: a tab may stay open overnight.
    let defaults =
        Memo::new(move |_| transcript.with(|t| rows::defaults(t, &derived.clock.read(), today())));
    let date_text = move || {
        date_typed.get().unwrap_or_else(|| {
            defaults.with(|d| d.0.map(timeparse::format_date).unwrap_or_default())
        })
    };
    let zone_text = move || {
        zone_typed.get().unwrap_or_else(|| {
            defaults.with(|d| d.1.as_ref().map(|z| z.label.clone()).unwrap_or_default())
        })
    };
    let date = Memo::new(move |_| {
        let text = date_text();
        match timeparse::parse_time(&text, timeparse::DateOrder::DayFirst) {
            _ if text.trim().is_empty() => Ok(None),
            Ok(p) if p.start.day_only => Ok(p.start.date),
            _ => Err("Write the date like 2024-03-04.".to_string()),
        }
    });
    let zone = Memo::new(move |_| rows::zone_field(&zone_text()));
    let proposed = Memo::new(move |_| {
        let date = date.get().unwrap_or(None);
        let zone = zone.get().unwrap_or(None);
        transcript.with(|t| rows::propose(t, date, zone.as_ref(), today(), &derived.clock.read()))
    });
    let ticked = move || {
        let off = unticked.get();
        proposed.with(|p| (0..p.len()).filter(|i| !off.contains(i)).count())
    };

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
    let add = move |_| {
        let off = unticked.get_untracked();
        let chosen: Vec<(String, String)> = proposed.with_untracked(|p| {
            p.iter()
                .enumerate()
                .filter(|(i, _)| !off.contains(i))
                .map(|(_, p)| (p.time.clone(), rows::markdown_event(&p.event)))
                .collect()
        });
        if chosen.is_empty() {
            return;
        }
        let ids = state.add_rows_in_order(chosen);
        close();
        pasted.set(String::new());
        date_typed.set(None);
        zone_typed.set(None);
        unticked.set(Default::default());
        if let Some(first) = ids.first() {
            focus_later(dom_id(Field::RowTime(*first)));
        }
    };

    view! {
        <button type="button" on:click=open>"Add rows from a chat log"</button>
        <dialog node_ref=dialog class="import-dialog chat-dialog" aria-labelledby="chat-title">
            <form method="dialog" on:submit=|ev| ev.prevent_default()>
                <h2 id="chat-title">"Add rows from a chat log"</h2>
                <p class="hint">
                    "Paste a conversation copied from Slack, Teams, Discord, Mattermost, Zulip,
                    Element, WhatsApp or Zoom, an IRC log, or log lines. Each timestamped message
                    becomes a row; joins, reactions and edits are left out. Nothing you paste
                    leaves your browser."
                </p>
                <label for="chat-text">"Chat log"</label>
                <textarea id="chat-text" rows="10" prop:value=move || pasted.get()
                    on:input:target=move |ev| {
                        pasted.set(ev.target().value());
                        date_typed.set(None);
                        zone_typed.set(None);
                        unticked.set(Default::default());
                    }></textarea>
                {move || {
                    let empty = pasted.with(|t| t.trim().is_empty());
                    let none = proposed.with(Vec::is_empty);
                    (!empty && none).then(|| view! {
                        <p class="chat-none" role="status">{rows::NO_TIMESTAMP}</p>
                    })
                }}
                <div class="chat-scene" hidden=move || proposed.with(Vec::is_empty)>
                    <label for="chat-date">"Date of the conversation"</label>
                    <input id="chat-date" type="text" placeholder="2024-03-04" aria-describedby="chat-date-note"
                        prop:value=date_text on:input:target=move |ev| date_typed.set(Some(ev.target().value()))/>
                    <label for="chat-zone">"Time zone of the conversation"</label>
                    <input id="chat-zone" type="text" placeholder="UTC" aria-describedby="chat-zone-note"
                        prop:value=zone_text on:input:target=move |ev| zone_typed.set(Some(ev.target().value()))/>
                    <p class="hint" id="chat-date-note">
                        {move || date.get().err().unwrap_or_else(|| "For messages the log gives no date: \
                            taken from the log where it says, else from the outage start.".into())}
                    </p>
                    <p class="hint" id="chat-zone-note">
                        {move || zone.get().err().unwrap_or_else(|| "The zone the log's times are in: \
                            from the log where it says, else the document's.".into())}
                    </p>
                </div>
                <ul class="chat-rows" aria-label="Proposed rows" hidden=move || proposed.with(Vec::is_empty)>
                    {move || proposed.get().into_iter().enumerate().map(|(i, p)| {
                        let id = format!("chat-row-{i}");
                        let is_outside = p.outside.is_some();
                        let outside = p.outside.clone();
                        view! {
                            <li class:outside=is_outside>
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || !unticked.with(|u| u.contains(&i))
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        unticked.update(|u| { if on { u.remove(&i); } else { u.insert(i); } });
                                    }/>
                                <label for=id>
                                    <span class="chat-time">{p.time.clone()}</span>" "
                                    <span class="chat-event">{p.event.clone()}</span>
                                    {outside.map(|why| view! { <span class="chat-outside" title=why>" (outside the outage window)"</span> })}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="toolbar">
                    <button type="button" on:click=add disabled=move || ticked() == 0>
                        {move || match ticked() { 1 => "Add 1 row".to_string(), n => format!("Add {n} rows") }}
                    </button>
                    <span class="spacer"></span>
                    <button type="button" on:click=move |_| close()>"Cancel"</button>
                </div>
            </form>
        </dialog>
    }
}
