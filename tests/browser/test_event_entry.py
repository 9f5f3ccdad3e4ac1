"""What entering one provincial conference costs an editor in the admin (issue 12: a leaner event form).

The conference: a training of 6/11/2018 in Đà Lạt (the Tỉnh Lâm Đồng of 2018), organised by Bộ TT&TT (already
recorded) and the provincial People's Committee (not yet), three speakers not yet recorded, each with the post
held that day (one at the ministry, two at bodies not yet recorded) and a talk, one attending official, and one
press source. `_entry_helpers.Tally` counts what the browser did and what the editor did.

Before (measured on the form as it was, the same conference, the same counting):
    page loads 9, pop-ups 7 (two of them inside another), saves 8, clicks 36, typed fields 37.
Every person and every new body took a pop-up window and a save of its own.

After (the form of issue 12): new people and new organisers are rows of the event's page, saved with it:
    page loads 2, pop-ups 0, saves 1, clicks 21, typed fields 33.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from ._entry_helpers import Tally
from .conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BEFORE = {"page loads": 9, "pop-ups": 7, "saves": 8, "clicks": 36, "typed fields": 37}

TITLE = "Hội nghị tập huấn công tác thông tin đối ngoại năm 2018 tại tỉnh Lâm Đồng"
MINISTRY = "Bộ Thông tin và Truyền thông"
PROVINCE_COMMITTEE = "Ủy ban nhân dân tỉnh Lâm Đồng"
# family, middle, given, post, organisation recorded (searched by) or new (name, kind), talk
SPEAKERS = [
    ("Trần", "Văn", "Bình", "Thứ trưởng", "Bộ Thông tin", None, "Thông tin đối ngoại trong tình hình mới"),
    (
        "Lê",
        "Thị",
        "Hoa",
        "Cục trưởng",
        None,
        ("Cục Thông tin đối ngoại", "agency"),
        "Kỹ năng trả lời phỏng vấn báo chí nước ngoài",
    ),
    (
        "Phạm",
        "Quang",
        "Minh",
        "Phó Trưởng ban",
        None,
        ("Ban Tuyên giáo Tỉnh ủy Lâm Đồng", "party_commission"),
        "Quảng bá hình ảnh Lâm Đồng ra thế giới",
    ),
]


def _editor_logs_in(page, live_server):
    from django.contrib.auth.models import Group

    from events.roles import EDITOR, ensure_staff_groups
    from tests import factories

    ensure_staff_groups()
    editor = factories.account(username="bientap", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    page.goto(f"{live_server.url}/admin/events/event/add/")
    page.locator("#id_username").fill("bientap")
    page.locator("#id_password").fill("pw-bientap")
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/events/event/add/$"))
    page.wait_for_load_state("load")  # so the tally, started next, counts none of the login's loads


def _add_row(tally, page, group):
    tally.click(page.locator(f"#{group}-group .add-row a"))


def test_an_editor_records_a_provincial_conference_on_one_page(page, live_server):
    from events.models import Event
    from tests import factories

    factories.organisation(name=MINISTRY, abbreviation="Bộ TT&TT")
    _editor_logs_in(page, live_server)
    tally = Tally(page.context)
    tally.start(page)
    page.reload()  # the add page, counted

    tally.choose(page.locator("#id_kind"), "training")
    tally.type(page.locator("#id_title"), TITLE)
    tally.type(page.locator("#id_start_date"), "06/11/2018")
    tally.type(page.locator("#id_city"), "Đà Lạt")
    tally.autocomplete(page, "id_province", "Lâm Đồng", "30/06/2025")  # the unit of 2018

    _add_row(tally, page, "organisers")
    tally.autocomplete(page, "id_organisers-0-organisation", "Bộ Thông tin")
    _add_row(tally, page, "organisers")
    tally.type(page.locator("#id_organisers-1-new_name"), PROVINCE_COMMITTEE)
    tally.choose(page.locator("#id_organisers-1-new_kind"), "peoples_committee")
    tally.choose(page.locator("#id_organisers-1-role"), "co")

    people = [(*speaker[:6], "talk:presentation", speaker[6]) for speaker in SPEAKERS]
    people.append(
        ("Đoàn", "Văn", "Việt", "Phó Chủ tịch", None, (PROVINCE_COMMITTEE, "peoples_committee"), "official:guest", "")
    )
    for i, (family, middle, given, post, recorded, new, part, talk) in enumerate(people):
        _add_row(tally, page, "new_people")
        row = f"#id_new_people-{i}-"
        tally.type(page.locator(f"{row}family_name"), family)
        tally.type(page.locator(f"{row}middle_name"), middle)
        tally.type(page.locator(f"{row}given_name"), given)
        if i == 0:  # a title of that day; not counted, as the before figures had none
            page.locator(f"{row}academic_title").select_option("TS")
        tally.type(page.locator(f"{row}post_title"), post)
        if recorded:
            tally.autocomplete(page, f"id_new_people-{i}-organisation", recorded)
        else:
            tally.type(page.locator(f"{row}new_organisation"), new[0])
            tally.choose(page.locator(f"{row}new_organisation_kind"), new[1])
        if part != "talk:presentation":  # the row's default
            tally.choose(page.locator(f"{row}part"), part)
        if talk:
            tally.type(page.locator(f"{row}talk_title"), talk)

    _add_row(tally, page, "sources")
    tally.type(page.locator("#id_sources-0-publisher"), "Báo Lâm Đồng")
    tally.type(page.locator("#id_sources-0-title"), "Tập huấn công tác thông tin đối ngoại năm 2018")
    tally.type(page.locator("#id_sources-0-published_on"), "07/11/2018")
    tally.type(page.locator("#id_sources-0-url"), "https://baolamdong.vn/tap-huan-ttdn-2018")
    # Each source's own figure, and a second source: not counted, as the before figures had neither.
    page.locator("#id_sources-0-delegates_qualifier").select_option("more_than")
    page.locator("#id_sources-0-delegates").fill("150")
    page.locator("#sources-group .add-row a").click()
    page.locator("#id_sources-1-publisher").fill("Cổng thông tin điện tử tỉnh Lâm Đồng")
    page.locator("#id_sources-1-published_on").fill("08/11/2018")
    page.locator("#id_sources-1-delegates_qualifier").select_option("about")
    page.locator("#id_sources-1-delegates").fill("200")
    shot(page, "admin-event-entry-filled")

    tally.click(page.locator("input[name='_save']").first)
    expect(page).to_have_url(re.compile(r"/admin/events/event/$"))
    page.wait_for_load_state()
    after = tally.figures()
    print(f"\nevent entry, before: {BEFORE}\nevent entry, after:  {after}")
    assert after == {"page loads": 2, "pop-ups": 0, "saves": 1, "clicks": 21, "typed fields": 33}
    assert after["pop-ups"] <= BEFORE["pop-ups"] / 2
    assert after["saves"] <= BEFORE["saves"] / 2
    assert after["clicks"] < BEFORE["clicks"]
    assert after["typed fields"] < BEFORE["typed fields"]

    event = Event.objects.get(title=TITLE)
    assert (event.start_date, event.province.valid_to) == (date(2018, 11, 6), date(2025, 6, 30))
    assert [o.organisation.name for o in event.organisers.all()] == [MINISTRY, PROVINCE_COMMITTEE]

    # The editor publishes it with the list's action; the public page shows the day, the posts of that day
    # and the source.
    page.locator(f"input[name='_selected_action'][value='{event.pk}']").check()
    page.locator("select[name='action']").select_option("publish")
    page.locator("button[name='index']").click()
    expect(page.locator(".messagelist")).to_be_visible()
    page.goto(f"{live_server.url}/vi/events/{event.slug}/")
    expect(page.locator("body")).to_contain_text("6/11/2018")
    agenda = page.locator("ol.agenda")
    expect(agenda).to_contain_text(f"TS Trần Văn Bình, Thứ trưởng, {MINISTRY}")
    expect(agenda).to_contain_text("Lê Thị Hoa, Cục trưởng, Cục Thông tin đối ngoại")
    expect(agenda).to_contain_text("Phạm Quang Minh, Phó Trưởng ban, Ban Tuyên giáo Tỉnh ủy Lâm Đồng")
    expect(page.locator("body")).to_contain_text(f"Đoàn Văn Việt, Phó Chủ tịch, {PROVINCE_COMMITTEE}")
    expect(page.locator("body")).to_contain_text("Tập huấn công tác thông tin đối ngoại năm 2018")
    # Both sources' figures, side by side, each as worded and with its source named.
    expect(page.locator("body")).to_contain_text(
        "hơn 150 (Báo Lâm Đồng) · khoảng 200 (Cổng thông tin điện tử tỉnh Lâm Đồng)"
    )
    shot(page, "public-event-entered")
