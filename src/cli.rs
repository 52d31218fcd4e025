//! The command line. Each `///` comment is the `--help` text.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// bantin (bản tin): a static site generator for bilingual Vietnamese/English news portals.
#[derive(Parser, Debug)]
#[command(name = "bantin", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of bantin's messages: vi or en. Default: config.yaml's
    /// `messages:`, else the locale (LC_ALL, LC_MESSAGES, LANG), else the
    /// site's default language.
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    pub lang_messages: Option<String>,
}

impl Command {
    /// The site folder the command works on, if it has one.
    pub fn root(&self) -> Option<&std::path::Path> {
        match self {
            Command::Build { root, .. }
            | Command::Serve { root, .. }
            | Command::Check { root, .. }
            | Command::New { root, .. }
            | Command::Cms(CmsCommand::Init { root, .. }) => Some(root),
            Command::Init { .. } => None,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into DIR/public (or --out).
    Build {
        /// The site folder: where config.yaml and content/ are.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced as a whole, and only on success.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include drafts, and articles dated in the future or expired.
        #[arg(long)]
        drafts: bool,
        /// Use this base URL instead of config.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Print nothing but errors and warnings.
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print where the time went, stage by stage.
        #[arg(long, short)]
        verbose: bool,
        /// Build as if it were TIME (`2026-12-08 06:00` in the site's
        /// timezone, or RFC 3339): which articles are published or expired.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// Also write the next time the output changes by itself (an
        /// article's date or expiry coming) to FILE, as JSON.
        #[arg(long, value_name = "FILE")]
        next_change_json: Option<PathBuf>,
        /// Treat warnings (HTML the sanitiser removed, broken links) as
        /// errors: nothing is written and the exit status is 1.
        #[arg(long)]
        strict: bool,
        /// Neither read nor write .bantin-cache/ (the build cache and the
        /// images' encodings): build everything from the inputs alone.
        #[arg(long)]
        no_cache: bool,
    },
    /// Build the site, serve it locally, and rebuild and reload on every change.
    ///
    /// The site is built into a private temporary folder (never public/),
    /// with the base URL of the local server, and removed on exit. Changes
    /// to content/, themes/, static/, data/ and config.yaml rebuild it and
    /// reload open browsers; a change that does not build is reported here
    /// and shown in the browser, which keeps the last good version. The
    /// view counter works: the server counts visits in memory, starting
    /// from the build-time counts. Stop with Ctrl+C.
    Serve {
        /// The site folder: where config.yaml and content/ are.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = bantin::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on; 0.0.0.0 lets other devices on the
        /// network open the preview, drafts and errors included.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Include drafts, and articles dated in the future or expired, as if
        /// published (in feeds and the sitemap too), as `build --drafts` does.
        #[arg(long, conflicts_with = "published")]
        drafts: bool,
        /// Show exactly what `build` publishes: no drafts, no articles
        /// dated in the future. Without it they are shown, each with a
        /// "Draft" or "Scheduled for …" banner, and kept out of feeds and
        /// the sitemap.
        #[arg(long)]
        published: bool,
        /// Connections served at once (half at most for live reload);
        /// more wait. For tests of the limits.
        #[arg(long, hide = true, default_value_t = 128)]
        max_connections: usize,
        /// Serve as if it were TIME (`2026-12-08 06:00` in the site's
        /// timezone, or RFC 3339): which articles are published or expired;
        /// the clock then stays there.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
    },
    /// Check content, configuration and templates, writing nothing.
    Check {
        /// The site folder: where config.yaml and content/ are.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include drafts, and articles dated in the future or expired.
        #[arg(long)]
        drafts: bool,
        /// Check as if it were TIME (`2026-12-08 06:00` in the site's
        /// timezone, or RFC 3339): which articles are published or expired.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// Treat warnings (HTML the sanitiser removed) as errors: exit 1.
        #[arg(long)]
        strict: bool,
    },
    /// Create an article with its front matter filled in, and print its path.
    ///
    /// The file is content/<section>/<slug>.<lang>.md: the section is the
    /// current year unless --section is given, and the slug comes from the
    /// title. The language suffix is written even for the default language,
    /// so translations line up. The front matter has the title, the date
    /// (now, in the site's timezone), config.yaml's `author` when set, and
    /// `draft: true`, which keeps the article out of the site until you
    /// delete that line; `bantin build --drafts` includes it meanwhile.
    /// Only the path is printed, so `$EDITOR "$(bantin new "…")"` works. An
    /// existing file is never overwritten.
    New {
        /// The article's title, in quotes: "Tiêu đề bài viết".
        title: String,
        /// The site folder: where config.yaml and content/ are.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The article's language, one of config.yaml's `languages`. Default:
        /// the site's default language; with --translation-of, the first
        /// language other than the original's.
        #[arg(long)]
        lang: Option<String>,
        /// The folder below content/ to create the article in, like `thoi-su`
        /// or `2026/11`. Default: the current year.
        #[arg(long, conflicts_with = "translation_of")]
        section: Option<String>,
        /// Create the translation of this article (a path such as `bantin
        /// new` prints): same folder and name, another language suffix, its
        /// `translation_key` and `author` carried over.
        #[arg(long, value_name = "FILE")]
        translation_of: Option<PathBuf>,
        /// Create a standalone page (About, Contact…) instead of an article:
        /// content/pages/[<section>/]<slug>.<lang>.md, with no date. Its URL
        /// is /<section>/<slug>/, outside listings, archives and feeds.
        #[arg(long, conflicts_with = "translation_of")]
        page: bool,
    },
    /// Create a new bilingual (vi, en) site in DIR, ready to build.
    ///
    /// Writes config.yaml (every key explained), a welcome article in each
    /// language under content/<year>/ and a .gitignore for public/. The
    /// default theme is built in, so there is no themes/ folder. DIR is
    /// created if missing and must be empty if it exists.
    Init {
        /// The folder for the new site.
        dir: PathBuf,
    },
    /// The browser CMS for editors (Decap CMS).
    #[command(subcommand)]
    Cms(CmsCommand),
}

#[derive(Subcommand, Debug)]
pub enum CmsCommand {
    /// Write static/admin/index.html and static/admin/config.yml.
    ///
    /// The configuration is generated from bantin's front-matter rules and
    /// config.yaml (languages, authors and categories in use); the page
    /// loads Decap CMS from `cms.script`. Open /admin/ under `bantin serve`
    /// to edit through its local backend. Existing files are kept unless
    /// --force is given.
    Init {
        /// The site folder: where config.yaml and content/ are.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace existing admin files.
        #[arg(long)]
        force: bool,
    },
}
