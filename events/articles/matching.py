"""Match what the article reader proposes with what the record already holds.

The reader (`reader.read_article`) is pure; this step asks the database, a few queries per proposal
whatever its length: every candidate is loaded once (provinces, organisations, people named in the
article, their posts on the event's day, directives with the numbers cited), then compared in Python.

The comparison is folded (case and diacritics set aside, đ = d) after expanding the abbreviations of
official press (`ABBREVIATIONS`), and fuzzy only where a slip costs little: a wrong match is worse than
none, so an ambiguous or doubtful candidate is left for the editor, with a warning.

- Organisations: the expanded, folded name or abbreviation equal to the record's; else rapidfuzz's
  `ratio` ≥ `ORGANISATION_SCORE` with the last two words (where the place goes: "tỉnh Hà Nam" against
  "tỉnh Hà Nội") the same, and no second candidate as close. "UBND tỉnh", "Tỉnh ủy" with no province
  take the province of the event. Two bodies of one name (the Lâm Đồng of 2024 and of 2025): the one
  whose province existed on the event's day.
- People: the name equal to a recorded person's with its diacritics (tone marks may sit on either
  vowel: "Hoà" = "Hòa"; "Hiếu" ≠ "Hiệu"); folded only when the article writes no diacritics at all, or
  the folded namesake is the only one and holds a post at the article's body. Namesakes: the one with a
  post at the article's body, else none. A matched person's post on the event's day is compared with
  the article's: a different one is proposed as a dated post to add.
- Directives: by symbol (57-KL/TW), or kind and number ("Kết luận số 57") when one document of that
  kind bears the number; a local plan's symbol (…-UBND) also needs its date ("ngày 18/4/2019") to agree.
"""

import re
import unicodedata
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from briefings.models import Directive
from briefings.symbols import normalise_symbol
from people.models import Organisation, Person, Position, Province
from people.text import fold
from people.words import words

from .proposal import Proposal

ORGANISATION_SCORE = 94  # rapidfuzz ratio, 0–100, on the expanded folded names
AMBIGUITY_MARGIN = 3  # a second candidate this close makes the first doubtful
POST_SCORE = 90  # a post as written against the recorded title, once expanded and folded

