# Thông báo của bantin bằng tiếng Việt. Mỗi thông báo ở đây phải có trong
# en.ftl và ngược lại (tests/messages.rs kiểm tra). Tham số viết `{ $ten }`;
# mã nguồn gọi thông báo bằng `msg!("id", ten = gia_tri)`.

## Thông báo lỗi

diag-warning = cảnh báo
diag-note = ghi chú
diag-hint = cách sửa

## Phần đầu bài (front matter): những lỗi hay gặp (src/source/hints.rs)

fm-tab-indent = dòng này thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách
fm-odd-space-indent = dòng này thụt lề bằng một ký tự trông như dấu cách nhưng không phải ({ $code }, thường do dán từ Word hoặc trang web)
fm-tab-indent-fix = xoá phần thụt lề rồi gõ lại bằng phím cách (mỗi cấp hai dấu cách)
fm-typographic-quotes = giá trị này mở đầu bằng dấu ngoặc kép kiểu in (“ hoặc ‘); YAML chỉ hiểu dấu ngoặc thẳng " và '
fm-quote-fix = đặt giá trị trong dấu ngoặc thẳng: `{ $fixed }`
fm-unclosed-quote = dấu ngoặc { $quote } mở đầu giá trị này chưa được đóng
fm-unclosed-quote-fix = đóng nó ở cuối giá trị: `{ $fixed }`
fm-colon-in-value = dấu hai chấm theo sau là dấu cách nằm trong giá trị làm YAML tưởng đây là một khoá mới
fm-unexpected-indent = dòng này bị thụt lề, nhưng dòng trên không mở một danh sách hay một nhóm
fm-unexpected-indent-fix = xoá các dấu cách ở đầu dòng: `{ $fixed } …`
fm-missing-space = sau `{ $key }:` cần một dấu cách
fm-missing-space-fix = viết `{ $fixed }`
fm-list-expected = `{ $key }` là một danh sách, không phải một đoạn chữ ngăn cách bằng dấu phẩy
fm-list-fix = viết `{ $flow }`, hoặc mỗi mục một dòng dưới `{ $key }:`, như `  - { $first }`
fm-bool = `{ $key }` chỉ nhận true (đúng) hoặc false (sai), không nhận “{ $value }”
fm-bool-fix = viết `{ $fixed }`
fm-bool-fix-either = viết `{ $key }: true` hoặc `{ $key }: false`
fm-joined-item = “{ $value }” là hai mục bị gộp làm một: dòng dưới thụt vào sâu hơn mục phía trên nên YAML nối chúng lại
fm-joined-item-fix = viết `{ $item }` thẳng hàng với dấu `-` của mục phía trên
fm-typographic-kept = giá trị này nằm trong dấu ngoặc kép kiểu in, các dấu ngoặc đó sẽ hiện trên trang
fm-typographic-kept-fix = nếu chúng được dùng làm dấu ngoặc YAML, hãy bỏ đi hoặc dùng ngoặc thẳng: `{ $fixed }`
fm-yaml-syntax = phần đầu bài không phải YAML hợp lệ: { $detail }
fm-unknown-key = khoá `{ $key }` không tồn tại
fm-did-you-mean = có phải ý bạn là `{ $key }`?
fm-allowed-keys = các khoá được dùng: { $keys }
fm-title-required = `title` (tiêu đề) là bắt buộc và không được để trống
fm-date-required = `date` (ngày đăng) là bắt buộc, ví dụ `date: 05/06/2023 08:30` hoặc `date: 2023-06-05 08:30`
fm-no-front-matter = bài viết phải mở đầu bằng phần thông tin: một dòng `---`, YAML có ít nhất `title` và `date`, rồi `---`
fm-too-large = phần đầu bài lớn hơn { $kib } KiB; có phải thiếu dòng `---` đóng lại?
fm-never-closed = phần đầu bài mở ở đây nhưng không bao giờ được đóng bằng một dòng `---`
fm-for-example = ví dụ `{ $example }`
fm-slug = slug `{ $slug }` phải là một đoạn địa chỉ gồm chữ, số, `-`, `_` và `.`, không có `/`, `\` hay `..`
fm-slug-long = slug dài { $bytes } byte; slug chỉ được dài tối đa { $max } byte
fm-alias = alias `{ $alias }` phải là một đường dẫn trong trang như `/duong-dan-cu/`, không có `..`
fm-alias-long = alias `{ $alias }…` có một phần dài hơn 255 byte, quá dài cho một tên tệp
fm-image = image `{ $image }` phải là URL http(s), đường dẫn trong trang như `/images/a.jpg` hoặc đường dẫn tương đối với bài viết
fm-translation-key = translation_key `{ $key }` phải là một tên như `2023/bao-cao`, không có `..` hay phần rỗng

## config.yaml (src/config/)

config-is-folder = là một thư mục; cấu hình phải là một tệp YAML
config-not-utf8 = không phải UTF-8 hợp lệ; hãy lưu tệp dưới dạng UTF-8
config-localised = cần một đoạn chữ, hoặc mỗi ngôn ngữ một đoạn như `vi: …` và `en: …`
config-default-language = default_language `{ $code }` không nằm trong `languages`
config-paginate = paginate phải từ 1 trở lên
config-raw-html = markdown.raw_html là `{ $value }`; hãy dùng `sanitize`, `allow` hoặc `escape`
config-theme = theme `{ $theme }` phải là tên thư mục đơn giản như `default`
config-unknown-language = { $key } có ngôn ngữ `{ $code }` không nằm trong `languages`
config-language-code = mã ngôn ngữ `{ $code }` phải có dạng như `vi`, `en` hoặc `pt-br`
config-path-word = từ trong đường dẫn `{ $word }` phải là dạng slug như `{ $slug }`
config-too-long = { $key } dài { $length } ký tự; tối đa { $max }, vì nó lặp lại trên mọi trang
config-views-endpoint = địa chỉ đếm lượt xem `{ $endpoint }` phải là URL http(s) như `https://views.example.org/api` hoặc một đường dẫn của trang như `/_views`
config-base-url = base_url `{ $url }` phải là URL http(s) đầy đủ như `https://example.org/portal/`

