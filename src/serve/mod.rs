//! `bantin serve`: build, serve, watch, rebuild, reload.
//!
//! `Serve::start` listens first (so `--port 0` knows its port, and the
//! base URL with it), starts watching, builds through a `Session` into a
//! private folder, and answers HTTP in background threads. `Serve::next_event`
//! then waits for a batch of changes, rebuilds, and tells open browsers to
//! reload or to show the errors. Nothing here prints: each step returns
//! what happened and `cmd::serve` reports it.

pub mod cms_backend;
pub mod http;
pub mod live;
pub mod overlay;
pub mod session;
pub mod views;
pub mod watch;

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Overrides;
use crate::diag::Diagnostic;
use crate::pipeline::Settings;
pub use http::Limits;
use http::{Http, Shared};
pub use session::{RebuildReport, Session};
pub use watch::Stopper;
use watch::{Next, Watch};

/// The port `bantin serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// Where the theme's view counter is pointed while serving: on the page's
/// own origin, whatever address the page was opened by.
pub const VIEWS_PATH: &str = "/_views";

pub struct Options {
    /// The site folder; an empty path is the current folder.
    pub root: PathBuf,
    /// Port 0 picks a free port.
    pub addr: SocketAddr,
    pub include_drafts: bool,
    /// Show only what `build` publishes; otherwise drafts and scheduled
    /// articles are shown with a banner (`site::preview`).
    pub published: bool,
    pub limits: Limits,
    /// `--now`: a fixed build clock instead of the time of each rebuild.
    pub now: Option<jiff::Timestamp>,
}

/// The address could not be listened on (a port in use, most often).
#[derive(Debug)]
pub struct BindError {
    pub addr: SocketAddr,
    pub message: String,
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let addr = self.addr.to_string();
        let message = self.message.as_str();
        write!(
            f,
            "{}",
            crate::msg!("serve-cannot-listen", addr = addr, error = message)
        )
    }
}

/// What `Serve::next_event` did.
pub enum Event {
    /// A batch of changes was rebuilt (or failed to build).
    Rebuilt {
        changed: Vec<PathBuf>,
        report: RebuildReport,
    },
    /// Watching went wrong; edits there may be missed.
    WatchProblem(Diagnostic),
}

pub struct Serve {
    /// Answers requests until dropped.
    _http: Http,
    shared: Arc<Shared>,
    watch: Watch,
    url: String,
    session: Session,
}

impl Serve {
    /// Listens, watches and builds. Only failing to listen stops serve: a
    /// site that does not build is served as its errors until it does.
    /// Warnings about watching come with the build's diagnostics.
    pub fn start(options: Options) -> Result<(Serve, RebuildReport), BindError> {
        let bind_error = |message: String| BindError {
            addr: options.addr,
            message,
        };
        let mut http = Http::bind(options.addr).map_err(bind_error)?;
        let url = format!("http://{}/", reachable(http.addr()));
        let (mut watch, watch_problems) = Watch::start(&options.root);
        let root = options.root.clone();
        let settings = Settings {
            root: options.root,
            out: PathBuf::new(),
            include_drafts: options.include_drafts,
            preview_drafts: !options.published,
            overrides: Overrides {
                base_url: Some(url.clone()),
                views_endpoint: Some(VIEWS_PATH.to_string()),
            },
            now: options.now.unwrap_or_else(jiff::Timestamp::now),
            strict: false,
        };
        let (session, mut report) = Session::start_with_clock(settings, options.now);
        watch.ignore(session.out_dir());
        let shared = Arc::new(Shared {
            out_dir: session.out_dir().to_path_buf(),
            views: Default::default(),
            live: Default::default(),
            cms: cms_backend::CmsBackend::new(root, watch.stopper()),
        });
        http.spawn(&shared, options.limits)
            .map_err(|e| bind_error(e.to_string()))?;
        let serve = Serve {
            _http: http,
            shared,
            watch,
            url,
            session,
        };
        serve.publish(&report);
        report.diagnostics.extend(watch_problems);
        Ok((serve, report))
    }

    /// `http://127.0.0.1:1111/`, with the port really listened on; the
    /// address browsers can use (see `reachable`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The folder being served, removed when `Serve` is dropped.
    pub fn out_dir(&self) -> &Path {
        self.session.out_dir()
    }

    /// Makes `next_event` return `None`, from any thread.
    pub fn stopper(&self) -> Stopper {
        self.watch.stopper()
    }

    /// Waits for the next batch of changes and rebuilds; `None` once stopped.
    pub fn next_event(&mut self) -> Option<Event> {
        match self.watch.wait() {
            Next::Stop => None,
            Next::Problem(d) => Some(Event::WatchProblem(d)),
            Next::Changed(changed) => {
                let report = self.session.rebuild(&changed);
                self.publish(&report);
                Some(Event::Rebuilt { changed, report })
            }
        }
    }

    /// Brings the view counter up to date and tells the browsers.
    fn publish(&self, report: &RebuildReport) {
        let live = &self.shared.live;
        if report.ok {
            self.shared.views.seed(self.session.build_views());
            // Also after a fix that restored the old bytes: the error
            // overlay must go.
            if report.written + report.removed > 0 || live.current_error().is_some() {
                live.reload(&format!(
                    "{} files written, {} removed",
                    report.written, report.removed
                ));
            }
        } else {
            let errors: Vec<Diagnostic> = (report.diagnostics.iter())
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            live.error(&overlay::payload(&errors, self.session.editor_url()));
        }
    }
}

/// The address to put in the pages for one listened on. Listening on every
/// address (`0.0.0.0`, `::`), pages must name one that works from other
/// devices too: the one this machine reaches the network by (found by
/// routing a UDP socket, which sends nothing), or loopback when offline.
fn reachable(listened: SocketAddr) -> SocketAddr {
    let ip = listened.ip();
    if !ip.is_unspecified() {
        return listened;
    }
    let (any, probe, loopback): (IpAddr, IpAddr, IpAddr) = match ip {
        IpAddr::V4(_) => (
            Ipv4Addr::UNSPECIFIED.into(),
            Ipv4Addr::new(192, 0, 2, 1).into(),
            Ipv4Addr::LOCALHOST.into(),
        ),
        IpAddr::V6(_) => (
            Ipv6Addr::UNSPECIFIED.into(),
            Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1).into(),
            Ipv6Addr::LOCALHOST.into(),
        ),
    };
    let routed = UdpSocket::bind((any, 0))
        .and_then(|socket| {
            socket.connect((probe, 9))?;
            socket.local_addr()
        })
        .map(|local| local.ip())
        .ok()
        .filter(|ip| !ip.is_unspecified());
    SocketAddr::new(routed.unwrap_or(loopback), listened.port())
}
