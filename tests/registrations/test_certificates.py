"""Certificates of attendance: issued to those who completed, once; a PDF that keeps the Vietnamese name
intact; a public verification page that shows only name, event, dates and validity; revocation."""

import subprocess
import threading
import unicodedata
from datetime import date, datetime, time, timedelta

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from registrations import certificates, services
from registrations.models import Attendance, Certificate, Registration
from tests import factories

pytestmark = pytest.mark.django_db

NAME = "Nguyễn Thị Hằng"  # NFC, as typed on most keyboards


ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def pages(text: str) -> int:
    return text.count("\f")


def at(day: date, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def training(lam_dong, hanoi):
    """A two-day training that ended yesterday, taking delegates of Lâm Đồng and Hà Nội."""
    yesterday = timezone.localdate() - timedelta(days=1)
    return factories.registration_open(
        quotas={lam_dong: 5, hanoi: 5},
        needs_approval=False,
        start_date=yesterday - timedelta(days=1),
        end_date=yesterday,
        title="Hội nghị tập huấn công tác thông tin đối ngoại năm 2026",
    )


def delegate(event, province, *, days, **names):
    """A delegate present on each of `days` (0: the first day, 1: the second), as check-in records it."""
    registration = factories.registration(event=event, province=province, **names)
    for n in days:
        Attendance.objects.create(registration=registration, day=event.start_date + timedelta(days=n))
    if days:
        Registration.objects.filter(pk=registration.pk).update(
            status=Registration.Status.ATTENDED, checked_in_at=at(event.start_date + timedelta(days=days[0]))
        )
    return registration


@pytest.fixture
def completer(training, lam_dong):
    return delegate(training, lam_dong, days=[0, 1], family_name="Nguyễn", middle_name="Thị", given_name="Hằng")


NUMBER = "2024-7F3K-9Q2M"  # as the tests below expect it in the PDF and on the page


def verify_url(number, language="vi"):
    with translation.override(language):
        return reverse("certificates:verify", kwargs={"number": number})


# --- issuing ------------------------------------------------------------------------------------


def test_only_the_delegate_present_on_every_day_gets_a_certificate(training, lam_dong, completer):
    delegate(training, lam_dong, days=[0])  # the first day only

    issued = certificates.issue_certificates(training)

    assert [c.registration for c in issued] == [completer]
    certificate = issued[0]
    assert certificate.holder_name == NAME
    assert certificate.event_title == training.title
    assert (certificate.start_date, certificate.end_date) == (training.start_date, training.end_date)
    assert certificate.is_valid


def test_issuing_twice_makes_no_second_certificate(training, completer):
    first = certificates.issue_certificates(training)
    again = certificates.issue_certificates(training)

    assert (len(first), again) == (1, [])
    assert Certificate.objects.filter(registration=completer).count() == 1


@pytest.mark.skipif(not ON_POSTGRESQL, reason="two transactions at once need PostgreSQL (DATABASE_URL=postgres://…)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_registrars_issuing_at_the_same_moment_make_one_certificate_each(training, lam_dong, hanoi, completer):
    other = delegate(training, hanoi, days=[0, 1])
    barrier = threading.Barrier(2)
    issued = [None, None]

    def issue(i):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            issued[i] = [c.registration_id for c in certificates.issue_certificates(training)]
        except Exception as error:  # reported by the assertion, not lost in the thread
            issued[i] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Each delegate's certificate made by one of the two runs, never by both; neither run failed.
    assert all(isinstance(ids, list) for ids in issued), issued
    assert sorted(issued[0] + issued[1]) == sorted([completer.pk, other.pk])
    assert Certificate.objects.filter(event=training).count() == 2


def test_a_revoked_certificate_is_not_replaced(training, completer):
    certificates.issue_certificates(training)
    certificates.revoke_certificates(Certificate.objects.all(), actor=None, reason="Cấp nhầm")

    assert certificates.issue_certificates(training) == []
    assert certificates.certificates_to_issue(training) == []


def test_the_holder_name_is_kept_in_nfc(training, lam_dong):
    decomposed = {part: unicodedata.normalize("NFD", part) for part in ("Nguyễn", "Thị", "Hằng")}
    delegate(
        training,
        lam_dong,
        days=[0, 1],
        family_name=decomposed["Nguyễn"],
        middle_name=decomposed["Thị"],
        given_name=decomposed["Hằng"],
    )

    (certificate,) = certificates.issue_certificates(training)

    assert certificate.holder_name == NAME
    assert certificate.holder_key == "nguyen thi hang"


def test_a_number_already_taken_is_drawn_again(training, completer, monkeypatch):
    factories.certificate(number="2026-AAAA-AAAA")
    numbers = iter(["2026-AAAA-AAAA", "2026-BBBB-BBBB"])
    monkeypatch.setattr(certificates, "new_certificate_number", lambda year: next(numbers))

    (certificate,) = certificates.issue_certificates(training)

    assert certificate.number == "2026-BBBB-BBBB"


def test_no_certificate_before_the_last_day(lam_dong):
    today = timezone.localdate()
    event = factories.registration_open(quotas={lam_dong: 5}, start_date=today, end_date=today + timedelta(days=1))

    with pytest.raises(services.RegistrationError) as refused:
        certificates.issue_certificates(event)

    assert refused.value.code == "not_ended"


def test_no_certificate_for_an_event_not_dated_to_the_day(lam_dong):
    event = factories.registration_open(quotas={lam_dong: 5}, start_date=date(2024, 6, 1), date_precision="month")

    with pytest.raises(services.RegistrationError) as refused:
        certificates.issue_certificates(event)

    assert refused.value.code == "imprecise_dates"


def test_revoking_needs_a_reason_and_records_who_and_when():
    certificate = factories.certificate(number=NUMBER)
    registrar, _client = factories.staff("registrar")

    with pytest.raises(services.RegistrationError):
        certificates.revoke_certificates(Certificate.objects.all(), actor=registrar, reason=" \x00 ")
    count = certificates.revoke_certificates(Certificate.objects.all(), actor=registrar, reason="Không\x00 tham dự")
    again = certificates.revoke_certificates(Certificate.objects.all(), actor=registrar, reason="Lần nữa")

    certificate.refresh_from_db()
    assert (count, again) == (1, 0)
    assert (certificate.revoked_by, certificate.revocation_reason) == (registrar, "Không tham dự")
    assert certificate.revoked_at is not None


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("2026-7F3K-9Q2M", "2026-7F3K-9Q2M"),
        ("2026-7f3k-9q2m", "2026-7F3K-9Q2M"),
        (" 2026 7F3K 9Q2M\n", "2026-7F3K-9Q2M"),
        ("20267F3K9Q2M", "2026-7F3K-9Q2M"),
        ("2026-7F3K-9Q2O", "2026-7F3K-9Q20"),  # O is not in the alphabet: it was a zero
        ("2026-7F3K-9Q2M\x00", None),
        ("2026-7F3K-9Q2U", None),
        ("", None),
        ("x" * 5000, None),
    ],
)
def test_a_number_is_read_as_typed_from_paper(typed, number):
    assert certificates.normalise_number(typed) == number


