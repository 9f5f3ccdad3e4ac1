"""Log filters: keep delegates' check-in codes out of the logs."""

import logging
import re

# A confirmation address holds the delegate's unguessable code, which works like a password.
CONFIRMATION_CODE = re.compile(r"(/portal/confirmation/)[^/\s\"?]+")


class RedactConfirmationCodes(logging.Filter):
    """Replace the code in any /portal/confirmation/<code>/ address a log line mentions."""

    def filter(self, record):
        message = record.getMessage()
        redacted = CONFIRMATION_CODE.sub(r"\1…", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
