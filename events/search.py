"""Search of events by whole words, on each database's own full-text engine.

What is indexed (`EventSearchIndex`, one row per event, rebuilt by `index_events`), folded by
`people.text.fold` (case and diacritics ignored, đ = d) and cut into words (runs of letters and digits,
so "57-KL/TW" is the words 57 kl tw):

- A: the title and the English title;
- B: the organisers' names and abbreviations, the speakers' and officials' names, the venue, the city,
  the province of the event's day and the unit it is part of today, the country when not Việt Nam;
- C: theme, summary (both languages), the agenda's titles, the directives' short names ("Nghị quyết
  47/NQ-CP"), the series' names and abbreviation.

Parts are kept apart by `SEPARATOR`, a word no query contains, so a phrase never runs from one part
into the next. PostgreSQL reads a generated `tsvector` (`simple` configuration, weights A/B/C, GIN
index); SQLite an FTS5 table with one column per group, kept in sync by triggers (migration 0007).

A query word matches a whole word; a quoted phrase matches its words in order; with `prefix_last`
(typing in an autocomplete, not the public search) the last word may be the start of a word. Every
word and phrase must match. An abbreviation of official press (`ABBREVIATIONS`, `_SEARCH_ABBREVIATIONS`:
"ttdn", "tt&tt", "tp.hcm") matches as typed or as the phrase it stands for; a kind and number typed
together ("kl57") as "kl 57", "57 kl" (57-KL/TW) or "ket luan 57". Results are ranked in tiers, then
newest first (the whole query with the abbreviations' forms in their place): 0 the whole query as a
phrase in a title, 1 every word in a title, 2 the whole query as a phrase in titles, organisers,
speakers, officials or place (B), 3 every word there, 4 the whole query as a phrase anywhere, 5 the rest.
The tiers rank the newest RANKED_NEWEST (200) matches only: of those, the better tier always comes
first; older matches follow them, newest first, whatever their tier (a common query no longer decides
the tier of tens of thousands of events).
The engines find the same rows (tests/events/test_search.py runs one table on both).

On PostgreSQL every search reads the matches in the index rows' own date order: each row carries its
event's start date and whether it is public (copies written by `index_events`), and a (start date DESC,
event DESC) index is walked testing each row's inline, uncompressed vector, the events' title and id
ordering ties: the public search (`public=True`: the search page, the event list's `q`) walks a partial
index of the public rows, the staff's (the admin, drafts included) one of every row. The newest 200 of
"bien dao" (one event in ten at 100,000 events) took 55–72 ms by the events' date index, probing this
table by key thousands of times; a few ms so (bench/RESULTS.md, "Third pass").
"""

import re
from dataclasses import dataclass, field
from itertools import islice, product

from django.db import connection, connections, transaction
from django.db.models import BooleanField, Case, IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from briefings.models import Directive
from people.models import VIETNAM, Organisation, Person, Province
from people.text import fold, has_vietnamese_letters
from people.words import SEPARATOR, WORD, last_word_typed, phrases, words

from .articles.matching import ABBREVIATIONS
from .articles.reader import DOC_KINDS
from .models import (
    AgendaItem,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventSearchIndex,
    EventSeries,
    SearchTerm,
)
from .queries import VISIBLE

FTS_TABLE = "events_search_fts"
SIMILARITY = 0.3  # pg_trgm's default similarity_threshold, used by both engines

PART_LABELS = {
    "title": _("title"),
    "organisers": _("organisers"),
    "speakers": _("speakers"),
    "officials": _("officials taking part"),
    "place": _("place"),
    "theme": _("theme"),
    "summary": _("summary"),
    "agenda": _("agenda"),
    "directives": _("directives"),
    "series": _("series"),
}


# --- Queries ---------------------------------------------------------------------------------------


