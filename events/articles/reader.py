"""Read a Vietnamese official press report into a `Proposal`: pure functions, no database.

The patterns are those of DOMAIN.md ("How Vietnamese official press writes an event"): a lead
sentence with the date, the place and the organisers ("Chiều 8/3, tại TP Hồ Chí Minh, X phối hợp
với Y tổ chức …"), people as honorific or post, name, post ("ông A, Phó Vụ trưởng, Vụ B - Bộ C nêu
rõ"), figures with their qualifier, directive symbols, and credit lines at the end. Matching is
done on a folded copy of the text (lower case, no diacritics, đ = d) of the same length, so every
match is cut from the original text as written.

Nothing here invents a fact: a date without its year stays without it (a warning says why), and
every proposal keeps the sentence it came from. Any input returns a Proposal; none raises.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from itertools import pairwise

from django.utils.translation import gettext as _

from .proposal import DirectiveProposal, Figure, OrganiserProposal, PersonProposal, Proposal, SourceProposal

MAX_CHARS = 200_000  # an article is a few thousand characters; the rest of a huge paste is ignored
LEAD_SENTENCES = 4  # the date, place and organisers of an event are in its first sentences

_FOLD_CACHE: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        if ch in "đĐ":
            folded = "d"
        else:
            base = unicodedata.normalize("NFD", ch)[:1].lower()[:1]
            folded = base if len(base) == 1 else ch
        _FOLD_CACHE[ch] = folded
    return folded


def fold(text: str) -> str:
    """`text` lower case without diacritics, đ = d, of exactly the same length (offsets carry over)."""
    return "".join(_fold_char(ch) for ch in text)


# ---------------------------------------------------------------------------------------------------
# Vocabulary (folded unless said otherwise)

VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
COMMON_WORDS = re.compile(r"\b(?:va|cua|cac|nhung|duoc|trong|voi|cho|tai|hoi nghi|nam|ngay|tinh)\b")

# Vietnamese family names (as written): a personal name is one of these and one to three syllables.
FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Triệu",
    "Hà",
    "Lô",
    "Đào",
    "Đoàn",
    "Vương",
    "Trịnh",
    "Mai",
    "Đinh",
    "Lâm",
    "Phùng",
    "Mạc",
    "Tô",
    "Tạ",
    "Châu",
    "Quách",
    "Lưu",
    "Lương",
    "Hứa",
    "Thái",
    "Cao",
    "Kiều",
    "Khổng",
    "Khúc",
    "Lò",
    "Mã",
    "Âu",
    "Tăng",
    "Thân",
    "Tôn",
    "Văn",
    "Chu",
    "Nông",
    "Hoàng",
    "Giang",
    "Diệp",
    "Lại",
    "Lục",
    "Quan",
    "Tống",
    "Cù",
    "Cầm",
    "Kim",
    "Nghiêm",
    "Từ",
    "Viên",
    "Doãn",
    "Hầu",
    "Chế",
    "Trình",
    "Đồng",
    "Ninh",
    "Thạch",
    "Y",
    "Ksor",
    "Rơ",
    "Siu",
    "Nay",
    "H'",
]
# Capitalised words that read like names but are places or things.
NOT_PEOPLE = {
    "ho chi minh",
    "ha noi",
    "ha giang",
    "ha tinh",
    "ha nam",
    "ha long",
    "lam dong",
    "cao bang",
    "hoang sa",
    "truong sa",
    "hoi an",
    "van hoa",
    "lo cai",
    "tay ninh",
    "ninh binh",
    "ninh thuan",
    "kim son",
    "thai binh",
    "thai nguyen",
    "thai binh duong",
    "dong nai",
    "dong thap",
    "dong hoi",
    "dong ha",
    "ha tien",
    "lam ha",
    "chau doc",
}
NAME_WORD = r"(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+|[A-ZĐ](?![\w'])|[A-ZĐ]'[A-ZĐa-zà-ỹđ]+)"
NAME = re.compile(
    r"(?<![\w/])(?:" + "|".join(re.escape(f) for f in sorted(set(FAMILY_NAMES), key=len, reverse=True)) + r")"
    r"(?:\s" + NAME_WORD + r"){1,3}(?![\w])"
)

# Names of people from abroad ("Josephine Teo", "Kao Kim Hourn", "Marc E. Knapper"): capitalised words written
# without Vietnamese letters, at least one of which no Vietnamese syllable could be ("Hourn", "Kao": k before a).
FOREIGN_WORD = r"(?:[A-Z][a-z]+(?:[-'][A-Za-z][a-z]*)*|[A-Z]\.)(?![\w'-])"
FOREIGN_RUN = re.compile(r"(?<![\w/'-])" + FOREIGN_WORD + r"(?:\s" + FOREIGN_WORD + r"){1,5}")
VIETNAMESE_SYLLABLE = re.compile(
    r"(?P<onset>ngh|ng|gh|gi|ch|kh|nh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?P<vowels>ieu|oai|oay|oeo|uoi|uya|uye|uyu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ya|ye|yu|"
    r"[aeiouy])(?:ch|ng|nh|[cmnpt])?"
)
# Places and bodies written in Latin letters that stand between a post and a foreign name
# ("Bộ trưởng Truyền thông và Thông tin Singapore Josephine Teo"), folded.
FOREIGN_PLACES = {
    *("asean", "vietnam", "singapore", "philippines", "indonesia", "malaysia", "myanmar", "brunei", "campuchia"),
    *("timor leste", "australia", "new zealand", "canada", "cuba", "mexico", "brazil", "argentina", "chile"),
    *("venezuela", "colombia", "peru", "israel", "iran", "iraq", "kuwait", "qatar", "oman", "bangladesh"),
    *("pakistan", "sri lanka", "nepal", "mongolia", "kazakhstan", "uzbekistan", "belarus", "ukraine", "hungary"),
    *("romania", "bulgaria", "slovakia", "slovenia", "croatia", "serbia", "estonia", "latvia", "lithuania"),
    *("mozambique", "nigeria", "kenya", "algeria", "morocco", "angola", "panama", "uae", "jakarta", "bangkok"),
    *("kuala lumpur", "manila", "vientiane", "phnom penh", "yangon", "naypyidaw", "tokyo", "seoul", "beijing"),
    *("washington", "new york", "paris", "london", "berlin", "moscow", "geneva", "canberra", "brussels"),
    *("google", "meta", "facebook", "tiktok", "youtube", "microsoft", "apple", "amazon", "samsung", "netflix"),
    *("reuters", "bloomberg", "xinhua", "kyodo", "yonhap", "bernama", "antara", "nikkei", "unesco", "unicef"),
}
# Words of English that name bodies, programmes and events, never people ("Samsung Electronics",
# "Vietnam Media Forum", "Google News Initiative"), folded.
NOT_NAME_WORDS = {
    *("forum", "summit", "media", "digital", "news", "travel", "guide", "week", "day", "award", "awards"),
    *("festival", "expo", "conference", "program", "programme", "initiative", "network", "group", "global"),
    *("international", "online", "tech", "technology", "smart", "city", "center", "centre", "company"),
    *("corporation", "electronics", "bank", "airlines", "fund", "foundation", "institute", "university"),
    *("college", "school", "academy", "council", "association", "agency", "office", "service", "services"),
    *("content", "platform", "innovation", "connect", "future", "world", "youth", "asia", "pacific", "europe"),
    *("africa", "america", "east", "west", "north", "south", "national", "press", "post", "times", "daily"),
}
PLACES_AS_WRITTEN = FOREIGN_PLACES | NOT_PEOPLE | {"viet nam"}


def _could_be_vietnamese(word: str) -> bool:
    m = VIETNAMESE_SYLLABLE.fullmatch(word.lower())
    # Vietnamese writes k only before i, e, y ("Kim", "Kiên"); "Kao" is not Vietnamese spelling
    return bool(m) and not (m.group("onset") == "k" and m.group("vowels")[0] not in "iey")


def _foreign_names(sentence: str):
    """(start, end) of each foreign name in `sentence`, after any place or body written before it."""
    for m in FOREIGN_RUN.finditer(sentence):
        words = list(re.finditer(r"\S+", m.group(0)))
        previous = fold(sentence[max(0, m.start() - 40) : m.start()]).split()[-1:]
        if previous and f"{previous[0]} {fold(words[0].group(0))}" in PLACES_AS_WRITTEN:
            words = words[1:]  # "Việt Nam Marc Knapper": "Nam" ends the place written before
        while words:
            for size in (2, 1):
                leading = fold(" ".join(w.group(0) for w in words[:size]))
                if len(words) > size and (leading in FOREIGN_PLACES or leading in NOT_NAME_WORDS):
                    words = words[size:]
                    break
            else:
                break
        folded = [fold(w.group(0)) for w in words]
        if (
            len(words) < 2
            or all(_could_be_vietnamese(w) or w.endswith(".") for w in folded)
            or any(w in FOREIGN_PLACES or w in NOT_NAME_WORDS for w in folded)
        ):
            continue
        if NAME.match(sentence, m.end() + 1):
            continue  # a body's name ("Giám đốc Microsoft Vietnam Vũ Minh Trí") before a Vietnamese one
        yield m.start() + words[0].start(), m.end()


# Words before a name that make it a place or a thing ("TP Hồ Chí Minh", "tư tưởng Hồ Chí Minh", "tại Hà Nam").
PLACE_BEFORE = ("tp", "tp.", "thanh pho", "duong", "pho", "tu tuong", "bac", "tinh", "quan", "huyen", "tai")


def _names(sentence: str):
    """(start, end, foreign) of each personal name in `sentence`, leaving out places that
    read like names ("Hà Giang", "tỉnh Đồng Tháp", "TP Hồ Chí Minh")."""
    foreign = [(start, end, True) for start, end in _foreign_names(sentence)]
    spans = [
        (m.start(), m.end(), False)
        for m in NAME.finditer(sentence)
        if not any(start <= m.start() < end for start, end, _ in foreign)  # "Kim Hourn" inside "Kao Kim Hourn"
    ]
    for start, end, is_foreign in sorted(spans + foreign):
        key = fold(sentence[start:end])
        before = fold(sentence[max(0, start - 12) : start]).rstrip()
        if key in NOT_PEOPLE or key.endswith("viet nam") or before.endswith(PLACE_BEFORE):
            continue
        yield start, end, is_foreign


# Folded as written before a name → as proposed.
HONORIFICS = {"dong chi": "đồng chí", "d/c": "đồng chí", "ong": "ông", "ba": "bà", "ngai": "ngài", "nha bao": "nhà báo"}
_HONORIFIC = "|".join(map(re.escape, HONORIFICS))
ACADEMIC = [  # longest first
    ("PGS.TS", r"pgs\.?\s?ts\.?"),
    ("GS.TS", r"gs\.?\s?ts\.?"),
    ("GS.TSKH", r"gs\.?\s?tskh\.?"),
    ("PGS", r"pgs\.?"),
    ("GS", r"gs\.?"),
    ("TS", r"ts\.?"),
    ("TS", r"tien si"),
    ("ThS", r"ths\.?"),
    ("ThS", r"thac si"),
    ("PGS.TS", r"pho giao su,? tien si"),
    ("GS", r"giao su"),
]
HONORIFIC_START = re.compile(rf"(?:{_HONORIFIC}|pgs|gs|ts|tien si|ths)\b")
HONORIFIC_BEFORE = re.compile(
    r"(?:(?:^|(?<=[\s,(“\"]))(?P<hon>" + _HONORIFIC + r")\s+)?(?P<acad>(?:^|(?<=[\s,(“\"]))"
    r"(?:pgs\.?\s?ts\.?|gs\.?\s?tskh\.?|gs\.?\s?ts\.?|pgs\.?|gs\.?|ts\.?|tien si|ths\.?|thac si|"
    r"pho giao su,? tien si|giao su)\s+)?$"
)
POST_START = re.compile(
    r"^(?:nguyen\s+)?(?:pho\s+)?(?:tong\s+|chanh\s+)?(?:thu tuong|bo truong|thu truong|vu truong|cuc truong|"
    r"vien truong|hieu truong|giam doc|chu tich|bi thu|truong ban|truong phong|truong doan|uy vien|"
    r"uvbtv|uvtw|uvbch|tuv|tinh uy vien|thanh uy vien|bien tap|tong bien tap|dai su|lanh su|tong lanh su|"
    r"van phong|thu ky|chuyen vien|dai ta|thuong ta|trung ta|thieu ta|thieu tuong|trung tuong|"
    r"thuong tuong|dai tuong|chu nhiem|giang vien|bao cao vien|dai bieu quoc hoi|chanh an|truong|"
    r"tong cuc truong|phu trach|ptb|tb|dieu phoi vien|truong dai dien|tham tan|dac phai vien|chuyen gia)\b"
)
# Where a post ends and the sentence goes on: verbs and joining words (folded).
VERBS = (
    r"neu ro|cho biet|phat bieu|trinh bay|nhan manh|chu tri|tham du|du hoi|du le|du buoi|du lop|du va|"
    r"khai mac|be mac|dan dau|chia se|khang dinh|de nghi|yeu cau|bao cao|thong tin|gioi thieu|"
    r"truyen dat|quan triet|ket luan|cho rang|dong thoi|danh gia|huong dan|dang|noi|tiep|trao|tang|"
    r"cung|da|se|vua|co mat|cung voi|va cac|va dai dien|va hon|va lanh dao|ve du|den du|du(?!\s+khuyet)|"
    r"nhan dinh|de cap|phan tich|luu y|dong gop|giai dap|trao doi|cung cap|cap nhat|tom tat|nhac lai|"
    r"bay to|gui|nhan|tai|trong|theo|khi|ve|la|dung|di|den|tu"
)
VERB_AT = re.compile(r"\s(?:" + VERBS + r")\b")


def _verb_at(text: str, folded: str) -> int | None:
    """Where the first verb or joining word of `text` stands; words written with a capital
    ("Đảng", "Đà Lạt", "Thông tin và Truyền thông") are names, not verbs."""
    for m in VERB_AT.finditer(folded):
        if text[m.start() + 1 : m.start() + 2].islower():
            return m.start()
    return None


ORG_HEAD = re.compile(
    r"(?:Bộ|Ban|Sở|Ủy ban|Uỷ ban|UBND|HĐND|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Đảng ủy|Đảng đoàn|Cục|"
    r"Tổng cục|Vụ|Viện|Học viện|Trường|Đại học|Hội(?! nghị| thảo| trường| đồng nghiệp)|Hội đồng|Liên hiệp|"
    r"Mặt trận|Trung tâm|Đài|Báo|Tạp chí|Thông tấn xã|Văn phòng|Đoàn|Tổng Liên đoàn|Công an|Bộ Chỉ huy|"
    r"Bộ Tư lệnh|Quân khu|Ban Chỉ đạo|BCĐ|Cổng|Đại sứ quán|Tổng Lãnh sự quán|Cơ quan|Quỹ|Công ty|Tập đoàn|"
    r"Chính phủ|Quốc hội|Tỉnh đoàn|Thành đoàn|Sở|Phòng|Chi cục|Hiệp hội|Liên đoàn|Nhà xuất bản|"
    r"[A-ZĐ]{2,}[A-ZĐ&\-]*)(?=[\s,.]|$)"
)
VENUE_HEAD = re.compile(
    r"^(?:trụ sở|hội trường|khách sạn|trung tâm|học viện|nhà văn hóa|nhà văn hoá|nhà khách|phòng|cung|"
    r"trường|sở|ủy ban|uỷ ban|ubnd|tỉnh ủy|thành ủy|khu|câu lạc bộ|bảo tàng|nhà hát|tòa nhà|toà nhà|"
    r"văn phòng|đại học|viện|resort|hotel)\b",
    re.IGNORECASE,
)
NOT_A_PLACE = re.compile(
    r"^(?:hoi nghi|hoi thao|buoi|lop|su kien|day|chuong trinh|dien dan|toa dam|cuoc|phien|ky hop|"
    r"the gioi|viet nam\b(?!\s*-)|nhieu|cac|moi|dia phuong|co so|khu vuc|mot so)"
)
COUNTRIES = {
    "philippines",
    "lao",
    "campuchia",
    "singapore",
    "thai lan",
    "indonesia",
    "malaysia",
    "myanmar",
    "brunei",
    "trung quoc",
    "nhat ban",
    "han quoc",
    "an do",
    "uc",
    "my",
    "hoa ky",
    "phap",
    "duc",
    "anh",
    "nga",
}
# Provincial capitals and centrally-run cities (folded city → province as written).
CITY_PROVINCE = {
    "nha trang": "Khánh Hòa",
    "da lat": "Lâm Đồng",
    "bao loc": "Lâm Đồng",
    "lang son": "Lạng Sơn",
    "ha noi": "Hà Nội",
    "ho chi minh": "Hồ Chí Minh",
    "hcm": "Hồ Chí Minh",
    "da nang": "Đà Nẵng",
    "hai phong": "Hải Phòng",
    "can tho": "Cần Thơ",
    "hue": "Thừa Thiên Huế",
    "vinh": "Nghệ An",
    "thanh hoa": "Thanh Hóa",
    "ha long": "Quảng Ninh",
    "quy nhon": "Bình Định",
    "tuy hoa": "Phú Yên",
    "phan thiet": "Bình Thuận",
    "phan rang - thap cham": "Ninh Thuận",
    "phan rang-thap cham": "Ninh Thuận",
    "buon ma thuot": "Đắk Lắk",
    "pleiku": "Gia Lai",
    "kon tum": "Kon Tum",
    "gia nghia": "Đắk Nông",
    "vung tau": "Bà Rịa - Vũng Tàu",
    "ba ria": "Bà Rịa - Vũng Tàu",
    "bien hoa": "Đồng Nai",
    "thu dau mot": "Bình Dương",
    "tay ninh": "Tây Ninh",
    "dong xoai": "Bình Phước",
    "tan an": "Long An",
    "my tho": "Tiền Giang",
    "ben tre": "Bến Tre",
    "tra vinh": "Trà Vinh",
    "vinh long": "Vĩnh Long",
    "cao lanh": "Đồng Tháp",
    "long xuyen": "An Giang",
    "rach gia": "Kiên Giang",
    "phu quoc": "Kiên Giang",
    "vi thanh": "Hậu Giang",
    "soc trang": "Sóc Trăng",
    "bac lieu": "Bạc Liêu",
    "ca mau": "Cà Mau",
    "dong hoi": "Quảng Bình",
    "dong ha": "Quảng Trị",
    "tam ky": "Quảng Nam",
    "hoi an": "Quảng Nam",
    "quang ngai": "Quảng Ngãi",
    "ha tinh": "Hà Tĩnh",
    "ninh binh": "Ninh Bình",
    "nam dinh": "Nam Định",
    "thai binh": "Thái Bình",
    "phu ly": "Hà Nam",
    "hung yen": "Hưng Yên",
    "hai duong": "Hải Dương",
    "bac ninh": "Bắc Ninh",
    "bac giang": "Bắc Giang",
    "vinh yen": "Vĩnh Phúc",
    "viet tri": "Phú Thọ",
    "thai nguyen": "Thái Nguyên",
    "tuyen quang": "Tuyên Quang",
    "ha giang": "Hà Giang",
    "cao bang": "Cao Bằng",
    "bac kan": "Bắc Kạn",
    "lao cai": "Lào Cai",
    "yen bai": "Yên Bái",
    "son la": "Sơn La",
    "dien bien phu": "Điện Biên",
    "lai chau": "Lai Châu",
    "hoa binh": "Hòa Bình",
    "sa pa": "Lào Cai",
}
PROVINCE_NAMES = {fold(name): name for name in CITY_PROVINCE.values()}
CENTRAL_CITIES = {"ha noi", "ho chi minh", "da nang", "hai phong", "can tho", "hue"}

PARTS_OF_DAY = {"sang": "morning", "trua": "afternoon", "chieu": "afternoon", "toi": "evening", "dem": "evening"}

KIND_WORDS = [  # (folded words, Event.Kind), first match wins
    (r"\btap huan\b|\bboi duong\b|\blop hoc\b", "training"),
    (r"\b(?:tong ket|so ket)\b", "review"),
    (r"\bhoi nghi (?:cac )?bo truong\b|\bamri\b", "ministerial"),
    (r"\bsom\b|\bquan chuc cao cap\b", "som"),
    (r"\bhoi thao\b|\btoa dam\b|\bdien dan\b", "seminar"),
    (r"\bhoi nghi\b", "conference"),
]
EVENT_NOUN = r"(?:hoi nghi|hoi thao|lop tap huan|lop boi duong|tap huan|toa dam|dien dan|chuong trinh tap huan)"

DOC_KINDS = {
    "ket luan": ("Kết luận", "KL"),
    "nghi quyet": ("Nghị quyết", "NQ"),
    "chi thi": ("Chỉ thị", "CT"),
    "ke hoach": ("Kế hoạch", "KH"),
    "quyet dinh": ("Quyết định", "QĐ"),
    "nghi dinh": ("Nghị định", "NĐ"),
    "thong tu": ("Thông tư", "TT"),
    "huong dan": ("Hướng dẫn", "HD"),
    "thong bao": ("Thông báo", "TB"),
    "cong van": ("Công văn", "CV"),
    "de an": ("Đề án", "ĐA"),
}
SYMBOL = re.compile(
    r"(?<![\w/-])(\d{1,5})\s?[-/]\s?((?:NQ|KL|CT|KH|QĐ|QD|NĐ|ND|TT|HD|HĐ|TB|CV|BC|ĐA|DA|TTr|QC|CĐ)"
    r"(?:[-/][A-ZĐ][A-Za-zĐđ]*){1,3})(?![\w])"
)
CITED = re.compile(
    r"\b(ket luan|nghi quyet|chi thi|ke hoach|quyet dinh|nghi dinh|thong tu|huong dan|de an)\s+(?:so\s+)?"
    r"(\d{1,5})(?![\d/-])"
)
CONGRESS_DOC = re.compile(
    r"\b(bao cao chinh tri|van kien|nghi quyet)\s+dai hoi\s+(?:dai bieu toan quoc\s+)?(?:lan thu\s+)?"
    r"([xvil]{1,6})\b(?:\s+cua dang)?"
)
NAMED_PLAN = re.compile(
    r"(?:Kế hoạch|Chiến lược|Chương trình|Đề án|Tầm nhìn)\s+[A-ZĐÀ-Ỹ][^.,;:()“”\"]{2,120}?"
    r"(?:giai đoạn\s+)?(?:19|20)\d\d\s?[-–]\s?(?:19|20)\d\d"
)
ISSUERS = {
    "cua chinh phu": "Chính phủ",
    "cua bo chinh tri": "Bộ Chính trị",
    "cua ban bi thu": "Ban Bí thư",
    "cua thu tuong chinh phu": "Thủ tướng Chính phủ",
    "cua thu tuong": "Thủ tướng Chính phủ",
    "cua ban chap hanh trung uong": "Ban Chấp hành Trung ương",
    "cua trung uong": "Ban Chấp hành Trung ương",
}

# Lines that end the article: credits and the page's own furniture.
CREDIT = re.compile(
    r"^\s*(?:(?P<kind>tin,?\s*anh|tin va anh|bai,?\s*anh|bai va anh|nguon tin|nguon|tac gia bai viet|tac gia|"
    r"anh|video|tin|bai)\s*:\s*(?P<who>.+?))\s*$"
)
FURNITURE = re.compile(
    r"^\s*(?:chia se|y kien ban doc|thich va chia se|nhap binh luan|tin lien quan|bai lien quan|tin khac|"
    r"cac tin khac|nhung tin moi hon|nhung tin cu hon|tin cung chuyen muc|xem them|binh luan|gui binh luan|"
    r"in bai|ban in|tags?|tu khoa|doc nhieu|tin moi|tin doc nhieu|quang cao)\b"
)
DATELINE = re.compile(
    r"^\s*(?:(?:thu\s+(?:hai|ba|tu|nam|sau|bay)|chu nhat)\s*,?\s*)?(?:ngay\s+)?(\d{1,2})/(\d{1,2})/(\d{4})"
    r"(?:\s*[-,|]?\s*\d{1,2}[:h]\d{2}(?:\s*\(?gmt[+\d:]*\)?)?)?\s*$"
)
CAPTION_LABEL = re.compile(r"^\s*(?:chu thich anh|anh minh hoa|img|image|photo)\s*$")


# ---------------------------------------------------------------------------------------------------
# Text preparation


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]", "\n", text)
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\ufeff]", "", text)
    text = text.replace("\xa0", " ").replace("\t", " ")
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def is_vietnamese(text: str) -> bool:
    """Whether `text` holds Vietnamese prose: its letters and some of its commonest words."""
    letters = len(VIETNAMESE_LETTERS.findall(text[:20000]))
    words = len(COMMON_WORDS.findall(fold(text[:20000])))
    return letters >= 5 and words >= 2


_ABBREVIATIONS = re.compile(r"(?:\b(?:TP|Tp|TS|ThS|GS|PGS|St|Th|Q|P|TX|TT|ĐC|Đ/c|Mr|Ms|Dr)|\b[A-ZĐ])\.$")


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph; "TP. Nha Trang", "PGS.TS" and initials do not end one."""
    found, start = [], 0
    for m in re.finditer(r"[.!?…]+[”\"']?(?=\s+[“\"'(]?[A-ZĐÀ-Ỹ0-9])", paragraph):
        if _ABBREVIATIONS.search(paragraph[max(0, m.end() - 6) : m.end()]):
            continue
        found.append(paragraph[start : m.end()].strip())
        start = m.end()
    rest = paragraph[start:].strip()
    if rest:
        found.append(rest)
    return [s for s in found if s]


