//! Live reload: the script added to served HTML, and the server-sent
//! events that drive it.
//!
//! Every HTML response gets `SCRIPT` before `</body>` at serve time (never
//! in the files, so `build` output stays clean). The script listens on
//! `/_bantin/events`: `reload` reloads the page, `error` shows the build's
//! diagnostics over it until the next good build reloads it. `LiveReload`
//! keeps one channel of framed events per connected browser and the
//! current error, which a browser gets as soon as it connects. A browser
//! that stops reading is dropped once its few queued events are unread, so
//! no stream can hold memory for long.

use std::sync::Mutex;

use hyper::body::Bytes;
use tokio::sync::mpsc::{Receiver, Sender, channel};

/// Where the script listens.
pub const EVENTS_PATH: &str = "/_bantin/events";

/// Added before `</body>`. The overlay text is set with `textContent`, so
/// diagnostics are never read as HTML. The event source's own "error"
/// events (connection lost) carry no data and are ignored.
pub const SCRIPT: &str = r#"<script>/* bantin serve: live reload */(function () {
  if (!window.EventSource) return;
  var source = new EventSource("/_bantin/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("error", function (e) {
    if (typeof e.data !== "string") return;
    var box = document.getElementById("bantin-errors");
    if (!box) {
      box = document.createElement("pre");
      box.id = "bantin-errors";
      box.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;margin:0;padding:1.5rem;overflow:auto;white-space:pre-wrap;background:rgba(40,0,0,.94);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace");
      document.body.appendChild(box);
    }
    box.textContent = "bantin: the last change did not build; still showing the previous version.\n\n" + e.data;
  });
})();</script>
"#;

/// Events queued for one browser before it counts as gone.
const QUEUE: usize = 16;
/// The first bytes of every stream: reconnect after a second.
const OPENING: &str = "retry: 1000\n\n";
/// A comment sent on idle streams, so a browser that went away is noticed
/// (the write fails) and its stream ends.
const HEARTBEAT: &str = ": still here\n\n";

/// A message for connected browsers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Reload(String),
    Error(String),
}

impl Message {
    /// The message framed as a server-sent event.
    pub fn to_event(&self) -> String {
        let (name, data) = match self {
            Message::Reload(data) => ("reload", data),
            Message::Error(data) => ("error", data),
        };
        let mut event = format!("event: {name}\n");
        // A line break inside data would end the field: one `data:` per line.
        // A lone CR ends a line in SSE too.
        for line in data.replace('\r', "\n").lines() {
            event.push_str("data: ");
            event.push_str(line);
            event.push('\n');
        }
        if data.is_empty() {
            event.push_str("data:\n");
        }
        event.push('\n');
        event
    }
}

#[derive(Default)]
pub struct LiveReload {
    hub: Mutex<Hub>,
}

#[derive(Default)]
struct Hub {
    browsers: Vec<Sender<Bytes>>,
    /// The diagnostics of the failed build being shown, if the last failed.
    error: Option<String>,
}

impl LiveReload {
    /// A new browser's stream of framed events; it hears the current
    /// error right away.
    pub fn subscribe(&self) -> Receiver<Bytes> {
        let (tx, rx) = channel(QUEUE);
        let mut hub = self.lock();
        let _ = tx.try_send(Bytes::from_static(OPENING.as_bytes()));
        if let Some(text) = &hub.error {
            let _ = tx.try_send(Message::Error(text.clone()).to_event().into());
        }
        hub.browsers.push(tx);
        rx
    }

    /// A good build: every browser reloads.
    pub fn reload(&self, data: &str) {
        let mut hub = self.lock();
        hub.error = None;
        hub.send(Message::Reload(data.to_string()).to_event().into());
    }

    /// A failed build: every browser shows `text`.
    pub fn error(&self, text: &str) {
        let mut hub = self.lock();
        hub.error = Some(text.to_string());
        hub.send(Message::Error(text.to_string()).to_event().into());
    }

    /// Keeps idle streams alive and forgets the browsers that left.
    pub fn heartbeat(&self) {
        self.lock().send(Bytes::from_static(HEARTBEAT.as_bytes()));
    }

    /// Whether the build being served failed, and how.
    pub fn current_error(&self) -> Option<String> {
        self.lock().error.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Hub> {
        self.hub.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Hub {
    /// Sends to every browser, forgetting those that went away or stopped
    /// reading.
    fn send(&mut self, event: Bytes) {
        self.browsers
            .retain(|tx| tx.try_send(event.clone()).is_ok());
    }
}

/// `html` with `SCRIPT` before its last `</body>`, or at the end.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let page = inject(b"<html><body><p>x</p></BODY></html>");
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<html><body><p>x</p><script>"));
        assert!(page.ends_with("</script>\n</BODY></html>"));
        let fragment = String::from_utf8(inject(b"<p>no body</p>")).unwrap();
        assert!(fragment.starts_with("<p>no body</p><script>"));
    }

    #[test]
    fn every_line_of_data_is_framed() {
        let event = Message::Error("a.md:1:1: bad\nb.md:2:3: worse".into()).to_event();
        assert_eq!(
            event,
            "event: error\ndata: a.md:1:1: bad\ndata: b.md:2:3: worse\n\n"
        );
        assert_eq!(
            Message::Reload(String::new()).to_event(),
            "event: reload\ndata:\n\n"
        );
    }

    #[test]
    fn a_browser_connecting_during_an_error_hears_it() {
        let live = LiveReload::default();
        live.error("x.md:1:1: bad");
        let mut rx = live.subscribe();
        assert_eq!(rx.try_recv().unwrap(), OPENING);
        assert_eq!(
            rx.try_recv().unwrap(),
            "event: error\ndata: x.md:1:1: bad\n\n"
        );
        live.reload("1 file written");
        assert_eq!(
            rx.try_recv().unwrap(),
            "event: reload\ndata: 1 file written\n\n"
        );
        assert_eq!(live.current_error(), None);
        drop(rx);
        live.reload("again");
        assert!(live.lock().browsers.is_empty());
    }

    #[test]
    fn a_browser_that_stops_reading_is_dropped() {
        let live = LiveReload::default();
        let _rx = live.subscribe();
        for _ in 0..QUEUE {
            live.heartbeat();
        }
        assert!(live.lock().browsers.is_empty());
    }
}
