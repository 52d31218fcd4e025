# bantin's messages in English. Every message here must also be in vi.ftl
# (tests/messages.rs checks). Arguments are `{ $name }`; code asks for a
# message with `msg!("id", name = value)`.

## Diagnostics

diag-warning = warning
diag-note = note
diag-hint = how to fix

## Front matter: the mistakes editors make (src/source/hints.rs)

fm-tab-indent = this line is indented with a tab; YAML only accepts spaces
fm-odd-space-indent = this line is indented with a character that looks like a space but is not one ({ $code }, often pasted from Word or a web page)
fm-tab-indent-fix = delete the indentation and type it again with the space bar (two spaces per level)
fm-typographic-quotes = this value starts with a typographic quote (“ or ‘); YAML quotes are the straight " and '
fm-quote-fix = put the value in straight quotes: `{ $fixed }`
fm-unclosed-quote = the quote { $quote } that opens this value is never closed
fm-unclosed-quote-fix = close it at the end of the value: `{ $fixed }`
fm-colon-in-value = a colon followed by a space inside a value makes YAML read a new key here
fm-unexpected-indent = this line is indented, but the line above does not open a list or a group
fm-unexpected-indent-fix = remove the spaces at the start of the line: `{ $fixed } …`
fm-missing-space = `{ $key }:` needs a space after the colon
fm-missing-space-fix = write `{ $fixed }`
fm-list-expected = `{ $key }` is a list, not one text separated by commas
fm-list-fix = write `{ $flow }`, or put each item on its own line under `{ $key }:`, as `  - { $first }`
fm-bool = `{ $key }` is true or false, not “{ $value }”
fm-bool-fix = write `{ $fixed }`
fm-bool-fix-either = write `{ $key }: true` or `{ $key }: false`
fm-joined-item = “{ $value }” is one item made of two: the line below is indented more than the item above it, so YAML joined them
fm-joined-item-fix = start `{ $item }` exactly under the `-` of the item above
fm-typographic-kept = this value is wrapped in typographic quotes, which will be shown on the page
fm-typographic-kept-fix = if they were meant as YAML quotes, remove them or use straight ones: `{ $fixed }`
fm-yaml-syntax = the front matter is not valid YAML: { $detail }
fm-unknown-key = unknown key `{ $key }`
fm-did-you-mean = did you mean `{ $key }`?
fm-allowed-keys = allowed keys: { $keys }
fm-title-required = `title` is required and must not be empty
fm-date-required = `date` is required, e.g. `date: 2023-06-05 08:30` or `date: 05/06/2023 08:30`
fm-no-front-matter = an article must start with front matter: a `---` line, YAML with at least `title` and `date`, then `---`
fm-too-large = front matter is larger than { $kib } KiB; is its closing `---` missing?
fm-never-closed = front matter opened here is never closed with a `---` line
fm-for-example = e.g. `{ $example }`
fm-slug = slug `{ $slug }` must be a single URL segment of letters, digits, `-`, `_` and `.`, without `/`, `\` or `..`
fm-slug-long = slug is { $bytes } bytes long; slugs are limited to { $max } bytes
fm-alias = alias `{ $alias }` must be a path inside the site like `/old/path/`, without `..`
fm-alias-long = alias `{ $alias }…` has a part longer than 255 bytes, more than a file name can hold
fm-image = image `{ $image }` must be an http(s) URL, a site path like `/images/a.jpg` or a path relative to the article
fm-translation-key = translation_key `{ $key }` must be a name like `2023/report`, without `..` or empty parts

## config.yaml (src/config/)

config-is-folder = is a folder; the configuration must be a YAML file
config-not-utf8 = is not valid UTF-8
config-localised = expected a text, or one text per language like `vi: …` and `en: …`
config-default-language = default_language `{ $code }` is not one of `languages`
config-paginate = paginate must be at least 1
config-raw-html = markdown.raw_html is `{ $value }`; use `sanitize`, `allow` or `escape`
config-theme = theme `{ $theme }` must be a plain folder name like `default`
config-unknown-language = { $key } has language `{ $code }`, which is not in `languages`
config-language-code = language code `{ $code }` must look like `vi`, `en` or `pt-br`
config-path-word = path word `{ $word }` must be a slug like `{ $slug }`
config-too-long = { $key } is { $length } characters long; at most { $max } fit, since it is repeated on every page
config-views-endpoint = views endpoint `{ $endpoint }` must be an http(s) URL like `https://views.example.org/api` or a path of the site like `/_views`
config-base-url = base_url `{ $url }` must be an absolute http(s) URL like `https://example.org/portal/`

