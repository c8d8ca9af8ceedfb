//! The editor's canonical Markdown of a file (`postmortem fmt`), and
//! whether it may replace the file: only when import found the file's
//! sections, no word of it would be lost, and formatting the result again
//! would give it back unchanged.

use crate::export::to_markdown;
use crate::import::{import, words_lost, ImportKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Canonical {
    /// The file is already the canonical Markdown.
    Unchanged,
    /// The canonical Markdown, which has every word of the file.
    Rewrite(String),
    /// Why the file must stay as it is written.
    Keep(String),
}

/// How many of the lost words a reason names.
const WORDS_NAMED: usize = 8;

pub fn canonical(text: &str) -> Canonical {
    let imported = import(text);
    let first = |kind: ImportKind| imported.findings.iter().find(|f| f.kind == kind);
    // Formatting would tidy both sides of a conflict into one document, and
    // whoever resolves it would lose the markers that show the sides.
    if let Some(f) = first(ImportKind::ConflictMarker) {
        return Canonical::Keep(format!(
            "it has an unresolved merge conflict (line {}): resolve it first",
            f.line
        ));
    }
    if first(ImportKind::NotAPostmortem).or(first(ImportKind::NoSections)).is_some() {
        return Canonical::Keep(
            "no postmortem section (summary, timeline, root cause, measures) was found, so \
             formatting would only move its text around"
                .into(),
        );
    }
    let out = to_markdown(&imported.doc);
    if out == text {
        return Canonical::Unchanged;
    }
    let lost = words_lost(text, &out);
    if !lost.is_empty() {
        let named = lost.iter().take(WORDS_NAMED).cloned().collect::<Vec<_>>().join(", ");
        let more = lost.len().saturating_sub(WORDS_NAMED);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        return Canonical::Keep(format!(
            "the canonical Markdown would lose {} word{}: {named}{more}",
            lost.len(),
            if lost.len() == 1 { "" } else { "s" }
        ));
    }
    if to_markdown(&import(&out).doc) != out {
        return Canonical::Keep(
            "its canonical Markdown would change again if formatted twice (please report this \
             file)"
                .into(),
        );
    }
    Canonical::Rewrite(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn the_editors_own_markdown_is_left_unchanged() {
        assert_eq!(canonical(&to_markdown(&sample::document(20))), Canonical::Unchanged);
    }

    #[test]
    fn a_hand_written_postmortem_is_rewritten_without_loss_once() {
        let text = "# Outage\n\nISSUE SUMMARY\n\nFrom 14:00 to 15:00 UTC checkout was down.\n\nTIMELINE\n\n* 14:00 - alert fired\n* 14:30 - rolled back\n";
        let Canonical::Rewrite(out) = canonical(text) else { panic!("{:?}", canonical(text)) };
        assert_ne!(out, text);
        assert_eq!(words_lost(text, &out), Vec::<String>::new());
        assert_eq!(canonical(&out), Canonical::Unchanged);
    }

    proptest::proptest! {
        /// What fmt writes has every word of the file and is left alone
        /// by a second run.
        #[test]
        fn a_rewrite_loses_no_word_and_is_final(
            d in crate::arbitrary::document(),
            cut in 0usize..2000,
        ) {
            let whole = to_markdown(&d);
            let at = whole.char_indices().nth(cut).map_or(whole.len(), |c| c.0);
            for text in [&whole[..], &whole[at..]] {
                if let Canonical::Rewrite(out) = canonical(text) {
                    proptest::prop_assert_eq!(words_lost(text, &out), Vec::<String>::new());
                    proptest::prop_assert_eq!(canonical(&out), Canonical::Unchanged);
                }
            }
        }
    }

    #[test]
    fn a_conflict_or_a_text_without_sections_stays_as_written() {
        let conflict = "# Outage\n\n## Timeline\n<<<<<<< HEAD\n- 14:00 alert\n=======\n- 14:01 alert\n>>>>>>> b\n";
        assert!(matches!(canonical(conflict), Canonical::Keep(r) if r.contains("line 4")));
        let notes = "Meeting notes\n\nWe talked about lunch.\n";
        assert!(
            matches!(canonical(notes), Canonical::Keep(r) if r.contains("no postmortem section"))
        );
    }
}
