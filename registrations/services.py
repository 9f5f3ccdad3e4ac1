"""Registration of delegates within quotas, approval, substitution, check-in and erasure.

Every write goes through one function here, in one transaction. A province never holds more seats
(pending, confirmed or attended) than its quota, nor the event more than its capacity, even under
concurrent requests: on PostgreSQL the rows that hold the counts (the event's settings and the
province's quota) are locked with SELECT … FOR UPDATE under a short lock_timeout; on SQLite every
write transaction is IMMEDIATE (settings.py), so writers queue for the one database lock.
"""

import logging
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import ProhibitNullCharactersValidator, validate_email
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from events.models import Event
from people.models import Province

from . import attendance
from .models import (
    Attendance,
    ProvinceQuota,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    normalise_phone,
    validate_phone,
)

Status = Registration.Status
logger = logging.getLogger(__name__)
LOCK_TIMEOUT = "3s"


class RegistrationError(Exception):
    """A rule said no. `code` is for callers to branch on; the message is for people."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class DelegateData:
    family_name: str
    given_name: str
    post: str
    organisation: str
    gender: str
    phone: str
    email: str = ""
    middle_name: str = ""

    @property
    def full_name(self):
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    def as_fields(self) -> dict:
        return {
            "family_name": self.family_name.strip(),
            "middle_name": self.middle_name.strip(),
            "given_name": self.given_name.strip(),
            "post": self.post.strip(),
            "organisation": self.organisation.strip(),
            "gender": self.gender,
            "phone": normalise_phone(self.phone),
            "email": self.email.strip(),
        }


def _validate(delegate: DelegateData):
    """The checks a form makes, repeated here so no caller can skip them."""
    try:
        for value in astuple(delegate):  # NUL: PostgreSQL refuses it in text, so it would fail the INSERT
            ProhibitNullCharactersValidator()(value)
        validate_phone(delegate.phone)
        if delegate.email:
            validate_email(delegate.email)
    except ValidationError as error:
        raise RegistrationError(error.messages[0], code="invalid") from error
    if not (delegate.family_name.strip() and delegate.given_name.strip()):
        raise RegistrationError(_("A delegate needs a family name and a given name."), code="invalid")
    if delegate.gender not in Registration.Gender.values:
        raise RegistrationError(_("Choose the delegate's gender."), code="invalid")
    try:
        Registration(**delegate.as_fields()).clean_fields(exclude=["event", "province", "consent_at"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise RegistrationError(
            f"{Registration._meta.get_field(field).verbose_name}: {messages[0]}", code="invalid"
        ) from error


def _lock_counts(event: Event, province: Province) -> tuple[RegistrationSettings, ProvinceQuota | None]:
    """Lock and return the rows that hold the event's and the province's counts."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    try:
        registration_settings = RegistrationSettings.objects.select_for_update().get(event=event)
    except RegistrationSettings.DoesNotExist as error:
        raise RegistrationError(_("This event does not take registrations."), code="not_open") from error
    quota = ProvinceQuota.objects.select_for_update().filter(event=event, province=province).first()
    return registration_settings, quota


def free_seats(*, quota: int, held_by_province: int, capacity: int | None, held_in_event: int) -> int:
    """The rule: the province's quota less its seated delegates, within what the event's capacity leaves."""
    left = quota - held_by_province
    if capacity is not None:
        left = min(left, capacity - held_in_event)
    return max(left, 0)


def event_full(*, capacity: int | None, held_in_event: int) -> bool:
    """Whether the event's own capacity, not a province's quota, is what leaves no seat."""
    return capacity is not None and held_in_event >= capacity


def _seats_left(event: Event, province: Province, registration_settings, quota) -> int:
    holding = Registration.objects.filter(event=event, status__in=Registration.HOLDS_SEAT)
    capacity = registration_settings.capacity
    return free_seats(
        quota=quota.seats if quota else 0,
        held_by_province=holding.filter(province=province).count(),
        capacity=capacity,
        held_in_event=holding.count() if capacity is not None else 0,  # no count needed without a limit
    )