## Ngày tháng (src/text/dates.rs)

date-invalid = ngày không hợp lệ { $text }: { $reason }
date-expected = cần dạng 05/06/2023, 05/06/2023 08:30, 2023-06-05, 2023-06-05 08:30 hoặc 2023-06-05T08:30:00+07:00
date-no-such-day = tháng { $month }/{ $year } không có ngày { $day }
date-no-such-month = không có tháng { $month } (ngày viết theo thứ tự ngày/tháng/năm)
date-bad-time = không có giờ { $time }

## Các lệnh

errors-found = Có { $count } lỗi; không ghi gì cả.
build-done = Đã dựng { $pages } trang ({ $per_language }), { $files } tệp trong { $out } sau { $seconds } giây
build-up-to-date = Đã cập nhật sẵn (không có gì thay đổi từ lần dựng trước): { $pages } trang ({ $per_language }), { $files } tệp trong { $out } sau { $seconds } giây
build-progress = đang dựng: đã ghi { $count } tệp
cache-ignored = bỏ qua bộ nhớ đệm dựng trang và dựng lại: { $reason }
cache-foreign = không phải bộ nhớ đệm dựng trang của bantin
cache-other-bantin = do một bản bantin khác tạo ra
cache-truncated = tệp bị cắt cụt
cache-corrupt = nội dung không khớp với mã kiểm tra
check-ok = Không có lỗi nào.
init-created = Đã tạo trang mới trong { $dir }:
init-next = Xem trước bằng `bantin serve --root { $dir }`, hoặc dựng bằng `bantin build --root { $dir }`. Viết bài bằng `bantin new "Tiêu đề" --root { $dir }`.
new-empty-title = tiêu đề đang trống; hãy viết tiêu đề trong dấu ngoặc kép: bantin new "Tiêu đề bài viết"
new-no-words = tiêu đề `{ $title }` không có chữ hay số nào để làm tên tệp và địa chỉ; hãy dùng tiêu đề có chữ
new-exists = { $path }: đã có tệp này; hãy chọn tiêu đề khác hoặc --section khác (không ghi gì cả)
new-exists-translation = { $path }: đã có tệp này; hãy chọn tiêu đề khác (không ghi gì cả)
new-name-taken = { $path }: đã dùng tên `{ $stem }`, nên bài mới cạnh nó sẽ thành bản dịch của nó; để dịch bài đó, dùng --translation-of { $path }; nếu không, hãy chọn tiêu đề khác hoặc --section khác (không ghi gì cả)
new-created-url = Bài sẽ ở { $url } khi `bantin serve` đang chạy (là bản nháp cho đến khi bạn xoá dòng `draft: true`).

## CMS trên trình duyệt: `bantin cms init`, kiểm tra cấu hình lệch, phần phụ trợ của serve (src/cms/, src/serve/cms_backend.rs)