## Dates (src/text/dates.rs)

date-invalid = invalid date { $text }: { $reason }
date-expected = expected 05/06/2023, 05/06/2023 08:30, 2023-06-05, 2023-06-05 08:30 or 2023-06-05T08:30:00+07:00
date-no-such-day = { $month }/{ $year } has no day { $day }
date-no-such-month = there is no month { $month } (dates are day/month/year)
date-bad-time = there is no time { $time }

## Commands

errors-found = { $count ->
    [one] 1 error found; nothing was written.
   *[other] { $count } errors found; nothing was written.
}
build-done = Built { $pages } pages ({ $per_language }), { $files } files in { $out } in { $seconds } s
build-up-to-date = Up to date (nothing changed since the last build): { $pages } pages ({ $per_language }), { $files } files in { $out } in { $seconds } s
build-progress = building: { $count } files written
cache-ignored = build cache ignored and rebuilt: { $reason }
cache-foreign = not a bantin build cache
cache-other-bantin = made by another build of bantin
cache-truncated = the file is cut short
cache-corrupt = its contents do not match their checksum
check-ok = No errors found.
init-created = Created a new site in { $dir }:
init-next = Preview it with `bantin serve --root { $dir }`, or build it with `bantin build --root { $dir }`. Write an article with `bantin new "Title" --root { $dir }`.
new-empty-title = the title is empty; write it in quotes: bantin new "Tiêu đề bài viết"
new-no-words = the title `{ $title }` has no letters or digits to make a file name and URL from; use a title with words in it
new-exists = { $path }: already exists; choose another title or --section (nothing was written)
new-exists-translation = { $path }: already exists; choose another title (nothing was written)
new-name-taken = { $path }: already uses the name `{ $stem }`, so a new article next to it would become its translation; to translate it, use --translation-of { $path }; otherwise choose another title or --section (nothing was written)
new-created-url = It will be at { $url } while `bantin serve` runs (as a draft until you remove `draft: true`).

## The browser CMS: `bantin cms init`, the drift check, serve's local backend (src/cms/, src/serve/cms_backend.rs)

cms-init-exists = { $path }: exists; `bantin cms init --force` replaces it (nothing was written)
cms-init-cannot-create = { $path }: cannot create: { $error }
cms-init-cannot-write = { $path }: cannot write: { $error }
cms-drift-unknown-field = field `{ $field }` is not a front-matter key bantin knows; known keys: { $known }
cms-drift-missing-required = collection `{ $collection }` lacks the required field `{ $key }` (bantin refuses entries without it)
cms-drift-rewrite = `bantin cms init --force` writes the current configuration
cms-not-a-request = not a CMS request: { $error }
cms-refused = refused { $action }: { $why }
cms-unknown-action = unknown action `{ $action }`
cms-bad-params = the request's parameters do not fit its action: { $error }
cms-no-entry = the request has no entry to save
cms-not-base64 = { $path }: the upload is not base64: { $error }
cms-unknown-language = { $path }: language `{ $lang }` is not one of config.yaml's languages
cms-path-odd-character = { $path } has a NUL, backslash or percent sign
cms-path-not-plain = { $path } is not a relative path of plain names (absolute, `..`, `.` or an empty part)
cms-path-outside = { $path } is outside { $allowed }
cms-path-folder-missing = { $path } is in { $folder }/, which does not exist
cms-path-nowhere = { $path } leads nowhere
cms-path-symlink-out = { $path } leads outside { $folder }/ through a symlink

## serve

