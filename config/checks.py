"""The project's own system checks, registered in config.apps.StaffAdminConfig.ready()."""

from django.conf import settings
from django.core.checks import Error, Tags, register

CONSOLE = "django.core.mail.backends.console.EmailBackend"
FILES = "django.core.mail.backends.filebased.EmailBackend"


@register(Tags.security, deploy=True)
def check_mail_is_sent(app_configs, **kwargs):
    """`check --deploy` fails while e-mail is not sent: the confirmation and password-reset links would
    never reach anyone, and printed they would put check-in codes and reset links into the log."""
    if settings.EMAIL_BACKEND == FILES:
        message = f"Set DJANGO_EMAIL_HOST (SMTP) — mail is being written to files in {settings.EMAIL_FILE_PATH}."
    elif settings.EMAIL_BACKEND == CONSOLE:
        message = "Set DJANGO_EMAIL_HOST (SMTP) — mail is being printed to the console, into the log."
    else:
        return []
    return [
        Error(
            message,
            hint="Delegates' confirmations and officers' password-reset links are sent by e-mail.",
            id="ttdn.E001",
        )
    ]