# Abbreviations readers type that the article reader (ABBREVIATIONS) does not expand.
_SEARCH_ABBREVIATIONS = [(r"(?:tp)?hcm", "thanh pho ho chi minh")]
# Matched against the whole of one to three adjacent query words joined, so "tt&tt", "tt va tt", "tttt"
# and "vh, tt & dl" are each one abbreviation.
_ABBREVIATED = [
    (re.compile(pattern), words(expansion)) for pattern, expansion in (*ABBREVIATIONS, *_SEARCH_ABBREVIATIONS)
]
# A symbol's kind letters (57-KL/TW, 47/NQ-CP) and the words the kind is cited with, as the article reader
# knows them: "kl57" is also "Kết luận 57". Only before a number: a symbol typed as written ("57-KL/TW")
# keeps its own words.
_KIND_LETTERS = {fold(letters): cited.split() for cited, (_label, letters) in DOC_KINDS.items()}
_LONGEST_ABBREVIATION = 3  # words: "vh tt dl"
_LETTERS_NUMBER = re.compile(r"([a-z]+)([0-9]+)")  # "kl57": 57-KL/TW, "Kết luận 57"
# Every combination of the phrases' forms is one form of the whole query; a query of many
# abbreviations keeps the first few.
_WHOLE_FORMS = 8


def _expansion(written: str) -> list[str] | None:
    return next((expansion for pattern, expansion in _ABBREVIATED if pattern.fullmatch(written)), None)


def _other_forms(found: list[list[str]], i: int) -> tuple[int, list[list[str]]]:
    """How many single-word phrases from `i` on write one abbreviation (1 for any other phrase), and
    the other forms that phrase is written in: its expansion; "kl57" also as "kl 57", "57 kl" (the
    symbol 57-KL/TW) and "ket luan 57"."""
    for n in range(_LONGEST_ABBREVIATION, 0, -1):
        run = found[i : i + n]
        if len(run) == n and all(len(phrase) == 1 for phrase in run):
            expansion = _expansion("".join(phrase[0] for phrase in run))
            if expansion:
                return n, [expansion]
    joined = _LETTERS_NUMBER.fullmatch(found[i][0]) if len(found[i]) == 1 else None
    if not joined:
        return 1, []
    letters, number = joined.groups()
    forms = [[letters, number], [number, letters]]
    if letters in _KIND_LETTERS:
        forms.append([*_KIND_LETTERS[letters], number])
    return 1, forms


@dataclass
class SearchQuery:
    """A query cut into what must match: phrases (lists of words, one word being a phrase of one), each
    found as written or, for an abbreviation, in any of its `alternatives` ({phrase index: forms})."""

    phrases: list[list[str]] = field(default_factory=list)
    prefix_last: bool = False
    alternatives: dict[int, list[list[str]]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, *, prefix_last: bool = False) -> "SearchQuery":
        found = phrases(text)
        kept, alternatives, i = [], {}, 0
        while i < len(found):
            n, forms = _other_forms(found, i)
            if forms:
                alternatives[len(kept)] = forms
            kept.append([word for phrase in found[i : i + n] for word in phrase])
            i += n
        return cls(kept, prefix_last and last_word_typed(text, found), alternatives)

    def __bool__(self):
        return bool(self.phrases)

    @property
    def words(self) -> list[str]:
        return [word for phrase in self.phrases for word in phrase]

    def forms(self, i: int) -> list[list[str]]:
        """Phrase `i` as written, then its alternatives."""
        return [self.phrases[i], *self.alternatives.get(i, [])]

    def whole(self) -> "SearchQuery":
        """The query's words as one phrase, in order (or its abbreviations' forms in their place)."""
        combinations = product(*(self.forms(i) for i in range(len(self.phrases))))
        written, *others = ([word for form in forms for word in form] for forms in islice(combinations, _WHOLE_FORMS))
        return SearchQuery([written], self.prefix_last, {0: others} if others else {})

    def is_prefix(self, i: int, form: list[str], j: int) -> bool:
        """Whether word `j` of `form` (of phrase `i`) may be the start of a word: the word still being
        typed, in the forms that end with it (not an abbreviation's expansion)."""
        last = len(self.phrases) - 1
        return self.prefix_last and i == last and j == len(form) - 1 and form[j] == self.phrases[last][-1]


