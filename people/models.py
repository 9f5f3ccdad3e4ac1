from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from . import dates
from .history import History
from .images import reencode_new_upload
from .search import SearchableModel, SearchableQuerySet
from .text import format_partial_date, unique_slug
from .validators import validate_image_upload

VIETNAM = "Việt Nam"


class ProvinceQuerySet(SearchableQuerySet):
    def valid_on(self, day: date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def valid_between(self, start: date, end: date):
        """Units that existed on at least one day from `start` to `end`."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )

    def current(self):
        return self.filter(valid_to__isnull=True)


class Province(SearchableModel):
    """A province-level unit as it existed between two dates.

    The code alone is not an identity: Lâm Đồng (68) before 2025-07-01 and after it are two units,
    the first of which became part of the second.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", pgettext_lazy("province kind", "province")
        CITY = "city", _("centrally-run city")

    code = models.CharField(_("code"), max_length=2, help_text=_("Code of the national statistics office."))
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty when the unit predates our records.")
    )
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Empty for a current unit."))
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("became part of"),
        help_text=_("The unit this one became (part of) the day after it ceased."),
    )

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code", "-valid_to"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_to"], name="province_code_valid_to_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_to__isnull=True), name="province_one_current_unit_per_code"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="province_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        if self.valid_to:
            return _("%(name)s (until %(date)s)") % {"name": self.name, "date": self.valid_to.strftime("%d/%m/%Y")}
        return self.name

    def search_parts(self):
        return [self.name, self.name_en, self.code]

    name_leads_search_text = False

    def name_parts(self):
        return self.search_parts()

    @property
    def is_current(self):
        return self.valid_to is None


class Organisation(SearchableModel):
    """A body as it was named and placed at one time; a rename or merger is a lineage record."""

    class Kind(models.TextChoices):
        PARTY_BODY = "party_body", _("Party central body")
        PARTY_COMMISSION = "party_commission", _("Party commission")
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        GOVERNMENT = "government", _("Government")
        MINISTRY = "ministry", _("ministry")
        DEPARTMENT = "department", _("department")
        AGENCY = "agency", _("agency")
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        PROVINCIAL_DEPARTMENT = "provincial_department", _("provincial department")
        PRESS = "press", _("press")
        PROVINCIAL_PARTY_COMMITTEE = "provincial_party_committee", _("provincial Party committee (Tỉnh ủy, Thành ủy)")
        PROVINCIAL_PARTY_BOARD = "provincial_party_board", _("board of a provincial Party committee")
        STEERING_COMMITTEE = "steering_committee", _("steering committee (Ban Chỉ đạo)")
        ACADEMY = "academy", _("academy")
        RESEARCH_INSTITUTE = "research_institute", _("research institute (Viện)")
        NATIONAL_COMMISSION = "national_commission", _("national commission")
        INTERNATIONAL = "international", _("international body")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=50, blank=True, help_text=_("Vietnamese abbreviation, e.g. Bộ TT&TT.")
    )
    abbreviation_en = models.CharField(_("English abbreviation"), max_length=50, blank=True, help_text=_("e.g. MIC."))
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True, help_text=_("Leave empty to make one."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("part of"),
        help_text=_("e.g. Vụ Hợp tác quốc tế is part of Bộ TT&TT."),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("province"),
        help_text=_("Only for provincial bodies such as a People's Committee."),
    )
    country = models.CharField(
        _("country"), max_length=100, blank=True, default=VIETNAM, help_text=_("Empty for an international body.")
    )
    website = models.URLField(_("website"), blank=True)

    history = History()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.abbreviation_en or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:organisation-detail", kwargs={"slug": self.slug})

    def search_parts(self):
        return [self.name, self.name_en, self.abbreviation, self.abbreviation_en]

    name_leads_search_text = False

    def name_parts(self):
        return self.search_parts()

    def clean(self):
        seen, ancestor = set(), self.parent
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An organisation cannot be part of itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class OrganisationChange(models.Model):
    """Dated lineage: `organisation` was merged into, split into or renamed to `successor`."""

    class Kind(models.TextChoices):
        MERGED_INTO = "merged_into", _("merged into")
        SPLIT_INTO = "split_into", _("part transferred to")
        RENAMED_TO = "renamed_to", _("renamed to")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="changes", verbose_name=_("organisation")
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    successor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="precursor_changes", verbose_name=_("successor")
    )
    date = models.DateField(_("date"), help_text=_("The day the change took effect."))
    note = models.CharField(
        _("note"), max_length=255, blank=True, help_text=_("What passed over, e.g. the press portfolio.")
    )

    class Meta:
        verbose_name = _("organisation change")
        verbose_name_plural = _("organisation changes")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "successor"], name="organisation_change_unique"),
            models.CheckConstraint(condition=~Q(organisation=F("successor")), name="organisation_change_not_to_itself"),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.get_kind_display()} → {self.successor} ({self.date:%d/%m/%Y})"

    def clean(self):
        if self.organisation_id and self.organisation_id == self.successor_id:
            raise ValidationError({"successor": _("An organisation cannot change into itself.")})