cms-init-exists = { $path }: đã có; `bantin cms init --force` sẽ thay thế (chưa ghi gì)
cms-init-cannot-create = { $path }: không tạo được: { $error }
cms-init-cannot-write = { $path }: không ghi được: { $error }
cms-drift-unknown-field = trường `{ $field }` không phải khoá front matter mà bantin biết; các khoá đã biết: { $known }
cms-drift-missing-required = bộ sưu tập `{ $collection }` thiếu trường bắt buộc `{ $key }` (bantin từ chối bài thiếu trường này)
cms-drift-rewrite = `bantin cms init --force` ghi lại cấu hình hiện hành
cms-not-a-request = không phải yêu cầu của CMS: { $error }
cms-refused = đã từ chối { $action }: { $why }
cms-unknown-action = không biết thao tác `{ $action }`
cms-bad-params = tham số của yêu cầu không khớp với thao tác: { $error }
cms-no-entry = yêu cầu không có bài nào để lưu
cms-not-base64 = { $path }: tệp tải lên không ở dạng base64: { $error }
cms-unknown-language = { $path }: ngôn ngữ `{ $lang }` không có trong các ngôn ngữ của config.yaml
cms-path-odd-character = { $path } chứa ký tự NUL, dấu gạch chéo ngược hoặc dấu phần trăm
cms-path-not-plain = { $path } không phải đường dẫn tương đối gồm các tên thường (đường dẫn tuyệt đối, `..`, `.` hoặc phần rỗng)
cms-path-outside = { $path } nằm ngoài { $allowed }
cms-path-folder-missing = { $path } nằm trong { $folder }/, thư mục này không tồn tại
cms-path-nowhere = { $path } không dẫn tới đâu
cms-path-symlink-out = { $path } dẫn ra ngoài { $folder }/ qua một liên kết tượng trưng (symlink)

## serve

serve-no-folder = { $path }: không có thư mục này
serve-port-busy = Có máy chủ khác đang dùng cổng { $port }? Chọn cổng khác bằng --port, hoặc --port 0 để lấy cổng bất kỳ còn trống.
serve-output = Kết quả trong { $path } (xoá khi thoát)
serve-serving = Đang phục vụ { $url } — Ctrl+C để dừng
serve-serving-published = Đang phục vụ { $url } — chỉ những gì `build` xuất bản (--published); Ctrl+C để dừng
serve-serving-drafts = Đang phục vụ { $url } — bản nháp và bài hẹn giờ hiện kèm dải thông báo (--published để ẩn); Ctrl+C để dừng
serve-open-network = đang nghe trên { $bind }: các thiết bị khác trong mạng mở được bản xem trước này, kể cả bản nháp và lỗi; --bind 127.0.0.1 giới hạn trong máy này
serve-no-ctrlc = không bắt được Ctrl+C ({ $error }); thư mục tạm có thể còn lại
serve-stopped = Đã dừng.
serve-built = Đã dựng sau { $time }: { $changes }
serve-rebuilt = Đã dựng lại sau { $time }: { $changes }
serve-no-change = không tệp nào thay đổi
serve-written = đã ghi { $written } tệp
serve-written-removed = đã ghi { $written } tệp, xoá { $removed }
serve-and-more = { $name } và { $more } tệp khác
serve-failed-first = Có { $count } lỗi; trình duyệt hiện lỗi cho đến khi một thay đổi sửa được.
serve-failed-again = Có { $count } lỗi; vẫn phục vụ bản dựng tốt gần nhất.

## Khung lỗi trên trình duyệt (src/serve/live.rs)

overlay-title = Thay đổi vừa rồi không dựng được
overlay-kept = Trình duyệt vẫn hiện phiên bản dựng được gần nhất.
overlay-dismiss = Xem trang tốt gần nhất
overlay-show = Xem lỗi
overlay-open = mở trong trình soạn thảo

## The model: URLs, translations, terms (src/site/)