# Abbreviations of official press, on folded text (the replacement is folded too). Order matters:
# the longer forms first.
ABBREVIATIONS = [
    (r"\bvh\s*,?\s*tt\s*(?:&|va|-)?\s*dl\b|\bvhttdl\b", "van hoa the thao va du lich"),
    (r"\bld\s*-?\s*tb\s*(?:&|va)\s*xh\b|\bldtbxh\b", "lao dong thuong binh va xa hoi"),
    (r"\btt\s*(?:&|-|va)\s*tt\b|\btttt\b", "thong tin va truyen thong"),
    (r"\bkh\s*(?:&|-|va)\s*cn\b|\bkhcn\b", "khoa hoc va cong nghe"),
    (r"\bgd\s*(?:&|-|va)\s*dt\b|\bgddt\b", "giao duc va dao tao"),
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bubqg\b", "uy ban quoc gia"),
    (r"\bmttq\b", "mat tran to quoc"),
    (r"\bbcd\b", "ban chi dao"),
    (r"\bttdn\b", "thong tin doi ngoai"),
    (r"\bttxvn\b", "thong tan xa viet nam"),
    (r"\bbtg\b", "ban tuyen giao"),
    (r"\btw\b", "trung uong"),
    (r"\btp\b\.?", "thanh pho"),
]
_ABBREVIATIONS = [(re.compile(pattern), expansion) for pattern, expansion in ABBREVIATIONS]
# Words that do not tell two bodies apart: "Bộ Thông tin Truyền thông" is "Bộ Thông tin và Truyền thông".
_FILLERS = {"va", "cua"}
# Bodies named without their province ("UBND tỉnh", "Ban Tuyên giáo Tỉnh ủy"): the event's province completes them.
_PROVINCE_LESS = re.compile(r"(?:\b(?:tinh|thanh pho)|\btinh uy|\bthanh uy)$")
# Kind words a directive is cited with ("Kết luận số 57"), folded, and the kind of the register.
_CITATION_KINDS = {fold(word): kind for kind, word in Directive.CITATION_WORDS.items()}
_CITED = re.compile(r"(?P<kind>" + "|".join(map(re.escape, _CITATION_KINDS)) + r")\s+(?:so\s+)?(?P<number>\d+)\b")
_SYMBOL_NUMBER = re.compile(r"^(\d+)[-/]")
_DAY = re.compile(r"ngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
# Local issuers: many provinces issue "190/KH-UBND"; the symbol alone does not tell which.
_LOCAL_ISSUERS = ("UBND", "HĐND", "BCĐ", "STTTT", "SVHTTDL", "BTG", "TU", "BTGTU")
# Tone marks (sắc, huyền, hỏi, ngã, nặng); the marks that make a letter (â, ă, ơ…) are kept.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def organisation_key(name: str) -> str:
    """ "Bộ TT-TT" and "Bộ Thông tin và Truyền thông" → "bo thong tin truyen thong"."""
    text = fold(name)
    for pattern, expansion in _ABBREVIATIONS:
        text = pattern.sub(expansion, text)
    kept = [word for word in words(text) if word not in _FILLERS]
    if kept[-2:] == ["viet", "nam"] and len(kept) > 3:
        kept = kept[:-2]  # "Học viện Ngoại giao Việt Nam" is "Học viện Ngoại giao"
    return " ".join(kept)


def name_key(name: str) -> str:
    """A person's name with its diacritics, the tone mark wherever it sits in the word: "Hoà" = "Hòa"."""
    keys = []
    for word in unicodedata.normalize("NFD", name.casefold()).split():
        tones = "".join(sorted(c for c in word if c in _TONES))
        keys.append("".join(c for c in word if c not in _TONES) + tones)
    return unicodedata.normalize("NFC", " ".join(keys))


def _folded_only(name: str) -> bool:
    """The name is written without diacritics: a folded comparison is all it allows."""
    return fold(name) == " ".join(name.casefold().split())


# Provinces


def _bare(name: str) -> str:
    return re.sub(r"^(tinh|thanh pho|tp)\s+", "", fold(name))


def province_on(name: str, day: date | None, provinces: list[Province]) -> Province | None:
    """The unit named `name` ("Khánh Hòa", "Tỉnh Khánh Hòa") as it stood on `day`: the unit of that name
    valid then, else the unit it had become part of by then (Đắk Nông in 2025-08 is the new Lâm Đồng)."""
    wanted = _bare(name)
    if not wanted:
        return None
    day = day or timezone.localdate()
    named = [p for p in provinces if _bare(p.name) == wanted]
    by_pk = {p.pk: p for p in provinces}

    def valid(p):
        return (p.valid_from is None or p.valid_from <= day) and (p.valid_to is None or p.valid_to >= day)

    found = {p.pk: p for p in named if valid(p)}
    if not found:
        for unit in named:
            seen = set()
            while unit is not None and unit.pk not in seen and not valid(unit):
                seen.add(unit.pk)
                unit = by_pk.get(unit.successor_id)
            if unit is not None and valid(unit):
                found[unit.pk] = unit
    return next(iter(found.values())) if len(found) == 1 else None


# Organisations


class _Organisations:
    def __init__(self, day: date | None):
        self.day = day
        rows = Organisation.objects.values_list(
            "pk", "name", "abbreviation", "province__valid_from", "province__valid_to"
        ).order_by("pk")
        self.valid = {}
        self.keys: dict[str, set[int]] = {}
        for pk, name, abbreviation, valid_from, valid_to in rows:
            self.valid[pk] = day is None or (
                (valid_from is None or valid_from <= day) and (valid_to is None or valid_to >= day)
            )
            for text in (name, abbreviation):
                key = organisation_key(text or "")
                if key:
                    self.keys.setdefault(key, set()).add(pk)
        self.choices = list(self.keys)

    def _one(self, pks: set[int]) -> int | None:
        if len(pks) > 1:
            pks = {pk for pk in pks if self.valid[pk]}
        return next(iter(pks)) if len(pks) == 1 else None

    def match(self, name: str, province: Province | None) -> int | None:
        key = organisation_key(name)
        if not key:
            return None
        if province is not None and _PROVINCE_LESS.search(key):
            key = f"{key} {organisation_key(_bare(province.name))}"
        if key in self.keys:
            return self._one(self.keys[key])
        found = process.extract(key, self.choices, scorer=fuzz.ratio, score_cutoff=ORGANISATION_SCORE, limit=2)
        if not found:
            return None
        best, score, _index = found[0]
        if len(found) > 1 and found[1][1] >= score - AMBIGUITY_MARGIN:
            return None
        if best.split()[-2:] != key.split()[-2:]:
            return None  # the place differs: "tỉnh Hà Nam" is not "tỉnh Hà Nội"
        return self._one(self.keys[best])


# People


def _post_titles(post: str, body: str = "", posts=()) -> set[str]:
    """The titles the article's post may be: the reader's (title, body) pairs, each part of "UVBTV,
    Trưởng Ban…", and each part without the body's name ("Thứ trưởng Bộ TT&TT" → "Thứ trưởng")."""
    titles = {organisation_key(title) for title, _body in posts or ()}
    body_key = organisation_key(body) if body else ""
    for part in re.split(r"[,;]", post):
        key = organisation_key(part)
        titles.add(key)
        if body_key and key.endswith(body_key):
            titles.add(key.removesuffix(body_key).strip())
    return {title for title in titles if title}


def _post_recorded(post: str, organisation: int | None, held: list[Position], *, body="", posts=()) -> bool:
    """Whether the article's post is one the record holds on the day: the same title (any part of "UVBTV,
    Trưởng Ban…" may be it) at the same body, when the article's body is known."""
    parts = _post_titles(post, body, posts)
    for position in held:
        if organisation is not None and position.organisation_id != organisation:
            continue
        title = organisation_key(position.title)
        if any(part == title or fuzz.ratio(part, title) >= POST_SCORE for part in parts):
            return True
    return False


def _describe(position: Position) -> str:
    return f"{position.title}, {position.organisation.name}"


def _match_people(proposal: Proposal, day: date | None, warnings: list[str]) -> None:
    folded = {fold(p.name) for p in proposal.people if fold(p.name)}
    if not folded:
        return
    # One query: every person whose folded name holds one of the names; compared exactly below.
    query = Q()
    for name in folded:
        query |= Q(search_text__contains=name)
    candidates = [p for p in Person.objects.filter(query).order_by("pk") if fold(p.full_name) in folded]
    held: dict[int, list[Position]] = {}
    if candidates:
        positions = Position.objects.filter(person__in=[p.pk for p in candidates]).select_related("organisation")
        if day is not None:
            positions = positions.held_on(day)
        for position in positions:
            held.setdefault(position.person_id, []).append(position)
    for person in proposal.people:
        same = [c for c in candidates if name_key(c.full_name) == name_key(person.name)]
        namesakes = [c for c in candidates if fold(c.full_name) == fold(person.name)]
        at_body = [
            c
            for c in namesakes
            if person.organisation_match is not None
            and any(p.organisation_id == person.organisation_match for p in held.get(c.pk, []))
        ]
        if len(same) == 1:
            chosen = same[0]
        elif len(same) > 1:
            chosen = next(iter(at_body), None) if len(at_body) == 1 else None
        elif len(namesakes) == 1 and (_folded_only(person.name) or at_body):
            chosen = namesakes[0]
        else:
            chosen = None
        if chosen is None:
            if same or (namesakes and _folded_only(person.name)):
                warnings.append(
                    _("Several people named %(name)s are recorded: choose the right one.") % {"name": person.name}
                )
            continue
        person.match = chosen.pk
        if not person.post or day is None:
            continue
        recorded = held.get(chosen.pk, [])
        if not _post_recorded(
            person.post, person.organisation_match, recorded, body=person.organisation, posts=person.posts
        ):
            person.post_is_new = True
            person.recorded_post = "; ".join(_describe(p) for p in recorded)
            warnings.append(
                _("%(name)s: the article gives the post “%(post)s”, which the record does not hold on %(date)s.")
                % {"name": person.name, "post": person.post, "date": day.strftime("%d/%m/%Y")}
            )


def post_is_new(person_pk: int, post: str, organisation: int | None, day: date | None) -> bool:
    """Whether `post` at `organisation` is missing from what the record holds for the person on `day`:
    the review page's initial "add this post" (one query)."""
    if not post or day is None:
        return False
    held = list(Position.objects.filter(person=person_pk).held_on(day).select_related("organisation"))
    return not _post_recorded(post, organisation, held)


# Directives


def _symbol_key(symbol: str) -> str:
    return normalise_symbol(symbol).upper()


def _day_near(symbol: str, text: str) -> date | None:
    """The date written right after the symbol: "190/KH-UBND ngày 18/4/2019"."""
    folded = fold(text)
    at = folded.find(fold(symbol)) if symbol else -1
    if at < 0:
        return None
    found = _DAY.search(folded, at)
    if not found or found.start() - at > len(symbol) + 8:
        return None
    day, month, year = map(int, found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _match_directives(proposal: Proposal, warnings: list[str]) -> None:
    cited = []
    for proposed in proposal.directives:
        symbol = _symbol_key(proposed.symbol)
        number = _SYMBOL_NUMBER.match(symbol)
        found = _CITED.search(fold(proposed.name or proposed.evidence or ""))
        cited.append((proposed, symbol, number.group(1) if number else (found.group("number") if found else "")))
    numbers = {number for _p, _s, number in cited if number}
    if not numbers:
        return
    query = Q()
    for number in numbers:
        query |= Q(symbol__startswith=f"{number}-") | Q(symbol__startswith=f"{number}/")
    register = list(Directive.objects.filter(query).order_by("pk"))
    for proposed, symbol, number in cited:
        if symbol:
            candidates = [d for d in register if _symbol_key(d.symbol) == symbol]
        else:
            found = _CITED.search(fold(proposed.name or proposed.evidence or ""))
            kind = _CITATION_KINDS.get(found.group("kind")) if found else None
            candidates = [d for d in register if d.kind == kind and _SYMBOL_NUMBER.match(d.symbol.upper() or "")]
            candidates = [d for d in candidates if _SYMBOL_NUMBER.match(d.symbol).group(1) == number]
        day = _day_near(proposed.symbol or proposed.name, proposed.evidence or proposed.name or "")
        if day is not None:
            dated = [d for d in candidates if d.issue_date is None or d.issue_date == day]
            candidates = dated
        elif symbol.endswith(_LOCAL_ISSUERS) and len(candidates) == 1:
            candidates = []  # a local plan's number is not enough without its date
        if len(candidates) == 1:
            proposed.match = candidates[0].pk
            if not proposed.symbol:
                proposed.symbol = candidates[0].symbol
        elif len(candidates) > 1:
            warnings.append(
                _("Several documents bear the number %(symbol)s: choose the right one.")
                % {"symbol": proposed.symbol or proposed.name}
            )


def match_proposal(proposal: Proposal) -> Proposal:
    """Fill the proposal's `match` fields and its province of the day; returns the same proposal.

    Warnings go to `proposal.warnings`, for the editor.
    """
    warnings: list[str] = []
    day = proposal.start_date
    provinces = list(Province.objects.all())
    province = None
    place = proposal.place_province or proposal.city
    if place:
        province = province_on(place, day, provinces)
        if province is not None:
            proposal.province = {"code": province.code, "name": province.name}
            if day is None:
                warnings.append(
                    _("No date was found: the province is today's %(name)s; check it against the event's day.")
                    % {"name": province.name}
                )
        elif proposal.place_province:
            warnings.append(_("No province of the event's day is named “%(name)s”.") % {"name": place})
    organisations = _Organisations(day)
    for organiser in proposal.organisers:
        organiser.match = organisations.match(organiser.name, province)
    for person in proposal.people:
        if person.organisation:
            # "Cục Thông tin đối ngoại, Bộ TT&TT", "Học viện Ngoại giao - Bộ Ngoại giao": the unit first.
            for name in (person.organisation, re.split(r",|\s[-–]\s", person.organisation)[0]):
                person.organisation_match = organisations.match(name, province)
                if person.organisation_match is not None:
                    break
    _match_people(proposal, day, warnings)
    _match_directives(proposal, warnings)
    proposal.warnings.extend(warnings)
    return proposal
