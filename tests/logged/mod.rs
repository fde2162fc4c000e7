//! The real binary over stdio with its stderr captured, so tests can assert that a
//! protocol mistake left a line in the server log (where editors show it).
#![allow(dead_code)]

use crate::common::Client;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Generous: "promptly" must hold on a loaded two-core machine too.
pub const PROMPTLY: Duration = Duration::from_secs(5);

pub struct LoggedServer {
    pub child: Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl LoggedServer {
    /// `truthlens lsp --stdio` with extra environment variables.
    pub fn start(env: &[(&str, &str)]) -> (Client, LoggedServer) {
        Self::start_in(&std::env::temp_dir(), env)
    }

    /// The same, with `dir` as the server's working directory.
    pub fn start_in(dir: &std::path::Path, env: &[(&str, &str)]) -> (Client, LoggedServer) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_truthlens"));
        command.current_dir(dir);
        command
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("TRUTHLENS_TEST_PANIC");
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start truthlens lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { return };
                // Echoed too: shown with a failing test's output.
                eprintln!("[server] {line}");
                sink.lock().unwrap().push(line);
            }
        });
        (
            Client::new(Box::new(stdin), stdout),
            LoggedServer { child, log },
        )
    }

    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// The first log line containing every one of `parts`, waiting for it if needed.
    pub fn wait_log(&self, parts: &[&str]) -> String {
        let deadline = Instant::now() + crate::common::TIMEOUT;
        loop {
            let found = self
                .log()
                .into_iter()
                .find(|line| parts.iter().all(|p| line.contains(p)));
            if let Some(line) = found {
                return line;
            }
            assert!(
                Instant::now() < deadline,
                "no log line with {parts:?}; the log was:\n{}",
                self.log().join("\n")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory in KiB, from /proc (None where there is no /proc).
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }

    /// The exit status, if the process ends within `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for LoggedServer {
    fn drop(&mut self) {
        // Never leave a server behind when a test fails.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
