"""Stored files that no row names any more, for `manage.py prune_media`: a replaced or deleted event
photo and its thumbnail, a portrait no version of its person names, a training material or a prepared
delegate list whose row is gone.

They are found afterwards, never removed when a row lets go of them: that transaction may still roll
back, several app servers share the folders, the audit history still names a person's earlier
portraits, and the bench data points many photos at one placeholder image. Every file field of every
model is read (historical models included) without naming any app's models; only the folders those
fields upload into are walked, never a storage's whole root (other things may live there).
"""

import os
import posixpath
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import Storage
from django.db import models, transaction
from simple_history.models import HistoricalChanges

# The fixed folder of each callable upload_to, read from its code (what follows is made per file). Only
# these folders are walked for its files: a callable missing here stops the command rather than have
# its files kept forever unnoticed.
CALLABLE_UPLOAD_FOLDERS = {
    "registrations.models.materials.material_path": "materials",  # materials/<event>/<random>/<name>
}


@dataclass(frozen=True)
class StoredFile:
    storage: Storage
    name: str  # as a row names it, relative to the storage
    size: int  # bytes


def file_fields() -> Iterable[tuple[type[models.Model], models.FileField]]:
    """Each model with each file field whose names its rows hold. A historical model (django-simple-history)
    keeps its original's file names in a plain text column of the same name: it comes with the original's
    field, which knows the storage and the folder."""
    for model in apps.get_models():
        if model._meta.proxy:
            continue  # its rows are its concrete model's
        origin = model.instance_type if issubclass(model, HistoricalChanges) else model
        columns = {column.attname for column in model._meta.concrete_fields}
        for field in origin._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.attname in columns:
                yield model, field


def upload_folder(field: models.FileField) -> str:
    """The folder, relative to its storage, under which the field stores every file."""
    upload_to = field.upload_to
    if callable(upload_to):
        key = f"{upload_to.__module__}.{upload_to.__qualname__}"
        if key not in CALLABLE_UPLOAD_FOLDERS:
            raise ImproperlyConfigured(
                f"{field} uploads through {key}(): add the folder it writes into to CALLABLE_UPLOAD_FOLDERS "
                f"in {__name__}."
            )
        return CALLABLE_UPLOAD_FOLDERS[key]
    # A date in upload_to ("photos/%Y/%m/") is filled in per file: the folder ends before it.
    fixed, date, _ = upload_to.partition("%")
    folder = posixpath.normpath(posixpath.dirname(fixed) if date else fixed)
    if folder == ".":
        raise ImproperlyConfigured(f"{field} uploads into its storage's root, which is never walked: give it a folder.")
    return folder


def unreferenced_files(*, older_than: timedelta) -> list[StoredFile]:
    """The files under the fields' upload folders, storage by storage, unchanged for `older_than` and
    named by no row of any model. A younger file may be an upload whose transaction has not committed
    yet, or one another server is still writing."""
    cutoff = time.time() - older_than.total_seconds()
    found = []
    for storage, folders, columns in _storages():
        # Listed before the names are read, so a row that names an old file meanwhile is seen.
        old = {}
        for folder in sorted(folders):
            old.update(_files_changed_before(storage, folder, cutoff))
        if old:
            named = _names(columns)
            found += [StoredFile(storage, name, size) for name, size in sorted(old.items()) if name not in named]
    return found


def _storages() -> Iterable[tuple[Storage, set[str], list[tuple[type[models.Model], str]]]]:
    """Each storage with the folders its fields upload into and the columns that name its files. Storages
    are told apart by their folder on disk: each private file field has a storage object of its own, and
    both name files in the one private folder."""
    by_location = {}
    for model, field in file_fields():
        _, folders, columns = by_location.setdefault(field.storage.location, (field.storage, set(), []))
        folders.add(upload_folder(field))
        columns.append((model, field.attname))
    return by_location.values()


def _files_changed_before(storage: Storage, folder: str, cutoff: float) -> Iterable[tuple[str, int]]:
    """(name, size) of each file under the folder last changed before `cutoff`. storage.path() refuses a
    folder outside the storage, and symbolic links are neither followed nor listed, so the walk stays in
    it; a folder not made yet, or a file removed meanwhile (another server's run), is skipped."""
    root = PurePath(storage.location)
    for directory, _, files in os.walk(storage.path(folder)):
        for file in files:
            path = os.path.join(directory, file)
            try:
                status = os.lstat(path)
            except FileNotFoundError:
                continue
            if stat.S_ISREG(status.st_mode) and status.st_mtime < cutoff:
                yield PurePath(path).relative_to(root).as_posix(), status.st_size


def _names(columns: list[tuple[type[models.Model], str]]) -> set[str]:
    """Every file name the columns hold, read as plain values (100,000 rows never held as objects)."""
    names = set()
    # iterator() reads through a server-side cursor on PostgreSQL, which a pooler in transaction mode
    # (PgBouncer) keeps only within one transaction.
    with transaction.atomic():
        for model, column in columns:
            rows = model._base_manager.order_by().values_list(column, flat=True).distinct()
            # Normalised as the walk's names are, so a name written by hand ("events//a.jpg") still counts.
            names.update(posixpath.normpath(name) for name in rows.iterator(chunk_size=2000) if name)
    return names
