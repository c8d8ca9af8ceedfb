//! What import tells the person about the document it read: one kind per
//! slip, each message written here, next to its kind, and each pointing at
//! the line it is about.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFinding {
    pub kind: ImportKind,
    /// 1-based line of the imported text.
    pub line: usize,
    /// A sentence for a person: what is wrong and what to do.
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    ConflictMarker,
    /// Meant as a heading but not one on GitHub, or the reverse.
    NotAHeading,
    BrokenImage,
    /// HTML that GitHub shows as text or leaves out.
    RawHtml,
    /// A ```markdown fence around the document that is never closed.
    UnclosedFence,
    /// A closed ```markdown fence around the whole document.
    FencedDocument,
    /// Lines indented four spaces (so shown as code) read as entries.
    IndentedCode,
    /// The stated duration, the outage window and the timeline disagree.
    DurationMismatch,
    /// An outage told without sections: its window was found in the text.
    NoSections,
    /// No section and no outage time: maybe not a postmortem at all.
    NotAPostmortem,
    /// The title has a date that no timeline entry is on.
    TitleDate,
    /// An entry earlier in the day than the one before it.
    TimesBackwards,
}

fn at(kind: ImportKind, line: usize, message: String) -> ImportFinding {
    ImportFinding { kind, line, message }
}

impl ImportFinding {
    pub fn empty_document() -> ImportFinding {
        at(
            ImportKind::NotAPostmortem,
            1,
            "The document is empty: there is nothing to import.".into(),
        )
    }

    pub fn too_large() -> ImportFinding {
        at(ImportKind::NotAPostmortem, 1, "The document is too large to read into sections; all of it was kept in the introduction.".into())
    }

    /// `closed`: a ```markdown fence around the whole document; else one
    /// opened and never closed.
    pub fn fenced_document(line: usize, opening: &str, closed: bool) -> ImportFinding {
        if closed {
            at(ImportKind::FencedDocument, line, format!("Line {line}: the document sits inside a {opening} code block, so GitHub shows all of it as code. It was imported as Markdown; delete the fence lines (the opening one is kept in the introduction)."))
        } else {
            at(ImportKind::UnclosedFence, line, format!("Line {line}: a {opening} fence that is never closed holds the rest of the document, so GitHub shows it all as code. It was imported as Markdown; delete the fence line, kept in the introduction."))
        }
    }

    pub fn conflict_marker(line: usize) -> ImportFinding {
        at(ImportKind::ConflictMarker, line, format!("Line {line}: unresolved merge conflict (<<<<<<<, =======, >>>>>>>). Both sides were imported: keep the one you want and delete the other and the marker lines."))
    }

    pub fn image_without_address(line: usize) -> ImportFinding {
        at(ImportKind::BrokenImage, line, format!("Line {line}: an image has no address, so nothing shows. Add it: ![description](address)."))
    }

    pub fn image_of_a_page(line: usize) -> ImportFinding {
        at(ImportKind::BrokenImage, line, format!("Line {line}: the image points to a GitHub page (…/blob/…), not to the picture itself, so it shows as broken. Use the raw file: replace \"/blob/\" with \"/raw/\" in its address."))
    }

    pub fn not_an_image(line: usize) -> ImportFinding {
        at(ImportKind::BrokenImage, line, format!("Line {line}: \"![\" does not start an image here. Write images as ![description](address), with nothing between \"]\" and \"(\" and no spaces in the address."))
    }

    /// `more`: how many more tags of that name the document has.
    pub fn html_shown_as_text(line: usize, name: &str, more: usize) -> ImportFinding {
        let more = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        at(ImportKind::RawHtml, line, format!("Line {line}: GitHub shows the HTML tag <{name}>{more} as text, not as HTML, since it could run code or load a page there. Delete it, or say in Markdown what it was for."))
    }

