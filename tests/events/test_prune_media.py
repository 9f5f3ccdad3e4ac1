"""`manage.py prune_media`: uploaded files that no row names any more, old enough, in the folders the file
fields upload into, are listed, and removed with --delete; anything a row (or a historical row) names,
anything young and anything elsewhere stays."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import models

from events.bench_data import PLACEHOLDER_IMAGE, PLACEHOLDER_THUMBNAIL, placeholder_image
from events.models import Photo
from events.unreferenced_files import file_fields, upload_folder
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_root(settings):
    return Path(settings.PRIVATE_MEDIA_ROOT)


def age(*paths: Path, hours: float = 25) -> None:
    """Mark the files (or the links themselves) last changed `hours` ago."""
    then = time.time() - hours * 3600
    for path in paths:
        os.utime(path, (then, then), follow_symlinks=False)


def every_file(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def stray(root: Path, name: str, content: bytes = b"x") -> Path:
    """A file no row names, written straight into the storage."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def prune(*options: str) -> list[str]:
    out = StringIO()
    call_command("prune_media", *options, stdout=out)
    return out.getvalue().splitlines()


def test_a_replaced_photos_old_files_are_removed_with_delete_and_kept_without(media_root):
    photo = factories.photo(image=factories.image_file("first.png"))
    old = [Path(photo.image.path), Path(photo.thumbnail.path)]
    photo.image = factories.image_file("second.png")
    photo.save()
    photo.refresh_from_db()
    new = [Path(photo.image.path), Path(photo.thumbnail.path)]
    age(*old, *new)
    size = sum(path.stat().st_size for path in old)

    dry_run = prune("-v", "2")

    assert dry_run == [
        f"Would remove {old[0]} ({old[0].stat().st_size} bytes)",
        f"Would remove {old[1]} ({old[1].stat().st_size} bytes)",
        f"Dry run: 2 unreferenced file(s) older than 24 h, {size} bytes, would be removed; nothing removed "
        "(add --delete to remove them).",
    ]
    assert every_file(media_root) == sorted(old + new)

    assert prune("--delete") == [f"Removed 2 unreferenced file(s) older than 24 h, {size} bytes."]
    assert every_file(media_root) == sorted(new)
    assert prune("--delete") == ["Removed 0 unreferenced file(s) older than 24 h, 0 bytes."]


def test_files_rows_still_name_are_kept(media_root, private_root):
    photo = factories.photo()
    person = factories.person(photo=factories.image_file("portrait.png"))
    material = factories.material()
    named = [Path(photo.image.path), Path(photo.thumbnail.path), Path(person.photo.path), Path(material.file.path)]
    age(*named)

    assert prune("--delete") == ["Removed 0 unreferenced file(s) older than 24 h, 0 bytes."]
    assert sorted(every_file(media_root) + every_file(private_root)) == sorted(named)


def test_a_portrait_only_a_historical_row_names_is_kept(media_root):
    person = factories.person(photo=factories.image_file("2019.png"))
    earlier = Path(person.photo.path)
    person.photo = factories.image_file("2025.png")
    person.save()
    age(earlier, Path(person.photo.path))

    prune("--delete")
    assert earlier.exists()  # the history still shows it

    person.history.filter(photo=f"people/{earlier.name}").delete()
    prune("--delete")
    assert every_file(media_root) == [Path(person.photo.path)]


def test_a_file_younger_than_older_than_is_kept(media_root):
    upload = stray(media_root, "events/photos/uploading.jpg")
    age(upload, hours=2)

    assert prune("--delete") == ["Removed 0 unreferenced file(s) older than 24 h, 0 bytes."]
    assert upload.exists()
    assert prune("--delete", "--older-than", "1") == ["Removed 1 unreferenced file(s) older than 1 h, 1 bytes."]
    assert not upload.exists()


def test_private_files_no_row_names_are_removed_and_named_ones_stay(private_root):
    kept = factories.material()
    dropped = factories.material(file=SimpleUploadedFile("cu.pdf", b"%PDF-1.7\n%%EOF\n"))
    dropped.delete()
    stray(private_root, "exports/hoi-nghi-delegates.csv")  # a prepared list whose job is gone
    before = every_file(private_root)
    assert len(before) == 3  # deleting a row leaves its file
    age(*before)

    prune("--delete")

    assert every_file(private_root) == [Path(kept.file.path)]


def test_files_outside_the_upload_folders_are_kept(media_root, tmp_path):
    outside = [
        stray(media_root, "notes.txt"),
        stray(media_root, "events/banner.jpg"),  # the folder above the photos'
        stray(media_root, "logos/ministry.png"),
        stray(tmp_path, "elsewhere/secret.jpg"),  # reached only through a link in the photos' folder
    ]
    (media_root / "events/photos").mkdir(parents=True)
    (media_root / "events/photos/linked").symlink_to(tmp_path / "elsewhere")
    (media_root / "events/photos/linked.jpg").symlink_to(tmp_path / "elsewhere/secret.jpg")
    orphan = stray(media_root, "events/photos/orphan.jpg")
    age(*outside, orphan, media_root / "events/photos/linked.jpg")

    assert prune("--delete") == ["Removed 1 unreferenced file(s) older than 24 h, 1 bytes."]
    assert not orphan.exists()
    assert all(path.exists() for path in outside)
    assert (media_root / "events/photos/linked.jpg").is_symlink()


def test_a_file_several_rows_share_is_kept_such_as_the_bench_placeholder(media_root):
    placeholder_image()
    placeholder = [media_root / PLACEHOLDER_IMAGE, media_root / PLACEHOLDER_THUMBNAIL]
    event = factories.event()
    shared = stray(media_root, "events/photos/shared.jpg")
    Photo.objects.bulk_create(
        [Photo(event=event, caption="a", image=PLACEHOLDER_IMAGE, thumbnail=PLACEHOLDER_THUMBNAIL) for _ in range(3)]
        + [Photo(event=event, caption="b", image="events/photos/shared.jpg") for _ in range(3)]
    )
    Photo.objects.filter(caption="b").first().delete()
    age(*every_file(media_root))

    assert prune("--delete") == ["Removed 0 unreferenced file(s) older than 24 h, 0 bytes."]
    assert every_file(media_root) == sorted([shared, *placeholder])


def test_the_walked_folders_come_from_the_fields_upload_to():
    folders = {(field.model._meta.label, field.name): upload_folder(field) for _, field in file_fields()}

    assert folders == {
        ("events.Photo", "image"): "events/photos",
        ("events.Photo", "thumbnail"): "events/thumbnails",
        ("people.Person", "photo"): "people",
        ("registrations.Material", "file"): "materials",
        ("registrations.ExportJob", "file"): "exports",
    }
    for _, field in file_fields():  # a callable's folder in the command's table is where it writes
        assert field.generate_filename(field.model(), "tai-lieu.pdf").startswith(f"{upload_folder(field)}/")
    assert upload_folder(models.FileField(upload_to="scans/%Y/%m/")) == "scans"
    for unknown in (models.FileField(upload_to=lambda row, name: name), models.FileField(upload_to="%Y")):
        with pytest.raises(ImproperlyConfigured):  # a callable not in the table, the storage's root
            upload_folder(unknown)
