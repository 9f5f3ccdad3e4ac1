import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest


def _settings_with(env, show="s.DEBUG, s.DATABASES['default']['ENGINE']"):
    return subprocess.run(
        [sys.executable, "-c", f"import config.settings as s; print({show})"],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_with({"DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


def test_database_url_selects_postgresql():
    result = _settings_with({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x", "DATABASE_URL": "postgres://u:p@h/db"})
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_development_default_is_sqlite_with_debug():
    assert _settings_with({}).stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_several_servers_can_share_the_cache_in_the_database():
    show = "s.CACHES['default']['BACKEND']"
    assert _settings_with({}, show).stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"
    assert _settings_with({"DJANGO_CACHE": "database"}, show).stdout.strip() == (
        "django.core.cache.backends.db.DatabaseCache"
    )
    refused = _settings_with({"DJANGO_CACHE": "redis"}, show)
    assert refused.returncode != 0
    assert "DJANGO_CACHE must be 'memory' or 'database', not 'redis'." in refused.stderr


@pytest.mark.django_db
def test_demo_accounts_prints_logins_that_work(capsys, client):
    call_command("demo_accounts")
    logins = dict(
        (line.split("  user: ")[1].split()[0], line.split("  password: ")[1].strip())
        for line in capsys.readouterr().out.splitlines()
    )
    assert set(logins) == {"admin", "registrar", "editor", "canbo.lamdong"}
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="registrar").groups.get().name == "registrar"
    assert User.objects.get(username="canbo.lamdong").officer.province.name == "Tỉnh Lâm Đồng"
    for username, password in logins.items():
        assert client.login(request=HttpRequest(), username=username, password=password)
    call_command("demo_accounts")
    assert User.objects.count() == 4
