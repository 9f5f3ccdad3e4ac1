"""A crawl of every URL the project routes, with malformed parameters, that must find no server error.

Every URL pattern of `get_resolver()` is requested once with good values (the demo data's rows) and
then with each bad value in each of its parameters: unknown slugs, "../", very long strings,
Vietnamese and other non-ASCII text, "%00", negative and huge numbers, markup and SQL. The pages
that take a query string get malformed ones (page=-1, year=abc, q of 5,000 characters …). The
portal's forms, the check-in form and the login forms get garbage POSTs. All of it as an anonymous
visitor, as a provincial officer and as a staff superuser. Then, as the superuser, every registered
admin's list: NUL, numbers too large for a column or a date, and ids that are no number in each of its
parameters (list filters, date hierarchy, search, ordering, page, id), and every one of its actions
posted with a selection that names no possible row.

Any status below 500 is an answer (200, 302, 400, 403, 404, 405 …). The test client re-raises an
exception a view lets through (`raise_request_exception`, its default) instead of rendering the 500
page; the test collects every such failure with the line it came from, so one run lists them all.
The bugs it found are fixed, each with a test of its own in tests/test_hardening.py.
"""

import logging
import re
import traceback
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from briefings.models import Directive
from events.demo import load_demo
from events.models import Event, Photo
from people.models import Organisation, Person
from registrations.demo import load_sample_registration
from registrations.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db

PROJECT = Path(settings.BASE_DIR)
ROLES = ["anonymous", "officer", "superuser"]

# Put into a URL's path, percent-encoded so each reaches the view as one parameter.
BAD_VALUES = [
    "no-such-thing",
    "../../../etc/passwd",
    "..",
    "x" * 1000,
    "hội-nghị-đà-lạt",
    "\x00",
    "%00",
    "-1",
    "0",
    "99999999999999999999999",
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "😀",
]
# The admin's hundred object URLs are Django's own views, with the project's get_queryset: fewer will do,
# one of each kind (not a number, too long, NUL, negative, too large for the column).
ADMIN_BAD_VALUES = ["../../../etc/passwd", "x" * 1000, "\x00", "-1", "99999999999999999999999"]

# What the public lists, search, the sitemap, the staff pages and the portal read from a query string.
PUBLIC_PARAMETERS = ["directive", "organiser", "province", "series", "kind", "year", "sort", "page", "issuer"]
PUBLIC_PARAMETERS += ["p", "format", "event", "rollup", "rows", "next"]
LONG = "x" * 5000
SQL = "'; DROP TABLE events_event; -- \" OR 1=1"
# Query strings for the pages that read one (the public lists, search, the sitemap, the portal, the
# staff report …): each alone, then all at once.
BAD_QUERIES = [
    # NUL (PostgreSQL refuses it in a query) in each parameter a public page or the portal reads; first,
    # so that the query with everything at once below keeps the values after these.
    *[{name: "\x00"} for name in PUBLIC_PARAMETERS],
    {"page": "-1"},
    {"page": "0"},
    {"page": "abc"},
    {"page": "999999"},
    {"page": "1e9"},
    {"p": "abc"},
    {"p": "-1"},
    {"p": "999999"},
    {"year": "abc"},
    {"year": "99999999999"},
    {"year": "-1"},
    {"year": "0"},
    {"year": "1.5"},
    {"kind": "<script>alert(1)</script>"},
    {"province": "xx"},
    {"province": "99999999999999999999"},
    {"sort": "foo"},
    {"q": LONG},
    {"q": SQL},
    {"q": "%_\\"},
    {"q": "\x00"},
    {"q": "Đà Lạt 😀 \u0301"},
    {"directive": "nonexistent"},
    {"organiser": "<b>"},
    {"series": "../x"},
    {"issuer": "x" * 300},
    {"format": "bad"},
    {"format": "csv", "event": "nonexistent"},
    {"event": "-1", "year": "2024"},
    {"rollup": "maybe", "year": "2024"},
    {"rows": "-5"},
    {"rows": "abc"},
    {"rows": "99999999999999999999"},
    {"next": "//evil.example/"},
    {"page": ["1", "2", "abc"], "year": ["2024", "abc"]},
]
# The admin's lists read their own: search, ordering, page, filters, popups.
ADMIN_QUERIES = [
    {"q": LONG, "o": "foo"},
    {"q": SQL, "p": "abc"},
    {"q": "\x00", "o": "-99.abc", "p": "-1"},
    {"all": "", "e": "1", "_popup": "1"},
    {"_to_field": "password"},
    {"id__in": "abc", "pk__gt": "x"},
    {"no_such_filter__icontains": "x"},
    {"term": LONG, "app_label": "events", "model_name": "event", "field_name": "series"},
]
BAD_QUERIES.append({key: value for query in BAD_QUERIES for key, value in query.items()})
ADMIN_QUERIES.append({key: value for query in ADMIN_QUERIES for key, value in query.items()})

