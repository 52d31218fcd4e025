//! The front page's sections of `config.yaml`: `home` (its blocks and how
//! many featured stories), `most_read`, `related` and `cards`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Localised;
use crate::diag::{self, Diagnostic};
use crate::yaml::{self, Step};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHome {
    blocks: Option<Vec<RawBlock>>,
    featured: Option<usize>,
}

/// One of `{ category: X, count: N }`, `{ latest: N }`, `{ most_read: N }`,
/// each with an optional `label` and `style`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    category: Option<Localised>,
    count: Option<usize>,
    latest: Option<usize>,
    most_read: Option<usize>,
    label: Option<Localised>,
    style: Option<BlockStyle>,
}

/// How a home block shows its articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockStyle {
    /// Title and date only (a "Tin mới" list): `latest` and `most_read`
    /// blocks by default.
    Compact,
    /// Every article a card.
    Cards,
    /// The first article a card, the rest compact: `category` blocks by
    /// default.
    Lead,
}

impl BlockStyle {
    /// The name templates compare `block.style` with.
    pub fn name(self) -> &'static str {
        match self {
            BlockStyle::Compact => "compact",
            BlockStyle::Cards => "cards",
            BlockStyle::Lead => "lead",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMostRead {
    days: Option<u32>,
    count: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRelated {
    count: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCards {
    summary_length: Option<usize>,
}

/// What the front page and the article extras are made of.
#[derive(Clone, Debug)]
pub struct Front {
    pub blocks: Vec<HomeBlock>,
    /// Featured stories shown after the lead one.
    pub featured: usize,
    /// The window of "most read" recently, in days before the build clock.
    pub most_read_days: u32,
    /// Articles on the most-read page, per list.
    pub most_read_count: usize,
    pub related_count: usize,
    /// Longest card summary, in characters.
    pub card_summary_chars: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HomeBlock {
    pub kind: BlockKind,
    pub count: usize,
    /// The heading per language code; a language without one gets the
    /// theme's name for the kind (or the category's name).
    pub label: BTreeMap<String, String>,
    pub style: BlockStyle,
    /// Where the block is written, for warnings the model finds later.
    pub at: BlockOrigin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A category by name: the same in every language, or per language.
    Category(CategoryName),
    Latest,
    MostRead,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CategoryName {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockOrigin {
    pub path: PathBuf,
    pub position: Option<(usize, usize)>,
}

impl BlockOrigin {
    pub fn warning(&self, message: String) -> Diagnostic {
        let d = Diagnostic::warning(&self.path, message);
        match self.position {
            Some((line, column)) => d.at(line, column),
            None => d,
        }
    }
}

/// More than this many articles in one block is a listing, not a block.
const MAX_BLOCK_COUNT: usize = 100;

pub(super) struct Raw {
    pub home: Option<RawHome>,
    pub most_read: Option<RawMostRead>,
    pub related: Option<RawRelated>,
    pub cards: Option<RawCards>,
}

/// Checks the sections; every problem is an error at its own line and column.
pub(super) fn resolve(
    path: &Path,
    text: &str,
    raw: Raw,
    languages: &[String],
    errors: &mut Vec<Diagnostic>,
) -> Front {
    let mut error = |steps: &[Step], message: String| {
        let d = Diagnostic::error(path, message);
        errors.push(match yaml::locate(text, steps) {
            Some((line, column)) => d.at(line, column),
            None => d,
        });
    };
    let home = raw.home.unwrap_or(RawHome {
        blocks: None,
        featured: None,
    });
    let origin = |steps: &[Step]| BlockOrigin {
        path: path.to_path_buf(),
        position: yaml::locate(text, steps),
    };
    let blocks = match home.blocks {
        None => Vec::new(),
        Some(raw_blocks) => {
            let mut blocks = Vec::new();
            for (i, raw) in raw_blocks.into_iter().enumerate() {
                let at = [Step::Key("home"), Step::Key("blocks"), Step::Index(i)];
                let key = |k| [at[0], at[1], at[2], Step::Key(k)];
                let kinds = [
                    raw.category.is_some(),
                    raw.latest.is_some(),
                    raw.most_read.is_some(),
                ];
                if kinds.iter().filter(|&&k| k).count() != 1 {
                    error(&at, crate::msg!("front-block-kind", index = i.to_string()));
                    continue;
                }
                let (kind, count, count_key) = match (raw.category, raw.latest, raw.most_read) {
                    (Some(name), _, _) => {
                        let name = match name {
                            Localised::Same(name) => CategoryName::Same(name.trim().to_string()),
                            Localised::PerLanguage(map) => {
                                for code in map.keys().filter(|c| !languages.contains(c)) {
                                    error(
                                        &[
                                            at[0],
                                            at[1],
                                            at[2],
                                            Step::Key("category"),
                                            Step::Key(code),
                                        ],
                                        crate::msg!(
                                            "config-unknown-language",
                                            key = format!("home.blocks[{i}].category"),
                                            code = diag::shown(code)
                                        ),
                                    );
                                }
                                CategoryName::PerLanguage(map)
                            }
                        };
                        let empty = match &name {
                            CategoryName::Same(n) => n.is_empty(),
                            CategoryName::PerLanguage(m) => m.values().all(|n| n.trim().is_empty()),
                        };
                        if empty {
                            error(
                                &key("category"),
                                crate::msg!("front-block-category-empty", index = i.to_string()),
                            );
                        }
                        (BlockKind::Category(name), raw.count.unwrap_or(5), "count")
                    }
                    (None, Some(n), _) => (BlockKind::Latest, n, "latest"),
                    (None, None, Some(n)) => (BlockKind::MostRead, n, "most_read"),
                    (None, None, None) => unreachable!("one kind was counted above"),
                };
                if raw.count.is_some() && count_key != "count" {
                    error(
                        &key("count"),
                        crate::msg!(
                            "front-block-count-key",
                            index = i.to_string(),
                            key = count_key
                        ),
                    );
                }
                if !(1..=MAX_BLOCK_COUNT).contains(&count) {
                    error(
                        &key(count_key),
                        crate::msg!(
                            "front-block-count",
                            index = i.to_string(),
                            key = count_key,
                            count = count.to_string(),
                            max = MAX_BLOCK_COUNT.to_string()
                        ),
                    );
                }
                let label = match raw.label {
                    None => BTreeMap::new(),
                    Some(Localised::Same(text)) => languages
                        .iter()
                        .map(|c| (c.clone(), text.clone()))
                        .collect(),
                    Some(Localised::PerLanguage(map)) => {
                        for code in map.keys().filter(|c| !languages.contains(c)) {
                            error(
                                &[at[0], at[1], at[2], Step::Key("label"), Step::Key(code)],
                                crate::msg!(
                                    "config-unknown-language",
                                    key = format!("home.blocks[{i}].label"),
                                    code = diag::shown(code)
                                ),
                            );
                        }
                        map
                    }
                };
                let default_style = match kind {
                    BlockKind::Category(_) => BlockStyle::Lead,
                    BlockKind::Latest | BlockKind::MostRead => BlockStyle::Compact,
                };
                blocks.push(HomeBlock {
                    kind,
                    count,
                    label,
                    style: raw.style.unwrap_or(default_style),
                    at: origin(&at),
                });
            }
            blocks
        }
    };
    let featured = home.featured.unwrap_or(4);
    if featured > MAX_BLOCK_COUNT {
        error(
            &[Step::Key("home"), Step::Key("featured")],
            crate::msg!(
                "front-featured",
                count = featured.to_string(),
                max = MAX_BLOCK_COUNT.to_string()
            ),
        );
    }
    let most_read = raw.most_read.unwrap_or(RawMostRead {
        days: None,
        count: None,
    });
    let most_read_days = most_read.days.unwrap_or(30);
    if most_read_days == 0 {
        error(
            &[Step::Key("most_read"), Step::Key("days")],
            crate::msg!("front-most-read-days"),
        );
    }
    let most_read_count = most_read.count.unwrap_or(20);
    if !(1..=MAX_BLOCK_COUNT).contains(&most_read_count) {
        error(
            &[Step::Key("most_read"), Step::Key("count")],
            crate::msg!(
                "front-most-read-count",
                count = most_read_count.to_string(),
                max = MAX_BLOCK_COUNT.to_string()
            ),
        );
    }
    let related_count = raw.related.and_then(|r| r.count).unwrap_or(5);
    if related_count > MAX_BLOCK_COUNT {
        error(
            &[Step::Key("related"), Step::Key("count")],
            crate::msg!(
                "front-related-count",
                count = related_count.to_string(),
                max = MAX_BLOCK_COUNT.to_string()
            ),
        );
    }
    let card_summary_chars = raw.cards.and_then(|c| c.summary_length).unwrap_or(160);
    if !(20..=1000).contains(&card_summary_chars) {
        error(
            &[Step::Key("cards"), Step::Key("summary_length")],
            crate::msg!(
                "front-summary-length",
                count = card_summary_chars.to_string()
            ),
        );
    }
    Front {
        blocks,
        featured,
        most_read_days,
        most_read_count,
        related_count,
        card_summary_chars,
    }
}
