"""Small factory functions: each makes one valid row, with keyword overrides."""

import itertools
from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from briefings.models import Directive, DirectiveRelation
from events.models import (
    AgendaItem,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventRelation,
    EventSeries,
    Outcome,
    ParticipantGroup,
    Photo,
    Source,
)
from people.models import AcademicTitle, Organisation, OrganisationChange, Person, Position, Province

_seq = itertools.count(1)


def province(name="Tỉnh Lâm Đồng", on=date(2024, 6, 7)) -> Province:
    """A unit loaded by the data migration, as valid on `on`."""
    return Province.objects.valid_on(on).get(name=name)


def organisation(**kw) -> Organisation:
    n = next(_seq)
    kw.setdefault("name", f"Cơ quan mẫu {n}")
    kw.setdefault("kind", Organisation.Kind.MINISTRY)
    return Organisation.objects.create(**kw)


def organisation_change(**kw) -> OrganisationChange:
    kw.setdefault("organisation", organisation())
    kw.setdefault("successor", organisation())
    kw.setdefault("kind", OrganisationChange.Kind.MERGED_INTO)
    kw.setdefault("date", date(2025, 3, 1))
    return OrganisationChange.objects.create(**kw)


def person(**kw) -> Person:
    kw.setdefault("family_name", "Nguyễn")
    kw.setdefault("middle_name", "Văn")
    kw.setdefault("given_name", f"An {next(_seq)}")
    title = kw.pop("academic_title", "")  # known, date unknown
    made = Person.objects.create(**kw)
    if title:
        academic_title(person=made, title=title)
    return made


def academic_title(**kw) -> AcademicTitle:
    kw.setdefault("person", person())
    kw.setdefault("title", "TS")
    return AcademicTitle.objects.create(**kw)


def position(**kw) -> Position:
    kw.setdefault("person", person())
    kw.setdefault("organisation", organisation())
    kw.setdefault("title", "Thứ trưởng")
    if "start_date" not in kw:
        kw.setdefault("attested_on", date(2016, 3, 17))
    return Position.objects.create(**kw)


def directive(**kw) -> Directive:
    n = next(_seq)
    kw.setdefault("kind", Directive.Kind.RESOLUTION)
    kw.setdefault("symbol", f"{n}/NQ-CP")
    kw.setdefault("title", f"Văn bản mẫu {n}")
    kw.setdefault("issue_date", date(2024, 4, 15))
    return Directive.objects.create(**kw)


def directive_relation(**kw) -> DirectiveRelation:
    kw.setdefault("source", directive())
    kw.setdefault("target", directive())
    kw.setdefault("kind", DirectiveRelation.Kind.IMPLEMENTS)
    return DirectiveRelation.objects.create(**kw)


def series(**kw) -> EventSeries:
    kw.setdefault("name", f"Hội nghị thử nghiệm {next(_seq)}")
    return EventSeries.objects.create(**kw)


def event(**kw) -> Event:
    kw.setdefault("kind", Event.Kind.TRAINING)
    kw.setdefault("title", f"Hội nghị tập huấn thông tin đối ngoại {next(_seq)}")
    kw.setdefault("start_date", date(2024, 6, 7))
    return Event.objects.create(**kw)


def event_relation(**kw) -> EventRelation:
    kw.setdefault("from_event", event())
    kw.setdefault("to_event", event())
    kw.setdefault("kind", EventRelation.Kind.RELATED)
    return EventRelation.objects.create(**kw)


def image_file(name="photo.png", size=(64, 48), fmt="PNG", mode="RGB") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new(mode, size).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def photo(**kw) -> Photo:
    kw.setdefault("event", event())
    kw.setdefault("image", image_file())
    kw.setdefault("caption", "Quang cảnh hội nghị")
    return Photo.objects.create(**kw)


def _part(model, **defaults):
    def make(**kw):
        kw.setdefault("event", event())
        for key, value in defaults.items():
            kw.setdefault(key, value() if callable(value) else value)
        return model.objects.create(**kw)

    return make


organiser = _part(EventOrganiser, organisation=organisation)
agenda_item = _part(AgendaItem, speaker=person, title="Chuyên đề")
event_official = _part(EventOfficial, person=person)
participant_group = _part(ParticipantGroup, description="Đại biểu các tỉnh", count=10)
outcome = _part(Outcome, description="Thông qua kế hoạch")
event_directive = _part(EventDirective, directive=directive)
source = _part(Source, publisher="Báo Tin tức")


# registrations (rules)


def current_province(name="Tỉnh Lâm Đồng") -> Province:
    """One of today's 34 units: new registrations use these only."""
    return Province.objects.current().get(name=name)


