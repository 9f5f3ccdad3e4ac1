"""The style policy allows no inline style outside the admin, and no template of ours needs one."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

INLINE_STYLE = re.compile(r"<style|\sstyle=", re.IGNORECASE)


def test_public_pages_allow_no_inline_style(client, db):
    policy = client.get(reverse("events:home")).headers["Content-Security-Policy"]
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy


def test_only_the_admin_allows_inline_style(admin_client):
    policy = admin_client.get(reverse("admin:index")).headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline';" in policy
    assert "script-src 'self';" in policy


def test_no_template_outside_the_admin_writes_an_inline_style():
    templates = Path(settings.BASE_DIR, "templates")
    offending = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "admin" not in path.relative_to(templates).parts and INLINE_STYLE.search(path.read_text(encoding="utf-8"))
    ]
    assert offending == []
