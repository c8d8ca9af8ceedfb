//! HTML cut into tags and text, as far as a sanitiser needs it: start and
//! end tags with their attributes, comments and declarations (to drop),
//! and text. A `<` that starts no tag is text. Nothing is ever executed
//! or resolved here; the pieces only say where they are in the input.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Text(&'a str),
    Start {
        name: String,
        attributes: Vec<Attribute<'a>>,
        self_closing: bool,
        source: &'a str,
    },
    End {
        name: String,
        source: &'a str,
    },
    /// `<!-- ... -->`, `<!DOCTYPE ...>`, `<?...?>`, `<![CDATA[...]]>`.
    Comment(&'a str),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// Lower-cased.
    pub name: String,
    /// As written (character references not yet decoded); none for a bare name.
    pub value: Option<&'a str>,
}

/// The tokens of `html`, in order, covering all of it.
pub fn tokens(html: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut text_from = 0;
    let bytes = html.as_bytes();
    while let Some(rel) = html[at..].find('<') {
        let lt = at + rel;
        match tag_at(html, lt) {
            Some((token, end)) => {
                if text_from < lt {
                    out.push(Token::Text(&html[text_from..lt]));
                }
                out.push(token);
                at = end;
                text_from = end;
            }
            None => at = lt + 1,
        }
        if at >= bytes.len() {
            break;
        }
    }
    if text_from < html.len() {
        out.push(Token::Text(&html[text_from..]));
    }
    out
}

/// The tag, comment or declaration that starts at `lt` (a `<`), and where it ends.
fn tag_at(html: &str, lt: usize) -> Option<(Token<'_>, usize)> {
    let rest = &html[lt..];
    if let Some(body) = rest.strip_prefix("<!--") {
        // An unclosed comment is no comment: its "<" is text.
        let end = body.find("-->")? + 4 + 3;
        return Some((Token::Comment(&rest[..end]), lt + end));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let close = if rest.starts_with("<![CDATA[") { "]]>" } else { ">" };
        let end = rest.find(close)? + close.len();
        return Some((Token::Comment(&rest[..end]), lt + end));
    }
    let (closing, name_at) = match rest.strip_prefix("</") {
        Some(_) => (true, 2),
        None => (false, 1),
    };
    let name_len = rest[name_at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len() - name_at);
    if name_len == 0 || !rest[name_at..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = rest[name_at..name_at + name_len].to_ascii_lowercase();
    let (attributes, self_closing, end) = attributes(rest, name_at + name_len)?;
    let source = &rest[..end];
    let token = if closing {
        Token::End { name, source }
    } else {
        Token::Start { name, attributes, self_closing, source }
    };
    Some((token, lt + end))
}

/// The attributes from `at` to the tag's `>`: the attributes, whether the
/// tag ends "/>", and the offset after the `>`. None when it never ends.
fn attributes(tag: &str, mut at: usize) -> Option<(Vec<Attribute<'_>>, bool, usize)> {
    let mut out = Vec::new();
    let bytes = tag.as_bytes();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            if bytes[at] == b'/' && bytes.get(at + 1) == Some(&b'>') {
                return Some((out, true, at + 2));
            }
            at += 1;
        }
        if *bytes.get(at)? == b'>' {
            return Some((out, false, at + 1));
        }
        // A name runs to whitespace, "/", ">" or "=" (a quote or "<" is part of it, as browsers read it).
        let start = at;
        at += 1;
        while at < bytes.len()
            && !matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'=')
        {
            at += 1;
        }
        let name = tag[start..at].to_ascii_lowercase();
        let mut value = None;
        let mut k = at;
        while k < bytes.len() && bytes[k].is_ascii_whitespace() {
            k += 1;
        }
        if bytes.get(k) == Some(&b'=') {
            k += 1;
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            let range: Range<usize> = match bytes.get(k)? {
                &q @ (b'"' | b'\'') => {
                    let close = tag[k + 1..].find(q as char)? + k + 1;
                    at = close + 1;
                    k + 1..close
                }
                _ => {
                    let from = k;
                    while k < bytes.len() && !bytes[k].is_ascii_whitespace() && bytes[k] != b'>' {
                        k += 1;
                    }
                    at = k;
                    from..k
                }
            };
            value = Some(&tag[range]);
        }
        out.push(Attribute { name, value });
    }
}

