"""The staff admin site, with an optional second factor (TOTP) for staff who enrolled a device."""

from django.contrib import admin
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


class OptionalOTPAuthenticationForm(OTPAdminAuthenticationForm):
    """Staff who enrolled a TOTP device must give its current code; the others log in with the password."""

    def clean_otp(self, user):
        if user is not None and not user_has_device(user):
            return
        super().clean_otp(user)


class StaffAdminSite(admin.AdminSite):
    login_form = OptionalOTPAuthenticationForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request):
        # A session opened without the code (before a device was enrolled, say) must verify first.
        user = request.user
        return super().has_permission(request) and (user.is_verified() or not user_has_device(user))
