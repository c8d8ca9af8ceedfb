//! Text that our export writes otherwise than it was pasted is read, the
//! first time already, as the export will write it, so that importing the
//! export gives the same document: each case here was once a fixed point
//! missed by the fuzzer (`scripts/fuzz`), reduced to the kind of writing
//! that caused it.

use super::{imported, md};
use crate::import::import;

#[test]
fn a_heading_line_under_a_list_ends_the_list() {
    // Right under the last entry (to the parser, more of its paragraph),
    // or indented after a blank line (a paragraph of the item): the
    // author meant a heading, and the section under it is read so.
    for text in [
        "# Outage\n\n## Timeline\n- 9:05 Site down\n- 9:10 Template fixed\n**Root Cause of the trouble**\n\nThe template set max_connections=10.\n",
        "# Outage\n\n## Timeline\n- 9:05 Site down\n- 9:10 Template fixed\n\n  Root Cause:\n\nThe template set max_connections=10.\n",
    ] {
        let d = imported(text).doc;
        let events: Vec<&str> = d.timeline.iter().map(|r| r.event.as_str()).collect();
        assert_eq!(events, ["Site down", "Template fixed"], "{text:?}");
        assert_eq!(d.root_cause, "The template set max_connections=10.", "{text:?}");
        assert_eq!(d.timeline_notes, "", "{text:?}");
    }
    // An indented line that goes on with the entry's own text stays in it.
    let d = imported("## Timeline\n- 9:05 Site down\n- 9:10 Fixed by\n  Root Cause\n").doc;
    assert_eq!(d.timeline[1].event, "Fixed by Root Cause");
}

#[test]
fn a_heading_nested_in_an_entry_stands_apart_from_the_text_after_it() {
    // "  ### Root cause" inside the last item, then a paragraph at the
    // margin: in the notes, the paragraph is a block of its own under the
    // heading, as it will be read next time.
    let text = "# Outage\n\n## Timeline\n- 2:20 PM Certificate expired\n\n  ### Why\nWe will monitor expiry dates.\n";
    let d = imported(text).doc;
    assert_eq!(d.timeline.len(), 1);
    assert_eq!(d.timeline_notes, "  ### Why\n\nWe will monitor expiry dates.");
}

#[test]
fn a_textarea_starting_a_block_is_text_as_github_reads_it() {
    // pulldown-cmark (CommonMark 0.31) would read a `<textarea>` block to
    // its end tag, here the rest of the document; GitHub (0.29) does not,
    // and the export writes it as text: the sections after it are read.
    let text = "# Outage\n\nWritten by the SRE team.\n<textarea>\nsomething\n\n## Timeline\n- 9:05 Site down\n\n## Root Cause\nA typo.\n";
    let got = imported(text);
    assert_eq!(got.doc.timeline.len(), 1, "{:?}", got.doc);
    assert_eq!(got.doc.root_cause, "A typo.");
    assert_eq!(got.doc.intro, "Written by the SRE team.\n&lt;textarea>\nsomething");
    // Its words are all there, and so are the lines below it.
    assert_eq!(got.title_line, 1);
    assert_eq!(got.row_lines, [8]);
}

#[test]
fn an_entry_of_a_day_dates_the_times_after_it_in_every_shape() {
    // "2024" after the date is its year, read the same in an entry and in
    // the table row the export writes of it.
    for text in [
        "## Timeline\n- 22nd January 2024: Auto-update disabled.\n- 7:26 Backlog replayed.\n",
        "## Timeline\n22nd January 2024: Auto-update disabled.\n\n7:26\nBacklog replayed.\n",
        "## Timeline\n| Time | Event |\n| --- | --- |\n| 22nd January 2024 | Auto-update disabled. |\n| 7:26 | Backlog replayed. |\n",
    ] {
        let d = imported(text).doc;
        let times: Vec<&str> = d.timeline.iter().map(|r| r.time.as_str()).collect();
        assert_eq!(times, ["22nd January 2024", "22nd January 2024 7:26"], "{text:?}");
    }
}

#[test]
fn a_code_block_holding_control_characters_is_closed_once() {
    let text = "## Appendix: IRC log\n\n```\n[18:28] <dara> queue stuck\n<a href=\"\u{1}java\u{3}script:x\">a</a>\n```\n";
    let once = md(&import(text).doc);
    assert_eq!(once.matches("```").count(), 2, "{once}");
    assert_eq!(md(&import(&once).doc), once);
}

#[test]
fn html_in_a_heading_that_the_parser_reads_only_once_another_tag_is_text_is_text() {
    // "<frameset onload=x</p>" is no tag to the parser (an unquoted value
    // holds no "<") until its "</p>" is shown as text; then it is one,
    // shown as text too, in the first export already.
    let text = "# Outage\n\n## Timeline\n- 9:05 Site down\n\n## Root Cause and R><frameset onload=window.x</p><tbody>esolution\n\nA typo.\n";
    let once = md(&import(text).doc);
    assert!(once.contains("&lt;frameset"), "{once}");
    assert_eq!(md(&import(&once).doc), once);
}

#[test]
fn a_heading_line_at_the_margin_between_items_ends_the_list_there() {
    let text = "## Root Cause and Resolution\n\n- **Cause:** The failover script left the old scheduler running.\nLESSONS LEARNED\n- Stop the old one first.\n";
    let d = imported(text).doc;
    assert_eq!(d.root_cause, "The failover script left the old scheduler running.", "{d:?}");
    let custom: Vec<(&str, &str)> =
        d.custom.iter().map(|c| (c.heading.as_str(), c.body.as_str())).collect();
    assert_eq!(custom, [("LESSONS LEARNED", "- Stop the old one first.")]);
}

#[test]
fn a_day_written_above_a_pasted_chat_log_dates_its_messages() {
    let text = "## Timeline\n\nThe incident channel as copied from Slack.\nMonday, March 4th\n\n```\nPriya Raman\n  9:58 PM\njoined #inc-checkout.\nPriya Raman\n  10:02 PM\ncheckout p99 is at 8s\n```\n";
    let d = imported(text).doc;
    let times: Vec<&str> = d.timeline.iter().map(|r| r.time.as_str()).collect();
    assert!(times.iter().all(|t| t.starts_with("Monday, March 4th")), "{times:?}");
}

#[test]
fn a_task_box_with_only_blanks_after_it_is_the_text_of_its_item() {
    // As "- [x]" at the end of its line: GitHub shows the text "[x]".
    let d = imported("## Action Items\n- [ ] **Add a dead-letter queue**  \n- [x] \n").doc;
    let tasks: Vec<(&str, bool)> = d.tasks.iter().map(|t| (t.text.as_str(), t.done)).collect();
    assert_eq!(tasks, [("**Add a dead-letter queue**", false), ("[x]", false)]);
}

#[test]
fn a_list_of_only_a_task_label_leaves_the_list_above_it_the_measures() {
    // Once its tasks are written under their own heading, the list above
    // is the last one in the section, read as its measures.
    let text = "## Corrective and Preventive Measures\n\n- **Improvements:**\n  1. Stop the old scheduler first.\n* Alert when the send rate doubles.\n- **Tasks to Close the Incident:**\n  - Write a runbook for scheduler failover.\n";
    let d = imported(text).doc;
    let items: Vec<&str> = d.improvements.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(items, ["Alert when the send rate doubles."]);
    let tasks: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(tasks, ["Write a runbook for scheduler failover."]);
}
