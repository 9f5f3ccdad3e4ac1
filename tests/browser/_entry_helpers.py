"""What entering an event costs in the admin: page loads, pop-up windows, saves, clicks and typed fields.

`Tally` wraps the few Playwright calls a person makes so each click and each typed field counts once, and
listens to the browser for loads (every window), pop-ups and saves (a form posted as a navigation).
"""

import re
from dataclasses import dataclass, field

from playwright.sync_api import expect


@dataclass
class Tally:
    context: object
    loads: int = 0
    popups: int = 0
    saves: int = 0
    clicks: int = 0
    fields: int = 0
    windows: list = field(default_factory=list)

    def watch(self, page):
        """Count `page`'s loads and posted forms; called for the main page and for every pop-up."""
        page.on("load", lambda _page: self._load())
        page.on("request", self._request)
        self.windows.append(page)

    def start(self, page):
        self.watch(page)
        self.context.on("page", self._popup)

    def _load(self):
        self.loads += 1

    def _popup(self, popup):
        self.popups += 1
        self.watch(popup)

    def _request(self, request):
        if request.method == "POST" and request.is_navigation_request():
            self.saves += 1

    def figures(self) -> dict:
        return {
            "page loads": self.loads,
            "pop-ups": self.popups,
            "saves": self.saves,
            "clicks": self.clicks,
            "typed fields": self.fields,
        }

    # What a person does

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def type(self, locator, text: str):
        self.fields += 1
        locator.fill(text)

    def choose(self, locator, value: str):
        """Pick an option of a plain <select>: one click (opening the list is not counted)."""
        self.clicks += 1
        locator.select_option(value)

    def autocomplete(self, page, select_id: str, search: str, pick: str | None = None):
        """An admin autocomplete: open it, type part of the name, click the match."""
        self.click(page.locator(f"#{select_id} + .select2 .select2-selection"))
        self.type(page.locator(".select2-container--open .select2-search__field"), search)
        option = page.locator(
            ".select2-container--open .select2-results__option:not(.loading-results)",
            has_text=re.compile(re.escape(pick or search)),
        ).first
        expect(option).to_be_visible()
        self.click(option)
        expect(page.locator(f"#{select_id} + .select2 .select2-selection__rendered")).to_contain_text(pick or search)

    def popup(self, page, opener):
        """Click `opener` (an admin "+" link) and return the pop-up window it opens, loaded."""
        with page.context.expect_page() as info:
            self.click(opener)
        popup = info.value
        popup.wait_for_load_state()
        return popup

    def save_popup(self, popup):
        """Save the pop-up's form; Django then closes it and fills the opener's field."""
        with popup.expect_event("close"):
            self.click(popup.locator("input[name='_save']"))
