//! The HTTP side of `bantin serve`, on hyper and a one-thread tokio runtime.
//!
//! Serves the session's folder (`/x/` → `x/index.html`, the site's
//! `404.html` for anything missing), adds the live-reload script to HTML
//! on the way out, streams reload events on `/_bantin/events` and answers
//! the view-counter API on `/_views/{page_id}`. URL paths are
//! percent-decoded before they are checked: a `..`, `.` or absolute part
//! is refused, so nothing outside the folder is ever read.
//!
//! Nothing a client does may stop it: connections and event streams are
//! capped (`Limits`), a request head is read within `HEADER_TIMEOUT` and
//! `MAX_HEADER` bytes (431 beyond), and when accepting fails (out of file
//! descriptors most often) the listener waits and tries again, serving the
//! connections it has. Only requests naming this machine by an IP address
//! or `localhost` are answered, so a web page cannot reach the preview
//! through a DNS name rebound to it.

use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener as StdListener};
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::thread;
use std::time::Duration;

use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::mpsc::Receiver;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use super::cms_backend::{self, CmsBackend};
use super::live::{self, EVENTS_PATH, LiveReload};
use super::views::{self, ViewCounter};
use crate::text::escape::escape_markup;

/// How long a client has to send a request head, also the idle time
/// after which a kept-alive connection is closed.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head (request line and headers) read.
const MAX_HEADER: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
/// The pause before accepting again after accepting failed.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);
/// A comment is sent this often on idle event streams (see `live`).
const HEARTBEAT: Duration = Duration::from_secs(15);
/// Files are sent in pieces of this size, never read whole.
const CHUNK: usize = 64 * 1024;
/// Threads reading files for the runtime.
const FILE_THREADS: usize = 4;
const VIEWS_PREFIX: &str = "/_views/";
/// Page ids are short paths; anything longer is not one.
const MAX_PAGE_ID: usize = 512;

/// How much the server takes on at once.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Open connections; more wait to be accepted until one closes.
    pub connections: usize,
    /// Live-reload streams, each holding a connection; more get 503, so
    /// open tabs never take every connection.
    pub event_streams: usize,
}

impl Limits {
    /// Half the connections for streams, at least one of each.
    pub fn with_connections(connections: usize) -> Limits {
        let connections = connections.max(2);
        Limits {
            connections,
            event_streams: connections / 2,
        }
    }
}

impl Default for Limits {
    /// Well under the 256 open files macOS allows by default, leaving room
    /// for the rebuilds.
    fn default() -> Limits {
        Limits::with_connections(128)
    }
}

/// What request handlers share with the rebuild loop.
pub struct Shared {
    /// The session's output folder; its path never changes.
    pub out_dir: PathBuf,
    pub views: ViewCounter,
    pub live: LiveReload,
    pub cms: CmsBackend,
}

pub struct Http {
    listener: Option<StdListener>,
    addr: SocketAddr,
    /// Dropped with `Http`, which stops the server thread.
    stop: Option<oneshot::Sender<()>>,
}

impl Http {
    /// Listens on `addr`; port 0 picks a free port (see `addr`).
    pub fn bind(addr: SocketAddr) -> Result<Http, String> {
        let listener = StdListener::bind(addr).map_err(|e| e.to_string())?;
        let addr = listener.local_addr().unwrap_or(addr);
        Ok(Http {
            listener: Some(listener),
            addr,
            stop: None,
        })
    }

    /// The address really listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Starts answering requests on a background thread.
    pub fn spawn(&mut self, shared: &Arc<Shared>, limits: Limits) -> io::Result<()> {
        let Some(listener) = self.listener.take() else {
            return Ok(());
        };
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .max_blocking_threads(FILE_THREADS)
            .build()?;
        let (stop, stopped) = oneshot::channel();
        self.stop = Some(stop);
        let shared = Arc::clone(shared);
        thread::Builder::new()
            .name("bantin-http".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    let live = Arc::clone(&shared);
                    tokio::spawn(async move {
                        let mut ticks = tokio::time::interval(HEARTBEAT);
                        loop {
                            ticks.tick().await;
                            live.live.heartbeat();
                        }
                    });
                    tokio::spawn(accept(listener, shared, limits));
                    // Until `Http` is dropped; the runtime then ends every
                    // connection.
                    let _ = stopped.await;
                });
            })?;
        Ok(())
    }
}

