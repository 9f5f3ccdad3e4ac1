"""Delegates of the provinces: registration settings, quotas, officers, registrations and their history.

This is where the product holds personal data (a delegate's phone and e-mail): it is shown only to
registrars and to the registering province, and erased some months after the event
(`manage.py erase_delegate_contacts`).
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models import Event
from people.history import History
from people.models import Province
from people.text import fold

PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
VIETNAMESE_PHONE = re.compile(r"^0[0-9]{9}$")  # ASCII digits only: \d also takes "٩"
PERSON_KEY_LENGTH = 200


def normalise_phone(phone: str) -> str:
    """ "+84 912.345.678" → "0912345678"; the national form that a duplicate check can compare."""
    digits = PHONE_SEPARATORS.sub("", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def validate_phone(phone: str):
    if not VIETNAMESE_PHONE.match(normalise_phone(phone)):
        raise ValidationError(
            _("“%(phone)s” is not a Vietnamese phone number: 10 digits starting with 0, e.g. 0912 345 678."),
            code="malformed_phone",
            params={"phone": phone},
        )


def new_code() -> str:
    """An unguessable check-in code: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


class RegistrationSettings(models.Model):
    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="registration_settings", verbose_name=_("event")
    )
    opens_at = models.DateTimeField(_("registration opens"))
    closes_at = models.DateTimeField(
        _("registration closes"), help_text=_("The deadline: after it, provinces can no longer register or change.")
    )
    capacity = models.PositiveIntegerField(
        _("total capacity"), null=True, blank=True, help_text=_("Seats for the whole event; empty for no limit.")
    )
    needs_approval = models.BooleanField(
        _("staff approval needed"),
        default=True,
        help_text=_("If ticked, a new delegate is pending until a registrar confirms; if not, confirmed at once."),
    )
    keeps_waitlist = models.BooleanField(
        _("keep a waiting list"),
        default=True,
        help_text=_("If ticked, delegates over the quota wait for a seat; if not, such a submission is refused."),
    )

    class Completion(models.TextChoices):
        ALL_DAYS = "all_days", _("present on every day")
        SHARE_OF_DAYS = "days", _("present on a share of the days")
        SHARE_OF_SESSIONS = "sessions", _("present at a share of the sessions")

    completion_rule = models.CharField(
        _("completion rule"),
        max_length=10,
        choices=Completion.choices,
        default=Completion.ALL_DAYS,
        help_text=_(
            "Who counts as having completed the training, and so receives a certificate. The days are the "
            "event's start to end date; the sessions are the agenda items with a start time. If the agenda "
            "has no times, “a share of the sessions” counts a share of the days instead."
        ),
    )
    completion_percent = models.PositiveSmallIntegerField(
        _("share needed (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("For a share of the days or sessions: e.g. 80 means at least 80 %."),
    )

    class Meta:
        db_table = "events_registrationsettings"  # the table of the events app, where these models began
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        # The notice job and the portal look for registrations still open: closes_at > now.
        indexes = [models.Index(fields=["closes_at"], name="registration_closes_at")]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="registration_closes_after_opening")
        ]

    def __str__(self):
        return str(self.event)

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Registration must close after it opens.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class ProvinceQuota(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("event"))
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="quotas",
        limit_choices_to={"valid_to__isnull": True},
        verbose_name=_("province"),
        help_text=_("One of the 34 current provinces and cities."),
    )
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        db_table = "events_provincequota"  # the table of the events app, where these models began
        verbose_name = _("province quota")
        verbose_name_plural = _("province quotas")
        ordering = ["province__name"]
        constraints = [models.UniqueConstraint(fields=["event", "province"], name="quota_one_per_province")]

    def __str__(self):
        return f"{self.province.name}: {self.seats}"

    def clean(self):
        if self.province_id and self.province.valid_to is not None:
            raise ValidationError({"province": _("New registrations use the 34 current provinces only.")})


