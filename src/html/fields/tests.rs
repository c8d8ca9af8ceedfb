use super::*;
use crate::dialect::options;

fn line(t: &str) -> String {
    contained(t, Place::Line, options())
}
fn blocks(t: &str) -> String {
    contained(t, Place::Blocks, options())
}

#[test]
fn a_stray_end_tag_starting_an_html_block_in_an_item_keeps_the_block() {
    // Shown as text, "</p>" would no longer start an HTML block, and the
    // item would become a paragraph of one line more (read again, a
    // summary field it was not).
    let t = "- **Root cause:** no quota\n  </p>\n  after";
    assert_eq!(blocks(t), t);
    let parsed =
        |t: &str| Parser::new_ext(t, options()).any(|e| matches!(e, Event::Start(Tag::HtmlBlock)));
    assert!(parsed(&blocks(t)));
    // What would end the item, or the quote, is still shown as text.
    assert_eq!(blocks("- a\n  </li>\n- b"), "- a\n  &lt;/li>\n- b");
    assert_eq!(blocks("> a\n>\n> </blockquote>"), "> a\n>\n> &lt;/blockquote>");
}

#[test]
fn html_is_kept_as_written_when_it_stays_in_its_field() {
    for t in
        ["<img src=./a.png width=50%>", "a <b>b</b> <br> c", "x <kbd>Ctrl</kbd>", "`<div>` in code"]
    {
        assert_eq!(line(t), t);
    }
    let details = "<details>\n<summary>Logs</summary>\n\n```\nx\n```\n\n</details>";
    assert_eq!(blocks(details), details);
    assert_eq!(
        blocks("<div align=\"center\">\n<img src=x>\n</div>"),
        "<div align=\"center\">\n<img src=x>\n</div>"
    );
}

#[test]
fn what_would_reach_past_the_field_is_closed_or_shown_as_text() {
    // The cell, heading or item it is in closes it, for browsers too.
    assert_eq!(line("a <b>bold"), "a <b>bold");
    assert_eq!(line("x</td><td>y"), "x&lt;/td>&lt;td>y");
    assert_eq!(line("<div>in a cell</div>"), "&lt;div>in a cell&lt;/div>");
    assert_eq!(line("end</b> here"), "end&lt;/b> here");
    assert_eq!(
        blocks("<details>\n<summary>x</summary>\n\nbody"),
        "<details>\n<summary>x</summary>\n\nbody\n\n</details>"
    );
    assert_eq!(blocks("<pre>\ncode\n\nmore"), "<pre>\ncode\n\nmore\n</pre>");
    assert_eq!(
        blocks("<script>x</script><b>\nword</b>"),
        "<script>x</script><b>\nword&lt;/b>\n\n</b>"
    );
    assert_eq!(blocks("<!-- a note\n\nstill the note"), "<!-- a note\n\nstill the note\n-->");
    assert_eq!(blocks("<script>\nalert(1)"), "<script>\nalert(1)\n</script>");
    assert_eq!(blocks("<SCRIPT>x</SCRIPT>\n\n# a"), "<SCRIPT>x</SCRIPT>\n\n# a\n</script>");
    assert_eq!(blocks("<pre\u{c}>\n\nx"), "<pre\u{c}>\n\nx\n</pre>");
    // Inside a <select> the sanitiser removes, a <ul> ends nothing.
    assert_eq!(
        blocks("<p><select><ul></ul>\n\nx"),
        "<p><select><ul>&lt;/ul>\n\nx\n\n</select>\n</p>"
    );
    // After "<p></p>" in a paragraph, no paragraph is open for the
    // browser, and what opens after is closed by the field.
    assert_eq!(blocks("a <p></p><sup>x"), "a <p></p><sup>x\n\n</sup>");
    // A tag shown as text is shown whole, a tag in its values too.
    assert_eq!(line("<link href=\"<b>\">"), "&lt;link href=\"&lt;b>\">");
    // Emphasis begun after a paragraph's end closes what opens in it.
    assert_eq!(blocks("a <hr> *<svg>b* <b>c"), "a <hr> *<svg>b* <b>c\n\n</b>");
    // An item's own element left open in it is shown as text.
    assert_eq!(blocks("- a <ul><li>b\n- c"), "- a <ul>&lt;li>b\n- c");
    // A paragraph begun while a <select> is removed with what follows
    // is no paragraph for the sanitiser: its end closes nothing in it,
    // so a <select> opened there is closed by the field. One opened in
    // a paragraph the sanitiser has open ends with the paragraph.
    assert_eq!(
        blocks("<summary>a<select>b\n\nc</summary> d<select>e"),
        "<summary>a<select>b\n\nc</summary> d<select>e\n\n</select>"
    );
    assert_eq!(blocks("a<select>b\n\nc d<select>e"), "a<select>b\n\nc d<select>e");
    // Emphasis begun after the paragraph ended, holding a block, is not
    // ended by its own end tag: the field closes it after the block. Begun
    // inside the paragraph, the block ended it with the paragraph.
    assert_eq!(blocks("a <hr>b _x<summary>y_ z"), "a <hr>b _x<summary>y_ z\n\n</summary>\n</em>");
    assert_eq!(blocks("a _x<summary>y_ z"), "a _x<summary>y_ z\n\n</summary>");
    // "</form>" (dropped by the sanitiser) ends no <math>.
    assert_eq!(blocks("<form><math></form>x"), "<form><math></form>x\n\n</math>");
    // "</script>" closes no element but its own tag shown as text.
    assert_eq!(blocks("<script><math>\n</script>"), "<script><math>\n</script>\n\n</math>");
    // An HTML block's first tag that never ends is ended on its line.
    assert_eq!(blocks("<div align=\"\nx"), "<div align=\"\">\nx\n\n</div>");
    assert_eq!(
        blocks("<iframe src=x <\n- 14:05 entry\n\nnext"),
        "<iframe src=x <>\n- 14:05 entry\n\nnext\n\n</iframe>"
    );
    // A stray end tag that starts an HTML block closes nothing there,
    // and shown as text it would make the block's lines Markdown.
    assert_eq!(blocks("</div>\n**kept as HTML**"), "</div>\n**kept as HTML**");
    assert_eq!(blocks("a\n\n</b>\n# x"), "a\n\n</b>\n# x");
    assert_eq!(blocks("</div></div>\nx"), "</div>&lt;/div>\nx");
    // The end of a paragraph closes what opened in it, for browsers too.
    assert_eq!(blocks("- item <i>open\n\n```\ncode\n```"), "- item <i>open\n\n```\ncode\n```");
    assert_eq!(
        blocks("<div>\n\n- item\n\n```\ncode\n```"),
        "<div>\n\n- item\n\n```\ncode\n```\n\n</div>"
    );
}

