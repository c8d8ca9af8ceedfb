//! The timeline table of the form: rows of time, event and tag, checked
//! as you type, moved and removed by mouse or keyboard.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{RowId, Tag};
use crate::timeline::When;
use crate::timeparse::ACCEPTED;
use crate::ui::chat::ChatDialog;
use crate::ui::findings::{dom_id, focus_later, invalid, messages_id, Messages};
use crate::ui::form::{move_keys, Internal, ListControls, Long};
use crate::ui::keyed_list::keyed_children;
use crate::ui::preview::Derived;
use crate::ui::schedule::idle;
use crate::ui::state::{EditorState, RowState, Text};
use crate::validate::{self, Field};

/// For each row, the start of the nearest row above whose time reads: what
/// "earlier than the row above" compares with. One pass over the rows sets
/// only the values that changed, so adding, removing, moving or sorting rows
/// re-checks the rows next to the change, not every row (each row reading
/// the whole list made those actions grow with the square of the rows).
#[derive(Clone)]
struct TimesAbove {
    // Arc and Mutex only because leptos's views must be Send; nothing here
    // is shared across threads.
    rows: Arc<Mutex<HashMap<RowId, RowTimes>>>,
    clock: ReadSignal<crate::timeline::Clock>,
}

#[derive(Clone)]
struct RowTimes {
    /// Where the row's own time starts, read again only when it changes.
    start: ArcMemo<Option<When>>,
    above: ArcRwSignal<Option<When>>,
}

impl TimesAbove {
    fn new(state: EditorState, derived: Derived) -> TimesAbove {
        let this = TimesAbove { rows: Arc::default(), clock: derived.clock };
        // Once before the rows are drawn, so that each is checked once with
        // its time above already known; then after every change.
        untrack(|| state.rows.with(|rows| this.pass(rows)));
        let pass = this.clone();
        Effect::new(move |_| state.rows.with(|rows| pass.pass(rows)));
        this
    }

    fn pass(&self, rows: &[RowState]) {
        let mut nearest = None;
        for row in rows {
            let times = self.of(row);
            if times.above.get_untracked() != nearest {
                times.above.set(nearest);
            }
            nearest = times.start.get().or(nearest);
        }
        // Rows removed are forgotten.
        if let Ok(mut all) = self.rows.try_lock() {
            if all.len() > rows.len() {
                let kept: HashSet<RowId> = rows.iter().map(|r| r.id).collect();
                all.retain(|id, _| kept.contains(id));
            }
        }
    }

    /// The row's times, made on first asking (a row is drawn before the
    /// pass that sets its time above has run).
    fn of(&self, row: &RowState) -> RowTimes {
        let clock = self.clock;
        let time = row.time;
        let make = || RowTimes {
            start: ArcMemo::new(move |_| clock.read().row(&time.read()).span().map(|s| s.start)),
            above: ArcRwSignal::new(None),
        };
        match self.rows.try_lock() {
            Ok(mut all) => all.entry(row.id).or_insert_with(make).clone(),
            Err(_) => make(),
        }
    }
}

/// Rows drawn per idle turn once the first screenful is shown. The 14 turns
/// of a 300-row timeline end about 450 ms after its first screen in the
/// benchmark, some 30 ms a turn with the waits between: under the 50 ms
/// past which a keystroke kept waiting is felt, while fewer rows a turn
/// would leave a long timeline unfinished for longer.
const ROWS_DRAWN_PER_TURN: usize = 20;

/// Draws the rows of a long timeline that opening left out, a few each time
/// the browser is idle, and all at once as soon as the rows themselves
/// change (a row added at the end must be there to be focused).
fn draw_the_rest(state: EditorState) {
    fn more(state: EditorState) {
        idle(
            move || {
                // None: the editor was replaced by another draft's meanwhile.
                let Some(total) = state.rows.try_with_untracked(Vec::len) else { return };
                let Some(drawn) = state.drawn_rows.try_get_untracked() else { return };
                if drawn == usize::MAX {
                    return;
                }
                if drawn + ROWS_DRAWN_PER_TURN >= total {
                    state.draw_every_row();
                } else {
                    state.drawn_rows.set(drawn + ROWS_DRAWN_PER_TURN);
                    more(state);
                }
            },
            100,
        );
    }
    if state.drawn_rows.get_untracked() == usize::MAX {
        return;
    }
    more(state);
    Effect::new(move |seen: Option<()>| {
        state.rows.track();
        if seen.is_some() {
            state.draw_every_row();
        }
    });
}

