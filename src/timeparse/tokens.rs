//! The first step of reading a time: the text cut into tokens by hand
//! (numbers, ASCII words, single symbols), each remembering whether
//! whitespace came before it, which is what tells "14:05" from "14 : 05".

#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    Number {
        value: u32,
        len: usize,
    },
    /// Lower-cased text, whether the source was all in capitals, whether it was capitalised.
    Word {
        lower: String,
        capitals: bool,
        capitalised: bool,
    },
    Symbol(char),
}

#[derive(Clone, Debug)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// Whitespace comes before this token.
    pub spaced: bool,
}

pub fn tokenize(s: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = s.char_indices().peekable();
    let mut spaced = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let mut end = start + c.len_utf8();
        let same =
            |d: char| if c.is_ascii_digit() { d.is_ascii_digit() } else { d.is_ascii_alphabetic() };
        if c.is_ascii_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                if !same(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        }
        let text = s.get(start..end).unwrap_or("");
        let kind = if c.is_ascii_digit() {
            // Saturate: long digit runs are never times, their value does not matter.
            let value = text
                .bytes()
                .fold(0u32, |v, b| v.saturating_mul(10).saturating_add(u32::from(b - b'0')));
            TokenKind::Number { value, len: text.len() }
        } else if c.is_ascii_alphabetic() {
            TokenKind::Word {
                lower: text.to_ascii_lowercase(),
                capitals: !text.bytes().any(|b| b.is_ascii_lowercase()),
                capitalised: c.is_ascii_uppercase(),
            }
        } else {
            TokenKind::Symbol(c)
        };
        tokens.push(Token { kind, start, end, spaced });
        spaced = false;
    }
    tokens
}
