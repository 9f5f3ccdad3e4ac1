"""A delegate list too large to build in a request: prepared by a task into private storage, downloaded
from a staff page (registrations/export_jobs.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event

from .materials import private_storage


class ExportJob(models.Model):
    class Kind(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel"

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=7, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Never under MEDIA_ROOT, which the proxy serves to anyone: delegates' phones and e-mails.
    file = models.FileField(_("file"), storage=private_storage, upload_to="exports/", blank=True)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    # The error's type only: its message may hold personal data.
    error = models.CharField(_("last error"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("delegate list export")
        verbose_name_plural = _("delegate list exports")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.event} ({self.get_kind_display()}, {self.get_status_display()})"
