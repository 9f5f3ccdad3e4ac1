"""Every registration rule of events.services, called as the portal, the admin and the check-in page call it.

Runs on SQLite and on PostgreSQL alike. These tests run inside one transaction each, so they prove the
rules, not the locks: see test_registration_concurrency.py for those.
"""

import logging
import smtplib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone, translation

from registrations import services
from registrations.models import ProvinceQuota, Registration, RegistrationChange
from registrations.services import RegistrationError
from tests import factories

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture(autouse=True)
def english():
    """Messages in English, as they are written; the Vietnamese catalogue is tested apart."""
    with translation.override("en"):
        yield


@pytest.fixture
def hue():
    return factories.current_province("Thành phố Huế")


@pytest.fixture
def officer():
    return factories.account()


@pytest.fixture
def registrar():
    return factories.account(is_staff=True)


def register(event, province, *delegates, actor=None, now=None):
    return services.register_delegates(
        event=event, province=province, delegates=list(delegates) or [factories.delegate()], actor=actor, now=now
    )


def statuses(registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def history(registration):
    return [
        (c.from_status, c.to_status, c.actor, c.reason)
        for c in RegistrationChange.objects.filter(registration=registration).order_by("pk")
    ]


def nothing_saved():
    return Registration.objects.count() == 0 and RegistrationChange.objects.count() == 0


# Quotas and capacity


def test_register_within_quota_is_pending_when_approval_is_needed(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 3}, needs_approval=True)

    created = register(event, lam_dong, factories.delegate(), factories.delegate(), actor=officer)

    assert statuses(created) == [Status.PENDING, Status.PENDING]
    assert [r.registered_by for r in created] == [officer, officer]
    assert history(created[0]) == [("", Status.PENDING, officer, "")]
    assert services.seats_left(event, lam_dong) == 1


def test_register_within_quota_is_confirmed_at_once_without_approval(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 3}, needs_approval=False)

    created = register(event, lam_dong, factories.delegate(), actor=officer)

    assert statuses(created) == [Status.CONFIRMED]
    assert history(created[0]) == [("", Status.CONFIRMED, officer, "")]


def test_register_over_quota_waitlists_the_rest_in_submission_order(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 2}, keeps_waitlist=True)

    first = register(event, lam_dong, *(factories.delegate() for _ in range(3)))
    second = register(event, lam_dong, factories.delegate())

    assert statuses(first + second) == [Status.PENDING, Status.PENDING, Status.WAITLISTED, Status.WAITLISTED]
    waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by("created_at", "pk")
    assert list(waiting) == [first[2], second[0]]
    assert services.seats_left(event, lam_dong) == 0


def test_register_over_quota_without_waitlist_refuses_the_whole_submission(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 2}, keeps_waitlist=False)

    with pytest.raises(RegistrationError) as refused:
        register(event, lam_dong, *(factories.delegate() for _ in range(3)))  # the 3rd is one too many

    assert refused.value.code == "over_quota"
    assert "2" in refused.value.message
    assert nothing_saved()


def test_register_over_quota_without_waitlist_keeps_earlier_registrations(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 2}, keeps_waitlist=False)
    earlier = register(event, lam_dong, factories.delegate())

    with pytest.raises(RegistrationError) as refused:
        register(event, lam_dong, factories.delegate(), factories.delegate())

    assert refused.value.code == "over_quota"
    assert list(Registration.objects.all()) == earlier
    assert services.seats_left(event, lam_dong) == 1


def test_register_respects_the_capacity_across_provinces(lam_dong, hue):
    event = factories.registration_open(quotas={lam_dong: 2, hue: 2}, capacity=3)
    register(event, lam_dong, factories.delegate(), factories.delegate())

    assert services.seats_left(event, hue) == 1
    from_hue = register(event, hue, factories.delegate(), factories.delegate())

    assert statuses(from_hue) == [Status.PENDING, Status.WAITLISTED]
    assert Registration.objects.filter(event=event, status__in=Registration.HOLDS_SEAT).count() == 3


def test_register_over_capacity_without_waitlist_is_refused(lam_dong, hue):
    event = factories.registration_open(quotas={lam_dong: 2, hue: 2}, capacity=3, keeps_waitlist=False)
    register(event, lam_dong, factories.delegate(), factories.delegate())

    with pytest.raises(RegistrationError) as refused:
        register(event, hue, factories.delegate(), factories.delegate())

    assert refused.value.code == "over_quota"
    assert Registration.objects.filter(province=hue).count() == 0


