//! Lexicons: data files of terms, loaded once.
pub mod attribution;
