"""The staff page of an event's delegate lists prepared by a task (registrations/export_jobs.py), and
their download. The files are outside MEDIA_ROOT: this view, with the permission the direct download
needs, is the only way to them."""

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import export_jobs
from ..models import ExportJob
from .staff import VIEW, _event, staff_permission_required

# Seconds after which a page with a list being prepared reloads itself (the Refresh header: no script).
REFRESH_SECONDS = 5


class ExportForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ExportJob.Kind.choices,
        error_messages={"invalid_choice": gettext_lazy("Choose CSV or Excel.")},
    )


@staff_permission_required(VIEW)
@require_http_methods(["GET", "POST"])
def prepared(request, slug):
    event = _event(slug)
    form = ExportForm(request.POST or None)
    if form.is_valid():
        export_jobs.request_export(event, form.cleaned_data["kind"], actor=request.user)
        return redirect("staff:exports", slug=event.slug)
    jobs = list(export_jobs.exports_of_event(event))
    refreshing = any(job.status == ExportJob.Status.PENDING for job in jobs)
    context = {
        "event": event,
        "jobs": jobs,
        "refreshing": refreshing,
        "form": form,
        "rows": export_jobs.delegate_count(event),
        "kinds": ExportJob.Kind.choices,
    }
    response = render(request, "registrations/staff/exports.html", context, status=400 if form.errors else 200)
    if refreshing:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@staff_permission_required(VIEW)
def download(request, slug, pk):
    job = get_object_or_404(
        ExportJob.objects.select_related("event"), pk=pk, event__slug=slug, status=ExportJob.Status.READY
    )
    try:
        handle = job.file.open("rb")
    except (FileNotFoundError, ValueError) as error:  # removed after a day, or never written
        raise Http404 from error
    filename = export_jobs.download_name(job.event, job.kind)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=export_jobs.CONTENT_TYPES[job.kind])