def test_attended_and_confirmed_hold_seats_rejected_and_cancelled_do_not(lam_dong, registrar):
    event = factories.registration_open(quotas={lam_dong: 4}, needs_approval=False)
    attended, confirmed, rejected, cancelled = register(event, lam_dong, *(factories.delegate() for _ in range(4)))
    services.check_in(attended.code, event=event, actor=registrar, now=factories.during(event))
    services.reject_registrations([rejected], actor=registrar)
    services.cancel_registration(cancelled, actor=None)

    assert services.seats_left(event, lam_dong) == 2
    assert Registration.objects.get(pk=confirmed.pk).status == Status.CONFIRMED


def test_seats_left_is_zero_without_settings_or_quota(lam_dong, hue):
    event = factories.registration_open(quotas={lam_dong: 5})

    assert services.seats_left(event, lam_dong) == 5
    assert services.seats_left(event, hue) == 0
    assert services.seats_left(factories.event(), lam_dong) == 0


def test_set_province_quotas_gives_every_current_province_the_seats_and_can_be_run_again():
    event = factories.registration_open()

    assert services.set_province_quotas(event, 5) == 34
    assert services.set_province_quotas(event, 7) == 34

    quotas = ProvinceQuota.objects.filter(event=event)
    assert quotas.count() == 34
    assert set(quotas.values_list("seats", flat=True)) == {7}
    assert not quotas.filter(province__valid_to__isnull=False).exists()


# All or nothing: bad input


@pytest.mark.parametrize(
    ("third", "code"),
    [
        ({"phone": "0912 345"}, "invalid"),  # malformed phone
        ({"phone": "+1 202 555 0100"}, "invalid"),  # not Vietnamese
        ({"email": "khong-phai-email"}, "invalid"),
        ({"given_name": "  "}, "invalid"),
        ({"gender": ""}, "invalid"),
    ],
)
def test_register_with_a_bad_third_delegate_saves_nothing(lam_dong, third, code):
    event = factories.registration_open(quotas={lam_dong: 5})

    with pytest.raises(RegistrationError) as refused:
        register(event, lam_dong, factories.delegate(), factories.delegate(), factories.delegate(**third))

    assert refused.value.code == code
    assert nothing_saved()


def test_register_nobody_is_refused(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 5})

    with pytest.raises(RegistrationError) as refused:
        services.register_delegates(event=event, province=lam_dong, delegates=[], actor=None)

    assert refused.value.code == "empty"


def test_register_a_name_longer_than_the_column_is_refused_with_a_message(lam_dong):
    """BUG (services._validate): no length check, so PostgreSQL raises DataError (a 500) and SQLite stores it."""
    event = factories.registration_open(quotas={lam_dong: 5})

    with pytest.raises(RegistrationError) as refused:
        register(event, lam_dong, factories.delegate(), factories.delegate(given_name="A" * 51))

    assert refused.value.code == "invalid"
    assert nothing_saved()


def test_register_normalises_phone_and_trims_names(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 5})

    (registration,) = register(
        event, lam_dong, factories.delegate(family_name=" Nguyễn ", given_name="An ", phone="+84 912.345.678")
    )

    assert (registration.family_name, registration.given_name, registration.phone) == ("Nguyễn", "An", "0912345678")


# Dates, provinces


def test_register_before_opening_is_refused(lam_dong):
    opens_at = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
    event = factories.registration_open(quotas={lam_dong: 5}, opens_at=opens_at, closes_at=opens_at + timedelta(days=7))

    with pytest.raises(RegistrationError) as refused:
        register(event, lam_dong, now=opens_at - timedelta(seconds=1))

    assert refused.value.code == "not_open"
    assert nothing_saved()
    assert len(register(event, lam_dong, now=opens_at)) == 1  # opening time itself is open


def test_register_at_or_after_the_deadline_is_refused(lam_dong):
    closes_at = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)  # 17:00 in Hanoi
    event = factories.registration_open(
        quotas={lam_dong: 5}, opens_at=closes_at - timedelta(days=7), closes_at=closes_at
    )

    for late in (closes_at, closes_at + timedelta(days=1)):
        with pytest.raises(RegistrationError) as refused:
            register(event, lam_dong, now=late)
        assert refused.value.code == "closed"
        assert "8/3/2026 17:00" in refused.value.message

    assert nothing_saved()
    assert len(register(event, lam_dong, now=closes_at - timedelta(seconds=1))) == 1


def test_register_for_an_event_without_registration_settings_is_refused(lam_dong):
    with pytest.raises(RegistrationError) as refused:
        register(factories.event(), lam_dong)

    assert refused.value.code == "not_open"


def test_register_from_a_province_without_quota_is_refused(lam_dong, hue):
    event = factories.registration_open(quotas={lam_dong: 5})

    with pytest.raises(RegistrationError) as refused:
        register(event, hue)

    assert refused.value.code == "no_quota"
    assert nothing_saved()


def test_register_from_a_province_with_a_zero_quota_is_refused(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 0})

    with pytest.raises(RegistrationError) as refused:
        register(event, lam_dong)

    assert refused.value.code == "no_quota"