def _tsquery(query: SearchQuery, weights: str = "") -> str:
    """A `to_tsquery('simple', …)` text; words are letters and digits only, each quoted. A phrase with
    alternatives is `('ttdn' | ('thong' <-> 'tin' <-> 'doi' <-> 'ngoai'))`."""
    terms = []
    for i in range(len(query.phrases)):
        forms = []
        for form in query.forms(i):
            lexemes = [f"'{w}':{'*' if query.is_prefix(i, form, j) else ''}{weights}" for j, w in enumerate(form)]
            lexemes = " <-> ".join(lexeme.rstrip(":") for lexeme in lexemes)
            forms.append(f"({lexemes})" if len(form) > 1 and len(query.forms(i)) > 1 else lexemes)
        terms.append(f"({' | '.join(forms)})")
    return " & ".join(terms)


def _fts5_query(query: SearchQuery, columns: tuple[str, ...] = ()) -> str:
    """An FTS5 MATCH text: phrases in double quotes (words are letters and digits only), ANDed; a phrase
    with alternatives is `("ttdn" OR "thong tin doi ngoai")`."""
    terms = []
    for i in range(len(query.phrases)):
        forms = [
            f'"{" ".join(form)}"{"*" if query.is_prefix(i, form, len(form) - 1) else ""}' for form in query.forms(i)
        ]
        terms.append(f"({' OR '.join(forms)})" if len(forms) > 1 else forms[0])
    expression = " AND ".join(terms)
    if columns:
        return f"{{{' '.join(columns)}}} : ({expression})"
    return expression


_GROUPS = {"A": ("weight_a",), "AB": ("weight_a", "weight_b")}


def _tsquery_sql(query: SearchQuery, weights: str = "") -> str:
    """`to_tsquery('simple', '…')` with the query written in the SQL, not bound as a parameter: the
    settings prepare a statement run five times, and PostgreSQL's generic plan of a prepared statement,
    not knowing the words, guesses them rare; "hoi nghi" then read all its 86,000 matches and sorted
    them (800 ms) instead of walking the date index (10 ms). Words are letters and digits only; quotes
    and percent signs are escaped all the same."""
    text = _tsquery(query, weights).replace("'", "''").replace("%", "%%")
    return f"to_tsquery('simple', '{text}')"


def _matching(query: SearchQuery, groups: str = "") -> RawSQL:
    """SQLite: SQL selecting the ids of the events `query` matches (in the weight groups `groups`, or any)."""
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 (a constant)
    return RawSQL(sql, [_fts5_query(query, _GROUPS.get(groups, ()))])


SEARCH_TIER = "search_tier"
# How many of the newest matches are ranked by tier (see search_events()).
RANKED_NEWEST = 200
# The order of matches by date: the (start_date DESC, title) index gives it without a sort.
DATE_ORDER = ("-start_date", "title", "pk")
# The same order read from the index rows' copy of the date (the search on PostgreSQL): their
# (start_date DESC, event DESC) indexes give the dates, an incremental sort the ties.
INDEX_DATE_ORDER = ("-search_index__start_date", "title", "pk")
# The planner's page cost while it plans the newest matches by the index rows' date (PostgreSQL's default
# is 4, a disk's). It estimates "bien dao" (one event in ten) from each word's frequency as if they were
# unrelated, at a quarter of its matches, and so read all 10,000 matches and sorted them (45–55 ms)
# rather than walk the newest rows (3–5 ms); with a page cost of a database held in memory it walks.
WALK_PAGE_COST = "1.1"