site-empty-slug-file-name = tên tệp không tạo được đường dẫn (slug rỗng); thêm dòng `slug:` với tên dùng trong địa chỉ trang
site-empty-slug-title = tiêu đề không tạo được đường dẫn (slug rỗng); thêm dòng `slug:` với tên dùng trong địa chỉ trang
site-url-taken = địa chỉ { $url } của bài này trùng với địa chỉ của { $other }; hãy đặt `slug` khác cho một trong hai bài
site-url-case = địa chỉ { $url } của bài này chỉ khác { $taken } (địa chỉ của { $other }) ở chữ hoa, chữ thường; nhiều máy chủ (Windows, macOS, nhiều máy chủ web) coi hai địa chỉ này là một và chỉ giữ một trang; hãy đặt `slug` khác cho một trong hai bài
site-translation-taken = { $other } đã là bản `{ $lang }` của nhóm bản dịch `{ $key }`; mỗi ngôn ngữ chỉ có một bản
site-term-empty-slug = `{ $name }` không tạo được tên trong địa chỉ trang nên không có trang riêng
site-term-same-slug = `{ $name }` và `{ $chosen }` cho cùng một tên trong địa chỉ (`{ $slug }`) nên dùng chung một trang
site-the-listing = trang danh sách { $url }
site-alias-taken = địa chỉ cũ (alias) { $alias } đã là địa chỉ của { $owner }
site-alias-case = địa chỉ cũ (alias) { $alias } chỉ khác { $taken } ({ $owner }) ở chữ hoa, chữ thường; nhiều máy chủ (Windows, macOS, nhiều máy chủ web) coi hai địa chỉ này là một và chỉ giữ một tệp
site-an-alias-of = một địa chỉ cũ (alias) của { $path }
site-page-url-taken = địa chỉ { $url } của trang này trùng với { $taken }, một trang do hệ thống tự tạo; hãy đặt `slug` khác cho trang (hoặc đổi tên tệp)

## Required pages (src/site/portal.rs)

portal-page-missing = thiếu trang bắt buộc `{ $page }`: hãy viết tệp `content/{ $page }` (hoặc một tệp có cùng translation_key)
portal-page-english = trang bắt buộc `{ $page }` phải có cả bản tiếng Anh, nhưng `{ $lang }` chưa có trong `languages`
portal-page-no-version = trang bắt buộc `{ $page }` chưa có bản `{ $lang }`

## Menus (src/site/menus.rs, src/render/menus.rs, src/config/menus.rs)

menu-left-out = không đưa vào menu `{ $lang }`: { $what }
menu-no-label = mục này chưa có nhãn bằng ngôn ngữ này
menu-page-unknown = trang `{ $page }` của mục menu không phải là một tệp nội dung (như `pages/lien-he.vi.md`) hay một translation_key
menu-page-no-version = trang `{ $page }` chưa có bản bằng ngôn ngữ này
menu-no-category = mục này chưa ghi chuyên mục bằng ngôn ngữ này
menu-category-empty-here = chưa có bài nào bằng ngôn ngữ này thuộc chuyên mục `{ $category }`
menu-category-unknown = chưa có bài nào thuộc chuyên mục `{ $category }` của mục menu này
menu-no-url = mục này chưa có url bằng ngôn ngữ này
menu-no-target = mỗi mục menu cần một trong các khoá `page`, `category` hoặc `url` (hoặc `children`)
menu-two-targets = mỗi mục menu chỉ trỏ tới một đích, nhưng mục này có cả `{ $keys }`
menu-nested-children = menu chỉ có một cấp `children`: mục nằm trong `children` không được có `children` riêng
menu-url = url `{ $url }` của menu phải là một đường dẫn trong trang, như `/tim-kiem/`, hoặc một địa chỉ web, như `https://chinhphu.vn/`

## Front page blocks (src/site/front.rs, src/config/front.rs)

front-block-empty = chưa có bài nào thuộc chuyên mục `{ $category }` nên khối này trên trang chủ trống
front-block-kind = home.blocks[{ $index }] phải có đúng một trong ba khoá `category`, `latest` hoặc `most_read`
front-block-category-empty = home.blocks[{ $index }].category đang trống; hãy ghi tên một chuyên mục, ví dụ `Chuyển đổi số`
front-block-count-key = home.blocks[{ $index }]: `count` chỉ dùng cho khối `category`; hãy ghi số bài là `{ $key }: N`
front-block-count = home.blocks[{ $index }].{ $key } là { $count }; mỗi khối hiện từ 1 đến { $max } bài
front-featured = home.featured là { $count }; trang chủ hiện tối đa { $max } tin nổi bật
front-most-read-days = most_read.days phải từ 1 trở lên
front-most-read-count = most_read.count là { $count }; hãy dùng số từ 1 đến { $max }
front-related-count = related.count là { $count }; hãy dùng số từ 0 (không hiện) đến { $max }
front-summary-length = cards.summary_length là { $count }; hãy dùng số từ 20 đến 1000 ký tự

## Images (src/config/images.rs, src/images/)

