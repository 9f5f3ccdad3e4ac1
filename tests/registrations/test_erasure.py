"""`manage.py erase_delegate_contacts`: delegates' phone and e-mail go some months after the event;
names, statuses and attendance stay; the output is a count, never personal data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from registrations.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db


def ended(days_ago, **delegate_kw):
    """A confirmed delegate of an event that ended `days_ago` days ago."""
    province = factories.current_province()
    end = timezone.localdate() - timedelta(days=days_ago)
    opens_at = timezone.now() - timedelta(days=days_ago + 60)
    event = factories.registration_open(
        quotas={province: 5},
        needs_approval=False,
        start_date=end - timedelta(days=2),
        end_date=end,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=30),
    )
    return factories.registration(event=event, province=province, now=opens_at + timedelta(days=1), **delegate_kw)


def erase(*args, **options):
    out = StringIO()
    call_command("erase_delegate_contacts", *args, stdout=out, stderr=out, **options)
    return out.getvalue()


def test_erase_with_the_default_retention_from_settings(settings):
    settings.DELEGATE_CONTACT_RETENTION_MONTHS = 6
    old = ended(250, phone="0912345678", email="cu@example.vn", given_name="Cũ")
    recent = ended(100, phone="0987654321", email="moi@example.vn")

    output = erase()

    old, recent = Registration.objects.get(pk=old.pk), Registration.objects.get(pk=recent.pk)
    assert (old.phone, old.email) == ("", "")
    assert (old.full_name, old.status) == ("Trần Thị Cũ", Registration.Status.CONFIRMED)
    assert (recent.phone, recent.email) == ("0987654321", "moi@example.vn")
    assert output == "Erased the phone and e-mail of 1 delegate(s) of events ended over 6 months ago.\n"


def test_erase_follows_the_setting(settings):
    ended(100)

    settings.DELEGATE_CONTACT_RETENTION_MONTHS = 6
    assert " 0 delegate(s)" in erase()
    settings.DELEGATE_CONTACT_RETENTION_MONTHS = 3
    assert " 1 delegate(s)" in erase()


def test_erase_with_months_given(settings):
    settings.DELEGATE_CONTACT_RETENTION_MONTHS = 6
    ended(100)
    ended(40)

    assert " 1 delegate(s)" in erase("--months", "2")
    assert " 1 delegate(s)" in erase(months=1)
    assert Registration.objects.filter(phone="").count() == 2


def test_erase_twice_erases_nothing_the_second_time():
    for _ in range(3):
        ended(400)

    assert " 3 delegate(s)" in erase(months=6)
    assert " 0 delegate(s)" in erase(months=6)
    assert Registration.objects.count() == 3


def test_erase_prints_no_personal_data():
    registration = ended(400, family_name="Riêng", given_name="Tư", phone="0912345678", email="rieng.tu@example.vn")

    output = erase(months=6)

    for personal in ("0912345678", "rieng.tu", "Riêng", registration.code):
        assert personal not in output


def test_erase_refuses_negative_months():
    ended(10)

    with pytest.raises(CommandError):
        erase(months=-1)

    assert Registration.objects.filter(phone="").count() == 0
