"""The evaluation survey: a delegate answers through the confirmation page's link (the code is the
credential, no login); registrars read the results and export the answers, with no delegate's name,
code or contact anywhere near an answer."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import exports, surveys
from ..models import Question, Survey
from .portal import delegate_by_code
from .staff import XLSX, _download, _event, staff_permission_required

VIEW_ANSWERS = "registrations.view_surveyresponse"
MAX_TEXT = 2000


class SurveyForm(forms.Form):
    """One field per question, named by its id: ratings and choices as radio buttons, texts as a text area."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        if question.kind == Question.Kind.RATING:
            return forms.TypedChoiceField(
                choices=[(n, str(n)) for n in surveys.RATINGS],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
                **common,
            )
        if question.kind == Question.Kind.CHOICE:
            return forms.ChoiceField(
                choices=[(choice, choice) for choice in question.choice_list],
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Choose one answer.")},
                **common,
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=MAX_TEXT,
            error_messages={"required": gettext_lazy("Write an answer.")},
            **common,
        )

    def rows(self):
        """(question, bound field) pairs, for the template to draw each kind its own way."""
        return [(question, self[f"q{question.pk}"]) for question in self.questions]

    def answers(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, code):
    """The survey for the delegate holding `code`, or a page that says why it takes no answers."""
    registration = delegate_by_code(code)
    access = surveys.survey_access(registration)
    if access is None:
        raise Http404
    context = {"registration": registration, "event": registration.event, "survey": access.survey}
    if not access.is_open:
        context["refusal"] = surveys.refusal(access)
        context["state"] = access.state
        return _page(request, context)
    data = request.POST if request.method == "POST" else None
    form = SurveyForm(data, questions=list(access.survey.questions.all()))
    if form.is_valid():
        try:
            surveys.submit_answers(registration, form.answers())
        except surveys.SurveyError as error:
            # Answered in another tab meanwhile, or closed since the page was opened.
            context.update({"refusal": error.message, "state": error.code})
            return _page(request, context, status=409 if error.code == "answered" else 400)
        return redirect("portal:survey", code=registration.code)
    context["form"] = form
    return _page(request, context, status=400 if form.is_bound else 200)


def _page(request, context, status=200):
    response = render(request, "registrations/surveys/answer.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _survey(slug) -> Survey:
    return get_object_or_404(Survey.objects.select_related("event"), event__slug=slug)


@staff_permission_required(VIEW_ANSWERS)
def results(request, slug):
    event = _event(slug)
    survey = Survey.objects.select_related("event").filter(event=event).first()
    context = {"event": event, "survey": survey}
    if survey is not None:
        context["results"] = surveys.survey_results(survey)
    return render(request, "registrations/surveys/results.html", context)


@staff_permission_required(VIEW_ANSWERS)
def export_csv(request, slug):
    survey = _survey(slug)
    content = exports.as_csv(*surveys.answer_rows(survey))
    return _download(content, filename=f"{survey.event.slug}-survey.csv", content_type="text/csv; charset=utf-8")


@staff_permission_required(VIEW_ANSWERS)
def export_xlsx(request, slug):
    survey = _survey(slug)
    content = exports.as_xlsx(_("Survey"), *surveys.answer_rows(survey))
    return _download(content, filename=f"{survey.event.slug}-survey.xlsx", content_type=XLSX)