def is_event_full(event: Event) -> bool:
    """Whether every seat of the event is held, whatever the provinces' quotas still allow (for display)."""
    registration_settings = RegistrationSettings.objects.filter(event=event).first()
    if registration_settings is None or registration_settings.capacity is None:
        return False
    held = Registration.objects.filter(event=event, status__in=Registration.HOLDS_SEAT).count()
    return event_full(capacity=registration_settings.capacity, held_in_event=held)


def seats_left(event: Event, province: Province) -> int:
    """Seats the province can still fill, for display (not locked: the register call re-checks)."""
    registration_settings = RegistrationSettings.objects.filter(event=event).first()
    if registration_settings is None:
        return 0
    quota = ProvinceQuota.objects.filter(event=event, province=province).first()
    return _seats_left(event, province, registration_settings, quota)


@contextmanager
def _writing():
    """One transaction. A lock not granted in time, or a race that only the database's constraints
    caught, ends as a RegistrationError with nothing saved, never as a server error."""
    try:
        with transaction.atomic():
            yield
    except OperationalError as error:
        raise RegistrationError(
            _("Many provinces are registering right now; nothing was saved. Please try again in a moment."),
            code="busy",
        ) from error
    except IntegrityError as error:
        raise RegistrationError(
            _("This person (same name and phone) is already registered for this event."), code="duplicate"
        ) from error


def _move(registration: Registration, to_status: str, *, actor, reason: str = "", now=None):
    """Change the status and record who, when, from → to and why."""
    now = now or timezone.now()
    RegistrationChange.objects.create(
        registration=registration,
        from_status=registration.status if registration.pk else "",
        to_status=to_status,
        actor=actor,
        at=now,
        reason=reason,
    )
    registration.status = to_status
    registration.save()
    if to_status == Status.CONFIRMED:
        send_confirmation(registration)


def _check_open(registration_settings: RegistrationSettings, now):
    if now < registration_settings.opens_at:
        raise RegistrationError(_("Registration has not opened yet."), code="not_open")
    if now >= registration_settings.closes_at:
        raise RegistrationError(
            _("The deadline (%(deadline)s) has passed; nothing can be registered or changed.")
            % {"deadline": date_format(timezone.localtime(registration_settings.closes_at), "j/n/Y H:i")},
            code="closed",
        )


def ensure_not_registered(event: Event, delegates: list[DelegateData], *, exclude=None):
    keys = [Registration.make_person_key(d.full_name, d.phone) for d in delegates]
    for key, delegate in zip(keys, delegates, strict=True):
        if keys.count(key) > 1:
            raise RegistrationError(
                _("%(name)s appears twice in this submission.") % {"name": delegate.full_name}, code="duplicate"
            )
    existing = Registration.objects.filter(event=event, person_key__in=keys, status__in=Registration.ACTIVE)
    if exclude is not None:
        existing = existing.exclude(pk=exclude.pk)
    if clash := existing.first():
        raise RegistrationError(
            _("%(name)s (same name and phone) is already registered for this event.") % {"name": clash.full_name},
            code="duplicate",
        )


def register_delegates(
    *, event: Event, province: Province, delegates: list[DelegateData], actor, consent_at=None, now=None
) -> list[Registration]:
    """Register `delegates` of `province`, all or nothing.

    Within the free seats they are pending (or confirmed when no approval is needed); beyond them
    they are waitlisted if the event keeps a list, otherwise the whole submission is refused.
    """
    now = now or timezone.now()
    if not delegates:
        raise RegistrationError(_("Add at least one delegate."), code="empty")
    if province.valid_to is not None:
        raise RegistrationError(_("New registrations use the 34 current provinces only."), code="invalid")
    for delegate in delegates:
        _validate(delegate)
    with _writing():
        registration_settings, quota = _lock_counts(event, province)
        _check_open(registration_settings, now)
        if quota is None or quota.seats == 0:
            raise RegistrationError(_("Your province has no seats at this event."), code="no_quota")
        ensure_not_registered(event, delegates)
        # Delegates already waiting take any free seat before this submission does.
        _promote_waiting(event, province, registration_settings, quota, actor=actor, now=now)
        free = _seats_left(event, province, registration_settings, quota)
        if len(delegates) > free and not registration_settings.keeps_waitlist:
            held_in_event = Registration.objects.filter(event=event, status__in=Registration.HOLDS_SEAT).count()
            if event_full(capacity=registration_settings.capacity, held_in_event=held_in_event + free):
                message = _("Only %(free)s seat(s) left at this event; you submitted %(count)s. Nothing was saved.")
            else:
                message = _("Only %(free)s seat(s) left for your province; you submitted %(count)s. Nothing was saved.")
            raise RegistrationError(message % {"free": free, "count": len(delegates)}, code="over_quota")
        seated = Status.PENDING if registration_settings.needs_approval else Status.CONFIRMED
        created = []
        for number, delegate in enumerate(delegates):
            registration = Registration(
                event=event,
                province=province,
                consent_at=consent_at or now,
                registered_by=actor,
                created_at=now + timedelta(microseconds=number),  # keeps the waiting list in order
                status=seated if number < free else Status.WAITLISTED,
                **delegate.as_fields(),
            )
            registration.save()
            RegistrationChange.objects.create(
                registration=registration, to_status=registration.status, actor=actor, at=now
            )
            if registration.status == Status.CONFIRMED:
                send_confirmation(registration)
            created.append(registration)
        return created


