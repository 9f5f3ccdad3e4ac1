from datetime import date
from functools import cache

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, Max, Min
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from people.admin import WIDE_TEXT_INPUTS, HistoryAdmin
from people.search import FoldedSearchMixin

from . import services
from .admin_forms import NewPeopleFormSet, NewPersonForm, OrganiserForm, OrganiserFormSet
from .models import (
    AgendaItem,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventRelation,
    EventSeries,
    Outcome,
    ParticipantGroup,
    Photo,
    Source,
)
from .search import RankedSearchMixin, search_events

# Inline rows: a summary in two lines, not ten.
COMPACT_TEXT_AREAS = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


def thumbnail_tag(photo):
    if not photo.thumbnail:
        return "—"
    return format_html('<img src="{}" alt="{}" style="max-height:80px">', photo.thumbnail.url, photo.caption)


class OrganiserInline(admin.TabularInline):
    model = EventOrganiser
    form = OrganiserForm
    formset = OrganiserFormSet
    extra = 0
    autocomplete_fields = ["organisation"]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["order", "kind", "speaker", "title", "title_en", "summary", "summary_en"]
    fields += ["day", "starts_at", "ends_at", "part_of_day", "room"]
    # Times and room narrow: hh:mm fits in five characters, a room in ten.
    formfield_overrides = {
        **COMPACT_TEXT_AREAS,
        models.TimeField: {"widget": forms.TimeInput(format="%H:%M", attrs={"size": 5, "placeholder": "08:00"})},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "room":
            field.widget.attrs["size"] = 10
        return field


class OfficialInline(admin.TabularInline):
    model = EventOfficial
    extra = 0
    autocomplete_fields = ["person"]


class NewPeopleInline(admin.StackedInline):
    """People not yet recorded, entered on the event's page: no pop-up, saved with the event."""

    model = AgendaItem
    form = NewPersonForm
    formset = NewPeopleFormSet
    extra = 0
    can_delete = False
    classes = ["ttdn-new-people"]
    verbose_name = _("new person")
    verbose_name_plural = _("new people: speakers and officials not yet recorded, saved with the event")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("honorific", "academic_title", "family_name", "middle_name", "given_name", "namesake"),
                    ("post_title", "organisation"),
                    ("new_organisation", "new_organisation_kind"),
                    ("part", "talk_title"),
                ],
            },
        )
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and request.user.has_perms(
            ["people.add_person", "people.add_position", "events.add_eventofficial"]
        )

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class ParticipantGroupInline(admin.TabularInline):
    model = ParticipantGroup
    extra = 0


class OutcomeFormSet(forms.BaseInlineFormSet):
    """Provinces an outcome names are the units of the event's day, as the event's own province."""

    def clean(self):
        super().clean()
        for form in self.forms:
            provinces = getattr(form, "cleaned_data", {}).get("provinces")
            if provinces and not form.cleaned_data.get("DELETE"):
                try:
                    Outcome.validate_provinces(provinces, self.instance)
                except ValidationError as error:
                    form.add_error("provinces", error)


class OutcomeInline(admin.StackedInline):
    model = Outcome
    formset = OutcomeFormSet
    extra = 0
    autocomplete_fields = ["directive", "provinces", "organisations"]
    fields = [("order", "kind", "directive"), "description", "description_en", ("provinces", "organisations")]


