"""A database that does not answer (restart, network cut) is a page that says to try again, not a 500."""

import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.shortcuts import render
from django.views import defaults

logger = logging.getLogger(__name__)

# What a database that went away raises: a restart, a network cut, a connection it closed.
DATABASE_GONE = (OperationalError, InterfaceError)
# Long enough for a database restart or a failover; a reader who reloads sooner just sees this again.
RETRY_AFTER_SECONDS = 10


class DatabaseUnavailableMiddleware:
    """Answer a view's OperationalError or InterfaceError with the 503 page and drop the broken connection.

    Writes that failed this way were rolled back with their transaction, so the page can say that nothing
    unconfirmed was saved. Errors the services already turn into their own messages never get here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_GONE):
            return None
        return try_again(request, exception)


def try_again(request, exception):
    """The 503 page for a database error, with the broken connection dropped."""
    # django.request logs the 503 with its address; this says why, in one line, not a traceback per reader.
    logger.warning("Database unavailable, answered 'try again': %s: %s", type(exception).__name__, exception)
    for connection in connections.all(initialized_only=True):
        # Django drops an unusable connection when the response is closed (request_finished); doing it
        # now as well means the next request connects afresh even where that signal is not sent (the
        # test client). Inside an atomic block (a test's transaction) closing would break the block.
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
    # base.html and its context processors make no query, so the page renders with the database down.
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: a database error raised outside a view — saving the session after a login, in a
    middleware — is the 503 "try again" page too; any other error is Django's plain 500 page."""
    error = sys.exc_info()[1]  # Django calls this while handling the error
    if isinstance(error, DATABASE_GONE):
        return try_again(request, error)
    return defaults.server_error(request)
