"""Uploaded images are re-encoded before they are stored: what a camera or phone hides in a file
(GPS position, device, owner) never reaches the public site."""

from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps


def reencoded(upload) -> ContentFile:
    """The image decoded and written anew, upright, with no metadata: PNG stays PNG, the rest JPEG."""
    upload.seek(0)
    with Image.open(upload) as original:
        keep_png = original.format == "PNG"
        picture = ImageOps.exif_transpose(original)
        picture.load()
    buffer = BytesIO()
    if keep_png:
        picture.save(buffer, "PNG", optimize=True)
        suffix = ".png"
    else:
        picture.convert("RGB").save(buffer, "JPEG", quality=88, optimize=True)
        suffix = ".jpg"
    return ContentFile(buffer.getvalue(), name=f"{PurePath(upload.name).stem}{suffix}")


def reencode_new_upload(field_file):
    """Replace a not-yet-stored upload on `field_file` by its re-encoded copy; stored files are left alone."""
    if field_file and not field_file._committed:
        field_file.file = reencoded(field_file.file)
        field_file.name = field_file.file.name
