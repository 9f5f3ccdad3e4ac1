"""A sample event open for registration, so the portal and check-in can be tried out.

The five articles are all past events; this one is clearly marked as sample data and dated relative
to the day it is first loaded. Loading again changes nothing.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events.models import Event, EventOrganiser
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