/// Accepts connections for ever, one task each, at most
/// `limits.connections` at a time.
async fn accept(listener: TcpListener, shared: Arc<Shared>, limits: Limits) {
    let connections = Arc::new(Semaphore::new(limits.connections));
    let streams = Arc::new(Semaphore::new(limits.event_streams));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_header_size(MAX_HEADER)
        .max_headers(MAX_HEADERS)
        .title_case_headers(true);
    loop {
        let Ok(permit) = Arc::clone(&connections).acquire_owned().await else {
            return;
        };
        let stream = loop {
            match listener.accept().await {
                Ok((stream, _)) => break stream,
                // Out of file descriptors, memory or buffers: the
                // connections being served will free some.
                Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        let streams = Arc::clone(&streams);
        let service = service_fn(move |request| {
            let shared = Arc::clone(&shared);
            let streams = Arc::clone(&streams);
            async move { Ok::<_, Infallible>(handle(request, &shared, &streams).await) }
        });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            // A client that hung up or sent garbage is no error of ours.
            let _ = connection.await;
            drop(permit);
        });
    }
}

async fn handle(
    request: Request<Incoming>,
    shared: &Arc<Shared>,
    streams: &Arc<Semaphore>,
) -> Response<Body> {
    if !host_allowed(&request) {
        return text(StatusCode::FORBIDDEN, crate::msg!("http-host"));
    }
    let path = request.uri().path();
    if path == EVENTS_PATH {
        events(request.method(), shared, streams)
    } else if path == crate::cms::BACKEND_PATH {
        cms(request, shared).await
    } else if let Some(id) = path.strip_prefix(VIEWS_PREFIX) {
        page_views(request.method(), id, &shared.views)
    } else {
        file(request.method(), path, shared).await
    }
}

/// Decap's local backend (see `cms_backend`): a JSON POST from a page of
/// this server only. Browsers send `Origin` with every POST, so one naming
/// another site (or none matching `Host`) is a foreign page's request.
async fn cms(request: Request<Incoming>, shared: &Arc<Shared>) -> Response<Body> {
    if request.method() != Method::POST {
        return text(StatusCode::METHOD_NOT_ALLOWED, crate::msg!("http-use-post"));
    }
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let same = host.is_some_and(|host| origin.to_str().ok() == Some(&format!("http://{host}")));
        if !same {
            return text(StatusCode::FORBIDDEN, crate::msg!("http-cross-site"));
        }
    }
    let limited = http_body_util::Limited::new(request.into_body(), cms_backend::MAX_REQUEST);
    let body = match http_body_util::BodyExt::collect(limited).await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return text(StatusCode::PAYLOAD_TOO_LARGE, crate::msg!("http-too-large")),
    };
    let backend = Arc::clone(shared);
    let answer = tokio::task::spawn_blocking(move || backend.cms.answer(&body)).await;
    let Ok(answer) = answer else {
        return text(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::msg!("http-cms-failed"),
        );
    };
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json_response(status, answer.body.to_string())
}

/// Whether the request names this machine as only it can be named: by an
/// IP address or `localhost`. Any other name could be one an attacker's
/// DNS points here (DNS rebinding), letting their page read the preview.
/// A request without a host (HTTP/1.0) comes from no browser.
fn host_allowed(request: &Request<Incoming>) -> bool {
    if let Some(host) = request.uri().host() {
        return is_local_name(host);
    }
    match request.headers().get(header::HOST) {
        Some(value) => value.to_str().is_ok_and(names_this_machine),
        None => true,
    }
}

