"""The delegates of the benchmark data (`make_bench_data`): registration settings and quotas for a
subset of events, and their registrations. Added to events/bench_data.py's generator as an extension."""

import base64
from datetime import datetime, time, timedelta

from django.utils import timezone

from events import bench_data
from events.bench_data import FAMILY, GIVEN, MIDDLE, POSTS
from events.models import Event

from .models import Attendance, ProvinceQuota, Registration, RegistrationChange, RegistrationSettings


class RegistrationsExtension(bench_data.Extension):
    def doomed(self, events) -> list:
        return [
            RegistrationChange.objects.filter(registration__event__in=events),
            Attendance.objects.filter(registration__event__in=events),
            Registration.objects.filter(event__in=events),
            RegistrationSettings.objects.filter(event__in=events),
            ProvinceQuota.objects.filter(event__in=events),
        ]

    def make(self, generator, events, provinces) -> None:
        make_registrations(generator, events, [p for p in provinces if p.valid_to is None])


def connect() -> None:
    bench_data.register_extension(RegistrationsExtension())


def make_registrations(generator, events, current_provinces) -> None:
    """Registration settings and quotas for a subset of events, and their delegates.

    Events upcoming at the end of the span take registrations; those starting within a few months
    of today are open now (so the portal has something to show), the others closed.
    """
    if not generator.n_registrations or not current_provinces:
        return
    rng = generator.rng
    per_event = 500
    taking = [e for e in events if e.status == Event.Status.PUBLISHED and e.date_precision == "day"]
    taking.sort(key=lambda e: (e.start_date, e.pk), reverse=True)
    taking = taking[: max(1, -(-generator.n_registrations // per_event))]
    now = timezone.now()
    today = timezone.localdate()
    settings_rows, quota_rows = [], []
    seats = -(-per_event // len(current_provinces)) + 2
    for event in taking:
        if today <= event.start_date <= today + timedelta(days=120):
            opens, closes = now - timedelta(days=10), now + timedelta(days=30)
        else:
            closes = timezone.make_aware(datetime.combine(event.start_date - timedelta(days=7), time(17)))
            opens = closes - timedelta(days=30)
        settings_rows.append(
            RegistrationSettings(event=event, opens_at=opens, closes_at=closes, capacity=seats * len(current_provinces))
        )
        quota_rows += [ProvinceQuota(event=event, province=p, seats=seats) for p in current_provinces]
    generator.bulk(RegistrationSettings, settings_rows)
    generator.bulk(ProvinceQuota, quota_rows)

    statuses = [Registration.Status.CONFIRMED] * 6 + [
        Registration.Status.PENDING,
        Registration.Status.ATTENDED,
        Registration.Status.CANCELLED,
        Registration.Status.REJECTED,
    ]
    rows = []
    for n in range(generator.n_registrations):
        event = taking[n % len(taking)]
        province = current_provinces[(n // len(taking)) % len(current_provinces)]
        family, middle, given = rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)
        full_name = " ".join(p for p in (family, middle, given) if p)
        phone = f"09{n:08d}"  # one person per phone number: unique within an event
        status = rng.choice(statuses)
        created = now - timedelta(minutes=n)
        rows.append(
            Registration(
                event=event,
                province=province,
                family_name=family,
                middle_name=middle,
                given_name=given,
                post=rng.choice(POSTS)[0],
                organisation=f"Sở Văn hóa và Thể thao {province.name}",
                gender=rng.choice(["female", "male"]),
                phone=phone,
                email=f"daibieu{n}@example.vn",
                consent_at=created,
                status=status,
                code=base64.urlsafe_b64encode(rng.getrandbits(128).to_bytes(16, "big")).decode().rstrip("="),
                person_key=Registration.make_person_key(full_name, phone),
                created_at=created,
                checked_in_at=created + timedelta(days=1) if status == Registration.Status.ATTENDED else None,
            )
        )
        if len(rows) >= 20000:
            generator.bulk(Registration, rows)
            rows = []
    generator.bulk(Registration, rows)