def _word_count(line: str) -> int:
    return len(line.split())


def _looks_like_headline(line: str) -> bool:
    words = _word_count(line)
    return 4 <= words <= 40 and not line.endswith((".", ":", ";")) and not DATELINE.match(fold(line))


def _looks_like_byline(line: str) -> bool:
    """A short line of a name or initials: "Lô Thanh", "N.T", "Trâm Anh, Duy Hoàng (VTV8)"."""
    if not line or len(line) > 80 or line.endswith((".", ":", "?", "!")) or _word_count(line) > 9:
        return False
    bare = re.sub(r"\([^)]*\)", "", line).strip(" -–")
    if not bare:
        return False
    if re.fullmatch(r"(?:[A-ZĐ]\.){1,3}[A-ZĐ]?\.?", bare.replace(" ", "")):
        return True
    parts = [p.strip() for p in re.split(r",|-|–|/", bare) if p.strip()]
    return bool(parts) and all(re.fullmatch(r"(?:[A-ZĐÀ-Ỹ][\w']*\.?)(?:\s[A-ZĐÀ-Ỹ][\w']*\.?){0,4}", p) for p in parts)


# ---------------------------------------------------------------------------------------------------
# The reader


def read_article(text: str, *, published_on: date | None = None, url: str = "", publisher: str = "") -> Proposal:
    """Propose an event's facts from a Vietnamese press report. Never raises: a failure is a warning."""
    proposal = Proposal(source=SourceProposal(publisher=publisher or "", url=url or "", published_on=published_on))
    try:
        _read(proposal, text if isinstance(text, str) else "")
    except Exception:  # noqa: BLE001 — the reader proposes; a bug in one pattern must not lose the paste
        proposal.warnings.append(_("The article could not be read completely; check every field."))
    return proposal


