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
