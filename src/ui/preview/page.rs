//! The preview's DOM, kept by hand: each block's nodes placed in the
//! preview's root, the timeline table's body or a list, swapped in place
//! when a block's HTML changes, and arranged again when blocks come, go or
//! move. `super` (the component) decides what the blocks are.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement, Node};

use crate::doc_blocks::{Container, Key};

/// One block on the page: what owns its computations, its nodes in the
/// preview, and its text node in the raw Markdown view.
pub(super) struct Placed {
    pub(super) owner: Owner,
    pub(super) defs: Memo<String>,
    pub(super) nodes: Vec<Node>,
    /// Changes whenever `nodes` are replaced by new ones, so that arranging
    /// tells them from the ones it placed before (see `Slot`).
    pub(super) generation: u64,
    pub(super) raw: web_sys::Text,
}

/// A node the preview places, named, so that arranging compares names in
/// Rust instead of asking the DOM about every node: walking 300 rows'
/// nodes through `nextSibling` and `isSameNode` cost more than the change
/// itself when a row was added, removed or moved.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Block {
        key: Key,
        generation: u64,
        index: usize,
    },
    Raw(Key),
    List(Container),
    /// The newline that starts a list's items, and the one after the list.
    ListStart(Container),
    AfterList(Container),
    /// The newline that starts the table body.
    BodyStart,
}

/// What arranging last put in one parent, in order.
type Placement = Vec<(Slot, Node)>;

/// A list's `<ul>`, its two newlines (as the whole document's HTML has
/// them), and what is in it.
struct List {
    element: Node,
    start: Node,
    after: Node,
    placed: Placement,
}

/// The timeline table's `<tbody>`, the newline that starts it, and its rows.
struct Body {
    element: Node,
    start: Node,
    placed: Placement,
}

/// The preview's DOM, managed here rather than by leptos's view tree:
/// table rows and list items must sit directly inside a `<tbody>` and a
/// `<ul>`, with no wrapper element between.
pub(super) struct Page {
    root: Element,
    root_placed: Placement,
    raw: Element,
    raw_placed: Placement,
    pub(super) order: Vec<Key>,
    pub(super) blocks: HashMap<Key, Placed>,
    /// Each list, while it has items.
    lists: HashMap<Container, List>,
    /// The timeline table's body, while the table has rows: a table without
    /// rows has no body.
    body: Option<Body>,
    /// The last generation given to a block's nodes.
    generation: u64,
    /// An `arrange` is already queued for this tick.
    queued: bool,
    /// So is a recomputation of the link definitions.
    defs_queued: bool,
}

/// Work that many blocks changing in one tick ask for, done once after
/// all of them are in.
#[derive(Clone, Copy)]
pub(super) enum Later {
    Arrange,
    Definitions(RwSignal<String>),
}

impl Later {
    fn flag(self, p: &mut Page) -> &mut bool {
        match self {
            Later::Arrange => &mut p.queued,
            Later::Definitions(_) => &mut p.defs_queued,
        }
    }

    /// Does the work. The definitions are returned rather than set, to be
    /// set once the page is no longer borrowed, and only when they changed
    /// (every block re-renders then).
    fn run(self, p: &mut Page) -> Option<(RwSignal<String>, String)> {
        match self {
            Later::Arrange => {
                p.arrange();
                p.patched();
                None
            }
            Later::Definitions(all) => {
                let defs: String = p
                    .order
                    .iter()
                    .filter_map(|k| p.blocks.get(k))
                    .map(|b| b.defs.get_untracked())
                    .collect();
                all.with_untracked(|d| *d != defs).then_some((all, defs))
            }
        }
    }
}

pub(super) fn queue(page: &Rc<RefCell<Option<Page>>>, work: Later) {
    // Never re-entered (effects run one at a time), but a failed borrow
    // must not take the page down.
    let Ok(mut slot) = page.try_borrow_mut() else { return };
    let Some(p) = slot.as_mut() else { return };
    if std::mem::replace(work.flag(p), true) {
        return;
    }
    let page = Rc::clone(page);
    leptos::task::spawn_local(async move {
        let set = page.try_borrow_mut().ok().and_then(|mut slot| {
            let p = slot.as_mut()?;
            *work.flag(p) = false;
            work.run(p)
        });
        if let Some((signal, value)) = set {
            signal.set(value);
        }
    });
}

pub(super) fn document() -> web_sys::Document {
    leptos::prelude::document()
}

