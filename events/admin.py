from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from people.admin import WIDE_TEXT_INPUTS
from people.search import FoldedSearchMixin

from . import services
from .models import (
    AgendaItem,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventSeries,
    Outcome,
    ParticipantGroup,
    Photo,
    Source,
)


def thumbnail_tag(photo):
    if not photo.thumbnail:
        return "—"
    return format_html('<img src="{}" alt="{}" style="max-height:80px">', photo.thumbnail.url, photo.caption)


class OrganiserInline(admin.TabularInline):
    model = EventOrganiser
    extra = 1
    autocomplete_fields = ["organisation"]


class AgendaInline(admin.StackedInline):
    model = AgendaItem
    extra = 1
    autocomplete_fields = ["speaker"]
    fields = [("order", "kind", "speaker"), "title", "title_en", "summary", "summary_en"]


class OfficialInline(admin.TabularInline):
    model = EventOfficial
    extra = 0
    autocomplete_fields = ["person"]


class ParticipantGroupInline(admin.TabularInline):
    model = ParticipantGroup
    extra = 0


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 0
    autocomplete_fields = ["directive"]
    fields = [("order", "kind", "directive"), "description", "description_en"]


class DirectiveLinkInline(admin.TabularInline):
    model = EventDirective
    extra = 1
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
    fields = [("publisher", "published_on"), "title", ("author", "credit"), "url"]


@admin.register(Event)
class EventAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["title", "date", "kind", "status", "province", "country", "series"]
    list_filter = ["status", "kind", "series", "date_precision"]
    list_select_related = ["province", "series"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["series", "province", "related_events"]
    actions = ["publish", "unpublish"]
    save_on_top = True
    formfield_overrides = WIDE_TEXT_INPUTS
    inlines = [
        OrganiserInline,
        AgendaInline,
        OfficialInline,
        ParticipantGroupInline,
        OutcomeInline,
        DirectiveLinkInline,
        PhotoInline,
        SourceInline,
    ]
    fieldsets = [
        (None, {"fields": ["kind", "status", "title", "title_en", "slug", ("series", "edition")]}),
        (_("When"), {"fields": [("start_date", "end_date"), ("date_precision", "part_of_day")]}),
        (_("Where"), {"fields": ["venue", "city", "province", "country"]}),
        (
            _("Content"),
            {"fields": ["theme", "theme_en", "summary", "summary_en", ("participant_count", "province_count")]},
        ),
        (_("Related events"), {"fields": ["related_events"]}),
    ]

    @admin.display(description=_("date"), ordering="start_date")
    def date(self, obj):
        return obj.display_date

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
