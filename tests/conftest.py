import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and thumbnails (and training materials, kept apart) go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def own_page_cache(settings, tmp_path):
    """An empty cache and a public-version stamp of the test's own: a page another test stored must not
    be served, and the default stamp file is per database, which every SQLite test run shares (in memory)."""
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_STAMP = tmp_path / "public-version"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # The real hasher is slow on purpose; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_client(admin_user):
    """The admin in English, so assertions read as the messages are written; Vietnamese is tested apart."""
    from django.test import Client

    client = Client(headers={"accept-language": "en"})
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code run outside a request speaks English, whatever language the previous test's request left
    active; tests of Vietnamese text say so with translation.override("vi") or a /vi/ address."""
    from django.utils import translation

    with translation.override("en"):
        yield
