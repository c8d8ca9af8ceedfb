//! Markdown that pulldown-cmark (CommonMark 0.31) and GitHub's cmark-gfm
//! (0.29.0.gfm.6) read differently, written so that both read it as GitHub
//! does: the export's text then shows on GitHub as in the preview. (HTML's
//! differences, comments and declarations, are in `html::fields`, with the
//! rest of what the export does to an author's HTML.)

use pulldown_cmark::{Event, Options, Parser};

/// The Markdown dialect we write and render: GitHub's.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
}

/// `text` with each task box that ends its line (`- [ ]` with nothing after
/// it on the line) written `\[ ]`: GitHub shows such a box as the text
/// `[ ]` (its tasks need a space or tab after the box), pulldown-cmark as a
/// checkbox. Written so, both show the text.
pub fn task_boxes_ending_a_line(text: &str, options: Options) -> String {
    if !text.contains(']') {
        return text.to_string();
    }
    // Read as it is in the document, a line end after it (at the very end
    // of a file, pulldown-cmark makes no box of it either).
    let read = format!("{text}\n");
    let boxes: Vec<usize> = Parser::new_ext(&read, options)
        .into_offset_iter()
        .filter(|(event, range)| {
            matches!(event, Event::TaskListMarker(_)) && read[range.end..].starts_with(['\n', '\r'])
        })
        .map(|(_, range)| range.start)
        .collect();
    let mut out = text.to_string();
    for &at in boxes.iter().rev() {
        out.insert(at, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TASKS: Options = Options::ENABLE_TASKLISTS;

    #[test]
    fn a_task_box_that_ends_its_line_is_text() {
        assert_eq!(task_boxes_ending_a_line("- [ ]\n- [x] done", TASKS), "- \\[ ]\n- [x] done");
        assert_eq!(task_boxes_ending_a_line("* [X]\n  more", TASKS), "* \\[X]\n  more");
        assert_eq!(task_boxes_ending_a_line("> 1. [ ]", TASKS), "> 1. \\[ ]");
        assert_eq!(task_boxes_ending_a_line("- [ ]\r\n", TASKS), "- \\[ ]\r\n");
        for kept in ["- [ ] a task", "- [ ] ", "- [x]\tdone", "- \\[ ]", "[ ]", "- `[ ]`"] {
            assert_eq!(task_boxes_ending_a_line(kept, TASKS), kept);
        }
    }

    #[test]
    fn written_so_it_stays_so() {
        let once = task_boxes_ending_a_line("- [ ]\n\n  - [x]\n", TASKS);
        assert_eq!(task_boxes_ending_a_line(&once, TASKS), once);
    }
}