# --- the PDF ------------------------------------------------------------------------------------


def test_the_pdf_holds_the_vietnamese_name_number_dates_and_verification_address(tmp_path, settings):
    settings.SITE_URL = "https://ttdn.example.vn"
    certificate = factories.certificate(number=NUMBER)

    content = certificates.certificates_pdf([certificate])

    text = pdf_text(content, tmp_path)
    with translation.override("vi"):
        heading = gettext("CERTIFICATE")
    assert content.startswith(b"%PDF") and b"/FontFile2" in content  # the TrueType font is embedded
    assert pages(text) == 1
    assert heading in text
    assert NAME in text
    assert "2024-7F3K-9Q2M" in text
    assert "7/6/2024" in text and "8/6/2024" in text
    assert "https://ttdn.example.vn/vi/certificates/2024-7F3K-9Q2M/" in text
    assert "0912345678" not in text and "hang@example.vn" not in text


def test_the_verification_address_is_the_configured_site_not_the_request(settings):
    settings.SITE_URL = "https://ttdn.example.vn"
    certificate = factories.certificate(number=NUMBER)

    assert certificates.verification_url(certificate) == "https://ttdn.example.vn/vi/certificates/2024-7F3K-9Q2M/"


def test_the_pdf_names_the_lead_organiser(tmp_path):
    certificate = factories.certificate(number=NUMBER)
    ministry = factories.organisation(name="Bộ Thông tin và Truyền thông")
    factories.organiser(event=certificate.event, organisation=ministry)

    text = pdf_text(certificates.certificates_pdf([certificate]), tmp_path)

    assert "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" in text