def test_register_from_a_pre_reform_province_is_refused(lam_dong):
    dak_nong = factories.province("Tỉnh Đắk Nông", on=date(2024, 6, 7))
    old_lam_dong = factories.province("Tỉnh Lâm Đồng", on=date(2024, 6, 7))
    # A quota row for an old unit cannot come from the admin (ProvinceQuota.clean); make one anyway.
    event = factories.registration_open(quotas={lam_dong: 5, dak_nong: 5, old_lam_dong: 5})

    for old in (dak_nong, old_lam_dong):
        with pytest.raises(RegistrationError) as refused:
            register(event, old)
        assert refused.value.code == "invalid"

    assert nothing_saved()


# The same person twice


def test_register_the_same_person_again_by_normalised_name_and_phone_is_refused(lam_dong, hue):
    event = factories.registration_open(quotas={lam_dong: 5, hue: 5})
    register(
        event,
        lam_dong,
        factories.delegate(family_name="Nguyễn", middle_name="Văn", given_name="An", phone="+84 912 345 678"),
    )
    again = factories.delegate(family_name="nguyen", middle_name="van", given_name="an", phone="0912345678")

    for province in (lam_dong, hue):  # from any province
        with pytest.raises(RegistrationError) as refused:
            register(event, province, factories.delegate(), again)
        assert refused.value.code == "duplicate"

    assert Registration.objects.count() == 1


def test_register_the_same_person_twice_in_one_submission_is_refused(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 5})
    once = factories.delegate(family_name="Nguyễn", middle_name="Văn", given_name="An", phone="+84 912 345 678")
    twice = factories.delegate(family_name="NGUYEN", middle_name="", given_name="Van  An", phone="0912.345.678")

    with pytest.raises(RegistrationError) as refused:
        register(event, lam_dong, once, factories.delegate(), twice)

    assert refused.value.code == "duplicate"
    assert nothing_saved()


def test_same_name_with_another_phone_is_another_person(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 5})

    register(event, lam_dong, factories.delegate(given_name="An", phone="0912345678"))
    register(event, lam_dong, factories.delegate(given_name="An", phone="0987654321"))

    assert Registration.objects.count() == 2


def test_the_same_person_may_register_for_another_event(lam_dong):
    first = factories.registration_open(quotas={lam_dong: 5})
    second = factories.registration_open(quotas={lam_dong: 5})

    register(first, lam_dong, factories.delegate(given_name="An", phone="0912345678"))
    register(second, lam_dong, factories.delegate(given_name="An", phone="0912345678"))

    assert Registration.objects.count() == 2


def test_a_cancelled_registration_does_not_block_registering_the_person_again(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 5})
    (cancelled,) = register(event, lam_dong, factories.delegate(given_name="An", phone="0912345678"))
    services.cancel_registration(cancelled, actor=officer)

    (again,) = register(event, lam_dong, factories.delegate(given_name="An", phone="0912 345 678"))

    assert again.person_key == cancelled.person_key
    assert statuses([cancelled, again]) == [Status.CANCELLED, Status.PENDING]


def test_a_rejected_registration_does_not_block_registering_the_person_again(lam_dong, registrar):
    event = factories.registration_open(quotas={lam_dong: 5})
    (rejected,) = register(event, lam_dong, factories.delegate(given_name="An", phone="0912345678"))
    services.reject_registrations([rejected], actor=registrar)

    (again,) = register(event, lam_dong, factories.delegate(given_name="An", phone="0912345678"))

    assert again.status == Status.PENDING


def test_a_waitlisted_registration_blocks_registering_the_person_again(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 1})
    register(event, lam_dong)
    register(event, lam_dong, factories.delegate(given_name="An", phone="0912345678"))  # waitlisted

    with pytest.raises(RegistrationError) as refused:
        register(event, lam_dong, factories.delegate(given_name="An", phone="0912345678"))

    assert refused.value.code == "duplicate"


# Cancel and the waiting list


def test_cancel_frees_the_seat_and_promotes_the_first_waitlisted_of_the_province(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 1})
    (seated,) = register(event, lam_dong)
    (first_waiting,) = register(event, lam_dong)
    (second_waiting,) = register(event, lam_dong)

    services.cancel_registration(seated, actor=officer, reason="Ốm")

    assert statuses([seated, first_waiting, second_waiting]) == [Status.CANCELLED, Status.PENDING, Status.WAITLISTED]
    assert history(seated)[-1] == (Status.PENDING, Status.CANCELLED, officer, "Ốm")
    assert history(first_waiting)[-1][:3] == (Status.WAITLISTED, Status.PENDING, officer)
    assert services.seats_left(event, lam_dong) == 0


