//! `truthlens config --print`: the merged configuration as TOML, each value
//! followed by a comment naming where it came from. The output is itself a valid
//! `.truthlens.toml` that gives the same configuration.

use super::layers::Layered;
use serde_json::{Map, Value};
use std::fmt::Write;

/// Render a merged configuration with its provenance.
pub fn render(layered: &Layered) -> String {
    let mut out = String::from(
        "# The merged TruthLens configuration; each comment says where the value came from.\n",
    );
    let Value::Object(root) = with_defaults_shown(&layered.value) else {
        unreachable!("a config serialises to an object")
    };
    emit_table(&mut out, &mut Vec::new(), &root, layered);
    out
}

/// Every registered rule gets a table, so that the output shows whether it is on,
/// and `max-document-bytes` (unset means the default) its value.
fn with_defaults_shown(value: &Value) -> Value {
    let mut value = value.clone();
    if let Some(root) = value.as_object_mut() {
        root.entry("max-document-bytes".to_string())
            .or_insert(Value::from(super::DEFAULT_MAX_DOCUMENT_BYTES));
    }
    let rules = value
        .as_object_mut()
        .and_then(|m| m.get_mut("rules"))
        .and_then(Value::as_object_mut);
    if let Some(rules) = rules {
        for rule in crate::rules::REGISTRY {
            let entry = rules
                .entry(rule.id.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(settings) = entry.as_object_mut() {
                settings
                    .entry("enabled".to_string())
                    .or_insert(Value::Bool(crate::rules::on_by_default(rule.id)));
            }
        }
    }
    value
}

fn is_table_array(value: &Value) -> bool {
    matches!(value, Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object))
}

fn emit_table(
    out: &mut String,
    path: &mut Vec<String>,
    table: &Map<String, Value>,
    layered: &Layered,
) {
    // TOML wants a table's plain values before its sub-tables.
    for (key, value) in table {
        if value.is_object() || is_table_array(value) {
            continue;
        }
        path.push(key.clone());
        let origin = layered.origin(path);
        let _ = writeln!(out, "{} = {}  # {origin}", toml_key(key), inline(value));
        if path.len() == 3
            && path[0] == "rules"
            && key == "enabled"
            && !table.contains_key("severity")
        {
            let _ = writeln!(
                out,
                "# severity: the rule's own (set `severity` to override)"
            );
        }
        path.pop();
    }
    for (key, value) in table {
        path.push(key.clone());
        match value {
            Value::Object(child) => {
                if child.values().any(|v| !v.is_object()) || child.is_empty() {
                    let _ = writeln!(out, "\n[{}]", dotted(path));
                }
                emit_table(out, path, child, layered);
            }
            value if is_table_array(value) => {
                let origin = layered.origin(path);
                for item in value.as_array().into_iter().flatten() {
                    let _ = writeln!(out, "\n[[{}]]  # {origin}", dotted(path));
                    if let Value::Object(item) = item {
                        for (k, v) in item {
                            let _ = writeln!(out, "{} = {}", toml_key(k), inline(v));
                        }
                    }
                }
            }
            _ => {}
        }
        path.pop();
    }
}

fn dotted(path: &[String]) -> String {
    path.iter()
        .map(|p| toml_key(p))
        .collect::<Vec<_>>()
        .join(".")
}

fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

fn inline(value: &Value) -> String {
    match toml::Value::try_from(value) {
        Ok(v) => v.to_string(),
        // JSON null has no TOML form; configs never hold one.
        Err(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::layers::{resolve, Origin};
    use super::*;
    use crate::config::Config;
    use serde_json::json;
    use std::path::{Path, PathBuf};

    #[test]
    fn prints_every_value_with_its_origin_and_parses_back() {
        let file = Origin::File(PathBuf::from("/p/.truthlens.toml"));
        let layered = resolve(&[
            (
                file,
                json!({
                    "allowlist": ["regime"],
                    "rules": {"loaded-language": {"categories": {"intensifier": "hint"}}},
                    "lexicon": [{"term": "jackboot", "category": "pejorative-label"}]
                }),
            ),
            (
                Origin::FrontMatter(PathBuf::from("a.md")),
                json!({"quotes": {"policy": "lint"}}),
            ),
        ])
        .unwrap();
        let text = render(&layered);
        assert!(
            text.contains("allowlist = [\"regime\"]  # /p/.truthlens.toml"),
            "{text}"
        );
        assert!(
            text.contains("policy = \"lint\"  # front matter of a.md"),
            "{text}"
        );
        assert!(text.contains("blockquotes = true  # default"), "{text}");
        assert!(text.contains("run = \"on-type\"  # default"), "{text}");
        assert!(
            text.contains("[rules.single-source]\nenabled = true  # default"),
            "{text}"
        );
        assert!(
            text.contains("intensifier = \"hint\"  # /p/.truthlens.toml"),
            "{text}"
        );
        assert!(
            text.contains("[[lexicon]]  # /p/.truthlens.toml\n"),
            "{text}"
        );
        // Unset, the limit is printed with its default value.
        assert!(
            text.contains("max-document-bytes = 10485760  # default"),
            "{text}"
        );
        let back = Config::parse(&text, Path::new("printed.toml")).unwrap();
        let mut expected = layered.config.clone();
        expected.max_document_bytes = Some(super::super::DEFAULT_MAX_DOCUMENT_BYTES);
        for rule in crate::rules::REGISTRY {
            expected
                .rules
                .entry(rule.id.to_string())
                .or_default()
                .enabled = Some(crate::rules::on_by_default(rule.id));
        }
        assert_eq!(back, expected);
        assert!(
            text.contains("[rules.ai-tells]\nenabled = false  # default"),
            "{text}"
        );
    }
}
