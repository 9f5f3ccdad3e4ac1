"""Every public page on /en/ in English: Vietnamese text only inside `lang="vi"` elements, apart from
proper names (people, organisations, places), and the reader's language kept from the switch to `/`."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Text nodes with a letter only Vietnamese writes, outside any element whose language is Vietnamese.
UNMARKED_VIETNAMESE = """() => {
  const vietnamese = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.normalize("NFC").trim();
    const parent = node.parentElement;
    if (!text || !vietnamese.test(text) || parent.closest("script, style")) continue;
    const marked = parent.closest("[lang]");
    if (!marked || !marked.lang.startsWith("vi")) found.push(text);
  }
  return found;
}"""
# Names in English sentences that come from no record field (an agenda title's places).
OTHER_PROPER_NAMES = ["Cù Lao Chàm", "Hội An", "Tin Tức", "Đà Lạt", "Đắk Nông"]


def proper_names():
    """The record's names of people, organisations and places, longest first."""
    from events.models import Event
    from people.models import Organisation, Person, Province
    from people.text import without_place_prefix

    names = {person.full_name for person in Person.objects.all()}
    names |= {part for person in Person.objects.all() for part in person.full_name.split()}
    for organisation in Organisation.objects.all():
        names |= {organisation.name, organisation.abbreviation}
    names |= {without_place_prefix(name) for name in Province.objects.values_list("name", flat=True)}
    names |= set(Event.objects.values_list("city", flat=True))
    names |= set(OTHER_PROPER_NAMES)
    return sorted((name for name in names if name), key=len, reverse=True)


def unmarked_vietnamese(page, names):
    """The page's Vietnamese text outside lang="vi", once the proper names are taken out."""
    left = []
    for text in page.evaluate(UNMARKED_VIETNAMESE):
        rest = text
        for name in names:
            rest = rest.replace(name, "")
        if re.search(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", rest, re.I):
            left.append(text)
    return left


def public_paths():
    from briefings.models import Directive
    from events.models import Event, EventSeries
    from events.queries import public_people
    from people.models import Organisation

    paths = ["/en/", "/en/events/", "/en/directives/", "/en/search/?q=lam+dong", "/en/search/?q=ASEAN"]
    paths += [f"/en/events/{slug}/" for slug in Event.objects.published().values_list("slug", flat=True)]
    paths += [f"/en/directives/{slug}/" for slug in Directive.objects.values_list("slug", flat=True)]
    paths += [f"/en/people/{slug}/" for slug in public_people().values_list("slug", flat=True)]
    paths += [f"/en/organisations/{slug}/" for slug in Organisation.objects.values_list("slug", flat=True)]
    paths += [f"/en/series/{slug}/" for slug in EventSeries.objects.values_list("slug", flat=True)]
    for name in ("person-list", "organisation-list"):  # the index pages, where they exist
        from django.urls import NoReverseMatch, reverse
        from django.utils import translation

        try:
            with translation.override("en"):
                paths.append(reverse(f"events:{name}"))
        except NoReverseMatch:
            pass
    return paths


def test_every_english_page_marks_its_vietnamese(page, live_server, demo):
    names = proper_names()
    problems = {}

    for path in public_paths():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", "en")
        left = unmarked_vietnamese(page, names)
        if left:
            problems[path] = left

    assert problems == {}


def test_english_choice_is_kept_for_the_next_visit(page, live_server, demo):
    page.goto(f"{live_server.url}/vi/events/?kind=training")

    page.locator(".lang-switch").get_by_role("link", name="EN").click()
    expect(page).to_have_url(f"{live_server.url}/en/events/?kind=training")

    page.goto(live_server.url + "/")
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_english_browser_lands_on_english(browser, live_server, demo):
    context = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        expect(page).to_have_url(f"{live_server.url}/en/")
    finally:
        context.close()


def test_phone_filters_fold_so_results_start_on_the_first_screen(page, live_server, demo):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/vi/events/")

    expect(page.locator("form.filters")).to_be_hidden()
    first_card = page.locator(".cards > .card").first
    assert first_card.bounding_box()["y"] < 740
    shot(page, "phone-event-list-folded")

    page.locator("details.filters-box > summary").click()
    page.select_option("select[name=province]", "68")
    page.locator("form.filters button[type=submit]").click()
    # Empty fields are left out of the address.
    expect(page).to_have_url(re.compile(r"/vi/events/\?province=68&sort=-date$"))