def test_cancel_promotes_to_confirmed_when_no_approval_is_needed(
    lam_dong, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.registration_open(quotas={lam_dong: 1}, needs_approval=False)
    (seated,) = register(event, lam_dong)
    (waiting,) = register(event, lam_dong)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(seated, actor=None)

    assert Registration.objects.get(pk=waiting.pk).status == Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [[waiting.email]]


def test_cancel_does_not_promote_another_provinces_waitlisted(lam_dong, hue, officer):
    event = factories.registration_open(quotas={lam_dong: 1, hue: 1})
    (lam_dong_seated,) = register(event, lam_dong)
    (hue_seated,) = register(event, hue)
    (hue_waiting,) = register(event, hue)

    services.cancel_registration(lam_dong_seated, actor=officer)

    assert statuses([hue_seated, hue_waiting]) == [Status.PENDING, Status.WAITLISTED]
    assert services.seats_left(event, lam_dong) == 1


def test_cancel_of_a_waitlisted_delegate_promotes_nobody(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 1})
    (seated,) = register(event, lam_dong)
    (first_waiting,) = register(event, lam_dong)
    (second_waiting,) = register(event, lam_dong)

    services.cancel_registration(first_waiting, actor=officer)

    assert statuses([seated, first_waiting, second_waiting]) == [Status.PENDING, Status.CANCELLED, Status.WAITLISTED]


def test_cancel_after_the_deadline_is_refused_to_officers_but_not_to_staff(lam_dong, officer, registrar):
    closes_at = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)
    event = factories.registration_open(
        quotas={lam_dong: 5}, opens_at=closes_at - timedelta(days=7), closes_at=closes_at
    )
    (registration,) = register(event, lam_dong, now=closes_at - timedelta(days=1))

    with pytest.raises(RegistrationError) as refused:
        services.cancel_registration(registration, actor=officer, now=closes_at)
    assert refused.value.code == "closed"
    assert Registration.objects.get(pk=registration.pk).status == Status.PENDING

    services.cancel_registration(registration, actor=registrar, by_staff=True, now=closes_at)
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.REJECTED, Status.ATTENDED])
def test_cancel_of_an_inactive_or_attended_registration_is_refused(lam_dong, status):
    event = factories.registration_open(quotas={lam_dong: 5})
    (registration,) = register(event, lam_dong)
    Registration.objects.filter(pk=registration.pk).update(status=status)

    with pytest.raises(RegistrationError) as refused:
        services.cancel_registration(registration, actor=None)

    assert refused.value.code == "invalid_status"


def test_a_new_submission_does_not_overtake_the_province_waiting_list(lam_dong, hue, officer):
    """BUG (services.register_delegates): a seat freed elsewhere goes to the newest delegate, not the first waiting.

    The capacity is full, so Lâm Đồng's second delegate waits; Huế cancels, which frees a seat of the
    capacity but promotes only Huế's (empty) list; Lâm Đồng's next submission then takes that seat
    ahead of its own delegate who has waited longer.
    """
    event = factories.registration_open(quotas={lam_dong: 3, hue: 3}, capacity=2)
    register(event, lam_dong)
    (hue_seated,) = register(event, hue)
    (waiting,) = register(event, lam_dong)
    services.cancel_registration(hue_seated, actor=officer)

    (newer,) = register(event, lam_dong)

    assert statuses([waiting, newer]) == [Status.PENDING, Status.WAITLISTED]


# Substitute and update


def test_substitute_passes_status_and_seat_and_records_both_changes(
    lam_dong, officer, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.registration_open(quotas={lam_dong: 1}, needs_approval=False)
    (original,) = register(event, lam_dong, factories.delegate(family_name="Lê", middle_name="", given_name="Bình"))
    newcomer = factories.delegate(family_name="Phạm", middle_name="", given_name="Cúc")

    with django_capture_on_commit_callbacks(execute=True):
        substitute = services.substitute_delegate(original, newcomer, actor=officer)

    assert statuses([original, substitute]) == [Status.CANCELLED, Status.CONFIRMED]
    assert substitute.replaces == original
    assert substitute.created_at == original.created_at
    assert history(original)[-1] == (Status.CONFIRMED, Status.CANCELLED, officer, "Substituted by Phạm Cúc.")
    assert history(substitute) == [("", Status.CONFIRMED, officer, "Substitute for Lê Bình.")]
    assert services.seats_left(event, lam_dong) == 0
    assert [m.to for m in mailoutbox] == [[substitute.email]]


def test_substitute_of_a_waitlisted_delegate_keeps_the_place_in_the_waiting_list(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 1})
    (seated,) = register(event, lam_dong)
    (first_waiting,) = register(event, lam_dong)
    (second_waiting,) = register(event, lam_dong)

    substitute = services.substitute_delegate(first_waiting, factories.delegate(), actor=officer)
    services.cancel_registration(seated, actor=officer)

    assert statuses([substitute, second_waiting]) == [Status.PENDING, Status.WAITLISTED]


