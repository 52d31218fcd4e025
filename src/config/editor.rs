//! `editor_url:`: the "open in editor" link of each error in `serve`'s
//! browser overlay, a pattern with `{path}` (absolute), `{line}` and
//! `{column}`, such as `vscode://file{path}:{line}:{column}`.

/// The checked pattern; empty means none.
pub fn resolve(pattern: Option<String>) -> Result<Option<String>, String> {
    let Some(pattern) = pattern
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
    else {
        return Ok(None);
    };
    let scheme = crate::markdown::url_scheme(&pattern);
    if !pattern.contains("{path}")
        || matches!(scheme.as_deref(), Some("javascript" | "data" | "vbscript"))
    {
        return Err(crate::msg!(
            "config-editor-url",
            url = crate::diag::shown(&pattern)
        ));
    }
    Ok(Some(pattern))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_names_the_path_and_runs_no_script() {
        let vscode = "vscode://file{path}:{line}:{column}".to_string();
        assert_eq!(resolve(Some(vscode.clone())), Ok(Some(vscode)));
        assert_eq!(resolve(Some(" ".into())), Ok(None));
        assert!(resolve(Some("vscode://file".into())).is_err());
        assert!(resolve(Some("javascript:alert('{path}')".into())).is_err());
    }
}
