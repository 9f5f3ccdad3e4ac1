"""The public pages' cache: served to anonymous readers, out of date as soon as public content changes.

Transactional tests: a page rendered inside a transaction (as every ordinary test runs) is never
stored, since it may show rows that are rolled back.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events import services
from events.cache import HIT_HEADER, public_version
from events.models import AgendaItem, Event
from tests import factories

pytestmark = [
    # serialized_rollback: the flush after a transactional test would also empty the provinces the
    # data migration loaded; this puts them back for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLISHED = Event.Status.PUBLISHED


def url(name, *args, language="vi", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", args=args, kwargs=kwargs)


def get(client, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    return response, len(queries)


@pytest.fixture
def event():
    event = factories.event(title="Hội nghị tập huấn lần thứ nhất", status=PUBLISHED, start_date=date(2024, 6, 7))
    factories.directive(symbol="47/NQ-CP", title="Về thông tin đối ngoại")
    AgendaItem.objects.create(event=event, speaker=factories.person(given_name="Hưng"), title="Phát biểu khai mạc")
    return event


@pytest.mark.parametrize(
    "name, args",
    [("home", ()), ("event-list", ()), ("directive-list", ()), ("feed-rss", ()), ("feed-atom", ()), ("search", ())],
)
def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, event, name, args):
    first, _ = get(client, url(name, *args), q="hoi nghi")
    second, queries = get(client, url(name, *args), q="hoi nghi")
    assert first.status_code == 200
    assert first[HIT_HEADER] == "miss"
    assert second[HIT_HEADER] == "hit"
    assert queries == 0
    assert second.content == first.content


def test_event_person_and_organisation_pages_are_cached(client, event):
    speaker = event.agenda.get().speaker
    organisation = factories.organisation(name="Bộ Thông tin và Truyền thông")
    event.organisers.create(organisation=organisation)
    for path in (event.get_absolute_url(), speaker.get_absolute_url(), organisation.get_absolute_url()):
        assert get(client, path)[0].status_code == 200
        response, queries = get(client, path)
        assert (response[HIT_HEADER], queries) == ("hit", 0), path


def test_editing_an_event_shows_the_new_title_on_the_next_request(client, event):
    assert "lần thứ nhất" in get(client, event.get_absolute_url())[0].content.decode()
    assert "lần thứ nhất" in get(client, url("event-list"))[0].content.decode()
    event.title = "Hội nghị tập huấn đã sửa tên"
    event.save()
    page = get(client, event.get_absolute_url())[0]
    assert page[HIT_HEADER] == "miss"
    assert "đã sửa tên" in page.content.decode()
    assert "đã sửa tên" in get(client, url("event-list"))[0].content.decode()


def test_editing_a_speaker_shows_on_the_cached_event_page(client, event):
    get(client, event.get_absolute_url())
    speaker = event.agenda.get().speaker
    speaker.given_name = "Thắng"
    speaker.save()
    assert "Thắng" in get(client, event.get_absolute_url())[0].content.decode()


def test_publishing_through_the_admin_action_shows_the_event_on_the_next_request(client, admin_client, event):
    draft = factories.event(title="Hội nghị còn là bản nháp")
    assert "còn là bản nháp" not in get(client, url("event-list"))[0].content.decode()
    assert get(client, url("event-list"))[0][HIT_HEADER] == "hit"
    admin_client.post(
        reverse("admin:events_event_changelist"), {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert Event.objects.get(pk=draft.pk).status == PUBLISHED
    assert "còn là bản nháp" in get(client, url("event-list"))[0].content.decode()


def test_unpublishing_removes_a_cached_event_page(client, event):
    assert get(client, event.get_absolute_url())[0].status_code == 200
    services.unpublish_events(Event.objects.filter(pk=event.pk))
    assert get(client, event.get_absolute_url())[0].status_code == 404


def test_a_logged_in_user_is_never_served_a_cached_page(client, admin_client, event):
    assert get(client, event.get_absolute_url())[0][HIT_HEADER] == "miss"
    # A change that sends no signal leaves the anonymous copy stale, which shows who is served from it.
    Event.objects.filter(pk=event.pk).update(title="Tên mới không qua tín hiệu")
    staff_page = admin_client.get(event.get_absolute_url())
    assert HIT_HEADER not in staff_page
    assert "Tên mới không qua tín hiệu" in staff_page.content.decode()
    anonymous_page = get(client, event.get_absolute_url())[0]
    assert anonymous_page[HIT_HEADER] == "hit"
    assert "lần thứ nhất" in anonymous_page.content.decode()


def test_cache_keys_separate_languages_and_query_strings(client, event):
    factories.event(title="Hội thảo khác hẳn", status=PUBLISHED)
    vi, en = get(client, url("event-list"))[0], get(client, url("event-list", language="en"))[0]
    assert '<html lang="vi">' in vi.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert get(client, url("event-list", language="en"))[0][HIT_HEADER] == "hit"
    filtered = get(client, url("event-list"), q="hoi thao")[0]
    assert filtered[HIT_HEADER] == "miss"
    assert "khác hẳn" in filtered.content.decode()
    assert "lần thứ nhất" not in filtered.content.decode()


def test_registrations_do_not_change_the_public_version(event):
    province = factories.current_province()
    open_event = factories.registration_open(quotas={province: 5})
    before = public_version()
    factories.registration(event=open_event, province=province)
    assert public_version() == before


def test_errors_are_not_cached(client, event):
    assert get(client, url("event-detail", slug="khong-co"))[0].status_code == 404
    response = get(client, url("event-detail", slug="khong-co"))[0]
    assert response.status_code == 404
    assert HIT_HEADER not in response


def edit_title(event, title):
    event.title = title
    event.save()


def test_an_edit_in_another_worker_process_reaches_this_ones_memory_cache(client, event, settings):
    """gunicorn's workers each have their own memory cache; the stamp file they share tells them all."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker-1"},
        "worker-2": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker-2"},
    }
    get(client, event.get_absolute_url())
    assert get(client, event.get_absolute_url())[0][HIT_HEADER] == "hit"
    settings.PUBLIC_PAGE_CACHE_ALIAS = "worker-2"
    edit_title(event, "Hội nghị tập huấn sửa ở tiến trình khác")
    settings.PUBLIC_PAGE_CACHE_ALIAS = "default"
    page = get(client, event.get_absolute_url())[0]
    assert (page[HIT_HEADER], "sửa ở tiến trình khác" in page.content.decode()) == ("miss", True)