def test_substitute_with_a_person_already_registered_is_refused(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 5})
    (original,) = register(event, lam_dong)
    register(
        event,
        lam_dong,
        factories.delegate(family_name="Nguyễn", middle_name="Văn", given_name="An", phone="0912345678"),
    )

    with pytest.raises(RegistrationError) as refused:
        services.substitute_delegate(
            original,
            factories.delegate(family_name="NGUYỄN", middle_name="VĂN", given_name="AN", phone="+84912345678"),
            actor=officer,
        )

    assert refused.value.code == "duplicate"
    assert Registration.objects.get(pk=original.pk).status == Status.PENDING
    assert Registration.objects.count() == 2
    assert len(history(original)) == 1


def test_substitute_after_the_deadline_or_of_a_cancelled_delegate_is_refused(lam_dong, officer):
    closes_at = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)
    event = factories.registration_open(
        quotas={lam_dong: 5}, opens_at=closes_at - timedelta(days=7), closes_at=closes_at
    )
    (registration,) = register(event, lam_dong, now=closes_at - timedelta(days=1))

    with pytest.raises(RegistrationError) as late:
        services.substitute_delegate(registration, factories.delegate(), actor=officer, now=closes_at)
    services.cancel_registration(registration, actor=officer, now=closes_at - timedelta(hours=1))
    with pytest.raises(RegistrationError) as cancelled:
        services.substitute_delegate(
            registration, factories.delegate(), actor=officer, now=closes_at - timedelta(hours=1)
        )

    assert (late.value.code, cancelled.value.code) == ("closed", "invalid_status")
    assert Registration.objects.count() == 1


def test_substitute_with_a_malformed_phone_changes_nothing(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 5})
    (registration,) = register(event, lam_dong)

    with pytest.raises(RegistrationError) as refused:
        services.substitute_delegate(registration, factories.delegate(phone="12345"), actor=officer)

    assert refused.value.code == "invalid"
    assert statuses([registration]) == [Status.PENDING]
    assert Registration.objects.count() == 1


def test_update_delegate_corrects_the_details_and_the_person_key(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 5})
    (registration,) = register(event, lam_dong)

    updated = services.update_delegate(
        registration,
        factories.delegate(family_name="Đỗ", middle_name="", given_name="Minh", phone="0912 000 111"),
        actor=officer,
    )

    saved = Registration.objects.get(pk=registration.pk)
    assert (saved.full_name, saved.phone, saved.person_key) == ("Đỗ Minh", "0912000111", "do minh|0912000111")
    assert updated.status == Status.PENDING
    assert len(history(registration)) == 1  # no status change to record


def test_update_delegate_keeping_the_same_person_is_not_a_duplicate(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 5})
    (registration,) = register(event, lam_dong, factories.delegate(given_name="An", phone="0912345678"))

    services.update_delegate(
        registration, factories.delegate(given_name="An", phone="0912345678", post="Giám đốc Sở"), actor=officer
    )

    assert Registration.objects.get(pk=registration.pk).post == "Giám đốc Sở"


def test_update_delegate_into_another_registered_person_is_refused(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 5})
    (registration,) = register(event, lam_dong)
    register(
        event,
        lam_dong,
        factories.delegate(family_name="Nguyễn", middle_name="Văn", given_name="An", phone="0912345678"),
    )
    before = Registration.objects.get(pk=registration.pk).person_key

    with pytest.raises(RegistrationError) as refused:
        services.update_delegate(
            registration,
            factories.delegate(family_name="nguyen", middle_name="van", given_name="an", phone="+84 912 345 678"),
            actor=officer,
        )

    assert refused.value.code == "duplicate"
    assert Registration.objects.get(pk=registration.pk).person_key == before


def test_update_delegate_after_the_deadline_is_refused(lam_dong, officer):
    closes_at = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)
    event = factories.registration_open(
        quotas={lam_dong: 5}, opens_at=closes_at - timedelta(days=7), closes_at=closes_at
    )
    (registration,) = register(event, lam_dong, now=closes_at - timedelta(days=1))

    with pytest.raises(RegistrationError) as refused:
        services.update_delegate(registration, factories.delegate(post="Giám đốc Sở"), actor=officer, now=closes_at)

    assert refused.value.code == "closed"
    assert Registration.objects.get(pk=registration.pk).post == "Chuyên viên"


def test_update_delegate_of_a_cancelled_registration_is_refused(lam_dong, officer):
    event = factories.registration_open(quotas={lam_dong: 5})
    (registration,) = register(event, lam_dong)
    services.cancel_registration(registration, actor=officer)

    with pytest.raises(RegistrationError) as refused:
        services.update_delegate(registration, factories.delegate(), actor=officer)

    assert refused.value.code == "invalid_status"


