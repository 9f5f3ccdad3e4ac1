from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    GIVEN_NAME_NEEDED,
    AcademicTitle,
    AcademicTitleChoice,
    Organisation,
    OrganisationChange,
    Person,
    Position,
    Province,
)
from .search import FoldedSearchMixin

# Titles and names run long in Vietnamese; the admin's default text box shows a third of them.
WIDE_TEXT_INPUTS = {models.CharField: {"widget": forms.TextInput(attrs={"style": "width: min(48em, 100%)"})}}


class HistoryAdmin(SimpleHistoryAdmin):
    """`SimpleHistoryAdmin` whose history pages answer 404, not a server error, to an id that cannot be one.

    simple-history looks up `<id>/history/` and `<id>/history/<version>/` with the raw text of the
    address, so "abc", or a number too large for the column, raised an error in the query.
    """

    def _valid_or_404(self, model, value):
        field = model._meta.pk
        try:
            value = field.to_python(unquote(value))
            field.run_validators(value)
        except (ValidationError, ValueError, TypeError) as error:
            raise Http404 from error
        return value

    def history_view(self, request, object_id, extra_context=None):
        self._valid_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._valid_or_404(self.model, object_id)
        self._valid_or_404(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class CurrentUnitFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("current units (34)")), ("no", _("former units"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "no":
            return queryset.filter(valid_to__isnull=False)
        return queryset


@admin.register(Province)
class ProvinceAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "valid_from", "valid_to", "successor"]
    list_display_links = ["name"]
    list_filter = [CurrentUnitFilter, "kind"]
    list_select_related = ["successor"]
    autocomplete_fields = ["successor"]
    list_per_page = 100


class PositionInline(admin.StackedInline):
    """Stacked, a few fields a line: the table of eight columns scrolled sideways in an 800 px pop-up."""

    model = Position
    extra = 1
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title", "title_en"),
                    "organisation",
                    ("start_date", "end_date"),
                    ("attested_on", "attested_precision"),
                ]
            },
        ),
        (None, {"fields": [("source", "order")]}),
    ]
    formfield_overrides = {
        models.CharField: {"widget": forms.TextInput(attrs={"style": "width: min(24em, 100%)"})},
        models.PositiveSmallIntegerField: {"widget": forms.NumberInput(attrs={"style": "width: 5em"})},
    }


class AcademicTitleInline(admin.TabularInline):
    model = AcademicTitle
    extra = 0
    fields = ["title", "held_from", "precision", "source"]
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"style": "width: 12em"})}}
    verbose_name_plural = _("academic titles, each from a date")


class AcademicTitleFilter(admin.SimpleListFilter):
    title = _("academic title")
    parameter_name = "academic_title"

    def lookups(self, request, model_admin):
        return AcademicTitleChoice.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(academic_titles__title=self.value()).distinct()
        return queryset


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = "__all__"  # noqa: DJ007 — the admin's fieldsets choose
        error_messages = {"given_name": {"required": GIVEN_NAME_NEEDED}}


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, HistoryAdmin):
    form = PersonForm
    list_display = ["__str__", "titles", "honorific"]
    list_filter = [AcademicTitleFilter, "honorific"]
    inlines = [AcademicTitleInline, PositionInline]
    fieldsets = [
        (None, {"fields": ["honorific", "family_name", "middle_name", "given_name", "slug"]}),
        (_("Portrait and biography"), {"fields": ["photo", "bio", "bio_en"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("academic_titles")

    @admin.display(description=_("academic titles"))
    def titles(self, person):
        return "; ".join(str(title) for title in person.academic_titles.all())


@admin.register(Position)
class PositionAdmin(FoldedSearchMixin, HistoryAdmin):
    list_display = ["person", "title", "organisation", "start_date", "end_date", "attested_on"]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]
    folded_search_fields = ["search_text", "person__search_text", "organisation__search_text"]
    date_hierarchy = "attested_on"


class ChangeInline(admin.TabularInline):
    model = OrganisationChange
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = _("later change")
    verbose_name_plural = _("lineage: what this organisation became")


class UnitInline(admin.TabularInline):
    model = Organisation
    fk_name = "parent"
    extra = 0
    fields = ["name", "abbreviation", "kind"]
    show_change_link = True
    verbose_name_plural = _("units")


@admin.register(Organisation)
class OrganisationAdmin(FoldedSearchMixin, HistoryAdmin):
    list_display = ["name", "abbreviation", "abbreviation_en", "kind", "parent", "province", "country"]
    list_filter = ["kind", "country"]
    list_select_related = ["parent", "province"]
    autocomplete_fields = ["parent", "province"]
    inlines = [ChangeInline, UnitInline]
    formfield_overrides = WIDE_TEXT_INPUTS
    fieldsets = [
        (None, {"fields": ["name", "name_en", "abbreviation", "abbreviation_en", "kind", "slug"]}),
        (_("Place"), {"fields": ["parent", "province", "country", "website"]}),
    ]


@admin.register(OrganisationChange)
class OrganisationChangeAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "successor", "date", "note"]
    list_filter = ["kind"]
    list_select_related = ["organisation", "successor"]
    autocomplete_fields = ["organisation", "successor"]
    date_hierarchy = "date"
