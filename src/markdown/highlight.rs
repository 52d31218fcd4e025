//! Code blocks: syntect highlighting with CSS classes, and the stylesheet for those classes.

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::sanitize::push_escaped;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

/// Past these sizes a block is shown plain: syntect's regexes are too slow on huge input.
const MAX_HIGHLIGHT_BYTES: usize = 256 * 1024;
const MAX_HIGHLIGHT_LINE: usize = 4 * 1024;

/// Loaded on first use only: pages without code never pay for it.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The language named by a fence's info string: its first word ("rust,ignore" → "rust").
pub(super) fn fence_language(info: &str) -> Option<&str> {
    info.split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .filter(|lang| !lang.is_empty())
}

/// HTML for one code block: highlighted when `lang` is known to syntect, else escaped text.
pub(super) fn code_block(lang: Option<&str>, code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 2 + 64);
    if let Some((lang, body)) = lang.and_then(|lang| Some((lang, highlight(lang, code)?))) {
        html.push_str(r#"<pre class="code" data-lang=""#);
        push_escaped(&mut html, lang);
        html.push_str(r#""><code>"#);
        html.push_str(&body);
    } else {
        html.push_str(r#"<pre class="code"><code>"#);
        push_escaped(&mut html, code);
    }
    html.push_str("</code></pre>\n");
    html
}

fn highlight(lang: &str, code: &str) -> Option<String> {
    if code.len() > MAX_HIGHLIGHT_BYTES {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    if is_plain_text(set, syntax) {
        return None;
    }
    let mut state = State {
        parser: ParseState::new(syntax),
        scopes: ScopeStack::new(),
    };
    let mut html = String::with_capacity(code.len() * 4);
    let mut open_spans: isize = 0;
    for line in LinesWithEndings::from(code) {
        if line.len() > MAX_HIGHLIGHT_LINE {
            return None;
        }
        open_spans += highlight_line(set, line, &mut state, &mut html)?;
    }
    for _ in 0..open_spans {
        html.push_str("</span>");
    }
    // Guard against a syntax definition that closes more spans than it opened.
    spans_balanced(&html).then_some(html)
}

/// Where highlighting stands between two lines: syntect's parser and the
/// scopes its spans have opened.
#[derive(Clone, PartialEq, Eq)]
struct State {
    parser: ParseState,
    scopes: ScopeStack,
}

/// One line highlighted from one state: its HTML, how many spans it left
/// open (or closed, if negative), and the state after it.
struct Highlighted {
    before: State,
    html: String,
    open_spans: isize,
    after: State,
}

/// Lines already highlighted, by their text. A line's highlighting depends
/// only on the line and the state before it, and code samples repeat lines
/// (`}`, imports, a translation's copy of the same block), so a line seen
/// in the same state is not parsed again: parsing is most of the cost of
/// a code block (~15–35 µs a line). One per thread, as syntect's parser
/// state may not cross threads; each stops learning past its share of
/// `MEMO_BYTES` (by an estimate of its entries' size), and every build
/// empties them all once its articles are rendered.
#[derive(Default)]
struct LineMemo {
    lines: FxHashMap<Box<str>, Vec<Highlighted>>,
    bytes: usize,
}

const MEMO_BYTES: usize = 4 * 1024 * 1024;

/// What a remembered line costs besides its text and HTML: two states.
const MEMO_STATE_BYTES: usize = 512;

thread_local! {
    static MEMO: RefCell<LineMemo> = RefCell::default();
}

/// Empties the memo of every thread of the pool that renders articles:
/// called once a build's articles are rendered, so that the memory serves
/// the rest of the build rather than pinning pages among freed ones.
pub fn forget_lines() {
    rayon::broadcast(|_| drop(MEMO.take()));
}

/// Appends `line`'s HTML to `html` and moves `state` past it; returns the
/// change in open spans. `None` if syntect fails on it.
fn highlight_line(
    set: &SyntaxSet,
    line: &str,
    state: &mut State,
    html: &mut String,
) -> Option<isize> {
    let seen = MEMO.with_borrow(|memo| {
        let seen = memo.lines.get(line)?.iter().find(|h| h.before == *state)?;
        html.push_str(&seen.html);
        state.clone_from(&seen.after);
        Some(seen.open_spans)
    });
    if seen.is_some() {
        return seen;
    }
    let before = state.clone();
    let ops = state.parser.parse_line(line, set).ok()?;
    let (line_html, open_spans) =
        line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut state.scopes).ok()?;
    html.push_str(&line_html);
    MEMO.with_borrow_mut(|memo| {
        let cost = line.len() + line_html.len() + MEMO_STATE_BYTES;
        let budget = MEMO_BYTES / rayon::current_num_threads().max(1);
        if memo.bytes + cost <= budget {
            memo.bytes += cost;
            memo.lines
                .entry(line.into())
                .or_default()
                .push(Highlighted {
                    before,
                    html: line_html,
                    open_spans,
                    after: state.clone(),
                });
        }
    });
    Some(open_spans)
}

fn is_plain_text(set: &SyntaxSet, syntax: &SyntaxReference) -> bool {
    std::ptr::eq(set.find_syntax_plain_text(), syntax)
}

/// Whether every `<span` has its `</span>` and none closes early. Code text is escaped,
/// so these byte sequences can only be syntect's own tags.
fn spans_balanced(html: &str) -> bool {
    let mut depth: usize = 0;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if rest.starts_with("<span") {
            depth += 1;
        } else if rest.starts_with("</span>") {
            let Some(d) = depth.checked_sub(1) else {
                return false;
            };
            depth = d;
        }
        rest = &rest[1..];
    }
    depth == 0
}

/// Stylesheet for the highlighting classes: a light theme, and a dark one inside
/// `@media (prefers-color-scheme: dark) { ... }`.
///
/// The light theme's scope rules sit in `@media (prefers-color-scheme: light)`: left global,
/// its more specific selectors would beat the dark theme's and bleed into dark mode. Only its
/// base colours stay global, as a fallback.
pub fn highlight_css() -> String {
    let themes = ThemeSet::load_defaults();
    let (light_base, light_rules) = theme_css(&themes, LIGHT_THEME);
    let (dark_base, dark_rules) = theme_css(&themes, DARK_THEME);
    format!(
        "/* Syntax highlighting for `pre.code` blocks; generated by bantin's markdown module. */\n\n\
         {light_base}\n@media (prefers-color-scheme: light) {{\n{light_rules}}}\n\n\
         @media (prefers-color-scheme: dark) {{\n{dark_base}\n{dark_rules}}}\n"
    )
}

/// A theme's CSS split into its base rule (`pre.code`, with the theme's name comment before
/// it) and its scope rules.
fn theme_css(themes: &ThemeSet, name: &str) -> (String, String) {
    let Some(css) = themes
        .themes
        .get(name)
        .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
    else {
        return (String::new(), String::new());
    };
    // syntect puts the theme's base colours on `.hl-code`; our blocks are `pre.code`.
    let css = css.replacen(".hl-code {", "pre.code {", 1);
    match css.split_once("}\n") {
        Some((base, rules)) => (format!("{base}}}\n"), rules.trim_start().to_owned()),
        None => (String::new(), css),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_languages() {
        assert_eq!(fence_language("rust,ignore"), Some("rust"));
        assert_eq!(fence_language("python title=x"), Some("python"));
        assert_eq!(fence_language(""), None);
    }

    #[test]
    fn span_balance() {
        assert!(spans_balanced("<span a>x</span>&lt;span"));
        assert!(!spans_balanced("</span><span>"));
        assert!(!spans_balanced("<span>"));
    }

    #[test]
    fn many_languages_balanced() {
        let samples = [
            (
                "rust",
                "fn main() {\n    let s = \"a\\\"b\"; // c\n}\n/* open",
            ),
            (
                "python",
                "def f(x):\n    \"\"\"doc\n    more\"\"\"\n    return x\n'''unterminated",
            ),
            ("js", "const a = `tpl ${b}\nline`;\n/* unterminated"),
            (
                "html",
                "<div class=\"a\">\n<script>var x = '<';</script>\n<!-- open",
            ),
            ("sh", "echo \"$(ls\n)\" <<EOF\nbody\n"),
            (
                "c",
                "#include <stdio.h>\nint main(void) { /* x\n*/ return 0; }\n",
            ),
        ];
        for (lang, code) in samples {
            let html = highlight(lang, code).unwrap_or_else(|| panic!("{lang} not highlighted"));
            assert!(html.contains("<span class=\"hl-"), "{lang}");
            assert!(spans_balanced(&html), "{lang}");
        }
    }

    /// syntect's own generator, line by line with no memo: what `highlight` must match.
    fn reference(lang: &str, code: &str) -> String {
        let set = syntaxes();
        let syntax = set.find_syntax_by_token(lang).unwrap();
        let mut generator =
            syntect::html::ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        generator.finalize()
    }

    #[test]
    fn remembered_lines_highlight_as_parsed_ones() {
        // The same line text in different states: inside and outside a
        // docstring, a comment, a string; and blocks that repeat each other.
        let samples = [
            ("python", "x = 1\n\"\"\"\nx = 1\n\"\"\"\nx = 1\n"),
            ("rust", "let a = 1;\n/*\nlet a = 1;\n*/\nlet a = 1;\n}\n"),
            ("rust", "fn main() {\n    let s = \"\n}\n\";\n}\n"),
            (
                "python",
                "def f():\n    return 1\n\ndef f():\n    return 1\n",
            ),
        ];
        for _ in 0..2 {
            for (lang, code) in samples {
                assert_eq!(
                    highlight(lang, code).unwrap(),
                    reference(lang, code),
                    "{lang}: {code}"
                );
            }
        }
        let memo_lines = MEMO.with_borrow(|memo| memo.lines["let a = 1;\n"].len());
        assert!(memo_lines >= 2, "one line remembered in two states");
    }

    #[test]
    fn css_has_both_themes() {
        let css = highlight_css();
        assert!(css.contains("pre.code {"));
        assert!(css.contains(".hl-comment"));
        let dark = css
            .find("@media (prefers-color-scheme: dark) {")
            .expect("dark block");
        let light = css
            .find("@media (prefers-color-scheme: light) {")
            .expect("light block");
        assert!(css[light..dark].contains(".hl-comment"));
        assert!(css[dark..].contains("pre.code {") && css[dark..].contains(".hl-comment"));
        assert_eq!(css.matches('{').count(), css.matches('}').count());
    }
}
