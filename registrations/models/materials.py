"""Files handed to a training's delegates: slides, PDF and DOCX, each public or for delegates only."""

import os
import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import AgendaItem, Event


def material_path(material, filename: str) -> str:
    # A random folder per file: a delegates-only file's address cannot be guessed from its name.
    name = PurePath(filename)
    # A file system takes 255 bytes per name, and a Vietnamese letter is two or three of them.
    stem = name.stem.encode()[:120].decode(errors="ignore")
    return f"materials/{material.event_id}/{secrets.token_urlsafe(12)}/{stem}{name.suffix[:10]}"


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which no web server serves: a download goes through a view that
    checks the reader. The folder is read from the settings at each use, not once at start-up, and a
    file has no URL of its own (asking for one raises ValueError)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage() -> PrivateStorage:
    return PrivateStorage()


class Material(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        DELEGATES = "delegates", _("delegates only")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("event"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("agenda item"),
        help_text=_("The presentation the file belongs to, if any."),
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=material_path, storage=private_storage, max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    visibility = models.CharField(
        _("who may download"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.DELEGATES,
        help_text=_("Public files are listed on the event page; the others only for its delegates and officers."),
    )
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["event", "visibility"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def clean(self):
        if self.agenda_item_id and self.event_id and self.agenda_item.event_id != self.event_id:
            raise ValidationError({"agenda_item": _("This agenda item belongs to another event.")})

    @property
    def extension(self) -> str:
        """The file's type as readers know it: "PDF", "DOCX"."""
        return PurePath(self.file.name).suffix.lstrip(".").upper()

    @property
    def filename(self) -> str:
        return PurePath(self.file.name).name
