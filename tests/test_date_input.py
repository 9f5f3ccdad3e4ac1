"""Issue 12: every date a person types is read day first, in Vietnamese and in English.

The forms are found, not listed: every admin registered on the site (its add and change forms and its
inlines' forms), every form and filter set of the project's own code. A date field added later is checked
without a change here."""

from datetime import date, datetime, time

import django_filters
import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse
from django.utils import timezone, translation
from django.utils.formats import get_format

from config.date_input import DATE_PLACEHOLDER, TIME_PLACEHOLDER
from events.models import Event
from tests import factories
from tests.admin_forms import admin_form_data, form_errors

PROJECT = ("config", "events", "registrations", "people", "briefings")
LANGUAGES = ["vi", "en"]

SIXTH_OF_NOVEMBER = ["06/11/2018", "6/11/2018", "06-11-2018", "06.11.2018", "2018-11-06"]
THIRTEENTH_OF_JULY = ["13/07/2018", "13/7/2018", "13-07-2018", "13.07.2018"]
MONTH_FIRST = ["11/13/2018", "07/13/2018", "11-13-2018"]


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _ours(cls) -> bool:
    return cls.__module__.split(".")[0] in PROJECT


TEMPORAL = (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField, forms.TimeField)


def _temporal(field_class) -> bool:
    return issubclass(field_class, TEMPORAL)


def _form_of(fields: dict) -> forms.Form:
    return type("Fields", (forms.Form,), dict(fields))()


def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(username="dates", is_superuser=True, is_staff=True, is_active=True)
    return request


def _admin_forms():
    request = _superuser_request()
    for model, model_admin in admin.site._registry.items():
        name = model._meta.label
        for obj, page in ((None, "add"), (model(), "change")):
            yield f"admin {name} {page}", model_admin.get_form(request, obj, change=obj is not None)()
            for inline in model_admin.get_inline_instances(request, obj):
                formset = inline.get_formset(request, obj)
                yield f"admin {name} {page} inline {inline.model._meta.label}", formset.form()


def _project_forms():
    get_resolver().check()  # imports every view module, and the forms they define
    for form_class in _subclasses(forms.BaseForm):
        if not _ours(form_class):
            continue
        try:
            form = form_class()
        except TypeError:  # a form that needs arguments: the fields it declares
            form = _form_of(form_class.base_fields)
        yield f"form {form_class.__module__}.{form_class.__qualname__}", form


def _filter_forms():
    """Each filter set's date filters (its whole form would read the choices from the database)."""
    for filterset_class in _subclasses(django_filters.FilterSet):
        if _ours(filterset_class):
            fields = {name: f.field for name, f in filterset_class.base_filters.items() if _temporal(f.field_class)}
            yield f"filter {filterset_class.__module__}.{filterset_class.__qualname__}", _form_of(fields)


FORMS = [*_admin_forms(), *_project_forms(), *_filter_forms()]


def _date_fields():
    """(where, field) of every date, datetime, split datetime and time field a person types in."""
    for where, form in FORMS:
        for name, field in form.fields.items():
            if _temporal(type(field)) and not field.disabled and not field.widget.is_hidden:
                yield f"{where}.{name}", field


FIELDS = dict(_date_fields())
DATES = {where: f for where, f in FIELDS.items() if isinstance(f, forms.DateField)}
DATETIMES = {where: f for where, f in FIELDS.items() if isinstance(f, forms.DateTimeField | forms.SplitDateTimeField)}
TIMES = {where: f for where, f in FIELDS.items() if isinstance(f, forms.TimeField)}


def test_the_forms_are_found():
    """The enumeration reaches the admin's pages, its inlines and the library admins (auth)."""
    assert {
        "admin events.Event add.start_date",
        "admin events.Event add.end_date",
        "admin events.Event add inline events.Source.published_on",
        "admin people.Person add inline people.Position.attested_on",
        "admin briefings.Directive change.issue_date",
        "admin people.OrganisationChange add.date",
    } <= set(DATES)
    assert {
        "admin events.Event add inline registrations.RegistrationSettings.opens_at",
        "admin registrations.RegistrationSettings add.closes_at",
        "admin auth.User change.last_login",
    } <= set(DATETIMES)
    assert len(FIELDS) > 20
    assert {
        "form registrations.forms.DelegateForm",
        "form registrations.views.staff.ReportForm",
        "form registrations.admin.ProvinceQuotaForm",
        "filter events.filters.EventFilter",
        "filter events.filters.DirectiveFilter",
    } <= {where for where, _form in FORMS}


