"""The public site: thin views over events.queries, for press, citizens and foreign readers."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import InvalidPage, Paginator
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language_from_request

from briefings.models import Directive
from briefings.queries import relations_of
from people import text
from people.models import Organisation, Person
from people.text import fold, vietnamese_sort_key
from people.words import words

from .. import queries
from ..filters import DirectiveFilter, EventFilter
from ..search import match_snippet, search_events, suggestion

EVENTS_PER_PAGE = 20
DIRECTIVES_PER_PAGE = 30
SEARCH_LIMIT = 20
PEOPLE_PER_PAGE = 50
ORGANISATIONS_PER_PAGE = 50
PERSON_EVENTS_PER_PAGE = 20
# The most rows a list on an organisation's or a directive's page shows; the page links to the event
# list filtered by that organisation or directive for the rest (at 100,000 events an organisation held
# 1,603, all on one page).
LIST_CAP = 50
# The event list is browsed page by page to this depth, no further: a reader narrows with the filters
# (year, province, organiser, search). Page 4,751 cost an OFFSET of 95,000 rows, a parallel scan and
# an on-disk sort; page 50 reads 1,000 rows from the (start_date, title) index.
MAX_LIST_PAGES = 50
SUGGEST_BELOW = 3  # results on the search page under which "did you mean …" is looked for


class _CappedPaginator(Paginator):
    """A paginator of at most `max_pages` pages; `capped` when there are rows past the last one."""

    max_pages = None

    @cached_property
    def num_pages(self):
        pages = super().num_pages
        return pages if self.max_pages is None else min(pages, self.max_pages)

    @property
    def capped(self):
        return self.max_pages is not None and self.count > self.max_pages * self.per_page

    @property
    def browsable(self):
        """How many rows the pages that can be browsed hold, when there are more (else None)."""
        return self.max_pages * self.per_page if self.capped else None


def _page(request, items, per_page, *, count=None, max_pages=None):
    """The requested page of `items` (of which there are `count`, when known), among the first
    `max_pages` when given; a page number that is not a page is a 404, not a 500."""
    paginator = _CappedPaginator(items, per_page)
    paginator.max_pages = max_pages
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def _capped(rows):
    """The first LIST_CAP of `rows` as a list, and whether there were more (one row more is read)."""
    cap = LIST_CAP
    rows = list(rows[: cap + 1])
    return rows[:cap], len(rows) > cap


def _get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist as error:
        raise Http404 from error


def root(request):
    """`/` goes to the language the reader chose with the switch (its cookie), else to the one their
    browser asks for first (Accept-Language) among the site's, else to Vietnamese."""
    language = get_language_from_request(request)  # the cookie, then Accept-Language, then LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    response = redirect(f"/{language}/")
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def switch_language(request, language):
    """The header's VI / EN switch: remember the reader's choice in Django's language cookie (so `/`
    takes them there next time) and go to `next`, the same page in that language."""
    if not (check_for_language(language) and language in dict(settings.LANGUAGES)):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{language}/"
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def home(request):
    today = timezone.localdate()
    return render(
        request,
        "events/public/home.html",
        {
            "upcoming": queries.upcoming_events(today),
            "recent": queries.recent_events(today),
            "directives": queries.directives_most_trained_on(),
        },
    )


def event_list_page(request):
    """The event list's filter set and page of events, every read done; the page is None when the
    filters are not valid. (bench/ measures these reads without the template.)"""
    filters = EventFilter(request.GET, queryset=queries.events_for_list())
    if not filters.is_valid():
        return filters, None
    # Counted no further than one row past the last page that can be browsed ("more than 1,000").
    count = queries.count_of_filtered(filters, limit=MAX_LIST_PAGES * EVENTS_PER_PAGE + 1)
    page = _page(request, filters.qs, EVENTS_PER_PAGE, count=count, max_pages=MAX_LIST_PAGES)
    page.object_list = queries.with_organiser_names(page.object_list)
    return filters, page


def event_list(request):
    filters, page = event_list_page(request)
    return render(
        request, "events/public/event_list.html", {"filter": filters, "page": page}, status=400 if page is None else 200
    )


def event_page_context(slug):
    """The event page's event and its series neighbours, every read done (404 for a slug not public)."""
    try:
        event = queries.event_for_page(slug)
    except ObjectDoesNotExist as error:
        raise Http404 from error
    previous, following = queries.series_neighbours(event)
    return {"event": event, "previous": previous, "following": following}


def event_detail(request, slug):
    return render(request, "events/public/event_detail.html", event_page_context(slug))


def series_detail(request, slug):
    try:
        series, editions = queries.series_for_page(slug)
    except ObjectDoesNotExist as error:
        raise Http404 from error
    return render(request, "events/public/series_detail.html", {"series": series, "editions": editions})


def directive_list(request):
    directives = Directive.objects.select_related("issuer").order_by(F("issue_date").desc(nulls_last=True), "title")
    filters = DirectiveFilter(request.GET, queryset=directives)
    if not filters.is_valid():
        return render(request, "briefings/public/directive_list.html", {"filter": filters, "page": None}, status=400)
    return render(
        request,
        "briefings/public/directive_list.html",
        {"filter": filters, "page": _page(request, filters.qs, DIRECTIVES_PER_PAGE)},
    )


