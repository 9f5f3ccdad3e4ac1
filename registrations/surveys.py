"""The evaluation survey of a training: the default TTĐN questions, answering once, and the results.

A delegate who attended answers once, from the event's last day (so the closing session can ask for it)
until the survey closes. Answers are anonymous to staff except for the province: the response holds the
province and the day, the receipt holds the registration, and nothing links the two. Reads here never
order responses by id either: ids are given in the order of the receipts, which name delegates.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from events.models import AgendaItem, Event
from people.models import Province
from people.text import clean_text

from .models import Answer, Attendance, Question, Registration, Survey, SurveyReceipt, SurveyResponse
from .reports import _province_key

Status = Registration.Status
Kind = Question.Kind
RATINGS = (1, 2, 3, 4, 5)
# Agenda items a delegate can rate as a presentation: thematic presentations and reports.
RATED_KINDS = (AgendaItem.Kind.PRESENTATION, AgendaItem.Kind.REPORT)


class SurveyError(Exception):
    """The survey cannot take these answers. `code` is for callers to branch on; the message is for people."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code
        self.message = message


# --- the registrar's side -------------------------------------------------------------------------

# Question texts are data in Vietnamese, as the registrar would type them: the survey is for delegates
# of Vietnamese provinces, and the registrar edits them in the admin.
SPEAKERS = "Đánh giá chung về báo cáo viên"
ORGANISATION = "Công tác tổ chức (địa điểm, thời gian, tài liệu)"
ANOTHER_TRAINING = "Anh/chị có muốn tham dự khóa tập huấn tiếp theo không?"
ANOTHER_TRAINING_CHOICES = "Có\nKhông\nChưa xác định"
NEXT_TRAINING = "Nội dung đề nghị tập huấn tiếp theo"


def presentation_question(item: AgendaItem) -> str:
    """The question on `item`: "Mức độ hữu ích của bài trình bày “<title>” (<speaker>)"."""
    speaker = item.speaker.full_name if item.speaker_id else ""
    if item.title:
        title = Truncator(item.title).chars(300)
        return f"Mức độ hữu ích của bài trình bày “{title}”" + (f" ({speaker})" if speaker else "")
    return f"Mức độ hữu ích của bài trình bày của {speaker}"


@transaction.atomic
def create_default_survey(event: Event) -> Survey:
    """The default TTĐN survey of `event`: a usefulness rating for each presentation and report of the
    agenda (with a title or a speaker), the speakers, the organisation, another training? and what next."""
    if Survey.objects.filter(event=event).exists():
        raise SurveyError(_("%(event)s already has a survey.") % {"event": event.title}, code="exists")
    survey = Survey.objects.create(event=event)
    items = (
        AgendaItem.objects.filter(event=event, kind__in=RATED_KINDS)
        .filter(~Q(title="") | Q(speaker__isnull=False))
        .select_related("speaker")
        .order_by("day", "order", "pk")
    )
    questions = [Question(kind=Kind.RATING, text=presentation_question(item), agenda_item=item) for item in items]
    questions += [
        Question(kind=Kind.RATING, text=SPEAKERS),
        Question(kind=Kind.RATING, text=ORGANISATION),
        Question(kind=Kind.CHOICE, text=ANOTHER_TRAINING, choices=ANOTHER_TRAINING_CHOICES),
        Question(kind=Kind.TEXT, text=NEXT_TRAINING, required=False),
    ]
    for order, question in enumerate(questions, start=1):
        question.survey = survey
        question.order = order
    Question.objects.bulk_create(questions)
    return survey


# --- the delegate's side --------------------------------------------------------------------------


def _attended() -> Q:
    """Registrations that came: checked in (the status) or with a day or session recorded."""
    return Q(status=Status.ATTENDED) | Q(status=Status.CONFIRMED, pk__in=Attendance.objects.values("registration_id"))


def attended_delegates(event: Event | int) -> QuerySet[Registration]:
    """The delegates of `event` (or the event's id) who attended: those who may answer its survey."""
    return Registration.objects.filter(_attended(), event=event)


def delegates_to_remind(survey: Survey) -> QuerySet[Registration]:
    """The delegates who attended and have not answered (no receipt): the survey notice and its one reminder
    go to them."""
    answered = SurveyReceipt.objects.filter(survey=survey, registration=OuterRef("pk"))
    return attended_delegates(survey.event_id).filter(~Exists(answered)).select_related("event", "province")


def opens_on(event: Event) -> date:
    """The day a survey starts taking answers: the event's last day."""
    return event.period[1]


