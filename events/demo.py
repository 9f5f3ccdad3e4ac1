"""Demo data: the five source articles (shared/seeds), recorded as a ministry editor would record them.

Facts come only from the articles and the checked facts of DOMAIN.md. What they leave open stays
empty (an issue date, a day, an organiser) rather than guessed. Every row goes through `full_clean`,
as in the admin, and is keyed on a natural key, so loading twice changes nothing.
"""

from collections import defaultdict
from datetime import date
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from briefings.models import Directive, DirectiveRelation
from people.models import (
    AcademicTitle,
    AcademicTitleChoice,
    Organisation,
    OrganisationChange,
    Person,
    Position,
    Province,
)

from .models import (
    AgendaItem,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventRelation,
    EventSeries,
    Outcome,
    ParticipantGroup,
    Photo,
    Source,
)
from .services import publish_events

Org = Organisation.Kind
Doc = Directive.Kind
Item = AgendaItem.Kind
Role = EventOrganiser.Role
Link = EventDirective.Relation


# Parents come before their units. A provincial body points at the province of the day the
# articles show it: (code, day).
ORGANISATIONS = [
    {"slug": "bo-chinh-tri", "name": "Bộ Chính trị", "name_en": "Politburo", "kind": Org.PARTY_BODY},
    {
        "slug": "ban-chap-hanh-trung-uong",
        "name": "Ban Chấp hành Trung ương Đảng",
        "name_en": "Central Committee of the Communist Party of Viet Nam",
        "kind": Org.PARTY_BODY,
    },
    {"slug": "chinh-phu", "name": "Chính phủ", "name_en": "Government of Viet Nam", "kind": Org.GOVERNMENT},
    {
        "slug": "ban-tuyen-giao-trung-uong",
        "name": "Ban Tuyên giáo Trung ương",
        "name_en": "Central Commission for Propaganda and Education",
        "kind": Org.PARTY_COMMISSION,
    },
    {
        "slug": "ban-dan-van-trung-uong",
        "name": "Ban Dân vận Trung ương",
        "name_en": "Central Commission for Mass Mobilisation",
        "kind": Org.PARTY_COMMISSION,
    },
    {
        "slug": "ban-tuyen-giao-va-dan-van-trung-uong",
        "name": "Ban Tuyên giáo và Dân vận Trung ương",
        "name_en": "Central Commission for Propaganda and Mass Mobilisation",
        "kind": Org.PARTY_COMMISSION,
    },
    {
        "slug": "ban-doi-ngoai-trung-uong",
        "name": "Ban Đối ngoại Trung ương",
        "name_en": "Central Commission for External Relations",
        "kind": Org.PARTY_COMMISSION,
    },
    {
        "slug": "mic",
        "name": "Bộ Thông tin và Truyền thông",
        "name_en": "Ministry of Information and Communications",
        "abbreviation": "Bộ TT&TT",
        "abbreviation_en": "MIC",
        "kind": Org.MINISTRY,
    },
    {
        "slug": "mic-vu-hop-tac-quoc-te",
        "name": "Vụ Hợp tác quốc tế",
        "name_en": "International Cooperation Department",
        "kind": Org.DEPARTMENT,
        "parent": "mic",
    },
    {
        "slug": "most",
        "name": "Bộ Khoa học và Công nghệ",
        "name_en": "Ministry of Science and Technology",
        "abbreviation": "Bộ KH&CN",
        "abbreviation_en": "MOST",
        "kind": Org.MINISTRY,
    },
    {
        "slug": "mocst",
        "name": "Bộ Văn hóa, Thể thao và Du lịch",
        "name_en": "Ministry of Culture, Sports and Tourism",
        "abbreviation": "Bộ VHTTDL",
        "abbreviation_en": "MOCST",
        "kind": Org.MINISTRY,
    },
    {
        "slug": "mofa",
        "name": "Bộ Ngoại giao",
        "name_en": "Ministry of Foreign Affairs",
        "abbreviation_en": "MOFA",
        "kind": Org.MINISTRY,
    },
    {
        "slug": "mofa-vu-chinh-sach-doi-ngoai",
        "name": "Vụ Chính sách đối ngoại",
        "name_en": "Foreign Policy Department",
        "kind": Org.DEPARTMENT,
        "parent": "mofa",
    },
    {
        "slug": "dav",
        "name": "Học viện Ngoại giao Việt Nam",
        "name_en": "Diplomatic Academy of Viet Nam",
        "abbreviation_en": "DAV",
        "kind": Org.ACADEMY,
        "parent": "mofa",
    },
    # The "pillar ministries" taking part in the 2018 review conference.
    {
        "slug": "moit",
        "name": "Bộ Công Thương",
        "name_en": "Ministry of Industry and Trade",
        "abbreviation_en": "MOIT",
        "kind": Org.MINISTRY,
    },
    {
        "slug": "molisa",
        "name": "Bộ Lao động – Thương binh và Xã hội",
        "name_en": "Ministry of Labour, Invalids and Social Affairs",
        "abbreviation": "Bộ LĐ-TB&XH",
        "abbreviation_en": "MOLISA",
        "kind": Org.MINISTRY,
    },
    {"slug": "tap-chi-cong-san", "name": "Tạp chí Cộng sản", "name_en": "Communist Review", "kind": Org.PRESS},
    {
        "slug": "ttxvn",
        "name": "Thông tấn xã Việt Nam",
        "name_en": "Vietnam News Agency",
        "abbreviation": "TTXVN",
        "abbreviation_en": "VNA",
        "kind": Org.PRESS,
    },
    # The article's footer lists Báo Tin tức among "các đơn vị thông tin của TTXVN".
    {
        "slug": "bao-tin-tuc",
        "name": "Báo Tin tức",
        "name_en": "Tin Tức Newspaper",
        "kind": Org.PRESS,
        "parent": "ttxvn",
    },
    {
        "slug": "thanh-uy-tp-ho-chi-minh",
        "name": "Thành ủy Thành phố Hồ Chí Minh",
        "name_en": "Hồ Chí Minh City Party Committee",
        "abbreviation": "Thành ủy TP Hồ Chí Minh",
        "kind": Org.PARTY_COMMITTEE,
        "province": ("79", date(2025, 3, 8)),
    },
    {
        "slug": "ubnd-tinh-lam-dong",
        "name": "Ủy ban nhân dân tỉnh Lâm Đồng",
        "name_en": "Lâm Đồng Provincial People's Committee",
        "abbreviation": "UBND tỉnh Lâm Đồng",
        "kind": Org.PEOPLES_COMMITTEE,
        "province": ("68", date(2024, 6, 1)),
    },
    {
        "slug": "ubqg-unesco-viet-nam",
        "name": "Ủy ban Quốc gia UNESCO Việt Nam",
        "name_en": "Viet Nam National Commission for UNESCO",
        "abbreviation": "UBQG UNESCO Việt Nam",
        "kind": Org.NATIONAL_COMMISSION,
    },
    {
        "slug": "unesco",
        "name": "Tổ chức Giáo dục, Khoa học và Văn hóa Liên Hợp Quốc",
        "name_en": "United Nations Educational, Scientific and Cultural Organization",
        "abbreviation": "UNESCO",
        "abbreviation_en": "UNESCO",
        "kind": Org.INTERNATIONAL,
        "country": "",
    },
    {
        "slug": "asean",
        "name": "Hiệp hội các quốc gia Đông Nam Á",
        "name_en": "Association of Southeast Asian Nations",
        "abbreviation": "ASEAN",
        "abbreviation_en": "ASEAN",
        "kind": Org.INTERNATIONAL,
        "country": "",
    },
    {
        "slug": "amri",
        "name": "Hội nghị Bộ trưởng Phụ trách Thông tin ASEAN",
        "name_en": "ASEAN Ministers Responsible for Information",
        "abbreviation": "AMRI",
        "abbreviation_en": "AMRI",
        "kind": Org.INTERNATIONAL,
        "country": "",
        "parent": "asean",
    },
]

