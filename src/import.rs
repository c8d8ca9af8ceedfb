//! Markdown in: see the importer helper.
