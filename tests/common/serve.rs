//! A `bantin serve` run by a test: started on a free port, its output
//! collected, requests sent whole over HTTP/1.0 (the server closes the
//! connection after the response, so reading to the end reads it all),
//! stopped with Ctrl+C on drop.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::Fixture;
use super::http::{Response, poll};

/// A running `bantin serve`, stopped on drop.
pub struct Server {
    child: Child,
    /// `host:port`.
    pub addr: String,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    /// How long to wait for anything; starting up may take three times it.
    patience: Duration,
}

impl Server {
    /// `bantin serve --port 0 --root ROOT`, then `extra`.
    pub fn start(fixture: &Fixture, extra: &[&str], patience: Duration) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bantin"));
        command.args(["serve", "--port", "0", "--root"]);
        command.arg(fixture.root()).args(extra);
        Server::spawn(command, patience)
    }

    /// Runs `command`, a serve on a free port, and waits for its address.
    pub fn spawn(mut command: Command, patience: Duration) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bantin serve");
        let stdout = collect(child.stdout.take().expect("stdout"));
        let stderr = collect(child.stderr.take().expect("stderr"));
        let mut server = Server {
            child,
            addr: String::new(),
            stdout,
            stderr,
            patience,
        };
        let line = server.wait_for_output("Serving http://", patience * 3);
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("a URL");
        server.addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        server
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn port(&self) -> &str {
        self.addr.rsplit(':').next().unwrap()
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Standard output, then standard error.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout(), self.stderr())
    }

    /// The first output line (stdout or stderr) containing `needle`.
    #[track_caller]
    pub fn wait_for_output(&self, needle: &str, patience: Duration) -> String {
        self.wait_for_line(needle, patience, |l| l.contains(needle))
    }

    /// The first output line (stdout or stderr) that `matches`; `needle`
    /// describes it in the failure message.
    #[track_caller]
    pub fn wait_for_line(
        &self,
        needle: &str,
        patience: Duration,
        matches: impl Fn(&str) -> bool,
    ) -> String {
        let found = poll(patience, || {
            let out = self.output();
            out.lines().find(|l| matches(l)).map(str::to_string)
        });
        found.unwrap_or_else(|| {
            panic!(
                "no {needle:?} in the output:\n{}\n{}",
                self.stdout(),
                self.stderr()
            )
        })
    }

    /// The folder serve writes to, from its "Output in …" line.
    pub fn out_dir(&self) -> PathBuf {
        let line = self.wait_for_output("Output in ", self.patience);
        let rest = line.split_once("Output in ").unwrap().1;
        PathBuf::from(rest.trim_end_matches(" (removed on exit)"))
    }

    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    /// A bare request naming the server as a browser would.
    pub fn request(&self, method: &str, path: &str) -> Response {
        self.send(&format!(
            "{method} {path} HTTP/1.0\r\nHost: {}\r\nContent-Length: 0\r\n\r\n",
            self.addr
        ))
    }

    /// Sends `head` on a new connection and reads the whole response.
    pub fn send(&self, head: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(self.patience)).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the response");
        Response::parse(&raw)
    }

    /// Polls `path` until its body contains `needle`.
    #[track_caller]
    pub fn wait_for_page(&self, path: &str, needle: &str) -> Response {
        poll(self.patience, || {
            Some(self.get(path)).filter(|r| r.body.contains(needle))
        })
        .unwrap_or_else(|| {
            panic!(
                "{path} never showed {needle:?}; output:\n{}\n{}",
                self.stdout(),
                self.stderr()
            )
        })
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Ctrl+C (where there is one), then the exit status.
    pub fn stop(&mut self) -> Option<i32> {
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status();
        #[cfg(not(unix))]
        let _ = self.child.kill();
        let deadline = Instant::now() + self.patience;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.alive() && self.stop().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Collects `stream`'s lines as they come.
fn collect(stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}