MERGED = OrganisationChange.Kind.MERGED_INTO
UNCHECKED_DAY = "Ngày chưa kiểm chứng; muộn nhất là 8/3/2025."
# (organisation, change, successor, day it took effect, what passed over)
ORGANISATION_CHANGES = [
    ("mic", MERGED, "most", date(2025, 3, 1), ""),
    ("mic", OrganisationChange.Kind.SPLIT_INTO, "mocst", date(2025, 3, 1), "Lĩnh vực báo chí"),
    # DOMAIN.md checks only the year (2025). The day is not checked: 8/3/2025 is the earliest day
    # the articles show the merged commission at work, so the merger took effect on or before it.
    ("ban-tuyen-giao-trung-uong", MERGED, "ban-tuyen-giao-va-dan-van-trung-uong", date(2025, 3, 8), UNCHECKED_DAY),
    ("ban-dan-van-trung-uong", MERGED, "ban-tuyen-giao-va-dan-van-trung-uong", date(2025, 3, 8), UNCHECKED_DAY),
]

# slug → (family, middle, given, honorific). The honorific only where the article writes "ông"; it
# gives none for Lê Hải Bình, Phan Thảo Nguyên and Nguyễn Thành Hưng.
MR = Person.Honorific.MR
PEOPLE = {
    "vu-duy-thanh": ("Vũ", "Duy", "Thành", MR),
    "trieu-minh-long": ("Triệu", "Minh", "Long", MR),
    "nguyen-van-hieu": ("Nguyễn", "Văn", "Hiếu", MR),
    "le-hai-binh": ("Lê", "Hải", "Bình", ""),
    "phan-thao-nguyen": ("Phan", "Thảo", "Nguyên", ""),
    "nguyen-thanh-lam": ("Nguyễn", "Thanh", "Lâm", MR),
    "truong-hoai-nam": ("Trương", "Hoài", "Nam", MR),
    "pham-s": ("Phạm", "", "S", MR),
    "nguyen-thanh-hung": ("Nguyễn", "Thành", "Hưng", ""),
}
# (person, academic title, the date of the event whose article gives it, that article). Only the
# 2025 article on the Hồ Chí Minh City training writes a title: "PGS.TS Lê Hải Bình", chiều 8/3/2025.
ACADEMIC_TITLES = [
    (
        "le-hai-binh",
        AcademicTitleChoice.ASSOC_PROF_DR,
        date(2025, 3, 8),
        "Báo Tin tức: Công tác thông tin đối ngoại phải bám sát, liên tục, phù hợp trong tình hình mới",
    ),
]

