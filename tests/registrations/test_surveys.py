"""The evaluation survey: the default TTĐN questions, answering once (also when two answers race), who
may answer when, the results and their exports, and that no answer is shown next to a delegate."""

import csv
import io
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.models import AgendaItem
from events.roles import REGISTRAR
from registrations import surveys
from registrations.models import Answer, Attendance, Question, Registration, Survey, SurveyReceipt, SurveyResponse
from tests import factories

pytestmark = pytest.mark.django_db

Status = Registration.Status
Kind = Question.Kind
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


# --- helpers --------------------------------------------------------------------------------------


@pytest.fixture
def client():
    """A delegate's browser that reads English, so assertions read as the messages are written."""
    return Client(headers={"accept-language": "en"})


def training(*provinces, days_ago=3, days=2, **kw):
    """A training of `days` days that ended `days_ago` days ago (0: ends today), with seats for `provinces`."""
    start = timezone.localdate() - timedelta(days=days_ago + days - 1)
    end = start + timedelta(days=days - 1)
    return factories.registration_open(
        quotas={province: 10 for province in provinces}, start_date=start, end_date=end, **kw
    )


def delegate(event, province, *, attend=True, **kw):
    """A confirmed delegate of `province`, present on the event's first day if `attend` (the row check-in
    writes; rows are made here so these tests do not depend on the check-in desk's rules)."""
    registration = factories.confirmed_registration(event=event, province=province, **kw)
    if attend:
        Attendance.objects.create(registration=registration, day=event.start_date)
    return registration


def survey_of(event, *, closes_at=None):
    """A survey of three questions: a rating, a single choice and an optional free text."""
    survey = Survey.objects.create(event=event, closes_at=closes_at)
    Question.objects.create(survey=survey, order=1, kind=Kind.RATING, text="Công tác tổ chức")
    Question.objects.create(survey=survey, order=2, kind=Kind.CHOICE, text="Tham dự tiếp?", choices="Có\nKhông")
    Question.objects.create(survey=survey, order=3, kind=Kind.TEXT, text="Nội dung tiếp theo", required=False)
    return survey


def questions(survey):
    return list(survey.questions.all())


def answers(survey, rating=4, choice="Có", text=""):
    rating_q, choice_q, text_q = questions(survey)
    return {rating_q.pk: rating, choice_q.pk: choice, text_q.pk: text}


def form_data(survey, rating="4", choice="Có", text=""):
    rating_q, choice_q, text_q = questions(survey)
    return {f"q{rating_q.pk}": rating, f"q{choice_q.pk}": choice, f"q{text_q.pk}": text}


def survey_url(registration):
    return reverse("portal:survey", args=[registration.code])


def results_url(event, name="survey"):
    return reverse(f"staff:{name}", args=[event.slug])


def page_text(response) -> str:
    return response.content.decode()


# --- the default survey ---------------------------------------------------------------------------


def test_default_survey_rates_each_presentation_then_speakers_and_organisation_and_asks_what_next():
    event = factories.event()
    speaker = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    make = factories.agenda_item
    make(event=event, order=1, kind=AgendaItem.Kind.SPEECH, title="Phát biểu khai mạc")
    make(event=event, order=2, kind=AgendaItem.Kind.PRESENTATION, title="Thông tin đối ngoại năm 2024", speaker=speaker)
    make(event=event, order=3, kind=AgendaItem.Kind.REPORT, title="", speaker=speaker)
    make(event=event, order=4, kind=AgendaItem.Kind.PRESENTATION, title="", speaker=None)
    make(event=event, order=5, kind=AgendaItem.Kind.DISCUSSION, title="Thảo luận")
    make(kind=AgendaItem.Kind.PRESENTATION, title="Of another event")

    survey = surveys.create_default_survey(event)

    rows = [(q.order, q.kind, q.text, q.required) for q in survey.questions.all()]
    assert rows == [
        (1, Kind.RATING, "Mức độ hữu ích của bài trình bày “Thông tin đối ngoại năm 2024” (Nguyễn Thành Hưng)", True),
        (2, Kind.RATING, "Mức độ hữu ích của bài trình bày của Nguyễn Thành Hưng", True),
        (3, Kind.RATING, "Đánh giá chung về báo cáo viên", True),
        (4, Kind.RATING, "Công tác tổ chức (địa điểm, thời gian, tài liệu)", True),
        (5, Kind.CHOICE, "Anh/chị có muốn tham dự khóa tập huấn tiếp theo không?", True),
        (6, Kind.TEXT, "Nội dung đề nghị tập huấn tiếp theo", False),
    ]
    assert [q.agenda_item_id is not None for q in survey.questions.all()] == [True, True, False, False, False, False]
    assert survey.questions.get(order=5).choice_list == ["Có", "Không", "Chưa xác định"]


