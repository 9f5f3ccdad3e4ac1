"""`manage.py draft_event` prints the proposal and writes nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Event

pytestmark = pytest.mark.django_db
SEED = Path(__file__).parent / "seeds" / "003_422c74bcc77bb601.txt"


def test_draft_event_prints_json_and_writes_nothing(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><nav>Trang chủ</nav><article><p>{SEED.read_text()}</p></article></body></html>")
    out = StringIO()
    call_command(
        "draft_event", str(page), "--published", "2024-06-07", "--publisher", "Lamdongtv.vn", "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert (data["start_date"], data["date_precision"], data["city"]) == ("2024-06-01", "month", "Đà Lạt")
    assert data["source"]["published_on"] == "2024-06-07"
    assert Event.objects.count() == 0


def test_draft_event_summary(tmp_path):
    out = StringIO()
    call_command("draft_event", str(SEED), "--published", "2024-06-07", stdout=out)
    assert "320" in out.getvalue()
