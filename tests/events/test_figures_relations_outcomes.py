"""Facts staff could not express (issue 12): each source's figures, typed relations between events,
senior officials' meetings, outcomes naming provinces and organisations as of the event's date."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventRelation, Outcome, Qualifier
from tests import factories
from tests.admin_forms import admin_form_data, form_errors, inline_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("qualifier", "shown"),
    [
        (Qualifier.MORE_THAN, "more than 150"),
        (Qualifier.ABOUT, "about 150"),
        (Qualifier.ALMOST, "almost 150"),
        (Qualifier.AT_LEAST, "at least 150"),
        (Qualifier.EXACT, "150"),
    ],
)
def test_a_source_figure_keeps_its_wording(qualifier, shown):
    source = factories.source(delegates=150, delegates_qualifier=qualifier)

    with translation.override("en"):
        assert source.delegates_text == shown
    assert source.provinces_text == ""


def test_senior_officials_meeting_is_a_kind_of_event():
    event = factories.event(kind=Event.Kind.SENIOR_OFFICIALS, title="SOMRI-14")

    with translation.override("en"):
        assert event.get_kind_display() == "senior officials' meeting (SOM)"


@pytest.mark.parametrize(
    ("kind", "here", "there"),
    [
        (EventRelation.Kind.FOLLOWED_BY, "followed by", "preceded by"),
        (EventRelation.Kind.PRECEDED_BY, "preceded by", "followed by"),
        (EventRelation.Kind.FOLLOW_UP_OF, "follow-up of", "followed up by"),
        (EventRelation.Kind.PART_OF, "part of", "includes"),
        (EventRelation.Kind.SAME_SERIES, "same series as", "same series as"),
        (EventRelation.Kind.RELATED, "related to", "related to"),
    ],
)
def test_a_relation_reads_as_its_inverse_from_the_other_event(kind, here, there):
    relation = factories.event_relation(kind=kind)

    with translation.override("en"):
        assert (relation.label_for(relation.from_event), relation.label_for(relation.to_event)) == (here, there)


def test_a_relation_recorded_on_the_other_event_is_not_recorded_again_the_other_way():
    relation = factories.event_relation()
    mirror = EventRelation(from_event=relation.to_event, to_event=relation.from_event)

    with pytest.raises(ValidationError) as error:
        mirror.full_clean()
    assert list(error.value.message_dict) == ["to_event"]


def test_an_event_is_not_related_to_itself():
    event = factories.event()

    with pytest.raises(ValidationError):
        EventRelation(from_event=event, to_event=event).full_clean()


def test_outcome_provinces_must_be_units_of_the_events_day():
    event = factories.event(start_date=date(2018, 11, 6))
    dak_nong = factories.province("Tỉnh Đắk Nông", on=date(2018, 11, 6))
    new_lam_dong = factories.province("Tỉnh Lâm Đồng", on=date(2026, 1, 1))

    Outcome.validate_provinces([dak_nong], event)  # of that day: fine
    with pytest.raises(ValidationError, match="Lâm Đồng"):
        Outcome.validate_provinces([dak_nong, new_lam_dong], event)


# --- the admin --------------------------------------------------------------------------------------


def _change(admin_client, event, **data):
    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    return admin_client.post(reverse("admin:events_event_change", args=[event.pk]), admin_form_data(page, **data))


def test_admin_records_what_each_source_says(admin_client):
    event = factories.event()

    response = _change(
        admin_client,
        event,
        **inline_rows(
            "sources",
            {"publisher": "Báo Lâm Đồng", "delegates": 150, "delegates_qualifier": "more_than"},
            {"publisher": "Cổng TTĐT tỉnh", "delegates": 200, "delegates_qualifier": "about", "provinces": 63},
        ),
    )

    assert response.status_code == 302, form_errors(response)
    assert [(s.delegates, s.delegates_qualifier, s.provinces) for s in event.sources.order_by("pk")] == [
        (150, "more_than", None),
        (200, "about", 63),
    ]


def test_admin_outcome_names_provinces_and_organisations_of_the_events_day(admin_client):
    event = factories.event(start_date=date(2018, 11, 6))
    dak_nong = factories.province("Tỉnh Đắk Nông", on=date(2018, 11, 6))
    department = factories.organisation(name="Sở Thông tin và Truyền thông tỉnh Đắk Nông")
    row = {"order": 0, "kind": "other", "description": "Tặng Bằng khen", "provinces": [dak_nong.pk]}

    response = _change(admin_client, event, **inline_rows("outcomes", {**row, "organisations": [department.pk]}))

    assert response.status_code == 302, form_errors(response)
    outcome = event.outcomes.get()
    assert (list(outcome.provinces.all()), list(outcome.organisations.all())) == ([dak_nong], [department])


def test_admin_refuses_an_outcome_province_that_did_not_exist_on_the_events_day(admin_client):
    event = factories.event(start_date=date(2018, 11, 6))
    new_lam_dong = factories.province("Tỉnh Lâm Đồng", on=date(2026, 1, 1))
    row = {"order": 0, "kind": "other", "description": "Tặng Bằng khen", "provinces": [new_lam_dong.pk]}

    with translation.override("en"):
        response = _change(admin_client, event, **inline_rows("outcomes", row))

    assert response.status_code == 200
    assert [e for e in form_errors(response) if "did not exist on the event's date" in e]
    assert event.outcomes.count() == 0


def test_admin_relates_events_with_a_kind(admin_client):
    event, earlier = factories.event(), factories.event()

    response = _change(
        admin_client, event, **inline_rows("relations_from", {"kind": "follow_up_of", "to_event": earlier.pk})
    )

    assert response.status_code == 302, form_errors(response)
    assert [(r.kind, r.to_event) for r in event.relations_from.all()] == [("follow_up_of", earlier)]
