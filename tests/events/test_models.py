from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation
from PIL import Image

from events import services
from events.models import Event, Photo
from events.models.content import THUMBNAIL_SIZE
from registrations.models import validate_phone
from tests import factories

pytestmark = pytest.mark.django_db


def test_year_only_date_shows_only_the_year_and_keeps_no_day():
    event = factories.event(start_date=date(2024, 6, 7), date_precision=Event.Precision.YEAR)
    event.refresh_from_db()
    assert event.display_date == "2024"
    assert event.start_date == date(2024, 1, 1)
    assert event.period == (date(2024, 1, 1), date(2024, 12, 31))


def test_day_date_is_written_day_month_year():
    event = factories.event(start_date=date(2016, 3, 17))
    with translation.override("vi"):
        assert event.display_date == "17/3/2016"
    assert event.display_date == "17 Mar 2016"  # English: the month by name, never confused with the day


@pytest.mark.parametrize(("language", "text"), [("vi", "chiều 8/3/2025"), ("en", "afternoon 8 Mar 2025")])
def test_part_of_day_is_shown_with_the_day(language, text):
    event = factories.event(start_date=date(2025, 3, 8), part_of_day=Event.PartOfDay.AFTERNOON)
    with translation.override(language):
        assert event.display_date == text


def test_part_of_day_needs_a_day():
    event = Event(
        kind=Event.Kind.TRAINING,
        title="Hội nghị",
        start_date=date(2024, 1, 1),
        date_precision=Event.Precision.YEAR,
        part_of_day=Event.PartOfDay.MORNING,
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "part_of_day" in error.value.message_dict


def test_event_ending_before_it_starts_is_refused():
    event = Event(kind=Event.Kind.TRAINING, title="Hội nghị", start_date=date(2025, 3, 8), end_date=date(2025, 3, 7))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["end_date"] == ["The event cannot end before it starts."]


def test_event_ending_before_it_starts_is_refused_by_the_database_too():
    with pytest.raises(IntegrityError):
        factories.event(start_date=date(2025, 3, 8), end_date=date(2025, 3, 7))


def test_2024_event_takes_the_old_lam_dong_not_the_new_one():
    old = factories.province("Tỉnh Lâm Đồng", on=date(2024, 6, 7))
    new = factories.province("Tỉnh Lâm Đồng", on=date(2026, 1, 1))
    event = Event(kind=Event.Kind.TRAINING, title="Tập huấn", start_date=date(2024, 6, 7), province=old)
    event.full_clean()
    event.province = new
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["province"] == [
        "Tỉnh Lâm Đồng did not exist on the event's date; choose the unit of that day."
    ]


def test_year_only_event_may_name_a_unit_valid_during_that_year():
    hue_city = factories.province("Thành phố Huế", on=date(2025, 3, 1))
    event = Event(
        kind=Event.Kind.TRAINING,
        title="Tập huấn",
        start_date=date(2025, 1, 1),
        date_precision=Event.Precision.YEAR,
        province=hue_city,
    )
    event.full_clean()


def test_province_only_for_events_in_vietnam():
    event = Event(
        kind=Event.Kind.MINISTERIAL,
        title="AMRI-13",
        start_date=date(2016, 3, 17),
        country="Philippines",
        province=factories.province(on=date(2016, 3, 17)),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "province" in error.value.message_dict


def test_edition_needs_a_series():
    event = Event(kind=Event.Kind.MINISTERIAL, title="AMRI", start_date=date(2016, 3, 17), edition=13)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "edition" in error.value.message_dict


def test_slug_maps_d_with_stroke():
    event = factories.event(title="Tập huấn tại Đà Lạt", start_date=date(2024, 6, 7))
    assert event.slug == "tap-huan-tai-da-lat-2024"
    again = factories.event(title="Tập huấn tại Đà Lạt", start_date=date(2024, 6, 7))
    assert again.slug == "tap-huan-tai-da-lat-2024-2"


def test_slug_names_the_year_once():
    event = factories.event(title="Hội nghị tập huấn TTĐN năm 2018", start_date=date(2018, 11, 6))
    other_year = factories.event(title="Kế hoạch 2016 - 2025", start_date=date(2018, 3, 1))
    assert event.slug == "hoi-nghi-tap-huan-ttdn-nam-2018"
    assert other_year.slug == "ke-hoach-2016-2025-2018"


@pytest.mark.parametrize("query", ["da lat", "ĐÀ LẠT", "tap huan da lat"])
def test_event_search_ignores_diacritics(query):
    dalat = factories.event(title="Tập huấn truyền thông", city="Đà Lạt")
    factories.event(title="Hội nghị tại Hà Nội")
    assert list(Event.objects.search(query)) == [dalat]


def test_photo_gets_a_jpeg_thumbnail_within_the_size():
    photo = factories.photo(image=factories.image_file(size=(1600, 1000)))
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert thumbnail.width <= THUMBNAIL_SIZE[0] and thumbnail.height <= THUMBNAIL_SIZE[1]
        assert thumbnail.size == (480, 300)
    assert Photo.objects.get().thumbnail.name.startswith("events/thumbnails/")


def test_replacing_the_image_makes_a_new_thumbnail():
    photo = factories.photo(image=factories.image_file(size=(1600, 1000)))
    first = photo.thumbnail.name
    photo.image = factories.image_file("portrait.png", size=(600, 900))
    photo.save()
    assert photo.thumbnail.name != first
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert thumbnail.size == (240, 360)


def test_saving_without_a_new_image_keeps_the_thumbnail():
    photo = factories.photo()
    first = photo.thumbnail.name
    photo.caption = "Chú thích mới"
    photo.save()
    assert Photo.objects.get().thumbnail.name == first


def test_publish_and_unpublish_change_only_what_differs():
    draft = factories.event()
    published = factories.event(status=Event.Status.PUBLISHED)
    assert services.publish_events(Event.objects.all()) == 1
    assert set(Event.objects.published()) == {draft, published}
    assert services.unpublish_events(Event.objects.filter(pk=draft.pk)) == 1
    assert list(Event.objects.published()) == [published]


@pytest.mark.parametrize("phone", ["0٩١٢٣٤٥٦٧٨", "091234567", "+1 912 345 678", "0912-345-67a"])
def test_phone_that_is_not_ten_ascii_digits_is_refused(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


@pytest.mark.parametrize("phone", ["0912 345 678", "+84 912.345.678", "84912345678"])
def test_phone_in_common_notations_is_accepted(phone):
    validate_phone(phone)
