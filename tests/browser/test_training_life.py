"""A two-day training from invitation to certificate, in Chromium, on the demo data (issue 17).

The demo's training (registrations.demo.load_two_day_training) runs today and tomorrow, with three confirmed
delegates of Tỉnh Lâm Đồng. The officer registers a fourth through the portal; the registrar checks two of
them in on day 1 at the desk, one of the two again on day 2; the attendance sheet, the survey, the
certificates, the public verification and a revocation follow, each seen as its user sees it.

Two things the real clock prevents are done without the browser, and said where: the day-2 check-in (a
service call at 08:10 tomorrow), and the last day itself, from which the survey takes answers and
certificates can be issued. For that the test gives the survey and certificate modules a clock that reads
tomorrow, after the closing session: every other clock (check-in, sessions, the staff pages) stays real.
"""

import re
import subprocess
import time as wall_clock
import unicodedata
from datetime import time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from tests import factories

from .conftest import shot

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread, so the rows must be committed; serialized_rollback puts
    # back the provinces and the staff groups that the flush after each transactional test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "tap-huan-hai-ngay-17"  # demo_accounts gives every development account this one (DEMO_ADMIN_PASSWORD)
TITLE = "Hội nghị tập huấn thông tin đối ngoại hai ngày (dữ liệu mẫu)"
LAM_DONG = "Tỉnh Lâm Đồng"
# Delegate A, of the demo: present on day 1 only. Delegate C, of the demo too, never comes.
DELEGATE_A = "Phạm Đức Thắng"
DELEGATE_C = "Đặng Thu Trang"
# Delegate B, registered by the officer now: present on both days, answers the survey, gets the certificate.
# Typed as a Vietnamese keyboard in "Unicode tổ hợp" mode sends it: letters and combining marks (NFD). The
# record keeps a name as written; the certificate must hold it composed (NFC), as every PDF reader expects.
DELEGATE_B = {
    "family_name": "Lưu",
    "middle_name": "Thị Ngọc",
    "given_name": "Huyền",
    "post": "Chuyên viên Phòng Thông tin đối ngoại",
    "organisation": "Sở Ngoại vụ tỉnh Lâm Đồng",
    "phone": "0912 000 014",
    "email": "luu.huyen@example.vn",
}
NAME_B = "Lưu Thị Ngọc Huyền"
# B's answers: a rating for each presentation of the agenda (in agenda order), then the speakers and the
# organisation, one choice and one text. With one response every mean is B's own rating.
PRESENTATION_RATINGS = [5, 4, 3, 4]
SPEAKERS_RATING, ORGANISATION_RATING = 5, 2
CHOICE = "Có"
SUGGESTION = "Kỹ năng xử lý thông tin sai lệch trên mạng xã hội về địa phương."
REVOCATION_REASON = "Cấp nhầm: đại biểu vắng buổi thảo luận ngày thứ hai."


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def vi(message: str, **values) -> str:
    """`message` as the Vietnamese pages show it (whatever the catalogue translates today)."""
    with translation.override("vi"):
        text = gettext(message)
    return text % values if values else text


def vi_n(singular: str, plural: str, n: int, **values) -> str:
    """The singular or plural `message` for `n` as the Vietnamese pages show it, `n` as {{ counter }}, tags
    (a <strong> in the message) left out as in the text a reader sees."""
    with translation.override("vi"):
        text = ngettext(singular, plural, n)
    return strip_tags(text % {"counter": n, **values})


def vi_number(value: float) -> str:
    """A mean as the pages print it (floatformat:1): "4,0" in Vietnamese."""
    with translation.override("vi"):
        return floatformat(value, 1)


def vi_pattern(message: str, **values) -> re.Pattern:
    """The translated `message` as a pattern, each value given as a regular expression."""
    placeholders = {name: f"@@{name}@@" for name in values}
    text = re.escape(vi(message, **placeholders))
    for name, pattern in values.items():
        text = text.replace(re.escape(f"@@{name}@@"), pattern)
    return re.compile(text)


