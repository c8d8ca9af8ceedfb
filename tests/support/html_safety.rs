// Each test that includes this uses a part of it.
#![allow(dead_code)]

//! An independent check of the preview's HTML, written apart from
//! `src/html` so that a mistake there is not repeated here. It knows what
//! the sanitiser promises to write, not how: every `<` starts a tag of
//! lower-case name with double-quoted attributes; no element or attribute
//! that can run script or load a page; URLs only of the schemes GitHub
//! keeps, read as a browser's URL parser reads them; no `name` or `id`
//! that could clobber a global. Anything it cannot read is a problem.

/// What is wrong with `html`; empty when nothing is.
pub fn problems(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = html[from..].find('<') {
        let at = from + rel;
        match read_tag(&html[at..]) {
            Ok((tag, len)) => {
                check_tag(&tag, &mut out);
                from = at + len;
            }
            Err(why) => {
                out.push(format!("{why} at byte {at}: {:?}", around(html, at)));
                from = at + 1;
            }
        }
    }
    out
}

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    attributes: Vec<(&'a str, &'a str)>,
}

/// Elements that run script, load a page or a resource, take input, or
/// change how the browser reads what follows them.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "button",
    "select",
    "option",
    "textarea",
    "svg",
    "math",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "title",
    "xmp",
    "plaintext",
    "listing",
    "audio",
    "video",
    "source",
    "track",
    "picture",
    "portal",
    "body",
    "html",
    "head",
    "image",
    "isindex",
    "keygen",
    "bgsound",
    "layer",
    "ilayer",
    "xml",
    "marquee",
    "dialog",
    "canvas",
    "param",
];

/// Attributes that run script or load something, whatever their value
/// (the browser tests check the live DOM against the same list).
pub const FORBIDDEN_ATTRIBUTES: &[&str] = &[
    "style",
    "srcdoc",
    "srcset",
    "formaction",
    "background",
    "poster",
    "dynsrc",
    "lowsrc",
    "data",
    "codebase",
    "ping",
    "xmlns",
    "http-equiv",
    "autofocus",
    "popovertarget",
    "xlink:href",
];

/// Attributes whose value is a URL.
pub const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite", "longdesc", "action", "usemap"];

fn read_tag(at: &str) -> Result<(Tag<'_>, usize), &'static str> {
    let (closing, mut i) = if at.starts_with("</") { (true, 2) } else { (false, 1) };
    let b = at.as_bytes();
    let name_end = i + name_len(&at[i..]);
    if name_end == i {
        return Err("a '<' that starts no tag");
    }
    let name = &at[i..name_end];
    i = name_end;
    let mut attributes = Vec::new();
    loop {
        match b.get(i) {
            Some(b'>') => return Ok((Tag { name, closing, attributes }, i + 1)),
            Some(b' ') if !closing => {
                if at[i..].starts_with(" />") {
                    return Ok((Tag { name, closing, attributes }, i + 3));
                }
                i += 1;
                let attribute_end = i + name_len(&at[i..]);
                if attribute_end == i {
                    return Err("an attribute without a name");
                }
                let attribute = &at[i..attribute_end];
                i = attribute_end;
                let value = match at[i..].strip_prefix("=\"") {
                    Some(rest) => {
                        let close = rest.find('"').ok_or("an attribute value never closed")?;
                        if rest[..close].contains('<') {
                            return Err("a '<' inside an attribute value");
                        }
                        i += 2 + close + 1;
                        &rest[..close]
                    }
                    None => "",
                };
                attributes.push((attribute, value));
            }
            _ => return Err("a tag not written as the sanitiser writes one"),
        }
    }
}

/// The length of a lower-case name at the start of `text`.
fn name_len(text: &str) -> usize {
    if !text.starts_with(|c: char| c.is_ascii_lowercase()) {
        return 0;
    }
    text.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        .unwrap_or(text.len())
}

fn check_tag(tag: &Tag, out: &mut Vec<String>) {
    if FORBIDDEN_ELEMENTS.contains(&tag.name) {
        out.push(format!("a <{}{}> element", if tag.closing { "/" } else { "" }, tag.name));
    }
    let value = |name: &str| tag.attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    if tag.name == "input"
        && !tag.closing
        && !(value("type") == Some("checkbox") && value("disabled").is_some())
    {
        out.push("an <input> other than a disabled checkbox".into());
    }
    for &(attribute, raw) in &tag.attributes {
        let element = tag.name;
        let Some(value) = decoded(raw) else {
            out.push(format!("<{element} {attribute}=\"{raw}\">: a reference this cannot read"));
            continue;
        };
        if attribute.starts_with("on") {
            out.push(format!("<{element} {attribute}>: an event handler"));
        }
        if FORBIDDEN_ATTRIBUTES.contains(&attribute) {
            out.push(format!("<{element} {attribute}>: runs or loads"));
        }
        if matches!(attribute, "name" | "id") && !value.starts_with("user-content-") {
            out.push(format!("<{element} {attribute}=\"{value}\">: can clobber a global"));
        }
        if URL_ATTRIBUTES.contains(&attribute) {
            if let Some(scheme) = scheme(&value) {
                let kept: &[&str] = if attribute == "href" {
                    &[
                        "http",
                        "https",
                        "mailto",
                        "xmpp",
                        "irc",
                        "ircs",
                        "github-windows",
                        "github-mac",
                    ]
                } else {
                    &["http", "https"]
                };
                if !kept.contains(&scheme.as_str()) {
                    out.push(format!("<{element} {attribute}=\"{value}\">: scheme {scheme:?}"));
                }
            }
        }
    }
}

/// An attribute's value as the browser reads it, or none when it holds a
/// reference other than the ones the sanitiser writes (`&amp;` `&lt;`
/// `&gt;` `&quot;`) or a numeric one.
fn decoded(raw: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let semi = rest.find(';')?;
        let body = &rest[..semi];
        let c = match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            _ => {
                let number = body.strip_prefix('#')?;
                let value = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(value)?
            }
        };
        out.push(c);
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The scheme of `url` as the URL standard reads it: after leading C0
/// controls and spaces, with tabs and line breaks removed, an ASCII letter
/// then letters, digits, "+", "-" or "." up to a ":". None: relative.
pub fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = url.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))?;
    (end > 0 && url.starts_with(|c: char| c.is_ascii_alphabetic()) && url[end..].starts_with(':'))
        .then(|| url[..end].to_ascii_lowercase())
}

fn around(html: &str, at: usize) -> &str {
    let mut end = (at + 60).min(html.len());
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[at..end]
}
