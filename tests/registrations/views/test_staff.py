"""Staff pages beside the admin: check-in at the door, delegate exports, printable sheets and the report."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from people.models import Province
from registrations import services
from registrations.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db

Status = Registration.Status
HANOI_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def _client(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def registrar():
    """A staff user whose group gives the two permissions a registrar needs on delegates."""
    group = Group.objects.create(name="test registrars")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="registrations", codename__in=["view_registration", "change_registration"]
        )
    )
    user = factories.account(is_staff=True)
    user.groups.add(group)
    return _client(user)


@pytest.fixture
def staff_without_permission():
    return _client(factories.account(is_staff=True))


@pytest.fixture
def event(lam_dong, hanoi):
    return factories.registration_open(
        quotas={lam_dong: 10, hanoi: 10}, title="Hội nghị tập huấn TTĐN", start_date=timezone.localdate()
    )  # today: check-in records the day, and refuses a day that is not the event's


def _check_in(client, event, code):
    return client.post(reverse("staff:check-in", args=[event.slug]), {"code": code})


# check-in


def test_check_in_marks_the_delegate_attended_with_the_time(registrar, event, lam_dong):
    delegate = factories.confirmed_registration(
        event=event, province=lam_dong, family_name="Phạm", middle_name="Minh", given_name="Tuấn", post="Phó Giám đốc"
    )
    response = _check_in(registrar, event, delegate.code)
    delegate.refresh_from_db()
    assert delegate.status == Status.ATTENDED
    local = timezone.localtime(delegate.checked_in_at, HANOI_TIME)
    content = response.content.decode()
    assert f"Checked in at {local:%H:%M}" in content
    assert "Phạm Minh Tuấn" in content
    assert "Phó Giám đốc" in content
    assert "Tỉnh Lâm Đồng" in content
    assert response.context["result"]["ok"]
    assert (response.context["counts"].attended, response.context["counts"].confirmed) == (1, 1)


def test_second_scan_says_already_checked_in_and_when(registrar, event, lam_dong):
    delegate = factories.confirmed_registration(event=event, province=lam_dong)
    _check_in(registrar, event, delegate.code)
    delegate.refresh_from_db()
    response = _check_in(registrar, event, delegate.code)
    local = timezone.localtime(delegate.checked_in_at, HANOI_TIME)
    assert response.context["result"]["reason"] == "already_checked_in"
    assert f"{delegate.full_name} is already checked in today at {local:%H:%M}" in response.content.decode()
    assert delegate.changes.filter(to_status=Status.ATTENDED).count() == 1


def test_a_code_of_another_event_is_refused_with_the_reason(registrar, event, lam_dong):
    other = factories.registration_open(quotas={lam_dong: 5}, title="Hội thảo khác")
    delegate = factories.confirmed_registration(event=other, province=lam_dong)
    response = _check_in(registrar, event, delegate.code)
    assert response.context["result"]["reason"] == "other_event"
    assert "This code belongs to another event: Hội thảo khác." in response.content.decode()
    delegate.refresh_from_db()
    assert delegate.status == Status.CONFIRMED


def test_a_cancelled_delegate_is_refused(registrar, admin_user, event, lam_dong):
    delegate = factories.confirmed_registration(event=event, province=lam_dong)
    services.cancel_registration(delegate, actor=admin_user, by_staff=True)
    response = _check_in(registrar, event, delegate.code)
    assert response.context["result"]["reason"] == "not_confirmed"
    assert f"{delegate.full_name} cannot check in: the registration is cancelled." in response.content.decode()


def test_a_pending_delegate_is_refused(registrar, event, lam_dong):
    delegate = factories.registration(event=event, province=lam_dong)
    response = _check_in(registrar, event, delegate.code)
    assert response.context["result"]["reason"] == "not_confirmed"
    assert "the registration is pending" in response.content.decode()


def test_an_unknown_code_is_refused(registrar, event):
    response = _check_in(registrar, event, "no-such-code")
    assert response.context["result"]["reason"] == "unknown_code"
    assert "No delegate has this code." in response.content.decode()


def test_a_pasted_confirmation_url_checks_in(registrar, event, lam_dong):
    delegate = factories.confirmed_registration(event=event, province=lam_dong)
    url = f"https://ttdn.example.vn{reverse('portal:confirmation', kwargs={'code': delegate.code})}?print=1"
    response = _check_in(registrar, event, f"  {url}  ")
    assert response.context["result"]["ok"]
    delegate.refresh_from_db()
    assert delegate.status == Status.ATTENDED


def test_an_empty_scan_asks_for_a_code(registrar, event):
    response = _check_in(registrar, event, "   ")
    assert response.context["result"]["reason"] == "empty"


def test_check_in_page_is_made_for_a_scanner_and_a_phone(registrar, event):
    content = registrar.get(reverse("staff:check-in", args=[event.slug])).content.decode()
    assert 'name="viewport"' in content
    for attribute in ["autofocus", 'inputmode="text"', 'autocomplete="off"']:
        assert attribute in content
    assert reverse("staff:badges", args=[event.slug]) in content


def test_check_in_needs_the_change_permission(staff_without_permission, event, lam_dong):
    delegate = factories.confirmed_registration(event=event, province=lam_dong)
    url = reverse("staff:check-in", args=[event.slug])
    assert staff_without_permission.get(url).status_code == 403
    assert staff_without_permission.post(url, {"code": delegate.code}).status_code == 403
    delegate.refresh_from_db()
    assert delegate.status == Status.CONFIRMED


def test_check_in_sends_anonymous_visitors_to_the_admin_login(client, event):
    url = reverse("staff:check-in", args=[event.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_check_in_of_an_unknown_event_is_404(registrar):
    assert registrar.get(reverse("staff:check-in", args=["no-such-event"])).status_code == 404


def test_officer_cannot_open_staff_pages(event):
    officer = factories.officer()
    client = _client(officer.user)
    assert client.get(reverse("staff:check-in", args=[event.slug])).status_code == 403
    assert client.get(reverse("staff:export-csv", args=[event.slug])).status_code == 403


# exports


@pytest.fixture
def delegates(event, lam_dong, hanoi):
    """Lâm Đồng registers first, Hà Nội second: the lists still put Hà Nội (code 01) first."""
    return [
        factories.confirmed_registration(event=event, province=lam_dong, family_name="Võ", given_name="Bảo"),
        factories.registration(event=event, province=lam_dong, family_name="Đặng", given_name="An"),
        factories.confirmed_registration(event=event, province=hanoi, family_name="Lê", given_name="Yến"),
    ]


def test_csv_has_a_bom_a_header_and_one_row_per_delegate_by_province_then_name(registrar, event, delegates):
    response = registrar.get(reverse("staff:export-csv", args=[event.slug]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}-delegates.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == [
        "Province",
        "Family name",
        "Middle name",
        "Given name",
        "Post",
        "Organisation",
        "Gender",
        "Phone",
        "E-mail",
        "Status",
        "Registered at",
        "Checked in at",
        "Days attended",
        "Completed",
    ]
    assert [(r[0], r[1], r[3], r[9]) for r in rows[1:]] == [
        ("Thành phố Hà Nội", "Lê", "Yến", "confirmed"),
        ("Tỉnh Lâm Đồng", "Đặng", "An", "pending"),
        ("Tỉnh Lâm Đồng", "Võ", "Bảo", "confirmed"),
    ]
    assert rows[1][7] == delegates[2].phone
    assert "no-store" in response["Cache-Control"]


def test_exports_never_run_a_formula_typed_as_a_delegates_details(registrar, event, lam_dong):
    factories.registration(event=event, province=lam_dong, post='=HYPERLINK("http://x")')
    text = registrar.get(reverse("staff:export-csv", args=[event.slug])).content.decode()
    row = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))[1]
    assert row[4] == '\'=HYPERLINK("http://x")'
    content = registrar.get(reverse("staff:export-xlsx", args=[event.slug])).content
    cell = load_workbook(io.BytesIO(content)).active["E2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def test_xlsx_opens_and_has_the_rows(registrar, event, delegates):
    response = registrar.get(reverse("staff:export-xlsx", args=[event.slug]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Province", "Family name", "Middle name", "Given name")
    assert [(r[0], r[3]) for r in rows[1:]] == [
        ("Thành phố Hà Nội", "Yến"),
        ("Tỉnh Lâm Đồng", "An"),
        ("Tỉnh Lâm Đồng", "Bảo"),
    ]
    registered_at = rows[1][10]
    assert isinstance(registered_at, datetime)
    expected = timezone.localtime(delegates[2].created_at, HANOI_TIME).replace(tzinfo=None, microsecond=0)
    assert registered_at == expected


def test_attendance_sheet_lists_confirmed_delegates_per_province(registrar, event, delegates):
    response = registrar.get(reverse("staff:attendance", args=[event.slug]))
    assert response.status_code == 200
    groups = [(p.name, [r.full_name for r in rows]) for p, rows in response.context["groups"]]
    assert groups == [("Thành phố Hà Nội", ["Lê Thị Yến"]), ("Tỉnh Lâm Đồng", ["Võ Thị Bảo"])]
    content = response.content.decode()
    assert "Signature" in content
    assert "Đặng Thị An" not in content  # pending: not on the sheet


def test_badges_show_name_post_province_and_a_qr_code(registrar, event, delegates):
    response = registrar.get(reverse("staff:badges", args=[event.slug]))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<svg") == 2
    assert "Lê Thị Yến" in content
    assert "Tỉnh Lâm Đồng" in content
    assert "Chuyên viên" in content
    assert "Đặng Thị An" not in content


@pytest.mark.parametrize("name", ["export-csv", "export-xlsx", "attendance", "badges"])
def test_exports_need_the_view_permission(staff_without_permission, client, event, name):
    url = reverse(f"staff:{name}", args=[event.slug])
    assert staff_without_permission.get(url).status_code == 403
    assert client.get(url).status_code == 302


def test_exports_work_for_a_user_who_may_only_view_registrations(event, delegates):
    group = Group.objects.create(name="test readers")
    group.permissions.add(Permission.objects.get(codename="view_registration"))
    user = factories.account(is_staff=True)
    user.groups.add(group)
    client = _client(user)
    assert client.get(reverse("staff:export-csv", args=[event.slug])).status_code == 200
    assert client.get(reverse("staff:check-in", args=[event.slug])).status_code == 403


# report


REPORT = reverse("staff:report")


def _rows(response):
    return [(str(row.province), *row.values()) for row in response.context["report"].rows]


def test_report_counts_per_province_for_an_event(registrar, admin_user, event, lam_dong, hanoi):
    attended = factories.confirmed_registration(event=event, province=lam_dong)
    services.check_in(attended.code, event=event, actor=admin_user)
    factories.confirmed_registration(event=event, province=lam_dong)
    factories.registration(event=event, province=lam_dong)
    cancelled = factories.registration(event=event, province=hanoi)
    services.cancel_registration(cancelled, actor=admin_user, by_staff=True)
    factories.registration(event=event, province=hanoi)
    response = registrar.get(REPORT, {"event": event.slug})
    assert response.status_code == 200
    # province, registered (holding a seat), confirmed, attended, completed, waitlisted, cancelled
    assert _rows(response) == [("Thành phố Hà Nội", 1, 0, 0, 0, 0, 1), ("Tỉnh Lâm Đồng", 3, 2, 1, 1, 0, 0)]
    assert response.context["report"].total.values() == [4, 2, 1, 1, 0, 1]


def test_report_counts_waitlisted_delegates(registrar, lam_dong):
    event = factories.registration_open(quotas={lam_dong: 1})
    factories.registration(event=event, province=lam_dong)
    factories.registration(event=event, province=lam_dong)
    response = registrar.get(REPORT, {"event": event.slug})
    assert _rows(response) == [("Tỉnh Lâm Đồng", 1, 0, 0, 0, 1, 0)]


@pytest.fixture
def old_event():
    """A 2024 training with a delegate of the old Đắk Nông, which became part of Lâm Đồng in 2025."""
    event = factories.event(start_date=date(2024, 6, 7), title="Hội nghị tập huấn TTĐN 2024")
    for province, given_name in [("Tỉnh Đắk Nông", "Niê"), ("Tỉnh Lâm Đồng", "Hương")]:
        Registration.objects.create(
            event=event,
            province=factories.province(province, on=date(2024, 6, 7)),
            family_name="Y",
            given_name=given_name,
            post="Chuyên viên",
            organisation="Sở Thông tin và Truyền thông",
            gender="female",
            phone="0912345678",
            consent_at=datetime(2024, 5, 1, tzinfo=HANOI_TIME),
            status=Status.ATTENDED,
            checked_in_at=datetime(2024, 6, 7, 8, tzinfo=HANOI_TIME),
        ).attendances.create(day=date(2024, 6, 7))
    return event


def test_report_shows_the_provinces_of_the_day(registrar, old_event):
    response = registrar.get(REPORT, {"event": old_event.slug})
    assert _rows(response) == [  # in the statistics office's order: Đắk Nông 67, Lâm Đồng 68
        ("Tỉnh Đắk Nông (until 30/06/2025)", 1, 1, 1, 1, 0, 0),
        ("Tỉnh Lâm Đồng (until 30/06/2025)", 1, 1, 1, 1, 0, 0),
    ]


def test_report_rolls_former_provinces_up_into_todays(registrar, old_event):
    response = registrar.get(REPORT, {"event": old_event.slug, "rollup": "1"})
    assert _rows(response) == [("Tỉnh Lâm Đồng", 2, 2, 2, 2, 0, 0)]
    assert response.context["report"].rows[0].province.valid_to is None


def test_report_for_a_year_spans_its_events(registrar, old_event, event, lam_dong):
    factories.registration(event=event, province=lam_dong)  # an event of this year: not in 2024
    response = registrar.get(REPORT, {"year": "2024", "rollup": "on"})
    assert _rows(response) == [("Tỉnh Lâm Đồng", 2, 2, 2, 2, 0, 0)]
    response = registrar.get(REPORT, {"year": str(event.start_date.year)})
    assert _rows(response) == [("Tỉnh Lâm Đồng", 1, 0, 0, 0, 0, 0)]
    response = registrar.get(REPORT, {"year": str(event.start_date.year + 1)})
    assert _rows(response) == []


def test_report_downloads_as_csv(registrar, old_event):
    response = registrar.get(REPORT, {"event": old_event.slug, "rollup": "1", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert rows == [
        ["Province", "Registered (holding a seat)", "Confirmed", "Attended", "Completed", "Waitlisted", "Cancelled"],
        ["Tỉnh Lâm Đồng", "2", "2", "2", "2", "0", "0"],
        ["Total", "2", "2", "2", "2", "0", "0"],
    ]


def test_report_page_has_a_chart_and_a_csv_link(registrar, old_event):
    content = registrar.get(REPORT, {"event": old_event.slug}).content.decode()
    assert 'class="bar-chart"' in content
    assert '<rect class="bar-registered" width="100.0"' in content
    assert "format=csv" in content


def test_report_without_parameters_shows_the_form(registrar, old_event):
    response = registrar.get(REPORT)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert old_event.slug in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"event": "no-such-event"}, "No event taking registrations has this address."),
        ({"year": "twenty"}, "Give the year as four digits, e.g. 2024."),
        ({"year": "1066"}, "Ensure this value is greater than or equal to 1990."),
        ({"year": "2024", "event": "OLD"}, "Choose an event or a year, not both."),
        ({"rollup": "1"}, "Choose an event or a year."),
        ({"year": "2024", "format": "pdf"}, "The report comes as a page or as CSV (format=csv)."),
    ],
    ids=["unknown-event", "year-not-a-number", "year-out-of-range", "both", "neither", "bad-format"],
)
def test_report_bad_parameters_answer_400_with_a_message(registrar, old_event, params, message):
    params = {key: old_event.slug if value == "OLD" else value for key, value in params.items()}
    response = registrar.get(REPORT, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_report_needs_the_view_permission(staff_without_permission, client):
    assert staff_without_permission.get(REPORT).status_code == 403
    assert client.get(REPORT).status_code == 302


@pytest.mark.parametrize("n", [1, 5])
def test_report_query_count_does_not_grow(registrar, django_assert_num_queries, n):
    provinces = list(Province.objects.current()[:n])
    event = factories.registration_open(quotas=dict.fromkeys(provinces, 3))
    for province in provinces:
        factories.registration(event=event, province=province)
        factories.confirmed_registration(event=event, province=province)
    # session, user, whether it has a device, its two permission sets, the event, the provinces, the counts,
    # the event choices; the completion rule, the attendance rows, the attended delegates' provinces
    with django_assert_num_queries(12):
        response = registrar.get(REPORT, {"event": event.slug, "rollup": "1"})
    assert len(response.context["report"].rows) == n


@pytest.mark.parametrize("n", [1, 5])
@pytest.mark.parametrize(
    ("name", "queries"),
    # session, user, whether it has a device, its two permission sets, the event, the delegates with provinces;
    # the exports count the delegates (a large list is prepared by a task) and read the completion rule
    # and the attendance rows; the sheet reads the rule and the rows
    [("export-csv", 10), ("export-xlsx", 10), ("attendance", 9), ("badges", 7)],
)
def test_delegate_lists_query_count_does_not_grow(
    registrar, event, lam_dong, django_assert_num_queries, n, name, queries
):
    for _ in range(n):
        delegate = factories.confirmed_registration(event=event, province=lam_dong)
        services.check_in(delegate.code, event=event, actor=None)
    with django_assert_num_queries(queries):
        registrar.get(reverse(f"staff:{name}", args=[event.slug]))


def test_staff_index_lists_events_taking_registrations(registrar, event):
    factories.event(title="Hội thảo không đăng ký")
    response = registrar.get(reverse("staff:index"))
    assert list(response.context["events"]) == [event]
