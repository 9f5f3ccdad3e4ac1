"""The benchmark's floors (bench/floors.py): a page's reads without its template, and their SQL sent
again without the ORM. They must do the page's reads, all of them and no more."""

from datetime import date

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from bench import floors
from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_recordings():
    floors._statements.clear()
    with translation.override("vi"):
        yield
    floors._statements.clear()


@pytest.fixture
def event():
    event = factories.event(title="Hội nghị tập huấn", status=Event.Status.PUBLISHED, start_date=date(2024, 6, 7))
    factories.organiser(event=event)
    factories.agenda_item(event=event)
    factories.outcome(event=event)
    factories.source(event=event)
    return event


def sent(view, *args, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = view(RequestFactory().get("/"), *args, **kwargs)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries]


def page_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries]


@pytest.mark.parametrize("page", ["event-list", "event"])
def test_reads_only_sends_what_the_page_sends(client, event, page):
    path = event.get_absolute_url() if page == "event" else "/vi/events/"
    _, reads = sent(floors.reads_only, page=page, slug=event.slug)
    assert reads == page_queries(client, path)


@pytest.mark.parametrize("page", ["event-list", "event"])
def test_sql_only_sends_the_recorded_statements_again(event, page):
    _, reads = sent(floors.reads_only, page=page, slug=event.slug)
    sent(floors.sql_only, page=page, slug=event.slug)  # records them
    response, again = sent(floors.sql_only, page=page, slug=event.slug)
    assert again == reads
    assert response.content.decode() == f"{len(reads)} statements"


def test_an_event_that_is_not_public_has_no_floor(event):
    draft = factories.event(title="Bản nháp")
    with pytest.raises(Http404):
        floors.reads_only(RequestFactory().get("/"), page="event", slug=draft.slug)
