#!/usr/bin/env python3
"""Deterministic bilingual (vi/en) news corpus for the bantin / Hugo / Zola benchmark.

Usage: gen_corpus.py N OUTDIR [--seed S] [--only bantin,hugo,zola] [--no-internal-links]

Writes N article pairs (one Vietnamese + one English file per pair) three ways:
  OUTDIR/bantin/  bantin's layout (config.yaml, content/<yyyy>/<stem>.{vi,en}.md)
  OUTDIR/hugo/    a Hugo site (content/news/<stem>.{vi,en}.md, layouts/, i18n/)
  OUTDIR/zola/    a Zola site (content/news/<stem>.md and <stem>.en.md, templates/)

Article i depends only on (seed, i) and on articles < i, so the corpus for N is a
prefix of the corpus for any larger N.  Vietnamese prose is built from the sentences
of the reference article, the demo portal's seed report in this repository
(content/2023/pho-chu-tich-lam-viec-voi-so-thong-tin.vi.md); English prose from a fixed
pool.
Only the Python standard library is used; output is byte-identical between runs.
"""
import argparse
import base64
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_FILE = os.path.join(HERE, "..", "content", "2023", "pho-chu-tich-lam-viec-voi-so-thong-tin.vi.md")
DEFAULT_SEED = 20230605
TZ = dt.timezone(dt.timedelta(hours=7))
DATE_FIRST = dt.date(2014, 1, 1)
DATE_LAST = dt.date(2026, 11, 1)
PAGINATE = 20
N_IMAGES = 40
MIN_WORDS, MAX_WORDS = 400, 900

# --------------------------------------------------------------------------- pools

AUTHORS = [  # 30 Vietnamese bylines; the seed's byline first
    "Kim Cúc", "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Dũng", "Phạm Minh Đức",
    "Hoàng Thị Thu Hà", "Vũ Quốc Huy", "Đặng Thanh Hương", "Bùi Văn Khánh", "Đỗ Thị Lan",
    "Hồ Quang Minh", "Ngô Thị Mai", "Dương Văn Nam", "Lý Thị Ngân", "Nông Văn Phúc",
    "Đinh Thị Quỳnh", "Lâm Văn Sơn", "Hà Thị Thanh", "Mã Văn Thắng", "Triệu Thị Uyên",
    "Lương Văn Việt", "Chu Thị Xuân", "Đàm Văn Yên", "La Thị Ánh", "Hoàng Văn Bảo",
    "Nguyễn Thị Cẩm Tú", "Trần Đình Chiến", "Phan Thị Diệu Linh", "Lục Văn Đông", "Bế Thị Hằng",
]

CATEGORIES = [  # (vi, en) x 12
    ("Thời sự", "News"), ("Chính trị", "Politics"), ("Kinh tế", "Economy"),
    ("Xã hội", "Society"), ("Văn hóa", "Culture"), ("Giáo dục", "Education"),
    ("Y tế", "Health"), ("Thể thao", "Sports"), ("Pháp luật", "Law"),
    ("Nông nghiệp", "Agriculture"), ("Du lịch", "Tourism"),
    ("Khoa học - Công nghệ", "Science & Technology"),
]

TAGS = [  # (vi, en) x 60
    ("Chuyển đổi số", "Digital transformation"), ("Cao Bằng", "Cao Bang"),
    ("Nông thôn mới", "New rural development"), ("Giảm nghèo", "Poverty reduction"),
    ("Cải cách hành chính", "Administrative reform"), ("An toàn thông tin", "Information security"),
    ("Dịch vụ công trực tuyến", "Online public services"), ("Hạ tầng số", "Digital infrastructure"),
    ("Báo chí", "Press"), ("Bưu chính", "Postal services"), ("Viễn thông", "Telecommunications"),
    ("Giáo dục vùng cao", "Highland education"), ("Y tế cơ sở", "Grassroots healthcare"),
    ("Tiêm chủng", "Vaccination"), ("Phòng chống thiên tai", "Disaster prevention"),
    ("Mưa lũ", "Floods"), ("Giao thông", "Transport"),
    ("Cao tốc Đồng Đăng - Trà Lĩnh", "Dong Dang - Tra Linh expressway"),
    ("Du lịch cộng đồng", "Community tourism"), ("Thác Bản Giốc", "Ban Gioc waterfall"),
    ("Công viên địa chất", "Geopark"), ("Di tích Pác Bó", "Pac Bo relic site"),
    ("Sản phẩm OCOP", "OCOP products"), ("Hạt dẻ Trùng Khánh", "Trung Khanh chestnuts"),
    ("Thuốc lá", "Tobacco"), ("Chè", "Tea"), ("Lúa gạo", "Rice"), ("Chăn nuôi", "Livestock"),
    ("Lâm nghiệp", "Forestry"), ("Trồng rừng", "Afforestation"), ("Biên giới", "Border"),
    ("Cửa khẩu", "Border gates"), ("Thương mại điện tử", "E-commerce"),
    ("Doanh nghiệp", "Businesses"), ("Đầu tư công", "Public investment"), ("Ngân sách", "Budget"),
    ("Thuế", "Taxes"), ("Bảo hiểm xã hội", "Social insurance"), ("Việc làm", "Jobs"),
    ("Thanh niên", "Youth"), ("Phụ nữ", "Women"), ("Trẻ em", "Children"),
    ("Người cao tuổi", "Elderly people"), ("Dân tộc thiểu số", "Ethnic minorities"),
    ("Tôn giáo", "Religion"), ("Quốc phòng", "National defence"),
    ("An ninh trật tự", "Public order"), ("Phòng chống ma túy", "Drug prevention"),
    ("Phổ biến pháp luật", "Legal education"), ("Môi trường", "Environment"),
    ("Tài nguyên nước", "Water resources"), ("Đất đai", "Land"), ("Xây dựng", "Construction"),
    ("Văn hóa truyền thống", "Traditional culture"), ("Lễ hội", "Festivals"),
    ("Thể thao quần chúng", "Community sports"), ("Khởi nghiệp", "Startups"),
    ("Khoa học", "Science"), ("Hội nghị", "Conferences"), ("Thi đua khen thưởng", "Emulation and awards"),
]

OFFICIALS = [
    "Trịnh Trường Huy", "Hoàng Xuân Ánh", "Lê Hải Hòa", "Nguyễn Trung Thảo", "Đàm Văn Eng",
    "Triệu Đình Lê", "Nông Thanh Tùng", "Lương Thị Hạnh", "Bế Minh Tuấn", "Vi Văn Hậu",
    "Hà Ngọc Giáp", "Đinh Quang Tuyên", "Nông Thị Hà", "Mạc Văn Sửu", "Chu Văn Quyết",
]
AGENCIES = [  # (vi, en) departments
    ("Thông tin và Truyền thông", "Information and Communications"),
    ("Kế hoạch và Đầu tư", "Planning and Investment"), ("Tài chính", "Finance"),
    ("Nông nghiệp và Phát triển nông thôn", "Agriculture and Rural Development"),
    ("Giáo dục và Đào tạo", "Education and Training"), ("Y tế", "Health"),
    ("Văn hóa, Thể thao và Du lịch", "Culture, Sports and Tourism"),
    ("Tài nguyên và Môi trường", "Natural Resources and Environment"),
    ("Giao thông vận tải", "Transport"), ("Xây dựng", "Construction"),
    ("Công Thương", "Industry and Trade"),
    ("Lao động - Thương binh và Xã hội", "Labour, Invalids and Social Affairs"),
    ("Khoa học và Công nghệ", "Science and Technology"), ("Tư pháp", "Justice"),
    ("Nội vụ", "Home Affairs"),
]
DISTRICTS = ["Hòa An", "Trùng Khánh", "Bảo Lạc", "Bảo Lâm", "Hà Quảng", "Nguyên Bình",
             "Quảng Hòa", "Thạch An", "Hạ Lang"]
