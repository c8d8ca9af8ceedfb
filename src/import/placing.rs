//! Placing what is left: the root cause and resolution, lessons learned,
//! and the corrective measures with their tasks, each split at the labels
//! of its parts. What reads as no part stays as the section's free text.

use super::blocks::{is_rule, Block, BlockKind, ListItem};
use super::findings::ImportFinding;
use super::headings::Topic;
use super::source::{Label, Source};
use super::text::{covered, single, without_internal_mark, Piece};
use crate::export;
use crate::model::{Document, Item, Lessons, Task};

/// A part of a section: its label as written, if it had one, and its text.
type Part = (Option<String>, Vec<Piece>);

/// Splits a section at the labels of its parts (`kinds`): headings, bold
/// or bare lines, "**Label:** value" lines and items. Text before the
/// first label belongs to the first part; a part labelled twice keeps the
/// second label as text. Gives each part's label and pieces, and what the
/// section's own heading named.
fn parts(
    source: &Source,
    head: Option<usize>,
    blocks: &[usize],
    kinds: &[Topic],
) -> (Option<Topic>, Vec<Part>) {
    let mut parts: Vec<Part> = vec![(None, Vec::new()); kinds.len()];
    let head = head.and_then(|i| source.heads[i].as_ref());
    let part_of = |t: Option<Topic>| kinds.iter().position(|x| Some(*x) == t);
    let mut cur = part_of(head.and_then(|h| h.topic)).unwrap_or(0);
    if let Some(h) = head.filter(|h| part_of(h.topic).is_some()) {
        // A "Label: value" heading gives its label, and its value is the part's first text.
        let (label, value) = h.label.clone().map_or((h.raw.clone(), None), |(l, v)| (l, Some(v)));
        parts[cur] = (Some(label), value.into_iter().collect());
    }
    for &i in blocks {
        let b = &source.blocks[i];
        let units: Vec<(Option<Label>, Piece)> = match &b.kind {
            BlockKind::List(_, items) => {
                items.iter().map(|it| (source.item_label(it), it.range.clone())).collect()
            }
            _ => vec![(source.label(i), b.range.clone())],
        };
        for (label, whole) in units {
            match label.and_then(|l| Some((part_of(l.topic)?, l))) {
                // A value that would read as a heading on its own stays where it is.
                Some((p, l))
                    if parts[p].0.is_none() && l.value.as_ref().is_none_or(|v| source.plain(v)) =>
                {
                    (parts[p].0, cur) = (Some(l.text), p);
                    parts[p].1.extend(l.value);
                }
                Some((p, _)) => {
                    cur = p;
                    parts[p].1.push(whole);
                }
                None => parts[cur].1.push(whole),
            }
        }
    }
    (head.and_then(|h| h.topic), parts)
}

pub fn root_cause(source: &Source, head: Option<usize>, blocks: &[usize], doc: &mut Document) {
    let (kind, parts) = parts(source, head, blocks, &[Topic::RootCause, Topic::Resolution]);
    if let Some(h) = head
        .and_then(|i| source.heads[i].as_ref())
        .filter(|_| kind == Some(Topic::RootCauseAndResolution))
    {
        doc.headings.root_cause_and_resolution = Topic::RootCauseAndResolution.heading(&h.raw);
    }
    let h = |n: usize, t: Topic| parts[n].0.as_deref().map(|h| t.heading(h)).unwrap_or_default();
    (doc.headings.root_cause, doc.headings.resolution) =
        (h(0, Topic::RootCause), h(1, Topic::Resolution));
    (doc.root_cause, doc.resolution) = (source.render(&parts[0].1), source.render(&parts[1].1));
}

/// False when the section names none of the three parts: it is kept as
/// a custom section then, since lessons have no text of their own.
pub fn lessons(source: &Source, head: Option<usize>, blocks: &[usize], doc: &mut Document) -> bool {
    let (kind, parts) =
        parts(source, head, blocks, &[Topic::WentWell, Topic::WentWrong, Topic::GotLucky]);
    if parts.iter().all(|p| p.0.is_none()) {
        return false;
    }
    if let Some(h) =
        head.and_then(|i| source.heads[i].as_ref()).filter(|_| kind == Some(Topic::Lessons))
    {
        doc.headings.lessons = Topic::Lessons.heading(&h.raw);
    }
    let h = |n: usize, t: Topic| parts[n].0.as_deref().map(|h| t.heading(h)).unwrap_or_default();
    let d = &mut doc.headings;
    (d.went_well, d.went_wrong, d.got_lucky) =
        (h(0, Topic::WentWell), h(1, Topic::WentWrong), h(2, Topic::GotLucky));
    let text = |n: usize| source.render(&parts[n].1);
    doc.lessons = Some(Lessons { went_well: text(0), went_wrong: text(1), got_lucky: text(2) });
    true
}

