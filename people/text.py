"""Vietnamese text helpers: control characters kept out of the record, folding for search and slugs that keep đ."""

import re
import unicodedata

from django.db import models
from django.utils.text import slugify

_D = str.maketrans({"đ": "d", "Đ": "D"})
_SEPARATORS = str.maketrans({"/": " ", "&": " "})  # 47/NQ-CP → 47-nq-cp, not 47nq-cp
_SPACES = re.compile(r"\s+")
# Django's slugify keeps "_" as a word character ("hội nghị_2024" → "hoi-nghi_2024"): a slug here joins words with "-".
_JOINS = re.compile(r"[-_\s]+")

# The apps whose rows make the record (their simple-history copies included): every text written to
# them goes through `clean_text` (people.apps connects `clean_text_fields` to each of their models).
RECORD_APPS = ("people", "briefings", "events", "registrations")
# C0 controls, DEL and C1 controls: nothing a reader means to type, and XML (feeds, XLSX) refuses most.
# The patterns are written with escapes, not the characters, so PostgreSQL's regular expressions read
# them too (events/migrations/0005_clean_control_characters.py); PostgreSQL stores no NUL at all.
CONTROL_PATTERN = r"[\x00-\x1f\x7f-\x9f]"
# What a multi-line text keeps (tab, newline) is no reason to rewrite it; a carriage return is.
MULTILINE_CONTROL_PATTERN = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_CONTROLS = re.compile(CONTROL_PATTERN)
_MULTILINE_CONTROLS = re.compile(MULTILINE_CONTROL_PATTERN)
# Line breaks: CR LF and CR (Windows, old Mac), vertical tab (Word's manual line break), form feed
# (Word's page break) and NEL (U+0085). A run of them, or of tabs, is one space on a single line.
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85]")
_SINGLE_LINE_SPACES = re.compile(r"[\t\n\r\x0b\x0c\x85]+")


def clean_text(text: str, *, multiline: bool) -> str:
    r"""`text` without control characters (C0, DEL, C1), as the record keeps it.

    A multi-line text keeps tab and newline, and any other line break becomes a newline:
    "a\r\nb\x0bc" → "a\nb\nc". On a single line a run of tabs and line breaks is one space, so words
    stay apart: "a\x0bb" → "a b". Every other control character is dropped. Printable text is left as
    it is: Vietnamese in any normal form, its combining marks, and the no-break space (U+00A0).
    """
    if not _CONTROLS.search(text):
        return text  # nearly every value: no copy
    if multiline:
        return _MULTILINE_CONTROLS.sub("", _BREAKS.sub("\n", text))
    return _CONTROLS.sub("", _SINGLE_LINE_SPACES.sub(" ", text))


def text_fields(model) -> list[tuple[str, bool]]:
    """(attribute name, multi-line?) of each text column of `model`: every CharField and TextField,
    their subclasses (SlugField, EmailField, URLField…) included; TextFields are the multi-line ones."""
    return [
        (field.attname, isinstance(field, models.TextField))
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def clean_text_fields(sender, instance, **kwargs):
    """pre_save receiver: the instance's text values go through `clean_text` before any row is written,
    whichever writer (admin, portal, services, demo loader, fixtures) saves it."""
    for attname, multiline in text_fields(sender):
        value = getattr(instance, attname)
        if isinstance(value, str):
            setattr(instance, attname, clean_text(value, multiline=multiline))


def fold(text: str) -> str:
    """Lower-case `text` and strip its diacritics: "Nghị quyết Đà Lạt" → "nghi quyet da lat".

    đ is a letter of its own, not d with a mark, so Unicode decomposition keeps it; map it first.
    """
    # Control characters are dropped (NUL: PostgreSQL refuses it in text), so a folded column written
    # before the row's text was cleaned on save (see clean_text_fields) holds none either.
    decomposed = unicodedata.normalize("NFD", clean_text(text or "", multiline=False).translate(_D))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare).strip().casefold()


def slugify_vi(text: str, *, max_length: int = 80) -> str:
    """Django's slugify after mapping đ→d, cut at a word boundary: "Đà Lạt" → "da-lat"."""
    slug = _JOINS.sub("-", slugify(text.translate(_D).translate(_SEPARATORS))).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def unique_slug(instance, text: str, *, field: str = "slug", max_length: int = 80) -> str:
    """A slug for `instance` from `text`, with -2, -3… added if another row already has it."""
    base = slugify_vi(text, max_length=max_length - 4) or "x"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 1
    while others.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def localized(obj, field: str, language: str) -> tuple[str, bool]:
    """`obj.<field>_en` when `language` is English and it is filled, else the Vietnamese `obj.<field>`.

    The flag says the text is a Vietnamese fallback on an English page, so it can be marked.
    """
    if language != "vi":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english, False
    text = getattr(obj, field)
    return text, bool(text) and language != "vi"


# Vietnamese alphabetical order (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), the Latin
# letters Vietnamese does not use (f j w z) in their Latin places; tone marks only break ties.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter (ă â ê ô ơ ư)
# No tone, then huyền, sắc, hỏi, ngã, nặng: a, à, á, ả, ã, ạ.
_TONE_RANK = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_PLACE_PREFIX = re.compile(r"^(?:Tỉnh|Thành phố)\s+(?=\w)")


