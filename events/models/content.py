"""What an event is made of: organisers, agenda, officials, outcomes, directives, photos, sources."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus

from briefings.models import Directive
from people.images import reencode_new_upload
from people.models import Organisation, Person, Province
from people.validators import validate_image_upload

from .event import Event

THUMBNAIL_SIZE = (480, 360)


class EventOrganiser(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("lead organiser")
        CO = "co", _("co-organiser")
        HOST = "host", _("host")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organisers", verbose_name=_("event"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="organised", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEAD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Copies of the event's start date and of whether it is published, so that an organisation's page
    # reads its newest events from the (organisation, published, date) index of this table: through the
    # events' date index, PostgreSQL walked ~4,000 published events to find an organisation's newest 50
    # at 100,000 events. Written by save() and, when the event changes, by events.summaries.
    event_date = models.DateField(_("event's start date"), null=True, editable=False)
    event_published = models.BooleanField(_("event published"), default=False, editable=False)

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "organisation"], name="event_organiser_unique")]
        indexes = [
            models.Index(
                fields=["organisation", "event_published", "-event_date", "-event"], name="event_organiser_newest"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.copy_event_fields()
        super().save(*args, **kwargs)

    def copy_event_fields(self, event=None) -> None:
        """Set the copies of `event`'s (by default the row's own event's) date and publication."""
        event = event or self.event
        self.event_date = event.start_date
        self.event_published = event.status == Event.Status.PUBLISHED


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        SPEECH = "speech", _("speech")
        PRESENTATION = "presentation", _("thematic presentation")
        REPORT = "report", _("report")
        DISCUSSION = "discussion", _("discussion")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("event"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SPEECH)
    title = models.CharField(
        _("title"), max_length=500, blank=True, help_text=_("The title of a thematic presentation or report.")
    )
    title_en = models.CharField(_("English title"), max_length=500, blank=True)
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="talks",
        verbose_name=_("speaker"),
        help_text=_("The post shown with the name is the one held on the event's date."),
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    day = models.DateField(
        pgettext_lazy("agenda item", "day"),
        null=True,
        blank=True,
        help_text=_("For an event of several days; empty means its first day."),
    )
    starts_at = models.TimeField(_("starts"), null=True, blank=True)
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    part_of_day = models.CharField(
        _("part of day"),
        max_length=10,
        choices=Event.PartOfDay.choices,
        blank=True,
        help_text=_("When the sources give no time, e.g. “chiều”."),
    )
    room = models.CharField(_("room"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["order", "pk"]
        indexes = [
            # The calendar's timed entries: the few items with a time, not every item of its events.
            models.Index(fields=["event"], condition=Q(starts_at__isnull=False), name="events_agenda_timed_idx"),
        ]

    def __str__(self):
        return self.title or f"{self.get_kind_display()}: {self.speaker or '—'}"

    @property
    def has_time(self) -> bool:
        return self.starts_at is not None or bool(self.part_of_day)

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("An agenda item must end after it starts.")
        if self.ends_at and not self.starts_at:
            errors["starts_at"] = _("Give the start time too.")
        if self.part_of_day and self.starts_at:
            errors["part_of_day"] = _("Give a time or a part of day, not both.")
        event = self.event if self.event_id else None
        if event is not None and (self.starts_at or self.part_of_day or self.day):
            if event.date_precision != Event.Precision.DAY:
                errors[NON_FIELD_ERRORS] = _("Times need an event dated to the day.")
            elif self.day:
                first, last = event.period
                if not first <= self.day <= last:
                    errors["day"] = _("This day lies outside the event's dates.")
        if errors:
            raise ValidationError(errors)


class EventOfficial(models.Model):
    """An official named as taking part who is not on the agenda, e.g. a delegation's head."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        HEAD_OF_DELEGATION = "head_of_delegation", _("head of the Vietnamese delegation")
        GUEST = "guest", _("attended")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="officials", verbose_name=_("event"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="events_attended", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.GUEST)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("official taking part")
        verbose_name_plural = _("officials taking part")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="event_official_unique")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class ParticipantGroup(models.Model):
    """A category of participants, e.g. "leaders of provincial People's Committees"."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participant_groups", verbose_name=_("event")
    )
    description = models.CharField(_("description"), max_length=255)
    description_en = models.CharField(_("English description"), max_length=255, blank=True)
    count = models.PositiveIntegerField(_("number"), null=True, blank=True, help_text=_("Empty when not given."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.description


class Outcome(models.Model):
    """What the event decided or produced, e.g. a plan adopted."""

    class Kind(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        AGREED = "agreed", _("agreed")
        SIGNED = "signed", _("signed")
        OTHER = "other", _("other result")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ADOPTED)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("English description"), blank=True)
    directive = models.ForeignKey(
        Directive,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_at",
        verbose_name=_("document"),
        help_text=_("The plan or document the outcome is, if it is recorded as a directive."),
    )
    provinces = models.ManyToManyField(
        Province,
        blank=True,
        related_name="outcomes_naming",
        verbose_name=_("provinces named"),
        help_text=_("The units of the event's day, e.g. the provinces whose departments received certificates."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="outcomes_naming",
        verbose_name=_("organisations named"),
        help_text=_("As named on the event's day, e.g. the departments given a certificate of merit."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.description[:80]

    @staticmethod
    def validate_provinces(provinces, event: Event) -> None:
        """Every province named must have existed on the event's date, as the event's own province."""
        if not event.start_date:
            return
        start, end = event.period
        valid = set(
            Province.objects.valid_between(start, end)
            .filter(pk__in=[p.pk for p in provinces])
            .values_list("pk", flat=True)
        )
        invalid = [str(province) for province in provinces if province.pk not in valid]
        if invalid:
            raise ValidationError(
                _("%(provinces)s did not exist on the event's date; choose the units of that day.")
                % {"provinces": ", ".join(invalid)}
            )


class EventDirective(models.Model):
    class Relation(models.TextChoices):
        IMPLEMENTS = "implements", _("implements")
        DISCUSSES = "discusses", _("discusses")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="directive_links", verbose_name=_("event"))
    directive = models.ForeignKey(
        Directive, on_delete=models.PROTECT, related_name="event_links", verbose_name=_("directive")
    )
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices, default=Relation.IMPLEMENTS)

    class Meta:
        verbose_name = _("directive implemented or discussed")
        verbose_name_plural = _("directives implemented or discussed")
        constraints = [models.UniqueConstraint(fields=["event", "directive"], name="event_directive_unique")]

    def __str__(self):
        return f"{self.get_relation_display()} {self.directive.short_name}"


class Photo(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("event"))
    image = models.ImageField(
        _("image"),
        upload_to="events/photos/",
        validators=[validate_image_upload],
        help_text=_("JPEG or PNG, at most 10 MB and 40 megapixels."),
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to="events/thumbnails/", blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, help_text=_("Also the image's text for screen readers."))
    caption_en = models.CharField(_("English caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("e.g. Ảnh: Hoàng Tuyết/Báo Tin tức.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.caption

    def save(self, *args, **kwargs):
        # An image not yet committed to storage is a new upload: re-encoded here, before it is stored
        # where the proxy serves it (its metadata must never be public); its thumbnail is made by a task.
        if self.image and not self.image._committed:
            reencode_new_upload(self.image)
            self.thumbnail = ""
        super().save(*args, **kwargs)
        if self.image and not self.thumbnail:
            from ..thumbnails import make_thumbnail  # that module imports this one

            # On the database queue the task is saved in this transaction; by default it runs here.
            result = make_thumbnail.enqueue(self.pk)
            if result.status == TaskResultStatus.SUCCESSFUL:
                self.thumbnail.name = result.return_value  # this instance in step with its row


class Qualifier(models.TextChoices):
    """How a source words a figure: "hơn 150 đại biểu" is more than 150, not 150."""

    EXACT = "", pgettext_lazy("figure wording", "exactly")
    MORE_THAN = "more_than", pgettext_lazy("figure wording", "more than")
    ABOUT = "about", pgettext_lazy("figure wording", "about")
    ALMOST = "almost", pgettext_lazy("figure wording", "almost")
    AT_LEAST = "at_least", pgettext_lazy("figure wording", "at least")


def qualified(number, qualifier) -> str:
    """ "hơn 150" / "more than 150": the figure as worded by its source, never finer."""
    if number is None:
        return ""
    if qualifier == Qualifier.MORE_THAN:
        return gettext("more than %(number)s") % {"number": number}
    if qualifier == Qualifier.ABOUT:
        return gettext("about %(number)s") % {"number": number}
    if qualifier == Qualifier.ALMOST:
        return gettext("almost %(number)s") % {"number": number}
    if qualifier == Qualifier.AT_LEAST:
        return gettext("at least %(number)s") % {"number": number}
    return str(number)


class Source(models.Model):
    """A press report the record is based on."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources", verbose_name=_("event"))
    publisher = models.CharField(_("publisher"), max_length=255, help_text=_("e.g. Báo Tin tức, Lamdongtv.vn."))
    title = models.CharField(_("article title"), max_length=500, blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit line"),
        max_length=255,
        blank=True,
        help_text=_("As printed, e.g. “Tin, ảnh: Hoàng Tuyết/Báo Tin tức”."),
    )
    # What this source says, worded as it words it; the event's own counts are the editor's choice.
    delegates = models.PositiveIntegerField(
        _("delegates (as this source says)"), null=True, blank=True, help_text=_("e.g. 150 for “hơn 150 đại biểu”.")
    )
    delegates_qualifier = models.CharField(
        _("delegates: wording"), max_length=10, choices=Qualifier.choices, blank=True, default=Qualifier.EXACT
    )
    provinces = models.PositiveSmallIntegerField(
        _("provinces (as this source says)"),
        null=True,
        blank=True,
        help_text=_("e.g. 63 for “của 63 tỉnh, thành phố”."),
    )
    provinces_qualifier = models.CharField(
        _("provinces: wording"), max_length=10, choices=Qualifier.choices, blank=True, default=Qualifier.EXACT
    )
    sites = models.PositiveSmallIntegerField(
        _("connected sites (as this source says)"),
        null=True,
        blank=True,
        help_text=_("e.g. 11 for “trực tuyến ở 11 điểm cầu”."),
    )
    sites_qualifier = models.CharField(
        _("connected sites: wording"), max_length=10, choices=Qualifier.choices, blank=True, default=Qualifier.EXACT
    )

    class Meta:
        verbose_name = _("press source")
        verbose_name_plural = _("press sources")
        ordering = ["published_on", "pk"]

    def __str__(self):
        return f"{self.publisher}: {self.title}" if self.title else self.publisher

    @property
    def delegates_text(self) -> str:
        return qualified(self.delegates, self.delegates_qualifier)

    @property
    def provinces_text(self) -> str:
        return qualified(self.provinces, self.provinces_qualifier)

    @property
    def sites_text(self) -> str:
        return qualified(self.sites, self.sites_qualifier)
