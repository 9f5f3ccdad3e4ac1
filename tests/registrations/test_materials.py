"""Training materials: the check of an upload, the private store, who may download which file, the count,
the lists on the event page, the confirmation and the officer's page, and the admin inline."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from registrations import materials
from registrations.models import Material, Registration
from tests import factories
from tests.admin_forms import admin_form_data, form_errors, inline_rows

pytestmark = pytest.mark.django_db

PUBLISHED = Event.Status.PUBLISHED
PUBLIC, DELEGATES = Material.Visibility.PUBLIC, Material.Visibility.DELEGATES
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SLIDES = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_WORD = "application/vnd.ms-word.document.macroEnabled.main+xml"


# --- files ----------------------------------------------------------------------------------------


def ooxml(main_type: str) -> bytes:
    """A zip as Word, PowerPoint or Excel write it, as far as the check reads: its [Content_Types] part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/main.xml" ContentType="{main_type}"/></Types>',
        )
        archive.writestr("main.xml", "<document/>")
    return buffer.getvalue()


DOCX_BYTES, PPTX_BYTES, XLSX_BYTES = ooxml(WORD), ooxml(SLIDES), ooxml(SHEET)
PDF_BYTES = b"%PDF-1.7\n% Bai giang\n%%EOF\n"
OLE2_BYTES = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


def upload(name="Bài giảng TTĐN.pdf", content=PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def material(event, *, visibility=PUBLIC, title="Chuyên đề 1: Thông tin đối ngoại", **kw) -> Material:
    kw.setdefault("file", upload())
    return Material.objects.create(event=event, title=title, visibility=visibility, **kw)


def english_client() -> Client:
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def gia_lai():
    return factories.current_province("Tỉnh Gia Lai")


@pytest.fixture
def event(lam_dong, gia_lai):
    return factories.registration_open(
        quotas={lam_dong: 5, gia_lai: 5},
        status=PUBLISHED,
        title="Hội nghị tập huấn TTĐN 2026",
        start_date=date(2026, 4, 10),
    )


def officer_client(province) -> Client:
    client = english_client()
    client.force_login(factories.officer(province=province).user)
    return client


def public_url(material_):
    return reverse("materials:public", kwargs={"slug": material_.event.slug, "pk": material_.pk})


def delegate_url(registration, material_):
    return reverse("portal:material", kwargs={"code": registration.code, "pk": material_.pk})


def officer_url(material_):
    return reverse("portal:officer-material", kwargs={"slug": material_.event.slug, "pk": material_.pk})


def downloads(material_) -> int:
    return Material.objects.get(pk=material_.pk).download_count


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- the check of an upload -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [
        ("slides.pdf", PDF_BYTES),
        ("Bài giảng.DOCX", DOCX_BYTES),
        ("trinh-chieu.pptx", PPTX_BYTES),
        ("so-lieu.xlsx", XLSX_BYTES),
        ("cu.doc", OLE2_BYTES),
        ("cu.ppt", OLE2_BYTES),
    ],
)
def test_a_file_whose_content_matches_its_type_is_accepted(name, content):
    materials.validate_upload(upload(name, content))


