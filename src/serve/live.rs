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

/// Added before `</body>`. An `error` event carries `overlay::payload`'s
/// JSON; the overlay is built with `textContent`, so diagnostics are never
/// read as HTML. It can be dismissed: the page under it is the last good
/// build, which serve keeps serving; a button brings the errors back. The
/// event source's own "error" events (connection lost) carry no data and
/// are ignored.
pub const SCRIPT: &str = r#"<script>/* bantin serve: live reload and error overlay */(function () {
  if (!window.EventSource) return;
  var source = new EventSource("/_bantin/events");
  source.addEventListener("reload", function () { location.reload(); });
  var box, badge;
  function make(tag, style, text) {
    var e = document.createElement(tag);
    e.setAttribute("style", style);
    e.textContent = text || "";
    return e;
  }
  source.addEventListener("error", function (e) {
    if (typeof e.data !== "string") return;
    var o;
    try { o = JSON.parse(e.data); } catch (_) { return; }
    if (box) box.remove();
    if (badge) badge.remove();
    box = make("div", "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;background:rgba(40,0,0,.95);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace");
    box.id = "bantin-errors";
    box.setAttribute("role", "alertdialog");
    var dismiss = make("button", "float:right;font:inherit;padding:.3rem .8rem;cursor:pointer", o.dismiss);
    dismiss.id = "bantin-errors-dismiss";
    box.appendChild(dismiss);
    box.appendChild(make("h2", "margin:0 0 .25rem;font-size:1.2rem;color:#fff", o.title));
    box.appendChild(make("p", "margin:0 0 1rem", o.kept));
    o.errors.forEach(function (error) {
      var item = make("section", "margin:0 0 1rem;padding:.75rem;background:rgba(0,0,0,.35);border-left:4px solid #ff6b6b");
      item.className = "bantin-error";
      item.appendChild(make("pre", "margin:0;white-space:pre-wrap;font:inherit", error.text));
      if (error.href) {
        var link = make("a", "color:#9cdcfe", o.open);
        link.href = error.href;
        item.appendChild(link);
      }
      box.appendChild(item);
    });
    badge = make("button", "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;display:none;padding:.5rem 1rem;background:#b00020;color:#fff;border:0;border-radius:4px;font:14px ui-monospace,monospace;cursor:pointer", o.show + " (" + o.errors.length + ")");
    badge.id = "bantin-errors-show";
    dismiss.onclick = function () { box.style.display = "none"; badge.style.display = "block"; };
    badge.onclick = function () { box.style.display = "block"; badge.style.display = "none"; };
    document.body.appendChild(box);
    document.body.appendChild(badge);
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