# --- the verification page ----------------------------------------------------------------------


def test_the_verification_page_shows_name_event_dates_and_validity_only(client):
    certificate = factories.certificate(number=NUMBER)
    registration = certificate.registration

    response = client.get(verify_url("2024-7F3K-9Q2M", "en"))

    page = response.content.decode()
    assert response.status_code == 200
    assert NAME in page and certificate.event_title in page
    assert "7 Jun 2024 – 8 Jun 2024" in page
    assert "Valid" in page
    for personal in (registration.phone, registration.email, registration.province.name, registration.post):
        assert personal not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_vietnamese_verification_page_writes_dates_day_first(client):
    factories.certificate(number=NUMBER)

    page = client.get(verify_url("2024-7F3K-9Q2M")).content.decode()

    assert "7/6/2024 – 8/6/2024" in page


def test_a_revoked_certificate_says_so_without_the_reason(client):
    certificate = factories.certificate(number=NUMBER)
    revoked = timezone.make_aware(datetime(2024, 7, 1, 23, 30))  # 1 July evening in Hà Nội
    certificates.revoke_certificates(
        Certificate.objects.all(), actor=None, reason="Tham dự thiếu một ngày", now=revoked
    )

    page = client.get(verify_url(certificate.number, "en")).content.decode()

    assert "Revoked on 1 Jul 2024" in page
    assert "Valid" not in page
    assert "Tham dự thiếu một ngày" not in page


def test_the_number_in_the_address_is_read_without_regard_to_case(client):
    factories.certificate(number=NUMBER)

    assert client.get(verify_url("2024-7f3k-9q2m")).status_code == 200


@pytest.mark.parametrize("number", ["2024-AAAA-AAAA", "2024-7F3K", "%00", "2024-7F3K-9Q2M%00", "%27%3B--", "a" * 300])
def test_an_unknown_or_junk_number_is_a_404(client, number):
    factories.certificate(number=NUMBER)

    response = client.get(f"/vi/certificates/{number}/")

    assert response.status_code == 404


def test_a_number_typed_with_spaces_leads_to_its_page(client):
    factories.certificate(number=NUMBER)

    response = client.get(reverse("certificates:lookup"), {"number": " 2024 7f3k 9q2m "})

    assert response.status_code == 302
    assert response["Location"] == verify_url("2024-7F3K-9Q2M", "en")


@pytest.mark.parametrize("typed", ["2024-AAAA-AAAA", "nonsense\x00", "\x00"])
def test_a_number_that_leads_nowhere_is_said_so(client, typed):
    factories.certificate(number=NUMBER)

    with translation.override("en"):
        url = reverse("certificates:lookup")
    response = client.get(url, {"number": typed})

    assert response.status_code == 404
    assert response.context["form"].errors["number"]


def test_erasing_contact_data_leaves_the_certificate_verifiable(client):
    certificate = factories.certificate(number=NUMBER)
    later = timezone.now() + timedelta(days=3650)

    assert services.erase_contact_data(months=6, now=later) == 1

    certificate.registration.refresh_from_db()
    assert certificate.registration.email == ""
    page = client.get(verify_url(certificate.number, "en")).content.decode()
    assert NAME in page and "Valid" in page


# --- the delegate and the officer ---------------------------------------------------------------


def test_the_delegate_downloads_the_certificate_from_the_confirmation_page(client, training, completer, tmp_path):
    certificates.issue_certificates(training)
    confirmation = client.get(reverse("portal:confirmation", kwargs={"code": completer.code}))
    url = reverse("portal:certificate", kwargs={"code": completer.code})

    response = client.get(url)

    assert url in confirmation.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert NAME in pdf_text(response.content, tmp_path)


def test_a_delegate_who_did_not_complete_has_no_certificate(client, training, lam_dong):
    partial = delegate(training, lam_dong, days=[1])
    certificates.issue_certificates(training)
    url = reverse("portal:certificate", kwargs={"code": partial.code})

    confirmation = client.get(reverse("portal:confirmation", kwargs={"code": partial.code}))

    assert url not in confirmation.content.decode()
    assert client.get(url).status_code == 404