COMMUNES = ["Đức Long", "Hồng Việt", "Quang Trung", "Ngọc Côn", "Đàm Thủy", "Phong Châu",
            "Cô Ba", "Lý Bôn", "Thông Nông", "Cần Yên", "Minh Tâm", "Trương Lương",
            "Bạch Đằng", "Dân Chủ", "Quốc Toản", "Chí Viễn", "Phúc Sen", "Đình Phong",
            "Vân Trình", "Kim Đồng"]
ACTIVITIES = [  # (vi, en)
    ("công tác chuyển đổi số", "digital transformation work"),
    ("Tháng hành động vì an toàn thực phẩm", "the food safety action month"),
    ("chương trình giảm nghèo bền vững", "the sustainable poverty reduction programme"),
    ("công tác phòng, chống thiên tai", "disaster prevention work"),
    ("kỳ thi tốt nghiệp THPT", "the high school graduation exam"),
    ("công tác cải cách hành chính", "administrative reform"),
    ("phong trào thi đua yêu nước", "the patriotic emulation movement"),
    ("Đề án 06 về dữ liệu dân cư", "Project 06 on population data"),
    ("chiến dịch tiêm chủng mở rộng", "the expanded immunisation campaign"),
    ("công tác tuyển quân", "military recruitment"),
    ("mùa du lịch hè", "the summer tourism season"),
    ("chương trình OCOP", "the OCOP programme"),
]
PROJECTS = [  # (vi, en) with {c} = commune
    ("dự án đường cao tốc Đồng Đăng - Trà Lĩnh", "the Dong Dang - Tra Linh expressway"),
    ("công trình cầu {c}", "the {c} bridge"),
    ("dự án hồ chứa nước {c}", "the {c} reservoir project"),
    ("dự án cấp nước sinh hoạt xã {c}", "the {c} clean water project"),
    ("điểm trường xã {c}", "the school in {c} commune"),
    ("khu tái định cư {c}", "the {c} resettlement area"),
]
GROUPS = [  # (vi, en)
    ("hộ nghèo", "poor households"), ("người có uy tín", "village elders"),
    ("thanh niên", "young people"), ("doanh nghiệp", "businesses"),
    ("hợp tác xã", "cooperatives"), ("học sinh vùng cao", "highland pupils"),
    ("đồng bào dân tộc thiểu số", "ethnic minority residents"),
    ("gia đình chính sách", "families of war invalids"), ("nông dân", "farmers"),
    ("cán bộ cơ sở", "grassroots officials"), ("cựu chiến binh", "veterans"),
]
TOPICS = [  # (vi, en)
    ("chuyển đổi số", "digital transformation"), ("an toàn thông tin mạng", "cyber security"),
    ("phòng cháy chữa cháy rừng", "forest fire prevention"),
    ("sản xuất nông nghiệp hữu cơ", "organic farming"), ("an toàn giao thông", "road safety"),
    ("pháp luật về đất đai", "land law"), ("thương mại điện tử", "e-commerce"),
    ("bảo hiểm xã hội tự nguyện", "voluntary social insurance"),
    ("phòng, chống ma túy", "drug prevention"),
]
VI_SUBJECTS = [
    "Phó Chủ tịch UBND tỉnh {o}", "Chủ tịch UBND tỉnh {o}", "Bí thư Tỉnh ủy {o}",
    "Phó Bí thư Tỉnh ủy {o}", "Sở {a}", "UBND huyện {d}", "Hội Nông dân tỉnh", "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh", "Ban Dân tộc tỉnh", "Công an tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Ngân hàng Chính sách xã hội tỉnh",
    "Bệnh viện Đa khoa tỉnh", "Ủy ban MTTQ Việt Nam tỉnh", "Liên đoàn Lao động tỉnh",
]
EN_SUBJECTS = [
    "Provincial vice chairman {o}", "Provincial chairman {o}", "Party secretary {o}",
    "Deputy party secretary {o}", "Department of {a}", "{d} district authorities",
    "Provincial Farmers' Association", "Provincial Youth Union", "Provincial Women's Union",
    "Provincial Ethnic Minorities Committee", "Provincial police department", "Provincial border guard command",
    "Social Policy Bank branch", "Provincial General Hospital", "Provincial Fatherland Front",
    "Provincial Labour Federation",
]
VI_ACTIONS = [
    "làm việc với Sở {a2}", "kiểm tra tiến độ {p}", "tổng kết {act}", "triển khai {act}",
    "sơ kết {act}", "khảo sát {p}", "đối thoại với {g}", "thăm, tặng quà {g}",
    "hướng dẫn {g} về {t}", "ký kết quy chế phối hợp với Sở {a2}", "tập huấn {t} cho {g}",
    "bàn giải pháp đẩy mạnh {t}",
]
EN_ACTIONS = [
    "works with the Department of {a2}", "inspects progress on {p}", "reviews {act}",
    "launches {act}", "takes stock of {act}", "surveys {p}", "holds dialogue with {g}",
    "visits and presents gifts to {g}", "guides {g} on {t}",
    "signs coordination rules with the Department of {a2}", "trains {g} in {t}",
    "discusses ways to boost {t}",
]
VI_QUALIFIERS = ["", " tại huyện {d}", " năm {y}", " {n} tháng đầu năm {y}", " giai đoạn 2021-2025",
                 " tại xã {c}", " quý {q}/{y}"]
EN_QUALIFIERS = ["", " in {d} district", " in {y}", " for the first {n} months of {y}",
                 " for 2021-2025", " in {c} commune", " in Q{q} {y}"]

# Titles whose Vietnamese words are the same without marks: both variants of a family
# are generated (in different months), so their slugs collide and only the date
# prefix of the URL tells them apart.
TWIN_FAMILIES = [
    (("Mùa vàng ở xã {c}, huyện {d} năm {y}", "Mua vàng ở xã {c}, huyện {d} năm {y}"),
     ("Golden harvest season in {c} commune, {d}, {y}", "Gold buying rush in {c} commune, {d}, {y}")),
    (("Giá cả tại chợ {d} tháng {m}/{y}", "Giá cá tại chợ {d} tháng {m}/{y}"),
     ("Market prices in {d} in {m}/{y}", "Fish prices at the {d} market in {m}/{y}")),
    (("Làng lụa xã {c}, huyện {d} vào vụ năm {y}", "Làng lúa xã {c}, huyện {d} vào vụ năm {y}"),
     ("Silk village of {c}, {d} starts the {y} season", "Rice village of {c}, {d} starts the {y} season")),
    (("Mùa lúa mới ở xã {c}, huyện {d} năm {y}", "Mua lúa mới ở xã {c}, huyện {d} năm {y}"),
     ("New rice season in {c}, {d}, {y}", "Buying new rice in {c}, {d}, {y}")),
]

VI_HEADINGS = ["Kết quả nổi bật", "Khó khăn, vướng mắc", "Nhiệm vụ trọng tâm thời gian tới",
               "Ý kiến của các sở, ngành", "Hạ tầng số", "Nguồn lực đầu tư",
               "Tiếng nói của người dân", "Những bước tiếp theo", "Bối cảnh", "Số liệu nổi bật",
               "Kiến nghị, đề xuất", "Triển vọng"]
EN_HEADINGS = ["Key results", "Remaining difficulties", "Tasks for the coming months",
               "Views of the departments", "Digital infrastructure", "Investment and funding",
               "What residents say", "Next steps", "Background", "Figures at a glance",
               "Recommendations", "Outlook"]

