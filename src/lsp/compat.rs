//! Fixes for where lsp-types 0.94 (under tower-lsp 0.20) and the LSP 3.17 spec
//! disagree, applied to the raw message before tower-lsp parses it.

use serde_json::Value;

/// The spec names the workspace diagnostic capabilities `workspace.diagnostics`;
/// lsp-types 0.94 reads `workspace.diagnostic`, so without this a client's
/// `refreshSupport` would never be seen. Returns the new body when it changed.
pub fn initialize(mut message: Value) -> Option<Vec<u8>> {
    let workspace = message
        .get_mut("params")?
        .get_mut("capabilities")?
        .get_mut("workspace")?
        .as_object_mut()?;
    if workspace.contains_key("diagnostic") {
        return None;
    }
    let spec = workspace.get("diagnostics")?.clone();
    workspace.insert("diagnostic".to_string(), spec);
    Some(message.to_string().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn copies_the_spec_spelling_to_the_one_lsp_types_reads() {
        let message = json!({"params": {"capabilities": {"workspace": {"diagnostics": {"refreshSupport": true}}}}});
        let fixed: Value = serde_json::from_slice(&initialize(message).unwrap()).unwrap();
        assert_eq!(
            fixed["params"]["capabilities"]["workspace"]["diagnostic"]["refreshSupport"],
            true
        );
        assert!(initialize(json!({"params": {"capabilities": {}}})).is_none());
    }
}