def _promote_waiting(event, province, registration_settings, quota, *, actor, now):
    """Give the province's free seats to its waiting list, first come first served."""
    free = _seats_left(event, province, registration_settings, quota)
    waiting = Registration.objects.filter(event=event, province=province, status=Status.WAITLISTED)
    seated = Status.PENDING if registration_settings.needs_approval else Status.CONFIRMED
    for registration in waiting.order_by("created_at", "pk")[:free]:
        _move(registration, seated, actor=actor, reason=_("A seat became free."), now=now)


def _locked(registration: Registration):
    """Lock the counts of the registration's event and province, then the registration itself."""
    registration_settings, quota = _lock_counts(registration.event, registration.province)
    return Registration.objects.select_for_update().get(pk=registration.pk), registration_settings, quota


def cancel_registration(registration: Registration, *, actor, reason="", by_staff=False, now=None) -> Registration:
    """Cancel; a freed seat goes to the province's first waitlisted delegate. Officers only before the deadline."""
    now = now or timezone.now()
    with _writing():
        registration, registration_settings, quota = _locked(registration)
        if not by_staff:
            _check_open(registration_settings, now)
        if registration.status not in Registration.ACTIVE or registration.status == Status.ATTENDED:
            raise RegistrationError(
                _("A delegate who is %(status)s cannot be cancelled.") % {"status": registration.get_status_display()},
                code="invalid_status",
            )
        freed = registration.holds_seat
        _move(registration, Status.CANCELLED, actor=actor, reason=reason, now=now)
        if freed:
            _promote_waiting(
                registration.event, registration.province, registration_settings, quota, actor=actor, now=now
            )
        return registration


def update_delegate(
    registration: Registration, delegate: DelegateData, *, actor, by_staff=False, now=None
) -> Registration:
    """Correct a delegate's details; officers only before the deadline."""
    now = now or timezone.now()
    _validate(delegate)
    with _writing():
        registration, registration_settings, _quota = _locked(registration)
        if not by_staff:
            _check_open(registration_settings, now)
        if registration.status not in Registration.ACTIVE:
            raise RegistrationError(_("Only an active registration can be changed."), code="invalid_status")
        ensure_not_registered(registration.event, [delegate], exclude=registration)
        for field, value in delegate.as_fields().items():
            setattr(registration, field, value)
        registration.save()
        return registration


def substitute_delegate(
    registration: Registration, delegate: DelegateData, *, actor, consent_at=None, now=None
) -> Registration:
    """Replace a delegate with another person before the deadline; the seat (and status) passes over."""
    now = now or timezone.now()
    _validate(delegate)
    with _writing():
        registration, registration_settings, _quota = _locked(registration)
        _check_open(registration_settings, now)
        if registration.status not in Registration.ACTIVE or registration.status == Status.ATTENDED:
            raise RegistrationError(_("Only an active registration can be substituted."), code="invalid_status")
        ensure_not_registered(registration.event, [delegate])
        substitute = Registration(
            event=registration.event,
            province=registration.province,
            consent_at=consent_at or now,
            registered_by=actor,
            created_at=registration.created_at,  # keeps the place in the waiting list
            replaces=registration,
            status=registration.status,
            **delegate.as_fields(),
        )
        reason = _("Substituted by %(name)s.") % {"name": substitute.full_name}
        _move(registration, Status.CANCELLED, actor=actor, reason=reason, now=now)
        substitute.save()
        RegistrationChange.objects.create(
            registration=substitute,
            to_status=substitute.status,
            actor=actor,
            at=now,
            reason=_("Substitute for %(name)s.") % {"name": registration.full_name},
        )
        if substitute.status == Status.CONFIRMED:
            send_confirmation(substitute)
        return substitute


