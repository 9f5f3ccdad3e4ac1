"""The public site: thin views over events.queries, for press, citizens and foreign readers."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import InvalidPage, Paginator
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import check_for_language

from briefings.models import Directive
from briefings.queries import relations_of
from people.models import Organisation
from people.words import words

from .. import queries
from ..filters import DirectiveFilter, EventFilter
from ..search import match_snippet, search_events, suggestion

EVENTS_PER_PAGE = 20
DIRECTIVES_PER_PAGE = 30
SEARCH_LIMIT = 20
SUGGEST_BELOW = 3  # results on the search page under which "did you mean …" is looked for


def _page(request, items, per_page, *, count=None):
    """The requested page of `items` (of which there are `count`, when known); a page number that is
    not a page is a 404, not a 500."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def _get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist as error:
        raise Http404 from error


def root(request):
    """`/` goes to the reader's chosen language, Vietnamese unless they picked English before."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not (language and check_for_language(language) and language in dict(settings.LANGUAGES)):
        language = settings.LANGUAGE_CODE
    return redirect(f"/{language}/")


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
    page = _page(request, filters.qs, EVENTS_PER_PAGE, count=queries.count_of_filtered(filters))
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
    return render(
        request,
        "briefings/public/directive_detail.html",
        {
            "directive": directive,
            "relations": relations_of(directive),
            "years": queries.events_of_directive(directive),
            "adopted_at": queries.outcomes_adopting(directive),
        },
    )


def person_detail(request, slug):
    person = _get_or_404(queries.public_people().prefetch_related("academic_titles"), slug=slug)
    positions = person.positions.select_related("organisation").order_by(
        Coalesce("start_date", "attested_on").desc(), "order"
    )
    return render(
        request,
        "people/public/person_detail.html",
        {"person": person, "positions": positions, "talks": queries.talks_of_person(person)},
    )


def organisation_detail(request, slug):
    organisation = _get_or_404(Organisation.objects.select_related("parent", "province"), slug=slug)
    return render(
        request,
        "people/public/organisation_detail.html",
        {
            "organisation": organisation,
            "units": organisation.units.order_by("name"),
            "became": organisation.changes.select_related("successor"),
            "came_from": organisation.precursor_changes.select_related("organisation"),
            "organised": queries.events_organised_by(organisation),
            "outcomes": queries.outcomes_naming_organisation(organisation),
            "province_outcomes": (
                queries.outcomes_naming_province(organisation.province) if organisation.province else []
            ),
        },
    )


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results, suggested = {}, None
    if words(query):
        events = search_events(queries.events_for_list(), query).annotate(search_parts=F("search_index__parts"))
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
