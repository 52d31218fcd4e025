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