# Each parameter of an admin list gets each of these: NUL, too large for an integer column (and a year
# too large for a date), too large for any, not a number.
ADMIN_LIST_VALUES = ["\x00", "2147483648", "99999999999999999999999", "abc"]
# Dates the date hierarchy cannot bound (its range ends after year 9999) or that do not exist.
ADMIN_DATE_PARTS = [("9999",), ("9999", "12"), ("9999", "12", "31"), ("2024", "13"), ("2024", "2", "30"), ("0",)]
# What every admin action is posted with as its selection.
ADMIN_SELECTIONS = ["abc", "\x00", "-1", "99999999999999999999999"]

POST_GARBAGE = [
    "",
    "x" * 5000,
    "\x00",
    "Nguyễn\x00Văn",
    "😀" * 60,
    "<script>alert(1)</script>",
    SQL,
    "99999999999999999999999",
    "\u202e\u0301\ufeff",
]


# --- the URL patterns -----------------------------------------------------------------------------

PATH_PARAMETER = re.compile(r"<(?:[^>:]+:)?(\w+)>")
REGEX_GROUP = re.compile(r"\((?:\?P<(\w+)>)?[^()]*\)")


@dataclass(frozen=True)
class Param:
    name: str


@dataclass
class Route:
    """One URL pattern as literal pieces and parameters; `key` reads like "admin/events/event/<object_id>/"."""

    pieces: list

    @property
    def key(self) -> str:
        return "".join(f"<{p.name}>" if isinstance(p, Param) else p for p in self.pieces)

    @property
    def params(self) -> list[str]:
        return [p.name for p in self.pieces if isinstance(p, Param)]

    def url(self, values: dict) -> str:
        return "/" + "".join(quote(values[p.name], safe="") if isinstance(p, Param) else p for p in self.pieces)


def _pieces(pattern, language: str) -> list:
    if isinstance(pattern, LocalePrefixPattern):
        return [f"{language}/"]
    if isinstance(pattern, RoutePattern):
        parts = PATH_PARAMETER.split(str(pattern))
        return [Param(part) if odd else part for odd, part in zip([0, 1] * len(parts), parts, strict=False) if part]
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
        pieces, start = [], 0
        for number, group in enumerate(REGEX_GROUP.finditer(regex)):
            pieces += [re.sub(r"\\(.)", r"\1", regex[start : group.start()]), Param(group[1] or f"arg{number}")]
            start = group.end()
        return [piece for piece in [*pieces, re.sub(r"\\(.)", r"\1", regex[start:])] if piece]
    raise AssertionError(f"a kind of URL pattern the crawl does not know: {pattern!r}")


def _walk(patterns, chain=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, (*chain, entry.pattern))
        else:
            assert isinstance(entry, URLPattern)
            yield (*chain, entry.pattern)


def all_routes() -> list[Route]:
    """Every URL pattern of the project; those under the language prefix once per language."""
    routes = []
    for chain in _walk(get_resolver().url_patterns):
        localised = any(isinstance(pattern, LocalePrefixPattern) for pattern in chain)
        for language in [code for code, _name in settings.LANGUAGES] if localised else [""]:
            routes.append(Route([piece for pattern in chain for piece in _pieces(pattern, language)]))
    return routes