images-widths = images.widths phải là danh sách chiều rộng (điểm ảnh) từ 1 đến { $max }, ví dụ `[480, 800, 1200]`
images-quality = images.quality là { $quality }; hãy dùng số từ 1 (tệp nhỏ nhất) đến 100 (ảnh đẹp nhất)
images-max-pixels = images.max_pixels phải từ 1 trở lên
images-avif = images.avif: bản bantin này không có bộ mã hoá AVIF (vì làm chậm việc dựng trang quá nhiều); chỉ dùng được giá trị `{ $value }`

## Other config.yaml sections

config-messages = messages: bantin không có thông báo bằng `{ $code }`; hãy dùng một trong các mã { $codes }
config-editor-url = editor_url `{ $url }` phải là một liên kết có chứa {"{"}path{"}"}, ví dụ `vscode://file{"{"}path{"}"}:{"{"}line{"}"}:{"{"}column{"}"}`
config-news-name = news.publication_name không được để trống
portal-page-empty = tên trang bắt buộc không được để trống
publisher-name = tên cơ quan chủ quản (publisher name) không được để trống
publisher-email = email `{ $email }` của cơ quan chủ quản phải có dạng như `vanphong@example.gov.vn`
publisher-logo = logo `{ $logo }` của cơ quan chủ quản phải là đường dẫn trong trang, như `/images/logo.svg`, hoặc một địa chỉ http(s)
publisher-type = loại cơ quan (publisher type) `{ $value }` phải là `GovernmentOrganization` hoặc `Organization`

## Embeds (markdown.embeds)

embeds-own-host = markdown.embeds: `{ $entry }` trùng với chính tên miền của trang (`{ $host }`); khung nhúng trang của chính mình có thể vượt qua lớp bảo vệ (sandbox)
embeds-host = markdown.embeds: `{ $entry }` phải là một tên miền, có thể kèm đường dẫn, như `player.vimeo.com` hoặc `youtube.com/embed`
word-and = và

## Links, templates, rendering (src/render/, src/pipeline.rs)

link-no-article = liên kết tới `{ $link }`: không có bài đã đăng nào ở đường dẫn đó trong content/
link-no-page = liên kết tới `{ $link }`: không có trang hay tệp nào ở { $path } trong trang tin
menu-url-nowhere = url `{ $url }` của menu không dẫn tới trang nào của trang tin
template-error = lỗi trong mẫu giao diện (template): { $detail }
raw-html-as-text = đoạn HTML được hiện thành chữ thường: nó lồng nhau quá sâu hoặc quá lớn để làm sạch an toàn
summary-too-long = phần tóm tắt (summary) dài hơn { $max } ký tự nên bị cắt bớt
lead-image-problem = ảnh đại diện: { $problem }
api-write = không ghi được tệp dữ liệu API: { $error }
no-translation = chưa có bản dịch sang { $languages }

## Raw HTML removed from articles (src/markdown/removals.rs)

removed-with-content = đã bỏ thẻ `<{ $tag }>` cùng nội dung bên trong
removed-tag = đã bỏ thẻ `<{ $tag }>` (giữ lại nội dung bên trong): bài viết không được dùng thẻ này
removed-iframe-no-src = đã bỏ `<iframe>` không có `src`
removed-iframe-host = đã bỏ `<iframe>` từ `{ $src }`: chỉ giữ khung nhúng https từ các tên miền có trong `markdown.embeds`
removed-iframe-title = đã bỏ `<iframe>`: khung nhúng cần có `title` nói rõ nó hiển thị gì
removed-forced = đã thay `{ $attribute }` của `<{ $tag }>` bằng `{ $attribute }="{ $forced }"`
removed-attribute = đã bỏ thuộc tính `{ $attribute }` khỏi `<{ $tag }>`
removed-url = đã bỏ `{ $attribute }` khỏi `<{ $tag }>`: { $problem }
removed-media-src = đã bỏ `{ $attribute }` `{ $value }` khỏi `<{ $tag }>`: video và âm thanh phải là tệp nằm trong trang, như `/media/a.mp4`
removed-media = đã bỏ `<{ $tag }>`: không nguồn nào của nó là tệp nằm trong trang, như `/media/a.mp4`
url-scheme-refused = không được dùng địa chỉ dạng `{ $scheme }:`
url-invalid = `{ $url }` không phải là địa chỉ hợp lệ

## Files and folders (src/files/, src/diag.rs)