@dataclass(frozen=True)
class SurveyAccess:
    """What a delegate's survey link leads to. `state` is "open", "answered", "closed", "not_yet" (before
    the event's last day) or "not_attended"."""

    survey: Survey
    state: str

    @property
    def is_open(self) -> bool:
        return self.state == "open"


def with_questions(survey: str = "pk") -> Exists:
    """Whether a survey (the outer query's `survey`: its key, or a relation to it) has a question: one
    without any (made in the admin, not filled in yet) is no survey to delegates, neither offered nor
    announced."""
    return Exists(Question.objects.filter(survey=OuterRef(survey)))


def survey_access(registration: Registration, *, now=None) -> SurveyAccess | None:
    """Whether `registration` may answer its event's survey now, and if not why; None without a survey
    (or with one of no question yet)."""
    now = now or timezone.now()
    survey = Survey.objects.filter(with_questions(), event=registration.event_id).select_related("event").first()
    if survey is None:
        return None
    if SurveyReceipt.objects.filter(survey=survey, registration=registration).exists():
        state = "answered"
    elif survey.closes_at and now >= survey.closes_at:
        state = "closed"
    elif timezone.localdate(now) < opens_on(survey.event):
        state = "not_yet"
    elif not Registration.objects.filter(_attended(), pk=registration.pk).exists():
        state = "not_attended"
    else:
        state = "open"
    return SurveyAccess(survey=survey, state=state)


def refusal(access: SurveyAccess) -> str:
    """Why `access` takes no answers, for the delegate."""
    survey = access.survey
    if access.state == "answered":
        return _("You have already answered this survey. Thank you.")
    if access.state == "closed":
        moment = date_format(timezone.localtime(survey.closes_at), "H:i d/m/Y")
        return _("This survey is closed: it took answers until %(time)s.") % {"time": moment}
    if access.state == "not_yet":
        day = date_format(opens_on(survey.event), "d/m/Y")
        return _("This survey opens on the last day of the event, %(day)s.") % {"day": day}
    return _("This survey is for delegates who attended the event.")


def _answer(question: Question, value) -> Answer | None:
    """The answer to `question` from a cleaned value (a rating 1–5, a choice or a text), or None if empty."""
    if value in (None, ""):
        if question.required:
            raise SurveyError(_("Answer the question “%(question)s”.") % {"question": question.text}, code="required")
        return None
    if question.kind == Kind.RATING:
        if value not in RATINGS:
            raise SurveyError(_("A rating is a number from 1 to 5."), code="invalid")
        return Answer(question=question, rating=value)
    if question.kind == Kind.CHOICE:
        if value not in question.choice_list:
            raise SurveyError(_("Choose one of the answers offered."), code="invalid")
        return Answer(question=question, choice=value)
    # bulk_create sends no pre_save signal, so the record's cleaning (people.text) is applied here.
    return Answer(question=question, text=clean_text(value, multiline=True))


def submit_answers(registration: Registration, answers: dict[int, object], *, now=None) -> SurveyResponse:
    """Record `registration`'s answers (question id → rating, choice or text): a receipt for the delegate,
    and a response with the province and the day only. Once: a second submission, even one arriving at
    the same moment, is refused by the receipt's unique constraint and saves nothing."""
    now = now or timezone.now()
    access = survey_access(registration, now=now)
    if access is None:
        raise SurveyError(_("This event has no survey."), code="no_survey")
    if not access.is_open:
        raise SurveyError(refusal(access), code=access.state)
    survey = access.survey
    given = [_answer(question, answers.get(question.pk)) for question in survey.questions.all()]
    given = [answer for answer in given if answer is not None]
    try:
        with transaction.atomic():
            SurveyReceipt.objects.create(survey=survey, registration=registration)
            response = SurveyResponse.objects.create(
                survey=survey, province_id=registration.province_id, submitted_on=timezone.localdate(now)
            )
            for answer in given:
                answer.response = response
            Answer.objects.bulk_create(given)
    except IntegrityError as error:
        raise SurveyError(refusal(SurveyAccess(survey, "answered")), code="answered") from error
    return response


# --- results --------------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    count: int
    width: float = 0.0  # per cent of the largest bar of its chart


def _scaled(bars: list[Bar]) -> list[Bar]:
    largest = max((bar.count for bar in bars), default=0) or 1
    for bar in bars:
        bar.width = round(100 * bar.count / largest, 1)
    return bars


def _mean(distribution: Counter) -> float | None:
    count = sum(distribution.values())
    return sum(rating * n for rating, n in distribution.items()) / count if count else None


@dataclass
class QuestionResult:
    number: int
    question: Question
    answered: int = 0
    mean: float | None = None
    bars: list[Bar] = field(default_factory=list)  # ratings 1–5 or the choices, with their counts
    texts: list[tuple[Province, str]] = field(default_factory=list)  # (province, text): no name


