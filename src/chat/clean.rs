//! What copying puts into a transcript besides its text: direction marks
//! around names and numbers (WhatsApp), narrow and no-break spaces before
//! "PM", a byte-order mark, Windows line ends.

pub fn cleaned(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => out.push('\n'),
            '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
            | '\u{200b}' => {}
            '\u{202f}' | '\u{00a0}' | '\u{2009}' | '\u{2007}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_go_and_odd_spaces_become_spaces() {
        assert_eq!(
            super::cleaned("\u{feff}[2/4/23, 10:35\u{202f}PM] \u{200e}Alice: hi\r\n"),
            "[2/4/23, 10:35 PM] Alice: hi\n"
        );
    }
}