/// Parses an HTML fragment into nodes (a `<template>` accepts `<tr>` and
/// `<li>` on their own).
fn parse(html: &str) -> Vec<Node> {
    if html.is_empty() {
        return Vec::new();
    }
    let Some(template) = document()
        .create_element("template")
        .ok()
        .and_then(|t| t.dyn_into::<HtmlTemplateElement>().ok())
    else {
        return Vec::new();
    };
    template.set_inner_html(html);
    children(&template.content())
}

/// Makes `parent`'s children the nodes of `desired`, `placed` being what
/// the last arrangement put there (nothing else adds to or takes from these
/// parents, and a block whose nodes were replaced has a new generation, so
/// its new nodes count as new here). Only the nodes that come, go or move
/// are touched: the others keep their order (`ordering::reordering`).
fn arrange(parent: &Node, placed: &mut Placement, desired: Placement) {
    let old: Vec<Slot> = placed.iter().map(|(slot, _)| *slot).collect();
    let new: Vec<Slot> = desired.iter().map(|(slot, _)| *slot).collect();
    let crate::ordering::Reordering { stays, gone } = crate::ordering::reordering(&old, &new);
    for place in gone {
        // Not necessarily still there: a block's old nodes replaced in
        // place are gone already.
        let _ = parent.remove_child(&placed[place].1);
    }
    let mut next: Option<&Node> = None;
    for ((_, node), stays) in desired.iter().zip(stays).rev() {
        if !stays {
            let _ = parent.insert_before(node, next);
        }
        next = Some(node);
    }
    *placed = desired;
}

impl Page {
    /// Puts every block's nodes where they belong: top-level blocks in the
    /// preview's root, rows in the table body, items in their list.
    pub(super) fn arrange(&mut self) {
        let mut top: Placement = Vec::new();
        let mut table: Option<Node> = None;
        let mut rows: Placement = Vec::new();
        let mut lists: Vec<(Container, Placement)> = Vec::new();
        for key in &self.order {
            let Some(block) = self.blocks.get(key) else { continue };
            let slotted = block.nodes.iter().enumerate().map(|(index, node)| {
                (Slot::Block { key: *key, generation: block.generation, index }, node.clone())
            });
            match key.container() {
                None => {
                    top.extend(slotted);
                    if *key == Key::TableHead {
                        table = table_of(&block.nodes);
                    }
                }
                Some(Container::Timeline) => rows.extend(slotted),
                Some(container) => {
                    if block.nodes.is_empty() {
                        continue;
                    }
                    if lists.last().is_none_or(|(c, _)| *c != container) {
                        let list = self.lists.entry(container).or_insert_with(new_list);
                        top.push((Slot::List(container), list.element.clone()));
                        top.push((Slot::AfterList(container), list.after.clone()));
                        lists.push((
                            container,
                            vec![(Slot::ListStart(container), list.start.clone())],
                        ));
                    }
                    if let Some((_, items)) = lists.last_mut() {
                        items.extend(slotted);
                    }
                }
            }
        }
        arrange(&self.root, &mut self.root_placed, top);
        match table {
            Some(table) if !rows.is_empty() => {
                let body = self.body.get_or_insert_with(new_body);
                // A new table head (its zone changed) takes the body over.
                if !body.element.parent_node().is_some_and(|p| p.is_same_node(Some(&table))) {
                    let _ = table.append_child(&body.element);
                }
                let mut all = vec![(Slot::BodyStart, body.start.clone())];
                all.extend(rows);
                arrange(&body.element, &mut body.placed, all);
            }
            _ => {
                if let Some(body) = self.body.take() {
                    if let Some(parent) = body.element.parent_node() {
                        let _ = parent.remove_child(&body.element);
                    }
                }
            }
        }
        let mut shown = HashSet::default();
        for (container, items) in lists {
            if let Some(list) = self.lists.get_mut(&container) {
                arrange(&list.element, &mut list.placed, items);
                shown.insert(container);
            }
        }
        // Lists with no items left go (arranging the root took them out).
        self.lists.retain(|container, _| shown.contains(container));
        let raw: Placement = self
            .order
            .iter()
            .filter_map(|k| {
                self.blocks.get(k).map(|b| (Slot::Raw(*k), b.raw.clone().unchecked_into()))
            })
            .collect();
        arrange(&self.raw, &mut self.raw_placed, raw);
    }