class RankedSearchMixin:
    """A queryset of matches in date order (`DATE_ORDER`, what the SQL asks) that, when evaluated in that
    order, puts the newest RANKED_NEWEST matches in tier order first (`ranking`: the tier expression).

    Past them the two orders are the same row for row, so a page there is the date-ordered SQL as is,
    and a page among them reads the newest matches' ids and tiers (one query of RANKED_NEWEST rows) and
    then its own rows. Each is a LIMIT over the date order, which PostgreSQL answers by walking the
    events' date index and testing each row's match, stopping when it has enough: "hoi nghi" (86,000 of
    100,000 events) costs what a rare word does, where ordering by tier in SQL sorted every match.
    Filters added later apply (the ranking is read when the rows are); another order (`sort`, the
    admin's) drops the ranking. `count()`, `exists()` and `iterator()` read the SQL as is."""

    ranking = None
    date_order = DATE_ORDER
    walk = False  # plan the newest matches with WALK_PAGE_COST (the search on PostgreSQL)

    def _clone(self):
        clone = super()._clone()
        clone.ranking = self.ranking
        clone.date_order = self.date_order
        clone.walk = self.walk
        return clone

    def _fetch_all(self):
        if self._result_cache is None and self.ranking is not None and tuple(self.query.order_by) == self.date_order:
            self._result_cache = self._ranked_rows()
        super()._fetch_all()

    def _rows(self, queryset):
        return list(queryset._iterable_class(queryset))

    def _walked(self, queryset):
        """`queryset`'s rows, planned with WALK_PAGE_COST (set for the transaction, then set back)."""
        with transaction.atomic(using=queryset.db), connections[queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('random_page_cost'), set_config('random_page_cost', %s, true)",
                [WALK_PAGE_COST],
            )
            before = cursor.fetchone()[0]
            rows = list(queryset)
            cursor.execute("SELECT set_config('random_page_cost', %s, true)", [before])
        return rows

    def _ranked_rows(self):
        low, high = self.query.low_mark, self.query.high_mark
        plain = self._chain()
        plain.ranking = None
        if low >= RANKED_NEWEST:
            return self._rows(plain)  # past the ranked newest, the order is the date order
        plain.query.clear_limits()
        newest = plain.annotate(**{SEARCH_TIER: self.ranking}).values_list("pk", SEARCH_TIER)[:RANKED_NEWEST]
        newest = self._walked(newest) if self.walk else list(newest)
        ranked = [pk for _at, (pk, _tier) in sorted(enumerate(newest), key=lambda row: (row[1][1], row[0]))]
        wanted = ranked[low : RANKED_NEWEST if high is None else min(high, RANKED_NEWEST)]
        rows = []
        if wanted:
            at = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(wanted)), output_field=IntegerField())
            rows = self._rows(plain.filter(pk__in=wanted).order_by(at))
        if len(newest) == RANKED_NEWEST and (high is None or high > RANKED_NEWEST):
            rows += self._rows(plain[RANKED_NEWEST:high])
        return rows


_RANKED_CLASSES: dict[type, type] = {}


def _ranked(queryset: QuerySet, tier, order=DATE_ORDER) -> QuerySet:
    cls = type(queryset)
    if cls not in _RANKED_CLASSES:
        _RANKED_CLASSES[cls] = type(f"Ranked{cls.__name__}", (RankedSearchMixin, cls), {})
    ranked = queryset.order_by(*order)
    ranked.__class__ = _RANKED_CLASSES[cls]
    ranked.ranking = tier
    ranked.date_order = order
    ranked.walk = order == INDEX_DATE_ORDER
    return ranked


def search_events(
    queryset: QuerySet[Event], text: str, *, prefix_last: bool = False, public: bool = False
) -> QuerySet[Event]:
    """The events of `queryset` that `text` matches, best first (see the module's docstring and
    RankedSearchMixin); none for a query without a word. `public`: `queryset` holds public events only
    (`queries.public_events()`), so PostgreSQL may walk the index rows of public events alone."""
    query = SearchQuery.parse(text, prefix_last=prefix_last)
    if not query:
        return queryset.none()
    # (query, weight groups) per tier; with one word the whole query as a phrase is the word itself.
    whole = query.whole() if len(query.words) > 1 else None
    tiers = [(whole, "A"), (query, "A"), (whole, "AB"), (query, "AB"), (whole, "")]
    tiers = [(q, groups, n) for n, (q, groups) in enumerate(tiers) if q is not None]
    if connection.vendor == "postgresql":
        # The index rows walked newest first by their own index (events_search_newest of the public rows,
        # events_search_newest_all of every row for staff), each row's vector tested there and its tier
        # read from it: the join to the event is by key, for the matches only. Staff's search by
        # `pk IN (matches)` probed the index rows from the events' date index (the newest 200 of "bien dao"
        # at 100,000 events: 50–70 ms; walked, 10 ms). The table's name is the join's alias (one join to
        # it: a reverse one-to-one is reused).
        index = connection.ops.quote_name(EventSearchIndex._meta.db_table)
        whens = " ".join(f"WHEN {index}.document @@ {_tsquery_sql(q, groups)} THEN {n}" for q, groups, n in tiers)
        tier = RawSQL(f"CASE {whens} ELSE 5 END", [], output_field=IntegerField())
        matches = RawSQL(f"{index}.document @@ {_tsquery_sql(query)}", [], output_field=BooleanField())
        rows = {"search_index__public": True} if public else {"search_index__isnull": False}  # the join
        return _ranked(queryset.filter(matches, **rows), tier, INDEX_DATE_ORDER)
    # SQLite: FTS5 answers a column filter from its index: one search per tier, each read once.
    whens = (When(pk__in=_matching(q, groups), then=Value(n)) for q, groups, n in tiers)
    tier = Case(*whens, default=Value(5), output_field=IntegerField())
    # Only the newest RANKED_NEWEST matches are ranked (their tiers read when the rows are); older ones
    # follow by date. A common query ("hội nghị") matches most of 100,000 events: deciding each one's
    # tier, and sorting them all by it, took most of a second.
    return _ranked(queryset.filter(pk__in=_matching(query)), tier)


