//! The language server: the only module that knows LSP (tower-lsp / lsp-types).
//!
//! - `transport`: framing layer in front of tower-lsp; `exit` and closed input end the session.
//! - `server`: the protocol handlers; `session`: the state they share.
//! - `documents`: open documents (ropey), edits applied in order.
//! - `snapshot_texts`: a document's text copied out for analysis, patched where it can be.
//! - `position`: LSP positions in the negotiated encoding.
//! - `linting`: analysis off the protocol task, stale results dropped.
//! - `diagnostics`, `hover`, `actions`: findings rendered for the editor.
//! - `speakers`, `inlay_hints`: the attribution engine's reading (who said what)
//!   kept with each review, shown as inlay hints and in hover on a source.
//! - `findings_json`: a review's diagnostics as JSON, copied from the last publish's where alike.
//! - `delivery`: what the client sees of a review, pushed or pulled (cursor hold-back).
//! - `client_requests`: the server's own requests to the client, never waited on for long.
//! - `allowlist`: the `truthlens.addToAllowlist` command's workspace edit.
//! - `config_file`: settings problems as diagnostics (`.truthlens.toml`, front matter).
//! - `settings`: editor settings over `.truthlens.toml`.

mod actions;
mod allowlist;
mod bounded;
mod client_requests;
mod compat;
mod config_file;
mod delivery;
mod diagnostics;
mod documents;
mod findings_json;
mod framing;
mod hover;
mod inlay_hints;
#[doc(hidden)]
pub mod internals;
mod linting;
mod output_queue;
mod panics;
mod position;
mod protocol_log;
mod server;
mod session;
mod settings;
mod snapshot_texts;
mod speakers;
mod transport;
mod versioned;

pub use transport::{serve, EndReason, SessionEnd};

use std::os::fd::AsFd;
use std::process::ExitCode;

/// Serve LSP over stdin/stdout until `exit` or until stdin closes.
/// The exit code follows the LSP rule: 0 after `shutdown`, 1 without it.
pub fn run_stdio() -> anyhow::Result<ExitCode> {
    widen_pipes();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let stdout = std::io::stdout().as_fd().try_clone_to_owned()?;
    let end = runtime.block_on(transport::serve_to_file(tokio::io::stdin(), stdout.into()));
    // tokio's stdin reader is a blocking read that cannot be interrupted; waiting for
    // it would hang until the client closes stdin, so the runtime is not waited for.
    runtime.shutdown_background();
    Ok(ExitCode::from(end.exit_code()))
}

/// What a pipe to or from the editor should hold: a long draft's publish is a few
/// hundred KB. Through Linux's default 64 KiB pipe such a write goes in 64 KiB
/// turns, each waiting for the editor to read and to wake the writer again; a pipe
/// that holds it all takes it in one write (0.16 ms against 0.67 ms for a 311 KB
/// publish, with a reader that drains the pipe at once, on the 2-core build machine).
const PIPE_BYTES: i32 = 1 << 20;

/// Give stdin and stdout `PIPE_BYTES` when they are pipes, or as much as the system
/// allows. Anything else (a file, a socket, a terminal) is left as it is.
fn widen_pipes() {
    #[cfg(target_os = "linux")]
    for fd in [0, 1] {
        let mut bytes = PIPE_BYTES;
        // SAFETY: F_SETPIPE_SZ only resizes the pipe's buffer; on any other kind of
        // file, or above the system's limit, it fails and changes nothing.
        while bytes > 64 << 10 && unsafe { libc::fcntl(fd, libc::F_SETPIPE_SZ, bytes) } < 0 {
            bytes /= 2;
        }
    }
}

/// Server-side log line. stderr is where editors collect server logs; stdout is the protocol.
/// Never panics (unlike `eprintln!`): an editor that went away closes stderr too, and
/// the server must still notice that and end.
fn log(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "truthlens: {message}");
}