serve-no-folder = { $path }: no such folder
serve-port-busy = Is another server using port { $port }? Choose another with --port, or --port 0 for any free one.
serve-output = Output in { $path } (removed on exit)
serve-serving = Serving { $url } — Ctrl+C to stop
serve-serving-published = Serving { $url } — only what `build` publishes (--published); Ctrl+C to stop
serve-serving-drafts = Serving { $url } — drafts and scheduled articles shown with a banner (--published hides them); Ctrl+C to stop
serve-open-network = listening on { $bind }: other devices on the network can open this preview, drafts and errors included; --bind 127.0.0.1 keeps it to this machine
serve-no-ctrlc = cannot catch Ctrl+C ({ $error }); the temporary output may be left behind
serve-stopped = Stopped.
serve-built = Built in { $time }: { $changes }
serve-rebuilt = Rebuilt in { $time }: { $changes }
serve-no-change = no output changed
serve-written = { $written ->
    [one] 1 file written
   *[other] { $written } files written
}
serve-written-removed = { $written ->
    [one] 1 file written
   *[other] { $written } files written
}, { $removed } removed
serve-and-more = { $name } and { $more } more
serve-failed-first = { $count ->
    [one] 1 error found; the browser shows it until a change fixes it.
   *[other] { $count } errors found; the browser shows them until a change fixes them.
}
serve-failed-again = { $count ->
    [one] 1 error found; still serving the last good build.
   *[other] { $count } errors found; still serving the last good build.
}

## The browser overlay (src/serve/live.rs)

overlay-title = The last change did not build
overlay-kept = The browser keeps showing the last version that built.
overlay-dismiss = Show the last good page
overlay-show = Show the errors
overlay-open = open in editor

## The model: URLs, translations, terms (src/site/)

site-empty-slug-file-name = the file name gives an empty slug; add `slug:` with a URL name
site-empty-slug-title = the title gives an empty slug; add `slug:` with a URL name
site-url-taken = this article's URL { $url } is also the URL of { $other }; give one of them a different `slug`
site-url-case = this article's URL { $url } differs only in letter case from { $taken }, the URL of { $other }, and case-insensitive hosts (Windows, macOS, many web servers) keep one page for both; give one of them a different `slug`
site-translation-taken = { $other } is already the `{ $lang }` version of translation `{ $key }`
site-term-empty-slug = `{ $name }` gives an empty URL name; it gets no page
site-term-same-slug = `{ $name }` and `{ $chosen }` have the same URL name `{ $slug }`, so they share one page
site-the-listing = the listing { $url }
site-alias-taken = alias { $alias } is already the URL of { $owner }
site-alias-case = alias { $alias } differs only in letter case from { $taken } ({ $owner }), and case-insensitive hosts (Windows, macOS, many web servers) keep one file for both
site-an-alias-of = an alias of { $path }
site-page-url-taken = this page's URL { $url } is also the URL of { $taken }, which the site makes itself; give the page another `slug` (or rename its file)

## Required pages (src/site/portal.rs)

portal-page-missing = required page `{ $page }` is missing: write `content/{ $page }` (or a file with that translation key)
portal-page-english = required page `{ $page }` must also be published in English, and `{ $lang }` is not in `languages`
portal-page-no-version = required page `{ $page }` has no `{ $lang }` version

## Menus (src/site/menus.rs, src/render/menus.rs, src/config/menus.rs)

menu-left-out = left out of the `{ $lang }` menus: { $what }
menu-no-label = the item has no label in this language
menu-page-unknown = menu item page `{ $page }` is no content file (like `pages/lien-he.vi.md`) nor translation key
menu-page-no-version = page `{ $page }` has no version in this language
menu-no-category = the item names no category in this language
menu-category-empty-here = no article in this language has category `{ $category }`
menu-category-unknown = menu item category `{ $category }` is the category of no article
menu-no-url = the item has no url in this language
menu-no-target = a menu item needs one of `page`, `category` or `url` (or `children`)
menu-two-targets = a menu item has one target, but this one has `{ $keys }`
menu-nested-children = menus have one level of `children`: an item inside `children` cannot have its own
menu-url = menu url `{ $url }` must be a path of the site like `/tim-kiem/` or a web address like `https://chinhphu.vn/`

## Front page blocks (src/site/front.rs, src/config/front.rs)

front-block-empty = no article has the category `{ $category }`, so its home block is empty
front-block-kind = home.blocks[{ $index }] must have exactly one of `category`, `latest` or `most_read`
front-block-category-empty = home.blocks[{ $index }].category is empty; name a category like `Chuyển đổi số`
front-block-count-key = home.blocks[{ $index }]: `count` is for a `category` block; write the number as `{ $key }: N`
front-block-count = home.blocks[{ $index }].{ $key } is { $count }; a block shows 1 to { $max } articles
front-featured = home.featured is { $count }; at most { $max } featured stories are shown
front-most-read-days = most_read.days must be at least 1
front-most-read-count = most_read.count is { $count }; use 1 to { $max }
front-related-count = related.count is { $count }; use 0 (none) to { $max }
front-summary-length = cards.summary_length is { $count }; use 20 to 1000 characters