def without_place_prefix(name: str) -> str:
    """ "Tỉnh Lâm Đồng" → "Lâm Đồng", "Thành phố Huế" → "Huế"; "Tỉnh ủy Lâm Đồng" is kept whole
    (the prefix counts only before a capitalised name)."""
    match = _PLACE_PREFIX.match(name)
    if match and name[match.end()].isupper():
        return name[match.end() :]
    return name


def vietnamese_sort_key(text: str) -> tuple:
    """A key that sorts names in Vietnamese alphabetical order, a province's "Tỉnh" / "Thành phố"
    left out: "Cà Mau" < "Cao Bằng", "Lạng Sơn" < "Lào Cai" < "Lâm Đồng", "Đ…" after every "D…".

    Letters compare first (đ, ă, â, ê, ô, ơ, ư are letters of their own); tone marks only break
    ties, in the order a, à, á, ả, ã, ạ; then case."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", without_place_prefix(text or "").strip()).casefold():
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        if letter in _LETTER_RANK:
            letters.append((1, _LETTER_RANK[letter]))
        else:  # spaces, digits, punctuation come before letters: "Cà Mau" before "Cao Bằng"
            letters.append((0, ord(letter[0])))
        tones.append(max((_TONE_RANK.get(m, 0) for m in marks), default=0))
    return tuple(letters), tuple(tones), text or ""


# Where the English name of a place is not the Vietnamese one with its kind in English.
_ENGLISH_PLACE_NAMES = {"Hồ Chí Minh": "Ho Chi Minh"}


def english_place_name(name: str, kind: str = "") -> str:
    """A province-level unit in English, from its Vietnamese name and kind (Province.Kind):
    "Tỉnh Lâm Đồng" → "Lâm Đồng Province", "Thành phố Hồ Chí Minh" → "Ho Chi Minh City",
    "Thành phố Huế" → "Huế City"; a name without the prefix takes its kind ("city" → "… City")."""
    bare = without_place_prefix(name)
    if name.startswith("Thành phố") and bare != name:
        suffix = "City"
    elif name.startswith("Tỉnh") and bare != name:
        suffix = "Province"
    else:
        suffix = "City" if kind == "city" else "Province"
    return f"{_ENGLISH_PLACE_NAMES.get(bare, bare)} {suffix}"


# The countries events are held in, as the record writes them (Vietnamese exonyms and English
# spellings both occur), in English; Việt Nam as the United Nations write it.
_ENGLISH_COUNTRY_NAMES = {
    "Việt Nam": "Viet Nam",
    "Lào": "Laos",
    "Campuchia": "Cambodia",
    "Cam-pu-chia": "Cambodia",
    "Thái Lan": "Thailand",
    "Ma-lai-xi-a": "Malaysia",
    "Malaixia": "Malaysia",
    "In-đô-nê-xi-a": "Indonesia",
    "Inđônêxia": "Indonesia",
    "Phi-líp-pin": "Philippines",
    "Xin-ga-po": "Singapore",
    "Xinh-ga-po": "Singapore",
    "Mi-an-ma": "Myanmar",
    "Bru-nây": "Brunei",
    "Đông Timor": "Timor-Leste",
    "Đông Ti-mo": "Timor-Leste",
    "Trung Quốc": "China",
    "Nhật Bản": "Japan",
    "Hàn Quốc": "Republic of Korea",
    "Ấn Độ": "India",
    "Hoa Kỳ": "United States",
    "Pháp": "France",
    "Đức": "Germany",
    "Nga": "Russia",
    "Anh": "United Kingdom",
    "Ô-xtrây-li-a": "Australia",
    "Úc": "Australia",
}


def country_name(country: str, language: str) -> tuple[str, bool]:
    """`country` (as the record writes it) in `language`, and whether it is a Vietnamese fallback on an
    English page, as `localized` says: ("Viet Nam", False), ("Philippines", False); a country the table
    does not know stays as written, flagged when it has Vietnamese letters."""
    if language == "vi" or not country:
        return country, False
    english = _ENGLISH_COUNTRY_NAMES.get(country)
    if english:
        return english, False
    return country, has_vietnamese_letters(country)


_VIETNAMESE_ONLY = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]"
)


def has_vietnamese_letters(text: str) -> bool:
    """Whether `text` has a letter only Vietnamese writes (ă â đ ê ô ơ ư or a tone-marked vowel):
    "Lâm Đồng" does, "Cebu" does not. (é and à occur in French and English loans too, but a page of
    this site has none.)"""
    return bool(_VIETNAMESE_ONLY.search(unicodedata.normalize("NFC", text or "")))


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day, language: str) -> str:
    """A day as its readers write it: "8/3/2025" in Vietnamese (day first, always), "8 Mar 2025" in
    English, where "8/3/2025" would read as 3 August to many."""
    if language == "vi":
        return f"{day.day}/{day.month}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def format_partial_date(day, precision: str, language: str) -> str:
    """`day` at the `precision` ("year", "month", "day") a source vouches for: "2025", "3/2025" or
    "Mar 2025", "8/3/2025" or "8 Mar 2025"."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{day.month}/{day.year}" if language == "vi" else f"{_MONTHS_EN[day.month - 1]} {day.year}"
    return format_day(day, language)
