//! The compute floor of the benchmark: pulldown-cmark alone, on one thread,
//! over every article body of a site (front matter stripped), with the
//! extensions bantin enables. No templates, highlighting or writing.
//!
//!     cargo run --release --example markdown_floor -- SITE_DIR

use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: markdown_floor SITE_DIR");
        std::process::exit(2);
    };
    let mut bodies = Vec::new();
    for entry in
        walkdir::WalkDir::new(std::path::Path::new(&root).join("content")).sort_by_file_name()
    {
        let Ok(entry) = entry else { continue };
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            // The body follows the second `---` line.
            let body = text
                .split("\n---\n")
                .nth(1)
                .map(str::to_string)
                .unwrap_or(text);
            bodies.push(body);
        }
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let started = Instant::now();
    let mut bytes = 0;
    for body in &bodies {
        let mut out = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut out, Parser::new_ext(body, options));
        bytes += out.len();
    }
    println!(
        "{} bodies, {:.1} MB of Markdown -> {:.1} MB of HTML in {:.3} s",
        bodies.len(),
        bodies.iter().map(String::len).sum::<usize>() as f64 / 1e6,
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}