@pytest.mark.parametrize(
    "name, content",
    [
        ("bai-giang.pdf", b"MZ\x90\x00 a program, not a PDF"),  # a fake PDF
        ("bai-giang.pdf", ooxml(WORD)),  # a Word file named .pdf
        ("bai-giang.docx", ooxml(MACRO_WORD)),  # a macro-enabled document renamed .docx
        ("bai-giang.docx", ooxml(SLIDES)),  # slides named .docx
        ("bai-giang.docx", PDF_BYTES),  # not a zip at all
        ("bai-giang.pptx", b"PK\x03\x04 broken zip"),
        ("bai-giang.doc", PDF_BYTES),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        materials.validate_upload(upload(name, content))
    assert refused.value.code == "file_content"


@pytest.mark.parametrize("name", ["setup.exe", "anh.png", "bai-giang", "bai-giang.pdf.exe"])
def test_a_file_of_another_type_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        materials.validate_upload(upload(name, PDF_BYTES))
    assert refused.value.code == "file_type"


def test_a_file_over_the_configured_limit_is_refused(settings):
    settings.TTDN_MATERIAL_MAX_MB = 1
    materials.validate_upload(upload("vua.pdf", PDF_BYTES.ljust(1024 * 1024, b" ")))
    with pytest.raises(ValidationError) as refused:
        materials.validate_upload(upload("qua-lon.pdf", PDF_BYTES.ljust(1024 * 1024 + 1, b" ")))
    assert refused.value.code == "file_too_large"
    assert refused.value.params["limit"] == "1.0\xa0MB"


# --- the private store ----------------------------------------------------------------------------


def test_a_material_is_stored_outside_the_media_folder_with_its_size(event, settings):
    saved = material(event, file=upload("Bài giảng TTĐN.pdf"))
    path = Path(saved.file.path)
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert saved.size == len(PDF_BYTES) == path.stat().st_size
    # The file has no address of its own: nothing could link around the checks.
    with pytest.raises(ValueError):
        saved.file.url  # noqa: B018


def test_a_material_cannot_be_fetched_under_media(client, event, settings):
    saved = material(event, visibility=DELEGATES)
    assert client.get(f"/{settings.MEDIA_URL}{saved.file.name}").status_code == 404


def test_a_very_long_vietnamese_file_name_is_shortened_to_fit_the_disk(event):
    saved = material(event, file=upload("Tài liệu hội nghị tập huấn thông tin đối ngoại " * 6 + ".pdf"))
    assert len(Path(saved.file.path).name.encode()) <= 130
    assert saved.filename.endswith(".pdf")


# --- public downloads -----------------------------------------------------------------------------


def test_a_public_file_of_a_published_event_downloads_as_an_attachment_and_is_counted(client, event):
    saved = material(event, file=upload("Bài giảng TTĐN.pdf"))
    response = client.get(public_url(saved))
    assert response.status_code == 200
    assert body(response) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    # Spaces become "_" in the stored name; the Vietnamese letters stay, written as RFC 6266 asks.
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''B%C3%A0i_gi%E1%BA%A3ng_TT%C4%90N.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    client.get(public_url(saved))
    assert downloads(saved) == 2


def test_a_delegates_only_file_is_not_reachable_through_the_public_address(client, event):
    secret = material(event, visibility=DELEGATES)
    assert client.get(public_url(secret)).status_code == 404
    assert downloads(secret) == 0


def test_a_public_file_of_a_draft_event_or_under_another_event_is_a_404(client, event):
    draft = factories.event(title="Bản nháp")
    of_draft = material(draft)
    assert client.get(public_url(of_draft)).status_code == 404
    other = factories.event(status=PUBLISHED, title="Sự kiện khác")
    of_event = material(event)
    wrong_event = reverse("materials:public", kwargs={"slug": other.slug, "pk": of_event.pk})
    assert client.get(wrong_event).status_code == 404


def test_a_file_missing_from_the_disk_is_a_404(client, event):
    saved = material(event)
    saved.file.storage.delete(saved.file.name)
    assert client.get(public_url(saved)).status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/vi/events/hoi-nghi%00/materials/1/",
        "/vi/events/hoi-nghi/materials/1%00/",
        "/vi/events/hoi-nghi/materials/99999999999999999999999999/",
        "/portal/confirmation/abc%00def/materials/1/",
        "/portal/confirmation/abc/materials/%00/",
        "/portal/confirmation/abc/materials/99999999999999999999999999/",
        "/portal/events/x%00/materials/1/",
        "/staff/materials/%00/",
    ],
)
def test_nul_and_out_of_range_numbers_in_a_material_address_are_a_404(client, address):
    assert client.get(address).status_code == 404


# --- delegates ------------------------------------------------------------------------------------


def test_a_confirmed_delegate_downloads_a_delegates_only_file_through_the_code(client, event, lam_dong):
    delegate = factories.confirmed_registration(event=event, province=lam_dong)
    secret = material(event, visibility=DELEGATES, file=upload("Tai lieu mat.docx", DOCX_BYTES))
    response = client.get(delegate_url(delegate, secret))
    assert response.status_code == 200
    assert body(response) == DOCX_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="Tai_lieu_mat.docx"'
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert downloads(secret) == 1


def test_the_code_of_another_event_or_a_pending_delegate_does_not_open_a_file(client, event, lam_dong):
    secret = material(event, visibility=DELEGATES)
    elsewhere = factories.confirmed_registration(province=lam_dong)  # a delegate of another event
    pending = factories.registration(event=event, province=lam_dong)
    assert pending.status == Registration.Status.PENDING
    for registration in (elsewhere, pending):
        assert client.get(delegate_url(registration, secret)).status_code == 404
    unknown = reverse("portal:material", kwargs={"code": "khong-co-ma-nay", "pk": secret.pk})
    assert client.get(unknown).status_code == 404
    assert downloads(secret) == 0


@pytest.mark.parametrize("n", [1, 3])
def test_the_confirmation_page_lists_both_kinds_with_links_through_the_code(
    event, lam_dong, n, django_assert_max_num_queries
):
    delegate = factories.confirmed_registration(event=event, province=lam_dong)
    files = [material(event, visibility=DELEGATES, title=f"Tài liệu {i}") for i in range(n)]
    files.append(material(event, visibility=PUBLIC, title="Chương trình"))
    material(factories.event(status=PUBLISHED), title="Tài liệu của hội nghị khác")
    with django_assert_max_num_queries(6):
        page = english_client().get(reverse("portal:confirmation", kwargs={"code": delegate.code})).content.decode()
    for file in files:
        assert delegate_url(delegate, file) in page
    assert "Tài liệu của hội nghị khác" not in page
    assert page.count(">delegates only<") == n