# Staff: approve, reject, promote


def test_approve_confirms_pending_and_records_who_and_why(
    lam_dong, registrar, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.registration_open(quotas={lam_dong: 5})
    pending = register(event, lam_dong, factories.delegate(), factories.delegate())

    with django_capture_on_commit_callbacks(execute=True):
        moved, problems = services.approve_registrations(pending, actor=registrar, reason="Đúng thành phần")

    assert (moved, problems) == (2, [])
    assert statuses(pending) == [Status.CONFIRMED, Status.CONFIRMED]
    assert history(pending[0])[-1] == (Status.PENDING, Status.CONFIRMED, registrar, "Đúng thành phần")
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in pending)


def test_approve_lists_the_registrations_that_cannot_move(lam_dong, registrar):
    event = factories.registration_open(quotas={lam_dong: 1})
    (pending,) = register(event, lam_dong, factories.delegate(family_name="Lê", middle_name="", given_name="Bình"))
    (waiting,) = register(event, lam_dong, factories.delegate(family_name="Võ", middle_name="", given_name="Dũng"))
    services.approve_registrations([pending], actor=registrar)

    moved, problems = services.approve_registrations(
        Registration.objects.filter(pk__in=[pending.pk, waiting.pk]).order_by("pk"), actor=registrar
    )

    assert moved == 0
    assert len(problems) == 2
    assert "Lê Bình" in problems[0]
    assert "Võ Dũng" in problems[1]
    assert statuses([pending, waiting]) == [Status.CONFIRMED, Status.WAITLISTED]


def test_reject_frees_the_seat_for_the_first_waitlisted(lam_dong, registrar):
    event = factories.registration_open(quotas={lam_dong: 1})
    (seated,) = register(event, lam_dong)
    (waiting,) = register(event, lam_dong)
    services.approve_registrations([seated], actor=registrar)

    moved, problems = services.reject_registrations([seated], actor=registrar, reason="Sai thành phần")

    assert (moved, problems) == (1, [])
    assert statuses([seated, waiting]) == [Status.REJECTED, Status.PENDING]
    assert history(seated)[-1] == (Status.CONFIRMED, Status.REJECTED, registrar, "Sai thành phần")
    assert history(waiting)[-1][:3] == (Status.WAITLISTED, Status.PENDING, registrar)


def test_reject_of_a_cancelled_registration_is_a_problem_not_an_error(lam_dong, registrar, officer):
    event = factories.registration_open(quotas={lam_dong: 5})
    (registration,) = register(event, lam_dong)
    services.cancel_registration(registration, actor=officer)

    moved, problems = services.reject_registrations([registration], actor=registrar)

    assert moved == 0
    assert len(problems) == 1
    assert statuses([registration]) == [Status.CANCELLED]


def test_promote_moves_a_waitlisted_delegate_onto_a_free_seat(lam_dong, registrar):
    event = factories.registration_open(quotas={lam_dong: 1})
    register(event, lam_dong)
    (waiting,) = register(event, lam_dong)
    ProvinceQuota.objects.filter(event=event, province=lam_dong).update(seats=2)

    moved, problems = services.promote_registrations([waiting], actor=registrar, reason="Thêm chỗ")

    assert (moved, problems) == (1, [])
    assert history(waiting)[-1] == (Status.WAITLISTED, Status.CONFIRMED, registrar, "Thêm chỗ")


def test_promote_without_a_free_seat_is_refused_with_a_problem(lam_dong, registrar):
    event = factories.registration_open(quotas={lam_dong: 1})
    register(event, lam_dong)
    (waiting,) = register(event, lam_dong, factories.delegate(family_name="Võ", middle_name="", given_name="Dũng"))

    moved, problems = services.promote_registrations([waiting], actor=registrar)

    assert moved == 0
    assert len(problems) == 1
    assert "Võ Dũng" in problems[0]
    assert statuses([waiting]) == [Status.WAITLISTED]
    assert len(history(waiting)) == 1


def test_promote_without_a_seat_of_the_capacity_is_refused(lam_dong, hue, registrar):
    event = factories.registration_open(quotas={lam_dong: 2, hue: 2}, capacity=2)
    register(event, lam_dong, factories.delegate(), factories.delegate())
    (waiting,) = register(event, hue)

    moved, problems = services.promote_registrations([waiting], actor=registrar)

    assert (moved, len(problems)) == (0, 1)


def test_promote_only_takes_waitlisted_delegates(lam_dong, registrar):
    event = factories.registration_open(quotas={lam_dong: 5})
    (pending,) = register(event, lam_dong)

    moved, problems = services.promote_registrations([pending], actor=registrar)

    assert (moved, len(problems)) == (0, 1)
    assert statuses([pending]) == [Status.PENDING]


