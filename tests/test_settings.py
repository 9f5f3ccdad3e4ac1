import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command


def _settings_with(env):
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"],
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


@pytest.mark.django_db
def test_demo_admin_prints_a_login_that_works(capsys, client):
    call_command("demo_admin")
    password = capsys.readouterr().out.split("password: ")[1].strip()
    assert User.objects.get(username="admin").is_superuser
    assert client.login(username="admin", password=password)
    call_command("demo_admin")
    assert User.objects.count() == 1