# --- content and visitors -------------------------------------------------------------------------


@pytest.fixture
def site(media_root):
    """The demo data (five articles and the sample event open for registration), an officer of Lâm Đồng
    with delegates, a delegate of another province, and a superuser; the values for good URLs."""
    cache.clear()  # nothing served from a page cached by an earlier test
    load_demo()
    sample = load_sample_registration()
    lam_dong = factories.current_province("Tỉnh Lâm Đồng")
    officer = factories.officer(province=lam_dong)
    other = factories.registration(event=sample, province=factories.current_province("Tỉnh Gia Lai"))
    superuser = User.objects.create_superuser("crawler", "crawler@example.vn", "pw-crawler")
    own = Registration.objects.filter(event=sample, province=lam_dong)
    confirmed = own.filter(status=Registration.Status.CONFIRMED).first()
    return {
        "users": {"officer": officer.user, "superuser": superuser},
        "event": sample,
        "own": own.exclude(pk=confirmed.pk).first(),
        "other": other,
        "confirmed": confirmed,
        "slugs": {
            "event": Event.objects.published().exclude(pk=sample.pk).first().slug,
            "directive": Directive.objects.first().slug,
            "person": Person.objects.filter(positions__isnull=False).first().slug,
            "organisation": Organisation.objects.first().slug,
        },
        "uid": urlsafe_base64_encode(force_bytes(officer.user.pk)),
        "photo": Photo.objects.first().image.name,
        # A device of another staff member: the superuser's own would make the admin ask for its code.
        "device": TOTPDevice.objects.create(user=factories.account(is_staff=True), name="phone"),
    }


@pytest.fixture(autouse=True)
def media_directory():
    """The directory the media URL serves from exists, as on a server (Django binds it when urls.py loads)."""
    with suppress(Resolver404):
        Path(resolve("/media/x").kwargs["document_root"]).mkdir(parents=True, exist_ok=True)


def visitor(role: str, site) -> Client:
    client = Client(headers={"accept-language": "vi"})
    if role != "anonymous":
        client.force_login(site["users"][role])
    return client


@pytest.fixture(autouse=True)
def quiet_request_log():
    """Thousands of 404s and 400s are the point here; keep them out of the log."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def good_values(route: Route, site) -> dict[str, str]:
    """Values that name a real row for each parameter of `route` (or a harmless one)."""
    key, values = route.key, {}
    for name in route.params:
        if key.startswith("admin/r/"):  # view on site: <content_type_id>/<object_id>/
            event_type = ContentType.objects.get_for_model(Event)
            values[name] = str(event_type.pk if name == "content_type_id" else site["event"].pk)
        elif key.startswith("admin/") and name == "object_id":
            app_label, model_name = key.split("/")[1:3]
            row = apps.get_model(app_label, model_name)._default_manager.first()
            values[name] = str(row.pk) if row else "1"
        elif name == "id":  # admin/auth/user/<id>/password/
            values[name] = str(site["users"]["superuser"].pk)
        elif name == "slug":
            section = key.split("/")[1] if re.match(r"(vi|en)/", key) else "event"
            values[name] = {
                "events": site["slugs"]["event"],
                "directives": site["slugs"]["directive"],
                "people": site["slugs"]["person"],
                "organisations": site["slugs"]["organisation"],
            }.get(section, site["event"].slug)
        elif name == "pk" and key.startswith("portal/"):
            values[name] = str(site["own"].pk)
        elif name == "pk" and key.startswith("admin/otp_totp/"):
            values[name] = str(site["device"].pk)
        elif name == "code":
            values[name] = site["confirmed"].code
        elif name == "uidb64":
            values[name] = site["uid"]
        elif name == "app_label":
            values[name] = "events"
        elif name == "path":
            values[name] = site["photo"]
        else:
            values[name] = "1"
    return values


# --- requests -------------------------------------------------------------------------------------


def _where(error: BaseException) -> str:
    """The project's own line nearest to where `error` was raised, else the last line."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [
        frame
        for frame in frames
        if frame.filename.startswith(str(PROJECT)) and not re.search(r"/(\.venv|tests)/", frame.filename)
    ]
    frame = (ours or frames)[-1]
    return f"{Path(frame.filename).relative_to(PROJECT) if ours else frame.filename}:{frame.lineno} ({frame.name})"


