from datetime import date

import pytest
from django.conf import settings
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.urls import reverse

from briefings.models import Directive
from events.models import Event
from people.models import Organisation
from tests import factories
from tests.admin_forms import admin_form_data, form_errors, inline_rows

pytestmark = pytest.mark.django_db

ADD = reverse("admin:events_event_add")


@pytest.fixture
def blank(admin_client):
    """The add page's own POST, with no inline rows."""
    return admin_form_data(admin_client.get(ADD))


def _event(**fields):
    return {
        "kind": "training",
        "status": "draft",
        "title": "Hội nghị tập huấn thông tin đối ngoại năm 2026",
        "start_date": "2026-04-10",
        "date_precision": "day",
        "country": "Việt Nam",
        **fields,
    }


def test_a_sixth_article_is_entered_on_the_event_page_alone(admin_client, blank):
    """Event, organisers, agenda with speaker and post, officials, participants, outcome, directives,
    photo and source, in one save."""
    ministry = factories.organisation(name="Bộ Văn hóa, Thể thao và Du lịch")
    speaker = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình")
    kl57 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW", issue_date=date(2023, 6, 15))
    earlier = factories.event(title="Hội thảo ngày trước")
    new_lam_dong = factories.province("Tỉnh Lâm Đồng", on=date(2026, 1, 1))
    data = {
        **blank,
        **_event(province=new_lam_dong.pk, city="Đà Lạt", participant_count="250"),
        **inline_rows("relations_from", {"kind": "follow_up_of", "to_event": earlier.pk}),
        **inline_rows("organisers", {"organisation": ministry.pk, "role": "lead", "order": 0}),
        **inline_rows("agenda", {"order": 1, "kind": "presentation", "speaker": speaker.pk, "title": "Sức mạnh mềm"}),
        **inline_rows("officials", {"person": speaker.pk, "role": "guest", "order": 0}),
        **inline_rows("participant_groups", {"description": "Đại biểu các tỉnh", "count": 200, "order": 0}),
        **inline_rows("outcomes", {"order": 0, "kind": "agreed", "description": "Thống nhất kế hoạch"}),
        **inline_rows("directive_links", {"directive": kl57.pk, "relation": "implements"}),
        **inline_rows(
            "photos",
            {"image": factories.image_file(), "caption": "Quang cảnh hội nghị", "credit": "Ảnh: TTXVN", "order": 0},
        ),
        **inline_rows("sources", {"publisher": "Báo Tin tức", "credit": "Tin, ảnh: Hoàng Tuyết/Báo Tin tức"}),
    }
    response = admin_client.post(ADD, data)
    assert response.status_code == 302, form_errors(response)
    event = Event.objects.exclude(pk=earlier.pk).get()
    assert event.slug == "hoi-nghi-tap-huan-thong-tin-doi-ngoai-nam-2026"  # the title names the year already
    assert [o.organisation for o in event.organisers.all()] == [ministry]
    assert [(a.speaker, a.title) for a in event.agenda.all()] == [(speaker, "Sức mạnh mềm")]
    assert [o.person for o in event.officials.all()] == [speaker]
    assert [link.directive for link in event.directive_links.all()] == [kl57]
    assert event.photos.get().thumbnail
    assert event.sources.get().credit == "Tin, ảnh: Hoàng Tuyết/Báo Tin tức"
    assert [(r.kind, r.to_event) for r in event.relations_from.all()] == [("follow_up_of", earlier)]
    assert [r.from_event for r in earlier.relations_to.all()] == [event]
    assert event.participant_groups.get().count == 200
    assert event.outcomes.get().description == "Thống nhất kế hoạch"


def test_event_ending_before_it_starts_is_refused_and_nothing_saved(admin_client, blank):
    data = {
        **blank,
        **_event(end_date="2026-04-09"),
        **inline_rows("organisers", {"organisation": factories.organisation().pk, "role": "lead", "order": 0}),
    }
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert form_errors(response) == ["The event cannot end before it starts."]
    assert Event.objects.count() == 0
    assert Organisation.objects.count() == 1