def _read(proposal: Proposal, text: str) -> None:
    text = _clean(text)
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        proposal.warnings.append(_("The text is very long: only its beginning was read."))
    if not text.strip() or not is_vietnamese(text):
        proposal.warnings.append(_("No Vietnamese text found: nothing could be proposed."))
        return

    lines = [line for line in text.split("\n")]
    headline, body_lines, tail_lines = _split_article(proposal, lines)
    paragraphs = [line for line in body_lines if line and not CAPTION_LABEL.match(fold(line))]
    all_sentences = [s for p in paragraphs for s in sentences(p)]
    lead = all_sentences[:LEAD_SENTENCES]

    _read_credits(proposal, body_lines, tail_lines)
    _read_title_and_kind(proposal, headline, all_sentences)
    _read_date(proposal, headline, all_sentences, lead)
    _read_place(proposal, headline, lead)
    _read_organisers(proposal, ([headline] if headline else []) + lead)
    _read_people(proposal, ([headline] if headline else []) + all_sentences)
    _read_figures(proposal, all_sentences)
    _read_directives(proposal, all_sentences)
    _province_from_publisher(proposal, text)


def _split_article(proposal: Proposal, lines: list[str]) -> tuple[str, list[str], list[str]]:
    """(headline, body lines, lines after the body) — the body ends at a credit or the page's furniture."""
    headline = ""
    body: list[str] = []
    end = len(lines)
    for index, line in enumerate(lines):
        folded = fold(line)
        if body and (CREDIT.match(folded) and not folded.startswith(("anh:", "anh :"))) or FURNITURE.match(folded):
            end = index
            break
        dateline = DATELINE.match(folded)
        if dateline and not body:
            if proposal.source.published_on is None:
                proposal.source.published_on = _safe_date(*map(int, dateline.group(3, 2, 1)))
            continue
        if not line:
            continue
        if not body and not headline and _looks_like_headline(line) and _word_count(line) >= 4:
            headline = line
            continue
        if not body and _word_count(line) < 4 and not re.search(r"\d", line):
            continue  # a section label ("Tin tức") before the article
        body.append(line)
    tail = lines[end:]
    # A byline closing the body ("Lô Thanh") belongs to the credits, not the prose.
    while body and _looks_like_byline(body[-1]) and len(body) > 1:
        tail.insert(0, body.pop())
    return headline, body, tail


