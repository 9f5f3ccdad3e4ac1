"""Forms of the event's admin page that record what is missing without a pop-up: a new organiser by name,
new people with their post of the day and their talk or attendance. Writes go through events.services.entry,
inside the admin's transaction for the whole page."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from config.admin import CheckedAutocompleteSelect
from people.models import AcademicTitle, Organisation, Person, Position
from people.text import clean_text, fold

from .models import AgendaItem, EventOfficial, EventOrganiser
from .services import entry

WIDE = forms.TextInput(attrs={"class": "vTextField ttdn-wide"})
NARROW = forms.TextInput(attrs={"class": "ttdn-narrow"})


class Cleaned:
    """A field whose text loses its control characters (NUL included) before anything checks it."""

    multiline = False

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value, multiline=self.multiline)
        return super().to_python(value)


class Text(Cleaned, forms.CharField):
    pass


def _error(error: entry.EntryError) -> ValidationError:
    """The service's error for a form, with a link to the existing record a duplicate points to."""
    if error.existing is None:
        return ValidationError(error.message, code=error.code)
    meta = error.existing._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[error.existing.pk])
    return ValidationError(format_html('{} <a href="{}" target="_blank">{}</a>', error.message, url, _("Open it")))


def kind_field(required=False):
    return forms.ChoiceField(
        label=_("kind of the new organisation"),
        choices=[("", "---------"), *Organisation.Kind.choices],
        required=required,
    )


class OrganiserForm(forms.ModelForm):
    """An organiser chosen from the list, or a new organisation recorded by its name and kind."""

    new_name = forms.CharField(
        label=_("or a new organisation"),
        max_length=255,
        required=False,
        widget=WIDE,
        help_text=_("Its full name, when it is not in the list yet."),
    )
    new_kind = kind_field()

    class Meta:
        model = EventOrganiser
        fields = ["organisation", "new_name", "new_kind", "role", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = False

    def clean(self):
        data = super().clean()
        chosen, name = data.get("organisation"), data.get("new_name", "").strip()
        if chosen and name:
            raise ValidationError(_("Choose an organisation or name a new one, not both."), code="organisation_twice")
        if not chosen and not name:
            if "organisation" not in self.errors:
                self.add_error("organisation", ValidationError(_("Choose an organisation or name a new one.")))
        elif name:
            try:
                entry.check_new_organisation(name, data.get("new_kind", ""))
            except entry.EntryError as error:
                self.add_error("new_name" if error.code == "organisation_exists" else "new_kind", _error(error))
        return data

    def save(self, commit=True):
        name = self.cleaned_data.get("new_name", "").strip()
        if name and not self.cleaned_data.get("organisation"):
            self.instance.organisation = entry.organisation_for_entry(name, self.cleaned_data["new_kind"])
        return super().save(commit)


class OrganiserFormSet(forms.BaseInlineFormSet):
    """One row per organiser: a body chosen twice, or the same new name typed in two rows, is an error on
    the page, not a clash in the database."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            chosen, name = data.get("organisation"), fold(data.get("new_name", ""))
            key = ("chosen", chosen.pk) if chosen else ("new", name)
            if key in seen:
                raise ValidationError(_("The same organiser is given twice."), code="organiser_twice")
            if chosen or name:
                seen.add(key)


def part_choices():
    return [
        (_("On the agenda"), [(f"{entry.TALK}:{value}", label) for value, label in AgendaItem.Kind.choices]),
        (_("Taking part"), [(f"{entry.OFFICIAL}:{value}", label) for value, label in EventOfficial.Role.choices]),
    ]


class NewPersonFields(forms.Form):
    """The fields of a person not yet recorded — name, post of the event's day, talk or attendance — as the
    event page's quick entry and the article reader's review both ask them."""

    honorific = Person._meta.get_field("honorific").formfield(required=False)
    academic_title = AcademicTitle._meta.get_field("title").formfield(required=False)
    family_name = Text(label=_("family name"), max_length=50, required=False, widget=NARROW)
    middle_name = Text(label=_("middle name"), max_length=100, required=False, widget=NARROW)
    given_name = Text(label=_("given name"), max_length=50, required=False, widget=NARROW)
    post_title = Text(
        label=_("post on the event's day"),
        max_length=255,
        required=False,
        widget=WIDE,
        help_text=_("e.g. Phó Chủ tịch. Recorded as held on the event's date."),
    )
    organisation = forms.ModelChoiceField(
        label=_("at the organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=CheckedAutocompleteSelect(Position._meta.get_field("organisation"), admin.site),
    )
    new_organisation = Text(label=_("or a new organisation"), max_length=255, required=False, widget=WIDE)
    new_organisation_kind = kind_field()
    part = forms.ChoiceField(label=_("part in the event"), choices=part_choices, initial=f"{entry.TALK}:presentation")
    talk_title = Text(label=_("title of the talk"), max_length=500, required=False, widget=WIDE)
    namesake = forms.BooleanField(
        label=_("another person of the same name"),
        required=False,
        help_text=_("Tick only when a person of this name is already recorded and this is someone else."),
    )


class NewPersonForm(NewPersonFields, forms.ModelForm):
    """One person not yet recorded, as a row of the event page (an inline over the agenda, saving nothing
    of its own: the formset records the person through the service)."""

    class Meta:
        model = AgendaItem
        fields = []

    def new_person(self) -> entry.NewPerson:
        data = self.cleaned_data
        return entry.NewPerson(
            given_name=data.get("given_name", ""),
            family_name=data.get("family_name", ""),
            middle_name=data.get("middle_name", ""),
            honorific=data.get("honorific", ""),
            academic_title=data.get("academic_title", ""),
            post_title=data.get("post_title", "").strip(),
            organisation=data.get("organisation"),
            new_organisation=data.get("new_organisation", "").strip(),
            new_organisation_kind=data.get("new_organisation_kind", ""),
            part=data.get("part", ""),
            talk_title=data.get("talk_title", ""),
        )

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                entry.check_new_person(self.new_person(), namesake_allowed=data.get("namesake", False))
            except entry.EntryError as error:
                raise _error(error) from error
        return data


class NewPeopleFormSet(forms.BaseInlineFormSet):
    """Rows of new people; saving one records the person, their post and their part through the service."""

    @classmethod
    def get_default_prefix(cls):
        return "new_people"

    def get_queryset(self):
        return AgendaItem.objects.none()

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or not hasattr(form, "cleaned_data") or form.errors:
                continue
            name = fold(form.new_person().full_name)
            if name in seen and not form.cleaned_data.get("namesake"):
                form.add_error("given_name", _("This name is given twice; tick “another person of the same name”."))
            seen.add(name)

    def save(self, commit=True):
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        for form in self.forms:
            if form.has_changed():
                self.new_objects.append(
                    entry.add_new_person(
                        self.instance, form.new_person(), namesake_allowed=form.cleaned_data.get("namesake", False)
                    )
                )
        return self.new_objects
