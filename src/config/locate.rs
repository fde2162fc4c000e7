//! A key path (`["rules", "nope"]`, `["lexicon", "1", "weight"]`) -> where it is
//! written in a TOML text, so that a semantic error points at the right key.

use std::ops::Range;
use toml_edit::{ArrayOfTables, ImDocument, InlineTable, Item, Table, Value};

enum Node<'a> {
    Table(&'a Table),
    Inline(&'a InlineTable),
    Tables(&'a ArrayOfTables),
    Array(&'a toml_edit::Array),
    Leaf,
}

impl<'a> Node<'a> {
    fn of_item(item: &'a Item) -> Node<'a> {
        match item {
            Item::Table(t) => Node::Table(t),
            Item::ArrayOfTables(a) => Node::Tables(a),
            Item::Value(v) => Node::of_value(v),
            Item::None => Node::Leaf,
        }
    }

    fn of_value(value: &'a Value) -> Node<'a> {
        match value {
            Value::InlineTable(t) => Node::Inline(t),
            Value::Array(a) => Node::Array(a),
            _ => Node::Leaf,
        }
    }

    /// The child named `part`, and the span that best names it (its key, if any).
    fn child(&self, part: &str) -> Option<(Option<Range<usize>>, Node<'a>)> {
        let index = || part.parse::<usize>().ok();
        match self {
            Node::Table(t) => t
                .get_key_value(part)
                .map(|(k, v)| (k.span().or_else(|| v.span()), Node::of_item(v))),
            Node::Inline(t) => t
                .get_key_value(part)
                .map(|(k, v)| (k.span().or_else(|| v.span()), Node::of_item(v))),
            Node::Tables(a) => a.get(index()?).map(|t| (t.span(), Node::Table(t))),
            Node::Array(a) => a.get(index()?).map(|v| (v.span(), Node::of_value(v))),
            Node::Leaf => None,
        }
    }
}

/// The byte range of the deepest part of `path` found in `text` (a key, or an
/// array element); `None` when the text does not parse or nothing matches.
pub fn key_span(text: &str, path: &[String]) -> Option<Range<usize>> {
    let document = ImDocument::parse(text).ok()?;
    let mut node = Node::Table(document.as_table());
    let mut best = None;
    for part in path {
        let Some((span, next)) = node.child(part) else {
            break;
        };
        best = span.or(best);
        node = next;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(text: &'a str, path: &[&str]) -> &'a str {
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        &text[key_span(text, &path).expect("found")]
    }

    #[test]
    fn finds_keys_in_tables_inline_tables_and_arrays() {
        let text = "allowlist = [\"a\", \"b\"]\n[rules.loaded-language]\ncategories = { puffery = \"off\" }\n[[lexicon]]\nterm = \"x\"\n[[lexicon]]\nterm = \"y\"\nweight = 2\n";
        assert_eq!(at(text, &["rules", "loaded-language"]), "loaded-language");
        assert_eq!(
            at(text, &["rules", "loaded-language", "categories", "puffery"]),
            "puffery"
        );
        assert_eq!(at(text, &["lexicon", "1", "weight"]), "weight");
        assert_eq!(at(text, &["allowlist", "1"]), "\"b\"");
        // A missing leaf falls back to the deepest part found.
        assert_eq!(
            at(text, &["rules", "loaded-language", "nope"]),
            "loaded-language"
        );
        assert!(key_span("not toml [", &["a".to_string()]).is_none());
    }
}
