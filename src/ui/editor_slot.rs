//! Where the editor is drawn, and how one editor gives way to another.
//!
//! Opening another draft builds its editor afresh. The one it replaces is
//! not taken off the page in the same turn: removing a long timeline's
//! elements (thousands of them, in the form and in the preview) was a
//! fifth of opening another draft at 300 rows, paid before the new draft
//! could show. Instead the old editor is hidden at once with
//! `content-visibility: hidden`, which makes the browser skip its style and
//! layout (`.leaving` in style/main.css), made inert, and taken apart a few
//! milliseconds at a time when the browser is idle. Its reactive parts go
//! at once with its owner. The new editor goes before it, so that an id
//! both hold (built from the same `Field`) finds the new one's element.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::ui::schedule::idle;

/// Elements in a part of a replaced editor small enough to be removed in
/// one piece: more than any one row of the form or the preview has.
const REMOVED_WHOLE: u32 = 64;

/// How long one idle turn spends taking a replaced editor apart.
const TAKING_APART_MS: f64 = 4.0;

/// How long taking apart may wait for the browser to be idle. Long: until
/// then it costs nothing but memory, and a shorter wait would have it run
/// as an ordinary task beside what someone is doing in the new editor
/// (whose later rows are drawn when idle too, within 100 ms).
const TAKING_APART_WITHIN_MS: i32 = 5000;

/// The class of an editor that was replaced and is being taken apart.
pub const LEAVING: &str = "leaving";

type Drawn = <View<AnyView> as Render>::State;

/// A directive (an element's `.directive(..)`) that keeps in its element
/// the view `draw` makes of what `wanted` reads, drawn anew, under an owner
/// of its own, each time `wanted` changes; nothing at all while it is
/// `None`.
pub fn editor_slot<T: 'static>(
    wanted: impl Fn() -> Option<T> + 'static,
    draw: impl Fn(T) -> AnyView + 'static,
) -> impl Fn(Element) + 'static {
    let owner = Owner::current().unwrap_or_default();
    let parts = RefCell::new(Some((wanted, draw)));
    move |parent: Element| {
        // A directive's handler is called once per element it is built on.
        let Some((wanted, draw)) = parts.borrow_mut().take() else { return };
        let slot = owner.clone();
        let shown: Rc<RefCell<Option<(Drawn, Owner)>>> = Rc::default();
        let effect = owner.with(|| {
            RenderEffect::new(move |_| {
                let wanted = wanted();
                // The old one's reactive parts go before the new one's are
                // made: it hands the drafts module its document until then.
                let leaving = shown.borrow_mut().take();
                if let Some((drawn, owner)) = leaving {
                    // Cleaned, not only dropped: what it drew may hold it
                    // (a directive keeps its owner to draw under), and a
                    // dropped owner is cleaned only when no one does.
                    owner.cleanup();
                    leave(drawn);
                }
                let Some(wanted) = wanted else { return };
                let owner = slot.child();
                let mut drawn = owner.with(|| untrack(|| draw(wanted).into_view().build()));
                let first: Option<Node> = parent.first_child();
                drawn.mount(&parent, first.as_ref());
                *shown.borrow_mut() = Some((drawn, owner));
            })
        });
        // Kept as long as the slot's owner is: dropped, it would stop.
        owner.with(|| StoredValue::new_local(effect));
    }
}

/// The element with this id in the editor shown: not its namesake in an
/// editor being taken apart, which the shown one's is found before once it
/// is drawn, but may not be yet (a row far down a long timeline).
pub fn shown_element(id: &str) -> Option<Element> {
    let document = web_sys::window()?.document()?;
    let element = document.get_element_by_id(id)?;
    (!is_leaving(&element)).then_some(element)
}

/// Whether `element` is in an editor being taken apart. Such an element may
/// still hold the focus for a moment: the browser moves it off an element
/// made inert only when it next updates the page.
pub fn is_leaving(element: &Element) -> bool {
    element.closest(&format!(".{LEAVING}")).ok().flatten().is_some()
}

/// Hides a replaced editor at once and takes it off the page when idle.
fn leave(drawn: Drawn) {
    let elements = drawn.elements();
    for element in &elements {
        let _ = element.class_list().add_1(LEAVING);
        let _ = element.set_attribute("inert", "");
        let _ = element.set_attribute("aria-hidden", "true");
    }
    take_apart(elements, drawn);
}

/// Removes the nodes under `elements`, a row at a time, for a few
/// milliseconds per idle turn; then the elements themselves, and the view
/// that drew them is dropped (its event listeners removed from nodes
/// already off the page).
fn take_apart(elements: Vec<Element>, drawn: Drawn) {
    idle(
        move || {
            let until = js_sys::Date::now() + TAKING_APART_MS;
            for element in &elements {
                if !remove_within(element, until) {
                    return take_apart(elements, drawn);
                }
            }
            for element in &elements {
                element.remove();
            }
            drop(drawn);
        },
        TAKING_APART_WITHIN_MS,
    );
}

/// Removes `element`'s descendants until the clock passes `until`: true
/// once none is left. A child with a row's worth of elements or fewer goes
/// whole; a larger one is taken apart the same way first, so that no one
/// removal costs more than a row's and a row takes one, not one per node.
fn remove_within(element: &Element, until: f64) -> bool {
    while let Some(child) = element.last_child() {
        if js_sys::Date::now() > until {
            return false;
        }
        if let Some(large) = child
            .dyn_ref::<Element>()
            .filter(|c| c.get_elements_by_tag_name("*").length() > REMOVED_WHOLE)
        {
            if !remove_within(large, until) {
                return false;
            }
        }
        let _ = element.remove_child(&child);
    }
    true
}