DIRECTIVES = [
    {
        "slug": "ket-luan-57-kl-tw",
        "kind": Doc.CONCLUSION,
        "symbol": "57-KL/TW",
        "title": "Tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới",
        "title_en": "Continuing to raise the quality and effectiveness of foreign information in the new situation",
        "issuer": "bo-chinh-tri",
        "issue_date": date(2023, 6, 15),
        "summary": "Bộ Chính trị ban hành sau 10 năm thực hiện Kết luận 16-KL/TW về Chiến lược phát triển thông tin "
        "đối ngoại giai đoạn 2011–2020.",
        "summary_en": "Issued by the Politburo after ten years of Conclusion 16-KL/TW on the strategy for foreign "
        "information 2011–2020.",
    },
    {
        "slug": "ket-luan-16-kl-tw",
        "kind": Doc.CONCLUSION,
        "symbol": "16-KL/TW",
        "title": "Chiến lược phát triển thông tin đối ngoại giai đoạn 2011–2020",
        "title_en": "Strategy for the development of foreign information 2011–2020",
        "issuer": "bo-chinh-tri",
        "issue_date": None,  # not checked
        "period_start": 2011,
        "period_end": 2020,
    },
    {
        "slug": "nghi-quyet-47-nq-cp",
        "kind": Doc.RESOLUTION,
        "symbol": "47/NQ-CP",
        "title": "Chương trình hành động của Chính phủ đến năm 2030 thực hiện Kết luận số 57-KL/TW của Bộ Chính trị "
        "về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới",
        "title_en": "The Government's action programme to 2030 implementing the Politburo's Conclusion 57-KL/TW",
        "issuer": "chinh-phu",
        "issue_date": date(2024, 4, 15),
        "period_end": 2030,
    },
    {
        "slug": "nghi-quyet-34-nq-tw",
        "kind": Doc.RESOLUTION,
        "symbol": "34-NQ/TW",
        # The article cites it by symbol only; its subject and date are not checked.
        "title": "Nghị quyết 34-NQ/TW của Bộ Chính trị",
        "title_en": "Politburo Resolution 34-NQ/TW",
        "issuer": "bo-chinh-tri",
        "issue_date": None,
        "summary": "Được nêu, cùng Báo cáo chính trị Đại hội XIII, là văn bản thể hiện đường lối đối ngoại của Việt "
        "Nam. Trích yếu và ngày ban hành chưa được kiểm chứng.",
        "summary_en": "Cited with the XIII Congress Political Report as setting out Viet Nam's foreign policy. "
        "Subject and date not checked.",
    },
    {
        "slug": "ke-hoach-chien-luoc-thong-tin-truyen-thong-asean-2016-2025",
        "kind": Doc.ASEAN_PLAN,
        "title": "Kế hoạch Chiến lược Thông tin và Truyền thông ASEAN 2016–2025",
        "title_en": "ASEAN Strategic Plan for Information and Media 2016–2025",
        "issuer": "amri",
        "issue_date": date(2016, 3, 17),
        "period_start": 2016,
        "period_end": 2025,
        "summary": "Thông qua tại Hội nghị AMRI lần thứ 13 (Cebu, Philippines), làm cơ sở triển khai các hoạt động "
        "cụ thể trong lĩnh vực thông tin và truyền thông.",
        "summary_en": "Adopted at AMRI-13 (Cebu, Philippines) as the basis for concrete activities in information "
        "and media.",
    },
    {
        "slug": "ke-hoach-tong-the-truyen-thong-asean-2018-2025",
        "kind": Doc.ASEAN_PLAN,
        "title": "Kế hoạch Tổng thể Truyền thông ASEAN 2018–2025",
        "title_en": "ASEAN Communication Master Plan 2018–2025",
        "issuer": None,  # not given by the articles
        "issue_date": None,
        "period_start": 2018,
        "period_end": 2025,
    },
    {
        "slug": "bao-cao-chinh-tri-dai-hoi-xiii",
        "kind": Doc.CONGRESS_DOCUMENT,
        "title": "Báo cáo chính trị Đại hội XIII của Đảng",
        "title_en": "Political Report of the XIII National Party Congress",
        "issuer": None,
        "issue_date": None,
    },
]

# (document, relation, other document, note)
DIRECTIVE_RELATIONS = [
    ("nghi-quyet-47-nq-cp", DirectiveRelation.Kind.IMPLEMENTS, "ket-luan-57-kl-tw", ""),
    (
        "ket-luan-57-kl-tw",
        DirectiveRelation.Kind.RELATED,
        "ket-luan-16-kl-tw",
        "Ban hành sau 10 năm thực hiện Kết luận 16; việc thay thế chưa được kiểm chứng.",
    ),
]

SERIES = [
    {
        "slug": "amri",
        "name": "Hội nghị Bộ trưởng Phụ trách Thông tin ASEAN",
        "name_en": "Conference of the ASEAN Ministers Responsible for Information",
        "abbreviation": "AMRI",
        # AMRI-14 is kept here, not as an event: the article only announces it, and an event row
        # would be published as if it had taken place.
        "description": "Họp 2 năm một lần, chủ trì theo cơ chế luân phiên. Hội nghị lần thứ 14 dự kiến tổ chức năm "
        "2018 tại Singapore.",
    },
]

TIN_TUC_ARTICLE = {
    "publisher": "Báo Tin tức",
    "title": "Công tác thông tin đối ngoại phải bám sát, liên tục, phù hợp trong tình hình mới",
    "author": "Hoàng Tuyết",
    "credit": "Tin, ảnh: Hoàng Tuyết/Báo Tin tức",
}
TIN_TUC_PHOTO_CREDIT = "Ảnh: Hoàng Tuyết/Báo Tin tức"

