"""The public site as a reader meets it in Chromium: walking, switching language, a phone, the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import shot

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread, so the demo data must be committed. serialized_rollback
    # puts back the provinces of the data migration, which the flush after each transactional test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DA_LAT_2024 = "tap-huan-quang-ba-hinh-anh-viet-nam-2024-da-lat"
DA_LAT_2024_TITLE = "Hội nghị tập huấn Truyền thông quảng bá hình ảnh Việt Nam"
AMRI_13 = "amri-13"
PHONE_WIDTH = 360


def event_url(live_server, slug, language="vi"):
    return f"{live_server.url}/{language}/events/{slug}/"


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window; 0 when nothing scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_reader_walks_from_home_to_an_event_its_directive_and_a_speaker(page, live_server, demo):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(f"{live_server.url}/vi/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    shot(page, "walk-1-home")

    page.locator(".site-nav").get_by_role("link", name="Sự kiện").click()
    expect(page).to_have_url(f"{live_server.url}/vi/events/")
    expect(page.locator(".cards > .card")).to_have_count(len(demo))
    shot(page, "walk-2-event-list")

    # Today's Tỉnh Lâm Đồng (code 68) also finds the 2024 event held in the old province of that name.
    page.select_option("select[name=province]", "68")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/vi/events/\?.*province=68"))
    cards = page.locator(".cards > .card")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(DA_LAT_2024_TITLE)
    shot(page, "walk-3-event-list-lam-dong")

    cards.get_by_role("link", name=re.compile(DA_LAT_2024_TITLE)).click()
    expect(page).to_have_url(event_url(live_server, DA_LAT_2024))
    expect(page.locator("h1")).to_contain_text(DA_LAT_2024_TITLE)
    speech = page.locator(".agenda > li").filter(has=page.get_by_role("link", name="Nguyễn Thanh Lâm"))
    expect(speech).to_contain_text("Nguyễn Thanh Lâm, Thứ trưởng, Bộ Thông tin và Truyền thông")
    shot(page, "walk-4-event")

    page.locator("article").get_by_role("link", name="Kết luận 57-KL/TW").first.click()
    expect(page).to_have_url(f"{live_server.url}/vi/directives/ket-luan-57-kl-tw/")
    expect(page.locator("h1")).to_contain_text("Kết luận 57-KL/TW")
    expect(page.locator("article")).to_contain_text("2024")
    event_link = page.locator("article").get_by_role("link", name=re.compile(DA_LAT_2024_TITLE))
    expect(event_link).to_have_count(1)
    shot(page, "walk-5-directive")

    event_link.click()
    page.locator(".agenda").get_by_role("link", name="Nguyễn Thanh Lâm").click()
    expect(page).to_have_url(f"{live_server.url}/vi/people/nguyen-thanh-lam/")
    expect(page.locator("h1")).to_have_text("Nguyễn Thanh Lâm")
    expect(page.locator(".timeline")).to_contain_text("Thứ trưởng, Bộ Thông tin và Truyền thông")
    expect(page.locator("article").get_by_role("link", name=re.compile(DA_LAT_2024_TITLE))).to_have_count(1)
    shot(page, "walk-6-person")


def test_en_link_shows_the_same_event_in_english(page, live_server, demo):
    page.goto(event_url(live_server, DA_LAT_2024))
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.locator(".lang-switch").get_by_role("link", name="EN").click()

    expect(page).to_have_url(event_url(live_server, DA_LAT_2024, language="en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".site-nav").get_by_role("link", name="Events")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Training conference on promoting Viet Nam's image")
    expect(page.locator(".lang-switch [aria-current=true]")).to_have_text("EN")
    shot(page, "english-event")


@pytest.mark.parametrize(
    ("name", "path"),
    [("home", "/vi/"), ("event-list", "/vi/events/"), ("event", f"/vi/events/{DA_LAT_2024}/")],
)
def test_phone_width_pages_do_not_scroll_sideways(page, live_server, demo, name, path):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})

    page.goto(live_server.url + path)

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, (
        f"{path} is {horizontal_overflow(page)} px wider than a {PHONE_WIDTH} px phone"
    )
    shot(page, f"phone-{name}")


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(page, live_server, demo):
    page.goto(f"{live_server.url}/vi/")

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class(re.compile(r"\bskip-link\b"))
    expect(focused).to_be_visible()
    shot(page, "keyboard-skip-link")

    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("main")
    expect(page).to_have_url(f"{live_server.url}/vi/#main")


def test_gallery_images_have_alt_text_and_load_lazily(page, live_server, demo):
    page.goto(event_url(live_server, AMRI_13))

    images = page.locator(".gallery img")
    expect(images).to_have_count(2)
    for image in images.all():
        assert image.get_attribute("alt").strip(), image.evaluate("img => img.outerHTML")
        assert image.get_attribute("loading") == "lazy", image.evaluate("img => img.outerHTML")
    # Scrolled into view, each image loads: a broken one would also log a console error.
    for image in images.all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")
    shot(page, "amri-13-gallery")
