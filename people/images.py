"""Uploaded images are re-encoded before they are stored: what a camera or phone hides in a file
(GPS position, device, owner) never reaches the public site."""

import struct
from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# What Pillow raises for a file that opens but does not decode (truncated, damaged, a broken stream):
# validators.py turns it into a form error, before a save would meet it here.
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


def decoded(upload) -> tuple[Image.Image, bool]:
    """The whole image decoded, upright and in the mode it is stored in; and whether it stays a PNG."""
    upload.seek(0)
    with Image.open(upload) as original:
        keep_png = original.format == "PNG"
        picture = ImageOps.exif_transpose(original)
        picture.load()
    return (picture if keep_png else picture.convert("RGB")), keep_png


def reencoded(upload) -> ContentFile:
    """The image decoded and written anew, upright, with no metadata: PNG stays PNG, the rest JPEG."""
    picture, keep_png = decoded(upload)
    buffer = BytesIO()
    if keep_png:
        picture.save(buffer, "PNG", optimize=True)
        suffix = ".png"
    else:
        picture.save(buffer, "JPEG", quality=88, optimize=True)
        suffix = ".jpg"
    return ContentFile(buffer.getvalue(), name=f"{PurePath(upload.name).stem}{suffix}")


def reencode_new_upload(field_file):
    """Replace a not-yet-stored upload on `field_file` by its re-encoded copy; stored files are left alone."""
    if field_file and not field_file._committed:
        field_file.file = reencoded(field_file.file)
        field_file.name = field_file.file.name