GIVEN_NAME_NEEDED = _("A person needs a given name; for a person known by one name, give it here.")


class AcademicTitleChoice(models.TextChoices):
    """In rank order, lowest first: a later title supersedes an earlier one."""

    MASTER = "ThS", _("MA")
    DR = "TS", _("Dr.")
    ASSOC_PROF_DR = "PGS.TS", _("Assoc. Prof. Dr.")
    PROF_DR = "GS.TS", _("Prof. Dr.")


class Person(SearchableModel):
    """An official. Name parts are kept as written; they are never guessed from the last word."""

    class Honorific(models.TextChoices):
        MR = "mr", _("Mr")
        MS = "ms", _("Ms")
        COMRADE = "comrade", _("Comrade (Đồng chí, Đ/c)")
        EXCELLENCY = "excellency", _("H.E. (Ngài)")
        U = "u", pgettext_lazy("Myanmar honorific", "U (Myanmar, men)")
        DAW = "daw", pgettext_lazy("Myanmar honorific", "Daw (Myanmar, women)")

    family_name = models.CharField(
        _("family name"),
        max_length=50,
        blank=True,
        help_text=_("e.g. Nguyễn. Empty for a person known by one name, e.g. U Aung Kyi."),
    )
    middle_name = models.CharField(_("middle name"), max_length=100, blank=True, help_text=_("e.g. Thành."))
    given_name = models.CharField(
        _("given name"),
        max_length=50,
        help_text=_("e.g. Hưng. Every person needs one: for a person known by one name, that name."),
        error_messages={"blank": GIVEN_NAME_NEEDED},
    )
    honorific = models.CharField(_("honorific"), max_length=12, choices=Honorific.choices, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True, help_text=_("Leave empty to make one."))
    photo = models.ImageField(
        _("photo"),
        upload_to="people/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPEG or PNG, at most 10 MB and 40 megapixels."),
    )
    bio = models.TextField(_("short biography"), blank=True)
    bio_en = models.TextField(_("short biography in English"), blank=True)

    history = History()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["given_name", "family_name", "middle_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        reencode_new_upload(self.photo)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:person-detail", kwargs={"slug": self.slug})

    def search_parts(self):
        return [self.full_name]

    @property
    def full_name(self):
        """Family name first, as Vietnamese names are written."""
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    @cached_property
    def academic_title(self) -> str:
        """The title held today by the rule of `title_held_during`, e.g. "PGS.TS", or "".

        A page about an event sets it to the title of the event's date (events.queries); prefetch
        `academic_titles` to read it for many people without a query each.
        """
        today = timezone.localdate()
        return title_held_during(self.academic_titles.all(), today, today)

    @property
    def display_name(self):
        return f"{self.academic_title} {self.full_name}" if self.academic_title else self.full_name


def title_held_during(titles, first: date, last: date) -> str:
    """The academic title (a code such as "PGS.TS") that `titles`, one person's rows, give for the
    days `first` to `last`, or "" when none does. The rule, in full:

    - a dated row says the title was held from its date on (titles are kept for life; a later
      title supersedes an earlier one). At month or year precision its date is the first day of
      that month or year, so a title "in 2018" counts for every event in 2018, as a post known for
      a day overlaps a period that contains the day;
    - the dated row with the latest date on or before `last` wins (on the same date, the higher
      title);
    - with no such row, an undated row ("known, date unknown") counts (the highest, if several), so
      a title recorded without a date is shown at any date until a dated row supersedes it;
    - otherwise there is no title.
    """
    rank = {code: n for n, code in enumerate(AcademicTitleChoice.values)}
    dated = [t for t in titles if t.held_from is not None and t.held_from <= last]
    if dated:
        return max(dated, key=lambda t: (t.held_from, rank.get(t.title, -1))).title
    undated = [t for t in titles if t.held_from is None]
    return max(undated, key=lambda t: rank.get(t.title, -1)).title if undated else ""


class AcademicTitle(models.Model):
    """An academic title a person held from a date (or at an unknown date), e.g. TS in 2018, PGS.TS
    in 2025. Which one applies at a date: `title_held_during`."""

    Precision = dates.Precision

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="academic_titles", verbose_name=_("person")
    )
    title = models.CharField(_("academic title"), max_length=10, choices=AcademicTitleChoice.choices)
    held_from = models.DateField(
        _("held from"),
        null=True,
        blank=True,
        help_text=_(
            "The day it was conferred or the first date a source shows it, e.g. the day of the event an "
            "article reports. Empty when not known: the title then counts at any date until a dated one "
            "supersedes it."
        ),
    )
    precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("How precisely the source dates it; with “year only” only the year is kept."),
    )
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_("Where the title is attested."))

    history = History()

    class Meta:
        verbose_name = _("academic title")
        verbose_name_plural = _("academic titles")
        ordering = [F("held_from").asc(nulls_first=True), "pk"]

    def __str__(self):
        since = self.display_date
        label = self.get_title_display()
        return _("%(title)s (since %(date)s)") % {"title": label, "date": since} if since else str(label)

    def save(self, *args, **kwargs):
        self.held_from = self._truncated(self.held_from)
        super().save(*args, **kwargs)

    def _truncated(self, day):
        return dates.truncated(day, self.precision)

    @property
    def display_date(self) -> str:
        """ "2018", "6/2018", "8/3/2025", or "" when not known."""
        day = self.held_from
        if day is None:
            return ""
        return format_partial_date(day, self.precision, get_language() or "vi")