# One entry per event. "province" is a statistics-office code, resolved to the unit of the event's
# day. "posts" are the posts the article names, attested on the event's date (person, title,
# English title, organisation); "article" names the report for them where no source row can.
EVENTS = [
    {
        "slug": "tap-huan-truyen-thong-hoi-nhap-asean-unesco-2024",
        "fields": {
            "kind": Event.Kind.TRAINING,
            "title": "Hội nghị tập huấn truyền thông về công tác hội nhập ASEAN và UNESCO năm 2024",
            "title_en": "Training conference on communicating ASEAN and UNESCO integration, 2024",
            "start_date": date(2024, 1, 1),  # the article gives the year only
            "date_precision": Event.Precision.YEAR,
            "summary": "Cung cấp thông tin định hướng cho báo chí về hội nhập, ASEAN và UNESCO và sự tham gia, đóng "
            "góp của Việt Nam. Đường lối đối ngoại được nêu theo Báo cáo chính trị Đại hội XIII, Nghị quyết "
            "34-NQ/TW và các phát biểu kết luận của Tổng Bí thư Nguyễn Phú Trọng tại Hội nghị đối ngoại toàn quốc "
            "năm 2021 và Hội nghị Ngoại giao 32 năm 2023; tầm nhìn ASEAN 2035 về thông tin truyền thông.",
            "summary_en": "Briefed the press on integration, ASEAN and UNESCO and Viet Nam's part in them: the foreign "
            "policy of the XIII Congress Political Report and Resolution 34-NQ/TW, and the ASEAN 2035 vision for "
            "information and communications.",
        },
        "article": "Bài tường thuật hội nghị, không ghi nơi đăng và tác giả",
        "organisers": [("mic", Role.LEAD)],
        "posts": [
            ("vu-duy-thanh", "Phó Vụ trưởng", "Deputy Director-General", "mofa-vu-chinh-sach-doi-ngoai"),
            ("trieu-minh-long", "Vụ trưởng", "Director-General", "mic-vu-hop-tac-quoc-te"),
        ],
        "agenda": [
            {
                "kind": Item.SPEECH,
                "speaker": "vu-duy-thanh",
                "summary": "Đường lối đối ngoại độc lập, tự chủ, đa dạng hóa, đa phương hóa theo Báo cáo chính trị "
                "Đại hội XIII và Nghị quyết 34-NQ/TW; ASEAN đoàn kết, xây dựng cộng đồng trên cả 3 trụ cột.",
                "summary_en": "Viet Nam's foreign policy under the XIII Congress Political Report and Resolution "
                "34-NQ/TW; ASEAN's unity across its three pillars.",
            },
            {
                "kind": Item.SPEECH,
                "speaker": "trieu-minh-long",
                "summary": "Tầm nhìn ASEAN 2035: “Từ thông tin đến tri thức vì một ASEAN tự cường và thích ứng”.",
                "summary_en": "The ASEAN 2035 vision: “From information to knowledge for a resilient and adaptive "
                "ASEAN”.",
            },
            *(
                {"kind": Item.PRESENTATION, "title": title, "title_en": title_en}
                for title, title_en in [
                    (
                        "Hoạt động của Ủy ban Quốc gia UNESCO Việt Nam năm 2024",
                        "Activities of the Viet Nam National Commission for UNESCO in 2024",
                    ),
                    (
                        "Các hoạt động trọng tâm của UNESCO trong lĩnh vực thông tin giai đoạn 2024–2025",
                        "UNESCO's key activities in information, 2024–2025",
                    ),
                    (
                        "Trọng tâm công tác đối ngoại của UBQG UNESCO Việt Nam năm 2024 và các hoạt động ưu tiên của "
                        "các Tiểu ban, Tiểu ban chuyên môn",
                        "Foreign-affairs priorities of the National Commission in 2024 and of its sub-committees",
                    ),
                    (
                        "Bảo tồn Khu dự trữ sinh quyển thế giới Cù Lao Chàm – Hội An gắn với bảo vệ môi trường và phát "
                        "triển bền vững",
                        "Conserving the Cù Lao Chàm – Hội An World Biosphere Reserve with environmental protection and "
                        "sustainable development",
                    ),
                ]
            ),
        ],
        "directives": [("bao-cao-chinh-tri-dai-hoi-xiii", Link.DISCUSSES), ("nghi-quyet-34-nq-tw", Link.DISCUSSES)],
    },
    {
        "slug": "tap-huan-thong-tin-doi-ngoai-2025-tp-ho-chi-minh",
        "province": "79",
        "fields": {
            "kind": Event.Kind.TRAINING,
            "title": "Hội nghị tập huấn công tác thông tin đối ngoại năm 2025",
            "title_en": "Training conference on foreign information work, 2025",
            "start_date": date(2025, 3, 8),
            "part_of_day": Event.PartOfDay.AFTERNOON,
            "city": "TP Hồ Chí Minh",
            "summary": "Định hướng công tác thông tin đối ngoại: góp phần tổ chức thành công đại hội Đảng các cấp, "
            "tiến tới Đại hội XIV; tuyên truyền thành tựu đối ngoại nhiệm kỳ Đại hội XIII, việc sắp xếp tổ chức bộ "
            "máy, biên giới, biển đảo; đổi mới cách làm thông tin đối ngoại, quảng bá hình ảnh địa phương bằng "
            "công cụ truyền thông mới.",
            "summary_en": "Directions for foreign information: the Party congresses leading to the XIV Congress, the "
            "achievements of the XIII term, the streamlining of the political system, borders, seas and islands; "
            "new ways and new media to promote localities and Viet Nam.",
        },
        "organisers": [("ban-tuyen-giao-va-dan-van-trung-uong", Role.LEAD), ("thanh-uy-tp-ho-chi-minh", Role.CO)],
        "posts": [
            (
                "nguyen-van-hieu",
                "Ủy viên dự khuyết Trung ương Đảng",
                "Alternate Member of the Party Central Committee",
                "ban-chap-hanh-trung-uong",
            ),
            ("nguyen-van-hieu", "Phó Trưởng Ban", "Deputy Head", "ban-tuyen-giao-va-dan-van-trung-uong"),
            (
                "le-hai-binh",
                "Ủy viên dự khuyết Trung ương Đảng",
                "Alternate Member of the Party Central Committee",
                "ban-chap-hanh-trung-uong",
            ),
            ("le-hai-binh", "Thứ trưởng Thường trực", "Standing Deputy Minister", "mocst"),
        ],
        "agenda": [
            {
                "kind": Item.SPEECH,
                "speaker": "nguyen-van-hieu",
                "summary": "Thông tin đối ngoại được đặc biệt coi trọng trong tình hình mới; cần phục vụ đại hội Đảng "
                "các cấp, tuyên truyền đúng tinh thần chỉ đạo về sắp xếp bộ máy, về biên giới, biển đảo.",
                "summary_en": "Foreign information matters especially now; it should serve the Party congresses and "
                "follow the Centre's line on restructuring, borders, seas and islands.",
            },
            {
                "kind": Item.PRESENTATION,
                "speaker": "le-hai-binh",
                "title": "Một số định hướng triển khai công tác thông tin đối ngoại góp phần quảng bá các giá trị văn "
                "hóa, nâng cao 'sức mạnh mềm' quốc gia và các nhiệm vụ, giải pháp trọng tâm nhằm nâng cao chất lượng "
                "hội nhập quốc tế trong tình hình mới",
                "title_en": "Directions for foreign information to promote cultural values and national “soft power”, "
                "and key tasks and solutions to raise the quality of international integration in the new situation",
                "summary": "Đổi mới tư duy, cách làm thông tin đối ngoại; gắn với kế hoạch phát triển kinh tế - xã hội "
                "của từng địa phương; triển khai trên cả không gian thực và không gian mạng, ứng dụng chuyển đổi số.",
                "summary_en": "New thinking and methods; tie foreign information to each locality's development plans; "
                "work online and offline, using digital transformation.",
            },
        ],
        "photos": [
            ("Quang cảnh hội nghị chiều 8/3.", "The conference on the afternoon of 8 March.", TIN_TUC_PHOTO_CREDIT),
            (
                "Ông Nguyễn Văn Hiếu, Ủy viên dự khuyết Trung ương Đảng, Phó Trưởng Ban Tuyên giáo và Dân vận Trung "
                "ương phát biểu tại hội nghị.",
                "Mr Nguyễn Văn Hiếu, Alternate Member of the Party Central Committee, Deputy Head of the Central "
                "Commission for Propaganda and Mass Mobilisation, speaks at the conference.",
                TIN_TUC_PHOTO_CREDIT,
            ),
        ],
        "sources": [TIN_TUC_ARTICLE],
        # Báo Tin tức links the seminar of the day before from its report; it says no more of how the two
        # stand to each other, so "related", not "preceded by".
        "relations": [(EventRelation.Kind.RELATED, "hoi-thao-doi-ngoai-ngoai-giao-ky-nguyen-moi-2025")],
    },
    {
        "slug": "hoi-thao-doi-ngoai-ngoai-giao-ky-nguyen-moi-2025",
        "fields": {
            "kind": Event.Kind.SEMINAR,
            "title": "Hội thảo khoa học cấp quốc gia “Đối ngoại và ngoại giao Việt Nam trong kỷ nguyên mới, kỷ nguyên "
            "vươn mình của dân tộc”",
            "title_en": "National scientific seminar “Viet Nam's external relations and diplomacy in the new era, the "
            "era of the nation's rise”",
            "start_date": date(2025, 3, 7),
            "part_of_day": Event.PartOfDay.AFTERNOON,
            "venue": "Học viện Ngoại giao Việt Nam",
            "summary": "Bộ Ngoại giao phối hợp với Tạp chí Cộng sản tổ chức; Báo Tin tức nêu cùng bài về hội nghị "
            "tập huấn thông tin đối ngoại ngày 8/3/2025.",
            "summary_en": "Held by the Ministry of Foreign Affairs with the Communist Review; linked by Báo Tin tức "
            "from its report of the 8 March 2025 training conference.",
        },
        "organisers": [("mofa", Role.LEAD), ("tap-chi-cong-san", Role.CO)],
        "sources": [
            {
                "publisher": "Báo Tin tức",
                "title": "Đối ngoại phải phục vụ đắc lực cho các đột phá chiến lược của đất nước trong kỷ nguyên mới",
            }
        ],
    },
    {
        "slug": "tong-ket-tuyen-truyen-asean-2013-2018",
        "fields": {
            "kind": Event.Kind.REVIEW,
            "title": "Hội nghị tổng kết kết quả triển khai tuyên truyền ASEAN giai đoạn 2013–2018",
            "title_en": "Review conference on communicating ASEAN, 2013–2018",
            "start_date": date(2018, 1, 1),  # the article gives the year only
            "date_precision": Event.Precision.YEAR,
            "summary": "Cập nhật tiến trình hội nhập ASEAN của Việt Nam, tiến độ thực hiện Kế hoạch Tổng thể của "
            "ASEAN đến năm 2025, các kế hoạch truyền thông cấp khu vực, Chương trình hành động của Chính phủ về "
            "tuyên truyền, quảng bá ASEAN cấp quốc gia, kế hoạch tuyên truyền năm 2018 và kế hoạch truyền thông "
            "hướng tới năm Chủ tịch ASEAN của Việt Nam 2020; trao đổi về cơ chế phối hợp giữa các Bộ, ngành, địa "
            "phương.",
            "summary_en": "Reviewed Viet Nam's ASEAN integration, the regional communication plans, the Government's "
            "national ASEAN communication programme, the 2018 plan and the plan towards Viet Nam's 2020 ASEAN "
            "chairmanship, and coordination between ministries and provinces.",
        },
        "posts": [("phan-thao-nguyen", "Vụ trưởng", "Director-General", "mic-vu-hop-tac-quoc-te")],
        "agenda": [
            {
                "kind": Item.REPORT,
                "speaker": "phan-thao-nguyen",
                "summary": "Trình bày kế hoạch tuyên truyền ASEAN cấp khu vực và cấp quốc gia.",
                "summary_en": "Presented the regional and national ASEAN communication plans.",
            },
            {
                "kind": Item.DISCUSSION,
                "title": "Tham luận của các Bộ, ngành và các tỉnh",
                "title_en": "Papers from ministries and provinces",
                "summary": "Kết quả khảo sát và tham luận về công tác tuyên truyền ASEAN 5 năm (2013–2018).",
                "summary_en": "A survey and papers on five years (2013–2018) of ASEAN communication.",
            },
        ],
        "participant_groups": [
            (
                "Đại diện các Bộ Trụ cột (Ngoại giao, Công thương, Lao động – Thương binh và Xã hội)",
                "Representatives of the pillar ministries (Foreign Affairs; Industry and Trade; Labour, Invalids and "
                "Social Affairs)",
            ),
            ("Các Bộ, ngành trung ương", "Central ministries and agencies"),
            ("Các cơ quan báo chí", "Press agencies"),
            ("UBND các tỉnh và các Sở", "Provincial People's Committees and departments"),
            (
                "Các đài phát thanh – truyền hình các tỉnh miền Trung và miền Nam",
                "Radio and television stations of the central and southern provinces",
            ),
        ],
        "directives": [
            ("ke-hoach-chien-luoc-thong-tin-truyen-thong-asean-2016-2025", Link.DISCUSSES),
            ("ke-hoach-tong-the-truyen-thong-asean-2018-2025", Link.DISCUSSES),
        ],
        "photos": [
            (
                "Vụ trưởng Vụ Hợp tác Quốc tế - Bộ Thông tin và Truyền thông Phan Thảo Nguyên trình bày kế hoạch tại "
                "Hội nghị",
                "Phan Thảo Nguyên, Director-General of the MIC International Cooperation Department, presents the plan",
                "",
            ),
            ("Toàn cảnh Hội nghị", "The conference", ""),
        ],
        "sources": [{"publisher": "mic.gov.vn", "credit": "Nguồn tin: mic.gov.vn"}],
    },
    {
        "slug": "tap-huan-quang-ba-hinh-anh-viet-nam-2024-da-lat",
        "province": "68",
        "fields": {
            "kind": Event.Kind.TRAINING,
            "title": "Hội nghị tập huấn Truyền thông quảng bá hình ảnh Việt Nam góp phần nâng cao chất lượng, hiệu "
            "quả công tác thông tin đối ngoại trong tình hình mới",
            "title_en": "Training conference on promoting Viet Nam's image to raise the quality and effectiveness of "
            "foreign information in the new situation",
            # The article, published early on Friday 7/6/2024, reports the training as news of the
            # day without giving its day; June 2024 is as far as it vouches, so month precision.
            "start_date": date(2024, 6, 1),
            "date_precision": Event.Precision.MONTH,
            "city": "Đà Lạt",
            "participant_count": 320,
            "province_count": 63,
            "summary": "320 đại biểu của 63 tỉnh, thành phố được trang bị kiến thức về những điểm mới của Nghị quyết "
            "47/NQ-CP, chương trình hành động của Chính phủ đến năm 2030 thực hiện Kết luận 57-KL/TW; trao đổi mô "
            "hình, giải pháp quảng bá hình ảnh quốc gia và nghiên cứu xây dựng chiến lược quảng bá hình ảnh quốc gia. "
            "Dự có lãnh đạo các bộ, ban, ngành Trung ương.",
            "summary_en": "320 delegates of 63 provinces learned what is new in Resolution 47/NQ-CP, the Government's "
            "programme to 2030 implementing Conclusion 57-KL/TW, and shared ways to promote the national image.",
        },
        "organisers": [("mic", Role.LEAD), ("ubnd-tinh-lam-dong", Role.CO)],
        "posts": [
            ("nguyen-thanh-lam", "Thứ trưởng", "Deputy Minister", "mic"),
            ("truong-hoai-nam", "Phó Trưởng Ban", "Deputy Head", "ban-doi-ngoai-trung-uong"),
            ("pham-s", "Phó Chủ tịch", "Vice Chairman", "ubnd-tinh-lam-dong"),
        ],
        "officials": [("truong-hoai-nam", EventOfficial.Role.GUEST), ("pham-s", EventOfficial.Role.GUEST)],
        "agenda": [
            {
                "kind": Item.SPEECH,
                "speaker": "nguyen-thanh-lam",
                "summary": "Thông tin đối ngoại là nhiệm vụ rất quan trọng trong công tác đối ngoại và công tác tư "
                "tưởng; giúp bạn bè quốc tế hiểu đúng về Việt Nam và hạn chế thông tin sai lệch. Sau 10 năm "
                "thực hiện Kết luận 16, Bộ Chính trị đã ban hành Kết luận 57.",
                "summary_en": "Foreign information is central to foreign and ideological work, helps the world see "
                "Viet Nam accurately and counters false information; after ten years of Conclusion 16 the "
                "Politburo issued Conclusion 57.",
            },
        ],
        "participant_groups": [
            ("Đại diện lãnh đạo UBND các tỉnh, thành phố", "Leaders of provincial People's Committees"),
            ("Ban Tuyên giáo tỉnh ủy, thành ủy", "Propaganda commissions of provincial Party committees"),
            (
                "Lãnh đạo và cán bộ phụ trách công tác thông tin đối ngoại của 63 tỉnh, thành phố trực thuộc "
                "Trung ương",
                "Leaders and officers in charge of foreign information of the 63 provinces",
            ),
            (
                "Đại diện Bộ Chỉ huy Bộ đội Biên phòng và Công an các tỉnh, thành phố",
                "Provincial Border Guard commands and police",
            ),
        ],
        "directives": [
            ("ket-luan-57-kl-tw", Link.IMPLEMENTS),
            ("nghi-quyet-47-nq-cp", Link.DISCUSSES),
            ("ket-luan-16-kl-tw", Link.DISCUSSES),
        ],
        "sources": [
            {
                "publisher": "Lamdongtv.vn",
                "title": "Tập huấn Truyền thông quảng bá, hình ảnh Việt Nam",
                "author": "Lô Thanh",
                "published_on": date(2024, 6, 7),
                "credit": "Lô Thanh",
                # "320 đại biểu … của 63 tỉnh, thành phố" (the lead says "hơn 300 đại biểu"; the body counts 320).
                "delegates": 320,
                "provinces": 63,
            }
        ],
    },
    {
        "slug": "amri-13",
        "series": "amri",
        "fields": {
            "kind": Event.Kind.MINISTERIAL,
            "title": "Hội nghị Bộ trưởng Phụ trách Thông tin ASEAN lần thứ 13 (AMRI-13)",
            "title_en": "13th Conference of the ASEAN Ministers Responsible for Information (AMRI-13)",
            "edition": 13,
            "start_date": date(2016, 3, 17),
            "city": "Cebu",
            "country": "Philippines",
            "theme": "Một ASEAN: Kết nối, Cộng đồng, Cơ hội",
            "theme_en": "One ASEAN: Connectivity, Community, Opportunity",
            "summary": "Các Bộ trưởng thảo luận kế hoạch hợp tác năm 2016, năm đầu tiên sau khi Cộng đồng ASEAN được "
            "tuyên bố thành lập (31/12/2015), và chiến lược tuyên truyền quảng bá ASEAN lấy người dân làm trung tâm.",
            "summary_en": "The ministers discussed cooperation in 2016, the first year of the ASEAN Community "
            "(declared on 31/12/2015), and a people-centred strategy for communicating ASEAN.",
        },
        "article": "Bài “Thứ trưởng Nguyễn Thành Hưng dự Hội nghị Bộ trưởng Thông tin ASEAN” (không ghi nơi đăng)",
        "posts": [("nguyen-thanh-hung", "Thứ trưởng", "Deputy Minister", "mic")],
        "officials": [("nguyen-thanh-hung", EventOfficial.Role.HEAD_OF_DELEGATION)],
        "agenda": [
            {
                "kind": Item.SPEECH,
                "speaker": "nguyen-thanh-hung",
                "summary": "Hợp tác ASEAN nâng cao chất lượng nguồn nhân lực thông tin và truyền thông; xây dựng môi "
                "trường mạng an toàn cho công dân ASEAN, nhất là trẻ em và thanh thiếu niên; vai trò của AMRI trong "
                "các kế hoạch truyền thông cho 3 trụ cột.",
                "summary_en": "ASEAN cooperation on skills in information and media; a safe online environment, "
                "above all for children and young people; AMRI's role in communication for the three pillars.",
            },
        ],
        "outcomes": [
            {
                "kind": Outcome.Kind.ADOPTED,
                # The kind ("thông qua" / "adopted") is printed before the description: it does not repeat it.
                "description": "Kế hoạch Chiến lược Thông tin và Truyền thông giai đoạn 2016–2025, làm cơ sở "
                "triển khai các hoạt động cụ thể trong lĩnh vực thông tin và truyền thông.",
                "description_en": "The ASEAN Strategic Plan for Information and Media 2016–2025, as the basis "
                "for concrete activities in information and media.",
                "directive": "ke-hoach-chien-luoc-thong-tin-truyen-thong-asean-2016-2025",
            },
        ],
        "photos": [
            (
                "Thứ trưởng Bộ TT&TT Nguyễn Thành Hưng (đứng thứ ba, từ trái sang) và các Bộ trưởng thông tin ASEAN "
                "tại Hội nghị",
                "Deputy Minister of Information and Communications Nguyễn Thành Hưng (third from left) with the ASEAN "
                "information ministers",
                "",
            ),
        ],
    },
]

