"""Attendance per day, and per session when the agenda has times: one row per delegate and day or session."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models import AgendaItem

from .delegates import Registration


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("registration")
    )
    day = models.DateField(pgettext_lazy("attendance", "day"))
    session = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("session"),
        help_text=_("The agenda item under way at check-in, when the agenda has times."),
    )
    at = models.DateTimeField(_("checked in at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["day", "at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"], condition=Q(session__isnull=True), name="attendance_once_a_day"
            ),
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=Q(session__isnull=False),
                name="attendance_once_a_session",
            ),
        ]

    def __str__(self):
        return f"{self.registration} · {self.day:%d/%m/%Y}"