io-cannot = không thể { $action }: { $error }
io-read = đọc
io-write = ghi
io-create = tạo
io-remove = xoá
io-lock = khoá
io-create-folder = tạo thư mục
io-read-config = đọc tệp cấu hình
io-read-site-folder = đọc thư mục trang
io-follow-link = mở liên kết tượng trưng (symlink)
io-write-image-cache = ghi bộ nhớ đệm ảnh
io-create-serve-folder = tạo thư mục tạm của serve
io-create-staging = tạo thư mục dựng tạm
io-replace-output = thay các tệp trong thư mục xuất
io-move-output = đưa bản dựng mới vào chỗ
io-swap-output = đổi bản dựng mới với bản cũ
io-copy-here = chép tệp vào đây
io-create-output-parent = tạo thư mục chứa thư mục xuất
io-read-output = đọc thư mục xuất
file-not-utf8 = tệp không phải UTF-8; hãy lưu lại tệp với bảng mã UTF-8
file-too-large = tệp nặng { $size }; mỗi tệp bantin đọc, kể cả bài viết, chỉ được tối đa { $limit } MiB
file-larger-than = hơn { $limit } MiB
file-case-clash = chỉ khác { $other } ở chữ hoa, chữ thường; nhiều máy chủ (Windows, macOS, nhiều máy chủ web) coi hai tên này là một và chỉ giữ một tệp; hãy đổi tên một tệp
theme-not-found = không tìm thấy giao diện `{ $theme }`: không có thư mục { $folder }
theme-no-i18n = giao diện không có tệp i18n/*.yaml nào
theme-no-strings = giao diện chưa có chữ cho ngôn ngữ `{ $code }`; tạm dùng chữ tiếng Anh
link-outside = liên kết tượng trưng (symlink) trỏ tới { $target }, nằm ngoài thư mục trang; bantin chỉ đọc tệp bên trong trang: hãy chép tệp cần dùng vào, hoặc xoá liên kết
link-hidden = liên kết tượng trưng (symlink) trỏ tới { $target }, một tệp hoặc thư mục ẩn mà bantin không đọc; hãy xoá liên kết
link-into-output = liên kết tượng trưng (symlink) trỏ vào { $target }, thư mục do bantin dựng ra, không bao giờ được đọc làm nội dung; hãy xoá liên kết
file-name-not-utf8 = tên tệp không phải UTF-8; hãy đổi tên tệp
file-decomposed = tên tệp này ghi chữ có dấu theo kiểu tách dấu (một số hệ điều hành lưu như vậy) nên trùng tên với { $other }; hãy giữ lại một trong hai tệp
link-loop = liên kết tượng trưng (symlink) vòng quanh chính nó; đã bỏ qua

## The output folder (src/output/)

output-bad-link = thư mục xuất là một liên kết tới thư mục không dùng được ({ $error }); hãy tạo thư mục đó hoặc cho liên kết trỏ chỗ khác
output-contains-site = không thay thư mục này vì nó chứa chính trang của bạn
output-inside-input = thư mục xuất nằm trong thư mục { $folder }/ của trang (ở { $at }), nơi bantin đọc nội dung; hãy chọn thư mục ngoài content/, data/, static/ và themes/
output-holds-input = thư mục xuất chứa thư mục { $folder }/ của trang (ở { $at }), nơi bantin đọc nội dung; hãy chọn thư mục ngoài content/, data/, static/ và themes/
output-not-folder = đường dẫn xuất đã có và không phải là thư mục
output-not-ours = không thay thư mục này vì không phải do bantin tạo ra (không có tệp { $marker }); hãy xoá nó hoặc chọn thư mục khác bằng --out
output-internal-kept = lỗi nội bộ của bantin: giữ lại một tệp mà lần dựng trước không tạo ra
output-clash = hai trang cùng muốn ghi vào tệp này; hãy kiểm tra slug, alias và các tệp trong static/
output-outside = không ghi ra ngoài thư mục xuất
output-lost = không thay được các tệp trong thư mục xuất: { $error }; các tệp chưa về chỗ cũ đang nằm trong { $old }
output-old-left = không xoá được bản dựng cũ: { $error }; lần dựng sau sẽ xoá
output-reserved = tên bắt đầu bằng `{ $marker }` ở đầu thư mục xuất là tên dành riêng cho bantin

## serve (src/serve/)

serve-no-free-name = không tìm được tên trống để tạo thư mục tạm của serve
watch-failed = không theo dõi được thay đổi ({ $error }); hãy chạy lại serve để thấy nội dung vừa sửa
watch-cannot = không theo dõi được thay đổi: { $error }
watch-problem = lỗi khi theo dõi thay đổi: { $error }
serve-cannot-listen = không mở được địa chỉ { $addr }: { $error }

## Dates and time zones (src/text/dates.rs)

zone-invalid-because = múi giờ { $zone } không hợp lệ: { $reason } (cần một độ lệch như +07:00 hoặc một tên như Asia/Ho_Chi_Minh)
zone-invalid = múi giờ { $zone } không hợp lệ: cần một độ lệch như +07:00 hoặc một tên như Asia/Ho_Chi_Minh
zone-missing = thiếu múi giờ: cần một độ lệch như +07:00 hoặc một tên như Asia/Ho_Chi_Minh
zone-unknown = không biết múi giờ { $zone }: cần một độ lệch như +07:00 hoặc một tên như Asia/Ho_Chi_Minh
date-out-of-range = ngày nằm ngoài khoảng bantin hỗ trợ
date-month-missing = không có tháng { $month }
date-month-days = tháng { $month }/{ $year } chỉ có { $days } ngày
date-day-missing = không có ngày { $day }
date-hour-missing = không có giờ { $hour } (chỉ từ 00 đến 23)
date-minute-missing = không có phút { $minute } (chỉ từ 00 đến 59)
date-second-missing = không có giây { $second } (chỉ từ 00 đến 59)
zone-offset-minutes = độ lệch { $offset } có hơn 59 phút
zone-offset-range = độ lệch { $offset } vượt quá giới hạn

## Front matter and content files (src/source/)

fm-correction-note = mỗi đính chính cần có `note`: { $form }
fm-correction-date = mỗi đính chính cần có `date`: { $form }
fm-image-focus = image_focus `{ $focus }` phải là hai số từ 0 đến 1, theo chiều ngang rồi chiều dọc, ví dụ `0.5,0.3`
source-unknown-language = ngôn ngữ `{ $code }` trong tên tệp không có trong `languages` của config.yaml ({ $known })
source-and-more = và { $more } tệp khác
source-hidden = tệp ẩn không được đăng: { $files }; chỉ thư mục { $kept }/ được đăng

## Images an article uses (src/images/): "image `a.jpg` <problem>"

image-problem = ảnh `{ $image }` { $problem }
image-not-site-file = không phải là tệp nằm trong trang
image-format-unsupported = có định dạng bantin không đăng được; hãy dùng JPEG, PNG, WebP, GIF hoặc SVG
image-not-image = không phải là ảnh
image-unreadable = không đọc được: { $error }
image-too-large = nặng hơn { $limit } MiB
image-kind-unsupported = là ảnh { $kind }, định dạng bantin không đăng được; hãy dùng JPEG, PNG, WebP, GIF hoặc SVG
image-unknown-or-damaged = không phải là ảnh bantin đọc được (JPEG, PNG, WebP, GIF hoặc SVG), hoặc tệp ảnh bị hỏng
image-cut = bị hỏng: tệp kết thúc trước khi hết dữ liệu ảnh (tệp bị cắt hoặc chép chưa xong)
image-damaged = bị hỏng: { $error }
image-undecodable = không giải mã được trong giới hạn kích thước của nó: { $error }
image-too-many-pixels = có { $width } × { $height } điểm ảnh ({ $megapixels } megapixel), nhiều hơn images.max_pixels ({ $max } megapixel); ảnh không được xử lý
image-no-pixels = không có điểm ảnh nào
image-unencodable = không mã hoá được: { $error }
image-unresizable = không đổi được kích thước: { $error }
image-encoded-empty = không mã hoá được (bộ mã hoá tạo ra tệp rỗng)

## Commands: init, new, cms init, build (src/cmd/)

new-translation-exists = { $original } đã có bản `{ $lang }`: { $other } (chưa ghi gì cả)
new-not-in-content = { $file }: không nằm trong { $content }/; --translation-of cần một bài viết của trang này
new-not-an-article = { $file }: không phải là bài viết; bài viết là các tệp content/**/*.md nằm ngoài thư mục ẩn
new-one-language = trang này chỉ có một ngôn ngữ ({ $languages }) nên không có ngôn ngữ nào để dịch { $original } sang
new-unknown-lang = --lang { $lang }: trang này không có ngôn ngữ đó; `languages` trong config.yaml có { $languages }
new-same-lang = { $original } đã là bản `{ $lang }`; hãy ghi ngôn ngữ của bản dịch bằng --lang ({ $languages })
new-file-exists = đã có tệp này (chưa ghi gì cả)
init-is-file = là một tệp; hãy cho bantin init một thư mục mới hoặc trống (chưa ghi gì cả)
init-not-empty = thư mục không trống; hãy cho bantin init một thư mục mới hoặc trống (chưa ghi gì cả)
build-bad-now = lỗi: --now: { $reason }
build-next-publishes = Lần thay đổi tới: { $at } ({ $path } được đăng)
build-next-expires = Lần thay đổi tới: { $at } ({ $path } hết hạn)
build-next-pin-ends = Lần thay đổi tới: { $at } ({ $path } hết thời gian ghim)