def _staff_move(registrations, to_status, *, allowed_from, actor, reason, now) -> tuple[int, list[str]]:
    """Move each registration that may move, each in its own transaction; returns how many moved and
    why the others did not."""
    now = now or timezone.now()
    moved, problems = 0, []
    for registration in registrations:
        try:
            with _writing():
                registration, registration_settings, quota = _locked(registration)
                if registration.status not in allowed_from:
                    raise RegistrationError(
                        _("%(name)s is %(status)s.")
                        % {"name": registration.full_name, "status": registration.get_status_display()},
                        code="invalid_status",
                    )
                event, province = registration.event, registration.province
                takes_seat = to_status in Registration.HOLDS_SEAT and not registration.holds_seat
                if takes_seat and _seats_left(event, province, registration_settings, quota) < 1:
                    raise RegistrationError(
                        _("No seat left for %(name)s's province.") % {"name": registration.full_name},
                        code="no_seat",
                    )
                freed = registration.holds_seat and to_status not in Registration.HOLDS_SEAT
                _move(registration, to_status, actor=actor, reason=reason, now=now)
                if freed:
                    _promote_waiting(event, province, registration_settings, quota, actor=actor, now=now)
        except RegistrationError as error:
            problems.append(error.message)
        else:
            moved += 1
    return moved, problems


def approve_registrations(registrations, *, actor, reason="", now=None):
    return _staff_move(
        registrations, Status.CONFIRMED, allowed_from={Status.PENDING}, actor=actor, reason=reason, now=now
    )


def reject_registrations(registrations, *, actor, reason="", now=None):
    return _staff_move(
        registrations,
        Status.REJECTED,
        allowed_from={Status.PENDING, Status.WAITLISTED, Status.CONFIRMED},
        actor=actor,
        reason=reason,
        now=now,
    )


def promote_registrations(registrations, *, actor, reason="", now=None):
    """Move waitlisted delegates onto a free seat of their province, as confirmed."""
    return _staff_move(
        registrations, Status.CONFIRMED, allowed_from={Status.WAITLISTED}, actor=actor, reason=reason, now=now
    )


def cancel_registrations(registrations, *, actor, reason="", now=None):
    """Staff cancel, at any time; each freed seat goes to the province's waiting list."""
    return _staff_move(
        registrations,
        Status.CANCELLED,
        allowed_from={Status.PENDING, Status.CONFIRMED, Status.WAITLISTED},
        actor=actor,
        reason=reason,
        now=now,
    )


def _lock_registrations():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    return Registration.objects.select_for_update(of=("self",)).select_related("event", "province")


def _check_within_dates(event: Event, day):
    days = attendance.event_days(event)
    if day not in days:
        raise RegistrationError(
            _("%(day)s is not a day of this event (%(first)s – %(last)s); nothing was recorded.")
            % {
                "day": date_format(day, "d/m/Y"),
                "first": date_format(days[0], "d/m/Y"),
                "last": date_format(days[-1], "d/m/Y"),
            },
            code="not_event_day",
        )