def account(**kw):
    """A user with a password ("pw-" + username); staff if asked (`is_staff=True`)."""
    from django.contrib.auth.models import User

    kw.setdefault("username", f"user{next(_seq)}")
    kw.setdefault("password", f"pw-{kw['username']}")
    return User.objects.create_user(**kw)


def staff(role: str):
    """A staff user in the group `role` ("editor", "registrar") and an English client logged in as them."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from events.roles import ensure_staff_groups

    ensure_staff_groups()
    user = account(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return user, client


def registration_open(*, quotas=None, capacity=None, needs_approval=True, keeps_waitlist=True, **kw) -> Event:
    """An event taking registrations from yesterday to ten days ahead (or `opens_at`/`closes_at`).

    `quotas` maps provinces to their seats; other keywords go to the event.
    """
    from datetime import timedelta

    from django.utils import timezone

    from registrations.models import ProvinceQuota, RegistrationSettings

    now = timezone.now()
    opens_at = kw.pop("opens_at", now - timedelta(days=1))
    closes_at = kw.pop("closes_at", now + timedelta(days=10))
    the_event = event(**kw)
    RegistrationSettings.objects.create(
        event=the_event,
        opens_at=opens_at,
        closes_at=closes_at,
        capacity=capacity,
        needs_approval=needs_approval,
        keeps_waitlist=keeps_waitlist,
    )
    for unit, seats in (quotas or {}).items():
        ProvinceQuota.objects.create(event=the_event, province=unit, seats=seats)
    return the_event


def delegate(**kw):
    """A delegate's details as a province submits them: a different person (name and phone) each time."""
    from registrations.services import DelegateData

    n = next(_seq)
    kw.setdefault("family_name", "Trần")
    kw.setdefault("middle_name", "Thị")
    kw.setdefault("given_name", f"Hoa {n}")
    kw.setdefault("post", "Chuyên viên")
    kw.setdefault("organisation", "Sở Văn hóa, Thể thao và Du lịch")
    kw.setdefault("gender", "female")
    kw.setdefault("phone", f"09{n:08d}")
    kw.setdefault("email", f"daibieu{n}@example.vn")
    return DelegateData(**kw)


def registration(*, event=None, province=None, actor=None, now=None, **delegate_kw):
    """One delegate registered through the service, as a province does it (so with its history).

    Without `event`, an open event with ten seats for the province.
    """
    from registrations.services import register_delegates

    province = province or current_province()
    if event is None:
        event = registration_open(quotas={province: 10})
    return register_delegates(
        event=event, province=province, delegates=[delegate(**delegate_kw)], actor=actor, now=now
    )[0]


# registrations (staff)


def officer(**kw):
    """A provincial officer: a non-staff account tied to a current province."""
    from registrations.models import Officer

    kw.setdefault("user", account())
    kw.setdefault("province", current_province())
    return Officer.objects.create(**kw)


def during(event, *, day: int = 0, at: str = "09:00"):
    """A moment of the event in Hanoi time: its `day`-th day (0 the first) at `at` ("HH:MM").
    Check-in records the day, so a scan must fall on one of the event's days."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    moment = datetime.combine(event.start_date + timedelta(days=day), datetime.strptime(at, "%H:%M").time())
    return timezone.make_aware(moment)


def confirmed_registration(**kw):
    """A delegate registered through the service and approved by staff, as at the door of the event."""
    from registrations.services import approve_registrations

    the_registration = registration(**kw)
    approve_registrations([the_registration], actor=None)
    the_registration.refresh_from_db()
    return the_registration


def certificate(**kw):
    """A certificate with fixed dates (7/6/2024 – 8/6/2024), of a new delegate unless told."""
    from registrations.certificates import new_certificate_number
    from registrations.models import Certificate

    the_registration = kw.pop("registration", None) or confirmed_registration(
        family_name="Nguyễn", middle_name="Thị", given_name="Hằng", phone="0912345678", email="hang@example.vn"
    )
    kw.setdefault("number", new_certificate_number(2024))
    kw.setdefault("holder_name", the_registration.full_name)
    kw.setdefault("event_title", "Hội nghị tập huấn thông tin đối ngoại 2024")
    kw.setdefault("start_date", date(2024, 6, 7))
    kw.setdefault("end_date", date(2024, 6, 8))
    return Certificate.objects.create(registration=the_registration, event=the_registration.event, **kw)


def material(**kw):
    """A training material: a small PDF of a new event, for delegates only unless told."""
    from registrations.models import Material

    kw.setdefault("event", event())
    kw.setdefault("title", f"Tài liệu hội nghị {next(_seq)}")
    kw.setdefault("file", SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.7\n%%EOF\n"))
    return Material.objects.create(**kw)
