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
RECORD_APPS = ("people", "briefings", "events")
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