def test_province_not_valid_on_the_event_date_is_refused(admin_client, blank):
    new_lam_dong = factories.province("Tỉnh Lâm Đồng", on=date(2026, 1, 1))
    response = admin_client.post(ADD, {**blank, **_event(start_date="2024-06-07", province=new_lam_dong.pk)})
    assert response.status_code == 200
    assert form_errors(response) == ["Tỉnh Lâm Đồng did not exist on the event's date; choose the unit of that day."]
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: factories.SimpleUploadedFile("notes.png", b"not an image at all"),
            "Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
        ),
        (
            lambda: factories.SimpleUploadedFile("huge.png", factories.image_file().read() + b"\0" * (10 * 2**20)),
            "The file is 10.0\xa0MB; the limit is 10.0\xa0MB.",
        ),
        (lambda: factories.image_file(size=(8000, 5001), mode="1"), "The image is larger than 40 megapixels."),
    ],
    ids=["not-an-image", "over-10-MB", "over-40-megapixels"],
)
def test_bad_photo_upload_is_refused_and_nothing_saved(admin_client, blank, upload, message):
    data = {**blank, **_event(), **inline_rows("photos", {"image": upload(), "caption": "Ảnh", "order": 0})}
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert form_errors(response) == [message]
    assert Event.objects.count() == 0


def test_publish_and_unpublish_actions(admin_client):
    events = [factories.event(), factories.event()]
    changelist = reverse("admin:events_event_changelist")
    selected = [e.pk for e in events]
    response = admin_client.post(changelist, {"action": "publish", "_selected_action": selected}, follow=True)
    assert Event.objects.published().count() == 2
    assert "2 events published." in [str(m) for m in response.context["messages"]]
    admin_client.post(changelist, {"action": "unpublish", "_selected_action": selected[:1]})
    assert list(Event.objects.published()) == [events[1]]


def test_admin_search_box_ignores_diacritics(admin_client):
    dalat = factories.event(title="Tập huấn truyền thông quảng bá hình ảnh Việt Nam", city="Đà Lạt")
    factories.event(title="Hội nghị Bộ trưởng", city="Cebu")
    response = admin_client.get(reverse("admin:events_event_changelist"), {"q": "da lat"})
    assert list(response.context["cl"].result_list) == [dalat]


def test_speaker_autocomplete_finds_a_name_typed_without_diacritics(admin_client):
    hung = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    factories.person(family_name="Nguyễn", middle_name="Thanh", given_name="Lâm")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "agendaitem", "field_name": "speaker", "term": "nguyen thanh hung"},
    )
    assert [r["text"] for r in response.json()["results"]] == [str(hung)]


def test_editing_an_event_keeps_its_inline_rows(admin_client):
    event = factories.event()
    factories.organiser(event=event)
    factories.agenda_item(event=event)
    change = reverse("admin:events_event_change", args=[event.pk])
    data = admin_form_data(admin_client.get(change), title="Tiêu đề mới")
    response = admin_client.post(change, data)
    assert response.status_code == 302, form_errors(response)
    event.refresh_from_db()
    assert event.title == "Tiêu đề mới"
    assert (event.organisers.count(), event.agenda.count()) == (1, 1)


def test_event_changelist_gives_titles_room(admin_client):
    page = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "css/admin.css" in page
    assert "min-width: 22em" in (settings.BASE_DIR / "static" / "css" / "admin.css").read_text()


def test_event_changelist_dates_offer_the_years_with_events_of_the_filter(admin_client):
    factories.event(start_date=date(2019, 5, 1), status=Event.Status.PUBLISHED)
    factories.event(start_date=date(2021, 3, 1))  # a draft: not among the published
    factories.event(start_date=date(2023, 9, 1), status=Event.Status.PUBLISHED)
    url = reverse("admin:events_event_changelist")

    def years(**filters):
        changelist = admin_client.get(url, filters).context["cl"]
        return [choice["title"] for choice in date_hierarchy(changelist)["choices"]]

    assert years() == ["2019", "2021", "2023"]
    assert years(status__exact="published") == ["2019", "2023"]
