"""Training materials: the check of an upload, who may read which file, and the download count.

A file is public (listed on the event page, downloadable by anyone while the event's page is public)
or for delegates only: reached through a delegate's confirmation code, or by an officer of a province
with delegates at the event. The files live outside MEDIA_ROOT (models.materials.PrivateStorage), so
these rules are the only way to them.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.signals import post_delete, post_save
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from events.cache import bump_public_version
from events.models import AgendaItem, Event
from events.queries import public_events
from events.statements import Statement, columns, loaded
from people.models import Province

from .models import Material, Registration

Status = Registration.Status
# The statuses whose code opens the confirmation page (views.portal.confirmation), and so its files.
CONFIRMED = (Status.CONFIRMED, Status.ATTENDED)

PDF = b"%PDF-"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # the compound file of Office 97–2003 (DOC, PPT, XLS)
# The main part's content type of each Office Open XML kind: a macro-enabled file or a template
# renamed to .docx declares another one and is refused.
OOXML_MAIN = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
EXTENSIONS = (".pdf", ".doc", ".ppt", *OOXML_MAIN)
# [Content_Types].xml lists a few dozen parts; reading more of it than this would only feed a zip bomb.
CONTENT_TYPES_LIMIT = 256 * 1024


# --- the check of an upload --------------------------------------------------------------------------


def max_material_bytes() -> int:
    return settings.TTDN_MATERIAL_MAX_MB * 1024 * 1024


def validate_upload(file) -> None:
    """Refuse a file over TTDN_MATERIAL_MAX_MB, of another type than PDF, DOC, DOCX, PPT, PPTX or XLSX,
    or whose content is not what its name says (a ValidationError with a code)."""
    if file.size > max_material_bytes():
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_material_bytes())},
        )
    extension = PurePath(file.name).suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("Only PDF, Word (DOC, DOCX), PowerPoint (PPT, PPTX) and Excel (XLSX) files can be attached."),
            code="file_type",
        )
    if not _content_matches(file, extension):
        raise ValidationError(
            _("The file's content is not a %(type)s file, whatever its name says; nothing was saved."),
            code="file_content",
            params={"type": extension.lstrip(".").upper()},
        )


def _content_matches(file, extension: str) -> bool:
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        if extension == ".pdf":
            return file.read(len(PDF)) == PDF
        if extension in (".doc", ".ppt"):
            return file.read(len(OLE2)) == OLE2
        return _declares_main_part(file, OOXML_MAIN[extension])
    finally:
        file.seek(position)


def _declares_main_part(file, content_type: str) -> bool:
    try:
        with zipfile.ZipFile(file) as archive, archive.open("[Content_Types].xml") as part:
            declared = part.read(CONTENT_TYPES_LIMIT)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError):
        # Not a zip, no such part, or one it cannot read (encrypted, an unknown compression).
        return False
    return f'ContentType="{content_type}"'.encode() in declared


# --- reads ----------------------------------------------------------------------------------------


def _public_of(event_id):
    public = Material.objects.filter(event=event_id, visibility=Material.Visibility.PUBLIC)
    return public.values_list(*columns(Material), *columns(AgendaItem, "agenda_item__"))


# Compiled once (events.statements): read on every event page, most often to find there are none.
_PUBLIC = Statement(Material, _public_of, int)


def public_materials(event: Event) -> list[Material]:
    """The files anyone may download from `event`'s page, each with its agenda item."""
    found = []
    for row in _PUBLIC.rows(event.pk):
        material = loaded(Material, row)
        material.agenda_item = loaded(AgendaItem, row, len(columns(Material)))
        found.append(material)
    return found


def materials_for_delegate(registration: Registration) -> QuerySet[Material]:
    """Every file of the delegate's event, public or not."""
    return Material.objects.filter(event_id=registration.event_id).select_related("agenda_item")


def _seated(province: Province) -> Exists:
    """Whether `province` has a delegate holding a seat (or who came) at the material's event: its
    officers may read the event's delegates-only files."""
    return Exists(
        Registration.objects.filter(event=OuterRef("event"), province=province, status__in=Registration.HOLDS_SEAT)
    )


def materials_for_officer(event: Event, province: Province) -> QuerySet[Material]:
    """Every file of `event` if `province` has delegates there, else none."""
    return Material.objects.filter(_seated(province), event=event).select_related("agenda_item")


def public_material(slug: str, pk: int) -> Material:
    """The public file `pk` of the public event `slug`; Material.DoesNotExist for anything else."""
    return Material.objects.get(
        pk=pk, event__in=public_events(), event__slug=slug, visibility=Material.Visibility.PUBLIC
    )


def delegate_material(code: str, pk: int) -> Material:
    """The file `pk` of the event of the delegate whose confirmation code is `code`."""
    delegate = Registration.objects.filter(event=OuterRef("event"), code=code, status__in=CONFIRMED)
    return Material.objects.get(Exists(delegate), pk=pk)


def officer_material(province: Province, slug: str, pk: int) -> Material:
    """The file `pk` of the event `slug`, for an officer of a province with delegates there."""
    return Material.objects.get(_seated(province), pk=pk, event__slug=slug)


# --- writes ---------------------------------------------------------------------------------------


def count_download(material: Material) -> None:
    """One more download, counted in the database: two downloads at once are both counted. An update,
    not a save, so the public pages' cache (bumped on every save) is left alone."""
    Material.objects.filter(pk=material.pk).update(download_count=F("download_count") + 1)


def _public_content_changed(sender, **kwargs):
    bump_public_version()


def connect() -> None:
    """The event page lists public files: adding, changing or removing one makes stored pages out of date."""
    post_save.connect(_public_content_changed, sender=Material, dispatch_uid="public-cache-save-material")
    post_delete.connect(_public_content_changed, sender=Material, dispatch_uid="public-cache-delete-material")
