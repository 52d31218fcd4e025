//! `bantin serve` under attack and exhaustion (issue 22: S5, S7, S9, S8,
//! S2): it keeps answering after running out of connections or file
//! descriptors, refuses oversized heads and foreign hosts, counts views
//! only for the site's pages, and warns when visible on the network.
//!
//! Each test runs the real binary on a fixture, like tests/serve.rs, with
//! small limits (`--max-connections`, `ulimit -n`) so it stays quick.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::thread;
use std::time::Duration;

use common::Fixture;
use common::http::{Response, poll};
use common::serve::Server;

const PATIENCE: Duration = Duration::from_secs(10);
const ARTICLE: &str = "/2023/06/bao-cao-tinh-hinh/";
const EVENTS: &str = "/_bantin/events";

/// Under `ulimit -n files`, through the shell that sets it.
#[cfg(unix)]
fn start_with_open_files(fixture: &Fixture, files: u32) -> Server {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "ulimit -n {files} && exec \"$0\" serve --port 0 --root \"$1\""
        ))
        .arg(env!("CARGO_BIN_EXE_bantin"))
        .arg(fixture.root());
    Server::spawn(command, PATIENCE)
}

fn portal() -> Fixture {
    let f = Fixture::new();
    f.article(
        "2023/bao-cao.vi.md",
        "Báo cáo tình hình",
        "2023-06-05",
        "views: 817\n",
        "Nội dung ban đầu.\n",
    );
    f
}

/// Opens an event stream and reads its head.
fn open_events(server: &Server) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {EVENTS} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    (stream, String::from_utf8_lossy(&head).into_owned())
}

#[test]
fn a_server_at_its_connection_limit_answers_once_connections_close() {
    let f = portal();
    let server = Server::start(&f, &["--max-connections", "4"], PATIENCE);

    // Live-reload streams get half the connections; one more is refused,
    // so open tabs cannot take every connection.
    let (first, head) = open_events(&server);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let (second, head) = open_events(&server);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    // The refusal frees its connection at once, even asked to keep it.
    let mut third = TcpStream::connect(&server.addr).unwrap();
    third.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        third,
        "GET {EVENTS} HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut raw = Vec::new();
    third.read_to_end(&mut raw).unwrap();
    assert_eq!(Response::parse(&raw).status, 503);
    assert_eq!(
        server.get("/").status,
        200,
        "pages still load beside the streams"
    );

    // Two idle connections fill the rest: the next request waits...
    let idle: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    thread::sleep(Duration::from_millis(300));
    let mut waiting = TcpStream::connect(&server.addr).unwrap();
    write!(waiting, "GET / HTTP/1.0\r\nHost: {}\r\n\r\n", server.addr).unwrap();
    waiting
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut byte = [0];
    assert!(
        waiting.read(&mut byte).is_err(),
        "a fifth connection was served beyond the limit of 4"
    );

    // ...and is answered once they close, as is everyone after.
    drop(idle);
    drop(first);
    drop(second);
    waiting.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut raw = byte[..0].to_vec();
    waiting.read_to_end(&mut raw).unwrap();
    assert_eq!(Response::parse(&raw).status, 200);
    assert_eq!(server.get(ARTICLE).status, 200);
}

#[cfg(unix)]
#[test]
fn running_out_of_file_descriptors_is_survived() {
    let f = portal();
    // About a dozen files are open once serving: 24 runs out long before
    // the 128 connections allowed.
    let mut server = start_with_open_files(&f, 24);
    let held: Vec<TcpStream> = (0..40)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    // Long enough for the server to fail accepting, more than once.
    thread::sleep(Duration::from_millis(500));
    assert!(server.alive(), "{}", server.output());
    drop(held);

    let page = poll(PATIENCE, || {
        Some(server.get(ARTICLE)).filter(|r| r.status == 200)
    });
    assert!(page.is_some(), "no page after the connections closed");
    // Rebuilds go on too.
    f.article(
        "2023/bao-cao.vi.md",
        "Báo cáo tình hình",
        "2023-06-05",
        "views: 817\n",
        "Nội dung đã sửa.\n",
    );
    let edited = poll(PATIENCE, || {
        Some(server.get(ARTICLE)).filter(|r| r.body.contains("Nội dung đã sửa."))
    });
    assert!(
        edited.is_some(),
        "the edit was not served:\n{}",
        server.output()
    );
    assert!(!server.output().contains("panicked"), "{}", server.output());
}

