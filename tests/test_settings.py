import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.checks import run_checks
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
    assert "DJANGO_CACHE must be 'memory', 'database' or a redis:// address, not 'redis'." in refused.stderr


def test_mail_is_printed_in_development_only_and_written_to_files_in_production():
    show = "s.EMAIL_BACKEND, s.EMAIL_FILE_PATH"
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x"}
    assert _settings_with({}, show).stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"
    assert _settings_with(production, show).stdout.split() == [
        "django.core.mail.backends.filebased.EmailBackend",
        str(settings.BASE_DIR / "sent-mail"),
    ]
    elsewhere = _settings_with({**production, "DJANGO_EMAIL_FILE_PATH": "/var/spool/ttdn-mail"}, show)
    assert elsewhere.stdout.split()[1] == "/var/spool/ttdn-mail"
    smtp = _settings_with({**production, "DJANGO_EMAIL_HOST": "smtp.example.vn"}, show)
    assert smtp.stdout.split()[0] == "django.core.mail.backends.smtp.EmailBackend"


def test_deploy_check_fails_in_production_without_an_email_host(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "ttdn.example.vn",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path / "sent-mail"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert (
        f"(ttdn.E001) Set DJANGO_EMAIL_HOST (SMTP) — mail is being written to files in {tmp_path / 'sent-mail'}."
    ) in result.stderr


def test_deploy_check_fails_while_mail_is_printed_to_the_console(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    errors = [e for e in run_checks(include_deployment_checks=True) if e.id == "ttdn.E001"]
    assert [e.msg for e in errors] == [
        "Set DJANGO_EMAIL_HOST (SMTP) — mail is being printed to the console, into the log."
    ]
    assert [e.id for e in run_checks(include_deployment_checks=False) if e.id.startswith("ttdn.")] == []


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
