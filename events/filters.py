import secrets
from html import escape

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from briefings.models import Directive
from people.models import Organisation, Province
from people.queries import units_within
from people.text import english_place_name, has_vietnamese_letters, vietnamese_sort_key

from .cache import remember
from .models import Event, EventDirective, EventOrganiser, EventSeries
from .search import public_matches, search_events


class Select(forms.Select):
    """A select written out in Python: Django's renders a template per option, and escaping through
    its lazy-aware helpers, which took most of the event list's time with a hundred organisers.

    `options_key` names a list of choices that does not change while public content does not (the event
    list's organisers, provinces and series, events.cache.remember keeps them): their options are written
    once per process and key, and only `selected` is added per request."""

    def __init__(self, attrs=None, choices=(), options_key=None):
        super().__init__(attrs, choices)
        self.options_key = options_key

    def _options(self, choices) -> str:
        return "".join(
            f'<option value="{escape(str(v))}"'
            f"{LANG_VI if isinstance(label, VietnameseLabel) else ''}>{escape(str(label))}</option>"
            for v, label in choices
        )

    def render(self, name, value, attrs=None, renderer=None):
        if self.options_key is None:
            options = self._options(self.choices)
        else:
            options = _WRITTEN_OPTIONS.get(self.options_key)
            if options is None:
                if len(_WRITTEN_OPTIONS) >= 32:  # keys of earlier versions of the content
                    _WRITTEN_OPTIONS.clear()
                options = _WRITTEN_OPTIONS[self.options_key] = self._options(self.choices)
        for chosen in {str(v) for v in self.format_value(value)}:
            # The value's closing quote makes the match exact: "ha" is not the start of "ha-noi".
            start = f'<option value="{escape(chosen)}"'
            options = options.replace(start, f"{start} selected", 1)
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # every part escaped above


# {(choices' key, field name): its options' HTML}; see Select.
_WRITTEN_OPTIONS: dict[tuple[str, str], str] = {}
LANG_VI = ' lang="vi"'


class _InputInPython:
    """An input written out in Python, as Select is: Django's renders two templates per input."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        attrs = {**self.build_attrs(self.attrs, attrs), "type": self.input_type, "name": name}
        if value is not None:
            attrs["value"] = value
        return mark_safe(f"<input{flatatt(attrs)}>")  # flatatt escapes every value


class TextInput(_InputInPython, forms.TextInput):
    pass


class NumberInput(_InputInPython, forms.NumberInput):
    pass


class VietnameseLabel(str):
    """An option's label that exists only in Vietnamese, on an English page: its option says `lang="vi"`."""


class SharedChoiceField(django_filters.fields.ChoiceField):
    """A choice field whose form copies share its options: they are never changed per request, and
    deep-copying the two hundred of them for every form was a millisecond of the event list."""

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


class SharedChoiceFilter(django_filters.ChoiceFilter):
    field_class = SharedChoiceField


def _label(name: str, abbreviation: str, name_en: str, abbreviation_en: str, language: str) -> str:
    """ "Bộ Thông tin và Truyền thông (Bộ TT&TT)"; on an English page "Ministry of … (MIC)", or the
    Vietnamese as a VietnameseLabel where no English is recorded."""
    if language != "vi" and name_en:
        abbreviation = abbreviation_en or (abbreviation if not has_vietnamese_letters(abbreviation) else "")
        return f"{name_en} ({abbreviation})" if abbreviation else name_en
    label = f"{name} ({abbreviation})" if abbreviation else name
    return VietnameseLabel(label) if language != "vi" and has_vietnamese_letters(label) else label


def _filter_choices() -> dict:
    """Plain (value, label) lists in the page's language, in Vietnamese alphabetical order (provinces
    without their "Tỉnh" / "Thành phố"); kept per language (events.cache.remember). Not model choice
    fields: those run their query again, through a server-side cursor, each time a select is rendered."""
    language = get_language()
    # The organiser rows' copy of the event's publication: one entry of their (organisation, published,
    # date) index per organisation, where testing each event's status probed every unpublished one first.
    published_by = EventOrganiser.objects.filter(organisation=OuterRef("pk"), event_published=True)
    organisers = Organisation.objects.filter(Exists(published_by)).only(
        "slug", "name", "abbreviation", "name_en", "abbreviation_en"
    )
    provinces = sorted(
        Province.objects.current().only("code", "name", "kind"), key=lambda p: vietnamese_sort_key(p.name)
    )
    series = EventSeries.objects.only("slug", "name", "abbreviation", "name_en")
    choices = {
        "organiser": [
            (o.slug, _label(o.name, o.abbreviation, o.name_en, o.abbreviation_en, language)) for o in organisers
        ],
        "province": [(p.code, p.name if language == "vi" else english_place_name(p.name, p.kind)) for p in provinces],
        # A series' abbreviation (AMRI) is the same in both languages.
        "series": [(s.slug, _label(s.name, s.abbreviation, s.name_en, s.abbreviation, language)) for s in series],
    }
    for name in ("organiser", "series"):
        choices[name].sort(key=lambda choice: vietnamese_sort_key(choice[1]))
    # Names these lists for their options written once (Select), per language and version of the content.
    choices["key"] = secrets.token_hex(8)
    return choices


