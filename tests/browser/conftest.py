"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

Run them with `pytest tests/browser` (or `-m browser`); `-m "not browser"` leaves them out. Screenshots
go to `test-artifacts/` at the repo root, which is gitignored.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test's thread (through greenlets). Django
# sees that running loop and refuses ORM calls from the same thread with SynchronousOnlyOperation,
# although nothing here is concurrent: the loop only waits on the browser while the test code, the
# fixtures and the live server (its own thread) use the database one call at a time. Set before
# any test touches the database.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def shot(page, name: str) -> Path:
    """A full-page screenshot at test-artifacts/<name>.png, for a person to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); .ci/run installs it")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright's loop counts as running, Django keeps this thread's connections apart, as if
    # in an async task, and would open new ones that lack what the test database setup stored on
    # them (the serialized data serialized_rollback restores). Hand it the thread's own connections.
    wrappers = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, wrapper in wrappers.items():
            connections[alias] = wrapper
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page in a Vietnamese-speaking browser; the test fails if the page logs an error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
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
def demo():
    """The demo events (events.demo), plus a second photo on AMRI-13 so its gallery is a gallery.

    Returns the published events by slug.
    """
    from events.demo import load_demo
    from events.models import Event, Photo
    from tests import factories

    load_demo()
    Photo.objects.create(
        event=Event.objects.get(slug="amri-13"),
        image=factories.image_file("heads-of-delegation.png", size=(480, 360)),
        caption="Các trưởng đoàn chụp ảnh chung",
        caption_en="The heads of delegation",
        order=1,
    )
    return {event.slug: event for event in Event.objects.filter(status=Event.Status.PUBLISHED)}