def _read_credits(proposal: Proposal, body: list[str], tail: list[str]) -> None:
    for line in tail[:12]:
        folded = fold(line)
        if FURNITURE.match(folded):
            break
        credit = CREDIT.match(folded)
        if credit:
            who = line[credit.start("who") : credit.end("who")].strip()
            if not proposal.source.credit:
                proposal.source.credit = line.strip()
            kind = credit.group("kind")
            if kind.startswith(("tin", "bai", "tac gia")) and not proposal.source.author:
                proposal.source.author = re.split(r"\s*/\s*|\s*\(|\s+-\s+", who)[0].strip()
            continue
        if _looks_like_byline(line) and not proposal.source.author:
            proposal.source.author = re.sub(r"\s*\([^)]*\)\s*$", "", line).strip()
            if not proposal.source.credit:
                proposal.source.credit = line.strip()
    for line in body:  # "Ảnh: …" under a photo in the body
        folded = fold(line)
        if folded.startswith(("anh:", "anh :")) and not proposal.source.credit:
            proposal.source.credit = line.strip()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _read_title_and_kind(proposal: Proposal, headline: str, all_sentences: list[str]) -> None:
    name, evidence = "", ""
    for sentence in all_sentences[:LEAD_SENTENCES]:
        folded = fold(sentence)
        m = re.search(r"\b(?:to chuc|khai mac|dien ra|dang cai)\s+(?:(?:cac|mot)\s+)?(" + EVENT_NOUN + r")\b", folded)
        if m:
            end = _name_end(folded, m.start(1))
            name, evidence = sentence[m.start(1) : end].strip(" ,"), sentence
            break
        m = re.match(
            # each comma-ended part matched one way only, and the name bounded: linear on any paste
            r"^(?:[^,]*,)*?\s*("
            + EVENT_NOUN
            + r"\b.{0,250}?)\s+(?:da duoc|duoc|se duoc|da)\s+(?:to chuc|khai mac|dien ra)",
            folded,
        )
        if m and len(m.group(1)) < 250:
            # "Hội nghị do Bộ Ngoại giao và UBND tỉnh … đồng tổ chức đã diễn ra": the organisers are not the name
            name = re.split(r"\s+do\s+(?=[A-ZĐÀ-Ỹ])", sentence[m.start(1) : m.end(1)])[0]
            name, evidence = name.strip(" ,"), sentence
            break
    if headline and re.fullmatch(EVENT_NOUN, fold(name)):
        name = ""  # "Hội nghị" alone names nothing: the headline does
    if name:
        proposal.title = _capitalise(name)
        proposal.evidence["title"] = evidence
    elif headline:
        proposal.title = headline
        proposal.evidence["title"] = headline
    folded = fold(proposal.title or headline)
    for pattern, kind in KIND_WORDS:
        if re.search(pattern, folded):
            proposal.kind = kind
            proposal.evidence["kind"] = proposal.title or headline
            break


def _name_end(folded: str, start: int) -> int:
    """Where an event's name ends in a sentence: a full stop, or where the sentence goes on."""
    stop = len(folded)
    for pattern in (
        r"\.(?:\s|$)",
        r"\s(?:nham|voi su tham du|voi su tham gia|tai|cho|de)\s",
        r";",
        r"\s\(",
    ):
        m = re.compile(pattern).search(folded, start)
        if m and m.start() < stop:
            stop = m.start()
    return stop


# ---------------------------------------------------------------------------------------------------
# Dates

# "mồng"/"mùng" before a day of the first ten of a month ("sáng mồng 8/3", "từ ngày mùng 5 đến mùng 7/3").
# A single date after it counts only after a date word (DATE_CONTEXT): "chào mừng 8/3" folds alike.
MONG = r"(?:(?:mong|mung)\s+)?"
WEEKDAY = r"(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)"  # "sáng thứ Ba (6/11)", "thứ Sáu, ngày 8/3"
DATE_WORD = (
    r"(?:(?P<pod>sang|trua|chieu|toi|dem)\s+)?(?:"
    + WEEKDAY
    + r"\s*[,(]?\s*)?(?:(?:hom\s+)?nay\s*\(?\s*)?(?:ngay\s+)?"
    + MONG
)
# Between a day and its month, a month and its year: "6/11/2018", "6-11", "6 tháng 11 năm 2018"
TO_MONTH, TO_YEAR = r"(?:[/-]|\s+thang\s+)", r"(?:[/-]|\s*,?\s+nam\s+)"
RANGE = re.compile(
    r"\b(?:tu\s+(?:(?P<pod>sang|trua|chieu|toi)\s+)?|(?P<pod1>sang|trua|chieu)\s+)(?:ngay\s+)?"
    + MONG
    + r"(?P<d1>\d{1,2})(?:"
    + TO_MONTH
    + r"(?P<m1>\d{1,2}))?(?:"
    + TO_YEAR
    + r"(?P<y1>\d{4}))?"
    r"\s*(?:den|toi|-|–)\s*(?:(?:sang|trua|chieu|toi)\s+)?(?:het\s+)?(?:ngay\s+)?"
    + MONG
    + r"(?P<d2>\d{1,2})"
    + TO_MONTH
    + r"(?P<m2>\d{1,2})(?:"
    + TO_YEAR
    + r"(?P<y2>\d{4}))?\b"
    r"|\b(?:(?P<pod2>sang|trua|chieu|toi)\s+)?(?:trong\s+)?(?:hai\s+)?ngay\s+"
    + MONG
    + r"(?P<d3>\d{1,2})\s*(?:-|–|va)\s*"
    + MONG
    + r"(?P<d4>\d{1,2})"
    + TO_MONTH
    + r"(?P<m4>\d{1,2})(?:"
    + TO_YEAR
    + r"(?P<y4>\d{4}))?\b"
)
# One day: "12/7", "12-7-2019", "6/11/18", "06.11.2018" (dots only with a year: "1.5" is a number),
# "6 tháng 11 năm 2018".
SINGLE = re.compile(
    r"(?:^|(?<=[\s,(]))" + DATE_WORD + r"(?P<d>\d{1,2})(?:\s?[/-]\s?(?P<m>\d{1,2})(?:\s?[/-]\s?(?P<y>\d{4}|\d\d))?"
    r"|\.(?P<dm>\d{1,2})\.(?P<dy>\d{4})|\s+thang\s+(?P<tm>\d{1,2})(?:\s*,?\s+nam\s+(?P<ty>\d{4}))?)(?![\d/-])"
)
DATE_CONTEXT = re.compile(
    r"(?:ngay|sang|trua|chieu|toi|dem|nay|vao|" + WEEKDAY + r")(?:\s+(?:mong|mung))?\s*[,(]?\s*(?:ngay\s+)?$"
)
STAMP_TIME = re.compile(r"\s*[-|]\s*\d{1,2}:\d{2}\b")
NO_DAY = re.compile(
    r"\b(?:vua qua|moi day|vua (?:to chuc|dien ra|khai mac|duoc to chuc)|gan day|tuan qua|thoi gian qua)\b"
)
TODAY = re.compile(r"\b(?P<pod>sang|chieu|toi|trua)\s+nay\b(?!\s*\(?\s*(?:ngay\s*)?\d)|\bhom nay\b(?!\s*\(?\s*\d)")
YEAR_IN_NAME = re.compile(r"\bnam\s+((?:19|20)\d\d)\b(?!\s*[-–])")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _directive_date(folded: str, start: int) -> bool:
    """A date that belongs to a document ("Kế hoạch số 190/KH-UBND ngày 18/4/2019", "ban hành ngày")."""
    before = folded[max(0, start - 40) : start]
    return bool(
        re.search(r"(?:\d+\s?[/-]\s?[a-z]{1,6}(?:[-/][a-z]+)*\s*,?\s*|ban hanh\s*(?:vao\s*)?)(?:ngay\s*)?$", before)
    )


def _date_candidates(sentence: str):
    folded = fold(sentence)
    for m in RANGE.finditer(folded):
        if _directive_date(folded, m.start()):
            continue
        if m.group("d1"):
            d1, m1, y1 = int(m.group("d1")), m.group("m1"), m.group("y1")
            d2, m2, y2 = int(m.group("d2")), int(m.group("m2")), m.group("y2")
            pod = m.group("pod") or m.group("pod1")
        else:
            d1, m1, y1 = int(m.group("d3")), None, None
            d2, m2, y2 = int(m.group("d4")), int(m.group("m4")), m.group("y4")
            pod = m.group("pod2")
        m1 = int(m1) if m1 else m2
        y2 = int(y2) if y2 else None
        y1 = int(y1) if y1 else (y2 if y2 and m1 <= m2 else None)
        yield m.start(), (d1, m1, y1), (d2, m2, y2), pod, sentence
    ranges = [(r.start(), r.end()) for r in RANGE.finditer(folded)]
    for m in SINGLE.finditer(folded):
        # what precedes is looked at through a window: a paste of one endless sentence stays linear
        if not DATE_CONTEXT.search(folded[max(0, m.start("d") - 30) : m.start("d")]) or _directive_date(
            folded, m.start()
        ):
            continue
        if any(start <= m.start("d") < end for start, end in ranges):
            continue
        if STAMP_TIME.match(folded, m.end()):
            continue  # "Thứ sáu, 07/06/2024 - 06:55": the page's time of publication, run into the text
        day, month = int(m.group("d")), int(m.group("m") or m.group("dm") or m.group("tm"))
        year = m.group("y") or m.group("dy") or m.group("ty")
        if year and len(year) == 2:  # "6/11/18": this century, or the last one's end ("6/11/98")
            year = ("20" if int(year) <= 50 else "19") + year
        yield m.start(), (day, month, int(year) if year else None), None, m.group("pod"), sentence


