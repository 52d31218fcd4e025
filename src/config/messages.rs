//! `messages: vi | en`: the language bantin speaks to editors (see
//! `crate::messages`). Default: the site's default language.

use crate::messages::{self, Lang};

/// The checked value of `messages:`.
pub fn resolve(value: Option<&str>) -> Result<Option<Lang>, String> {
    match value.map(str::trim) {
        None => Ok(None),
        Some(code) => match Lang::from_code(code).filter(|l| l.code() == code) {
            Some(lang) => Ok(Some(lang)),
            None => Err(crate::msg!(
                "config-messages",
                code = crate::diag::shown(code),
                codes = messages::CODES
            )),
        },
    }
}

/// `messages:` and `default_language:` as config.yaml's text states them,
/// read before (and whatever) the full parse finds: the language of the
/// run must be known before the first message, config errors included.
pub fn declared(text: &str) -> (Option<Lang>, Option<Lang>) {
    let top_level = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
            .map(|value| value.split('#').next().unwrap_or("").trim())
            .map(|value| value.trim_matches(['"', '\'']))
            .and_then(Lang::from_code)
    };
    (
        top_level("messages"),
        top_level("default_language").or(Some(Lang::Vi)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_languages_are_read_from_the_text() {
        let text = "title: T\nmessages: en # for the agency\ndefault_language: vi\n";
        assert_eq!(declared(text), (Some(Lang::En), Some(Lang::Vi)));
        assert_eq!(declared("default_language: 'en'\n"), (None, Some(Lang::En)));
        assert_eq!(declared("title: x\n"), (None, Some(Lang::Vi)));
    }

    #[test]
    fn only_known_languages_are_accepted() {
        assert_eq!(resolve(Some("vi")), Ok(Some(Lang::Vi)));
        assert!(resolve(Some("fr")).is_err());
        assert!(resolve(Some("vi_VN")).is_err());
    }
}
