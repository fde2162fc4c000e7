//! The queue of whole frames waiting for the one writer of the output.
//!
//! A client that stops reading must not make the server's memory grow without end
//! (a 200 KB draft edited 20 times a second queued 235 MB in 90 s):
//! - a `publishDiagnostics` replaces the one for the same document still queued, in
//!   its place: the client only ever needs the newest;
//! - anything else (replies, the server's own requests) is bounded: past
//!   `MAX_QUEUED` frames or `MAX_QUEUED_BYTES`, its sender waits for room, and so the
//!   server stops reading input until the client reads again. Nothing of it is ever
//!   dropped, unless the output breaks (the client went away): then the queue is
//!   abandoned, which ends the session.

use super::framing::Frame;
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};
use tokio::sync::Notify;

/// Frames other than publishes queued before their senders wait.
const MAX_QUEUED: usize = 256;
const MAX_QUEUED_BYTES: usize = 32 * 1024 * 1024;

#[derive(Default)]
pub struct OutputQueue {
    state: Mutex<State>,
    /// Wakes the async writer.
    queued: Notify,
    /// Wakes the writer thread.
    queued_blocking: Condvar,
    /// Wakes senders waiting for room.
    room: Notify,
    /// Wakes whoever waits for the writer to fail.
    gone: Notify,
}

#[derive(Default)]
struct State {
    /// Each frame with the document it publishes for, if it is a publish.
    frames: VecDeque<(Option<String>, Frame)>,
    /// Frames and bytes in `frames` that are not publishes.
    others: usize,
    other_bytes: usize,
    /// Publishes dropped because a newer one for their document replaced them.
    superseded: u64,
    closed: bool,
    /// The writer failed: nothing queued will be written.
    abandoned: bool,
}

impl State {
    fn full(&self) -> bool {
        self.others >= MAX_QUEUED || self.other_bytes >= MAX_QUEUED_BYTES
    }
}

impl OutputQueue {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wake_writer(&self) {
        self.queued.notify_one();
        self.queued_blocking.notify_one();
    }

    /// Queue a frame that must be sent (a reply, a request), waiting while the queue
    /// is full. False once the queue is closed.
    pub async fn push(&self, frame: Frame) -> bool {
        loop {
            let room = self.room.notified();
            {
                let mut state = self.state();
                if state.closed {
                    return false;
                }
                if !state.full() {
                    state.others += 1;
                    state.other_bytes += frame.len();
                    state.frames.push_back((None, frame));
                    break;
                }
            }
            room.await;
        }
        self.wake_writer();
        true
    }

    /// Queue a `publishDiagnostics` for `document`, in place of one still queued for
    /// it. Never waits. False once the queue is closed.
    pub fn push_publish(&self, document: &str, frame: Frame) -> bool {
        {
            let mut state = self.state();
            if state.closed {
                return false;
            }
            let queued = state
                .frames
                .iter_mut()
                .find(|(key, _)| key.as_deref() == Some(document));
            match queued {
                Some((_, old)) => {
                    *old = frame;
                    state.superseded += 1;
                }
                None => state.frames.push_back((Some(document.to_string()), frame)),
            }
        }
        self.wake_writer();
        true
    }

    /// Take the next frame from the queue, and say there is room again.
    fn take(&self, state: &mut State) -> Option<Frame> {
        let (key, frame) = state.frames.pop_front()?;
        if key.is_none() {
            state.others -= 1;
            state.other_bytes -= frame.len();
            self.room.notify_waiters();
        }
        Some(frame)
    }

    /// The next frame to write; `None` once the queue is closed and empty.
    pub async fn pop(&self) -> Option<Frame> {
        loop {
            let queued = self.queued.notified();
            {
                let mut state = self.state();
                if let Some(frame) = self.take(&mut state) {
                    return Some(frame);
                }
                if state.closed {
                    return None;
                }
            }
            queued.await;
        }
    }

    /// `pop`, for a writer thread.
    pub fn pop_blocking(&self) -> Option<Frame> {
        let mut state = self.state();
        loop {
            if let Some(frame) = self.take(&mut state) {
                return Some(frame);
            }
            if state.closed {
                return None;
            }
            state = self
                .queued_blocking
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
    }

    /// No more frames: the writer drains what is queued and stops; senders stop
    /// waiting.
    pub fn close(&self) {
        self.state().closed = true;
        self.wake_writer();
        self.room.notify_waiters();
    }

    /// The writer cannot write any more: drop what is queued, refuse more, and
    /// wake whoever waits in `abandoned`.
    pub fn abandon(&self) {
        {
            let mut state = self.state();
            state.closed = true;
            state.abandoned = true;
            state.frames.clear();
            (state.others, state.other_bytes) = (0, 0);
        }
        self.room.notify_waiters();
        self.gone.notify_waiters();
    }

    /// Resolves once the queue is abandoned.
    pub async fn abandoned(&self) {
        loop {
            let gone = self.gone.notified();
            if self.state().abandoned {
                return;
            }
            gone.await;
        }
    }

    /// How many publishes were dropped for a newer one of their document.
    pub fn superseded(&self) -> u64 {
        self.state().superseded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(text: &str) -> Frame {
        Frame::Owned(text.as_bytes().to_vec())
    }

    fn drain(queue: &OutputQueue) -> Vec<String> {
        queue.close();
        std::iter::from_fn(|| queue.pop_blocking())
            .map(|f| String::from_utf8(f.to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn a_publish_replaces_the_one_queued_for_its_document_in_its_place() {
        let queue = OutputQueue::default();
        queue.push_publish("a", frame("a1"));
        queue.push_publish("b", frame("b1"));
        for i in 2..1000 {
            queue.push_publish("a", frame(&format!("a{i}")));
        }
        assert_eq!(drain(&queue), ["a999", "b1"]);
        assert_eq!(queue.superseded(), 998);
    }

    /// A full queue, and a sender waiting to push one frame more.
    async fn full_queue_with_a_waiting_sender(
    ) -> (std::sync::Arc<OutputQueue>, tokio::task::JoinHandle<bool>) {
        let queue = std::sync::Arc::new(OutputQueue::default());
        for i in 0..MAX_QUEUED {
            assert!(queue.push(frame(&i.to_string())).await);
        }
        let waiting = tokio::spawn({
            let queue = queue.clone();
            async move { queue.push(frame("last")).await }
        });
        (queue, waiting)
    }

    #[tokio::test]
    async fn an_abandoned_queue_releases_its_waiting_senders() {
        let (queue, waiting) = full_queue_with_a_waiting_sender().await;
        let gone = tokio::spawn({
            let queue = queue.clone();
            async move { queue.abandoned().await }
        });
        tokio::task::yield_now().await;
        queue.abandon();
        assert!(!waiting.await.unwrap(), "refused, not queued");
        gone.await.unwrap();
        assert!(queue.pop().await.is_none(), "nothing left to write");
    }

    #[tokio::test]
    async fn other_frames_wait_for_room() {
        let (queue, waiting) = full_queue_with_a_waiting_sender().await;
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "a full queue makes the sender wait");
        assert_eq!(queue.pop().await.unwrap().to_vec(), b"0");
        assert!(waiting.await.unwrap(), "room again");
        assert_eq!(drain(&queue).last().unwrap(), "last");
    }
}
