"""The record of every reminder and notice sent: what makes `send_due_notices` send each one once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event


class Notice(models.Model):
    class Kind(models.TextChoices):
        REGISTRATION_OPEN = "registration_open", _("registration is open (officers)")
        DEADLINE = "deadline", _("deadline in 3 days, seats free (officers)")
        EVENT_SOON = "event_soon", _("event in 2 days (delegates)")
        SURVEY = "survey", _("evaluation survey (delegates)")
        SURVEY_REMINDER = "survey_reminder", _("survey reminder (delegates)")
        CERTIFICATE = "certificate", _("certificate issued (delegates)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notices", verbose_name=_("event"))
    # "officer:12" or "registration:345": who it went to, without keeping the address.
    recipient = models.CharField(_("recipient"), max_length=40)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-sent_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "event", "recipient"], name="notice_sent_once")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"