#[test]
fn html_only_commonmark_0_31_reads_is_shown_as_text_as_on_github() {
    assert_eq!(blocks("a <!-- a -- b --> c"), "a &lt;!-- a -- b --> c");
    assert_eq!(blocks("a <!--> b <!---> c"), "a &lt;!--> b &lt;!---> c");
    assert_eq!(blocks("a <!doctype html> b"), "a &lt;!doctype html> b");
    assert_eq!(blocks("<!doctype html>"), "&lt;!doctype html>");
    assert_eq!(blocks("<textarea>\nhello"), "&lt;textarea>\nhello");
    // Comments and declarations both read alike are kept, as is a
    // `<textarea>` inside a paragraph (an inline tag to both).
    for kept in
        ["a <!-- note --> b", "<!-- a -- b -->", "<!DOCTYPE html>", "x <textarea>y</textarea> z"]
    {
        assert_eq!(blocks(kept), kept);
    }
}

#[test]
fn contained_text_stays_as_it_is() {
    for t in [
        "a <b>bold",
        "x</td><td>y",
        "<details>\n<summary>x</summary>\n\nbody",
        "<pre>\ncode",
        "<iframe src=x <\n- 14:05 entry",
    ] {
        let once = blocks(t);
        assert_eq!(blocks(&once), once, "{t}");
        let once = line(t);
        assert_eq!(line(&once), once, "{t}");
    }
}

#[test]
fn what_opens_after_the_end_of_an_element_a_paragraph_is_in_is_outside_the_paragraph() {
    // "</details>" in the paragraph's text closes the details and the
    // paragraph in it (as browsers and the sanitiser do): the "<option>"
    // after it is open at the field's top level, so the field closes it;
    // left open, it would take in the sections after the field.
    let t = "<details open>\n\ntext</details> more <option>x";
    let out = blocks(t);
    assert!(out.ends_with("\n\n</option>"), "{out}");
    let whole = crate::render::to_html(&format!("{out}\n\n## Next section\n"));
    assert!(whole.contains("<h2>Next section</h2>"), "{whole}");
}
