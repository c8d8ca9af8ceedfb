//! The fourth stage: the title, the introduction and the sections. The
//! blocks are split at the headings that name sections (at the level the
//! document writes its sections at); headings below that level, and
//! labels of a section's own parts, belong to the section's text.

use super::blocks::BlockKind;
use super::entries::{day_mark, entry, Timing};
use super::headings::{topic_of_label, Head, Look, Topic};
use super::source::Source;
use super::summary::summary_field;
use super::text::{single, split_label};
use super::timeline::timed_block;
use crate::model::{Document, Status};

pub struct Section {
    pub topic: Topic,
    /// The heading that opened it.
    pub head: Option<usize>,
    pub blocks: Vec<usize>,
}

/// The document's title: its first heading, when that names no section
/// (or says "postmortem"), and the block it is.
pub fn title(source: &Source) -> Option<(Option<usize>, String)> {
    let any_real = source.heads.iter().flatten().any(|h| h.level().is_some());
    let any_pseudo =
        source.heads.iter().flatten().any(|h| h.level().is_none() && h.topic.is_some());
    for (i, h) in source.heads.iter().enumerate() {
        let Some(h) = h else {
            // An HTML title, "<h1>...</h1>"; its line stays in the intro.
            let t = source.text(&source.blocks[i].range);
            let lower = t.to_ascii_lowercase();
            let inner = lower.find("<h1").and_then(|at| Some(&t[at + t[at..].find('>')? + 1..]));
            match inner
                .map(|t| &t[..t.to_ascii_lowercase().find("</h1").unwrap_or(t.len())])
                .filter(|t| !t.trim().is_empty())
            {
                Some(inner) => return Some((None, single(inner))),
                None => continue,
            }
        };
        if h.topic.is_none() && is_day_or_time(source, &h.name) {
            continue;
        }
        let unnamed = h.topic.is_none() || h.raw.to_lowercase().contains("postmortem");
        return match h.look {
            Look::Heading(level) if unnamed && (i == 0 || level == 1) => {
                Some((Some(i), h.raw.clone()))
            }
            Look::HashWithoutSpace(_) if unnamed && i == 0 => Some((Some(i), h.raw.clone())),
            Look::Capitals | Look::Bare if unnamed && i == 0 && !any_real && any_pseudo => {
                Some((Some(i), h.raw.clone()))
            }
            // A line that only looked like a heading.
            _ if h.topic.is_none() && h.level().is_none() => continue,
            _ => None,
        };
    }
    None
}

/// Splits the blocks at section headings; what comes before the first
/// one is the intro. A second section of a topic joins the first.
pub fn sections(source: &Source, title: Option<usize>) -> (Vec<usize>, Vec<Section>) {
    // The level sections are written at (the commonest level of the
    // headings that name sections); headings below it belong to the text.
    let mode = |pick: &dyn Fn(&Head) -> bool| {
        let mut count = [0usize; 7];
        for (i, h) in source.heads.iter().enumerate() {
            if let Some(h) = h.as_ref().filter(|h| Some(i) != title && h.label.is_none() && pick(h))
            {
                count[h.level().unwrap_or(0).min(6)] += 1;
            }
        }
        (1..7).filter(|&l| count[l] > 0).max_by_key(|&l| (count[l], std::cmp::Reverse(l)))
    };
    let pseudo = source.heads.iter().flatten().any(|h| h.level().is_none() && h.topic.is_some());
    let level = mode(&|h| h.topic.is_some_and(|t| t != Topic::Custom && t.section() == t))
        .or_else(|| mode(&|h| h.topic.is_some_and(|t| t != Topic::Custom)))
        .or_else(|| if pseudo { None } else { mode(&|_| true) })
        .unwrap_or(2);
    let (mut intro, mut sections) = (Vec::new(), Vec::<Section>::new());
    let mut current: Option<usize> = None;
    for i in (0..source.blocks.len()).filter(|&i| Some(i) != title) {
        let Some(h) = &source.heads[i] else {
            current.map_or(&mut intro, |c| &mut sections[c].blocks).push(i);
            continue;
        };
        let topic = current.map(|c| sections[c].topic).filter(|&t| t != Topic::Custom);
        // A label of the section's own fields or parts, written as a heading.
        let label = h
            .label
            .as_ref()
            .map(|l| l.0.as_str())
            .or(h.level().is_none().then_some(h.name.as_str()));
        let fits = label.is_some_and(|l| match topic {
            Some(Topic::Summary) => summary_field(l).is_some(),
            Some(t) => topic_of_label(l).is_some_and(|x| x.section() == t),
            None => false,
        });
        // A timeline is the timeline wherever it is, also under another
        // section ("### Timeline (UTC)" under "## Recovery").
        let nested_timeline = h.topic == Some(Topic::Timeline) && topic != Some(Topic::Timeline);
        let body = fits
            // A heading that is a day or a time ("## February 24, 2025",
            // "### 08:52 PM") heads entries, not a section.
            || (h.topic.is_none() && is_day_or_time(source, &h.name))
            || (topic.is_some() && h.topic.map(Topic::section) == topic)
            || h.level().is_some_and(|l| l > level)
            // "# Improve monitoring:" above the sections' level, in a section: a label.
            || (h.level().is_some_and(|l| l < level) && h.topic.is_none() && h.raw.ends_with(':') && topic.is_some())
            // A heading right under the title is its subtitle.
            || (current.is_none() && title.is_some_and(|t| t + 1 == i) && h.topic.is_none() && h.level().is_some())
            || (h.topic.is_none() && h.level().is_none());
        let body = body && !nested_timeline;
        if body {
            current.map_or(&mut intro, |c| &mut sections[c].blocks).push(i);
            continue;
        }
        let topic = h.topic.map_or(Topic::Custom, Topic::section);
        // A standard section joins the earlier one of its topic; a custom one stands alone.
        let open = (topic != Topic::Custom).then(|| sections.iter().position(|s| s.topic == topic));
        match open.flatten() {
            Some(c) => {
                sections[c].blocks.push(i);
                current = Some(c);
            }
            None => {
                sections.push(Section { topic, head: Some(i), blocks: Vec::new() });
                current = Some(sections.len() - 1);
            }
        }
    }
    (intro, sections)
}

