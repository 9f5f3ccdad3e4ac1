"""Who may use a staff surface (the admin and /staff/) with the session they have: one rule for both.

A staff member with a confirmed authenticator (TOTP) device must have given its code in this session;
with STAFF_REQUIRE_TOTP on, registrars and superusers must have such a device at all. Staff sessions
end after STAFF_SESSION_HOURS, however busy.
"""

from datetime import timedelta

from django.conf import settings
from django_otp import user_has_device

from events.roles import REGISTRAR


def must_have_device(user) -> bool:
    """Whether `user` may use a staff surface only with a confirmed authenticator device (STAFF_REQUIRE_TOTP)."""
    if not settings.STAFF_REQUIRE_TOTP:
        return False
    return user.is_superuser or user.groups.filter(name=REGISTRAR).exists()


def staff_session_ok(user) -> bool:
    """Whether this session of `user` is verified enough for a staff surface (the permissions are checked apart).

    `user` is `request.user`, on which django-otp's middleware set `is_verified()`: true once the code of a
    device was given at login."""
    if not user.is_authenticated:
        return False
    if user.is_verified():
        return True
    return not user_has_device(user) and not must_have_device(user)


def shorten_staff_session(sender, request, user, **kwargs):
    """user_logged_in receiver: a staff member's session ends after STAFF_SESSION_HOURS (at most the
    default age); everyone else keeps Django's default."""
    if user.is_staff and request is not None and hasattr(request, "session"):
        seconds = min(settings.STAFF_SESSION_HOURS * 3600, settings.SESSION_COOKIE_AGE)
        request.session.set_expiry(timedelta(seconds=seconds))
