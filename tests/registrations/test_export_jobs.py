"""Delegate lists of large events prepared by a task: at once on the immediate backend, "being prepared"
then a link on the database queue, built once however often the task runs, retried with back-off,
kept out of MEDIA_ROOT, handed out only to staff who may view registrations, removed after a day."""

import csv
import io
import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from registrations import export_jobs
from registrations.export_jobs import EXPORT_RETRY_MINUTES, build_export
from registrations.models import ExportJob
from tests import factories

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def small_limit(settings):
    """Three delegates make a large event here, as 2,001 do by default."""
    settings.EXPORT_DIRECT_MAX_ROWS = 2


@pytest.fixture
def event():
    lam_dong = factories.current_province()
    the_event = factories.registration_open(quotas={lam_dong: 10}, title="Hội nghị tập huấn TTĐN 2026")
    for given_name in ("An", "Bảo", "Yến"):
        factories.registration(event=the_event, province=lam_dong, given_name=given_name)
    return the_event


@pytest.fixture
def registrar():
    return factories.staff("registrar")[1]


def prepare(client, event, kind="csv"):
    return client.post(reverse("staff:exports", args=[event.slug]), {"kind": kind})


def page(client, event):
    return client.get(reverse("staff:exports", args=[event.slug]))


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode().removeprefix("\ufeff"))))


def test_up_to_the_limit_the_list_downloads_at_once_above_it_staff_are_sent_to_prepare_it(registrar, event, settings):
    settings.EXPORT_DIRECT_MAX_ROWS = 3
    direct = registrar.get(reverse("staff:export-csv", args=[event.slug]))
    assert direct["Content-Disposition"] == f'attachment; filename="{event.slug}-delegates.csv"'
    assert len(csv_rows(direct.content)) == 1 + 3

    settings.EXPORT_DIRECT_MAX_ROWS = 2
    for name in ("export-csv", "export-xlsx"):
        response = registrar.get(reverse(f"staff:{name}", args=[event.slug]))
        assert response.status_code == 302
        assert response["Location"] == reverse("staff:exports", args=[event.slug])
    assert ExportJob.objects.count() == 0  # a GET prepares nothing


def test_on_the_immediate_backend_the_list_is_ready_when_the_page_shows(registrar, event, settings):
    response = prepare(registrar, event)
    assert response.status_code == 302

    response = page(registrar, event)
    (job,) = response.context["jobs"]
    download = reverse("staff:export-download", args=[event.slug, job.pk])
    assert f'<a href="{download}">Download (3 rows)</a>' in response.content.decode()
    assert "Refresh" not in response
    file = registrar.get(download)
    assert file["Content-Type"] == "text/csv; charset=utf-8"
    assert file["Content-Disposition"] == f'attachment; filename="{event.slug}-delegates.csv"'
    assert "no-store" in file["Cache-Control"]
    content = b"".join(file.streaming_content)
    assert content == export_jobs.delegate_file(event, "csv")[0]  # the list the direct download gives
    assert [row[3] for row in csv_rows(content)[1:]] == ["An", "Bảo", "Yến"]
    assert os.path.dirname(job.file.path) == str(settings.PRIVATE_MEDIA_ROOT / "exports")  # not under MEDIA_ROOT


def test_an_excel_list_is_prepared_too(registrar, event):
    prepare(registrar, event, "xlsx")
    job = ExportJob.objects.get()
    file = registrar.get(reverse("staff:export-download", args=[event.slug, job.pk]))
    assert file["Content-Disposition"] == f'attachment; filename="{event.slug}-delegates.xlsx"'
    sheet = load_workbook(io.BytesIO(b"".join(file.streaming_content))).active
    assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["An", "Bảo", "Yến"]


def test_on_the_database_queue_the_page_says_being_prepared_until_the_worker_has_built_it_once(
    registrar, event, settings
):
    settings.TASKS = DATABASE_QUEUE
    prepare(registrar, event)
    prepare(registrar, event)  # a double click: the same job, one task
    (job,) = ExportJob.objects.all()
    (queued,) = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [job.pk]

    response = page(registrar, event)
    assert response["Refresh"] == "5"
    assert "Being prepared…" in response.content.decode()
    assert registrar.get(reverse("staff:export-download", args=[event.slug, job.pk])).status_code == 404

    assert build_export.call(job.pk) == "ready"
    assert build_export.call(job.pk) == "skipped"  # a retry, or the task run twice
    response = page(registrar, event)
    assert "Refresh" not in response
    assert "Download (3 rows)" in response.content.decode()
    assert os.listdir(settings.PRIVATE_MEDIA_ROOT / "exports") == [f"{job.pk}.csv"]


class Unreadable(OSError):
    pass


def failing_build(event, kind):
    raise Unreadable("disk error reading daibieu1@example.vn")


def test_a_failed_build_is_retried_with_back_off_then_shown_as_failed(registrar, event, settings, monkeypatch, caplog):
    settings.TASKS = DATABASE_QUEUE
    monkeypatch.setattr(export_jobs, "delegate_file", failing_build)
    prepare(registrar, event)
    job = ExportJob.objects.get()

    with pytest.raises(export_jobs.ExportNotBuilt) as failure:
        build_export.call(job.pk)

    assert "example.vn" not in str(failure.value) + caplog.text  # the queue and the log keep these
    retry = DBTaskResult.objects.latest("enqueued_at")
    assert retry.args_kwargs["args"] == [job.pk, 2]
    assert retry.run_after > timezone.now() + timedelta(minutes=EXPORT_RETRY_MINUTES[0]) - timedelta(seconds=5)
    assert "(1 failed attempts, last: Unreadable; trying again)" in page(registrar, event).content.decode()

    with pytest.raises(export_jobs.ExportNotBuilt):
        build_export.call(job.pk, len(EXPORT_RETRY_MINUTES) + 1)

    assert DBTaskResult.objects.count() == 2  # no retry after the last
    response = page(registrar, event)
    assert "Failed (Unreadable). Prepare it again" in response.content.decode()
    assert "Refresh" not in response
    monkeypatch.undo()
    prepare(registrar, event)
    assert ExportJob.objects.filter(status="pending").exclude(pk=job.pk).count() == 1


