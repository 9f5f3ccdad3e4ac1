"""The public pages' cache: anonymous readers get a stored copy until public content changes.

A page is stored under its full address (host, path, query string), its language, today's date and
the *public content version*. Any save or delete of a model the public pages show (people,
briefings, the event record — not registrations, which are never public) changes the version, so
every stored page is out of date at once; nothing has to know which pages an edit touches.

The version has two parts, so that it is right however the site is run:

* a token in the cache (`default`, or the alias named by the setting PUBLIC_PAGE_CACHE_ALIAS): shared
  by every server when the cache is (Redis, Memcached);
* a stamp file on this machine (in the temporary directory, one per database, or the path in the
  setting PUBLIC_PAGE_CACHE_STAMP): shared by every worker process even with the default per-process
  memory cache, which a token alone would leave stale in the other workers.

A cache that cannot be reached (Redis stopped, a network cut) is no error: pages are made afresh and
not stored, and a save goes through; each call waits at most the cache's socket timeout (settings.py).
After an outage a Redis that lost its data has no token, so a new one is drawn and nothing old is
served; one that kept it (a cut, not a restart) may serve pages stored before an edit made during the
cut, until they expire (DJANGO_CACHE_SECONDS).

The setting PUBLIC_PAGE_CACHE = False turns it off (the benchmark measures pages both ways).

Never stored: requests carrying a session cookie (a logged-in user, or anyone the site keeps state
for), anything but a GET answered 200, responses that set a cookie, carry a CSRF token or say
`private`/`no-store`, and pages rendered inside a database transaction (they may show rows that are
rolled back; with ATOMIC_REQUESTS on, nothing is cached). Staff, portal and admin pages never use it.
"""

import functools
import hashlib
import logging
import os
import secrets
import tempfile
import time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from redis.exceptions import RedisError

from briefings.models import Directive, DirectiveRelation
from people.models import Organisation, OrganisationChange, Person, Position, Province

from .models import (
    AgendaItem,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventRelation,
    EventSeries,
    Outcome,
    ParticipantGroup,
    Photo,
    Source,
)

logger = logging.getLogger(__name__)
VERSION_KEY = "ttdn:public-version"
PAGE_KEY_PREFIX = "ttdn:page"
HIT_HEADER = "X-Page-Cache"
# Every model whose rows a public page, feed or calendar shows.
PUBLIC_MODELS = [
    Province,
    Organisation,
    OrganisationChange,
    Person,
    Position,
    Directive,
    DirectiveRelation,
    EventSeries,
    Event,
    EventRelation,
    EventOrganiser,
    AgendaItem,
    EventOfficial,
    ParticipantGroup,
    Outcome,
    EventDirective,
    Photo,
    Source,
]


def _cache():
    return caches[getattr(settings, "PUBLIC_PAGE_CACHE_ALIAS", "default")]


# What a cache that is down raises: Redis's errors, and the socket's own (Memcached, a refused connection).
CACHE_ERRORS = (RedisError, OSError)


class CacheUnavailable(Exception):
    pass


def _warn(error):
    logger.warning("Page cache unavailable, serving uncached: %s", type(error).__name__)


def _timeout():
    """Seconds a page is kept (PUBLIC_PAGE_CACHE_SECONDS), else the cache's own default."""
    seconds = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", None)
    return _cache().default_timeout if seconds is None else int(seconds)


def _stamp_path() -> Path:
    configured = getattr(settings, "PUBLIC_PAGE_CACHE_STAMP", None)
    if configured:
        return Path(configured)
    db = connection.settings_dict
    return _default_stamp_path(f"{db['ENGINE']}|{db.get('HOST')}|{db.get('PORT')}|{db['NAME']}")


@functools.cache
def _default_stamp_path(database: str) -> Path:
    """One stamp file per database; worked out once, as every cached page asks for it."""
    digest = hashlib.sha1(database.encode(), usedforsecurity=False).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"ttdn-public-version-{digest}"


