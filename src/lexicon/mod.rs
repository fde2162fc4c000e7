//! Lexicons: data files of terms, loaded once.
