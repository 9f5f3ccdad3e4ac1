"""Reminders and notices by e-mail: what is due at a moment, and sending each once.

Run by `manage.py send_due_notices` from cron, or as the task `send_due_notices_task` on a queue; never
during a web request. Each run looks only at events in the windows where a notice can be due (index
reads on the event's start date; the registration settings of the events taking registrations now), so
its cost does not grow with the years of past events.

Sent once: a notice is recorded as a `Notice` row, unique per (kind, event, recipient), inserted in the
same transaction that sends the mail and committed only once the mail server has accepted it. A failed
send rolls the row back, so the next run tries again; a second run at the same time (two servers' cron)
waits on the first one's uncommitted row and then finds it taken (PostgreSQL's unique index; SQLite's
single write lock), so it never sends the same notice twice. A crash between the server's acceptance and
the commit is the one case that can send a notice twice: better than the scheme "record, commit, then
send", which loses the notice for good when the process dies before sending.
"""

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from events.models import AgendaItem, Event

from .models import (
    Certificate,
    Notice,
    Officer,
    ProvinceQuota,
    Registration,
    RegistrationSettings,
    Survey,
)
from .services import confirmation_path, free_seats
from .surveys import delegates_to_remind, with_questions

Kind = Notice.Kind
Status = Registration.Status
logger = logging.getLogger(__name__)

DEADLINE_NOTICE = timedelta(hours=72)  # officers are reminded this long before registration closes
EVENT_SOON_DAYS = 2  # delegates are reminded this many days before the event's first day
SURVEY_DAYS = 30  # the survey notice goes out from the day after the event, within this many days
SURVEY_REMINDER_AFTER = timedelta(days=3)
CERTIFICATE_DAYS = 90  # certificates issued this many days after the event's end still get a notice
# The windows above are read on the event's start date (indexed); an event longer than this is
# taken to have ended no earlier than this many days after it started.
LONGEST_EVENT_DAYS = 31


@dataclass
class DueNotice:
    kind: str
    event: Event
    recipient: str  # what the Notice row records: "officer:<id>" or "registration:<id>", no address
    address: str
    context: dict = field(default_factory=dict)


def _place(event: Event) -> str:
    return ", ".join(part for part in (event.venue, event.city) if part)


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# --- officers: registration opens, and the deadline nears --------------------------------------------


