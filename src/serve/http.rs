//! The HTTP side of `bantin serve`, on tiny_http.
//!
//! Serves the session's folder (`/x/` → `x/index.html`, the site's
//! `404.html` for anything missing), adds the live-reload script to HTML
//! on the way out, streams reload events on `/_bantin/events` and answers
//! the view-counter API on `/_views/{page_id}`. URL paths are
//! percent-decoded before they are checked: a `..`, `.` or absolute part
//! is refused, so nothing outside the folder is ever read.

use std::fs::File;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::live::{self, EVENTS_PATH, LiveReload, Message};
use super::views::{self, ViewCounter};
use crate::text::escape::escape_markup;

/// Threads answering ordinary requests; each event stream has its own.
const WORKERS: usize = 4;
/// A comment sent this often on idle event streams, so a browser that went
/// away is noticed (the write fails) and its thread ends.
const HEARTBEAT: Duration = Duration::from_secs(15);
const VIEWS_PREFIX: &str = "/_views/";
/// Page ids are short paths; anything longer is not one.
const MAX_PAGE_ID: usize = 512;

/// What request handlers share with the rebuild loop.
pub struct Shared {
    /// The session's output folder; its path never changes.
    pub out_dir: PathBuf,
    pub views: ViewCounter,
    pub live: LiveReload,
}

pub struct Http {
    server: Arc<Server>,
    addr: SocketAddr,
}

impl Http {
    /// Listens on `addr`; port 0 picks a free port (see `addr`).
    pub fn bind(addr: SocketAddr) -> Result<Http, String> {
        let server = Server::http(addr).map_err(|e| e.to_string())?;
        let addr = server.server_addr().to_ip().unwrap_or(addr);
        Ok(Http {
            server: Arc::new(server),
            addr,
        })
    }

    /// The address really listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Starts answering requests in background threads.
    pub fn spawn(&self, shared: &Arc<Shared>) {
        for _ in 0..WORKERS {
            let server = Arc::clone(&self.server);
            let shared = Arc::clone(shared);
            thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &shared);
                }
            });
        }
    }
}

impl Drop for Http {
    fn drop(&mut self) {
        // `unblock` releases one waiting worker at a time.
        for _ in 0..WORKERS {
            self.server.unblock();
        }
    }
}

fn handle(request: Request, shared: &Arc<Shared>) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH {
        events(request, shared);
    } else if let Some(id) = path.strip_prefix(VIEWS_PREFIX) {
        page_views(request, id, &shared.views);
    } else {
        file(request, path, shared);
    }
}

/// A file from the output folder, HTML with the live-reload script.
fn file(request: Request, url_path: &str, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(request, text(405, "Method not allowed\n"));
    }
    let Some(relative) = site_path(url_path) else {
        return respond(request, text(400, "Bad path\n"));
    };
    let mut target = shared.out_dir.join(&relative);
    if url_path.ends_with('/') {
        target.push("index.html");
    } else if target.is_dir() {
        // Relative links in the page expect the folder's trailing slash.
        let location = format!("{url_path}/");
        return match header("Location", &location) {
            Some(h) => respond(request, Response::empty(302).with_header(h).boxed()),
            None => respond(request, text(400, "Bad path\n")),
        };
    }
    let response = match File::open(&target) {
        Ok(f) if target.is_file() => served_file(&target, f, 200),
        _ => not_found(shared),
    };
    respond(request, response);
}

/// The percent-decoded URL path as a relative path of plain names, or
/// `None` when it has a `..`, `.`, a drive or any other non-name part.
fn site_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut relative = PathBuf::new();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        let mut components = Path::new(part).components();
        let plain = matches!(components.next(), Some(Component::Normal(_)))
            && components.next().is_none()
            && !part.contains(['\\', '\0'])
            && part != "."
            && part != "..";
        if !plain {
            return None;
        }
        relative.push(part);
    }
    Some(relative)
}

/// `%XX` escapes decoded; `None` for a broken escape or invalid UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn served_file(path: &Path, file: File, status: u16) -> tiny_http::ResponseBox {
    let content_type = content_type(path);
    if content_type.starts_with("text/html") {
        return match std::fs::read(path) {
            Ok(bytes) => html(status, &live::inject(&bytes)),
            Err(_) => text(500, "Cannot read this file\n"),
        };
    }
    let response = Response::from_file(file).with_status_code(status);
    with_headers(response, &[("Content-Type", content_type)]).boxed()
}

