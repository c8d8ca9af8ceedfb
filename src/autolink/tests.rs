//! `autolink`'s tests: the GFM spec's examples, our own, and properties
//! of the passes over random Markdown.

use proptest::prelude::*;
use pulldown_cmark::{html::push_html, Event, Options, Parser};

use super::autolinks;
use super::email::join_text;

const OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_TASKLISTS).union(Options::ENABLE_STRIKETHROUGH);

fn linked(markdown: &str) -> Vec<Event<'_>> {
    autolinks(markdown, Parser::new_ext(markdown, OPTIONS).into_offset_iter())
}

fn html(markdown: &str) -> String {
    let mut out = String::new();
    push_html(&mut out, linked(markdown).into_iter());
    out
}

/// Markdown made of what the passes look at: addresses' pieces,
/// punctuation they trim, delimiters, brackets, escapes, references,
/// code, HTML, and the block marks of cells, items and quotes.
fn markdown() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "www.",
        "http://",
        "https://",
        "ftp://",
        "mailto:",
        "xmpp:",
        "a",
        "b.c",
        "_",
        "*",
        "**",
        "~",
        "(",
        ")",
        "[",
        "]",
        "![",
        "](x)",
        "!",
        "@",
        "e@f.g",
        "&",
        "&amp;",
        ";",
        "&hl;",
        "<",
        ">",
        "<b>",
        "</b>",
        "`",
        "\\",
        ".",
        ",",
        ":",
        "/",
        "|",
        "-",
        "'",
        "\"",
        "?",
        " ",
        "\n",
        "\n\n",
        "\n- ",
        "\n- [ ] ",
        "\n> ",
        "\n# ",
        "\n| a |\n|-|\n| ",
        "é",
        "\u{a0}",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
}

#[test]
fn the_gfm_specs_examples() {
    for (markdown, expected) in [
        (
            "www.commonmark.org",
            "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n",
        ),
        (
            "Visit www.commonmark.org/help for more information.",
            "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more information.</p>\n",
        ),
        (
            "Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.",
            "<p>Visit <a href=\"http://www.commonmark.org\">www.commonmark.org</a>.</p>\n<p>Visit <a href=\"http://www.commonmark.org/a.b\">www.commonmark.org/a.b</a>.</p>\n",
        ),
        (
            "www.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=Markup+(business)))\n\n(www.google.com/search?q=Markup+(business))\n\n(www.google.com/search?q=Markup+(business)",
            "<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>))</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>)</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n",
        ),
        (
            "www.google.com/search?q=(business))+ok",
            "<p><a href=\"http://www.google.com/search?q=(business))+ok\">www.google.com/search?q=(business))+ok</a></p>\n",
        ),
        (
            "www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;",
            "<p><a href=\"http://www.google.com/search?q=commonmark&amp;hl=en\">www.google.com/search?q=commonmark&amp;hl=en</a></p>\n<p><a href=\"http://www.google.com/search?q=commonmark\">www.google.com/search?q=commonmark</a>&amp;hl;</p>\n",
        ),
        (
            "www.commonmark.org/he<lp",
            "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n",
        ),
        (
            "http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\nAnonymous FTP is available at ftp://foo.bar.baz.",
            "<p><a href=\"http://commonmark.org\">http://commonmark.org</a></p>\n<p>(Visit <a href=\"https://encrypted.google.com/search?q=Markup+(business)\">https://encrypted.google.com/search?q=Markup+(business)</a>)</p>\n<p>Anonymous FTP is available at <a href=\"ftp://foo.bar.baz\">ftp://foo.bar.baz</a>.</p>\n",
        ),
        (
            "foo@bar.baz",
            "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n",
        ),
        (
            "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
            "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>\n",
        ),
        (
            "a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_",
            "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>\n<p>a.b-c_d@a.b-</p>\n<p>a.b-c_d@a.b_</p>\n",
        ),
        (
            "mailto:foo@bar.baz\n\nmailto:a.b-c_d@a.b\n\nmailto:a.b-c_d@a.b.\n\nmailto:a.b-c_d@a.b/\n\nmailto:a.b-c_d@a.b-\n\nmailto:a.b-c_d@a.b_\n\nxmpp:foo@bar.baz\n\nxmpp:foo@bar.baz.",
            "<p><a href=\"mailto:foo@bar.baz\">mailto:foo@bar.baz</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a>.</p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a>/</p>\n<p>mailto:a.b-c_d@a.b-</p>\n<p>mailto:a.b-c_d@a.b_</p>\n<p><a href=\"xmpp:foo@bar.baz\">xmpp:foo@bar.baz</a></p>\n<p><a href=\"xmpp:foo@bar.baz\">xmpp:foo@bar.baz</a>.</p>\n",
        ),
        (
            "xmpp:foo@bar.baz/txt\n\nxmpp:foo@bar.baz/txt@bin\n\nxmpp:foo@bar.baz/txt@bin.com",
            "<p><a href=\"xmpp:foo@bar.baz/txt\">xmpp:foo@bar.baz/txt</a></p>\n<p>xmpp:foo@bar.baz/txt@bin</p>\n<p>xmpp:foo@bar.baz/<a href=\"mailto:txt@bin.com\">txt@bin.com</a></p>\n",
        ),
    ] {
        assert_eq!(html(markdown), expected, "{markdown}");
    }
}