class DirectiveLinkInline(admin.TabularInline):
    model = EventDirective
    extra = 0
    autocomplete_fields = ["directive"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["preview", "image", "caption", "caption_en", "credit", "order"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail_tag(obj)


class SourceInline(admin.StackedInline):
    model = Source
    extra = 0
    fields = [
        ("publisher", "published_on"),
        "title",
        ("author", "credit"),
        "url",
        ("delegates_qualifier", "delegates"),
        ("provinces_qualifier", "provinces"),
        ("sites_qualifier", "sites"),
    ]


class EventRelationInline(admin.TabularInline):
    """Relations read from this event ("followed by AMRI-14"); the other event's page shows the inverse."""

    model = EventRelation
    fk_name = "from_event"
    extra = 0
    autocomplete_fields = ["to_event"]
    fields = ["kind", "to_event"]


def action_form_page(model_admin, request, queryset, *, form, action, title, explanation, submit_label):
    """The intermediate page of an action that asks something first; posting it runs the action again."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "explanation": explanation,
        "submit_label": submit_label,
        "queryset": queryset,
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": model_admin.model._meta,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/events/action_form.html", context)


def submitted_form(request, form_class):
    """The action's form bound to the POST once its intermediate page was sent, else unbound."""
    return form_class(request.POST) if "apply" in request.POST else form_class()


class _YearsFromTheIndex:
    """A queryset whose years (`dates(field, "year")`, the date hierarchy's first links) are read as one
    EXISTS per year between the first and last dates, each answered by the date index: Django's
    DISTINCT over every row read 100,000 index entries (45 ms) to find eleven years."""

    def dates(self, field_name, kind, order="ASC"):
        if kind != "year" or order != "ASC":
            return super().dates(field_name, kind, order)
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        probes = {
            f"y{year}": Exists(self.filter(**{f"{field_name}__year": year}))
            for year in range(bounds["first"].year, bounds["last"].year + 1)
        }
        found = self.model._default_manager.order_by().annotate(**probes).values(*probes).first()
        return [date(int(name[1:]), 1, 1) for name, exists in found.items() if exists]


@cache
def _with_years_from_the_index(cls):
    return type(f"YearsFromTheIndex{cls.__name__}", (_YearsFromTheIndex, cls), {})


class _ChangeListWithoutDatesWhenSearching(ChangeList):
    """A changelist that drops the date hierarchy while a search is active: its links were one more
    pass over every match (the search ran three times: dates, count, page); without a search, the
    hierarchy's years come from the index (_YearsFromTheIndex)."""

    def get_filters(self, request):
        if self.query:
            self.date_hierarchy = None
        return super().get_filters(request)

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if not self.query:
            queryset = queryset._chain()
            queryset.__class__ = _with_years_from_the_index(type(queryset))
        return queryset


# How far the admin counts a search's matches (a multiple of the changelist's 100 rows a page): past it
# the changelist says "more than 1000 events" and offers no page further. An exact count grows with the
# matches: "bien dao" (10,000 of 100,000 events) took 37 ms, its first 1,001 take 9 ms.
SEARCH_COUNT_CAP = 1000


class _SearchPaginator(Paginator):
    """A paginator of a search's matches that counts one row past SEARCH_COUNT_CAP at most: `capped`
    when there are more, and then `count` is the cap, so the pages end there."""

    capped = False

    @cached_property
    def count(self):
        cap = SEARCH_COUNT_CAP
        # Unordered: which matches are counted does not matter, and the date order would sort them all.
        found = self.object_list.order_by()[: cap + 1].count()
        self.capped = found > cap
        return min(found, cap)


@admin.register(Event)
class EventAdmin(FoldedSearchMixin, HistoryAdmin):
    list_display = ["title", "date", "kind", "status", "province", "country", "series"]
    list_filter = ["status", "kind", "series", "date_precision"]
    list_select_related = ["province", "series"]
    date_hierarchy = "start_date"
    # "12 results (100,000 total)" counted every event again on each search and filter.
    show_full_result_count = False
    autocomplete_fields = ["series", "province"]
    actions = ["publish", "unpublish"]
    save_on_top = True
    formfield_overrides = WIDE_TEXT_INPUTS
    inlines = [
        OrganiserInline,
        AgendaInline,
        OfficialInline,
        NewPeopleInline,
        ParticipantGroupInline,
        OutcomeInline,
        DirectiveLinkInline,
        PhotoInline,
        SourceInline,
        EventRelationInline,
    ]
    fieldsets = [
        (None, {"fields": ["kind", "status", "title", "title_en", "slug", ("series", "edition")]}),
        (_("When"), {"fields": [("start_date", "end_date"), ("date_precision", "part_of_day")]}),
        (_("Where"), {"fields": ["venue", "city", "province", "country"]}),
        (
            _("Content"),
            {"fields": ["theme", "theme_en", "summary", "summary_en", ("participant_count", "province_count")]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_changelist(self, request, **kwargs):
        return _ChangeListWithoutDatesWhenSearching

    def get_search_results(self, request, queryset, search_term):
        # The public search's full-text index (events/search.py), not a LIKE over every event's text, in
        # its own order (best of the newest first, walked by the index on PostgreSQL) unless the user
        # sorted by a column: the changelist orders the rows before it searches them.
        if not search_term.strip():
            return queryset, False
        found = search_events(queryset, search_term, prefix_last="field_name" in request.GET)
        if request.GET.get(ORDER_VAR):
            found = found.order_by(*queryset.query.order_by)
        return found, False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # A search's matches (the changelist's and the autocomplete's) are counted to a cap.
        paginator = _SearchPaginator if isinstance(queryset, RankedSearchMixin) else self.paginator
        return paginator(queryset, per_page, orphans, allow_empty_first_page)

    @admin.display(description=_("date"), ordering="start_date")
    def date(self, obj):
        return obj.display_date

    def get_urls(self):
        # "Add event from an article" (issue 14), before the change page's catch-all "<id>/".
        from .admin_articles import ArticleViews

        return ArticleViews(self).urls() + super().get_urls()

    @admin.action(description=_("Publish selected events"))
    def publish(self, request, queryset):
        count = services.publish_events(queryset)
        self.message_user(
            request, ngettext("%d event published.", "%d events published.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish selected events (back to draft)"))
    def unpublish(self, request, queryset):
        count = services.unpublish_events(queryset)
        self.message_user(
            request, ngettext("%d event unpublished.", "%d events unpublished.", count) % count, messages.SUCCESS
        )


@admin.register(EventSeries)
class EventSeriesAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation"]


class EventPartAdmin(FoldedSearchMixin, admin.ModelAdmin):
    """Parts of an event, also listed on their own to review them across events."""

    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    folded_search_fields = ["event__search_text"]


@admin.register(EventOrganiser)
class EventOrganiserAdmin(EventPartAdmin):
    list_display = ["organisation", "role", "event"]
    list_select_related = ["event", "organisation"]
    list_filter = ["role"]
    autocomplete_fields = ["event", "organisation"]


@admin.register(AgendaItem)
class AgendaItemAdmin(EventPartAdmin):
    list_display = ["__str__", "kind", "speaker", "event"]
    list_select_related = ["event", "speaker"]
    list_filter = ["kind"]
    autocomplete_fields = ["event", "speaker"]


@admin.register(EventOfficial)
class EventOfficialAdmin(EventPartAdmin):
    list_display = ["person", "role", "event"]
    list_select_related = ["event", "person"]
    list_filter = ["role"]
    autocomplete_fields = ["event", "person"]


@admin.register(ParticipantGroup)
class ParticipantGroupAdmin(EventPartAdmin):
    list_display = ["description", "count", "event"]


@admin.register(Outcome)
class OutcomeAdmin(EventPartAdmin):
    list_display = ["__str__", "kind", "directive", "event"]
    list_select_related = ["event", "directive"]
    list_filter = ["kind"]
    autocomplete_fields = ["event", "directive"]


@admin.register(EventDirective)
class EventDirectiveAdmin(EventPartAdmin):
    list_display = ["directive", "relation", "event"]
    list_select_related = ["event", "directive"]
    list_filter = ["relation"]
    autocomplete_fields = ["event", "directive"]


@admin.register(Photo)
class PhotoAdmin(EventPartAdmin):
    list_display = ["preview", "caption", "credit", "event"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail_tag(obj)


@admin.register(Source)
class SourceAdmin(EventPartAdmin):
    list_display = ["publisher", "title", "author", "published_on", "event"]
    list_filter = ["publisher"]
    date_hierarchy = "published_on"