EN_SENTENCES = [
    "The provincial People's Committee held a meeting on Tuesday to review progress on key tasks for the year.",
    "Officials said the number of households with fibre broadband connections had risen steadily over the past twelve months.",
    "The department reported that more than 1,500 public services can now be completed entirely online.",
    "Local leaders called for closer coordination between agencies to remove bottlenecks in public investment projects.",
    "According to the report, mobile subscribers in the province now exceed 600,000.",
    "The chairman asked districts to speed up site clearance so that construction can begin before the rainy season.",
    "Farmers in the highland communes have switched to higher-value crops such as chestnuts and tea.",
    "The programme aims to set up a community digital technology team in every commune by the end of the year.",
    "Teachers and students in remote schools received laptops and learning materials donated by local businesses.",
    "Heavy rain last week damaged several sections of rural road and cut off access to two villages.",
    "Rescue teams worked through the night to clear landslides and restore electricity to affected households.",
    "The provincial hospital has introduced electronic medical records in all of its clinical departments.",
    "Health workers visited villages to vaccinate children and provide check-ups for elderly residents.",
    "Visitor numbers at the waterfall rose sharply during the summer holiday, according to the tourism department.",
    "Homestay owners said bookings for the autumn festival season were already higher than last year.",
    "The delegation also inspected the construction site of the new expressway linking the province to the border gate.",
    "Contractors were reminded to ensure quality, safety and environmental protection at every stage of the project.",
    "Participants agreed that administrative reform remains one of the most important drivers of growth.",
    "The number of new businesses registered in the first half of the year increased compared with the same period last year.",
    "Tax revenue collected through electronic channels now accounts for the vast majority of payments.",
    "Police stepped up patrols along national highways to reduce traffic accidents during the holiday.",
    "The campaign against drug trafficking led to the arrest of several suspects and the seizure of illegal substances.",
    "Border guards coordinated with local authorities to help residents harvest crops and repair houses.",
    "The women's union launched a savings scheme to help poor households start small businesses.",
    "Young volunteers helped villagers build rural roads and clean up public spaces over the weekend.",
    "Speaking at the event, the vice chairman praised the efforts of officials and residents in overcoming difficulties.",
    "He also pointed out shortcomings that need to be addressed, including slow disbursement of investment capital.",
    "She said the department would continue to review procedures and cut unnecessary paperwork for citizens.",
    "The province has set a target of raising the share of the digital economy in its gross regional product.",
    "Representatives of telecommunications companies pledged to extend mobile coverage to the remaining villages.",
    "Workshops on e-commerce helped cooperatives sell local specialities through online marketplaces.",
    "Several products from the district have been certified under the One Commune One Product programme.",
    "The local market was busy as traders prepared for the lunar new year.",
    "Prices of most essential goods remained stable, the market management agency said.",
    "The conference was attended by leaders of departments, agencies and all district people's committees.",
    "Provincial leaders presented certificates of merit to groups and individuals with outstanding achievements.",
    "The project, with a total investment of 25 billion dong, is expected to be completed next year.",
    "Authorities have asked residents to stay alert and avoid crossing flooded streams.",
    "Forest rangers increased inspections during the dry season to prevent forest fires.",
    "More than 2,000 hectares of new forest have been planted in the province since the beginning of the year.",
    "The agricultural extension centre provided seedlings and technical guidance to farmers.",
    "Livestock farmers were advised to vaccinate their herds and keep barns warm during the cold spell.",
    "Officials visited families of war invalids and martyrs to present gifts on the occasion of the anniversary.",
    "The provincial library opened a new reading room for children with books in several ethnic languages.",
    "A traditional festival featuring folk songs and games attracted thousands of visitors.",
    "The sports festival brought together athletes from all districts to compete in football, volleyball and tug of war.",
    "Students who passed the national high school graduation exam were honoured at a ceremony in the provincial capital.",
    "The education department said it would recruit more teachers for schools in remote areas.",
    "New classrooms were handed over ahead of the school year, replacing temporary buildings.",
    "Clean water projects have benefited thousands of households in mountainous communes.",
    "The environment department warned companies that violations of waste regulations would be strictly handled.",
    "Land use plans for the next period will be published so that residents can give their opinions.",
    "Inspectors found that some units had not fully complied with regulations on public procurement.",
    "The court held a mobile trial in the commune to raise public awareness of the law.",
    "Legal education sessions were organised for residents in border villages.",
    "Leaders of the two provinces agreed to strengthen cooperation in trade, tourism and transport.",
    "Exports through the border gates rose during the first quarter, led by agricultural products.",
    "The provincial social insurance agency urged employers to pay contributions on time for their workers.",
    "Job fairs offered thousands of positions to young people and workers returning from abroad.",
    "Vocational training courses helped rural workers find stable jobs in industrial zones.",
    "The meeting concluded with a list of specific tasks assigned to each department.",
    "The provincial steering committee will continue to monitor implementation and report every quarter.",
    "The intelligent operations centre is helping leaders make decisions based on real-time information.",
    "The integrated data sharing platform now connects the province with the national population database.",
    "Cyber security drills were held to test how agencies respond to simulated attacks.",
    "Officials stressed that information security must go hand in hand with digital transformation.",
    "The local newspaper and radio station have expanded their digital editions to reach younger readers.",
    "Grassroots information systems, including loudspeakers in villages, have been upgraded.",
    "Residents can now pay electricity and water bills using mobile banking apps.",
    "The province plans to attract more investment in renewable energy and processing industries.",
    "Weather forecasters predicted another cold spell with temperatures falling below five degrees in high areas.",
    "Local authorities distributed rice and warm clothes to households affected by the cold weather.",
]

VI_BULLETS = [
    "{n} hộ gia đình được hỗ trợ kết nối internet", "{n} km đường giao thông nông thôn được cứng hóa",
    "{n} phòng học mới được bàn giao", "{n} thủ tục hành chính được cắt giảm",
    "{n} tổ công nghệ số cộng đồng được thành lập", "{n} lượt người được tiêm chủng",
    "{n} ha rừng trồng mới", "{n} sản phẩm đạt chuẩn OCOP", "{n} lao động được giải quyết việc làm",
    "{n} doanh nghiệp thành lập mới", "{n} đơn thư được tiếp nhận và xử lý",
    "{n} hộ thoát nghèo trong năm",
]
EN_BULLETS = [
    "{n} households helped to connect to the internet", "{n} km of rural road paved",
    "{n} new classrooms handed over", "{n} administrative procedures removed",
    "{n} community digital technology teams set up", "{n} vaccine doses given",
    "{n} hectares of new forest planted", "{n} products certified under OCOP",
    "{n} workers found new jobs", "{n} new businesses registered",
    "{n} petitions received and handled", "{n} households escaped poverty this year",
]
VI_INDICATORS = ["Tỷ lệ hộ có internet cáp quang (%)", "Thuê bao di động (nghìn)",
                 "Doanh thu bưu chính, viễn thông (tỷ đồng)", "Dịch vụ công trực tuyến",
                 "Hồ sơ xử lý trực tuyến (%)", "Doanh nghiệp dùng hóa đơn điện tử (%)",
                 "Trạm BTS", "Tổ công nghệ số cộng đồng"]
EN_INDICATORS = ["Households with fibre broadband (%)", "Mobile subscribers (thousand)",
                 "Postal and telecom revenue (billion dong)", "Online public services",
                 "Applications handled online (%)", "Businesses using e-invoices (%)",
                 "BTS stations", "Community digital technology teams"]
VI_LINKS = [("Cổng thông tin điện tử tỉnh Cao Bằng", "https://caobang.gov.vn/"),
            ("Cổng Dịch vụ công Quốc gia", "https://dichvucong.gov.vn/"),
            ("Tổng cục Thống kê", "https://www.gso.gov.vn/"),
            ("Báo Cao Bằng", "https://baocaobang.vn/")]
EN_LINKS = [("provincial portal", "https://caobang.gov.vn/"),
            ("National Public Service Portal", "https://dichvucong.gov.vn/"),
            ("General Statistics Office", "https://www.gso.gov.vn/en/"),
            ("Vietnam News Agency", "https://vnanet.vn/en/")]
VI_CAPTIONS_EXTRA = ["Quang cảnh buổi làm việc tại {d}", "Đại biểu tham quan mô hình sản xuất ở xã {c}",
                     "Người dân xã {c} làm thủ tục trên Cổng Dịch vụ công",
                     "Lãnh đạo tỉnh phát biểu tại hội nghị", "Một góc huyện {d} nhìn từ trên cao"]
EN_CAPTIONS = ["The working session in {d}", "Delegates visit a farming model in {c} commune",
               "Residents of {c} commune use the online public service portal",
               "A provincial leader speaks at the conference", "A view of {d} district from above"]

