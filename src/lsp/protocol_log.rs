//! Log lines for protocol mistakes that tower-lsp handles silently.
//!
//! tower-lsp answers or drops these without a word (it logs through `tracing`,
//! which this server does not install): a notification nobody handles, anything
//! sent before `initialize`, and every error reply it sends. An editor's server log
//! (our stderr) should say what happened, so the framing layer reports them here.

use serde_json::Value;

/// Client -> server notifications of the LSP 3.17 specification. Anything else that
/// is not `$/`-prefixed (those may be ignored by the spec) is unknown to a server.
const STANDARD_NOTIFICATIONS: &[&str] = &[
    "initialized",
    "exit",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/willSave",
    "textDocument/didSave",
    "textDocument/didClose",
    "notebookDocument/didOpen",
    "notebookDocument/didChange",
    "notebookDocument/didSave",
    "notebookDocument/didClose",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeWorkspaceFolders",
    "workspace/didCreateFiles",
    "workspace/didRenameFiles",
    "workspace/didDeleteFiles",
    "window/workDoneProgress/cancel",
];

/// Watches the client's messages in order, remembering whether `initialize` came.
#[derive(Default)]
pub struct InputWatch {
    initialize_seen: bool,
}

impl InputWatch {
    /// Note one incoming message (`method` is `None` for a response).
    pub fn message(&mut self, method: Option<&str>, is_request: bool) {
        let Some(method) = method else {
            return;
        };
        if method == "initialize" {
            self.initialize_seen = true;
            return;
        }
        if !self.initialize_seen && method != "exit" {
            let outcome = if is_request {
                "answered with ServerNotInitialized"
            } else {
                "ignored"
            };
            super::log(&format!("{method} before initialize: {outcome}"));
        } else if !is_request
            && !method.starts_with("$/")
            && !STANDARD_NOTIFICATIONS.contains(&method)
            && method != super::server::CURSOR_NOTIFICATION
        {
            super::log(&format!("unknown notification {method}: ignored"));
        }
    }
}

/// Bigger outgoing frames are results (diagnostics, edits), never error replies.
const ERROR_REPLY_MAX_BYTES: usize = 16 * 1024;

/// Log an error reply the server is about to send (requests answered with an error:
/// unknown methods, bad params, not initialized, internal errors).
pub fn outgoing(body: &[u8]) {
    if body.len() > ERROR_REPLY_MAX_BYTES {
        return;
    }
    let Ok(message) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let Some(error) = message.get("error") else {
        return;
    };
    let id = message.get("id").cloned().unwrap_or(Value::Null);
    super::log(&format!(
        "answered request {id} with error {}: {}",
        error["code"], error["message"]
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initialize_is_remembered() {
        let mut watch = InputWatch::default();
        assert!(!watch.initialize_seen);
        watch.message(Some("textDocument/hover"), true);
        watch.message(None, false);
        watch.message(Some("initialize"), true);
        assert!(watch.initialize_seen);
    }

    #[test]
    fn the_standard_list_names_what_the_server_handles() {
        for method in [
            "initialized",
            "textDocument/didOpen",
            "textDocument/didChange",
            "textDocument/didSave",
            "textDocument/didClose",
            "workspace/didChangeConfiguration",
        ] {
            assert!(STANDARD_NOTIFICATIONS.contains(&method), "{method}");
        }
    }
}