def check_in(code: str, *, event: Event, actor, now=None) -> Registration:
    """Record the delegate with `code` present at `event` today, and at the session under way if the
    agenda has times. The first check-in marks the delegate attended; a second scan the same day (and
    session) is told when the first was. The returned registration carries the row as `.attendance`."""
    now = now or timezone.now()
    code = (code or "").strip()
    if "\x00" in code:  # no code holds NUL, and PostgreSQL refuses it in the query
        raise RegistrationError(_("No delegate has this code."), code="unknown_code")
    with _writing():
        # The registration's row is the lock: two desks scanning the same code queue here.
        registration = _lock_registrations().filter(code=code).first()
        if registration is None:
            raise RegistrationError(_("No delegate has this code."), code="unknown_code")
        if registration.event_id != event.pk:
            raise RegistrationError(
                _("This code belongs to another event: %(event)s.") % {"event": registration.event.title},
                code="other_event",
            )
        if registration.status not in (Status.CONFIRMED, Status.ATTENDED):
            raise RegistrationError(
                _("%(name)s cannot check in: the registration is %(status)s.")
                % {"name": registration.full_name, "status": registration.get_status_display()},
                code="not_confirmed",
            )
        local = timezone.localtime(now)
        _check_within_dates(registration.event, local.date())
        session = attendance.session_at(registration.event, local)
        today = Attendance.objects.filter(registration=registration, day=local.date())
        # Between sessions (or without a timed agenda), any check-in of the day is the one.
        earlier = (today.filter(session=session) if session else today).order_by("at").first()
        if earlier is not None:
            raise RegistrationError(
                _("%(name)s is already checked in today at %(time)s.")
                % {"name": registration.full_name, "time": date_format(timezone.localtime(earlier.at), "H:i")},
                code="already_checked_in",
            )
        registration.attendance = Attendance.objects.create(
            registration=registration, day=local.date(), session=session, at=now, by=actor
        )
        if registration.checked_in_at is None:  # the first scan at the door, kept as the time of arrival
            registration.checked_in_at = now
            if registration.status == Status.CONFIRMED:
                _move(registration, Status.ATTENDED, actor=actor, reason=_("Checked in."), now=now)
            else:
                registration.save()
        return registration


def mark_present(registrations, *, day, actor, now=None) -> tuple[int, list[str]]:
    """Record delegates present on a past `day` of their event by hand (from a signed sheet): the day,
    and every timed session of that day. Returns how many were marked and why the others were not."""
    now = now or timezone.now()
    marked, problems = 0, []
    for registration in registrations:
        try:
            with _writing():
                registration = _lock_registrations().get(pk=registration.pk)
                if registration.status not in (Status.CONFIRMED, Status.ATTENDED):
                    raise RegistrationError(
                        _("%(name)s is %(status)s.")
                        % {"name": registration.full_name, "status": registration.get_status_display()},
                        code="not_confirmed",
                    )
                _check_within_dates(registration.event, day)
                if day > timezone.localdate(now):
                    raise RegistrationError(
                        _("%(day)s has not come yet; attendance is recorded on the day or after.")
                        % {"day": date_format(day, "d/m/Y")},
                        code="future_day",
                    )
                sessions = [
                    item
                    for item in attendance.timed_sessions(registration.event)
                    if (item.day or registration.event.start_date) == day
                ]
                recorded = set(
                    Attendance.objects.filter(registration=registration, day=day).values_list("session", flat=True)
                )
                missing = [item for item in sessions if item.pk not in recorded]
                if recorded and not missing:
                    raise RegistrationError(
                        _("%(name)s is already recorded present on %(day)s.")
                        % {"name": registration.full_name, "day": date_format(day, "d/m/Y")},
                        code="already_present",
                    )
                Attendance.objects.bulk_create(
                    [Attendance(registration=registration, day=day, session=item, at=now, by=actor) for item in missing]
                    or [Attendance(registration=registration, day=day, at=now, by=actor)]
                )
                if registration.status == Status.CONFIRMED:
                    reason = _("Marked present on %(day)s by hand.") % {"day": date_format(day, "d/m/Y")}
                    _move(registration, Status.ATTENDED, actor=actor, reason=reason, now=now)
        except RegistrationError as error:
            problems.append(error.message)
        else:
            marked += 1
    return marked, problems


@transaction.atomic
def set_province_quotas(event: Event, seats: int) -> int:
    """Give every current province `seats` seats at `event` ("N for every current province")."""
    provinces = Province.objects.current()
    for province in provinces:
        ProvinceQuota.objects.update_or_create(event=event, province=province, defaults={"seats": seats})
    return provinces.count()


