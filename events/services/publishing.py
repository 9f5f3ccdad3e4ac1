"""Publishing: the admin's actions and the demo loader change an event's status here."""

from django.db import transaction
from django.utils import timezone

from ..models import Event


@transaction.atomic
def set_status(events, status: Event.Status) -> int:
    """Give each of `events` (a queryset) `status`; returns how many changed.

    Each event is saved on its own, so its history gets a version with who and when (the admin's
    user, through HistoryRequestMiddleware) and `updated_at` moves; the rows are locked meanwhile.
    An event made public for the first time gets `published_at` (the feeds' publication time); one
    published again after a spell as a draft keeps its first.
    """
    changing = Event.objects.select_for_update().filter(pk__in=events.values("pk")).exclude(status=status)
    now = timezone.now()
    count = 0
    for event in changing.order_by("pk"):
        event.status = status
        fields = ["status", "updated_at"]
        if status == Event.Status.PUBLISHED and event.published_at is None:
            event.published_at = now
            fields.append("published_at")
        event.save(update_fields=fields)
        count += 1
    return count


def publish_events(events) -> int:
    return set_status(events, Event.Status.PUBLISHED)


def unpublish_events(events) -> int:
    return set_status(events, Event.Status.DRAFT)
