"""The admin of evaluation surveys: the registrar writes the questions (or starts from the default TTĐN
survey, an action on the list of events); answers are read on the staff results page, never here, so
no admin page lists responses next to anything that names a delegate."""

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from events.models import AgendaItem
from people.search import FoldedSearchMixin

from . import surveys
from .models import Question, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "kind", "text", "choices", "agenda_item", "required"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":
            # Only the presentations of the survey's own event; on the add page the event is not chosen yet.
            match = request.resolver_match  # None for a request that did not come through the URLs
            survey_id = match.kwargs.get("object_id") if match else None
            event = Survey.objects.filter(pk=survey_id).values("event") if str(survey_id).isdigit() else []
            kwargs["queryset"] = AgendaItem.objects.filter(event__in=event).select_related("speaker")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Survey)
class SurveyAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["event", "questions_count", "responses_count", "closes_at", "results"]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    folded_search_fields = ["event__search_text"]
    search_help_text = _("Event; diacritics and case do not matter.")
    fields = ["event", "intro", "closes_at", "results"]
    readonly_fields = ["results"]
    inlines = [QuestionInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_questions=Count("questions", distinct=True), n_responses=Count("responses", distinct=True))
        )

    @admin.display(description=_("questions"), ordering="n_questions")
    def questions_count(self, obj):
        return obj.n_questions

    @admin.display(description=_("responses"), ordering="n_responses")
    def responses_count(self, obj):
        return obj.n_responses

    @admin.display(description=_("results"))
    def results(self, obj):
        if obj.pk is None or not obj.event.slug:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("staff:survey", args=[obj.event.slug]), gettext("Results"))


def has_survey_permission(self, request):
    return request.user.has_perms(["registrations.add_survey", "registrations.add_question"])


@admin.action(description=_("Create the default TTĐN survey"), permissions=["survey"])
def create_default_survey(self, request, queryset):
    """An EventAdmin action: the default survey of each event chosen that has none yet."""
    created = 0
    for event in queryset:
        try:
            surveys.create_default_survey(event)
        except surveys.SurveyError as error:
            self.message_user(request, error.message, messages.WARNING)
        else:
            created += 1
    if created:
        message = ngettext(
            "%(count)d survey created; review its questions under Evaluation surveys.",
            "%(count)d surveys created; review their questions under Evaluation surveys.",
            created,
        )
        self.message_user(request, message % {"count": created}, messages.SUCCESS)