/// Whether a `Host` header's `host[:port]` names this machine.
fn names_this_machine(authority: &str) -> bool {
    authority
        .parse::<hyper::http::uri::Authority>()
        .is_ok_and(|authority| is_local_name(authority.host()))
}

fn is_local_name(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return v6.parse::<IpAddr>().is_ok();
    }
    host.parse::<IpAddr>().is_ok() || host == "localhost" || host.ends_with(".localhost")
}

/// A file from the output folder, HTML with the live-reload script.
async fn file(method: &Method, url_path: &str, shared: &Shared) -> Response<Body> {
    if !matches!(*method, Method::GET | Method::HEAD) {
        return text(StatusCode::METHOD_NOT_ALLOWED, crate::msg!("http-method"));
    }
    let Some(relative) = site_path(url_path) else {
        return text(StatusCode::BAD_REQUEST, crate::msg!("http-bad-path"));
    };
    let mut target = shared.out_dir.join(&relative);
    if url_path.ends_with('/') {
        target.push("index.html");
    } else if tokio::fs::metadata(&target).await.is_ok_and(|m| m.is_dir()) {
        // Relative links in the page expect the folder's trailing slash.
        return match HeaderValue::from_str(&format!("{url_path}/")) {
            Ok(location) => {
                let mut response = Response::new(Body::empty());
                *response.status_mut() = StatusCode::FOUND;
                response.headers_mut().insert(header::LOCATION, location);
                response
            }
            Err(_) => text(StatusCode::BAD_REQUEST, crate::msg!("http-bad-path")),
        };
    }
    // The CMS is an application, not a page of the site: reloading it on
    // every rebuild, or covering it with the build's errors, would get in
    // the way of the editor typing (it shows save errors itself).
    let live = !relative.starts_with(crate::cms::ADMIN_URL_DIR);
    match served_file(&target, StatusCode::OK, live).await {
        Some(response) => response,
        None => not_found(shared).await,
    }
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

/// The file at `path`, or `None` when there is no such file; HTML gets the
/// live-reload script when `live`.
async fn served_file(path: &Path, status: StatusCode, live: bool) -> Option<Response<Body>> {
    let file = tokio::fs::File::open(path).await.ok()?;
    let meta = file.metadata().await.ok()?;
    if !meta.is_file() {
        return None;
    }
    let content_type = content_type(path);
    let response = if content_type.starts_with("text/html") {
        // Pages are read whole: the script goes in before their end.
        match tokio::fs::read(path).await {
            Ok(bytes) if live => html(status, &live::inject(&bytes)),
            Ok(bytes) => html(status, &bytes),
            Err(_) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::msg!("http-unreadable"),
            ),
        }
    } else {
        let mut response = Response::new(Body::File {
            file,
            left: meta.len(),
        });
        *response.status_mut() = status;
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        response
    };
    Some(response)
}

/// The site's `404.html`, or a stand-in while there is none (the first
/// build failed): it names the errors, and live reload shows them too.
async fn not_found(shared: &Shared) -> Response<Body> {
    let page = shared.out_dir.join("404.html");
    if let Some(response) = served_file(&page, StatusCode::NOT_FOUND, true).await {
        return response;
    }
    let detail = match shared.live.current_error() {
        Some(errors) => format!(
            "<p>{}</p><pre>{}</pre>",
            escape_markup(&crate::msg!("http-not-built")),
            escape_markup(&errors)
        ),
        None => format!("<p>{}</p>", escape_markup(&crate::msg!("http-no-page"))),
    };
    let title = escape_markup(&crate::msg!("http-not-found"));
    let lang = crate::messages::current().code();
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><h1>{title}</h1>{detail}</body></html>\n"
    );
    html(StatusCode::NOT_FOUND, &live::inject(body.as_bytes()))
}