# Check-in


@pytest.fixture
def confirmed(lam_dong):
    # Dated on the day the tests scan: check-in refuses a day that is not the event's.
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False, start_date=date(2026, 3, 10))
    return factories.registration(event=event, province=lam_dong, family_name="Lê", middle_name="", given_name="Bình")


def test_check_in_marks_attended_with_the_time(confirmed, registrar):
    at = datetime(2026, 3, 10, 1, 30, tzinfo=UTC)

    registration = services.check_in(f"  {confirmed.code} ", event=confirmed.event, actor=registrar, now=at)

    saved = Registration.objects.get(pk=confirmed.pk)
    assert (saved.status, saved.checked_in_at) == (Status.ATTENDED, at)
    assert registration.province.name == "Tỉnh Lâm Đồng"
    assert history(saved)[-1][:3] == (Status.CONFIRMED, Status.ATTENDED, registrar)


def test_check_in_twice_says_when_the_first_was(confirmed, registrar):
    services.check_in(
        confirmed.code, event=confirmed.event, actor=registrar, now=datetime(2026, 3, 10, 1, 30, tzinfo=UTC)
    )

    with pytest.raises(RegistrationError) as refused:
        services.check_in(
            confirmed.code, event=confirmed.event, actor=registrar, now=datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
        )

    assert refused.value.code == "already_checked_in"
    assert refused.value.message == "Lê Bình is already checked in today at 08:30."  # Hanoi time of the first scan
    assert Registration.objects.get(pk=confirmed.pk).checked_in_at == datetime(2026, 3, 10, 1, 30, tzinfo=UTC)


def test_check_in_with_a_code_of_another_event_is_refused(confirmed, registrar, lam_dong):
    other = factories.registration_open(quotas={lam_dong: 5}, title="Hội nghị Bộ trưởng khác")

    with pytest.raises(RegistrationError) as refused:
        services.check_in(confirmed.code, event=other, actor=registrar)

    assert refused.value.code == "other_event"
    assert confirmed.event.title in refused.value.message
    assert statuses([confirmed]) == [Status.CONFIRMED]


@pytest.mark.parametrize("status", [Status.PENDING, Status.WAITLISTED, Status.CANCELLED, Status.REJECTED])
def test_check_in_of_a_delegate_not_confirmed_is_refused(confirmed, registrar, status):
    Registration.objects.filter(pk=confirmed.pk).update(status=status)

    with pytest.raises(RegistrationError) as refused:
        services.check_in(confirmed.code, event=confirmed.event, actor=registrar)

    assert refused.value.code == "not_confirmed"
    assert Registration.objects.get(pk=confirmed.pk).checked_in_at is None


@pytest.mark.parametrize("code", ["khong-co-ma-nay", "", "   "])
def test_check_in_with_an_unknown_code_is_refused(confirmed, registrar, code):
    with pytest.raises(RegistrationError) as refused:
        services.check_in(code, event=confirmed.event, actor=registrar)

    assert refused.value.code == "unknown_code"


def test_check_in_codes_are_unguessable_and_distinct(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 20})

    codes = [r.code for r in register(event, lam_dong, *(factories.delegate() for _ in range(20)))]

    assert len(set(codes)) == 20
    assert min(len(c) for c in codes) >= 20


# E-mail


def test_confirmed_delegate_gets_an_email_with_the_confirmation_link(
    lam_dong, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)

    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = register(event, lam_dong, factories.delegate(email="an@example.vn"))

    assert [m.to for m in mailoutbox] == [["an@example.vn"]]
    assert event.title in mailoutbox[0].subject
    assert services.confirmation_path(registration) in mailoutbox[0].body


def test_pending_or_waitlisted_delegate_gets_no_email(lam_dong, mailoutbox, django_capture_on_commit_callbacks):
    event = factories.registration_open(quotas={lam_dong: 1}, needs_approval=True)

    with django_capture_on_commit_callbacks(execute=True):
        register(event, lam_dong, factories.delegate(), factories.delegate())

    assert mailoutbox == []


def test_confirmed_delegate_without_an_address_gets_no_email(lam_dong, mailoutbox, django_capture_on_commit_callbacks):
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)

    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = register(event, lam_dong, factories.delegate(email=""))

    assert registration.status == Status.CONFIRMED
    assert mailoutbox == []


def test_a_refused_submission_sends_no_email(lam_dong, mailoutbox, django_capture_on_commit_callbacks):
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RegistrationError):
        register(event, lam_dong, factories.delegate(), factories.delegate(phone="1"))

    assert mailoutbox == []


# Erasure of contact data


