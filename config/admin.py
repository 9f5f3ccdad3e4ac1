"""The staff admin site, with an optional second factor (TOTP) for staff who enrolled a device."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice


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
            return
        super().clean_otp(user)


def _names_rows(field: models.Field, values: list) -> bool:
    """Whether every one of `values` (text from a query string) names an existing row for the relation `field`."""
    target = field.target_field
    try:
        keys = [target.to_python(value) for value in values]
        for key in keys:
            target.run_validators(key)  # a number too large for the column, say
        if any("\x00" in str(key) for key in keys):  # PostgreSQL refuses NUL in a query
            return False
        found = field.related_model._default_manager.filter(**{f"{target.attname}__in": keys})
        return found.count() == len(set(keys))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False


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
        # A session opened without the code (before a device was enrolled, say) must verify first.
        user = request.user
        return super().has_permission(request) and (user.is_verified() or not user_has_device(user))

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin, the project's and the libraries' (auth, django-otp), with the mixins above: one
        place, so that no admin added later can miss them."""
        admin_class = admin_class or admin.ModelAdmin
        mixins = (CheckedInitialDataMixin,)
        if model_or_iterable is TOTPDevice:
            mixins = (DeviceNotFoundMixin, *mixins)
        checked = type(admin_class.__name__, (*mixins, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, checked, **options)
