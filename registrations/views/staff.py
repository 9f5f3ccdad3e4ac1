"""Staff pages beside the admin: check-in at the door, delegate exports, printable sheets and the report.

Every page needs a logged-in user with a Django permission on registrations (registrars have them,
editors do not), in a session the admin would accept (config.staff_access: with the code of their
authenticator device, if they enrolled one); anyone else goes to the admin login. Nothing here is cached:
it is personal data.
"""

import re
from functools import wraps

import segno
from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from config.staff_access import staff_session_ok
from events.models import Event

from .. import export_jobs, exports, reports, services
from ..attendance import ABSENT, attendance_summary, completion_rule, present_per_day
from ..models import ExportJob, Registration

VIEW = "registrations.view_registration"
CHANGE = "registrations.change_registration"
XLSX = export_jobs.CONTENT_TYPES[ExportJob.Kind.XLSX]
CODE = re.compile(r"[A-Za-z0-9_-]+")


def staff_permission_required(permission):
    """Anonymous, or a session the admin would refuse (no code given for an enrolled device) → the admin
    login; logged in without `permission` → 403."""

    def decorator(view):
        @wraps(view)
        @never_cache
        def wrapped(request, *args, **kwargs):
            if not staff_session_ok(request.user):
                return redirect_to_login(request.get_full_path(), reverse("admin:login"))
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def code_from_scan(text: str) -> str:
    """The check-in code in what was typed or scanned: the code itself, or a confirmation URL holding it."""
    text = (text or "").replace("\x00", "").strip()  # NUL is no part of a code, and PostgreSQL refuses it
    prefix = reverse("portal:confirmation", kwargs={"code": "CODE"}).removesuffix("CODE/")
    if prefix in text:
        match = CODE.match(text.split(prefix, 1)[1])
        return match.group() if match else ""
    return text


def _event(slug) -> Event:
    return get_object_or_404(Event.objects.select_related("registration_settings"), slug=slug)