def directive_detail(request, slug):
    directive = _get_or_404(Directive.objects.select_related("issuer"), slug=slug)
    years = queries.events_of_directive(directive, limit=LIST_CAP + 1)
    shown = [link for _, links in years for link in links]
    if len(shown) > LIST_CAP:  # the one row more read only says there are more
        last_year, last_links = years[-1]
        years[-1] = (last_year, last_links[:-1])
        if not years[-1][1]:
            years.pop()
    adopted_at, more_adopted_at = _capped(queries.outcomes_adopting(directive).order_by("-event__start_date", "pk"))
    return render(
        request,
        "briefings/public/directive_detail.html",
        {
            "directive": directive,
            "relations": relations_of(directive),
            "years": years,
            "more_events": len(shown) > LIST_CAP,
            "adopted_at": adopted_at,
            "more_adopted_at": more_adopted_at,
        },
    )


def _in_vietnamese_order(rows, key):
    """`rows` sorted by `key(row)` (a text) in Vietnamese alphabetical order."""
    sort_key = getattr(text, "vietnamese_sort_key", None) or _fallback_sort_key
    return sorted(rows, key=lambda row: sort_key(key(row)))


def _fallback_sort_key(value: str) -> str:
    # Without diacritics, but every "đ" after all "d" ("~" sorts after the letters).
    return fold(value.replace("đ", "d~").replace("Đ", "D~"))


def person_list(request):
    """Everyone with a public page, by given name in Vietnamese order (then family and middle name), each
    with the post held today or the last one known. The names are sorted in Python (the databases'
    collations do not know Vietnamese order): one query of four columns, then the page's rows."""
    rows = queries.public_people().values_list("pk", "given_name", "family_name", "middle_name")
    rows = _in_vietnamese_order(rows, lambda row: " ".join(row[1:]))
    page = _page(request, [row[0] for row in rows], PEOPLE_PER_PAGE)
    shown = Person.objects.filter(pk__in=page.object_list).prefetch_related("academic_titles").in_bulk()
    page.object_list = queries.with_posts_to_show([shown[pk] for pk in page.object_list], timezone.localdate())
    return render(request, "people/public/person_list.html", {"page": page})


def organisation_list(request):
    """Every organisation by kind (in the order of Organisation.Kind), then by name in Vietnamese order,
    with its lineage; sorted in Python like the people, then the page's rows and their changes."""
    rank = {kind: n for n, kind in enumerate(Organisation.Kind.values)}
    rows = Organisation.objects.values_list("pk", "kind", "name")
    rows = _in_vietnamese_order(rows, lambda row: row[2])
    rows.sort(key=lambda row: rank.get(row[1], len(rank)))  # stable: names stay in order within a kind
    page = _page(request, [row[0] for row in rows], ORGANISATIONS_PER_PAGE)
    shown = Organisation.objects.filter(pk__in=page.object_list).select_related("parent").in_bulk()
    page.object_list = [shown[pk] for pk in page.object_list]
    queries.lineage_of(page.object_list)
    return render(request, "people/public/organisation_list.html", {"page": page})


def person_detail(request, slug):
    person = _get_or_404(queries.public_people().prefetch_related("academic_titles"), slug=slug)
    positions = list(
        person.positions.select_related("organisation").order_by(Coalesce("start_date", "attested_on").desc(), "order")
    )
    # Every event the person took part in (spoke, chaired, attended), a page at a time.
    page = _page(request, queries.events_of_person(person), PERSON_EVENTS_PER_PAGE)
    page.object_list = queries.with_parts_of_person(page.object_list, person, positions)
    return render(
        request,
        "people/public/person_detail.html",
        {"person": person, "positions": positions, "page": page},
    )


def organisation_detail(request, slug):
    organisation = _get_or_404(Organisation.objects.select_related("parent", "province"), slug=slug)
    became = list(organisation.changes.select_related("successor"))
    organised, more_organised = _capped(queries.events_organised_by(organisation))
    outcomes, more_outcomes = _capped(queries.outcomes_naming_organisation(organisation))
    province_outcomes, more_province_outcomes = [], False
    if organisation.province:
        province_outcomes, more_province_outcomes = _capped(queries.outcomes_naming_province(organisation.province))
    return render(
        request,
        "people/public/organisation_detail.html",
        {
            "organisation": organisation,
            "units": sorted(organisation.units.all(), key=lambda unit: vietnamese_sort_key(unit.name)),
            "became": became,
            "came_from": organisation.precursor_changes.select_related("organisation"),
            # An event dated on or after the organisation ceased says under which successor.
            "organised": queries.with_successor_notes(organised, became),
            "more_organised": more_organised,
            "outcomes": outcomes,
            "more_outcomes": more_outcomes,
            "province_outcomes": province_outcomes,
            "more_province_outcomes": more_province_outcomes,
        },
    )


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results, suggested = {}, None
    if words(query):
        events = search_events(queries.events_for_list(), query, public=True)
        events = events.annotate(search_parts=F("search_index__parts"))
        events = queries.with_organiser_names(events[:SEARCH_LIMIT])
        for event in events:
            event.match = match_snippet(event.search_parts, query)
        results = {
            "events": events,
            "directives": list(Directive.objects.search(query).select_related("issuer")[:SEARCH_LIMIT]),
            "people": list(queries.public_people().search(query).prefetch_related("academic_titles")[:SEARCH_LIMIT]),
            "organisations": list(Organisation.objects.search(query)[:SEARCH_LIMIT]),
        }
        if sum(len(found) for found in results.values()) < SUGGEST_BELOW:
            suggested = suggestion(queries.public_events(), query)
    context = {"query": query, "results": results, "suggested": suggested}
    return render(request, "events/public/search.html", context)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
