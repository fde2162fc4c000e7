//! Panic containment: a bug in one handler or one analysis must not end the session.
//!
//! tower-lsp 0.20 polls every handler future inside its own serve loop and catches
//! nothing, so one panicking hover would take the whole server down. `CatchPanic`
//! wraps the service: a request whose handler panics gets a JSON-RPC InternalError
//! reply, a notification whose handler panics is dropped, and both leave a line on
//! stderr (next to the panic hook's own message with the location). Analyses are
//! contained separately, in `checked`, so a document that trips a bug gets a notice
//! instead of diagnostics.
//!
//! Test hook: `TRUTHLENS_TEST_PANIC` (a comma-separated list) makes the server panic
//! on purpose, so the tests can prove the containment on the real binary:
//! - a method name (`textDocument/hover`): the handler of that method panics;
//! - `analysis`: analysing a document that contains `truthlens-test-panic` panics.
//!
//! It is read in release builds too (the protocol tests run there); it only does
//! anything when the person starting the server sets it.

use serde_json::Value;
use std::any::Any;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};
use tower::Service;
use tower_lsp::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// The text that, with `TRUTHLENS_TEST_PANIC=analysis`, makes an analysis panic.
pub const ANALYSIS_PANIC_MARKER: &str = "truthlens-test-panic";

fn test_hooks() -> &'static [String] {
    static HOOKS: OnceLock<Vec<String>> = OnceLock::new();
    HOOKS.get_or_init(|| {
        std::env::var("TRUTHLENS_TEST_PANIC")
            .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default()
    })
}

fn hooked(place: &str) -> bool {
    test_hooks().iter().any(|h| h == place)
}

/// The analysis test hook (see the module docs).
pub fn analysis_test_hook(text: &str) {
    if hooked("analysis") && text.contains(ANALYSIS_PANIC_MARKER) {
        panic!("TRUTHLENS_TEST_PANIC: analysis panics on purpose");
    }
}

/// Run `work`, turning a panic into `Err(message)`.
pub fn checked<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| panic_message(payload.as_ref()))
}

pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// The tower-lsp service with every handler's panics caught (see the module docs).
pub struct CatchPanic<S> {
    inner: S,
}

impl<S> CatchPanic<S> {
    pub fn new(inner: S) -> Self {
        CatchPanic { inner }
    }
}

type Reply<E> = Result<Option<Response>, E>;

impl<S> Service<Request> for CatchPanic<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Reply<S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let id = request.id().cloned();
        let method = request.method().to_string();
        let inject = hooked(&method);
        // tower-lsp parses the params inside `call`; a panic there is caught too.
        let handler = match checked(|| self.inner.call(request)) {
            Ok(handler) => handler,
            Err(message) => return Box::pin(std::future::ready(Ok(failed(id, &method, message)))),
        };
        Box::pin(async move {
            let injected = inject.then(|| method.clone());
            let guarded = CatchUnwind(Box::pin(async move {
                if let Some(method) = injected {
                    panic!("TRUTHLENS_TEST_PANIC: {method} panics on purpose");
                }
                handler.await
            }));
            match guarded.await {
                Ok(reply) => reply,
                Err(message) => Ok(failed(id, &method, message)),
            }
        })
    }
}

/// The reply for a handler that panicked: an error for a request, nothing for a
/// notification.
fn failed(id: Option<Id>, method: &str, message: String) -> Option<Response> {
    let what = if id.is_some() {
        "request"
    } else {
        "notification"
    };
    super::log(&format!(
        "internal error: the {method} {what} handler panicked ({message}); the server keeps running"
    ));
    let id = id?;
    let error = Error {
        code: ErrorCode::InternalError,
        message: format!(
            "TruthLens hit an internal error in {method}; the server is still running"
        )
        .into(),
        data: Some(Value::String(message)),
    };
    Some(Response::from_error(id, error))
}

/// A future whose panics come out as `Err(message)`.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(payload) => Poll::Ready(Err(panic_message(payload.as_ref()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_turns_a_panic_into_its_message() {
        assert_eq!(checked(|| 3), Ok(3));
        let err = checked(|| -> u8 { panic!("boom {}", 1) }).unwrap_err();
        assert_eq!(err, "boom 1");
    }

    #[tokio::test]
    async fn a_panicking_future_is_an_error() {
        let result = CatchUnwind(Box::pin(async { panic!("in a future") })).await;
        assert_eq!(result.unwrap_err(), "in a future");
        let fine = CatchUnwind(Box::pin(async { 7 })).await;
        assert_eq!(fine, Ok(7));
    }

    #[test]
    fn a_request_gets_an_internal_error_and_a_notification_nothing() {
        let reply = failed(Some(Id::Number(4)), "textDocument/hover", "bug".into()).unwrap();
        let json = serde_json::to_value(&reply).unwrap();
        assert_eq!(json["id"], 4);
        assert_eq!(json["error"]["code"], -32603);
        assert!(failed(None, "textDocument/didChange", "bug".into()).is_none());
    }
}