#[test]
fn trailing_punctuation_parentheses_and_references() {
    for (markdown, expected) in [
        (
            "See https://status.example.com/incidents/42, then http://a.example/x?y=1! Or ftp://files.example.org: done; 'https://q.example/a' \"www.q.example/b\"",
            "<p>See <a href=\"https://status.example.com/incidents/42\">https://status.example.com/incidents/42</a>, then <a href=\"http://a.example/x?y=1\">http://a.example/x?y=1</a>! Or <a href=\"ftp://files.example.org\">ftp://files.example.org</a>: done; '<a href=\"https://q.example/a\">https://q.example/a</a>' \"www.q.example/b\"</p>\n",
        ),
        (
            "https://en.wikipedia.org/wiki/Pikachu_(Electric) https://a.example/((x)) https://a.example/x)) (see https://a.example/y)",
            "<p><a href=\"https://en.wikipedia.org/wiki/Pikachu_(Electric)\">https://en.wikipedia.org/wiki/Pikachu_(Electric)</a> <a href=\"https://a.example/((x))\">https://a.example/((x))</a> <a href=\"https://a.example/x\">https://a.example/x</a>)) (see <a href=\"https://a.example/y\">https://a.example/y</a>)</p>\n",
        ),
        (
            "https://a.example/?q=a&amp; https://a.example/&copy; x https://a.example/&hl;y www.a.example/<b>",
            "<p><a href=\"https://a.example/?q=a\">https://a.example/?q=a</a>&amp; <a href=\"https://a.example/\">https://a.example/</a>© x <a href=\"https://a.example/&amp;hl;y\">https://a.example/&amp;hl;y</a> <a href=\"http://www.a.example/\">www.a.example/</a><b></p>\n",
        ),
    ] {
        assert_eq!(html(markdown), expected, "{markdown}");
    }
}

#[test]
fn email_addresses() {
    assert_eq!(
        html("Mail ops+oncall@example.com, ops.team@example.co.uk. or first.last@example.com_ or a@b.c@d.com"),
        "<p>Mail <a href=\"mailto:ops+oncall@example.com\">ops+oncall@example.com</a>, <a href=\"mailto:ops.team@example.co.uk\">ops.team@example.co.uk</a>. or first.last@example.com_ or a@<a href=\"mailto:b.c@d.com\">b.c@d.com</a></p>\n"
    );
}