def public_matches(text: str) -> QuerySet[EventSearchIndex] | None:
    """On PostgreSQL, the index rows of the public events `text` matches (None elsewhere): what counts a
    plain text search of the event list. Counting the events themselves joined each match to its event
    by key: "bien dao"'s first 1,001 of 10,000 matches at 100,000 events took 20 ms, 8 ms without the
    join (the rows carry their event's publicity)."""
    query = SearchQuery.parse(text)
    if not query or connection.vendor != "postgresql":
        return None
    matches = RawSQL(f"document @@ {_tsquery_sql(query)}", [], output_field=BooleanField())
    return EventSearchIndex.objects.filter(matches, public=True)


# --- Why a result matched ---------------------------------------------------------------------------


def match_snippet(parts: str | None, text: str, *, width: int = 12):
    """The part of an event (`EventSearchIndex.parts`) where most words of `text` occur, as safe HTML:
    "<label>: … words <mark>Đà</mark> <mark>Lạt</mark> …", every character of the record escaped.
    None when no part holds a word of the query."""
    query = SearchQuery.parse(text)
    wanted = {word for i in range(len(query.phrases)) for form in query.forms(i) for word in form}
    if not parts or not wanted:
        return None
    best = None
    for line in parts.splitlines():
        key, _tab, value = line.partition("\t")
        tokens = list(WORD.finditer(value))
        hits = [i for i, token in enumerate(tokens) if fold(token.group()) in wanted]
        found = len({fold(tokens[i].group()) for i in hits})
        if found and (best is None or found > best[0]):
            best = (found, key, value, tokens, hits)
    if best is None:
        return None
    _found, key, value, tokens, hits = best
    first = max(hits[0] - width // 2, 0)
    last = min(first + width, len(tokens)) - 1
    start = tokens[first].start() if first else 0
    end = tokens[last].end() if last < len(tokens) - 1 else len(value)
    html, at = [], start
    for i in hits:
        token = tokens[i]
        if token.start() < start or token.end() > end:
            continue
        html.append(escape(value[at : token.start()]))
        html.append(f"<mark>{escape(token.group())}</mark>")
        at = token.end()
    html.append(escape(value[at:end]))
    label = capfirst(PART_LABELS.get(key, key))
    prefix = "… " if start else ""
    suffix = " …" if end < len(value) else ""
    text = f"{prefix}{''.join(html).strip()}{suffix}"
    if get_language() != "vi" and has_vietnamese_letters(value):
        text = f'<span lang="vi">{text}</span>'  # the record's Vietnamese, on an English page
    return mark_safe(f"{escape(label)}: {text}")  # escaped above


# --- Suggestions ------------------------------------------------------------------------------------


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: of each word, padded with two spaces before and one after."""
    grams = set()
    for word in words(text):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str, b: str) -> float:
    """pg_trgm's `similarity`: shared trigrams over all trigrams of the two."""
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


def similar_terms(text: str, *, limit: int = 3) -> list[str]:
    """Names in the record close to `text` ("daknong" → "Đắk Nông"), as written, most similar first."""
    folded = " ".join(words(text))
    if not folded:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT text FROM events_searchterm WHERE term %% %s AND term <> %s "
                "ORDER BY similarity(term, %s) DESC, term LIMIT %s",
                [folded, folded, folded, limit],
            )
            return [row[0] for row in cursor.fetchall()]
    # SQLite: the same measure in Python over every term (a few thousand names: milliseconds).
    scored = []
    for term, written in SearchTerm.objects.values_list("term", "text").iterator(chunk_size=2000):
        if term != folded:
            score = similarity(term, folded)
            if score >= SIMILARITY:
                scored.append((-score, term, written))
    return [written for _score, _term, written in sorted(scored)[:limit]]


