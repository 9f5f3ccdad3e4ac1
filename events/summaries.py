"""Keeps the summary tables (events/models/summary.py) right on every write that changes them."""

from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save

from .models import DirectiveEventCount, Event, EventDirective, EventOrganiser


@transaction.atomic
def refresh_directive_counts(directive_ids=None) -> None:
    """Count again the published events of the directives `directive_ids` (every directive when None)."""
    links = EventDirective.objects.filter(event__status=Event.Status.PUBLISHED)
    rows = DirectiveEventCount.objects.all()
    if directive_ids is not None:
        directive_ids = list(directive_ids)
        if not directive_ids:
            return
        links, rows = links.filter(directive__in=directive_ids), rows.filter(directive__in=directive_ids)
    counts = links.values_list("directive").annotate(n=Count("pk")).order_by()
    rows.delete()
    DirectiveEventCount.objects.bulk_create(
        [DirectiveEventCount(directive_id=directive, published_events=n) for directive, n in counts]
    )


def _event_saved(sender, instance, update_fields=None, **kwargs):
    # Publishing and unpublishing (events/services/publishing.py) save the status alone; a save that
    # leaves the status out cannot change a count.
    if update_fields is not None and "status" not in update_fields:
        return
    refresh_directive_counts(EventDirective.objects.filter(event=instance).values_list("directive", flat=True))


def _event_copied_to_organisers(sender, instance, update_fields=None, **kwargs):
    """Keep the organisers' copies of the event's date and publication (EventOrganiser.event_date and
    event_published, which the organisation page's index reads) right: one UPDATE of the event's few
    organiser rows when either changed, none for a save that leaves both out."""
    if update_fields is not None and not {"status", "start_date"} & set(update_fields):
        return
    published = instance.status == Event.Status.PUBLISHED
    stale = EventOrganiser.objects.filter(event=instance).exclude(
        event_date=instance.start_date, event_published=published
    )
    stale.update(event_date=instance.start_date, event_published=published)


def _link_changed(sender, instance, **kwargs):
    refresh_directive_counts([instance.directive_id])


def connect_signals():
    """Called from EventsConfig.ready."""
    post_save.connect(_event_saved, sender=Event, dispatch_uid="events.summaries.event_saved")
    post_save.connect(
        _event_copied_to_organisers, sender=Event, dispatch_uid="events.summaries.event_copied_to_organisers"
    )
    post_save.connect(_link_changed, sender=EventDirective, dispatch_uid="events.summaries.link_saved")
    post_delete.connect(_link_changed, sender=EventDirective, dispatch_uid="events.summaries.link_deleted")
