"""In-process measurements with Django's test client (run by bench/run.py; prints JSON).

For each page: warm-up requests, then REPEAT timed requests; median and p95 in milliseconds, the
number of queries of one request and its HTTP status. Public pages are measured uncached (every cache
emptied before each request) and cached (the same address again, as an anonymous reader).

Addresses come from `reverse()` and the objects from the data, so a page that moved still gets
measured; a URL name that no longer resolves is reported as missing rather than stopping the run, and
a public URL name nobody measures is listed (`unmeasured`).
"""

import json
import os
import re
import statistics
import sys
import time
from datetime import datetime
from unittest import mock
from urllib.parse import quote_plus

import django

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
WARM = 3
SAVEPOINT_SQL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
SLOW_MS = 1000
# Where the sitemap may be, whichever way config/urls.py names it (a single sitemap or an index).
SITEMAP_NAMES = [
    "sitemap",
    "sitemap-index",
    "sitemap_index",
    "django.contrib.sitemaps.views.index",
]  # a page this slow is timed 5 times, not REPEAT: a few requests tell enough


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# The search page's common and rare queries (bench/README.md); the rare one must not scan the table.
SEARCH_QUERIES = ["hoi nghi", "thong tin doi ngoai", "iswaran"]


def search_plans(connection, queries):
    """{query: the plan of the search page's event query} (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN
    on SQLite), to show which queries read the index and not the whole table."""
    from events import queries as reads
    from events.search import search_events

    plans = {}
    for query in queries:
        sql, params = search_events(reads.events_for_list(), query, public=True)[:20].query.sql_with_params()
        explain = (
            "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        )
        with connection.cursor() as cursor:
            cursor.execute(explain + sql, params)
            plans[query] = [" ".join(str(part) for part in row) for row in cursor.fetchall()]
    return plans


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone, translation

    from briefings.models import Directive
    from events import urls as public_urls
    from events.filters import EventFilter
    from events.models import Event
    from people.models import Organisation, Person, Province
    from registrations.models import Officer, Registration

    settings.PUBLIC_PAGE_CACHE = True
    translation.activate(settings.LANGUAGE_CODE)
    used_names = set()

    def url(name, query="", **kwargs):
        """The address of a URL name, or None when it no longer resolves (reported, not fatal)."""
        used_names.add(name)
        try:
            return reverse(name, kwargs=kwargs or None) + query
        except NoReverseMatch:
            return None

    # The richest objects, so that each page shows as much as the data holds.
    event = (
        Event.objects.published()
        .filter(date_precision="day")
        .annotate(n=Count("agenda"))
        .order_by("-n", "slug")
        .first()
    )
    person = Person.objects.annotate(n=Count("talks")).order_by("-n", "slug").first()
    organisation = Organisation.objects.annotate(n=Count("organised")).order_by("-n", "slug").first()
    directive = Directive.objects.annotate(n=Count("event_links")).order_by("-n", "slug").first()
    province = Province.objects.current().annotate(n=Count("events")).order_by("-n", "code").first()
    # The filter's own option for it, whether the filter names provinces by code or by key.
    options = [str(value) for value, _label in EventFilter().form.fields["province"].choices if str(value)]
    province_option = next((o for o in (province.code, str(province.pk)) if o in options), options[0])
    delegate = (
        Registration.objects.filter(status=Registration.Status.CONFIRMED)
        .select_related("event")
        .order_by("event__slug", "code")
        .first()
    )

    if delegate:
        start = delegate.event.start_date
        event_morning = datetime(start.year, start.month, start.day, 10, tzinfo=timezone.get_default_timezone())

    User = get_user_model()
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_staff": True, "is_superuser": True})
    officer_user, _ = User.objects.get_or_create(username="bench-officer")
    Officer.objects.get_or_create(user=officer_user, defaults={"province": Province.objects.current().first()})

    public = [
        ("home", url("events:home")),
        ("event list", url("events:event-list")),
        ("event list, last page", last_page(Client(), url("events:event-list"))),
        ("event list, text search", url("events:event-list", "?q=bien+dao")),
        ("event list, province filter", url("events:event-list", f"?province={province_option}")),
        ("event page", url("events:event-detail", slug=event.slug)),
        ("event .ics", url("events:event-ics", slug=event.slug)),
        ("directive list", url("events:directive-list")),
        ("directive page", url("events:directive-detail", slug=directive.slug)),
        ("person page", url("events:person-detail", slug=person.slug)),
        ("organisation page", url("events:organisation-detail", slug=organisation.slug)),
        ("search", url("events:search", "?q=thong+tin")),
        *((f"search: {q}", url("events:search", f"?q={quote_plus(q)}")) for q in SEARCH_QUERIES),
        ("event list, q=hoi nghi (ranked)", url("events:event-list", "?q=hoi+nghi")),
        ("RSS feed", url("events:feed-rss")),
        ("Atom feed", url("events:feed-atom")),
        ("calendar.ics", url("events:calendar-ics")),
        ("robots.txt", url("robots")),
    ]
    sitemap = next(filter(None, map(url, SITEMAP_NAMES)), None)
    public += sitemap_pages(Client(), sitemap)
    if delegate:
        public.append(("delegate confirmation page", url("portal:confirmation", code=delegate.code)))
    # (name, address, user, POST a check-in code)
    staff = [("portal dashboard", url("portal:dashboard"), officer_user, False)]
    if delegate:
        check_in = url("staff:check-in", slug=delegate.event.slug)
        staff.append(("check-in page (GET)", check_in, admin, False))
        staff.append(("check-in lookup (POST a code, rolled back)", check_in, admin, True))
    staff.append(("admin event changelist", url("admin:events_event_changelist"), admin, False))
    staff.append(("admin event changelist, search", url("admin:events_event_changelist", "?q=bien+dao"), admin, False))
    baseline = [("bare hello", "/bench/hello/"), ("baseline (20 of 10,000 rows)", "/bench/baseline/")]

    def clear_caches():
        for cache in caches.all():
            cache.clear()

    class EventMorningClock:
        """django.utils.timezone as the check-in service sees it, reading the event's first morning. Only
        the service's clock: a patched global clock also ended the staff login's 8-hour session when the
        event was far from today, and the check-in page answered with a redirect to the login."""

        def __getattr__(self, name):
            return getattr(timezone, name)

        def now(self):
            return event_morning

    def check_in_rolled_back(client, path, *, verify=False):
        """The lookup and the write of a real check-in, undone so that every request finds the delegate
        still to check in (and the data stays as it was). The clock reads the event's first morning: a
        delegate checks in only on a day of the event, and the data's events are not all today."""
        with transaction.atomic(), mock.patch("registrations.services.timezone", EventMorningClock()):
            response = client.post(path, {"code": delegate.code})
            attended = Registration.objects.filter(pk=delegate.pk, status=Registration.Status.ATTENDED)
            if verify and (response.status_code != 200 or not attended.exists()):
                raise RuntimeError(f"the check-in POST to {path} did not check the delegate in")
            transaction.set_rollback(True)
        return response

    def measure(client, path, *, uncached=False, post=False):
        def request():
            return check_in_rolled_back(client, path) if post else client.get(path)

        started = time.perf_counter()
        response = check_in_rolled_back(client, path, verify=True) if post else request()
        slow = (time.perf_counter() - started) * 1000 > SLOW_MS
        repeat = 5 if slow else REPEAT
        for _ in range(0 if slow else WARM - 1):
            request()
        times, statuses = [], set()
        for _ in range(repeat):
            if uncached:
                clear_caches()
            started = time.perf_counter()
            response = request()
            times.append((time.perf_counter() - started) * 1000)
            statuses.add(response.status_code)
        if uncached:
            clear_caches()
        with CaptureQueriesContext(connection) as captured:
            request()
        # The rollback wrapper turns the view's own transaction into a savepoint: not the view's queries.
        queries = [q for q in captured if not (post and q["sql"].startswith(SAVEPOINT_SQL))]
        return {
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 0.95), 2),
            "queries": len(queries),
            "status": max(statuses),  # the worst: one error among 200s must show
            "bytes": len(response.content),
        }

    results = {"rows": [], "addresses": {}, "missing": []}
    # A page that fails answers 500 in the table (and misses its target) rather than stopping the run.
    anonymous = Client(raise_request_exception=False)
    for name, path in baseline:
        results["rows"].append({"page": name, "kind": "baseline", **measure(anonymous, path)})
    for name, path in public:
        if path is None:
            results["missing"].append(name)
            continue
        results["addresses"][name] = path
        row = {"page": name, "kind": "public", "path": path, **measure(anonymous, path, uncached=True)}
        cached = measure(anonymous, path)
        row.update({"cached_median_ms": cached["median_ms"], "cached_queries": cached["queries"]})
        results["rows"].append(row)
        print(f"  {name}: {row['median_ms']:.1f} ms, {row['queries']} queries", file=sys.stderr, flush=True)
    for name, path, user, post in staff:
        if path is None:
            results["missing"].append(name)
            continue
        client = Client(raise_request_exception=False)
        client.force_login(user)
        row = {"page": name, "kind": "staff", "path": path, **measure(client, path, post=post)}
        results["rows"].append(row)
        print(f"  {name}: {row['median_ms']:.1f} ms, {row['queries']} queries", file=sys.stderr, flush=True)
    results["explain"] = search_plans(connection, SEARCH_QUERIES)
    names = {f"events:{p.name}" for p in public_urls.urlpatterns if p.name}
    results["unmeasured"] = sorted(names - used_names)
    json.dump(results, sys.stdout)


def last_page(client, path):
    """The list's last page (the deepest offset): the highest page number answering 200, found by
    doubling then halving, so that nothing about the list's size or page length is assumed."""
    if path is None:
        return None
    low, high = 1, 2
    while high < 2**20 and client.get(f"{path}?page={high}").status_code == 200:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if client.get(f"{path}?page={middle}").status_code == 200 else (low, middle)
    return f"{path}?page={low}"


def sitemap_pages(client, path):
    """The sitemap, and when it is an index of sections, also a section: the events' first page (the
    largest kind of section), else the first section listed."""
    if path is None:
        return [("sitemap.xml", None)]
    response = client.get(path)
    if b"<sitemapindex" not in response.content:
        return [("sitemap.xml", path)]
    sections = [
        loc.replace("&amp;", "&")
        for loc in re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", response.content.decode())
    ]
    pages = [("sitemap index", path)]
    if sections:
        pages.append(("sitemap section", next((s for s in sections if "event" in s), sections[0])))
    return pages


if __name__ == "__main__":
    main()
