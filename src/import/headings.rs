//! The third stage: what a heading names, read by its words rather than by
//! its spelling ("ISSUE OVERVIEW", "**🕵️ Issue Summary:**", "Schedule or
//! Timeline."), and which lines are headings only by their look (bold,
//! capitals, a bare line, "#" without a space).

use super::text::{has_any, has_phrase, name_words, single, split_label, trim_decoration};
use crate::export;

/// What a heading (or a label) names. The first of each group heads a
/// section; the others are its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Summary,
    Timeline,
    RootCauseAndResolution,
    RootCause,
    Resolution,
    Misleading,
    Escalation,
    Lessons,
    WentWell,
    WentWrong,
    GotLucky,
    Measures,
    Improvements,
    Tasks,
    /// A section people often add that has no place of its own ("Conclusion").
    Custom,
}

impl Topic {
    /// The section a part belongs to.
    pub fn section(self) -> Topic {
        match self {
            Topic::RootCause | Topic::Resolution => Topic::RootCauseAndResolution,
            Topic::WentWell | Topic::WentWrong | Topic::GotLucky => Topic::Lessons,
            Topic::Improvements | Topic::Tasks => Topic::Measures,
            topic => topic,
        }
    }

    /// The standard heading, which stands in for an author's heading that
    /// has no word it lacks.
    pub fn standard(self) -> &'static str {
        use export::*;
        match self {
            Topic::Summary => SUMMARY,
            Topic::Timeline => TIMELINE,
            Topic::RootCauseAndResolution => ROOT_CAUSE_AND_RESOLUTION,
            Topic::RootCause => ROOT_CAUSE,
            Topic::Resolution => RESOLUTION,
            Topic::Misleading => MISLEADING,
            Topic::Escalation => ESCALATION,
            Topic::Lessons => LESSONS,
            Topic::WentWell => WENT_WELL,
            Topic::WentWrong => WENT_WRONG,
            Topic::GotLucky => GOT_LUCKY,
            Topic::Measures | Topic::Improvements => MEASURES,
            Topic::Tasks => TASKS,
            Topic::Custom => NOTES,
        }
    }

    /// The author's heading, kept when the standard one would lose a word of it.
    pub fn heading(self, written: &str) -> String {
        if super::text::covered(written, self.standard()) {
            String::new()
        } else {
            written.to_string()
        }
    }
}

/// Section names by their words, most specific first: the first topic with
/// one of its phrases in a heading is what the heading names.
#[rustfmt::skip]
const TOPIC_PHRASES: &[(Topic, &[&str])] = &[
    (Topic::Lessons, &["lessons", "learnings", "takeaways"]),
    (Topic::Timeline, &["timeline", "chronology", "sequence of events", "time line", "timestamps",
        "key events", "incident log", "event log", "log of events"]),
    (Topic::Summary, &["summary", "overview", "tldr"]),
    (Topic::WentWell, &["went well", "went right", "what worked"]),
    (Topic::WentWrong, &["went wrong", "didnt work", "did not work", "didnt go well"]),
    (Topic::GotLucky, &["lucky", "luck"]),
    (Topic::Misleading, &["misleading", "red herring", "red herrings", "dead ends"]),
    (Topic::Escalation, &["escalation", "escalations"]),
    (Topic::RootCause, &["cause", "causes"]),
    (Topic::Resolution, &["resolution", "recovery", "remediation", "mitigation"]),
    (Topic::Tasks, &["task", "tasks", "todo", "todos", "action items", "action item", "next steps", "to do"]),
    (Topic::Measures, &["corrective", "preventive", "preventative", "prevention", "measures", "followup", "follow up"]),
    (Topic::Improvements, &["improvement", "improvements"]),
    (Topic::Custom, &["conclusion", "background", "appendix", "references", "impact", "detection", "trigger",
        "debugging", "glossary", "actions taken", "supporting information"]),
];

/// Words a bare line may hold besides those of `TOPIC_PHRASES` and still be a heading.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "and", "of", "the", "or", "a", "our", "issue", "incident", "outage", "problem", "root", "what",
    "where", "we", "got", "list", "items", "steps", "investigation", "paths", "detailed", "schedule",
    "contributing", "factors", "fix", "fixes", "needed", "learned", "happened", "executive",
];

/// What a heading's text names, by its words.
pub fn topic_of_heading(text: &str) -> Option<Topic> {
    topic_within(text, 8)
}

/// What a line that is a heading only by its look (bold, capitals, bare)
/// or a label names: such lines must be short.
pub fn topic_of_label(text: &str) -> Option<Topic> {
    topic_within(text, 6)
}