def test_an_edit_on_another_server_reaches_this_one_through_the_database_cache(client, event, settings, tmp_path):
    """Several app servers: each has its own stamp file, so they share the version through DJANGO_CACHE=database."""
    shared = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ttdn_cache"}
    settings.CACHES = {"default": shared, "server-2": shared}
    call_command("createcachetable", verbosity=0)
    get(client, event.get_absolute_url())
    assert get(client, event.get_absolute_url())[0][HIT_HEADER] == "hit"
    settings.PUBLIC_PAGE_CACHE_ALIAS, settings.PUBLIC_PAGE_CACHE_STAMP = "server-2", tmp_path / "server-2-stamp"
    edit_title(event, "Hội nghị tập huấn sửa ở máy chủ khác")
    settings.PUBLIC_PAGE_CACHE_ALIAS, settings.PUBLIC_PAGE_CACHE_STAMP = "default", tmp_path / "public-version"
    page = get(client, event.get_absolute_url())[0]
    assert (page[HIT_HEADER], "sửa ở máy chủ khác" in page.content.decode()) == ("miss", True)


def test_event_list_count_is_kept_until_public_content_changes(client, event, settings):
    """With the page cache off, the list still keeps its count (1.5 ms of PostgreSQL on 10,000 events)
    per set of filters; publishing an event counts it on the next request."""
    settings.PUBLIC_PAGE_CACHE = False
    factories.event(title="Hội thảo khác", kind=Event.Kind.SEMINAR, status=PUBLISHED, start_date=date(2023, 1, 1))

    def count(**params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("event-list"), params)
        counted = sum("COUNT(" in query["sql"] for query in queries)
        return response.context["page"].paginator.count, counted

    assert count() == (2, 1)
    assert count() == (2, 0)  # kept: no COUNT sent the second time
    assert count(kind=Event.Kind.SEMINAR)[0] == 1  # each set of filters has its own count
    assert count(kind=Event.Kind.SEMINAR, page=1)[0] == 1

    draft = factories.event(title="Hội nghị mới công bố", status=Event.Status.DRAFT)
    assert count()[0] == 2
    services.publish_events(Event.objects.filter(pk=draft.pk))
    assert count()[0] == 3
    assert "Hội nghị mới công bố" in get(client, url("event-list"))[0].content.decode()
