"""Photo thumbnails made by a task: at once on the immediate backend; on the database queue the event
page shows the photo itself until the worker has made the thumbnail, which it makes once."""

import os

import pytest
from django_tasks_db.models import DBTaskResult
from PIL import Image

from events.models import Event, Photo
from events.thumbnails import make_thumbnail
from tests import factories

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def published_event():
    return factories.event(status=Event.Status.PUBLISHED)


def img_src(client, event) -> str:
    page = client.get(event.get_absolute_url()).content.decode()
    return page.split('<img src="', 1)[1].split('"', 1)[0]


def thumbnails(media_root) -> list[str]:
    folder = media_root / "events" / "thumbnails"
    return sorted(os.listdir(folder)) if folder.exists() else []


def test_on_the_immediate_backend_the_thumbnail_is_made_with_the_upload(client):
    photo = factories.photo(event=published_event(), image=factories.image_file(size=(1600, 1000)))

    assert photo.thumbnail.name == Photo.objects.get().thumbnail.name != ""
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert thumbnail.size == (480, 300)
    assert img_src(client, photo.event) == photo.thumbnail.url


# Committed, as a reader's page is: pages are neither served from the cache nor stored in it inside a
# transaction. serialized_rollback puts back the provinces the migrations loaded.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_the_database_queue_the_page_shows_the_photo_until_the_worker_made_its_thumbnail(
    client, settings, media_root
):
    settings.TASKS = DATABASE_QUEUE
    photo = factories.photo(event=published_event(), image=factories.image_file(size=(1600, 1000)))
    (queued,) = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [photo.pk]
    assert (photo.thumbnail.name, thumbnails(media_root)) == ("", [])
    assert img_src(client, photo.event) == photo.image.url
    assert client.get(photo.event.get_absolute_url())["X-Page-Cache"] == "hit"

    name = make_thumbnail.call(photo.pk)

    assert name == Photo.objects.get().thumbnail.name == "events/thumbnails/photo.jpg"
    assert img_src(client, photo.event) == f"/media/{name}"  # the stored page was put out of date
    assert make_thumbnail.call(photo.pk) == name  # a retry, or the task run twice: nothing made again
    assert thumbnails(media_root) == ["photo.jpg"]


def test_a_new_image_saved_before_the_worker_ran_gets_its_own_thumbnail(settings):
    settings.TASKS = DATABASE_QUEUE
    photo = factories.photo(image=factories.image_file(size=(1600, 1000)))
    make_thumbnail.call(photo.pk)
    photo.refresh_from_db()

    photo.image = factories.image_file("portrait.png", size=(600, 900))
    photo.save()

    assert Photo.objects.get().thumbnail.name == ""
    assert DBTaskResult.objects.count() == 2
    name = make_thumbnail.call(photo.pk)
    assert name.startswith("events/thumbnails/portrait")
    with Image.open(Photo.objects.get().thumbnail.path) as thumbnail:
        assert thumbnail.size == (240, 360)


def test_the_task_of_a_photo_deleted_meanwhile_does_nothing(settings):
    settings.TASKS = DATABASE_QUEUE
    photo = factories.photo()
    Photo.objects.filter(pk=photo.pk).delete()
    assert make_thumbnail.call(photo.pk) == ""