CODE_SNIPPETS = [
    ("rust", """fn growth_rate(previous: f64, current: f64) -> f64 {{
    (current - previous) / previous * 100.0
}}

fn main() {{
    let rate = growth_rate({a}.0, {b}.0);
    println!("growth: {{rate:.2}}%");
}}"""),
    ("rust", """use std::collections::BTreeMap;

fn main() {{
    let mut per_district: BTreeMap<&str, u32> = BTreeMap::new();
    for (district, count) in [("{d}", {a}), ("{d2}", {b})] {{
        *per_district.entry(district).or_insert(0) += count;
    }}
    println!("{{per_district:?}}");
}}"""),
    ("python", """import csv
from collections import Counter

def count_services(path):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return Counter(row["level"] for row in rows)

print(count_services("services-{a}.csv").most_common({n}))"""),
    ("python", """def coverage(connected, total):
    \"\"\"Share of households connected, in percent.\"\"\"
    return round(100 * connected / total, 2)

print(coverage({a}, {b}))  # {d}"""),
]

# A whole 8×8 mid-grey baseline JPEG (one DC-only block, its scan and the
# end marker): bantin decodes every image an article references, and the
# shared generator's 1×1 file stops before its scan data, which bantin
# rightly reports as a cut file.
TINY_JPEG = base64.b64decode(
    "/9j/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB"
    "AQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAA"
    "AAAAAAAAAAD/2gAIAQEAAD8AP//Z")

assert len(AUTHORS) == 30 and len(CATEGORIES) == 12 and len(TAGS) == 60

# --------------------------------------------------------------------------- helpers


def nfc(s):
    return unicodedata.normalize("NFC", s)


def strip_marks(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))