#[test]
fn an_oversized_request_head_is_refused_without_being_read_whole() {
    let f = portal();
    let server = Server::start(&f, &[], PATIENCE);
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(stream, "GET / HTTP/1.1\r\nHost: {}\r\nX-Big: ", server.addr).unwrap();
    // A header that never ends: the server answers and hangs up long
    // before 64 MiB are sent.
    let filler = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    while sent < 64 << 20 && stream.write_all(&filler).is_ok() {
        sent += filler.len();
    }
    assert!(sent < 64 << 20, "the server read a 64 MiB header");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    if !raw.is_empty() {
        assert_eq!(Response::parse(&raw).status, 431);
    }
    // An oversized head that does end gets its answer.
    let big = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Big: {}\r\n\r\n",
        server.addr,
        "a".repeat(20 * 1024)
    );
    assert_eq!(server.send(&big).status, 431);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn requests_for_another_host_are_refused() {
    let f = portal();
    let server = Server::start(&f, &[], PATIENCE);
    let port = server.port();
    // A page on a rebound name must not read the preview or its counter.
    for path in ["/", ARTICLE, "/_views/2023/bao-cao.vi", EVENTS] {
        let response = server.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: attacker.example:{port}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(response.status, 403, "{path}: {}", response.head);
        assert!(!response.body.contains("Báo cáo"), "{path}");
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let response = server.send(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(response.status, 200, "{host}");
    }
    let head = server.send(&format!(
        "HEAD {ARTICLE} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    let views = server.send(&format!(
        "POST /_views/2023/bao-cao.vi HTTP/1.1\r\nHost: localhost:{port}\r\n\
         Origin: http://attacker.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(views.body, r#"{"views":818}"#);
    assert!(
        !views
            .head
            .to_ascii_lowercase()
            .contains("access-control-allow-origin"),
        "{}",
        views.head
    );
}

#[test]
fn only_the_sites_page_ids_are_counted() {
    let f = portal();
    let server = Server::start(&f, &[], PATIENCE);
    let post = |path: &str| {
        server.send(&format!(
            "POST {path} HTTP/1.0\r\nHost: {}\r\nContent-Length: 0\r\n\r\n",
            server.addr
        ))
    };
    for id in ["nope", "2023/bao-cao.en", "2023%2Fno-such.vi"] {
        let path = format!("/_views/{id}");
        assert_eq!(post(&path).status, 404, "{id}");
        // Not stored: it is still unknown after the visit.
        assert_eq!(server.get(&path).status, 404, "{id}");
    }
    assert_eq!(post("/_views/2023/bao-cao.vi").body, r#"{"views":818}"#);

    // A page that goes away takes its count with it.
    std::fs::remove_file(f.root().join("content/2023/bao-cao.vi.md")).unwrap();
    let gone = poll(PATIENCE, || {
        Some(()).filter(|()| server.get("/_views/2023/bao-cao.vi").status == 404)
    });
    assert!(gone.is_some(), "a deleted page is still counted");
}

#[test]
fn binding_every_address_warns_and_pages_name_a_reachable_one() {
    let f = portal();
    let server = Server::start(&f, &["--bind", "0.0.0.0"], PATIENCE);
    let warning = server.wait_for_output("warning: listening on 0.0.0.0", PATIENCE * 3);
    assert!(warning.contains("other devices"), "{warning}");
    assert!(!server.addr.starts_with("0.0.0.0"), "{}", server.addr);

    let local = format!("127.0.0.1:{}", server.port());
    let mut stream = TcpStream::connect(&local).unwrap();
    write!(
        stream,
        "GET {ARTICLE} HTTP/1.0\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let page = Response::parse(&raw);
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("0.0.0.0"), "the page names 0.0.0.0");
    assert!(page.body.contains(&format!("http://{}/", server.addr)));
    assert!(page.body.contains("data-endpoint=\"/_views\""));

    // Bound to loopback (the default), there is nothing to warn about.
    let quiet = Server::start(&f, &[], PATIENCE);
    thread::sleep(Duration::from_millis(200));
    assert!(!quiet.output().contains("warning: listening"));
}
