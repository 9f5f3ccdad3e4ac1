"""Files handed to a training's delegates: slides, PDF and DOCX, each public or for delegates only."""

import secrets
from pathlib import PurePath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import AgendaItem, Event


def material_path(material, filename: str) -> str:
    # A random folder per file: a delegates-only file's address cannot be guessed from its name.
    name = PurePath(filename).name
    return f"materials/{material.event_id}/{secrets.token_urlsafe(12)}/{name}"


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
    file = models.FileField(_("file"), upload_to=material_path, max_length=255)
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
