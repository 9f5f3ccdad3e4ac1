"""Photo thumbnails, made by a task once the photo is saved (settings.TASKS): on the database queue by
`manage.py db_worker`, so an upload does not wait for the resizing; by default at once, in the process
that saved it. Until the thumbnail exists the event page shows the photo itself."""

from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task
from PIL import Image, ImageOps

from .models import Photo
from .models.content import THUMBNAIL_SIZE


def thumbnail_of(image) -> ContentFile:
    """A JPEG within THUMBNAIL_SIZE, upright, of a stored image."""
    with image.open("rb"), Image.open(image) as original:
        picture = ImageOps.exif_transpose(original).convert("RGB")
    picture.thumbnail(THUMBNAIL_SIZE)
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    return ContentFile(buffer.getvalue())


@task()
def make_thumbnail(photo_id: int) -> str:
    """Make the photo's thumbnail unless it has one; returns its name ("" for a photo since deleted).

    The photo's row is locked meanwhile, so two runs cannot both make one; a new image saved meanwhile
    waits, then clears the thumbnail and queues this again.
    """
    with transaction.atomic():
        photo = Photo.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None or not photo.image:
            return ""
        if not photo.thumbnail:
            photo.thumbnail.save(f"{PurePath(photo.image.name).stem}.jpg", thumbnail_of(photo.image), save=False)
            # A save (not an update), so the public pages that show the photo are marked out of date.
            photo.save(update_fields=["thumbnail"])
    return photo.thumbnail.name
