"""Publishing: the admin's actions and the demo loader change an event's status here."""

from django.db import transaction
from django.utils import timezone

from ..models import Event


@transaction.atomic
def set_status(events, status: Event.Status) -> int:
    """Give each of `events` (a queryset) `status`; returns how many changed."""
    return events.exclude(status=status).update(status=status, updated_at=timezone.now())


def publish_events(events) -> int:
    return set_status(events, Event.Status.PUBLISHED)


def unpublish_events(events) -> int:
    return set_status(events, Event.Status.DRAFT)
