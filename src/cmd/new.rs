//! `bantin new`: one article file with its front matter filled in.
//!
//! Reads config.yaml (and, for `--translation-of`, the site's articles) to
//! choose the language, folder, file name and front matter; writes the file
//! only if nothing is there yet, and prints its path.

use super::{say, tell};
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use bantin::config::{self, Config, Overrides};
use bantin::diag::{self, Diagnostic};
use bantin::msg;
use bantin::scaffold::{self, Byline, NewArticle};
use bantin::source::{self, SourceArticle};

/// What went wrong, one line per message.
type Failure = Vec<String>;

fn fail(message: impl Into<String>) -> Failure {
    vec![message.into()]
}

/// What `bantin new` makes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A dated article, in the year's folder or `--section`.
    Article,
    /// A standalone page (`--page`) below `content/pages/`: no date.
    Page,
}

/// Exit status: 0 when the file was created, 1 otherwise.
pub fn new(
    root: &Path,
    title: &str,
    lang: Option<&str>,
    section: Option<&str>,
    translation_of: Option<&Path>,
    kind: Kind,
) -> i32 {
    match create(root, title, lang, section, translation_of, kind) {
        Ok((path, url)) => {
            // Only the path, so scripts can open it: `$EDITOR "$(bantin new …)"`;
            // where to see it goes to stderr.
            say!("{}", path.display());
            tell!("{}", bantin::msg!("new-created-url", url = url));
            0
        }
        Err(lines) => {
            for line in lines {
                tell!("{line}");
            }
            1
        }
    }
}

fn create(
    root: &Path,
    title: &str,
    lang: Option<&str>,
    section: Option<&str>,
    translation_of: Option<&Path>,
    kind: Kind,
) -> Result<(PathBuf, String), Failure> {
    let config = config::load(root, &Overrides::default()).map_err(diagnostics_failure)?;
    let title = scaffold::clean_title(title);
    if title.is_empty() {
        return Err(fail(msg!("new-empty-title")));
    }
    // The URL slug comes from the title even for a translation, which keeps
    // its original's file name.
    let Some(title_stem) = scaffold::file_stem(&title) else {
        return Err(fail(msg!("new-no-words", title = title)));
    };
    let original = translation_of
        .map(|file| find_original(root, &config, file))
        .transpose()?;
    let lang = language(&config, lang, original.as_ref())?;
    let now = jiff::Timestamp::now();

    let (folder, stem) = match (&original, section, kind) {
        (Some(o), _, _) => (o.article.dir.clone(), o.article.stem.clone()),
        (None, Some(section), Kind::Page) => {
            let section = scaffold::check_section(section).map_err(fail)?;
            (format!("{}/{section}", source::PAGES_DIR), title_stem)
        }
        (None, None, Kind::Page) => (source::PAGES_DIR.to_string(), title_stem),
        (None, Some(section), Kind::Article) => {
            (scaffold::check_section(section).map_err(fail)?, title_stem)
        }
        (None, None, Kind::Article) => (scaffold::year_folder(now, &config.timezone), title_stem),
    };
    // A page's date is optional, and one made by the translation of a page
    // is a page too.
    let dated = kind == Kind::Article && !original.as_ref().is_some_and(|o| o.article.is_page());
    let dir = root.join("content").join(&folder);
    if let Some(o) = &original {
        if let Some(other) = scaffold::translation_in(&o.articles, &o.article, &lang) {
            return Err(fail(msg!(
                "new-translation-exists",
                original = o.shown.display().to_string(),
                lang = lang.as_str(),
                other = other.path.display().to_string()
            )));
        }
    }
    check_free(&config, &dir, &stem, &lang, original.is_some())?;

    let url = match dated {
        true => serve_url(&config, &lang, &title, now),
        false => page_url(&config, &lang, &folder, &stem),
    };
    let article = NewArticle {
        title,
        date: dated.then(|| scaffold::date_text(now, &config.timezone)),
        // A byline is a name, the same in every language.
        author: original
            .as_ref()
            .and_then(|o| Byline::of(o.article.front.authors.clone()))
            .or_else(|| {
                (config.author.clone())
                    .filter(|a| !a.trim().is_empty())
                    .map(Byline::One)
            }),
        translation_key: original
            .as_ref()
            .and_then(|o| o.article.front.translation_key.clone()),
        draft: true,
    };
    let text = article.to_markdown("").map_err(fail)?;
    let path = dir.join(format!("{stem}.{lang}.md"));
    write_new(&path, &text).map_err(fail)?;
    Ok((path, url))
}

/// The URLs `bantin serve` gives on its default address.
fn serve_urls(config: &Config) -> bantin::site::Urls {
    let serve_config = Config {
        base_url: format!("http://127.0.0.1:{}/", bantin::serve::DEFAULT_PORT),
        ..config.clone()
    };
    bantin::site::Urls::new(&serve_config)
}

/// Where `bantin serve` shows the new article.
fn serve_url(config: &Config, lang: &str, title: &str, now: jiff::Timestamp) -> String {
    let urls = serve_urls(config);
    let date = bantin::text::dates::local_date(now, &config.timezone);
    urls.absolute(&urls.article(lang, date, &bantin::text::slug::slugify(title)))
}

/// Where `bantin serve` shows a new standalone page: its folders under
/// `content/pages/` and its file name (a parent page's own `slug:` can
/// rename a folder; the URL printed is the default one).
fn page_url(config: &Config, lang: &str, folder: &str, stem: &str) -> String {
    let urls = serve_urls(config);
    let home = urls.absolute(&urls.home(lang));
    let inside = (folder.strip_prefix(source::PAGES_DIR))
        .unwrap_or(folder)
        .trim_matches('/');
    match inside.is_empty() {
        true => format!("{home}{stem}/"),
        false => format!("{home}{inside}/{stem}/"),
    }
}

