//! A keyed list of views, like leptos's `For`, that moves only the items
//! which leave their order. `For` moves every item between an item's old
//! place and its new one: a row typed last and sorted into the middle of 300
//! moved 150 rows in the DOM, each of them restyled and laid out again (or,
//! taken out and put back to avoid that, was drawn anew). Here the items
//! that keep their order relative to each other stay put
//! (`ordering::reordering`), as the preview's nodes do.

use std::cell::RefCell;
use std::hash::Hash;

use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use rustc_hash::FxHashMap as HashMap;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::ui::schedule::drop_when_idle;

/// One item on the page: its drawn view, and the owner of everything the
/// view made (its memos and effects go with it when the item goes).
struct Item<State> {
    state: State,
    // Held for its drop, which disposes of the item's reactive nodes.
    _owner: Owner,
}

type Items<K, V> = HashMap<K, Item<<View<V> as Render>::State>>;

/// The items of a list, which outlive it a little: when the list goes
/// with its owner (another draft opened in the editor's place), dropping
/// them at once (each view removing its event listeners) took 27 ms of
/// opening another draft at 300 rows, 60 at 600. Their reactive parts go
/// with the owner; the rest is dropped when the browser is idle. Until
/// then their handlers are still on their elements as those go off the
/// page (with the editor, or cleared by the list drawn in its place): a
/// focused element taken off fires `blur` and `focusout`, so an item's
/// view must not handle those (a row handles input, change and keydown).
struct DrawnItems<K, V: IntoView + 'static>(Items<K, V>);

impl<K, V: IntoView + 'static> Drop for DrawnItems<K, V> {
    fn drop(&mut self) {
        drop_when_idle(std::mem::take(&mut self.0).into_values().collect());
    }
}

/// A directive (an element's `.directive(..)`) that keeps its element's children the views of
/// `each()`, in order, one per key. An item's view is drawn once, when its
/// key first appears, and dropped when its key goes; nothing else may add
/// children to the element. The first items are drawn as the element is,
/// not a tick later, so that they are there when the page first is.
///
/// A directive rather than a component: the items must be the element's
/// own children, with no marker of leptos's among them.
pub fn keyed_children<T, K, V>(
    each: impl Fn() -> Vec<T> + 'static,
    key: impl Fn(&T) -> K + 'static,
    view: impl Fn(T) -> V + 'static,
) -> impl Fn(Element) + 'static
where
    T: 'static,
    K: Eq + Hash + Copy + 'static,
    V: IntoView + 'static,
{
    let owner = Owner::current().unwrap_or_default();
    // A directive's handler is called once per element it is built on.
    let parts = RefCell::new(Some((each, key, view)));
    move |parent: Element| {
        let Some((each, key, view)) = parts.borrow_mut().take() else { return };
        // leptos may hand a new list the element of one it replaces, when
        // it rebuilds a view in place, with that list's items still in it:
        // they went with their owner, so off the page. (The editor itself
        // is drawn afresh for each draft, `ui::editor_slot`.)
        parent.set_text_content(None);
        let list = owner.clone();
        let mut items = DrawnItems::<K, V>(HashMap::default());
        let mut order: Vec<K> = Vec::new();
        let effect = owner.with(|| {
            RenderEffect::new(move |_| {
                let wanted = each();
                let keys: Vec<K> = wanted.iter().map(&key).collect();
                let crate::ordering::Reordering { stays, gone } =
                    crate::ordering::reordering(&order, &keys);
                // Gone: off the page, and its owner dropped with it.
                for place in gone {
                    if let Some(mut gone) = items.0.remove(&order[place]) {
                        gone.state.unmount();
                    }
                }
                // From the end, so that each item that comes or moves goes
                // before the one after it, which is already in its place.
                let mut next: Option<K> = None;
                for ((k, item), stays) in keys.iter().zip(wanted).zip(stays).rev() {
                    if !stays {
                        place(&parent, &mut items.0, &list, *k, next, || view(item));
                    }
                    next = Some(*k);
                }
                order = keys;
            })
        });
        // Kept as long as the list's owner is: dropped, it would stop.
        owner.with(|| StoredValue::new_local(effect));
    }
}

/// Puts the item `key` before the item `next` (at the end if none): moved
/// if it is on the page, drawn under an owner of its own if not.
fn place<K: Eq + Hash + Copy, V: IntoView + 'static>(
    parent: &Element,
    items: &mut Items<K, V>,
    list: &Owner,
    key: K,
    next: Option<K>,
    view: impl FnOnce() -> V,
) {
    let after = next.and_then(|n| items.get(&n)).map(|n| &n.state);
    if items.get(&key).is_some_and(|moving| move_before(parent, &moving.state, after)) {
        return;
    }
    let mut placing = match items.remove(&key) {
        Some(mut moving) => {
            moving.state.unmount();
            moving
        }
        None => {
            let child = list.child();
            // Untracked: what the view reads while it is drawn belongs to
            // the view's own effects, not the list's.
            let state = child.with(|| untrack(|| view().into_view().build()));
            Item { state, _owner: child }
        }
    };
    match next.and_then(|n| items.get(&n)) {
        Some(after) => after.state.insert_before_this_or_marker(parent, &mut placing.state, None),
        None => placing.state.mount(parent, None),
    }
    items.insert(key, placing);
}

/// Moves an item's element before the next item's (or to the end) with the
/// DOM's `moveBefore`, which keeps focus where it is: taken out and put
/// back, a row moved up by its own button lost focus (the browser then
/// blurs it and finds focus a new home) only for it to be given back.
/// False where the browser has no `moveBefore`, or the view is not one
/// element, and the item is then taken out and put back.
fn move_before(parent: &Element, moving: &impl Mountable, next: Option<&impl Mountable>) -> bool {
    let elements = moving.elements();
    let [element] = elements.as_slice() else { return false };
    let next: JsValue = match next.map(|n| n.elements()) {
        Some(after) => match after.as_slice() {
            [first] => first.into(),
            _ => return false,
        },
        None => JsValue::NULL,
    };
    js_sys::Reflect::get(parent, &JsValue::from_str("moveBefore"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call2(parent, element, &next).is_ok())
}
