"""Small summary tables the public pages read instead of aggregating many rows per request."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectiveEventCount(models.Model):
    """How many published events each directive is linked to (the home page's "most trained on").

    Kept by events.summaries on every change of a link and of an event's status: grouping 200,000
    links at 100,000 events took each worker a quarter of a second after every edit.
    """

    directive = models.OneToOneField(
        "briefings.Directive",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="published_event_count",
        verbose_name=_("directive"),
    )
    published_events = models.PositiveIntegerField(_("published events"), default=0)

    class Meta:
        verbose_name = _("directive's published events")
        verbose_name_plural = _("directives' published events")
        indexes = [models.Index(fields=["-published_events"])]

    def __str__(self):
        return f"{self.directive_id}: {self.published_events}"