def test_a_revoked_certificate_is_no_longer_downloadable(client, training, completer):
    certificates.issue_certificates(training)
    certificates.revoke_certificates(Certificate.objects.all(), actor=None, reason="Cấp nhầm")

    response = client.get(reverse("portal:certificate", kwargs={"code": completer.code}))

    assert response.status_code == 404


def test_a_code_with_nul_is_a_404(client):
    assert client.get("/portal/confirmation/abc%00def/certificate.pdf").status_code == 404


@pytest.fixture
def officer_client(lam_dong):
    officer = factories.officer(province=lam_dong)
    client = Client(headers={"accept-language": "en"})
    client.force_login(officer.user)
    return client


def test_the_officer_gets_the_province_pdf_with_its_delegates_only(
    officer_client, training, lam_dong, hanoi, completer, tmp_path
):
    delegate(training, lam_dong, days=[0, 1], given_name="Lan")
    delegate(training, hanoi, days=[0, 1], given_name="Hà Nội Một")
    certificates.issue_certificates(training)

    response = officer_client.get(reverse("portal:certificates-pdf", kwargs={"slug": training.slug}))

    text = pdf_text(response.content, tmp_path)
    assert response.status_code == 200
    assert pages(text) == 2
    assert NAME in text and "Trần Thị Lan" in text
    assert "Hà Nội Một" not in text


def test_the_officer_list_shows_the_province_certificates_only(officer_client, training, hanoi, completer):
    other = delegate(training, hanoi, days=[0, 1], given_name="Hà Nội Một")
    certificates.issue_certificates(training)
    others = Certificate.objects.get(registration=other)

    page = officer_client.get(reverse("portal:certificates", kwargs={"slug": training.slug})).content.decode()
    own_pdf = officer_client.get(reverse("portal:registration-certificate", kwargs={"pk": completer.pk}))
    their_pdf = officer_client.get(reverse("portal:registration-certificate", kwargs={"pk": other.pk}))

    assert NAME in page and "Hà Nội Một" not in page and others.number not in page
    assert (own_pdf.status_code, their_pdf.status_code) == (200, 404)


def test_the_officer_delegate_list_links_to_the_certificates(officer_client, training, completer):
    url = reverse("portal:certificates", kwargs={"slug": training.slug})
    delegates = reverse("portal:event-registrations", kwargs={"slug": training.slug})

    before = officer_client.get(delegates).content.decode()
    certificates.issue_certificates(training)
    after = officer_client.get(delegates).content.decode()

    assert url not in before and url in after


@pytest.mark.parametrize("n", [1, 3])
def test_the_officer_list_query_count_does_not_grow(
    officer_client, training, lam_dong, n, django_assert_max_num_queries
):
    for i in range(n):
        delegate(training, lam_dong, days=[0, 1], given_name=f"Lan {i}")
    certificates.issue_certificates(training)

    with django_assert_max_num_queries(5):
        response = officer_client.get(reverse("portal:certificates", kwargs={"slug": training.slug}))

    assert len(response.context["certificates"]) == n


# --- staff --------------------------------------------------------------------------------------


def test_the_registrar_sees_who_will_get_one_then_issues(training, lam_dong, completer):
    partial = delegate(training, lam_dong, days=[0], given_name="Một Ngày")
    _user, client = factories.staff("registrar")
    url = reverse("staff:certificates", kwargs={"slug": training.slug})

    listed = client.get(url)
    issued = client.post(url, follow=True)

    assert [r.pk for r in listed.context["to_issue"]] == [completer.pk]
    assert "Issue 1 certificate" in listed.content.decode()
    assert partial.full_name not in listed.content.decode()
    assert "Certificates issued: 1." in issued.content.decode()
    assert Certificate.objects.get().registration == completer
    assert issued.context["to_issue"] == []


def test_the_staff_page_says_why_certificates_cannot_be_issued_yet(lam_dong):
    today = timezone.localdate()
    event = factories.registration_open(quotas={lam_dong: 5}, start_date=today, end_date=today + timedelta(days=1))
    _user, client = factories.staff("registrar")
    url = reverse("staff:certificates", kwargs={"slug": event.slug})

    shown = client.get(url)
    posted = client.post(url, follow=True)

    last_day = f"the event&#x27;s last day, {event.end_date.day}/{event.end_date.month}/{event.end_date.year}"
    assert last_day in shown.content.decode()
    assert last_day in posted.content.decode()
    assert not Certificate.objects.exists()


