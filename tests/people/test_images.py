from io import BytesIO

import pytest
from PIL import Image

from events.models import Photo
from tests import factories

pytestmark = pytest.mark.django_db


def _jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)  # GPSInfo: near Đà Lạt
    gps[1], gps[2], gps[3], gps[4] = "N", (11.0, 56.0, 0.0), "E", (108.0, 26.0, 0.0)
    exif[0x0112] = 6  # Orientation: rotated 90°
    buffer = BytesIO()
    Image.new("RGB", (80, 40), (10, 120, 200)).save(buffer, "JPEG", exif=exif)
    return factories.SimpleUploadedFile("phone.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_uploaded_photo_is_stored_without_gps_or_device_and_upright():
    photo = factories.photo(image=_jpeg_with_gps())
    upload = _jpeg_with_gps()
    with Image.open(upload) as original:
        assert original.getexif().get_ifd(0x8825)  # the test file does carry a position
    with Image.open(Photo.objects.get().image.path) as stored:
        assert dict(stored.getexif()) == {}
        assert stored.size == (40, 80)  # the orientation was applied, not just dropped
    assert photo.image.name.endswith(".jpg")


def test_portrait_is_reencoded_too():
    person = factories.person(photo=_jpeg_with_gps())
    with Image.open(person.photo.path) as stored:
        assert dict(stored.getexif()) == {}


def test_png_stays_png_and_stored_images_are_not_touched_again():
    photo = factories.photo(image=factories.image_file("chart.png"))
    name = photo.image.name
    photo.caption = "Chú thích mới"
    photo.save()
    assert Photo.objects.get().image.name == name
    assert name.endswith(".png")