class EventFilter(django_filters.FilterSet):
    """The public event list's filters; every value is in the URL, so a result can be shared."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text", widget=TextInput)
    year = django_filters.NumberFilter(
        field_name="start_date",
        lookup_expr="year",
        label=_("Year"),
        min_value=1,
        max_value=9999,
        widget=NumberInput(attrs={"min": 1990}),
    )
    kind = SharedChoiceFilter(choices=Event.Kind.choices, label=_("Kind"), empty_label=_("All kinds"), widget=Select)
    # The choices of these four are filled in by __init__.
    organiser = SharedChoiceFilter(
        method="filter_organiser", label=_("Organiser"), empty_label=_("All organisers"), widget=Select
    )
    province = SharedChoiceFilter(
        method="filter_province", label=_("Province (today's units)"), empty_label=_("All provinces"), widget=Select
    )
    directive = SharedChoiceFilter(
        method="filter_directive", label=_("Directive"), empty_label=_("All directives"), widget=Select
    )
    series = SharedChoiceFilter(
        field_name="series__slug", label=_("Series"), empty_label=_("All series"), widget=Select
    )
    sort = django_filters.OrderingFilter(
        fields=[("start_date", "date")],
        choices=[("-date", _("Newest first")), ("date", _("Oldest first"))],
        label=_("Order"),
        empty_label=None,
        widget=Select,
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        choices = remember("event-filter-choices", _filter_choices)
        for name in ("organiser", "province", "series"):
            self.filters[name].extra["choices"] = choices[name]
            self.filters[name].extra["widget"] = Select(options_key=(choices["key"], name))
        # Hundreds of directives as options were most of the page: the select holds only the directive
        # in the address (a reader comes from its page), so any directive still filters.
        # A value with NUL is no slug (PostgreSQL would refuse the query): left out, it fails as no choice.
        chosen = self.data.get("directive")
        directives = Directive.objects.filter(slug=chosen) if chosen and "\x00" not in chosen else []
        self.filters["directive"].extra["choices"] = [(d.slug, str(d)) for d in directives]

    def rows_to_count(self):
        """The rows the list counts (queries.count_of_filtered): the filtered events, unordered; for a
        text search and no other filter, the public index rows it matches where the engine gives them."""
        chosen = {name for name, value in self.form.cleaned_data.items() if value}
        if chosen <= {"q", "sort"} and "q" in chosen:
            matches = public_matches(self.form.cleaned_data["q"])
            if matches is not None:
                return matches
        # Unordered: which rows are counted does not matter, and ordering them sorted every match
        # ("bien dao": 10,000 of 100,000 events, 120 ms).
        return self.qs.order_by()

    def filter_text(self, queryset, name, value):
        # Best first (events/search.py); a `sort` chosen too orders after this filter, so it wins. The
        # list's events are the public ones (queries.events_for_list()).
        return search_events(queryset, value, public=True)

    def filter_province(self, queryset, name, value):
        # Today's Lâm Đồng also finds the 2024 event in the old Tỉnh Lâm Đồng and those in Đắk Nông.
        return queryset.filter(province__in=units_within(Province.objects.current().get(code=value)))

    # Exists rather than a join, so an event with two organisers or directives is listed once without
    # DISTINCT, which sorted every column of every matching event.
    def filter_organiser(self, queryset, name, value):
        return queryset.filter(Exists(EventOrganiser.objects.filter(event=OuterRef("pk"), organisation__slug=value)))

    def filter_directive(self, queryset, name, value):
        return queryset.filter(Exists(EventDirective.objects.filter(event=OuterRef("pk"), directive__slug=value)))


class DirectiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = SharedChoiceFilter(choices=Directive.Kind.choices, label=_("Kind"), empty_label=_("All kinds"))
    issuer = django_filters.ModelChoiceFilter(
        # A semi-join: joining every directive to its issuer, then DISTINCT, read them all.
        queryset=Organisation.objects.filter(Exists(Directive.objects.filter(issuer=OuterRef("pk")))),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The issuers by name in the page's language, in Vietnamese alphabetical order.
        language = get_language()
        field = self.form.fields["issuer"]
        labels = [
            (o.slug, _label(o.name, o.abbreviation, o.name_en, o.abbreviation_en, language)) for o in field.queryset
        ]
        # The select shows these; the field still validates a slug against its queryset.
        field.widget.choices = [
            ("", field.empty_label),
            *sorted(labels, key=lambda choice: vietnamese_sort_key(choice[1])),
        ]

    def filter_text(self, queryset, name, value):
        return queryset.search(value)