class LastDayClock:
    """django.utils.timezone as it reads from `moment` on: the same functions, the hours moved on.

    Only the survey and certificate modules are handed this one (they read the clock through their module's
    `timezone`, and nothing else of theirs): "answers from the event's last day" and "certificates from the
    event's last day" are then judged on that day, while the browser, the sessions and the desk keep today.
    """

    def __init__(self, moment):
        self.offset = moment - timezone.now()

    def now(self):
        return timezone.now() + self.offset

    def localtime(self, value=None, tz=None):
        return timezone.localtime(self.now() if value is None else value, tz)

    def localdate(self, value=None, tz=None):
        return self.localtime(value, tz).date()

    def __getattr__(self, name):
        return getattr(timezone, name)


@pytest.fixture
def demo_training(monkeypatch):
    """What `make run` loads: the demo (the load_demo command) and the development accounts (demo_accounts)
    with one known password. Returns the two-day training."""
    from events.models import Event
    from events.roles import ensure_staff_groups
    from registrations.demo import TRAINING_SLUG

    # A load a few seconds before midnight would date the training today and check delegates in tomorrow.
    now = timezone.localtime()
    if now.time() >= time(23, 59):
        wall_clock.sleep(60 - now.second + 1)
    ensure_staff_groups()
    call_command("load_demo", stdout=StringIO())
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", PASSWORD)
    call_command("demo_accounts", stdout=StringIO())
    return Event.objects.get(slug=TRAINING_SLUG)