## YAML limits (src/yaml.rs)

yaml-too-much-expansion = các bí danh (`*name`) bung ra quá nhiều dữ liệu; hãy viết thẳng các giá trị ra
yaml-too-deep = YAML lồng nhau sâu hơn { $max } cấp
yaml-too-many-values = một tệp có hơn { $max } giá trị

## serve over HTTP (src/serve/http.rs): plain answers shown in the browser

http-host = bantin serve chỉ trả lời localhost hoặc một địa chỉ IP
http-use-post = Hãy dùng POST
http-cross-site = Không nhận yêu cầu từ trang khác
http-too-large = Yêu cầu quá lớn
http-cms-failed = Yêu cầu tới CMS không thành công
http-method = Không hỗ trợ phương thức này
http-bad-path = Đường dẫn không hợp lệ
http-unreadable = Không đọc được tệp này
http-bad-page-id = Mã trang không hợp lệ
http-use-get-post = Hãy dùng GET hoặc POST
http-no-page-id = Không có trang nào mang mã này
http-use-get = Hãy dùng GET
http-too-many-streams = Đang mở quá nhiều kết nối tự tải lại trang
http-not-built = Trang chưa dựng được:
http-no-page = Không có trang nào ở đây.
http-not-found = Không tìm thấy

## bantin new (src/scaffold.rs)

