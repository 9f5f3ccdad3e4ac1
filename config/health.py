"""`/healthz`: is this app server fit to take requests? For the proxy and the orchestrator.

200 "ok" when the database answers a query and the cache takes a write and gives it back; 503
"unavailable" when the database does not answer. When only the cache is down the server still serves
every page (made afresh, not stored), so it answers 200 "degraded": the cache is shared, and a 503 would
take every app server out of service at once for an outage that costs speed only. No detail, no data;
the log says which part failed. Answered first in the middleware, so the host check, the HTTPS
redirect, sessions and the page cache never see it: the proxy may ask over plain HTTP by address.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

logger = logging.getLogger(__name__)
PATH = "/healthz"


def is_healthy() -> bool | None:
    """True when all is well, None when only the cache is down (degraded), False without a database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        logger.warning("Health check: database unavailable (%s)", type(error).__name__)
        return False
    token = secrets.token_hex(8)
    try:
        cache.set("ttdn:healthz", token, timeout=10)
        if cache.get("ttdn:healthz") != token:
            raise LookupError("written value not read back")
    except Exception as error:
        logger.warning("Health check: cache unavailable (%s)", type(error).__name__)
        return None
    return True


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != PATH or request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        healthy = is_healthy()
        body = {True: "ok\n", None: "degraded\n", False: "unavailable\n"}[healthy]
        response = HttpResponse(body, status=503 if healthy is False else 200, content_type="text/plain")
        response["Cache-Control"] = "no-store"
        return response