def _registered_for_event_that_ended(days_ago, province, **delegate_kw):
    end = timezone.localdate() - timedelta(days=days_ago)
    opens_at = timezone.now() - timedelta(days=days_ago + 60)
    event = factories.registration_open(
        quotas={province: 5},
        needs_approval=False,
        start_date=end - timedelta(days=1),
        end_date=end,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=30),
    )
    return factories.registration(event=event, province=province, now=opens_at + timedelta(days=1), **delegate_kw)


def test_erase_contact_data_blanks_phone_and_email_of_events_ended_months_ago(lam_dong, registrar):
    old = _registered_for_event_that_ended(250, lam_dong, given_name="Cũ", phone="0912345678", email="cu@example.vn")
    services.check_in(old.code, event=old.event, actor=registrar, now=timezone.now() - timedelta(days=251))
    recent = _registered_for_event_that_ended(
        60, lam_dong, given_name="Mới", phone="0987654321", email="moi@example.vn"
    )

    erased = services.erase_contact_data(months=6)

    old, recent = Registration.objects.get(pk=old.pk), Registration.objects.get(pk=recent.pk)
    assert erased == 1
    assert (old.phone, old.email) == ("", "")
    assert old.contact_erased_at is not None
    assert (old.full_name, old.status, old.province, old.checked_in_at is not None) == (
        "Trần Thị Cũ",
        Status.ATTENDED,
        lam_dong,
        True,
    )
    assert (recent.phone, recent.email, recent.contact_erased_at) == ("0987654321", "moi@example.vn", None)


def test_erase_contact_data_keeps_counts_and_can_be_run_again(lam_dong):
    for _ in range(3):
        _registered_for_event_that_ended(400, lam_dong)

    assert services.erase_contact_data(months=6) == 3
    assert services.erase_contact_data(months=6) == 0
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 3


def test_erase_contact_data_of_a_one_day_event_uses_its_start_date(lam_dong):
    event = factories.registration_open(
        quotas={lam_dong: 5},
        start_date=timezone.localdate() - timedelta(days=250),
        opens_at=timezone.now() - timedelta(days=300),
        closes_at=timezone.now() - timedelta(days=260),
    )
    factories.registration(event=event, province=lam_dong, now=timezone.now() - timedelta(days=280))

    assert services.erase_contact_data(months=12) == 0
    assert services.erase_contact_data(months=6) == 1


def test_erase_contact_data_leaves_no_phone_in_the_row(lam_dong):
    """BUG (services.erase_contact_data): the update keeps person_key = "name|phone", so the phone stays stored."""
    old = _registered_for_event_that_ended(250, lam_dong, phone="0912345678")

    services.erase_contact_data(months=6)

    row = Registration.objects.filter(pk=old.pk).values().get()
    assert [field for field, value in row.items() if "912345678" in str(value)] == []


# Personal data never goes to the logs


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused")


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, as smtplib reports it: with the address."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({to: (550, b"5.1.1 User unknown") for m in email_messages for to in m.to})


PHONE, EMAIL = "0912345678", "rieng.tu@example.vn"


def _no_personal_data(caplog):
    text = caplog.text + "".join(str(r.args) + str(r.exc_info) for r in caplog.records)
    return PHONE not in text and "912 345 678" not in text and EMAIL not in text


def test_registering_logs_no_phone_or_email(lam_dong, registrar, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    event = factories.registration_open(quotas={lam_dong: 1}, needs_approval=False)

    delegate = factories.delegate(phone="+84 912 345 678", email=EMAIL)

    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = register(event, lam_dong, delegate)
        with pytest.raises(RegistrationError):  # the same person again
            register(event, lam_dong, delegate)
        with pytest.raises(RegistrationError):  # a malformed phone
            register(event, lam_dong, factories.delegate(phone="+84 912 345", email=EMAIL))
        services.check_in(registration.code, event=event, actor=registrar, now=factories.during(event))

    assert _no_personal_data(caplog)


def test_a_failing_mail_server_keeps_the_registration_and_logs_no_address(
    lam_dong, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    caplog.set_level(logging.DEBUG)
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)

    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = register(event, lam_dong, factories.delegate(phone=PHONE, email=EMAIL))

    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED
    assert [r.levelno for r in caplog.records if r.name == "registrations.services"] == [logging.ERROR]
    assert str(registration.pk) in caplog.text
    assert _no_personal_data(caplog)


def test_a_mail_server_refusing_the_address_logs_no_address(
    lam_dong, settings, caplog, django_capture_on_commit_callbacks
):
    """BUG (services.send_confirmation): logger.exception writes the traceback, whose message holds the address."""
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    caplog.set_level(logging.DEBUG)
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)

    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = register(event, lam_dong, factories.delegate(phone=PHONE, email=EMAIL))

    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED
    assert _no_personal_data(caplog)
