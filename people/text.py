"""Vietnamese text helpers: folding for search and slugs that keep đ."""

import re
import unicodedata

from django.utils.text import slugify

_D = str.maketrans({"đ": "d", "Đ": "D"})
_SEPARATORS = str.maketrans({"/": " ", "&": " "})  # 47/NQ-CP → 47-nq-cp, not 47nq-cp
_SPACES = re.compile(r"\s+")
# Django's slugify keeps "_" as a word character ("hội nghị_2024" → "hoi-nghi_2024"): a slug here joins words with "-".
_JOINS = re.compile(r"[-_\s]+")


def fold(text: str) -> str:
    """Lower-case `text` and strip its diacritics: "Nghị quyết Đà Lạt" → "nghi quyet da lat".

    đ is a letter of its own, not d with a mark, so Unicode decomposition keeps it; map it first.
    """
    # NUL is dropped: PostgreSQL refuses it in text, and it means nothing in a search.
    decomposed = unicodedata.normalize("NFD", (text or "").replace("\x00", "").translate(_D))
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