def slugify(s):
    """SPEC.md rule: Vietnamese letters lose their marks, đ becomes d."""
    s = strip_marks(s).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def q(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def qlist(items):
    return "[" + ", ".join(q(x) for x in items) + "]"


def words(text):
    return len(text.split())


def fmt_vi_num(n):
    return f"{n:,}".replace(",", ".")


def load_seed():
    """The seed report's parts: its front matter gives title, date, views and byline;
    its lead caption and image titles are the captions; the other blocks are prose."""
    text = nfc(open(SEED_FILE, encoding="utf-8").read())
    _, front, body = text.split("---\n", 2)
    meta = {}
    for line in front.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip().strip('"')
    blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    figure = re.compile(r'!\[[^\]]*\]\(\S+ "([^"]*)"\)$')
    captions = [meta["image_caption"]] + [figure.match(b).group(1) for b in blocks if figure.match(b)]
    paragraphs = [b if b.endswith((".", "...", "!", "?")) else b + "."
                  for b in blocks if not figure.match(b)]
    sentences = []
    for p in paragraphs:
        for s in split_sentences(p):
            if words(s) > 70:  # very long enumerations: split on ';'
                parts = [x.strip() for x in s.split(";") if words(x) >= 6]
                for x in parts:
                    x = x[0].upper() + x[1:]
                    sentences.append(x if x.endswith((".", "...")) else x + ".")
            elif words(s) >= 5:
                sentences.append(s)
    fragments = []
    for s in sentences:
        for x in re.split(r"[;:]", s):
            x = x.strip().rstrip(".").strip()
            if 6 <= words(x) <= 22:
                fragments.append(x[0].upper() + x[1:])
    return {
        "title": meta["title"], "date": dt.date.fromisoformat(meta["date"][:10]),
        "views": int(meta["views"]), "author": meta["author"], "captions": captions,
        "paragraphs": paragraphs, "sentences": sentences, "fragments": fragments,
    }


def split_sentences(p):
    out, start = [], 0
    for m in re.finditer(r"(?:\.\.\.|[.!?])\s+", p):
        nxt = p[m.end():m.end() + 1]
        if nxt and (nxt.isupper() or nxt.isdigit()):
            out.append(p[start:m.end()].strip())
            start = m.end()
    out.append(p[start:].strip())
    return [s for s in out if s]


# --------------------------------------------------------------------------- corpus


class Corpus:
    def __init__(self, n, seed, internal_links=True):
        self.n, self.seed, self.internal_links = n, seed, internal_links
        self.src = load_seed()
        self.vi_titles, self.en_titles = set(), set()
        self.vi_slug_months = {}  # slug -> set of "yyyy/mm"
        self.en_slugs, self.stems = set(), set()
        self.articles = []
        span = (DATE_LAST - DATE_FIRST).days
        for i in range(n):
            rng = random.Random(seed * 1_000_003 + i)
            self.articles.append(self.make_article(i, rng, span))

    # ---- metadata
    def draw_datetime(self, rng, span):
        day = DATE_FIRST + dt.timedelta(days=rng.randrange(span))
        # 08:00-21:59 local time: the UTC date is the same day, so no tool can
        # disagree about the year/month of an article.
        return dt.datetime(day.year, day.month, day.day, rng.randrange(8, 22),
                           rng.randrange(60), rng.randrange(60), tzinfo=TZ)

    def fill(self, rng, tpl, lang, when):
        o = rng.choice(OFFICIALS)
        a, a2 = rng.sample(AGENCIES, 2)
        act, g, t = rng.choice(ACTIVITIES), rng.choice(GROUPS), rng.choice(TOPICS)
        d, c = rng.choice(DISTRICTS), rng.choice(COMMUNES)
        p = rng.choice(PROJECTS)
        k = 0 if lang == "vi" else 1
        place = (lambda s: s) if lang == "vi" else strip_marks
        vals = dict(o=place(o), a=a[k], a2=a2[k], act=act[k], g=g[k], t=t[k], d=place(d),
                    c=place(c), p=p[k].replace("{c}", place(c)), y=when.year,
                    n=rng.randrange(3, 12), q=rng.randrange(1, 5), m=when.month)
        return tpl.format(**vals)

    def gen_title(self, rng, lang, when):
        subj = VI_SUBJECTS if lang == "vi" else EN_SUBJECTS
        acts = VI_ACTIONS if lang == "vi" else EN_ACTIONS
        quals = VI_QUALIFIERS if lang == "vi" else EN_QUALIFIERS
        tpl = rng.choice(subj) + " " + rng.choice(acts) + rng.choice(quals)
        return self.fill(rng, tpl, lang, when)

    def make_article(self, i, rng, span):
        src = self.src
        twin = None
        if i == 0:
            when = dt.datetime(src["date"].year, src["date"].month, src["date"].day, 8, 30, 0, tzinfo=TZ)
            vi_title = src["title"]
            en_title = ("Provincial vice chairman Trinh Truong Huy works with the Department "
                        "of Information and Communications")
        else:
            role = {17: "A", 18: "B"}.get(i % 40)  # twin-slug pairs at i = 17, 18 (mod 40)
            for attempt in range(10000):
                when = self.draw_datetime(rng, span)
                if role == "B":  # same year as its twin, another month
                    a_when = self.articles[i - 1]["date"]
                    months = [m for m in range(1, 13) if m != a_when.month
                              and dt.date(a_when.year, m, 28) <= DATE_LAST]
                    when = when.replace(year=a_when.year, month=rng.choice(months),
                                        day=rng.randint(1, 28))
                ym = f"{when.year:04d}/{when.month:02d}"
                if role == "A":
                    fam = (i // 40) % len(TWIN_FAMILIES)
                    c, d = rng.choice(COMMUNES), rng.choice(DISTRICTS)
                    vals = {"vi": dict(c=c, d=d, m=when.month, y=when.year),
                            "en": dict(c=strip_marks(c), d=strip_marks(d), m=when.month, y=when.year)}
                    vi_title = TWIN_FAMILIES[fam][0][0].format(**vals["vi"])
                    en_title = TWIN_FAMILIES[fam][1][0].format(**vals["en"])
                    assert slugify(TWIN_FAMILIES[fam][0][1].format(**vals["vi"])) == slugify(vi_title)
                    twin = (fam, vals)
                elif role == "B":
                    fam, vals = twin = self.articles[i - 1]["twin"]
                    vi_title = TWIN_FAMILIES[fam][0][1].format(**vals["vi"])
                    en_title = TWIN_FAMILIES[fam][1][1].format(**vals["en"])
                else:
                    vi_title = self.gen_title(rng, "vi", when)
                    en_title = self.gen_title(rng, "en", when)
                vs, es = slugify(vi_title), slugify(en_title)
                if role == "B":  # the slug is taken by its twin: only the month may differ
                    vi_ok = vi_title not in self.vi_titles and ym not in self.vi_slug_months[vs]
                else:
                    vi_ok = vi_title not in self.vi_titles and vs not in self.vi_slug_months
                en_ok = en_title not in self.en_titles and es not in self.en_slugs
                if vi_ok and en_ok:
                    break
            else:
                raise RuntimeError(f"article {i}: no unique title found")
        vi_title, en_title = nfc(vi_title), nfc(en_title)
        vs, es = slugify(vi_title), slugify(en_title)
        stem = vs
        k = 2
        while stem in self.stems:
            stem = f"{vs}-{k}"
            k += 1
        self.stems.add(stem)
        self.vi_titles.add(vi_title)
        self.en_titles.add(en_title)
        self.en_slugs.add(es)
        self.vi_slug_months.setdefault(vs, set()).add(f"{when.year:04d}/{when.month:02d}")

        author = src["author"] if i == 0 else AUTHORS[rng.randrange(len(AUTHORS))]
        cat = CATEGORIES[rng.randrange(len(CATEGORIES))]
        tags = rng.sample(TAGS, rng.randint(2, 5))
        views = src["views"] if i == 0 else int(10 ** rng.uniform(1.2, 5.2))
        image = f"/images/{rng.randrange(1, N_IMAGES + 1)}.jpg"
        d, c = rng.choice(DISTRICTS), rng.choice(COMMUNES)
        cap_pool = src["captions"] + [x.format(d=d, c=c) for x in VI_CAPTIONS_EXTRA]
        ci = 0 if i == 0 else rng.randrange(len(cap_pool))
        vi_caption = cap_pool[ci]
        en_caption = rng.choice(EN_CAPTIONS).format(d=strip_marks(d), c=strip_marks(c))
        art = {
            "i": i, "stem": stem, "date": when, "author": author, "category": cat,
            "tags": tags, "views": views, "image": image, "twin": twin,
            "vi": {"title": vi_title, "slug": vs, "caption": vi_caption},
            "en": {"title": en_title, "slug": es, "caption": en_caption},
        }
        link_to = self.articles[rng.randrange(i)] if (i > 0 and self.internal_links) else None
        for lang in ("vi", "en"):
            body, summary = self.make_body(rng, lang, art, link_to, seed_order=(i == 0))
            art[lang]["body"], art[lang]["summary"] = body, summary
        return art

    # ---- bodies
    def make_paragraph(self, rng, pool, budget):
        n = rng.randint(2, 4)
        out = []
        for _ in range(n):
            s = next(pool)
            if out and words(" ".join(out)) + words(s) > budget:
                break
            out.append(s)
        return " ".join(out)

    def make_body(self, rng, lang, art, link_to, seed_order=False):
        for attempt in range(50):
            body, summary = self.build_body(rng, lang, art, link_to, seed_order)
            if MIN_WORDS <= words(body) <= MAX_WORDS:
                return body, summary
        raise AssertionError(f"article {art['i']} {lang}: body length out of range")

    def build_body(self, rng, lang, art, link_to, seed_order):
        vi = lang == "vi"
        src_sents = self.src["sentences"] if vi else EN_SENTENCES
        order = list(range(len(src_sents)))
        if not seed_order:
            rng.shuffle(order)

        def sentence_stream():
            while True:
                for k in order:
                    yield src_sents[k]
                rng.shuffle(order)

        pool = sentence_stream()
        target = rng.randint(430, 800)
        d, d2 = rng.sample(DISTRICTS, 2)
        place = (lambda s: s) if vi else strip_marks
        blocks = []  # list of (kind, text)
        lead = self.make_paragraph(rng, pool, 70)
        blocks.append(("p", lead))
        alt = "Ảnh minh họa" if vi else "Illustration"
        img = f"/images/{rng.randrange(1, N_IMAGES + 1)}.jpg"
        cap = art[lang]["caption"] if rng.random() < 0.5 else (
            rng.choice(self.src["captions"]) if vi else
            rng.choice(EN_CAPTIONS).format(d=place(d), c=place(rng.choice(COMMUNES))))
        blocks.append(("img", f'![{alt}]({img} "{cap}")'))
        blocks.append(("p", self.make_paragraph(rng, pool, 90)))
        n_head = rng.randint(1, 3)
        heads = rng.sample(VI_HEADINGS if vi else EN_HEADINGS, n_head)
        extras = ["list"]
        if rng.random() < 0.35:
            extras.append("table")
        if rng.random() < 0.25:
            extras.append("code")
        rng.shuffle(extras)
        sections = [[("h2", h)] for h in heads]
        for k, e in enumerate(extras):
            sec = sections[k % n_head]
            sec.append(("p", self.make_paragraph(rng, pool, 70)))
            if e == "list":
                tpl = rng.sample(VI_BULLETS if vi else EN_BULLETS, rng.randint(3, 5))
                items = [t.format(n=fmt_vi_num(rng.randrange(3, 5000)) if vi else
                                  f"{rng.randrange(3, 5000):,}") for t in tpl]
                if vi and self.src["fragments"]:
                    items.append(rng.choice(self.src["fragments"]))
                sec.append(("list", "\n".join("- " + x for x in items)))
            elif e == "table":
                y = art["date"].year
                inds = rng.sample(range(len(VI_INDICATORS)), rng.randint(3, 5))
                head = (f"| Chỉ tiêu | {y - 1} | {y} | Tăng/giảm |" if vi else
                        f"| Indicator | {y - 1} | {y} | Change |")
                rows = [head, "| --- | ---: | ---: | ---: |"]
                for ix in inds:
                    a = rng.randrange(50, 5000)
                    b = a + rng.randrange(-a // 5, a // 3)
                    ch = (b - a) * 100 / a
                    if vi:
                        chs = f"{ch:+.2f}%".replace(".", ",")
                        rows.append(f"| {VI_INDICATORS[ix]} | {fmt_vi_num(a)} | {fmt_vi_num(b)} | {chs} |")
                    else:
                        rows.append(f"| {EN_INDICATORS[ix]} | {a:,} | {b:,} | {ch:+.2f}% |")
                sec.append(("table", "\n".join(rows)))
            else:
                lang_c, tpl = rng.choice(CODE_SNIPPETS)
                code = tpl.format(a=rng.randrange(100, 9000), b=rng.randrange(9000, 20000),
                                  d=place(d), d2=place(d2), n=rng.randrange(3, 10))
                sec.append(("code", f"```{lang_c}\n{code}\n```"))
        for sec in sections:
            sec.append(("p", self.make_paragraph(rng, pool, 80)))
        # links: one or two external, one internal (to an earlier article)
        links = VI_LINKS if vi else EN_LINKS
        ext = rng.sample(links, rng.randint(1, 2))
        link_sents = []
        for text, url in ext:
            link_sents.append(f"Thông tin chi tiết được đăng tải trên [{text}]({url})." if vi else
                              f"Details are published on the [{text}]({url}).")
        if link_to is not None:
            w = link_to["date"]
            prefix = "" if vi else "/en"
            url = f"{prefix}/{w.year:04d}/{w.month:02d}/{link_to[lang]['slug']}/"
            link_sents.append(f"Xem thêm: [{link_to[lang]['title']}]({url})." if vi else
                              f"Read more: [{link_to[lang]['title']}]({url}).")

        def total():
            return sum(words(t) for _, t in blocks) + sum(words(t) for s in sections for _, t in s) \
                + sum(words(t) for t in link_sents)

        # grow to the target with paragraphs spread over the sections
        k = 0
        while total() < target:
            room = min(110, MAX_WORDS - 40 - total())
            if room < 20:
                break
            p = self.make_paragraph(rng, pool, room)
            if words(p) > room:
                break
            sections[k % len(sections)].append(("p", p))
            k += 1
        # attach the link sentences to paragraphs
        paras = [(si, bi) for si, s in enumerate(sections) for bi, (kind, _) in enumerate(s) if kind == "p"]
        for j, ls in enumerate(link_sents):
            si, bi = paras[(j * 3 + 1) % len(paras)]
            kind, t = sections[si][bi]
            sections[si][bi] = (kind, t + " " + ls)
        out = []
        for kind, t in blocks:
            out.append(t)
        for s in sections:
            for kind, t in s:
                out.append("## " + t if kind == "h2" else t)
        body = "\n\n".join(out) + "\n"
        summary = split_sentences(lead)[0]
        sw = summary.split()
        if len(sw) > 40:
            summary = " ".join(sw[:40]) + "…"
        return body, summary


# --------------------------------------------------------------------------- writers


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_static(root):
    d = os.path.join(root, "static", "images")
    os.makedirs(d, exist_ok=True)
    for k in range(1, N_IMAGES + 1):
        with open(os.path.join(d, f"{k}.jpg"), "wb") as f:
            f.write(TINY_JPEG)


SYNTAX_CSS = """.chroma{background:#f8f8f8}.chroma .k{color:#8839ef}.chroma .s{color:#40a02b}
.chroma .c,.chroma .c1{color:#8c8fa1;font-style:italic}.chroma .nf{color:#1e66f5}.chroma .m{color:#fe640b}
"""

BANTIN_CONFIG = """title:
  vi: "Bản tin"
  en: "News Bulletin"
base_url: "https://example.org/"
default_language: vi
languages:
  vi:
    name: "Tiếng Việt"
  en:
    name: "English"
timezone: "+07:00"
theme: default
paginate: {paginate}
markdown:
  raw_html: sanitize
"""


def write_bantin(corpus, root):
    write(os.path.join(root, "config.yaml"), BANTIN_CONFIG.format(paginate=PAGINATE))
    write_static(root)
    for a in corpus.articles:
        for lang in ("vi", "en"):
            L = a[lang]
            cat = a["category"][0 if lang == "vi" else 1]
            tags = [t[0 if lang == "vi" else 1] for t in a["tags"]]
            fm = [
                "---",
                f"title: {q(L['title'])}",
                f"date: {a['date'].isoformat()}",
                f"author: {q(a['author'])}",
                f"category: {q(cat)}",
                f"tags: {qlist(tags)}",
                f"summary: {q(L['summary'])}",
                f"views: {a['views']}",
                f"image: {q(a['image'])}",
                f"image_caption: {q(L['caption'])}",
                "---",
            ]
            path = os.path.join(root, "content", f"{a['date'].year:04d}", f"{a['stem']}.{lang}.md")
            write(path, "\n".join(fm) + "\n\n" + L["body"])


def common_fm(a, lang):
    L = a[lang]
    k = 0 if lang == "vi" else 1
    return L, a["category"][k], [t[k] for t in a["tags"]], f"{a['date'].year:04d}-{a['date'].month:02d}", f"{a['date'].year:04d}"


def write_hugo(corpus, root):
    write(os.path.join(root, "config.toml"), HUGO_CONFIG.format(paginate=PAGINATE))
    for rel, text in HUGO_FILES.items():
        write(os.path.join(root, rel), text)
    write(os.path.join(root, "static", "css", "syntax.css"), SYNTAX_CSS)
    write_static(root)
    for a in corpus.articles:
        for lang in ("vi", "en"):
            L, cat, tags, month, year = common_fm(a, lang)
            fm = [
                "---",
                f"title: {q(L['title'])}",
                f"date: {a['date'].isoformat()}",
                f"slug: {q(L['slug'])}",
                f"author: {q(a['author'])}",
                f"authors: {qlist([a['author']])}",
                f"categories: {qlist([cat])}",
                f"tags: {qlist(tags)}",
                f"months: {qlist([month])}",
                f"years: {qlist([year])}",
                f"summary: {q(L['summary'])}",
                f"views: {a['views']}",
                f"image: {q(a['image'])}",
                f"image_caption: {q(L['caption'])}",
                f"page_id: {q(a['stem'])}",
                "---",
            ]
            path = os.path.join(root, "content", "news", f"{a['stem']}.{lang}.md")
            write(path, "\n".join(fm) + "\n\n" + L["body"])


def write_zola(corpus, root):
    write(os.path.join(root, "config.toml"), ZOLA_CONFIG.format(paginate=PAGINATE))
    for rel, text in ZOLA_FILES.items():
        write(os.path.join(root, rel), text.replace("@PAGINATE@", str(PAGINATE)))
    write_static(root)
    for a in corpus.articles:
        for lang in ("vi", "en"):
            L, cat, tags, month, year = common_fm(a, lang)
            prefix = "" if lang == "vi" else "/en"
            path_url = f"{prefix}/{a['date'].year:04d}/{a['date'].month:02d}/{L['slug']}/"
            fm = [
                "---",
                f"title: {q(L['title'])}",
                f"description: {q(L['summary'])}",
                f"date: {a['date'].isoformat()}",
                f"path: {q(path_url)}",
                "taxonomies:",
                f"  categories: {qlist([cat])}",
                f"  tags: {qlist(tags)}",
                f"  authors: {qlist([a['author']])}",
                f"  months: {qlist([month])}",
                f"  years: {qlist([year])}",
                "extra:",
                f"  author: {q(a['author'])}",
                f"  views: {a['views']}",
                f"  image: {q(a['image'])}",
                f"  image_caption: {q(L['caption'])}",
                f"  page_id: {q(a['stem'])}",
                "---",
            ]
            name = f"{a['stem']}.md" if lang == "vi" else f"{a['stem']}.en.md"
            write(os.path.join(root, "content", "news", name), "\n".join(fm) + "\n\n" + L["body"])


# --------------------------------------------------------------------------- Hugo site

HUGO_CONFIG = """baseURL = "https://example.org/"
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = false
removePathAccents = true
enableRobotsTXT = true
disableKinds = ["section"]
paginate = {paginate}
paginatePath = "page"

[languages]
  [languages.vi]
    languageName = "Tiếng Việt"
    title = "Bản tin"
    weight = 1
  [languages.en]
    languageName = "English"
    title = "News Bulletin"
    weight = 2

[taxonomies]
  category = "categories"
  tag = "tags"
  author = "authors"
  month = "months"
  year = "years"

[permalinks]
  news = "/:year/:month/:slug/"

[outputs]
  home = ["HTML", "RSS"]
  page = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]

[outputFormats.RSS]
  baseName = "rss"

[services.rss]
  limit = 20

[markup]
  [markup.highlight]
    codeFences = true
    noClasses = false
    guessSyntax = false
  [markup.goldmark.renderer]
    unsafe = false
"""

HUGO_FILES = {
    "i18n/vi.toml": """[views]
other = "Lượt xem"
[categories]
other = "Chuyên mục"
[tags]
other = "Thẻ"
[authors]
other = "Tác giả"
[months]
other = "Tháng"
[years]
other = "Năm"
[newer]
other = "Mới hơn"
[older]
other = "Cũ hơn"
[page]
other = "Trang"
[no_translation]
other = "Bài này chưa có bản dịch"
""",
    "i18n/en.toml": """[views]
other = "Views"
[categories]
other = "Categories"
[tags]
other = "Tags"
[authors]
other = "Authors"
[months]
other = "Months"
[years]
other = "Years"
[newer]
other = "Newer"
[older]
other = "Older"
[page]
other = "Page"
[no_translation]
other = "This article has no translation"
""",
    "layouts/_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} | {{ .Site.Title }}{{ end }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end -}}
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:locale" content="{{ if eq .Site.Language.Lang "vi" }}vi_VN{{ else }}en_US{{ end }}">
{{ with .Params.image }}<meta property="og:image" content="{{ . | absURL }}">{{ end }}
{{ with .Params.summary }}<meta property="og:description" content="{{ . }}">{{ end }}
<link rel="alternate" type="application/rss+xml" href="{{ "rss.xml" | absLangURL }}">
<link rel="stylesheet" href="/css/syntax.css">
</head>
<body>
<header>
<a class="brand" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav>{{ range slice "categories" "tags" "authors" "years" "months" }}<a href="{{ printf "/%s/" . | relLangURL }}">{{ i18n . }}</a> {{ end }}</nav>
<nav class="lang">{{ if .IsTranslated }}{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}{{ else }}{{ range .Site.Home.Translations }}<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}?notice=untranslated">{{ .Language.LanguageName }}</a>{{ end }}{{ end }}</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>© {{ .Site.Title }}</footer>
</body>
</html>
""",
    "layouts/partials/date.html": """{{ if eq .Lang "vi" }}{{ .Date.Format "02/01/2006" }}{{ else }}{{ .Date.Format "2 January 2006" }}{{ end }}""",
    "layouts/partials/views.html": """<span class="views" data-page-id="{{ .Params.page_id }}">{{ i18n "views" }}: {{ if eq .Lang "vi" }}{{ lang.FormatNumberCustom 0 .Params.views "- , ." }}{{ else }}{{ lang.FormatNumberCustom 0 .Params.views "- . ," }}{{ end }}</span>""",
    "layouts/partials/item.html": """<article class="item">
{{ with .Params.image }}<img src="{{ . }}" alt="" loading="lazy" width="160">{{ end }}
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ partial "date.html" . }}</time> · {{ .Params.author }}</p>
<p>{{ .Params.summary }}</p>
</article>
""",
    "layouts/partials/pager.html": """{{ $p := . }}<nav class="pagination">{{ if $p.HasPrev }}<a rel="prev" href="{{ $p.Prev.URL }}">← {{ i18n "newer" }}</a>{{ end }} {{ i18n "page" }} {{ $p.PageNumber }}/{{ $p.TotalPages }} {{ if $p.HasNext }}<a rel="next" href="{{ $p.Next.URL }}">{{ i18n "older" }} →</a>{{ end }}</nav>
""",
    "layouts/index.html": """{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ $pag := .Paginate .Site.RegularPages }}
{{ range $pag.Pages }}{{ partial "item.html" . }}{{ end }}
{{ partial "pager.html" $pag }}
{{ end }}
""",
    "layouts/_default/single.html": """{{ define "main" }}
