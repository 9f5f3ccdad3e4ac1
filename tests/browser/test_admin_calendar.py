"""The admin's calendar in Chromium: a 2018 day is a few clicks away, and lands in the field day first."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Hội nghị tập huấn thông tin đối ngoại năm 2018"


def test_the_calendar_reaches_2018_by_year_and_writes_the_day_first(page, live_server):
    from django.contrib.auth.models import User

    from events.models import Event

    User.objects.create_superuser("quantri", "quantri@example.org", "pw-quantri")
    page.goto(f"{live_server.url}/admin/events/event/add/")
    page.locator("#id_username").fill("quantri")
    page.locator("#id_password").fill("pw-quantri")
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/events/event/add/$"))

    start = page.locator("#id_start_date")
    expect(start).to_have_attribute("placeholder", re.compile(r"^(dd/mm/yyyy|nn/tt/nnnn)$"))
    start.fill("20/11/2025")  # the calendar opens on the month typed, read day first
    page.locator("#id_start_date ~ .datetimeshortcuts a:has(.date-icon)").click()
    box = page.locator(".calendarbox:visible")
    expect(box).to_have_count(1)
    year = box.locator("input.calendar-year")
    expect(year).to_have_value("2025")
    expect(box.locator("caption")).to_have_text(re.compile(r"2025$"))

    year.fill("2019")
    year.press("Enter")
    expect(box.locator("caption")).to_have_text(re.compile(r"2019$"))
    box.locator("a.calendar-previous-year").click()
    expect(box.locator("caption")).to_have_text(re.compile(r"2018$"))
    expect(year).to_have_value("2018")
    shot(page, "admin-calendar-2018")
    box.locator("td a", has_text=re.compile(r"^6$")).click()
    expect(start).to_have_value("06/11/2018")

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_kind").select_option("training")
    page.locator("input[name='_save']").first.click()
    expect(page).to_have_url(re.compile(r"/admin/events/event/$"))
    assert Event.objects.get(title=TITLE).start_date == date(2018, 11, 6)