def _held_seats(events) -> dict[tuple[int, int], int]:
    """(event id, province id) → seats held, for `events`, in one query."""
    rows = (
        Registration.objects.filter(event__in=events, status__in=Registration.HOLDS_SEAT)
        .values_list("event_id", "province_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(event_id, province_id): n for event_id, province_id, n in rows}


def _taking_registrations(now) -> dict[int, RegistrationSettings]:
    """Event id → registration settings, of the published events taking registrations at `now`."""
    open_settings = RegistrationSettings.objects.filter(
        opens_at__lte=now, closes_at__gt=now, event__status=Event.Status.PUBLISHED
    ).select_related("event")
    return {registration_settings.event_id: registration_settings for registration_settings in open_settings}


def _officer_notices(open_settings, now, sent) -> list[DueNotice]:
    if not open_settings:
        return []
    quotas = list(
        ProvinceQuota.objects.filter(event__in=open_settings, seats__gt=0)
        .values_list("event_id", "province_id", "seats")
        .order_by("event_id", "province__name")
    )
    officers = defaultdict(list)
    for officer in (
        Officer.objects.filter(province__in={province for _, province, _ in quotas}, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "province")
        .order_by("pk")
    ):
        officers[officer.province_id].append(officer)
    closing = [pk for pk, s in open_settings.items() if now >= s.closes_at - DEADLINE_NOTICE]
    held = _held_seats(closing) if closing else {}
    held_in_event = Counter()
    for (event_id, _province), n in held.items():
        held_in_event[event_id] += n

    due = []
    for event_id, province_id, seats in quotas:
        registration_settings = open_settings[event_id]
        event = registration_settings.event
        path = reverse("portal:register", kwargs={"slug": event.slug})
        for officer in officers[province_id]:
            recipient = f"officer:{officer.pk}"
            context = {
                "name": officer.user.get_full_name() or officer.user.get_username(),
                "province": officer.province,
                "seats": seats,
                "closes_at": registration_settings.closes_at,
                "place": _place(event),
                "link": _url(path),
            }
            due.append(DueNotice(Kind.REGISTRATION_OPEN, event, recipient, officer.user.email, context))
            # Only to an officer told of the opening before the last days: the opening notice of one
            # who joined later already gives the deadline and the seats.
            opened = sent.get((Kind.REGISTRATION_OPEN, event_id, recipient))
            if event_id not in closing or opened is None or opened >= registration_settings.closes_at - DEADLINE_NOTICE:
                continue
            left = free_seats(
                quota=seats,
                held_by_province=held.get((event_id, province_id), 0),
                capacity=registration_settings.capacity,
                held_in_event=held_in_event[event_id],
            )
            if left > 0:
                due.append(
                    DueNotice(Kind.DEADLINE, event, recipient, officer.user.email, {**context, "seats_left": left})
                )
    return due


# --- delegates: the event is near, then the survey, its reminder and the certificate -----------------


def _survey_of(event: Event) -> Survey | None:
    try:
        return event.survey
    except Survey.DoesNotExist:
        return None


def _first_time(event: Event, agenda: list[AgendaItem]) -> dict:
    """When the first day begins, as precisely as the record says: the earliest start time of the first
    day's agenda, else a part of day ("sáng") of its first item or of the event, else nothing."""
    first_day = [item for item in agenda if item.day in (None, event.start_date)]
    times = [item.starts_at for item in first_day if item.starts_at]
    if times:
        return {"time": min(times)}
    parts = [item.get_part_of_day_display() for item in first_day if item.part_of_day]
    if parts:
        return {"part_of_day": parts[0]}
    return {"part_of_day": event.get_part_of_day_display()} if event.part_of_day else {}


def _delegate(kind, registration: Registration, **context) -> DueNotice:
    context = {"name": registration.full_name, "link": _url(confirmation_path(registration)), **context}
    return DueNotice(kind, registration.event, f"registration:{registration.pk}", registration.email, context)


def _event_soon(events, today) -> list[DueNotice]:
    soon = [e for e in events if today < e.start_date <= today + timedelta(days=EVENT_SOON_DAYS)]
    if not soon:
        return []
    agenda = defaultdict(list)
    for item in AgendaItem.objects.filter(event__in=soon).order_by("order", "pk"):
        agenda[item.event_id].append(item)
    by_id = {event.pk: event for event in soon}
    registrations = (
        Registration.objects.filter(event__in=soon, status=Status.CONFIRMED).exclude(email="").order_by("pk")
    )
    due = []
    for registration in registrations:
        event = registration.event = by_id[registration.event_id]
        when = _first_time(event, agenda[event.pk])
        due.append(_delegate(Kind.EVENT_SOON, registration, place=_place(event), **when))
    return due


def _surveys(events, now, today, sent) -> list[DueNotice]:
    """The survey notice from the day after the event, and one reminder to those who have not answered
    three days after their notice; neither once the survey is closed. One query per survey in the window."""
    due = []
    for event in events:
        survey = _survey_of(event)
        last_day = event.end_date or event.start_date
        if survey is None or not event.survey_has_questions or (survey.closes_at and survey.closes_at <= now):
            continue
        # Past the invitations' window, reminders to the last ones invited are due for a few days more.
        if not today - timedelta(days=SURVEY_DAYS) - SURVEY_REMINDER_AFTER <= last_day < today:
            continue
        invite = last_day >= today - timedelta(days=SURVEY_DAYS)
        for registration in delegates_to_remind(survey).exclude(email="").order_by("pk"):
            registration.event = event
            context = {
                "link": _url(reverse("portal:survey", kwargs={"code": registration.code})),
                "answers_until": survey.closes_at,
            }
            invited = sent.get((Kind.SURVEY, event.pk, f"registration:{registration.pk}"))
            if invited is None and invite:
                due.append(_delegate(Kind.SURVEY, registration, **context))
            elif invited is not None and invited <= now - SURVEY_REMINDER_AFTER:
                due.append(_delegate(Kind.SURVEY_REMINDER, registration, **context))
    return due


def _certificates(events, today) -> list[DueNotice]:
    # Certificates are issued from the event's last day on.
    recent = [e for e in events if today - timedelta(days=CERTIFICATE_DAYS) <= (e.end_date or e.start_date) <= today]
    if not recent:
        return []
    by_id = {event.pk: event for event in recent}
    certificates = (
        Certificate.objects.filter(event__in=recent, revoked_at__isnull=True)
        .exclude(registration__email="")
        .select_related("registration")
        .order_by("pk")
    )
    due = []
    for certificate in certificates:
        registration = certificate.registration
        registration.event = by_id[certificate.event_id]
        due.append(_delegate(Kind.CERTIFICATE, registration, number=certificate.number))
    return due


def _delegate_events(today) -> list[Event]:
    """Published events dated to the day that may have a delegate notice due `today`, in one index range."""
    earliest = today - timedelta(days=max(CERTIFICATE_DAYS, SURVEY_DAYS + SURVEY_REMINDER_AFTER.days))
    return list(
        Event.objects.published()
        .filter(
            date_precision=Event.Precision.DAY,
            start_date__gte=earliest - timedelta(days=LONGEST_EVENT_DAYS),
            start_date__lte=today + timedelta(days=EVENT_SOON_DAYS),
        )
        .select_related("survey")
        .annotate(survey_has_questions=with_questions("survey"))
        .order_by("start_date", "pk")
    )


# --- what is due, and sending it ---------------------------------------------------------------------


def due_notices(now=None) -> list[DueNotice]:
    """Every notice due at `now` and not yet sent, in a number of queries that does not grow with the
    number of past events."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    events = _delegate_events(today)
    open_settings = _taking_registrations(now)
    event_ids = {event.pk for event in events} | set(open_settings)
    sent = {
        (kind, event_id, recipient): sent_at
        for kind, event_id, recipient, sent_at in Notice.objects.filter(event__in=event_ids).values_list(
            "kind", "event_id", "recipient", "sent_at"
        )
    }
    due = [
        *_officer_notices(open_settings, now, sent),
        *_event_soon(events, today),
        *_surveys(events, now, today, sent),
        *_certificates(events, today),
    ]
    return [notice for notice in due if (notice.kind, notice.event.pk, notice.recipient) not in sent]


def _message(notice: DueNotice, connection) -> EmailMultiAlternatives:
    template = f"registrations/notices/{notice.kind}"
    context = {**notice.context, "event": notice.event, "site": settings.SITE_URL}
    with translation.override("vi"):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())  # one header line
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [notice.address],
        connection=connection,
        headers={"Content-Language": "vi"},
    )
    message.attach_alternative(html, "text/html")
    return message


def _send(notice: DueNotice, connection, now) -> str:
    """ "sent", "taken" (another run sent it) or "failed" (nothing recorded: the next run retries)."""
    message = _message(notice, connection)  # rendered before the transaction, to keep it short
    try:
        with transaction.atomic():
            Notice.objects.create(kind=notice.kind, event=notice.event, recipient=notice.recipient, sent_at=now)
            message.send()
    except IntegrityError:  # the insert: another run has recorded it, and sent it
        return "taken"
    except Exception as error:  # noqa: BLE001 — one recipient's failure must not stop the others
        # The error's type only: an SMTP error's message carries the recipient's address.
        logger.warning(
            "Notice %s of event %s to %s not sent: %s",
            notice.kind,
            notice.event.pk,
            notice.recipient,
            type(error).__name__,
        )
        return "failed"
    return "sent"


def send_due_notices(*, now=None) -> dict[str, Counter]:
    """Send every notice due at `now`, each once; returns, per kind, how many were sent, taken by another
    run at the same time, or failed (to be retried by the next run)."""
    now = now or timezone.now()
    counts = {kind: Counter() for kind in Kind.values}
    due = due_notices(now)
    if due:
        with get_connection() as connection:  # one session with the mail server for the whole run
            for notice in due:
                counts[notice.kind][_send(notice, connection, now)] += 1
    return counts


@task()
def send_due_notices_task() -> dict[str, dict[str, int]]:
    """The same as `manage.py send_due_notices`, for a task queue to schedule."""
    return {kind: dict(counted) for kind, counted in send_due_notices().items()}