@pytest.fixture
def open_browser(browser):
    """Opens a Vietnamese-speaking browser of its own (cookies, session) for each person; the test fails if
    any of their pages logs an error."""
    contexts, errors = [], []

    def open_page(width=1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()

        def on_console(message):
            if message.type == "error":
                errors.append(f"console error at {page.url}: {message.text} ({message.location['url'] or 'inline'})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(f"page error at {page.url}: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    if errors:
        pytest.fail("The browser reported errors:\n" + "\n".join(errors), pytrace=False)


def staff_login(page, url, username="registrar"):
    """Open a staff page: the admin's login comes first (password only, as STAFF_REQUIRE_TOTP is off and
    the demo registrar has no authenticator device), then the page itself."""
    page.goto(url)
    expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(url)


def check_in_at_desk(desk, code, name):
    desk.locator("#code").fill(code)
    desk.locator("#code").press("Enter")
    result = desk.locator("section.result")
    expect(result.locator(".delegate-name")).to_have_text(name)  # the answer to this code, not the one before
    expect(result).to_have_class(re.compile(r"\bresult-ok\b"))
    expect(result.locator(".result-head")).to_contain_text(vi_pattern("Checked in at %(time)s", time=r"\d{2}:\d{2}"))
    expect(result).to_contain_text(LAM_DONG)


def test_a_two_day_training_from_invitation_to_certificate(open_browser, live_server, demo_training, monkeypatch):
    from django.contrib.auth.models import User

    from people.text import format_day
    from registrations import certificates, services, surveys
    from registrations.models import Attendance, Certificate, Question, Registration, SurveyResponse

    event = demo_training
    base = live_server.url
    first_day, last_day = event.start_date, event.end_date
    assert last_day == first_day + timedelta(days=1)
    assert Registration.objects.filter(event=event, status="confirmed").count() == 3

    # --- 1. The officer of Lâm Đồng registers one more delegate through the portal ---------------------------
    officer = open_browser()
    officer.goto(f"{base}/portal/")
    expect(officer).to_have_url(re.compile(r"/portal/login/\?next=/portal/$"))
    officer.locator("[name=username]").fill("canbo.lamdong")
    officer.locator("[name=password]").fill(PASSWORD)
    officer.locator("[name=password]").press("Enter")
    expect(officer).to_have_url(f"{base}/portal/")
    card = officer.locator(".portal-card").filter(has_text=TITLE)
    expect(card).to_have_count(1)
    expect(card.locator(".seats")).to_have_text("2")  # five seats a province, three taken by the demo
    card.locator(f"a[href='/portal/events/{event.slug}/register/']").click()

    expect(officer).to_have_url(f"{base}/portal/events/{event.slug}/register/")
    for name, value in DELEGATE_B.items():
        officer.locator(f"[name='delegates-0-{name}']").fill(nfd(value))
    officer.locator("[name='delegates-0-gender'][value='female']").check()
    officer.locator("[name=consent]").check()
    shot(officer, "training-1-register")
    officer.locator("form.register-form button[type=submit]").click()

    expect(officer).to_have_url(f"{base}/portal/events/{event.slug}/")
    expect(officer.locator(".messages .message-success")).to_be_visible()
    listed = officer.locator("table.delegates tbody tr")
    expect(listed).to_have_count(4)
    new = Registration.objects.get(event=event, given_name=nfd("Huyền"))
    assert new.status == Registration.Status.CONFIRMED  # the training needs no approval: no registrar step
    assert new.full_name == nfd(NAME_B)  # kept as typed
    rows = {name: listed.filter(has_text=name) for name in (DELEGATE_A, new.full_name, DELEGATE_C)}
    for row in rows.values():
        expect(row).to_have_count(1)
        expect(row.locator(".status")).to_have_class(re.compile(r"\bstatus-confirmed\b"))
    shot(officer, "training-2-delegates")
    # Each delegate's confirmation link (the officer passes it on; the code in it is the credential).
    link = {name: row.locator("a[href*='/portal/confirmation/']").get_attribute("href") for name, row in rows.items()}
    code = {name: re.fullmatch(r"/portal/confirmation/([\w-]+)/", href).group(1) for name, href in link.items()}
    code_a, code_b = code[DELEGATE_A], code[new.full_name]

    # --- 2. Day 1: the registrar checks A and B in at the desk, typing their codes -----------------------------
    desk = open_browser()
    staff_login(desk, f"{base}/staff/events/{event.slug}/check-in/")
    expect(desk.locator(".checkin-event")).to_contain_text(TITLE)
    expect(desk.locator("#count strong")).to_have_text("0")
    check_in_at_desk(desk, code_a, DELEGATE_A)
    expect(desk.locator("#count strong")).to_have_text("1")
    check_in_at_desk(desk, code_b, new.full_name)
    expect(desk.locator("#count strong")).to_have_text("2")
    shot(desk, "training-3-check-in-day-1")

    # Day 2 is tomorrow: the desk's page records today, so B's scan of tomorrow morning is the service's.
    registrar = User.objects.get(username="registrar")
    day_two = services.check_in(code_b, event=event, actor=registrar, now=factories.during(event, day=1, at="08:10"))
    assert day_two.attendance.day == last_day
    assert sorted(Attendance.objects.filter(registration__code=code_a).values_list("day", flat=True)) == [first_day]
    assert sorted(Attendance.objects.filter(registration=new).values_list("day", flat=True)) == [first_day, last_day]

    # --- 3. The attendance sheet: A one day, B both and completed, C none ---------------------------------------
    desk.goto(f"{base}/staff/events/{event.slug}/attendance/")
    expect(desk.locator(".sheet-days p").first).to_have_text(
        vi_n(
            "Completed: present on the %(days)d day.",
            "Completed: present on every one of the %(days)d days.",
            2,
            days=2,
        )
    )
    per_day = desk.locator(".day-counts li")
    expect(per_day).to_have_count(2)
    for li, (number, day, present) in zip(
        (per_day.nth(0), per_day.nth(1)), [(1, first_day, 2), (2, last_day, 1)], strict=True
    ):
        day_label = vi("Day %(number)s (%(day)s)", number=number, day=day.strftime("%d/%m/%Y"))
        expect(li).to_have_text(
            f"{day_label}: "
            + vi_n(
                "<strong>%(counter)s</strong> delegate present",
                "<strong>%(counter)s</strong> delegates present",
                present,
            )
        )
    sheet = desk.locator("table.sheet tbody tr")
    expect(sheet).to_have_count(4)
    expected = {DELEGATE_A: ["✓", "", vi("No")], new.full_name: ["✓", "✓", vi("Yes")], DELEGATE_C: ["", "", vi("No")]}
    for name, (day_1, day_2, completed) in expected.items():
        row = sheet.filter(has=desk.locator("td.name", has_text=name))
        expect(row).to_have_count(1)
        expect(row.locator("td.day")).to_have_text([day_1, day_2])
        expect(row.locator("td.completed")).to_have_text(completed)
    expect(desk.locator(".print-head [data-print]")).to_be_visible()
    shot(desk, "training-4-attendance")

    # --- 4. The survey: the registrar makes the default one, B answers it on the last day, A does not ---------
    desk.goto(f"{base}/admin/events/event/")
    desk.locator("#result_list tbody tr").filter(has_text=TITLE).locator("input.action-select").check()
    desk.locator("select[name=action]").select_option("create_default_survey")
    desk.locator("button[name=index]").click()
    expect(desk.locator(".messagelist .success")).to_have_text(
        vi_n(
            "%(count)d survey created; review its questions under Evaluation surveys.",
            "%(count)d surveys created; review their questions under Evaluation surveys.",
            1,
            count=1,
        )
    )
    survey = event.survey
    rating_questions = list(survey.questions.filter(kind=Question.Kind.RATING))
    presentations = [question for question in rating_questions if question.agenda_item_id]
    assert len(presentations) == len(PRESENTATION_RATINGS)
    ratings = [*PRESENTATION_RATINGS, SPEAKERS_RATING, ORGANISATION_RATING]
    assert [question.agenda_item_id is None for question in rating_questions] == [False] * 4 + [True] * 2

    # Today, the first day, B's confirmation says when the survey opens, and the certificates wait too.
    delegate_b = open_browser(width=400)  # B's phone
    delegate_b.goto(f"{base}{link[new.full_name]}")
    expect(delegate_b.locator("h1")).to_have_text(new.full_name)
    expect(delegate_b.locator(".confirmation-survey")).to_contain_text(
        vi("On the last day of the event you can evaluate it here.")
    )
    expect(delegate_b.locator(".confirmation-survey a")).to_have_count(0)
    desk.goto(f"{base}/staff/events/{event.slug}/certificates/")
    expect(desk.locator("#blocked")).to_have_text(
        vi("Certificates can be issued from the event's last day, %(date)s.", date=format_day(last_day, "vi"))
    )
    expect(desk.locator("#to-issue button[type=submit]")).to_have_count(0)

    # The last day, after the closing session. The pages take no `now`, and dating the training a day earlier
    # would make today's desk check-ins day-2 ones; so from here the two modules whose rule is "from the
    # event's last day" read tomorrow 11:45 (LastDayClock). Check-in, sessions and the browser keep today.
    last_day_clock = LastDayClock(factories.during(event, day=1, at="11:45"))
    monkeypatch.setattr(surveys, "timezone", last_day_clock)
    monkeypatch.setattr(certificates, "timezone", last_day_clock)

    delegate_b.reload()
    answer_link = delegate_b.locator(".confirmation-survey a")
    expect(answer_link).to_have_text(vi("Answer the survey"))
    answer_link.click()
    expect(delegate_b).to_have_url(f"{base}/portal/confirmation/{code_b}/survey/")
    expect(delegate_b.locator("h1")).to_have_text(TITLE)
    for question, rating in zip(rating_questions, ratings, strict=True):
        delegate_b.locator(f"input[name='q{question.pk}'][value='{rating}']").check()
    choice = survey.questions.get(kind=Question.Kind.CHOICE)
    delegate_b.locator(f"input[name='q{choice.pk}'][value='{CHOICE}']").check()
    text_question = survey.questions.get(kind=Question.Kind.TEXT)
    delegate_b.locator(f"[name='q{text_question.pk}']").fill(SUGGESTION)
    shot(delegate_b, "training-5-survey")
    delegate_b.locator("form button[type=submit]").click()
    expect(delegate_b).to_have_url(f"{base}/portal/confirmation/{code_b}/survey/")
    expect(delegate_b.locator("p.notice")).to_have_text(vi("You have already answered this survey. Thank you."))
    delegate_b.goto(f"{base}{link[new.full_name]}")
    expect(delegate_b.locator(".confirmation-survey")).to_contain_text(vi("You have answered the survey. Thank you."))
    response = SurveyResponse.objects.get(survey=survey)
    assert response.submitted_on == last_day

    # The results: 1 response from the 2 who attended, every mean B's rating, B's choice and text by province.
    desk.goto(f"{base}/staff/events/{event.slug}/survey/")
    response_rate = vi("Response rate")
    from_attended = vi_n(
        "%(responses)s responses from %(counter)s delegate who attended",
        "%(responses)s responses from %(counter)s delegates who attended",
        2,
        responses=1,
    )
    expect(desk.locator(".survey-figures p").first).to_have_text(f"{response_rate}: 50 % ({from_attended})")
    sections = desk.locator("section.survey-result")
    expect(sections).to_have_count(len(ratings) + 2)
    one_answer = vi_n("%(counter)s answer", "%(counter)s answers", 1)
    for index, rating in enumerate(ratings):
        mean = vi("Mean %(mean)s of 5", mean=vi_number(rating))
        expect(sections.nth(index).locator("p").first).to_have_text(f"{mean} · {one_answer}")
        expect(sections.nth(index).locator(".bar-value")).to_have_text(
            ["1" if n == rating else "0" for n in range(1, 6)]
        )
    choice_bars = sections.nth(len(ratings)).locator(".bar-chart li")
    expect(choice_bars.filter(has_text=CHOICE).locator(".bar-value")).to_have_text("1")
    expect(sections.nth(len(ratings) + 1).locator(".free-texts li")).to_have_text(f"{SUGGESTION} — {LAM_DONG}")
    per_presentation = desk.locator("table.report").first.locator("tbody tr")
    expect(per_presentation).to_have_count(len(PRESENTATION_RATINGS))
    expect(per_presentation.locator("td:nth-child(4)")).to_have_text([vi_number(r) for r in PRESENTATION_RATINGS])
    province_row = desk.locator("table.report").last.locator("tbody tr")
    expect(province_row).to_have_count(1)
    expect(province_row.locator("th")).to_have_text(LAM_DONG)
    expect(province_row.locator("td")).to_have_text(
        ["2", "1", vi_number(sum(ratings) / len(ratings)), *(vi_number(rating) for rating in ratings)]
    )
    shot(desk, "training-6-survey-results")

    # --- 5. Certificates: only B completed; the registrar issues it, B downloads the PDF -----------------------
    desk.goto(f"{base}/staff/events/{event.slug}/certificates/")
    to_issue = desk.locator("#to-issue")
    expect(to_issue.locator("h2")).to_have_text(
        vi_n(
            "%(counter)s delegate completed and has no certificate yet",
            "%(counter)s delegates completed and have no certificate yet",
            1,
        )
    )
    expect(to_issue.locator("tbody tr th")).to_have_text([new.full_name])
    issue = to_issue.locator("button[type=submit]")
    expect(issue).to_have_text(vi_n("Issue %(counter)s certificate", "Issue %(counter)s certificates", 1))
    issue.click()
    expect(desk.locator(".messages .notice-ok")).to_have_text(vi("Certificates issued: %(count)d.", count=1))
    issued = desk.locator("#issued tbody tr")
    expect(issued).to_have_count(1)
    certificate = Certificate.objects.get(event=event)
    assert certificate.registration_id == new.pk
    assert certificate.holder_name == NAME_B and unicodedata.is_normalized("NFC", certificate.holder_name)
    expect(issued.locator("td").first).to_have_text(certificate.number)
    expect(issued.locator("th")).to_have_text(NAME_B)
    expect(issued.locator("td").last).to_have_text(vi("Valid"))
    expect(to_issue.locator("h2")).to_have_text(
        vi_n(
            "%(counter)s delegate completed and has no certificate yet",
            "%(counter)s delegates completed and have no certificate yet",
            0,
        )
    )
    shot(desk, "training-7-certificates")

    delegate_b.reload()
    offered = delegate_b.locator("#certificate")
    expect(offered).to_contain_text(
        vi("Certificate No. %(number)s is issued to you for this training.", number=certificate.number)
    )
    delegate_a = open_browser(width=400)
    delegate_a.goto(f"{base}{link[DELEGATE_A]}")
    expect(delegate_a.locator("h1")).to_have_text(DELEGATE_A)
    expect(delegate_a.locator("#certificate")).to_have_count(0)  # one day of two: no certificate for A
    # A could have answered the survey too, and did not: hence 1 response of 2.
    expect(delegate_a.locator(".confirmation-survey a")).to_have_text(vi("Answer the survey"))

    with delegate_b.expect_download() as download_info:
        offered.locator("a").click()
    download = download_info.value
    assert download.suggested_filename == f"giay-chung-nhan-{certificate.number}.pdf"
    pdf = download.path()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert NAME_B in text, text  # composed, letter for letter, though it was typed decomposed
    assert nfd(NAME_B) not in text
    assert certificate.number in text
    assert TITLE in " ".join(text.split())

    # --- 6. The public verification page: valid, then revoked by the registrar in the admin -------------------
    checker = open_browser()  # anyone, e.g. an employer with the paper in hand: no login
    verify_url = f"{base}/vi/certificates/{certificate.number}/"
    checker.goto(verify_url)
    expect(checker.locator("h1")).to_have_text(vi("Certificate No. %(number)s", number=certificate.number))
    validity = checker.locator("#validity")
    expect(validity).to_have_class(re.compile(r"\bnotice-ok\b"))
    expect(validity).to_contain_text(vi("Valid"))
    expect(checker.locator(".facts dd").first).to_have_text(NAME_B)
    shot(checker, "training-8-verify-valid")

    desk.goto(f"{base}/admin/registrations/certificate/")
    desk.locator("#result_list tbody tr").filter(has_text=certificate.number).locator("input.action-select").check()
    desk.locator("select[name=action]").select_option("revoke")
    desk.locator("button[name=index]").click()
    expect(desk.locator("#content li")).to_have_text([certificate.number])  # the certificates to revoke
    desk.locator("#id_reason").fill(REVOCATION_REASON)
    desk.locator(".submit-row input[type=submit]").click()
    expect(desk.locator(".messagelist .success")).to_have_text(
        vi_n("%(count)d certificate revoked.", "%(count)d certificates revoked.", 1, count=1)
    )

    checker.reload()
    expect(validity).to_have_class(re.compile(r"\bnotice-error\b"))
    expect(validity).to_contain_text(vi("Revoked on %(date)s", date=format_day(last_day, "vi")))
    expect(validity).to_contain_text(vi("This certificate no longer attests anything."))
    assert REVOCATION_REASON not in checker.content()  # kept for staff only
    shot(checker, "training-9-verify-revoked")
    certificate.refresh_from_db()
    assert certificate.revocation_reason == REVOCATION_REASON
    assert timezone.localdate(certificate.revoked_at) == last_day

    # B's confirmation no longer offers it, and its address leads nowhere.
    delegate_b.reload()
    expect(delegate_b.locator("#certificate")).to_have_count(0)
    assert delegate_b.request.get(f"{base}/portal/confirmation/{code_b}/certificate.pdf").status == 404
