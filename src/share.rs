//! A postmortem in a link: its Markdown, gzip-compressed (by the browser's
//! own `CompressionStream`, so no compression code ships in the wasm) and
//! base64url-encoded into the link's fragment, which browsers never send to
//! a server.
//!
//! The fragment is `share=<version>.<data>`. The version lets a newer
//! editor change the format and an older one say so; gzip's own length and
//! CRC-32 catch a link cut short or altered (the browser's
//! `DecompressionStream` refuses it), and this module catches anything that
//! is not base64url at all.

/// What starts the fragment of a share link (after `#`).
pub const FRAGMENT_PREFIX: &str = "share=";
/// The format of the data; bumped when it changes.
pub const SHARE_VERSION: u32 = 1;
/// Above this many characters some chat apps and mail clients cut a link.
pub const LONG_LINK: usize = 8 * 1024;

/// Why a link's postmortem cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Cut short, or changed on the way: the data does not decode.
    Damaged,
    /// Made by a newer version of the editor.
    Newer(u32),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Damaged => f.write_str(
                "This share link is damaged or incomplete (it may have been cut short when it \
                 was copied or sent), so its postmortem cannot be shown. Ask for the link again, \
                 or for the Markdown file. Nothing was changed.",
            ),
            ShareError::Newer(version) => write!(
                f,
                "This share link was made by a newer version of the editor (link format \
                 {version}). Reload the page to get the newest version, then open the link \
                 again. Nothing was changed."
            ),
        }
    }
}

/// The fragment (without `#`) for compressed data.
pub fn fragment(compressed: &[u8]) -> String {
    format!("{FRAGMENT_PREFIX}{SHARE_VERSION}.{}", base64url_encode(compressed))
}

/// The compressed data in a link's fragment (with or without its `#`);
/// `None` when the fragment is not a share link at all.
pub fn read_fragment(fragment: &str) -> Option<Result<Vec<u8>, ShareError>> {
    let rest = fragment.strip_prefix('#').unwrap_or(fragment).strip_prefix(FRAGMENT_PREFIX)?;
    let Some((version, data)) = rest.split_once('.') else {
        return Some(Err(ShareError::Damaged));
    };
    Some(match version.parse::<u32>() {
        Ok(v) if v > SHARE_VERSION => Err(ShareError::Newer(v)),
        Ok(SHARE_VERSION) => base64url_decode(data).ok_or(ShareError::Damaged),
        _ => Err(ShareError::Damaged),
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64 with the URL-safe alphabet and no padding (RFC 4648, section 5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The bytes of base64url text; `None` for any character outside the
/// alphabet or a length no encoding has. Padding (`=`) is accepted, since
/// some tools add it back.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let value = ALPHABET.iter().position(|&a| a == c)? as u32;
            n |= value << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base64url_matches_rfc_4648() {
        // RFC 4648's test vectors, in the URL-safe alphabet without padding.
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(bytes.as_bytes()), text);
            assert_eq!(base64url_decode(text).unwrap(), bytes.as_bytes());
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("Zm8=").unwrap(), b"fo");
    }

    #[test]
    fn a_damaged_or_newer_link_is_told_apart_from_other_fragments() {
        let good = fragment(&[1, 2, 3, 250]);
        assert_eq!(read_fragment(&format!("#{good}")), Some(Ok(vec![1, 2, 3, 250])));
        assert_eq!(read_fragment("#title"), None, "an ordinary anchor");
        assert_eq!(read_fragment(""), None);
        for damaged in
            ["share=", "share=1", "share=1.a", "share=1.ab*d", "share=x.abcd", "share=0.AAAA"]
        {
            assert_eq!(read_fragment(damaged), Some(Err(ShareError::Damaged)), "{damaged}");
        }
        assert_eq!(read_fragment("#share=2.AAAA"), Some(Err(ShareError::Newer(2))));
        assert!(ShareError::Newer(2).to_string().contains("newer version"));
        assert!(ShareError::Damaged.to_string().contains("Nothing was changed"));
    }

    proptest! {
        #[test]
        fn any_bytes_come_back_from_their_fragment(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(read_fragment(&fragment(&bytes)), Some(Ok(bytes)));
        }

        #[test]
        fn no_text_makes_the_reader_panic(text in "\\PC{0,40}") {
            let _ = read_fragment(&format!("share=1.{text}"));
            let _ = base64url_decode(&text);
        }
    }
}
