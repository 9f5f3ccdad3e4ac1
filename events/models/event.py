import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from people import dates
from people.history import History
from people.models import VIETNAM, Province
from people.search import SearchableModel, SearchableQuerySet
from people.text import format_day, format_partial_date, unique_slug


class EventSeries(SearchableModel):
    """A recurring meeting, e.g. AMRI, held every two years under a rotating chair."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True, help_text=_("e.g. AMRI."))
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True, help_text=_("Leave empty to make one."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("How often it meets and who chairs, e.g. every two years, rotating.")
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.abbreviation or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:series-detail", kwargs={"slug": self.slug})

    def search_parts(self):
        return [self.name, self.name_en, self.abbreviation]


class EventQuerySet(SearchableQuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)


class Event(SearchableModel):
    class Kind(models.TextChoices):
        TRAINING = "training", _("training conference")
        CONFERENCE = "conference", _("conference")
        SEMINAR = "seminar", _("seminar")
        MINISTERIAL = "ministerial", _("ministerial meeting")
        REVIEW = "review", _("review conference")
        SENIOR_OFFICIALS = "som", _("senior officials' meeting (SOM)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    Precision = dates.Precision

    class PartOfDay(models.TextChoices):
        MORNING = "morning", pgettext_lazy("part of day", "morning")
        AFTERNOON = "afternoon", pgettext_lazy("part of day", "afternoon")
        EVENING = "evening", pgettext_lazy("part of day", "evening")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("English title"), max_length=500, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True, help_text=_("Leave empty to make one."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    edition = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True, help_text=_("Number within the series, e.g. 13 for AMRI-13.")
    )
    start_date = models.DateField(
        _("start date"),
        help_text=_("With the precision “year only”, only the year is kept; the page shows just the year."),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty for a one-day event."))
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("How precisely the sources date the event. Pages never show more than this."),
    )
    part_of_day = models.CharField(
        _("part of day"), max_length=10, choices=PartOfDay.choices, blank=True, help_text=_("e.g. “chiều 8/3”.")
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("e.g. Đà Lạt, Cebu."))
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("province"),
        help_text=_("The unit of the event's day: a 2024 event in Đà Lạt is in the old Tỉnh Lâm Đồng."),
    )
    country = models.CharField(_("country"), max_length=100, default=VIETNAM)
    theme = models.CharField(_("theme"), max_length=500, blank=True)
    theme_en = models.CharField(_("English theme"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True, help_text=_("e.g. 320 delegates.")
    )
    province_count = models.PositiveSmallIntegerField(
        _("number of provinces represented"), null=True, blank=True, help_text=_("e.g. 63.")
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the event was first made public; the feeds' publication time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()
    # The parts of an event (organisers, agenda, photos…) are rows of their own and not in this history;
    # relations to other events keep a history of their own (EventRelation).
    history = History()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date", "title"]
        indexes = [
            models.Index(fields=["status", "-start_date"]),
            models.Index(fields=["series", "edition"]),
            # The public list's order: its first pages read 20 index entries instead of sorting every event.
            models.Index(fields=["-start_date", "title"]),
            # An event page's previous and next in its series.
            models.Index(fields=["series", "start_date"]),
            # The sitemap's latest change: one index entry per public status, not a scan of every event.
            models.Index(fields=["status", "updated_at"]),
            # The calendar's window, read in order of each event's last day (events/ics.py).
            models.Index(Coalesce("end_date", "start_date"), "id", name="events_event_last_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name="event_end_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.display_date})"

    def save(self, *args, **kwargs):
        self.start_date = self._truncated(self.start_date)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            # Any writer that publishes (the admin's form, a factory) dates it as the publishing service does.
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        if not self.slug:
            year = str(self.start_date.year)
            # The year tells editions apart, once: a title that names it already keeps it.
            named = re.search(rf"(?<!\d){year}(?!\d)", self.title)
            self.slug = unique_slug(self, self.title if named else f"{self.title} {year}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def search_parts(self):
        return [self.title, self.title_en, self.theme, self.theme_en, self.venue, self.city, self.country]

    def _truncated(self, day):
        return dates.truncated(day, self.date_precision)

    @property
    def period(self) -> tuple[date, date]:
        """The first and last day the event may have taken place, given its precision."""
        if self.end_date:
            return self._truncated(self.start_date), self.end_date
        return dates.period(self.start_date, self.date_precision)

    @property
    def display_date(self) -> str:
        """In the page's language: "2024", "3/2025", "17/3/2016", "chiều 8/3/2025", "7/3/2025 – 8/3/2025";
        in English "Mar 2025", "17 Mar 2016", "afternoon 8 Mar 2025", so no day and month are confused."""
        language = get_language() or settings.LANGUAGE_CODE
        start = self.start_date
        text = format_partial_date(start, self.date_precision, language)
        if self.date_precision == self.Precision.DAY and self.part_of_day:
            text = f"{self.get_part_of_day_display()} {text}"
        if self.end_date and self.end_date != start:
            text += f" – {format_day(self.end_date, language)}"
        return text

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self._truncated(self.start_date):
            errors["end_date"] = _("The event cannot end before it starts.")
        if self.part_of_day and self.date_precision != self.Precision.DAY:
            errors["part_of_day"] = _("A part of day needs a date given to the day.")
        if self.province_id and self.country != VIETNAM:
            errors["province"] = _("A province can only be given for an event in Việt Nam.")
        if self.province_id and self.start_date and "end_date" not in errors:
            start, end = self.period
            if not Province.objects.valid_between(start, end).filter(pk=self.province_id).exists():
                errors["province"] = _(
                    "%(province)s did not exist on the event's date; choose the unit of that day."
                ) % {"province": self.province}
        if self.edition and not self.series_id:
            errors["edition"] = _("An edition number needs a series.")
        if errors:
            raise ValidationError(errors)


class EventRelation(models.Model):
    """How one event stands to another, read from `from_event`: "AMRI-13 is followed by AMRI-14".

    One row serves both pages: `to_event` shows the inverse ("preceded by"), so no mirror row is kept.
    """

    class Kind(models.TextChoices):
        FOLLOWED_BY = "followed_by", pgettext_lazy("event relation", "followed by")
        PRECEDED_BY = "preceded_by", pgettext_lazy("event relation", "preceded by")
        FOLLOW_UP_OF = "follow_up_of", pgettext_lazy("event relation", "follow-up of")
        PART_OF = "part_of", pgettext_lazy("event relation", "part of")
        SAME_SERIES = "same_series", pgettext_lazy("event relation", "same series as")
        RELATED = "related", pgettext_lazy("event relation", "related to")

    # What the other event's page says of the relation.
    INVERSE_LABELS = {
        Kind.FOLLOWED_BY: pgettext_lazy("event relation", "preceded by"),
        Kind.PRECEDED_BY: pgettext_lazy("event relation", "followed by"),
        Kind.FOLLOW_UP_OF: pgettext_lazy("event relation", "followed up by"),
        Kind.PART_OF: pgettext_lazy("event relation", "includes"),
        Kind.SAME_SERIES: pgettext_lazy("event relation", "same series as"),
        Kind.RELATED: pgettext_lazy("event relation", "related to"),
    }

    from_event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="relations_from", verbose_name=_("event")
    )
    to_event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="relations_to", verbose_name=_("other event")
    )
    kind = models.CharField(_("relation"), max_length=12, choices=Kind.choices, default=Kind.RELATED)

    history = History()

    class Meta:
        verbose_name = _("related event")
        verbose_name_plural = _("related events")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["from_event", "to_event"], name="event_relation_unique"),
            models.CheckConstraint(condition=~Q(from_event=F("to_event")), name="event_relation_not_to_itself"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.to_event}"

    def label_for(self, event) -> str:
        """The relation as `event`'s page states it: the kind on its own side, the inverse on the other."""
        return self.get_kind_display() if event.pk == self.from_event_id else str(self.INVERSE_LABELS[self.kind])

    def clean(self):
        if self.from_event_id and self.from_event_id == self.to_event_id:
            raise ValidationError({"to_event": _("An event cannot be related to itself.")})
        if (
            self.from_event_id
            and self.to_event_id
            and EventRelation.objects.filter(from_event=self.to_event_id, to_event=self.from_event_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"to_event": _("The other event already records a relation to this one.")})
