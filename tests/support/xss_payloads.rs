// Each test that includes this uses a part of it.
#![allow(dead_code)]

//! The XSS payloads of `tests/fixtures/xss/payloads.txt` (its header says
//! where each kind comes from), read the same way by the native test and
//! the in-browser one: built in, since the browser has no file system.

pub const FILE: &str = include_str!("../fixtures/xss/payloads.txt");

pub struct Payload {
    /// Its line in the file, to find it again.
    pub line: usize,
    pub kind: String,
    pub text: String,
}

pub fn payloads() -> Vec<Payload> {
    let mut kind = String::new();
    let mut out = Vec::new();
    for (i, line) in FILE.lines().enumerate() {
        if let Some(name) = line.strip_prefix("// kind:") {
            kind = name.trim().to_string();
        } else if !line.is_empty() && !line.starts_with("//") {
            out.push(Payload { line: i + 1, kind: kind.clone(), text: unescape(line) });
        }
    }
    out
}

/// `\n`, `\r`, `\t`, `\\` and `\u{HEX}` as the characters they stand for;
/// any other backslash stays as written.
pub fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (c, len) = match rest.as_bytes().get(1) {
            Some(b'n') => (Some('\n'), 2),
            Some(b'r') => (Some('\r'), 2),
            Some(b't') => (Some('\t'), 2),
            Some(b'\\') => (Some('\\'), 2),
            Some(b'u') if rest[2..].starts_with('{') => match rest.find('}') {
                Some(close) => (
                    u32::from_str_radix(&rest[3..close], 16).ok().and_then(char::from_u32),
                    close + 1,
                ),
                None => (None, 1),
            },
            _ => (None, 1),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[..len]),
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}
