//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>): the head and
//! item writers of `feed.json`, a row of `feed_formats::FORMATS`. Each item
//! is one `serde_json` value, its keys sorted, so the file is the same on
//! every build.

use serde_json::{Map, Value, json};

use super::feed_formats::{FeedEntry, FeedSpec};
use crate::site::Site;
use crate::text::dates;

const VERSION: &str = "https://jsonfeed.org/version/1.1";

pub(super) fn json_head(out: &mut String, site: &Site, feed: &FeedSpec) {
    // Written by hand so that `version` comes first, as the format asks.
    let string = |s: &str| Value::from(s).to_string();
    out.push_str("{\"version\":");
    out.push_str(&string(VERSION));
    for (key, value) in [
        ("title", feed.title.to_string()),
        ("home_page_url", site.urls.absolute(feed.page)),
        ("feed_url", site.urls.absolute(feed.path)),
        ("description", feed.description.to_string()),
        ("language", feed.lang.to_string()),
    ] {
        out.push_str(&format!(",\n{}:{}", string(key), string(&value)));
    }
    out.push_str(",\n\"items\":[\n");
}

pub(super) fn json_item(out: &mut String, site: &Site, entry: &FeedEntry, url: &str) {
    let zone = &site.config.timezone;
    let article = entry.article;
    let front = &article.source.front;
    let mut item = Map::new();
    item.insert("id".into(), url.into());
    item.insert("url".into(), url.into());
    item.insert("title".into(), front.title.clone().into());
    item.insert("summary".into(), entry.summary.into());
    match entry.content {
        Some(html) => item.insert("content_html".into(), html.into()),
        None => item.insert("content_text".into(), entry.summary.into()),
    };
    item.insert(
        "date_published".into(),
        dates::rfc3339(front.date, zone).into(),
    );
    item.insert(
        "date_modified".into(),
        dates::rfc3339(article.last_change(), zone).into(),
    );
    if !front.authors.is_empty() {
        let authors: Vec<Value> = (front.authors.iter())
            .map(|name| json!({ "name": name }))
            .collect();
        item.insert("authors".into(), authors.into());
    }
    // Tags must be unique: the category first, then tags not the same.
    let mut tags: Vec<&str> = Vec::new();
    for tag in front.category.iter().chain(&front.tags) {
        if !tags.contains(&tag.as_str()) {
            tags.push(tag);
        }
    }
    if !tags.is_empty() {
        item.insert("tags".into(), tags.into());
    }
    item.insert("language".into(), article.lang().into());
    if let Some(image) = &entry.image {
        item.insert("image".into(), image.url.clone().into());
        if let Some(mime) = image.mime {
            let mut attachment = Map::new();
            attachment.insert("url".into(), image.url.clone().into());
            attachment.insert("mime_type".into(), mime.into());
            if let Some(length) = image.length {
                attachment.insert("size_in_bytes".into(), length.into());
            }
            item.insert("attachments".into(), json!([attachment]));
        }
    }
    out.push_str(&Value::Object(item).to_string());
}
