"""The benchmark's data generator: counts, determinism, and the public pages on its data."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from briefings.models import Directive
from events.models import AgendaItem, Event, Photo, Source
from people.models import Organisation, Person, Position
from registrations import services
from registrations.models import Registration, RegistrationChange, RegistrationSettings

from . import factories

pytestmark = pytest.mark.django_db

SMALL = {"events": 30, "officials": 50, "registrations": 200}


def _make(seed=1, **options):
    call_command("make_bench_data", seed=seed, stdout=StringIO(), **{**SMALL, **options})


def _fingerprint():
    """What a run made, without primary keys (they differ between runs)."""
    return (
        list(
            Event.objects.order_by("slug").values_list(
                "slug", "title", "start_date", "end_date", "status", "province__code", "province__valid_to"
            )
        ),
        list(
            Position.objects.order_by("person__slug", "order").values_list(
                "person__slug", "title", "organisation__slug", "start_date", "end_date"
            )
        ),
        list(Source.objects.order_by("url", "publisher").values_list("url", "publisher", "event__slug")),
        list(Registration.objects.order_by("code").values_list("code", "event__slug", "phone", "status")),
    )


def test_small_run_makes_the_requested_counts():
    _make()
    assert Event.objects.count() == 30
    assert Person.objects.count() == 50
    assert Registration.objects.count() == 200
    posts = Person.objects.annotate(n=Count("positions")).values_list("n", flat=True)
    assert min(posts) >= 2  # a position history, not a single post
    assert AgendaItem.objects.count() >= 90
    assert Directive.objects.count() >= 20
    assert Photo.objects.exists()
    assert RegistrationSettings.objects.exists()
    registrations = Registration.objects.all()
    assert len({r.code for r in registrations}) == 200
    assert all(r.person_key == Registration.make_person_key(r.full_name, r.phone) for r in registrations)


def test_events_span_ten_years_and_both_province_sets():
    _make()
    days = Event.objects.values_list("start_date", flat=True)
    assert min(days) < date(2018, 1, 1)
    assert max(days) > date(2027, 1, 1)
    # Before the 2025 merger events sit in the old provinces, after it in the new ones.
    assert Event.objects.filter(start_date__lt=date(2025, 7, 1), province__valid_to__isnull=False).exists()
    assert Event.objects.filter(start_date__gte=date(2025, 7, 1), province__valid_to__isnull=True).exists()
    assert not Event.objects.filter(start_date__gt=date(2025, 7, 1), province__valid_to__lt=date(2025, 7, 1)).exists()


def test_same_seed_gives_the_same_rows_and_another_seed_does_not():
    _make(seed=7)
    first = _fingerprint()
    _make(seed=7, replace=True)
    assert _fingerprint() == first
    _make(seed=8, replace=True)
    assert _fingerprint() != first


@pytest.mark.parametrize("model", [Event, Person, Position, Organisation, Directive])
def test_search_text_is_what_save_would_write(model):
    _make()
    row = model.objects.order_by("pk").first()
    stored = row.search_text
    row.save()
    row.refresh_from_db()
    assert row.search_text == stored


def test_refuses_a_database_with_other_events_unless_forced():
    factories.event(title="Hội nghị thật")
    with pytest.raises(CommandError, match="did not make"):
        _make()
    _make(force=True)
    assert Event.objects.count() == 31


def test_replace_deletes_its_own_rows_and_what_hangs_on_them_only():
    real = factories.event(title="Hội nghị thật")
    _make(force=True)
    delegate = Registration.objects.filter(status=Registration.Status.CONFIRMED).select_related("event").first()
    services.check_in(
        delegate.code, event=delegate.event, actor=factories.account(), now=factories.during(delegate.event)
    )
    assert RegistrationChange.objects.filter(registration=delegate).exists()
    _make(force=True, replace=True)
    assert Event.objects.count() == 31
    assert Event.objects.filter(pk=real.pk).exists()
    assert not RegistrationChange.objects.filter(registration__code=delegate.code).exists()


def test_refuses_to_run_twice_without_replace():
    _make()
    with pytest.raises(CommandError, match="--replace"):
        _make()


def test_public_pages_answer_200_on_bench_data(client):
    _make()
    event = Event.objects.published().first()
    directive = event.directive_links.first().directive
    person = event.agenda.first().speaker
    organisation = event.organisers.first().organisation
    addresses = [
        reverse("events:home"),
        reverse("events:event-list"),
        reverse("events:event-list") + "?q=thong+tin&page=1",
        event.get_absolute_url(),
        reverse("events:directive-list"),
        directive.get_absolute_url(),
        person.get_absolute_url(),
        organisation.get_absolute_url(),
        reverse("events:feed-rss"),
        reverse("events:search") + "?q=hoi+nghi",
    ]
    for address in addresses:
        assert client.get(address).status_code == 200, address