/// The article a translation is made from, and every article of the site
/// (to find a translation that already exists).
struct Original {
    /// The path as the user gave it, for messages.
    shown: PathBuf,
    article: SourceArticle,
    articles: Vec<SourceArticle>,
}

fn find_original(root: &Path, config: &Config, file: &Path) -> Result<Original, Failure> {
    let content = root.join("content");
    let abs_file =
        fs::canonicalize(file).map_err(|e| fail(io_failed(file, &msg!("io-read"), &e)))?;
    let rel = fs::canonicalize(&content)
        .ok()
        .and_then(|abs_content| {
            abs_file
                .strip_prefix(abs_content)
                .ok()
                .map(Path::to_path_buf)
        })
        .ok_or_else(|| {
            fail(msg!(
                "new-not-in-content",
                file = file.display().to_string(),
                content = content.display().to_string()
            ))
        })?;
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<Vec<_>>>()
        .map(|parts| parts.join("/"))
        .ok_or_else(|| {
            fail(format!(
                "{}: {}",
                file.display(),
                msg!("file-name-not-utf8")
            ))
        })?;

    let (articles, diagnostics) = source::load(root, config);
    if let Some(article) = articles.iter().find(|a| a.rel_path == rel) {
        return Ok(Original {
            shown: file.to_path_buf(),
            article: article.clone(),
            articles,
        });
    }
    let own: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.path == content.join(&rel))
        .collect();
    if own.is_empty() {
        Err(fail(msg!(
            "new-not-an-article",
            file = file.display().to_string()
        )))
    } else {
        Err(diagnostics_failure(own))
    }
}

/// The language asked for, or the default one; with `--translation-of`,
/// the first language other than the original's.
fn language(
    config: &Config,
    lang: Option<&str>,
    original: Option<&Original>,
) -> Result<String, Failure> {
    let codes = |skip: &str| {
        config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .filter(|c| *c != skip)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let lang = match (lang, original) {
        (Some(code), _) => code.to_string(),
        (None, Some(o)) => config
            .languages
            .iter()
            .find(|l| l.code != o.article.lang)
            .map(|l| l.code.clone())
            .ok_or_else(|| {
                fail(msg!(
                    "new-one-language",
                    languages = codes(""),
                    original = o.shown.display().to_string()
                ))
            })?,
        (None, None) => config.default_language().code.clone(),
    };
    if config.language(&lang).is_none() {
        let mut message = msg!(
            "new-unknown-lang",
            lang = lang.as_str(),
            languages = codes("")
        );
        if let Some(close) = config
            .languages
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(&lang))
        {
            let hint = msg!("fm-did-you-mean", key = close.code.as_str());
            message.push_str(&format!(" ({hint})"));
        }
        return Err(fail(message));
    }
    if let Some(o) = original {
        if o.article.lang == lang {
            return Err(fail(msg!(
                "new-same-lang",
                original = o.shown.display().to_string(),
                lang = lang.as_str(),
                languages = codes(&lang)
            )));
        }
    }
    Ok(lang)
}

/// Refuses a name that is taken in this language. For a fresh article, also
/// refuses a name another language's file has: the new file would silently
/// become its translation.
fn check_free(
    config: &Config,
    dir: &Path,
    stem: &str,
    lang: &str,
    translating: bool,
) -> Result<(), Failure> {
    let default = config.default_language().code.as_str();
    // Without a suffix a file is in the default language.
    let file_of = |code: &str| {
        if code == default {
            vec![
                dir.join(format!("{stem}.{code}.md")),
                dir.join(format!("{stem}.md")),
            ]
        } else {
            vec![dir.join(format!("{stem}.{code}.md"))]
        }
    };
    if let Some(taken) = file_of(lang).into_iter().find(|p| p.exists()) {
        let path = taken.display().to_string();
        return Err(fail(if translating {
            msg!("new-exists-translation", path = path)
        } else {
            msg!("new-exists", path = path)
        }));
    }
    if translating {
        return Ok(());
    }
    let sibling = config
        .languages
        .iter()
        .filter(|l| l.code != lang)
        .flat_map(|l| file_of(&l.code))
        .find(|p| p.exists());
    match sibling {
        Some(sibling) => Err(fail(msg!(
            "new-name-taken",
            path = sibling.display().to_string(),
            stem = stem
        ))),
        None => Ok(()),
    }
}

/// Creates `path` and its folders; never replaces a file, even one that
/// appeared since the checks were made. Shared with `bantin init`.
pub fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_failed(parent, &msg!("io-create-folder"), &e))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => {
                format!("{}: {}", path.display(), msg!("new-file-exists"))
            }
            _ => io_failed(path, &msg!("io-create"), &e),
        })?;
    file.write_all(text.as_bytes()).map_err(|e| {
        // The file is ours and incomplete: leave nothing half-written.
        let _ = fs::remove_file(path);
        io_failed(path, &msg!("io-write"), &e)
    })
}

/// `path: cannot <action>: <error>`, in the run's language.
pub fn io_failed(path: &Path, action: &str, error: &std::io::Error) -> String {
    let message = msg!("io-cannot", action = action, error = error.to_string());
    format!("{}: {message}", path.display())
}

/// Diagnostics as `bantin build` prints them, with the same closing line.
fn diagnostics_failure(mut diagnostics: Vec<Diagnostic>) -> Failure {
    diag::sort(&mut diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut lines: Failure = diagnostics.iter().map(ToString::to_string).collect();
    lines.push(msg!("errors-found", count = errors));
    lines
}