    /// A block's HTML changed: swap its nodes in place when it can. Returns
    /// true when the page must be re-arranged instead (a block appearing or
    /// disappearing, a new table), which the caller does once for many.
    pub(super) fn update(&mut self, key: Key, html: &str) -> bool {
        let nodes = parse(html);
        let Some(block) = self.blocks.get_mut(&key) else { return false };
        let in_place = key != Key::TableHead && !nodes.is_empty() && !block.nodes.is_empty();
        let parent = block.nodes.first().and_then(Node::parent_node);
        match (in_place, parent) {
            (true, Some(_)) if same_shape(&block.nodes, &nodes) => {
                for (old, new) in block.nodes.iter().zip(&nodes) {
                    morph(old, new);
                }
                self.patched();
                false
            }
            (true, Some(parent)) => {
                for n in &nodes {
                    let _ = parent.insert_before(n, block.nodes.first());
                }
                for old in &block.nodes {
                    let _ = parent.remove_child(old);
                }
                block.nodes = nodes;
                self.generation += 1;
                block.generation = self.generation;
                self.patched();
                // Arranged again (which finds the new nodes in place), so
                // that the placements name them: a block taken out later
                // must take these out, not the old ones.
                true
            }
            _ => {
                block.nodes = nodes;
                self.generation += 1;
                block.generation = self.generation;
                true
            }
        }
    }

    fn patched(&mut self) {
        count_patch();
    }
}

/// Whether two node lists match node for node (same kinds, same tags), so
/// the old nodes can be kept and only their insides changed.
fn same_shape(old: &[Node], new: &[Node]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|(a, b)| a.node_type() == b.node_type() && a.node_name() == b.node_name())
}

/// Makes `old` look like `new` while keeping the `old` node itself: a
/// replaced table row costs the browser a layout of the whole table body,
/// new contents inside the same row do not.
fn morph(old: &Node, new: &Node) {
    match (old.dyn_ref::<Element>(), new.dyn_ref::<Element>()) {
        (Some(o), Some(n)) => {
            // isEqualNode compares in the browser, without serialising
            // either subtree to HTML at every level of the descent.
            if old.is_equal_node(Some(new)) {
                return;
            }
            let names = o.get_attribute_names();
            for name in names.iter().filter_map(|v| v.as_string()) {
                if !n.has_attribute(&name) {
                    let _ = o.remove_attribute(&name);
                }
            }
            for name in n.get_attribute_names().iter().filter_map(|v| v.as_string()) {
                if let Some(value) = n.get_attribute(&name) {
                    if o.get_attribute(&name).as_deref() != Some(value.as_str()) {
                        let _ = o.set_attribute(&name, &value);
                    }
                }
            }
            if !old.is_equal_node(Some(new)) {
                // Down to the node that changed: a table row keeps its
                // cells, and only the text in the one edited is replaced.
                let (old_kids, new_kids) = (children(o), children(n));
                if same_shape(&old_kids, &new_kids) {
                    for (a, b) in old_kids.iter().zip(&new_kids) {
                        morph(a, b);
                    }
                } else {
                    o.replace_children_with_node(&js_sys::Array::from(&n.child_nodes()));
                }
            }
        }
        _ => {
            if old.node_value() != new.node_value() {
                old.set_node_value(new.node_value().as_deref());
            }
        }
    }
}

fn children(node: &Node) -> Vec<Node> {
    let list = node.child_nodes();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Counts updates that reached the page in `window.postmortemPatches`: the
/// benchmark and the browser tests wait on it to know that a keystroke's
/// change is in the DOM. Only with the `bench` feature; the app has no use
/// for it.
pub(super) fn count_patch() {
    #[cfg(feature = "bench")]
    if let Some(w) = web_sys::window() {
        let key = wasm_bindgen::JsValue::from_str("postmortemPatches");
        let n = js_sys::Reflect::get(&w, &key).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&w, &key, &(n + 1.0).into());
    }
}

fn text(s: &str) -> Node {
    document().create_text_node(s).unchecked_into()
}

fn element(tag: &str) -> Node {
    document().create_element(tag).map(|e| e.unchecked_into()).unwrap_or_else(|_| text(""))
}

pub(super) fn new_page(root: Element, raw: Element) -> Page {
    Page {
        root,
        root_placed: Vec::new(),
        raw,
        raw_placed: Vec::new(),
        order: Vec::new(),
        blocks: HashMap::default(),
        lists: HashMap::default(),
        body: None,
        generation: 0,
        queued: false,
        defs_queued: false,
    }
}

fn new_list() -> List {
    List { element: element("ul"), start: text("\n"), after: text("\n"), placed: Vec::new() }
}

fn new_body() -> Body {
    Body { element: element("tbody"), start: text("\n"), placed: Vec::new() }
}

/// The timeline head's `<table>`: the last one among its nodes (the
/// heading's notes, before it, may hold tables of their own).
fn table_of(nodes: &[Node]) -> Option<Node> {
    nodes
        .iter()
        .rev()
        .filter_map(|n| n.dyn_ref::<Element>())
        .find(|e| e.tag_name() == "TABLE")
        .map(|t| t.clone().unchecked_into())
}
