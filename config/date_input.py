"""Date inputs that say what to type: dd/mm/yyyy (the formats are config/formats/), and an admin calendar
that reaches another year in a few clicks, not month by month."""

from django import forms
from django.contrib.admin import widgets
from django.db import models
from django.utils.translation import gettext_lazy as _

DATE_PLACEHOLDER = _("dd/mm/yyyy")
TIME_PLACEHOLDER = _("HH:MM")
DATE_ERROR = _("Enter the date day first, as dd/mm/yyyy: 13/07/2018, for example.")
TIME_ERROR = _("Enter the time as HH:MM: 14:30, for example.")

# One list, so that the year controls come after the calendar they extend (Media orders within a list).
CALENDAR_YEARS = forms.Media(
    js=[*widgets.BaseAdminDateWidget.Media.js, "js/admin_calendar_years.js"],
    css={"all": ["css/admin_calendar_years.css"]},
)


def date_attrs(attrs=None) -> dict:
    """A date input's attributes: the expected form as its placeholder, and the words the admin calendar's
    year controls show (static JS has no catalogue of the project's own)."""
    return {
        "placeholder": DATE_PLACEHOLDER,
        "data-previous-year": _("Previous year"),
        "data-next-year": _("Next year"),
        "data-year": _("Year"),
        **(attrs or {}),
    }


def time_attrs(attrs=None) -> dict:
    return {"placeholder": TIME_PLACEHOLDER, **(attrs or {})}


class DayFirstDateInput(forms.DateInput):
    """For a date field of a portal or staff form."""

    def __init__(self, attrs=None, format=None):
        super().__init__(date_attrs(attrs), format)


class DayFirstTimeInput(forms.TimeInput):
    def __init__(self, attrs=None, format=None):
        super().__init__(time_attrs(attrs), format)


class AdminDayFirstDateWidget(widgets.AdminDateWidget):
    def __init__(self, attrs=None, format=None):
        super().__init__(date_attrs(attrs), format)

    @property
    def media(self):
        return super().media + CALENDAR_YEARS


class AdminDayFirstTimeWidget(widgets.AdminTimeWidget):
    def __init__(self, attrs=None, format=None):
        super().__init__(time_attrs(attrs), format)


class _SplitDateHalf(widgets.BaseAdminDateWidget):
    def __init__(self, attrs=None, format=None):
        super().__init__(date_attrs(attrs), format)

    @property
    def media(self):
        return super().media + CALENDAR_YEARS


class _SplitTimeHalf(widgets.BaseAdminTimeWidget):
    def __init__(self, attrs=None, format=None):
        super().__init__(time_attrs(attrs), format)


class AdminDayFirstSplitDateTime(widgets.AdminSplitDateTime):
    def __init__(self, attrs=None):
        # As AdminSplitDateTime does: MultiWidget's __init__, with the halves of our own.
        forms.MultiWidget.__init__(self, [_SplitDateHalf, _SplitTimeHalf], attrs)


DAY_FIRST_OVERRIDES = {
    models.DateField: {"widget": AdminDayFirstDateWidget, "error_messages": {"invalid": DATE_ERROR}},
    models.DateTimeField: {
        "form_class": forms.SplitDateTimeField,
        "widget": AdminDayFirstSplitDateTime,
        "error_messages": {"invalid_date": DATE_ERROR, "invalid_time": TIME_ERROR},
    },
    models.TimeField: {"widget": AdminDayFirstTimeWidget, "error_messages": {"invalid": TIME_ERROR}},
}


def _use_day_first_widgets(model_admin):
    overrides = dict(model_admin.formfield_overrides)
    for field_class, options in DAY_FIRST_OVERRIDES.items():
        overrides[field_class] = {**overrides.get(field_class, {}), **options}
    model_admin.formfield_overrides = overrides


class DayFirstDatesMixin:
    """Every date, datetime and time field of an admin and of its inlines with the widgets above (a
    ModelAdmin's formfield_overrides reach only its own form, not its inlines')."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _use_day_first_widgets(self)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            _use_day_first_widgets(inline)
        return inlines