def _download(content, *, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_permission_required(VIEW)
def index(request):
    return render(request, "registrations/staff/index.html", {"events": reports.events_taking_registrations()})


@staff_permission_required(CHANGE)
@require_http_methods(["GET", "POST"])
def check_in(request, slug):
    event = _event(slug)
    result = None
    if request.method == "POST":
        code = code_from_scan(request.POST.get("code", ""))
        if not code:
            result = {"ok": False, "reason": "empty", "message": _("Type or scan a code first.")}
        else:
            try:
                registration = services.check_in(code, event=event, actor=request.user)
            except services.RegistrationError as error:
                registration = Registration.objects.select_related("province", "event").filter(code=code).first()
                result = {"ok": False, "reason": error.code, "message": error.message, "registration": registration}
            else:
                result = {"ok": True, "registration": registration}
    context = {"event": event, "result": result, "counts": reports.check_in_counts(event)}
    return render(request, "registrations/staff/check_in.html", context)


def _delegate_list(slug, kind):
    """The list at once; for an event too large to build it in a request, the page that has a task prepare it."""
    event = _event(slug)
    if export_jobs.is_large(event):
        return redirect("staff:exports", slug=event.slug)
    content, _rows = export_jobs.delegate_file(event, kind)
    filename = export_jobs.download_name(event, kind)
    return _download(content, filename=filename, content_type=export_jobs.CONTENT_TYPES[kind])


@staff_permission_required(VIEW)
def export_csv(request, slug):
    return _delegate_list(slug, ExportJob.Kind.CSV)


@staff_permission_required(VIEW)
def export_xlsx(request, slug):
    return _delegate_list(slug, ExportJob.Kind.XLSX)


@staff_permission_required(VIEW)
def attendance(request, slug):
    """The sheet to sign, and to read afterwards: a ✓ for each day a delegate was present, and who completed."""
    event = _event(slug)
    groups = reports.delegates_by_province(event, statuses=reports.CONFIRMED)
    rule = completion_rule(event)
    summary = attendance_summary(event, rule)
    for _province, delegates in groups:
        for registration in delegates:
            registration.attended = summary.get(registration.pk, ABSENT)
            registration.present = [day in registration.attended.days for day in rule.days]
    context = {
        "event": event,
        "groups": groups,
        "rule": rule,
        "days": present_per_day(rule, summary),
        "started": timezone.localdate() >= rule.days[0],  # before, "completed: no" would be no news
    }
    return render(request, "registrations/staff/attendance.html", context)


def qr_svg(code: str) -> str:
    # segno draws from the URL-safe code only: the markup holds no text that came from a user.
    return mark_safe(segno.make(code, error="m").svg_inline(scale=3, omitsize=True, svgclass="qr"))


@staff_permission_required(VIEW)
def badges(request, slug):
    event = _event(slug)
    delegates = reports.delegates_of_event(event, statuses=reports.CONFIRMED)
    for registration in delegates:
        registration.qr = qr_svg(registration.code)
    return render(request, "registrations/staff/badges.html", {"event": event, "delegates": delegates})


class ReportForm(forms.Form):
    event = forms.ModelChoiceField(
        label=gettext_lazy("Event"),
        queryset=reports.events_taking_registrations(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("— or choose a year —"),
        error_messages={"invalid_choice": gettext_lazy("No event taking registrations has this address.")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        min_value=1990,
        max_value=2100,
        required=False,
        error_messages={"invalid": gettext_lazy("Give the year as four digits, e.g. 2024.")},
    )
    rollup = forms.BooleanField(label=gettext_lazy("Roll former provinces up into today's 34"), required=False)
    format = forms.ChoiceField(
        choices=[("", "HTML"), ("html", "HTML"), ("csv", "CSV")],
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": gettext_lazy("The report comes as a page or as CSV (format=csv).")},
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("event") and data.get("year"):
            raise forms.ValidationError(_("Choose an event or a year, not both."), code="both")
        if not data.get("event") and not data.get("year"):
            raise forms.ValidationError(_("Choose an event or a year."), code="neither")
        return data


def _chart(report: reports.Report) -> list[tuple]:
    """Each row with its two bars' widths (registered, attended) in per cent of the largest province."""
    largest = report.largest or 1
    return [
        (row, round(100 * row.registered / largest, 1), round(100 * row.attended / largest, 1)) for row in report.rows
    ]


@staff_permission_required(VIEW)
def report(request):
    form = ReportForm(request.GET or None)
    context = {"form": form, "report": None}
    if not form.is_bound:
        return render(request, "registrations/staff/report.html", context)
    if not form.is_valid():
        return render(request, "registrations/staff/report.html", context, status=400)
    event, year, rollup = form.cleaned_data["event"], form.cleaned_data["year"], form.cleaned_data["rollup"]
    rule = summary = None
    if event:
        registrations = Registration.objects.filter(event=event)
        subject, filename = event.title, event.slug
        rule = completion_rule(event)
        summary = attendance_summary(event, rule)
    else:
        registrations = Registration.objects.filter(event__start_date__year=year)
        subject, filename = _("Events of %(year)s") % {"year": year}, str(year)
    result = reports.registration_report(registrations, rollup=rollup, summary=summary)
    if form.cleaned_data["format"] == "csv":
        filename = f"report-{filename}{'-34' if rollup else ''}.csv"
        return _download(exports.report_csv(result), filename=filename, content_type="text/csv; charset=utf-8")
    query = request.GET.copy()
    query["format"] = "csv"
    context.update(
        {
            "report": result,
            "chart": _chart(result),
            "subject": subject,
            "event": event,
            "year": year,
            "csv_query": query.urlencode(),
            "rule": rule,
            "days": present_per_day(rule, summary) if rule else None,
        }
    )
    return render(request, "registrations/staff/report.html", context)