class PositionQuerySet(SearchableQuerySet):
    """Which posts were held when, counting only what is known.

    A post with a start date runs until its end date (open if none). A post known only from a
    dated source (no start, no end) counts only on that day, so a post an article proves for 2016
    is not shown as current in 2026. `Position.is_held_during` applies the same rule in Python.
    """

    def held_during(self, first: date, last: date):
        started = Q(start_date__lte=last) | Q(start_date__isnull=True, attested_on__lte=last)
        # A post attested for a month or a year counts for the whole of it: its `attested_on` is
        # the period's first day, which overlaps `first`–`last` when it is on or after the first day
        # of the month (year) that holds `first`.
        precision = Position.Precision
        attested_until = (
            Q(attested_precision=precision.DAY, attested_on__gte=first)
            | Q(attested_precision=precision.MONTH, attested_on__gte=first.replace(day=1))
            | Q(attested_precision=precision.YEAR, attested_on__gte=first.replace(month=1, day=1))
        )
        not_ended = (
            Q(end_date__gte=first)
            | Q(end_date__isnull=True, start_date__isnull=False)
            | Q(attested_until, end_date__isnull=True, start_date__isnull=True)
        )
        return self.filter(started, not_ended)

    def held_on(self, day: date):
        return self.held_during(day, day)


class Position(SearchableModel):
    """A post an official held, with the dates that are known."""

    Precision = dates.Precision

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person"))
    title = models.CharField(
        pgettext_lazy("post", "title"), max_length=255, help_text=_("e.g. Thứ trưởng, Phó Vụ trưởng.")
    )
    title_en = models.CharField(
        pgettext_lazy("post", "English title"), max_length=255, blank=True, help_text=_("e.g. Deputy Minister.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("organisation"),
        help_text=_("The body of that day, e.g. Bộ TT&TT for a 2016 post, not its successor."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True, help_text=_("Empty when not known."))
    end_date = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty when not known or still held."))
    attested_on = models.DateField(
        _("known to be held on"),
        null=True,
        blank=True,
        help_text=_("The date a source shows the post held, e.g. the day of the event an article reports."),
    )
    attested_precision = models.CharField(
        _("precision of that date"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_(
            "How precisely the source dates it, e.g. “month” for an event the article dates to 6/2024; "
            "pages never show more than this."
        ),
    )
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_("Where the post is attested."))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first among posts held at the same time.")
    )

    objects = PositionQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["order", "-start_date", "-attested_on"]
        indexes = [models.Index(fields=["person", "start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=False) | Q(attested_on__isnull=False),
                name="position_start_or_attested",
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.organisation.name}"

    def save(self, *args, **kwargs):
        self.attested_on = self._truncated(self.attested_on)
        super().save(*args, **kwargs)

    def search_parts(self):
        return [self.title, self.title_en]

    def _truncated(self, day):
        return dates.truncated(day, self.attested_precision)

    @property
    def attested_period(self) -> tuple[date, date] | None:
        """The first and last day `attested_on` may stand for, given its precision."""
        if self.attested_on is None:
            return None
        return dates.period(self.attested_on, self.attested_precision)

    @property
    def attested_display(self) -> str:
        """The source's date at its precision in the page's language: "2024", "6/2024" ("Jun 2024"),
        "8/3/2025" ("8 Mar 2025"), or "" when none is recorded."""
        day = self._truncated(self.attested_on)
        if day is None:
            return ""
        return format_partial_date(day, self.attested_precision, get_language() or settings.LANGUAGE_CODE)

    def is_held_during(self, first: date, last: date) -> bool:
        """The rule of `PositionQuerySet.held_during`, for posts already loaded."""
        attested = self.attested_period
        start = self.start_date or attested[0]
        if self.end_date:
            end = self.end_date
        elif self.start_date:
            end = date.max
        else:
            end = attested[1]
        return start <= last and end >= first

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("A post cannot end before it starts.")
        if not self.start_date and not self.attested_on:
            errors["attested_on"] = _("Give the start date or a date the post is known to be held on.")
        attested = self.attested_period
        if attested and (
            (self.start_date and attested[1] < self.start_date) or (self.end_date and attested[0] > self.end_date)
        ):
            errors["attested_on"] = _("This date lies outside the post's start and end.")
        if errors:
            raise ValidationError(errors)