class Officer(models.Model):
    """A provincial officer: a user who registers the delegates of one current province."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer", verbose_name=_("user")
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="officers",
        limit_choices_to={"valid_to__isnull": True},
        verbose_name=_("province"),
    )

    class Meta:
        db_table = "events_officer"  # the table of the events app, where these models began
        verbose_name = _("provincial officer")
        verbose_name_plural = _("provincial officers")

    def __str__(self):
        return f"{self.user.get_username()} ({self.province.name})"

    def clean(self):
        if self.province_id and self.province.valid_to is not None:
            raise ValidationError({"province": _("An officer belongs to one of the 34 current provinces.")})


class Registration(models.Model):
    """A delegate registered by a province for an event. Only the personal data the event needs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("waitlisted")
        REJECTED = "rejected", _("rejected")
        CANCELLED = "cancelled", _("cancelled")
        ATTENDED = "attended", pgettext_lazy("registration status", "attended")

    # Statuses that take a seat of the quota and of the capacity.
    HOLDS_SEAT = (Status.PENDING, Status.CONFIRMED, Status.ATTENDED)
    # Statuses under which the same person cannot be registered again.
    ACTIVE = (*HOLDS_SEAT, Status.WAITLISTED)

    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event"))
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("province")
    )
    family_name = models.CharField(_("family name"), max_length=50)
    middle_name = models.CharField(_("middle name"), max_length=100, blank=True)
    given_name = models.CharField(_("given name"), max_length=50)
    post = models.CharField(_("post"), max_length=255, help_text=_("e.g. Phó Giám đốc Sở."))
    organisation = models.CharField(_("organisation"), max_length=255, help_text=_("e.g. Sở Văn hóa và Thể thao."))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent_at = models.DateTimeField(
        _("consent given at"), help_text=_("When the province confirmed the delegate agreed to the stated purpose.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    code = models.CharField(_("check-in code"), max_length=32, unique=True, default=new_code, editable=False)
    person_key = models.CharField(max_length=PERSON_KEY_LENGTH, editable=False)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("substitute for"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    contact_erased_at = models.DateTimeField(_("contact data erased at"), null=True, blank=True)
    # The confirmation e-mail, sent by a task (registrations/services.py): when it went out, so a
    # retried task never sends it twice, and the failed attempts, for staff to see.
    confirmation_sent_at = models.DateTimeField(_("confirmation e-mail sent at"), null=True, blank=True)
    confirmation_attempts = models.PositiveSmallIntegerField(_("failed confirmation e-mails"), default=0)
    confirmation_error = models.CharField(_("last e-mail error"), max_length=100, blank=True)

    # No copy of the contact data: `erase_delegate_contacts` blanks phone and e-mail (and the key
    # holding the phone) with one UPDATE that the history never sees, so copies kept there would
    # outlive the erasure the law asks for. The check-in code never changes and admits its holder
    # at the door; one copy of it is enough. Status changes are in RegistrationChange as well.
    history = History(
        table_name="events_historicalregistration",
        excluded_fields=[
            "phone",
            "email",
            "person_key",
            "code",
            "confirmation_sent_at",
            "confirmation_attempts",
            "confirmation_error",
        ],
    )

    class Meta:
        db_table = "events_registration"  # the table of the events app, where these models began
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "province", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person_key"],
                condition=Q(status__in=["pending", "confirmed", "attended", "waitlisted"]),
                name="registration_one_active_per_person",
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.province.name})"

    def save(self, *args, **kwargs):
        # Once the contact data is erased the key no longer holds a phone (see erase_contact_data).
        if self.contact_erased_at is None:
            self.person_key = self.make_person_key(self.full_name, self.phone)
        super().save(*args, **kwargs)

    @staticmethod
    def make_person_key(full_name: str, phone: str) -> str:
        """Normalised name + phone: "Nguyễn  Văn An", "+84 912 345 678" → "nguyen van an|0912345678".

        Names at their maximum lengths make a longer key than the column holds: such a key keeps its
        start (the admin searches it for the name) and ends with a digest of the whole, still one per person.
        """
        key = f"{fold(full_name)}|{normalise_phone(phone)}"
        if len(key) > PERSON_KEY_LENGTH:
            digest = hashlib.sha256(key.encode()).hexdigest()
            key = f"{key[: PERSON_KEY_LENGTH - len(digest) - 1]}#{digest}"
        return key

    @property
    def full_name(self):
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    @property
    def holds_seat(self):
        return self.status in self.HOLDS_SEAT


class RegistrationChange(models.Model):
    """One status change of a registration: who, when, from → to, why. Never edited."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="changes", verbose_name=_("registration")
    )
    from_status = models.CharField(
        pgettext_lazy("status", "from"), max_length=12, choices=Registration.Status.choices, blank=True
    )
    to_status = models.CharField(pgettext_lazy("status", "to"), max_length=12, choices=Registration.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        db_table = "events_registrationchange"  # the table of the events app, where these models began
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"