new-bad-section = chuyên mục (--section) `{ $section }` phải là một thư mục bên trong content/, như `thoi-su` hoặc `2026/11`, không có `..`, `\`, `:` hay tên bắt đầu bằng `.`
alias-generated = alias { $alias } trùng hoặc nằm trong { $generated }, nơi bantin ghi tệp của chính nó; hãy chọn một đường dẫn cũ khác

## Stages `build --verbose` times (src/render/stage.rs)

stage-load = nạp (cấu hình, giao diện, nội dung, mô hình)
stage-images = ảnh (đọc, thu nhỏ, mã hoá, bộ nhớ đệm)
stage-articles-indexed = bài viết (Markdown, mẫu trang, ghi tệp, đọc cho tìm kiếm)
stage-articles = bài viết (Markdown, mẫu trang, ghi tệp)
stage-listings = danh sách và chỉ mục tìm kiếm
stage-site-files = trang mục lục, nguồn tin, tệp tĩnh, ảnh
stage-link-checks = sơ đồ trang, kiểm tra liên kết
stage-swap-in = thay đầu ra mới, xoá đầu ra cũ
stage-read-changed = đọc các tệp đã đổi
stage-model = mô hình
stage-move-in = chuyển tệp vào

## Where the built-in theme's files show in error positions (src/theme.rs)

theme-built-in = (giao diện có sẵn)

## `bantin cms init`: the CMS's field labels and the admin page (src/cms/mod.rs)

cms-collection-articles = Bài viết
cms-collection-pages = Trang
cms-label-title = Tiêu đề
cms-label-date = Ngày đăng
cms-label-updated = Ngày cập nhật
cms-label-author = Tác giả
cms-label-category = Chuyên mục
cms-label-tags = Từ khoá
cms-label-summary = Tóm tắt
cms-label-image = Ảnh đại diện
cms-label-image-caption = Chú thích ảnh
cms-label-image-focus = Tâm ảnh (ngang,dọc)
cms-label-photo-credit = Nguồn ảnh
cms-label-views = Lượt xem
cms-label-slug = Đường dẫn (slug)
cms-label-draft = Bản nháp
cms-label-featured = Nổi bật trên trang chủ
cms-label-pin-until = Nổi bật đến
cms-label-expires = Hết hạn
cms-label-source = Nguồn tin
cms-label-corrections = Đính chính
cms-label-correction-date = Ngày
cms-label-note = Nội dung
cms-label-aliases = Địa chỉ cũ
cms-label-translation-key = Khoá bản dịch
cms-label-body = Nội dung bài
cms-hint-image-focus = hai số thập phân từ 0 đến 1, ví dụ 0.5,0.3
cms-hint-slug = chỉ chữ thường a-z, chữ số và dấu gạch ngang
cms-page-title = Quản lý nội dung
cms-author-add = + Thêm tác giả
cms-author-remove = Xoá
cms-author-this-name = tên này