fn topic_within(text: &str, most_words: usize) -> Option<Topic> {
    let w = name_words(text);
    if w.is_empty() || w.len() > most_words {
        return None;
    }
    let named = |topic: Topic| {
        TOPIC_PHRASES.iter().any(|n| n.0 == topic && n.1.iter().any(|p| has_phrase(&w, p)))
    };
    if named(Topic::RootCause)
        && has_any(
            &w,
            &["resolution", "fix", "fixes", "recovery", "remediation", "resolve", "resolved"],
        )
    {
        return Some(Topic::RootCauseAndResolution);
    }
    if w == ["what", "happened"] {
        return Some(Topic::Summary);
    }
    let topic = TOPIC_PHRASES.iter().map(|n| n.0).find(|&t| named(t))?;
    // "Postmortem: the debugging story" is a title, not a custom section.
    (topic != Topic::Custom || !has_any(&w, &["postmortem"])).then_some(topic)
}

/// A bare line is a heading only when all its words are names of sections.
fn all_section_words(text: &str) -> bool {
    name_words(text).iter().all(|w| {
        FILLER.contains(&w.as_str())
            || TOPIC_PHRASES.iter().any(|n| n.1.iter().any(|p| p.split(' ').any(|x| x == w)))
    })
}

/// How a heading is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// A Markdown heading of this level.
    Heading(usize),
    /// "#Heading": GitHub shows the marks.
    HashWithoutSpace(usize),
    Bold,
    Capitals,
    Bare,
}

/// A line written to be a heading without heading syntax, and its text.
pub fn looks_like_heading(line: &str) -> Option<(Look, String)> {
    let t = line.trim();
    let marks = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&marks)
        && t[marks..].starts_with(char::is_alphabetic)
        && line.len() - line.trim_start().len() < 4
    {
        return Some((Look::HashWithoutSpace(marks), t[marks..].trim().to_string()));
    }
    for mark in ["**", "__"] {
        let lead = t.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '*' && c != '_');
        let Some((inner, after)) = lead.strip_prefix(mark).and_then(|r| r.rsplit_once(mark)) else {
            continue;
        };
        // After the bold part: a colon, emoji or footnote links only.
        let tail_plain = name_words(after).concat().chars().all(|c| c.is_ascii_digit());
        if !inner.contains(mark) && tail_plain && !inner.trim().is_empty() {
            let name = trim_decoration(inner).trim_end_matches(':').trim();
            return Some((Look::Bold, name.to_string()));
        }
    }
    let d = trim_decoration(t);
    let caps =
        d.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !d.chars().any(char::is_lowercase);
    if caps && d.split_whitespace().count() <= 8 && !t.starts_with(['|', '>', '-', '*', '+']) {
        return Some((Look::Capitals, d.trim_end_matches(':').trim().to_string()));
    }
    let bare = !t.ends_with(['.', ',', ';'])
        && !t.starts_with('|')
        && !t.contains("](")
        && split_label(t).is_none_or(|(_, v)| v >= t.len());
    bare.then(|| (Look::Bare, d.trim_end_matches(':').trim().to_string()))
}

/// A line that is a heading by its look, naming a section: its look, text
/// and topic (none when it names nothing, for a title).
pub fn pseudo_heading(line: &str) -> Option<(Look, String, Option<Topic>)> {
    let (look, name) = looks_like_heading(line)?;
    let topic = topic_of_label(&name).filter(|&t| match look {
        Look::Bare => t != Topic::Custom && all_section_words(&name),
        _ => true,
    });
    Some((look, name, topic))
}

/// A heading found in the text: real, or a line that is one by its look.
#[derive(Clone, Debug)]
pub struct Head {
    pub look: Look,
    /// As written, on one line.
    pub raw: String,
    /// What it says, without marks or colon.
    pub name: String,
    /// What the heading names.
    pub topic: Option<Topic>,
    /// "Label: value" headings: the label, and the value's source.
    pub label: Option<(String, super::text::Piece)>,
}

impl Head {
    pub fn level(&self) -> Option<usize> {
        match self.look {
            Look::Heading(l) => Some(l),
            _ => None,
        }
    }
}

/// "# Postmortem: X" is titled X (see `export::title`); emoji and emphasis
/// around "Postmortem: X" go too.
pub fn title_text(heading: &str) -> String {
    let h = single(heading);
    if h == export::TITLE_PREFIX {
        return String::new();
    }
    let lead = h.len() - h.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    // The emphasis that opens right before the text, closed at its end.
    let opener = &h[h[..lead].trim_end_matches(['*', '_']).len()..lead];
    let inner = &h[lead..];
    let inner = match inner.strip_suffix(opener) {
        Some(inner) if !opener.is_empty() => inner,
        _ => inner,
    };
    match inner.strip_prefix(export::TITLE_PREFIX).and_then(|r| r.strip_prefix(": ")) {
        Some(rest) if lead == 0 || !rest.trim().is_empty() => rest.trim().to_string(),
        _ => h,
    }
}