/// `text` with the character references a browser decodes in it: numeric
/// ones, and the named ones that matter for telling a URL's scheme and
/// for text (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`, `&colon;` `&Tab;`
/// `&NewLine;` and a few more). Other named references stay as written.
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` stands for, and its
/// length, for the references `decode` knows. Browsers also read some
/// without their ";" (`&#106`, `&lt`).
pub fn reference(text: &str) -> Option<(char, usize)> {
    let body = text.strip_prefix('&')?;
    if let Some(num) = body.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let len = digits
            .find(|c: char| if hex { !c.is_ascii_hexdigit() } else { !c.is_ascii_digit() })
            .unwrap_or(digits.len());
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], if hex { 16 } else { 10 }).ok()?;
        let c = char::from_u32(value).filter(|&c| c != '\0').unwrap_or('\u{fffd}');
        let semi = usize::from(digits[len..].starts_with(';'));
        return Some((c, 1 + 1 + usize::from(hex) + len + semi));
    }
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("colon", ':'),
        ("Tab", '\t'),
        ("NewLine", '\n'),
        ("nbsp", '\u{a0}'),
        ("sol", '/'),
        ("lpar", '('),
        ("rpar", ')'),
        ("period", '.'),
        ("comma", ','),
    ];
    for &(name, c) in NAMED {
        if let Some(after) = body.strip_prefix(name) {
            let semi = after.starts_with(';');
            // Without ";" only the old ones, as browsers do.
            if semi || matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp") {
                return Some((c, 1 + name.len() + usize::from(semi)));
            }
        }
    }
    None
}

/// The length of a named reference at the start of `text` ("&copy;"),
/// which a browser decodes though `decode` does not.
pub fn named_reference(text: &str) -> Option<usize> {
    let body = text.strip_prefix('&')?;
    let len = body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len());
    (len > 0 && body.starts_with(|c: char| c.is_ascii_alphabetic()) && body[len..].starts_with(';'))
        .then_some(len + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_tags_and_text() {
        let t = tokens(
            "a <b class=x>b</b> <img src=\"x.png\" alt='y' hidden/> < 3 <!-- c --> <!doctype html>",
        );
        assert_eq!(t[0], Token::Text("a "));
        assert!(
            matches!(&t[1], Token::Start { name, attributes, .. } if name == "b" && attributes[0].value == Some("x"))
        );
        assert!(matches!(&t[3], Token::End { name, .. } if name == "b"));
        match &t[5] {
            Token::Start { name, attributes, self_closing, .. } => {
                assert_eq!((name.as_str(), *self_closing), ("img", true));
                let got: Vec<(&str, Option<&str>)> =
                    attributes.iter().map(|a| (a.name.as_str(), a.value)).collect();
                assert_eq!(got, [("src", Some("x.png")), ("alt", Some("y")), ("hidden", None)]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(t[6], Token::Text(" < 3 "));
        assert!(matches!(t[7], Token::Comment(_)) && matches!(t[9], Token::Comment(_)));
    }

    #[test]
    fn what_never_closes_is_text() {
        assert_eq!(tokens("<b x=\"1"), [Token::Text("<b x=\"1")]);
        assert_eq!(tokens("<!-- open"), [Token::Text("<!-- open")]);
        assert_eq!(tokens("<1> <>"), [Token::Text("<1> <>")]);
    }

    #[test]
    fn decodes_what_a_browser_decodes_in_a_scheme() {
        assert_eq!(decode("&#106;ava&#x73;cript&colon;x"), "javascript:x");
        assert_eq!(decode("&#106ava"), "java");
        assert_eq!(decode("a&amp;b &lt;x&gt; &copy; &"), "a&b <x> &copy; &");
        assert_eq!(decode("java&Tab;script&NewLine;"), "java\tscript\n");
        assert_eq!(decode("&#0; &#xFFFFFFFFF;"), "\u{fffd} \u{fffd}");
    }
}
