"""Registration in Chromium: a provincial officer registers three delegates, a registrar checks one in on a phone."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories

from .conftest import shot

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread, so the rows must be committed; serialized_rollback puts
    # back the provinces (and the staff groups) that the flush after each transactional test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_WIDTH = 360
TITLE = "Hội nghị tập huấn công tác thông tin đối ngoại năm 2026"
DELEGATES = [
    {
        "family_name": "Nguyễn",
        "middle_name": "Thị Thu",
        "given_name": "Hương",
        "post": "Phó Giám đốc Sở",
        "organisation": "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng",
        "gender": "female",
        "phone": "0912 345 671",
        "email": "huong.ntt@lamdong.gov.vn",
    },
    {
        "family_name": "Trần",
        "middle_name": "Văn",
        "given_name": "Đức",
        "post": "Trưởng phòng Thông tin đối ngoại",
        "organisation": "Sở Ngoại vụ tỉnh Lâm Đồng",
        "gender": "male",
        "phone": "0912 345 672",
        "email": "",
    },
    {
        "family_name": "Lê",
        "middle_name": "Hoàng",
        "given_name": "Yến",
        "post": "Chuyên viên",
        "organisation": "Báo Lâm Đồng",
        "gender": "female",
        "phone": "0912 345 673",
        "email": "yen.lh@baolamdong.vn",
    },
]
TEXT_FIELDS = ("family_name", "middle_name", "given_name", "post", "organisation", "phone", "email")
# Status labels as the portal shows them, in Vietnamese (the browser's language) or in English.
CONFIRMED = re.compile(r"đã xác nhận|confirmed", re.IGNORECASE)
ALREADY_CHECKED_IN = re.compile(r"đã điểm danh|already checked in", re.IGNORECASE)


def full_name(delegate):
    return " ".join(delegate[part] for part in ("family_name", "middle_name", "given_name"))


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window; 0 when nothing scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture
def phone_page(browser):
    """A second browser (its own context, cookies and session) the size of a phone, failing on errors like `page`."""
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740}, locale="vi-VN")
    page = context.new_page()
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(f"console error at {page.url}: {message.text} (from {message.location['url'] or 'inline'})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"page error at {page.url}: {error}"))
    yield page
    context.close()
    if errors:
        pytest.fail("The browser reported errors:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def open_event():
    """A published event taking registrations, three seats for today's Tỉnh Lâm Đồng, no approval step."""
    from events.models import Event

    return factories.registration_open(
        quotas={factories.current_province("Tỉnh Lâm Đồng"): 3},
        needs_approval=False,
        status=Event.Status.PUBLISHED,
        title=TITLE,
        city="Đà Lạt",
        start_date=timezone.localdate(),  # under way: the desk records a scan on one of the event's days
    )


@pytest.fixture
def officer():
    """The officer of Tỉnh Lâm Đồng (code 68), an ordinary user whose password is "pw-" + username."""
    the_officer = factories.officer(user=factories.account(username="canbo.lamdong"))
    assert the_officer.province.code == "68", the_officer.province
    return the_officer


@pytest.fixture
def registrar():
    """A staff user in the "registrar" group, which may change registrations (so check delegates in)."""
    from django.contrib.auth.models import Group

    from events.roles import REGISTRAR, ensure_staff_groups

    group = Group.objects.filter(name=REGISTRAR).first() or ensure_staff_groups()[REGISTRAR]
    user = factories.account(username="letan.bo", is_staff=True)
    user.groups.add(group)
    assert user.has_perm("registrations.change_registration")
    return user


def fill_delegate(page, index, delegate):
    for name in TEXT_FIELDS:
        page.locator(f"[name='delegates-{index}-{name}']").fill(delegate[name])
    page.locator(f"[name='delegates-{index}-gender'][value='{delegate['gender']}']").check()