def _read_date(proposal: Proposal, headline: str, all_sentences: list[str], lead: list[str]) -> None:
    chosen = None
    event_words = re.compile(r"\b(?:" + EVENT_NOUN + r"|khai mac|dien ra|to chuc|be mac)\b")
    for index, sentence in enumerate(([headline] if headline else []) + all_sentences):
        in_lead = sentence in lead or sentence == headline
        for candidate in _date_candidates(sentence):
            (day, month, _year) = candidate[1]
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            if in_lead or event_words.search(fold(sentence)):
                chosen = candidate
                break
        if chosen or index > 12:
            break
    published = proposal.source.published_on
    if chosen:
        _, start, end, pod, sentence = chosen
        proposal.evidence["date"] = sentence
        if pod:
            proposal.part_of_day = PARTS_OF_DAY[pod]
        _set_dates(proposal, start, end, published)
        if proposal.start_date and not end:
            _read_closing_date(proposal, [s for s in all_sentences if s != sentence])
        return
    for sentence in ([headline] if headline else []) + lead:
        today = TODAY.search(fold(sentence))
        if today and published:
            proposal.start_date, proposal.date_precision = published, "day"
            if today.group("pod"):
                proposal.part_of_day = PARTS_OF_DAY[today.group("pod")]
            proposal.evidence["date"] = sentence
            proposal.warnings.append(
                _("The article says “today”: the day is the publication date (%(date)s); check it.")
                % {"date": published.strftime("%d/%m/%Y")}
            )
            return
    _date_without_day(proposal, lead, published)


CLOSING = re.compile(r"\b(?:be mac|ket thuc|keo dai den|den het ngay)\b")
EVENT_NAMED = re.compile(r"\b" + EVENT_NOUN + r"\b")


def _read_closing_date(proposal: Proposal, sentences: list[str]) -> None:
    """The last day, from a later sentence that closes the event ("Lớp tập huấn bế mạc chiều 15/9"):
    a day within a month after the first."""
    start = proposal.start_date
    for sentence in sentences:
        folded = fold(sentence)
        if not (CLOSING.search(folded) and EVENT_NAMED.search(folded)):
            continue
        for _position, (day, month, year), end, _pod, _sentence in _date_candidates(sentence):
            if end is None:
                closing = _safe_date(year or (start.year if month >= start.month else start.year + 1), month, day)
                if closing and start < closing <= start + timedelta(days=31):
                    proposal.end_date = closing
                    return


def _set_dates(proposal: Proposal, start, end, published: date | None) -> None:
    day, month, year = start
    if year is None:
        year = _year_for(proposal, day, month, published)
    if year is None:
        proposal.day_month = (day, month)
        return
    start_date = _safe_date(year, month, day)
    if start_date is None:
        proposal.warnings.append(
            _("The article's date %(day)s/%(month)s does not exist.") % {"day": day, "month": month}
        )
        return
    proposal.start_date, proposal.date_precision = start_date, "day"
    if end:
        d2, m2, y2 = end
        end_year = y2 or (year if m2 >= month else None)
        end_date = _safe_date(end_year, m2, d2) if end_year else None
        if end_date and end_date >= start_date:
            proposal.end_date = end_date
        else:
            proposal.warnings.append(_("The end of the dates' range could not be read; check it."))


def _year_for(proposal: Proposal, day: int, month: int, published: date | None) -> int | None:
    """The year of a day and month the article gives without one, or None with a warning."""
    if published is not None:
        if month <= published.month:
            return published.year
        proposal.warnings.append(
            _(
                "The article gives %(day)s/%(month)s without a year and was published on %(published)s: "
                "the year is uncertain and was left for you to enter."
            )
            % {"day": day, "month": month, "published": published.strftime("%d/%m/%Y")}
        )
        return None
    named = _year_in_event_name(proposal)
    if named:
        proposal.warnings.append(
            _("The article gives no year; %(year)s is taken from the event's name. Check it.") % {"year": named}
        )
        return named
    proposal.warnings.append(
        _(
            "The article gives %(day)s/%(month)s without a year and no publication date is known: "
            "enter the year yourself."
        )
        % {"day": day, "month": month}
    )
    return None


def _year_in_event_name(proposal: Proposal) -> int | None:
    """The year an event's own name carries ("… tập huấn … năm 2025"), unless it reviews or plans a year."""
    folded = fold(proposal.title)
    if re.search(r"\b(?:tong ket|so ket|trien khai|nhiem vu|ke hoach|giai doan)\b", folded):
        return None
    years = YEAR_IN_NAME.findall(folded)
    return int(years[-1]) if len(set(years)) == 1 else None


def _date_without_day(proposal: Proposal, lead: list[str], published: date | None) -> None:
    """No day in the article: the month or year of a report of recent news, never more."""
    folded_lead = fold(" ".join(lead))
    month = re.search(r"\bthang\s+(\d{1,2})\s*(?:/|nam)\s*((?:19|20)\d\d)\b", folded_lead)
    if month and 1 <= int(month.group(1)) <= 12:
        proposal.start_date = date(int(month.group(2)), int(month.group(1)), 1)
        proposal.date_precision = "month"
        proposal.evidence["date"] = next(s for s in lead if month.group(0) in fold(s))
        proposal.warnings.append(_("The article gives the month, not the day."))
        return
    if published is not None:
        # A report of news is published within days of the event: the month is the publication's
        # once the month is more than five days old, the year otherwise (unless it is early January).
        if published.day > 5:
            proposal.start_date, proposal.date_precision = published.replace(day=1), "month"
        elif (published - timedelta(days=6)).year == published.year:
            proposal.start_date, proposal.date_precision = date(published.year, 1, 1), "year"
        if proposal.start_date:
            recent = NO_DAY.search(folded_lead)
            proposal.evidence["date"] = lead[0] if lead else ""
            if proposal.date_precision == "month":
                message = _("The article gives no day: the date is the month of its publication at most; check it.")
            else:
                message = _("The article gives no day: the date is the year of its publication at most; check it.")
            proposal.warnings.append(f"{message} (“{recent.group(0)}”)" if recent else message)
            return
    named = _year_in_event_name(proposal)
    if named:
        proposal.start_date, proposal.date_precision = date(named, 1, 1), "year"
        proposal.evidence["date"] = proposal.evidence.get("title", "")
        proposal.warnings.append(
            _("The article gives no date; the year %(year)s is taken from the event's name. Check it.")
            % {"year": named}
        )
        return
    proposal.warnings.append(_("No date found in the article: enter it yourself."))


# ---------------------------------------------------------------------------------------------------
# Place

PLACE = re.compile(r"(?:^|(?<=[\s,(]))tai\s+")


def _read_place(proposal: Proposal, headline: str, lead: list[str]) -> None:
    _read_place_phrases(proposal, headline, lead)
    # "Quảng Ninh: Tập huấn nghiệp vụ …": a headline led by the province the report comes from
    prefix = re.match(r"\s*([^:]{2,30}):\s", headline)
    if prefix and not proposal.place_province:
        key = fold(prefix.group(1)).strip()
        province = PROVINCE_NAMES.get(key) or CITY_PROVINCE.get(key)
        if province:
            proposal.place_province = province
            proposal.evidence.setdefault("place", headline)


def _read_place_phrases(proposal: Proposal, headline: str, lead: list[str]) -> None:
    found = False
    for sentence in ([headline] if headline else []) + lead:
        folded = fold(sentence)
        for m in PLACE.finditer(folded):
            rest, rest_folded = sentence[m.end() :], folded[m.end() :]
            if (
                NOT_A_PLACE.match(rest_folded)
                or not rest[:1].isupper()
                and not re.match(r"(?:thanh pho|tinh|tp)\b", rest_folded)
            ):
                continue
            # once a city is known, only a venue is read on ("… tại TP Hồ Chí Minh" in the headline, then
            # "tại Khách sạn Rex, TP Hồ Chí Minh" in the lead)
            if found and not VENUE_HEAD.match(_cut_place(rest, rest_folded)[0]):
                continue
            if _take_place(proposal, rest, rest_folded):
                proposal.evidence["place"] = sentence
                if proposal.venue:
                    return
                found = True
                break


def _cut_place(rest: str, rest_folded: str) -> tuple[str, str]:
    stop = len(rest)
    for pattern in (r"(?<!\btp)(?<!\bts)[.;:(]\s", r"[.;:]$", r","):
        m = re.compile(pattern).search(rest_folded)
        if m and m.start() < stop:
            stop = m.start()
    for m in re.finditer(r"\s(?:" + VERBS + r"|do|va|nham)\b", rest_folded[:stop]):
        if rest[m.start() + 1 : m.start() + 2].islower():
            stop = m.start()
            break
    first = rest[:stop].strip()
    after = rest[stop:]
    return first, after


def _take_place(proposal: Proposal, rest: str, rest_folded: str) -> bool:
    first, after = _cut_place(rest, rest_folded)
    if not first or len(first) > 120:
        return False
    places = [first]
    # "tại Hội trường X, TP Nha Trang, tỉnh Khánh Hòa" / "tại Cebu, Philippines"
    while after.startswith(",") and len(places) < 4:
        nxt, after = _cut_place(after[1:].strip(), fold(after[1:].strip()))
        nf = fold(nxt)
        if re.match(r"(?:tp\.?|thanh pho|tinh|quan|huyen|thi xa)\s", nf) or nf in COUNTRIES or nf in CITY_PROVINCE:
            places.append(nxt)
        else:
            break
    for place in places:
        _place_part(proposal, place)
    return bool(proposal.venue or proposal.city or proposal.place_province or proposal.country)