def _short(text: str, length: int = 160) -> str:
    text = repr(text)[1:-1]
    return text if len(text) <= length else f"{text[:length]}…"


def request(client: Client, method: str, path: str, data=None) -> str | None:
    """None if the answer is below 500; otherwise what went wrong, where.

    Each request runs in a savepoint, so that a database error (on PostgreSQL it aborts the test's
    transaction) is undone and the next request still runs.
    """
    try:
        with transaction.atomic():
            response = client.generic(method, path, data=urlencode(data or {}, doseq=True), content_type=FORM)
            if response.streaming:  # read to the end, as a server does: errors while streaming count too
                b"".join(response.streaming_content)
    except Exception as error:
        return f"{method} {_short(path)} raised {type(error).__name__}: {_short(str(error))} at {_where(error)}"
    if response.status_code >= 500:
        return f"{method} {_short(path)} answered {response.status_code}"
    return None


FORM = "application/x-www-form-urlencoded"


def assert_answered(results):
    """Every request was answered below 500; else the list of those that were not, each with its line."""
    failures = [result for result in results if result]
    assert not failures, f"{len(failures)} of {len(results)} requests failed:\n" + "\n".join(failures)


# --- what the crawl sends -------------------------------------------------------------------------


@dataclass
class Visit:
    """One request of the crawl: who sends it, to which URL pattern (its key), and what."""

    role: str
    key: str
    url: str
    malformed: bool = False
    query: dict = field(default_factory=dict)
    method: str = "GET"
    data: dict | None = None


def path_plan(role: str, site) -> list[Visit]:
    """Every URL pattern with good values, then with each bad value in each parameter (the others good),
    and with a bad value in all of them at once.

    The admin sends anyone but staff to its login page before it reads a parameter: for them one bad
    value is enough, which keeps the crawl to about a minute per database.
    """
    visits = []
    for route in all_routes():
        good = good_values(route, site)
        visits.append(Visit(role, route.key, route.url(good)))
        values = BAD_VALUES
        if route.key.startswith("admin/"):
            values = ADMIN_BAD_VALUES if role == "superuser" else ADMIN_BAD_VALUES[:1]
        malformed = [{**good, name: bad} for name in route.params for bad in values]
        if len(route.params) > 1:
            malformed += [dict.fromkeys(good, bad) for bad in values]
        visits += [Visit(role, route.key, route.url(values), malformed=True) for values in malformed]
    return visits


# The parameters some pages read (with a prefix of their key); they get the queries that set one of
# them, and the one with everything. The public lists and search under vi/ and the staff pages get all.
READS = {
    "en/": {"q", "year", "page"},  # the same views as under vi/
    "portal/": {"rows", "next", "page"},
    "sitemap.xml": {"p"},
    "i18n/": {"next"},
}


def query_plan(role: str, site) -> list[Visit]:
    """Every page without a path parameter, and the portal's event pages, with each bad query string.

    The admin's lists get the admin's own parameters; its other pages, and the admin as seen by someone
    it sends to its login page, one query with all of them at once. The public pages are the same views
    whoever logged in: the anonymous visitor sends each query, the others the one with all of them.
    """
    pages = [route.key for route in all_routes() if not route.params]
    pages += [f"portal/events/{site['event'].slug}/register/", f"portal/events/{site['event'].slug}/"]
    visits = []
    for page in pages:
        reads = next((keys for prefix, keys in READS.items() if page.startswith(prefix)), None)
        if re.match(r"(vi|en)/", page) and role != "anonymous":
            queries = [BAD_QUERIES[-1]]
        elif not page.startswith("admin/"):
            queries = [
                query for query in BAD_QUERIES if reads is None or reads & set(query) or query is BAD_QUERIES[-1]
            ]
        elif role == "superuser" and re.fullmatch(r"admin/\w+/\w+/|admin/autocomplete/", page):
            queries = ADMIN_QUERIES
        else:
            queries = [ADMIN_QUERIES[-1], BAD_QUERIES[-1]]
        for query in queries:
            url = f"/{page}?{urlencode(query, doseq=True)}"
            visits.append(Visit(role, page, url, malformed=True, query=query))
    return visits


