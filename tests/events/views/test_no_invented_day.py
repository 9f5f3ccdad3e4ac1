"""No public page, feed, calendar or JSON-LD shows a date finer than the sources give it.

Every public page of the demo data, and of events, posts and academic titles dated to a month or a
year, is rendered in both languages; none may show the day such a record stores for its period (the
first of the month or of the year), in any of the forms the site writes a day: 1/6/2024, 01/06/2024,
2024-06-01, 1 Jun 2024. A day some other record does give (a merger on 1/3/2025) is allowed.
"""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from briefings.models import Directive
from events.demo import load_demo
from events.models import Event, EventSeries, Source
from events.queries import public_people
from people.models import AcademicTitle, Organisation, OrganisationChange, Position
from tests import factories

pytestmark = pytest.mark.django_db

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _forms_of(day: date) -> list[str]:
    return [
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        day.isoformat(),
        f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
    ]


def _coarse_records():
    """(what, stored day) of every record dated to a month or a year."""
    for event in Event.objects.exclude(date_precision=Event.Precision.DAY):
        yield f"event {event.slug}", event.start_date
    for post in Position.objects.exclude(attested_precision=Position.Precision.DAY).filter(attested_on__isnull=False):
        yield f"post {post.pk} of {post.person}", post.attested_on
    for title in AcademicTitle.objects.exclude(precision=AcademicTitle.Precision.DAY).filter(held_from__isnull=False):
        yield f"title {title.pk} of {title.person}", title.held_from


def _days_given_as_facts() -> set[date]:
    days = set()
    for event in Event.objects.filter(date_precision=Event.Precision.DAY):
        days |= {event.start_date, event.end_date}
    for post in Position.objects.all():
        days |= {post.start_date, post.end_date}
        if post.attested_precision == Position.Precision.DAY:
            days.add(post.attested_on)
    days |= set(AcademicTitle.objects.filter(precision="day").values_list("held_from", flat=True))
    days |= set(OrganisationChange.objects.values_list("date", flat=True))
    days |= set(Directive.objects.values_list("issue_date", flat=True))
    days |= set(Source.objects.values_list("published_on", flat=True))
    return days - {None}


def _coarse_data():
    """Events, posts and a title dated to a month and to a year, with a speaker, an official and an organiser."""
    speaker, official = factories.person(given_name="Bình"), factories.person(given_name="An")
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT")
    month = factories.event(
        title="Tập huấn tháng",
        start_date=date(2019, 6, 1),
        date_precision=Event.Precision.MONTH,
        status=Event.Status.PUBLISHED,
        city="Đà Lạt",
    )
    year = factories.event(
        title="Hội nghị năm",
        start_date=date(2017, 1, 1),
        date_precision=Event.Precision.YEAR,
        status=Event.Status.PUBLISHED,
    )
    factories.agenda_item(event=month, speaker=speaker)
    factories.event_official(event=year, person=official)
    factories.organiser(event=month, organisation=mic)
    factories.organiser(event=year, organisation=mic)
    factories.position(
        person=speaker, organisation=mic, title="Vụ trưởng", attested_on=month.start_date, attested_precision="month"
    )
    factories.position(
        person=official, organisation=mic, title="Thứ trưởng", attested_on=year.start_date, attested_precision="year"
    )
    factories.academic_title(person=speaker, title="TS", held_from=month.start_date, precision="month")


def _public_urls() -> list[str]:
    urls = []
    for language in ("vi", "en"):
        with translation.override(language):
            urls += [reverse(f"events:{name}") for name in ("home", "event-list", "directive-list", "search")]
            urls += [reverse(f"events:{name}") for name in ("person-list", "organisation-list")]
            urls += [reverse(f"events:{name}") for name in ("feed-rss", "feed-atom", "calendar-ics")]
            urls += [f"{reverse('events:calendar-ics')}?year={year}" for year in (2017, 2018, 2019, 2024)]
            urls += [f"{reverse('events:event-list')}?year={year}" for year in (2017, 2018, 2019, 2024)]
            urls += [f"{reverse('events:search')}?q={q}" for q in ("hội nghị", "tập huấn", "Bình", "An")]
            for event in Event.objects.published():
                urls.append(event.get_absolute_url())
                if event.date_precision == Event.Precision.DAY:
                    urls.append(reverse("events:event-ics", kwargs={"slug": event.slug}))
            urls += [series.get_absolute_url() for series in EventSeries.objects.all()]
            urls += [directive.get_absolute_url() for directive in Directive.objects.all()]
            urls += [person.get_absolute_url() for person in public_people()]
            urls += [organisation.get_absolute_url() for organisation in Organisation.objects.all()]
    return urls


def test_no_public_output_shows_a_day_finer_than_recorded(client):
    load_demo()
    _coarse_data()
    facts = _days_given_as_facts()
    forbidden = {form: what for what, day in _coarse_records() if day not in facts for form in _forms_of(day)}
    assert len(forbidden) >= 4 * 4  # the demo's three coarse events and the records made above
    pattern = re.compile(r"(?<![\d-])(" + "|".join(re.escape(form) for form in forbidden) + r")(?![\d-])")
    found = []
    for url in _public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        for match in pattern.finditer(response.content.decode()):
            found.append((url, match.group(0), forbidden[match.group(0)]))
    assert found == []


@pytest.mark.parametrize(("language", "shown"), [("vi", "6/2019"), ("en", "Jun 2019")])
def test_person_page_shows_a_post_known_for_a_month_as_the_month(client, language, shown):
    _coarse_data()
    person = public_people().get(given_name="Bình")
    with translation.override(language):
        page = client.get(person.get_absolute_url()).content.decode()
    held = {"vi": f"đương nhiệm tháng {shown}", "en": f"held in {shown}"}[language]
    assert shown in page
    assert "1/6/2019" not in page and "1 Jun 2019" not in page
    if language == "en":
        assert held in page
