//! bantin: Markdown news articles in, a bilingual static news portal out.
//!
//! The pipeline, stage by stage: `config` and `source` read the site
//! (every file through the rules of `files`),
//! `site` builds the model, `render` turns it into pages through the
//! `theme` (and each language's texts into its index through `search`),
//! and `output` writes them. `pipeline` is the recipe that
//! strings them together. Library code never prints: the binary does.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cache;
pub mod cms;
pub mod config;
pub mod diag;
pub mod files;
pub mod fingerprint;
pub mod frame;
pub mod images;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod text;
pub mod theme;
mod yaml;

/// The most items (articles, listings, content files) one thread takes on
/// at a time. Rayon otherwise hands each thread a quarter of the work in one
/// piece that no idle thread can take a part of: the last piece left one
/// core working alone for ~0.2 s at the end of the article stage at 10k
/// pairs.
pub(crate) const SHARE: usize = 16;

/// jemalloc: a build makes and frees millions of small strings on all
/// cores, and glibc's malloc took a sixth of its instructions; jemalloc's
/// per-thread caches take ~15 % off a 10k-pair build's time. Set here
/// rather than in the binary so that the benchmarks and tests, which link
/// this library, allocate as `bantin` does.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read at its first allocation: freed pages go back
/// to the system after 200 ms rather than 10 s (and skip the lazier second
/// state), and each thread caches blocks of up to 4 KiB only. A build
/// lasts seconds; with the defaults a 10k-pair build peaked ~30 MiB higher.
// SAFETY: jemalloc reads this C string (`const char *`, NUL-terminated)
// under the name its `_rjem_` prefix gives; nothing else touches it.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_OPTIONS: &[u8; 52] = b"dirty_decay_ms:200,muzzy_decay_ms:0,tcache_max:4096\0";
