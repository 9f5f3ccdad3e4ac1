"""The admin's "Add event from an article" (issue 14): paste → review → a draft event; who may; bad input."""

from datetime import date
from pathlib import Path

import pytest
from django.forms import BaseFormSet
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.models import Directive
from events.models import Event
from events.roles import EDITOR, REGISTRAR
from people.models import Person
from tests import factories

pytestmark = pytest.mark.django_db

PASTE = reverse("admin:events_event_from_article")
REVIEW = reverse("admin:events_event_from_article_review")

# Invented, in the manner of the seeds (not one of them).
ARTICLE = (Path(__file__).parent / "invented_article.txt").read_text(encoding="utf-8")


@pytest.fixture
def editor():
    return factories.staff(EDITOR)


@pytest.fixture
def record():
    ministry = factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT")
    hung = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    factories.position(person=hung, organisation=ministry, title="Thứ trưởng", start_date=date(2015, 1, 1))
    strategy = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="16-KL/TW", issue_date=date(2011, 2, 14))
    return {"ministry": ministry, "hung": hung, "strategy": strategy}


def _paste(client, text=ARTICLE, **extra):
    data = {"text": text, "url": "https://example.vn/tap-huan", "published_on": "13/07/2019", "publisher": "Báo Mẫu"}
    return client.post(PASTE, {**data, **extra})


def _as_posted(response) -> dict:
    """What the browser would send back from the review page, unchanged."""
    data = {}
    for name in ("event_form", "organisers", "people", "directives"):
        value = response.context[name]
        forms = value.forms if isinstance(value, BaseFormSet) else [value]
        if isinstance(value, BaseFormSet):
            management = value.management_form
            for field in management:
                data[field.html_name] = field.value()
        for form in forms:
            for field in form:
                shown = field.value()
                if shown is None or shown is False:
                    continue
                if hasattr(shown, "strftime"):
                    shown = shown.strftime("%d/%m/%Y")
                data[field.html_name] = str(getattr(shown, "pk", shown))
    return data


def test_the_event_list_offers_the_article_reader_to_editors(editor):
    _user, client = editor
    page = client.get(reverse("admin:events_event_changelist")).content.decode()
    assert f'href="{PASTE}"' in page
    assert "Add event from an article" in page


def test_registrars_may_not_use_it(editor):
    _user, client = factories.staff(REGISTRAR)
    assert client.get(PASTE).status_code == 403
    assert _paste(client).status_code == 403
    assert client.post(REVIEW, {}).status_code == 403
    assert f'href="{PASTE}"' not in client.get(reverse("admin:events_event_changelist")).content.decode()


def test_anonymous_users_are_sent_to_the_login():
    response = Client().get(PASTE)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_paste_review_and_save_make_a_draft(editor, record):
    user, client = editor
    people_before = Person.objects.count()
    review = _paste(client)
    assert review.status_code == 200
    assert review.templates[0].name == "admin/events/event/article_review.html"
    page = review.content.decode()
    assert "Bộ Thông tin và Truyền thông phối hợp với UBND tỉnh Khánh Hòa" in page  # the evidence
    data = _as_posted(review)
    assert data["event-start_date"] == "12/07/2019"
    assert data["event-province"] == str(factories.province("Tỉnh Khánh Hòa", date(2019, 7, 12)).pk)

    saved = client.post(REVIEW, data)

    event = Event.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == reverse("admin:events_event_change", args=[event.pk])
    assert event.status == Event.Status.DRAFT
    assert event.start_date == date(2019, 7, 12)
    assert record["ministry"] in [o.organisation for o in event.organisers.all()]
    assert record["hung"] in [item.speaker for item in event.agenda.all()]
    assert Person.objects.filter(given_name="Hưng").count() == 1  # matched, not duplicated
    assert Person.objects.count() == people_before + 1  # Trần Quang Vinh, new
    assert [link.directive for link in event.directive_links.all()] == [record["strategy"]]
    source = event.sources.get()
    assert (source.publisher, source.url, source.published_on) == (
        "Báo Mẫu",
        "https://example.vn/tap-huan",
        date(2019, 7, 13),
    )
    assert event.history.get().history_change_reason == "article reader"
    assert event.history.get().history_user == user
    followed = client.get(saved["Location"])
    assert "was recorded from the article" in followed.content.decode()