def erase_contact_data(*, months: int, now=None) -> int:
    """Blank phone and e-mail of delegates of events that ended more than `months` months ago.

    Names, provinces, statuses and check-ins stay, so counts and attendance reports still add up.
    """
    now = now or timezone.now()
    cutoff = timezone.localdate(now - timedelta(days=round(months * 30.44)))
    ended = Q(event__end_date__lt=cutoff) | Q(event__end_date__isnull=True, event__start_date__lt=cutoff)
    return (
        Registration.objects.filter(ended, contact_erased_at__isnull=True)
        .exclude(phone="", email="")
        .update(
            phone="",
            email="",
            contact_erased_at=now,
            person_key=Concat(Value("erased|"), Cast("pk", output_field=CharField())),
        )
    )


def confirmation_path(registration: Registration) -> str:
    return reverse("portal:confirmation", kwargs={"code": registration.code})


# Minutes to wait before each retry of a confirmation e-mail that failed; then staff resend it.
CONFIRMATION_RETRY_MINUTES = (1, 5, 30, 120)


class ConfirmationNotSent(Exception):
    """An attempt failed. The message names the registration and the error's type only: an SMTP
    error's own message carries the recipient's address, and the task's record keeps this one."""


def send_confirmation(registration: Registration):
    """Queue the delegate's confirmation e-mail, if an address was given.

    The mail goes out in a task (settings.TASKS). With DJANGO_TASKS=database the task is written in
    the same transaction as the registration, so one is never saved without the other, and
    `manage.py db_worker` sends it; by default it runs at once in this process, after the commit.
    A mail server that fails must not undo or hide a registration that stands: the failure is
    recorded on the registration and logged (by id only), the task is retried with back-off, and
    staff can resend from the admin.
    """
    if not registration.email:
        return
    if default_task_backend.supports_defer:  # a queue: enqueued with the registration, atomically
        deliver_confirmation.enqueue(registration.pk)
    else:
        transaction.on_commit(lambda pk=registration.pk: deliver_confirmation.enqueue(pk))


@task()
def deliver_confirmation(registration_id: int, attempt: int = 1) -> str:
    """Send one registration's confirmation, once: a retried or repeated task finds it sent and stops.

    The registration's row is locked while the mail goes out, so two runs of the task cannot both send.
    """
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.confirmation_sent_at or not registration.email:
            return "skipped"
        if registration.status not in (Status.CONFIRMED, Status.ATTENDED):
            return "skipped"
        context = {"registration": registration, "path": confirmation_path(registration), "site": settings.SITE_URL}
        try:
            send_mail(
                subject=_("Confirmed: %(event)s") % {"event": registration.event.title},
                message=render_to_string("registrations/portal/confirmation_email.txt", context),
                from_email=None,
                recipient_list=[registration.email],
            )
        except Exception as error:
            failure = type(error).__name__
        else:
            Registration.objects.filter(pk=registration_id).update(
                confirmation_sent_at=timezone.now(), confirmation_error=""
            )
            return "sent"
        Registration.objects.filter(pk=registration_id).update(
            confirmation_attempts=registration.confirmation_attempts + 1, confirmation_error=failure[:100]
        )
    # No traceback: SMTP errors carry the recipient's address in their message.
    logger.error("Confirmation e-mail for registration %s failed: %s", registration_id, failure)
    if attempt <= len(CONFIRMATION_RETRY_MINUTES) and default_task_backend.supports_defer:
        delay = timedelta(minutes=CONFIRMATION_RETRY_MINUTES[attempt - 1])
        deliver_confirmation.using(run_after=timezone.now() + delay).enqueue(registration_id, attempt + 1)
    raise ConfirmationNotSent(f"registration {registration_id}, attempt {attempt}: {failure}") from None


def resend_confirmations(registrations) -> int:
    """Queue the confirmation again for confirmed delegates with an address whose mail never went
    out (the retries ran out, or the mail server was down); returns how many."""
    pending = registrations.filter(
        status__in=(Status.CONFIRMED, Status.ATTENDED), confirmation_sent_at__isnull=True
    ).exclude(email="")
    count = 0
    for registration in pending:
        send_confirmation(registration)
        count += 1
    return count