def suggestion(queryset: QuerySet[Event], text: str) -> str | None:
    """The name to offer as "did you mean …" for `text`: the most similar one that finds an event."""
    for written in similar_terms(text):
        if search_events(queryset, written).exists():
            return written
    return None


# --- Indexing ---------------------------------------------------------------------------------------


def _batched(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _name(*parts) -> str:
    return " ".join(p for p in parts if p)


def _province_names():
    """{province id: (name of the day, name of the unit it is part of today)}; one query of 98 rows."""
    rows = {pk: (name, successor) for pk, name, successor in Province.objects.values_list("pk", "name", "successor")}
    names = {}
    for pk, (name, successor) in rows.items():
        today, seen = successor, set()
        while today is not None and rows[today][1] is not None and today not in seen:
            seen.add(today)
            today = rows[today][1]
        names[pk] = (name, rows[today][0] if today is not None else "")
    return names


_PLACE_PREFIXES = ("Tỉnh ", "Thành phố ")


def _index_rows(ids: list[int], provinces) -> tuple[list[EventSearchIndex], set[str]]:
    by_event: dict[int, dict[str, list[str]]] = {}

    def add(event_id, key, *texts):
        by_event.setdefault(event_id, {}).setdefault(key, []).extend(t for t in texts if t)

    events = Event.objects.filter(pk__in=ids).values_list(
        *("pk", "title", "title_en", "theme", "theme_en", "summary", "summary_en", "venue", "city", "country"),
        *("province", "series__name", "series__name_en", "series__abbreviation", "start_date", "status"),
    )
    terms = set()
    found = []
    copies = {}  # {event id: (start date, public?)}, the index row's copies of the event's
    for pk, title, title_en, theme, theme_en, summary, summary_en, venue, city, country, province, *rest in events:
        *series, start_date, status = rest
        found.append(pk)
        copies[pk] = (start_date, status in VISIBLE)
        add(pk, "title", title, title_en)
        day, today = provinces.get(province, ("", ""))
        add(pk, "place", venue, city, day, today if today != day else "", country if country != VIETNAM else "")
        add(pk, "theme", theme, theme_en)
        add(pk, "summary", summary, summary_en)
        add(pk, "series", *series)
        terms.update(t for t in (city, day, today, series[0]) if t)
    organisers = EventOrganiser.objects.filter(event__in=found).order_by("event", "order", "pk")
    organisation = ("name", "name_en", "abbreviation", "abbreviation_en")
    for row in organisers.values_list("event", *(f"organisation__{name}" for name in organisation)):
        add(*row[:1], "organisers", *row[1:])
        terms.update(t for t in row[1:4] if t)
    agenda = AgendaItem.objects.filter(event__in=found).order_by("event", "order", "pk")
    for event_id, item, item_en, *speaker in agenda.values_list(
        "event", "title", "title_en", "speaker__family_name", "speaker__middle_name", "speaker__given_name"
    ):
        add(event_id, "agenda", item, item_en)
        add(event_id, "speakers", _name(*speaker))
        terms.add(_name(*speaker))
    officials = EventOfficial.objects.filter(event__in=found).order_by("event", "order", "pk")
    for event_id, *person in officials.values_list(
        "event", "person__family_name", "person__middle_name", "person__given_name"
    ):
        add(event_id, "officials", _name(*person))
        terms.add(_name(*person))
    links = EventDirective.objects.filter(event__in=found).order_by("event", "pk")
    for event_id, kind, symbol, title in links.values_list(
        "event", "directive__kind", "directive__symbol", "directive__title"
    ):
        short = _name(Directive.CITATION_WORDS.get(kind, ""), symbol) if symbol else title
        add(event_id, "directives", short)
        terms.add(short)

    groups = {
        "weight_a": ("title",),
        "weight_b": ("organisers", "speakers", "officials", "place"),
        "weight_c": ("theme", "summary", "agenda", "directives", "series"),
    }
    rows = []
    for pk in found:
        parts = by_event.get(pk, {})
        start_date, public = copies[pk]
        row = EventSearchIndex(event_id=pk, start_date=start_date, public=public)
        for column, keys in groups.items():
            texts = [text for key in keys for text in parts.get(key, [])]
            # Each part ends with the separator, so no phrase runs from one part into the next.
            setattr(row, column, "".join(f"{' '.join(words(text))} {SEPARATOR} " for text in texts).strip())
        row.parts = "\n".join(
            f"{key}\t{' · '.join(' '.join(t.split()) for t in texts)}" for key, texts in parts.items() if texts
        )
        rows.append(row)
    names = set()
    for term in terms:
        for prefix in _PLACE_PREFIXES:
            term = term.removeprefix(prefix)
        names.add(" ".join(term.split())[:255])
    return rows, names


def index_events(event_ids) -> int:
    """Rebuild the index rows of these events (and add their names to the search terms), in bulk:
    a handful of queries per 500 events. Returns how many were indexed."""
    ids = sorted(set(event_ids))
    if not ids:
        return 0
    provinces = _province_names()
    count = 0
    for chunk in _batched(ids, 500):
        rows, names = _index_rows(chunk, provinces)
        EventSearchIndex.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["event"],
            update_fields=["weight_a", "weight_b", "weight_c", "parts", "start_date", "public"],
        )
        terms = [SearchTerm(term=" ".join(words(name))[:255], text=name) for name in names if words(name)]
        SearchTerm.objects.bulk_create(terms, ignore_conflicts=True)
        count += len(rows)
    return count


