//! Named starting points for a new postmortem, each a [`Document`]. The
//! command's `new --template NAME` lists and builds them from here; the
//! app's templates can be added to the same list.

use crate::model::{Document, Lessons};

pub struct Template {
    pub name: &'static str,
    /// One line, for a list of the templates.
    pub description: &'static str,
    build: fn() -> Document,
}

impl Template {
    pub fn document(&self) -> Document {
        (self.build)()
    }
}

/// The template `new` uses when none is named.
pub const DEFAULT: &str = "blank";

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "blank",
        description: "the standard sections, empty (as a new draft in the editor)",
        build: Document::new,
    },
    Template {
        name: "full",
        description: "the standard sections and every optional one (misleading paths, escalation, lessons learned), empty",
        build: full,
    },
];

pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

fn full() -> Document {
    let mut doc = Document::new();
    doc.misleading = Some(String::new());
    doc.escalation = Some(String::new());
    doc.lessons = Some(Lessons::default());
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::to_markdown;
    use crate::import::import;
    use crate::validate::{validate, Severity};

    #[test]
    fn every_template_reads_back_as_itself_and_has_no_error() {
        for t in TEMPLATES {
            let markdown = to_markdown(&t.document());
            let back = import(&markdown);
            assert_eq!(to_markdown(&back.doc), markdown, "{}: not a fixed point", t.name);
            assert_eq!(back.findings, [], "{}", t.name);
            let errors: Vec<_> =
                validate(&back.doc).into_iter().filter(|f| f.severity == Severity::Error).collect();
            assert_eq!(errors, [], "{}", t.name);
        }
    }

    #[test]
    fn names_are_unique_and_the_default_is_one_of_them() {
        let mut names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TEMPLATES.len());
        assert!(find(DEFAULT).is_some());
        assert!(find("no such template").is_none());
    }

    #[test]
    fn the_full_template_has_every_optional_section() {
        let markdown = to_markdown(&find("full").map(Template::document).unwrap_or_default());
        for heading in ["## Misleading investigation paths", "## Escalation", "## Lessons learned"]
        {
            assert!(markdown.contains(heading), "{heading} in\n{markdown}");
        }
    }
}
