"""Search as a reader on a phone types it: no diacritics, and the event meant comes first."""

import pytest
from playwright.sync_api import expect

from .conftest import shot
from .test_public_site import AMRI_13, DA_LAT_2024, PHONE_WIDTH, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(
    ("typed", "slug"),
    [("da lat", DA_LAT_2024), ("nguyen thanh hung", AMRI_13), ("cebu", AMRI_13)],
)
def test_typing_without_diacritics_on_a_phone_shows_the_right_first_result(page, live_server, demo, typed, slug):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
    page.goto(f"{live_server.url}/vi/")
    box = page.get_by_role("searchbox").first
    box.click()
    box.press_sequentially(typed)
    box.press("Enter")
    page.wait_for_url("**/search/**")
    first = page.locator("ul.cards > li.card").first
    expect(first.locator("h3 a")).to_have_attribute("href", f"/vi/events/{slug}/")
    expect(first.locator(".match mark").first).to_be_visible()
    assert horizontal_overflow(page) == 0
    shot(page, f"search-phone-{typed.replace(' ', '-')}")