def test_an_editor_cannot_see_or_issue_certificates(training, completer):
    _user, client = factories.staff("editor")
    url = reverse("staff:certificates", kwargs={"slug": training.slug})

    assert (client.get(url).status_code, client.post(url).status_code) == (403, 403)
    assert client.get(reverse("staff:certificates-pdf", kwargs={"slug": training.slug})).status_code == 403
    assert not Certificate.objects.exists()


def test_anonymous_staff_pages_go_to_the_login(client, training):
    response = client.get(reverse("staff:certificates", kwargs={"slug": training.slug}))

    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_the_registrar_downloads_a_province_or_all(training, lam_dong, hanoi, completer, tmp_path):
    delegate(training, hanoi, days=[0, 1], given_name="Hà Nội Một")
    certificates.issue_certificates(training)
    _user, client = factories.staff("registrar")

    everyone = client.get(reverse("staff:certificates-pdf", kwargs={"slug": training.slug}))
    province = client.get(
        reverse("staff:certificates-province-pdf", kwargs={"slug": training.slug, "province": hanoi.pk})
    )

    assert pages(pdf_text(everyone.content, tmp_path)) == 2
    text = pdf_text(province.content, tmp_path)
    assert pages(text) == 1 and "Hà Nội Một" in text and NAME not in text


@pytest.mark.parametrize("n", [1, 3])
def test_the_staff_list_query_count_does_not_grow(training, lam_dong, hanoi, n, django_assert_max_num_queries):
    for i in range(n):
        delegate(training, lam_dong, days=[0, 1], given_name=f"Lan {i}")
        delegate(training, hanoi, days=[0, 1], given_name=f"Hà {i}")
    certificates.issue_certificates(training)
    for i in range(n):
        delegate(training, hanoi, days=[0, 1], given_name=f"Chưa cấp {i}")
    _user, client = factories.staff("registrar")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("staff:certificates", kwargs={"slug": training.slug}))

    assert len(response.context["to_issue"]) == n
    assert sum(len(group) for _province, group in response.context["groups"]) == 2 * n


# --- admin --------------------------------------------------------------------------------------


def test_the_admin_revokes_with_a_reason(client):
    certificate = factories.certificate(number=NUMBER)
    registrar, client = factories.staff("registrar")
    url = reverse("admin:registrations_certificate_changelist")
    chosen = {"action": "revoke", ACTION_CHECKBOX_NAME: [certificate.pk]}

    asked = client.post(url, chosen)
    without_reason = client.post(url, {**chosen, "apply": "yes", "reason": ""})
    done = client.post(url, {**chosen, "apply": "yes", "reason": "Cấp nhầm người"}, follow=True)

    certificate.refresh_from_db()
    assert asked.status_code == without_reason.status_code == 200
    assert "1 certificate revoked." in done.content.decode()
    assert (certificate.revoked_by, certificate.revocation_reason) == (registrar, "Cấp nhầm người")


def test_the_admin_finds_a_certificate_by_number_or_folded_name():
    certificate = factories.certificate(number=NUMBER)
    factories.certificate(
        registration=factories.confirmed_registration(given_name="Lan"), number="2024-BBBB-BBBB", holder_name="Lê Lan"
    )
    _user, client = factories.staff("registrar")
    url = reverse("admin:registrations_certificate_changelist")

    by_number = client.get(url, {"q": "2024 7f3k 9q2m"})
    by_name = client.get(url, {"q": "nguyen thi hang"})

    assert [c.pk for c in by_number.context["cl"].result_list] == [certificate.pk]
    assert [c.pk for c in by_name.context["cl"].result_list] == [certificate.pk]


def test_the_admin_cannot_add_change_or_delete_a_certificate():
    certificate = factories.certificate(number=NUMBER)
    _user, client = factories.staff("registrar")

    add = client.get(reverse("admin:registrations_certificate_add"))
    client.post(reverse("admin:registrations_certificate_change", args=[certificate.pk]), {"holder_name": "Người Khác"})

    certificate.refresh_from_db()
    assert add.status_code == 403
    assert certificate.holder_name == NAME


def test_the_event_action_issues_certificates_to_completers(training, completer):
    _user, client = factories.staff("registrar")

    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "issue_certificates", ACTION_CHECKBOX_NAME: [training.pk]},
        follow=True,
    )

    assert f"{training.title}: 1 certificate issued." in response.content.decode()
    assert Certificate.objects.get().registration == completer