#[test]
fn an_underscore_in_a_domains_last_two_segments() {
    // Host names may not hold `_`; in a path it is fine.
    assert_eq!(
        html("www.a_b.example.com www.example.a_b.com www.example.com_b www.example_b.com/x_y_z"),
        "<p><a href=\"http://www.a_b.example.com\">www.a_b.example.com</a> www.example.a_b.com www.example.com_b www.example_b.com/x_y_z</p>\n"
    );
}

#[test]
fn where_a_link_may_start() {
    // After a space, `*`, `_`, `~` or `(`, or at a line's start; a
    // scheme in any case, `www.` in small letters. (`_www.b.example_`
    // is not linked: cmark-gfm reads the domain on to the next space,
    // so the closing `_` counts as an underscore in its last segment.)
    // A URL's host may be short (`http://a`), a `www.` address is cut
    // before a final period.
    for (markdown, expected) in [
        (
            "*https://a.example* _www.b.example_ (www.c.example) ~~https://d.example~~ x_www.e.example xwww.f.example",
            "<p><em><a href=\"https://a.example\">https://a.example</a></em> <em>www.b.example</em> (<a href=\"http://www.c.example\">www.c.example</a>) <del><a href=\"https://d.example\">https://d.example</a></del> x_<a href=\"http://www.e.example\">www.e.example</a> xwww.f.example</p>\n",
        ),
        (
            "Http://A.example HTTPS://B.example WWW.c.example xhttp://d.example 1http://e.example",
            "<p><a href=\"Http://A.example\">Http://A.example</a> <a href=\"HTTPS://B.example\">HTTPS://B.example</a> WWW.c.example xhttp://d.example 1<a href=\"http://e.example\">http://e.example</a></p>\n",
        ),
        (
            "www. www.a http://localhost:8080/x http://a\n",
            "<p><a href=\"http://www\">www</a>. <a href=\"http://www.a\">www.a</a> <a href=\"http://localhost:8080/x\">http://localhost:8080/x</a> <a href=\"http://a\">http://a</a></p>\n",
        ),
    ] {
        assert_eq!(html(markdown), expected, "{markdown}");
    }
}

#[test]
fn in_emphasis_cells_items_quotes_and_headings() {
    for (markdown, expected) in [
        (
            "**Link:** https://a.example/x, then *see www.b.example/y.*",
            "<p><strong>Link:</strong> <a href=\"https://a.example/x\">https://a.example/x</a>, then <em>see <a href=\"http://www.b.example/y\">www.b.example/y</a>.</em></p>\n",
        ),
        (
            "| When | What |\n| --- | --- |\n| 14:05 | Paged from https://alerts.example/1 by oncall@example.com |\n| 14:10 |www.status.example|\n| 14:20 | https://a.example/x\\|y |",
            "<table><thead><tr><th>When</th><th>What</th></tr></thead><tbody>\n<tr><td>14:05</td><td>Paged from <a href=\"https://alerts.example/1\">https://alerts.example/1</a> by <a href=\"mailto:oncall@example.com\">oncall@example.com</a></td></tr>\n<tr><td>14:10</td><td><a href=\"http://www.status.example\">www.status.example</a></td></tr>\n<tr><td>14:20</td><td><a href=\"https://a.example/x%7Cy\">https://a.example/x|y</a></td></tr>\n</tbody></table>\n",
        ),
        (
            "- Fixed in https://git.example/pr/7\n- [ ] Tell support@example.com\n- [x] www.done.example",
            "<ul>\n<li>Fixed in <a href=\"https://git.example/pr/7\">https://git.example/pr/7</a></li>\n<li><input disabled=\"\" type=\"checkbox\"/>\nTell <a href=\"mailto:support@example.com\">support@example.com</a></li>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n<a href=\"http://www.done.example\">www.done.example</a></li>\n</ul>\n",
        ),
        (
            "> Reported at https://a.example\n>www.b.example",
            "<blockquote>\n<p>Reported at <a href=\"https://a.example\">https://a.example</a>\n<a href=\"http://www.b.example\">www.b.example</a></p>\n</blockquote>\n",
        ),
        (
            "# Status: https://status.example #",
            "<h1>Status: <a href=\"https://status.example\">https://status.example</a></h1>\n",
        ),
    ] {
        assert_eq!(html(markdown), expected, "{markdown}");
    }
}