def test_dropping_everything_still_makes_a_bare_draft(editor, record):
    _user, client = editor
    data = _as_posted(_paste(client))
    for key in list(data):
        if key.endswith("-use"):
            data[key] = "drop"
    assert client.post(REVIEW, data).status_code == 302
    event = Event.objects.get()
    assert (event.organisers.count(), event.agenda.count(), event.directive_links.count()) == (0, 0, 0)


def test_a_review_with_an_error_is_shown_again_and_saves_nothing(editor, record):
    _user, client = editor
    data = _as_posted(_paste(client))
    data["event-start_date"] = "07/13/2019"  # month first
    response = client.post(REVIEW, data)
    assert response.status_code == 200
    assert "Enter the date day first" in response.content.decode()
    assert Event.objects.count() == 0


def test_a_new_organisation_already_recorded_is_refused(editor, record):
    _user, client = editor
    data = _as_posted(_paste(client))
    data["organisers-0-use"] = "new"
    data["organisers-0-new_name"] = "Bộ Thông tin và Truyền thông"
    data["organisers-0-new_kind"] = "ministry"
    response = client.post(REVIEW, data)
    assert response.status_code == 200
    assert "is already recorded" in response.content.decode()
    assert Event.objects.count() == 0


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\x00\x01"])
def test_an_empty_article_is_refused_with_a_clear_message(editor, text):
    _user, client = editor
    response = _paste(client, text)
    assert response.status_code == 200
    assert "Paste the article" in response.content.decode()


def test_text_that_is_not_a_vietnamese_report_is_refused_with_a_clear_message(editor):
    _user, client = editor
    response = _paste(client, "The quick brown fox jumps over the lazy dog. Nothing happened today.")
    assert response.status_code == 200
    assert response.templates[0].name == "admin/events/event/article_paste.html"
    assert "Nothing could be read from this text" in response.content.decode()


def test_pasted_html_is_reduced_to_its_article(editor, record):
    _user, client = editor
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines() if line.strip())
    html = (
        "<html><head><title>x</title><script>var a = 1;</script></head>"
        f"<body><nav>Trang chủ</nav><article>{paragraphs}</article></body></html>"
    )
    response = _paste(client, html)
    assert response.status_code == 200
    assert _as_posted(response)["event-start_date"] == "12/07/2019"


def test_a_month_first_publication_date_is_refused(editor):
    _user, client = editor
    response = _paste(client, published_on="07/13/2019")
    assert "Enter the date day first" in response.content.decode()


def test_the_review_page_is_not_reached_by_get(editor):
    _user, client = editor
    assert client.get(REVIEW)["Location"] == PASTE


CONTROL = st.characters(min_codepoint=0, max_codepoint=0x9F)
ANY_TEXT = st.one_of(
    st.text(max_size=300), st.text(CONTROL, max_size=50), st.sampled_from([ARTICLE, ARTICLE[:200], "<p>" * 50])
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(text=ANY_TEXT, url=st.text(max_size=40), day=st.text(max_size=12), publisher=st.text(max_size=40))
def test_the_paste_page_never_fails_on_any_input(editor, text, url, day, publisher):
    _user, client = editor
    response = client.post(PASTE, {"text": text, "url": url, "published_on": day, "publisher": publisher})
    assert response.status_code < 500


REVIEW_FIELDS = [
    "event-title",
    "event-kind",
    "event-start_date",
    "event-end_date",
    "event-date_precision",
    "event-part_of_day",
    "event-province",
    "event-publisher",
    "event-url",
    "event-delegates",
    "event-warnings",
    "organisers-TOTAL_FORMS",
    "organisers-INITIAL_FORMS",
    "organisers-0-use",
    "organisers-0-organisation",
    "organisers-0-new_name",
    "organisers-0-new_kind",
    "organisers-0-role",
    "people-TOTAL_FORMS",
    "people-INITIAL_FORMS",
    "people-0-use",
    "people-0-person",
    "people-0-given_name",
    "people-0-part",
    "people-0-post_title",
    "people-0-add_post",
    "people-0-organisation",
    "directives-TOTAL_FORMS",
    "directives-INITIAL_FORMS",
    "directives-0-use",
    "directives-0-directive",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    values=st.dictionaries(
        st.sampled_from(REVIEW_FIELDS),
        st.one_of(
            st.text(max_size=30),
            st.text(CONTROL, max_size=10),
            st.sampled_from(
                ["0", "1", "99999999999999999999", "-1", "match", "new", "drop", "12/07/2019", "talk:speech"]
            ),
        ),
    )
)
def test_the_review_page_never_fails_on_any_input(editor, values):
    _user, client = editor
    response = client.post(REVIEW, values)
    assert response.status_code < 500
