"""Delegate lists and reports as CSV (UTF-8 with a BOM, so Excel shows Vietnamese) and XLSX."""

import csv
import io
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from people.text import clean_text

from .attendance import ABSENT, DaysAttended
from .models import Registration
from .reports import Report

BOM = "\ufeff"
# A CSV cell starting with one of these is a formula to a spreadsheet: a delegate's "name" must not run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _one_line(value):
    """A cell's text on one line, without control characters: a row saved before the record cleaned its
    text (people.text.clean_text) must still export, and openpyxl refuses most control characters."""
    return clean_text(value, multiline=False) if isinstance(value, str) else value


def _local(moment):
    """Local (Asia/Ho_Chi_Minh) time without the zone: spreadsheets know no zones."""
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


def _field_label(name: str) -> str:
    return str(Registration._meta.get_field(name).verbose_name)


DELEGATE_FIELDS = [
    "province",
    "family_name",
    "middle_name",
    "given_name",
    "post",
    "organisation",
    "gender",
    "phone",
    "email",
    "status",
    "created_at",
    "checked_in_at",
]


def delegate_header() -> list[str]:
    return [capfirst(_field_label(name)) for name in DELEGATE_FIELDS] + [_("Days attended"), _("Completed")]


def delegate_row(registration: Registration, attended: DaysAttended = ABSENT) -> list:
    """One delegate's cells, times as local datetimes, then the days attended and whether that completes."""
    return [
        registration.province.name,
        registration.family_name,
        registration.middle_name,
        registration.given_name,
        registration.post,
        registration.organisation,
        registration.get_gender_display(),
        registration.phone,
        registration.email,
        registration.get_status_display(),
        _local(registration.created_at),
        _local(registration.checked_in_at),
        attended.day_count,
        _("Yes") if attended.completed else _("No"),
    ]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        return date_format(value, "d/m/Y H:i")
    if isinstance(value, date):
        return date_format(value, "d/m/Y")
    return _safe(_one_line(str(value)))


def as_csv(header: list[str], rows) -> str:
    """CSV text starting with a BOM; datetimes as day/month/year hour:minute; no cell runs as a formula."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def as_xlsx(title: str, header: list[str], rows) -> bytes:
    """An XLSX workbook of one sheet: a bold, frozen header row with a filter, then the rows.

    Every text is stored as text: a delegate's "=HYPERLINK(…)" is shown, never run.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    widths = [len(h) for h in header]
    for row in rows:
        row = [_one_line(value) for value in row]
        sheet.append(row)
        for i, value in enumerate(row):
            widths[i] = max(widths[i], 16 if hasattr(value, "hour") else len(str(value or "")))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, 60)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
            if hasattr(cell.value, "hour"):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
            elif cell.data_type == "f":  # openpyxl reads a leading "=" as a formula
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def delegates_csv(registrations: list[Registration], summary: dict[int, DaysAttended]) -> str:
    """`summary`: the event's `attendance_summary`."""
    return as_csv(delegate_header(), (delegate_row(r, summary.get(r.pk, ABSENT)) for r in registrations))


def delegates_xlsx(registrations: list[Registration], summary: dict[int, DaysAttended]) -> bytes:
    rows = [delegate_row(r, summary.get(r.pk, ABSENT)) for r in registrations]
    return as_xlsx(_("Delegates"), delegate_header(), rows)


def report_header() -> list[str]:
    return [
        _("Province"),
        _("Registered (holding a seat)"),
        _("Confirmed"),
        _("Attended"),
        _("Completed"),
        _("Waitlisted"),
        _("Cancelled"),
    ]


def report_csv(report: Report) -> str:
    rows = [[row.province.name, *row.values()] for row in report.rows]
    rows.append([_("Total"), *report.total.values()])
    return as_csv(report_header(), rows)