def test_officer_registers_three_delegates_and_a_registrar_checks_one_in_on_a_phone(
    page, phone_page, live_server, open_event, officer, registrar
):
    from registrations.models import Registration

    # The officer logs in: the portal sends an anonymous visitor to its login page, and back after.
    page.goto(f"{live_server.url}/portal/")
    expect(page).to_have_url(re.compile(r"/portal/login/\?next=/portal/$"))
    page.locator("[name=username]").fill(officer.user.username)
    page.locator("[name=password]").fill(f"pw-{officer.user.username}")
    shot(page, "portal-1-login")
    page.locator("[name=password]").press("Enter")

    expect(page).to_have_url(f"{live_server.url}/portal/")
    expect(page.locator("h1")).to_contain_text("Tỉnh Lâm Đồng")
    card = page.locator(".portal-card").filter(has_text=TITLE)
    expect(card).to_have_count(1)
    expect(card.locator(".seats")).to_have_text("3")
    shot(page, "portal-2-dashboard")

    card.locator(f"a[href='/portal/events/{open_event.slug}/register/']").click()
    expect(page).to_have_url(f"{live_server.url}/portal/events/{open_event.slug}/register/")
    rows = page.locator(".delegate-rows > fieldset.delegate")
    add_row = page.locator("[data-add-delegate]")
    while rows.count() < len(DELEGATES):
        add_row.click()
    for index, delegate in enumerate(DELEGATES):
        fill_delegate(page, index, delegate)
    page.locator("[name=consent]").check()
    shot(page, "portal-3-register-form")
    page.locator("form.register-form button[type=submit]").click()

    # All three within the quota and confirmed at once, listed on the province's page for the event.
    expect(page).to_have_url(f"{live_server.url}/portal/events/{open_event.slug}/")
    expect(page.locator(".messages .message-success")).to_be_visible()
    expect(page.locator(".seats").first).to_have_text("0")
    listed = page.locator("table.delegates tbody tr")
    expect(listed).to_have_count(len(DELEGATES))
    for delegate in DELEGATES:
        row = listed.filter(has_text=full_name(delegate))
        expect(row).to_have_count(1)
        expect(row.locator(".status")).to_have_class(re.compile(r"\bstatus-confirmed\b"))
        expect(row.locator(".status")).to_have_text(CONFIRMED)
    shot(page, "portal-4-delegates")
    registered = Registration.objects.filter(event=open_event, province=officer.province)
    assert sorted(registered.values_list("status", flat=True)) == ["confirmed"] * len(DELEGATES)

    # The first delegate's confirmation: a QR code and the check-in code, and no phone number.
    first = DELEGATES[0]
    listed.filter(has_text=full_name(first)).locator("a[href*='/portal/confirmation/']").click()
    expect(page).to_have_url(re.compile(r"/portal/confirmation/[A-Za-z0-9_-]+/$"))
    expect(page.locator("h1")).to_have_text(full_name(first))
    expect(page.locator("svg.qr")).to_be_visible()
    code = page.locator("code.check-in-code").inner_text().strip()
    delegate_row = registered.get(code=code)
    assert delegate_row.full_name == full_name(first)
    assert page.url.endswith(f"/portal/confirmation/{code}/")
    content = page.content()
    for phone in (first["phone"], first["phone"].replace(" ", "")):
        assert phone not in content
    assert first["email"] not in content
    shot(page, "portal-5-confirmation")

    # A registrar, on a phone, logs in through the admin and checks the delegate in with the code.
    check_in_url = f"{live_server.url}/staff/events/{open_event.slug}/check-in/"
    phone_page.goto(check_in_url)
    expect(phone_page).to_have_url(re.compile(r"/admin/login/\?next="))
    phone_page.locator("#id_username").fill(registrar.username)
    phone_page.locator("#id_password").fill(f"pw-{registrar.username}")
    phone_page.locator("#id_password").press("Enter")
    expect(phone_page).to_have_url(check_in_url)
    expect(phone_page.locator(".checkin-event")).to_contain_text(TITLE)
    expect(phone_page.locator("#count strong")).to_have_text("0")
    shot(phone_page, "portal-6-check-in")

    phone_page.locator("#code").fill(code)
    phone_page.locator("#code").press("Enter")
    result = phone_page.locator("section.result")
    expect(result).to_have_class(re.compile(r"\bresult-ok\b"))
    expect(result.locator(".delegate-name")).to_have_text(full_name(first))
    expect(result).to_contain_text("Tỉnh Lâm Đồng")
    expect(phone_page.locator("#count strong")).to_have_text("1")
    delegate_row.refresh_from_db()
    assert delegate_row.status == Registration.Status.ATTENDED
    assert delegate_row.checked_in_at is not None
    checked_in_at = delegate_row.checked_in_at
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, (
        f"the check-in page is {horizontal_overflow(phone_page)} px wider than a {PHONE_WIDTH} px phone"
    )
    shot(phone_page, "portal-7-checked-in")

    # The same code again: refused, saying the delegate is already in; nothing changes.
    phone_page.locator("#code").fill(code)
    phone_page.locator("#code").press("Enter")
    expect(result).to_have_class(re.compile(r"\bresult-already_checked_in\b"))
    expect(result.locator(".result-head")).to_have_text(ALREADY_CHECKED_IN)
    expect(result.locator(".delegate-name")).to_have_text(full_name(first))
    expect(phone_page.locator("#count strong")).to_have_text("1")
    delegate_row.refresh_from_db()
    assert delegate_row.status == Registration.Status.ATTENDED
    assert delegate_row.checked_in_at == checked_in_at
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, (
        f"the check-in page is {horizontal_overflow(phone_page)} px wider than a {PHONE_WIDTH} px phone"
    )
    shot(phone_page, "portal-8-already-checked-in")