DELEGATE_FIELDS = ["family_name", "middle_name", "given_name", "post", "organisation", "gender", "phone", "email"]


def management(total) -> dict:
    return {
        "delegates-TOTAL_FORMS": total,
        "delegates-INITIAL_FORMS": "0",
        "delegates-MIN_NUM_FORMS": "0",
        "delegates-MAX_NUM_FORMS": "1000",
    }


def delegate_rows(value: str, rows: int = 2) -> dict:
    return {f"delegates-{n}-{name}": value for n in range(rows) for name in DELEGATE_FIELDS}


def one_delegate(**fields) -> dict:
    row = {
        "family_name": "Nguyễn",
        "given_name": "An",
        "post": "Chuyên viên",
        "organisation": "Sở Văn hóa",
        "gender": "male",
        "phone": "0912345678",
        "email": "an@example.vn",
        **fields,
    }
    return {**management("1"), **{f"delegates-0-{name}": value for name, value in row.items()}, "consent": "on"}


# Names at their maximum lengths (50, 100 and 50 characters): a valid delegate.
LONGEST_NAMES = one_delegate(family_name="Tôn Nữ " * 7 + "T", middle_name="Thị " * 24 + "Thị", given_name="Hoa" * 16)


def register_payloads() -> list[dict]:
    payloads = [{}, one_delegate(), LONGEST_NAMES]
    for value in POST_GARBAGE:
        payloads += [
            management(value),
            {**management(value), **delegate_rows(value), "consent": value},
            {**management("2"), **delegate_rows(value), "consent": "on"},
        ]
    payloads += [
        {**management("99999"), **delegate_rows("x", rows=60), "consent": "on"},
        {**management("2"), "delegates-0-family_name": ["a", "b"], "consent": ["on", "off"]},
    ]
    return payloads


def post_plan(role: str, site) -> list[Visit]:
    """Garbage POSTed to the portal's forms (register, edit, cancel, substitute: of the officer's own
    delegate, of another province's and of none), to the check-in form, and, by an anonymous visitor, to
    the login, password reset and language forms."""

    def post(key, url, data, method="POST"):
        return Visit(role, key, url, malformed=True, method=method, data=data)

    event = site["event"].slug
    register = f"/portal/events/{event}/register/?rows=abc"
    visits = [post("portal/events/<slug>/register/", register, data) for data in register_payloads()]
    changes = [
        f"/portal/registrations/{registration.pk}/{action}/"
        for registration in (site["own"], site["other"])
        for action in ("edit", "cancel", "substitute")
    ] + ["/portal/registrations/99999999999999999999/edit/"]
    garbage = [{}] + [
        payload
        for value in POST_GARBAGE
        for payload in ({**dict.fromkeys(DELEGATE_FIELDS, value), "consent": value, "reason": value}, {"reason": value})
    ]
    visits += [post("portal/registrations/<pk>/", url, data) for url in changes for data in garbage]

    check_in, key = f"/staff/events/{event}/check-in/", "staff/events/<slug>/check-in/"
    codes = [*POST_GARBAGE, site["confirmed"].code, f"http://testserver/portal/confirmation/{'x' * 3000}/"]
    codes += [f"https://example.vn/portal/confirmation/{value}/" for value in POST_GARBAGE]
    visits += [post(key, check_in, {"code": code}) for code in codes]
    visits += [post(key, check_in, data) for data in ({}, {"code": ["a", "b"]})]
    visits += [post(key, check_in, {"code": "x"}, method) for method in ("PUT", "DELETE", "PATCH")]

    if role == "anonymous":
        forms = ["portal/login/", "admin/login/", "portal/password-reset/", "i18n/setlang/"]
        forms.append(f"portal/password-reset/{site['uid']}/set-password/")
        names = ["username", "password", "otp_token", "otp_device", "email", "language", "next"]
        names += ["new_password1", "new_password2"]
        visits += [post(form, f"/{form}", dict.fromkeys(names, value)) for form in forms for value in POST_GARBAGE]
        visits += [post(form, f"/{form}", {}) for form in forms]
    return visits


