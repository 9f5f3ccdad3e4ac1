"""Delegate lists too large to build in a request, prepared by a task into private storage.

Up to settings.EXPORT_DIRECT_MAX_ROWS rows the staff pages send the file at once. Above it a request
records an ExportJob and queues `build_export`, which writes the file under PRIVATE_MEDIA_ROOT (never
served by the proxy) for the staff page to hand out through a view. On the immediate backend (`make
run`) the task runs inside the request, so the file is ready when the page shows. A job is built once:
a retried or repeated task finds it ready and stops. Files and jobs are removed after a day.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django_tasks import default_task_backend, task

from events.models import Event

from . import attendance, exports, reports
from .models import ExportJob, Registration
from .models.materials import private_storage

logger = logging.getLogger(__name__)

# Minutes to wait before each retry of an export that failed; after the last the job shows as failed.
EXPORT_RETRY_MINUTES = (1, 5, 30)
# Delegates' phones and e-mails: a prepared list is kept long enough to download, not longer.
EXPORT_KEPT = timedelta(days=1)
# A pending job older than this was lost (its process died before the queue had it): a request makes another.
LOST_AFTER = timedelta(hours=1)
EXPORT_FOLDER = "exports"  # ExportJob.file's upload_to
CONTENT_TYPES = {
    ExportJob.Kind.CSV: "text/csv; charset=utf-8",
    ExportJob.Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ExportNotBuilt(Exception):
    """An attempt failed; the message names the job and the error's type only (the queue keeps it)."""


def download_name(event: Event, kind: str) -> str:
    return f"{event.slug}-delegates.{kind}"


def delegate_file(event: Event, kind: str) -> tuple[bytes, int]:
    """The event's delegate list as a file's bytes, and its number of rows: what both the direct
    download and the task send, so the two cannot differ."""
    registrations = reports.delegates_of_event(event)
    summary = attendance.attendance_summary(event)
    if kind == ExportJob.Kind.XLSX:
        return exports.delegates_xlsx(registrations, summary), len(registrations)
    return exports.delegates_csv(registrations, summary).encode(), len(registrations)


def delegate_count(event: Event) -> int:
    """The rows of the event's delegate list."""
    return Registration.objects.filter(event=event).count()


def is_large(event: Event) -> bool:
    """Too many rows to build the list within a request."""
    return delegate_count(event) > settings.EXPORT_DIRECT_MAX_ROWS


def exports_of_event(event: Event) -> QuerySet[ExportJob]:
    """The event's prepared and pending lists, newest first (older ones are removed after a day)."""
    return ExportJob.objects.filter(event=event).select_related("requested_by")[:20]


def request_export(event: Event, kind: str, *, actor) -> ExportJob:
    """Queue the event's delegate list as `kind`, or return the one of that kind being prepared (a
    double click). A job pending longer than any run and its retries take was lost: a new one is made."""
    pending = ExportJob.objects.filter(
        event=event, kind=kind, status=ExportJob.Status.PENDING, requested_at__gte=timezone.now() - LOST_AFTER
    ).first()
    if pending:
        return pending
    with transaction.atomic():
        job = ExportJob.objects.create(event=event, kind=kind, requested_by=actor)
        if default_task_backend.supports_defer:  # a queue: the task is saved with the job, atomically
            build_export.enqueue(job.pk)
    if not default_task_backend.supports_defer:
        build_export.enqueue(job.pk)  # runs here and now, after the commit: no lock held while it builds
    job.refresh_from_db()
    return job


@task()
def build_export(job_id: int, attempt: int = 1) -> str:
    """Write one job's file, once. The job's row is locked meanwhile, so two runs cannot both build it."""
    remove_old_exports()
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update(of=("self",))
            .select_related("event")
            .filter(pk=job_id, status=ExportJob.Status.PENDING)
            .first()
        )
        if job is None:  # built already, or removed
            return "skipped"
        try:
            with transaction.atomic():  # a failed query here must not spoil recording the failure
                content, rows = delegate_file(job.event, job.kind)
                name = f"{job.pk}.{job.kind}"
                # A file left by a run that stopped before it recorded the job: replaced, not kept beside.
                job.file.storage.delete(job.file.field.generate_filename(job, name))
                job.file.save(name, ContentFile(content), save=False)
                job.status, job.rows, job.finished_at = ExportJob.Status.READY, rows, timezone.now()
                job.save(update_fields=["file", "status", "rows", "finished_at"])
        except Exception as error:
            failure = type(error).__name__
        else:
            return "ready"
        will_retry = attempt <= len(EXPORT_RETRY_MINUTES) and default_task_backend.supports_defer
        ExportJob.objects.filter(pk=job_id).update(
            attempts=F("attempts") + 1,
            error=failure[:100],
            status=ExportJob.Status.PENDING if will_retry else ExportJob.Status.FAILED,
            finished_at=None if will_retry else timezone.now(),
        )
    logger.error("Export %s failed: %s", job_id, failure)
    if will_retry:
        delay = timedelta(minutes=EXPORT_RETRY_MINUTES[attempt - 1])
        build_export.using(run_after=timezone.now() + delay).enqueue(job_id, attempt + 1)
    raise ExportNotBuilt(f"export {job_id}, attempt {attempt}: {failure}") from None


def remove_old_exports(*, now=None) -> int:
    """Remove the jobs and the files older than EXPORT_KEPT (also a file whose job or event is gone);
    returns how many files."""
    cutoff = (now or timezone.now()) - EXPORT_KEPT
    ExportJob.objects.filter(requested_at__lt=cutoff).delete()
    storage = private_storage()
    try:
        _, names = storage.listdir(EXPORT_FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        path = f"{EXPORT_FOLDER}/{name}"
        if storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            removed += 1
    return removed