/// A heading's text that is a day alone, or starts with a time: a
/// timeline's. (A day with words after it may be a title: "2024-02-10 -
/// Status page outage".)
fn is_day_or_time(source: &Source, text: &str) -> bool {
    day_mark(text, source.order).is_some()
        || entry(text, source.order).is_some_and(|e| !e.four_digits && e.timing != Timing::Day)
}

/// A document without a timeline section may still have its timeline
/// under another heading: a section the author named otherwise ("## What
/// happened when") whose text is a list of entries becomes the timeline,
/// its heading kept; else a summary's list of entries moves into one.
pub fn find_timeline(source: &Source, sections: &mut Vec<Section>) {
    if sections.iter().any(|s| s.topic == Topic::Timeline) {
        return;
    }
    // Under a heading that names nothing (a "Label: value" heading is a field).
    let named_nothing = |s: &Section| {
        s.head.and_then(|h| source.heads[h].as_ref()).is_some_and(|h| h.label.is_none())
    };
    if let Some(s) = sections.iter_mut().find(|s| {
        s.topic == Topic::Custom && named_nothing(s) && timed_block(source, &s.blocks).is_some()
    }) {
        s.topic = Topic::Timeline;
        return;
    }
    let Some(at) = sections.iter().position(|s| s.topic == Topic::Summary) else { return };
    if let Some(taken) = timed_block(source, &sections[at].blocks) {
        let blocks = sections[at].blocks.drain(taken).collect();
        sections.insert(at + 1, Section { topic: Topic::Timeline, head: None, blocks });
    }
}

/// Takes the status and authors lines ("**Status:** Final · **Authors:**
/// A, B") out of the intro.
pub fn meta(source: &Source, intro: &[usize], doc: &mut Document) -> Vec<usize> {
    let (mut status, mut authors) = (false, false);
    let mut keep = |i: &usize| {
        let BlockKind::Line(_) = source.blocks[*i].kind else { return true };
        let line = source.text(&source.blocks[*i].range);
        let Some((label, at)) = split_label(line) else { return true };
        let value = line[at..].trim();
        if label.eq_ignore_ascii_case("status") && !status {
            let (s, rest) = value.split_once(" · ").unwrap_or((value, ""));
            let Some(s) =
                Status::ALL.into_iter().find(|x| x.label().eq_ignore_ascii_case(s.trim()))
            else {
                return true;
            };
            let by = rest.strip_prefix("**Authors:**").map(single);
            if !rest.is_empty() && (by.is_none() || authors) {
                return true;
            }
            (doc.status, status) = (s, true);
            if let Some(a) = by {
                (doc.authors, authors) = (a, true);
            }
            false
        } else if label.eq_ignore_ascii_case("authors") && !authors && !value.is_empty() {
            (doc.authors, authors) = (single(value), true);
            false
        } else {
            true
        }
    };
    intro.iter().filter(|i| keep(i)).copied().collect()
}
