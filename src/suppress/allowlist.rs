//! Adding a term to a `.truthlens.toml` allowlist without disturbing the rest of
//! the file: comments, order and formatting stay as the writer left them.

use super::quotable_term;
use crate::config::Config;
use crate::rules::{loaded_language, Finding};
use toml_edit::{Array, DocumentMut, Item, Value};

/// What adding a term does to a config text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    /// The whole new text of the file.
    Text(String),
    /// The term is already on the list (ignoring case): nothing to write.
    AlreadyListed,
}

/// The text of a new `.truthlens.toml` that allowlists `term`.
pub fn new_file(term: &str) -> String {
    format!(
        "# TruthLens project configuration (see docs/configuration.md).\nallowlist = [{}]\n",
        toml::Value::String(term.to_string())
    )
}

/// Add `term` to the `allowlist` array of `existing` (a `.truthlens.toml` text).
pub fn add_term(existing: &str, term: &str) -> Result<Added, String> {
    let mut document: DocumentMut = existing
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("it is not valid TOML: {}", e.message()))?;
    let table = document.as_table_mut();
    match table.get_mut("allowlist") {
        None => {
            let mut array = Array::new();
            array.push(term);
            // A new root key is written with the other root keys, before any table.
            table.insert("allowlist", Item::Value(Value::Array(array)));
        }
        Some(item) => {
            let Some(array) = item.as_array_mut() else {
                return Err("its `allowlist` is not a list of terms".to_string());
            };
            let listed = array
                .iter()
                .filter_map(Value::as_str)
                .any(|t| t.trim().to_lowercase() == term.trim().to_lowercase());
            if listed {
                return Ok(Added::AlreadyListed);
            }
            // A list written one term per line gets the new term on a line of its own.
            // A list written one term per line gets the new term on a line of its
            // own: it takes the last term's leading blanks. (The first term's are
            // no guide: they are usually empty.)
            let prefix = match array.len() {
                0 | 1 => " ".to_string(),
                _ => array
                    .iter()
                    .last()
                    .and_then(|v| v.decor().prefix())
                    .and_then(|p| p.as_str())
                    .unwrap_or(" ")
                    .to_string(),
            };
            array.push(term);
            if let Some(last) = array.iter_mut().last() {
                last.decor_mut().set_prefix(prefix);
            }
        }
    }
    Ok(Added::Text(document.to_string()))
}

/// The term to allowlist for a finding: a loaded word's headword (so that every
/// form of it is accepted), else the flagged text. `None` when the flagged text
/// is no term (a whole sentence, say).
pub fn term_for(text: &str, finding: &Finding, config: &Config) -> Option<String> {
    let flagged = quotable_term(finding.span.text(text)).filter(|t| is_term(t))?;
    if finding.rule == loaded_language::ID {
        if let Some(head) = loaded_language::headword(flagged, config) {
            return Some(head);
        }
        return Some(flagged.to_lowercase());
    }
    Some(flagged.to_string())
}

/// A word or a short phrase, not a clause: "Michael, not his real name, said"
/// is a statement, and allowlisting it would accept nothing else.
fn is_term(text: &str) -> bool {
    const MAX_WORDS: usize = 6;
    let clause_marks = [',', ';', ':', '(', ')', '!', '?', '\u{2014}'];
    !text.contains(clause_marks) && text.split_whitespace().count() <= MAX_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_term_is_a_short_phrase_not_a_clause() {
        assert!(is_term("regime"));
        assert!(is_term("One official"));
        assert!(is_term("a person familiar with the matter"));
        assert!(!is_term("Michael, not his real name, said"));
        assert!(!is_term(
            "one of the many people who were there that day said"
        ));
    }

    fn added(existing: &str, term: &str) -> String {
        match add_term(existing, term).unwrap() {
            Added::Text(text) => {
                Config::parse(&text, Path::new("t.toml")).expect("still a valid config");
                text
            }
            Added::AlreadyListed => panic!("already listed"),
        }
    }

    #[test]
    fn a_new_file_holds_the_term() {
        let text = new_file("regime");
        let config = Config::parse(&text, Path::new("t.toml")).unwrap();
        assert_eq!(config.allowlist, vec!["regime"]);
    }

    #[test]
    fn appends_to_an_inline_list_and_keeps_everything_else() {
        let existing = "# Our newsroom's choices\nallowlist = [\"regime\"] # agreed in May\n\n[quotes]\npolicy = \"lint\"   # we quote carefully\n";
        assert_eq!(
            added(existing, "junta"),
            "# Our newsroom's choices\nallowlist = [\"regime\", \"junta\"] # agreed in May\n\n[quotes]\npolicy = \"lint\"   # we quote carefully\n"
        );
    }

    #[test]
    fn appends_to_a_list_written_one_term_per_line() {
        let existing = "allowlist = [\n  \"regime\",\n  \"junta\",\n]\n";
        assert_eq!(
            added(existing, "thug"),
            "allowlist = [\n  \"regime\",\n  \"junta\",\n  \"thug\",\n]\n"
        );
    }

    #[test]
    fn creates_the_key_before_the_tables() {
        let existing = "run = \"onSave\"\n\n[quotes]\npolicy = \"lint\"\n";
        let text = added(existing, "regime");
        assert_eq!(
            text,
            "run = \"onSave\"\nallowlist = [\"regime\"]\n\n[quotes]\npolicy = \"lint\"\n"
        );
        let only_tables = "[quotes]\npolicy = \"lint\"\n";
        let text = added(only_tables, "regime");
        assert!(text.starts_with("allowlist = [\"regime\"]\n"), "{text}");
    }

    #[test]
    fn listed_terms_and_broken_files() {
        assert_eq!(
            add_term("allowlist = [\"Regime\"]\n", "regime").unwrap(),
            Added::AlreadyListed
        );
        assert!(add_term("allowlist = 3\n", "x")
            .unwrap_err()
            .contains("not a list"));
        assert!(add_term("allowlist = [\n", "x")
            .unwrap_err()
            .contains("not valid TOML"));
    }
}
