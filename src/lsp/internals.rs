//! The server's pure building blocks, exposed for the fuzz targets (`fuzz/`) and the
//! property tests (`tests/reliability_props.rs`). Not a stable API: hidden from docs.
//!
//! They live behind private modules so that tower-lsp stays inside `lsp`; this one
//! door lets tests drive position conversion, edits and settings parsing directly,
//! without a protocol session around them.

pub use super::documents::apply_change;
pub use super::framing::{Decoded, FrameDecoder};
pub use super::position::{rope_char_index, LineIndex, PositionEncoding};
pub use super::settings::EditorSettings;
/// The rope the document store keeps.
pub use ropey::Rope;
/// The protocol types the functions above take, so callers need no tower-lsp of their own.
pub use tower_lsp::lsp_types;
