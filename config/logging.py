"""Log filters: keep what works like a password, and whom it was sent to, out of the logs."""

import logging
import re

# A confirmation address holds the delegate's unguessable check-in code, which works like a password.
CONFIRMATION_CODE = re.compile(r"(/portal/confirmation/)[^/\s\"'?]+")
# A password-reset link (/portal/password-reset/<uidb64>/<token>/) sets the account's password; after
# the first visit Django moves the token into the session and the address says "set-password" instead.
PASSWORD_RESET = re.compile(r"(/password-reset/)[^/\s\"'?]+/[^/\s\"'?]+")
# An e-mail address, also percent-encoded in a query string (q=an%40example.vn): the domain is kept.
EMAIL_ADDRESS = re.compile(r"[\w.+%-]+(?:@|%40)((?:[\w-]+\.)+[\w-]+)")


def redact(text: str) -> str:
    """`text` with check-in codes, password-reset links and e-mail addresses masked."""
    text = CONFIRMATION_CODE.sub(r"\1…", text)
    text = PASSWORD_RESET.sub(r"\1…/…", text)
    return EMAIL_ADDRESS.sub(r"…@\1", text)


class RedactSecrets(logging.Filter):
    """Mask check-in codes, password-reset links and e-mail addresses in a record before it is written.

    The message is formatted with its arguments first, so a secret passed as an argument is masked
    too; so is the text of an exception or a stack attached to the record.
    """

    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
