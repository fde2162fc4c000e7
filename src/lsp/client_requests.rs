//! Requests the server sends the client (`workspace/applyEdit`,
//! `workspace/configuration`, `client/registerCapability`, the refresh requests).
//!
//! A client that never answers must hold nothing: three unanswered `applyEdit`s
//! once stopped hover, code actions and diagnostics for good. So a request is sent
//! and awaited in a task of its own, and the server stops waiting after
//! `ANSWER_TIMEOUT`, with a log line. The request itself is kept until its answer
//! comes, however late, and the answer is then ignored: tower-lsp 0.20 panics on an
//! answer whose waiter was dropped, and that panic ends the session.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_lsp::jsonrpc::Result;

/// How long the server waits for the client to answer a request of its own. Editors
/// answer these at once; a few seconds covers a loaded machine.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);

/// Send a request to the client and take its answer (`then`) if it comes within
/// `ANSWER_TIMEOUT`. The caller waits for that up to `in_handler`, and no longer:
/// a client that never answers holds no handler. Cancelling the caller cancels
/// nothing.
pub async fn ask<T: Send + 'static>(
    method: &'static str,
    request: impl Future<Output = Result<T>> + Send + 'static,
    in_handler: Duration,
    then: impl FnOnce(T) + Send + 'static,
) {
    let task = tokio::spawn(async move {
        match answered_within(method, ANSWER_TIMEOUT, request).await {
            Some(Ok(value)) => then(value),
            Some(Err(e)) => super::log(&format!("{method} failed: {e}")),
            None => {}
        }
    });
    if !in_handler.is_zero() {
        let _ = tokio::time::timeout(in_handler, task).await;
    }
}

/// The answer to `request`, or `None` (with a log line) when none came in `time`;
/// then the request waits on in a task of its own, so a late answer finds it.
async fn answered_within<T: Send + 'static>(
    method: &str,
    time: Duration,
    request: impl Future<Output = Result<T>> + Send + 'static,
) -> Option<Result<T>> {
    let mut request = Box::pin(request);
    if let Ok(answer) = tokio::time::timeout(time, request.as_mut()).await {
        return Some(answer);
    }
    super::log(&format!(
        "no answer to {method} within {} s; stopped waiting",
        time.as_secs_f32()
    ));
    tokio::spawn(async move {
        let _ = request.await;
    });
    None
}

/// A request that only asks the client to do something again (the refresh
/// requests): at most one waits for its answer. Asked again meanwhile, it is sent
/// once more after that answer (or timeout), so a client that never answers gets
/// one request per `ANSWER_TIMEOUT`, not one per keystroke.
pub struct Coalesced {
    /// (one is waiting for its answer, it was asked for again meanwhile)
    state: Mutex<(bool, bool)>,
    timeout: Duration,
}

impl Default for Coalesced {
    fn default() -> Self {
        Coalesced::with_timeout(ANSWER_TIMEOUT)
    }
}

impl Coalesced {
    fn with_timeout(timeout: Duration) -> Self {
        Coalesced {
            state: Mutex::default(),
            timeout,
        }
    }

    pub fn ask<F, R>(self: &Arc<Self>, method: &'static str, request: F)
    where
        F: Fn() -> R + Send + 'static,
        R: Future<Output = Result<()>> + Send + 'static,
    {
        {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            if state.0 {
                state.1 = true;
                return;
            }
            *state = (true, false);
        }
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                if let Some(Err(e)) = answered_within(method, this.timeout, request()).await {
                    super::log(&format!("{method} failed: {e}"));
                }
                let mut state = this.state.lock().unwrap_or_else(|e| e.into_inner());
                if !state.1 {
                    state.0 = false;
                    return;
                }
                state.1 = false;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn a_refresh_asked_while_one_waits_is_sent_once_after_it() {
        let timeout = Duration::from_millis(100);
        let coalesced = Arc::new(Coalesced::with_timeout(timeout));
        let sent = Arc::new(AtomicUsize::new(0));
        let ask = || {
            let sent = sent.clone();
            coalesced.ask("test/refresh", move || {
                sent.fetch_add(1, Ordering::SeqCst);
                std::future::pending::<Result<()>>()
            });
        };
        for _ in 0..100 {
            ask();
        }
        tokio::task::yield_now().await;
        assert_eq!(sent.load(Ordering::SeqCst), 1, "one waits at a time");
        tokio::time::sleep(timeout * 3 / 2).await;
        assert_eq!(sent.load(Ordering::SeqCst), 2, "asked again meanwhile");
        tokio::time::sleep(timeout * 3).await;
        assert_eq!(sent.load(Ordering::SeqCst), 2, "and no more");
    }
}
