//! A postmortem editor that runs entirely in the browser.
//!
//! The pure core (no web dependency, tested natively with `cargo test`) and,
//! in the wasm build only, the leptos UI that binds it to the page.

pub mod autolink;
pub mod canonical;
pub mod chat;
pub mod decimal;
pub mod dialect;
pub mod doc_blocks;
pub mod drafts;
pub mod export;
pub mod field_lines;
pub mod file_findings;
pub mod frontmatter;
pub mod html;
pub mod import;
pub mod json;
pub mod model;
pub mod ordering;
pub mod render;
pub mod sample;
pub mod share;
pub mod stats;
pub mod templates;
pub mod timeline;
pub mod timeparse;
pub mod validate;

#[cfg(test)]
mod arbitrary;

#[cfg(target_arch = "wasm32")]
pub mod intl_zones;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
