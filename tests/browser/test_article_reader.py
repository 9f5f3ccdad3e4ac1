"""Issue 14 in a browser: an editor pastes a press report, reviews what was read and saves a draft event."""

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTICLE = (Path(__file__).parents[1] / "events" / "articles" / "invented_article.txt").read_text(encoding="utf-8")


def test_an_editor_turns_an_article_into_a_draft_event(page, live_server):
    from django.contrib.auth.models import Group

    from briefings.models import Directive
    from events.models import Event
    from events.roles import EDITOR, ensure_staff_groups
    from people.models import Person
    from tests import factories

    ensure_staff_groups()
    ministry = factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT")
    hung = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    factories.position(person=hung, organisation=ministry, title="Thứ trưởng", start_date=date(2015, 1, 1))
    factories.directive(kind=Directive.Kind.CONCLUSION, symbol="16-KL/TW", issue_date=date(2011, 2, 14))
    editor = factories.account(username="bientap", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))

    page.goto(f"{live_server.url}/admin/events/event/")
    page.locator("#id_username").fill("bientap")
    page.locator("#id_password").fill("pw-bientap")
    page.locator("#id_password").press("Enter")
    page.locator("#add-from-article").click()
    expect(page).to_have_url(re.compile(r"/admin/events/event/from-article/$"))

    page.locator("#id_text").fill(ARTICLE)
    page.locator("#id_url").fill("https://example.vn/tap-huan")
    page.locator("#id_published_on").fill("13/07/2019")
    page.locator("#id_publisher").fill("Báo Mẫu")
    shot(page, "article-reader-paste")
    page.locator("input[name=_read]").click()

    expect(page.locator("#article-review-form")).to_be_visible()
    expect(page.locator("#id_event-start_date")).to_have_value("12/07/2019")
    expect(page.locator("#article-organisers")).to_contain_text("phối hợp với UBND tỉnh Khánh Hòa")
    shot(page, "article-reader-review")
    page.locator("input[name=_save]").click()

    expect(page).to_have_url(re.compile(r"/admin/events/event/\d+/change/$"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    shot(page, "article-reader-draft")
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT
    assert event.start_date == date(2019, 7, 12)
    assert ministry in [o.organisation for o in event.organisers.all()]
    assert Person.objects.filter(given_name="Hưng").count() == 1
