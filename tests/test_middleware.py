"""A database that does not answer gives the reader a 'try again' page (503), not a server error."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from config import urls
from config.middleware import RETRY_AFTER_SECONDS
from tests import factories

pytestmark = pytest.mark.django_db


def database_gone(request):
    raise OperationalError("terminating connection due to administrator command")


def connection_closed(request):
    raise InterfaceError("the connection is closed")


def bug(request):
    raise ValueError("not the database")


def remember_choice(request):
    # The session is saved after the view, by SessionMiddleware: outside the view's own error handling.
    request.session["choice"] = "en"
    return HttpResponse("saved")


# This module is the URLconf of its tests: the site's pages (base.html links to them) and four that fail.
urlpatterns = [
    path("database-gone/", database_gone),
    path("connection-closed/", connection_closed),
    path("bug/", bug),
    path("remember-choice/", remember_choice),
    *urls.urlpatterns,
]
handler500 = urls.handler500


@pytest.fixture(autouse=True)
def failing_pages(settings):
    settings.ROOT_URLCONF = __name__


@pytest.mark.parametrize("page", ["/database-gone/", "/connection-closed/"])
def test_a_database_error_is_answered_with_a_try_again_page(page):
    client = Client(headers={"accept-language": "en"})

    response = client.get(page)

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    text = response.content.decode()
    assert "The database is briefly unavailable" in text
    assert "Please try again in a moment." in text


def test_the_try_again_page_is_vietnamese_by_default():
    response = Client().post("/database-gone/")

    assert response.status_code == 503
    assert '<html lang="vi">' in response.content.decode()


def test_the_try_again_page_makes_no_query_for_a_signed_in_user(django_assert_num_queries):
    # With the database down, any query while rendering the page would fail it again, as a 500.
    client = Client(headers={"accept-language": "en"})
    client.force_login(factories.account())

    with django_assert_num_queries(0):
        response = client.post("/database-gone/")

    assert response.status_code == 503


def test_other_errors_are_not_hidden_behind_try_again():
    with pytest.raises(ValueError, match="not the database"):
        Client().get("/bug/")


def test_a_database_error_after_the_view_is_a_try_again_page_too():
    """Saving the session (after a login, say) happens in a middleware once the view has answered:
    the site's handler500 turns a database error there into the same 503, not the server error page."""
    client = Client(headers={"accept-language": "en"}, raise_request_exception=False)
    gone = OperationalError("the database system is shutting down")

    with mock.patch("django.contrib.sessions.backends.db.SessionStore.save", side_effect=gone):
        response = client.get("/remember-choice/")

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "The database is briefly unavailable" in response.content.decode()


def test_other_errors_after_the_view_are_the_server_error_page():
    client = Client(raise_request_exception=False)

    with mock.patch("django.contrib.sessions.backends.db.SessionStore.save", side_effect=ValueError("a bug")):
        response = client.get("/remember-choice/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