#[component]
pub fn TimelineSection(state: EditorState, derived: Derived) -> impl IntoView {
    let above = TimesAbove::new(state, derived);
    draw_the_rest(state);
    let rows = keyed_children(
        move || {
            let drawn = state.drawn_rows.get();
            state.rows.with(|rows| rows.iter().take(drawn).copied().collect())
        },
        |row| row.id,
        move |row| view! { <Row state derived row above=above.of(&row).above/> },
    );
    let add = move |_| {
        let last = state.rows.with_untracked(|r| r.last().map(|r| r.id));
        let id = state.add_row(last);
        focus_later(dom_id(Field::RowTime(id)));
    };
    view! {
        <fieldset class="timeline">
            <legend>"Timeline"</legend>
            <Long state value=state.timeline_notes id="timeline-notes" label="Timeline notes".into() rows=1/>
            <p class="hint" id="time-formats">{format!("Times: {ACCEPTED}. A time without a date takes it from the outage window. \
                Approximate: ~14:05 or about 14:05; unknown: ??? (the row keeps its place).")}</p>
            // A grid of rows with table roles rather than a <table>: a table
            // re-lays out every row when one cell changes, which made typing
            // in a long timeline slow (scripts/bench).
            <div class="grid-table" role="table" aria-label="Timeline">
                <div role="rowgroup">
                    <div class="grid-row head" role="row">
                        <span role="columnheader">"Time"</span>
                        <span role="columnheader">"Event"</span>
                        <span role="columnheader">"Tag"</span>
                        <span role="columnheader"><span class="visually-hidden">"Actions"</span></span>
                    </div>
                </div>
                // Written out: as `use:rows` in this macro the directive
                // compiled to nothing (leptos_macro 0.8.20).
                {leptos::html::div().attr("role", "rowgroup").directive(rows, ())}
            </div>
            <div class="toolbar">
                <button type="button" on:click=add>"Add timeline row"</button>
                <button type="button" on:click=move |_| state.sort_rows()>"Sort timeline by time"</button>
                <ChatDialog state derived/>
            </div>
        </fieldset>
    }
}

/// The time or event cell of a row.
#[component]
fn RowInput(
    state: EditorState,
    value: Text,
    field: Field,
    label: &'static str,
    placeholder: &'static str,
    describedby: String,
    findings: Signal<Vec<validate::Finding>>,
    keys: impl Fn(web_sys::KeyboardEvent) + Copy + 'static,
) -> impl IntoView {
    view! {
        <div class=label.to_lowercase() role="cell">
            <input
                id=dom_id(field)
                type="text"
                aria-label=label
                placeholder=placeholder
                aria-describedby=describedby
                aria-invalid=invalid(findings, field)
                prop:value=move || value.get()
                on:input:target=move |ev| state.set(value, ev.target().value())
                on:keydown=keys
            />
        </div>
    }
}

#[component]
fn Row(
    state: EditorState,
    derived: Derived,
    row: RowState,
    /// The start of the nearest row above whose time reads.
    above: ArcRwSignal<Option<When>>,
) -> impl IntoView {
    let id = row.id;
    let clock = derived.clock;
    let findings = Signal::derive({
        let memo = Memo::new(move |_| {
            let clock = clock.read();
            let time = clock.row(&row.time.read());
            validate::row_findings(&row.get(), &time, above.get(), &clock)
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
    let tag = row.tag.get_untracked();
    let time_field = Field::RowTime(id);
    let event_field = Field::RowEvent(id);
    view! {
        <div class="grid-row" role="row">
            <RowInput state value=row.time field=time_field label="Time" placeholder="14:05"
                describedby=format!("{} time-formats", messages_id(time_field)) findings keys/>
            <RowInput state value=row.event field=event_field label="Event" placeholder="What happened"
                describedby=messages_id(event_field) findings keys/>
            <div class="tag" role="cell">
                <select
                    aria-label="Tag"
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        row.tag.set(Tag::from_label(&v));
                        state.touch();
                    }
                    on:keydown=move |ev| move_keys(&ev, move || move_row(-1), move || move_row(1))
                >
                    // Chosen once, not kept in step: only this select sets
                    // the tag, and a reactive `selected` on each of seven
                    // options made up half of a row's work when drawn.
                    <option value="" selected=tag.is_none()>"—"</option>
                    {Tag::ALL
                        .into_iter()
                        .map(|t| view! { <option value=t.label() selected=tag == Some(t)>{t.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="actions" role="cell">
                <Internal state value=row.internal/>
                <ListControls what="row" up=move || move_row(-1) down=move || move_row(1) remove/>
            </div>
            // The row's messages span the whole row, under its fields: a
            // cell of all four columns, as a row may hold nothing but cells.
            <div class="row-messages" role="cell" aria-colspan="4">
                <Messages field=time_field findings/>
                <Messages field=event_field findings/>
            </div>
        </div>
    }
}
