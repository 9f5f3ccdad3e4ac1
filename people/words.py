"""Whole-word matching on folded text, the rule of every search box: a query word matches a whole word
of the text ("da lat" finds "Đà Lạt", not "dân tộc … relations"), a quoted phrase its words in order.

A word is a run of letters and digits of the folded text (`people.text.fold`: case and diacritics
ignored, đ = d), so "57-KL/TW" is the three words 57 kl tw and matches "Kết luận 57-KL/TW".
"""

import re

from django.db.models import Q

from .text import fold

WORD = re.compile(r"[^\W_]+")
QUOTED = re.compile(r'"([^"]*)"')
MAX_WORDS = 12  # words of a query beyond these are ignored
PHONE_TAIL = 6  # digits
SEPARATOR = "0q0"  # a word the event index puts between parts (events/search.py); never searched for
# Between words of the folded text: anything but a letter or digit. Folded Vietnamese is ASCII; the
# same class is read alike by PostgreSQL's regular expressions and Python's (SQLite's REGEXP).
_APART = "[^a-z0-9]"


def words(text: str) -> list[str]:
    """The folded words of `text`: "Nghị quyết 47/NQ-CP" → ["nghi", "quyet", "47", "nq", "cp"]."""
    return WORD.findall(fold(text))


def phrases(text: str) -> list[list[str]]:
    """What a query asks for, each a list of words that must stand in this order: its quoted phrases,
    then each other word alone. `'"da lat" hoi nghi'` → [["da", "lat"], ["hoi"], ["nghi"]]."""
    found = [words(quoted) for quoted in QUOTED.findall(text)]
    found += [[word] for word in words(QUOTED.sub(" ", text))]
    kept, count = [], 0
    for phrase in found:
        phrase = [word for word in phrase if word != SEPARATOR][: MAX_WORDS - count]
        if phrase:
            kept.append(phrase)
            count += len(phrase)
    return kept


def last_word_typed(text: str, found: list[list[str]]) -> bool:
    """Whether the query ends with a bare word (not a closed quote): the word still being typed."""
    return bool(found) and len(found[-1]) == 1 and not text.rstrip().endswith('"')


def word_match(field: str, phrase: list[str], *, prefix: bool = False) -> Q:
    """Rows whose folded `field` holds the words of `phrase` in order, whole (the last one only as a
    start with `prefix`; six digits or more may end a longer number). `contains` narrows cheaply; the
    regular expression keeps whole words."""
    # Six digits or more may also be the end of a longer number: the last digits of a phone.
    tail = "[0-9]*" if phrase[0].isdigit() and len(phrase[0]) >= PHONE_TAIL else ""
    pattern = f"(^|{_APART}){tail}" + f"{_APART}+".join(re.escape(word) for word in phrase)
    if not prefix:
        pattern += f"({_APART}|$)"
    return Q(**{f"{field}__contains": max(phrase, key=len)}) & Q(**{f"{field}__regex": pattern})
