import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from briefings.models import Directive
from people.models import Organisation, Province
from people.queries import units_within

from .models import Event, EventSeries


class EventFilter(django_filters.FilterSet):
    """The public event list's filters; every value is in the URL, so a result can be shared."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    year = django_filters.NumberFilter(
        field_name="start_date",
        lookup_expr="year",
        label=_("Year"),
        min_value=1,
        max_value=9999,
        widget=forms.NumberInput(attrs={"min": 1990}),
    )
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, label=_("Kind"), empty_label=_("All kinds"))
    organiser = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(organised__event__status=Event.Status.PUBLISHED).distinct(),
        to_field_name="slug",
        field_name="organisers__organisation",
        label=_("Organiser"),
        empty_label=_("All organisers"),
    )
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.current().order_by("name"),
        to_field_name="code",
        method="filter_province",
        label=_("Province (today's units)"),
        empty_label=_("All provinces"),
    )
    directive = django_filters.ModelChoiceFilter(
        queryset=Directive.objects.filter(event_links__event__status=Event.Status.PUBLISHED).distinct(),
        to_field_name="slug",
        field_name="directive_links__directive",
        label=_("Directive"),
        empty_label=_("All directives"),
    )
    series = django_filters.ModelChoiceFilter(
        queryset=EventSeries.objects.all(),
        to_field_name="slug",
        label=_("Series"),
        empty_label=_("All series"),
    )
    sort = django_filters.OrderingFilter(
        fields=[("start_date", "date")],
        choices=[("-date", _("Newest first")), ("date", _("Oldest first"))],
        label=_("Order"),
        empty_label=None,
    )

    class Meta:
        model = Event
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_province(self, queryset, name, value):
        # Today's Lâm Đồng also finds the 2024 event in the old Tỉnh Lâm Đồng and those in Đắk Nông.
        return queryset.filter(province__in=units_within(value))

    @property
    def qs(self):
        # A join through organisers or directives would repeat an event.
        return super().qs.distinct()


class DirectiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(choices=Directive.Kind.choices, label=_("Kind"), empty_label=_("All kinds"))
    issuer = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(directives__isnull=False).distinct(),
        to_field_name="slug",
        label=_("Issuer"),
        empty_label=_("All issuers"),
    )
    year = django_filters.NumberFilter(
        field_name="issue_date", lookup_expr="year", label=_("Year"), min_value=1, max_value=9999
    )

    class Meta:
        model = Directive
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)
