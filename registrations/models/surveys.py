"""The evaluation survey of a training: questions set by the registrar, answered once per delegate.

Answers are anonymous to staff except for the province: a response records the province and the
answers, and a separate receipt records that a delegate answered (so nobody answers twice), with
nothing linking the two.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import AgendaItem, Event
from people.models import Province

from .delegates import Registration


class Survey(models.Model):
    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="survey", verbose_name=_("event"))
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the questions."))
    closes_at = models.DateTimeField(
        _("answers close"), null=True, blank=True, help_text=_("Empty: answers are taken until the survey is removed.")
    )

    class Meta:
        verbose_name = _("evaluation survey")
        verbose_name_plural = _("evaluation surveys")

    def __str__(self):
        return str(self.event)


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("rating 1–5")
        CHOICE = "choice", _("single choice")
        TEXT = "text", _("free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RATING)
    text = models.CharField(_("question"), max_length=500)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a single choice: one choice a line."))
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_questions",
        verbose_name=_("presentation"),
        help_text=_("For a question about one presentation of the agenda."),
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("province")
    )
    # The day only: a time would let staff match a response to a delegate's receipt or visit.
    submitted_on = models.DateField(_("submitted on"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.survey} · {self.province}"


class Answer(models.Model):
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    choice = models.CharField(_("choice"), max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once_a_question")]

    def __str__(self):
        return f"{self.question}: {self.rating or self.choice or self.text}"


class SurveyReceipt(models.Model):
    """That a delegate answered: nobody answers twice, and reminders go only to those who did not."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("survey"))
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="survey_receipts", verbose_name=_("registration")
    )

    class Meta:
        verbose_name = _("survey receipt")
        verbose_name_plural = _("survey receipts")
        constraints = [models.UniqueConstraint(fields=["survey", "registration"], name="survey_answered_once")]

    def __str__(self):
        return f"{self.survey} · {self.registration_id}"