def test_on_the_immediate_backend_a_failed_build_shows_as_failed_at_once(registrar, event, monkeypatch):
    monkeypatch.setattr(export_jobs, "delegate_file", failing_build)
    prepare(registrar, event)
    job = ExportJob.objects.get()
    assert (job.status, job.attempts, job.error) == ("failed", 1, "Unreadable")


def test_a_rerun_after_a_stop_replaces_the_file_left_half_written(event, settings):
    settings.TASKS = DATABASE_QUEUE
    job = export_jobs.request_export(event, "csv", actor=None)
    folder = settings.PRIVATE_MEDIA_ROOT / "exports"
    folder.mkdir(parents=True)
    (folder / f"{job.pk}.csv").write_bytes(b"\xef\xbb\xbfProvince,Fam")

    assert build_export.call(job.pk) == "ready"

    assert os.listdir(folder) == [f"{job.pk}.csv"]
    assert len(csv_rows((folder / f"{job.pk}.csv").read_bytes())) == 1 + 3


def test_a_job_left_pending_by_a_process_that_died_does_not_block_a_new_one(event, settings):
    settings.TASKS = DATABASE_QUEUE
    lost = export_jobs.request_export(event, "csv", actor=None)
    ExportJob.objects.filter(pk=lost.pk).update(requested_at=timezone.now() - timedelta(hours=2))
    assert export_jobs.request_export(event, "csv", actor=None).pk != lost.pk


def test_prepared_lists_are_for_staff_who_may_view_registrations_only(registrar, event, client):
    prepare(registrar, event)
    job = ExportJob.objects.get()
    editor = factories.staff("editor")[1]
    for url in (
        reverse("staff:exports", args=[event.slug]),
        reverse("staff:export-download", args=[event.slug, job.pk]),
    ):
        assert editor.get(url).status_code == 403
        assert client.get(url).status_code == 302  # to the admin login
    assert editor.post(reverse("staff:exports", args=[event.slug]), {"kind": "csv"}).status_code == 403
    assert ExportJob.objects.count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/staff/events/{other}/exports/{pk}/",
        "/staff/events/{slug}/exports/{missing}/",
        "/staff/events/{slug}/exports/99999999999999999999999/",
        "/staff/events/no-such-event/exports/",
    ],
)
def test_a_list_asked_for_under_another_event_or_a_made_up_number_is_404(registrar, event, path):
    prepare(registrar, event)
    job = ExportJob.objects.get()
    other = factories.registration_open(title="Hội thảo khác")
    url = path.format(other=other.slug, slug=event.slug, pk=job.pk, missing=job.pk + 1)
    assert registrar.get(url).status_code == 404


def test_a_file_removed_from_the_disk_is_404_not_an_error(registrar, event):
    prepare(registrar, event)
    job = ExportJob.objects.get()
    os.remove(job.file.path)
    assert registrar.get(reverse("staff:export-download", args=[event.slug, job.pk])).status_code == 404


@pytest.mark.parametrize("kind", ["pdf", "csv\x00", ""])
def test_an_unknown_format_is_refused_with_a_message(registrar, event, kind):
    response = prepare(registrar, event, kind)
    assert response.status_code == 400
    assert ExportJob.objects.count() == 0


def test_lists_older_than_a_day_are_removed_with_their_files(event, settings):
    old = export_jobs.request_export(event, "csv", actor=None)
    fresh = export_jobs.request_export(event, "xlsx", actor=None)
    a_day_ago = timezone.now() - timedelta(days=1, minutes=1)
    ExportJob.objects.filter(pk=old.pk).update(requested_at=a_day_ago)
    os.utime(old.file.path, (a_day_ago.timestamp(), a_day_ago.timestamp()))
    output = io.StringIO()

    call_command("remove_old_exports", stdout=output)

    assert output.getvalue() == "Removed 1 prepared list(s) older than 1 day(s).\n"
    assert list(ExportJob.objects.all()) == [fresh]
    assert os.listdir(settings.PRIVATE_MEDIA_ROOT / "exports") == [f"{fresh.pk}.xlsx"]


def test_a_list_whose_event_was_deleted_goes_after_a_day_too():
    event = factories.registration_open(title="Hội thảo chưa có đại biểu")  # one with delegates stays
    job = export_jobs.request_export(event, "csv", actor=None)
    path = job.file.path
    event.delete()
    assert os.path.exists(path)
    assert export_jobs.remove_old_exports(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert not os.path.exists(path)


@pytest.mark.parametrize("jobs", [1, 3])
def test_the_lists_page_query_count_does_not_grow(registrar, event, jobs, django_assert_max_num_queries):
    for kind in ["csv", "xlsx", "csv"][:jobs]:
        export_jobs.request_export(event, kind, actor=factories.account(is_staff=True))
    with django_assert_max_num_queries(8):  # session, user, device, permissions ×2, event, lists, count
        response = page(registrar, event)
    assert len(response.context["jobs"]) == jobs
