import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .images import DECODING_ERRORS, decoded


def _pixel_count(file) -> float:
    """Width × height from the image header only, so a decompression bomb is never decoded."""
    position = file.tell()
    try:
        with Image.open(file) as image:
            return image.width * image.height
    except Image.DecompressionBombError:
        return math.inf
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(_("This file is not an image."), code="not_an_image") from error
    finally:
        file.seek(position)


def _check_decodes(file):
    """Decode the whole image, as its re-encoding on save will: a truncated or damaged file is refused
    here, as a form error, instead of failing the save."""
    position = file.tell()
    try:
        decoded(file)
    except DECODING_ERRORS as error:
        raise ValidationError(_("The image is damaged or incomplete."), code="damaged_image") from error
    finally:
        file.seek(position)


def validate_image_upload(file):
    """Refuse files over MAX_UPLOAD_BYTES, non-images, images over MAX_IMAGE_PIXELS and damaged images."""
    if file.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.MAX_UPLOAD_BYTES)},
        )
    if _pixel_count(file) > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is larger than %(limit)s megapixels."),
            code="image_too_large",
            params={"limit": settings.MAX_IMAGE_PIXELS // 1_000_000},
        )
    if not getattr(file, "_committed", False):  # a new upload; a stored file was decoded when it was saved
        _check_decodes(file)  # only once its size is known to be safe to decode
