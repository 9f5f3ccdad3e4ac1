"""Attendance per day and session, and who completed a training under the registrar's rule.

Reads only, in a fixed number of queries however many delegates: the rows are written by
`services.check_in` (at the door) and `services.mark_present` (by hand, from a signed sheet).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import AgendaItem, Event

from .models import Attendance, Registration, RegistrationSettings

Completion = RegistrationSettings.Completion
# A delegate scanned this long before a session starts is counted at that session.
EARLY_ARRIVAL = timedelta(minutes=30)


def event_days(event: Event) -> list[date]:
    """The days of the event: start_date..end_date, one day without an end date."""
    last = event.end_date or event.start_date
    return [event.start_date + timedelta(days=n) for n in range((last - event.start_date).days + 1)]


def timed_sessions(event: Event) -> QuerySet[AgendaItem]:
    """The agenda items with a start time: the sessions the "share of sessions" rule counts."""
    return event.agenda.filter(starts_at__isnull=False).order_by("day", "starts_at", "order", "pk")


def session_at(event: Event, moment: datetime) -> AgendaItem | None:
    """The session under way at `moment` (local time), or else the next one starting within 30 minutes.

    An item without an end time lasts until the next item of its day starts (or the day ends).
    """
    day, now = moment.date(), moment.time()
    items = [item for item in timed_sessions(event) if (item.day or event.start_date) == day]
    if not items:
        return None
    for item, following in zip(items, [*items[1:], None], strict=True):
        end = item.ends_at or (following.starts_at if following else time.max)
        if item.starts_at <= now < end:
            return item
    soon = (datetime.combine(day, now) + EARLY_ARRIVAL).time() if now < time(23, 30) else time.max
    return next((item for item in items if now < item.starts_at <= soon), None)


@dataclass(frozen=True)
class Rule:
    """An event's completion rule with what it counts against: its days and its timed sessions."""

    kind: str
    percent: int
    days: tuple[date, ...]
    sessions: int

    @property
    def counts_sessions(self) -> bool:
        # Without a timed agenda there are no sessions to count: the share applies to the days.
        return self.kind == Completion.SHARE_OF_SESSIONS and self.sessions > 0

    @property
    def description(self) -> str:
        """The rule in words, for the sheets and the report."""
        days = len(self.days)
        if self.kind == Completion.ALL_DAYS:
            return ngettext(
                "Completed: present on the %(days)d day.", "Completed: present on every one of the %(days)d days.", days
            ) % {"days": days}
        if self.counts_sessions:
            return _("Completed: present at %(percent)d %% or more of the %(sessions)d timed sessions.") % {
                "percent": self.percent,
                "sessions": self.sessions,
            }
        text = _("Completed: present on %(percent)d %% or more of the %(days)d day(s).") % {
            "percent": self.percent,
            "days": days,
        }
        if self.kind == Completion.SHARE_OF_SESSIONS:
            text += " " + _("The agenda has no times, so days are counted instead of sessions.")
        return text

    def is_met(self, days_attended: int, sessions_attended: int) -> bool:
        if self.kind == Completion.ALL_DAYS:
            return days_attended >= len(self.days)
        if self.counts_sessions:
            return sessions_attended * 100 >= self.percent * self.sessions
        return days_attended * 100 >= self.percent * len(self.days)


@dataclass(frozen=True)
class DaysAttended:
    days: frozenset[date]  # the event's days the delegate was present on
    sessions: int  # timed sessions attended
    completed: bool

    @property
    def day_count(self) -> int:
        return len(self.days)


ABSENT = DaysAttended(days=frozenset(), sessions=0, completed=False)


def _rules(events: QuerySet[Event]) -> dict[int, Rule]:
    """Each event's rule (the default one without registration settings) by event id. One query."""
    events = events.select_related("registration_settings").annotate(
        timed_sessions=Count("agenda", filter=Q(agenda__starts_at__isnull=False))
    )
    rules = {}
    for event in events:
        chosen = getattr(event, "registration_settings", None) or RegistrationSettings()
        rules[event.pk] = Rule(
            kind=chosen.completion_rule,
            percent=chosen.completion_percent,
            days=tuple(event_days(event)),
            sessions=event.timed_sessions,
        )
    return rules


def completion_rule(event: Event) -> Rule:
    """The event's completion rule with the days and timed sessions it counts. One query."""
    return _rules(Event.objects.filter(pk=event.pk))[event.pk]


def _summarise(attendances: QuerySet[Attendance], rules: dict[int, Rule]) -> dict[int, DaysAttended]:
    days: dict[int, set[date]] = {}
    sessions: dict[int, set[int]] = {}
    events: dict[int, int] = {}
    rows = attendances.values_list(
        "registration_id", "registration__event_id", "day", "session_id", "session__starts_at"
    )
    # A row recorded before the event's dates or the agenda's times were corrected counts for what still
    # is a day or a timed session of the event.
    for registration_id, event_id, day, session_id, starts_at in rows:
        events[registration_id] = event_id
        present = days.setdefault(registration_id, set())
        if day in rules[event_id].days:
            present.add(day)
        if starts_at is not None:
            sessions.setdefault(registration_id, set()).add(session_id)
    summary = {}
    for pk, present in days.items():
        attended = len(sessions.get(pk, ()))
        summary[pk] = DaysAttended(
            days=frozenset(present),
            sessions=attended,
            completed=rules[events[pk]].is_met(len(present), attended),
        )
    return summary


def attendance_summary(event: Event, rule: Rule | None = None) -> dict[int, DaysAttended]:
    """Days and sessions attended per registration id of `event`, and whether that completes the training.

    Only delegates with some attendance are keys: `.get(pk, ABSENT)` for the others. Two queries, one
    if the caller has the event's `completion_rule` already.
    """
    rules = {event.pk: rule or completion_rule(event)}
    return _summarise(Attendance.objects.filter(registration__event=event), rules)


def attendance_summaries(registrations: QuerySet[Registration]) -> dict[int, DaysAttended]:
    """`attendance_summary` for registrations of any events (a year's report). Two queries."""
    rules = _rules(Event.objects.filter(pk__in=registrations.values("event")))
    return _summarise(Attendance.objects.filter(registration__in=registrations), rules)


def is_completed(registration: Registration) -> bool:
    rules = {registration.event_id: completion_rule(registration.event)}
    summary = _summarise(Attendance.objects.filter(registration=registration), rules)
    return summary.get(registration.pk, ABSENT).completed


def completed_registrations(event: Event) -> list[Registration]:
    """The delegates who completed the training under the event's rule, by province then name."""
    from .reports import delegates_of_event  # reports reads these summaries; one delegate order for both

    summary = attendance_summary(event)
    return [
        r
        for r in delegates_of_event(event, statuses=[Registration.Status.ATTENDED])
        if summary.get(r.pk, ABSENT).completed
    ]


def present_per_day(rule: Rule, summary: dict[int, DaysAttended]) -> list[tuple[date, int]]:
    """Each day of the event with how many delegates were present on it, from its `attendance_summary`."""
    return [(day, sum(day in attended.days for attended in summary.values())) for day in rule.days]