def _place_part(proposal: Proposal, place: str) -> None:
    folded = fold(place)
    city = re.match(r"(?:tp\.?\s*|thanh pho\s+)(.+)$", folded)
    province = re.match(r"tinh\s+(.+)$", folded)
    if city:
        name = place[city.start(1) :].strip()
        proposal.city = proposal.city or name
        key = fold(name)
        if key in CITY_PROVINCE and not proposal.place_province:
            proposal.place_province = CITY_PROVINCE[key]
    elif province:
        proposal.place_province = place[province.start(1) :].strip()
    elif folded in COUNTRIES:
        proposal.country = proposal.country or place
    elif VENUE_HEAD.match(place):
        proposal.venue = proposal.venue or place
        inner = re.search(r"(?:tp\.?\s*|thanh pho\s+|tinh\s+)([a-z][a-z ]+)$", folded)
        if inner and fold(inner.group(1)).strip() in CITY_PROVINCE:
            key = inner.group(1).strip()
            proposal.place_province = proposal.place_province or CITY_PROVINCE[key]
    else:
        proposal.city = proposal.city or place
        if folded in CITY_PROVINCE and not proposal.place_province:
            proposal.place_province = CITY_PROVINCE[folded]


def _province_from_publisher(proposal: Proposal, text: str) -> None:
    """ "Tỉnh ủy", "UBND tỉnh" with no province named: the publisher's province, when it names one."""
    if proposal.place_province:
        return
    m = re.search(r"\b(?:tinh|thanh pho|tp\.?)\s+([a-z][a-z ]{2,25})$", fold(proposal.source.publisher).strip())
    if not m:
        return
    key = m.group(1).strip()
    named = proposal.source.publisher[m.start(1) : m.start(1) + len(key)]
    local = re.search(r"\b(?:tinh uy|uy ban nhan dan tinh|ubnd tinh|thanh uy|so [a-z& ]+ tinh)\b", fold(text[:5000]))
    if local:
        proposal.place_province = named
        proposal.evidence.setdefault("place", proposal.source.publisher)
        proposal.warnings.append(
            _("No province is named; %(province)s is the publisher's. Check it.") % {"province": named}
        )


# ---------------------------------------------------------------------------------------------------
# Organisers


def _org_from(segment: str) -> str:
    """The organisation a clause ends with: "Ngày 12/7, tại X, Sở A" → "Sở A" (commas inside names kept)."""
    chunks = segment.split(",")
    for index in range(len(chunks) - 1, -1, -1):
        chunk = chunks[index]
        head = ORG_HEAD.search(chunk)
        if head and (index == len(chunks) - 1 or not re.match(r"\s*(?:tại|ngày|sáng|chiều|tối)\b", chunk, re.I)):
            name = ",".join([chunk[head.start() :], *chunks[index + 1 :]]).strip(" ,-–")
            if re.match(r"\s*(?:tại|ngày)\b", chunk[: head.start()], re.I) and index == len(chunks) - 1:
                return ""
            name = re.sub(r"\s+(?:vừa|đã|sẽ|cũng|chính thức|long trọng)$", "", name).strip()
            name = re.sub(r"^.*?\s[-–]\s(?=" + ORG_HEAD.pattern + ")", "", name) if " - " in name[:40] else name
            return name
        if chunk.strip() and chunk.strip()[:1].islower():
            return ""
    return ""


UNIT = re.compile(r"(?:Cục|Vụ|Tổng cục|Viện|Học viện|Trung tâm|Văn phòng)\s")


def _split_orgs(segment: str) -> list[str]:
    parts = re.split(r",\s*|\s+và\s+", segment)
    found, current = [], ""
    for part in parts:
        # "Cục Thông tin đối ngoại, Bộ Thông tin và Truyền thông": a unit and the ministry it belongs to
        of_unit = UNIT.match(current) and part.strip().startswith("Bộ ") and ", " not in current
        if ORG_HEAD.match(part.strip()) and current and not of_unit:
            found.append(current)
            current = part.strip()
        else:
            sep = ", " if current and segment.find(current + ", " + part.strip()) >= 0 else " và "
            current = f"{current}{sep}{part.strip()}" if current else part.strip()
    if current:
        found.append(current)
    return [f.strip(" ,") for f in found if ORG_HEAD.match(f.strip())]


def _organiser(proposal: Proposal, name: str, role: str, sentence: str) -> None:
    name = re.sub(r"(?:\s+(?:vừa|đã|sẽ|cùng|đồng|cùng nhau|chủ trì))+$", "", name.strip(" ,.")).strip()
    if not name or len(name) > 160 or any(fold(m.group(0)) not in NOT_PEOPLE for m in NAME.finditer(name)):
        return
    parent = ""
    m = re.search(r"\s+(?:thuộc|trực thuộc)\s+(.+)$", name) or (UNIT.match(name) and re.search(r",\s*(Bộ .+)$", name))
    if m and ORG_HEAD.match(m.group(1)):
        name, parent = name[: m.start()].strip(), m.group(1).strip()
    key = fold(name)
    if any(fold(o.name) == key for o in proposal.organisers):
        return
    proposal.organisers.append(OrganiserProposal(name=name, role=role, evidence=sentence, parent=parent))


def _read_organisers(proposal: Proposal, lead: list[str]) -> None:
    for sentence in lead:
        folded = fold(sentence)
        # bounded (.{1,300}?): a paste of one endless sentence stays linear
        with_co = re.search(r"\bphoi hop voi\b(.{1,300}?)\b(?:to chuc|khai mac)\b", folded)
        by = re.search(r"\bdo\s+(.{1,300}?)\s+(?:chu tri|to chuc|phoi hop to chuc|dong to chuc)\b", folded)
        if by and ORG_HEAD.match(sentence[by.start(1) :]):
            inner = sentence[by.start(1) : by.end(1)]
            inner_f = fold(inner)
            split = re.search(r"\s(?:phoi hop voi|va|cung)\s", inner_f)
            if split:
                _organiser(proposal, inner[: split.start()], "lead", sentence)
                for name in _split_orgs(inner[split.end() :]):
                    _organiser(proposal, name, "co", sentence)
            else:
                _organiser(proposal, inner, "lead", sentence)
        elif with_co:
            lead_name = _org_from(sentence[: with_co.start()])
            if lead_name:
                _organiser(proposal, lead_name, "lead", sentence)
                for name in _split_orgs(sentence[with_co.start(1) : with_co.end(1)].strip()):
                    _organiser(proposal, name, "co", sentence)
        else:
            m = re.search(
                r"(?<!duoc )(?<!se duoc )\b(?:to chuc|khai mac|chu tri to chuc)\s+(?:" + EVENT_NOUN + r")", folded
            )
            if m:
                name = _org_from(sentence[: m.start()])
                if name:
                    _organiser(proposal, name, "lead", sentence)
        host = re.search(r"\s+dang cai\b", folded)
        if host and host.start():
            name = _org_from(sentence[: host.start()])
            if name:
                _organiser(proposal, name, "host", sentence)
        if proposal.organisers:
            proposal.evidence.setdefault("organisers", sentence)


# ---------------------------------------------------------------------------------------------------
# People

PART_RANK = {"presentation": 4, "speech": 3, "official": 2, "attending": 1, "": 0}


# Where a post is held, after "tại": one to four capitalised words ("Đại sứ Pháp tại Việt Nam").
POST_PLACE = re.compile(r"[A-ZĐÀ-Ỹ][\w-]*(?:\s[A-ZĐÀ-Ỹ][\w-]*){0,3}(?![\w-])(?!\s[A-ZĐÀ-Ỹ])")
POST_WINDOW = 300  # characters: no post is longer, and a paste of one endless sentence stays linear


def _post_after(sentence: str, start: int, names: list[int]) -> tuple[str, int]:
    """The post written after a name (", Phó Vụ trưởng, Vụ X - Bộ Y" / " - Thứ trưởng Bộ Y"); `names`: where
    the sentence's names begin."""
    m = re.match(r"\s*(?:,|[-–]|\()\s*", sentence[start:])
    if not m:
        return "", start
    pos = start + m.end()
    chunks, end = [], pos
    following = [name_start for name_start in names if name_start >= pos]
    spans = []
    while True:
        rest = sentence[pos : pos + POST_WINDOW]
        rest_f = fold(rest)
        continued = (
            chunks
            and ORG_HEAD.search(chunks[-1])
            and rest[:1].isupper()
            and not NAME.match(rest)
            and not HONORIFIC_START.match(rest_f)
            and len(rest_f[: _verb_at(rest, rest_f) or len(rest)].split()) <= 5
        )  # "Bộ Văn hóa, Thể thao và Du lịch": a comma inside the body's name
        if not (POST_START.match(rest_f) or (chunks and ORG_HEAD.match(rest)) or continued):
            break
        stop = len(rest)
        for pattern in (r",", r"\)", r"[.;:“\"]", r"\s\("):
            found = re.compile(pattern).search(rest_f)
            if found and found.start() < stop:
                stop = found.start()
        verb = _verb_at(rest, rest_f)
        place = POST_PLACE.match(rest, verb + 5) if verb is not None and rest_f.startswith(" tai ", verb) else None
        if place:  # "Đại sứ Pháp tại Việt Nam": where the post is held is part of it
            after = _verb_at(rest[place.end() :], rest_f[place.end() :])
            verb = None if after is None else place.end() + after
        if verb is not None and verb < stop:
            stop = verb
        # "và" joins names of bodies ("Thông tin và Truyền thông"); before lower case it ends the post
        joined = re.search(r"\sva\s(?=[a-z])", rest_f[:stop])
        if joined and not rest[joined.end() : joined.end() + 1].isupper():
            stop = joined.start()
        chunk = rest[:stop].strip()
        if not chunk:
            break
        if any(pos <= name_start < pos + stop for name_start in following):
            break  # the next person's name
        chunks.append(chunk)
        spans.append(pos)
        end = pos + stop
        if rest_f[stop : stop + 1] != ",":
            break
        pos = pos + stop + 1
        while pos < len(sentence) and sentence[pos] == " ":
            pos += 1
    if following and chunks and not any(_honorific_before(sentence, following[0])):
        # "A, Thứ trưởng Bộ Thông tin, Văn hóa và Du lịch Lào B": what stands before B is B's post
        theirs = _post_before(sentence, following[0], names)
        cut = sentence.rfind(theirs, 0, following[0]) if theirs and theirs != "\x00" else -1
        if cut >= 0:
            kept = sum(1 for chunk_start in spans if chunk_start < cut)
            if not kept:
                return "", start
            chunks = chunks[:kept]
            end = spans[kept - 1] + len(chunks[-1])
    return ", ".join(chunks), end


