"""Reads for the staff pages: delegate lists, check-in counts and the per-province report.

Named after what they return; each runs a fixed number of queries, however many delegates there are.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from events.models import Event
from people.models import Province
from people.queries import current_unit
from people.text import fold

from . import attendance
from .models import Registration

Status = Registration.Status
# Confirmed delegates who then attended are still confirmed: "attended" is a step further.
CONFIRMED = (Status.CONFIRMED, Status.ATTENDED)


def _name_key(registration: Registration) -> tuple:
    """Vietnamese order: by given name, then family and middle name, ignoring diacritics."""
    return (fold(registration.given_name), fold(registration.family_name), fold(registration.middle_name))


def _province_key(province: Province) -> tuple:
    """The statistics office's order (north to south), as official lists and the Province table use."""
    return (province.code, province.valid_to is None, province.name)


def delegates_of_event(event: Event, statuses=None) -> list[Registration]:
    """The event's delegates, by province then name; `statuses` limits them (e.g. confirmed only)."""
    registrations = Registration.objects.filter(event=event).select_related("province")
    if statuses is not None:
        registrations = registrations.filter(status__in=statuses)
    return sorted(registrations, key=lambda r: (_province_key(r.province), _name_key(r), r.pk))


def delegates_by_province(event: Event, statuses=None) -> list[tuple[Province, list[Registration]]]:
    """`delegates_of_event` grouped: [(province, [registration, …]), …]."""
    groups: dict[int, tuple[Province, list[Registration]]] = {}
    for registration in delegates_of_event(event, statuses):
        groups.setdefault(registration.province_id, (registration.province, []))[1].append(registration)
    return list(groups.values())


@dataclass(frozen=True)
class CheckInCounts:
    attended: int
    confirmed: int  # confirmed or attended: everyone expected at the door
    today: int  # checked in today: on a training's second day, the count at the door starts again


def check_in_counts(event: Event) -> CheckInCounts:
    counts = Registration.objects.filter(event=event).aggregate(
        # distinct: the join to the attendance rows repeats a delegate once per day and session
        attended=Count("pk", filter=Q(status=Status.ATTENDED), distinct=True),
        confirmed=Count("pk", filter=Q(status__in=CONFIRMED), distinct=True),
        today=Count("attendances__registration", filter=Q(attendances__day=timezone.localdate()), distinct=True),
    )
    return CheckInCounts(**counts)


def events_taking_registrations() -> QuerySet[Event]:
    """Events with registration settings or delegates, newest first: the staff pages' event choices."""
    return (
        Event.objects.filter(Q(registration_settings__isnull=False) | Q(registrations__isnull=False))
        .distinct()
        .order_by("-start_date", "title")
    )


COLUMNS = ("registered", "confirmed", "attended", "completed", "waitlisted", "cancelled")


@dataclass
class ProvinceRow:
    province: Province
    registered: int = 0  # holding a seat: pending, confirmed or attended
    confirmed: int = 0  # confirmed or attended
    attended: int = 0
    completed: int = 0  # attended enough under the event's completion rule
    waitlisted: int = 0
    cancelled: int = 0

    def add(self, counts: dict):
        for column in COLUMNS:
            setattr(self, column, getattr(self, column) + counts[column])

    def values(self) -> list[int]:
        return [getattr(self, column) for column in COLUMNS]


@dataclass
class Report:
    rows: list[ProvinceRow]
    total: ProvinceRow = field(init=False)
    rolled_up: bool = False

    def __post_init__(self):
        self.total = ProvinceRow(province=None)
        for row in self.rows:
            self.total.add({column: getattr(row, column) for column in COLUMNS})

    @property
    def largest(self) -> int:
        return max((row.registered for row in self.rows), default=0)


def _provinces() -> dict[int, Province]:
    """Every unit by id, successors linked in memory so `current_unit` walks without queries (98 rows)."""
    provinces = {p.pk: p for p in Province.objects.all()}
    for province in provinces.values():
        if province.successor_id is not None:
            province.successor = provinces[province.successor_id]
    return provinces


def registration_report(
    registrations: QuerySet[Registration], *, rollup: bool = False, summary: dict | None = None
) -> Report:
    """Delegates and attendance per province of `registrations`.

    As registered (the provinces of the event's day), or with `rollup` counted under today's 34:
    an old 2024 event's Đắk Nông delegates count under Lâm Đồng. Five queries either way, three when
    the caller passes the registrations' attendance `summary`.
    """
    summary = attendance.attendance_summaries(registrations) if summary is None else summary
    completed = Counter(
        province
        for pk, province in registrations.filter(status=Status.ATTENDED).values_list("pk", "province")
        if summary.get(pk, attendance.ABSENT).completed
    )
    counts = (
        registrations.order_by()
        .values("province")
        .annotate(
            registered=Count("pk", filter=Q(status__in=Registration.HOLDS_SEAT)),
            confirmed=Count("pk", filter=Q(status__in=CONFIRMED)),
            attended=Count("pk", filter=Q(status=Status.ATTENDED)),
            waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
            cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        )
    )
    provinces = _provinces()
    rows: dict[int, ProvinceRow] = {}
    for counted in counts:
        counted["completed"] = completed.get(counted["province"], 0)
        province = provinces[counted["province"]]
        if rollup:
            province = current_unit(province)
        rows.setdefault(province.pk, ProvinceRow(province=province)).add(counted)
    ordered = sorted(rows.values(), key=lambda row: _province_key(row.province))
    return Report(rows=ordered, rolled_up=rollup)
