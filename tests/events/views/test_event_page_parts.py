"""The event page's repeated parts, written by Python tags from reads compiled once (issue 15): each
row as the reader saw it before, and fresh data on every request."""

from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventOfficial, Outcome
from events.statements import Statement
from tests import factories

pytestmark = pytest.mark.django_db


def page(client, event, language="vi") -> str:
    with translation.override(language):
        path = reverse("events:event-detail", kwargs={"slug": event.slug})
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_days():
    return factories.event(status=Event.Status.PUBLISHED, start_date=date(2025, 3, 7), end_date=date(2025, 3, 8))


def test_timetable_row_gives_the_day_time_room_speaker_post_and_title(client, two_days):
    hung = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng", slug="nguyen-thanh-hung")
    factories.academic_title(person=hung, title="TS", held_from=date(2020, 1, 1))
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông", name_en="Ministry of Information")
    factories.position(
        person=hung, title="Thứ trưởng", title_en="Deputy Minister", organisation=mic, attested_on=date(2025, 3, 8)
    )
    factories.agenda_item(
        event=two_days,
        speaker=hung,
        title="Chuyên đề <1>",
        day=date(2025, 3, 8),
        starts_at=time(8),
        ends_at=time(9, 30),
        room="Hội trường A",
    )

    assert (
        '<tr><td>8/3/2025</td>\n      <td class="date">08:00–09:30</td>\n      <td>Hội trường A</td>\n'
        '      <td><span class="kind">phát biểu</span><br><a class="speaker" href="/vi/people/nguyen-thanh-hung/">'
        'TS Nguyễn Thành Hưng</a><span class="posts">, Thứ trưởng, Bộ Thông tin và Truyền thông</span>\n\n'
        "        <br><strong>“Chuyên đề &lt;1&gt;”</strong>"
    ) in page(client, two_days)
    english = page(client, two_days, "en")
    assert "<td>8 Mar 2025</td>" in english
    assert '<td><span lang="vi">Hội trường A</span></td>' in english
    assert '<span class="posts">, Deputy Minister, Ministry of Information</span>' in english


def test_officials_outcomes_directives_and_sources_are_listed_as_recorded(client, two_days):
    official = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình", slug="le-hai-binh")
    factories.event_official(event=two_days, person=official, role=EventOfficial.Role.CHAIR)
    plan = factories.directive(symbol="47/NQ-CP", slug="nq-47", title="Chương trình hành động")
    department = factories.organisation(name="Sở TT&TT", slug="so-ttt")
    outcome = factories.outcome(
        event=two_days, kind=Outcome.Kind.ADOPTED, description="Thông qua kế hoạch", directive=plan
    )
    outcome.organisations.add(department)
    outcome.provinces.add(factories.province(name="Tỉnh Lâm Đồng", on=date(2025, 3, 7)))
    factories.event_directive(event=two_days, directive=plan)
    factories.source(
        event=two_days,
        publisher="Báo Tin tức",
        title="Hội nghị tập huấn",
        author="Hoàng Tuyết",
        credit="Tin, ảnh: Hoàng Tuyết/Báo Tin tức",
        url="https://baotintuc.vn/a?b=1&c=2",
        published_on=date(2025, 3, 9),
    )

    text = page(client, two_days)
    chair = '<a class="speaker" href="/vi/people/le-hai-binh/">Lê Hải Bình</a>\n <span class="muted">(chủ trì)</span>'
    assert f"<li>{chair}</li>" in text
    assert (
        '<li><span class="badge">thông qua</span> Thông qua kế hoạch — '
        '<a href="/vi/directives/nq-47/">Nghị quyết 47/NQ-CP</a>\n      <br><span class="muted">Được nêu:</span> '
        '<a href="/vi/organisations/so-ttt/">Sở TT&amp;TT</a>, Tỉnh Lâm Đồng</li>'
    ) in text
    assert '<a href="/vi/directives/nq-47/">Nghị quyết 47/NQ-CP — Chương trình hành động</a></li>' in text
    # The credit line names the author already: it stands for both.
    assert (
        '<li><a href="https://baotintuc.vn/a?b=1&amp;c=2" rel="noopener">Hội nghị tập huấn</a>\n      \n'
        '      <span class="muted">— Báo Tin tức, 9/3/2025. Tin, ảnh: Hoàng Tuyết/Báo Tin tức</span></li>'
    ) in text


def test_parts_added_after_the_page_was_read_show_on_the_next_request(client, two_days):
    page(client, two_days)
    factories.agenda_item(event=two_days, title="Chuyên đề mới")
    factories.source(event=two_days, publisher="Báo Lâm Đồng")
    factories.event_official(event=two_days, person=factories.person(given_name="Minh"))

    text = page(client, two_days)
    assert "Chuyên đề mới" in text and "Báo Lâm Đồng" in text and "Minh" in text


def test_a_draft_or_unknown_event_is_not_found(client):
    draft = factories.event()
    assert client.get(reverse("events:event-detail", kwargs={"slug": draft.slug})).status_code == 404
    assert client.get(reverse("events:event-detail", kwargs={"slug": "khong-co"})).status_code == 404


def test_a_statement_gives_the_orm_s_values_and_refuses_sql_that_depends_on_its_keys():
    event = factories.event(start_date=date(2024, 6, 7))
    starts = Statement(Event, lambda pk: Event.objects.filter(pk=pk).values_list("start_date", "title"), int)
    assert starts.rows(event.pk) == [(date(2024, 6, 7), event.title)]  # a date on SQLite too
    assert starts.rows(event.pk + 1000) == []

    following = Statement(Event, lambda pk: Event.objects.filter(pk=pk + 1).values_list("title"), int)
    with pytest.raises(ValueError):  # it would send the placeholder's successor, not the key's
        following.rows(event.pk)


def test_series_navigation_links_the_nearest_published_editions(client):
    amri = factories.series(name="Hội nghị Bộ trưởng Thông tin ASEAN", abbreviation="AMRI")
    published = Event.Status.PUBLISHED
    factories.event(series=amri, status=published, title="AMRI-12", start_date=date(2014, 6, 1))
    earlier = factories.event(series=amri, status=published, title="AMRI-13", start_date=date(2016, 3, 17))
    this = factories.event(series=amri, status=published, title="AMRI-14", start_date=date(2018, 5, 1))
    factories.event(series=amri, title="AMRI-15 (bản nháp)", start_date=date(2019, 1, 1))  # a draft: skipped
    later = factories.event(
        series=amri, status=published, title="AMRI-15", start_date=date(2020, 9, 1), date_precision="month"
    )

    text = page(client, this)
    assert f'<a href="{earlier.get_absolute_url()}" rel="prev">← AMRI-13 (17/3/2016)</a>' in text
    assert f'<a href="{later.get_absolute_url()}" rel="next">AMRI-15 (9/2020) →</a>' in text
    assert "AMRI-12" not in text and "bản nháp" not in text
    assert 'rel="prev"' not in page(client, factories.event(status=published, title="Không thuộc chuỗi"))
