//! Live reload: the script added to served HTML, and the server-sent
//! events that drive it.
//!
//! Every HTML response gets `SCRIPT` before `</body>` at serve time (never
//! in the files, so `build` output stays clean). The script listens on
//! `/_bantin/events`: `reload` reloads the page, `error` shows the build's
//! diagnostics over it until the next good build reloads it. `LiveReload`
//! keeps one channel per connected browser and the current error, which a
//! browser gets as soon as it connects.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

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
    browsers: Vec<Sender<Message>>,
    /// The diagnostics of the failed build being shown, if the last failed.
    error: Option<String>,
}

impl LiveReload {
    /// A new browser's channel; it hears the current error right away.
    pub fn subscribe(&self) -> Receiver<Message> {
        let (tx, rx) = channel();
        let mut hub = self.lock();
        if let Some(text) = &hub.error {
            let _ = tx.send(Message::Error(text.clone()));
        }
        hub.browsers.push(tx);
        rx
    }

    /// A good build: every browser reloads.
    pub fn reload(&self, data: &str) {
        let mut hub = self.lock();
        hub.error = None;
        hub.send(Message::Reload(data.to_string()));
    }

    /// A failed build: every browser shows `text`.
    pub fn error(&self, text: &str) {
        let mut hub = self.lock();
        hub.error = Some(text.to_string());
        hub.send(Message::Error(text.to_string()));
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
    /// Sends to every browser, forgetting those that went away.
    fn send(&mut self, message: Message) {
        self.browsers.retain(|tx| tx.send(message.clone()).is_ok());
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
        let rx = live.subscribe();
        assert_eq!(rx.try_recv(), Ok(Message::Error("x.md:1:1: bad".into())));
        live.reload("1 file written");
        assert_eq!(rx.try_recv(), Ok(Message::Reload("1 file written".into())));
        assert_eq!(live.current_error(), None);
        drop(rx);
        live.reload("again");
        assert!(live.lock().browsers.is_empty());
    }
}