@dataclass
class ProvinceResult:
    province: Province
    responses: int
    attended: int
    means: list[float | None]  # per rating question, in the order of `SurveyResults.rating_questions`
    mean: float | None  # of all its ratings

    @property
    def rate(self) -> float | None:
        return self.responses / self.attended if self.attended else None


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    attended: int
    questions: list[QuestionResult]
    provinces: list[ProvinceResult]

    @property
    def rate(self) -> float | None:
        """Responses per attended delegate."""
        return self.responses / self.attended if self.attended else None

    @property
    def rating_questions(self) -> list[QuestionResult]:
        return [result for result in self.questions if result.question.kind == Kind.RATING]

    @property
    def presentations(self) -> list[QuestionResult]:
        """The rating questions about one presentation of the agenda."""
        return [result for result in self.rating_questions if result.question.agenda_item_id]


def survey_results(survey: Survey) -> SurveyResults:
    """Every figure of the results page, in a fixed number of queries however many responses there are."""
    questions = list(survey.questions.select_related("agenda_item__speaker"))
    answers = Answer.objects.filter(response__survey=survey)
    ratings = answers.filter(rating__isnull=False).values_list("response__province", "question", "rating")
    by_province: dict[int, dict[int, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for province_id, question_id, rating, n in ratings.annotate(n=Count("pk")).order_by():
        by_province[province_id][question_id][rating] += n
    choices = Counter(
        {
            (question_id, choice): n
            for question_id, choice, n in answers.exclude(choice="")
            .values_list("question", "choice")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    texts = defaultdict(list)
    for question_id, province_id, text in answers.exclude(text="").values_list(
        "question", "response__province", "text"
    ):
        texts[question_id].append((province_id, text))
    responses = dict(survey.responses.values_list("province").annotate(n=Count("pk")).order_by())
    attended = dict(attended_delegates(survey.event_id).values_list("province").annotate(n=Count("pk")).order_by())
    provinces = Province.objects.in_bulk({*responses, *attended, *by_province})

    results = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(number=number, question=question)
        if question.kind == Kind.RATING:
            distribution = sum((counts[question.pk] for counts in by_province.values()), Counter())
            result.bars = _scaled([Bar(str(rating), distribution[rating]) for rating in RATINGS])
            result.mean = _mean(distribution)
        elif question.kind == Kind.CHOICE:
            offered = question.choice_list
            # A choice the registrar removed after answers came in is still counted.
            given = sorted({c for q, c in choices if q == question.pk and c not in offered})
            result.bars = _scaled([Bar(choice, choices[question.pk, choice]) for choice in offered + given])
        else:
            # By province, then the text itself: never in the order answers came in.
            rows = [(provinces[p], text) for p, text in texts[question.pk]]
            result.texts = sorted(rows, key=lambda row: (_province_key(row[0]), row[1]))
        result.answered = sum(bar.count for bar in result.bars) or len(result.texts)
        results.append(result)

    rating_ids = [result.question.pk for result in results if result.question.kind == Kind.RATING]
    rows = []
    for province in sorted(provinces.values(), key=_province_key):
        counts = by_province.get(province.pk, {})
        means = [_mean(counts.get(question_id, Counter())) for question_id in rating_ids]
        rows.append(
            ProvinceResult(
                province=province,
                responses=responses.get(province.pk, 0),
                attended=attended.get(province.pk, 0),
                means=means,
                mean=_mean(sum(counts.values(), Counter())),
            )
        )
    return SurveyResults(
        survey=survey,
        responses=sum(responses.values()),
        attended=sum(attended.values()),
        questions=results,
        provinces=rows,
    )


def answer_rows(survey: Survey) -> tuple[list[str], list[list]]:
    """The header and one row per response for an export: province, day, then each question's answer.

    Rows are sorted by province, day and content, never by id (see the module's docstring)."""
    questions = list(survey.questions.all())
    header = [_("Province"), _("Date"), *(f"{n}. {q.text}" for n, q in enumerate(questions, start=1))]
    responses = survey.responses.select_related("province").prefetch_related("answers")
    rows = []
    for response in responses:
        given = {answer.question_id: answer for answer in response.answers.all()}
        cells = []
        for question in questions:
            answer = given.get(question.pk)
            cells.append("" if answer is None else answer.rating or answer.choice or answer.text)
        rows.append((_province_key(response.province), response.province.name, response.submitted_on, cells))
    rows.sort(key=lambda row: (row[0], row[2], [str(cell) for cell in row[3]]))
    return header, [[name, day, *cells] for _key, name, day, cells in rows]