PLACEHOLDER_SIZE = (800, 533)
PLACEHOLDER_COLOURS = [(176, 42, 48), (32, 84, 140), (46, 120, 80), (190, 140, 40)]


class _Loader:
    """Creates or updates rows by natural key, validated as the admin would, and remembers them."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.loaded = defaultdict(set)
        self.by_slug = {}

    def put(self, model, lookup: dict, **values):
        """The row matching `lookup`, created or updated to `values`; written only when something differs."""
        row = model._default_manager.filter(**lookup).first()
        action = "created" if row is None else "updated"
        if row is None:
            row = model(**lookup)
        changed = {name: value for name, value in values.items() if row.pk is None or getattr(row, name) != value}
        if row.pk is None or changed:
            for name, value in changed.items():
                setattr(row, name, value)
            row.full_clean()
            row.save()
            if self.stdout:
                self.stdout.write(f"{action} {model.__name__}: {row}\n")
        self.loaded[model.__name__].add(row.pk)
        return row

    def put_by_slug(self, model, spec: dict, **references):
        """`spec` is a data entry (its slug and plain values); `references` the rows it points at, looked up."""
        values = {**spec, **references}
        slug = values.pop("slug")
        row = self.put(model, {"slug": slug}, **values)
        self.by_slug[model, slug] = row
        return row

    def get(self, model, slug):
        return self.by_slug[model, slug] if slug else None

    def counts(self) -> dict[str, int]:
        return {name: len(pks) for name, pks in self.loaded.items()}


def _province(code: str, day: date) -> Province:
    """The unit with `code` as it stood on `day` (a code alone spans the 2025 reform)."""
    return Province.objects.valid_on(day).get(code=code)


def _placeholder_jpeg(name: str, colour) -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", PLACEHOLDER_SIZE, colour).save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=name)


def _load_organisations(loader: _Loader):
    for spec in ORGANISATIONS:
        province = _province(*spec["province"]) if "province" in spec else None
        loader.put_by_slug(Organisation, spec, parent=loader.get(Organisation, spec.get("parent")), province=province)
    for old, kind, new, day, note in ORGANISATION_CHANGES:
        lookup = {
            "organisation": loader.get(Organisation, old),
            "kind": kind,
            "successor": loader.get(Organisation, new),
        }
        loader.put(OrganisationChange, lookup, date=day, note=note)


def _load_people(loader: _Loader):
    for slug, (family, middle, given, honorific) in PEOPLE.items():
        names = {"family_name": family, "middle_name": middle, "given_name": given}
        loader.put_by_slug(Person, {"slug": slug, **names, "honorific": honorific})
    for slug, title, day, source in ACADEMIC_TITLES:
        lookup = {"person": loader.get(Person, slug), "title": title, "held_from": day}
        loader.put(AcademicTitle, lookup, precision=AcademicTitle.Precision.DAY, source=source)


def _load_directives(loader: _Loader):
    for spec in DIRECTIVES:
        loader.put_by_slug(Directive, spec, issuer=loader.get(Organisation, spec["issuer"]))
    for source, kind, target, note in DIRECTIVE_RELATIONS:
        lookup = {"source": loader.get(Directive, source), "kind": kind, "target": loader.get(Directive, target)}
        loader.put(DirectiveRelation, lookup, note=note)


def _article_label(spec) -> str:
    source = (spec.get("sources") or [None])[0]
    if source is None:
        return spec["article"]
    return f"{source['publisher']}: {source['title']}" if source.get("title") else source["publisher"]


def _load_event(loader: _Loader, spec) -> Event:
    fields = spec["fields"]
    # The unit of the event's day: Đà Lạt in 2024 is in the old Tỉnh Lâm Đồng.
    province = _province(spec["province"], fields["start_date"]) if "province" in spec else None
    series = loader.get(EventSeries, spec.get("series"))
    event = loader.put_by_slug(Event, {"slug": spec["slug"], **fields}, series=series, province=province)

    # Articles prove a post only for the event's day; with no start or end, Position.held_on
    # then shows it for that day and no other. attested_on takes the event's stored date and
    # attested_precision its precision: when the article gives only the month or year, the post
    # is known for that month or year, and no page shows a day.
    # Posts are ordered per person as the article lists them.
    attested_by = _article_label(spec)
    if event.date_precision != Event.Precision.DAY:
        attested_by += f" (thời điểm theo bài: {event.display_date})"
    posts_per_person = defaultdict(int)
    for slug, title, title_en, organisation in spec.get("posts", []):
        person = loader.get(Person, slug)
        lookup = {"person": person, "title": title, "organisation": loader.get(Organisation, organisation)}
        loader.put(
            Position,
            lookup,
            title_en=title_en,
            attested_on=event.start_date,
            attested_precision=event.date_precision,
            source=attested_by,
            order=posts_per_person[slug],
        )
        posts_per_person[slug] += 1
    for order, (organisation, role) in enumerate(spec.get("organisers", [])):
        loader.put(
            EventOrganiser,
            {"event": event, "organisation": loader.get(Organisation, organisation)},
            role=role,
            order=order,
        )
    for order, (slug, role) in enumerate(spec.get("officials", [])):
        loader.put(EventOfficial, {"event": event, "person": loader.get(Person, slug)}, role=role, order=order)
    for order, item in enumerate(spec.get("agenda", [])):
        fields = {"title": "", "title_en": "", "summary": "", "summary_en": "", **item}
        fields["speaker"] = loader.get(Person, item.get("speaker"))
        loader.put(AgendaItem, {"event": event, "order": order}, **fields)
    for order, (description, description_en) in enumerate(spec.get("participant_groups", [])):
        loader.put(
            ParticipantGroup, {"event": event, "order": order}, description=description, description_en=description_en
        )
    for order, outcome in enumerate(spec.get("outcomes", [])):
        fields = {**outcome, "directive": loader.get(Directive, outcome.get("directive"))}
        loader.put(Outcome, {"event": event, "order": order}, **fields)
    for slug, relation in spec.get("directives", []):
        loader.put(EventDirective, {"event": event, "directive": loader.get(Directive, slug)}, relation=relation)
    for order, (caption, caption_en, credit) in enumerate(spec.get("photos", [])):
        lookup = {"event": event, "order": order}
        # The image is made once; a later run only corrects the texts, so no file is written twice.
        image = {}
        if not Photo.objects.filter(**lookup).exists():
            colour = PLACEHOLDER_COLOURS[order % len(PLACEHOLDER_COLOURS)]
            image["image"] = _placeholder_jpeg(f"{event.slug}-{order + 1}.jpg", colour)
        loader.put(Photo, lookup, caption=caption, caption_en=caption_en, credit=credit, **image)
    for source in spec.get("sources", []):
        fields = {"title": "", "author": "", "published_on": None, "url": "", "credit": "", **source}
        publisher = fields.pop("publisher")
        loader.put(Source, {"event": event, "publisher": publisher}, **fields)
    return event


@transaction.atomic
def load_demo(stdout=None) -> dict[str, int]:
    """Record the five source articles; returns how many rows of each model the demo data holds.

    Idempotent: a second run finds every row by its natural key and writes nothing. `stdout`, if
    given, gets a line for each row created or updated.
    """
    loader = _Loader(stdout)
    _load_organisations(loader)
    _load_people(loader)
    _load_directives(loader)
    for spec in SERIES:
        loader.put_by_slug(EventSeries, spec)
    events = {spec["slug"]: _load_event(loader, spec) for spec in EVENTS}
    for spec in EVENTS:
        for kind, other in spec.get("relations", []):
            loader.put(EventRelation, {"from_event": events[spec["slug"]], "to_event": events[other]}, kind=kind)
    # The same path as the admin's "publish" action.
    publish_events(Event.objects.filter(slug__in=events))
    return loader.counts()
