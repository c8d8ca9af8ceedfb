//! What GFM leaves off the end of an autolink, the same for a `www.` or
//! URL link (`address`) as for an e-mail address (`email`).

/// A link's end without what GFM leaves out of it: from the first `<` on;
/// then, repeatedly, trailing `?!.,:*_~'"`, an entity-like `&name;`, or a
/// `)` with more `)` than `(` in the link.
pub(super) fn trim_end(data: &[u8], end: usize) -> usize {
    let mut end = data[..end].iter().position(|&b| b == b'<').unwrap_or(end);
    let opening = data[..end].iter().filter(|&&b| b == b'(').count();
    let mut closing = data[..end].iter().filter(|&&b| b == b')').count();
    while end > 0 {
        match data[end - 1] {
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' | b'\'' | b'"' => end -= 1,
            b';' if end >= 2 => {
                let mut at = end - 2;
                while at > 0 && data[at].is_ascii_alphabetic() {
                    at -= 1;
                }
                if at < end - 2 && data[at] == b'&' {
                    end = at;
                } else {
                    end -= 1;
                }
            }
            b';' => end -= 1,
            b')' if closing > opening => {
                closing -= 1;
                end -= 1;
            }
            _ => break,
        }
    }
    end
}