def index_all_events(*, batch: int = 2000) -> int:
    ids = Event.objects.order_by("pk").values_list("pk", flat=True)
    return sum(index_events(chunk) for chunk in _batched(ids.iterator(chunk_size=batch), batch))


# --- Keeping the index current ------------------------------------------------------------------------


def _deleting_event(origin) -> bool:
    """Whether a delete was started on events (their parts go with them; nothing to re-index)."""
    model = getattr(origin, "model", None) or type(origin)
    return model is Event


def _event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_events([instance.pk])


def _part_changed(sender, instance, raw=False, origin=None, **kwargs):
    if not raw and not _deleting_event(origin):
        index_events([instance.event_id])


def _person_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        talks = AgendaItem.objects.filter(speaker=instance).values_list("event", flat=True)
        attended = EventOfficial.objects.filter(person=instance).values_list("event", flat=True)
        index_events([*talks, *attended])


def _organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_events(EventOrganiser.objects.filter(organisation=instance).values_list("event", flat=True))


def _directive_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_events(EventDirective.objects.filter(directive=instance).values_list("event", flat=True))


def _series_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_events(Event.objects.filter(series=instance).values_list("pk", flat=True))


def _province_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    successors = dict(Province.objects.values_list("pk", "successor"))
    units = set()
    for pk in successors:
        unit, seen = pk, set()
        while unit is not None and unit not in seen:
            if unit == instance.pk:
                units.add(pk)
                break
            seen.add(unit)
            unit = successors.get(unit)
    index_events(Event.objects.filter(province__in=units).values_list("pk", flat=True))


def connect_signals():
    """Every write that changes what an event is found by re-indexes the events concerned, in the same
    transaction (called from EventsConfig.ready)."""
    receivers = [
        (post_save, Event, _event_saved),
        (post_save, Person, _person_saved),
        (post_save, Organisation, _organisation_saved),
        (post_save, Directive, _directive_saved),
        (post_save, EventSeries, _series_saved),
        (post_save, Province, _province_saved),
    ]
    for part in (EventOrganiser, AgendaItem, EventOfficial, EventDirective):
        receivers += [(post_save, part, _part_changed), (post_delete, part, _part_changed)]
    for signal, sender, receiver in receivers:
        signal.connect(receiver, sender=sender, dispatch_uid=f"events.search.{receiver.__name__}.{sender.__name__}")