def _clause_start(text: str, end: int) -> int:
    """Where the clause of `text` ending at `end` begins: its last comma, semicolon, colon, bracket or
    full stop before `end` (-1: none)."""
    return max(text.rfind(mark, 0, end) for mark in ",;:(.")


def _post_before(sentence: str, start: int, names: list[int]) -> str:
    """The post written before a name ("Thứ trưởng Bộ Thông tin và Truyền thông Nguyễn Thành Hưng")."""
    offset = max(0, start - POST_WINDOW)
    before = sentence[offset:start]
    boundary = _clause_start(before, len(before))
    post = _post_in(sentence, offset + boundary + 1, start, names)
    if post or before[boundary : boundary + 1] != ",":
        return post
    previous = _clause_start(before, boundary)
    between = before[boundary + 1 :]
    if (
        ORG_HEAD.search(before[previous + 1 : boundary])
        and not any(offset + previous < name_start < offset + boundary for name_start in names)
        and between.strip()[:1].isupper()
        and len(between.split()) <= 6
        and _verb_at(between, fold(between)) is None
    ):
        # "Bộ Thông tin, Văn hóa và Du lịch Lào B": a comma inside the body's name
        return _post_in(sentence, offset + previous + 1, start, names)
    return ""


def _post_in(sentence: str, clause_start: int, end: int, names: list[int]) -> str:
    """The post that ends where a name begins (`end`), in the clause from `clause_start`: from the first post
    word after which no other person is named and the sentence does not go on with a verb."""
    clause = sentence[clause_start:end]
    folded = fold(clause)
    for m in re.finditer(r"(?:^|\s)(?=[a-z])", folded):
        if not (POST_START.match(folded[m.end() :]) and clause[m.end() : m.end() + 1].isupper()):
            continue
        post = clause[m.end() :].strip()
        # "Bộ trưởng Ngoại giao Indonesia A và Bộ trưởng Ngoại giao Malaysia B": the first post is A's;
        # "Chủ tịch Hội Nhà báo phát biểu tại “Vietnam Media Forum”": no post of a name
        if any(clause_start + m.end() <= name_start < end for name_start in names) or _goes_on(post):
            continue
        if re.search(r"\b(?:cua|nguyen la|ong|ba)$", folded[: m.end()].strip()):
            return "\x00"  # named as someone's (“của Tổng Bí thư …”): mentioned, not there
        return post
    return ""


def _goes_on(post: str) -> bool:
    """Whether a verb written in lower case stands in `post` ("tại" before a place is part of a post:
    "Đại sứ Việt Nam tại Lào")."""
    folded = fold(post)
    for m in VERB_AT.finditer(folded):
        if post[m.start() + 1 : m.start() + 2].islower() and not (
            folded.startswith(" tai ", m.start()) and post[m.end() + 1 : m.end() + 2].isupper()
        ):
            return True
    return False


def split_post(post: str) -> list[tuple[str, str]]:
    """(title, organisation) of each post as written: "Phó Trưởng Ban Tuyên giáo Tỉnh ủy" →
    ("Phó Trưởng Ban", "Ban Tuyên giáo Tỉnh ủy"); "Vụ trưởng Vụ X - Bộ Y" → ("Vụ trưởng", "Vụ X - Bộ Y")."""
    found = []
    for part in re.split(r",\s*(?=" + r"[A-ZĐÀ-Ỹ])", post):
        part = part.strip()
        folded = fold(part)
        m = POST_START.match(folded)
        if not m:
            if found and ORG_HEAD.match(part) and not found[-1][1]:
                found[-1] = (found[-1][0], part)
            elif found and found[-1][1]:  # "Bộ Văn hóa, Thể thao và Du lịch": a comma inside the name
                found[-1] = (found[-1][0], f"{found[-1][1]}, {part}")
            continue
        title_end = m.end()
        extra = re.match(r"\s+(?:thuong truc|phu trach|thu nhat|chuyen trach)\b", folded[title_end:])
        if extra:
            title_end += extra.end()
        rest = part[title_end:].strip()
        title = part[:title_end].strip()
        if re.match(r"ban\b", fold(rest)) and fold(title).endswith("truong ban"):
            pass
        elif fold(title).endswith(("truong ban", "truong phong", "truong doan")):
            word = title.split()[-1]  # "Trưởng Ban X" → title "Trưởng Ban", body "Ban X"
            rest = f"{word} {rest}".strip() if rest else ""
        if re.fullmatch(r"(?:uy vien|uvbtv|uvtw|tuv)\b.*", folded) and not rest:
            rest = ""
        if fold(title).startswith(("uy vien", "uv")) and rest:
            # "Ủy viên dự khuyết Trung ương Đảng", "Ủy viên Ban Thường vụ Tỉnh ủy": the body is what follows
            # "Ủy viên dự khuyết Trung ương Đảng": a membership is written whole; its body is what follows
            pre = re.match(r"(?:du khuyet|ban thuong vu|ban chap hanh|thuong vu)\s*", fold(rest))
            title = f"{title} {rest}"
            rest = rest[pre.end() :].strip() if pre else rest
        found.append((title, rest))
    return found


def _honorific_before(sentence: str, start: int) -> tuple[str, str]:
    folded = fold(sentence[max(0, start - 40) : start])
    m = HONORIFIC_BEFORE.search(folded)
    if not m or not (m.group("hon") or m.group("acad")):
        return "", ""
    hon = HONORIFICS.get(m.group("hon") or "", "")
    acad = ""
    if m.group("acad"):
        a = m.group("acad").strip()
        for label, pattern in ACADEMIC:
            if re.fullmatch(pattern, a):
                acad = label
                break
    # "ông"/"bà" must be words of their own, not the end of another ("Bông", "lòng bà")
    return hon, acad


def _part_of(sentence: str, folded: str, name_end: int, post_end: int) -> tuple[str, str, str]:
    """(part, official role, talk title) from what the sentence (and `folded`, its fold) says the person did."""
    after = folded[post_end : post_end + 160].lstrip(" ,")  # "A, Tổng Thư ký ASEAN, đánh giá cao …"
    before = folded[: max(0, name_end - 200)][-120:]
    talk = ""
    if re.match(r"\s*(?:cung\s+|da\s+|cung da\s+)*(?:trinh bay|bao cao|thuyet trinh|gioi thieu)\b", after) or re.search(
        r"\b(?:chuyen de|tham luan)\b", after[:60]
    ):
        q = re.search(r"[“\"]([^”\"]{5,400})[”\"]", sentence[post_end:])
        if q and re.search(
            r"\b(?:chuyen de|tham luan|bao cao|noi dung)\b", folded[post_end : post_end + q.start() + 1]
        ):
            talk = q.group(1).strip()
        return "presentation", "", talk
    if re.match(r"\s*(?:cung\s+|da\s+)*(?:dan dau)\b", after):
        return "official", "head_of_delegation", ""
    if re.match(r"\s*(?:cung\s+|da\s+)*(?:chu tri)\b", after):
        return "official", "chair", ""
    if re.match(
        r"\s*(?:cung\s+|da\s+|cung da\s+)*(?:phat bieu|khai mac|neu ro|cho biet|nhan manh|khang dinh|chia se|"
        r"de nghi|yeu cau|cho rang|ket luan|danh gia|quan triet|truyen dat|thong tin|luu y|de cap|phan tich)\b",
        after,
    ) or re.search(
        r"\b(?:phat bieu[^,]*|theo)\s*,?\s*(?:[a-z.]+\s){0,3}$", before + folded[max(0, name_end - 60) : name_end][:0]
    ):
        return "speech", "", ""
    clause_start = folded.rfind(",", 0, max(0, name_end - 1))
    lead_in = folded[max(0, clause_start - 80) : name_end]
    if re.search(r"\b(?:phat bieu|theo)\b[^.]*$", folded[:name_end][-80:]) and re.search(
        r"\b(?:phat bieu(?: tai [a-z ]+)?|theo)\s*,?\s*(?:[^,]*)$", folded[:name_end][-100:]
    ):
        return "speech", "", ""
    if re.search(r"\b(?:tham du|du)\b", lead_in) or re.match(r"\s*(?:cung\s+)?(?:tham )?du\b", after):
        return "attending", "guest", ""
    return "", "", ""


