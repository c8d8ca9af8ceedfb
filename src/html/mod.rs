//! HTML in Markdown, as GitHub treats it: `allowlist` (what its sanitiser
//! keeps), `tokens` (HTML cut into tags and text), `sanitize` (the
//! preview's HTML made what GitHub shows), and `fields` (the HTML an author
//! typed in a field, kept as written but never able to break the document).

pub mod allowlist;
pub mod fields;
pub mod sanitize;
pub mod tokens;

pub use sanitize::sanitize;
