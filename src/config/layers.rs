//! Config layers: defaults, then the project file, then editor settings, then the
//! draft's front matter. Each layer is a JSON object using the `.truthlens.toml`
//! keys; tables merge key by key and anything else (a list, a number) replaces.
//! The merge remembers which layer set each value, for `config --print`.

use super::Config;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf),
    EditorSettings,
    /// The `truthlens` settings in a draft's front matter.
    FrontMatter(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => write!(f, "default"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::EditorSettings => write!(f, "editor settings"),
            Origin::FrontMatter(path) => write!(f, "front matter of {}", path.display()),
        }
    }
}

/// A merged configuration and the origin of every value in it.
#[derive(Clone, Debug)]
pub struct Layered {
    pub config: Config,
    /// The merged JSON (what `config` was built from).
    pub value: Value,
    /// Key path of each leaf value -> the layer that set it last.
    pub origins: BTreeMap<Vec<String>, Origin>,
}

impl Layered {
    pub fn origin(&self, path: &[String]) -> &Origin {
        self.origins.get(path).unwrap_or(&Origin::Default)
    }
}

/// Overlay `over` on `base`: objects merge recursively, everything else replaces.
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, over) => *base = over.clone(),
    }
}

/// The key paths of the values `value` sets: objects are walked, anything else is a leaf.
fn leaves(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                prefix.push(key.clone());
                leaves(child, prefix, out);
                prefix.pop();
            }
        }
        _ => out.push(prefix.clone()),
    }
}

/// Merge the layers over the defaults and validate the result.
pub fn resolve(layers: &[(Origin, Value)]) -> Result<Layered, String> {
    let mut value = Config::default().to_json();
    let mut origins = BTreeMap::new();
    for (origin, layer) in layers {
        let mut paths = Vec::new();
        leaves(layer, &mut Vec::new(), &mut paths);
        for path in paths {
            // A replaced table's old leaves no longer describe anything.
            origins.retain(|p: &Vec<String>, _| !p.starts_with(&path));
            origins.insert(path, origin.clone());
        }
        merge(&mut value, layer);
    }
    let described = layers
        .last()
        .map_or_else(|| "defaults".to_string(), |(o, _)| o.to_string());
    let config = Config::from_json(value.clone(), &described)?;
    Ok(Layered {
        config,
        value,
        origins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn later_layers_win_key_by_key() {
        let file = Origin::File(PathBuf::from("/p/.truthlens.toml"));
        let front = Origin::FrontMatter(PathBuf::from("a.md"));
        let layered = resolve(&[
            (
                file.clone(),
                json!({"allowlist": ["a"], "quotes": {"policy": "lint"}}),
            ),
            (front.clone(), json!({"quotes": {"blockquotes": false}})),
        ])
        .unwrap();
        assert_eq!(layered.config.allowlist, vec!["a"]);
        assert!(!layered.config.quotes.blockquotes);
        assert_eq!(layered.origin(&path(&["quotes", "policy"])), &file);
        assert_eq!(layered.origin(&path(&["quotes", "blockquotes"])), &front);
        assert_eq!(layered.origin(&path(&["run"])), &Origin::Default);
    }

    #[test]
    fn bad_merged_values_are_errors() {
        let err = resolve(&[(Origin::EditorSettings, json!({"colour": 1}))]).unwrap_err();
        assert!(
            err.contains("colour") && err.contains("editor settings"),
            "{err}"
        );
    }
}
