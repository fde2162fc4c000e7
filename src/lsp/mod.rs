//! The language server: the only module that knows LSP (tower-lsp / lsp-types).
//!
//! - `transport`: framing layer in front of tower-lsp; `exit` and closed input end the session.
//! - `server`: the protocol handlers; `session`: the state they share.
//! - `documents`: open documents (ropey), edits applied in order.
//! - `position`: LSP positions in the negotiated encoding.
//! - `linting`: analysis off the protocol task, stale results dropped.
//! - `diagnostics`, `hover`, `actions`: findings rendered for the editor.
//! - `delivery`: what the client sees of a review, pushed or pulled (cursor hold-back).
//! - `allowlist`: the `truthlens.addToAllowlist` command's workspace edit.
//! - `config_file`: settings problems as diagnostics (`.truthlens.toml`, front matter).
//! - `settings`: editor settings over `.truthlens.toml`.

mod actions;
mod allowlist;
mod bounded;
mod compat;
mod config_file;
mod delivery;
mod diagnostics;
mod documents;
mod framing;
mod hover;
#[doc(hidden)]
pub mod internals;
mod linting;
mod panics;
mod position;
mod protocol_log;
mod server;
mod session;
mod settings;
mod transport;
mod versioned;

pub use transport::{serve, EndReason, SessionEnd};

use std::process::ExitCode;

/// Serve LSP over stdin/stdout until `exit` or until stdin closes.
/// The exit code follows the LSP rule: 0 after `shutdown`, 1 without it.
pub fn run_stdio() -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let end = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // tokio's stdin reader is a blocking read that cannot be interrupted; waiting for
    // it would hang until the client closes stdin, so the runtime is not waited for.
    runtime.shutdown_background();
    Ok(ExitCode::from(end.exit_code()))
}

/// Server-side log line. stderr is where editors collect server logs; stdout is the protocol.
fn log(message: &str) {
    eprintln!("truthlens: {message}");
}
