"""The public side of issue 12's event facts: each source's figures, typed relations on both events,
outcomes naming provinces and organisations, and the series page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventRelation, Qualifier
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED = Event.Status.PUBLISHED


@pytest.fixture(autouse=True)
def vietnamese():
    """get_absolute_url() gives the Vietnamese pages, as for a reader who has chosen nothing."""
    with translation.override("vi"):
        yield


def url(name, language="vi", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", kwargs=kwargs)


def published_event(**kw):
    return factories.event(status=PUBLISHED, **kw)


def page(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_event_page_shows_each_sources_figures_side_by_side_never_finer(client):
    event = published_event(participant_count=180)
    factories.source(event=event, publisher="Báo Lâm Đồng", delegates=150, delegates_qualifier=Qualifier.MORE_THAN)
    factories.source(
        event=event, publisher="Cổng TTĐT tỉnh", delegates=200, delegates_qualifier=Qualifier.ABOUT, provinces=63
    )

    english = page(client, url("event-detail", language="en", slug=event.slug))

    assert (
        "<dt>Delegates, as the sources say</dt>\n    <dd>more than 150 "
        '<span class="muted">(<span lang="vi">Báo Lâm Đồng</span>)</span>'
        ' · about 200 <span class="muted">(<span lang="vi">Cổng TTĐT tỉnh</span>)</span></dd>'
    ) in english
    assert '<dd>63 <span class="muted">(<span lang="vi">Cổng TTĐT tỉnh</span>)</span></dd>' in english
    assert "180 participants" in english  # the editor's own figure stays
    assert ">150 <" not in english


def test_a_typed_relation_shows_on_both_events_the_other_one_with_the_inverse(client):
    amri13 = published_event(title="AMRI-13", start_date=date(2016, 3, 17))
    amri14 = published_event(title="AMRI-14", start_date=date(2018, 5, 10))
    draft = factories.event(title="Bản nháp")
    factories.event_relation(from_event=amri13, to_event=amri14, kind=EventRelation.Kind.FOLLOWED_BY)
    factories.event_relation(from_event=draft, to_event=amri13, kind=EventRelation.Kind.PART_OF)

    first = page(client, url("event-detail", language="en", slug=amri13.slug))
    second = page(client, url("event-detail", language="en", slug=amri14.slug))

    assert '<span class="badge">Followed by</span>' in first
    assert "AMRI-14" in first
    assert "Bản nháp" not in first  # drafts are never public
    assert '<span class="badge">Preceded by</span>' in second
    assert "AMRI-13" in second


def test_outcome_links_the_organisations_and_names_the_provinces_it_names(client):
    event = published_event(start_date=date(2018, 11, 6))
    department = factories.organisation(name="Sở Thông tin và Truyền thông tỉnh Đắk Nông")
    outcome = factories.outcome(event=event, description="Tặng Bằng khen cho 5 Sở")
    outcome.organisations.add(department)
    outcome.provinces.add(factories.province("Tỉnh Đắk Nông", on=date(2018, 11, 6)))

    shown = page(client, event.get_absolute_url())

    assert (
        f'<a href="{department.get_absolute_url()}">Sở Thông tin và Truyền thông tỉnh Đắk Nông</a>, Tỉnh Đắk Nông'
        in shown
    )


def test_organisation_page_lists_outcomes_naming_it_and_its_provinces_merged_units(client):
    """Today's Lâm Đồng People's Committee sees the 2018 certificate to the old Đắk Nông, merged into Lâm Đồng."""
    committee = factories.organisation(name="UBND tỉnh Lâm Đồng", province=factories.current_province())
    event = published_event(title="Hội nghị năm 2018", start_date=date(2018, 11, 6))
    certificate = factories.outcome(event=event, description="Bằng khen cho Sở TT&TT Đắk Nông")
    certificate.provinces.add(factories.province("Tỉnh Đắk Nông", on=date(2018, 11, 6)))
    merit = factories.outcome(event=event, description="Bằng khen cho UBND tỉnh")
    merit.organisations.add(committee)
    hidden = factories.outcome(event=factories.event(), description="Của bản nháp")
    hidden.organisations.add(committee)

    shown = page(client, url("organisation-detail", language="en", slug=committee.slug))

    assert "Outcomes naming this organisation" in shown
    assert "Bằng khen cho UBND tỉnh" in shown
    assert "Outcomes naming Lâm Đồng Province or the units merged into it" in shown
    assert "Bằng khen cho Sở TT&amp;TT Đắk Nông" in shown
    assert "Của bản nháp" not in shown


@pytest.mark.parametrize("language", ["vi", "en"])
def test_series_page_shows_its_description_and_editions_in_order(client, language):
    amri = factories.series(name="Hội nghị AMRI", name_en="AMRI", abbreviation="AMRI", description="Họp 2 năm một lần.")
    published_event(title="AMRI-14", series=amri, edition=14, start_date=date(2018, 5, 10))
    published_event(title="AMRI-13", series=amri, edition=13, start_date=date(2016, 3, 17))
    factories.event(title="AMRI-15 nháp", series=amri, edition=15, start_date=date(2020, 1, 1))

    response = client.get(url("series-detail", language=language, slug=amri.slug))

    assert response.status_code == 200
    assert [e.title for e in response.context["editions"]] == ["AMRI-13", "AMRI-14"]
    assert "Họp 2 năm một lần." in response.content.decode()
    assert f'<html lang="{language}">' in response.content.decode()


def test_unknown_series_is_a_friendly_404(client):
    response = client.get(url("series-detail", slug="khong-co"))

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_event_page_and_the_lists_series_filter_link_the_series_page(client):
    amri = factories.series(name="AMRI", abbreviation="AMRI")
    event = published_event(series=amri, edition=13)
    series_page = url("series-detail", slug=amri.slug)

    assert f'href="{series_page}"' in page(client, event.get_absolute_url())
    assert f'href="{series_page}"' in page(client, url("event-list") + f"?series={amri.slug}")
    assert f'href="{series_page}"' not in page(client, url("event-list"))


def test_series_page_query_count_does_not_grow_with_its_editions(client):
    def build(n):
        series = factories.series()
        for edition in range(1, n + 1):
            event = published_event(series=series, edition=edition, province=factories.province())
            factories.organiser(event=event)
        return url("series-detail", slug=series.slug)

    few = count_queries(client, build(1))
    many = count_queries(client, build(12))
    assert many == few
    assert many <= 15


def test_event_page_query_count_does_not_grow_with_relations_figures_and_named_units(client):
    def build(n):
        event = published_event(start_date=date(2018, 11, 6))
        for _ in range(n):
            factories.source(event=event, delegates=100, delegates_qualifier=Qualifier.ALMOST, provinces=10, sites=3)
            outcome = factories.outcome(event=event)
            outcome.organisations.add(factories.organisation())
            outcome.provinces.add(factories.province("Tỉnh Đắk Nông", on=date(2018, 11, 6)))
            factories.event_relation(from_event=event, to_event=published_event())
            factories.event_relation(from_event=published_event(), to_event=event, kind=EventRelation.Kind.PART_OF)
        return event.get_absolute_url()

    few = count_queries(client, build(1))
    many = count_queries(client, build(6))
    assert many == few
    assert many <= 15