def _read_people(proposal: Proposal, all_sentences: list[str]) -> None:
    people: dict[str, PersonProposal] = {}
    foreign = set()
    for sentence in all_sentences:
        folded = fold(sentence)
        attending_list = re.search(
            r"\b(?:(?:tham du|du)\s+(?:hoi nghi\s+|[a-z ]{0,30})?(?:co|con co)|ve phia [^,.]{1,60}\bco|"
            r"co su tham du cua|voi su tham du cua)\b",
            folded,
        )
        found, names = [], list(_names(sentence))
        starts = [start for start, _end, _foreign in names]
        for start, end, is_foreign in names:
            honorific, academic = _honorific_before(sentence, start)
            post_before = _post_before(sentence, start, starts) if not (honorific or academic) else ""
            if post_before == "\x00":
                continue
            post_after, post_end = _post_after(sentence, end, starts)
            post = post_after or post_before
            if not (honorific or academic or post):
                continue
            part, role, talk = _part_of(sentence, folded, end, post_end)
            if not part and attending_list and attending_list.start() < start:
                part, role = "attending", "guest"
            mention = {"name": sentence[start:end], "honorific": honorific, "academic": academic, "post": post}
            found.append((mention | {"part": part, "role": role, "talk": talk}, post_end, is_foreign))
        # "Bộ trưởng … A và Bộ trưởng … B dự hội nghị": what B did, A did too
        for (this, post_end, _foreign), (following, *_next) in reversed(list(pairwise(found))):
            if not this["part"] and re.match(r"\s*(?:va|cung)\s", folded[post_end : post_end + 6]):
                this["part"], this["role"] = following["part"], following["role"]
        for mention, _post_end, is_foreign in found:
            if mention["part"] or mention["honorific"] or mention["academic"]:
                _add_person(people, sentence=sentence, **mention)
                if is_foreign:
                    foreign.add(mention["name"])
    for person in people.values():
        if person.part in ("speech", "presentation") and person.official_role == "guest":
            person.official_role = ""  # a speaker is recorded by the talk, not as a guest
    proposal.people = list(people.values())
    if foreign:
        # a Vietnamese name is written family name first; foreign ones either way ("Josephine Teo", "Kao Kim Hourn")
        proposal.warnings.append(
            _("Foreign names (%(names)s): which word is the family name is not written; check how each is split.")
            % {"names": ", ".join(sorted(foreign))}
        )
    if proposal.people:
        proposal.evidence["people"] = proposal.people[0].evidence


def _add_person(people, name, honorific, academic, post, part, role, talk, sentence) -> None:
    key = fold(name)
    posts = split_post(post) if post else []
    organisation = posts[-1][1] if posts else ""
    person = people.get(key)
    if person is None:
        people[key] = PersonProposal(
            name=name,
            honorific=honorific,
            academic_title=academic,
            post=post,
            organisation=organisation,
            part=part,
            talk_title=talk,
            evidence=sentence,
            posts=posts,
            official_role=role,
        )
        return
    person.honorific = person.honorific or honorific
    person.academic_title = person.academic_title or academic
    if len(post) > len(person.post):
        person.post, person.organisation, person.posts = post, organisation, posts
    if PART_RANK[part] > PART_RANK[person.part]:
        person.part = part
        person.evidence = sentence
    if role and (not person.official_role or role != "guest"):
        person.official_role = role
    person.talk_title = person.talk_title or talk


# ---------------------------------------------------------------------------------------------------
# Figures

NUMBER = r"(\d{1,3}(?:[.,]\d{3})+|\d+)"
QUALIFIER = {
    "hon": "more_than",
    "tren": "more_than",
    "khoang": "about",
    "chung": "about",
    "xap xi": "about",
    "gan": "almost",
    "ngot": "almost",
}
PEOPLE_NOUNS = (
    r"dai bieu|hoc vien|can bo|nguoi|khach moi|phong vien|nha bao|bao cao vien|cong chuc|vien chuc|"
    r"thanh vien|dai dien|luot nguoi|hoi vien"
)
PARTICIPANTS = re.compile(
    r"(?:(?P<q>hon|tren|khoang|chung|xap xi|gan|ngot)\s+)?" + NUMBER + r"\s+(?:" + PEOPLE_NOUNS + r")\b"
)
PROVINCES = re.compile(
    r"(?:(?P<q>hon|tren|khoang|chung|xap xi|gan|ngot)\s+)?" + NUMBER + r"\s+(?:tinh\s*,\s*thanh(?: pho)?|"
    r"tinh\s*/\s*thanh(?: pho)?|tinh thanh(?: pho)?|tinh va thanh pho|tinh, tp|dia phuong|tinh)\b"
)
SITES = re.compile(r"(?:(?P<q>hon|tren|khoang|gan)\s+)?" + NUMBER + r"\s+diem cau\b")


def _figure(m, sentence: str) -> Figure | None:
    try:
        count = int(re.sub(r"[.,]", "", m.group(2)))
    except ValueError:
        return None
    if count <= 0 or count > 1_000_000:
        return None
    return Figure(count=count, qualifier=QUALIFIER.get(m.group("q") or "", "exact"), evidence=sentence)


def _best(figures: list[Figure]) -> Figure | None:
    """The most precise figure: an exact count agreeing with the qualified ones ("hơn 300" … "320")."""
    if not figures:
        return None
    exact = [f for f in figures if f.qualifier == "exact"]
    for candidate in exact:
        if all(_agrees(candidate.count, f) for f in figures):
            return candidate
    return figures[0]


def _agrees(count: int, figure: Figure) -> bool:
    if figure.qualifier == "exact":
        return count == figure.count
    if figure.qualifier == "more_than":
        return count > figure.count and count < figure.count * 1.5
    if figure.qualifier == "almost":
        return count < figure.count and count > figure.count * 0.8
    return abs(count - figure.count) <= figure.count * 0.2


def _read_figures(proposal: Proposal, all_sentences: list[str]) -> None:
    participants, provinces, sites = [], [], []
    for sentence in all_sentences:
        folded = fold(sentence)
        for m in PARTICIPANTS.finditer(folded):
            if re.search(r"\b(?:nam|thang|ngay|lan|so|khoa)\s*$", folded[max(0, m.start(2) - 20) : m.start(2)]):
                continue
            figure = _figure(m, sentence)
            if figure:
                participants.append(figure)
        for m in PROVINCES.finditer(folded):
            figure = _figure(m, sentence)
            if figure and figure.count <= 70:
                provinces.append(figure)
        for m in SITES.finditer(folded):
            figure = _figure(m, sentence)
            if figure:
                sites.append(figure)
    proposal.participants = _best(participants)
    proposal.provinces_count = _best(provinces)
    proposal.sites = _best(sites)
    for name, figures in (("participants", participants), ("provinces_count", provinces)):
        chosen = getattr(proposal, name)
        if chosen:
            proposal.evidence[name] = chosen.evidence
        if len({(f.count, f.qualifier) for f in figures}) > 1:
            proposal.warnings.append(
                _("The article gives several figures for %(what)s (%(figures)s); %(chosen)s was proposed.")
                % {
                    "what": _("participants") if name == "participants" else _("provinces"),
                    "figures": ", ".join(sorted({str(f.count) for f in figures})),
                    "chosen": chosen.count,
                }
            )


# ---------------------------------------------------------------------------------------------------
# Directives


def _issued(folded: str, end: int) -> date | None:
    m = re.match(
        r"\s*,?\s*(?:ban hanh\s+)?ngay\s+(\d{1,2})\s?[/-]\s?(\d{1,2})\s?[/-]\s?(\d{4})", folded[end : end + 60]
    )
    return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def _issuer(folded: str, end: int) -> str:
    tail = folded[end : end + 40]
    for words, issuer in ISSUERS.items():
        if re.match(r"\s*(?:,\s*)?" + words + r"\b", tail):
            return issuer
    return ""


def _read_directives(proposal: Proposal, all_sentences: list[str]) -> None:
    found: dict[str, DirectiveProposal] = {}
    numbers_with_symbol: set[tuple[str, str]] = set()
    for sentence in all_sentences:
        folded = fold(sentence)
        for m in SYMBOL.finditer(sentence):
            symbol = f"{m.group(1)}{sentence[m.end(1) : m.start(2)].strip()}{m.group(2)}".replace(" ", "")
            letters = fold(m.group(2)).split("/")[0].split("-")[0].upper()
            kind_word = re.search(
                r"\b(" + "|".join(DOC_KINDS) + r")\s+(?:so\s+)?$", folded[max(0, m.start() - 40) : m.start()]
            )
            name = (
                f"{DOC_KINDS[kind_word.group(1)][0]} {symbol}"
                if kind_word
                else next((k for k, v in DOC_KINDS.values() if v.replace("Đ", "D") == letters), "")
            )
            if not kind_word and name:
                name = f"{name} {symbol}"
            key = fold(symbol)
            numbers_with_symbol.add((m.group(1), letters))
            if key not in found:
                found[key] = DirectiveProposal(
                    symbol=symbol,
                    name=name or symbol,
                    evidence=sentence,
                    issued_on=_issued(folded, m.end()),
                    issuer=_issuer(folded, m.end()),
                )
        for m in CITED.finditer(folded):
            kind, letters = DOC_KINDS[m.group(1)]
            if (m.group(2), letters.replace("Đ", "D")) in numbers_with_symbol:
                continue
            key = f"{fold(kind)} {m.group(2)}"
            if key not in found:
                found[key] = DirectiveProposal(
                    symbol="",
                    name=f"{kind} số {m.group(2)}",
                    evidence=sentence,
                    issued_on=_issued(folded, m.end()),
                    issuer=_issuer(folded, m.end()),
                )
                numbers_with_symbol.add((m.group(2), letters.replace("Đ", "D")))
        for m in CONGRESS_DOC.finditer(folded):
            name = sentence[m.start() : m.end()]
            key = fold(name)
            if key not in found:
                found[key] = DirectiveProposal(symbol="", name=_capitalise(name), evidence=sentence)
        for m in NAMED_PLAN.finditer(sentence):
            name = m.group(0).strip()
            key = fold(name)
            if key not in found and not SYMBOL.search(name):
                found[key] = DirectiveProposal(symbol="", name=name, evidence=sentence)
    proposal.directives = list(found.values())
    if proposal.directives:
        proposal.evidence["directives"] = proposal.directives[0].evidence