def _with_time(field, day: str, moment: str):
    if isinstance(field, forms.SplitDateTimeField):
        return field.clean([day, moment])
    return field.clean(f"{day} {moment}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("where", sorted(DATES))
def test_date_field_reads_the_day_first(where, language):
    field = DATES[where]
    with translation.override(language):
        assert [field.clean(typed) for typed in SIXTH_OF_NOVEMBER] == [date(2018, 11, 6)] * len(SIXTH_OF_NOVEMBER)
        assert [field.clean(typed) for typed in THIRTEENTH_OF_JULY] == [date(2018, 7, 13)] * len(THIRTEENTH_OF_JULY)
        for typed in MONTH_FIRST:
            with pytest.raises(ValidationError):
                field.clean(typed)
        assert field.widget.format_value(date(2018, 11, 6)) == "06/11/2018"
        assert str(field.widget.attrs["placeholder"]) == str(DATE_PLACEHOLDER)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("where", sorted(DATETIMES))
def test_datetime_field_reads_the_day_first(where, language):
    field = DATETIMES[where]
    with translation.override(language):
        for typed in SIXTH_OF_NOVEMBER:
            for moment in ("14:30", "14:30:00"):
                assert timezone.localtime(_with_time(field, typed, moment)).replace(tzinfo=None) == datetime(
                    2018, 11, 6, 14, 30
                ), (typed, moment)
        for typed in THIRTEENTH_OF_JULY:
            assert timezone.localtime(_with_time(field, typed, "08:05")).date() == date(2018, 7, 13)
        for typed in MONTH_FIRST:
            with pytest.raises(ValidationError):
                _with_time(field, typed, "14:30")
        if isinstance(field, forms.SplitDateTimeField):
            date_half, time_half = field.widget.widgets
            assert str(date_half.attrs["placeholder"]) == str(DATE_PLACEHOLDER)
            assert str(time_half.attrs["placeholder"]) == str(TIME_PLACEHOLDER)
            assert date_half.format_value(date(2018, 11, 6)) == "06/11/2018"
            assert time_half.format_value(time(14, 30, 15)) == "14:30"
        else:
            assert str(field.widget.attrs["placeholder"]) == str(DATE_PLACEHOLDER)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_time_field_reads_hours_and_minutes(language):
    """No form has a time field alone today; one added later is checked here."""
    with translation.override(language):
        for where, field in TIMES.items():
            assert (field.clean("14:30"), field.clean("14:30:15")) == (time(14, 30), time(14, 30, 15)), where
            assert str(field.widget.attrs["placeholder"]) == str(TIME_PLACEHOLDER), where


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_date_says_what_to_type(language):
    field = DATES["admin events.Event add.start_date"]
    with translation.override(language), pytest.raises(ValidationError) as refused:
        field.clean("11/13/2018")
    with translation.override(language):
        assert refused.value.messages == [
            str(translation.gettext("Enter the date day first, as dd/mm/yyyy: 13/07/2018, for example."))
        ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_typed_day_first_in_the_admin_is_saved_as_that_day(admin_user, language):
    client = Client(headers={"accept-language": language})
    client.force_login(admin_user)
    event = factories.event(start_date=date(2024, 6, 7), status=Event.Status.DRAFT)
    change = reverse("admin:events_event_change", args=[event.pk])
    page = client.get(change)
    assert 'value="07/06/2024"' in page.content.decode()  # shown back day first

    response = client.post(change, admin_form_data(page, start_date="06/11/2018", end_date="13/07/2019"))

    assert response.status_code == 302, form_errors(response)
    event.refresh_from_db()
    assert (event.start_date, event.end_date) == (date(2018, 11, 6), date(2019, 7, 13))


def test_only_the_input_formats_change():
    """Display formats stay Django's for each language; the templates spell their own ("j/n/Y")."""
    with translation.override("en"):
        assert (get_format("DATE_FORMAT"), get_format("TIME_FORMAT")) == ("N j, Y", "P")
        assert get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"
    with translation.override("vi"):
        assert get_format("DATE_FORMAT") == r"\N\gà\y d \t\há\n\g n \nă\m Y"
        assert get_format("DATETIME_INPUT_FORMATS")[0] == "%d/%m/%Y %H:%M"
        assert get_format("TIME_INPUT_FORMATS")[0] == "%H:%M"