<article class="article">
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ partial "date.html" . }}</time>
{{ range .GetTerms "authors" }} · <a rel="author" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
{{ range .GetTerms "categories" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
{{ range .GetTerms "months" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
· {{ partial "views.html" . }}</p>
{{ with .Params.image }}<figure class="lead"><img src="{{ . }}" alt="{{ $.Params.image_caption }}"><figcaption>{{ $.Params.image_caption }}</figcaption></figure>{{ end }}
<div class="content">
{{ .Content }}
</div>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
{{ end }}
""",
    "layouts/_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pag := .Paginate .Pages }}
{{ range $pag.Pages }}{{ partial "item.html" . }}{{ end }}
{{ partial "pager.html" $pag }}
{{ end }}
""",
    "layouts/_default/term.html": """{{ define "main" }}
<h1>{{ i18n .Data.Plural }}: {{ .Title }}</h1>
{{ $pag := .Paginate .Pages }}
{{ range $pag.Pages }}{{ partial "item.html" . }}{{ end }}
{{ partial "pager.html" $pag }}
{{ end }}
""",
    "layouts/_default/taxonomy.html": """{{ define "main" }}
<h1>{{ i18n .Data.Plural }}</h1>
<ul class="terms">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "layouts/404.html": """{{ define "main" }}<h1>404</h1><p><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p>{{ end }}
""",
    "layouts/_default/_markup/render-image.html": """{{ if .Title }}<figure><img src="{{ .Destination | safeURL }}" alt="{{ .Text }}"><figcaption>{{ .Title }}</figcaption></figure>{{ else }}<img src="{{ .Destination | safeURL }}" alt="{{ .Text }}">{{ end }}""",
}

# --------------------------------------------------------------------------- Zola site

ZOLA_CONFIG = """base_url = "https://example.org"
title = "Bản tin"
default_language = "vi"
compile_sass = false
build_search_index = false
generate_feeds = true
feed_filenames = ["rss.xml"]
feed_limit = 20
generate_sitemap = true
exclude_paginated_pages_in_sitemap = "all"
generate_robots_txt = true
taxonomies = [
  {{ name = "categories", paginate_by = {paginate} }},
  {{ name = "tags", paginate_by = {paginate} }},
  {{ name = "authors", paginate_by = {paginate} }},
  {{ name = "months", paginate_by = {paginate} }},
  {{ name = "years", paginate_by = {paginate} }},
]

[markdown.highlighting]
style = "class"
theme = "catppuccin-latte"

[slugify]
paths = "on"
taxonomies = "on"
anchors = "on"

[translations]
views = "Lượt xem"
categories = "Chuyên mục"
tags = "Thẻ"
authors = "Tác giả"
months = "Tháng"
years = "Năm"
newer = "Mới hơn"
older = "Cũ hơn"
page = "Trang"
language_name = "Tiếng Việt"

[languages.en]
title = "News Bulletin"
generate_feeds = true
feed_filenames = ["rss.xml"]
taxonomies = [
  {{ name = "categories", paginate_by = {paginate} }},
  {{ name = "tags", paginate_by = {paginate} }},
  {{ name = "authors", paginate_by = {paginate} }},
  {{ name = "months", paginate_by = {paginate} }},
  {{ name = "years", paginate_by = {paginate} }},
]

[languages.en.translations]
views = "Views"
categories = "Categories"
tags = "Tags"
authors = "Authors"
months = "Months"
years = "Years"
newer = "Newer"
older = "Older"
page = "Page"
language_name = "English"
"""

ZOLA_FILES = {
    "content/_index.md": """---
title: "Bản tin"
sort_by: date
paginate_by: @PAGINATE@
---
""",
    "content/_index.en.md": """---
title: "News Bulletin"
sort_by: date
paginate_by: @PAGINATE@
---
""",
    "content/news/_index.md": """---
title: "Tin tức"
sort_by: date
transparent: true
render: false
---
""",
    "content/news/_index.en.md": """---
title: "News"
sort_by: date
transparent: true
render: false
---
""",
    "templates/base.html": """<!DOCTYPE html>
{%- set lp = "" -%}{%- if lang != config.default_language %}{% set lp = "/" ~ lang %}{% endif -%}
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="canonical" href="{{ current_url | default(value=config.base_url) | safe }}">
{% block head %}{% endblock head %}
<link rel="alternate" type="application/rss+xml" href="{{ config.base_url | safe }}{{ lp | safe }}/rss.xml">
<link rel="stylesheet" href="{{ config.base_url | safe }}/giallo.css">
</head>
<body>
<header>
<a class="brand" href="{{ config.base_url | safe }}{{ lp | safe }}/">{{ config.title }}</a>
<nav>{% for t in ["categories", "tags", "authors", "years", "months"] %}<a href="{{ lp | safe }}/{{ t }}/">{{ trans(key=t, lang=lang) }}</a> {% endfor %}</nav>
<nav class="lang">{% block langswitch %}{% for code, _ in config.languages %}{% if code != lang %}{% if code == config.default_language %}<a hreflang="{{ code }}" href="/?notice=untranslated">{{ trans(key="language_name", lang=code) }}</a>{% else %}<a hreflang="{{ code }}" href="/{{ code }}/?notice=untranslated">{{ trans(key="language_name", lang=code) }}</a>{% endif %}{% endif %}{% endfor %}{% endblock langswitch %}</nav>
</header>
<main>
{% block content %}{% endblock content %}
</main>
<footer>© {{ config.title }}</footer>
</body>
</html>
""",
    "templates/date.html": """{% if lang == "vi" %}{{ p.date | date(format="%d/%m/%Y") | safe }}{% else %}{{ p.date | date(format="%-d %B %Y") }}{% endif %}""",
    "templates/item.html": """<article class="item">
{% if p.extra.image %}<img src="{{ p.extra.image | safe }}" alt="" loading="lazy" width="160">{% endif %}
<h2><a href="{{ p.permalink | safe }}">{{ p.title }}</a></h2>
<p class="meta"><time datetime="{{ p.date }}">{% include "date.html" %}</time> · {{ p.extra.author }}</p>
<p>{{ p.description }}</p>
</article>
""",
    "templates/pager.html": """<nav class="pagination">{% if paginator.previous %}<a rel="prev" href="{{ paginator.previous | safe }}">← {{ trans(key="newer", lang=lang) }}</a>{% endif %} {{ trans(key="page", lang=lang) }} {{ paginator.current_index }}/{{ paginator.number_pagers }} {% if paginator.next %}<a rel="next" href="{{ paginator.next | safe }}">{{ trans(key="older", lang=lang) }} →</a>{% endif %}</nav>
""",
    "templates/index.html": """{% extends "base.html" %}
{% block head %}{% for t in section.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink | safe }}">
{% endfor %}<meta property="og:title" content="{{ config.title }}">
<meta property="og:url" content="{{ current_url | safe }}">
<meta property="og:type" content="website">
<meta property="og:locale" content="{% if lang == "vi" %}vi_VN{% else %}en_US{% endif %}">{% endblock head %}
{% block langswitch %}{% for t in section.translations %}{% if t.lang != lang %}<a hreflang="{{ t.lang }}" href="{{ t.permalink | safe }}">{{ trans(key="language_name", lang=t.lang) }}</a>{% endif %}{% endfor %}{% endblock langswitch %}
{% block content %}
<h1>{{ config.title }}</h1>
{% for p in paginator.pages %}{% include "item.html" %}{% endfor %}
{% include "pager.html" %}
{% endblock content %}
""",
    "templates/section.html": """{% extends "base.html" %}
{% block content %}
<h1>{{ section.title }}</h1>
{% for p in paginator.pages %}{% include "item.html" %}{% endfor %}
{% include "pager.html" %}
{% endblock content %}
""",
    "templates/page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block head %}{% for t in page.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink | safe }}">
{% endfor %}<meta property="og:title" content="{{ page.title }}">
<meta property="og:url" content="{{ page.permalink | safe }}">
<meta property="og:type" content="article">
<meta property="og:locale" content="{% if lang == "vi" %}vi_VN{% else %}en_US{% endif %}">
{% if page.extra.image %}<meta property="og:image" content="{{ config.base_url | safe }}{{ page.extra.image | safe }}">{% endif %}
<meta property="og:description" content="{{ page.description }}">{% endblock head %}
{% block langswitch %}{% if page.translations | length > 1 %}{% for t in page.translations %}{% if t.lang != lang %}<a hreflang="{{ t.lang }}" href="{{ t.permalink | safe }}">{{ trans(key="language_name", lang=t.lang) }}</a>{% endif %}{% endfor %}{% else %}{{ super() }}{% endif %}{% endblock langswitch %}
{% block content %}
{%- set p = page -%}
<article class="article">
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date }}">{% include "date.html" %}</time>
{% for a in page.taxonomies.authors %} · <a rel="author" href="{{ get_taxonomy_url(kind="authors", name=a, lang=lang) | safe }}">{{ a }}</a>{% endfor %}
{% for c in page.taxonomies.categories %} · <a href="{{ get_taxonomy_url(kind="categories", name=c, lang=lang) | safe }}">{{ c }}</a>{% endfor %}
{% for m in page.taxonomies.months %} · <a href="{{ get_taxonomy_url(kind="months", name=m, lang=lang) | safe }}">{{ m }}</a>{% endfor %}
· <span class="views" data-page-id="{{ page.extra.page_id }}">{{ trans(key="views", lang=lang) }}: {% set v = page.extra.views %}{% if lang == "vi" %}{% set sep = "." %}{% else %}{% set sep = "," %}{% endif %}{% set th = (v / 1000) | int %}{% set r = v % 1000 %}{% if th > 0 %}{{ th }}{{ sep }}{% if r < 10 %}00{% elif r < 100 %}0{% endif %}{{ r }}{% else %}{{ r }}{% endif %}</span></p>
{% if page.extra.image %}<figure class="lead"><img src="{{ page.extra.image | safe }}" alt="{{ page.extra.image_caption }}"><figcaption>{{ page.extra.image_caption }}</figcaption></figure>{% endif %}
<div class="content">
{{ page.content | safe }}
</div>
<ul class="tags">{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t, lang=lang) | safe }}">{{ t }}</a></li>{% endfor %}</ul>
</article>
{% endblock content %}
""",
    "templates/taxonomy_list.html": """{% extends "base.html" %}
{% block title %}{{ trans(key=taxonomy.name, lang=lang) }} | {{ config.title }}{% endblock title %}
{% block content %}
<h1>{{ trans(key=taxonomy.name, lang=lang) }}</h1>
<ul class="terms">
{% for term in terms %}<li><a href="{{ term.permalink | safe }}">{{ term.name }}</a> ({{ term.page_count }})</li>
{% endfor %}</ul>
{% endblock content %}
""",
    "templates/taxonomy_single.html": """{% extends "base.html" %}
{% block title %}{{ term.name }} | {{ config.title }}{% endblock title %}
{% block content %}
<h1>{{ trans(key=taxonomy.name, lang=lang) }}: {{ term.name }}</h1>
{% for p in paginator.pages %}{% include "item.html" %}{% endfor %}
{% include "pager.html" %}
{% endblock content %}
""",
    "templates/rss.xml": """<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
<channel>
<title>{{ config.title }}</title>
<link>{% if section %}{{ section.permalink | escape_xml | safe }}{% else %}{{ config.base_url | escape_xml | safe }}{% endif %}</link>
<description>{{ config.title }}</description>
<language>{{ lang }}</language>
<atom:link href="{{ feed_url | safe }}" rel="self" type="application/rss+xml"/>
{%- for page in pages %}
<item>
<title>{{ page.title }}</title>
<link>{{ page.permalink | escape_xml | safe }}</link>
<pubDate>{{ page.date | date(format="%a, %d %b %Y %H:%M:%S %z") }}</pubDate>
<guid>{{ page.permalink | escape_xml | safe }}</guid>
<description>{{ page.description }}</description>
</item>
{%- endfor %}
</channel>
</rss>
""",
    "templates/404.html": """{% extends "base.html" %}
{% block content %}<h1>404</h1>{% endblock content %}
""",
}


def check_pools():
    """Term names must not collide once slugified (that would merge terms in some tools)."""
    for xs in (AUTHORS, [c[0] for c in CATEGORIES], [c[1] for c in CATEGORIES],
               [t[0] for t in TAGS], [t[1] for t in TAGS]):
        assert len({slugify(x) for x in xs}) == len(xs), xs


def main():
    check_pools()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of article pairs")
    ap.add_argument("out", help="output folder (bantin/, hugo/, zola/ are replaced)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--only", default="bantin,hugo,zola")
    ap.add_argument("--no-internal-links", action="store_true",
                    help="do not link articles to each other (if a tool's slugs differ from SPEC.md)")
    args = ap.parse_args()
    corpus = Corpus(args.n, args.seed, internal_links=not args.no_internal_links)
    writers = {"bantin": write_bantin, "hugo": write_hugo, "zola": write_zola}
    for name in args.only.split(","):
        root = os.path.join(args.out, name)
        if os.path.exists(root):
            shutil.rmtree(root)
        writers[name](corpus, root)
    nw = [words(a[l]["body"]) for a in corpus.articles for l in ("vi", "en")]
    twins = sum(1 for a in corpus.articles if a["twin"] is not None)
    print(f"{args.n} pairs -> {args.out} ({','.join(args.only.split(','))}); body words "
          f"min {min(nw)} max {max(nw)} mean {sum(nw) / len(nw):.0f}; twin-slug articles {twins}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