#[test]
fn never_in_code_links_images_or_html_blocks() {
    for (markdown, expected) in [
        (
            "`https://a.example` and ``www.b.example`` and [the https://c.example page](https://d.example) and ![www.e.example](x.png) and <https://f.example>",
            "<p><code>https://a.example</code> and <code>www.b.example</code> and <a href=\"https://d.example\">the https://c.example page</a> and <img src=\"x.png\" alt=\"www.e.example\" /> and <a href=\"https://f.example\">https://f.example</a></p>\n",
        ),
        (
            "```\nhttp://a.example\n```\n\n    www.indented.example",
            "<pre><code>http://a.example\n</code></pre>\n<pre><code>www.indented.example</code></pre>\n",
        ),
        (
            "<span>https://a.example ops@example.com</span>\n\n<div>\nhttps://b.example\n</div>",
            "<p><span><a href=\"https://a.example\">https://a.example</a> <a href=\"mailto:ops@example.com\">ops@example.com</a></span></p>\n<div>\nhttps://b.example\n</div>",
        ),
    ] {
        assert_eq!(html(markdown), expected, "{markdown}");
    }
}

#[test]
fn not_after_an_open_bracket() {
    // A `[` not yet closed in the paragraph could still start a link's
    // text, where cmark-gfm makes no link; a closed one ends that.
    assert_eq!(
        html("[https://a.example] [x] https://b.example [unclosed https://c.example"),
        "<p>[https://a.example] [x] <a href=\"https://b.example\">https://b.example</a> [unclosed https://c.example</p>\n"
    );
}

#[test]
fn the_address_is_its_source_as_written() {
    assert_eq!(
        html("https://a.example/a\\_b www.a.example/`x`"),
        "<p><a href=\"https://a.example/a%5C_b\">https://a.example/a\\_b</a> <a href=\"http://www.a.example/%60x%60\">www.a.example/`x`</a></p>\n"
    );
}

#[test]
fn emphasis_a_link_takes_the_start_of_is_text() {
    // The delimiter the link does not take is shown as typed, as
    // cmark-gfm shows it: the link was read first.
    for (markdown, expected) in [
        (
            "https://a.example/_x_ https://a.example/*y* https://a.example/**z**.",
            "<p><a href=\"https://a.example/_x\">https://a.example/_x</a>_ <a href=\"https://a.example/*y\">https://a.example/*y</a>* <a href=\"https://a.example/**z\">https://a.example/**z</a>**.</p>\n",
        ),
        (
            "*www.a.example*x",
            "<p>*<a href=\"http://www.a.example*x\">www.a.example*x</a></p>\n",
        ),
    ] {
        assert_eq!(html(markdown), expected, "{markdown}");
    }
}

/// pulldown-cmark's events with adjacent text joined, as the pass gives them.
fn joined(markdown: &str) -> Vec<Event<'_>> {
    join_text(Parser::new_ext(markdown, OPTIONS).collect())
}

proptest! {
    #[test]
    fn links_only_where_an_address_is_and_tags_stay_balanced(md in markdown()) {
        let events = linked(&md);
        let mut open = 0i64;
        for event in &events {
            match event {
                Event::Start(_) => open += 1,
                Event::End(_) => open -= 1,
                _ => {}
            }
            prop_assert!(open >= 0, "{:?}", md);
        }
        prop_assert_eq!(open, 0, "{:?}", md);
        // No `w`, `:` or `@`: nothing to link, the events are the parser's.
        let plain: String = md.chars().filter(|c| !matches!(c, 'w' | ':' | '@')).collect();
        prop_assert_eq!(linked(&plain), joined(&plain), "{:?}", plain);
    }
}
