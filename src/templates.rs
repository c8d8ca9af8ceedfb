//! Named starting points for a new postmortem: the sections a kind of
//! write-up has, as a [`Document`], and the prompts that say what goes in
//! each field. Prompts are hints shown in the empty fields (placeholders),
//! never text of the document, so nothing of them is ever exported. The
//! command's `new --template NAME` and the editor's *New from template*
//! both build from this list.

use crate::model::{CustomSection, Document, Lessons};

pub struct Template {
    /// For the command line and for the draft to remember: lower case.
    pub name: &'static str,
    /// For people: what the editor's list shows.
    pub title: &'static str,
    /// One line, for a list of the templates.
    pub description: &'static str,
    build: fn() -> Document,
    /// (field, prompt): a field by the editor's name for it ("impact",
    /// "root-cause", …) or a custom section by its heading ("section:Trigger").
    pub prompts: &'static [(&'static str, &'static str)],
}

impl Template {
    /// The template's document, remembering which template it came from so
    /// that its prompts are shown as long as the draft is edited.
    pub fn document(&self) -> Document {
        let mut doc = (self.build)();
        doc.template = self.name.to_string();
        doc
    }

    /// The prompt for an empty field, if the template has one.
    pub fn prompt(&self, field: &str) -> Option<&'static str> {
        self.prompts.iter().find(|(f, _)| *f == field).map(|(_, p)| *p)
    }

    /// The prompt for the body of the custom section headed `heading`.
    pub fn section_prompt(&self, heading: &str) -> Option<&'static str> {
        self.prompts
            .iter()
            .find(|(f, _)| f.strip_prefix("section:") == Some(heading))
            .map(|(_, p)| *p)
    }
}

/// The template `new` uses when none is named.
pub const DEFAULT: &str = "blank";

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "blank",
        title: "Blank",
        description: "the standard sections, empty (as a new draft in the editor)",
        build: Document::new,
        prompts: &[],
    },
    Template {
        name: "full",
        title: "Every section",
        description: "the standard sections and every optional one (misleading paths, escalation, lessons learned), empty",
        build: full,
        prompts: &[],
    },
    Template {
        name: "web-service-outage",
        title: "Web-service outage",
        description: "a site or API down or slow: detection, misleading paths, escalation, the fix",
        build: web_service_outage,
        prompts: &[
            ("title", "Checkout API returned 502s after a load-balancer change"),
            ("impact", "What was down or slow, what users saw, and how many (e.g. 100% of checkout requests failed)"),
            ("summary-root-cause", "One sentence: what broke (e.g. a health check took every backend out of the pool)"),
            ("timeline-notes", "How the issue was detected (an alert, an engineer, a customer); then each action, misleading path, escalation and the fix as rows"),
            ("root-cause", "What caused it, in detail: the change or failure, and why it took the service down"),
            ("resolution", "How it was fixed, and how you knew it was fixed"),
            ("misleading", "What looked like the cause but was not, and why the team thought so"),
            ("escalation", "Which team or person was called in, when, and why"),
            ("measures-notes", "What to improve or fix, broadly (e.g. alert on the pool's count of healthy backends)"),
        ],
    },
    Template {
        name: "google-sre",
        title: "Google SRE book",
        description: "the SRE book's postmortem: impact, trigger, detection, lessons learned (went well, went wrong, got lucky)",
        build: google_sre,
        prompts: &[
            ("impact", "Who was affected and how much: users, queries or revenue lost"),
            ("summary-root-cause", "The root causes, in a sentence: what, not who"),
            ("root-cause", "Why it happened: the underlying causes and the conditions that let them matter"),
            ("resolution", "What was done to mitigate, then to fix for good"),
            ("section:Trigger", "What set the root cause off: a change, a load spike, a failure elsewhere"),
            ("section:Detection", "How the problem was found: which alert or person, and how long after it began"),
            ("went-well", "What went well: the alert that fired, the runbook that worked, the help that came"),
            ("went-wrong", "What went wrong: what slowed detection, diagnosis or the fix"),
            ("got-lucky", "Where we got lucky: what could have made it worse but did not"),
            ("section:Supporting information", "Links: dashboards, graphs, logs, the incident channel"),
        ],
    },
    Template {
        name: "security-incident",
        title: "Security incident",
        description: "an intrusion or data exposure: detection, containment, eradication, recovery",
        build: security_incident,
        prompts: &[
            ("impact", "What systems, accounts or data were affected; whether personal data was exposed and who must be told"),
            ("summary-root-cause", "How the attacker got in, or how the data was exposed"),
            ("root-cause", "The weakness and how it was used: the vulnerability, the leaked credential, the misconfiguration"),
            ("resolution", "Where things stand: the access closed, the systems clean, who was notified"),
            ("section:Detection", "How the incident was found (alert, report, audit) and when, against when it began"),
            ("section:Containment", "What stopped it spreading: accounts disabled, hosts isolated, keys revoked"),
            ("section:Eradication", "What was removed or fixed: malware, back doors, the vulnerability itself"),
            // Not "Recovery": import reads a heading with that word as the
            // resolution, which the document already has.
            ("section:Restoring systems", "Recovery: how systems came back to normal and were checked clean; the monitoring kept in place"),
        ],
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

fn with_sections(mut doc: Document, headings: &[&str]) -> Document {
    for heading in headings {
        let id = doc.fresh_id();
        doc.custom.push(CustomSection { id, heading: heading.to_string(), ..Default::default() });
    }
    doc
}

fn web_service_outage() -> Document {
    let mut doc = Document::new();
    doc.misleading = Some(String::new());
    doc.escalation = Some(String::new());
    doc
}

fn google_sre() -> Document {
    let mut doc = Document::new();
    doc.lessons = Some(Lessons::default());
    with_sections(doc, &["Trigger", "Detection", "Supporting information"])
}

fn security_incident() -> Document {
    with_sections(
        Document::new(),
        &["Detection", "Containment", "Eradication", "Restoring systems"],
    )
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

    #[test]
    fn each_kind_has_its_sections() {
        let cases: [(&str, &[&str]); 3] = [
            ("web-service-outage", &["## Misleading investigation paths", "## Escalation"]),
            (
                "google-sre",
                &[
                    "## Trigger",
                    "## Detection",
                    "### What went well",
                    "### Where we got lucky",
                    "## Supporting information",
                ],
            ),
            (
                "security-incident",
                &["## Detection", "## Containment", "## Eradication", "## Restoring systems"],
            ),
        ];
        for (name, headings) in cases {
            let markdown = to_markdown(&find(name).unwrap().document());
            for heading in headings {
                assert!(
                    markdown.lines().any(|l| l == *heading),
                    "{name}: {heading} in\n{markdown}"
                );
            }
        }
    }

    #[test]
    fn prompts_are_never_exported_and_each_names_a_field_the_template_has() {
        for t in TEMPLATES {
            let doc = t.document();
            let markdown = to_markdown(&doc);
            for (field, prompt) in t.prompts {
                assert!(!markdown.contains(prompt), "{}: prompt for {field} exported", t.name);
                if let Some(heading) = field.strip_prefix("section:") {
                    assert!(
                        doc.custom.iter().any(|c| c.heading == heading),
                        "{}: {heading}",
                        t.name
                    );
                    assert_eq!(t.section_prompt(heading), Some(*prompt));
                } else {
                    assert_eq!(t.prompt(field), Some(*prompt));
                }
            }
            // The draft remembers where it came from (for its prompts).
            assert_eq!(doc.template, t.name);
        }
        assert_eq!(find("blank").unwrap().prompt("impact"), None);
    }
}