    pub fn html_left_out(line: usize, name: &str, more: usize) -> ImportFinding {
        let more = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        at(ImportKind::RawHtml, line, format!("Line {line}: GitHub leaves out the HTML tag <{name}>{more}, keeping only the text inside it. Delete it, or use Markdown or HTML that GitHub keeps (<details>, <img>, <sup>, <kbd>...)."))
    }

    pub fn accidental_setext(line: usize, underline: &str) -> ImportFinding {
        at(ImportKind::NotAHeading, line, format!("Line {line}: the \"{underline}\" line right under text makes GitHub show the lines above it as one big heading. They were read as text; leave a blank line before it (or delete it)."))
    }

    pub fn no_space_after_hash(line: usize, marks: &str, text: &str) -> ImportFinding {
        at(ImportKind::NotAHeading, line, format!("Line {line}: \"{marks}{text}\" is not a heading on GitHub, which needs a space after \"{marks}\". It was read as one; add the space."))
    }

    pub fn indented_timeline(line: usize) -> ImportFinding {
        at(ImportKind::IndentedCode, line, format!("Line {line}: these timeline lines are indented four spaces, so GitHub shows them as code. They were read as timeline entries; remove the indentation."))
    }

    pub fn indented_tasks(line: usize) -> ImportFinding {
        at(ImportKind::IndentedCode, line, format!("Line {line}: these tasks are indented four spaces, so GitHub shows them as code. They were read as tasks; remove the indentation."))
    }

    pub fn stated_duration_differs(
        line: usize,
        said: &str,
        window: (&str, &str),
        length: &str,
    ) -> ImportFinding {
        let (start, end) = window;
        at(ImportKind::DurationMismatch, line, format!("Line {line}: the summary says the outage lasted {said}, but its start and end ({start} – {end}) make {length}. Correct one of them."))
    }

    pub fn timeline_too_long(
        line: usize,
        from: &str,
        to: &str,
        span: &str,
        length: &str,
    ) -> ImportFinding {
        at(ImportKind::DurationMismatch, line, format!("Line {line}: the timeline runs from {from} to {to} ({span}), far longer than the outage the summary gives ({length}). Check the dates and AM/PM of its entries."))
    }

    /// `how`: "before" or "after".
    pub fn timeline_ends_apart(
        line: usize,
        last: &str,
        gap: &str,
        how: &str,
        end: &str,
    ) -> ImportFinding {
        at(ImportKind::DurationMismatch, line, format!("Line {line}: the timeline ends at {last}, {gap} {how} the end of the outage that the summary gives ({end}). Check the summary's times and the timeline's last entry."))
    }

    pub fn title_date(line: usize, date: &str, from: &str, to: &str) -> ImportFinding {
        let entries =
            if from == to { format!("on {from}") } else { format!("from {from} to {to}") };
        at(ImportKind::TitleDate, line, format!("Line {line}: the title says {date}, but no timeline entry is on that day (the entries are {entries}). Check the title's date or the entries' dates."))
    }

    pub fn times_backwards(line: usize, time: &str, before: &str) -> ImportFinding {
        at(ImportKind::TimesBackwards, line, format!("Line {line}: {time} comes after {before} on the same day, so the times go backwards. Check AM and PM, the day of the entries, or their order."))
    }

    pub fn no_sections(start: &str) -> ImportFinding {
        at(ImportKind::NoSections, 1, format!("This outage report has no sections (summary, timeline, root cause, corrective measures), so its text was kept in the introduction and in custom sections; the outage start ({start}) was read from it. Move the text into the form's sections, or add headings such as \"Issue Summary\" and \"Timeline\" and import it again."))
    }

    pub fn not_a_postmortem() -> ImportFinding {
        at(ImportKind::NotAPostmortem, 1, "No postmortem section (summary, timeline, root cause, corrective measures) and no outage time were found, so this may not be a postmortem. Its text was kept in the introduction and in custom sections; add headings such as \"Issue Summary\" and \"Timeline\" to structure it.".into())
    }
}
