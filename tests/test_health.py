"""`/healthz`: 200 "ok" when the database and the cache answer, 200 "degraded" when only the cache is
down (the servers still serve every page, uncached), 503 "unavailable" without a database."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # any host name: the proxy asks by address

    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Cache-Control"] == "no-store"


def test_a_cache_that_does_not_answer_leaves_the_server_in_service(client):
    with mock.patch("config.health.cache.set", side_effect=ConnectionError("Connection refused")):
        response = client.get("/healthz")

    assert (response.status_code, response.content) == (200, b"degraded\n")


def test_a_database_that_does_not_answer_takes_the_server_out(client):
    with mock.patch("config.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")

    assert (response.status_code, response.content) == (503, b"unavailable\n")