// ------------------------------------------------------------ measures

/// Notes, then the measures (the last bullet list of the notes), then
/// the tasks (the last list under a task heading or label: export writes
/// them last, so a re-import picks the same one).
pub fn measures(
    source: &Source,
    findings: &mut Vec<ImportFinding>,
    head: Option<usize>,
    blocks: &[usize],
    doc: &mut Document,
) {
    // Pieces of the notes; the chosen task list and its label are taken out.
    let mut notes: Vec<Option<Piece>> = Vec::new();
    // The label of the block to come, and its place in the notes (none: the heading).
    let mut label: Option<(String, Option<usize>)> = None;
    // The last task list: its label, whether that was the heading, its tasks, its notes.
    let mut found: Option<(String, bool, Vec<Task>, Vec<usize>)> = None;
    let head = head.and_then(|i| source.heads[i].clone());
    match &head {
        Some(h) if h.topic == Some(Topic::Tasks) => label = Some((h.raw.clone(), None)),
        Some(h) => doc.headings.measures = Topic::Measures.heading(&h.raw),
        None => {}
    }
    // The last list seen, as measures item by item, and where it starts in the notes.
    let mut last_list: Option<(usize, Vec<Option<Item>>)> = None;
    // Where the notes hold task labels.
    let mut labels = Vec::new();
    for &i in blocks {
        let b = source.blocks[i].clone();
        let start = notes.len();
        if let Some(l) =
            source.label(i).filter(|l| l.value.is_none() && l.topic == Some(Topic::Tasks))
        {
            notes.push(Some(b.range.clone()));
            label = Some((l.text, Some(start)));
            labels.push(start);
            continue;
        }
        let tasks = match &b.kind {
            BlockKind::List(ordered, items) => {
                notes.extend(items.iter().map(|it| Some(it.range.clone())));
                let mut with_tasks = 0;
                for (k, item) in items.iter().enumerate() {
                    if let Some((l, t)) = nested_tasks(source, item) {
                        found = Some((l, false, t, vec![start + k]));
                        with_tasks += 1;
                    }
                }
                let only_tasks = items.len() == 1 && with_tasks == 1;
                // Under a task label it is the tasks, else maybe the measures;
                // a list that is only a task label and its tasks leaves the
                // list above it the last one, as it will be once the tasks
                // are written under their own heading.
                let tasks = tasks(source, &b).filter(|_| label.is_some());
                if tasks.is_none() && !only_tasks {
                    last_list = (!ordered).then(|| (start, improvements(source, items)));
                }
                tasks
            }
            BlockKind::Code(true) if label.is_some() => {
                notes.push(Some(b.range.clone()));
                let line = source.line_of(b.range.start);
                findings.push(ImportFinding::indented_tasks(line));
                let lines = source.text(&b.range).lines().map(str::trim).filter(|l| !l.is_empty());
                Some(lines.map(|l| Task { text: single(l), ..Default::default() }).collect())
            }
            kind => {
                notes.push(Some(b.range.clone()));
                // A rule is no text after the list (and is dropped at the end).
                if !matches!(kind, BlockKind::Rule) {
                    last_list = None;
                }
                None
            }
        };
        // A task label heads the block right under it, or nothing.
        if let (Some(t), Some((l, at))) = (tasks, label.take()) {
            let taken = at.into_iter().chain(start..notes.len()).collect();
            found = Some((l, at.is_none(), t, taken));
        }
    }
    let from_head = found.as_ref().is_some_and(|f| f.1);
    if let Some((l, _, tasks, taken)) = found {
        taken.into_iter().for_each(|at| notes[at] = None);
        (doc.headings.tasks, doc.tasks) = (Topic::Tasks.heading(&l), tasks);
    }
    if let Some(h) = head.as_ref().filter(|h| h.topic == Some(Topic::Tasks) && !from_head) {
        // A "Tasks" heading with no task list under it heads the section.
        doc.headings.measures = Topic::Measures.heading(&h.raw);
    }
    let text = |p: &Option<Piece>| p.as_ref().filter(|p| !is_rule(source.text(p))).is_some();
    let after = |at: usize| notes[at..].iter().filter(|p| text(p)).count();
    // A task label left right before the list would take it as tasks when read again.
    let before = |at: usize| match notes[..at].iter().rposition(text) {
        Some(l) => labels.contains(&l),
        None => head.as_ref().is_some_and(|h| h.topic == Some(Topic::Tasks) && !from_head),
    };
    // The items a task list did not take out must all read as measures.
    let list = last_list.and_then(|(at, items)| {
        let left = items.into_iter().enumerate().filter(|(k, _)| notes[at + k].is_some());
        Some((at, left.map(|(_, item)| item).collect::<Option<Vec<Item>>>()?))
    });
    if let Some((at, list)) =
        list.filter(|(at, list)| !list.is_empty() && after(*at) == list.len() && !before(*at))
    {
        notes.truncate(at);
        doc.improvements = list;
    }
    doc.measures_notes = source.render(&notes.into_iter().flatten().collect::<Vec<_>>());
}

