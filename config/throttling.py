"""Login throttling (django-axes): the user name it records for a failed login."""

from django.contrib.auth.models import User

USERNAME_LENGTH = User._meta.get_field("username").max_length


def username_for_axes(request, credentials) -> str:
    """The user name as typed, cut to what a user name can be and without NUL.

    Axes stores it in a varchar(255) (AccessAttempt.username), and PostgreSQL refuses NUL in text: a
    longer name or a NUL would fail the INSERT. No account has a longer name, so the cut changes no lockout.
    """
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username).replace("\x00", "")[:USERNAME_LENGTH]