/// `/_views/{page_id}`: POST counts a visit, GET reads; both answer
/// `{"views": N}`, and 404 for an id that is no page of the site. The
/// pages call it on their own origin, so no CORS header is needed, and
/// none lets another site's page read it.
fn page_views(method: &Method, raw_id: &str, counter: &ViewCounter) -> Response<Body> {
    let id = match percent_decode(raw_id) {
        Some(id) if !id.is_empty() && id.len() <= MAX_PAGE_ID => id,
        _ => return text(StatusCode::BAD_REQUEST, crate::msg!("http-bad-page-id")),
    };
    let views = match *method {
        Method::POST => counter.visit(&id),
        Method::GET | Method::HEAD => counter.get(&id),
        _ => {
            return text(
                StatusCode::METHOD_NOT_ALLOWED,
                crate::msg!("http-use-get-post"),
            );
        }
    };
    let Some(views) = views else {
        return text(StatusCode::NOT_FOUND, crate::msg!("http-no-page-id"));
    };
    json_response(StatusCode::OK, views::body(views))
}

/// A JSON answer, never cached: it changes with every visit or save.
fn json_response(status: StatusCode, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Body::full(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `/_bantin/events`: a server-sent event stream, fed by `LiveReload`.
fn events(method: &Method, shared: &Shared, streams: &Arc<Semaphore>) -> Response<Body> {
    if *method != Method::GET {
        return text(StatusCode::METHOD_NOT_ALLOWED, crate::msg!("http-use-get"));
    }
    let Ok(permit) = Arc::clone(streams).try_acquire_owned() else {
        let mut refused = text(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::msg!("http-too-many-streams"),
        );
        // Its connection is freed at once, not kept alive.
        refused
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return refused;
    };
    let mut response = Response::new(Body::Events(shared.live.subscribe(), permit));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A response body: bytes in memory, a file read a piece at a time, or a
/// browser's event stream (holding its place among the streams).
pub enum Body {
    Bytes(Option<Bytes>),
    File { file: tokio::fs::File, left: u64 },
    Events(Receiver<Bytes>, OwnedSemaphorePermit),
}

impl Body {
    fn empty() -> Body {
        Body::Bytes(None)
    }

    fn full(bytes: impl Into<Bytes>) -> Body {
        Body::Bytes(Some(bytes.into()))
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            Body::Bytes(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::File { file, left } => {
                if *left == 0 {
                    return Poll::Ready(None);
                }
                let mut chunk = vec![0; CHUNK.min(usize::try_from(*left).unwrap_or(CHUNK))];
                let mut buf = ReadBuf::new(&mut chunk);
                ready!(Pin::new(file).poll_read(cx, &mut buf))?;
                let read = buf.filled().len();
                if read == 0 {
                    // The file shrank since it was opened.
                    *left = 0;
                    return Poll::Ready(Some(Err(io::ErrorKind::UnexpectedEof.into())));
                }
                *left -= read as u64;
                chunk.truncate(read);
                Poll::Ready(Some(Ok(Frame::data(chunk.into()))))
            }
            Body::Events(events, _) => events.poll_recv(cx).map(|e| e.map(|e| Ok(Frame::data(e)))),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Bytes(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            Body::File { left, .. } => SizeHint::with_exact(*left),
            Body::Events(..) => SizeHint::default(),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Body::Bytes(bytes) => bytes.is_none(),
            Body::File { left, .. } => *left == 0,
            Body::Events(..) => false,
        }
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
        // Decap CMS checks its config.yml is served as YAML.
        Some("yml" | "yaml") => "text/yaml; charset=utf-8",
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

fn html(status: StatusCode, bytes: &[u8]) -> Response<Body> {
    let mut response = Response::new(Body::full(bytes.to_vec()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // Edits must show on reload, never from the browser's cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn text(status: StatusCode, message: String) -> Response<Body> {
    let mut response = Response::new(Body::full(message + "\n"));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
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
    fn only_names_no_dns_can_rebind_are_served() {
        for authority in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "preview.localhost:80",
            "[::1]:1111",
            "[fe80::1]",
            "192.168.1.20:1111",
            "localhost.",
        ] {
            assert!(names_this_machine(authority), "{authority}");
        }
        for authority in [
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "[not-an-ip]:1",
            "",
        ] {
            assert!(!names_this_machine(authority), "{authority}");
        }
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
