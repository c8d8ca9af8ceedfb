//! What GitHub shows of the HTML in a Markdown file: the elements,
//! attributes and URL schemes its sanitiser keeps (html-pipeline's
//! `SanitizationFilter`, v2, whose lists github.com has long rendered
//! with), and the tags its `tagfilter` extension shows as text.

/// Elements kept (their attributes are checked one by one).
const ELEMENTS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "b",
    "i",
    "strong",
    "em",
    "a",
    "pre",
    "code",
    "img",
    "tt",
    "div",
    "ins",
    "del",
    "sup",
    "sub",
    "p",
    "ol",
    "ul",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "kbd",
    "q",
    "samp",
    "var",
    "hr",
    "ruby",
    "rt",
    "rp",
    "li",
    "tr",
    "td",
    "th",
    "s",
    "strike",
    "summary",
    "details",
    "caption",
    "figure",
    "figcaption",
    "abbr",
    "bdo",
    "cite",
    "dfn",
    "mark",
    "small",
    "span",
    "time",
    "wbr",
    // Task lists: GitHub writes their checkboxes itself (see `sanitize`).
    "input",
];

/// Block elements: an end tag of an inline element ("</b>") does not close
/// past one of them (as in browsers, a paragraph's `</b>` does not end a
/// `<b>` opened before the paragraph).
pub const BLOCKS: &[&str] = &[
    "p",
    "li",
    "ul",
    "ol",
    "td",
    "th",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "table",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "div",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
];

/// Start tags that end an open paragraph, as a browser's parser ends it
/// (the kept ones of HTML's list): "<p>a<div>b" is a paragraph, then a div.
pub const ENDS_PARAGRAPH: &[&str] = &[
    "blockquote",
    "details",
    "div",
    "dl",
    "figcaption",
    "figure",
    "ol",
    "p",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "hr",
    "li",
    "dd",
    "dt",
];

/// Elements with no content and no end tag.
pub const VOID: &[&str] = &["br", "hr", "img", "wbr", "input"];

/// Elements that GitHub's `tagfilter` shows as text, "<" and all: in a
/// browser each would run, load or swallow the page that follows.
const FILTERED: &[&str] =
    &["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"];

/// Elements removed together with what is inside them.
const REMOVED_WITH_CONTENT: &[&str] = &["svg", "math", "template", "noscript", "select", "option"];

/// Attributes kept on any kept element.
const ANY_ELEMENT: &[&str] = &[
    "abbr",
    "accept",
    "accept-charset",
    "accesskey",
    "action",
    "align",
    "alt",
    "aria-describedby",
    "aria-hidden",
    "aria-label",
    "aria-labelledby",
    "axis",
    "border",
    "cellpadding",
    "cellspacing",
    "char",
    "charoff",
    "charset",
    "checked",
    "clear",
    "cols",
    "colspan",
    "color",
    "compact",
    "coords",
    "datetime",
    "dir",
    "disabled",
    "enctype",
    "for",
    "frame",
    "headers",
    "height",
    "hreflang",
    "hspace",
    "ismap",
    "label",
    "lang",
    "maxlength",
    "media",
    "method",
    "multiple",
    "name",
    "nohref",
    "noshade",
    "nowrap",
    "open",
    "progress",
    "prompt",
    "readonly",
    "rel",
    "rev",
    "role",
    "rows",
    "rowspan",
    "rules",
    "scope",
    "selected",
    "shape",
    "size",
    "span",
    "start",
    "summary",
    "tabindex",
    "target",
    "title",
    "type",
    "usemap",
    "valign",
    "value",
    "vspace",
    "width",
    "itemprop",
];

/// Attributes kept on one element only, and whether each is a URL.
const ON_ELEMENT: &[(&str, &str, bool)] = &[
    ("a", "href", true),
    ("img", "src", true),
    ("img", "longdesc", true),
    ("div", "itemscope", false),
    ("div", "itemtype", false),
    ("blockquote", "cite", true),
    ("del", "cite", true),
    ("ins", "cite", true),
    ("q", "cite", true),
];

/// The URL schemes kept, per attribute; a relative URL is always kept.
fn schemes(attribute: &str) -> &'static [&'static str] {
    match attribute {
        "href" => {
            &["http", "https", "mailto", "xmpp", "irc", "ircs", "github-windows", "github-mac"]
        }
        _ => &["http", "https"],
    }
}

pub fn element_kept(name: &str) -> bool {
    ELEMENTS.contains(&name)
}

pub fn shown_as_text(name: &str) -> bool {
    FILTERED.contains(&name)
}

pub fn removed_with_content(name: &str) -> bool {
    REMOVED_WITH_CONTENT.contains(&name)
}

/// Whether attribute `attribute` is kept on element `element`, and whether
/// its value is a URL to check.
pub fn attribute_kept(element: &str, attribute: &str) -> Option<bool> {
    if let Some(&(_, _, url)) = ON_ELEMENT.iter().find(|(e, a, _)| *e == element && *a == attribute)
    {
        return Some(url);
    }
    // `action` is a URL on whatever element it is written (GitHub's list
    // has no scheme for it, as it drops the form it would act on); checked
    // as one, so no element carries a script URL a later change could use.
    ANY_ELEMENT.contains(&attribute).then_some(attribute == "action")
}

/// What GitHub puts before a `name` it keeps, so that `<img name=cookie>`
/// or `<a name=x>` cannot stand for `document.cookie` or `window.x`
/// (DOM clobbering): the page's own globals stay its own.
pub const NAME_PREFIX: &str = "user-content-";

/// Whether a URL (its character references already decoded) may stay on
/// `attribute`: relative, or with one of the schemes kept. The scheme is
/// read as a browser reads it: after leading spaces and control characters,
/// with tabs and line breaks anywhere ignored.
pub fn url_kept(attribute: &str, url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned[i..].starts_with(':') => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            schemes(attribute).contains(&scheme.as_str())
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            " \u{1}javascript:x",
            "java\tscript:x",
            "vbscript:x",
            "data:text/html,x",
            "jar:x",
        ] {
            assert!(!url_kept("href", url), "{url:?}");
        }
        for url in
            ["https://example.com", "mailto:a@b.c", "./x.md", "/x", "#top", "x?y=a:b", "HTTP://X"]
        {
            assert!(url_kept("href", url), "{url:?}");
        }
        assert!(!url_kept("src", "mailto:a@b.c"), "an image loads over http(s) only");
    }

    #[test]
    fn attributes_by_element() {
        assert_eq!(attribute_kept("a", "href"), Some(true));
        assert_eq!(attribute_kept("img", "href"), None);
        assert_eq!(attribute_kept("div", "align"), Some(false));
        assert_eq!(attribute_kept("div", "action"), Some(true), "a URL wherever it is");
        for on in ["onclick", "onerror", "style", "class", "id", "srcdoc", "formaction"] {
            assert_eq!(attribute_kept("img", on), None, "{on}");
        }
    }
}
