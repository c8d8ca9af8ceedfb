//! The block-by-block preview always equals the whole document's
//! rendering, after random edits of every kind.

use super::*;

/// A small deterministic generator, so a failure can be replayed.
struct Rng(Cell<u64>);

impl Rng {
    fn next(&self) -> u64 {
        let mut x = self.0.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0.set(x);
        x
    }
    fn below(&self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn text(&self) -> String {
        const PIECES: &[&str] = &[
            "word",
            "pool",
            " ",
            "\n",
            "\n\n",
            "|",
            "#",
            "# ",
            "## ",
            "*",
            "**",
            "`",
            "```",
            "<b>",
            "<script>x</script>",
            "[x](javascript:y)",
            "[r]",
            "[r]: /u",
            "\\",
            "---",
            "> ",
            "- ",
            "* ",
            "1. ",
            "[ ] ",
            "&amp;",
            "]:",
            "🦸‍♂️",
            "    ",
            "14:05",
            "2024-06-01",
            "<!--",
            "=",
            "www.",
            "https://",
            "ops@example.com",
            ".",
        ];
        (0..self.below(6)).map(|_| PIECES[self.below(PIECES.len())]).collect()
    }
}

fn random_edit(rng: &Rng, s: EditorState) {
    let texts = [
        s.title,
        s.authors,
        s.intro,
        s.start,
        s.end,
        s.zone,
        s.impact,
        s.affected,
        s.summary_root_cause,
        s.summary_notes,
        s.timeline_notes,
        s.root_cause,
        s.resolution,
        s.misleading.text,
        s.escalation.text,
        s.went_well,
        s.went_wrong,
        s.got_lucky,
        s.measures_notes,
    ];
    let pick = |n: usize| rng.below(n);
    match rng.below(16) {
        0..=3 => texts[pick(texts.len())].set(rng.text()),
        4 => {
            let after = s.rows.with_untracked(|r| r.get(pick(r.len() + 1)).map(|r| r.id));
            s.add_row(after);
        }
        5 => {
            if let Some(id) = s.rows.with_untracked(|r| r.get(pick(r.len())).map(|r| r.id)) {
                s.remove_row(id);
            }
        }
        6..=8 => {
            if let Some(r) = s.rows.with_untracked(|r| r.get(pick(r.len())).copied()) {
                match rng.below(3) {
                    0 => r.time.set(rng.text()),
                    1 => r.event.set(rng.text()),
                    _ => r.tag.set(Tag::ALL.get(pick(8)).copied()),
                }
            }
        }
        9 => {
            if let Some(id) = s.rows.with_untracked(|r| r.get(pick(r.len())).map(|r| r.id)) {
                s.move_in(s.rows, |r| r.id == id, if rng.below(2) == 0 { -1 } else { 1 });
            }
        }
        10 => match rng.below(3) {
            0 => s.misleading.on.update(|v| *v = !*v),
            1 => s.escalation.on.update(|v| *v = !*v),
            _ => s.lessons_on.update(|v| *v = !*v),
        },
        11 => {
            if rng.below(2) == 0 || s.custom.with_untracked(Vec::is_empty) {
                s.add_custom();
            } else if let Some(c) = s.custom.with_untracked(|c| c.get(pick(c.len())).copied()) {
                match rng.below(3) {
                    0 => c.heading.set(rng.text()),
                    1 => c.body.set(rng.text()),
                    _ => s.remove_custom(c.id),
                }
            }
        }
        12 => {
            if rng.below(2) == 0 || s.improvements.with_untracked(Vec::is_empty) {
                s.add_item();
            } else if let Some(i) = s.improvements.with_untracked(|l| l.get(pick(l.len())).copied())
            {
                match rng.below(3) {
                    0 | 1 => i.text.set(rng.text()),
                    _ => s.remove_item(i.id),
                }
            }
        }
        13 => {
            if rng.below(2) == 0 || s.tasks.with_untracked(Vec::is_empty) {
                s.add_task();
            } else if let Some(t) = s.tasks.with_untracked(|l| l.get(pick(l.len())).copied()) {
                match rng.below(5) {
                    0 => t.text.set(rng.text()),
                    1 => t.owner.set(rng.text()),
                    2 => t.due.set(rng.text()),
                    3 => t.done.update(|d| *d = !*d),
                    _ => s.remove_task(t.id),
                }
            }
        }
        14 => s.headings.update(|h| match rng.below(3) {
            0 => h.summary = rng.text(),
            1 => h.timeline = rng.text(),
            _ => h.tasks = rng.text(),
        }),
        _ => s.sort_rows(),
    }
}

#[wasm_bindgen_test]
async fn the_preview_always_equals_the_whole_documents_rendering() {
    for seed in 1..=25u64 {
        let rng = Rng(Cell::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1));
        let state_slot = StoredValue::new(None::<EditorState>);
        let (raw_view, _) = signal(false);
        let mut doc = Document::new();
        doc.add_row();
        leptos::mount::mount_to(host(), move || {
            let state = EditorState::new(&doc);
            state_slot.set_value(Some(state));
            let derived = Derived::new(state);
            view! { <Preview state derived raw_view public_version=Signal::stored(false)/> }
        })
        .forget();
        let state = state_slot.get_value().unwrap();
        for step in 0..20 {
            random_edit(&rng, state);
            settle(0).await;
            settle(0).await;
            let md = export::to_markdown(&state.snapshot());
            let expected = normalised(&render::to_html(&md));
            let got = preview().inner_html();
            assert_eq!(got, expected, "seed {seed}, step {step}, Markdown:\n{md}");
            let raw = region("Markdown");
            assert_eq!(
                raw.text_content().unwrap_or_default(),
                md,
                "raw view, seed {seed} step {step}"
            );
        }
    }
}