def _stamp() -> str:
    try:
        stat = os.stat(_stamp_path())
    except OSError:
        return "0"
    return f"{stat.st_ino}.{stat.st_mtime_ns}"


def public_version() -> str:
    """The current public content version (a token, not a count). CacheUnavailable if the cache is down."""
    cache = _cache()
    try:
        token = cache.get(VERSION_KEY)
        if token is None:
            # Lost (evicted, or a fresh cache): a new token, so no page stored before can be served.
            cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
            token = cache.get(VERSION_KEY)
    except CACHE_ERRORS as error:
        raise CacheUnavailable from error
    return f"{token}-{_stamp()}"


def _bump():
    try:
        _cache().set(VERSION_KEY, secrets.token_hex(8), timeout=None)
    except CACHE_ERRORS as error:
        _warn(error)  # the save stands; see the module's note on outages
    path = _stamp_path()
    try:
        # A new file each time (a new inode and mtime), replaced atomically.
        fresh = path.with_name(f"{path.name}.{os.getpid()}.{time.monotonic_ns()}")
        fresh.write_text(secrets.token_hex(8))
        os.replace(fresh, path)
    except OSError:
        pass  # an unwritable temporary directory leaves the token, right for one process or a shared cache


def bump_public_version(**kwargs) -> None:
    """Mark every stored public page out of date: now, and again when the current transaction commits
    (a reader between the two could otherwise store the page as it was before the commit)."""
    _bump()
    if connection.in_atomic_block:
        transaction.on_commit(_bump, robust=True)


def _changed(sender, **kwargs):
    bump_public_version()


for _model in PUBLIC_MODELS:
    post_save.connect(_changed, sender=_model, dispatch_uid=f"public-cache-save-{_model._meta.label}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"public-cache-delete-{_model._meta.label}")
# Provinces and organisations an outcome names.
m2m_changed.connect(_changed, sender=Outcome.provinces.through, dispatch_uid="public-cache-outcome-provinces")
m2m_changed.connect(_changed, sender=Outcome.organisations.through, dispatch_uid="public-cache-outcome-organisations")


def remember(name: str, compute):
    """compute()'s result, kept until public content changes: for the parts of a page that read many
    rows to show a few (the most trained-on directives, the filters' choices, the event list's count).
    Like pages, nothing read inside a transaction is kept."""
    if connection.in_atomic_block:
        return compute()
    try:
        key = f"{PAGE_KEY_PREFIX}-part:{public_version()}:{translation.get_language()}:{name}"
        value = _cache().get(key)
    except (CacheUnavailable, *CACHE_ERRORS) as error:
        _warn(error)
        return compute()
    if value is None:
        value = compute()
        try:
            _cache().set(key, value, _timeout())
        except CACHE_ERRORS as error:
            _warn(error)
    return value


def page_key(request) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return ":".join(
        (PAGE_KEY_PREFIX, public_version(), timezone.localdate().isoformat(), translation.get_language(), address)
    )


def _may_use_cache(request) -> bool:
    return (
        getattr(settings, "PUBLIC_PAGE_CACHE", True)
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not connection.in_atomic_block
    )


def _may_store(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.accessed)
    )


def cache_public_page(view):
    """Serve anonymous GETs of `view` from the cache; store what it answers when that is safe."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        cache = _cache()
        try:
            key = page_key(request)
            response = cache.get(key)
        except (CacheUnavailable, *CACHE_ERRORS) as error:
            _warn(error)
            return view(request, *args, **kwargs)
        if response is not None:
            response[HIT_HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _may_store(request, response):
            # One chunk: a feed is written in thousands of small pieces, each a system call when served.
            response.content = response.content
            try:
                cache.set(key, response, _timeout())
            except CACHE_ERRORS as error:
                _warn(error)
                return response
            response[HIT_HEADER] = "miss"
        return response

    return wrapped
