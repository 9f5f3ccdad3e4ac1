"""Dates known only to a precision: a source may give the day, the month or only the year.

Events, posts and academic titles keep such a date as its first day plus a precision; these rules
say what the stored day stands for, so that no page shows a day the source did not give."""

import calendar
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("year only")
    MONTH = "month", _("month")
    DAY = "day", _("day")


def truncated(day: date | None, precision: str) -> date | None:
    """`day` without what `precision` does not vouch for: the first of its month or of its year."""
    if day is None or precision == Precision.DAY:
        return day
    if precision == Precision.YEAR:
        return day.replace(month=1, day=1)
    return day.replace(day=1)


def period(day: date, precision: str) -> tuple[date, date]:
    """The first and last day `day` may stand for at `precision`."""
    first = truncated(day, precision)
    if precision == Precision.YEAR:
        return first, date(first.year, 12, 31)
    if precision == Precision.MONTH:
        return first, date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first, first