# --- officers -------------------------------------------------------------------------------------


def test_an_officer_of_a_province_with_delegates_downloads_a_delegates_only_file(event, lam_dong):
    factories.registration(event=event, province=lam_dong)
    secret = material(event, visibility=DELEGATES)
    response = officer_client(lam_dong).get(officer_url(secret))
    assert response.status_code == 200
    assert downloads(secret) == 1


def test_an_officer_of_another_province_is_refused_the_file_and_sees_no_list(event, lam_dong, gia_lai):
    factories.registration(event=event, province=lam_dong)
    secret = material(event, visibility=DELEGATES, title="Tài liệu nội bộ")
    other = officer_client(gia_lai)
    assert other.get(officer_url(secret)).status_code == 404
    page = other.get(reverse("portal:event-registrations", kwargs={"slug": event.slug})).content.decode()
    assert "Tài liệu nội bộ" not in page
    assert downloads(secret) == 0


def test_an_officer_whose_delegates_were_all_cancelled_is_refused(event, lam_dong, admin_user):
    from registrations import services

    registration = factories.registration(event=event, province=lam_dong)
    services.cancel_registration(registration, actor=admin_user, reason="Bận công tác")
    secret = material(event, visibility=DELEGATES)
    assert officer_client(lam_dong).get(officer_url(secret)).status_code == 404


def test_a_visitor_not_logged_in_is_sent_to_the_portal_login(client, event):
    secret = material(event, visibility=DELEGATES)
    response = client.get(officer_url(secret))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


@pytest.mark.parametrize("n", [1, 3])
def test_the_officers_event_page_lists_the_files_with_a_budget_that_does_not_grow(
    event, lam_dong, n, django_assert_max_num_queries
):
    factories.registration(event=event, province=lam_dong)
    files = [material(event, visibility=DELEGATES, title=f"Tài liệu {i}") for i in range(n)]
    client = officer_client(lam_dong)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("portal:event-registrations", kwargs={"slug": event.slug})).content.decode()
    assert [officer_url(file) in page for file in files] == [True] * n


# --- the public event page ------------------------------------------------------------------------


def test_the_event_page_lists_only_the_public_files_with_type_and_size(event):
    agenda_item = factories.agenda_item(event=event, title="Kỹ năng thông tin đối ngoại")
    shown = material(event, title="Chương trình hội nghị", file=upload("chuong-trinh.pdf", PDF_BYTES.ljust(2048)))
    slides = material(event, title="Bài trình bày", agenda_item=agenda_item, file=upload("slides.pptx", ooxml(SLIDES)))
    material(event, visibility=DELEGATES, title="Tài liệu nội bộ")
    page = english_client().get(event.get_absolute_url()).content.decode()
    assert public_url(shown) in page and public_url(slides) in page
    assert "Tài liệu nội bộ" not in page
    assert "(PDF, 2.0\xa0KB)" in page
    assert "Kỹ năng thông tin đối ngoại" in page


def test_an_event_without_public_files_has_no_materials_heading(event):
    material(event, visibility=DELEGATES)
    page = english_client().get(event.get_absolute_url()).content.decode()
    assert "<h2>Materials</h2>" not in page


def test_the_public_files_cost_the_event_page_one_query_however_many(event, settings):
    settings.PUBLIC_PAGE_CACHE = False
    client = english_client()
    client.get(event.get_absolute_url())  # the per-process reads (the provinces' names…) done once

    def page_queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            client.get(event.get_absolute_url())
        return [query["sql"] for query in captured]

    without = page_queries()
    for i in range(3):
        material(event, title=f"Tài liệu {i}")
    with_files = page_queries()
    assert len(with_files) == len(without)
    assert sum("registrations_material" in sql for sql in with_files) == 1


# Transactional: a page rendered inside a transaction is never stored (events/cache.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_adding_or_removing_a_public_file_refreshes_the_cached_event_page(event):
    client = english_client()
    client.get(event.get_absolute_url())
    assert client.get(event.get_absolute_url())["X-Page-Cache"] == "hit"
    saved = material(event, title="Chương trình hội nghị")
    link = public_url(saved)
    assert link in client.get(event.get_absolute_url()).content.decode()
    saved.delete()
    assert link not in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_download_does_not_empty_the_public_page_cache(client, event):
    saved = material(event)
    english_client().get(event.get_absolute_url())
    client.get(public_url(saved))
    assert english_client().get(event.get_absolute_url())["X-Page-Cache"] == "hit"