## Images (src/config/images.rs, src/images/)

images-widths = images.widths must list widths in pixels between 1 and { $max }, like `[480, 800, 1200]`
images-quality = images.quality is { $quality }; use 1 (smallest) to 100 (best)
images-max-pixels = images.max_pixels must be at least 1
images-avif = images.avif: this bantin is built without an AVIF encoder (its cost in build time was too high); `{ $value }` is the only value

## Other config.yaml sections

config-messages = messages: `{ $code }` is not a language bantin speaks; use one of { $codes }
config-editor-url = editor_url `{ $url }` must be a link with {"{"}path{"}"} in it, like `vscode://file{"{"}path{"}"}:{"{"}line{"}"}:{"{"}column{"}"}`
config-news-name = news.publication_name must not be empty
portal-page-empty = a required page must not be empty
publisher-name = publisher name must not be empty
publisher-email = publisher email `{ $email }` must look like `vanphong@example.gov.vn`
publisher-logo = publisher logo `{ $logo }` must be a site path like `/images/logo.svg` or an http(s) URL
publisher-type = publisher type `{ $value }` must be `GovernmentOrganization` or `Organization`

## Embeds (markdown.embeds)

embeds-own-host = markdown.embeds: `{ $entry }` covers this site's own host `{ $host }`; a frame of the site itself could lift its sandbox
embeds-host = markdown.embeds: `{ $entry }` must be a host, optionally with a path, like `player.vimeo.com` or `youtube.com/embed`
word-and = and

## Links, templates, rendering (src/render/, src/pipeline.rs)

link-no-article = link to `{ $link }`: no published article at that path in content/
link-no-page = link to `{ $link }`: the site has no page or file at { $path }
menu-url-nowhere = menu url `{ $url }` leads to no page of the site
template-error = template error: { $detail }
raw-html-as-text = raw HTML shown as text: it nests too deeply or would grow too large to sanitise
summary-too-long = summary is longer than { $max } characters; it is cut
lead-image-problem = lead image: { $problem }
api-write = could not write the data API file: { $error }
no-translation = no translation in { $languages }

## Raw HTML removed from articles (src/markdown/removals.rs)

removed-with-content = `<{ $tag }>` removed, with its content
removed-tag = `<{ $tag }>` removed (what it holds is kept): raw HTML may not use it
removed-iframe-no-src = `<iframe>` without `src` removed
removed-iframe-host = `<iframe>` of `{ $src }` removed: only https frames from the hosts in `markdown.embeds` are kept
removed-iframe-title = `<iframe>` removed: an embed needs a `title` saying what it shows
removed-forced = `{ $attribute }` of `<{ $tag }>` replaced by `{ $attribute }="{ $forced }"`
removed-attribute = attribute `{ $attribute }` removed from `<{ $tag }>`
removed-url = `{ $attribute }` removed from `<{ $tag }>`: { $problem }
removed-media-src = `{ $attribute }` `{ $value }` removed from `<{ $tag }>`: video and sound must be files of the site, like `/media/a.mp4`
removed-media = `<{ $tag }>` removed: none of its sources is a file of the site, like `/media/a.mp4`
url-scheme-refused = `{ $scheme }:` URLs are not allowed
url-invalid = `{ $url }` is not a valid URL

## Files and folders (src/files/, src/diag.rs)