def test_a_second_default_survey_for_the_same_event_is_refused():
    event = factories.event()
    surveys.create_default_survey(event)
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.create_default_survey(event)
    assert refused.value.code == "exists"
    assert Survey.objects.filter(event=event).count() == 1


def test_the_event_list_action_creates_the_default_survey_for_a_registrar():
    user, registrar = factories.staff(REGISTRAR)
    event = factories.event()
    response = registrar.post(
        reverse("admin:events_event_changelist"),
        {"action": "create_default_survey", "_selected_action": [event.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 survey created" in page_text(response)
    assert event.survey.questions.count() == 4  # no presentation: speakers, organisation, choice, text


def test_the_question_inline_offers_only_the_presentations_of_the_surveys_event(admin_client):
    event = factories.event()
    ours = factories.agenda_item(event=event, title="Chuyên đề của hội nghị này")
    theirs = factories.agenda_item(title="Chuyên đề của hội nghị khác")
    survey = survey_of(event)
    response = admin_client.get(reverse("admin:registrations_survey_change", args=[survey.pk]))
    field = response.context["inline_admin_formsets"][0].formset.forms[0].fields["agenda_item"]
    assert list(field.queryset) == [ours]
    assert theirs not in field.queryset


def test_a_registrar_finds_the_survey_in_the_admin_with_its_counts_and_results_link(lam_dong):
    _user, registrar = factories.staff(REGISTRAR)
    event = training(lam_dong, title="Hội nghị tập huấn Đà Lạt")
    survey = survey_of(event)
    surveys.submit_answers(delegate(event, lam_dong), answers(survey))

    response = registrar.get(reverse("admin:registrations_survey_changelist"), {"q": "da lat"})

    assert response.status_code == 200
    [row] = response.context["cl"].result_list
    assert (row, row.n_questions, row.n_responses) == (survey, 3, 1)
    assert results_url(event) in page_text(response)


# --- answering: the service -----------------------------------------------------------------------


def test_an_attended_delegate_answers_once_and_the_response_holds_only_province_and_day(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey = survey_of(event)

    response = surveys.submit_answers(registration, answers(survey, rating=5, text="Kỹ năng viết tin"))

    assert response.province == lam_dong
    assert response.submitted_on == timezone.localdate()
    given = response.answers.order_by("question__order")
    assert [(a.rating, a.choice, a.text) for a in given] == [
        (5, "", ""),
        (None, "Có", ""),
        (None, "", "Kỹ năng viết tin"),
    ]
    assert SurveyReceipt.objects.filter(survey=survey, registration=registration).count() == 1
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.submit_answers(registration, answers(survey, rating=1))
    assert refused.value.code == "answered"
    assert SurveyResponse.objects.count() == 1
    assert Answer.objects.filter(rating=1).count() == 0


def test_a_delegate_who_did_not_attend_is_refused(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong, attend=False)
    survey = survey_of(event)
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.submit_answers(registration, answers(survey))
    assert refused.value.code == "not_attended"
    assert (SurveyResponse.objects.count(), SurveyReceipt.objects.count()) == (0, 0)


def test_a_delegate_checked_in_before_days_were_recorded_has_attended(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong, attend=False)
    Registration.objects.filter(pk=registration.pk).update(status=Status.ATTENDED)  # no Attendance row
    survey = survey_of(event)
    surveys.submit_answers(registration, answers(survey))
    assert SurveyResponse.objects.count() == 1


def test_answers_are_refused_once_the_survey_closes(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey = survey_of(event, closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.submit_answers(registration, answers(survey))
    assert refused.value.code == "closed"
    assert SurveyResponse.objects.count() == 0


def test_the_survey_opens_on_the_events_last_day(lam_dong):
    running = training(lam_dong, days_ago=-1, days=3)  # day 2 of 3 today
    last_day = training(lam_dong, days_ago=0, days=2)
    early = delegate(running, lam_dong)
    on_time = delegate(last_day, lam_dong)
    survey_of(running), survey_of(last_day)

    assert surveys.survey_access(early).state == "not_yet"
    assert surveys.survey_access(on_time).state == "open"
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.submit_answers(early, answers(running.survey))
    assert refused.value.code == "not_yet"


def test_a_required_question_left_empty_saves_nothing(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey = survey_of(event)
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.submit_answers(registration, answers(survey, rating=None))
    assert refused.value.code == "required"
    assert (SurveyResponse.objects.count(), SurveyReceipt.objects.count()) == (0, 0)


def test_delegates_to_remind_are_those_who_attended_and_did_not_answer(lam_dong, hanoi):
    event = training(lam_dong, hanoi)
    answered = delegate(event, lam_dong)
    silent = delegate(event, hanoi)
    delegate(event, lam_dong, attend=False)
    survey = survey_of(event)
    other = training(lam_dong)
    delegate(other, lam_dong)
    survey_of(other)
    surveys.submit_answers(answered, answers(survey))

    assert list(surveys.delegates_to_remind(survey)) == [silent]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="two transactions at once need PostgreSQL (DATABASE_URL=postgres://…)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_submissions_at_the_same_moment_save_one_response(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey = survey_of(event)
    given = answers(survey)
    barrier = threading.Barrier(2)
    outcomes = [None, None]

    def submit(i):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            surveys.submit_answers(registration, given)
            outcomes[i] = "ok"
        except surveys.SurveyError as error:
            outcomes[i] = error.code
        except Exception as error:  # reported by the assertion, not lost in the thread
            outcomes[i] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["answered", "ok"]
    assert SurveyReceipt.objects.count() == 1
    assert SurveyResponse.objects.count() == 1
    assert Answer.objects.count() == 2  # the optional text was left empty


# --- answering: the delegate's page ---------------------------------------------------------------


def test_the_confirmation_page_links_an_attended_delegate_to_the_survey(client, lam_dong):
    event = training(lam_dong)
    came = delegate(event, lam_dong)
    stayed_away = delegate(event, lam_dong, attend=False)
    survey_of(event)
    assert survey_url(came) in page_text(client.get(reverse("portal:confirmation", args=[came.code])))
    assert survey_url(stayed_away) not in page_text(client.get(reverse("portal:confirmation", args=[stayed_away.code])))


def test_the_form_shows_ratings_1_to_5_as_labelled_radio_buttons(client, lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey = survey_of(event)
    rating_q = questions(survey)[0]

    response = client.get(survey_url(registration))

    assert response.status_code == 200
    text = page_text(response)
    for n in range(1, 6):
        assert f'for="id_q{rating_q.pk}_{n - 1}"><input type="radio" name="q{rating_q.pk}" value="{n}"' in text
    assert f'aria-describedby="scale-{rating_q.pk}"' in text
    assert "Lâm Đồng Province" in text  # the one thing staff learn of who answered
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_answering_through_the_page_then_again_is_refused(client, lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey = survey_of(event)

    response = client.post(survey_url(registration), form_data(survey, rating="5", text="Kỹ năng phỏng vấn"))
    assert response.status_code == 302
    assert "You have already answered this survey" in page_text(client.get(survey_url(registration)))

    again = client.post(survey_url(registration), form_data(survey, rating="1"))
    assert "You have already answered this survey" in page_text(again)
    assert list(Answer.objects.exclude(rating=None).values_list("rating", flat=True)) == [5]


def test_a_required_question_left_empty_is_shown_again_with_its_error(client, lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey = survey_of(event)
    response = client.post(survey_url(registration), form_data(survey, rating=""))
    assert response.status_code == 400
    assert "Choose a rating from 1 to 5." in page_text(response)
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize(
    ("attend", "closes_in", "days_ago", "says"),
    [
        (False, None, 3, "This survey is for delegates who attended the event."),
        (True, -1, 3, "This survey is closed"),
        (True, None, -2, "This survey opens on the last day of the event"),
    ],
)
def test_a_delegate_who_may_not_answer_is_told_why(client, lam_dong, attend, closes_in, days_ago, says):
    event = training(lam_dong, days_ago=days_ago)
    registration = delegate(event, lam_dong, attend=attend)
    closes_at = timezone.now() + timedelta(days=closes_in) if closes_in is not None else None
    survey = survey_of(event, closes_at=closes_at)

    for response in (client.get(survey_url(registration)), client.post(survey_url(registration), form_data(survey))):
        assert says in page_text(response)
        assert '<form method="post"' not in page_text(response)
    assert SurveyResponse.objects.count() == 0


def test_an_unknown_code_a_crafted_code_or_an_event_without_survey_is_a_404(client, lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    assert client.get(survey_url(registration)).status_code == 404  # no survey yet
    survey_of(event)
    assert client.get(reverse("portal:survey", args=["khong-phai-ma"])).status_code == 404
    assert client.get(f"/portal/confirmation/{registration.code}%00/survey/").status_code == 404


def test_nul_in_an_answer_is_a_form_error_and_other_control_characters_are_dropped(client, lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey = survey_of(event)

    for data in (
        form_data(survey, text="a\x00b"),
        form_data(survey, choice="C\x00ó"),
        form_data(survey, rating="\x00"),
    ):
        assert client.post(survey_url(registration), data).status_code == 400
    assert SurveyResponse.objects.count() == 0

    assert client.post(survey_url(registration), form_data(survey, text="Kỹ năng\x07 viết\r\ntin")).status_code == 302
    assert Answer.objects.exclude(text="").get().text == "Kỹ năng viết\ntin"


# --- results --------------------------------------------------------------------------------------


@pytest.fixture
def answered(lam_dong, hanoi):
    """An event whose survey five delegates attended and three answered: two of Lâm Đồng, one of Hà Nội."""
    event = training(lam_dong, hanoi)
    survey = survey_of(event)
    given = [
        (delegate(event, lam_dong), 5, "Có", "Kỹ năng viết tin"),
        (delegate(event, lam_dong), 4, "Không", ""),
        (delegate(event, hanoi), 2, "Có", "=1+1"),
    ]
    delegate(event, lam_dong)
    delegate(event, hanoi)
    delegate(event, hanoi, attend=False)
    for registration, rating, choice, text in given:
        surveys.submit_answers(registration, answers(survey, rating=rating, choice=choice, text=text))
    return survey


def test_results_figures_match_the_answers(answered, lam_dong, hanoi):
    results = surveys.survey_results(answered)

    assert (results.responses, results.attended, results.rate) == (3, 5, 0.6)
    rating, choice, text = results.questions
    assert rating.mean == pytest.approx(11 / 3)
    assert [(bar.label, bar.count) for bar in rating.bars] == [("1", 0), ("2", 1), ("3", 0), ("4", 1), ("5", 1)]
    assert [(bar.label, bar.count, bar.width) for bar in choice.bars] == [("Có", 2, 100.0), ("Không", 1, 50.0)]
    assert text.texts == [(hanoi, "=1+1"), (lam_dong, "Kỹ năng viết tin")]
    assert (rating.answered, choice.answered, text.answered) == (3, 3, 2)


def test_results_per_province(answered, lam_dong, hanoi):
    rows = {row.province: row for row in surveys.survey_results(answered).provinces}
    assert (rows[lam_dong].responses, rows[lam_dong].attended, rows[lam_dong].mean) == (2, 3, 4.5)
    assert (rows[hanoi].responses, rows[hanoi].attended, rows[hanoi].mean) == (1, 2, 2.0)
    assert rows[lam_dong].means == [4.5]


def test_results_per_presentation_are_the_rating_questions_about_an_agenda_item(answered):
    item = factories.agenda_item(event=answered.event, title="Chuyên đề 1")
    rating_q = questions(answered)[0]
    rating_q.agenda_item = item
    rating_q.save()
    [presentation] = surveys.survey_results(answered).presentations
    assert (presentation.question.agenda_item, presentation.answered) == (item, 3)


def test_the_results_page_shows_rate_means_and_texts_with_the_province_but_no_delegate(answered):
    _user, registrar = factories.staff(REGISTRAR)
    response = registrar.get(results_url(answered.event))
    assert response.status_code == 200
    text = page_text(response)
    assert "60 %" in text
    assert "Mean 3.7 of 5" in text
    assert "Kỹ năng viết tin" in text
    assert '<rect class="bar-attended" width="100.0"' in text
    assert "style=" not in text
    for registration in Registration.objects.filter(event=answered.event):
        assert registration.code not in text
        assert registration.given_name not in text
        assert registration.phone not in text


def test_an_editor_may_not_see_the_results_and_a_visitor_is_sent_to_log_in(client, answered):
    _user, editor = factories.staff("editor")
    assert editor.get(results_url(answered.event)).status_code == 403
    response = client.get(results_url(answered.event))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_results_page_of_an_event_without_survey_says_so():
    _user, registrar = factories.staff(REGISTRAR)
    event = factories.event()
    response = registrar.get(results_url(event))
    assert "This event has no survey." in page_text(response)


def test_the_csv_has_one_row_per_response_with_province_date_and_each_question(answered):
    _user, registrar = factories.staff(REGISTRAR)
    response = registrar.get(results_url(answered.event, "survey-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert rows == [
        ["Province", "Date", "1. Công tác tổ chức", "2. Tham dự tiếp?", "3. Nội dung tiếp theo"],
        ["Thành phố Hà Nội", today, "2", "Có", "'=1+1"],
        ["Tỉnh Lâm Đồng", today, "4", "Không", ""],
        ["Tỉnh Lâm Đồng", today, "5", "Có", "Kỹ năng viết tin"],
    ]


def test_the_xlsx_keeps_a_formula_as_text_and_the_day_as_a_date(answered):
    _user, registrar = factories.staff(REGISTRAR)
    response = registrar.get(results_url(answered.event, "survey-xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row}
    assert cells["=1+1"].data_type == "s"
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet["B2"].value.date() == timezone.localdate()


@pytest.mark.parametrize("n", [1, 3])
def test_results_page_query_count_does_not_grow_with_responses(n, lam_dong, hanoi, django_assert_max_num_queries):
    event = training(lam_dong, hanoi)
    survey = survey_of(event)
    for i in range(n):
        registration = delegate(event, (lam_dong, hanoi)[i % 2])
        surveys.submit_answers(registration, answers(survey, text=f"Ý kiến {i}"))
    _user, registrar = factories.staff(REGISTRAR)
    # 5 for the session, user, device and permissions; 9 for the event, survey and figures
    with django_assert_max_num_queries(14):
        response = registrar.get(results_url(event))
    assert response.context["results"].responses == n


@pytest.mark.parametrize("n", [1, 3])
def test_csv_query_count_does_not_grow_with_responses(n, lam_dong, django_assert_max_num_queries):
    event = training(lam_dong)
    survey = survey_of(event)
    for _i in range(n):
        surveys.submit_answers(delegate(event, lam_dong), answers(survey))
    _user, registrar = factories.staff(REGISTRAR)
    with django_assert_max_num_queries(9):
        response = registrar.get(results_url(event, "survey-csv"))
    assert response.content.decode("utf-8-sig").count("\n") == n + 1


def test_survey_page_query_count(client, lam_dong, django_assert_max_num_queries):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    survey_of(event)
    with django_assert_max_num_queries(5):
        response = client.get(survey_url(registration))
    assert response.status_code == 200


def test_a_survey_without_questions_is_neither_offered_nor_answerable(client, lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    Survey.objects.create(event=event)  # made in the admin, its questions not added yet

    assert surveys.survey_access(registration) is None
    confirmation = client.get(reverse("portal:confirmation", args=[registration.code]))
    assert survey_url(registration) not in page_text(confirmation)
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.submit_answers(registration, {})
    assert refused.value.code == "no_survey"
    assert SurveyResponse.objects.count() == 0
