//! Talking to a running `bantin serve`: a response read whole, and
//! waiting for something to happen.

use std::thread;
use std::time::{Duration, Instant};

pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    /// An HTTP/1.0 response, read to its end: no chunking.
    pub fn parse(raw: &[u8]) -> Response {
        let raw = String::from_utf8_lossy(raw);
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        Response {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }
}

/// Calls `f` until it returns something or `patience` runs out.
pub fn poll<T>(patience: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + patience;
    loop {
        if let Some(found) = f() {
            return Some(found);
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(Duration::from_millis(50));
    }
}