# --- staff and the admin --------------------------------------------------------------------------


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def test_a_material_is_added_through_the_event_inline(admin_client, settings):
    event = factories.event()  # no registration settings: their split date-time fields are not resent here
    item = factories.agenda_item(event=event, title="Chuyên đề 2")
    page = admin_client.get(change_url(event))
    row = {
        "title": "Bài trình bày chuyên đề 2",
        "file": upload("Chuyên đề 2.pptx", PPTX_BYTES),
        "visibility": DELEGATES,
        "agenda_item": item.pk,
        "order": 1,
    }
    response = admin_client.post(change_url(event), {**admin_form_data(page), **inline_rows("materials", row)})
    assert response.status_code == 302, form_errors(response)
    saved = Material.objects.get(event=event)
    assert (saved.title, saved.agenda_item, saved.visibility, saved.size, saved.download_count) == (
        "Bài trình bày chuyên đề 2",
        item,
        DELEGATES,
        len(PPTX_BYTES),
        0,
    )
    assert Path(saved.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)


def test_the_inline_refuses_a_fake_pdf_and_saves_nothing(admin_client, settings):
    event = factories.event()  # no registration settings: their split date-time fields are not resent here
    page = admin_client.get(change_url(event))
    row = {"title": "Giả", "file": upload("gia.pdf", b"<html>not a pdf</html>"), "visibility": PUBLIC, "order": 0}
    response = admin_client.post(change_url(event), {**admin_form_data(page), **inline_rows("materials", row)})
    assert response.status_code == 200
    assert form_errors(response) == ["The file's content is not a PDF file, whatever its name says; nothing was saved."]
    assert not Material.objects.exists()
    assert list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.*")) == []


def test_the_inline_offers_only_the_events_agenda_items_and_links_a_saved_file(admin_client, event):
    mine = factories.agenda_item(event=event, title="Chuyên đề của hội nghị này")
    factories.agenda_item(event=factories.event(), title="Chuyên đề của hội nghị khác")
    saved = material(event, visibility=DELEGATES, file=upload("Tài liệu.pdf"))
    response = admin_client.get(change_url(event))
    formset = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.model is Material)
    assert list(formset.forms[0].fields["agenda_item"].queryset) == [mine]
    page = response.content.decode()
    assert f'<a href="{reverse("staff:material", args=[saved.pk])}">Tài_liệu.pdf</a>' in page
    assert "Chuyên đề của hội nghị khác" not in page


def test_a_registrar_adds_a_material_on_its_own_admin_page_from_the_events_page(event, settings):
    item = factories.agenda_item(event=event, title="Chuyên đề 3")
    material(event, visibility=DELEGATES, title="Đã có")
    _, registrar = factories.staff("registrar")
    # The event's page is read-only to a registrar, files included (linked to the staff download).
    event_page = registrar.get(change_url(event)).content.decode()
    add_url = reverse("admin:registrations_material_add") + f"?event={event.pk}"
    assert add_url in event_page
    page = registrar.get(add_url)
    assert list(page.context["adminform"].form.fields["agenda_item"].queryset) == [item]
    data = {
        "event": event.pk,
        "title": "Tài liệu chuyên đề 3",
        "file": upload("chuyen-de-3.docx", DOCX_BYTES),
        "visibility": DELEGATES,
        "agenda_item": item.pk,
        "order": 2,
    }
    response = registrar.post(add_url, data)
    assert response.status_code == 302, form_errors(response)
    saved = Material.objects.get(title="Tài liệu chuyên đề 3")
    assert (saved.event, saved.agenda_item, saved.size) == (event, item, len(DOCX_BYTES))
    listed = registrar.get(reverse("admin:registrations_material_changelist"), {"event__id__exact": event.pk})
    assert [row.title for row in listed.context["cl"].result_list] == ["Đã có", "Tài liệu chuyên đề 3"]


def test_the_admin_refuses_an_agenda_item_of_another_event(event):
    other_item = factories.agenda_item(event=factories.event(), title="Chuyên đề khác")
    _, registrar = factories.staff("registrar")
    data = {
        "event": event.pk,
        "title": "Sai chuyên đề",
        "file": upload("a.pdf"),
        "visibility": PUBLIC,
        "agenda_item": other_item.pk,
        "order": 0,
    }
    response = registrar.post(reverse("admin:registrations_material_add"), data)
    assert response.status_code == 200
    assert not Material.objects.exists()


def test_a_registrar_downloads_any_file_without_counting_it_and_an_editor_may_not(event):
    saved = material(event, visibility=DELEGATES)
    url = reverse("staff:material", args=[saved.pk])
    _, registrar = factories.staff("registrar")
    assert registrar.get(url).status_code == 200
    assert downloads(saved) == 0
    _, editor = factories.staff("editor")
    assert editor.get(url).status_code == 403
    assert english_client().get(url).status_code == 302
