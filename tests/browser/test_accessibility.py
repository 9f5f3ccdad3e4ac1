"""axe-core's WCAG 2.1 A/AA rules and best practices in Chromium, at a desk's width and a phone's: on the
public pages and the portal's login, and on the pages signed-in users see (the provincial portal, the
staff pages, the certificate check). axe-core comes from npm (`.ci/run` installs it; AXE_CORE_JS names
its axe.min.js): without it the test is skipped, not failed, so a registry that cannot be reached does
not stop CI."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(os.environ.get("AXE_CORE_JS", "/tmp/ttdn-axe/node_modules/axe-core/axe.min.js"))
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# axe leaves these to review, since a script could still add the element named or a role; no script of ours
# does, so on our pages each is a fault: an aria-describedby naming no element, an aria-label on a bare span.
FAULTS_TO_REVIEW = ["aria-valid-attr-value", "aria-prohibited-attr"]
# Tables too wide for a phone scroll sideways: keyboard users must be able to reach that scrolling.
PHONE = {"width": 360, "height": 740}
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
    """What axe finds on the page as loaded, at the window's width and then a phone's: the width, rule,
    impact, how many elements and the first ones."""
    page.evaluate(axe_source)  # through the browser's tools, so the site's Content-Security-Policy stands
    window = page.viewport_size
    found = []
    for size in (window, PHONE):
        page.set_viewport_size(size)
        found += page.evaluate(
            """async ([rules, faults, width]) => {
                const result = await axe.run(document, {runOnly: rules});
                return [...result.violations, ...result.incomplete.filter(v => faults.includes(v.id))].map(v =>
                    `${width} px: ${v.impact} ${v.id} (${v.nodes.length}): `
                    + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
            }""",
            [RULES, FAULTS_TO_REVIEW, size["width"]],
        )
    page.set_viewport_size(window)
    return found


def listing(found) -> str:
    """One line a problem, under its page: pytest would shorten the dictionary past reading."""
    return "axe found:\n" + "\n".join(f"{page}\n  " + "\n  ".join(problems) for page, problems in found.items())


def test_public_pages_and_the_portal_login_pass_axe(page, live_server, demo, axe_source):
    found = {}
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if problems := violations(page, axe_source):
            found[path] = problems
    assert not found, listing(found)


@pytest.fixture
def signed_in(demo):
    """The demo's two sample events, the officer of Lâm Đồng, a registrar with an authenticator device, and a
    training of Lâm Đồng that ended yesterday with what follows one: attendance on one or both days, a
    certificate, the default survey answered by one delegate, a material for delegates."""
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from events.models import Event
    from events.roles import REGISTRAR, ensure_staff_groups
    from registrations import certificates, services, surveys
    from registrations.demo import load_sample_registration, load_two_day_training
    from registrations.models import Question

    lam_dong = factories.current_province("Tỉnh Lâm Đồng")
    registrar = factories.account(username="letan.bo", is_staff=True)
    registrar.groups.add(Group.objects.filter(name=REGISTRAR).first() or ensure_staff_groups()[REGISTRAR])
    yesterday = timezone.localdate() - timedelta(days=1)
    opened = timezone.now() - timedelta(days=30)
    ended = factories.registration_open(
        quotas={lam_dong: 5},
        needs_approval=False,
        opens_at=opened,
        closes_at=opened + timedelta(days=20),
        status=Event.Status.PUBLISHED,
        title="Hội nghị tập huấn thông tin đối ngoại (đã kết thúc)",
        start_date=yesterday - timedelta(days=1),
        end_date=yesterday,
    )
    registered = {"event": ended, "province": lam_dong, "now": opened + timedelta(days=1)}
    completer = factories.registration(**registered, given_name="Hằng", phone="0912000101")
    one_day = factories.registration(**registered, given_name="Lan", phone="0912000102")
    for delegate, days in ((completer, [0, 1]), (one_day, [0])):
        for day in days:
            services.check_in(delegate.code, event=ended, actor=registrar, now=factories.during(ended, day=day))
    certificate = certificates.issue_certificates(ended)[0]
    survey = surveys.create_default_survey(ended)
    answer = {Question.Kind.RATING: 4, Question.Kind.TEXT: "Thêm phần thực hành."}
    surveys.submit_answers(completer, {q.pk: answer.get(q.kind) or q.choice_list[0] for q in survey.questions.all()})
    factories.material(event=ended, title="Bài trình bày của báo cáo viên")
    return {
        "sample": load_sample_registration(),
        "under_way": load_two_day_training(),
        "ended": ended,
        "completer": completer,
        "one_day": one_day,
        "certificate": certificate,
        "officer": factories.officer(user=factories.account(username="canbo.lamdong"), province=lam_dong),
        "registrar": registrar,
        "device": TOTPDevice.objects.create(user=registrar, name="phone", confirmed=True),
    }


def totp_code(device) -> str:
    """The six digits the registrar's authenticator app shows now."""
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def test_signed_in_pages_pass_axe(page, live_server, signed_in, axe_source):
    """The portal as its officer sees it (and its password reset, before logging in), the public
    certificate check, and the staff pages in a registrar's session verified with an authenticator code."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    sample, under_way, ended = signed_in["sample"], signed_in["under_way"], signed_in["ended"]
    user = signed_in["officer"].user
    pending = sample.registrations.first()
    completer, one_day = signed_in["completer"], signed_in["one_day"]
    found = {}

    def check(name):
        if problems := violations(page, axe_source):
            found[name] = problems

    def visit(paths):
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            check(path)

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    visit(
        [
            "/portal/password-reset/",
            "/portal/password-reset/sent/",
            f"/portal/password-reset/{uid}/{default_token_generator.make_token(user)}/",  # → its set-password form
            "/portal/password-reset/complete/",
            "/vi/certificates/",
            f"/vi/certificates/{signed_in['certificate'].number}/",
            f"/en/certificates/{signed_in['certificate'].number}/",
            f"/portal/confirmation/{completer.code}/",  # the delegate's own link: no login
            f"/portal/confirmation/{under_way.registrations.first().code}/",
            f"/portal/confirmation/{one_day.code}/survey/",
            f"/portal/confirmation/{completer.code}/survey/",  # answered already
        ]
    )

    page.goto(f"{live_server.url}/portal/login/")
    page.locator("[name=username]").fill(user.username)
    page.locator("[name=password]").fill(f"pw-{user.username}")
    page.locator("[name=password]").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/portal/")
    visit(
        [
            "/portal/",
            f"/portal/events/{sample.slug}/",
            f"/portal/events/{sample.slug}/register/",
            f"/portal/registrations/{pending.pk}/edit/",
            f"/portal/registrations/{pending.pk}/cancel/",
            f"/portal/registrations/{pending.pk}/substitute/",
            f"/portal/events/{ended.slug}/",
            f"/portal/events/{ended.slug}/certificates/",
        ]
    )
    page.locator(".portal-nav button[type=submit]").click()  # log out
    expect(page).to_have_url(re.compile(r"/portal/login/$"))

    # The admin's login: the password first, then (as it asks once it knows the user) the device and its code.
    registrar = signed_in["registrar"]
    page.goto(f"{live_server.url}/admin/login/?next=/staff/")
    page.locator("#id_username").fill(registrar.username)
    page.locator("#id_password").fill(f"pw-{registrar.username}")
    page.locator("#id_password").press("Enter")
    page.locator("#id_otp_device").select_option(label=signed_in["device"].name)
    page.locator("#id_password").fill(f"pw-{registrar.username}")
    page.locator("#id_otp_token").fill(totp_code(signed_in["device"]))
    page.locator("#id_otp_token").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/staff/")
    visit(
        [
            "/staff/",
            "/staff/report/",
            f"/staff/report/?event={ended.slug}",
            f"/staff/events/{under_way.slug}/check-in/",
            f"/staff/events/{ended.slug}/exports/",
            f"/staff/events/{ended.slug}/attendance/",
            f"/staff/events/{ended.slug}/badges/",
            f"/staff/events/{ended.slug}/survey/",
            f"/staff/events/{ended.slug}/certificates/",
        ]
    )
    page.goto(f"{live_server.url}/staff/events/{under_way.slug}/check-in/")
    page.locator("#code").fill(under_way.registrations.first().code)
    page.locator("#code").press("Enter")
    expect(page.locator("section.result")).to_have_class(re.compile(r"\bresult-ok\b"))
    check(f"/staff/events/{under_way.slug}/check-in/ after a scan")
    assert not found, listing(found)
