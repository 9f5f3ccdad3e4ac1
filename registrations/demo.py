"""Sample events open for registration, so the portal and check-in can be tried out.

The five articles are all past events; these are clearly marked as sample data and dated relative
to the day they are first loaded. Loading again changes nothing.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events.models import AgendaItem, Event, EventOrganiser
from events.services import publish_events
from people.models import Organisation, Province

from . import services
from .models import Registration, RegistrationSettings

SLUG = "du-lieu-mau-tap-huan-thong-tin-doi-ngoai"
SEATS_PER_PROVINCE = 5
SAMPLE_DELEGATES = [
    services.DelegateData(
        family_name="Trần",
        middle_name="Văn",
        given_name="Minh",
        post="Chuyên viên",
        organisation="Sở Văn hóa, Thể thao và Du lịch",
        gender="male",
        phone="0912000001",
        email="tran.minh@example.vn",
    ),
    services.DelegateData(
        family_name="Lê",
        middle_name="Thị",
        given_name="Hoa",
        post="Phó Trưởng phòng",
        organisation="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        gender="female",
        phone="0912000002",
    ),
]


@transaction.atomic
def load_sample_registration(*, actor=None) -> Event:
    event = Event.objects.filter(slug=SLUG).first()
    if event is not None:
        return event
    today = timezone.localdate()
    event = Event(
        slug=SLUG,
        kind=Event.Kind.TRAINING,
        title="Hội nghị tập huấn công tác thông tin đối ngoại (dữ liệu mẫu)",
        title_en="Training conference on foreign information (sample data)",
        summary="Sự kiện mẫu để dùng thử cổng đăng ký của các tỉnh; không phải sự kiện có thật.",
        summary_en="A sample event for trying out the provinces' registration portal; not a real event.",
        start_date=today + timedelta(days=60),
        city="Hà Nội",
        province=Province.objects.current().get(code="01"),
    )
    event.full_clean()
    event.save()
    EventOrganiser.objects.create(event=event, organisation=Organisation.objects.get(slug="mic"), role="lead")
    publish_events(Event.objects.filter(pk=event.pk))
    now = timezone.now()
    RegistrationSettings.objects.create(
        event=event, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=45), capacity=150
    )
    services.set_province_quotas(event, SEATS_PER_PROVINCE)
    lam_dong = Province.objects.current().get(code="68")
    services.register_delegates(event=event, province=lam_dong, delegates=SAMPLE_DELEGATES, actor=actor)
    services.approve_registrations(Registration.objects.filter(event=event)[:1], actor=actor, reason="Dữ liệu mẫu")
    return event


TRAINING_SLUG = "du-lieu-mau-tap-huan-hai-ngay"
# (day of the training, from, to, kind, title): a timed agenda, so check-in records the session too.
TRAINING_AGENDA = [
    (0, "08:00", "08:30", AgendaItem.Kind.SPEECH, "Khai mạc hội nghị"),
    (0, "08:30", "10:00", AgendaItem.Kind.PRESENTATION, "Tình hình thế giới, khu vực và công tác thông tin đối ngoại"),
    (0, "10:15", "11:30", AgendaItem.Kind.PRESENTATION, "Kỹ năng phát ngôn và cung cấp thông tin cho báo chí"),
    (0, "14:00", "16:30", AgendaItem.Kind.PRESENTATION, "Quảng bá hình ảnh địa phương trên mạng xã hội"),
    (1, "08:00", "10:00", AgendaItem.Kind.PRESENTATION, "Thông tin đối ngoại về chủ quyền biển, đảo"),
    (1, "10:15", "11:30", AgendaItem.Kind.DISCUSSION, "Thảo luận, trao đổi kinh nghiệm và bế mạc"),
]
TRAINING_DELEGATES = [
    services.DelegateData(
        family_name="Nguyễn",
        middle_name="Thị",
        given_name="Hường",
        post="Trưởng phòng",
        organisation="Sở Văn hóa, Thể thao và Du lịch",
        gender="female",
        phone="0912000011",
        email="nguyen.huong@example.vn",
    ),
    services.DelegateData(
        family_name="Phạm",
        middle_name="Đức",
        given_name="Thắng",
        post="Chuyên viên",
        organisation="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        gender="male",
        phone="0912000012",
        email="pham.thang@example.vn",
    ),
    services.DelegateData(
        family_name="Đặng",
        middle_name="Thu",
        given_name="Trang",
        post="Phó Chánh Văn phòng",
        organisation="Ủy ban nhân dân tỉnh",
        gender="female",
        phone="0912000013",
    ),
]


@transaction.atomic
def load_two_day_training(*, actor=None) -> Event:
    """A two-day training today and tomorrow with a timed agenda and three confirmed delegates of Lâm
    Đồng, to try check-in per day and session, the completion rule (every day) and what follows.
    Registration stays open until the end of the first day."""
    event = Event.objects.filter(slug=TRAINING_SLUG).first()
    if event is not None:
        return event
    today = timezone.localdate()
    lam_dong = Province.objects.current().get(code="68")
    event = Event(
        slug=TRAINING_SLUG,
        kind=Event.Kind.TRAINING,
        title="Hội nghị tập huấn thông tin đối ngoại hai ngày (dữ liệu mẫu)",
        title_en="Two-day training conference on foreign information (sample data)",
        summary="Sự kiện mẫu hai ngày để dùng thử điểm danh theo ngày và phiên; không phải sự kiện có thật.",
        summary_en="A sample two-day event for trying out attendance per day and session; not a real event.",
        start_date=today,
        end_date=today + timedelta(days=1),
        city="Đà Lạt",
        province=lam_dong,
    )
    event.full_clean()
    event.save()
    for order, (day, starts, ends, kind, title) in enumerate(TRAINING_AGENDA, start=1):
        item = AgendaItem(
            event=event,
            order=order,
            kind=kind,
            title=title,
            day=today + timedelta(days=day),
            starts_at=time.fromisoformat(starts),
            ends_at=time.fromisoformat(ends),
        )
        item.full_clean()
        item.save()
    publish_events(Event.objects.filter(pk=event.pk))
    RegistrationSettings.objects.create(
        event=event,
        opens_at=timezone.now() - timedelta(days=14),
        closes_at=timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min)),
        capacity=150,
        needs_approval=False,
        completion_rule=RegistrationSettings.Completion.ALL_DAYS,
    )
    services.set_province_quotas(event, SEATS_PER_PROVINCE)
    services.register_delegates(event=event, province=lam_dong, delegates=TRAINING_DELEGATES, actor=actor)
    return event
