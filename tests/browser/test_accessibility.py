"""axe-core's WCAG 2.1 A/AA rules and best practices on the public pages and the portal's login, in
Chromium. axe-core comes from npm (`.ci/run` installs it; AXE_CORE_JS names its axe.min.js): without it
the test is skipped, not failed, so a registry that cannot be reached does not stop CI."""

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(os.environ.get("AXE_CORE_JS", "/tmp/ttdn-axe/node_modules/axe-core/axe.min.js"))
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = [
    "/vi/",
    "/vi/events/",
    "/vi/events/?q=thong+tin",
    "/vi/events/tap-huan-quang-ba-hinh-anh-viet-nam-2024-da-lat/",
    "/en/events/amri-13/",
    "/vi/directives/",
    "/vi/people/",
    "/vi/organisations/",
    "/vi/search/?q=da+lat",
    "/en/search/?q=asean",
    "/portal/login/",
]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (npm install axe-core); .ci/run installs it")
    return AXE.read_text()


def violations(page, axe_source):
    """What axe finds on the page as loaded: rule, impact, how many elements and the first ones."""
    page.evaluate(axe_source)  # through the browser's tools, so the site's Content-Security-Policy stands
    return page.evaluate(
        """async (rules) => (await axe.run(document, {runOnly: rules})).violations.map(v =>
            `${v.impact} ${v.id} (${v.nodes.length}): `
            + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))""",
        RULES,
    )


def test_public_pages_and_the_portal_login_pass_axe(page, live_server, demo, axe_source):
    found = {}
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if problems := violations(page, axe_source):
            found[path] = problems
    assert found == {}
