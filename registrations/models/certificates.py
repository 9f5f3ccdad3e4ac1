"""Certificates of attendance (giấy chứng nhận): numbered, verifiable in public, revocable.

A certificate keeps its own copy of the holder's name and the event's title and dates, so it stays
verifiable after the delegate's contact data is erased and means what it meant when issued.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from people.text import fold

from .delegates import Registration

# Crockford's base32 without I, L, O, U: read aloud or typed from paper without confusion.
NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_certificate_number(year: int) -> str:
    """ "2026-7F3K-9Q2M": the year and 40 random bits, so numbers cannot be walked to list delegates."""
    token = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"{year}-{token[:4]}-{token[4:]}"


class Certificate(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="certificate", verbose_name=_("registration")
    )
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("event"))
    number = models.CharField(_("number"), max_length=20, unique=True)
    holder_name = models.CharField(_("holder"), max_length=200)
    # The name folded for the admin's search: the registration's folded key holds the phone, and goes
    # with the contact data at erasure, while the certificate stays findable.
    holder_key = models.CharField(max_length=200, editable=False, default="")
    event_title = models.CharField(_("event"), max_length=500)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["event", "holder_name", "pk"]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.holder_key = fold(self.holder_name)[:200]
        super().save(*args, **kwargs)

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def revoked_on(self):
        """The day of the revocation in local time, as the verification page gives it."""
        return timezone.localdate(self.revoked_at) if self.revoked_at else None