/// "- **Tasks:**" with the task list nested under it: the label and the tasks.
fn nested_tasks(source: &Source, item: &ListItem) -> Option<(String, Vec<Task>)> {
    let l = source.item_label(item).filter(|l| l.topic == Some(Topic::Tasks) && !item.simple)?;
    if !l.value.as_ref().is_some_and(|v| source.text(v).starts_with('\n')) {
        return None;
    }
    match source.nested(item).as_slice() {
        [list] => Some((l.text, tasks(source, list)?)),
        _ => None,
    }
}

/// A bullet list whose every item reads as a task.
fn tasks(source: &Source, b: &Block) -> Option<Vec<Task>> {
    let BlockKind::List(false, items) = &b.kind else { return None };
    let task = |item: &ListItem| {
        let task = read_task(source.text(&item.body), item.checked == Some(true));
        let md = export::task_item(&task);
        // A blank item is not written, nor would the heading over it be.
        (item.simple && !md.is_empty() && covered(source.text(&item.range), &md)).then_some(task)
    };
    items.iter().map(task).collect()
}

/// Each item of a list as a measure, if it reads as one.
fn improvements(source: &Source, items: &[ListItem]) -> Vec<Option<Item>> {
    let measure = |item: &ListItem| {
        let item_ = Item { id: 0, text: unlist(source.text(&item.body), item.bullet) };
        let md = export::improvement(&item_, item.bullet);
        let ok = item.simple && item.checked.is_none() && !md.is_empty();
        (ok && covered(source.text(&item.range), &md)).then_some(item_)
    };
    items.iter().map(measure).collect()
}

/// "text (owner: X, due D)": the task our export writes.
pub fn read_task(body: &str, done: bool) -> Task {
    let (body, internal) = without_internal_mark(&single(body));
    let mut task = Task { done, internal, text: body.clone(), ..Default::default() };
    let suffix = body.strip_suffix(')').and_then(|b| {
        let at = b.rfind("(owner: ").or_else(|| b.rfind("(due "))?;
        (at == 0 || b[..at].ends_with(' ')).then(|| (b[..at].trim_end(), &b[at + 1..]))
    });
    let Some((text, suffix)) = suffix else { return task };
    if let Some(owner) = suffix.strip_prefix("owner: ") {
        let (owner, due) = owner.rsplit_once(", due ").unwrap_or((owner, ""));
        (task.owner, task.due) = (single(owner), single(due));
    } else if let Some(due) = suffix.strip_prefix("due ") {
        task.due = single(due);
    }
    task.text = single(text);
    task
}

/// An item's text without the escape `export::list_text` puts at its start.
pub fn unlist(body: &str, bullet: char) -> String {
    let t = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let mut unescaped = t.clone();
    if t[digits..].starts_with('\\') {
        unescaped.remove(digits);
    }
    single(if export::list_text(&unescaped, bullet) == t { &unescaped } else { &t })
}