io-cannot = cannot { $action }: { $error }
io-read = read
io-write = write
io-create = create
io-remove = remove
io-lock = lock
io-create-folder = create folder
io-read-config = read the configuration
io-read-site-folder = read the site folder
io-follow-link = follow the symbolic link
io-write-image-cache = write the image cache
io-create-serve-folder = create the serve folder
io-create-staging = create the staging folder
io-replace-output = replace the output's files
io-move-output = move the new output in place
io-swap-output = swap the new output with the old one
io-copy-here = copy the file here
io-create-output-parent = create the output's parent folder
io-read-output = read the output folder
file-not-utf8 = invalid UTF-8; save the file as UTF-8
file-too-large = file is { $size }; files bantin reads, articles included, are limited to { $limit } MiB
file-larger-than = larger than { $limit } MiB
file-case-clash = differs only in letter case from { $other }, and case-insensitive hosts (Windows, macOS, many web servers) keep one file for both; rename one
theme-not-found = theme `{ $theme }` not found: no folder { $folder }
theme-no-i18n = the theme has no i18n/*.yaml files
theme-no-strings = no UI strings for language `{ $code }`; using English ones
link-outside = symbolic link to { $target }, outside the site folder; bantin reads only files inside the site: copy what you need in, or remove the link
link-hidden = symbolic link to { $target }, a hidden file or folder of the site, which bantin does not read; remove the link
link-into-output = symbolic link into { $target }, a folder bantin builds, which is never read as input; remove the link
file-name-not-utf8 = file name is not valid UTF-8; rename it
file-decomposed = this name spells its accented letters decomposed (as some systems save files), so it is the same name as { $other }; keep one of the two files
link-loop = symbolic link loop; skipped

## The output folder (src/output/)

output-bad-link = the output is a link to a folder that cannot be used ({ $error }); create it or point the link elsewhere
output-contains-site = refusing to replace a folder that contains the site itself
output-inside-input = the output folder is inside the site's { $folder }/ folder (at { $at }), which bantin reads; choose a folder outside content/, data/, static/ and themes/
output-holds-input = the output folder holds the site's { $folder }/ folder (at { $at }), which bantin reads; choose a folder outside content/, data/, static/ and themes/
output-not-folder = the output path exists and is not a folder
output-not-ours = refusing to replace this folder: bantin did not create it (it has no { $marker } file); remove it or choose another --out
output-internal-kept = internal error: kept from the last build, which did not make it
output-clash = two outputs want this same file; check slugs, aliases and static files
output-outside = refusing to write outside the output folder
output-lost = cannot replace the output's files: { $error }; those not back in place are in { $old }
output-old-left = cannot remove the old output: { $error }; the next build will
output-reserved = names starting with `{ $marker }` at the top of the output are bantin's own

## serve (src/serve/)

serve-no-free-name = cannot find a free name for the serve folder
watch-failed = cannot watch for changes ({ $error }); restart serve to see edits
watch-cannot = cannot watch for changes: { $error }
watch-problem = watching for changes: { $error }
serve-cannot-listen = cannot listen on { $addr }: { $error }

## Dates and time zones (src/text/dates.rs)

zone-invalid-because = invalid time zone { $zone }: { $reason } (expected an offset like +07:00 or a name like Asia/Ho_Chi_Minh)
zone-invalid = invalid time zone { $zone }: expected an offset like +07:00 or a name like Asia/Ho_Chi_Minh
zone-missing = missing time zone: expected an offset like +07:00 or a name like Asia/Ho_Chi_Minh
zone-unknown = unknown time zone { $zone }: expected an offset like +07:00 or a name like Asia/Ho_Chi_Minh
date-out-of-range = the date is outside the supported range
date-month-missing = month { $month } does not exist
date-month-days = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year } has only { $days } days
date-day-missing = day { $day } does not exist
date-hour-missing = hour { $hour } does not exist (00 to 23)
date-minute-missing = minute { $minute } does not exist (00 to 59)
date-second-missing = second { $second } does not exist (00 to 59)
zone-offset-minutes = offset { $offset } has more than 59 minutes
zone-offset-range = offset { $offset } is out of range

## Front matter and content files (src/source/)

fm-correction-note = each correction needs a `note`: { $form }
fm-correction-date = each correction needs a `date`: { $form }
fm-image-focus = image_focus `{ $focus }` must be two fractions from 0 to 1, across then down, like `0.5,0.3`
source-unknown-language = language `{ $code }` in the file name is not in config.yaml `languages` ({ $known })
source-and-more = and { $more } more
source-hidden = hidden files are not published: { $files }; only { $kept }/ is

## Images an article uses (src/images/): "image `a.jpg` <problem>"

image-problem = image `{ $image }` { $problem }
image-not-site-file = is not a file of the site
image-format-unsupported = is in a format bantin does not publish; use JPEG, PNG, WebP, GIF or SVG
image-not-image = is not an image
image-unreadable = cannot be read: { $error }
image-too-large = is larger than { $limit } MiB
image-kind-unsupported = is a { $kind } image, which bantin does not publish; use JPEG, PNG, WebP, GIF or SVG
image-unknown-or-damaged = is not an image bantin can read (JPEG, PNG, WebP, GIF or SVG), or is damaged
image-cut = is damaged: it ends before its image data does (a cut or partial file)
image-damaged = is damaged: { $error }
image-undecodable = cannot be decoded within its size: { $error }
image-too-many-pixels = declares { $width } × { $height } pixels ({ $megapixels } megapixels), more than images.max_pixels ({ $max } megapixels); it is not decoded
image-no-pixels = has no pixels
image-unencodable = cannot be encoded: { $error }
image-unresizable = cannot be resized: { $error }
image-encoded-empty = cannot be encoded (the encoder made an empty file)

## Commands: init, new, cms init, build (src/cmd/)

new-translation-exists = { $original } already has a version in `{ $lang }`: { $other } (nothing was written)
new-not-in-content = { $file }: not inside { $content }/; --translation-of takes an article of this site
new-not-an-article = { $file }: not an article; articles are content/**/*.md files outside hidden folders
new-one-language = this site has only one language ({ $languages }), so { $original } has nothing to be translated into
new-unknown-lang = --lang { $lang }: not a language of this site; config.yaml `languages` has { $languages }
new-same-lang = { $original } is already in `{ $lang }`; give the translation's language with --lang ({ $languages })
new-file-exists = already exists (nothing was written)
init-is-file = is a file; give bantin init a new or empty folder (nothing was written)
init-not-empty = is not empty; give bantin init a new or empty folder (nothing was written)
build-bad-now = error: --now: { $reason }
build-next-publishes = Next change: { $at } ({ $path } is published)
build-next-expires = Next change: { $at } ({ $path } expires)
build-next-pin-ends = Next change: { $at } ({ $path } is no longer pinned)

