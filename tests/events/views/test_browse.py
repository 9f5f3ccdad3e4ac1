"""People and organisations to browse; a person's every part in events; an organisation's events after it ceased."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventOfficial
from events.views.public import PERSON_EVENTS_PER_PAGE
from people.models import Organisation, OrganisationChange
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED = Event.Status.PUBLISHED


def url(name, language="vi", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", kwargs=kwargs)


def published_event(**kw):
    return factories.event(status=PUBLISHED, **kw)


def speaker_at(event, **kw):
    person = factories.person(**kw)
    factories.agenda_item(event=event, speaker=person)
    return person


def test_people_are_listed_by_given_name_in_vietnamese_order_and_only_public_ones(client):
    event = published_event()
    for given in ("Đức", "Dũng", "Bình", "Ánh", "Cường"):
        speaker_at(event, given_name=given, middle_name="")
    factories.agenda_item(event=factories.event(), speaker=factories.person(given_name="Bản nháp"))
    response = client.get(url("person-list"))
    assert [p.given_name for p in response.context["page"]] == ["Ánh", "Bình", "Cường", "Dũng", "Đức"]


def test_people_list_shows_the_current_post_or_the_last_one_known(client):
    event = published_event(start_date=date(2016, 3, 17))
    now = speaker_at(event, given_name="An")
    factories.position(person=now, title="Vụ trưởng", start_date=date(2015, 1, 1), end_date=date(2019, 12, 31))
    factories.position(person=now, title="Thứ trưởng", start_date=date(2020, 1, 1))
    before = speaker_at(event, given_name="Bình")
    factories.position(person=before, title="Cục phó", attested_on=date(2014, 5, 1), attested_precision="month")
    factories.position(person=before, title="Cục trưởng", attested_on=date(2016, 3, 17))
    response = client.get(url("person-list"))
    shown = {p.given_name: (p.post.title, p.post_is_current) for p in response.context["page"]}
    assert shown == {"An": ("Thứ trưởng", True), "Bình": ("Cục trưởng", False)}
    page = response.content.decode()
    assert "Chức vụ gần nhất" in page or "Last known post" in page


@pytest.mark.parametrize("n", [1, 5])
def test_people_list_query_budget_does_not_grow(client, n, django_assert_max_num_queries):
    event = published_event()
    for _ in range(n):
        person = speaker_at(event)
        factories.position(person=person)
        factories.academic_title(person=person)
    with django_assert_max_num_queries(6):
        response = client.get(url("person-list"))
    assert len(response.context["page"]) == n


def test_organisations_are_listed_by_kind_with_their_lineage_in_both_languages(client):
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông", name_en="Ministry of Information")
    most = factories.organisation(name="Bộ Khoa học và Công nghệ", name_en="Ministry of Science")
    factories.organisation(name="Ban Tuyên giáo", kind=Organisation.Kind.PARTY_COMMISSION)
    OrganisationChange.objects.create(organisation=mic, successor=most, kind="merged_into", date=date(2025, 3, 1))
    response = client.get(url("organisation-list"))
    assert [o.name for o in response.context["page"]] == [
        "Ban Tuyên giáo",  # Party commissions come before ministries (Organisation.Kind's order)
        "Bộ Khoa học và Công nghệ",
        "Bộ Thông tin và Truyền thông",
    ]
    assert "sáp nhập vào Bộ Khoa học và Công nghệ" in response.content.decode() or "1/3/2025" in (
        response.content.decode()
    )
    english = client.get(url("organisation-list", "en")).content.decode()
    assert "merged into Ministry of Science on 1 Mar 2025" in english


@pytest.mark.parametrize("n", [1, 6])
def test_organisation_list_query_budget_does_not_grow(client, n, django_assert_max_num_queries):
    for _ in range(n):
        factories.organisation_change(organisation=factories.organisation(parent=factories.organisation()))
    with django_assert_max_num_queries(5):
        response = client.get(url("organisation-list"))
    assert len(response.context["page"]) == Organisation.objects.count() >= 3 * n


@pytest.mark.parametrize("language", ["vi", "en"])
def test_header_links_to_people_and_organisations(client, language):
    page = client.get(url("home", language)).content.decode()
    assert f'href="{url("person-list", language)}"' in page
    assert f'href="{url("organisation-list", language)}"' in page


def test_person_page_lists_every_event_taken_part_in_not_only_talks(client):
    person = factories.person()
    spoke = published_event(title="Nói", start_date=date(2024, 6, 7))
    chaired = published_event(title="Chủ trì", start_date=date(2023, 5, 1))
    attended = published_event(title="Dự", start_date=date(2022, 4, 1))
    both = published_event(title="Cả hai", start_date=date(2021, 3, 1))
    factories.agenda_item(event=spoke, speaker=person, title="Chuyên đề A")
    factories.event_official(event=chaired, person=person, role=EventOfficial.Role.CHAIR)
    factories.event_official(event=attended, person=person, role=EventOfficial.Role.GUEST)
    factories.agenda_item(event=both, speaker=person)
    factories.event_official(event=both, person=person, role=EventOfficial.Role.CHAIR)
    factories.event_official(event=factories.event(title="Nháp"), person=person)
    response = client.get(url("person-detail", "en", slug=person.slug))
    events = list(response.context["page"])
    assert [e.title for e in events] == ["Nói", "Chủ trì", "Dự", "Cả hai"]
    assert [(len(e.talks), [r.role for r in e.roles]) for e in events] == [
        (1, []),
        (0, ["chair"]),
        (0, ["guest"]),
        (1, ["chair"]),
    ]
    page = response.content.decode()
    assert "No talk recorded" not in page
    assert "Attended" in page and "Chair" in page


def test_person_page_of_an_attending_official_is_no_dead_end(client):
    person = factories.person()
    event = published_event(title="Hội nghị có khách mời")
    factories.event_official(event=event, person=person)
    page = client.get(url("person-detail", slug=person.slug)).content.decode()
    assert f'href="{event.get_absolute_url()}"' in page


@pytest.mark.parametrize("n", [1, PERSON_EVENTS_PER_PAGE + 3])
def test_person_page_pages_its_events_with_a_budget_that_does_not_grow(client, n, django_assert_max_num_queries):
    person = factories.person()
    factories.position(person=person, attested_on=date(2024, 6, 7))
    for day in range(n):
        event = published_event(start_date=date(2020, 1, 1).replace(year=2000 + day % 25, day=1 + day % 28))
        factories.agenda_item(event=event, speaker=person)
        factories.event_official(event=event, person=person)
    with django_assert_max_num_queries(7):
        response = client.get(url("person-detail", slug=person.slug))
    assert len(response.context["page"]) == min(n, PERSON_EVENTS_PER_PAGE)
    if n > PERSON_EVENTS_PER_PAGE:
        assert 'rel="next"' in response.content.decode()
        rest = client.get(url("person-detail", slug=person.slug), {"page": 2})
        assert len(rest.context["page"]) == 3


def test_organisation_page_says_under_which_successor_a_later_event_was_organised(client):
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông", name_en="Ministry of Information")
    most = factories.organisation(name="Bộ Khoa học và Công nghệ", name_en="Ministry of Science")
    OrganisationChange.objects.create(
        organisation=mic, successor=most, kind=OrganisationChange.Kind.MERGED_INTO, date=date(2025, 3, 1)
    )
    before = published_event(title="Trước", start_date=date(2024, 6, 7))
    after = published_event(title="Sau", start_date=date(2025, 6, 7))
    spanning = published_event(title="Năm 2025", start_date=date(2025, 1, 1), date_precision=Event.Precision.YEAR)
    for event in (before, after, spanning):
        factories.organiser(event=event, organisation=mic)
    response = client.get(url("organisation-detail", "en", slug=mic.slug))
    notes = {o.event.title: (o.after_change, o.after_change_certain) for o in response.context["organised"]}
    change = OrganisationChange.objects.get()
    assert notes == {"Trước": (None, False), "Sau": (change, True), "Năm 2025": (change, False)}
    page = response.content.decode()
    assert "Held after this organisation was merged into Ministry of Science on 1 Mar 2025." in page
    assert "The event's dates include 1 Mar 2025, when this organisation was merged into Ministry of Science." in (page)
    assert f'href="{most.get_absolute_url()}"' in page
