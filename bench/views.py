"""The baseline the pages are compared with: what bare Django does on the same server and settings."""

from datetime import date, timedelta

from django.http import HttpResponse
from django.shortcuts import render

from .models import BaselineRow

ROWS = 10_000


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


def baseline(request):
    rows = BaselineRow.objects.order_by("-created_on", "pk")[:20]
    return render(request, "bench/baseline.html", {"rows": rows})


def fill_baseline_rows():
    """The 10,000 rows, once."""
    if BaselineRow.objects.count() >= ROWS:
        return
    BaselineRow.objects.all().delete()
    first = date(2017, 1, 1)
    BaselineRow.objects.bulk_create(
        [BaselineRow(title=f"Row {n}", created_on=first + timedelta(days=n % 3650)) for n in range(ROWS)],
        batch_size=2000,
    )
