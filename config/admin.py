"""The staff admin site, with an optional second factor (TOTP) for staff who enrolled a device."""

import re

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import BadRequest, ValidationError
from django.db import DataError, models, router, transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice

from .date_input import DayFirstDatesMixin
from .staff_access import must_have_device, staff_session_ok


class OptionalOTPAuthenticationForm(OTPAdminAuthenticationForm):
    """Staff who enrolled a TOTP device must give its current code; the others log in with the password.

    Labels and messages are the project's: django-otp has no Vietnamese, and says "OTP token"."""

    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Enter the six-digit code your authenticator app shows now."),
        "invalid_token": _("That code is wrong or has expired: enter the one your authenticator app shows now."),
        "n_failed_attempts": ngettext_lazy(
            "%(failure_count)d wrong code: checking is paused for a moment; try again soon.",
            "%(failure_count)d wrong codes: checking is paused for a moment; try again soon.",
            "failure_count",
        ),
        "verification_not_allowed": _("Codes cannot be checked for this device now; wait a moment and try again."),
        "device_required": _("Choose the device that gives your code."),
        "device_missing": _(
            "This account may log in here only with an authenticator app, and none is enrolled for it: "
            "ask an administrator to enrol an authenticator device for you."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp_device"].label = _("Device")
        self.fields["otp_token"].label = _("Authentication code")
        self.fields["otp_token"].help_text = _(
            "Only for staff who enrolled an authenticator app: the six digits it shows now. Leave empty otherwise."
        )
        self.fields["otp_token"].widget.attrs.update(autocomplete="one-time-code", inputmode="numeric")

    def clean_otp(self, user):
        if user is not None and not user_has_device(user):
            if must_have_device(user):  # STAFF_REQUIRE_TOTP
                raise ValidationError(self.otp_error_messages["device_missing"], code="device_missing")
            return
        super().clean_otp(user)


def _keys(field: models.Field, values: list) -> list | None:
    """`values` (text from a request) as values of the column `field` (of its target, for a relation), or
    None if one cannot be: not of its type, out of its range, or holding NUL."""
    while field.is_relation:
        field = field.target_field
    try:
        keys = [field.to_python(value) for value in values]
        for key in keys:
            field.run_validators(key)  # a number too large for the column, say
    except (ValidationError, ValueError, TypeError, OverflowError):
        return None
    if any("\x00" in str(key) for key in keys):  # PostgreSQL refuses NUL in a query
        return None
    return keys


def _names_rows(field: models.Field, values: list) -> bool:
    """Whether every one of `values` (text from a query string) names an existing row for the relation `field`."""
    keys = _keys(field, values)
    if keys is None:
        return False
    found = field.related_model._default_manager.filter(**{f"{field.target_field.attname}__in": keys})
    return found.count() == len(set(keys))


class CheckedInitialDataMixin:
    """An add page takes initial values from its query string (?event=3); one for a relation that names no
    row (?event=abc) is dropped, since the autocomplete widget looks it up unchecked: a 500."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            field = next((f for f in self.opts.get_fields() if f.name == name), None)
            values = value if isinstance(value, list) else [value]
            if isinstance(field, models.ForeignKey | models.ManyToManyField) and not _names_rows(field, values):
                del initial[name]
        return initial


class CheckedChangeListMixin:
    """A changelist passes its query string to the database: its filters (?status=…), the date hierarchy
    (?start_date__year=…) and any lookup on a field of the model (?title__regex=…). Django catches some
    bad values; NUL (PostgreSQL refuses it), a date past year 9999, a number too large for the column
    or a broken regular expression were a server error. Here they answer 400, as does an action posted
    with a selection that names no possible row (_selected_action=abc)."""

    def get_changelist_instance(self, request):
        for key, values in request.GET.lists():
            if any("\x00" in text for text in (key, *values)):
                raise BadRequest(f"NUL in the query string's {key!r}")
            if key.endswith(("__regex", "__iregex")):
                for value in values:
                    try:
                        re.compile(value)
                    except re.error as error:
                        raise BadRequest(f"a broken regular expression in {key!r}") from error
        # The changelist counts its rows while it is built, so an error in the query shows here. A
        # savepoint: on PostgreSQL the failed query would leave an enclosing transaction unusable.
        try:
            with transaction.atomic(using=router.db_for_read(self.model)):
                return super().get_changelist_instance(request)
        except (DataError, ValueError, OverflowError) as error:
            raise BadRequest(f"a value out of range in the query string: {error}") from error

    def response_action(self, request, queryset):
        if _keys(self.opts.pk, request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)) is None:
            raise BadRequest("a selected row's key that no row can have")
        return super().response_action(request, queryset)


class CheckedAutocompleteMixin:
    """Django's autocomplete widget shows back a posted value by looking it up unchecked: "abc" or ":"
    for a numeric key was a server error when a form with another error was shown again."""

    def optgroups(self, name, value, attr=None):
        shown = [v for v in value if _keys(self.field, [v]) is not None]
        return super().optgroups(name, shown, attr)


class CheckedAutocompleteSelect(CheckedAutocompleteMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


CHECKED_AUTOCOMPLETES = {
    AutocompleteSelect: CheckedAutocompleteSelect,
    AutocompleteSelectMultiple: CheckedAutocompleteSelectMultiple,
}


def _checked_autocomplete(formfield):
    widget = getattr(formfield, "widget", None)
    inner = getattr(widget, "widget", widget)  # the admin wraps it with its add and change links
    if type(inner) in CHECKED_AUTOCOMPLETES:
        inner.__class__ = CHECKED_AUTOCOMPLETES[type(inner)]
    return formfield


class CheckedAutocompletesMixin:
    """Every autocomplete of an admin and of its inlines checked as above."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return _checked_autocomplete(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:  # made anew for each request, so wrapped once
            of_inline = inline.formfield_for_dbfield
            inline.formfield_for_dbfield = lambda db_field, request, _of=of_inline, **kwargs: _checked_autocomplete(
                _of(db_field, request, **kwargs)
            )
        return inlines


class AxesCleanupMixin:
    """django-axes' action "Clean up expired attempts" reads the time of the attempt from the request,
    which axes sets only on a login: from the admin it was a server error. Here the request gets it."""

    def response_action(self, request, queryset):
        AxesProxyHandler.update_request(request)
        return super().response_action(request, queryset)


class DeviceNotFoundMixin:
    """django-otp's device admin reads <pk>/config/ and <pk>/qrcode/ with objects.get(): an unknown device
    would be DoesNotExist, a 500; here it is a 404."""

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


class StaffAdminSite(admin.AdminSite):
    login_form = OptionalOTPAuthenticationForm
    login_template = "admin/login_with_code.html"

    def has_permission(self, request):
        # A session opened without the code (before a device was enrolled, say) must verify first; the
        # staff pages at /staff/ apply the same rule.
        return super().has_permission(request) and staff_session_ok(request.user)

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin, the project's and the libraries' (auth, django-otp), with the mixins above: one
        place, so that no admin added later can miss them."""
        admin_class = admin_class or admin.ModelAdmin
        mixins = (CheckedInitialDataMixin, CheckedChangeListMixin, CheckedAutocompletesMixin, DayFirstDatesMixin)
        if model_or_iterable is TOTPDevice:
            mixins = (DeviceNotFoundMixin, *mixins)
        if model_or_iterable is AccessAttempt:
            mixins = (AxesCleanupMixin, *mixins)
        checked = type(admin_class.__name__, (*mixins, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, checked, **options)