/// The site's `404.html`, or a stand-in while there is none (the first
/// build failed): it names the errors, and live reload shows them too.
fn not_found(shared: &Shared) -> tiny_http::ResponseBox {
    let page = shared.out_dir.join("404.html");
    if let Ok(f) = File::open(&page) {
        return served_file(&page, f, 404);
    }
    let detail = match shared.live.current_error() {
        Some(errors) => format!(
            "<p>The site has not been built yet:</p><pre>{}</pre>",
            escape_markup(&errors)
        ),
        None => "<p>There is no page here.</p>".to_string(),
    };
    let body = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Not found</title></head>\
         <body><h1>Not found</h1>{detail}</body></html>\n"
    );
    html(404, &live::inject(body.as_bytes()))
}

/// `/_views/{page_id}`: POST counts a visit, GET reads; both answer
/// `{"views": N}`.
fn page_views(request: Request, raw_id: &str, counter: &ViewCounter) {
    let id = match percent_decode(raw_id) {
        Some(id) if !id.is_empty() && id.len() <= MAX_PAGE_ID => id,
        _ => return respond(request, text(400, "Bad page id\n")),
    };
    let views = match request.method() {
        Method::Post => counter.visit(&id),
        Method::Get | Method::Head => counter.get(&id),
        _ => return respond(request, text(405, "Use GET or POST\n")),
    };
    let response = Response::from_string(views::body(views));
    let response = with_headers(
        response,
        &[
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-store"),
            // The page may be opened as localhost while the endpoint
            // says 127.0.0.1; a simple POST needs nothing more.
            ("Access-Control-Allow-Origin", "*"),
        ],
    );
    respond(request, response.boxed());
}

/// `/_bantin/events`: a server-sent event stream, one thread per browser.
fn events(request: Request, shared: &Shared) {
    if *request.method() != Method::Get {
        return respond(request, text(405, "Use GET\n"));
    }
    let messages = shared.live.subscribe();
    thread::spawn(move || {
        // tiny_http's `respond` gathers a body of unknown length into 8 KiB
        // chunks before sending, which would hold events back; the stream
        // writes its own head and flushes each event instead, and its end
        // is the end of the connection.
        let mut writer = request.into_writer();
        let _ = stream(&mut writer, &messages);
    });
}

fn stream(writer: &mut dyn Write, messages: &Receiver<Message>) -> io::Result<()> {
    writer.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          Connection: close\r\n\r\nretry: 1000\n\n",
    )?;
    writer.flush()?;
    loop {
        let chunk = match messages.recv_timeout(HEARTBEAT) {
            Ok(message) => message.to_event(),
            Err(RecvTimeoutError::Timeout) => ": still here\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        writer.write_all(chunk.as_bytes())?;
        writer.flush()?;
    }
}

fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("svg") => "image/svg+xml",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn html(status: u16, bytes: &[u8]) -> tiny_http::ResponseBox {
    let response = Response::from_data(bytes.to_vec()).with_status_code(status);
    with_headers(
        response,
        &[
            ("Content-Type", "text/html; charset=utf-8"),
            // Edits must show on reload, never from the browser's cache.
            ("Cache-Control", "no-store"),
        ],
    )
    .boxed()
}

fn text(status: u16, message: &str) -> tiny_http::ResponseBox {
    let response = Response::from_string(message).with_status_code(StatusCode(status));
    with_headers(response, &[("Content-Type", "text/plain; charset=utf-8")]).boxed()
}

fn with_headers<R: io::Read>(mut response: Response<R>, headers: &[(&str, &str)]) -> Response<R> {
    for (name, value) in headers {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    response
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// A browser that hung up is no error of ours.
fn respond(request: Request, response: tiny_http::ResponseBox) {
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_folder() {
        assert_eq!(site_path("/"), Some(PathBuf::new()));
        assert_eq!(
            site_path("/2023/06/bao-cao/"),
            Some(PathBuf::from("2023/06/bao-cao"))
        );
        assert_eq!(
            site_path("/tim-ki%E1%BA%BFm/"),
            Some(PathBuf::from("tim-kiếm"))
        );
        assert_eq!(site_path("/../../etc/passwd"), None);
        assert_eq!(site_path("/%2e%2e/%2E%2E/etc/passwd"), None);
        assert_eq!(site_path("/a/..%2f..%2fetc"), None);
        assert_eq!(site_path("/a/%5c..%5cb"), None);
        assert_eq!(site_path("/./x"), None);
        assert_eq!(site_path("/a%00b"), None);
        assert_eq!(site_path("/bad%zz"), None);
        assert_eq!(site_path("/cut%2"), None);
        assert_eq!(site_path("/%ff"), None);
    }

    #[test]
    fn percent_decoding_is_strict() {
        assert_eq!(
            percent_decode("2023/report.vi").as_deref(),
            Some("2023/report.vi")
        );
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%+1"), None);
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.JPG")), "image/jpeg");
        assert_eq!(
            content_type(Path::new("search-index.json")),
            "application/json"
        );
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }
}
