"""The floors of the two pages with a throughput target (bench/README.md): their reads without the
template, and the SQL those reads send without the ORM. No page can be faster than its own reads."""

from django.db import connection
from django.http import HttpResponse

from events.views.public import event_list_page, event_page_context
from registrations.materials import public_materials


def _reads(page, request, slug):
    if page == "event-list":
        event_list_page(request)
    else:
        event = event_page_context(slug)["event"]
        list(public_materials(event))  # read by the template, through registrations' {% public_materials %}


def reads_only(request, page, slug=None):
    """The page's reads (queries, model objects, the filter form's validation), no template."""
    _reads(page, request, slug)
    return HttpResponse("reads done", content_type="text/plain")


_statements: dict[tuple, list] = {}


def sql_only(request, page, slug=None):
    """The SQL the page's reads send (recorded in this process's first request) sent again as it was,
    each answer fetched whole: what the database and its driver cost, without the ORM."""
    key = (page, slug)
    if key not in _statements:
        _reads(page, request, slug)  # first, so that what the page keeps (its count) is not recorded
        sent = []

        def record(execute, sql, params, many, context):
            sent.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            _reads(page, request, slug)
        _statements[key] = sent
    with connection.cursor() as cursor:
        for sql, params in _statements[key]:
            cursor.execute(sql, params)
            cursor.fetchall()
    return HttpResponse(f"{len(_statements[key])} statements", content_type="text/plain")
