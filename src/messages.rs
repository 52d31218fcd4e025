//! What bantin says, in the editor's language: every message is a Fluent
//! message in `locales/<lang>.ftl`, one file per language, and code asks
//! for it by id with [`msg!`](crate::msg).
//!
//! The language is chosen once per run (see [`choose`]): `--lang-messages`,
//! then `messages:` in `config.yaml`, then the locale variables, then the
//! site's default language. It is process-wide because messages are made
//! deep in the pipeline, on every thread, and one run speaks one language.
//! `tests/messages.rs` fails when a message lacks a translation or code asks
//! for an id no file has.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language bantin speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// `vi`, `en`, or a locale such as `vi_VN.UTF-8` or `en-GB`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let language = code
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The Fluent source of this language's messages.
    pub fn source(self) -> &'static str {
        match self {
            Lang::Vi => include_str!("../locales/vi.ftl"),
            Lang::En => include_str!("../locales/en.ftl"),
        }
    }
}

/// The languages in which messages can be asked for, for errors about them.
pub const CODES: &str = "vi, en";

static CURRENT: AtomicU8 = AtomicU8::new(Lang::En as u8);

/// Sets the language of every message from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn current() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == Lang::Vi as u8 {
        Lang::Vi
    } else {
        Lang::En
    }
}

/// The language of a run: `flag` (`--lang-messages`) first, then the site's
/// `messages:`, then the locale variables (the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that names vi or en: `C.UTF-8` names no
/// language, so it does not hide a `LC_MESSAGES` below it), then the site's default
/// language, then English. An explicit `messages:` outranks the locale so
/// a newsroom's choice holds on every editor's machine.
pub fn choose(
    flag: Option<Lang>,
    config: Option<Lang>,
    locale: impl Fn(&str) -> Option<String>,
    default_language: Option<Lang>,
) -> Lang {
    let from_locale = || {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| locale(name).and_then(|value| Lang::from_code(&value)))
    };
    flag.or(config)
        .or_else(from_locale)
        .or(default_language)
        .unwrap_or(Lang::En)
}

/// A message argument: text or a number.
pub type Arg<'a> = FluentValue<'a>;

/// The message `id` in the current language; see [`text_in`].
pub fn text(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    text_in(current(), id, args)
}

/// The message `id` in `lang` with `args` filled in. A message missing in
/// `lang` falls back to English, then to the id itself, so a gap shows as
/// a readable word rather than nothing (the test suite forbids gaps).
pub fn text_in(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    [lang, Lang::En]
        .into_iter()
        .find_map(|lang| {
            let bundle = bundle(lang);
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors)
                    .into_owned(),
            )
        })
        .unwrap_or_else(|| id.to_string())
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| Lang::ALL.map(load));
    &bundles[lang as usize]
}

fn load(lang: Lang) -> FluentBundle<FluentResource> {
    // A syntax error in our own file is caught by tests/messages.rs; the
    // messages that did parse are still served.
    let resource = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(r, _)| r);
    let id = lang
        .code()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No bidi isolation marks: messages go to terminals and `textContent`.
    bundle.set_use_isolating(false);
    // Duplicate ids are refused by the same test.
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `id` in the current language, with named arguments:
/// `msg!("fm-bool", key = "draft", value = text)`. Each argument becomes
/// the Fluent variable of its name (`{ $key }`); any `Into<FluentValue>`
/// works: `&str`, `String`, numbers.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::text(
            $id,
            &[$((stringify!($name), $crate::messages::Arg::from($value))),*],
        )
    };
}

/// [`msg!`] in a given language.
#[macro_export]
macro_rules! msg_in {
    ($lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::text_in(
            $lang,
            $id,
            &[$((stringify!($name), $crate::messages::Arg::from($value))),*],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_languages() {
        assert_eq!(Lang::from_code("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("C.UTF-8"), None);
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn the_flag_then_the_config_then_the_locale_then_the_site() {
        let env = |value: &'static str| move |name: &str| (name == "LANG").then(|| value.into());
        let none = |_: &str| None;
        assert_eq!(choose(Some(Lang::En), Some(Lang::Vi), none, None), Lang::En);
        assert_eq!(
            choose(None, Some(Lang::Vi), env("en_US.UTF-8"), None),
            Lang::Vi
        );
        assert_eq!(
            choose(None, None, env("vi_VN.UTF-8"), Some(Lang::En)),
            Lang::Vi
        );
        assert_eq!(choose(None, None, env("C.UTF-8"), Some(Lang::Vi)), Lang::Vi);
        assert_eq!(choose(None, None, none, None), Lang::En);
    }

    #[test]
    fn arguments_fill_the_message_in_each_language() {
        let vi = msg_in!(Lang::Vi, "errors-found", count = 2);
        let en = msg_in!(Lang::En, "errors-found", count = 1);
        assert_eq!(vi, "Có 2 lỗi; không ghi gì cả.");
        assert_eq!(en, "1 error found; nothing was written.");
        assert_eq!(text_in(Lang::Vi, "no-such-id", &[]), "no-such-id");
    }
}