def admin_list_plan(site) -> list[Visit]:
    """As the superuser, every registered admin's list with a bad value in each parameter it reads (those
    of its list filters, the date hierarchy's, search, ordering, page, the id), and each of its actions
    posted with a selection that names no row or cannot name one."""
    request = RequestFactory().get("/admin/")
    request.user = site["users"]["superuser"]
    visits = []
    for model, model_admin in admin.site._registry.items():
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        key = changelist.removeprefix("/")
        filters = model_admin.get_changelist_instance(request).filter_specs
        names = [name for spec in filters for name in spec.expected_parameters()]
        names += [model._meta.pk.attname, f"{model._meta.pk.attname}__in"]
        queries = [{name: value} for name in names for value in ADMIN_LIST_VALUES]
        queries += [{name: "\x00"} for name in ("q", "o", "p")]  # ADMIN_QUERIES sends them the rest
        if model_admin.date_hierarchy:
            parts = [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
            queries += [{part: value} for part in parts for value in ADMIN_LIST_VALUES]
            queries += [dict(zip(parts, date, strict=False)) for date in ADMIN_DATE_PARTS]
        visits += [
            Visit("superuser", key, f"{changelist}?{urlencode(query)}", malformed=True, query=query)
            for query in queries
        ]
        for action in model_admin.get_actions(request):
            visits += [
                Visit(
                    "superuser",
                    key,
                    changelist,
                    malformed=True,
                    method="POST",
                    data={"action": action, "_selected_action": selected, "index": "0"},
                )
                for selected in ADMIN_SELECTIONS
            ]
    return visits


def plan(role: str, site) -> list[Visit]:
    return [*path_plan(role, site), *query_plan(role, site), *post_plan(role, site)]


def crawl(visits: list[Visit], site) -> list[str | None]:
    clients = {role: visitor(role, site) for role in {visit.role for visit in visits}}
    return [request(clients[visit.role], visit.method, visit.url, visit.data) for visit in visits]


# --- the crawl ------------------------------------------------------------------------------------


def test_crawl_knows_every_kind_of_pattern_and_builds_urls_that_resolve():
    routes = all_routes()
    keys = {route.key for route in routes}

    assert len(routes) > 100  # the admin alone has a hundred
    for expected in [
        "",
        "robots.txt",
        "sitemap.xml",
        "vi/events/<slug>/",
        "en/events/<slug>.ics",
        "portal/registrations/<pk>/edit/",
        "portal/password-reset/<uidb64>/<token>/",
        "staff/events/<slug>/check-in/",
        "admin/events/event/<object_id>/change/",
    ]:
        assert expected in keys


@pytest.mark.parametrize("role", ROLES)
def test_every_url_with_good_and_malformed_parameters_answers_below_500(role, site):
    assert_answered(crawl(path_plan(role, site), site))


@pytest.mark.parametrize("role", ROLES)
def test_pages_with_malformed_query_strings_answer_below_500(role, site):
    assert_answered(crawl(query_plan(role, site), site))


@pytest.mark.parametrize("role", ROLES)
def test_forms_survive_garbage_posts(role, site):
    assert_answered(crawl(post_plan(role, site), site))


def test_admin_lists_and_actions_with_malformed_parameters_answer_below_500(site):
    assert_answered(crawl(admin_list_plan(site), site))


def test_a_post_without_the_csrf_token_is_refused_not_crashed(site):
    client = Client(enforce_csrf_checks=True)
    client.force_login(site["users"]["officer"])

    failure = request(client, "POST", f"/portal/events/{site['event'].slug}/register/", one_delegate())

    assert failure is None
