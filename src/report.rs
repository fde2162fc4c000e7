//! The document review report: counts, sources, level, with the spans behind it.