## YAML limits (src/yaml.rs)

yaml-too-much-expansion = aliases (`*name`) expand to too much data; write the values out
yaml-too-deep = YAML nested more than { $max } levels deep
yaml-too-many-values = more than { $max } values in one file

## serve over HTTP (src/serve/http.rs): plain answers shown in the browser

http-host = bantin serve answers only to localhost or an IP address
http-use-post = Use POST
http-cross-site = Requests from other sites are refused
http-too-large = Request too large
http-cms-failed = The CMS request failed
http-method = Method not allowed
http-bad-path = Bad path
http-unreadable = Cannot read this file
http-bad-page-id = Bad page id
http-use-get-post = Use GET or POST
http-no-page-id = No page has this id
http-use-get = Use GET
http-too-many-streams = Too many live-reload streams are open
http-not-built = The site has not been built yet:
http-no-page = There is no page here.
http-not-found = Not found

## bantin new (src/scaffold.rs)

new-bad-section = section `{ $section }` must be a folder below content/ like `thoi-su` or `2026/11`, without `..`, `\`, `:` or names starting with `.`
alias-generated = alias { $alias } is at or below { $generated }, where bantin writes files of its own; choose another old path

## Stages `build --verbose` times (src/render/stage.rs)

stage-load = load (config, theme, content, model)
stage-images = images (read, resize, encode, cache)
stage-articles-indexed = articles (Markdown, templates, writes, search reading)
stage-articles = articles (Markdown, templates, writes)
stage-listings = listings and search indexes
stage-site-files = indexes, feeds, static files, images
stage-link-checks = sitemap, link checks
stage-swap-in = swap in, remove old output
stage-read-changed = read changed files
stage-model = model
stage-move-in = move files in

## Where the built-in theme's files show in error positions (src/theme.rs)

theme-built-in = (built-in theme)

## `bantin cms init`: the CMS's field labels and the admin page (src/cms/mod.rs)

cms-collection-articles = Articles
cms-collection-pages = Pages
cms-label-title = Title
cms-label-date = Date
cms-label-updated = Updated
cms-label-author = Authors
cms-label-category = Category
cms-label-tags = Tags
cms-label-summary = Summary
cms-label-image = Lead photo
cms-label-image-caption = Photo caption
cms-label-image-focus = Photo focus (across,down)
cms-label-photo-credit = Photo credit
cms-label-views = Views
cms-label-slug = Slug
cms-label-draft = Draft
cms-label-featured = Featured on the home page
cms-label-pin-until = Featured until
cms-label-expires = Expires
cms-label-source = Source
cms-label-corrections = Corrections
cms-label-correction-date = Date
cms-label-note = Note
cms-label-aliases = Old URLs
cms-label-translation-key = Translation key
cms-label-body = Text
cms-hint-image-focus = two fractions from 0 to 1, like 0.5,0.3
cms-hint-slug = lowercase letters a-z, digits and hyphens
cms-page-title = Content manager
cms-author-add = + Add an author
cms-author-remove = Remove
cms-author-this-name = this name
